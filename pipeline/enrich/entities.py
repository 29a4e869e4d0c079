"""Entities: the organisations, places and persons the blocks name (spaCy fr_core_news_sm).

The small French model was trained on news; yearbook cards differ, and each difference
has its rule here:
- the public sector's acronyms (ANCT, PLIE, FSE…) it misses: an entity ruler, fed by the
  profile's list, runs before the model;
- the awarded territories, named in the award line, are found where the text names them
  (ORG for the territory, LOC for the place it is named after), whatever the model says;
- a name carrying an institution's title ("Métropole de Lyon", "l'État") is an ORG;
- capitalised common words taken for names ("Valoriser", "Coûts", a list item's first word):
  an entity needs a capitalised word that the yearbook never writes in lower case and
  writes capitalised inside a sentence (a text without such a word, nor a known acronym,
  is not given to the model at all: a third of the texts, and of the stage's time);
- products and projects (quoted names, the cards' titles) are no organisation or person:
  dropped, with the model's MISC label;
- a person is named by first name and surname, none of them a common word: other PERs
  are dropped;
- a place follows a preposition of place ("à Paris", "du Comminges"), or is a known place;
- a one-word ORG after an article is a common noun in house style ("la Direction");
- an organisation's name runs on over "de" and capitalised words, where the model
  stops short ("Direction Générale Adjointe des Ressources Humaines");
- overlapping entities: the longest wins.
The model is loaded once per process, with its NER component only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import french
from ..profiles.profile import Profile
from ..stages.territory import ARTICLE, TerritoryName, kind_of
from ..text import fold, key

MODEL = "fr_core_news_sm"
MODELS = 4  # models kept loaded, one per set of profile acronyms (each holds ~100 MB)
# Everything but "ner": in fr_core_news_sm the NER has its own tok2vec, so the shared one goes too.
UNUSED = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
LABELS = ("ORG", "LOC", "PER")
ITEM = re.compile(r"(?m)^( *)- ")
WORDS = re.compile(r"[^\W\d_]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“(]|^ *- )\s*$", re.M)
LOCATIVE = re.compile(
    r"(?:\b(?:à|a|au|aux|en|de|du|des|sur|dans|vers|hors|près de)\s|\bd['’])\s*$", re.I
)
QUOTES = (("«", "»"), ("“", "”"))
NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*$")
# "la Direction", "le Département": a common noun capitalised by house style, not a name.
ARTICLE_BEFORE = re.compile(r"\b(?:la|le|les|l['’])\s*$", re.I)
# An organisation's name runs on over "de/des/du" and capitalised words ("… des Ressources Humaines").
ORG_TAIL = re.compile(
    r"(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*)*)*"
)


@dataclass(frozen=True)
class EntityFound:
    offset: int
    text: str
    label: str  # ORG, LOC, PER; MISC only for the profile's acronyms (a standard: RGAA)


@lru_cache(maxsize=MODELS)
def load(acronyms: tuple[tuple[str, str], ...] = ()):
    """The model with its entity ruler; spaCy is imported here, on first use only.

    Its matrices are multiplied by numpy (OpenBLAS) rather than blis, thinc's default:
    the same entities, found 10 to 17% faster on the 2023 yearbook.
    """
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        nlp = french.load(MODEL, UNUSED)
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns([{"label": label, "pattern": acronym} for acronym, label in acronyms])
    return nlp


def model(profile: Profile):
    return load(tuple(sorted(profile.acronyms.items())))


def find(
    texts: list[str], profile: Profile, territories: list[TerritoryName], titles: list[str]
) -> list[list[EntityFound]]:
    """The entities of each text; `territories` and `titles`: the yearbook's awarded territories and projects."""
    lower, inner = vocabulary(texts)
    known = set(profile.acronyms) | {t.acronym for t in territories if t.acronym}
    gazetteer = {n: "ORG" for t in territories for n in (t.name, t.canonical, t.acronym) if n}
    gazetteer.update({t.place: "LOC" for t in territories if t.place and t.place not in gazetteer})
    places = {fold(t.place) for t in territories if t.place}
    projects = {key(t) for t in titles}
    # the model reads only the texts where it could find an entity that `entity` keeps
    worth = [
        i
        for i, t in enumerate(texts)
        if any(k in t for k in known) or any(is_name(w, lower, inner) for w in WORDS.findall(t))
    ]
    docs = dict(zip(worth, statistical(profile, [texts[i] for i in worth])))
    out = []
    for i, text in enumerate(texts):
        found = [EntityFound(a, text[a:b], label) for a, b, label in mentions(text, gazetteer)]
        found += [
            e
            for ent in docs.get(i, ())
            if (e := entity(ent, text, profile, known, lower, inner, places, projects))
        ]
        out.append(sorted(longest(found), key=lambda e: e.offset))
    return out


class Span(NamedTuple):
    """An entity of the statistical model, as plain data (spaCy's own lives in its Doc)."""

    text: str
    label_: str
    start_char: int


def statistical(profile: Profile, texts: list[str]) -> list[list[Span]]:
    """The statistical model's entities in each text (list items' dashes blanked out).

    The model is loaded here, when a text first needs it. Its documents are read inside a
    memory zone: the strings spaCy adds to its vocabulary for them are dropped afterwards, so
    that memory does not grow with the pages of a book, or the books of a batch.
    """
    if not texts:
        return []
    nlp = model(profile)
    with nlp.memory_zone():
        docs = nlp.pipe(ITEM.sub(lambda m: m.group(1) + "  ", t) for t in texts)
        return [[Span(e.text, e.label_, e.start_char) for e in doc.ents] for doc in docs]


def is_name(word: str, lower: set[str], inner: set[str]) -> bool:
    """A word only a name can be: capitalised, capitalised inside a sentence somewhere, never in lower case."""
    return word[0].isupper() and fold(word) not in lower and word in inner


def longest(found: list[EntityFound]) -> list[EntityFound]:
    """Overlapping entities: the longest wins ("Préfecture de Paris" over the place "Paris");
    between equal spans, the first given (the yearbook's own territories)."""
    kept: list[EntityFound] = []
    for e in sorted(found, key=lambda e: -len(e.text)):
        if not any(
            k.offset < e.offset + len(e.text) and e.offset < k.offset + len(k.text) for k in kept
        ):
            kept.append(e)
    return kept


def entity(
    ent,
    text: str,
    profile: Profile,
    known: set[str],
    lower: set[str],
    inner: set[str],
    places: set[str],
    projects: set[str],
) -> EntityFound | None:
    """The model's entity, relabelled or dropped by the rules of the module's docstring."""
    name, label, start = ent.text, ent.label_, ent.start_char
    if name in known:
        return EntityFound(start, name, label)
    if label not in LABELS or "\n" in name or quoted(text, start) or key(name) in projects:
        return None
    words = WORDS.findall(name)
    if not any(is_name(w, lower, inner) for w in words):
        return None
    if kind_of(ARTICLE.sub("", name), profile) != "autre":
        label = "ORG"
    elif label == "PER" and (
        len(words) < 2 or any(fold(w) in lower for w in words if w[0].isupper())
    ):
        return None
    elif label == "LOC" and fold(name) not in places and not LOCATIVE.search(text[:start]):
        return None
    elif (
        label == "ORG"
        and len(words) == 1
        and not name.isupper()
        and ARTICLE_BEFORE.search(text[:start])
    ):
        return None
    if label == "ORG":
        name += ORG_TAIL.match(text, start + len(name)).group()
    return EntityFound(start, name, label)


def mentions(text: str, gazetteer: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each mention of a known name, longest names first, no overlaps;
    a place inside another name ("Préfecture de Paris") or a quoted one is no mention of the place."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted(gazetteer, key=len, reverse=True):
        if name not in text:  # most names are not in most texts: spare the pattern
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            inside = (
                gazetteer[name] == "LOC"
                and NAME_BEFORE.search(text[: m.start()])
                or quoted(text, m.start())
            )
            if not inside and not any(a < m.end() and m.start() < b for a, b, _ in taken):
                taken.append((m.start(), m.end(), gazetteer[name]))
    return taken


def quoted(text: str, pos: int) -> bool:
    """Is the position inside « » or “ ” (a product's or a project's name)?"""
    before = text[:pos]
    return any(before.count(a) > before.count(b) for a, b in QUOTES) or before.count('"') % 2 == 1


def vocabulary(texts: list[str]) -> tuple[set[str], set[str]]:
    """(words written in lower case somewhere, folded; capitalised words written inside a sentence somewhere)."""
    lower, inner = set(), set()
    for t in texts:
        for m in WORDS.finditer(t):
            w = m.group()
            if w.islower():
                lower.add(fold(w))
            elif w[0].isupper() and not SENTENCE_START.search(t[max(0, m.start() - 8) : m.start()]):
                inner.add(w)
    return lower, inner
