"""Pages kept as drawing operations, then drawn with reportlab.

Keeping the operations lets the book be finished before it is drawn (the running footer can
say "12 / 48") and lets a design draw a page's text out of reading order, as some layout
programs do. Coordinates are distances from the top of the page, as pdfplumber gives them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DEJAVU_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
FAMILIES = {  # regular, bold, italic
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "DejaVu": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
}
SYMBOL_FONT = "DejaVuSans"  # "•" of the standard fonts comes out of pdfminer as "(cid:127)"
A4 = (595.28, 841.89)
SLIDE = (842.0, 473.6)  # 16:9


def register_fonts() -> None:
    """Register the DejaVu fonts once (fonts-dejavu-core, installed by .ci/run)."""
    known = pdfmetrics.getRegisteredFontNames()
    wanted = (SYMBOL_FONT,) + FAMILIES["DejaVu"]
    for name in wanted:
        if name in known:
            continue
        path = next(
            (Path(d) / f"{name}.ttf" for d in DEJAVU_DIRS if (Path(d) / f"{name}.ttf").exists()),
            None,
        )
        if path is None:
            raise RuntimeError(
                f"font {name}.ttf not found in {DEJAVU_DIRS}: install fonts-dejavu-core"
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))


def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass
class Page:
    number: int
    size: tuple[float, float]
    kind: str  # cover, palmares, divider, card
    ops: list[tuple] = field(default_factory=list)

    def text(self, x, top, text, font, size, color=(0, 0, 0), word_space=0.0, angle=0) -> None:
        """`top`: the baseline's distance from the page's top."""
        self.ops.append(("text", x, top, text, font, size, color, word_space, angle))

    def rect(self, x0, top, x1, bottom, fill=None, stroke=None) -> None:
        self.ops.append(("rect", x0, top, x1, bottom, fill, stroke))

    def circle(self, x, top, radius, fill) -> None:
        self.ops.append(("circle", x, top, radius, fill))

    def rule(self, x0, top, x1, color, thickness=0.6) -> None:
        self.ops.append(("rule", x0, top, x1, color, thickness))


def save(pages: list[Page], path: Path, shuffle_seed: int | None) -> Path:
    """Draw the pages; with a seed, each page's text in a shuffled order (shapes first, so that
    no filled shape covers text)."""
    canvas = Canvas(str(path), pagesize=pages[0].size, invariant=1)
    canvas.setTitle("Annuaire")
    for page in pages:
        canvas.setPageSize(page.size)
        shapes = [op for op in page.ops if op[0] != "text"]
        texts = [op for op in page.ops if op[0] == "text"]
        if shuffle_seed is not None:
            random.Random(f"{shuffle_seed}-{page.number}").shuffle(texts)
        for op in shapes + texts:
            _draw(canvas, page.size[1], op)
        canvas.showPage()
    canvas.save()
    return path


def _draw(canvas: Canvas, height: float, op: tuple) -> None:
    canvas.saveState()
    kind = op[0]
    if kind == "text":
        _, x, top, text, font, size, color, word_space, angle = op
        canvas.setFillColorRGB(*color)
        canvas.translate(x, height - top)
        canvas.rotate(angle)
        obj = canvas.beginText(0, 0)
        obj.setFont(font, size)
        obj.setWordSpace(word_space)
        obj.textOut(text)
        canvas.drawText(obj)
    elif kind == "rect":
        _, x0, top, x1, bottom, fill, stroke = op
        if fill:
            canvas.setFillColorRGB(*fill)
        if stroke:
            canvas.setStrokeColorRGB(*stroke)
        canvas.rect(
            x0,
            height - bottom,
            x1 - x0,
            bottom - top,
            stroke=int(bool(stroke)),
            fill=int(bool(fill)),
        )
    elif kind == "circle":
        _, x, top, radius, fill = op
        canvas.setFillColorRGB(*fill)
        canvas.circle(x, height - top, radius, stroke=0, fill=1)
    else:
        _, x0, top, x1, color, thickness = op
        canvas.setStrokeColorRGB(*color)
        canvas.setLineWidth(thickness)
        canvas.line(x0, height - top, x1, height - top)
    canvas.restoreState()
