"""Territories: split an award line's "who" into territories, and tell their kind.

French award lines name one or several territories: "A et B", "A, B et C",
"A et la B", sometimes followed by the service that carried the project
("… (CANGT) service du Plan Local pour l'Insertion …"). A connector only splits
where what follows looks like a territory (a kind word, or an article and a
capital), so names such as "Vallée de l'Ubaye Serre-Ponçon" stay whole.

Each territory also gets its canonical name (the institution's title spelled as the
profile spells it, "du", "de la"… in lower case: "Communauté d'Agglomération du …" →
"Communauté d'agglomération du …") and the place it is named after (what the name
says besides the title: "Département de la Loire" → "Loire", "Rennes Métropole" → "Rennes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import registry
from ..profiles.profile import Profile
from ..text import SPACES, clean, fold, fold_map, sentence_case

PREPOSITION = re.compile(r"^(?:à|a|au|aux)\s+", re.I)
ARTICLE = re.compile(r"^(?:la|le|les)\s+|^l['’]\s*", re.I)
CONNECTOR = re.compile(r"\s*(?:,|;|&|/|\bet\b)\s+")  # "A, B et C", "A / B"
ACRONYM = re.compile(r"\s*\(\s*([A-ZÀ-Ü0-9][A-ZÀ-Ü0-9&\-. ]{1,14})\s*\)")
# What starts a service of a territory rather than another territory.
SERVICE = re.compile(
    r"^(?:(?:son|sa|le|la|au|du)\s+)?(?:service|direction|p[oô]le|mission|cellule)\s+"
    r"(?:d[eu]s?|de\s+la|de\s+l['’]|d['’])",
    re.I,
)
STATE_DIRECTION = re.compile(
    r"^direction\s+(?:departementale|regionale|interdepartementale|interministerielle)"
)
# How a title is joined to the place after it (folded): "de la Loire", "d'Ajaccio", "du Sicoval".
SMALL_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "sur",
    "en",
    "l",
    "d",
}  # lower case inside a place name
LINK = re.compile(r"\s*(?:(?:du|des)\s+|(?:de\s+|d')(?P<article>la\s+|l'\s*)?)")


@dataclass(frozen=True)
class TerritoryName:
    name: str
    kind: str
    acronym: str | None = None
    service: str | None = None
    canonical: str = ""
    place: str | None = None


def split(text: str, profile: Profile) -> list[TerritoryName]:
    text = PREPOSITION.sub("", clean(text).strip(" ,;:-–"))
    pieces: list[str] = []
    pos = 0
    for m in CONNECTOR.finditer(text):
        if m.start() < pos:
            continue
        following, current = text[m.end() :], text[pos : m.start()]
        in_service = cut_service(current)[1] is not None
        if current.strip() and cut_here(current, m.group(), following, profile, in_service):
            pieces.append(text[pos : m.start()])
            pos = m.end()
    pieces.append(text[pos:])
    out: list[TerritoryName] = []
    for piece in pieces:
        name, service = cut_service(piece.strip())
        if not name and out and service:  # "…, service de …" after a territory
            out[-1] = replace(out[-1], service=service)
            continue
        if name:
            out.append(make(name, service, profile))
    return out


def cut_here(current: str, joint: str, following: str, profile: Profile, in_service: bool) -> bool:
    """Does the connector `joint` between `current` and `following` separate two territories?
    As `starts_territory` says, unless the registry knows better: a registered name is not cut
    ("Communauté de communes Cœur et Coteaux du Comminges"), and two registered names side by
    side are two ("Lunas et Bergerac")."""
    says = starts_territory(following, profile, strict=in_service)
    if in_service:
        return says
    left, right = (
        ACRONYM.sub("", s).strip() for s in (current, CONNECTOR.split(following, maxsplit=1)[0])
    )
    if registry.registered(f"{left}{joint}{right}"):
        return False
    return says or (registry.registered(left) and registry.registered(right))


def cut_service(piece: str) -> tuple[str, str | None]:
    """("Communauté … (CANGT)", "service du Plan Local …") from one piece of the award line."""
    for m in re.finditer(r"(?:\s|\))", piece):
        rest = piece[m.end() :] if m.group() != ")" else piece[m.end() :].lstrip()
        if SERVICE.match(rest) and not STATE_DIRECTION.match(fold(rest)):
            return piece[: m.end()].strip(" ,-–"), clean(rest)
    return piece, None


def starts_territory(following: str, profile: Profile, strict: bool = False) -> bool:
    """Does the text after a connector begin another territory? `strict`: only a kind word
    counts."""
    if SERVICE.match(following) and not STATE_DIRECTION.match(fold(following)):
        return False
    bare = ARTICLE.sub("", PREPOSITION.sub("", following))
    head = re.split(r"\s*(?:,|;|\bet\b)\s+", bare, maxsplit=1)[0]
    if kind_of(head, profile) != "autre":
        return True
    return not strict and bool(ARTICLE.match(following)) and bare[:1].isupper()


def make(name: str, service: str | None, profile: Profile) -> TerritoryName:
    acronym = None
    m = ACRONYM.search(name)
    if m:
        acronym = m.group(1).strip()
        name = (name[: m.start()] + name[m.end() :]).strip()
    bare = ARTICLE.sub("", name)
    if bare != name and kind_of(bare, profile) != "autre":
        name = bare  # "la Ville de Paris" → "Ville de Paris"; "La Fibre64" keeps its article
    name = sentence_case(name)
    canonical, place = named_after(name, profile)
    return TerritoryName(
        name=name,
        kind=kind_of(name, profile),
        acronym=acronym,
        service=service,
        canonical=canonical,
        place=place,
    )


def named_after(name: str, profile: Profile) -> tuple[str, str | None]:
    """(canonical name, place) of a territory's name, from the first title the profile knows in
    it."""
    folded, idx = fold_map(name)
    for title, pattern in profile.titles:
        m = pattern.search(folded)
        if not m:
            continue
        if m.start() > 0:  # "Rennes Métropole": the place, then the title
            place = cased(name[: idx[m.start()]].strip())
            return f"{place} {title}".strip(), place or None
        link = LINK.match(
            folded, m.end()
        )  # "Département de la Loire": the title, a link, the place
        end = link.end() if link else m.end()
        if (
            link
            and link.group("article")
            and name[idx[link.start("article")]].isupper()
            and not name.isupper()
        ):
            end = link.start("article")  # "Ville de La Rochelle": the article is the place's own
        joint = SPACES.sub(" ", folded[m.end() : end]).strip()
        place = cased(name[idx[end] :].strip())
        head = f"{title} {joint}" if joint else title
        return (head + ("" if head.endswith("'") else " ") + place).strip(), place or None
    return sentence_case(name), None


def cased(place: str) -> str:
    """A place printed in capitals ("LOIRE-ATLANTIQUE") in title case; else as printed."""
    if not place.isupper():
        return place
    return sentence_case(
        re.sub(
            r"[^\W\d_]+",
            lambda m: (
                m.group().lower() if m.group().lower() in SMALL_WORDS else m.group().capitalize()
            ),
            place,
        )
    )


def kind_of(name: str, profile: Profile) -> str:
    folded = fold(name)
    for kind, patterns in profile.kinds:
        if any(p.search(folded) for p in patterns):
            return kind
    return "autre"
