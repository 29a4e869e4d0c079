"""Territories: split an award line's "who" into territories, and tell their kind.

French award lines name one or several territories: "A et B", "A, B et C",
"A et la B", sometimes followed by the service that carried the project
("… (CANGT) service du Plan Local pour l'Insertion …"). A connector only splits
where what follows looks like a territory (a kind word, or an article and a
capital), so names such as "Vallée de l'Ubaye Serre-Ponçon" stay whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .profile import Profile
from .text import clean, fold, sentence_case

PREPOSITION = re.compile(r"^(?:à|a|au|aux)\s+", re.I)
ARTICLE = re.compile(r"^(?:la|le|les)\s+|^l['’]\s*", re.I)
CONNECTOR = re.compile(r"\s*(?:,|;|&|\bet\b)\s+")
ACRONYM = re.compile(r"\s*\(\s*([A-ZÀ-Ü0-9][A-ZÀ-Ü0-9&\-. ]{1,14})\s*\)")
# What starts a service of a territory rather than another territory.
SERVICE = re.compile(r"^(?:(?:son|sa|le|la|au|du)\s+)?(?:service|direction|p[oô]le|mission|cellule)\s+"
                     r"(?:d[eu]s?|de\s+la|de\s+l['’]|d['’])", re.I)
STATE_DIRECTION = re.compile(r"^direction\s+(?:departementale|regionale|interdepartementale|interministerielle)")


@dataclass(frozen=True)
class Territory:
    name: str
    kind: str
    acronym: str | None = None
    service: str | None = None


def split(text: str, profile: Profile) -> list[Territory]:
    text = PREPOSITION.sub("", clean(text).strip(" ,;:-–"))
    pieces: list[str] = []
    pos = 0
    for m in CONNECTOR.finditer(text):
        if m.start() < pos:
            continue
        following, current = text[m.end():], text[pos:m.start()]
        in_service = cut_service(current)[1] is not None
        if current.strip() and starts_territory(following, profile, strict=in_service):
            pieces.append(text[pos:m.start()])
            pos = m.end()
    pieces.append(text[pos:])
    out: list[Territory] = []
    for piece in pieces:
        name, service = cut_service(piece.strip())
        if not name and out and service:  # "…, service de …" after a territory
            out[-1] = Territory(out[-1].name, out[-1].kind, out[-1].acronym, service)
            continue
        if name:
            out.append(make(name, service, profile))
    return out


def cut_service(piece: str) -> tuple[str, str | None]:
    """("Communauté … (CANGT)", "service du Plan Local …") from one piece of the award line."""
    for m in re.finditer(r"(?:\s|\))", piece):
        rest = piece[m.end():] if m.group() != ")" else piece[m.end():].lstrip()
        if SERVICE.match(rest) and not STATE_DIRECTION.match(fold(rest)):
            return piece[:m.end()].strip(" ,-–"), clean(rest)
    return piece, None


def starts_territory(following: str, profile: Profile, strict: bool = False) -> bool:
    """Does the text after a connector begin another territory? `strict`: only a kind word counts."""
    if SERVICE.match(following) and not STATE_DIRECTION.match(fold(following)):
        return False
    bare = ARTICLE.sub("", PREPOSITION.sub("", following))
    head = re.split(r"\s*(?:,|;|\bet\b)\s+", bare, maxsplit=1)[0]
    if kind_of(head, profile) != "autre":
        return True
    return not strict and bool(ARTICLE.match(following)) and bare[:1].isupper()


def make(name: str, service: str | None, profile: Profile) -> Territory:
    acronym = None
    m = ACRONYM.search(name)
    if m:
        acronym = m.group(1).strip()
        name = (name[:m.start()] + name[m.end():]).strip()
    bare = ARTICLE.sub("", name)
    if bare != name and kind_of(bare, profile) != "autre":
        name = bare  # "la Ville de Paris" → "Ville de Paris"; "La Fibre64" keeps its article
    name = sentence_case(name)
    return Territory(name=name, kind=kind_of(name, profile), acronym=acronym, service=service)


def kind_of(name: str, profile: Profile) -> str:
    folded = fold(name)
    for kind, patterns in profile.kinds:
        if any(p.search(folded) for p in patterns):
            return kind
    return "autre"
