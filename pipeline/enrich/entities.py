"""Entities: the organisations, places, persons and programmes or products the blocks name.

Rules first (`rules.py`): the yearbook's territories, the profile's acronyms, institutions'
titles, programme words, names announced by their kind ("la société Geonov"), the
yearbook's projects and quoted names; the registry's places, when a registry is given
(`registry/mentions.py`), but a one-word place the yearbook writes in lower case ("Plan").
spaCy's small French model (fr_core_news_sm, trained on news) reads only the texts where a
capitalised word is left that only a name can be, and
what it finds is kept when it passes these filters:
- capitalised common words ("Valoriser", "Coûts", a list item's first word): an entity
  needs a capitalised word that the yearbook never writes in lower case and writes
  capitalised inside a sentence;
- a verb: one word ending as an infinitive after "à", "de", "pour", "sans" or opening a
  sentence or a list item ("Pour Garantir", "Facile à Lire");
- a name cut short: followed by another capitalised word (a person, a place or a product
  the model stops in the middle of: "Bluetooth Low [Energy]"); an organisation's name runs
  on instead, over "de" and capitalised words;
- a name inside quotes or a project's title is the rules' (MISC), not the model's;
- a person is named by first name and surname, none of them a common word;
- a place follows a preposition of place ("à Paris", "du Comminges"), or is a known place;
- a one-word ORG after an article is a common noun in house style ("la Direction");
- a name carrying an institution's title ("Métropole de Lyon", "l'État") is an ORG; a word
  contracted before a capital ("Démat'ADS", "Pass'Sport") is a product's, MISC;
- a generic plural ("trois Communautés de Communes des Alpes du Sud") is no name, but the
  place it is in is a LOC ("Alpes du Sud").
Overlapping entities: the longest wins; between equal spans, the rules'.
The model is loaded once per process, when a text first needs it, with its NER only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import NamedTuple

from ..processes import shared
from ..profiles.profile import Profile
from ..stages.territory import ARTICLE, TerritoryName, kind_of
from ..text import fold, key
from . import french, rules

MODEL = "fr_core_news_sm"
# Everything but "ner": in fr_core_news_sm the NER has its own tok2vec, so the shared one goes too.
UNUSED = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
LABELS = ("ORG", "LOC", "PER", "MISC")
# Texts the model reads at once. Its activations for a batch are the enrichment's peak of memory:
# 256 texts (spaCy's default) took 146 MB more on a 400-page book, 32 take 14 MB, as fast.
BATCH = 32
# Texts each process reads at least: the model reads a yearbook's hundred in a fifth of a second,
# a second process takes some hundredths to start and to send its entities back.
SHARED_TEXTS = 32
ITEM = re.compile(r"(?m)^( *)- ")
WORDS = re.compile(r"[^\W\d_]+")
# A sentence, as `worth_reading` tells them: from a visible character up to a line's end, or to
# an end mark before a space and what opens a sentence ("1.5" and "etc. et" stay whole).
SENTENCE = re.compile(r"[^\s][^\n]*?(?:[.!?…]+(?=\s+[A-ZÀ-ÖØ-Þ«\"“(-])|$)", re.M)
SPACED = re.compile(r"\S+")
# Words given to the model on either side of a sentence it reads: fr_core_news_sm's entity
# recognizer sees each word with four on either side (its tok2vec: a window of one word, four
# layers deep). Without them, a sentence cut out of a list reads otherwise ("Bluetooth Low
# Energy" becomes a person).
CONTEXT = 4
SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“(]|^ *- )\s*$", re.M)
LOCATIVE = re.compile(
    r"(?:\b(?:à|a|au|aux|en|de|du|des|sur|dans|vers|hors|près de)\s|\bd['’])\s*$", re.I
)
QUOTES = (("«", "»"), ("“", "”"))
INFINITIVE = re.compile(r"^[^\W\d_]+(?:er|ir|re|oir)$")
VERB_BEFORE = re.compile(r"(?:\b(?:à|de|pour|sans)\s+|\bd['’]|(?:^|[.!?:;]) *(?:- *)?)$", re.I)
CUT_SHORT = re.compile(r" [A-ZÀ-ÖØ-Þ]")
RULES = (rules.institutions, rules.programmes, rules.announced, rules.quoted, rules.companies)
# a product's name has a capital inside ("OpenStreetMap", "Démat'PR"); the model's other MISC
# are demonyms, common acronyms and capitalised phrases ("Antoniens", "SMS", "Maison Bleue")
PRODUCT = re.compile(r"[a-zà-ÿ'’][A-ZÀ-Þ]")
# a word cut short before an apostrophe and a capital: how services and products are named
# ("Démat'ADS", "Pass'Sport"), not organisations
CONTRACTED = re.compile(r"[^\W\d_]{2,}['’][A-ZÀ-Þ][\w]*")
# a plural title opens a generic reference ("trois Communautés de Communes des Alpes du Sud"),
# no name; the place it is in is one
PLURALS = {
    "Communautés",
    "Métropoles",
    "Villes",
    "Communes",
    "Régions",
    "Départements",
    "Syndicats",
    "Agences",
    "Directions",
}
PLURAL_TITLE = re.compile(rf"^(?:{'|'.join(PLURALS)})\b")
# a link word before a capitalised word, where a generic plural names its place ("… des Alpes")
PLACE_LINK = re.compile(r"\b(?:des|du|de\s+la|de\s+l['’]|de|d['’])\s*(?=[A-ZÀ-ÖØ-Þ])")
NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*$")
# "la Direction", "le Département": a common noun capitalised by house style, not a name.
ARTICLE_BEFORE = re.compile(r"\b(?:la|le|les|l['’])\s*$", re.I)
# An organisation's name runs on over "de/des/du" and capitalised words ("… des Ressources
# Humaines").
ORG_TAIL = re.compile(
    r"(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*)*)*"
)


@dataclass(frozen=True)
class EntityFound:
    offset: int
    text: str
    label: str  # ORG, LOC, PER, MISC (a programme, a product, a standard)
    source: str = "model"  # "model", "rule" or "registry"
    code: str | None = None  # the territory's code, when a registry knows it


@lru_cache(maxsize=1)  # one model, with no argument
def load():
    """The model; spaCy is imported here, on first use only.

    Its matrices are multiplied by blis, thinc's default (single-threaded): numpy's OpenBLAS,
    preferred for a while, found the same entities in 0.78 s of CPU against 0.50 s on the
    sample, and with its thread per core three times slower still on a busy machine.
    """
    return french.load(MODEL, UNUSED)


def find(
    texts: list[str],
    profile: Profile,
    territories: list[TerritoryName],
    titles: list[str],
    registry: rules.Registry | None = None,
    model: Reader | None = None,
) -> list[list[EntityFound]]:
    """The entities of each text; `territories` and `titles`: the yearbook's awarded
    territories and projects; `registry`: a territory registry, when there is one; `model`:
    how the statistical model reads texts (`model_process.beside`), here by default."""
    lower, inner = vocabulary(texts)
    codes = territory_codes(territories, registry)
    names = rules.project_names(titles)
    gazetteer = known_names(profile, territories)
    found = [ruled(text, gazetteer, codes, names, registry, lower) for text in texts]
    docs = model_entities(texts, lower, inner, model or statistical)
    places = {fold(t.place) for t in territories if t.place}
    context = (profile, lower, inner, places, {key(t) for t in titles})
    out = []
    for i, text in enumerate(texts):
        kept = [e for ent in docs.get(i, ()) if (e := entity(ent, text, *context))]
        found[i] += [coded(e, registry) for e in kept]
        out.append(sorted(longest(found[i]), key=lambda e: e.offset))
    return out


def coded(found: EntityFound, registry: rules.Registry | None) -> EntityFound:
    """The model's organisation or place with the registry's code, when it names a territory of
    the yearbook or a local government by its title ("Brest métropole")."""
    if registry is None or found.label not in ("ORG", "LOC"):
        return found
    return replace(found, code=registry.code(found.text))


def known_names(profile: Profile, territories: list[TerritoryName]) -> dict[str, str]:
    """Name → label: the yearbook's territories (ORG) and their places (LOC), the profile's
    acronyms."""
    gazetteer = {n: "ORG" for t in territories for n in (t.name, t.canonical, t.acronym) if n}
    gazetteer.update({t.place: "LOC" for t in territories if t.place and t.place not in gazetteer})
    gazetteer.update({a: label for a, label in profile.acronyms.items() if a not in gazetteer})
    return gazetteer


def model_entities(
    texts: list[str], lower: set[str], inner: set[str], model: Reader
) -> dict[int, list[Span]]:
    """The model's entities of the texts' parts worth reading (`worth_reading`), by text index,
    their offsets in the text; an entity cut by a part's edge inside the text is left out."""
    parts = [
        (i, a, b) for i, text in enumerate(texts) for a, b in worth_reading(text, lower, inner)
    ]
    found: dict[int, list[Span]] = {}
    for (i, a, b), spans in zip(parts, model([texts[i][a:b] for i, a, b in parts]), strict=True):
        for span in spans:
            start = a + span.start_char
            end = start + len(span.text)
            if (start == a and a > 0) or (end == b and b < len(texts[i])):
                continue
            found.setdefault(i, []).append(span._replace(start_char=start))
    return found


def worth_reading(text: str, lower: set[str], inner: set[str]) -> list[tuple[int, int]]:
    """(start, end) of the parts of a text the model is given: each sentence where a word is left
    that only a name can be, with CONTEXT words on either side, overlapping parts joined.

    The other sentences (half a yearbook's text) cannot give an entity that is kept (one
    needs such a word, see `entity`), and the model reads each word with the few around it,
    never a whole text: the parts give it what the whole text did."""
    words = [m.span() for m in SPACED.finditer(text)]
    starts = [a for a, _ in words]
    parts: list[tuple[int, int]] = []
    for m in SENTENCE.finditer(text):
        if not any(is_name(w, lower, inner) for w in WORDS.findall(m.group())):
            continue
        first = bisect_right(starts, m.start()) - 1
        last = bisect_left(starts, m.end()) - 1
        a, b = words[max(first - CONTEXT, 0)][0], words[min(last + CONTEXT, len(words) - 1)][1]
        if parts and a <= parts[-1][1]:
            parts[-1] = (parts[-1][0], max(b, parts[-1][1]))
        else:
            parts.append((a, b))
    return parts


def territory_codes(territories: list[TerritoryName], registry) -> dict[str, str]:
    """The registry's code of each name of the yearbook's territories it knows."""
    if registry is None:
        return {}
    names = {n for t in territories for n in (t.name, t.canonical, t.acronym, t.place) if n}
    return {n: code for n in names if (code := registry.code(n))}


def ruled(
    text: str, gazetteer: dict, codes: dict, names, registry, lower: set
) -> list[EntityFound]:
    """What the rules find in a text, in the order they win ties: registry, known names, rules.
    A term a line defines is a name when its first word is none the yearbook writes in lower
    case ("Demat'Lab : …", not "Installation simplifiée : …")."""
    found = [
        EntityFound(a, text[a:b], label, "registry", code)
        for a, b, label, code in (registry.mentions(text) if registry else ())
        if not common(text[a:b], lower)
    ]
    found += [
        EntityFound(a, text[a:b], label, "rule", codes.get(text[a:b]))
        for a, b, label in mentions(text, gazetteer)
    ]
    matched = [m for finder in RULES for m in finder(text)]
    matched += [
        m for m in rules.terms(text) if fold(WORDS.findall(text[m.start : m.end])[0]) not in lower
    ]
    found += [
        EntityFound(m.start, name, m.label, "rule", registry.code(name) if registry else None)
        for m in matched
        if (name := text[m.start : m.end])
    ]
    found += [
        EntityFound(m.start, text[m.start : m.end], "MISC", "rule")
        for m in rules.projects(text, names)
    ]
    return found


def common(place: str, lower: set[str]) -> bool:
    """A place of one word (its article aside) the yearbook also writes in lower case ("Plan")."""
    words = WORDS.findall(ARTICLE.sub("", place))
    return len(words) == 1 and fold(words[0]) in lower


class Span(NamedTuple):
    """An entity of the statistical model, as plain data (spaCy's own lives in its Doc)."""

    text: str
    label_: str
    start_char: int


Reader = Callable[[list[str]], list[list[Span]]]  # texts → the model's entities in each


def statistical(texts: list[str], processes: int = 1) -> list[list[Span]]:
    """The statistical model's entities in each text (list items' dashes blanked out), the
    texts shared among up to `processes` processes (`processes.shared`).

    The model is loaded here, when a text first needs it. Its documents are read inside a
    memory zone: the strings spaCy adds to its vocabulary for them are dropped afterwards, so
    that its vocabulary does not grow with the texts of a book, or the books of a batch.
    """
    if not texts:
        return []
    nlp = load()
    return shared(partial(read_texts, nlp), texts, processes, SHARED_TEXTS)


def read_texts(nlp, texts: Sequence[str]) -> list[list[Span]]:
    with nlp.memory_zone():
        docs = nlp.pipe((ITEM.sub(lambda m: m.group(1) + "  ", t) for t in texts), batch_size=BATCH)
        return [[Span(e.text, e.label_, e.start_char) for e in doc.ents] for doc in docs]


def loaded() -> bool:
    """Is the model loaded in this process?"""
    return load.cache_info().currsize > 0


def is_name(word: str, lower: set[str], inner: set[str]) -> bool:
    """A word only a name can be: capitalised, capitalised inside a sentence somewhere, never in
    lower case."""
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
    ent, text: str, profile: Profile, lower: set, inner: set, places: set, projects: set
) -> EntityFound | None:
    """The model's entity, relabelled or dropped by the filters of the module's docstring."""
    name, label, start = ent.text, ent.label_, ent.start_char
    if label not in LABELS or "\n" in name or quoted(text, start) or key(name) in projects:
        return None
    words = WORDS.findall(name)
    if not any(is_name(w, lower, inner) for w in words) or is_verb(name, text[:start]):
        return None
    if PLURAL_TITLE.match(name):
        return generic_place(name, start)
    if label == "MISC" and not PRODUCT.search(name):
        return None
    after = text[start + len(name) :]
    kept = relabel(name, label, text[:start], after, profile, lower, places)
    if kept == "ORG":
        tail = ORG_TAIL.match(after)  # it matches, if only the empty string
        name += tail.group() if tail else ""
    return EntityFound(start, name, kept) if kept else None


def generic_place(name: str, start: int) -> EntityFound | None:
    """The place a generic plural is in ("trois Communautés de Communes des Alpes du Sud"): the
    name after its last title's words, if any."""
    for link in PLACE_LINK.finditer(name):
        place = name[link.end() :]
        if WORDS.findall(place)[0] not in rules.KIND_WORDS | PLURALS:
            return EntityFound(start + link.end(), place, "LOC")
    return None


def relabel(
    name: str, label: str, before: str, after: str, profile: Profile, lower: set, places: set
) -> str | None:
    """The label the entity keeps, or None for one dropped: a title makes an ORG; a name cut
    short, a one-word or common-word person, a place without a preposition of place, a one-word
    ORG after an article are dropped; a word contracted before a capital is a product's."""
    words = WORDS.findall(name)
    if kind_of(ARTICLE.sub("", name), profile) != "autre":
        return "ORG"
    if label != "ORG" and CUT_SHORT.match(after):
        return None
    if label == "PER" and not is_person(words, lower):
        return None
    if label == "LOC" and fold(name) not in places and not LOCATIVE.search(before):
        return None
    if label == "ORG" and len(words) == 1 and not name.isupper() and ARTICLE_BEFORE.search(before):
        return None
    return "MISC" if label == "ORG" and CONTRACTED.fullmatch(name) else label


def is_person(words: list[str], lower: set) -> bool:
    """A first name and a surname, none of them a word the yearbook writes in lower case."""
    return len(words) >= 2 and not any(fold(w) in lower for w in words if w[0].isupper())


def is_verb(name: str, before: str) -> bool:
    """One word ending as an infinitive, where a verb goes: after "à", "de", "pour", "sans",
    or opening a sentence or a list item ("Pour Garantir l'accès", "- Lire les textes")."""
    return bool(INFINITIVE.match(name)) and bool(VERB_BEFORE.search(before))


def mentions(text: str, gazetteer: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each mention of a known name, longest names first, no overlaps;
    a place inside another name ("Préfecture de Paris") or a quoted one is no mention of the
    place."""
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
    """(words written in lower case somewhere, folded; capitalised words written inside a
    sentence somewhere)."""
    lower, inner = set(), set()
    for t in texts:
        for m in WORDS.finditer(t):
            w = m.group()
            if w.islower():
                lower.add(fold(w))
            elif w[0].isupper() and not SENTENCE_START.search(t[max(0, m.start() - 8) : m.start()]):
                inner.add(w)
    return lower, inner
