"""Category divider pages and the listings of the awarded projects.

A listing is a bulleted list under the category's heading, a table PROJET | TERRITOIRE |
LABEL whose cells wrap over several lines, one palmarès table for the whole book after the
cover, or nothing. The divider's heading may carry the category's number ("07 E-santé").
"""

from __future__ import annotations

from .content import Card, Category, Content
from .sheet import SYMBOL_FONT, Page
from .template import BODY_TOP, GREY, MARGIN, WHITE, Template
from .typeset import paragraph, plain

DIVIDER_BAND = (60.0, 120.0)
CELL_PADDING = 4.0
TABLE_SIZE = 8.5


def divider(page: Page, template: Template, category: Category, number: int) -> float:
    """The category's heading on a band; the height below it."""
    design = template.design
    heading = f"{number:02d} {category.name}" if design.divider_numbers else category.name
    top, bottom = DIVIDER_BAND
    page.rect(MARGIN, top, page.size[0] - MARGIN, bottom, fill=template.accent)
    page.text(MARGIN + 12, bottom - 20, heading, template.bold, 22, WHITE)
    return bottom + 30


def listed(cards: list[Card]) -> list[Card]:
    return [card for card in cards if card.listed]


def medal(card: Card) -> str:
    """The medal the listing prints for the card (not always the card's: see content.py)."""
    return card.listed_medal or card.medal


def entry(template: Template, card: Card) -> str:
    names = (
        template.territories([t.name for t in card.territories])
        if template.design.territory_sep != "newline"
        else ", ".join(t.name for t in card.territories)
    )
    return f"{card.title} – {names} (label {medal(card)})"


def bullets(page: Page, template: Template, cards: list[Card], y: float) -> float:
    setting = plain(template.regular, 9.5, template.setting.color, 13.0)
    for card in listed(cards):
        for number, row in enumerate(
            paragraph(entry(template, card), setting, page.size[0] - 2 * MARGIN - 20)
        ):
            if number == 0:
                page.text(MARGIN + 6, y, "•", SYMBOL_FONT, 9.5, template.accent)
            page.text(
                MARGIN + 20, y, row.spans[0].text, template.regular, 9.5, template.setting.color
            )
            y += row.leading
        y += 6
    return y


def table(
    page: Page,
    new_page,
    template: Template,
    rows: list[list[str]],
    y: float,
    shares: tuple[float, ...],
) -> None:
    """A ruled table with a header row; cells wrap; rows that do not fit go on a new page."""
    x0, x1 = MARGIN, page.size[0] - MARGIN
    edges = [x0]
    for share in shares:
        edges.append(edges[-1] + share * (x1 - x0))
    cells_setting = plain(template.regular, TABLE_SIZE, template.setting.color, TABLE_SIZE + 2.5)
    header_setting = plain(template.bold, TABLE_SIZE, GREY, TABLE_SIZE + 2.5)
    for index, cells in enumerate(rows):
        setting = cells_setting if index else header_setting
        wrapped = [
            paragraph(cell, setting, edges[k + 1] - edges[k] - 2 * CELL_PADDING)
            for k, cell in enumerate(cells)
        ]
        height = max(len(cell) for cell in wrapped) * setting.leading + 2 * CELL_PADDING
        if y + height > template.body_bottom:
            page = new_page()
            y = BODY_TOP
        for k, cell in enumerate(wrapped):
            for number, row in enumerate(cell):
                page.text(
                    edges[k] + CELL_PADDING,
                    y + CELL_PADDING + (number + 0.8) * setting.leading,
                    row.spans[0].text,
                    setting.font,
                    TABLE_SIZE,
                    setting.color,
                )
        y += height
        page.rule(x0, y, x1, GREY, 0.4)


def category_table(template: Template, cards: list[Card]) -> list[list[str]]:
    return [["PROJET", "TERRITOIRE", "LABEL"]] + [
        [card.title, ", ".join(t.name for t in card.territories), template.medal_word(medal(card))]
        for card in listed(cards)
    ]


def palmares_table(template: Template, content: Content) -> list[list[str]]:
    return [["PROJET", "TERRITOIRE", "CATÉGORIE", "LABEL"]] + [
        [
            card.title,
            ", ".join(t.name for t in card.territories),
            card.category,
            template.medal_word(medal(card)),
        ]
        for card in listed(content.cards)
    ]


def palmares_heading(page: Page, template: Template) -> float:
    page.text(MARGIN, BODY_TOP + 20, "Palmarès", template.bold, 20, template.accent)
    return BODY_TOP + 40
