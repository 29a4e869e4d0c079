"""The gold of a generated yearbook, in the shape of `samples/annuaire_2023.gold.json`, so that
both `tests/scoring.py` and the shared scorer read it; `design` records the axes drawn."""

from __future__ import annotations

from .area import MIN_NOISE
from .book import Book, Placed, page_number
from .content import Content, text_of
from .words import BLOCKS


def gold(book: Book, content: Content) -> dict:
    template = book.template
    listed = template.design.listing != "none"
    running = (
        template.header if template.design.header else "",
        template.footer,
        template.margin_text if template.design.margin_text else "",
    )
    return {
        "edition": content.year,
        "design": {"seed": template.design.seed, **template.design.axes()},
        "categories": [_category(book, category.name, listed) for category in content.categories],
        "cards": [_card(book, index, placed) for index, placed in enumerate(book.placed)],
        "noise": [text for text in running if len(text) >= MIN_NOISE],
        "anomalies": anomalies(content, listed),
    }


def _card(book: Book, index: int, placed: Placed) -> dict:
    card, total = placed.card, len(book.pages)
    numbers = [page_number(book.template, n, total) for n in placed.pages]
    blocks = {role: text_of(card.blocks[role]) if role in card.blocks else None for role in BLOCKS}
    return {
        "index": index,
        "medal": card.medal,
        "category": card.category,
        "title": card.title,
        "territories": [{"name": t.name, "kind": t.kind} for t in card.territories],
        "summary": "\n".join(card.summary),
        **blocks,
        "pages": [placed.pages[0], placed.pages[-1]],
        "noise": sorted({text for text in placed.noise + numbers if len(text) >= MIN_NOISE}),
    }


def _category(book: Book, name: str, listed: bool) -> dict:
    cards = [
        (index, placed.card)
        for index, placed in enumerate(book.placed)
        if placed.card.category == name
    ]
    return {
        "name": name,
        "page": book.divider_pages[name],
        "listed": [card.title for _, card in cards if card.listed and listed],
        "cards": [index for index, _ in cards],
    }


def anomalies(content: Content, listed: bool) -> list[dict]:
    """The yearbook's real inconsistencies, which a reader should report (and nothing else)."""
    out = []
    for card in content.cards:
        if len(card.blocks) < len(BLOCKS):
            out.append({"code": "block_missing", "title": card.title})
        if listed and not card.listed:
            out.append({"code": "not_in_listing", "title": card.title})
        if listed and card.listed and card.listed_medal:
            out.append({"code": "medal_mismatch", "title": card.title})
    return out
