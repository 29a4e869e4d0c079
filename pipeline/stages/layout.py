"""Stage 3 — layout: reading order, and lines → paragraphs and list items.

- Reading order: table rows become single lines, then the page is cut into its
  regions (`regions`: columns, boxes, sidebars, bands), each read in turn.
- Paragraphs: a gap wider than the usual line pitch starts a paragraph; a bullet
  starts a list item, its depth given by how far the bullet is indented; a line
  indented past the bullet continues the item.
- Hyphenation: "dématé-" + "rialisation" ("OpenStreet-" + "Map") is joined when the document
  itself spells the joined word more often than the hyphenated one; when it spells neither, in a
  document whose typesetting hyphenates (many lines end in a hyphen), when the break is
  a French hyphenation point (pyphen) of the joined word and its two parts are not
  words of the document ("centres-villes" keeps its hyphen).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import median

import pyphen

from ..elements import Line, Page
from . import regions

# Bullets as printed, and as OCR reads them ("+", "*", "°", or a lone "e"/"o" before a capital).
BULLET = re.compile(
    r"^\s*(?:[•◦▪▫●○■□‣⁃∙➢➤►▶✓✔·*+°º]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[eo](?=\s+[A-ZÀ-Ý]))[\s_]*"
)
RUNNING_ROWS = 4  # rows side by side that may be columns of running text rather than a table
ALIGNED = 8  # points between the edges of cells one above the other in a table's column
CARRIED_SHARE = 0.4  # share of a text column's lines that carry a sentence on (lower case)
PARAGRAPH_GAP = 1.25  # a pitch this many times the usual one starts a paragraph
INDENT = 2.0  # points past a bullet that make a line its continuation
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # elisions (d', l') apart
HYPHENATION = "fr_FR"  # the yearbooks' language, for pyphen's patterns (those typesetters use)
# Lines ending in a word and a hyphen: 0.4 % of the 2023 sample's (real hyphens: "centres-" +
# "bourgs"), 20 % of a justified brochure's, hyphenated by its typesetter. Over this share, a
# document hyphenates.
HYPHENATING = 0.05
LINE_END_HYPHEN = re.compile(r"[^\W\d_]-$")
STANDS_ALONE = 1  # times the document uses a piece of a broken word on its own: a word of its own
SENTENCE_END = re.compile(r"[.!?:;…]\s*[»\"”)]?$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (level -1) or a list item (level 0, nested 1, 2…) with its lines."""

    text: str
    level: int
    lines: tuple[Line, ...]


def order(pages: list[Page]) -> list[Page]:
    """Each page's table rows joined (box by box), then its regions read in turn (`regions`)."""
    return [
        regions.split(
            page.with_lines(ln for group in regions.by_box(page) for ln in table_rows(group))
        )
        for page in pages
    ]


def table_rows(lines) -> list[Line]:
    """Rows of a table as single lines with their cells, so that a table is read row by row.

    A row is text standing side by side on one baseline; rows make a table when at
    least two in a row have the same number of cells, aligned (left or right edges),
    and the cells are short or figures — which columns of running text are not: a long run
    of rows whose lines carry sentences on shows the page's text columns, and any run that
    stands on those columns is text too (the short rows where paragraphs end).
    """
    rows = baseline_rows(lines)
    runs = side_by_side(rows, tabular)
    columns = [lefts(run) for run in side_by_side(rows, lambda row: True) if running_text(run)]
    out: list[Line] = []
    for run in runs:
        if len(run) >= 2 and not any(same_lefts(lefts(run), text) for text in columns):
            out += [merge_row(row) for row in run]
        else:
            out += [ln for row in run for ln in row]
    return out


def side_by_side(rows: list[list[Line]], kind) -> list[list[list[Line]]]:
    """The rows in runs: consecutive aligned rows of pieces side by side, of the `kind` asked
    (short cells: `tabular`), together; any other row alone."""
    runs: list[list[list[Line]]] = []
    open_run = False  # the last run takes aligned rows of that kind
    for row in rows:
        cells = len(row) >= 2 and kind(row)
        if cells and open_run and aligned(runs[-1][-1], row):
            runs[-1].append(row)
        else:
            runs.append([row])
        open_run = cells
    return runs


def lefts(run: list[list[Line]]) -> tuple[float, ...]:
    """Where a run's cells start, left to right (its first row's)."""
    return tuple(sorted(ln.x0 for ln in run[0]))


def same_lefts(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < ALIGNED for x, y in zip(a, b, strict=True))


def baseline_rows(lines) -> list[list[Line]]:
    """The lines standing side by side on one baseline, row by row; a word set up the margin
    stands in no row."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        first = rows[-1][0] if rows else None
        if (
            first is not None
            and not (first.rotated or line.rotated)
            and abs(first.top - line.top) < 0.5 * line.size
        ):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def tabular(row: list[Line]) -> bool:
    short = all(len(ln.text) <= 40 for ln in row)
    return (
        len(row) >= 3 and short or len(row) == 2 and short and bool(re.search(r"\d", row[-1].text))
    )


def running_text(run: list[list[Line]]) -> bool:
    """Rows that are narrow columns of running text, not a table: many of them, and in every
    column many lines carry a sentence on (they open in lower case: "aux habitants", "tion
    du service"), which the names, figures and medals of a table's cells do not."""
    if len(run) < RUNNING_ROWS:
        return False
    columns = zip(*(sorted(row, key=lambda ln: ln.x0) for row in run), strict=True)
    return all(
        sum(1 for ln in cells[1:] if ln.text[:1].islower()) >= CARRIED_SHARE * (len(cells) - 1)
        for cells in columns
    )


def aligned(a: list[Line], b: list[Line]) -> bool:
    """Cell by cell, left to right (a cell set a point higher may come first in its row)."""
    a, b = (sorted(row, key=lambda ln: ln.x0) for row in (a, b))
    return len(a) == len(b) and all(
        abs(x.x0 - y.x0) < ALIGNED or abs(x.x1 - y.x1) < ALIGNED for x, y in zip(a, b, strict=True)
    )


def merge_row(row: list[Line]) -> Line:
    row = sorted(row, key=lambda ln: ln.x0)
    cells = tuple(ln.text for ln in row)
    return replace(
        row[0],
        text=" | ".join(cells),
        x1=row[-1].x1,
        top=min(ln.top for ln in row),
        bottom=max(ln.bottom for ln in row),
        bold=all(ln.bold for ln in row),
        cells=cells,
    )


class Lexicon(Counter):
    """The document's words, and whether its typesetting hyphenates them at line ends."""

    hyphenates: bool = False


def lexicon(pages: list[Page]) -> Lexicon:
    """How often each word (lower-cased, accents kept) occurs in the document's running text.

    Words printed in capitals are left out: capitals often drop accents ("NUMERIQUE"); so are
    the pieces of a word broken at a line's end ("ter-" + "rasses"), which are no words.
    """
    words, lines, hyphenated = Lexicon(), 0, 0
    for page in pages:
        broken = False
        for line in page.lines:
            found = WORD.findall(line.text)
            ends = bool(LINE_END_HYPHEN.search(line.text))
            words.update(
                w.lower() for w in found[int(broken) : len(found) - int(ends)] if not w.isupper()
            )
            lines += 1
            hyphenated += ends
            broken = ends
    words.hyphenates = hyphenated > HYPHENATING * lines
    return words


def typical_pitch(lines) -> float:
    """Median distance from a line that wraps to the line continuing it.

    A line that wraps runs (nearly) to the right edge of its column; the distance to
    the next line is then the pitch inside a paragraph, whatever the gaps around
    headings and between short paragraphs. A wider gap means a new paragraph.
    """
    lines = list(lines)
    right: dict = {}
    for ln in lines:
        right[ln.page] = max(right.get(ln.page, 0.0), ln.x1)
    pairs = [
        (a, b)
        for a, b in zip(lines, lines[1:])
        if b.page == a.page and 0.8 * a.size < b.top - a.top < 2.2 * a.size
    ]
    wrapped = [
        b.top - a.top
        for a, b in pairs
        if a.x1 >= right[a.page] - 3 * a.size
        and not BULLET.match(b.text)
        and (a.size, a.bold) == (b.size, b.bold)
    ]
    if wrapped:
        return median(wrapped)
    # no paragraph wraps (a tiny document): the closest two lines are one pitch apart
    return min(
        (b.top - a.top for a, b in pairs),
        default=1.35 * (median([ln.size for ln in lines]) if lines else 10.0),
    )


def paragraphs(
    lines: list[Line], words: Counter | None = None, pitch: float | None = None
) -> list[Paragraph]:
    """Group the lines of one block into paragraphs and list items."""
    if not lines:
        return []
    pitch = pitch or typical_pitch(lines)
    depths = bullet_depths(lines)
    out: list[tuple[int, list[Line], list[str]]] = []
    prev = None
    for line in lines:
        m = BULLET.match(line.text)
        rest = line.text[m.end() :] if m else line.text
        if line.cells:  # a table row stands on its own line
            out.append((-1, [line], [line.text]))
            prev = None
            continue
        if m and rest:
            out.append((depths[round(line.x0)], [line], [rest]))
        elif out and prev is not None and continues(out[-1], prev, line, pitch):
            out[-1][1].append(line)
            out[-1][2].append(line.text)
        else:
            out.append((-1, [line], [line.text]))
        prev = line
    return [Paragraph(join_lines(texts, words), level, tuple(ls)) for level, ls, texts in out]


def continues(current, prev: Line, line: Line, pitch: float) -> bool:
    level, lines, _ = current
    if line.page != prev.page:  # a paragraph running over a page break
        same_indent = level < 0 or line.x0 > lines[0].x0 + INDENT
        return same_indent and not SENTENCE_END.search(prev.text)
    if line.top - prev.top > PARAGRAPH_GAP * pitch:
        return False
    if level >= 0:
        return line.x0 > lines[0].x0 + INDENT
    return True


def bullet_depths(lines: list[Line]) -> dict[int, int]:
    """Map each bullet's rounded x to its nesting depth (distinct indents, left to right)."""
    xs = sorted({round(ln.x0) for ln in lines if BULLET.match(ln.text)})
    depths: dict[int, int] = {}
    levels: list[int] = []
    for x in xs:
        if not levels or x - levels[-1] > 4:
            levels.append(x)
        depths[x] = len(levels) - 1
    return depths


def join_lines(texts: list[str], words: Counter | None = None) -> str:
    out = ""
    for t in texts:
        t = t.strip()
        if not out:
            out = t
        elif re.search(r"[^\W\d_]-$", out) and re.match(r"[^\W\d_]", t):
            out = out[:-1] + t if rejoin(out, t, words) else out + t
        else:
            out += " " + t
    return out


def rejoin(before: str, after: str, words: Counter | None) -> bool:
    """True when "…dématé-" + "rialisation…" is end-of-line hyphenation, not a real hyphen.

    The document decides when it spells the word elsewhere, joined or hyphenated, whatever
    the case of the second part ("OpenStreet-" + "Map", written "OpenStreetMap"). When it
    does not, and its typesetting hyphenates (`Lexicon.hyphenates`), the split must fall
    where French hyphenation may break the joined word, and not between two words the
    document uses on their own ("centres-villes").
    """
    if not words:
        return False
    head = (WORD.findall(before[:-1])[-1:] or [""])[0].lower()
    tail = (WORD.findall(after)[:1] or [""])[0].lower()
    joined, hyphenated = head + tail, head + "-" + tail
    if words[joined] or words[hyphenated]:
        return words[joined] > words[hyphenated]
    if after[0].isupper() or not getattr(words, "hyphenates", False):
        return False  # a capital after the hyphen: a compound name ("Saint-Étienne")
    alone = words[head] >= STANDS_ALONE and words[tail] >= STANDS_ALONE
    return not alone and len(head) in hyphenator().positions(joined)


@lru_cache(maxsize=1)
def hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION)


def render(paras: list[Paragraph]) -> str:
    """Plain text: paragraphs on their own line, items as "- item", nested "  - item"."""
    return "\n".join(p.text if p.level < 0 else "  " * p.level + "- " + p.text for p in paras)
