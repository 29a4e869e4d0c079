"""Self-checks of a generated yearbook: is its gold true to its PDF?

A reader can only be scored against a gold it could have read: every word of a card's values
must be printed on the card's pages. Words hyphenated at a line's end count when their two
pieces are printed ("démat-" then "érialisation").
"""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from .words import BLOCKS

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall((text or "").lower())


def page_words(pdf: Path) -> list[tuple[set[str], set[str]]]:
    """Per page: the words printed, and the first pieces of words hyphenated at a line's end."""
    out = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            raw = [w["text"].lower() for w in page.extract_words(keep_blank_chars=False)]
            words = {token for text in raw for token in tokens(text)}
            pieces = {text.rstrip("-").split("-")[-1] for text in raw if text.endswith("-") and len(text) > 1}
            out.append((words, pieces))
    return out


def _printed(word: str, words: set[str], pieces: set[str]) -> bool:
    if word in words:
        return True
    return any(word[:i] in pieces and word[i:] in words for i in range(1, len(word)))


def unprinted(pdf: Path, gold: dict) -> list[str]:
    """Each gold value's word not printed on its card's pages, as "title: field: word"."""
    pages = page_words(pdf)
    problems = []
    for card in gold["cards"]:
        first, last = card["pages"]
        words = set().union(*(pages[n - 1][0] for n in range(first, last + 1)))
        pieces = set().union(*(pages[n - 1][1] for n in range(first, last + 1)))
        fields = {"title": card["title"], "category": card["category"],
                  "territories": " ".join(t["name"] for t in card["territories"]),
                  **{name: card[name] for name in ("summary",) + BLOCKS}}
        if gold["design"].get("category_on_card") is False:
            fields.pop("category")
        for name, text in fields.items():
            problems += [f"{card['title']}: {name}: {word}" for word in tokens(text)
                         if not _printed(word, words, pieces)]
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
