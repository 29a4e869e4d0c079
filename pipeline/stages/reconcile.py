"""Stage 6 — reconcile: cross-check cards against the table of contents and the listings.

Every disagreement becomes a warning with a stable code, a plain-words message and
the pages involved; nothing is corrected silently. A warning needs evidence: a card
is checked against a listing only where one was printed (its section's, the
palmarès), and its category only when the card prints one; where the pipeline
doubts its own reading, the code is an `info` one with the confidence in its message.

  not_in_toc, toc_page_mismatch, toc_entry_without_card — table of contents
  not_in_listing, listed_without_card, listing_order     — listings and the palmarès
  listing_unread (info)                                  — a listing's unread text names the card
  title_mismatch / title_variant (info)                  — titles that differ / one is in the other
  medal_mismatch, category_mismatch                      — medal or category told two ways
  block_missing, block_repeated, award_missing, …        — what the card itself lacked
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..outputs.models import Warning, warn
from ..text import containment, key, similarity
from ..thresholds import DEFAULTS
from . import categories
from .card import Card
from .listing import Listed, Listing
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
    listings: dict[int, Listing],
    card_labels: set[str | None],
    palmares: Sequence[Listed] = (),
    agree_at: float = DEFAULTS.banner_similarity,
) -> tuple[list[Warning], dict[tuple[int, int], str]]:
    """Warnings, and for each listing entry (section page or palmarès page, index) the id of its
    card.

    Only the table's entries that point at card pages (`card_labels`) name projects;
    the others are the yearbook's parts and front matter.
    """
    warnings: list[Warning] = []
    for p in placed:
        for code, message in p.card.notes:
            warnings.append(warn(code, f"{describe(p)}: {message}", p.card.pages, p.id))
    warnings += check_toc(placed, [e for e in entries if e.page_label in card_labels])
    matches, notes = check_listings(placed, listings)
    warnings += notes
    for p in placed:
        section = categories.clean(p.section.title) if p.section else None
        warnings += check_category(p, section, "its section", agree_at)
    if palmares:
        found, notes = check_palmares(placed, list(palmares), agree_at)
        matches.update(found)
        warnings += notes
    return warnings, matches


def check_listings(placed: list[Placed], listings: dict[int, Listing]):
    """Cards against the listing of their section. A section without a listing (its page holds
    none, or none could be read) is no evidence that its cards are missing from it: only
    listings with entries are checked."""
    matches: dict[tuple[int, int], str] = {}
    warnings: list[Warning] = []
    for page, listing in listings.items():
        if listing.entries:
            cards = [p for p in placed if p.section is not None and p.section.page == page]
            unread = " ".join(stray.line.text for stray in listing.strays)
            found, notes = check_listing(page, listing.entries, cards, unread=unread)
            matches.update(found)
            warnings += notes
    return matches, warnings


def check_palmares(placed: list[Placed], palmares: list[Listed], agree_at: float):
    """Every card against the palmarès of the whole book, and the category it prints against
    the palmarès's. A palmarès may be sorted by medal or by territory: its order is not
    checked."""
    page, by_id = palmares[0].page, {p.id: p for p in placed}
    matches, warnings = check_listing(page, palmares, placed, ordered=False)
    for (_, i), pid in matches.items():
        where = f"the palmarès on page {page}"
        warnings += check_category(by_id[pid], palmares[i].category, where, agree_at, page)
    return matches, warnings


def check_category(
    p: Placed, other: str | None, where: str, agree_at: float, page: int | None = None
) -> list[Warning]:
    """A category_mismatch when the card prints a category (banner, kicker) that another place
    (its section, a palmarès) names otherwise; a card that prints none disagrees with nothing."""
    printed = categories.clean(p.card.category_raw or "")
    if not printed or not other or categories.agree(printed, other, agree_at):
        return []
    if page is None:
        page = p.section.page if p.section else p.card.pages[0]
    return [
        warn(
            "category_mismatch",
            f"{describe(p)}: the card names the category '{printed}', {where} '{other}'",
            [page] + p.card.pages,
            p.id,
        )
    ]


def describe(p: Placed) -> str:
    return f"card « {p.card.title or '?'} » (page {p.card.pages[0]})"


def check_toc(placed: list[Placed], entries: list[TocRow]) -> list[Warning]:
    """Each card against the entry for its page (or, failing that, the entry most like it)."""
    if not entries:
        return []
    out: list[Warning] = []
    used: set[int] = set()
    starts = Counter(p.first_label for p in placed)
    for p in placed:
        best, notes = toc_entry(p, entries, starts, used)
        out += notes
        if best is None:
            continue
        used.add(id(best))
        out += compare_titles(p, title_piece(best.text, p.card), "the table of contents")
    return out + [
        warn(
            "toc_entry_without_card",
            f"the table of contents lists « {e.text} » on page "
            f"{e.page_label}, where no card was found",
            [b.page for b in e.boxes],
        )
        for e in entries
        if id(e) not in used
    ]


def toc_entry(
    p: Placed, entries: list[TocRow], starts: Counter, used: set[int]
) -> tuple[TocRow | None, list[Warning]]:
    """The card's entry: the one on its page (whatever its wording when the page number agrees
    and names nothing else), else the entry most like it elsewhere (`toc_page_mismatch`), else
    none (`not_in_toc`)."""
    same_page = [e for e in entries if e.page_label == p.first_label]
    best = max(same_page, key=lambda e: entry_score(e, p.card), default=None)
    agreed = best is not None and len(same_page) == 1 and starts[p.first_label] == 1
    if best is not None and (agreed or entry_score(best, p.card) >= MATCH):
        return best, []
    elsewhere = max(entries, key=lambda e: entry_score(e, p.card))
    if entry_score(elsewhere, p.card) >= 0.8 and id(elsewhere) not in used:
        said = f"{describe(p)}: the table of contents gives it page {elsewhere.page_label}"
        return elsewhere, [warn("toc_page_mismatch", said, p.card.pages, p.id)]
    said = f"{describe(p)}: not in the table of contents"
    return None, [warn("not_in_toc", said, p.card.pages, p.id)]


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


def check_listing(
    page: int, listed: list[Listed], cards: list[Placed], ordered: bool = True, unread: str = ""
):
    """The cards against one listing (a section's, or the palmarès when not `ordered`); `unread`
    is the text of the listing's pages that could not be read as entries."""
    where = f"the listing on page {page}" if ordered else f"the palmarès on page {page}"
    pairs = pair(listed, [p.card for p in cards])
    out, matches = [], {}
    for i, j in sorted(pairs.items()):
        item, p = listed[i], cards[j]
        matches[(page, i)] = p.id
        if item.medal and p.card.medal and item.medal != p.card.medal:
            out.append(
                warn(
                    "medal_mismatch",
                    f"{describe(p)}: {where} gives the medal {item.medal}, the card {p.card.medal}",
                    [page] + p.card.pages,
                    p.id,
                )
            )
        out += compare_titles(p, item.title or title_piece(item.text, p.card), where)
    out += unpaired(page, listed, cards, pairs, ordered, unread)
    if ordered:
        out += order_warning(page, cards, [j for _, j in sorted(pairs.items())])
    return matches, out


def palmares_categories(listed: list[Listed], cards: list[Card]) -> dict[int, str]:
    """Card index → the category the palmarès prints for the card's entry."""
    found = {j: listed[i].category for i, j in pair(listed, cards).items()}
    return {j: category for j, category in found.items() if category}


def pair(listed: list[Listed], cards: list[Card]) -> dict[int, int]:
    """Listing entry index → card index, best scores first, each at most once."""
    scores = sorted(
        (
            (listing_score(item, card), i, j)
            for i, item in enumerate(listed)
            for j, card in enumerate(cards)
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for score, i, j in scores:
        if score >= MATCH and i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


def unpaired(
    page: int, listed: list[Listed], cards: list[Placed], pairs, ordered: bool, unread: str
):
    """The cards a listing lacks, and the entries no card answers."""
    where = "the listing" if ordered else "the palmarès"
    out = [
        missing(p, page, ordered, unread) for j, p in enumerate(cards) if j not in pairs.values()
    ]
    return out + [
        warn(
            "listed_without_card",
            f"{where} on page {page} announces « {item.text} », for which no card was found",
            [page],
        )
        for i, item in enumerate(listed)
        if i not in pairs
    ]


def missing(p: Placed, page: int, ordered: bool, unread: str) -> Warning:
    """A card not among a listing's entries: an anomaly, unless the listing's text that could not
    be read as entries names the card (then the reading is in doubt: `listing_unread`, with how
    much of the title that text holds as its confidence)."""
    named = containment(p.card.title, unread) if unread and p.card.title else 0.0
    if named >= MATCH:
        return warn(
            "listing_unread",
            f"{describe(p)}: not among the entries read from the listing on page {page}, whose "
            f"unread text names it (confidence {named:.2f})",
            [page] + p.card.pages,
            p.id,
        )
    which = "the listing of its category" if ordered else "the palmarès"
    return warn(
        "not_in_listing",
        f"{describe(p)}: not on {which} (page {page})",
        [page] + p.card.pages,
        p.id,
    )


def order_warning(page: int, cards: list[Placed], in_listing_order: list[int]) -> list[Warning]:
    if in_listing_order == sorted(in_listing_order):
        return []
    listing = " / ".join(cards[j].card.title for j in in_listing_order)
    printed = " / ".join(cards[j].card.title for j in sorted(in_listing_order))
    return [
        warn(
            "listing_order",
            f"the listing on page {page} gives the projects in another order "
            f"({listing}) than their cards ({printed})",
            [page] + [q for j in in_listing_order for q in cards[j].card.pages],
        )
    ]


def listing_score(item: Listed, card: Card) -> float:
    return max(similarity(item.title or "", card.title), containment(card.title, item.text))
