"""A card's head: its medal (in the design's style, see `medals.py`), category, title and
territories, from a height `y` down; each function returns the height below what it drew.
"""

from __future__ import annotations

from .area import Area
from .content import Card
from .medals import SHAPE_RADIUS, banner, kicker, rotated, run_in_medal, shape, small_caps_line
from .sheet import width
from .template import GREY
from .typeset import Span, paragraph, plain

TITLE_GROWTH = 7.0  # the title is this much larger than the running text


def title(area: Area, card: Card, y: float, room: float) -> float:
    t = area.template
    size = t.setting.size + TITLE_GROWTH
    setting = plain(t.bold, size, t.accent, size + 3)
    text = f"« {card.title} »" if t.design.title_style == "quoted" else card.title
    for row in paragraph(text, setting, room):
        y += row.leading
        area.page.text(area.x0, y - 3, row.spans[0].text, t.bold, row.size, t.accent)
    return y + 6


def territories(area: Area, card: Card, y: float, room: float) -> float:
    """The territories under the design's label, on one line or one per line; in bold when no
    label sets them apart from the intro that follows."""
    t = area.template
    names = [territory.name for territory in card.territories]
    label = t.territory_label
    font = t.regular if label else t.bold
    if t.design.territory_sep == "newline":
        if label:
            area.line(area.x0, y + 10, label, t.bold, t.setting.size, GREY)
            y += t.setting.leading
        for name in names:
            area.page.text(area.x0, y + 10, name, font, t.setting.size, t.setting.color)
            y += t.setting.leading
        return y + 8
    text = t.territories(names)
    label_span = Span(label, t.bold, GREY) if label else None
    setting = plain(font, t.setting.size, t.setting.color, t.setting.leading)
    for row in paragraph(text, setting, room, label=label_span):
        x = area.x0
        for span in row.spans:
            area.page.text(x, y + 10, span.text, span.font, row.size, span.color)
            x += width(span.text, span.font, row.size)
        y += row.leading
    if label:
        area.noise.append(f"{label} {text}")
    return y + 8


def draw(area: Area, card: Card, y: float, with_territories: bool) -> float:
    """The whole head from `y`; the height where the body may start."""
    design, top = area.template.design, y
    if design.medal == "banner":
        y = banner(area, card, y)
    category = design.category_on_card and design.medal != "banner" and design.sidebar == "none"
    if category or design.medal == "badge":
        y = kicker(area, card, y, design.medal == "badge", category)
    if design.medal == "small_caps":
        y = small_caps_line(area, card, y)
    room = area.x1 - area.x0 - (2 * SHAPE_RADIUS + 12 if design.medal == "shape" else 0)
    if design.medal == "shape":
        shape(area, card, y)
    y = title(area, card, y, room)
    if with_territories:
        y = territories(area, card, y, room)
    if design.medal == "run_in":
        y = run_in_medal(area, card, y)
    if design.medal == "shape":
        y = max(y, top + 2 * SHAPE_RADIUS + 8)
    if design.medal == "rotated":
        rotated(area, card, top, y)
    return y + 6
