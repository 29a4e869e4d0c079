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

import re
from collections import Counter
from dataclasses import dataclass, field

from ..elements import Line, Rect, Stray, merge_boxes
from ..profiles.profile import Profile, first, medal_of
from ..text import fold, fold_map, similar, strip_quotes
from ..vocabulary import BLOCKS
from .layout import PARAGRAPH_GAP, paragraphs, render, typical_pitch
from .segment import CardSpan, is_banner
from .territory import TerritoryName
from .territory import split as split_territories

OPEN_QUOTES = ("«", '"', "\u201c", "<<")
CLOSE_QUOTES = {"«": "»", '"': '"', "\u201c": "\u201d", "<<": ">>"}
HEADING_MAX = 140  # characters: a longer line is text, not a heading
FUZZY_HEADING = 0.85  # similarity to a profile's example heading that makes a damaged heading
RUN_IN = re.compile(r"^\s*:\s*(?=\S)")  # "Innovation : le projet …"


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


def parse(
    span: CardSpan,
    profile: Profile,
    words: Counter | None = None,
    pitch: float | None = None,
    body: float = 10.0,
) -> Card:
    """Read one card; `words` (the document's lexicon) mends hyphenation, `pitch` is the
    document's usual line spacing, from which paragraph breaks are told, `body` its text size."""
    lines = span.lines
    pitch = pitch or typical_pitch(lines)
    banner, medal, category = (
        read_banner(lines, profile) if is_banner(lines[0], profile) else ([], None, "")
    )
    badges = [
        ln
        for ln in lines
        if ln.page == lines[0].page and ln not in banner and badge_medal(ln.text, profile)
    ]
    rest = [ln for ln in lines[len(banner) :] if ln not in badges]
    end = next((i for i, ln in enumerate(rest) if heading_of(ln.text, ln, profile)[0]), len(rest))
    start = next((i for i, ln in enumerate(rest[:end]) if award_match(ln.text, profile)), None)
    if start is None:  # no award line: the header may still give a title ("Projet : …")
        start = next(
            (i for i, ln in enumerate(rest[:end]) if title_text(ln.text, profile) is not None), None
        )
    header = header_lines(rest, start, profile, pitch) if start is not None else []
    who, title, award_lines, title_lines, award_medal = read_header(header, profile)
    before = rest[: start or 0]
    after = rest[(start or 0) + len(header) :]
    # the category printed above the card without a medal: the section's name, or (no section) a
    # line in capitals
    named = (
        [ln for ln in before if similar(ln.text, span.section.title, 0.8)]
        if span.section
        else [
            ln
            for ln in before[:1]
            if ln.text.isupper() and len(ln.text) < 90 and not badge_medal(ln.text, profile)
        ]
    )
    if named and not category:
        category, banner = " ".join(ln.text for ln in named), named
    before = [ln for ln in before if ln not in named]
    if not title:  # a title set apart on its own, above or below the award line
        title_lines = prominent_run(before, body) or prominent_run(
            after[: max(1, len(after) // 2)], body
        )
        title = clean_title(" ".join(ln.text for ln in title_lines))
        if title_lines and title_lines[0] in after:  # what stood above the title is header too
            before += after[: after.index(title_lines[0])]
            after = after[after.index(title_lines[-1]) + 1 :]
    strays = [Stray(ln, "card_header") for ln in before if ln not in title_lines]
    notes = []
    if not award_lines:
        notes.append(
            (
                "award_missing",
                'no award line ("Label … attribué à …", "Lauréat : …") was found on the card',
            )
        )
    found = [
        (where, m, src)
        for where, m, src in (
            ("banner", medal, banner),
            ("award line", award_medal, award_lines),
            ("badge", badge_medal(badges[0].text, profile) if badges else None, badges[:1]),
        )
        if m
    ]
    if len({m for _, m, _ in found}) > 1:
        notes.append(
            (
                "medal_mismatch",
                "the card gives two medals: " + ", ".join(f"{m} ({w})" for w, m, _ in found),
            )
        )
    medal, medal_lines = (found[0][1], found[0][2]) if found else (None, [])

    sections = split_blocks(after, profile)
    texts: dict[str, str | None] = {}
    provenance: dict[str, list[Rect]] = {
        "medal": merge_boxes(medal_lines),
        "category": merge_boxes(banner),
        "territories": merge_boxes(award_lines),
        "title": merge_boxes(title_lines),
    }
    headings = {}
    for name, heading, block_lines in sections:
        text = render(paragraphs(block_lines, words, pitch)) or None
        if name in texts and texts[name]:
            notes.append(
                ("block_repeated", f"the block '{name}' appears twice; its parts are joined")
            )
            text = texts[name] + ("\n" + text if text else "")
        texts[name] = text
        if heading:
            headings[name] = heading
        provenance[name] = merge_boxes(block_lines)
    for name in BLOCKS:
        if name not in headings:
            notes.append(("block_missing", f"the card has no '{name}' block"))
    return Card(
        medal=medal,
        category_raw=category,
        title=title,
        territories=split_territories(who, profile) if who else [],
        summary=texts.get("summary"),
        blocks={b: texts.get(b) for b in BLOCKS},
        headings=headings,
        pages=span.pages,
        provenance=provenance,
        strays=strays,
        notes=notes,
    )


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


def same_style(a: Line, b: Line) -> bool:
    """Same weight, colour and size; without a colour (OCR) only sizes can be compared, loosely."""
    if not a.color or not b.color:
        return abs(a.size - b.size) <= 0.2 * max(a.size, b.size)
    return a.bold == b.bold and a.color == b.color and abs(a.size - b.size) <= 0.6


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


def heading_of(text: str, line: Line | None, profile: Profile) -> tuple[str | None, str]:
    """(block name, text after a run-in label) when the text is a block heading.

    A heading pattern must cover the whole line but for trailing punctuation; a
    pattern followed by ":" and more text is a run-in label starting its block.
    """
    folded, idx = fold_map(text)
    for name, patterns in profile.headings.items():
        for p in patterns:
            m = p.match(folded)
            if not m:
                continue
            after = text[idx[m.end()] :]
            if not after.strip(" :?.!-–"):
                if len(text) <= HEADING_MAX and looks_like_heading(text, line):
                    return name, ""
            elif RUN_IN.match(after):
                return name, RUN_IN.sub("", after, count=1).strip()
    if len(text) <= HEADING_MAX and looks_like_heading(text, line):
        bare = text.strip(" :?.!-–")
        for name, examples in profile.heading_examples.items():
            if any(similar(bare, e, FUZZY_HEADING) for e in examples):
                return name, ""
    return None, ""


def looks_like_heading(text: str, line: Line | None) -> bool:
    if (line is not None and line.bold) or text.rstrip().endswith((":", "?")):
        return True
    letters = list(filter(str.isalpha, text))
    return sum(map(str.isupper, letters)) / max(len(letters), 1) > 0.7


def split_blocks(body: list[Line], profile: Profile) -> list[tuple[str, str, list[Line]]]:
    """[(block name, heading as printed, lines)], the summary first."""
    sections: list[tuple[str, str, list[Line]]] = [("summary", "", [])]
    i = 0
    while i < len(body):
        line = body[i]
        name, tail = heading_of(line.text, line, profile)
        used = 1
        if (
            name is None
            and i + 1 < len(body)
            and same_style(line, body[i + 1])
            and looks_like_heading(line.text, line)
        ):
            pair = line.text + " " + body[i + 1].text
            name, tail = heading_of(pair, line, profile)
            used = 2
        if name is None:
            sections[-1][2].append(line)
            i += 1
            continue
        heading = " ".join(ln.text for ln in body[i : i + used])
        first = [body[i + used - 1].with_text(tail)] if tail else []
        if tail:
            heading = heading[: len(heading) - len(tail)].strip()
        if (
            name == "summary" and len(sections) == 1 and not sections[0][2]
        ):  # a heading over the intro
            sections[0] = (name, heading, first)
        else:
            sections.append((name, heading, first))
        i += used
    return sections
