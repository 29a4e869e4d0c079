"""Edition profiles: the wordings of each design of the yearbook, as validated TOML files."""
