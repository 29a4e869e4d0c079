"""Stage 6 — reconcile: cross-check cards against the table of contents and the listings.

Every disagreement becomes a warning with a stable code, a plain-words message and
the pages involved; nothing is corrected silently.

  not_in_toc, toc_page_mismatch, toc_entry_without_card      — table of contents
  not_in_listing, listed_without_card, listing_order          — category listings
  title_mismatch (warning) / title_variant (info)             — titles that differ / one contains
the other
  medal_mismatch, category_mismatch                           — medal or category told two ways
  block_missing, block_repeated, award_missing, …             — what the card itself lacked
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..outputs.models import Warning, warn
from ..text import containment, key, similar, similarity
from .card import Card
from .listing import Listed
from .segment import Section
from .toc import TocRow

MATCH = 0.6  # least score for a listing entry or a TOC entry to be the card's
SEPARATOR = re.compile(r"\s+[-–—]\s+")


@dataclass
class Placed:
    """A card with what reconcile needs to know of it."""

    id: str
    card: Card
    category: str
    section: Section | None
    first_label: str | None


def check(
    placed: list[Placed],
    entries: list[TocRow],
    listings: dict[int, list[Listed]],
    card_labels: set[str | None],
) -> tuple[list[Warning], dict[tuple[int, int], str]]:
    """Warnings, and for each listing entry (section page, index) the id of its card.

    Only the table's entries that point at card pages (`card_labels`) name projects;
    the others are the yearbook's parts and front matter.
    """
    warnings: list[Warning] = []
    for p in placed:
        for code, message in p.card.notes:
            warnings.append(warn(code, f"{describe(p)}: {message}", p.card.pages, p.id))
    warnings += check_toc(placed, [e for e in entries if e.page_label in card_labels])
    matches: dict[tuple[int, int], str] = {}
    for page, listed in listings.items():
        cards = [p for p in placed if p.section is not None and p.section.page == page]
        found, notes = check_listing(page, listed, cards)
        matches.update(found)
        warnings += notes
    for p in placed:
        if p.section is not None and not similar(p.card.category_raw, p.section.title, 0.8):
            warnings.append(
                warn(
                    "category_mismatch",
                    f"{describe(p)}: the banner names the category "
                    f"'{p.card.category_raw}', its section '{p.section.title}'",
                    [p.section.page] + p.card.pages,
                    p.id,
                )
            )
    return warnings, matches


def describe(p: Placed) -> str:
    return f"card « {p.card.title or '?'} » (page {p.card.pages[0]})"


def check_toc(placed: list[Placed], entries: list[TocRow]) -> list[Warning]:
    """Each card against the entry for its page (or, failing that, the entry most like it)."""
    if not entries:
        return []
    out, used = [], set()
    starts = Counter(p.first_label for p in placed)
    for p in placed:
        same_page = [e for e in entries if e.page_label == p.first_label]
        best = max(same_page, key=lambda e: entry_score(e, p.card), default=None)
        # the page number agrees and names nothing else: the entry is the card's whatever its
        # wording
        agreed = best is not None and len(same_page) == 1 and starts[p.first_label] == 1
        if best is None or not agreed and entry_score(best, p.card) < MATCH:
            elsewhere = max(entries, key=lambda e: entry_score(e, p.card))
            if entry_score(elsewhere, p.card) >= 0.8 and id(elsewhere) not in used:
                best = elsewhere
                out.append(
                    warn(
                        "toc_page_mismatch",
                        f"{describe(p)}: the table of contents gives it page "
                        f"{elsewhere.page_label}",
                        p.card.pages,
                        p.id,
                    )
                )
            else:
                out.append(
                    warn(
                        "not_in_toc",
                        f"{describe(p)}: not in the table of contents",
                        p.card.pages,
                        p.id,
                    )
                )
                continue
        used.add(id(best))
        out += compare_titles(p, title_piece(best.text, p.card), "the table of contents")
    for e in entries:
        if id(e) not in used:
            out.append(
                warn(
                    "toc_entry_without_card",
                    f"the table of contents lists « {e.text} » on page "
                    f"{e.page_label}, where no card was found",
                    [b.page for b in e.boxes],
                )
            )
    return out


def entry_score(entry: TocRow, card: Card) -> float:
    return max(
        containment(card.title, entry.text), similarity(title_piece(entry.text, card), card.title)
    )


def title_piece(text: str, card: Card) -> str:
    """The title part of "Territory - Title" (or "Title - Territory"): the side that is not
    the card's territories."""
    pieces = SEPARATOR.split(text)
    if len(pieces) < 2:
        return text
    names = " ".join(t.name for t in card.territories)
    splits = [(" - ".join(pieces[:k]), " - ".join(pieces[k:])) for k in range(1, len(pieces))]
    if names:
        left, right = max(
            splits, key=lambda lr: max(similarity(lr[0], names), similarity(lr[1], names))
        )
        return right if similarity(left, names) >= similarity(right, names) else left
    return max([side for lr in splits for side in lr], key=lambda c: similarity(c, card.title))


def compare_titles(p: Placed, other: str, where: str) -> list[Warning]:
    a, b = key(other), key(p.card.title)
    if not a or a == b:
        return []
    if a in b or b in a:
        return [
            warn(
                "title_variant",
                f"{describe(p)}: {where} gives the title as « {other} »",
                p.card.pages,
                p.id,
            )
        ]
    return [
        warn(
            "title_mismatch",
            f"{describe(p)}: {where} spells the title « {other} »",
            p.card.pages,
            p.id,
        )
    ]


def check_listing(page: int, listed: list[Listed], cards: list[Placed]):
    scores = sorted(
        (
            (listing_score(item, p.card), i, j)
            for i, item in enumerate(listed)
            for j, p in enumerate(cards)
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for score, i, j in scores:
        if score >= MATCH and i not in pairs and j not in pairs.values():
            pairs[i] = j
    out, matches = [], {}
    for i, j in sorted(pairs.items()):
        item, p = listed[i], cards[j]
        matches[(page, i)] = p.id
        if item.medal and p.card.medal and item.medal != p.card.medal:
            out.append(
                warn(
                    "medal_mismatch",
                    f"{describe(p)}: the listing on page {page} gives the medal "
                    f"{item.medal}, the card {p.card.medal}",
                    [page] + p.card.pages,
                    p.id,
                )
            )
        out += compare_titles(
            p, item.title or title_piece(item.text, p.card), f"the listing on page {page}"
        )
    for j, p in enumerate(cards):
        if j not in pairs.values():
            out.append(
                warn(
                    "not_in_listing",
                    f"{describe(p)}: not on the listing of its category (page {page})",
                    [page] + p.card.pages,
                    p.id,
                )
            )
    for i, item in enumerate(listed):
        if i not in pairs:
            out.append(
                warn(
                    "listed_without_card",
                    f"the listing on page {page} announces « {item.text} », "
                    "for which no card was found",
                    [page],
                )
            )
    in_listing_order = [j for _, j in sorted(pairs.items())]
    if in_listing_order != sorted(in_listing_order):
        listing = " / ".join(cards[j].card.title for j in in_listing_order)
        printed = " / ".join(cards[j].card.title for j in sorted(in_listing_order))
        out.append(
            warn(
                "listing_order",
                f"the listing on page {page} gives the projects in another order "
                f"({listing}) than their cards ({printed})",
                [page] + [q for j in in_listing_order for q in cards[j].card.pages],
            )
        )
    return matches, out


def listing_score(item: Listed, card: Card) -> float:
    return max(similarity(item.title or "", card.title), containment(card.title, item.text))
