"""Review: the archivist's corrections file (applied by every conversion), the review app."""
