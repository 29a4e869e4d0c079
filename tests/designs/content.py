"""The content of a generated yearbook: categories, cards, and the texts of their blocks.

Texts are composed from the word banks of `words.py`: sentences built around a thing the
territory made, its purpose, its means, the problem it answered and measured effects, with
random figures so that no two lines of a yearbook are alike (a line printed on many pages is
furniture to a reader). Some cards lack a block, as real yearbooks do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import words

MISSING_BLOCK_RATE = 0.1  # share of cards printed without one of their three blocks
UNLISTED_RATE = 0.3  # share of yearbooks whose listing forgets a card
MISLISTED_RATE = 0.3  # share of yearbooks whose listing gives a card another medal
ITEM_RATE = 0.35  # share of blocks that hold a bulleted list
CARDS = (12, 30)  # cards per yearbook
CATEGORY_COUNT = (3, 5)
TERRITORY_COUNTS = (1, 1, 1, 1, 2, 2, 3)
# At most this many paragraphs per block, drawn per card, by length of the design's cards:
# long ones run over two pages, short ones share a page two by two.
SCALES = {"short": (1,), "usual": (1, 1, 2), "long": (1, 2, 4, 6)}


@dataclass(frozen=True)
class Item:
    """A bulleted list item."""

    text: str


@dataclass(frozen=True)
class Territory:
    name: str
    kind: str


@dataclass
class Card:
    medal: str
    category: str
    title: str
    territories: list[Territory]
    summary: list[str]
    blocks: dict[str, list]  # role → paragraphs (str) and items (Item); a missing block is absent
    listed: bool = True  # named by the listing (when the design has one)
    listed_medal: str = ""  # the medal the listing gives, when it is not the card's


@dataclass
class Category:
    name: str
    cards: list[Card] = field(default_factory=list)


@dataclass
class Content:
    year: int
    categories: list[Category]

    @property
    def cards(self) -> list[Card]:
        return [card for category in self.categories for card in category.cards]


def text_of(parts: list) -> str:
    """A block as the gold writes it: paragraphs on their lines, list items as "- item"."""
    return "\n".join(f"- {part.text}" if isinstance(part, Item) else part for part in parts)


def draw(rng: random.Random, length: str, card_range: tuple[int, int] = CARDS) -> Content:
    """A yearbook's content: its year, 3 to 5 categories, 12 to 30 cards spread over them."""
    names = rng.sample(words.CATEGORIES, rng.randint(*CATEGORY_COUNT))
    categories = [Category(name) for name in names]
    titles: set[str] = set()
    for index in range(rng.randint(*card_range)):
        category = (
            categories[index % len(categories)]
            if index < len(categories)
            else rng.choice(categories)
        )
        category.cards.append(_card(rng, category.name, titles, SCALES[length]))
    content = Content(rng.randint(2019, 2032), categories)
    _listing_slips(rng, content.cards)
    return content


def _listing_slips(rng: random.Random, cards: list[Card]) -> None:
    """The listing's own mistakes, as real yearbooks make them: a card forgotten, a medal wrong."""
    forgotten, mislisted = rng.sample(cards, 2)
    if rng.random() < UNLISTED_RATE:
        forgotten.listed = False
    if rng.random() < MISLISTED_RATE:
        mislisted.listed_medal = rng.choice([m for m in words.MEDALS if m != mislisted.medal])


def _card(rng: random.Random, category: str, titles: set[str], scales: tuple[int, ...]) -> Card:
    scale = rng.choice(scales)
    blocks = {role: _block(rng, role, scale) for role in words.BLOCKS}
    if rng.random() < MISSING_BLOCK_RATE:
        del blocks[rng.choice(words.BLOCKS)]
    return Card(
        medal=rng.choice(words.MEDALS),
        category=category,
        title=_title(rng, titles),
        territories=[territory(rng) for _ in range(rng.choice(TERRITORY_COUNTS))],
        summary=[_paragraph(rng, "summary") for _ in range(rng.randint(1, 1 + scale // 2))],
        blocks=blocks,
    )


def _title(rng: random.Random, taken: set[str]) -> str:
    while True:
        what = rng.choice(sorted(words.TITLES))
        thing = f"{what} {rng.choice(words.TITLES[what])}"
        if rng.random() < 0.4:
            brand = "".join(rng.choice(part) for part in words.BRAND_PARTS)
            thing = f"{brand}, {thing[0].lower()}{thing[1:]}"
        if thing not in taken:
            taken.add(thing)
            return thing


def territory(rng: random.Random) -> Territory:
    """A territory and its kind, named the way yearbooks name them."""
    kind = rng.choice(
        (
            "commune",
            "commune",
            "commune",
            "communaute_de_communes",
            "communaute_d_agglomeration",
            "metropole",
            "departement",
            "region",
            "communaute_urbaine",
            "syndicat",
        )
    )
    town, city, dep, pays = (
        rng.choice(words.TOWNS),
        rng.choice(words.CITIES),
        rng.choice(words.DEPARTMENTS),
        rng.choice(words.PAYS),
    )
    names = {
        "commune": (f"Ville {_of(town)}", f"Commune {_of(town)}", f"Mairie {_of(town)}"),
        "communaute_de_communes": (f"Communauté de communes {pays}",),
        "communaute_d_agglomeration": (
            f"Communauté d'agglomération {_of(city)}",
            f"Communauté d'agglomération {pays}",
        ),
        "metropole": (f"{city} Métropole", f"Métropole {_of(city)}"),
        "departement": (f"Département {dep}", f"Conseil départemental {dep}"),
        "region": words.REGIONS,
        "communaute_urbaine": (f"Communauté urbaine {_of(city)}",),
        "syndicat": tuple(s.format(dep=dep) for s in words.SYNDICATES),
    }
    return Territory(rng.choice(names[kind]), kind)


def _of(place: str) -> str:
    """ "de Blois", "d'Albi", "du Mans" (Le Mans), "de La Rochelle"."""
    if place.startswith("Le "):
        return "du " + place[3:]
    return ("d'" if place[0] in "AEÉIOUY" else "de ") + place


def _paragraph(rng: random.Random, role: str) -> str:
    """Two to four sentences, each of another form."""
    forms = rng.sample(words.SENTENCES[role], rng.randint(2, 4))
    return " ".join(_sentence(rng, form) for form in forms)


def _sentence(rng: random.Random, form: str) -> str:
    """A form of `words.SENTENCES` with its slots drawn."""
    figures = {
        "a": rng.randint(20, 90),
        "b": rng.randint(2, 15),
        "n": rng.randint(40, 9000),
        "p": rng.randint(8, 85),
        "k": rng.randint(2, 40),
    }
    people, other = rng.sample(words.PEOPLE, 2)
    means, more_means = rng.sample(words.MEANS, 2)
    slots = {
        "thing": rng.choice(words.THINGS),
        "purpose": rng.choice(words.PURPOSES),
        "means": means,
        "more_means": more_means,
        "people": people,
        "other": other,
        "to_people": _to(people),
        "to_other": _to(other),
        "problem": rng.choice(words.PROBLEMS),
        "effect": rng.choice(words.EFFECTS).format(**figures),
        "year": rng.randint(2015, 2030),
        "months": rng.randint(3, 30),
        **figures,
    }
    sentence = form.format(**slots)
    return sentence[0].upper() + sentence[1:]


def _to(people: str) -> str:
    return "aux " + people[4:] if people.startswith("les ") else "à " + people


def _block(rng: random.Random, role: str, scale: int) -> list:
    """Paragraphs; sometimes one of them ends with " :" and announces a bulleted list."""
    parts: list = [_paragraph(rng, role) for _ in range(rng.randint(max(1, scale // 2), scale))]
    if rng.random() < ITEM_RATE:
        at = rng.randrange(len(parts))
        parts[at] = parts[at].rstrip(".") + ", notamment :"
        parts[at + 1 : at + 1] = [Item(text) for text in rng.sample(words.ITEMS, rng.randint(2, 4))]
    return parts
