"""Stage 2 — furniture: running headers and footers, page numbers and logo text out.

Furniture is recognised by what it is, never by its wording:
- a running header or footer is a line repeated at the same place on many pages
  (digits ignored, so "… 2023 7" and "… 2023 8" are one footer), or any small line
  standing where such lines stand on many pages (a header naming the current
  section changes with it, but keeps its place);
- a page number is a bare number (or "page 7", "- 7 -", "7/38") in the top or bottom margin;
- logo text is small type lying in the band of the page's top images (the
  territories' logos), which a logo drawn as vector text leaves behind;
- margin text is rotated text repeated on many pages (an address up the margin).
The printed page number is kept as the page's label.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from ..elements import Line, Page, Removed
from ..text import key
from ..thresholds import DEFAULTS, Thresholds

LOGO_SLACK = 2.0  # points a logo's text may stick out of its image's band
SLOT = 6.0  # points: running lines whose tops round to the same multiple stand in one place
LARGER = 0.5  # points a running line may be set above the body size (rounding of sizes)
SMALLER = 0.25  # points under the body size that make type smaller than the body
LOGO_WIDTH = 0.5  # share of the page's width a logo image stays under
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(\d{1,4})\s*[-–—)\]]?(?:\s*/\s*\d{1,4})?$", re.I
)
TRAILING_NUMBER = re.compile(r"^(.*\S)\s+(\d{1,4})$")


def strip(
    pages: list[Page], content=None, thresholds: Thresholds = DEFAULTS
) -> tuple[list[Page], list[Removed]]:
    """Pages without furniture (each labelled with its printed number) and what was removed.

    `content(line)` tells lines that are structure however often they repeat (a card
    banner printed the same on every card of a category is not a running header, a medal
    word set up the margin is the card's). Other rotated text is never read with the page's
    lines: furniture when it repeats (`margin_text`), else set aside (`Page.aside`).
    """
    pages, removed = rotated_text(pages, content, thresholds)
    body = body_size(pages)
    repeated = running(pages, body, content, thresholds) | section_headers(
        pages, body, content, thresholds
    )
    out = []
    trailing: dict[str, list[str | None]] = {"running_header": [], "running_footer": []}
    for page in pages:
        keep: list[Line] = []
        numbers: dict[str, str] = {}
        logo_band = logo_bands(page, thresholds)
        for line in page.lines:
            reason, number = classify(line, page, repeated, logo_band, body, content, thresholds)
            if reason is None:
                keep.append(line)
                continue
            removed.append(Removed(line, reason))
            if number:
                numbers.setdefault(reason, number)
        for reason, found in trailing.items():
            found.append(numbers.get(reason))
        out.append(replace(page, lines=tuple(keep), label=numbers.get("page_number")))
    # A number ending a running line is a page number only if it changes from page to page
    # ("… Annuaire 2023" repeats the year; "… Annuaire 2023 8" gives the page).
    for found in trailing.values():
        if len(set(n for n in found if n)) > 1:
            out = [p if p.label else replace(p, label=n) for p, n in zip(out, found)]
    return out, removed


def classify(
    line: Line,
    page: Page,
    repeated: set,
    logo_band,
    body: float,
    content=None,
    thresholds: Thresholds = DEFAULTS,
):
    """(reason, printed page number) for a furniture line, (None, None) for body text."""
    if in_margin(line, page, thresholds.margin):
        m = PAGE_NUMBER.match(line.text)
        if m:
            return "page_number", m.group(1)
        sig = signature(line, page)
        if sig in repeated or smaller(line, body, content) and sig[1:] in repeated:
            m = TRAILING_NUMBER.match(line.text)
            where = "running_header" if line.top < page.height / 2 else "running_footer"
            return where, m.group(2) if m else None
    if line.size < thresholds.small * body and any(
        top - LOGO_SLACK <= line.top and line.bottom <= bottom + LOGO_SLACK
        for top, bottom in logo_band
    ):
        return "logo", None
    return None, None


def in_margin(line: Line, page: Page, margin: float) -> bool:
    """In the top or bottom `margin` (a share of the page's height)."""
    return line.bottom <= page.height * margin or line.top >= page.height * (1 - margin)


def signature(line: Line, page: Page) -> tuple:
    """What stays the same when a running line repeats: its words without digits, punctuation
    or spacing (which OCR varies), and its rough place (the slot: the signature's tail)."""
    return re.sub(r"\d+", "#", key(line.text)), round(line.top / SLOT), line.top < page.height / 2


def small(line: Line, body: float, content=None) -> bool:
    """Running lines are not set larger than the body, and are not the document's structure."""
    return line.size <= body + LARGER and not (content and content(line))


def smaller(line: Line, body: float, content=None) -> bool:
    """What may fill a running line's slot without repeating its words: type smaller than the
    body, not bold (an award line set at the top of every card is no header)."""
    return line.size < body - SMALLER and not line.bold and small(line, body, content)


def running(pages: list[Page], body: float, content=None, thresholds: Thresholds = DEFAULTS) -> set:
    """Signatures of the lines repeated in the margins, and the slots such lines fill."""
    seen: dict[tuple, set[int]] = defaultdict(set)
    slots: dict[tuple, set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if in_margin(line, page, thresholds.margin) and small(line, body, content):
                sig = signature(line, page)
                seen[sig].add(page.number)
                if smaller(line, body, content):
                    slots[sig[1:]].add(page.number)
    need = max(thresholds.repeat_min, thresholds.repeat_share * len(pages))
    return {sig for sig, on in seen.items() if len(on) >= need} | {
        s for s, on in slots.items() if len(on) >= need
    }


def in_one_run(pages: set[int], gap: int) -> bool:
    """Pages that follow one another, but for a page or two between (a divider, a picture)."""
    ordered = sorted(pages)
    return all(later - earlier <= gap for earlier, later in zip(ordered, ordered[1:]))


def section_headers(
    pages: list[Page], body: float, content=None, thresholds: Thresholds = DEFAULTS
) -> set:
    """Signatures of margin lines that repeat on a few pages, in a slot that lines of their very
    style (font, size, colour) fill on many pages: a running header naming the current section.
    A card's award line may share a slot and a style from card to card, but not its words, and
    a side column's first line does not follow the sections (each wording on one run of pages)."""
    seen: dict[tuple, set[int]] = defaultdict(set)  # (signature, style) → pages
    styled: dict[tuple, set[int]] = defaultdict(set)  # (slot, style) → pages
    for page in pages:
        for line in page.lines:
            if (
                in_margin(line, page, thresholds.margin)
                and small(line, body, content)
                and line.font
            ):
                sig, style = signature(line, page), (line.font, line.size, line.color)
                seen[sig, style].add(page.number)
                styled[sig[1:], style].add(page.number)
    need = max(thresholds.repeat_min, thresholds.repeat_share * len(pages))
    return {
        sig
        for (sig, style), on in seen.items()
        if len(on) >= thresholds.repeat_min
        and len(styled[sig[1:], style]) >= need
        and in_one_run(on, thresholds.section_gap)
    }


def rotated_text(
    pages: list[Page], content=None, thresholds: Thresholds = DEFAULTS
) -> tuple[list[Page], list[Removed]]:
    """The pages without their rotated text but what `content` keeps (a medal word), and the
    rotated text repeated from page to page as furniture; the rest goes to `Page.aside`."""
    margin = rotated_repeats(pages, thresholds)
    out, removed = [], []
    for page in pages:
        keep, aside = [], []
        for line in page.lines:
            if not line.rotated or content and content(line):
                keep.append(line)
            elif rotated_signature(line) in margin:
                removed.append(Removed(line, "margin_text"))
            else:
                aside.append(line)
        out.append(replace(page, lines=tuple(keep), aside=tuple(aside)))
    return out, removed


def rotated_signature(line: Line) -> str:
    return re.sub(r"\d+", "#", key(line.text))


def rotated_repeats(pages: list[Page], thresholds: Thresholds = DEFAULTS) -> set[str]:
    """Rotated text repeated from page to page (a site's address up every page's margin)."""
    seen: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if line.rotated:
                seen[rotated_signature(line)].add(page.number)
    need = max(thresholds.repeat_min, thresholds.repeat_share * len(pages))
    return {sig for sig, on in seen.items() if len(on) >= need}


def logo_bands(page: Page, thresholds: Thresholds = DEFAULTS) -> list[tuple[float, float]]:
    """Vertical extents of the narrow images at the top of the page (where logos sit)."""
    return [
        (im.top, im.bottom)
        for im in page.images
        if im.bottom <= page.height * thresholds.logo_band
        and (im.x1 - im.x0) < page.width * LOGO_WIDTH
    ]


def body_size(pages: list[Page]) -> float:
    """The most common type size, weighted by text length: the size of running text."""
    sizes = Counter[float]()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0
