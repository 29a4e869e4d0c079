"""Key figures: numbers with their unit and what they count, as numbers.

French writing: a decimal comma ("97,3"), spaces, non-breaking or thin spaces between
thousands ("12 500"), the unit glued or not ("30€", "30 €"), scales in words
("2,5 millions d'euros"). A figure is kept when it has a unit ("97,3%", "985,48 km²",
"6 mois") or counts something ("12 500 demandes", "250 capteurs"): a bare number
("la phase 2") says nothing worth charting. Numbers that are part of a name
("Fibre64", "COVID-19", "CO2", "3D") or of a date (the caller passes the dates' spans)
are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text import fold_map

SPACE = "[ \u00a0\u202f\u2009]"
NUMBER = re.compile(
    rf"(?<![\w\-/.,])(?P<int>\d{{1,3}}(?:{SPACE}\d{{3}})+|\d+)(?:,(?P<dec>\d+))?(?![\d])"
)
# Folded unit → canonical unit; longest spellings first.
UNITS = {
    "%": "%",
    "pour cent": "%",
    "€": "€",
    "euros": "€",
    "euro": "€",
    "k€": "€",
    "m€": "€",
    "keur": "€",
    "km2": "km²",
    "m2": "m²",
    "m3": "m³",
    "km": "km",
    "ha": "ha",
    "hectares": "ha",
    "hectare": "ha",
    "t/an": "t/an",
    "tonnes": "t",
    "tonne": "t",
    "t": "t",
    "kg": "kg",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "kw": "kW",
    "mw": "MW",
    "go": "Go",
    "to": "To",
    "mbit/s": "Mbit/s",
    "gbit/s": "Gbit/s",
    "heures": "h",
    "heure": "h",
    "h": "h",
    "minutes": "min",
    "minute": "min",
    "min": "min",
    "secondes": "s",
    "jours": "jours",
    "jour": "jours",
    "semaines": "semaines",
    "semaine": "semaines",
    "mois": "mois",
    "ans": "ans",
    "an": "ans",
    "annees": "ans",
    "annee": "ans",
}
SCALES = {
    "k€": 1e3,
    "m€": 1e6,
    "keur": 1e3,
    "millions": 1e6,
    "million": 1e6,
    "milliards": 1e9,
    "milliard": 1e9,
    "milliers": 1e3,
    "millier": 1e3,
}
SCALE = re.compile(r"\s(?P<scale>millions?|milliards?|milliers?)(?:\s+de\s+|\s+d'\s*|\s*(?=€))")
UNIT = re.compile(
    r"\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![\w²³])"
)
WORD = re.compile(r"\s*(?P<word>[a-zà-ÿœæ][\w'’-]*(?:/[a-z]+)?)")
# Words after a number that are not what it counts ("1 fois par jour" is a frequency, no count).
FUNCTION = {
    "de",
    "des",
    "du",
    "d",
    "le",
    "la",
    "les",
    "l",
    "et",
    "ou",
    "a",
    "à",
    "au",
    "aux",
    "en",
    "par",
    "pour",
    "sur",
    "dans",
    "avec",
    "sans",
    "sous",
    "vers",
    "entre",
    "chez",
    "qui",
    "que",
    "dont",
    "ont",
    "sont",
    "est",
    "fois",
    "pas",
    "plus",
    "moins",
    "environ",
    "soit",
    "contre",
    "vs",
    "se",
    "sa",
    "son",
    "ses",
    "leur",
    "leurs",
    "y",
    "ne",
}
ADJECTIVES = {
    "autres",
    "nouveaux",
    "nouvelles",
    "premiers",
    "premieres",
    "premières",
    "derniers",
    "dernieres",
    "dernières",
    "grands",
    "grandes",
    "petits",
    "petites",
    "principaux",
    "principales",
    "seuls",
    "seules",
}


@dataclass(frozen=True)
class FigureFound:
    offset: int
    text: str
    value: int | float
    unit: str | None
    counts: str | None


def find(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[FigureFound]:
    """The key figures of the text, leaving out the spans (start, end) already `taken` (dates)."""
    folded, idx = fold_map(text)
    out = []
    for m in NUMBER.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found = figure(m, text, folded, idx)
        if found is not None:
            out.append(found)
    return out


def figure(m: re.Match, text: str, folded: str, idx: Sequence[int]) -> FigureFound | None:
    """The figure a number starts, when it has a unit or counts something."""
    value = float(re.sub(r"\D", "", m.group("int")) + "." + (m.group("dec") or "0"))
    measured = measure(value, folded, folded_pos(idx, m.end()))
    if measured is None:
        return None
    value, unit, at = measured
    end, counts = idx[at], None
    if unit in (None, "%"):
        counts, counts_end = counted(text, end, share=unit == "%")
        if unit is None and counts:
            end = counts_end  # "12 500 demandes"
    if unit is None and counts is None:
        return None
    number = int(value) if value.is_integer() else round(value, 6)
    return FigureFound(m.start(), text[m.start() : end].rstrip(), number, unit, counts)


def measure(value: float, folded: str, at: int) -> tuple[float, str | None, int] | None:
    """The value scaled by the words after it ("2,5 millions", "30 k€"), its unit, and where
    they end in the folded text; None when letters glued to the number make it part of a
    name ("3D", "8ème", "4G")."""
    unit = None
    scale = SCALE.match(folded, at)
    if scale:
        value, at = value * SCALES[scale.group("scale")], scale.end()
    u = UNIT.match(folded, at)
    if u:
        unit, at = UNITS[u.group("unit")], u.end()
        value *= SCALES.get(u.group("unit"), 1)
    elif not scale and folded[at : at + 1].isalpha():
        return None
    return value, unit, at


def folded_pos(idx: Sequence[int], original: int) -> int:
    """The folded index where the original character `original` starts."""
    lo, hi = 0, len(idx) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if idx[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def counted(text: str, pos: int, share: bool) -> tuple[str | None, int]:
    """What a number counts and where that word ends: the noun right after it ("12 500
    demandes"), past a few adjectives ("9 autres communes"); for a share, the noun after
    "de" ("98% des agents", where the figure itself stays "98%")."""
    words: list[re.Match[str]] = []
    while len(words) < 3 and (m := WORD.match(text, pos)):
        words.append(m)
        pos = m.end()
    if share:
        first = words[0].group("word").lower() if words else ""
        if first in ("de", "des", "du"):
            words = words[1:]
        elif not re.match(r"d['’]\w", first):
            return None, 0
    while words and words[0].group("word").lower() in ADJECTIVES:
        words = words[1:]
    if not words:
        return None, 0
    word = re.sub(r"^[dl]['’]", "", words[0].group("word"))
    if word.lower() in FUNCTION:
        return None, 0
    return word, words[0].end()
