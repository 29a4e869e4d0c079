"""Stage 1 — read: PDF file → pages of text lines with font size, weight, colour and box.

Lines are built from pdfplumber's characters rather than from its text lines so that
sub- and superscripts ("CO₂") stay inside the line they belong to, and so that text
placed side by side with a wide gap (two columns, a two-column list) becomes separate
lines that the layout stage can put in reading order.

pdfplumber itself is imported only when it reads or repairs a file: with PDFium reading the
pages, a run needs pdfminer's parser alone (`survey`).

Before any page is read, `survey` checks the file (empty, not a PDF, truncated, encrypted,
no pages, over the page limit). pdfminer fails in many ways on a damaged file; each failure
becomes one line naming the file and the part that failed, and `Damaged` when Ghostscript
may repair it (`repair`).
"""

from __future__ import annotations

import logging
import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path

from pdfminer.pdfdocument import (
    PDFDocument,
    PDFEncryptionError,
    PDFPasswordIncorrect,
    PDFXRefFallback,
)
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1

from ..elements import Line, Page, Rect
from ..errors import Damaged, InputError
from ..text import clean
from . import shapes

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
PLACE = ("x0", "x1", "top", "bottom", "size")  # what places a glyph or an image
GUTTER_ROWS = 3  # rows cut over the same x that make it a gutter of the page
MARKERS = set("•◦▪▫●○■□‣⁃∙➢➤►▶✓✔·*+-–—°º")
MARKER_GLYPHS = 4  # a bullet's run has at most this many glyphs (OCR reads one as "°__")
COMPLAINT_LENGTH = 160  # characters kept of each of pdfminer's complaints
FONT_CACHE = 1024  # font names remembered (bold or not, base name, small caps): a few dozen
SAME_ROW = 0.5  # share of the smaller glyph's height that must overlap the row
# a run of one row taller than this many times its tallest glyph holds lines one above the other
STACKED = 1.2
# a PDF's header lies in its first 1024 bytes and its %%EOF in its last (as Acrobat reads it)
ENDS = 1024
MIB = 1 << 20
# Decoded content a page may hold: the yearbooks' largest page holds 0.22 MiB (the brochure);
# a page of tens of MiB is hostile, and pdfminer would spend minutes and gigabytes on it.
MAX_CONTENT = 8 * MIB
NOT_PDF = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive, e.g. a Word or OpenDocument file"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
)

Progress = Callable[[int, int], None]


def survey(path: str | Path, password: str | None = None, max_pages: int | None = None) -> bool:
    """Check the file before any page is read: a whole PDF, readable, within the page limit.

    Only pdfminer's document is opened (pdfplumber would build every page object
    of a hostile page tree); the tree is walked no further than the limit.
    True when pdfminer had to rebuild a damaged cross-reference table by scanning the file.
    """
    path = Path(path)
    sniff(path)
    with open(path, "rb") as f:
        try:
            doc = PDFDocument(PDFParser(f), password=password or "")
            tree = resolve1(doc.catalog.get("Pages"))
            declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
        except Exception as e:  # pdfminer raises many kinds of errors on damaged files
            raise failure(path.name, e, password) from None
        if not isinstance(tree, dict):
            raise Damaged(
                f"{path.name}: its page tree cannot be found (damaged cross-reference table?)"
            )
        if max_pages and isinstance(declared, int) and declared > max_pages:
            raise InputError(
                f"{path.name}: declares {declared} pages, over the limit of {max_pages} "
                f"(--max-pages)"
            )
        count_pages(doc, path.name, declared, max_pages)
        return any(isinstance(x, PDFXRefFallback) for x in doc.xrefs)


def count_pages(doc: PDFDocument, name: str, declared, max_pages: int | None) -> int:
    """The pages the tree holds, walked no further than the limit; an error when it holds none
    or too many."""
    try:
        counted = 0
        for counted, page in enumerate(
            islice(PDFPage.create_pages(doc), max_pages + 1 if max_pages else None), 1
        ):
            check_content(name, counted, page)
    except InputError:
        raise
    except Exception as e:
        raise unreadable(f"{name}: its page tree", e) from None
    if max_pages and counted > max_pages:
        raise InputError(f"{name}: more than {max_pages} pages, the limit (--max-pages)")
    if not counted:
        if declared:
            raise Damaged(f"{name}: declares {declared} pages but none can be found")
        raise InputError(f"{name}: the PDF has no pages")
    return counted


def check_content(name: str, number: int, page: PDFPage) -> None:
    """Refuse a page whose content (its drawing instructions, decoded) is over MAX_CONTENT:
    parsing it would take minutes and gigabytes before any other limit stops it."""
    size = sum(
        len(stream.get_data())
        for stream in map(resolve1, page.contents)
        if isinstance(stream, PDFStream)
    )
    if size > MAX_CONTENT:
        raise InputError(
            f"{name}: page {number} holds {size / MIB:.0f} MiB of drawing instructions, over the "
            f"limit of {MAX_CONTENT // MIB} MiB a page (a yearbook's pages hold under 1 MiB)"
        )


class Collector(logging.Handler):
    """A log handler keeping each warning's message, on one line and cut short, in a list."""

    def __init__(self, heard: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.heard = heard

    def emit(self, record: logging.LogRecord) -> None:
        self.heard.append(" ".join(record.getMessage().split())[:COMPLAINT_LENGTH])


@contextmanager
def complaints():
    """The warnings pdfminer logs while reading (data it had to drop from a damaged file), in a
    list for the document's warnings rather than on stderr."""
    heard: list[str] = []
    handler = Collector(heard)
    logger = logging.getLogger("pdfminer")
    before = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield heard
    finally:
        logger.removeHandler(handler)
        logger.propagate = before


def sniff(path: Path) -> None:
    """A file that is empty, not a PDF at all, or cut short is named for what it is."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(ENDS)
            f.seek(max(0, size - ENDS))
            tail = f.read()
    except OSError as e:
        raise InputError(f"{path.name}: cannot be read ({e.strerror})") from None
    if size == 0:
        raise InputError(f"{path.name}: empty file (0 bytes)")
    if b"%PDF-" not in head:
        kind = next((what for magic, what in NOT_PDF if head.startswith(magic)), None)
        raise InputError(f"{path.name}: not a PDF ({kind or 'no PDF header'})")
    if b"%%EOF" not in tail:
        raise InputError(
            f"{path.name}: truncated: the PDF's end-of-file marker is missing (an incomplete "
            f"download?)"
        )


def failure(name: str, e: Exception, password: str | None) -> InputError:
    """The input error for an exception pdfminer raised while opening a file."""
    cause = unwrap(e)
    if isinstance(cause, PDFPasswordIncorrect):
        if password:
            return InputError(
                f"{name}: the PDF is encrypted and the password given with --password is wrong"
            )
        return InputError(f"{name}: the PDF is encrypted; give its password with --password")
    if isinstance(cause, PDFEncryptionError):
        return InputError(
            f"{name}: the PDF is encrypted with a method the reader does not support ({cause})"
        )
    return unreadable(f"{name}: the PDF", cause)


def unreadable(what: str, e: BaseException) -> InputError:
    """The error for a part of the file pdfminer failed on: damage that Ghostscript may repair,
    unless its objects nest deeper than any reader goes (a hostile file, which a repair would
    empty)."""
    e = unwrap(e)
    if isinstance(
        e, MemoryError
    ):  # the memory cap's doing, not damage: the caller reports the limit
        raise e
    if isinstance(e, RecursionError):
        return InputError(f"{what} cannot be read: its objects are nested too deeply")
    text = " ".join(str(e).split())
    return Damaged(f"{what} cannot be read ({type(e).__name__}{': ' + text[:120] if text else ''})")


def unwrap(e: BaseException) -> BaseException:
    """pdfminer's own exception inside the one pdfplumber wraps it in (which only pdfplumber,
    once imported, can have raised)."""
    plumber = sys.modules.get("pdfplumber.utils.exceptions")
    if (
        plumber is not None
        and isinstance(e, plumber.PdfminerException)
        and e.args
        and isinstance(e.args[0], BaseException)
    ):
        return e.args[0]
    return e


def repair(path: Path, target: Path, password: str | None = None) -> Path:
    """Ghostscript's rewrite of a damaged PDF (pdfplumber's repair), which rebuilds its
    structure."""
    import pdfplumber

    try:
        pdfplumber.repair(path, outfile=target, password=password)
    except (
        Exception
    ) as e:  # pdfplumber reports Ghostscript's failure as a bare Exception with its stderr
        last = (str(e).strip().splitlines() or ["no message"])[-1]
        raise InputError(f"Ghostscript could not repair it ({last[:120]})") from None
    return target


def read(
    path: str | Path,
    progress: Progress | None = None,
    password: str | None = None,
    only: set[int] | None = None,
) -> list[Page]:
    """Read every page of the PDF (or `only` those numbers); `progress(done, total)` after each
    page."""
    import pdfplumber

    path = Path(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as e:
        raise failure(path.name, e, password) from None
    try:
        try:
            listed = pdf.pages
        except Exception as e:
            raise unreadable(f"{path.name}: its page tree", e) from None
        pages = []
        for i, page in enumerate(listed, 1):
            if only is not None and i not in only:
                continue
            try:  # pdfminer parses the page's content here, and fails in many ways on damaged ones
                objects = page.objects
            except Exception as e:
                raise unreadable(f"{path.name}: page {i}", e) from None
            pages.append(read_page(objects, float(page.width), float(page.height), i))
            page.close()  # pdfplumber caches every object of a page until it is closed
            if progress:
                progress(i, len(listed))
    finally:  # not pdf.close(): it lists the pages again, and fails again on a damaged page tree
        pdf.stream.close()
    return pages


def read_page(objects: dict, width: float, height: float, number: int) -> Page:
    """A page from pdfplumber's objects (characters, images, shapes); glyphs at no finite point
    are dropped."""
    chars = [c for c in objects.get("char", []) if c.get("text") and finite(c)]
    lines = lines_from_chars([c for c in chars if c.get("upright", True)], number)
    lines += vertical_lines([c for c in chars if not c.get("upright", True)], number)
    boxes = tuple(
        Rect(number, im["x0"], im["top"], im["x1"], im["bottom"])
        for im in objects.get("image", [])
        if finite(im)
    )
    drawn = shapes.from_plumber(objects, number, hex_color)
    return Page(number, width, height, tuple(lines), boxes, shapes=drawn)


def finite(obj: dict) -> bool:
    """Placed at finite numbers (called for every glyph: one C loop, no per-key Python)."""
    try:
        return all(map(math.isfinite, map(obj.get, PLACE, (0, 0, 0, 0, 0))))
    except TypeError:  # not a number at all
        return False


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
