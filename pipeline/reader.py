"""Stage 1 — read: PDF file → pages of text lines with font size, weight, colour and box.

Lines are built from pdfplumber's characters rather than from its text lines so that
sub- and superscripts ("CO₂") stay inside the line they belong to, and so that text
placed side by side with a wide gap (two columns, a two-column list) becomes separate
lines that the layout stage can put in reading order.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from .elements import Box, Line, Page
from .errors import InputError
from .text import clean

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|[-,]bd\b", re.I)
SPACE_GAP = 0.2   # a gap wider than this many ems between two glyphs is a word space
SPLIT_GAP = 2.5   # a gap wider than this many ems always splits a row into separate lines…
SPLIT_MIN = 1.0   # …and one wider than this many ems does when it is GUTTER times the usual word gap
GUTTER = 3.0
MARKERS = set("•◦▪▫●○■□‣⁃∙➢➤►▶✓✔·*+-–—°")
SAME_ROW = 0.5    # share of the smaller glyph's height that must overlap the row

Progress = Callable[[int, int], None]


def read(path: str | Path, progress: Progress | None = None, password: str | None = None,
         only: set[int] | None = None) -> list[Page]:
    """Read every page of the PDF (or `only` those numbers); `progress(done, total)` after each page."""
    path = Path(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{path.name}: the PDF is encrypted; give its password with --password") from None
    except PdfminerException as e:
        if isinstance(e.args[0] if e.args else None, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"{path.name}: the PDF is encrypted; give its password with --password") from None
        raise InputError(f"{path.name}: not a readable PDF ({e})") from None
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, AttributeError) as e:
        raise InputError(f"{path.name}: not a readable PDF ({type(e).__name__})") from None
    with pdf:
        try:
            total = len(pdf.pages)
        except Exception as e:  # pdfminer raises many kinds of errors on damaged page trees
            raise InputError(f"{path.name}: the PDF's page tree cannot be read ({type(e).__name__})") from None
        pages = []
        for i, page in enumerate(pdf.pages, 1):
            if only is not None and i not in only:
                continue
            try:
                pages.append(read_page(page, i))
            except (PdfminerException, PDFSyntaxError, PSException) as e:
                raise InputError(f"{path.name}: page {i} cannot be read ({e})") from None
            page.close()  # pdfplumber caches every object of a page until it is closed
            if progress:
                progress(i, total)
    return pages


def read_page(page, number: int) -> Page:
    chars = [c for c in page.chars if c.get("text")]
    lines = lines_from_chars([c for c in chars if c.get("upright", True)], number)
    lines += vertical_lines([c for c in chars if not c.get("upright", True)], number)
    images = tuple(Box(number, im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images)
    return Page(number, float(page.width), float(page.height), tuple(lines), images)


def lines_from_chars(chars: Iterable[dict], page: int) -> list[Line]:
    """Group characters into rows by vertical overlap, then split each row at wide gaps."""
    rows: list[list] = []  # [top, bottom, size, chars]
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        last = rows[-1] if rows else None
        if last is not None and c["top"] == last[0] and c["bottom"] == last[1]:  # the common case: same row
            last[3].append(c)
            continue
        h = max(c["bottom"] - c["top"], 0.1)
        for row in reversed(rows[-6:]):
            overlap = min(row[1], c["bottom"]) - max(row[0], c["top"])
            if overlap >= SAME_ROW * min(h, row[1] - row[0]):
                row[3].append(c)
                if c["size"] >= 0.8 * row[2]:  # a subscript does not stretch its row
                    row[0], row[1], row[2] = min(row[0], c["top"]), max(row[1], c["bottom"]), max(row[2], c["size"])
                break
        else:
            rows.append([c["top"], c["bottom"], c["size"], [c]])
    lines = []
    for row in rows:
        for run in split_row(sorted(row[3], key=lambda c: c["x0"])):
            line = make_line(run, page)
            if line.text:
                lines.append(line)
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def split_row(chars: list[dict]) -> list[list[dict]]:
    """Cut a row where a gap is far wider than its word spaces: a gutter, a table's columns.

    Justified text may space its words widely, but evenly; a gutter stands out from the
    row's other gaps (or is wide in any case).
    """
    ink = [c for c in chars if not c["text"].isspace()]
    gaps = [b["x0"] - a["x1"] for a, b in zip(ink, ink[1:])]
    size = max((c["size"] for c in ink), default=10.0)
    words = sorted(g for g in gaps if g > SPACE_GAP * size)
    usual = words[len(words) // 2] if words else 0.0
    cut = min(SPLIT_GAP * size, max(SPLIT_MIN * size, GUTTER * usual))
    runs, run, last = [], [], None
    for c in chars:
        if c["text"].isspace():
            if run:
                run.append(c)
            continue
        if last is not None and c["x0"] - last["x1"] > cut and not is_marker(run):
            runs.append(run)
            run = []
        run.append(c)
        last = c
    if run:
        runs.append(run)
    return runs


def is_marker(run: list[dict]) -> bool:
    """A run that is only a bullet: it keeps the item's text, however far that starts."""
    return len(run) <= 3 and "".join(x["text"] for x in run).strip() in MARKERS


def make_line(chars: list[dict], page: int) -> Line:
    parts, last = [], None
    for c in chars:
        if c["text"].isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if last is not None and parts and parts[-1] != " " and c["x0"] - last["x1"] > SPACE_GAP * c["size"]:
            parts.append(" ")
        parts.append(c["text"])
        last = c
    ink = [c for c in chars if not c["text"].isspace()] or chars
    styles = Counter((c["size"], c.get("fontname", ""), hashable(c.get("non_stroking_color"))) for c in ink)
    sizes, bold, colors = Counter(), 0, Counter()
    for (size, font, color), n in styles.items():
        sizes[round(size, 1)] += n
        bold += n if is_bold(font) else 0
        colors[color] += n
    return Line(text=clean("".join(parts)), page=page,
                x0=min(c["x0"] for c in ink), top=min(c["top"] for c in ink),
                x1=max(c["x1"] for c in ink), bottom=max(c["bottom"] for c in ink),
                size=sizes.most_common(1)[0][0], bold=bold * 2 > len(ink),
                color=hex_color(colors.most_common(1)[0][0]))


@lru_cache(maxsize=None)
def is_bold(fontname: str) -> bool:
    return bool(BOLD_FONT.search(fontname))


def vertical_lines(chars: list[dict], page: int) -> list[Line]:
    """Rotated text (a medal word printed up the margin) as one line per column of glyphs."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    lines = []
    for col in columns.values():
        col.sort(key=lambda c: -c["bottom"])  # text set bottom-to-top reads upward
        line = make_line(col, page)
        text = "".join(c["text"] for c in col)
        if text.strip():
            lines.append(line.with_text(clean(text)))
    return lines


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
