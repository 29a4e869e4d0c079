"""The tinted side column of a sidebar design: medal (small capitals beside a dot), category,
and the territories one per line under the design's label."""

from __future__ import annotations

from .area import Area
from .content import Card
from .medals import small_caps
from .template import GREY, SIDEBAR_WIDTH, Template
from .typeset import Setting, paragraph, plain

PADDING = 10.0
DOT_RADIUS = 3.5


def edges(
    template: Template, x0: float, x1: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(sidebar's x0, x1), (main column's x0, x1) within the page's margins."""
    if template.design.sidebar == "left":
        return (x0, x0 + SIDEBAR_WIDTH), (x0 + SIDEBAR_WIDTH + 18, x1)
    return (x1 - SIDEBAR_WIDTH, x1), (x0, x1 - SIDEBAR_WIDTH - 18)


def draw(area: Area, card: Card, top: float) -> float:
    """The sidebar's text from `top`; the height below it (`tint` draws its background)."""
    t = area.template
    x, y = area.x0 + PADDING, top + PADDING + 8
    if t.design.medal == "sidebar":
        area.page.circle(x + DOT_RADIUS, y - 3.5, DOT_RADIUS, t.accent)
        text = f"Label {t.medal_word(card.medal).lower()}"
        small_caps(area.page, x + 3 * DOT_RADIUS, y, text, t.bold, 10, t.accent)
        area.noise.append(text.upper())
        y += 24
    inner = area.x1 - area.x0 - 2 * PADDING
    regular = plain(t.regular, t.setting.size, t.setting.color, t.setting.leading)
    if t.design.category_on_card:
        area.line(x, y, "Catégorie", t.regular, t.setting.size - 1, GREY)
        y += t.setting.leading
        y = (
            _lines(
                area,
                card.category,
                plain(t.bold, t.setting.size, t.accent, t.setting.leading),
                x,
                y,
                inner,
            )
            + 10
        )
    if t.territory_label:
        area.line(x, y, t.territory_label, t.bold, t.setting.size - 0.5, GREY)
        y += t.setting.leading
    for territory in card.territories:
        y = _lines(area, territory.name, regular, x, y, inner) + 3
    return y + PADDING


def tint(area: Area, top: float, bottom: float) -> None:
    area.page.rect(area.x0, top, area.x1, bottom, fill=area.template.tint)


def _lines(area: Area, text: str, setting: Setting, x: float, y: float, room: float) -> float:
    for row in paragraph(text, setting, room):
        area.page.text(x, y, row.spans[0].text, setting.font, setting.size, setting.color)
        y += row.leading
    return y
