"""Stage 4 — segment: front matter, category sections and project cards.

- A card starts at a banner ("LABEL OR – MODERNISER LE SERVICE PUBLIC") and runs to
  the next banner or section; a page without a banner after a card continues it.
- A section page opens a category: a large heading that names the category of the
  cards that follow (or that the table of contents names), with the listing of its
  awarded projects below.
- Everything before the first section or card is front matter, the table of
  contents among it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..elements import Line, Page
from ..profiles.profile import Profile, first
from ..text import containment, fold, similarity
from . import toc
from .template import Style, Template, runs, style_of

CONTINUED = re.compile(r"\(\s*(?:suite|fin|cont\.?|\d+\s*/\s*\d+)\s*\)|\bsuite\s*$", re.I)
HEAD_REACH = 2.0  # a card's head lines stand within this many title sizes above its title
SIDE_REACH = 4.0  # … and its side column starts within this many
HEADING = 1.3  # a section heading is set at least this many times the body size


@dataclass
class Section:
    page: int
    heading: list[Line]
    lines: list[Line] = field(default_factory=list)  # the listing, over one or more pages

    @property
    def title(self) -> str:
        return " ".join(ln.text for ln in self.heading)


@dataclass
class CardSpan:
    """The lines of one card, from its banner on, in reading order over its pages."""

    lines: list[Line]
    section: Section | None

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page for ln in self.lines})


@dataclass
class Segments:
    front_matter: list[Page]
    toc_pages: list[Page]
    sections: list[Section]
    cards: list[CardSpan]
    kinds: dict[
        int, str
    ]  # page number → cover | toc | front_matter | section | card | card_continued


def banner_match(line: Line, profile: Profile):
    return first(profile.banner, fold(line.text))


def is_banner(line: Line, profile: Profile) -> bool:
    return banner_match(line, profile) is not None and (
        line.bold or line.text.isupper() or len(line.text) < 90
    )


def heading_lines(page: Page, body: float) -> list[Line]:
    """The first run of heading-sized lines on the page (a title may wrap, OCR sizes vary)."""
    heading: list[Line] = []
    for line in sorted(page.lines, key=lambda ln: ln.top):
        if line.size >= HEADING * body and (
            not heading or line.top - heading[-1].bottom < line.size
        ):
            heading.append(line)
        elif heading:
            break
    return heading


@dataclass
class Walk:
    """The segmentation's state as the pages go by: what was found, and what is open."""

    found: Segments
    section: Section | None = None
    card: CardSpan | None = None
    started: bool = False
    dividers: set[Style] = field(default_factory=set)  # the styles of the sections' headings


def split(
    pages: list[Page], profile: Profile, body: float, template: Template | None = None
) -> Segments:
    toc_pages = [p for p in pages if toc.is_toc_page(p)]
    toc_numbers = {p.number for p in toc_pages}
    next_category = upcoming_categories(pages, profile)
    template = template or Template()
    starts = openers(pages, profile, body, template)
    followed = {a.number: bool(starts.get(b.number)) for a, b in zip(pages, pages[1:])}
    walk = Walk(Segments([], toc_pages, [], [], {}))
    for page in pages:
        opens = starts[page.number]
        heading = heading_lines(page, body)
        upcoming = next_category.get(page.number)
        if (
            not opens
            and divides(heading)
            and page.number not in toc_numbers
            and (
                style_of(heading[0]) in walk.dividers
                or is_section(heading, page, upcoming, followed.get(page.number, False), profile)
            )
        ):
            open_section(walk, page, heading)
        elif opens:
            open_cards(walk, page, opens)
        elif not walk.started:
            front_page(walk, page, page.number in toc_numbers)
        else:
            continued_page(walk, page)
    return walk.found


def divides(heading: list[Line]) -> bool:
    """A heading that may open a section: not a card's title repeated "… (suite)"."""
    return bool(heading) and not CONTINUED.search(" ".join(line.text for line in heading))


def open_section(walk: Walk, page: Page, heading: list[Line]) -> None:
    walk.section = Section(page.number, heading, [ln for ln in page.lines if ln not in heading])
    walk.found.sections.append(walk.section)
    walk.card, walk.started = None, True
    walk.found.kinds[page.number] = "section"
    walk.dividers.add(style_of(heading[0]))  # the next divider is told by its style too


def open_cards(walk: Walk, page: Page, opens: list[int]) -> None:
    """The cards a page opens; what stands before the first ends the previous card."""
    walk.started = True
    if opens[0] > 0 and walk.card is not None:
        walk.card.lines.extend(page.lines[: opens[0]])
    elif opens[0] > 0:
        walk.found.front_matter.append(page.with_lines(page.lines[: opens[0]]))
    for start, end in zip(opens, opens[1:] + [len(page.lines)]):
        walk.card = CardSpan(list(page.lines[start:end]), walk.section)
        walk.found.cards.append(walk.card)
    walk.found.kinds[page.number] = "card"


def front_page(walk: Walk, page: Page, is_toc: bool) -> None:
    kind = "toc" if is_toc else ("cover" if page.number == 1 else "front_matter")
    walk.found.kinds[page.number] = kind
    if not is_toc:
        walk.found.front_matter.append(page)


def continued_page(walk: Walk, page: Page) -> None:
    """A page that opens nothing: it goes on with the open card, else the open section."""
    if walk.card is not None:
        walk.card.lines.extend(page.lines)
        walk.found.kinds[page.number] = "card_continued"
    elif walk.section is not None:
        walk.section.lines.extend(page.lines)
        walk.found.kinds[page.number] = "section"
    else:
        walk.found.front_matter.append(page)
        walk.found.kinds[page.number] = "front_matter"


def openers(
    pages: list[Page], profile: Profile, body: float, template: Template
) -> dict[int, list[int]]:
    """Per page, the indices of the lines where cards start: the banners; in a yearbook
    printed without banners, the card titles the template knows by their style, else the
    award lines, with the card's header above them (a category line, a medal badge, a
    title set apart)."""
    banners = {
        p.number: [i for i, ln in enumerate(p.lines) if is_banner(ln, profile)] for p in pages
    }
    if any(banners.values()):
        return {page.number: with_side_head(page, banners[page.number]) for page in pages}
    if template.title is not None and template.medals_counted:
        return title_openers(pages, template)
    out = {}
    for page in pages:
        found: list[int] = []
        for i, line in enumerate(page.lines):
            if not first(profile.award, fold(line.text)):
                continue
            j = i
            while j > (found[-1] + 1 if found else 0) and set_apart(
                page.lines[j - 1], page.lines[j], body
            ):
                j -= 1
            found.append(j)
        out[page.number] = found
    return out


def title_openers(pages: list[Page], template: Template) -> dict[int, list[int]]:
    """Per page, where cards start: at each title (its first line read, a title being one run
    of the title style however its lines were drawn), and before it at the head lines that
    stand beside it (a sidebar) or just above it (a kicker, a badge) — not at the previous
    card's text above it in its column. A title repeated on the page after its card's
    ("… (suite)") continues that card."""
    out: dict[int, list[int]] = {}
    last = ""
    for page in pages:
        index = {id(line): i for i, line in enumerate(page.lines)}
        titles = runs([line for line in page.lines if template.is_title(line)])
        found: list[int] = []
        for title in sorted(titles, key=lambda run: min(index[id(line)] for line in run)):
            text = " ".join(line.text for line in title)
            if continues_card(text, last):
                continue
            last = text
            start = min(index[id(line)] for line in title)
            floor = found[-1] + 1 if found else 0
            while start > floor and in_head(page.lines[start - 1], title[0]):
                start -= 1
            found.append(start)
        out[page.number] = sorted(set(found))
    return out


def continues_card(title: str, last: str) -> bool:
    """A title that carries on the previous card: marked as such ("(suite)", "(2/2)"). A title
    printed again word for word is no evidence: the style the template takes for the titles
    may be a kicker that names the category on every card."""
    return bool(last) and bool(CONTINUED.search(title))


def with_side_head(page: Page, starts: list[int]) -> list[int]:
    """Banner openers moved back over the lines read before them that stand beside them (a side
    column of the card's head, read first)."""
    out: list[int] = []
    for start in starts:
        banner, floor = page.lines[start], out[-1] + 1 if out else 0
        while start > floor and beside_line(page.lines[start - 1], banner):
            start -= 1
        out.append(start)
    return out


def beside_line(line: Line, other: Line) -> bool:
    """Beside `other` in a side column, and not above it: a column that runs down beside the
    card it heads."""
    not_above = line.top >= other.top - HEAD_REACH * other.size
    return not_above and (line.x1 <= other.x0 or line.x0 >= other.x1)


def in_head(line: Line, title: Line) -> bool:
    """A line of the card's head: beside the title (a side column that starts not far above
    it, not the side column of the card above on a shared page) or close above it."""
    beside = line.x1 <= title.x0 or line.x0 >= title.x1
    above = title.top - line.bottom
    return above < (SIDE_REACH if beside else HEAD_REACH) * title.size


def set_apart(line: Line, below: Line, body: float) -> bool:
    """A header line standing just above `below`: bold, larger, or in capitals."""
    close = below.top - line.bottom < 2.5 * below.size
    return close and (
        line.bold or line.size >= 1.15 * body or (line.text.isupper() and len(line.text) < 90)
    )


def upcoming_categories(pages: list[Page], profile: Profile) -> dict[int, str | None]:
    """For each page, the category named by the next banner after it."""
    out: dict[int, str | None] = {}
    upcoming = None
    for page in reversed(pages):
        for line in reversed(page.lines):
            m = banner_match(line, profile)
            if m and is_banner(line, profile):
                upcoming = m.group("category")
        out[page.number] = upcoming
    return out


def is_section(
    heading: list[Line], page: Page, upcoming: str | None, followed: bool, profile: Profile
) -> bool:
    """A heading naming the category of the next card, or a page listing medals; in a yearbook
    without banners, a heading page followed by a card."""
    title = " ".join(ln.text for ln in heading)
    if upcoming and (similarity(title, upcoming) > 0.8 or containment(title, upcoming) > 0.9):
        return True
    if upcoming is None and followed:
        return True
    return any(profile.listing_medal.search(fold(ln.text)) for ln in page.lines)
