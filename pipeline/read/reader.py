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
import sys
from collections.abc import Callable
from contextlib import contextmanager
from itertools import islice
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

from ..elements import Page, Rect
from ..errors import Damaged, InputError
from . import shapes
from .lines import hex_color, lines_from_chars, vertical_lines

PLACE = ("x0", "x1", "top", "bottom", "size")  # what places a glyph or an image
COMPLAINT_LENGTH = 160  # characters kept of each of pdfminer's complaints
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
