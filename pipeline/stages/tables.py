"""Tables printed as text, whose cells may wrap over several lines.

A listing table ("Projet | Territoire | Label", or without a header row) prints each
project as a row; a long title or a list of territories wraps inside its cell. The
PDF gives only lines, so the table is rebuilt from their geometry:

- Columns: left edges shared by lines that stand side by side (on one visual row)
  on at least `MIN_SIDE_BY_SIDE` rows. Rows that layout already merged into cells
  (`Line.cells`) fill the columns in order from the one their first cell starts in.
- Extent: from the first visual row with cells side by side, down while every line
  fits inside one column (a full-width paragraph below ends the table). A line that runs
  into the next column but not to the last is two cells the reader joined: it is cut at
  the space where the next column starts.
- Rows: a visual row starts a new table row when it fills as many columns as the
  fullest row does (a wrapped cell continues in fewer columns), or when the step
  from the row above exceeds `ROW_GAP` times the leading inside a cell (rows
  separated by padding, whatever they fill). A cell's lines are joined in order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..elements import Line
from .layout import join_lines

COLUMN_SLACK = 4.0  # points by which the left edges of one column's lines may differ
SAME_ROW = 0.5  # lines whose tops differ by less than this share of their size share a visual row
ROW_GAP = 1.4  # a step this many times the in-cell leading starts a new table row
MIN_SIDE_BY_SIDE = 2  # visual rows with cells side by side that make a table
END_GAP = 3.0  # a line this many times the table's widest step below it is no part of it
CUT_SLACK = 3.0  # characters between a joined line's estimated column start and the space cut


@dataclass(frozen=True)
class Piece:
    """A cell's text on one line: a whole line, or one cell of a row layout merged."""

    text: str
    line: Line
    x0: float | None  # None for a merged row's later cells (only their order is known)
    order: int = 0  # index of the cell in its merged row


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]  # one per column, "" when empty
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    lines: frozenset[Line]

    @property
    def top(self) -> float:
        return min(ln.top for ln in self.lines)


def read(lines: list[Line], words: Counter | None = None) -> Table | None:
    """The table among the lines of one page, if they hold one."""
    visual = visual_rows(lines)
    edges = column_edges(visual)
    if len(edges) < 2:
        return None
    start = next(i for i, row in enumerate(visual) if side_by_side(row))
    fitted: list[list[tuple[int, Piece]]] = []
    for end in range(start, len(visual)):
        row = place(visual[end], edges)
        if row is None or apart(visual, start, end):
            break
        fitted.append(row)
    rows = group_rows(fitted, len(edges), words)
    if sum(1 for row in rows if sum(1 for cell in row.cells if cell) > 1) < MIN_SIDE_BY_SIDE:
        return None
    return Table(tuple(rows), frozenset(ln for row in rows for ln in row.lines))


def apart(visual: list[list[Piece]], start: int, end: int) -> bool:
    """The visual row `end` stands further below the table than `END_GAP` times its widest step."""
    tops = [row[0].line.top for row in visual[start : end + 1]]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    return len(steps) > 1 and steps[-1] > END_GAP * max(steps[:-1])


def visual_rows(lines: list[Line]) -> list[list[Piece]]:
    """Pieces grouped by the line of print they stand on, top to bottom, left to right."""
    rows: list[list[Piece]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        pieces = [Piece(line.text, line, line.x0)]
        if line.cells:
            pieces = [
                Piece(c, line, line.x0 if i == 0 else None, i) for i, c in enumerate(line.cells)
            ]
        if rows and abs(rows[-1][0].line.top - line.top) < SAME_ROW * line.size:
            rows[-1].extend(pieces)
        else:
            rows.append(pieces)
    return [sorted(row, key=lambda p: (p.line.x0, p.order)) for row in rows]


def side_by_side(row: list[Piece]) -> bool:
    return len(row) >= 2


def column_edges(visual: list[list[Piece]]) -> list[float | None]:
    """Left edges shared by side-by-side cells on enough rows; unknown (None) edges are added
    for the cells of merged rows that run past the known columns."""
    counts: list[list[float]] = []
    for row in visual:
        if not side_by_side(row):
            continue
        for x0 in sorted({round(p.x0, 1) for p in row if p.x0 is not None}):
            near = next((c for c in counts if abs(c[0] - x0) <= COLUMN_SLACK), None)
            if near is None:
                counts.append([x0, 1])
            else:
                near[1] += 1
    edges: list[float | None] = [x0 for x0, n in sorted(counts) if n >= MIN_SIDE_BY_SIDE]
    widest = max((len(p.line.cells) for row in visual for p in row if p.line.cells), default=0)
    return edges + [None] * max(0, widest - len(edges))


def column_of(x0: float, edges: list[float | None]) -> int | None:
    known = [i for i, e in enumerate(edges) if e is not None and e <= x0 + COLUMN_SLACK]
    return known[-1] if known else None


def place(row: list[Piece], edges: list[float | None]) -> list[tuple[int, Piece]] | None:
    """Each piece of a visual row with its column; None when a piece fits in no column."""
    out = []
    for piece in row:
        first = column_of(piece.line.x0, edges)
        if first is None:
            return None
        if piece.line.cells:
            if first + piece.order >= len(edges):
                return None
            out.append((first + piece.order, piece))
            continue
        parts = cut_over(piece, first, edges)
        if parts is None:
            return None
        out += parts
    return out


def cut_over(piece: Piece, column: int, edges: list[float | None]):
    """A line running past its column into the next one: the reader joined two cells whose texts
    nearly touch. It is cut at the space nearest to where the next column starts (estimated from
    the line's width, within `CUT_SLACK` characters). A line that reaches the last column is a
    paragraph across the table, which fits in no column (None)."""
    known = [(i, edge) for i, edge in enumerate(edges) if edge is not None]
    following = next(((i, edge) for i, edge in known if i > column), None)
    line = piece.line
    if following is None or line.x1 <= following[1] + COLUMN_SLACK:
        return [(column, piece)]
    if line.x1 > known[-1][1] - COLUMN_SLACK or not piece.text:
        return None
    start = piece.x0 if piece.x0 is not None else line.x0
    per_char = (line.x1 - start) / len(piece.text)
    estimate = (following[1] - start) / per_char
    spaces = [i for i, char in enumerate(piece.text) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - estimate), default=None)
    if cut is None or abs(cut - estimate) > CUT_SLACK:
        return None
    tail = Piece(piece.text[cut + 1 :], line, following[1])
    rest = cut_over(tail, following[0], edges)
    return None if rest is None else [(column, Piece(piece.text[:cut], line, start))] + rest


def group_rows(placed: list[list[tuple[int, Piece]]], width: int, words) -> list[Row]:
    """Visual rows gathered into table rows (see the module's docstring)."""
    if not placed:
        return []
    fullest = max(len({c for c, _ in row}) for row in placed)
    tops = [row[0][1].line.top for row in placed]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    leading = min(steps, default=0.0)
    groups: list[list[tuple[int, Piece]]] = []
    for i, row in enumerate(placed):
        full = len({c for c, _ in row}) == fullest
        if not groups or full or steps[i - 1] > ROW_GAP * leading:
            groups.append([])
        groups[-1].extend(row)
    return [make_row(group, width, words) for group in groups]


def make_row(group: list[tuple[int, Piece]], width: int, words) -> Row:
    texts: list[list[str]] = [[] for _ in range(width)]
    for column, piece in group:
        texts[column].append(piece.text)
    lines = tuple(dict.fromkeys(piece.line for _, piece in group))
    return Row(tuple(join_lines(t, words) for t in texts), lines)
