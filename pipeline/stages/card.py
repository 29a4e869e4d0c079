"""Stage 5 — card: medal, category, territories, title, summary and the three blocks.

A card reads, top to bottom:
  banner        LABEL OR – MODERNISER LE SERVICE PUBLIC        → medal, category
  award line    Label d'or attribué à <territories>             → territories
  title         Pour le projet « <title> »                      (may share the award's line)
  summary       free text up to the first block heading
  blocks        INNOVATION DU PROJET / LE PROJET A-T-IL PERMIS DE RÉPONDRE … / LES APPORTS DU PROJET
Headings are recognised by meaning (the profile's tolerant patterns on folded text),
whatever their spelling, punctuation or line wrapping; a run-in label
("Innovation : le projet …") starts its block too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..elements import Line, Rect, Stray, merge_boxes
from ..profiles.profile import Profile, first, medal_of
from ..text import fold, fold_map, similar, strip_quotes
from ..vocabulary import BLOCKS
from .blocks import (
    Roles,
    Types,
    heading_of,
    is_heading,
    split_blocks,
    style_sections,
    wording,
)
from .head import HeadFacts, beside, read_facts
from .layout import PARAGRAPH_GAP, paragraphs, render, typical_pitch
from .segment import CONTINUED, CardSpan, is_banner
from .template import Style, Template, medal_in, same_style, style_of, wraps_onto
from .territory import TerritoryName
from .territory import split as split_territories

OPEN_QUOTES = ("«", '"', "\u201c", "<<")
CLOSE_QUOTES = {"«": "»", '"': '"', "\u201c": "\u201d", "<<": ">>"}
BY_TYPE = "the card titles no block: its blocks are told by their type"
NO_AWARD = 'no award line ("Label … attribué à …", "Lauréat : …") was found on the card'
TEMPLATE_SHARE = 0.5  # a block is in the template when this share of the other cards print it
CATEGORY_LIKENESS = 0.8  # similarity to the section's name of a category line above the card


@dataclass
class Card:
    medal: str | None
    category_raw: str
    title: str
    territories: list[TerritoryName]
    summary: str | None
    blocks: dict[str, str | None]
    headings: dict[str, str]
    pages: list[int]
    provenance: dict[str, list[Rect]]
    strays: list[Stray] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, message) for reconcile
    award_printed: bool = True  # an award line names the card's laureates
    typed: tuple[tuple[str, Style], ...] = ()  # (text, its type) of a card read by type


def parse(
    span: CardSpan,
    profile: Profile,
    words: Counter | None = None,
    pitch: float | None = None,
    body: float = 10.0,
    template: Template | None = None,
    roles: Roles | None = None,
    types: Types | None = None,
) -> Card:
    """Read one card; `words` (the document's lexicon) mends hyphenation, `pitch` is the
    document's usual line spacing, from which paragraph breaks are told, `body` its text size,
    `template` what the yearbook repeats on every card, `roles` and `types` the role of each
    heading wording, of each type of text (a yearbook that titles none)."""
    template = template or Template()
    roles = roles or {}
    pitch = pitch or typical_pitch(span.lines)
    head = read_head(span, profile, template, roles, body, pitch)
    medal, medal_lines, notes = choose_medal(head.medals)
    if medal is None:
        notes.append(("medal_missing", "no medal was found on the card; it is left empty"))
    provenance = head_provenance(head, medal_lines)
    sections = card_sections(head.after, profile, template, roles, notes, types)
    texts, headings, block_notes = read_blocks(sections, words, pitch, provenance)
    block_notes += guessed_headings(sections, roles)
    return Card(
        medal=medal,
        category_raw=head.category,
        title=head.title,
        territories=split_territories(head.who, profile) if head.who else [],
        summary=texts.get("summary"),
        blocks={b: texts.get(b) for b in BLOCKS},
        headings=headings,
        pages=span.pages,
        provenance=provenance,
        strays=[Stray(ln, "card_header") for ln in head.before if ln not in head.title_lines],
        notes=notes + block_notes,
        award_printed=bool(head.award_lines),
        typed=types_read(sections) if ("heading_guessed", BY_TYPE) in notes else (),
    )


def types_read(sections) -> tuple[tuple[str, Style], ...]:
    """The type of each text of a card read by type."""
    return tuple((name, style_of(lines[0])) for name, _, lines in sections if lines)


def card_sections(
    body: list[Line],
    profile: Profile,
    template: Template,
    roles: Roles,
    notes: list,
    types: Types | None = None,
) -> list[tuple[str, str, list[Line]]]:
    """The card's text cut at its headings; a card of a yearbook that titles no block, cut at
    its type's changes (noted as a guess)."""
    sections = split_blocks(body, profile, template, roles)
    styled = style_sections(body, types) if len(sections) == 1 and not roles else None
    if styled:
        notes.append(("heading_guessed", BY_TYPE))
        return styled
    return sections


def head_provenance(head: Head, medal_lines: list[Line]) -> dict[str, list[Rect]]:
    """Where the head's fields were read: one box per page."""
    return {
        "medal": merge_boxes(medal_lines),
        "category": merge_boxes(head.banner),
        "territories": merge_boxes(head.award_lines),
        "title": merge_boxes(head.title_lines),
    }


@dataclass
class Head:
    """What a card's head says, with the lines it says it with; `after` is the card's text.
    Filled step by step: the wordings first, then what the template and the head's shape tell
    where the wordings are silent."""

    banner: list[Line]
    category: str
    title: str
    title_lines: list[Line]
    who: str
    award_lines: list[Line]
    medals: list[tuple[str, str | None, list[Line]]]  # (where, medal, lines), in trust order
    before: list[Line]
    after: list[Line]


def read_head(
    span: CardSpan, profile: Profile, template: Template, roles: Roles, body: float, pitch: float
) -> Head:
    """Banner, badges, award line and title by the profile's wordings, then what the template
    and the head's own shape tell where the wordings are silent."""
    lines = span.lines
    banner, medal, category = (
        read_banner(lines, profile) if is_banner(lines[0], profile) else ([], None, "")
    )
    badges = badge_lines(lines, banner, profile)
    tokens = medal_tokens(lines, banner + badges, template)
    rest = [ln for ln in lines[len(banner) :] if ln not in badges and ln not in tokens]
    end = next(
        (i for i, ln in enumerate(rest) if is_heading(ln, profile, template, roles)), len(rest)
    )
    head = award_head(rest, end, profile, pitch)
    head.medals = [
        ("banner", medal, banner),
        *head.medals,
        ("badge", badge_medal(badges[0].text, profile) if badges else None, badges[:1]),
        ("head", medal_in(tokens[0].text) if tokens else None, tokens[:1]),
    ]  # in trust order
    head.banner, head.category = banner, category
    take_printed_category(head, span, profile)
    if not head.title:
        head.title_lines, head.before, head.after = find_title(
            head.before, head.after, template, body
        )
        head.title = clean_title(" ".join(ln.text for ln in head.title_lines))
    if not head.who:
        section = span.section.title if span.section else None
        take_facts(
            head, read_facts(head_lines(rest, end, head.title_lines), template, section, profile)
        )
    return head


def badge_lines(lines: list[Line], banner: list[Line], profile: Profile) -> list[Line]:
    """The badges of the card's first page: lines saying only the medal, in the profile's words."""
    first_page = lines[0].page
    return [
        ln
        for ln in lines
        if ln.page == first_page and ln not in banner and badge_medal(ln.text, profile)
    ]


def award_head(rest: list[Line], end: int, profile: Profile, pitch: float) -> Head:
    """The award line and the title line the profile words, and what stands around them."""
    start = header_start(rest[:end], profile)
    header = header_lines(rest, start, profile, pitch) if start is not None else []
    who, title, award_lines, title_lines, award_medal = read_header(header, profile)
    before = rest[: start or 0]
    after = rest[(start or 0) + len(header) :]
    medals = [("award line", award_medal, award_lines)]
    return Head([], "", title, title_lines, who, award_lines, medals, before, after)


def take_printed_category(head: Head, span: CardSpan, profile: Profile) -> None:
    """The category printed above the card, when no banner named it."""
    named = printed_category(head.before, span, profile)
    if named and not head.category:
        head.category, head.banner = " ".join(ln.text for ln in named), named
    head.before = [ln for ln in head.before if ln not in named]


def take_facts(head: Head, facts: HeadFacts) -> None:
    """Territories, category and medal from the head's fields and side column."""
    used = set(facts.territory_lines + facts.category_lines + facts.medal_lines)
    head.before = [ln for ln in head.before if ln not in used]
    head.after = [ln for ln in head.after if ln not in used]
    head.who, head.award_lines = facts.territories, list(facts.territory_lines)
    if facts.category and not head.category:
        head.category, head.banner = facts.category, list(facts.category_lines)
    head.medals.append(("field", facts.medal, list(facts.medal_lines)))


def header_start(lines: list[Line], profile: Profile) -> int | None:
    """The award line, or without one a title line ("Projet : …")."""
    for match in (award_match, lambda text, prof: title_text(text, prof) is not None):
        found = next((i for i, ln in enumerate(lines) if match(ln.text, profile)), None)
        if found is not None:
            return found
    return None


def printed_category(before: list[Line], span: CardSpan, profile: Profile) -> list[Line]:
    """The category printed above the card without a medal: the section's name, or (no
    section) a line in capitals."""
    if span.section:
        return [ln for ln in before if similar(ln.text, span.section.title, CATEGORY_LIKENESS)]
    return [
        ln
        for ln in before[:1]
        if ln.text.isupper() and len(ln.text) < 90 and not badge_medal(ln.text, profile)
    ]


def find_title(
    before: list[Line], after: list[Line], template: Template, body: float
) -> tuple[list[Line], list[Line], list[Line]]:
    """A title set apart on its own, above or below the award line: in the template's title
    style, else the first prominent run. What stood above it is head too; the title printed
    again on the card's next pages ("… (suite)") is no text of its blocks."""
    styled = sorted(
        (ln for ln in before + after if template.is_title(ln)), key=lambda ln: (ln.page, ln.top)
    )
    title_lines = title_run(styled) if styled else []
    if not title_lines:
        title_lines = prominent_run(before, body) or prominent_run(
            after[: max(1, len(after) // 2)], body
        )
    if title_lines and title_lines[0] in after:
        before = before + after[: after.index(title_lines[0])]
        after = [ln for ln in after[after.index(title_lines[0]) :] if ln not in title_lines]
    repeated = continued_titles(styled, title_lines)
    return title_lines, before + repeated, [ln for ln in after if ln not in repeated]


def continued_titles(styled: list[Line], title_lines: list[Line]) -> list[Line]:
    """The title printed again on the card's next pages, marked as continued."""
    if not title_lines:
        return []
    first = title_lines[0].page
    return [ln for ln in styled if ln.page != first and CONTINUED.search(ln.text)]


def title_run(styled: list[Line]) -> list[Line]:
    """The first title-style line and those that carry it on right below."""
    run = [styled[0]]
    for line in styled[1:]:
        if not wraps_onto(run[-1], line):
            break
        run.append(line)
    return run


def head_lines(rest: list[Line], end: int, title_lines: list[Line]) -> list[Line]:
    """Where the head's fields may stand: before the first block heading, or on the first page
    beside the title (a side column read after the main one)."""
    title = title_lines[0] if title_lines else None
    near = [ln for ln in rest[:end] if ln not in title_lines]
    side = [ln for ln in rest[end:] if title is not None and beside(ln, title)]
    return near + side


def choose_medal(
    medals: list[tuple[str, str | None, list[Line]]],
) -> tuple[str | None, list[Line], list[tuple[str, str]]]:
    """The most trusted medal the card gives (banner, award line, badge, head, field), and a
    note when two places disagree."""
    found = [(where, medal, lines) for where, medal, lines in medals if medal]
    notes = []
    if len({medal for _, medal, _ in found}) > 1:
        said = ", ".join(f"{medal} ({where})" for where, medal, _ in found)
        notes.append(("medal_mismatch", "the card gives two medals: " + said))
    if not found:
        return None, [], notes
    return found[0][1], found[0][2], notes


def read_blocks(
    sections: list[tuple[str, str, list[Line]]],
    words: Counter | None,
    pitch: float,
    provenance: dict[str, list[Rect]],
) -> tuple[dict[str, str | None], dict[str, str], list[tuple[str, str]]]:
    """Each block's text (paragraphs and items), its heading as printed, and the notes on
    repeated blocks; `provenance` gains each block's boxes."""
    texts: dict[str, str | None] = {}
    headings: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for name, heading, block_lines in sections:
        text = render(paragraphs(block_lines, words, pitch)) or None
        earlier = texts.get(name)
        if earlier:
            notes.append(
                ("block_repeated", f"the block '{name}' appears twice; its parts are joined")
            )
            text = earlier + ("\n" + text if text else "")
        texts[name] = text
        if heading:
            headings[name] = heading
        provenance[name] = merge_boxes(block_lines)
    return texts, headings, notes


def template_gaps(cards: list[Card]) -> list[Card]:
    """The cards with a note for each part they lack that the yearbook's template has: a
    `block_missing` for a block, an `award_missing` for the award line. A part is in the
    template when most other cards print it, or — a card alone — when the card titles its
    other blocks (a block) or always (the award line, which nothing then contradicts). A
    design that titles no block lacks none; one that prints no award line lacks none."""
    others = len(cards) - 1
    printed = Counter(name for card in cards for name in BLOCKS if name in shown(card))
    awards = sum(1 for card in cards if card.award_printed)

    def in_template(count: int, alone: bool) -> bool:
        return alone if others == 0 else count >= TEMPLATE_SHARE * others

    def gaps(card: Card) -> list[tuple[str, str]]:
        titled = any(block in shown(card) for block in BLOCKS)
        notes = [
            ("block_missing", f"the card has no '{name}' block")
            for name in BLOCKS
            if name not in shown(card) and in_template(printed[name], titled)
        ]
        if not card.award_printed and in_template(awards, True):
            notes.append(("award_missing", NO_AWARD))
        return notes

    return [replace(card, notes=card.notes + gaps(card)) for card in cards]


def shown(card: Card) -> set[str]:
    """The texts a card sets apart: under their headings, or in their types."""
    return set(card.headings) | {name for name, _ in card.typed}


def guessed_headings(sections, roles: Roles) -> list[tuple[str, str]]:
    """A note for each heading whose role was taken on its rank alone."""
    return [
        ("heading_guessed", f"the heading « {heading} » is read as the '{name}' block by its rank")
        for name, heading, _ in sections
        if heading and wording(heading) in roles and roles[wording(heading)].guessed
    ]


def medal_tokens(lines: list[Line], taken: list[Line], template: Template) -> list[Line]:
    """Lines of the card's first page that name its medal: in the yearbook's medal style (a
    badge, a sidebar's "Médaille d'or", a shape's text) wherever they stand on the page, or set
    apart from the body above the title (a badge printed with the category kicker, "OR
    Cybersécurité")."""
    first_page = lines[0].page
    title = next((i for i, ln in enumerate(lines) if template.is_title(ln)), 0)
    return [
        ln
        for i, ln in enumerate(lines)
        if ln.page == first_page
        and ln not in taken
        and medal_in(ln.text)
        and (template.is_medal_style(ln) or (i < title and not template.is_body(ln)))
    ]


def badge_medal(text: str, profile: Profile) -> str | None:
    """The medal of a badge: a line that says only "Or", "Label d'argent", "Médaille de bronze"."""
    m = first(profile.badge, fold(text).strip(" .:-"))
    return medal_of(m.group("medal")) if m else None


def prominent_run(lines: list[Line], body: float) -> list[Line]:
    """The first lines set apart (bold or larger than the body), in one style, one after the
    other."""
    run: list[Line] = []
    for line in lines:
        if line.bold or line.size >= 1.15 * body:
            if run and not same_style(run[-1], line):
                break
            run.append(line)
        elif run:
            break
    return run


def read_banner(lines: list[Line], profile: Profile) -> tuple[list[Line], str | None, str]:
    """The banner's lines (it may wrap), its medal and its category text as printed."""
    banner = [lines[0]]
    for line in lines[1:]:
        prev = banner[-1]
        if (
            same_style(prev, line)
            and line.top - prev.bottom < prev.size
            and not award_match(line.text, profile)
        ):
            banner.append(line)
        else:
            break
    text = " ".join(ln.text for ln in banner)
    folded, idx = fold_map(text)
    m = first(profile.banner, folded)
    medal = medal_of(m.group("medal")) if m else None
    category = text[idx[m.start("category")] :].strip() if m else text
    return banner, medal, category


def award_match(text: str, profile: Profile):
    return first(profile.award, fold(text))


def header_lines(rest: list[Line], start: int, profile: Profile, pitch: float) -> list[Line]:
    """The award line and the title after it: same style, until the title's closing quote.

    The title line may be set in another size than the award line, so a line that
    starts the title ("Pour le projet …") is taken whatever its style. Without styles
    (OCR), the header ends where a paragraph gap sets the summary apart.
    """
    header = [rest[start]]
    for line in rest[start + 1 :]:
        title = title_text(" ".join(ln.text for ln in header), profile)
        if title is not None and quoted_and_closed(title):
            break
        opens_title = title is None and title_text(line.text, profile) is not None
        open_quote = title is not None and title.strip().startswith(OPEN_QUOTES)
        gap = line.top - header[-1].top
        styled = bool(line.color and header[-1].color)
        if not opens_title and gap > (
            1.5 * line.size + header[-1].height if styled else PARAGRAPH_GAP * pitch
        ):
            break
        if heading_of(line.text, line, profile)[0]:
            break
        if not (same_style(header[-1], line) or opens_title or open_quote):
            break
        header.append(line)
    return header


def title_text(joined: str, profile: Profile) -> str | None:
    folded, idx = fold_map(joined)
    m = first(profile.title, folded, search=True)
    return joined[idx[m.end()] :] if m else None


def quoted_and_closed(title: str) -> bool:
    t = title.strip()
    for q in OPEN_QUOTES:
        if t.startswith(q):
            return CLOSE_QUOTES[q] in t[len(q) :]
    return False


def read_header(header: list[Line], profile: Profile):
    """(territories text, title, award lines, title lines, medal of the award line)."""
    if not header:
        return "", "", [], [], None
    joined = " ".join(ln.text for ln in header)
    starts, pos = [], 0
    for ln in header:
        starts.append(pos)
        pos += len(ln.text) + 1
    folded, idx = fold_map(joined)
    award = first(profile.award, folded)
    who_start = idx[award.start("who")] if award else 0
    medal = medal_of(award.groupdict().get("medal")) if award else None
    title_m = first(profile.title, folded, award.start("who") if award else 0, search=True)
    if title_m:
        who_end, title_start = idx[title_m.start()], idx[title_m.end()]
    else:  # no "Pour le projet": the award line names the territories only
        who_end, title_start = len(joined), len(joined)
    if not award:  # a title line without an award line
        who_end = who_start
    who = joined[who_start:who_end].strip(" ,;:-–")
    title = clean_title(joined[title_start:])

    def lines_over(a: int, b: int) -> list[Line]:
        return [ln for ln, s in zip(header, starts) if s < b and s + len(ln.text) > a]

    return who, title, lines_over(who_start, who_end), lines_over(title_start, len(joined)), medal


def clean_title(text: str) -> str:
    return strip_quotes(text.strip().rstrip(".").strip())
