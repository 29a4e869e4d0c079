"""Self-checks of a generated yearbook: is its gold true to its PDF?

A reader can only be scored against a gold it could have read: every word of a card's values
must be printed on the card's pages. Words hyphenated at a line's end count when their two
pieces are printed ("démat-" then "érialisation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from .words import BLOCKS

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall((text or "").lower())


@dataclass(frozen=True)
class Printed:
    """What a PDF prints, read once (pdfminer's parsing is the slow part): per page its size,
    its glyphs, its words, and the first pieces of the words hyphenated at a line's end."""

    sizes: list[tuple[float, float]]
    chars: list[list[dict]]
    words: list[set[str]]
    pieces: list[set[str]]


def read(pdf: Path) -> Printed:
    sizes, chars, words, pieces = [], [], [], []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            raw = [w["text"].lower() for w in page.extract_words()]
            sizes.append((page.width, page.height))
            chars.append([c for c in page.chars if c["text"].strip()])
            words.append({token for text in raw for token in tokens(text)})
            pieces.append(
                {
                    text.rstrip("-").split("-")[-1]
                    for text in raw
                    if text.endswith("-") and len(text) > 1
                }
            )
    return Printed(sizes, chars, words, pieces)


def _printed(word: str, words: set[str], pieces: set[str]) -> bool:
    if word in words:
        return True
    return any(word[:i] in pieces and word[i:] in words for i in range(1, len(word)))


def unprinted(printed: Printed, gold: dict) -> list[str]:
    """Each gold value's word not printed on its card's pages, as "title: field: word"."""
    problems = []
    for card in gold["cards"]:
        first, last = card["pages"]
        words = set().union(*printed.words[first - 1 : last])
        pieces = set().union(*printed.pieces[first - 1 : last])
        fields = {
            "title": card["title"],
            "category": card["category"],
            "territories": " ".join(t["name"] for t in card["territories"]),
            **{name: card[name] for name in ("summary",) + BLOCKS},
        }
        if gold["design"].get("category_on_card") is False:
            fields.pop("category")
        for name, text in fields.items():
            problems += [
                f"{card['title']}: {name}: {word}"
                for word in tokens(text)
                if not _printed(word, words, pieces)
            ]
    return problems


def page_problems(gold: dict, page_count: int) -> list[str]:
    """Cards without pages, with pages out of the file or out of order."""
    problems, previous = [], 0
    for card in gold["cards"]:
        first, last = card["pages"]
        if not 1 <= first <= last <= page_count or first < previous:
            problems.append(f"{card['title']}: pages {card['pages']}")
        previous = first
    return problems


OVERLAP_TOLERANCE = 1.0  # points two glyphs' boxes may share (tight leading, italics)


def collisions(printed: Printed) -> list[str]:
    """Glyphs printed over one another or off the page, as "page N: a / b at (x, top)": a layout
    bug of the generator, which would make its gold unreadable."""
    problems = []
    for number, ((width, height), chars) in enumerate(zip(printed.sizes, printed.chars), 1):
        problems += [
            f"page {number}: {c['text']} off the page"
            for c in chars
            if c["x0"] < 0 or c["x1"] > width or c["bottom"] > height
        ]
        problems += [
            f"page {number}: {a['text']} / {b['text']} at ({a['x0']:.0f}, {a['top']:.0f})"
            for a, b in _overlapping(chars)
        ]
    return problems


def _overlapping(chars: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of overlapping glyphs: each line (glyphs of one top) with the lines it reaches down
    to, swept left to right against the glyph that reaches furthest right so far."""
    lines: dict[float, list[dict]] = {}
    for char in chars:
        lines.setdefault(round(char["top"], 1), []).append(char)
    tops, found = sorted(lines), {}
    for index, top in enumerate(tops):
        bottom = max(c["bottom"] for c in lines[top])
        group = [
            c for other in tops[index:] if other < bottom - OVERLAP_TOLERANCE for c in lines[other]
        ]
        reach = None
        for char in sorted(group, key=lambda c: c["x0"]):
            if reach is not None and _overlap(reach, char):
                found[(id(reach), id(char))] = (reach, char)
            if reach is None or char["x1"] > reach["x1"]:
                reach = char
    return list(found.values())


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > OVERLAP_TOLERANCE
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > OVERLAP_TOLERANCE
    )
