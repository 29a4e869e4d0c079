"""Stage 1, second engine — read with PDFium (pypdfium2, installed with pdfplumber).

pdfminer, under pdfplumber, interprets every page in Python; PDFium does it in C and
is many times faster. This module asks PDFium for the same facts about each character
(text, box, size, font name, fill colour, orientation) and hands them, as the same char
dicts, to the line building of `lines`, so both engines give the same lines.
Boxes follow pdfminer's convention: the glyph's advance width across, the font size up
from the font's descent below the baseline, both scaled by the character's matrix (a page
drawn under a scaling transform, as some design tools export, has its sizes scaled too).
A page PDFium cannot read as pdfminer does is read by pdfplumber (`reader`) instead: one
with a font the PDF does not embed (PDFium lays out a substitute's glyph widths where
pdfminer takes the standard metrics). Yearbooks embed their fonts: the fallback is for
generated and unusual files.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..elements import Page, Rect
from ..errors import InputError
from ..processes import Sharing, gather, start, stop
from . import shapes
from .lines import lines_from_chars, vertical_lines

if TYPE_CHECKING:
    from .reader import Progress

# Pages each process reads at least: under twice as many, a file is read in one (forking and
# sending the pages back cost about what a page's reading does).
SHARED_PAGES = 4

# The readings started ahead of their conversion (`ahead`), by file and password.
AHEAD: dict[tuple[Path, str | None], Sharing] = {}


def read(
    path: str | Path,
    progress: Progress | None = None,
    password: str | None = None,
    only: set[int] | None = None,
    processes: int = 1,
) -> list[Page]:
    """Read every page of the PDF (or `only` those numbers), in up to `processes` processes
    handing the pages out one at a time (`processes.start`), or with the helpers reading the
    file already (`ahead`); `progress(done, total)` after each page this process reads (the
    pages it has read), and once every page is in."""
    path = Path(path)
    total = page_count(path, password)
    sharing = AHEAD.pop((path.resolve(), password), None) if only is None else None
    if sharing is None:
        numbers = [i for i in range(1, total + 1) if only is None or i in only]
        sharing = started(path, password, numbers, processes)
    try:
        pages = gather(sharing, partial(read_numbers, path, password, progress, total))
    finally:
        stop(sharing)
    if progress:  # the helpers' pages are in
        progress(len(pages), len(pages))
    return with_fallback(path, pages, password)


@contextlib.contextmanager
def ahead(
    path: Path, password: str | None, processes: int, max_pages: int, memory_mib: int
) -> Iterator[None]:
    """Start reading the file's pages in `processes` - 1 helpers now, each under `memory_mib`
    MiB more than it inherits, for the conversion to join (`read`) once its modules are
    imported, the process it runs in forked meanwhile or not; on exit the helpers are stopped,
    joined or not. Nothing starts for a file PDFium cannot open or of over `max_pages`
    pages: its conversion says why."""
    key = (path.resolve(), password)
    try:
        total: int | None = page_count(path, password)
    except InputError:  # the conversion says why
        total = None
    sharing = (
        started(path, password, list(range(1, total + 1)), processes, memory_mib)
        if total is not None and total <= max_pages
        else None
    )
    if sharing is not None and sharing.helpers:
        AHEAD[key] = sharing
    try:
        yield
    finally:
        if sharing is not None:
            AHEAD.pop(key, None)
            stop(sharing)


def started(
    path: Path,
    password: str | None,
    numbers: list[int],
    count: int,
    memory_mib: int | None = None,
) -> Sharing:
    """The reading of these pages started, shared with up to `count` - 1 helpers."""
    work = partial(read_numbers, path, password, None, len(numbers))
    return start(work, numbers, count, SHARED_PAGES, memory_mib)


def page_count(path: Path, password: str | None) -> int:
    pdf = document(path, password)
    try:
        return len(pdf)
    finally:
        pdf.close()


def document(path: Path, password: str | None):
    """The PDF opened by PDFium, or the input error that says why it cannot be."""
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        if "password" in message:
            raise InputError(
                f"{path.name}: the PDF is encrypted; give its password with --password"
            ) from None
        raise InputError(f"{path.name}: not a readable PDF ({e})") from None


def read_numbers(
    path: Path, password: str | None, progress: Progress | None, total: int, numbers: Iterable[int]
) -> list[Page | int]:
    """The pages of these numbers (see `page_or_number`), the PDF opened in this process;
    `progress(pages read so far here, total)` after each."""
    pdf = document(path, password)
    try:
        pages = []
        for number in numbers:
            pages.append(page_or_number(pdf, number))
            if progress:
                progress(len(pages), total)
        return pages
    finally:
        pdf.close()


def page_or_number(pdf, number: int) -> Page | int:
    """The page read by PDFium, or its number for pdfplumber to read: a page PDFium reads
    otherwise than pdfminer, or cannot read at all (damaged: pdfplumber says why, and the
    file is repaired if it can be)."""
    try:
        page = pdf[number - 1]
    except pdfium.PdfiumError:
        return number
    try:
        return read_page(page, number) or number
    except pdfium.PdfiumError:
        return number
    finally:
        page.close()


def with_fallback(path: Path, pages: list[Page | int], password: str | None) -> list[Page]:
    """The pages read, with pdfplumber's reading of those PDFium could not read alike (numbers);
    when pdfplumber does not find those pages (the engines disagree on a damaged page tree), the
    whole file as pdfplumber reads it."""
    from . import reader

    others = {p for p in pages if isinstance(p, int)}
    read = (
        {p.number: p for p in reader.read(path, password=password, only=others)} if others else {}
    )
    if not others <= read.keys():
        return reader.read(path, password=password)
    return [read[p] if isinstance(p, int) else p for p in pages]


def read_page(page, number: int) -> Page | None:
    """The page, or None when it holds a character PDFium cannot place as pdfminer does."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = ligatures(page_chars(textpage.raw, height))
    finally:
        textpage.close()
    if not all(c["embedded"] for c in chars):
        return None
    lines = lines_from_chars([c for c in chars if c["upright"]], number)
    lines += vertical_lines([c for c in chars if not c["upright"]], number)
    images, drawn = [], []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH)):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            drawn += path_shapes(obj.raw, number, height)
            continue
        left, bottom, right, top = obj.get_bounds()
        images.append(Rect(number, left, height - top, right, height - bottom))
    return Page(
        number,
        float(width),
        float(height),
        tuple(lines),
        tuple(images),
        shapes=shapes.ordered(drawn),
    )


def path_shapes(path, number: int, height: float) -> list:
    """The shapes of a path object: one per subpath, boxed by its points as pdfminer boxes them
    (a Bézier curve by its end point, not its control points), in page coordinates."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(path, ctypes.byref(fill_mode), ctypes.byref(stroke))
    if not fill_mode.value and not stroke.value:
        return []
    colors = (
        paint_color(raw.FPDFPageObj_GetStrokeColor, path) if stroke.value else "",
        paint_color(raw.FPDFPageObj_GetFillColor, path) if fill_mode.value else "",
    )
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix))
    out = []
    for points in subpaths(path):
        xs = [matrix.a * x + matrix.c * y + matrix.e for x, y in points]
        ys = [height - (matrix.b * x + matrix.d * y + matrix.f) for x, y in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        out.append(shapes.shape(number, box, bool(stroke.value), bool(fill_mode.value), *colors))
    return out


def subpaths(path) -> list[list[tuple[float, float]]]:
    """The points of each subpath (a move starts one; a curve counts by its end point only)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[list[tuple[float, float]]] = []
    curve = 0
    for i in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            curve = (curve + 1) % 3
            if curve:  # a control point
                continue
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        if kind == raw.FPDF_SEGMENT_MOVETO or not out:
            out.append([])
        out[-1].append((x.value, y.value))
    return [points for points in out if len(points) > 1]


RGBA = tuple(
    ctypes.c_uint() for _ in range(4)
)  # reused: asked for every path (one thread reads a file)
RGBA_REFS = tuple(ctypes.byref(v) for v in RGBA)


def paint_color(function, obj) -> str:
    """A path's stroke or fill colour as rrggbb."""
    if not function(obj, *RGBA_REFS):
        return ""
    r, g, b, _ = (v.value for v in RGBA)
    return f"{r:02x}{g:02x}{b:02x}"


def bare(function, restype=ctypes.c_int):
    """The PDFium function called without ctypes' checks and conversions of its arguments.

    The calls made for every character are most of the reading time, and ctypes' argument
    conversion most of each call; the callers here pass ready-made C values (a pointer,
    an int index, `byref` buffers), so there is nothing to convert.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None, "a function of PDFium's library has an address"
    return ctypes.CFUNCTYPE(restype)(address)


# the text object's address as a plain int: a cheap identity for its style
text_object = bare(raw.FPDFText_GetTextObject, ctypes.c_void_p)
is_generated, char_origin, glyph_width, loose_box = map(
    bare,
    (
        raw.FPDFText_IsGenerated,
        raw.FPDFText_GetCharOrigin,
        raw.FPDFFont_GetGlyphWidth,
        raw.FPDFText_GetLooseCharBox,
    ),
)


def page_chars(tp, height: float):
    """The page's characters as pdfplumber-like dicts (PDFium's generated spaces and breaks left
    out).

    Size, font, colour and angle belong to a text object: they are asked once per object;
    a glyph's advance once per font, size and character. A letter at the same origin as the one
    before is a ligature's (see `ligatures`): it is as wide as PDFium's box of the glyph.
    """
    x, y, rect = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF()
    x_ref, y_ref, rect_ref = ctypes.byref(x), ctypes.byref(y), ctypes.byref(rect)
    before = None  # the origin and text object of the last character
    styles: dict[int, tuple] = {}
    descents: dict[tuple, float] = {}  # by font name and size
    advances: dict[tuple, float] = {}  # by font, size, scale and character
    codes = page_text(tp)
    for i, code in enumerate(codes):
        if code in (0, 10, 13, 0xFFFE, 0xFFFF) or code in (32, 2) and is_generated(tp, i) == 1:
            # PDFium adds spaces and line breaks of its own: only the PDF's characters count
            continue
        if code == 2:  # PDFium's mark for a hyphen ending a line
            code = 0x2D
        obj = text_object(tp, i)
        if obj not in styles:
            styles[obj] = style(tp, i, descents)
        size, font, color, upright, below, metrics, embedded = styles[obj]
        if (metrics, code) not in advances:
            advances[metrics, code] = advance(metrics, code)
        char_origin(tp, i, x_ref, y_ref)
        left, base = x.value, y.value
        width = advances[metrics, code]
        if before == (left, base, obj):
            loose_box(tp, i, rect_ref)
            width = rect.right - left
        before = (left, base, obj)
        bottom = height - base - below
        yield {
            "text": chr(code), "x0": left, "x1": left + width, "top": bottom - size,
            "bottom": bottom, "size": size, "fontname": font, "non_stroking_color": color,
            "upright": upright, "object": obj, "embedded": embedded,
        }  # fmt: skip


def ligatures(chars) -> list[dict]:
    """PDFium spells a ligature's glyph ("tt", "fi") as its letters at one origin, each as wide as
    the letter alone: one character here, as pdfminer gives it. PDFium tells no ligature's own
    advance: it reaches to the next glyph of its text object on its baseline, or, ending its
    object, as far as PDFium's box of the glyph (its outline: a few tenths of a point more or
    less than its advance)."""
    out: list[dict] = []
    joined = None  # the last ligature, until the glyph after it is seen
    for char in chars:
        last = out[-1] if out else None
        if last and char["x0"] == last["x0"] and char["object"] == last["object"]:
            last["text"] += char["text"]
            last["x1"] = char["x1"]
            joined = last
            continue
        if (
            joined is not None
            and char["object"] == joined["object"]
            and char["bottom"] == joined["bottom"]
        ):
            joined["x1"] = min(joined["x1"], char["x0"])
        joined = None
        out.append(char)
    return out


def page_text(tp) -> list[int]:
    """The code of every character of the page, in one call (one UTF-16 unit per character
    index)."""
    n = raw.FPDFText_CountChars(tp)
    buffer = (ctypes.c_ushort * (n + 1))()
    raw.FPDFText_GetText(tp, 0, n, buffer)
    codes = list(buffer[:n])
    if any(
        0xD800 <= c < 0xE000 for c in codes
    ):  # characters beyond the first plane: ask one by one
        return [raw.FPDFText_GetUnicode(tp, i) for i in range(n)]
    # the text call writes a line-ending hyphen as U+FFFE; the character itself says hyphen (2)
    return [raw.FPDFText_GetUnicode(tp, i) if c == 0xFFFE else c for i, c in enumerate(codes)]


def style(tp, i: int, descents: dict) -> tuple:
    """(size, font name, fill colour, upright, descent, metrics, embedded) of the text object
    holding character i; the size is the font's scaled by the character's matrix, as pdfminer
    gives it, and metrics (font, font size, horizontal scale) what `advance` needs."""
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(tp, i, ctypes.byref(matrix))
    # PDFium gives the size in text space; pdfminer's is on the page, through the page's scaling
    # (0.75 in a PDF laid out in CSS pixels)
    font_size = raw.FPDFText_GetFontSize(tp, i)
    size = font_size * (math.hypot(matrix.c, matrix.d) or 1.0)
    across = math.hypot(matrix.a, matrix.b) or 1.0
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(tp, i))
    raw.FPDFText_GetFontInfo(tp, i, name, len(name), ctypes.byref(flags))
    raw.FPDFText_GetFillColor(tp, i, r, g, b, a)
    angle = raw.FPDFText_GetCharAngle(tp, i)
    key = (name.value, size)
    if key not in descents:
        descents[key] = descent(font, size)
    return (
        size,
        name.value.decode("latin-1", "replace"),
        (r.value / 255, g.value / 255, b.value / 255),
        min(angle, abs(2 * math.pi - angle)) < 0.01,
        descents[key],
        (ctypes.cast(font, ctypes.c_void_p).value, font_size, across),
        bool(raw.FPDFFont_GetIsEmbedded(font)),
    )


def advance(metrics: tuple, code: int) -> float:
    """A glyph's advance width on the page, pdfminer's width of a character's box (PDFium's
    "loose" box takes the glyph's outline instead when it overhangs, as an italic f)."""
    font, font_size, across = metrics
    width = ctypes.c_float()
    ok = glyph_width(ctypes.c_void_p(font), code, ctypes.c_float(font_size), ctypes.byref(width))
    return width.value * across if ok else 0.0


def descent(font, size: float) -> float:
    """The font's descent at this size (negative below the baseline), as pdfminer takes it."""
    value = ctypes.c_float()
    return (
        value.value
        if raw.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(value))
        else 0.0
    )
