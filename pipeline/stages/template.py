"""Stage 4a — template: what the yearbook repeats once per card, learnt from the document itself.

A yearbook is the same card template printed 12 to 30 times. Whatever its designer chose, the
card's title is set in one style, its medal in another, its block headings in a third, and each
comes back once (the headings a few times) per card. The template is that evidence, gathered
before any card is cut, so that the later stages need no known wording:

- a *style* is a line's size (to the half point), weight, colour and capitals;
- a *run* is consecutive lines of one style on one page (a title wrapping over two lines is one);
- the **medal** styles are those of the short lines naming a medal (Or, Argent, Bronze, with or
  without "Label", "Médaille", "Prix"…) that come back at most a few times a page;
- the **title** style is the prominent style (larger than the body, or bold) whose runs are about
  as many as the medals, the largest of those when several are;
- the **heading** styles are the short lines' styles that come back one to five times a card, and
  the styles of the lines the profile's heading wordings recognise (wordings are evidence, not
  gates).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..elements import Line, Page
from ..text import fold

MEDAL_WORDS = {"or": "or", "0r": "or", "argent": "argent", "bronze": "bronze"}
# Words that may stand with a medal word in a medal token ("Label d'or", "Médaille : Argent").
MEDAL_COMPANIONS = {
    "label",
    "labels",
    "medaille",
    "prix",
    "trophee",
    "niveau",
    "de",
    "d",
    "du",
    "l",
}
TOKEN = re.compile(r"[a-z0-9]+")
MEDAL_TOKEN_WORDS = 6  # a medal token is a short line: at most this many words
MEDAL_WORD_RANK = 3  # … with its medal word among its first words
PER_PAGE = 3  # a style repeated more often on one page is no card element (a table)
MEDAL_SHARE = 0.5  # a medal style carries medal tokens in at least this share of its lines
CELL_SIZES = 0.1  # a table's cells differ in size by at most this share
ROW_CELLS = 3  # a line standing in a row of this many pieces is a table cell
WRAP_LEADING = 1.0  # a line wraps onto one no further below than this many sizes
MIN_CARDS = 2  # a template needs at least this many cards to show itself
PROMINENT = 1.15  # a title is set this many times the body size, or bold
HEADING_WORDS = 12  # a block heading has at most this many words
HEADING_PER_CARD = (0.8, 6.0)  # runs of a heading style per card, fewest and most
MEDAL_PAGES = 0.5  # a card title's style stands on the medal tokens' pages this often
TITLE_COUNT_SLACK = 0.6  # a title style's runs are within this share of the cards' count
TITLE_RARITY = 4  # without medals to count the cards, a style this many times rarer than the
# most repeated prominent one is a section's, not a card's
BLOCKS_PER_CARD = 3  # innovation, problématique, apports: the headings a card usually has
CAPITALS = 0.7  # share of capital letters that makes a line "in capitals"
SHORT_SHARE = 0.1  # a heading style is used for long text at most this share of its runs


@dataclass(frozen=True)
class Style:
    """How a line is set: the evidence that repeats from card to card. Capitals are left out:
    a title printed in capitals ("RUDI") is still set in the title style."""

    size: float
    bold: bool
    color: str


def style_of(line: Line) -> Style:
    return Style(round(line.size * 2) / 2, line.bold, line.color)


def in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > CAPITALS * len(letters)


@dataclass(frozen=True)
class Template:
    """The card template of one yearbook; empty sets when the document shows none."""

    body: Style | None = None
    medal: frozenset[Style] = frozenset()
    title: Style | None = None
    headings: frozenset[Style] = frozenset()
    cards: int = 0  # how many cards the medal (or title) styles announce
    evidence: dict[str, int] = field(default_factory=dict)
    labels: frozenset[str] = frozenset()  # labels printed without a colon ("Porté par")

    @property
    def medals_counted(self) -> bool:
        """The cards were counted by their medals: the title style is a yearbook's, not any
        document's recurring heading."""
        return self.evidence.get("medal_tokens", 0) >= MIN_CARDS

    def is_title(self, line: Line) -> bool:
        return self.title is not None and style_of(line) == self.title

    def is_body(self, line: Line) -> bool:
        return self.body is not None and style_of(line) == self.body

    def is_heading_style(self, line: Line) -> bool:
        return style_of(line) in self.headings

    def is_medal_style(self, line: Line) -> bool:
        return style_of(line) in self.medal


def medal_in(text: str) -> str | None:
    """The medal a short line names ("OR", "Label d'argent", "● Bronze", "Distinction : or"),
    else None. A sentence that merely contains "or" is not a medal token."""
    label, colon, value = text.partition(":")
    if colon and value.strip() and len(TOKEN.findall(fold(label))) <= MEDAL_WORD_RANK:
        found = medal_in(value)
        if found:
            return found
    words = TOKEN.findall(fold(text))
    if not words or len(words) > MEDAL_TOKEN_WORDS or text.rstrip().endswith((".", ",")):
        return None
    for rank, word in enumerate(words[:MEDAL_WORD_RANK]):
        if word in MEDAL_WORDS and all(w in MEDAL_COMPANIONS for w in words[:rank]):
            return MEDAL_WORDS[word]
    if words[-1] in MEDAL_WORDS and in_capitals(text):  # "TOURISME OR": kicker, then medal
        return MEDAL_WORDS[words[-1]]
    return None


def runs(lines: list[Line]) -> list[list[Line]]:
    """Lines of one style that carry each other on (right below, in the same column), each run
    standing for one element: a title wrapping over three lines is one title, whatever was
    read between its lines."""
    chains: dict[tuple[int, Style], list[list[Line]]] = defaultdict(list)
    for line in sorted(lines, key=lambda ln: (ln.page, ln.top)):
        chain = chains[(line.page, style_of(line))]
        last = chain[-1][-1] if chain else None
        if last is not None and wraps_onto(last, line):
            chain[-1].append(line)
        else:
            chain.append([line])
    found = [run for chain in chains.values() for run in chain]
    return sorted(found, key=lambda run: (run[0].page, run[0].top, run[0].x0))


def wraps_onto(above: Line, line: Line) -> bool:
    """A line that carries `above` on: right below it, in the same column."""
    gap = line.top - above.bottom
    return -0.1 * line.size <= gap < WRAP_LEADING * line.size and line.x0 < above.x1


def body_style(lines: list[Line]) -> Style | None:
    weight: Counter[Style] = Counter()
    for line in lines:
        weight[style_of(line)] += len(line.text)
    return weight.most_common(1)[0][0] if weight else None


def spread(found: list[Line]) -> bool:
    """Few on any one page: a card element, not a table's column."""
    per_page = Counter(line.page for line in found)
    return bool(per_page) and max(per_page.values()) <= PER_PAGE


def learn(pages: list[Page], body_size: float, heading_lines: Sequence[Line] = ()) -> Template:
    """The template shown by `pages` (front matter excluded by the caller when it can be).

    `heading_lines` are lines the profile's wordings already take for block headings: their
    styles join the heading styles whatever their count.
    """
    lines = [ln for page in pages for ln in page.lines if not ln.cells]
    body = body_style(lines)
    medal = medal_styles(lines, body)
    groups = runs(lines)
    tokens = medal_tokens(lines, body)
    title, cards = title_style(groups, body, body_size, medal, tokens)
    headings = heading_styles(groups, body, {title} | medal, cards)
    seeds = {style_of(ln) for ln in heading_lines} - {body}
    headings = seeds or headings
    return Template(
        body,
        medal,
        title,
        frozenset(headings),
        cards,
        {"medal_tokens": len(tokens), "cards": cards},
    )


def in_table_row(line: Line, lines: list[Line]) -> bool:
    """A cell of a table: it stands on one baseline with two or more other pieces of text set
    in its size (a word set up the margin stands on no baseline; a badge level with a title's
    line and a side column's is no cell)."""
    return not line.rotated and (
        sum(
            1
            for other in lines
            if other.page == line.page
            and abs(other.top - line.top) < 0.5 * line.size
            and abs(other.size - line.size) <= CELL_SIZES * line.size
        )
        >= ROW_CELLS
    )


def medal_tokens(lines: list[Line], body: Style | None) -> list[Line]:
    """The lines naming a medal the way a card's head does: short, set apart from the body, not
    a table's cell, and on a page that does not list many medals (a listing)."""
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)
    found: dict[int, list[Line]] = defaultdict(list)
    for page, on_page in by_page.items():
        for line in on_page:
            if medal_in(line.text) and style_of(line) != body and not in_table_row(line, on_page):
                found[page].append(line)
    return [ln for on_page in found.values() if len(on_page) <= PER_PAGE for ln in on_page]


def medal_styles(lines: list[Line], body: Style | None) -> frozenset[Style]:
    """Styles of the medal tokens that recur over the book and mostly carry medal tokens (a
    category kicker that once starts with a badge's word does not)."""
    tokens: Counter[Style] = Counter(style_of(line) for line in medal_tokens(lines, body))
    total: Counter[Style] = Counter(style_of(line) for line in lines)
    return frozenset(
        style
        for style, count in tokens.items()
        if count >= MIN_CARDS and count >= MEDAL_SHARE * total[style]
    )


def title_style(
    groups: list[list[Line]],
    body: Style | None,
    body_size: float,
    medal: frozenset[Style],
    tokens: list[Line],
) -> tuple[Style | None, int]:
    """The prominent style whose runs are about as many as the cards, and that count: the
    largest of those as many as the medals and printed on the medals' pages (a divider page's
    title is not), else (no medals) the largest of the styles that are not rare beside the most
    repeated one (a section's)."""
    candidates = title_candidates(groups, body, body_size, medal)
    medal_count = len(tokens)
    if medal_count >= MIN_CARDS:
        slack = TITLE_COUNT_SLACK * medal_count
        pages = {token.page for token in tokens}
        near = [
            (style, len(found))
            for style, found in candidates
            if abs(len(found) - medal_count) <= slack
            and sum(1 for ln in found if ln.page in pages) >= MEDAL_PAGES * len(found)
        ]
        if near:
            return max(near, key=lambda c: (c[0].size, c[1]))[0], medal_count
    if not candidates:
        return None, medal_count
    counted = [(style, len(found)) for style, found in candidates]
    most = max(count for _, count in counted)
    common = [c for c in counted if c[1] >= most / TITLE_RARITY]
    best = max(common, key=lambda c: (c[0].size, c[1]))
    return best[0], best[1]


def title_candidates(
    groups: list[list[Line]], body: Style | None, body_size: float, medal: frozenset[Style]
) -> list[tuple[Style, list[Line]]]:
    """Prominent styles that recur over the book, few to a page, with their runs' first lines."""
    counts: dict[Style, list[Line]] = defaultdict(list)
    for run in groups:
        style = style_of(run[0])
        if style != body and style not in medal and prominent(style, body_size):
            if not medal_in(run[0].text):
                counts[style].append(run[0])
    return [(style, found) for style, found in counts.items() if recurs(found)]


def recurs(found: list[Line]) -> bool:
    """Runs over enough cards, few to a page."""
    return len(found) >= MIN_CARDS and spread(found)


def prominent(style: Style, body_size: float) -> bool:
    """Larger than the body, or bold and no smaller: how a title stands out."""
    return style.size >= PROMINENT * body_size or (style.bold and style.size >= body_size)


def heading_styles(
    groups: list[list[Line]], body: Style | None, taken: set, cards: int
) -> set[Style]:
    """The style of the block headings: short runs, set apart from the body (bold, capitals or
    another colour), followed by running text, about three to a card (one per block)."""
    if cards < MIN_CARDS or body is None:
        return set()
    counts, long_runs = heading_counts(groups, body, taken)
    fewest, most = HEADING_PER_CARD
    fits = [
        (style, n)
        for style, n in counts.items()
        if fewest * cards <= n <= most * cards and long_runs[style] <= SHORT_SHARE * n
    ]
    if not fits:
        return set()
    best = min(fits, key=lambda fit: (abs(fit[1] - BLOCKS_PER_CARD * cards), not fit[0].bold))
    return {best[0]}


def heading_counts(
    groups: list[list[Line]], body: Style, taken: set
) -> tuple[Counter[Style], Counter[Style]]:
    """Per style set apart from the body: its short runs (headings), and its long runs (text,
    which a heading style does not set)."""
    counts: Counter[Style] = Counter()
    long_runs: Counter[Style] = Counter()
    for run in groups:
        style = style_of(run[0])
        text = " ".join(ln.text for ln in run)
        if style in taken or style == body or not set_apart(style, body, in_capitals(text)):
            continue
        if len(text.split()) > HEADING_WORDS or text.rstrip().endswith((".", ";", ",")):
            long_runs[style] += 1
        else:
            counts[style] += 1
    return counts, long_runs


def set_apart(style: Style, body: Style, capitals: bool) -> bool:
    """Bold, capitals or a colour of its own: how a heading stands out from running text."""
    return style.bold or capitals or (style.color != body.color and style.size >= body.size)


def same_style(a: Line, b: Line) -> bool:
    """Same weight, colour and size; without a colour (OCR) only sizes can be compared, loosely."""
    if not a.color or not b.color:
        return abs(a.size - b.size) <= 0.2 * max(a.size, b.size)
    return a.bold == b.bold and a.color == b.color and abs(a.size - b.size) <= 0.6
