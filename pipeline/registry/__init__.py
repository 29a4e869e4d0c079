"""France's registry of local governments (communes, EPCI, départements, régions), shipped as
data, and the matching of printed territory names against it. See `match` for the rules."""

from .data import Entry, Registry, load
from .match import Link, is_territory_name, link_card, lookup, registered

__all__ = [
    "Entry",
    "Link",
    "Registry",
    "is_territory_name",
    "link_card",
    "load",
    "lookup",
    "registered",
]
