"""Nothing lost: per page, the share of its body text that ended up in a field.

Body text is what remains of a page once its furniture is taken out. A line is
placed when a stage put it in a field: a card (banner, award line, title, summary,
blocks and their headings), a listing entry or a section heading, the table of
contents, the front matter. Lines the stages set aside (`Stray`) are not placed,
and a body line that no stage mentions at all becomes a stray here, so that the
output's `unplaced` holds every character the document does not otherwise give.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..elements import Line, Page, Stray
from .card import Card
from .frontmatter import FrontPart
from .listing import Listing
from .palmares import Palmares
from .segment import Segments
from .toc import TocRow


def characters(text: str) -> int:
    """Characters that count: spacing varies between readings of the same text, ink does not."""
    return len("".join(text.split()))


def leftovers(pages: list[Page], placed: set[Line], strays: Iterable[Stray]) -> list[Stray]:
    """Body lines that no stage placed nor set aside, as strays (`not_placed`), in page order, and
    the rotated text furniture set aside (`rotated_text`)."""
    known = placed | {s.line for s in strays}
    return [
        Stray(line, "not_placed") for page in pages for line in page.lines if line not in known
    ] + [Stray(line, "rotated_text") for page in pages for line in page.aside]


def per_page(pages: list[Page], placed: set[Line]) -> dict[int, float | None]:
    """Page number → share of its body characters in a field (None: the page has no body text)."""
    out: dict[int, float | None] = {}
    for page in pages:
        total = sum(characters(line.text) for line in page.lines)
        done = sum(characters(line.text) for line in page.lines if line in placed)
        out[page.number] = round(done / total, 3) if total else None
    return out


def low(coverage: dict[int, float | None], threshold: float) -> list[tuple[int, float]]:
    """(page, coverage) of the pages below the threshold."""
    return [(n, c) for n, c in sorted(coverage.items()) if c is not None and c < threshold]


def in_fields(
    segments: Segments,
    cards: list[Card],
    listings: dict[int, Listing],
    entries: list[TocRow],
    toc_headings: list[Line],
    front: list[FrontPart],
    palmares: Palmares,
) -> set[Line]:
    """The body lines some field was read from: cards but their strays, section headings and
    listings, the palmarès, the table of contents (its headings go to the front matter), front
    matter."""
    out: set[Line] = set()
    for span, card in zip(segments.cards, cards, strict=True):
        out.update(span.lines)
        out.difference_update(stray.line for stray in card.strays)
    for section in segments.sections:
        out.update(section.heading)
        out.update(line for item in listings[section.page].entries for line in item.lines)
        out.update(listings[section.page].read)
    out.update(line for item in palmares.entries for line in item.lines)
    out.update(palmares.read)
    out.update(line for entry in entries for line in entry.lines)
    out.update(toc_headings)
    out.update(line for section in front for line in section.lines)
    return out
