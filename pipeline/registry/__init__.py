"""France's registry of local governments (communes, EPCI, départements, régions), shipped as
data, and the matching of printed territory names against it. See `match` for the rules."""

from .data import Entry, Registry, load
from .match import Link, link_card, lookup, names_a_territory, registered

__all__ = [
    "Entry",
    "Link",
    "Registry",
    "link_card",
    "load",
    "lookup",
    "names_a_territory",
    "registered",
]
