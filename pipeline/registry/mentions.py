"""The registry's places named in a card's running text, and the codes of the territories a
text names: what the entities ask of a registry (`enrich.rules.Registry`).

Many communes are named like common words ("Plan", "Bar", "Ville", "Son", "Lutter") or like a
part of another name ("Orange Business Services"), so a run of capitalised words is a place
(LOC, with its code) only when:
- a commune, a département or a région of the registry is spelt so, capitals, accents and
  article included ("La Garde", not "Garde"; "Liré", not "Lire"; a capital may lose its
  accent, a hyphen may be a space);
- no capitalised word stands right before or after it (a word of a longer name: "Grand
  Paris", "Orange Business"), nor before it with a link word, but a local government's title
  ("Pompiers de Paris", "Vallée de l'Ubaye Serre-Ponçon"; "Ville de Nancy" is one);
- it has two words or more ("Clermont-Ferrand", "Loir-et-Cher"), or the words before it say
  that a place follows: a preposition of place, a title ("à Blois", "la commune d'Allos",
  "la Ville de Nancy") and no "de" and a capitalised word after it ("au Plan de Grasse"). The
  entities also ask a one-word place not to be a word the yearbook writes in lower case.
An EPCI's name carries its title: it is an institution (ORG), found by the rules, whose code
`code` gives. No commune follows an article ("la Saint-Valentin" is a feast) unless the article is
its own ("La Garde"). Homonyms: the one that is a territory of the yearbook; else, after "à", a
commune over a département or a région of the same name ("à Vienne"), elsewhere the région or
the département over the communes ("en Bretagne", "dans la Vienne"); a current commune over a
former one; when several remain, the place has no code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .data import Entry, load
from .match import Link, known
from .normalise import LEADING, SMALL_WORDS, keys, parse

PLACE_GROUPS = ("commune", "departement", "region")
WORD = r"[A-ZÀ-ÖØ-Þ][\w’']*"
LINK = r"(?:de la|de l['’]|des|du|de|d['’]|en|sur|sous|lès|les|le|la|l['’]|aux|et)"
# capitalised words joined by spaces, hyphens and link words ("Saint-Germain-en-Laye", "Ville
# de Nancy"): the runs whose parts are looked up
RUN = re.compile(rf"(?:\b(?:Le|La|Les) |\bL['’])?{WORD}(?:(?:[ -]+(?:{LINK}[ -]*)?){WORD})*")
PART = re.compile(rf"(?:(?:Le|La|Les) |L['’])?{WORD}")
ARTICLES = re.compile(r"^(?:(?:Le|La|Les) |L['’])")
# a capitalised word right before or after, over a space or a hyphen
BEFORE_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+|-)$")
AFTER_NAME = re.compile(r"(?:\s+|-)[A-ZÀ-ÖØ-Þ]")
REACH = 40  # characters before a place that the word or the preposition before it is read in
# a preposition of place or a title's link word right before: "à Blois", "commune d'Allos"
PLACE_BEFORE = re.compile(
    r"(?:\b(?:à|au|aux|en|de|du|des|sur|dans|vers|près\s+de|jusqu['’]à)\s+|\bd['’])$", re.I
)
# a word followed by "de" and a capitalised word heads a longer name ("au Plan de Grasse")
HEAD = re.compile(r" (?:de la|de l['’]|des|du|de|d['’]) ?[A-ZÀ-ÖØ-Þ]")
# a capitalised word and a link word right before: the place ends a longer name ("Pompiers de
# Paris", "Vallée de l'Ubaye Serre-Ponçon") unless that word is a local government's title
NAME_OF = re.compile(r"([A-ZÀ-ÖØ-Þ][\w’'-]*)\s+(?:de la|de l['’]|des|du|de|d['’])\s*$")
TITLE_WORDS = set(re.findall(r"[a-z]+", "|".join(LEADING.values()))) - SMALL_WORDS
ARTICLE_BEFORE = re.compile(r"\b(?:la|le|les|l['’])\s*$", re.I)
CITY = re.compile(r"\bà\s+$", re.I)  # "à Vienne": a city; "en Bretagne", "dans la Vienne": not
CAPITAL_MARKS = re.compile(r"(?<=[A-Z])[\u0300-\u036f]+")  # a capital's accent, decomposed


class Places:
    """The registry as the entities ask it, knowing the yearbook's territories and their links."""

    def __init__(self, territories: Iterable[tuple[Iterable[str | None], Link]]):
        """`territories`: each territory's names as printed (name, canonical form, acronym,
        the place it is; None for a name it lacks) with its link to the registry."""
        self.linked: dict[str, str] = {}
        for names, link in territories:
            if link.entry is not None:
                self.linked.update({name: link.entry.code for name in names if name is not None})
        self.codes = set(self.linked.values())
        # the territories by their title's kind and key: "Agglomération Cannes Lérins" is the
        # "Communauté d'agglomération Cannes Lérins" of the award line
        self.titled: dict[tuple[str | None, str], str] = {
            (parsed.kind, parsed.key): code
            for name, code in self.linked.items()
            if (parsed := parse(name)).kind
        }

    def mentions(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, "LOC", code or None) of each place of the registry the text names."""
        found: list[tuple[int, int, str, str | None]] = []
        for run in RUN.finditer(text):
            parts = [run.start() + m.start() for m in PART.finditer(run.group())]
            ends = [run.start() + m.end() for m in PART.finditer(run.group())]
            spans = sorted(
                ((a, b) for i, a in enumerate(parts) for b in ends[i:]), key=lambda s: s[0] - s[1]
            )
            for a, b in spans:
                if any(x < b and a < y for x, y, _, _ in found) or not self.alone(text, a, b):
                    continue
                before = text[max(0, a - REACH) : a]
                entries = read_after(before, spelt(text[a:b]))
                if entries:
                    found.append((a, b, "LOC", self.choose(entries, bool(CITY.search(before)))))
        return sorted(found)

    @staticmethod
    def alone(text: str, start: int, end: int) -> bool:
        """No capitalised word right before or after; one word needs a place's preposition."""
        if BEFORE_NAME.search(text, max(0, start - REACH), start) or AFTER_NAME.match(text, end):
            return False
        longer = NAME_OF.search(text, max(0, start - REACH), start)
        if longer and keys([longer.group(1)], titled=False)[0] not in TITLE_WORDS:
            return False
        words = len(re.findall(r"[\w’']+", ARTICLES.sub("", text[start:end])))
        if words > 1:
            return True
        before = PLACE_BEFORE.search(text, max(0, start - REACH), start)
        return bool(before) and not HEAD.match(text, end)

    def choose(self, entries: list[Entry], city: bool) -> str | None:
        """The code of the place a name is: the yearbook's territory; else, after "à" (`city`),
        a commune first ("à Vienne"), else the largest territory first ("en Bretagne",
        "dans la Vienne"); a current commune before a former one; None when several remain."""
        ours = [e for e in entries if e.code in self.codes]
        if len(ours) == 1:
            return ours[0].code
        rank = min(rank_of(e, city) for e in entries)
        best = [e for e in entries if rank_of(e, city) == rank]
        return best[0].code if len(best) == 1 else None

    def code(self, name: str) -> str | None:
        """The code of a territory of the yearbook (as printed, or by its title's kind and its
        key), or of an institution whose title names a local government ("Conseil départemental
        du Finistère") the registry knows by key."""
        if name in self.linked:
            return self.linked[name]
        parsed = parse(name)
        if (parsed.kind, parsed.key) in self.titled:
            return self.titled[parsed.kind, parsed.key]
        found = known(name, parsed) if parsed.kind else None
        return found.entries[0].code if found and len(found.entries) == 1 else None


def rank_of(entry: Entry, city: bool) -> tuple[int, bool]:
    order = PLACE_GROUPS if city else PLACE_GROUPS[::-1]
    return order.index(entry.group), entry.kind != entry.group


def read_after(before: str, entries: list[Entry]) -> list[Entry]:
    """No commune after an article: French names a commune without one, unless the article is
    its own ("La Garde"); "la Saint-Valentin" is a feast, "le Finistère" a département."""
    if ARTICLE_BEFORE.search(before):
        return [e for e in entries if e.group != "commune"]
    return entries


def spelt(name: str) -> list[Entry]:
    """The communes, départements and régions whose official name is `name` as printed."""
    [key] = keys([name], titled=False)
    if not key:
        return []
    printed = plain(name)
    return [e for e in load().find(key, PLACE_GROUPS) if plain(e.name) == printed]


def plain(name: str) -> str:
    """A name as compared with the registry's: capitals without accents, hyphens as spaces,
    one kind of apostrophe."""
    decomposed = CAPITAL_MARKS.sub("", unicodedata.normalize("NFD", name))
    return " ".join(
        unicodedata.normalize("NFC", decomposed).replace("’", "'").replace("-", " ").split()
    )
