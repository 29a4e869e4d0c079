"""A printed territory name → the registry's entry, or an honest "absent" or "ambiguous".

A name is looked up by its key (see `normalise`) in the registry groups its title names
(a "Ville de" among the communes, a "Communauté d'agglomération" among the EPCI…, all of them
without a title). Found as printed (the official name ends the printed one) it is `exact`; found
by its key, `normalised`; else it is compared with rapidfuzz to the keys of those groups and taken
only above a strict similarity (`fuzzy`). Nothing else is ever taken: a syndicate, a state service,
an EPCI merged away since the yearbook was printed stays `absent`.

Homonyms (37 000 communes share 1 400 names) are told apart on the card: a commune that belongs
to an EPCI awarded with it, else the one in the département (then the région) of the card's other
territories. When that still leaves several, none is chosen: `ambiguous`, with the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .data import GROUPS, Entry, load
from .normalise import EPCI_TYPES, Parsed, parse, verbatim

# Least rapidfuzz ratio (0-100, indel similarity) between two keys of as many words for a fuzzy
# match: one wrong letter in ten ("montpelier" / "montpellier" is 95), none in a name of five
# letters. A key with a word more or less is another name ("Marseille Provence Métropole",
# merged in 2016, is not "Métropole d'Aix-Marseille-Provence", though their ratio is 90).
FUZZY_RATIO = 90
# An EPCI's official name often says more than the yearbook ("CA Cannes Pays de Lérins" printed
# "Cannes Lérins"): the printed key is a fuzzy match when the official one only adds words of
# these, and the printed key holds at least SUBSET_SHARE of the official one's letters.
FILLERS = frozenset(
    {
        "pays",
        "grand",
        "agglo",
        "agglomeration",
        "communaute",
        "communes",
        "territoire",
        "territoires",
        "intercommunalite",
        "urbaine",
        "metropole",
    }
)
SUBSET_SHARE = 0.7
# Fuzzy candidates this close to the best one (in ratio points) make the match ambiguous.
FUZZY_MARGIN = 3
# Territories of these kinds (as the profile tells them) are not local governments: never matched.
NOT_REGISTERED = ("syndicat", "etat")
# Printed names whose lookup is kept (a fuzzy one scans every key of the registry): more than a
# 400-page yearbook's lines that are asked.
LOOKUPS_KEPT = 8192
KIND_GROUPS: dict[str | None, tuple[str, ...]] = {
    "commune": ("commune",),
    "departement": ("departement",),
    "region": ("region",),
    **{kind: ("epci",) for kind in EPCI_TYPES},
}


@dataclass(frozen=True)
class Found:
    """What a name's lookup found: `exact`, `normalised` or `fuzzy`, and the entries (several
    for homonyms); `similarity` in 0-1."""

    match: str
    entries: tuple[Entry, ...]
    similarity: float = 1.0


@dataclass(frozen=True)
class Link:
    """A territory's place in the registry: `match` is exact, normalised, fuzzy, absent or
    ambiguous; `entry` the one linked; `candidates` those an ambiguous name could be."""

    match: str
    entry: Entry | None = None
    candidates: tuple[Entry, ...] = ()


@lru_cache(maxsize=LOOKUPS_KEPT)
def lookup(name: str) -> Found | None:
    """The registry's entries a printed name may be, before the card's context is heard; kept,
    since a yearbook asks the same names again (its cards, their heads, their indexes)."""
    parsed = parse(name)
    return known(name, parsed) or fuzzy(parsed, KIND_GROUPS.get(parsed.kind, GROUPS))


def known(name: str, parsed: Parsed) -> Found | None:
    """The entries found by key (`exact` when the official name ends the printed one)."""
    entries = by_key(parsed, KIND_GROUPS.get(parsed.kind, GROUPS))
    if not entries:
        return None
    exact = [e for e in entries if verbatim(name, e.name)]
    return Found(
        "exact" if exact else "normalised", tuple(preferred(exact or entries, parsed.kind))
    )


def by_key(parsed: Parsed, groups) -> list[Entry]:
    """Entries whose key is the name's, its title off; else the whole name's ("Ville-d'Avray")."""
    registry = load()
    for key in dict.fromkeys((parsed.key, parsed.whole)):
        found = registry.find(key, groups) if key else []
        if found:
            return found
    return []


def preferred(entries: list[Entry], kind: str | None) -> list[Entry]:
    """The entries of the EPCI type the title names, when some are ("Métropole de Lyon", not the
    commune); else all: a "Limoges Métropole" is the registry's communauté urbaine."""
    if kind not in EPCI_TYPES:
        return entries
    same = [e for e in entries if e.kind == kind or (kind == "METRO" and e.kind == "MET69")]
    return same or entries


def fuzzy(parsed: Parsed, groups) -> Found | None:
    """The entries whose key is nearest the name's, above FUZZY_RATIO (or the EPCI whose key
    holds all its words, SUBSET_SHARE); those within FUZZY_MARGIN of the best are all returned."""
    if not parsed.key:
        return None
    registry = load()
    words = len(parsed.key.split())
    scored: list[tuple[float, Entry]] = []
    for group in groups:
        hits = process.extract(
            parsed.key,
            registry.worded[group].get(words, {}),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_RATIO,
            limit=None,
        )
        if group == "epci":
            hits += [
                (key, 100.0 * share(parsed.key, key), row)
                for key, _, row in process.extract(
                    parsed.key,
                    registry.keys(group),
                    scorer=fuzz.token_set_ratio,
                    score_cutoff=100,
                    limit=None,
                )
                if abridged(parsed.key, key)
            ]
        scored += [(score, registry.entry(group, row)) for _, score, row in hits]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    near = dict.fromkeys(
        e for score, e in sorted(scored, key=lambda s: -s[0]) if score >= best - FUZZY_MARGIN
    )
    return Found("fuzzy", tuple(preferred(list(near), parsed.kind)), best / 100)


def share(key: str, other: str) -> float:
    """How much of the longer key the shorter one is, in letters."""
    return min(len(key), len(other)) / max(len(key), len(other), 1)


def abridged(printed: str, official: str) -> bool:
    """Is the printed key the official one without some of its FILLERS ("cannes lerins",
    "cannes pays lerins")? token_set_ratio already found every printed word in the official key."""
    extra = set(official.split()) - set(printed.split())
    return bool(extra) and extra <= FILLERS and share(printed, official) >= SUBSET_SHARE


def link_card(territories: list[tuple[str, str]]) -> list[Link]:
    """The link of each (printed name, kind) of one card: a homonym is told apart by the card's
    other territories (those found without doubt)."""
    found = [None if kind in NOT_REGISTERED else lookup(name) for name, kind in territories]
    settled = [f.entries[0] for f in found if f and len(f.entries) == 1]
    out = []
    for f in found:
        if f is None:
            out.append(Link("absent"))
            continue
        entries = narrow(list(f.entries), settled) if len(f.entries) > 1 else list(f.entries)
        out.append(
            Link(f.match, entries[0])
            if len(entries) == 1
            else Link("ambiguous", None, tuple(entries))
        )
    return out


def narrow(entries: list[Entry], settled: list[Entry]) -> list[Entry]:
    """Homonyms narrowed by the card's settled territories: membership of an EPCI (either way),
    then the same département, then the same région; a test that keeps none is skipped."""
    tests = (
        lambda e, s: e.code in s.members or s.code in e.members,
        lambda e, s: (
            s.group in ("commune", "epci", "departement") and e.departement == s.departement
        ),
        lambda e, s: e.region == s.region,
    )
    for test in tests:
        kept = [e for e in entries if any(test(e, s) for s in settled)]
        if kept:
            entries = kept
        if len(entries) == 1:
            break
    return entries


def registered(name: str) -> bool:
    """Is this a name of the registry, as printed or by its key (not a fuzzy likeness)?"""
    return known(name, parse(name)) is not None


def names_a_territory(text: str) -> bool:
    """Does `text` (one line) name a local government the registry knows: a place under an
    institution's title, or one a letter or two away ("Ville de Montpelier"); a name printed
    without title only as registered ("Lunas": a word of prose can be near a commune's name,
    so no likeness is looked for)?"""
    parsed = parse(text)
    return (lookup(text) if parsed.kind else known(text, parsed)) is not None
