"""Category names as the table of contents writes them, in sentence case with their accents.

Tables and banners print categories in capitals, which drop accents
("AMENAGEMENT & ATTRACTIVITÉ DU TERRITOIRE"). The canonical name takes the
profile's spelling when it lists the edition's categories; otherwise each word
takes the accented form the document itself uses most in running text
("aménagement"), and the name is put in sentence case.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..text import key, sentence_case, similar, strip_accents
from .layout import WORD

SAME = 0.85  # similarity above which two printings name the same category


def restore(printed: str, words: Counter) -> str:
    """Sentence case with accents put back from the document's own spelling."""
    if any(c.islower() for c in printed):
        return sentence_case(printed)
    variants: dict[str, Counter] = defaultdict(Counter)
    for w, n in words.items():
        variants[strip_accents(w)][w] += n

    def best(m: re.Match) -> str:
        low = m.group().lower()
        found = variants.get(strip_accents(low))
        return found.most_common(1)[0][0] if found else low

    return sentence_case(WORD.sub(best, printed.lower()))


def canonical(printed: str, known: list[str], words: Counter) -> str:
    """The canonical name for a printed category: a known name if one matches, else restored."""
    for name in known:
        if key(name) == key(printed) or similar(name, printed, SAME):
            return name
    return restore(printed, words)
