"""The gold of a generated yearbook, in the shape of `samples/annuaire_2023.gold.json`, so that
both `tests/scoring.py` and the shared scorer read it."""
from __future__ import annotations

from .book import Book, page_number
from .content import Content, text_of
from .words import BLOCKS

MIN_NOISE = 6                 # the scorer ignores shorter noise strings


def gold(book: Book, content: Content) -> dict:
    template, total = book.template, len(book.pages)
    cards = []
    for index, placed in enumerate(book.placed):
        card = placed.card
        numbers = [page_number(template, n, total) for n in placed.pages]
        cards.append({
            "index": index, "medal": card.medal, "category": card.category, "title": card.title,
            "territories": [{"name": t.name, "kind": t.kind} for t in card.territories],
            "summary": "\n".join(card.summary),
            **{role: text_of(card.blocks[role]) if role in card.blocks else None for role in BLOCKS},
            "pages": [placed.pages[0], placed.pages[-1]],
            "noise": sorted({n for n in placed.noise + numbers if len(n) >= MIN_NOISE}),
        })
    listed = template.design.listing != "none"
    return {
        "edition": content.year,
        "design": {"seed": template.design.seed, **template.design.axes()},
        "categories": [{"name": category.name, "page": book.divider_pages[category.name],
                        "listed": [card.title for card in category.cards if card.listed] if listed else [],
                        "cards": [i for i, p in enumerate(book.placed) if p.card.category == category.name]}
                       for category in content.categories],
        "cards": cards,
        "noise": [text for text in (template.header if template.design.header else "", template.footer,
                                    template.margin_text if template.design.margin_text else "")
                  if len(text) >= MIN_NOISE],
        "anomalies": anomalies(content, listed),
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
