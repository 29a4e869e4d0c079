"""Page images for the review report and the review app, and boxes placed over them.

Pages are rendered by pdfplumber (over pypdfium2), so that an image's frame is in the
coordinates the provenance boxes are given in; a box is then placed in percentages of the
image, and follows it at any zoom.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .models import Box

QUALITY = 70  # JPEG quality: body text stays sharp, a page at 96 dpi is about 100 kB
PAD = 3.0  # points around a box: pdfminer's glyph boxes sit a little above the inked letters


@dataclass(frozen=True)
class PageImage:
    """A rendered page: its JPEG, its size in pixels, and the part of the page it shows in
    pdfplumber coordinates (x0, top, x1, bottom), against which boxes are placed."""

    jpeg: bytes
    width: int
    height: int
    frame: tuple[float, float, float, float]

    @property
    def uri(self) -> str:
        return "data:image/jpeg;base64," + base64.b64encode(self.jpeg).decode("ascii")


def render(
    pdf: Path, numbers: list[int], resolution: int, password: str | None = None
) -> dict[int, PageImage]:
    """Page number → its image at `resolution` dots per inch (pdfplumber is imported here: a
    conversion without --report does without it)."""
    import pdfplumber
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    out = {}
    try:
        with pdfplumber.open(pdf, password=password or "") as doc:
            for n in numbers:
                page = doc.pages[n - 1]
                shot = page.to_image(resolution=resolution, antialias=True)
                buf = io.BytesIO()
                shot.original.convert("RGB").save(buf, "JPEG", quality=QUALITY, optimize=True)
                x0, top, x1, bottom = (float(v) for v in shot.bbox)
                out[n] = PageImage(buf.getvalue(), *shot.original.size, (x0, top, x1, bottom))
                page.close()
    except (MalformedPDFException, PdfminerException) as e:
        raise InputError(f"{pdf.name}: the pages cannot be rendered ({e})") from None
    return out


def placement(box: Box, frame: tuple[float, float, float, float]) -> str:
    """CSS left, top, width and height of a box over the image of its page, in percentages."""
    x0, top, x1, bottom = frame
    width, height = x1 - x0, bottom - top
    return (
        f"left:{(box.x0 - PAD - x0) / width:.3%};top:{(box.top - PAD - top) / height:.3%};"
        f"width:{(box.x1 - box.x0 + 2 * PAD) / width:.3%};"
        f"height:{(box.bottom - box.top + 2 * PAD) / height:.3%}"
    )
