"""Dates: every date expression of a text, normalised to ISO 8601.

The expressions are found with the patterns of French writing ("le 1er avril 2019",
"les 22 et 23 mars 2023", "du 1er mars au 15 avril 2024", "depuis avril 2019",
"l'été 2022", "entre 2020 et 2023", "2020-2023", "12/03/2023", "en 2019"), on folded
text so that accents and typographic apostrophes do not matter; the patterns give each end
as numbers (day, month, year; seasons as ISO 8601-2 codes), and the calendar tells an
impossible date ("31 novembre 2023", "12/13/2023" read day first): that one is kept, marked
invalid, never moved to another day.

dateparser did the normalising until its loading (0.28 s of every enriched run) was found to
be spent on strings the patterns had already taken apart; it also gave a date to numbers that
are none ("05/00/2023" took the current month, "07/18/2023" was read month first).

A date without a year ("le 5 juin") is left out: its year cannot be told from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import fold_map

MONTHS = {
    "janvier": 1,
    "janv.": 1,
    "fevrier": 2,
    "fevr.": 2,
    "fev.": 2,
    "mars": 3,
    "avril": 4,
    "avr.": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil.": 7,
    "aout": 8,
    "septembre": 9,
    "sept.": 9,
    "octobre": 10,
    "oct.": 10,
    "novembre": 11,
    "nov.": 11,
    "decembre": 12,
    "dec.": 12,
}
MONTH_NAMES = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
SEASONS = {"printemps": 21, "ete": 22, "automne": 23, "hiver": 24}  # ISO 8601-2 (EDTF) season codes

DAY = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
MONTH = "(?:" + "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True)) + r")(?!\w)"
YEAR = r"(?:19|20)\d\d(?!\d)"
WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
TO = r"\s*(?:au|a|-|–)\s*"

# Longest forms first; every group name says which end (1 start, 2 end) and what it holds.
FORMS = [
    # les 22 et 23 mars 2023, du 22 au 23 mars 2023, 22-23 mars 2023
    rf"(?:(?:les|du)\s+)?(?P<rd1>{DAY})(?:\s+et\s+|{TO})(?P<rd2>{DAY})\s+(?P<rm2>{MONTH})\s+(?P<ry2>{YEAR})",
    # du 1er mars au 15 avril 2024, entre le 1er mars et le 15 avril 2024
    rf"(?:du|entre\s+le)\s+(?P<fd1>{DAY})\s+(?P<fm1>{MONTH})(?:\s+(?P<fy1>{YEAR}))?(?:\s+et\s+le\s+|{TO})"
    rf"(?:le\s+)?(?P<fd2>{DAY})\s+(?P<fm2>{MONTH})\s+(?P<fy2>{YEAR})",
    # de janvier à mars 2024; entre mars et juin 2023, novembre et décembre 2019
    rf"(?:(?:de|d')\s*)?(?P<mm1>{MONTH})(?:\s+(?P<my1>{YEAR}))?{TO}(?P<mm2>{MONTH})\s+(?P<my2>{YEAR})",
    rf"(?:entre\s+)?(?P<em1>{MONTH})(?:\s+(?P<ey1>{YEAR}))?\s+et\s+(?P<em2>{MONTH})\s+(?P<ey2>{YEAR})",
    # entre 2020 et 2023, de 2020 à 2023, 2020-2023
    rf"(?:entre|de)\s+(?P<yy1>{YEAR})\s+(?:et|a|au)\s+(?P<yy2>{YEAR})",
    rf"(?P<hy1>{YEAR})\s*[-–/]\s*(?P<hy2>{YEAR})",
    # le 1er avril 2019, mardi 3 octobre 2015
    rf"{WEEKDAY}(?P<d>{DAY})\s+(?P<dm>{MONTH})\s+(?P<dy>{YEAR})",
    # 12/03/2023, 12.03.2023
    r"(?P<nd>[0-3]?\d)[/.](?P<nm>[01]?\d)[/.](?P<ny>(?:19|20)\d\d)(?!\d)",
    # avril 2019
    rf"(?P<m>{MONTH})\s+(?P<my>{YEAR})",
    # l'été 2022
    rf"(?P<s>printemps|ete|automne|hiver)\s+(?P<sy>{YEAR})",
    # en 2019
    rf"(?P<y>{YEAR})",
]
PATTERN = re.compile(r"(?<![\w/.,-])(?:" + "|".join(f"(?:{f})" for f in FORMS) + r")(?![\w])")
# A number followed by what it counts or measures is no year: "2000 habitants", "1950 €".
COUNTED = re.compile(
    r"\s*(?:%|€|\$|[a-z]{3,}[sx]\b|k?m2|km\b|m3|kwh|mwh|gwh|ha\b|t\b|kg\b|euros?\b)"
)
# Words ending in s or x after a year that say nothing counted ("en 2019 dans", "2020 puis").
NOT_COUNTED = {
    "dans",
    "sous",
    "vers",
    "plus",
    "puis",
    "mais",
    "alors",
    "depuis",
    "apres",
    "tres",
    "nous",
    "vous",
    "leurs",
    "tous",
    "toutes",
    "deux",
    "trois",
}


@dataclass(frozen=True)
class DateFound:
    """A date or a range as written, at `offset` in its text, and its ISO value."""

    offset: int
    text: str
    precision: str  # day | month | year | season
    start: str | None  # ISO: 2023-03-22, 2023-03, 2023 or 2022-22 (a season, ISO 8601-2)
    end: str | None  # the same as `start` for a single date
    valid: bool  # False: the calendar has no such day ("31 novembre 2023")

    @property
    def value(self) -> str | None:
        """One ISO value: the date, or "start/end" for a range; None when invalid."""
        if not self.valid:
            return None
        return self.start if self.start == self.end else f"{self.start}/{self.end}"


def find(text: str) -> list[DateFound]:
    """Every date expression of the text, in order."""
    folded, idx = fold_map(text)
    out = []
    for m in PATTERN.finditer(folded):
        if m.group("y") and counts_something(folded, m.end()):
            continue
        ends = bounds(m)
        if ends is None:
            continue
        (start, _), (end, precision) = ends
        valid = start is not None and end is not None and start <= end
        a, b = idx[m.start()], idx[m.end()]
        out.append(
            DateFound(
                a, text[a:b], precision, start if valid else None, end if valid else None, valid
            )
        )
    return out


def counts_something(folded: str, pos: int) -> bool:
    """Is the year-like number ending at `pos` followed by what it counts or measures ("2000
    habitants")?"""
    m = COUNTED.match(folded, pos)
    return m is not None and m.group().strip() not in NOT_COUNTED


def bounds(m: re.Match):
    """((start ISO, precision), (end ISO, precision)) of a match; ISO None for an impossible day."""
    g = m.groupdict()
    if g["rd1"] or g["fd1"]:
        return day_range(g)
    if g["mm1"] or g["em1"]:
        return month_range(g)
    if g["yy1"] or g["hy1"]:
        y1, y2 = (g["yy1"], g["yy2"]) if g["yy1"] else (g["hy1"], g["hy2"])
        if g["hy1"] and int(y2) <= int(y1):
            return None  # "2023-2021" is no range
        return year(y1), year(y2)
    if g["d"]:
        return (day(g["d"], g["dm"], g["dy"]),) * 2
    if g["nd"]:
        return (numeric(g["nd"], g["nm"], g["ny"]),) * 2
    if g["m"]:
        return (month(g["m"], g["my"]),) * 2
    if g["s"]:
        return ((f"{g['sy']}-{SEASONS[g['s']]}", "season"),) * 2
    return (year(g["y"]),) * 2


def day_range(g: dict):
    """The bounds of "du 3 au 5 mars 2024" (one month) or "du 20 décembre au 3 janvier 2024"."""
    if g["rd1"]:
        end = day(g["rd2"], g["rm2"], g["ry2"])
        return day(g["rd1"], g["rm2"], g["ry2"]), end
    start = day(g["fd1"], g["fm1"], g["fy1"] or g["fy2"])
    end = day(g["fd2"], g["fm2"], g["fy2"])
    if not g["fy1"] and start[0] and end[0] and start[0] > end[0]:  # the range crosses a new year
        start = day(g["fd1"], g["fm1"], str(int(g["fy2"]) - 1))
    return start, end


def month_range(g: dict):
    """The bounds of "de novembre à février 2024" and "entre mars et mai 2023"."""
    m1, y1, m2, y2 = (
        (g["mm1"], g["my1"], g["mm2"], g["my2"])
        if g["mm1"]
        else (g["em1"], g["ey1"], g["em2"], g["ey2"])
    )
    start, end = month(m1, y1 or y2), month(m2, y2)
    if not y1 and start[0] and end[0] and start[0] > end[0]:  # the range crosses a new year
        start = month(m1, str(int(y2) - 1))
    return start, end


def day(d: str, m: str, y: str) -> tuple[str | None, str]:
    d = "1" if d in ("1er", "premier") else d
    return calendar_day(int(y), MONTHS[m], int(d)), "day"


def numeric(d: str, m: str, y: str) -> tuple[str | None, str]:
    return calendar_day(int(y), int(m), int(d)), "day"


def month(m: str, y: str) -> tuple[str | None, str]:
    return f"{y}-{MONTHS[m]:02d}", "month"


def year(y: str) -> tuple[str | None, str]:
    return y, "year"


def calendar_day(y: int, m: int, d: int) -> str | None:
    """The day as ISO 8601; None when the calendar has no such day."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None
