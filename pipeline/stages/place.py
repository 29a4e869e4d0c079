"""Placing: each card's canonical category and its stable id.

A card takes the category of the section it stands in when its banner names that section (or
names none); the section's name is the table of contents' printing when it has one.

The id is the key an archivist's corrections file refers to, so it must outlive the pipeline:

    <year>-<category words>-<title words>        2023-cybersecurite-bouclier-cyber64

Each part is a slug (lower-case ASCII words joined by '-', accents and punctuation dropped) of
as many whole words as fit in its limit, the first word always. Only the first words of the
title count: a later version that reads the end of a long title better (a word mended, a
hyphenation joined), or its case, accents or quotes, keeps the id. Two cards that would get the
same id are told apart by their order: `-2`, `-3`… after the first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..context import Context
from ..elements import Page
from ..text import similarity, slug
from . import categories, frontmatter
from .card import Card
from .reconcile import Placed, palmares_categories
from .segment import CardSpan, Section
from .toc import TocRow

if TYPE_CHECKING:
    from ..reading import Reading

CATEGORY_SLUG = 40  # characters of the category's words in an id: each 2023 category fits whole
TITLE_SLUG = 40  # characters of the title's first words in an id: about five, enough to tell
# the cards of a category apart, few enough that a better reading of a long title keeps the id
NO_TITLE = "sans-titre"
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Placing:
    """The edition's year, each section's category name, the cards placed."""

    year: int | None
    category_names: dict[int, str]  # section page → canonical category name
    placed: list[Placed]


def place_cards(reading: Reading, raw: list[Page], path: Path) -> Placing:
    """The year (printed on the first pages, else in the file's name), the category names, and
    each card with its category and id."""
    context = reading.context
    year = frontmatter.year(raw, context.profile) or year_from_name(path)
    names = category_names(reading.segments.sections, reading.entries, context)
    labels = {page.number: page.label for page in reading.pages}
    printed = palmares_categories(reading.palmares.entries, reading.cards)
    placed = place(reading.cards, reading.segments.cards, names, year, labels, context, printed)
    return Placing(year, names, placed)


def year_from_name(path: Path) -> int | None:
    """The last year the file's name gives ("annuaire_2023.pdf")."""
    found = YEAR_IN_NAME.findall(path.stem)
    return int(found[-1]) if found else None


def category_names(
    sections: list[Section], entries: list[TocRow], context: Context
) -> dict[int, str]:
    """Section page → canonical category name (the table of contents' printing when it has one)."""
    parts = [entry for entry in entries if entry.level == 0]
    out = {}
    for section in sections:
        title = categories.clean(section.title)
        printed = max(parts, key=lambda entry: similarity(entry.text, title), default=None)
        same = printed and similarity(printed.text, title) >= categories.SAME
        name = printed.text if printed and same else title
        out[section.page] = categories.canonical(name, context.profile.categories, context.lexicon)
    return out


def place(
    cards: list[Card],
    spans: list[CardSpan],
    names: dict[int, str],
    year: int | None,
    labels: dict[int, str | None],
    context: Context,
    printed: dict[int, str],
) -> list[Placed]:
    """Give each card its canonical category and a stable id (`printed`: card index → the
    category a palmarès gives it)."""
    out, seen = [], Counter[str]()
    for i, (card, span) in enumerate(zip(cards, spans, strict=True)):
        category = category_of(card, span.section, names, context, printed.get(i, ""))
        base = record_id(year, category, card.title)
        seen[base] += 1
        project_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(Placed(project_id, card, category, span.section, labels.get(card.pages[0])))
    return out


def record_id(year: int | None, category: str, title: str | None) -> str:
    """The id of a card of this edition, category and title, before duplicates are numbered."""
    edition = str(year) if year else "x"
    return f"{edition}-{slug(category, CATEGORY_SLUG)}-{slug(title or NO_TITLE, TITLE_SLUG)}"


def category_of(
    card: Card, section: Section | None, names: dict[int, str], context: Context, listed: str
) -> str:
    """The section's category when the card names it (or names none), else the one the card
    prints; without either, the one the palmarès (`listed`) gives."""
    own = categories.clean(card.category_raw or "")
    at_least = context.thresholds.banner_similarity
    if section is not None and (not own or categories.agree(own, section.title, at_least)):
        return names[section.page]
    known = list(names.values()) + context.profile.categories
    return categories.canonical(own or listed, known, context.lexicon)
