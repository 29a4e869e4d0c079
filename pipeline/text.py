"""String helpers shared by the stages: folding for matching, ligatures, slugs, similarity.

Similarities are difflib's, computed by cydifflib: the same algorithm and results, compiled.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cydifflib import SequenceMatcher

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_PUNCT = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
_PUNCT_RE = re.compile("|".join(map(re.escape, _PUNCT)))
_LIG_RE = re.compile("|".join(LIGATURES))
SPACES = re.compile(r"\s+")


def clean(s: str) -> str:
    """Text as printed, minus what only the typesetter cares about: ligatures, soft hyphens."""
    s = _LIG_RE.sub(lambda m: LIGATURES[m.group()], s).replace("\u00ad", "")
    return SPACES.sub(" ", s).strip()


class _MarksTable(dict):
    """A `str.translate` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> str | None:
        self[code] = kept = None if unicodedata.combining(chr(code)) else chr(code)
        return kept


_MARKS_TABLE = _MarksTable()


def strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return unicodedata.normalize("NFKD", s).translate(_MARKS_TABLE)


@lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Lower-case, accent-free text with plain quotes and dashes: what patterns are written
    against."""
    s = _PUNCT_RE.sub(lambda m: _PUNCT[m.group()], clean(s))
    s = strip_accents(s).lower().replace("\u0153", "oe").replace("\u00e6", "ae")
    return SPACES.sub(" ", s).strip()


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    f = LIGATURES.get(ch, ch)
    return strip_accents(_PUNCT.get(f, f)).lower().replace("\u0153", "oe").replace("\u00e6", "ae")


class _FoldTable(dict):
    """`fold_char` as a `str.translate` table, filled as characters are met; `uneven` holds
    the characters met that fold to none or to several (a combining accent, œ)."""

    uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=8192)
def fold_map(s: str) -> tuple[str, tuple[int, ...]]:
    """`fold` without collapsing spaces, and for each folded character its index in `s`.

    Patterns are matched on folded text; the map cuts the original text at the match.
    Cached: the stages ask again and again about the same lines. Most lines fold
    character for character (no ligature, no œ): their map is the identity.
    """
    folded = s.translate(_FOLD_TABLE)
    if _FOLD_TABLE.uneven.isdisjoint(s):
        return folded, tuple(range(len(s) + 1))
    out, idx = [], []
    for i, ch in enumerate(s):
        f = fold_char(ch)
        out.append(f)
        idx.extend([i] * len(f))
    idx.append(len(s))
    return "".join(out), tuple(idx)


@lru_cache(maxsize=8192)
def key(s: str | None) -> str:
    """Loose identity of a label: folded, punctuation dropped, a leading article dropped."""
    s = re.sub(r"[^a-z0-9]+", " ", fold(s or ""))
    s = re.sub(r"^(?:la|le|les|l) ", "", s.strip())
    return SPACES.sub(" ", s).strip()


def slug(s: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by '-', as many whole words as fit in `limit` characters
    (the first word always, however long): never cut in the middle of a word."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(s)).split()
    if not words:
        return "x"
    out = words[0]
    for word in words[1:]:
        if len(out) + 1 + len(word) > limit:
            break
        out += "-" + word
    return out


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, key(a), key(b), autojunk=False).ratio()


def similar(a: str, b: str, at_least: float) -> bool:
    """similarity(a, b) >= at_least; the lengths alone rule most pairs out, at no cost."""
    la, lb = len(key(a)), len(key(b))
    if la + lb and 2 * min(la, lb) / (la + lb) < at_least:  # the ratio's upper bound
        return False
    return similarity(a, b) >= at_least


@lru_cache(maxsize=65536)
def containment(needle: str, hay: str) -> float:
    """Share of `needle` (as a key) found, in order, inside `hay`."""
    n, h = key(needle), key(hay)
    if not n:
        return 0.0
    blocks = SequenceMatcher(None, n, h, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(n)


def sentence_case(s: str) -> str:
    s = s.strip()
    return s[:1].upper() + s[1:] if s else s


def strip_quotes(s: str) -> str:
    """A title without its surrounding « », " " or “ ” (inner quotes are kept)."""
    s = s.strip()
    pairs = (("«", "»"), ('"', '"'), ("\u201c", "\u201d"), ("<<", ">>"))
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            if s.startswith(a) and s.endswith(b) and len(s) > len(a) + len(b):
                s, changed = s[len(a) : -len(b)].strip(), True
            elif s.startswith(a) and b not in s:
                s, changed = s[len(a) :].strip(), True
            elif s.endswith(b) and a not in s:
                s, changed = s[: -len(b)].strip(), True
    return s
