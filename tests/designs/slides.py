"""Cards as 16:9 slides, as a presentation tool exports them: absolutely placed text boxes, the
summary across the slide, the three blocks side by side in boxes of their own, a long card
continued on further slides (each block in its box's place), the category only on dividers.
"""
from __future__ import annotations

from . import body, flow, head
from .content import Card
from .flow import Frame
from .sheet import Page
from .template import BODY_TOP, MARGIN, Template
from .choices import ORDERS

BOX_GUTTER = 16.0
BOX_PADDING = 6.0
SUMMARY_GAP = 10.0


def card_slides(book, card: Card) -> tuple[list[int], list[str]]:
    """Print one card on one slide or more; its slide numbers and the noise its head printed."""
    t: Template = book.template
    x0, x1 = MARGIN, t.page_size[0] - MARGIN
    slide = book.new_page("card")
    area = head.Area(slide, x0, x1, t)
    y = head.draw(area, card, BODY_TOP - 20, with_territories=True)
    summary = body.block(card, "summary", t.design, t.setting, t.headings, x1 - x0, t.accent)
    y = flow.draw(summary, Frame(slide, x0, y, t.body_bottom)) + SUMMARY_GAP
    box = (x1 - x0 - 2 * BOX_GUTTER) / 3
    slides: list[Page] = [slide]
    for index, role in enumerate(ORDERS[t.design.block_order]):
        rows = body.block(card, role, t.design, t.setting, t.headings, box - 2 * BOX_PADDING, t.accent)
        left, start, number, top = x0 + index * (box + BOX_GUTTER), 0, 0, y
        while start < len(rows):
            if number == len(slides):
                slides.append(book.new_page("card"))
            end = flow.fitting(rows, start, t.body_bottom - top - 2 * BOX_PADDING)
            slides[number].rect(left, top, left + box, t.body_bottom, fill=t.tint)
            flow.draw(rows[start:end], Frame(slides[number], left + BOX_PADDING, top + BOX_PADDING, t.body_bottom))
            start, number, top = end, number + 1, BODY_TOP - 20
    book.lowest = t.body_bottom
    return [s.number for s in slides], area.noise
