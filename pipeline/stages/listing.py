"""A category's listing page: one entry per awarded project, with its territory and medal.

Entries are list items (or paragraphs) such as
  • Title - Territory (label or)
  • Territory – Title (label argent)
  • Title                      ← title and territory on lines of their own,
    Territory (label bronze)     told apart by their type
The title is what remains once the territory piece (the first or last piece
that names a kind of territory) and the medal are taken off.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..elements import Line, Stray
from ..profiles.profile import Profile, medal_of
from ..text import fold, fold_map
from .card import badge_medal
from .layout import BULLET, join_lines, paragraphs
from .segment import Section
from .territory import kind_of

SEPARATOR = re.compile(r"\s+[-–—]\s+")
HEADER = {
    "title": re.compile(r"\b(?:projets?|titres?|intitules?|realisations?)\b"),
    "territories": re.compile(r"\b(?:territoires?|collectivites?|laureat\w*|porteurs?)\b"),
    "medal": re.compile(r"\b(?:labels?|medailles?|distinctions?|prix|niveaux?)\b"),
}


@dataclass(frozen=True)
class Listed:
    text: str
    title: str | None
    territories: str | None
    medal: str | None
    lines: tuple[Line, ...]

    @property
    def page(self) -> int:
        return self.lines[0].page


def parse(
    section: Section, profile: Profile, words: Counter | None = None, pitch: float | None = None
) -> tuple[list[Listed], list[Stray]]:
    out, strays = [], []
    columns: dict[str, int] = {}
    for para in paragraphs(section.lines, words, pitch):
        cells = para.lines[0].cells
        if cells:
            columns = header_columns(cells) or columns
            row = table_entry(cells, para.lines, columns, profile)
            if row is None:
                strays.extend(
                    Stray(ln, "listing_header" if header_columns(cells) else "section_text")
                    for ln in para.lines
                )
            else:
                out.append(row)
            continue
        medal_m = profile.listing_medal.search(fold(para.text))
        if para.level < 0 and not medal_m:
            strays.extend(Stray(ln, "section_text") for ln in para.lines)
            continue
        out.append(entry(para.text, para.lines, profile))
    return out, strays


def header_columns(cells: tuple[str, ...]) -> dict[str, int]:
    """Which column holds what, from a table's header row ("Projet | Territoire | Label")."""
    out = {}
    for i, cell in enumerate(cells):
        for name, pattern in HEADER.items():
            if name not in out and pattern.search(fold(cell)):
                out[name] = i
                break
    return out if len(out) >= 2 else {}


def table_entry(
    cells: tuple[str, ...], lines, columns: dict[str, int], profile: Profile
) -> Listed | None:
    """A listing given as a table row: the medal's column, the territory's, the title's."""
    medal_col = columns.get(
        "medal", next((i for i, c in enumerate(cells) if badge_medal(c, profile)), None)
    )
    medal = (
        badge_medal(cells[medal_col], profile)
        if medal_col is not None and medal_col < len(cells)
        else None
    )
    if medal is None:
        return None
    rest = [i for i in range(len(cells)) if i != medal_col]
    where = columns.get(
        "territories", next((i for i in rest if kind_of(cells[i], profile) != "autre"), None)
    )
    what = columns.get("title", next((i for i in rest if i != where), None))
    title = cells[what] if what is not None and what < len(cells) else None
    territories = cells[where] if where is not None and where < len(cells) else None
    return Listed(
        text=" - ".join(c for c in (title, territories) if c),
        title=title,
        territories=territories,
        medal=medal,
        lines=tuple(lines),
    )


def entry(text: str, lines: tuple[Line, ...], profile: Profile) -> Listed:
    folded, idx = fold_map(text)
    m = profile.listing_medal.search(folded)
    medal = medal_of(m.group("medal")) if m else None
    core = text[: idx[m.start()]] if m else text
    core = re.sub(r"[\s\-–—,]+$", "", core)
    pieces = split_pieces(core, lines)
    title, territories = None, None
    if len(pieces) > 1:
        first, last = (kind_of(p, profile) != "autre" for p in (pieces[0], pieces[-1]))
        if last:
            territories, title = pieces[-1], pieces[:-1]
        elif first:
            territories, title = pieces[0], pieces[1:]
        title = " - ".join(title).strip() if title else None
    return Listed(text=core, title=title, territories=territories, medal=medal, lines=lines)


def split_pieces(core: str, lines: tuple[Line, ...]) -> list[str]:
    """Pieces at " - " separators, else at the line where the type changes (title, then
    territory)."""
    pieces = [p.strip() for p in SEPARATOR.split(core) if p.strip()]
    if len(pieces) > 1 or len(lines) < 2:
        return pieces
    last_style = (lines[-1].size, lines[-1].bold)
    cut = len(lines) - 1
    while cut > 0 and (lines[cut - 1].size, lines[cut - 1].bold) == last_style:
        cut -= 1
    if cut == 0:
        return pieces
    head = join_lines([BULLET.sub("", lines[0].text, count=1)] + [ln.text for ln in lines[1:cut]])
    if not core.startswith(head):
        return pieces
    return [p for p in (head.strip(), core[len(head) :].strip()) if p]
