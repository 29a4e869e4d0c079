"""A card's head: medal (in one of the design's styles), category, title and territories.

Each function draws one element from a height `y` (distance from the page's top) and
returns the height below it, adding what it printed besides the gold's values to `noise`
(a reader must keep those lines out of the blocks).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .content import Card
from .sheet import Page, width
from .template import GREY, WHITE, Template, medal_of
from .typeset import Span, paragraph, plain

BANNER_HEIGHT = 24.0
KICKER_SIZE = 8.5
TITLE_GROWTH = 7.0            # the title is this much larger than the running text
SHAPE_RADIUS = 24.0
SMALL_CAPS = 0.75             # size of the small capitals against the capitals
ROTATED_SIZE = 10.0
ROTATED_GAP = 4.0             # between the rotated medal and the text it stands beside


@dataclass
class Area:
    """Where a head is drawn: a page, its left and right edges, and the noise collected."""

    page: Page
    x0: float
    x1: float
    template: Template
    noise: list[str] = field(default_factory=list)

    def line(self, x: float, y: float, text: str, font: str, size: float, color: tuple) -> None:
        self.page.text(x, y, text, font, size, color)
        if len(text) >= 6:
            self.noise.append(text)


def banner(area: Area, card: Card, y: float) -> float:
    t = area.template
    text = t.banner.format(upper=t.medal_word(card.medal, "upper"), of=medal_of(card.medal),
                           category=card.category.upper())
    area.page.rect(area.x0, y, area.x1, y + BANNER_HEIGHT, fill=t.accent)
    area.line(area.x0 + 6, y + BANNER_HEIGHT - 7, text, t.bold, 11, WHITE)
    return y + BANNER_HEIGHT + 12


def kicker(area: Area, card: Card, y: float, badge: bool, category: bool) -> float:
    """The category above the title, in small capitals of the accent colour, and the medal's
    badge beside it (or alone when the card does not print its category)."""
    t, x = area.template, area.x0
    if category:
        text = card.category.upper()
        area.line(x, y + KICKER_SIZE, text, t.bold, KICKER_SIZE, t.accent)
        x += width(text, t.bold, KICKER_SIZE) + 8
    if badge:
        word = t.medal_word(card.medal, "upper")
        box = width(word, t.bold, KICKER_SIZE) + 8
        area.page.rect(x, y - 1, x + box, y + KICKER_SIZE + 3, fill=t.accent)
        area.page.text(x + 4, y + KICKER_SIZE, word, t.bold, KICKER_SIZE, WHITE)
    return y + KICKER_SIZE + 12


def small_caps(page: Page, x: float, y: float, text: str, font: str, size: float, color: tuple) -> float:
    """Draw `text` in small capitals (lower-case letters as smaller capitals); its width."""
    start, run, small = x, "", None
    for char in text + "\0":
        is_small = char.islower()
        if char == "\0" or (run and is_small != small):
            run_size = size * SMALL_CAPS if small else size
            page.text(x, y, run.upper(), font, run_size, color)
            x += width(run.upper(), font, run_size)
            run = ""
        run, small = run + char, is_small
    return x - start


def small_caps_line(area: Area, card: Card, y: float) -> float:
    t = area.template
    text = f"Label {t.medal_word(card.medal).lower()}"
    small_caps(area.page, area.x0, y + 10, text, t.bold, 11, t.accent)
    area.noise.append(text.upper())
    return y + 18


def title(area: Area, card: Card, y: float, room: float) -> float:
    t = area.template
    size = t.setting.size + TITLE_GROWTH
    setting = plain(t.bold, size, t.accent, size + 3)
    text = f"« {card.title} »" if t.design.title_style == "quoted" else card.title
    for row in paragraph(text, setting, room):
        y += row.leading
        area.page.text(area.x0, y - 3, row.spans[0].text, t.bold, row.size, t.accent)
    return y + 6


def shape(area: Area, card: Card, y: float) -> None:
    """The medal's word in white inside a filled disc at the head's right."""
    t = area.template
    word = t.medal_word(card.medal)
    centre_x, centre_y = area.x1 - SHAPE_RADIUS, y + SHAPE_RADIUS
    area.page.circle(centre_x, centre_y, SHAPE_RADIUS, t.accent)
    area.page.text(centre_x - width(word, t.bold, 9) / 2, centre_y + 3, word, t.bold, 9, WHITE)


def territories(area: Area, card: Card, y: float, room: float) -> float:
    """The territories under the design's label, on one line or one per line."""
    t = area.template
    names = [territory.name for territory in card.territories]
    label = t.territory_label
    if t.design.territory_sep == "newline":
        if label:
            area.line(area.x0, y + 10, label, t.bold, t.setting.size, GREY)
            y += t.setting.leading
        for name in names:
            area.page.text(area.x0, y + 10, name, t.regular, t.setting.size, t.setting.color)
            y += t.setting.leading
        return y + 8
    text = t.territories(names)
    label_span = Span(label, t.bold, GREY) if label else None
    setting = plain(t.regular, t.setting.size, t.setting.color, t.setting.leading)
    for row in paragraph(text, setting, room, label=label_span):
        x = area.x0
        for span in row.spans:
            area.page.text(x, y + 10, span.text, span.font, row.size, span.color)
            x += width(span.text, span.font, row.size)
        y += row.leading
    if label:
        area.noise.append(f"{label} {text}")
    return y + 8


def run_in_medal(area: Area, card: Card, y: float) -> float:
    t = area.template
    text = t.run_in_medal.format(Word=t.medal_word(card.medal))
    area.line(area.x0, y + 10, text, t.bold, t.setting.size, t.accent)
    return y + t.setting.leading + 8


def rotated(area: Area, card: Card, top: float, bottom: float) -> None:
    """The medal as a word up the margin beside the head."""
    t = area.template
    text = f"LABEL {t.medal_word(card.medal, 'upper')}"
    area.page.text(area.x0 - ROTATED_GAP, max(bottom, top + width(text, t.bold, ROTATED_SIZE)), text, t.bold,
                   ROTATED_SIZE, t.accent, angle=90)
    area.noise.append(text)


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
