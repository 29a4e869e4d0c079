"""The medal of a card, in each of the styles designers use: a banner line, a badge beside the
category's kicker, a word in a filled shape, a run-in line ("Label : Or"), small capitals, a
word rotated up the margin (the sidebar's is in `sidebar.py`).

Each function draws from a height `y` (distance from the page's top) and returns the height
below what it drew.
"""

from __future__ import annotations

from .area import Area
from .content import Card
from .sheet import Page, width
from .template import WHITE, medal_of

BANNER_HEIGHT = 24.0
KICKER_SIZE = 8.5
SHAPE_RADIUS = 24.0
SMALL_CAPS = 0.75  # size of the small capitals against the capitals
ROTATED_SIZE = 10.0
ROTATED_GAP = 4.0  # between the rotated medal and the text it stands beside


def banner(area: Area, card: Card, y: float) -> float:
    t = area.template
    text = t.banner.format(
        upper=t.medal_word(card.medal, "upper"),
        of=medal_of(card.medal),
        category=card.category.upper(),
    )
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


def small_caps(
    page: Page, x: float, y: float, text: str, font: str, size: float, color: tuple
) -> float:
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


def shape(area: Area, card: Card, y: float) -> None:
    """The medal's word in white inside a filled disc at the head's right."""
    t = area.template
    word = t.medal_word(card.medal)
    centre_x, centre_y = area.x1 - SHAPE_RADIUS, y + SHAPE_RADIUS
    area.page.circle(centre_x, centre_y, SHAPE_RADIUS, t.accent)
    area.page.text(centre_x - width(word, t.bold, 9) / 2, centre_y + 3, word, t.bold, 9, WHITE)


def run_in_medal(area: Area, card: Card, y: float) -> float:
    t = area.template
    text = t.run_in_medal.format(Word=t.medal_word(card.medal))
    area.line(area.x0, y + 10, text, t.bold, t.setting.size, t.accent)
    return y + t.setting.leading + 8


def rotated(area: Area, card: Card, top: float, bottom: float) -> None:
    """The medal as a word up the margin beside the head."""
    t = area.template
    text = f"LABEL {t.medal_word(card.medal, 'upper')}"
    area.page.text(
        area.x0 - ROTATED_GAP,
        max(bottom, top + width(text, t.bold, ROTATED_SIZE)),
        text,
        t.bold,
        ROTATED_SIZE,
        t.accent,
        angle=90,
    )
    area.noise.append(text)
