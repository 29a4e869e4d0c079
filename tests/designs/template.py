"""The card template of a design: its styles and the wordings it repeats on every card.

An axis says *how* something is printed (a banner, a run-in medal line); the template fixes
the exact wording once per yearbook ("LABEL D'OR – E-SANTÉ" or "LABEL OR"), the fonts, sizes
and colours, as a designer would, so that all cards of a book look alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import words
from .choices import COLOURS, Design
from .sheet import A4, FAMILIES, SLIDE
from .typeset import Setting

INK = (0.13, 0.13, 0.13)
GREY = (0.45, 0.45, 0.47)
WHITE = (1, 1, 1)
LEADING_RATIO = 1.32
SIDEBAR_WIDTH = 150.0
GUTTER = 18.0
MARGIN = 50.0
BODY_TOP = 70.0  # below the running header
BODY_BOTTOM_GAP = 62.0  # above the running footer
SEPARATORS = {"comma": ", ", "slash": " / "}


@dataclass(frozen=True)
class Template:
    design: Design
    regular: str
    bold: str
    setting: Setting
    accent: tuple
    tint: tuple
    headings: dict
    territory_label: str
    banner: str  # "LABEL {upper}" … with {category}
    run_in_medal: str
    page_size: tuple
    header: str
    footer: str
    margin_text: str

    @property
    def body_bottom(self) -> float:
        return self.page_size[1] - BODY_BOTTOM_GAP

    def medal_word(self, medal: str, case: str = "title") -> str:
        word = {"or": "or", "argent": "argent", "bronze": "bronze"}[medal]
        return word.upper() if case == "upper" else word.capitalize()

    def territories(self, names: list[str]) -> str:
        """The names joined the design's way (line breaks are the caller's)."""
        if self.design.territory_sep == "et" and len(names) > 1:
            return ", ".join(names[:-1]) + " et " + names[-1]
        return SEPARATORS.get(self.design.territory_sep, ", ").join(names)


def draw(design: Design, year: int, rng: random.Random) -> Template:
    regular, bold, italic = FAMILIES[design.font]
    accent = COLOURS[design.accent]
    size = design.body_size if design.page == "a4" else design.body_size - 0.5
    setting = Setting(
        regular,
        bold,
        italic,
        size,
        round(size * LEADING_RATIO, 2),
        INK,
        design.justify,
        design.hyphenate,
    )
    association, site = rng.choice(words.ASSOCIATION), rng.choice(words.SITE)
    return Template(
        design=design,
        regular=regular,
        bold=bold,
        setting=setting,
        accent=accent,
        tint=tuple(round(1 - (1 - c) * 0.15, 3) for c in accent),
        headings=wording(design, rng),
        territory_label=rng.choice(words.TERRITORY_LABELS[design.territory_label]),
        banner=rng.choice(("LABEL {upper}", "LABEL {of}", "{upper}"))
        + (rng.choice((" – {category}", " | {category}")) if design.category_on_card else ""),
        run_in_medal=rng.choice(words.RUN_IN_MEDAL),
        page_size=SLIDE if design.page == "slide" else A4,
        header=rng.choice(
            (
                "Annuaire des labels {year}",
                "{association} – Annuaire {year}",
                "Label « Territoire Innovant » {year}",
            )
        ).format(year=year, association=association),
        footer=rng.choice(("{association}", "Les projets labellisés {year}", "")).format(
            year=year, association=association
        ),
        margin_text=f"{site} · {association}",
    )


def wording(design: Design, rng: random.Random) -> dict[str, str | None]:
    """The heading printed over each block (None: no heading), the same on every card: from the
    profiles' vocabulary, from outside it, or from both."""
    chosen: dict[str, str | None] = {}
    for role in ("summary",) + words.BLOCKS:
        if design.headings == "none" or (role == "summary" and not design.summary_heading):
            chosen[role] = None
            continue
        vocabulary = design.headings
        if vocabulary == "mixed":
            vocabulary = rng.choice(("profile", "unseen"))
        text = rng.choice(words.HEADINGS[vocabulary][role])
        chosen[role] = text.upper() if design.heading_style == "caps" else text
    return chosen


def medal_of(medal: str) -> str:
    """ "D'OR", "D'ARGENT", "DE BRONZE" """
    return {"or": "D'OR", "argent": "D'ARGENT", "bronze": "DE BRONZE"}[medal]
