"""A category's listing page: one entry per awarded project, with its territory and medal.

Entries are list items (or paragraphs) such as
  • Title - Territory (label or)
  • Territory – Title (label argent)
  • Title                      ← title and territory on lines of their own,
    Territory (label bronze)     told apart by their type
The title is what remains once the territory piece (the first or last piece
that names a kind of territory) and the medal are taken off.

Or rows of a table ("Projet | Territoire | Label", with or without its header row),
rebuilt page by page from the lines' geometry by `tables`, whose cells may wrap over
several lines; the columns' roles come from the header row, else from the cells (the
medals' column, the column naming kinds of territory, the title the other one). A
table is a listing only when most of its rows carry a medal. Besides its entries, a
section page may print its category's name again (a band) and the count of its
projects ("5 projets labellisés"): both are read (the count only when it is the
number of entries), the rest is `section_text`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..elements import Line, Stray
from ..profiles.profile import Profile, medal_of
from ..text import fold, fold_map, similar
from . import categories, tables
from .card import badge_medal
from .layout import BULLET, join_lines, paragraphs
from .segment import Section
from .territory import kind_of

SAME_NAME = 0.9  # a line this similar to the section's name prints that name again (a band)
COUNT_WORDS = 5  # a line giving the listing's count is this short
NUMBERS = ("zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
COUNT = re.compile(rf"^(?P<number>\d{{1,3}}|{'|'.join(NUMBERS)})\s+[^\W\d_]")
SEPARATOR = re.compile(r"\s+[-–—]\s+")
HEADER = {
    "title": re.compile(r"\b(?:projets?|titres?|intitules?|realisations?)\b"),
    "territories": re.compile(r"\b(?:territoires?|collectivites?|laureat\w*|porteurs?)\b"),
    "medal": re.compile(r"\b(?:labels?|medailles?|distinctions?|prix|niveaux?)\b"),
    "category": re.compile(r"\b(?:categories?|themes?|thematiques?|domaines?)\b"),
}


@dataclass(frozen=True)
class Listed:
    text: str
    title: str | None
    territories: str | None
    medal: str | None
    lines: tuple[Line, ...]
    category: str | None = None  # as a palmarès prints it; a section's listing names none

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass(frozen=True)
class Listing:
    """What a section's pages hold: its entries, the lines read that are no entry (a table's
    header row, the section's name printed again in a band), and the text left over."""

    entries: list[Listed]
    read: list[Line]
    strays: list[Stray]


def parse(
    section: Section, profile: Profile, words: Counter | None = None, pitch: float | None = None
) -> Listing:
    """The section's entries (tables page by page, list items elsewhere) in reading order."""
    out, read, in_tables = table_entries(section, profile, words)
    rest = [ln for ln in section.lines if ln not in in_tables]
    read += [ln for ln in rest if similar(ln.text, categories.clean(section.title), SAME_NAME)]
    items, strays = bullet_entries([ln for ln in rest if ln not in read], profile, words, pitch)
    order = {ln: i for i, ln in enumerate(section.lines)}
    out = sorted(out + items, key=lambda item: min(order[ln] for ln in item.lines))
    counts = [s.line for s in strays if announces(s.line.text, len(out))]
    return Listing(out, read + counts, [s for s in strays if s.line not in counts])


def table_entries(
    section: Section, profile: Profile, words: Counter | None
) -> tuple[list, list[Line], set[Line]]:
    """The entries of the section's tables, page by page (a table's columns carried over to its
    next page), their header lines, and every line the tables took."""
    out: list = []
    read: list[Line] = []
    roles: dict = {}
    in_tables: set[Line] = set()
    for lines in by_page(section.lines):
        table = tables.read(lines, words)
        found = table_listing(table, profile, roles) if table else None
        if found is None:
            continue
        rows, roles, header = found
        out += rows
        read += header
        in_tables |= {line for row in rows for line in row.lines} | set(header)
    return out, read, in_tables


def announces(text: str, entries: int) -> bool:
    """A short line that gives the listing's count ("5 projets labellisés", "Trois lauréats")."""
    m = COUNT.match(fold(text))
    if not m or len(text.split()) > COUNT_WORDS:
        return False
    number = m.group("number")
    return (int(number) if number.isdigit() else NUMBERS.index(number)) == entries


def by_page(lines: list[Line]) -> list[list[Line]]:
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    return list(pages.values())


def bullet_entries(lines: list[Line], profile: Profile, words, pitch) -> tuple[list, list]:
    """Entries given as list items (or paragraphs ending with a medal); other text is strays."""
    out: list = []
    strays: list[Stray] = []
    for para in paragraphs(lines, words, pitch):
        if para.level < 0 and not profile.listing_medal.search(fold(para.text)):
            strays.extend(Stray(ln, "section_text") for ln in para.lines)
        else:
            out.append(entry(para.text, para.lines, profile))
    return out, strays


def table_listing(table: tables.Table, profile: Profile, carried: dict[str, int], known=None):
    """The entries of a table whose rows carry medals: (entries, column roles, header lines),
    or None when the table is no listing (two columns of prose, a table of figures). A row
    without a medal is no entry (a line under the table, a note): its lines are left.

    The columns' roles are `known` ones, else the header row's, else told from the cells,
    else those of the table before (a table continued on the next page)."""
    header = header_columns(table.rows[0].cells)
    rows = table.rows[1:] if header else table.rows
    roles = known or header or column_roles(rows, profile) or carried
    if "medal" not in roles or not rows:
        return None
    medals = [badge_medal(cell(row, roles["medal"]) or "", profile) for row in rows]
    if sum(1 for m in medals if m) * 2 < len(rows):
        return None
    entries = [
        table_entry(row, roles, medal) for row, medal in zip(rows, medals, strict=True) if medal
    ]
    return entries, roles, table.rows[0].lines if header else ()


def column_roles(
    rows, profile: Profile, skip: frozenset[int] | set[int] = frozenset()
) -> dict[str, int]:
    """Which column holds what, without a header row: the medal's column is the one of medals,
    the territories' the one naming kinds of territory, the title the first other one (columns
    in `skip` hold something else)."""
    width = len(rows[0].cells)

    def counts(test) -> list[int]:
        return [
            -1 if i in skip else sum(1 for row in rows if row.cells[i] and test(row.cells[i]))
            for i in range(width)
        ]

    medals = counts(lambda text: badge_medal(text, profile))
    if max(medals, default=0) <= 0:
        return {}
    roles = {"medal": medals.index(max(medals))}
    places = counts(lambda text: kind_of(text, profile) != "autre")
    places[roles["medal"]] = -1
    if max(places) > 0:
        roles["territories"] = places.index(max(places))
    filled = counts(bool)
    others = [i for i in range(width) if i not in roles.values() and filled[i] > 0]
    if others:
        roles["title"] = others[0]
    return roles


def header_columns(cells: tuple[str, ...]) -> dict[str, int]:
    """Which column holds what, from a table's header row ("Projet | Territoire | Label")."""
    out = {}
    for i, text in enumerate(cells):
        for name, pattern in HEADER.items():
            if name not in out and pattern.search(fold(text)):
                out[name] = i
                break
    return out if len(out) >= 2 else {}


def cell(row: tables.Row, column: int | None) -> str | None:
    if column is None or column >= len(row.cells):
        return None
    return row.cells[column] or None


def table_entry(row: tables.Row, roles: dict[str, int], medal: str | None) -> Listed:
    """A listing given as a table row: the title's, the territories', the medal's columns."""
    title, territories = cell(row, roles.get("title")), cell(row, roles.get("territories"))
    return Listed(
        text=" - ".join(c for c in (title, territories) if c),
        title=title,
        territories=territories,
        medal=medal,
        lines=row.lines,
        category=cell(row, roles.get("category")),
    )


def entry(text: str, lines: tuple[Line, ...], profile: Profile) -> Listed:
    folded, idx = fold_map(text)
    m = profile.listing_medal.search(folded)
    medal = medal_of(m.group("medal")) if m else None
    core = text[: idx[m.start()]] if m else text
    core = re.sub(r"[\s\-–—,]+$", "", core)
    pieces = split_pieces(core, lines)
    title: str | None = None
    territories: str | None = None
    if len(pieces) > 1:
        first, last = (kind_of(p, profile) != "autre" for p in (pieces[0], pieces[-1]))
        named: list[str] = []
        if last:
            territories, named = pieces[-1], pieces[:-1]
        elif first:
            territories, named = pieces[0], pieces[1:]
        title = " - ".join(named).strip() if named else None
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
