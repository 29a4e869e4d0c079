"""A card's body as rows: the summary, then the three blocks under the design's headings.

The headings' wording is the template's (the same on every card); a design without
headings tells its blocks apart by style alone: a coloured rule and a text colour per
block, always the same for the same block. A run-in heading too wide for its column gets
a line of its own, as a designer would give it.
"""

from __future__ import annotations

from dataclasses import replace

from .choices import ORDERS
from .content import Card, Item
from .sheet import width
from .template import Template
from .typeset import Row, Span, paragraph

PARA_GAP = 4.0
HEADING_GAP = 9.0
ITEM_INDENT = 14.0
ITEM_GAP = 1.5
RUN_IN_MAX = 0.6  # a run-in heading wider than this share of the column gets a line of its own
ROLE_COLOURS = {
    "innovation": (0.10, 0.25, 0.45),
    "problematique": (0.40, 0.18, 0.10),
    "apports": (0.12, 0.35, 0.18),
}


def rows(card: Card, template: Template, column: float) -> list[Row]:
    """Every row of the card's body, in reading order."""
    out: list[Row] = []
    for role in ("summary",) + ORDERS[template.design.block_order]:
        out += block(card, role, template, column)
    return out


def block(card: Card, role: str, template: Template, column: float) -> list[Row]:
    """The rows of one block (the summary or a role of `words.BLOCKS`); none if it is missing."""
    parts = card.summary if role == "summary" else card.blocks.get(role)
    if not parts:
        return []
    design, setting = template.design, template.setting
    if role == "summary" and design.summary_style == "italic":
        setting = replace(setting, font=setting.italic)
    color = ROLE_COLOURS.get(role) if design.headings == "none" else None
    out, label = _heading(template.headings[role], template, column)
    for number, part in enumerate(parts):
        if isinstance(part, Item):
            item = paragraph(part.text, setting, column, ITEM_INDENT, ITEM_GAP, color=color)
            item[0].marker = Span(design.bullet, "", color or setting.color)
            out += item
        else:
            first = label if number == 0 else None
            out += paragraph(part, setting, column, gap=PARA_GAP, label=first, color=color)
    out[0].gap = HEADING_GAP if role != "summary" else 0.0
    if color and role != "summary":
        out[0].rule = color
    return out


def _heading(
    heading: str | None, template: Template, column: float
) -> tuple[list[Row], Span | None]:
    """The heading's own rows, or the run-in label that opens the first paragraph."""
    if not heading:
        return [], None
    setting = template.setting
    if template.design.heading_style == "run_in":
        text = heading if heading.endswith(("?", ":")) else f"{heading} :"
        if width(text, setting.bold, setting.size) <= RUN_IN_MAX * column:
            return [], Span(text, setting.bold, template.accent)
    bold = replace(
        setting,
        font=setting.bold,
        size=setting.size + 1,
        leading=setting.leading + 1,
        justify=False,
        hyphenate=False,
    )
    heading_rows = paragraph(heading, bold, column, color=template.accent)
    return [replace(row, keep=True) for row in heading_rows], None
