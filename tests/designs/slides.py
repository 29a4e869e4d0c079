"""Cards as 16:9 slides, as a presentation tool exports them: absolutely placed text boxes, the
summary across the slide, the three blocks side by side in boxes of their own, a long card
continued on further slides (each block in its box's place).
"""

from __future__ import annotations

from . import body, flow, head
from .area import Area
from .choices import ORDERS
from .content import Card
from .flow import Frame
from .sheet import Page
from .template import BODY_TOP, MARGIN, Template

BOX_GUTTER = 16.0
BOX_PADDING = 6.0
SUMMARY_GAP = 10.0
SLIDE_TOP = BODY_TOP - 20  # a slide's running header is short: text starts higher


def card_slides(template: Template, new_page, card: Card) -> tuple[list[int], list[str]]:
    """Print one card on one slide or more (`new_page` adds a slide to the book); its slide
    numbers and the noise its head printed."""
    x0, x1 = MARGIN, template.page_size[0] - MARGIN
    slides: list[Page] = [new_page()]
    area = Area(slides[0], x0, x1, template)
    y = head.draw(area, card, SLIDE_TOP, with_territories=True)
    summary = body.block(card, "summary", template, x1 - x0)
    y = flow.draw(summary, Frame(slides[0], x0, y, template.body_bottom)) + SUMMARY_GAP
    box = (x1 - x0 - 2 * BOX_GUTTER) / 3
    for index, role in enumerate(ORDERS[template.design.block_order]):
        rows = body.block(card, role, template, box - 2 * BOX_PADDING)
        _box(rows, slides, new_page, template, x0 + index * (box + BOX_GUTTER), box, y)
    return [s.number for s in slides], area.noise


def _box(
    rows, slides: list[Page], new_page, template: Template, left: float, box: float, top: float
) -> None:
    """One block in its box, continued in the same place on the next slides when it is long."""
    start, number = 0, 0
    while start < len(rows):
        if number == len(slides):
            slides.append(new_page())
        end = flow.fitting(rows, start, template.body_bottom - top - 2 * BOX_PADDING)
        slides[number].rect(left, top, left + box, template.body_bottom, fill=template.tint)
        frame = Frame(slides[number], left + BOX_PADDING, top + BOX_PADDING, template.body_bottom)
        flow.draw(rows[start:end], frame)
        start, number, top = end, number + 1, SLIDE_TOP
