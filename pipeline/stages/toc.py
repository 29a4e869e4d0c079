"""The table of contents: entries with their level and printed page number.

An entry ends with its page number, after dot leaders ("Titre ........ 12") or
after a wide gap (the reader then gives the number as a line of its own on the
same row). Lines without a number before an entry are the start of that entry.
Level 0 entries (set in bold, or less indented) are the parts of the yearbook:
the category sections among them; level 1 entries are the projects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..elements import Line, Page, merge_boxes
from .layout import join_lines

LEADERS = re.compile(r"^(?P<text>.*?)\s*(?:[.…·_]\s*){3,}\s*(?P<page>\d{1,4})$")
BARE_NUMBER = re.compile(r"^\d{1,4}$")
SIZE_SLACK = 0.5  # points by which the sizes of one entry's lines may differ
MIN_ENTRIES = 3  # a page with fewer numbered entries is not a table of contents


@dataclass(frozen=True)
class TocRow:
    text: str
    page_label: str
    level: int
    lines: tuple[Line, ...]

    @property
    def boxes(self):
        return merge_boxes(self.lines)


def numbered(lines: list[Line]) -> list[tuple[Line, str | None, str]]:
    """(line, page number or None, text without leaders) with row-mates merged."""
    out: list[tuple[Line, str | None, str]] = []
    for line in lines:
        if (
            BARE_NUMBER.match(line.text)
            and out
            and abs(out[-1][0].top - line.top) < line.height / 2
            and out[-1][1] is None
            and out[-1][0].x1 < line.x0
        ):
            prev = out.pop()
            out.append((prev[0], line.text, prev[2]))
            continue
        m = LEADERS.match(line.text)
        out.append((line, m.group("page"), m.group("text")) if m else (line, None, line.text))
    return out


def is_toc_page(page: Page) -> bool:
    return sum(1 for _, n, _ in numbered(list(page.lines)) if n) >= MIN_ENTRIES


def same_style_run(lines: list[Line], closing: Line) -> list[Line]:
    """The last lines before an entry's numbered line that are set as it is: the start of the
    entry. A line in another size or weight above them (a running title such as "SOMMAIRE",
    a heading) is no part of it."""
    run: list[Line] = []
    for line in reversed(lines):
        if line.bold != closing.bold or abs(line.size - closing.size) > SIZE_SLACK:
            break
        run.insert(0, line)
    return run


@dataclass(frozen=True)
class Shape:
    """How the table sets its numbered rows: their left edge, indented levels, bold parts."""

    left: float
    indented: bool
    any_bold: bool
    size: float

    @classmethod
    def of(cls, numbered_rows: list[Line]) -> Shape:
        left = min(ln.x0 for ln in numbered_rows)
        return cls(
            left,
            any(ln.x0 > left + 4 for ln in numbered_rows),
            any(ln.bold for ln in numbered_rows),
            max(ln.size for ln in numbered_rows),
        )

    def level(self, head: Line) -> int:
        """0 for a part (bold, or set at the left edge of an indented table), 1 for an entry;
        a flat table lists the parts only."""
        if not (self.any_bold or self.indented):
            return 0
        return 0 if head.bold or (self.indented and head.x0 < self.left + 4) else 1

    def holds(self, line: Line) -> bool:
        """An unnumbered line that may start an entry: no larger, not left of the table."""
        return line.size <= self.size + 0.5 and line.x0 >= self.left - 2


def parse(pages: list[Page]) -> tuple[list[TocRow], list[Line]]:
    """Entries of the table of contents, and the lines that belong to none (its headings)."""
    rows = [row for page in pages for row in numbered(list(page.lines))]
    numbered_rows = [r[0] for r in rows if r[1]]
    if not numbered_rows:
        return [], [r[0] for r in rows]
    shape = Shape.of(numbered_rows)
    entries: list[TocRow] = []
    pending: list[tuple[Line, str]] = []
    loose: list[Line] = []
    for line, number, text in rows:
        if number is None:
            if shape.holds(line):
                pending.append((line, text))
            else:
                loose.append(line)
            continue
        strangers = len(pending) - len(same_style_run([ln for ln, _ in pending], line))
        loose += [ln for ln, _ in pending[:strangers]]
        entries.append(entry(pending[strangers:], line, number, text, shape))
        pending = []
    loose += [ln for ln, _ in pending]
    return entries, loose


def entry(
    pending: list[tuple[Line, str]], line: Line, number: str, text: str, shape: Shape
) -> TocRow:
    """The entry a numbered line closes, with the lines of its text above it."""
    head = [ln for ln, _ in pending] or [line]
    entry_text = join_lines([t for _, t in pending] + [text])
    return TocRow(
        entry_text, number, shape.level(head[0]), tuple(head) + ((line,) if pending else ())
    )
