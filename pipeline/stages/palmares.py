"""One palmarès for the whole book: a table of every awarded project with its category.

Some yearbooks print no listing per category but one table, anywhere in the book (after
the front matter, at the end), naming each project with its category, its territories
and its medal. It is found from its content, not from its place: a table (`tables`)
whose rows carry medals and that has a category column — named so by its header row
("Catégorie", "Thème"), or, without a header, a column whose values repeat over the
rows (a handful of categories shared by many projects) — naming at least
`MIN_CATEGORIES` categories (a section's own listing names one at most). Its lines
are taken out of the pages before they are cut into sections and cards, so that no
card swallows them; the heading set just above the table goes with it. On the next
page, a table with the same columns continues it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..elements import Line, Page
from ..profiles.profile import Profile
from ..text import key
from . import listing, tables

MIN_CATEGORIES = 2  # distinct categories a palmarès names
REPEATS = 0.5  # without a header, a category column has at most this many distinct values per row
HEADING_REACH = 3.0  # a heading stands at most this many of its sizes above the table


@dataclass
class Palmares:
    entries: list[listing.Listed] = field(default_factory=list)
    read: list[Line] = field(default_factory=list)  # its header row and heading
    pages: list[int] = field(default_factory=list)  # the pages it was printed on
    alone: list[int] = field(default_factory=list)  # those of its pages that hold nothing else


def take(pages: list[Page], profile: Profile, words: Counter | None) -> tuple[list[Page], Palmares]:
    """The pages without the palmarès's lines, and the palmarès (empty when the book has none).

    A table on the page after the palmarès, with as many columns and medals in the same one,
    continues it (however few categories its rows name)."""
    found, out, roles = Palmares(), [], None
    for page in pages:
        table = tables.read(list(page.lines), words)
        follows = bool(found.pages) and found.pages[-1] == page.number - 1
        read = read_table(table, profile, roles if follows else None) if table else None
        if table is None or read is None:
            out.append(page)
            continue
        entries, header, roles = read
        heading = heading_above(page.lines, table)
        found.entries += entries
        found.read += list(header) + heading
        found.pages.append(page.number)
        taken = {line for entry in entries for line in entry.lines} | set(header) | set(heading)
        out.append(page.with_lines([ln for ln in page.lines if ln not in taken]))
        if not out[-1].lines:
            found.alone.append(page.number)
    return out, found


def read_table(table: tables.Table, profile: Profile, continued: dict[str, int] | None):
    """(entries, header lines, column roles) of a table that is a palmarès (or continues the
    one whose roles are `continued`), else None."""
    header = listing.header_columns(table.rows[0].cells)
    rows = table.rows[1:] if header else table.rows
    if not rows:
        return None
    width = len(rows[0].cells)
    carried = continued if continued and max(continued.values()) < width else None
    roles = header or carried or guessed_roles(rows, profile)
    if not roles or "category" not in roles:
        return None
    found = listing.table_listing(table, profile, {}, roles)
    if found is None:
        return None
    entries, _, header_lines = found
    named = {key(e.category) for e in entries if e.category}
    if roles is not carried and len(named) < MIN_CATEGORIES:
        return None
    return entries, header_lines, roles


def guessed_roles(rows, profile: Profile) -> dict[str, int] | None:
    """Without a header row: the category column is the one whose values repeat."""
    column = repeating_column(rows, profile)
    if column is None:
        return None
    return {**listing.column_roles(rows, profile, {column}), "category": column}


def repeating_column(rows, profile: Profile) -> int | None:
    """The column whose values repeat over the rows, the medals' apart."""
    roles = listing.column_roles(rows, profile)
    for column in range(len(rows[0].cells)):
        values = [key(row.cells[column]) for row in rows if row.cells[column]]
        if column in roles.values() or len(values) < len(rows):
            continue
        if len(set(values)) <= REPEATS * len(values):
            return column
    return None


def heading_above(lines, table: tables.Table) -> list[Line]:
    """The line set just above the table, larger or bolder than its cells (its heading)."""
    cell_size = max(ln.size for ln in table.lines)
    above = [ln for ln in lines if ln.bottom <= table.top and ln not in table.lines]
    if not above:
        return []
    nearest = max(above, key=lambda ln: ln.bottom)
    close = table.top - nearest.bottom < HEADING_REACH * nearest.size
    set_apart = nearest.bold or nearest.size > cell_size
    return [nearest] if close and set_apart else []
