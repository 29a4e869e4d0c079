"""The design of a yearbook: every choice a designer makes, drawn at random along the axes.

Each axis is a name with the values it can take; `draw` picks one value per axis from a
seeded random generator, then makes the choices agree with each other (a medal printed in
the sidebar needs a sidebar; a slide deck has no columns). `--axis name=value` in the
benchmark and the tests force an axis through `draw(seed, forced)`.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

AXES: dict[str, tuple] = {
    "page": ("a4", "a4", "a4", "slide"),  # weights by repetition
    "columns": (1, 2, 2, 3),
    "sidebar": ("none", "none", "left", "right"),
    "medal": ("banner", "badge", "shape", "run_in", "sidebar", "small_caps", "rotated"),
    "headings": ("profile", "unseen", "mixed", "none"),
    "heading_style": ("line", "caps", "run_in"),
    "summary_heading": (False, False, True),
    "summary_style": ("plain", "plain", "italic"),
    "block_order": ("standard", "standard", "problem_first"),
    "bullet": ("•", "•", "–", "▪"),
    "territory_label": ("known", "unknown", "none"),
    "territory_sep": ("newline", "comma", "slash", "et"),
    "category_on_card": (True, False),
    "listing": ("bullets", "table", "palmares", "none"),
    "divider_numbers": (False, True),
    "title_style": ("plain", "quoted"),
    "share_pages": (False, True),
    "long_cards": (False, True),
    "header": (True, False),
    "page_number": ("plain", "dashes", "page", "of_total", "none"),
    "margin_text": (False, True),
    "font": ("Helvetica", "Times", "DejaVu"),
    "body_size": (8.5, 9.0, 9.5, 10.0),
    "accent": ("navy", "teal", "plum", "rust", "green"),
    "justify": (False, True),
    "hyphenate": (False, True),
    "shuffle": (False, True),
}
COLOURS = {
    "navy": (0.11, 0.21, 0.42),
    "teal": (0.0, 0.45, 0.47),
    "plum": (0.45, 0.16, 0.40),
    "rust": (0.66, 0.27, 0.11),
    "green": (0.16, 0.42, 0.20),
}
ORDERS = {
    "standard": ("innovation", "problematique", "apports"),
    "problem_first": ("problematique", "innovation", "apports"),
}
SLIDE_MEDALS = ("shape", "badge", "run_in")
SIDES = ("left", "right")
# (axis, values that constrain, constrained axis, values it may then take, first axis's fallback)
CONSTRAINTS = (
    ("page", ("slide",), "columns", (1,), "a4"),  # a slide's blocks stand side by side
    ("page", ("slide",), "sidebar", ("none",), "a4"),
    ("page", ("slide",), "share_pages", (False,), "a4"),
    ("page", ("slide",), "hyphenate", (False,), "a4"),
    ("page", ("slide",), "justify", (False,), "a4"),
    ("page", ("slide",), "medal", SLIDE_MEDALS, "a4"),
    ("medal", ("sidebar",), "sidebar", SIDES, "badge"),  # a medal in the sidebar needs one
    ("sidebar", SIDES, "columns", (1, 2), "none"),  # beside a sidebar, two columns at most
    (
        "headings",
        ("none",),
        "heading_style",
        ("line", "caps"),
        "unseen",
    ),  # no run-in label without words
    ("hyphenate", (True,), "justify", (True,), False),  # hyphens belong to justified columns
)


@dataclass(frozen=True)
class Design:
    """One value per axis (see AXES), plus the seed that drew them."""

    seed: int
    page: str
    columns: int
    sidebar: str
    medal: str
    headings: str
    heading_style: str
    summary_heading: bool
    summary_style: str
    block_order: str
    bullet: str
    territory_label: str
    territory_sep: str
    category_on_card: bool
    listing: str
    divider_numbers: bool
    title_style: str
    share_pages: bool
    long_cards: bool
    header: bool
    page_number: str
    margin_text: bool
    font: str
    body_size: float
    accent: str
    justify: bool
    hyphenate: bool
    shuffle: bool

    def axes(self) -> dict:
        """The axis values (without the seed), for reports."""
        values = asdict(self)
        values.pop("seed")
        return values


def parse(value: str, axis: str):
    """An axis value given as text ("columns=2", "justify=true") in the axis's own type."""
    if axis not in AXES:
        raise ValueError(f"unknown axis {axis!r}; axes: {', '.join(AXES)}")
    for option in AXES[axis]:
        if str(option).lower() == value.strip().lower():
            return option
    raise ValueError(f"axis {axis} takes {sorted({str(o) for o in AXES[axis]})}, not {value!r}")


def draw(seed: int, forced: dict | None = None) -> Design:
    """The design of seed `seed`: a random value per axis, the forced ones kept, made coherent."""
    rng = random.Random(f"design-{seed}")
    values = {axis: rng.choice(options) for axis, options in AXES.items()}
    values.update(forced or {})
    return Design(seed=seed, **_coherent(values, set(forced or {}), rng))


def _coherent(values: dict, forced: set, rng: random.Random) -> dict:
    """Make the choices agree: a drawn value gives way to a forced one; two forced values that
    cannot go together are an error."""
    changed = True
    while changed:
        changed = False
        for axis, causes, other, allowed, fallback in CONSTRAINTS:
            if values[axis] not in causes or values[other] in allowed:
                continue
            if other not in forced:
                values[other] = rng.choice(allowed)
            elif axis not in forced:
                values[axis] = fallback
            else:
                raise ValueError(f"{axis}={values[axis]} cannot go with {other}={values[other]}")
            changed = True
    return values
