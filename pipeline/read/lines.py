"""Stage 1 — read, the lines: a page's characters (from pdfplumber or PDFium) → text lines with
font size, weight, colour and box.

Lines are built from the characters rather than from an engine's text lines so that sub- and
superscripts ("CO₂") stay inside the line they belong to, and so that text placed side by side
with a wide gap (two columns, a two-column list) becomes separate lines that the layout stage
can put in reading order. Pure Python over plain dicts: both engines share it, and reading the
pages with PDFium needs no pdfminer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter

from ..elements import Line
from ..text import clean

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|[-,]bd\b", re.I)
LEAD_MIN = 3  # glyphs: a shorter opening run in another style is a bullet or an initial
SMALL_CAPS_FONT = re.compile(r"small-?caps|smcp|[-_ ]sc\b|(?<=[a-z])SC\b")
SUBSET_TAG = re.compile(
    r"^[A-Z]{6}\+"
)  # "HUXHCT+Lato-Heavy": a subset's tag before the font's name
SPACE_GAP = 0.2  # a gap wider than this many ems between two glyphs is a word space
SPLIT_GAP = 2.5  # a gap wider than this many ems always splits a row into separate lines…
SPLIT_MIN = 1.0  # …and one wider than this many ems does when it is GUTTER times the usual word gap
GUTTER = 3.0
GUTTER_ROWS = 3  # rows cut over the same x that make it a gutter of the page
MARKERS = set("•◦▪▫●○■□‣⁃∙➢➤►▶✓✔·*+-–—°º")
MARKER_GLYPHS = 4  # a bullet's run has at most this many glyphs (OCR reads one as "°__")
FONT_CACHE = 1024  # font names remembered (bold or not, base name, small caps): a few dozen
SAME_ROW = 0.5  # share of the smaller glyph's height that must overlap the row
# a run of one row taller than this many times its tallest glyph holds lines one above the other
STACKED = 1.2


def lines_from_chars(chars: Iterable[dict], page: int) -> list[Line]:
    """Group characters into rows by vertical overlap, then split each row at wide gaps, and at
    the page's gutters (where other rows were cut) the gaps over them wider than SPLIT_MIN ems."""
    rows = group_rows(chars)
    cuts: list[tuple[float, float]] = []
    first: list[list[list[dict]]] = []  # each row's runs…
    uncut: list[list[tuple[float, float]]] = []  # …and its wide gaps left uncut
    for row in rows:
        uncut.append([])
        first.append(split_row(row, cuts, (), uncut[-1]))
    gutters = page_gutters(cuts)
    lines = []
    for row, runs, left in zip(rows, first, uncut, strict=True):
        if gutters and any(a < x < b for a, b in left for x in gutters):
            runs = split_row(row, [], gutters)
        for run in (part for whole in runs for part in unstacked(whole)):
            line = make_line(run, page)
            if line.text:
                lines.append(line)
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def group_rows(chars: Iterable[dict]) -> list[list[dict]]:
    """Characters in rows by vertical overlap (a subscript joins its row), each left to right."""
    rows: list[list] = []  # [top, bottom, size, chars]
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        last = rows[-1] if rows else None
        if (
            last is not None and c["top"] == last[0] and c["bottom"] == last[1]
        ):  # the common case: same row
            last[3].append(c)
            continue
        h = max(c["bottom"] - c["top"], 0.1)
        for row in reversed(rows[-6:]):
            overlap = min(row[1], c["bottom"]) - max(row[0], c["top"])
            if overlap >= SAME_ROW * min(h, row[1] - row[0]):
                row[3].append(c)
                if c["size"] >= 0.8 * row[2]:  # a subscript does not stretch its row
                    row[0], row[1], row[2] = (
                        min(row[0], c["top"]),
                        max(row[1], c["bottom"]),
                        max(row[2], c["size"]),
                    )
                break
        else:
            rows.append([c["top"], c["bottom"], c["size"], [c]])
    return [sorted(row[3], key=lambda c: c["x0"]) for row in rows]


def unstacked(run: list[dict]) -> list[list[dict]]:
    """A run cut out of a row that a taller line beside it stretched can hold two lines, one
    above the other ("Territoire(s) :" over "Commune d'Albi" beside a large title): one run
    each, not their glyphs interleaved."""
    tallest = max(c["bottom"] - c["top"] for c in run)
    extent = max(c["bottom"] for c in run) - min(c["top"] for c in run)
    return group_rows(run) if extent > STACKED * tallest else [run]


def page_gutters(cuts: list[tuple[float, float]]) -> list[float]:
    """The x of the page's gutters: where the gaps rows were cut at line up, GUTTER_ROWS or more."""
    starts, ends = sorted(a for a, _ in cuts), sorted(b for _, b in cuts)
    middles = sorted({round((a + b) / 2, 1) for a, b in cuts})
    # the gaps over x: those starting before it, less those ended by then
    return [x for x in middles if bisect_left(starts, x) - bisect_right(ends, x) >= GUTTER_ROWS]


def split_row(
    chars: list[dict], cuts: list, gutters: Sequence[float] = (), uncut: list | None = None
) -> list[list[dict]]:
    """Cut a row where a gap is far wider than its word spaces: a gutter, a table's columns.

    Justified text may space its words widely, but evenly; a gutter stands out from the
    row's other gaps (or is wide in any case). A gap over one of the page's `gutters` (where
    other rows were cut) is cut when it is wider than SPLIT_MIN ems: two columns whose
    words are spaced as widely as their gutter. The gaps cut are added to `cuts`, those wider
    than SPLIT_MIN ems left uncut to `uncut`.
    """
    usual = usual_space(chars)
    widths: dict[float, tuple[float, float]] = {}  # cut_widths by size: a row has few sizes
    runs: list[list[dict]] = []
    run: list[dict] = []
    last = None
    for c in chars:
        if c["text"].isspace():
            if run:
                run.append(c)
            continue
        if last is not None and not (len(run) <= MARKER_GLYPHS and is_marker(run)):
            gap = (last["x1"], c["x0"])
            size = min(last["size"], c["size"])
            if size not in widths:
                widths[size] = cut_widths(usual, size)
            cut, least = widths[size]
            if wide(*gap, cut, least, gutters):
                runs.append(run)
                cuts.append(gap)
                run = []
            elif uncut is not None and gap[1] - gap[0] > least:
                uncut.append(gap)
        run.append(c)
        last = c
    if run:
        runs.append(run)
    return runs


def usual_space(chars: list[dict]) -> float:
    """The row's median word space (0 when it has none)."""
    ink = [c for c in chars if not c["text"].isspace()]
    gaps = [b["x0"] - a["x1"] for a, b in zip(ink, ink[1:], strict=False)]
    size = max((c["size"] for c in ink), default=10.0)
    words = sorted(g for g in gaps if g > SPACE_GAP * size)
    return words[len(words) // 2] if words else 0.0


def cut_widths(usual: float, size: float) -> tuple[float, float]:
    """The gap that cuts the row anywhere, and the narrowest that cuts it over a gutter, in
    the ems of the smaller glyph beside the gap: a large title level with a small label does
    not widen the gap that parts the label from its neighbour, nor from the title itself (a
    word space is a fraction of an em, whatever the sizes on either side)."""
    return min(SPLIT_GAP * size, max(SPLIT_MIN * size, GUTTER * usual)), SPLIT_MIN * size


def wide(start: float, end: float, cut: float, least: float, gutters) -> bool:
    gap = end - start
    return gap > cut or gap > least and any(start < x < end for x in gutters)


def is_marker(run: list[dict]) -> bool:
    """A run that is only a bullet: it keeps the item's text, however far that starts."""
    return len(run) <= MARKER_GLYPHS and "".join(x["text"] for x in run).strip(" _") in MARKERS


X0, TOP, X1, BOTTOM = map(itemgetter, ("x0", "top", "x1", "bottom"))


def make_line(chars: list[dict], page: int) -> Line:
    parts: list[str] = []
    ink: list[dict] = []
    last = None
    for c in chars:
        if c["text"].isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if last is not None and parts[-1] != " " and c["x0"] - last["x1"] > SPACE_GAP * c["size"]:
            parts.append(" ")
        parts.append(c["text"])
        ink.append(c)
        last = c
    ink = ink or chars
    styles = Counter(
        (c["size"], c.get("fontname", ""), hashable(c.get("non_stroking_color"))) for c in ink
    )
    sizes, bold, colors, fonts = Counter[float](), 0, Counter[tuple](), Counter[str]()
    for (size, font, color), n in styles.items():
        sizes[round(size, 1)] += n
        bold += n if is_bold(font) else 0
        colors[color] += n
        fonts[font] += n
    font = base_font(fonts.most_common(1)[0][0])
    return Line(
        text=clean("".join(parts)),
        page=page,
        x0=min(map(X0, ink)),
        top=min(map(TOP, ink)),
        x1=max(map(X1, ink)),
        bottom=max(map(BOTTOM, ink)),
        size=sizes.most_common(1)[0][0],
        bold=bold * 2 > len(ink),
        color=hex_color(colors.most_common(1)[0][0]),
        lead=opening_run(ink),
        font=font,
        small_caps=is_small_caps(font),
    )


def opening_run(ink: list[dict]) -> int:
    """How many glyphs open the line in a weight or colour of their own, the rest of the line
    being set otherwise: a run-in label ("Le point de départ : …" in bold); 0 when none.
    A glyph in the first one's very font and colour is in its weight and colour: only the others
    are looked at closely (most lines are set in one style)."""
    font, color = ink[0].get("fontname", ""), ink[0].get("non_stroking_color")
    first = (is_bold(font), hashable(color))
    for i, glyph in enumerate(ink):
        glyph_font, glyph_color = glyph.get("fontname", ""), glyph.get("non_stroking_color")
        if glyph_font == font and glyph_color == color:
            continue
        if (is_bold(glyph_font), hashable(glyph_color)) != first:
            return i if i >= LEAD_MIN else 0
    return 0


@lru_cache(maxsize=FONT_CACHE)
def is_bold(fontname: str) -> bool:
    return bool(BOLD_FONT.search(fontname))


@lru_cache(maxsize=FONT_CACHE)
def base_font(fontname: str) -> str:
    """The font's name without the tag of its subset: the same font in every document."""
    return SUBSET_TAG.sub("", fontname)


@lru_cache(maxsize=FONT_CACHE)
def is_small_caps(font: str) -> bool:
    return bool(SMALL_CAPS_FONT.search(font))


def vertical_lines(chars: list[dict], page: int) -> list[Line]:
    """Rotated text (a medal word printed up the margin) as one line per column of glyphs."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    lines = []
    for col in columns.values():
        col.sort(key=lambda c: -c["bottom"])  # text set bottom-to-top reads upward
        for run in upward_runs(col):
            line = make_line(run, page)
            text = "".join(c["text"] for c in run)
            if text.strip():
                lines.append(replace(line, text=clean(text), rotated=True))
    return lines


def upward_runs(column: list[dict]) -> list[list[dict]]:
    """A column of rotated glyphs cut where a gap wider than SPLIT_GAP ems parts them: two
    cards on one page each with its medal up the margin are two words, not one."""
    runs: list[list[dict]] = [column[:1]]
    for below, glyph in zip(column, column[1:], strict=False):
        if below["top"] - glyph["bottom"] > SPLIT_GAP * max(below["size"], glyph["size"]):
            runs.append([])
        runs[-1].append(glyph)
    return runs


def hashable(value):
    return tuple(value) if isinstance(value, list) else value


def hex_color(value) -> str:
    """pdfplumber colours (grey, RGB or CMYK tuples) as rrggbb."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        value = (value,)
    try:
        v = [float(x) for x in value]
    except (TypeError, ValueError):
        return ""
    if len(v) == 1:
        v = v * 3
    elif len(v) == 4:
        c, m, y, k = v
        v = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(v) != 3:
        return ""
    return "".join(f"{max(0, min(255, round(x * 255))):02x}" for x in v)
