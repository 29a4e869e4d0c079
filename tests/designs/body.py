"""A card's body as rows: the summary, then the three blocks under the design's headings.

The wording of each block's heading is chosen once per design (the card template repeats
it on every card), from the profiles' vocabulary, from outside it, or from both; a design
without headings tells its blocks apart by style alone (a coloured rule and a text colour
per block, always the same for the same block).
"""
from __future__ import annotations

import random
from dataclasses import replace

from . import words
from .choices import ORDERS, Design
from .content import Card, Item
from .sheet import width
from .typeset import Row, Setting, Span, paragraph

PARA_GAP = 4.0
HEADING_GAP = 9.0
ITEM_INDENT = 14.0
RUN_IN_MAX = 0.6              # a run-in heading wider than this share of the column gets a line of its own
ROLE_COLOURS = {"innovation": (.10, .25, .45), "problematique": (.40, .18, .10), "apports": (.12, .35, .18)}


def wording(design: Design, rng: random.Random) -> dict[str, str | None]:
    """The heading printed over each block (None: no heading), the same on every card."""
    chosen: dict[str, str | None] = {}
    for role in ("summary",) + words.BLOCKS:
        if design.headings == "none" or (role == "summary" and not design.summary_heading):
            chosen[role] = None
            continue
        vocabulary = design.headings if design.headings != "mixed" else rng.choice(("profile", "unseen"))
        text = rng.choice(words.HEADINGS[vocabulary][role])
        chosen[role] = text.upper() if design.heading_style == "caps" else text
    return chosen


def rows(card: Card, design: Design, setting: Setting, headings: dict, column: float,
         accent: tuple) -> list[Row]:
    """Every row of the card's body, in reading order."""
    out: list[Row] = []
    for role in ("summary",) + ORDERS[design.block_order]:
        out += block(card, role, design, setting, headings, column, accent)
    return out


def block(card: Card, role: str, design: Design, setting: Setting, headings: dict, column: float,
          accent: tuple) -> list[Row]:
    """The rows of one block (the summary, or a role of `words.BLOCKS`); none when the card lacks it."""
    parts = card.summary if role == "summary" else card.blocks.get(role)
    if not parts:
        return []
    heading = headings[role]
    if role == "summary" and design.summary_style == "italic":
        setting = replace(setting, font=setting.italic)
    color = ROLE_COLOURS.get(role) if design.headings == "none" else None
    out: list[Row] = []
    label = None
    if heading and design.heading_style == "run_in":
        label = Span(heading if heading.endswith(("?", ":")) else f"{heading} :", setting.bold, accent)
        if width(label.text, setting.bold, setting.size) > RUN_IN_MAX * column:
            label = None
    if heading and not label:
        bold = replace(setting, font=setting.bold, size=setting.size + 1, leading=setting.leading + 1,
                       justify=False, hyphenate=False)
        out = [replace(row, keep=True) for row in paragraph(heading, bold, column, color=accent)]
    for number, part in enumerate(parts):
        if isinstance(part, Item):
            item = paragraph(part.text, setting, column, ITEM_INDENT, 1.5, color=color)
            item[0].marker = Span(design.bullet, "", color or setting.color)
            out += item
        else:
            out += paragraph(part, setting, column, gap=PARA_GAP, label=label if number == 0 else None,
                             color=color)
    out[0].gap = HEADING_GAP if role != "summary" else 0.0
    if color and role != "summary":
        out[0].rule = color
    return out
