"""Running conversions: the command line, batches, and the child processes that bound each file."""
