"""Edition profiles: what varies between yearbooks (wordings, category names) as data.

A profile is a TOML file in `pipeline/profiles/`; this module validates it with
pydantic and compiles its patterns once.
"""

from __future__ import annotations

import re
import sys
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import InputError
from ..thresholds import DESIGN, Thresholds
from ..vocabulary import BLOCKS, MEDALS, Block, CardText, EntityLabel, TerritoryKind
from . import available, located


def _compile(patterns: list[str]) -> list[re.Pattern]:
    return [re.compile(p) for p in patterns]


class Patterns(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def valid_regex(cls, value):
        for p in value if isinstance(value, list) else [value]:
            if isinstance(p, str):
                try:
                    re.compile(p)
                except re.error as e:
                    raise ValueError(f"not a valid regular expression: {p!r} ({e})") from None
        return value


class CardPatterns(Patterns):
    banner: list[str] = Field(min_length=1)
    award: list[str] = Field(min_length=1)
    title: list[str] = Field(min_length=1)
    badge: list[str] = []


class BlockPatterns(Patterns):
    innovation: list[str] = Field(min_length=1)
    problematique: list[str] = Field(min_length=1)
    apports: list[str] = Field(min_length=1)
    summary: list[str] = []  # a heading over the intro, when the edition prints one
    examples: dict[Block, list[str]] = {}
    # stems of each text's word families (folded), for headings worded like no pattern
    lexicon: dict[CardText, list[str]] = {}


class ListingPatterns(Patterns):
    medal: str


class CalendarPatterns(Patterns):
    step: str
    patterns: list[str] = Field(min_length=1)


class EditionPatterns(Patterns):
    """The year, and the wordings of the facts the front matter states (matched on folded text)."""

    year: list[str] = Field(min_length=1)
    applications: list[str] = []  # `n`: the applications received
    auditioned: list[str] = []  # `n`: the projects auditioned
    labelled: list[str] = []  # `n`: the projects labelled
    jury: list[str] = []  # the heading of the jury's section
    criteria: list[str] = []  # the heading of the scoring criteria's section
    ceremony: list[str] = []  # a sentence telling of the award ceremony
    venue: list[str] = []  # where it was held: `venue` and `city`, after its date
    calendar: list[CalendarPatterns] = []  # the next edition's steps, told by their sentence


class TitleRule(Patterns):
    """An institution's title inside a territory's name, and how it is spelled."""

    name: str
    pattern: str


class KindRule(Patterns):
    kind: TerritoryKind
    patterns: list[str] = Field(min_length=1)


class Profile(BaseModel):
    """One edition's (or family of editions') conventions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    extends: str | None = None  # the profile this one changes (its tables are merged over it)
    years: list[int] = []
    categories: list[str] = []  # canonical category names, when the edition's table is unreliable
    card: CardPatterns
    blocks: BlockPatterns
    listing: ListingPatterns
    edition: EditionPatterns
    territory_kinds: list[KindRule] = Field(min_length=1)
    territory_titles: list[TitleRule] = []
    # the domain's acronyms the entity model misses, with their label
    acronyms: dict[str, EntityLabel] = {}
    # the thresholds this design sets (`thresholds.DESIGN`), over `thresholds.DEFAULTS`
    layout: dict[str, float] = {}

    @field_validator("layout")
    @classmethod
    def design_thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - DESIGN)
        if unknown:
            raise ValueError(
                f"{', '.join(unknown)}: not a threshold a design sets "
                f"(those are {', '.join(sorted(DESIGN))})"
            )
        Thresholds(**value)  # each within its range
        return value

    @cached_property
    def thresholds(self) -> Thresholds:
        return Thresholds(**self.layout)

    @cached_property
    def banner(self) -> list[re.Pattern]:
        return _compile(self.card.banner)

    @cached_property
    def award(self) -> list[re.Pattern]:
        return _compile(self.card.award)

    @cached_property
    def title(self) -> list[re.Pattern]:
        return _compile(self.card.title)

    @cached_property
    def badge(self) -> list[re.Pattern]:
        return _compile(self.card.badge)

    @cached_property
    def headings(self) -> dict[str, list[re.Pattern]]:
        return {b: _compile(getattr(self.blocks, b)) for b in (*BLOCKS, "summary")}

    @cached_property
    def heading_examples(self) -> dict[str, list[str]]:
        return {b: self.blocks.examples.get(b, []) for b in BLOCKS}

    @cached_property
    def listing_medal(self) -> re.Pattern:
        return re.compile(self.listing.medal)

    @cached_property
    def year(self) -> list[re.Pattern]:
        return _compile(self.edition.year)

    @cached_property
    def titles(self) -> list[tuple[str, re.Pattern]]:
        return [(r.name, re.compile(r.pattern)) for r in self.territory_titles]

    @cached_property
    def facts(self) -> dict[str, list[re.Pattern]]:
        e = self.edition
        return {
            k: _compile(getattr(e, k))
            for k in (
                "applications",
                "auditioned",
                "labelled",
                "jury",
                "criteria",
                "ceremony",
                "venue",
            )
        }

    @cached_property
    def calendar(self) -> list[tuple[str, list[re.Pattern]]]:
        return [(c.step, _compile(c.patterns)) for c in self.edition.calendar]

    @cached_property
    def kinds(self) -> list[tuple[str, list[re.Pattern]]]:
        return [(r.kind, _compile(r.patterns)) for r in self.territory_kinds]


def medal_of(raw: str | None) -> str | None:
    """The medal a pattern's `medal` group read, OCR's "0r" for "or" included."""
    word = (raw or "").lower().replace("0", "o")
    return word if word in MEDALS else None


def first(patterns: list[re.Pattern], folded: str, pos: int = 0, search: bool = False):
    """The first of the patterns that matches the folded text (at `pos`, or anywhere after it)."""
    for p in patterns:
        m = p.search(folded, pos) if search else p.match(folded, pos)
        if m:
            return m
    return None


def load(name_or_path: str | Path = "default") -> Profile:
    """A profile by name (a file of `pipeline/profiles/`) or by path; `extends` merges a base
    profile."""
    try:
        return Profile.model_validate(raw(name_or_path))
    except ValidationError as e:
        where = ".".join(map(str, e.errors()[0]["loc"]))
        name = Path(name_or_path).name if Path(name_or_path).suffix else f"{name_or_path}.toml"
        raise InputError(
            f"profile {name}: not a valid profile ({where}: {e.errors()[0]['msg']})"
        ) from None


def raw(name_or_path: str | Path, seen: tuple[str, ...] = ()) -> dict:
    """The profile's TOML data, merged over the profile it extends (tables merged, the rest
    replaced)."""
    path = Path(name_or_path)
    if not path.suffix:
        path = located(str(name_or_path))
    if str(path.resolve()) in seen:
        raise InputError(f"profile {path.name}: 'extends' goes round in a circle")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"profile {name_or_path!s}: not found (available: {', '.join(available())})"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"profile {path.name}: not valid TOML ({e})") from None
    base = data.get("extends")
    return merge(raw(base, seen + (str(path.resolve()),)), data) if base else data


def merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out
