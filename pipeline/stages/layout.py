"""Stage 3 — layout: reading order, and lines → paragraphs and list items.

- Columns: where lines stand side by side across a vertical gutter, the left
  column is read before the right one; a full-width line closes the band.
- Paragraphs: a gap wider than the usual line pitch starts a paragraph; a bullet
  starts a list item, its depth given by how far the bullet is indented; a line
  indented past the bullet continues the item.
- Hyphenation: "dématé-" + "rialisation" is joined only when the document itself
  spells the joined word somewhere; otherwise the hyphen is real ("centres-villes").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from ..elements import Line, Page

# Bullets as printed, and as OCR reads them ("+", "*", "°", or a lone "e"/"o" before a capital).
BULLET = re.compile(
    r"^\s*(?:[•◦▪▫●○■□‣⁃∙➢➤►▶✓✔·*+°º]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[eo](?=\s+[A-ZÀ-Ý]))[\s_]*"
)
PARAGRAPH_GAP = 1.25  # a pitch this many times the usual one starts a paragraph
INDENT = 2.0  # points past a bullet that make a line its continuation
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # elisions (d', l') apart
SENTENCE_END = re.compile(r"[.!?:;…]\s*[»\"”)]?$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (level -1) or a list item (level 0, nested 1, 2…) with its lines."""

    text: str
    level: int
    lines: tuple[Line, ...]


def order(pages: list[Page]) -> list[Page]:
    return [page.with_lines(reading_order(table_rows(page.lines), page.width)) for page in pages]


def table_rows(lines) -> list[Line]:
    """Rows of a table as single lines with their cells, so that a table is read row by row.

    A row is text standing side by side on one baseline; rows make a table when at
    least two in a row have the same number of cells, aligned (left or right edges),
    and the cells are short or figures — which two columns of running text are not.
    """
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        if rows and abs(rows[-1][0].top - line.top) < 0.5 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    out, run = [], []
    for row in rows + [[]]:
        if len(row) >= 2 and tabular(row) and (not run or aligned(run[-1], row)):
            run.append(row)
            continue
        if len(run) >= 2:
            out += [merge_row(r) for r in run]
        else:
            out += [ln for r in run for ln in r]
        run = [row] if len(row) >= 2 and tabular(row) else []
        if not run:
            out += row
    return out


def tabular(row: list[Line]) -> bool:
    short = all(len(ln.text) <= 40 for ln in row)
    return (
        len(row) >= 3 and short or len(row) == 2 and short and bool(re.search(r"\d", row[-1].text))
    )


def aligned(a: list[Line], b: list[Line]) -> bool:
    return len(a) == len(b) and all(
        abs(x.x0 - y.x0) < 8 or abs(x.x1 - y.x1) < 8 for x, y in zip(a, b)
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


def reading_order(lines, width: float) -> list[Line]:
    """Top to bottom; inside a zone where two columns stand side by side, left column first."""
    lines = sorted(lines, key=lambda ln: (round(ln.top, 0), ln.x0))
    gutter = find_gutter(lines, width)
    if gutter is None:
        return lines
    zones = column_zones(lines, gutter)
    out, done = [], set()
    for line in lines:
        zone = next((z for z in zones if z[0] <= (line.top + line.bottom) / 2 <= z[1]), None)
        if zone is None or line.x0 < gutter < line.x1:
            out.append(line)
        elif zone not in done:
            done.add(zone)
            inside = [
                ln
                for ln in lines
                if zone[0] <= (ln.top + ln.bottom) / 2 <= zone[1] and not ln.x0 < gutter < ln.x1
            ]
            out += [ln for ln in inside if ln.x1 <= gutter] + [
                ln for ln in inside if ln.x0 >= gutter
            ]
    return out


def column_zones(lines: list[Line], gutter: float) -> list[tuple[float, float]]:
    """Vertical spans where lines face each other across the gutter (merged when close)."""
    left = [ln for ln in lines if ln.x1 <= gutter]
    right = [ln for ln in lines if ln.x0 >= gutter]
    spans = sorted(
        (min(a.top, b.top), max(a.bottom, b.bottom))
        for a in left
        for b in right
        if min(a.bottom, b.bottom) > max(a.top, b.top)
    )
    zones: list[list[float]] = []
    for top, bottom in spans:
        if zones and top - zones[-1][1] < 2 * (bottom - top):
            zones[-1][1] = max(zones[-1][1], bottom)
        else:
            zones.append([top, bottom])
    # a column that runs on below the other one still belongs to the zone
    for zone in zones:
        for line in sorted(lines, key=lambda ln: ln.top):
            if line.top <= zone[1]:
                continue
            if line.x0 < gutter < line.x1 or line.top - zone[1] > 1.5 * line.size:
                break
            zone[1] = line.bottom
    return [tuple(z) for z in zones]


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical gap with at least three lines paired across it, if any."""
    best, best_pairs = None, 2
    step = max(
        4, int(width / 300)
    )  # every 4 pt on a page of ordinary size; at most 150 tries on a hostile one
    for x in range(int(width * 0.25), int(width * 0.75), step):
        left = [ln for ln in lines if ln.x1 < x]
        right = [ln for ln in lines if ln.x0 > x]
        pairs = sum(
            1 for r in right if any(min(r.bottom, lf.bottom) > max(r.top, lf.top) for lf in left)
        )
        if pairs > best_pairs:
            best, best_pairs = x, pairs
    if best is None:
        return None
    # centre the cut in the empty strip around the best x
    lo = max((ln.x1 for ln in lines if ln.x1 < best), default=best)
    hi = min((ln.x0 for ln in lines if ln.x0 > best), default=best)
    return (lo + hi) / 2


def lexicon(pages: list[Page]) -> Counter:
    """How often each word (lower-cased, accents kept) occurs in the document's running text.

    Words printed in capitals are left out: capitals often drop accents ("NUMERIQUE").
    """
    words = Counter()
    for page in pages:
        for line in page.lines:
            words.update(w.lower() for w in WORD.findall(line.text) if not w.isupper())
    return words


def typical_pitch(lines) -> float:
    """Median distance from a line that wraps to the line continuing it.

    A line that wraps runs (nearly) to the right edge of its column; the distance to
    the next line is then the pitch inside a paragraph, whatever the gaps around
    headings and between short paragraphs. A wider gap means a new paragraph.
    """
    lines = list(lines)
    right = {}
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
    depths, levels = {}, []
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
            out = out[:-1] + t if t[0].islower() and rejoin(out, t, words) else out + t
        else:
            out += " " + t
    return out


def rejoin(before: str, after: str, words: Counter | None) -> bool:
    """True when "…dématé-" + "rialisation…" is end-of-line hyphenation, not a real hyphen."""
    if not words:
        return False
    head = WORD.findall(before[:-1])[-1:] or [""]
    tail = WORD.findall(after)[:1] or [""]
    joined, hyphenated = (head[0] + tail[0]).lower(), (head[0] + "-" + tail[0]).lower()
    return words[joined] > words[hyphenated]


def render(paras: list[Paragraph]) -> str:
    """Plain text: paragraphs on their own line, items as "- item", nested "  - item"."""
    return "\n".join(p.text if p.level < 0 else "  " * p.level + "- " + p.text for p in paras)
