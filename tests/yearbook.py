"""Yearbook PDFs made to measure for the tests: a spec (dataclasses) in, a PDF out.

Real yearbooks cannot be committed in every wording the pipeline must read, so the
tests describe small ones as data and print them the way the 2023 sample is printed:
A4, 56 pt margins, a running header, a running footer with the page number (at the
right margin, or ending the footer's text), a table of contents with dot leaders, per category a
section page (heading in white
on a coloured band, bulleted listing), then one page per project card (banner on a
coloured rect, award line, title line, summary, headed blocks). The typography stays
that of the sample; only the wording varies, so a failing test points at a wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

H = A4[1]
LEFT, RIGHT = 56.0, A4[0] - 56.0
BULLET_X, ITEM_X, NEST = 65.0, 80.0, 15.0  # "•" at 65, its text at 80; each level 15 further
BOTTOM = H - 75.0  # body text stops above the footer (baseline 812)
LEADING, PARA_GAP, ITEM_GAP = 13.5, 6.0, 1.5
REG, BOLD = "Helvetica", "Helvetica-Bold"
INK, GREY, NAVY, BLUE, WHITE = (
    (0.13, 0.13, 0.13),
    (0.43, 0.43, 0.44),
    (0.11, 0.21, 0.36),
    (0.12, 0.37, 0.66),
    (1, 1, 1),
)
BAND = (0.72, 0.57, 0.18)
MEDALS = {"or": ("OR", "d'or"), "argent": ("ARGENT", "d'argent"), "bronze": ("BRONZE", "de bronze")}
ARTICLE = re.compile(r"^(?:la|le|les)\s+|^l['’]\s*", re.I)


@dataclass
class Item:
    """A list item: "•" at x≈65 and a hanging indent; `sub` items are nested under it with "◦"."""

    text: str
    sub: list[Item] = field(default_factory=list)


@dataclass
class Block:
    heading: str  # as printed: "INNOVATION DU PROJET :", "Apports du projet", "Innovation :"
    body: list  # paragraphs (str) and list items (Item), in reading order
    run_in: bool = False  # the heading opens the first paragraph's line: "Innovation : le projet …"


@dataclass
class Card:
    medal: str  # or | argent | bronze: drives the default wordings below
    territories: str  # as the award line names them: "la Ville de Lunas"
    title: str
    summary: list[str]
    blocks: list[Block]
    banner: str | None = None  # default "LABEL OR – <category heading>"
    award: str | None = None  # default "Label d'or attribué à <territories>"
    title_line: str | None = None  # default "Pour le projet « <title> »"
    listed: bool = True  # on its category's listing page
    listed_medal: str | None = None  # the medal the listing gives, when it differs from the card's
    in_toc: bool = True

    @property
    def name(self) -> str:
        """The territories as the listing and the table of contents name them (no leading
        article)."""
        return ARTICLE.sub("", self.territories)


@dataclass
class Category:
    heading: str  # the section page's heading, in capitals like the sample
    cards: list[Card]
    toc: str | None = None  # as the table of contents writes it (default: the heading)


@dataclass
class Yearbook:
    year: int
    categories: list[Category]
    header: str = "LABEL « TERRITOIRE INNOVANT » – ANNUAIRE {year}"
    footer: str = "Les Interconnectés – Annuaire des Labels « Territoire Innovant » {year}"
    number_inline: bool = (
        False  # the page number ends the footer ("… 2023 7") instead of standing at the right
    )
    toc: bool = True
    intro: list[str] = field(
        default_factory=list
    )  # front matter paragraphs, on a page of their own


def _bullet_fonts() -> tuple[tuple[str, str], tuple[str, str]]:
    """(glyph, font) for "•" and "◦". Helvetica's "•" comes out of pdfminer as "(cid:127)", so
    bullets use reportlab's bundled Vera; "◦" is in DejaVu Sans (most Linux systems), failing
    which nested items get "–", a bullet the pipeline knows just the same."""
    registered = pdfmetrics.getRegisteredFontNames()
    if "Vera" not in registered:
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ):
        if Path(path).exists():
            if "DejaVuSans" not in registered:
                pdfmetrics.registerFont(TTFont("DejaVuSans", path))
            return ("•", "Vera"), ("◦", "DejaVuSans")
    return ("•", "Vera"), ("–", "Vera")


class Pages:
    """Pages kept as lists of drawing operations, so that the table of contents (printed
    before the cards) can be drawn once the cards' page numbers are known."""

    def __init__(self, first: int):
        self.first, self.ops, self.y = first, [], 0.0

    @property
    def number(self) -> int:
        return self.first + len(self.ops) - 1

    def new(self, y: float = 80.0) -> None:
        self.ops.append([])
        self.y = y

    def text(self, x, y, s, font=REG, size=10.0, color=INK, right=False) -> None:
        self.ops[-1].append(("text", x, y, s, font, size, color, right))

    def rect(self, x0, top, x1, bottom, color) -> None:
        self.ops[-1].append(("rect", x0, top, x1, bottom, color))

    def flow(
        self, x, text, font=REG, size=10.0, color=INK, first_x=None, bullet=None, gap=PARA_GAP
    ):
        """One wrapped paragraph at x, starting a new page when the page is full. `first_x`:
        where the first line starts (after a run-in label); `bullet`: (glyph, font, x)."""
        rows = simpleSplit(text, font, size, RIGHT - (first_x or x))[:1] if first_x else []
        rest = text[len(rows[0]) :].strip() if rows else text
        rows += simpleSplit(rest, font, size, RIGHT - x) if rest else []
        for i, row in enumerate(rows):
            if self.y > BOTTOM:
                self.new()
            if i == 0 and bullet:
                self.text(bullet[2], self.y, bullet[0], bullet[1], size - 0.5)
            self.text(first_x if i == 0 and first_x else x, self.y, row, font, size, color)
            self.y += LEADING
        self.y += gap


def _card(p: Pages, card: Card, category: Category, bullets) -> int:
    """Print one card from a new page on; its first page number is returned."""
    upper, word = MEDALS[card.medal]
    p.new(130.0)
    start = p.number
    p.rect(LEFT, 65, RIGHT, 90, BAND)
    p.text(61, 82, card.banner or f"LABEL {upper} – {category.heading}", BOLD, 11.5, WHITE)
    for line in (
        card.award or f"Label {word} attribué à {card.territories}",
        card.title_line if card.title_line is not None else f"Pour le projet « {card.title} »",
    ):
        p.flow(LEFT, line, BOLD, 10.5, NAVY, gap=0.5)
    p.y += 6
    for para in card.summary:
        p.flow(LEFT, para)
    for block in card.blocks:
        p.y += 4
        first = block.body[0] if block.run_in else None
        if p.y > BOTTOM - 3 * LEADING:
            p.new()
        p.text(LEFT, p.y, block.heading, BOLD, 10, BLUE)
        if first is None:
            p.y += 17
        else:  # a run-in label: the paragraph goes on after it on the same line
            p.flow(
                LEFT, first, first_x=LEFT + pdfmetrics.stringWidth(block.heading + " ", BOLD, 10)
            )
        for part in block.body[1:] if first is not None else block.body:
            _part(p, part, 0, bullets)
    return start


def _part(p: Pages, part, depth: int, bullets) -> None:
    if isinstance(part, str):
        p.flow(LEFT, part)
        return
    glyph, font = bullets[min(depth, 1)]
    p.flow(
        ITEM_X + depth * NEST,
        part.text,
        bullet=(glyph, font, BULLET_X + depth * NEST),
        gap=ITEM_GAP,
    )
    for child in part.sub:
        _part(p, child, depth + 1, bullets)


def _section(p: Pages, category: Category, bullet: tuple[str, str]) -> None:
    p.new(150.0)
    p.rect(LEFT, 60, RIGHT, 110, BAND)
    p.text(64, 92, category.heading, BOLD, 21, WHITE)
    for card in category.cards:
        if card.listed:
            medal = card.listed_medal or card.medal
            p.flow(
                ITEM_X,
                f"{card.title} - {card.name} (label {medal})",
                size=9.5,
                bullet=(*bullet, BULLET_X),
                gap=8,
            )


def _leaders(p: Pages, x: float, text: str, number: int, font: str, size: float) -> None:
    """A table-of-contents entry: wrapped text, dot leaders, the page number at the right margin."""
    rows = simpleSplit(text, font, size, RIGHT - x - 40)
    for row in rows[:-1]:
        p.text(x, p.y, row, font, size)
        p.y += 13
    dots = "." * int(
        (RIGHT - x - pdfmetrics.stringWidth(rows[-1] + f"  {number}", font, size))
        / pdfmetrics.stringWidth(".", font, size)
    )
    p.text(x, p.y, f"{rows[-1]} {dots} {number}", font, size)
    p.y += 16.5


def build(path: str | Path, spec: Yearbook) -> Path:
    """Write the yearbook described by `spec` to `path`: cover, table of contents (optional),
    intro (optional), then per category its section page and one page per card."""
    path, bullets = Path(path), _bullet_fonts()
    body = Pages(2 + spec.toc + bool(spec.intro))
    starts: list[tuple[Category, int, list[tuple[Card, int]]]] = []
    for category in spec.categories:
        _section(body, category, bullets[0])
        first = body.number
        cards = [(card, _card(body, card, category, bullets)) for card in category.cards]
        starts.append((category, first, cards))
    front = Pages(1)
    front.new()
    front.text(LEFT, 420, f"ANNUAIRE LABELS – {spec.year}", BOLD, 30, NAVY)
    if spec.toc:
        front.new(80.0)
        front.text(LEFT, front.y, "Table des matières", BOLD, 17, NAVY)
        front.y += 35
        for category, first, cards in starts:
            _leaders(front, LEFT, category.toc or category.heading, first, BOLD, 10)
            for card, number in cards:
                if card.in_toc:
                    _leaders(front, 68, f"{card.name} - {card.title}", number, REG, 9.5)
    if spec.intro:
        front.new(80.0)
        front.text(LEFT, front.y, "Qu'est-ce que le Label ?", BOLD, 17, NAVY)
        front.y += 33
        for para in spec.intro:
            front.flow(LEFT, para)
    assert len(front.ops) == body.first - 1, "the table of contents must fit on one page"
    canvas = Canvas(str(path), pagesize=A4)
    for number, ops in enumerate(front.ops + body.ops, 1):
        for op in ops:
            _draw(canvas, op)
        if number > 1:  # the cover has no running header or footer
            _draw(
                canvas,
                ("text", RIGHT, 36, spec.header.format(year=spec.year), REG, 7.5, GREY, True),
            )
            footer = spec.footer.format(year=spec.year) + (
                f" {number}" if spec.number_inline else ""
            )
            _draw(canvas, ("text", LEFT, 812, footer, REG, 7.5, GREY, False))
            if not spec.number_inline:
                _draw(canvas, ("text", RIGHT, 812, str(number), REG, 7.5, GREY, True))
        canvas.showPage()
    canvas.save()
    return path


def _draw(canvas: Canvas, op: tuple) -> None:
    """Draw one operation; y values are distances from the top of the page, like pdfplumber's."""
    if op[0] == "rect":
        _, x0, top, x1, bottom, color = op
        canvas.setFillColorRGB(*color)
        canvas.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        return
    _, x, y, s, font, size, color, right = op
    canvas.setFont(font, size)
    canvas.setFillColorRGB(*color)
    (canvas.drawRightString if right else canvas.drawString)(x, H - y, s)
