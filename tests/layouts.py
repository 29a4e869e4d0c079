"""A page-level drawing kit for layout fixtures: each test draws the few pages it needs.

`tests/yearbook.py` prints whole yearbooks in the 2023 sample's layout with varying
wordings; the layouts of other editions (two columns, badges, rotated medals, tables,
several cards on a page…) are easier to state page by page. Coordinates are distances
from the top of the page, as pdfplumber gives them back.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

W, H = A4
LEFT, RIGHT = 56.0, W - 56.0
REG, BOLD = "Helvetica", "Helvetica-Bold"
INK, GREY, NAVY, BLUE, WHITE, GOLD = (
    (0.13, 0.13, 0.13),
    (0.43, 0.43, 0.44),
    (0.11, 0.21, 0.36),
    (0.12, 0.37, 0.66),
    (1, 1, 1),
    (0.72, 0.57, 0.18),
)
LEADING = 13.5
DEJAVU = next(
    (
        p
        for p in (
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        )
        if Path(p).exists()
    ),
    None,
)


def unicode_font() -> str:
    """A font with "•" and the "ﬁ" ligature glyph (Helvetica's encoding has neither)."""
    name, path = ("DejaVuSans", DEJAVU) if DEJAVU else ("Vera", "Vera.ttf")
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


class Sheet:
    """A PDF drawn page by page; `y` is the current distance from the top."""

    def __init__(
        self, path: str | Path, header: str | None = "ANNUAIRE DES LABELS {year}", year: int = 2031
    ):
        self.path, self.canvas, self.header, self.year = (
            Path(path),
            Canvas(str(path), pagesize=A4),
            header,
            year,
        )
        self.number, self.y, self.pending = 0, 80.0, []

    def page(self, header: str | None = None, y: float = 130.0) -> Sheet:
        """Finish the current page (if any) and start the next, with its running lines."""
        if self.number:
            self.flush()
        self.number += 1
        self.y = y
        text = header if header is not None else (self.header or "").format(year=self.year)
        if text:
            self.text(RIGHT - pdfmetrics.stringWidth(text, REG, 7.5), 36, text, REG, 7.5, GREY)
        self.text(LEFT, 812, f"Les Interconnectés – Labels {self.year}", REG, 7.5, GREY)
        self.text(RIGHT - 10, 812, str(self.number), REG, 7.5, GREY)
        return self

    def flush(self) -> None:
        for op in self.pending:
            op()
        self.pending = []
        self.canvas.showPage()

    def text(self, x, top, s, font=REG, size=10.0, color=INK, angle=0) -> None:
        def draw(c=self.canvas):
            c.saveState()
            c.setFont(font, size)
            c.setFillColorRGB(*color)
            c.translate(x, H - top)
            c.rotate(angle)
            c.drawString(0, 0, s)
            c.restoreState()

        self.pending.append(draw)

    def rect(self, x0, top, x1, bottom, color, stroke=False) -> None:
        def draw(c=self.canvas):
            c.saveState()
            (c.setStrokeColorRGB if stroke else c.setFillColorRGB)(*color)
            c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=int(stroke), fill=int(not stroke))
            c.restoreState()

        self.pending.append(draw)

    def para(self, text, x=LEFT, width=None, font=REG, size=10.0, color=INK, gap=5.0) -> None:
        """A wrapped paragraph at the current height."""
        for row in simpleSplit(text, font, size, width or RIGHT - x):
            self.text(x, self.y, row, font, size, color)
            self.y += LEADING
        self.y += gap

    def lines(self, rows, x=LEFT, font=REG, size=10.0, gap=5.0) -> None:
        """Given lines, as they are (to place a hyphen at a line's end)."""
        for row in rows:
            self.text(x, self.y, row, font, size)
            self.y += LEADING
        self.y += gap

    def heading(self, text, size=10.0, color=BLUE) -> None:
        self.text(LEFT, self.y, text, BOLD, size, color)
        self.y += 17

    def banner(self, text, color=GOLD) -> None:
        self.rect(LEFT, 65, RIGHT, 90, color)
        self.text(61, 82, text, BOLD, 11.5, WHITE)

    def bullet(self, text, x=65.0) -> None:
        self.text(x, self.y, "•", unicode_font(), 9.5)
        self.para(text, x=x + 15, gap=1.5)

    def shuffle(self, seed: int = 7) -> None:
        """Draw the page's text in another order than it reads (as some layout programs do)."""
        import random

        random.Random(seed).shuffle(self.pending)

    def save(self) -> Path:
        self.flush()
        self.canvas.save()
        return self.path


def standard_card(
    sheet: Sheet, medal: str, category: str | None, who: str, title: str, text: str
) -> None:
    """A card in the 2023 manner, on a page of its own: banner, award line, title, three blocks;
    without a category, a card without banner (it prints no category)."""
    word = {"or": "d'or", "argent": "d'argent", "bronze": "de bronze"}[medal]
    if category is None:
        sheet.page(y=100)
    else:
        sheet.page().banner(f"LABEL {medal.upper()} – {category}")
    sheet.para(f"Label {word} attribué à {who}", font=BOLD, size=10.5, color=NAVY, gap=0.5)
    sheet.para(f"Pour le projet « {title} »", font=BOLD, size=10.5, color=NAVY)
    sheet.para(text)
    for heading in (
        "INNOVATION DU PROJET :",
        "LE PROJET A-T-IL PERMIS DE REPONDRE A UNE PROBLEMATIQUE DU TERRITOIRE ?",
        "LES APPORTS DU PROJET :",
    ):
        sheet.heading(heading)
        sheet.para(text)


def section(sheet: Sheet, heading: str, entries=(), header: str | None = None) -> None:
    """A category's section page: its heading on a band, then its listing (bulleted entries)."""
    sheet.page(header=header, y=150.0)
    sheet.rect(LEFT, 60, RIGHT, 110, GOLD)
    sheet.text(64, 92, heading, BOLD, 21, WHITE)
    for entry in entries:
        sheet.bullet(entry)
