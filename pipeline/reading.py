"""The reading of a document's pages with one profile, and the choice among profiles.

furniture → layout → segment → card run once per candidate profile (the one made for the
edition's year when there is one, else every profile); the most consistent reading wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .clock import Clock
from .context import Context
from .elements import Line, Page, Removed, Stray
from .errors import InputError
from .options import Options
from .profiles import available
from .profiles.profile import Profile, load
from .stages import (
    blocks,
    frontmatter,
    furniture,
    head,
    layout,
    listing,
    palmares,
    segment,
    template,
    toc,
)
from .stages import card as card_stage
from .stages.card import Card
from .stages.listing import Listing
from .stages.segment import CardSpan
from .stages.toc import TocRow

AWARDED_SHARE = 0.5  # the share of cards that must name a medal or territories


@dataclass(frozen=True)
class Reading:
    """What the stages up to `card` made of the pages with one profile."""

    context: Context
    pages: list[Page]
    removed: list[Removed]
    segments: segment.Segments
    entries: list[TocRow]
    toc_headings: list[Line]
    cards: list[Card]
    listings: dict[int, Listing]  # section page → its listing
    palmares: palmares.Palmares  # the book's palmarès (empty when it has none)

    @property
    def listing_strays(self) -> list[Stray]:
        """The lines of the section pages no entry took."""
        return [stray for found in self.listings.values() for stray in found.strays]


def best_reading(raw: list[Page], path: Path, options: Options, clock: Clock) -> Reading:
    """The most consistent reading among the candidate profiles (the first wins a tie)."""
    candidates = [load(options.profile)] if options.profile != "auto" else edition_profiles(raw)
    readings = [read_cards(raw, profile, clock, options.processes) for profile in candidates]
    best = max(readings, key=consistency)
    if not best.segments.cards or not awarded(best.cards):
        raise InputError(
            f"{path.name}: no project card found; "
            "not a yearbook of the Label « Territoire Innovant »?"
        )
    return best


def read_cards(raw: list[Page], profile: Profile, clock: Clock, processes: int = 1) -> Reading:
    """furniture → layout → segment → card, with one profile; the cards' headings looked for in
    up to `processes` processes."""
    context = Context(profile)
    with clock("furniture"):
        pages, removed = furniture.strip(
            raw,
            content=lambda line: is_card_head(line, profile),
            thresholds=context.thresholds,
        )
    with clock("layout"):
        pages = layout.order(pages)
        context = replace(context, lexicon=layout.lexicon(pages), body=furniture.body_size(pages))
    with clock("template"):
        seeds = [
            ln for page in pages for ln in page.lines if blocks.heading_of(ln.text, ln, profile)[0]
        ]
        context = replace(context, template=template.learn(pages, context.body, seeds))
    with clock("segment"):
        rest, book = palmares.take(pages, profile, context.lexicon)
        segments = segment.split(rest, profile, context.body, context.template)
        entries, toc_headings = toc.parse(segments.toc_pages)
    card_lines = [line for span in segments.cards for line in span.lines]
    spans = [(span.lines, span.section.title if span.section else None) for span in segments.cards]
    heads = [span.lines[: head.HEAD_LINES] for span in segments.cards]
    labels = head.learn_labels(heads, profile)
    context = replace(context, template=replace(context.template, labels=labels))
    roles = blocks.learn_roles(spans, profile, context.template, processes)
    context = replace(context, pitch=layout.typical_pitch(card_lines), roles=roles)
    with clock("card"):
        cards = parse_cards(segments.cards, context, roles)
        cards = card_stage.template_gaps(cards)
        listings = {
            section.page: listing.parse(section, profile, context.lexicon, context.pitch)
            for section in segments.sections
        }
    return Reading(context, pages, removed, segments, entries, toc_headings, cards, listings, book)


def parse_cards(spans: list[CardSpan], context: Context, roles: blocks.Roles) -> list[Card]:
    """Every card; in a yearbook that titles no text but sets each in a type of its own, read
    again with the types its cards agree on, so that a card lacking one text is read alike."""

    def parse(types: blocks.Types | None) -> list[Card]:
        return [
            card_stage.parse(
                span,
                context.profile,
                context.lexicon,
                context.pitch,
                context.body,
                context.template,
                roles,
                types,
            )
            for span in spans
        ]

    cards = parse(None)
    types = blocks.learn_types([card.typed for card in cards if card.typed])
    return parse(types) if types else cards


def is_card_head(line: Line, profile: Profile) -> bool:
    """A line that opens or heads a card, however often it repeats at the same place: a banner,
    a medal badge."""
    return (
        segment.is_banner(line, profile)
        or template.medal_in(line.text) is not None
        or (line.rotated and card_stage.badge_medal(line.text, profile) is not None)
    )


def edition_profiles(raw: list[Page]) -> list[Profile]:
    """The profile made for the year printed on the first pages, else every profile to try."""
    profiles = [load(name) for name in available()]
    profiles.sort(key=lambda profile: profile.name != "default")
    printed = (frontmatter.year(raw, profile) for profile in profiles)
    year = next((found for found in printed if found), None)
    made_for = [profile for profile in profiles if year in profile.years]
    return made_for[:1] or profiles


def awarded(cards: list[Card]) -> bool:
    """Yearbook evidence: most cards name a medal or the territories they were awarded to (a
    report whose headings recur is not a yearbook)."""
    named = sum(1 for card in cards if card.medal or card.territories)
    return named >= AWARDED_SHARE * len(cards)


def consistency(reading: Reading) -> int:
    """How much of a sound card each card is: medal, title, territories, blocks found."""
    return sum(
        bool(card.medal) + bool(card.title) + bool(card.territories) + len(card.headings)
        for card in reading.cards
    )
