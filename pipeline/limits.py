"""What bounds one file's conversion by default: `Options` takes these, and the command line's
help quotes them without importing the options' model (its parser is built before the
conversion's modules are imported, see `run.cli`)."""

TIMEOUT = 600.0  # seconds one file may take
MAX_PAGES = 2000  # pages a file may have
MAX_MEMORY = 4096  # MiB of memory (address space) one file's conversion may add
