"""Edition profiles: the wordings of each design of the yearbook, as validated TOML files.

The files are listed here, where the command line's parser finds their names without
importing the profiles' model (`profile`).
"""

from pathlib import Path

PROFILES = Path(__file__).parent


def available() -> dict[str, Path]:
    """The profiles shipped, by name."""
    return {p.stem: p for p in sorted(PROFILES.glob("*.toml"))}


def located(name: str) -> Path:
    """The file of the profile `name`, shipped or not."""
    return available().get(name, PROFILES / f"{name}.toml")
