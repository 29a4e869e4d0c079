"""A whole yearbook laid out: cover, palmarès, category dividers with their listings, the cards,
and the furniture of every page (running header, footer, page number, text up the margin).

`lay_out` returns the pages (still as operations) and, per card, where it was printed and the
lines it printed besides its values: what the gold needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import body, flow, head, listings, sidebar, slides
from .area import Area
from .content import Card, Content
from .flow import Frame
from .sheet import Page
from .template import BODY_TOP, GREY, GUTTER, MARGIN, Template

SHARE_ROOM = 0.4  # a card may start on the page of the one before when this much of it is free
HEAD_ESTIMATE = 130.0  # height of a card's head, to judge whether it fits below another card
SHARED_GAP = 26.0
HEADER_TOP, FOOTER_GAP, MARGIN_TEXT_X = 34.0, 26.0, 22.0
PAGE_NUMBERS = {
    "plain": "{n}",
    "dashes": "— {n} —",
    "page": "Page {n}",
    "of_total": "{n} / {total}",
}


@dataclass
class Placed:
    """Where a card was printed and what else its head printed."""

    card: Card
    pages: list[int]
    noise: list[str]


@dataclass
class Book:
    template: Template
    pages: list[Page] = field(default_factory=list)
    lowest: float = 0.0  # bottom of the last card's text on the last page
    placed: list[Placed] = field(default_factory=list)
    divider_pages: dict[str, int] = field(default_factory=dict)

    def new_page(self, kind: str) -> Page:
        self.pages.append(Page(len(self.pages) + 1, self.template.page_size, kind))
        return self.pages[-1]


def lay_out(content: Content, template: Template) -> Book:
    book = Book(template)
    cover(book.new_page("cover"), template, content.year)
    if template.design.listing == "palmares":
        page = book.new_page("palmares")
        listings.table(
            page,
            lambda: book.new_page("palmares"),
            template,
            listings.palmares_table(template, content),
            listings.palmares_heading(page, template),
            (0.36, 0.34, 0.2, 0.1),
        )
    for number, category in enumerate(content.categories, 1):
        page = book.new_page("divider")
        book.divider_pages[category.name] = page.number
        y = listings.divider(page, template, category, number)
        if template.design.listing == "bullets":
            listings.bullets(page, template, category.cards, y)
        elif template.design.listing == "table":
            listings.table(
                page,
                lambda: book.new_page("divider"),
                template,
                listings.category_table(template, category.cards),
                y,
                (0.45, 0.4, 0.15),
            )
        book.lowest = template.body_bottom
        for card in category.cards:
            book.placed.append(
                slide_card(book, card)
                if template.design.page == "slide"
                else card_pages(book, card)
            )
    furnish(book)
    return book


def cover(page: Page, template: Template, year: int) -> None:
    page.rect(0, 0, page.size[0], page.size[1] * 0.45, fill=template.accent)
    page.text(MARGIN, page.size[1] * 0.3, f"Annuaire {year}", template.bold, 34, (1, 1, 1))
    page.text(
        MARGIN,
        page.size[1] * 0.3 + 30,
        "Label « Territoire Innovant »",
        template.regular,
        16,
        (1, 1, 1),
    )


def card_pages(book: Book, card: Card) -> Placed:
    """Print one card (on a new page, or below the previous card when there is room)."""
    t = book.template
    design = t.design
    x0, x1 = MARGIN, t.page_size[0] - MARGIN
    (side0, side1), (main0, main1) = (
        sidebar.edges(t, x0, x1) if design.sidebar != "none" else ((0, 0), (x0, x1))
    )
    column = (main1 - main0 - (design.columns - 1) * GUTTER) / design.columns
    rows = body.rows(card, t, column)
    needed = HEAD_ESTIMATE + flow.height(rows) / design.columns
    room = t.body_bottom - book.lowest - SHARED_GAP
    if design.share_pages and room > SHARE_ROOM * (t.body_bottom - BODY_TOP) and needed < room:
        page, top = book.pages[-1], book.lowest + SHARED_GAP
        page.rule(x0, top - SHARED_GAP / 2, x1, GREY, 0.8)
    else:
        page, top = book.new_page("card"), BODY_TOP
    area = Area(page, main0, main1, t)
    y = head.draw(area, card, top, with_territories=design.sidebar == "none")
    side = Area(page, side0, side1, t)
    side_bottom = sidebar.draw(side, card, top) if design.sidebar != "none" else top

    def frames(page: Page, top: float) -> list[Frame]:
        return [
            Frame(page, main0 + k * (column + GUTTER), top, t.body_bottom)
            for k in range(design.columns)
        ]

    pages, book.lowest = flow.place(
        rows, frames(page, y), lambda: frames(book.new_page("card"), BODY_TOP)
    )
    if design.sidebar != "none":
        ends_here = len(pages) == 1
        book.lowest = max(book.lowest, side_bottom) if ends_here else book.lowest
        sidebar.tint(side, top, book.lowest + 6 if ends_here else t.body_bottom)
    return Placed(card, [p.number for p in pages], area.noise + side.noise)


def slide_card(book: Book, card: Card) -> Placed:
    numbers, noise = slides.card_slides(book.template, lambda: book.new_page("card"), card)
    book.lowest = book.template.body_bottom
    return Placed(card, numbers, noise)


def page_number(template: Template, number: int, total: int) -> str:
    style = template.design.page_number
    return PAGE_NUMBERS[style].format(n=number, total=total) if style in PAGE_NUMBERS else ""


def furnish(book: Book) -> None:
    """Running header, footer and page number on every page but the cover; the margin text."""
    t = book.template
    width, height = t.page_size
    for page in book.pages[1:]:
        if t.design.header:
            page.text(MARGIN, HEADER_TOP, t.header, t.regular, 7.5, GREY)
        if t.footer:
            page.text(MARGIN, height - FOOTER_GAP, t.footer, t.regular, 7.5, GREY)
        number = page_number(t, page.number, len(book.pages))
        if number:
            page.text(width - MARGIN - 30, height - FOOTER_GAP, number, t.regular, 7.5, GREY)
        if t.design.margin_text:
            x = width - MARGIN_TEXT_X if t.design.medal == "rotated" else MARGIN_TEXT_X
            page.text(x, height - 120, t.margin_text, t.regular, 7, GREY, angle=90)
