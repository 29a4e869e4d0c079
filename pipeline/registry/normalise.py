"""Names reduced to what identifies a territory, the same way for printed and official names.

"Communauté d'Agglomération du Nord Grande Terre" (printed) and "CA du Nord Grande Terre"
(official) must meet, as must "Grenoble Alpes Métropole" and "Grenoble-Alpes-Métropole", or
"Conseil départemental de Loir-et-Cher" and "Loir-et-Cher". A name's *key* is folded
(case, accents, ligatures), its punctuation made spaces (hyphens, apostrophes, brackets' content
and quoted subtitles dropped), "St"/"Ste" spelled out, and the small words (articles, "de", "et")
dropped. The institution's title ("Ville de", "Communauté de communes", "CA", "… Métropole")
says which kind of registry entry to look in, and is taken off the key of printed names and of
the registry's EPCI names (communes, départements and régions carry no title officially).

The registry's 38 000 names are folded together, as one newline-joined text (Unicode
decomposition, then a byte translation table: C loops), so that loading it stays well under
a tenth of a second.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Institution titles (folded, punctuation already made spaces), by the registry kind they name:
# a commune, an EPCI of a given type (CC, CA, CU, METRO), a département, a région.
LEADING = {
    "commune": r"ville|mairie|commune|municipalite",
    "CC": r"communaute (?:de )?communes|com com|cdc|cc",
    "CA": r"communaute (?:d )?agglomeration|agglomeration|agglo|ca",
    "CU": r"communaute urbaine|cu",
    "METRO": r"metropole europeenne|eurometropole|metropole",
    "departement": r"conseil departemental|conseil general|departement",
    "region": r"conseil regional|region|collectivite territoriale|collectivite",
}
# Titles that follow the place: "Rennes Métropole", "Loire Forez Agglomération".
TRAILING = {"METRO": r"metropole", "CA": r"agglomeration|agglo"}
EPCI_TYPES = ("CC", "CA", "CU", "METRO")

ASIDE = re.compile(r"\([^()\n]*\)|[\"“«][^\"”»\n]*[\"”»]")  # "(CCEL)", a quoted subtitle
MARKS = re.compile("[\u0300-\u036f]+")  # the accents NFKD takes apart
LIGATURES = (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"))  # what NFKD keeps whole
# Bytes of the ASCII text kept as they are (digits, lower-case letters, newlines), capitals
# lowered; every other byte (punctuation, what was not ASCII) becomes a space.
KEPT = set(b"0123456789abcdefghijklmnopqrstuvwxyz\n")
ASCII_WORDS = bytes(b if b in KEPT else b + 32 if 65 <= b <= 90 else 32 for b in range(256))
SAINTS = {"st": "saint", "ste": "sainte"}
SMALL_WORDS = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux"}
ANY_LEADING = re.compile(r"^(?:(?:" + "|".join(LEADING.values()) + r") )+")
ANY_TRAILING = re.compile(r" (?:" + "|".join(TRAILING.values()) + r")$")
LEADING_BY_KIND = {kind: re.compile(rf"^(?:{words}) ") for kind, words in LEADING.items()}
TRAILING_BY_KIND = {kind: re.compile(rf" (?:{words})$") for kind, words in TRAILING.items()}


@dataclass(frozen=True)
class Parsed:
    """A printed name as the registry reads it: the kind its title names (None without a title),
    the key of its place (title off) and the key of the whole name (title kept)."""

    kind: str | None
    key: str
    whole: str


def folded_lines(text: str) -> list[str]:
    """Each line of `text` in lower-case ASCII words: bracketed parts and quoted subtitles out,
    accents off, punctuation made spaces."""
    text = MARKS.sub("", unicodedata.normalize("NFKD", ASIDE.sub(" ", text)))
    for ligature, letters in LIGATURES:
        text = text.replace(ligature, letters)
    plain = text.encode("ascii", "replace").translate(ASCII_WORDS).decode("ascii")
    return plain.split("\n")


def tidy(text: str) -> str:
    """Saints spelled out, small words out: the last step of a key."""
    return " ".join([SAINTS.get(w, w) for w in text.split() if w not in SMALL_WORDS])


def untitled(text: str) -> str:
    """Folded words without the institution's titles that lead or end them."""
    return ANY_TRAILING.sub("", ANY_LEADING.sub("", " ".join(text.split())))


def keys(names: list[str], titled: bool) -> list[str]:
    """The key of each name; `titled`: names that may carry an institution's title (EPCI)."""
    lines = folded_lines("\n".join(names))
    return [tidy(untitled(line)) for line in lines] if titled else [tidy(line) for line in lines]


def parse(name: str) -> Parsed:
    """The kind a printed name's title says, and its keys."""
    text = whole = " ".join(folded_lines(name.replace("\n", " "))[0].split())
    kind = None
    for candidate, pattern in LEADING_BY_KIND.items():
        stripped = pattern.sub("", text, count=1)
        if stripped != text:
            kind, text = candidate, ANY_LEADING.sub("", stripped)
            break
    for candidate, pattern in TRAILING_BY_KIND.items():
        stripped = pattern.sub("", text, count=1)
        if stripped != text and stripped:
            kind, text = kind or candidate, stripped
            break
    return Parsed(kind=kind, key=tidy(text), whole=tidy(whole))


def verbatim(printed: str, official: str) -> bool:
    """The official name is the printed one, or ends it right after the title ("Ville de Paris",
    "Ville d'Ajaccio"), case aside: an exact match."""
    printed, official = (
        " ".join(s.replace("\u2019", "'").casefold().split()) for s in (printed, official)
    )
    return printed == official or any(printed.endswith(joint + official) for joint in (" ", "'"))
