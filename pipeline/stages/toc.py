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


def parse(pages: list[Page]) -> tuple[list[TocRow], list[Line]]:
    """Entries of the table of contents, and the lines that belong to none (its headings)."""
    rows = [row for page in pages for row in numbered(list(page.lines))]
    numbered_rows = [r for r in rows if r[1]]
    if not numbered_rows:
        return [], [r[0] for r in rows]
    left = min(r[0].x0 for r in numbered_rows)
    indented = any(r[0].x0 > left + 4 for r in numbered_rows)
    any_bold = any(r[0].bold for r in numbered_rows)
    entries, pending, loose = [], [], []
    for line, number, text in rows:
        if number is None:
            if line.size <= max(r[0].size for r in numbered_rows) + 0.5 and line.x0 >= left - 2:
                pending.append((line, text))
            else:
                loose.append(line)
            continue
        strangers = len(pending) - len(same_style_run([ln for ln, _ in pending], line))
        loose += [ln for ln, _ in pending[:strangers]]
        pending = pending[strangers:]
        head = [ln for ln, _ in pending] or [line]
        if any_bold or indented:
            level = 0 if head[0].bold or (indented and head[0].x0 < left + 4) else 1
        else:
            level = 0  # a flat table lists the parts only
        entry_text = join_lines([t for _, t in pending] + [text])
        entries.append(
            TocRow(entry_text, number, level, tuple(head) + ((line,) if pending else ()))
        )
        pending = []
    loose += [ln for ln, _ in pending]
    return entries, loose
