"""Category names as the table of contents writes them, in sentence case with their accents.

Tables and banners print categories in capitals, which drop accents
("AMENAGEMENT & ATTRACTIVITÉ DU TERRITOIRE"). The canonical name takes the
profile's spelling when it lists the edition's categories; otherwise each word
takes the accented form the document itself uses most in running text
("aménagement"), and the name is put in sentence case.

Section pages and kickers often number their category: "07 E-santé", "01" set large
on its own line above the name (the heading then reads "01 Moderniser le service
public"), "Catégorie 3 : Cybersécurité", "III. Territoire inclusif", "N° 4 – …". The
number is no part of the name: `clean` takes it off, and every comparison and
canonical name uses the cleaned name (the output's `printed` keeps the heading as
printed). A number is taken off only before the name: one or two digits, or an
upper-case roman numeral followed by a separator (".", ")", ":", a dash), either
after a word such as "Catégorie" or "Partie"; "5G pour tous" or "3D" keep theirs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..text import containment, key, sentence_case, similar, strip_accents
from .layout import WORD

SAME = 0.85  # similarity above which two printings name the same category
CONTAINED = 0.9  # share of a short printing found in a longer one ("Aménagement & attractivité")
SHORT_WORDS = 2  # words a short printing needs to stand for a longer name (not "Territoire")
ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
NUMBERING = re.compile(
    r"^\s*(?:(?i:cat[ée]gorie|th[ée]matique|th[èe]me|partie|chapitre|section)\s*)?"
    r"(?:(?i:n[°o])\s*)?"
    rf"(?:\d{{1,2}}(?:\s*[.):–—-])?\s+|(?=[MDCLXVI])(?:{ROMAN})\s*[.):–—-]\s*)"
    r"(?=[^\W\d_])"
)
KEYWORD_ONLY = re.compile(r"^\s*(?i:cat[ée]gorie|th[ée]matique|th[èe]me)\s*[:–—-]\s*(?=[^\W\d_])")


def clean(printed: str) -> str:
    """The category's name without its numbering ("07 E-santé" → "E-santé")."""
    name = NUMBERING.sub("", printed, count=1)
    return KEYWORD_ONLY.sub("", name, count=1).strip()


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


def agree(printed: str, other: str, at_least: float) -> bool:
    """Two printings of one category, numbering apart: alike (`at_least` similar: the
    thresholds' `banner_similarity`), or one a short form of the other."""
    a, b = clean(printed), clean(other)
    shorter, longer = sorted((a, b), key=lambda text: len(key(text)))
    short_form = (
        len(key(shorter).split()) >= SHORT_WORDS and containment(shorter, longer) >= CONTAINED
    )
    return similar(a, b, at_least) or short_form


def canonical(printed: str, known: list[str], words: Counter) -> str:
    """The canonical name for a printed category: a known name if one matches, else restored."""
    printed = clean(printed)
    for name in known:
        if key(name) == key(printed) or similar(name, printed, SAME):
            return name
    return restore(printed, words)
