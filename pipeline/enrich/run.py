"""Stage 7 — enrich: what downstream tools search, join and chart, read from the texts.

- every project's summary and blocks: dates (`dates.py`), key figures (`figures.py`),
  named entities (`entities.py`, one `nlp.pipe` over all the texts of the yearbook);
- every front-matter section's text: dates;
- the front matter as a whole: the edition's facts (`edition.py`).
An impossible date becomes a `date_invalid` warning. The stage runs after reconcile and
only when asked (`--no-enrich` turns it off; the fields are then null).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..outputs.models import Warning, warn
from ..stages.frontmatter import FrontPart
from ..stages.reconcile import Placed, describe
from ..vocabulary import CARD_TEXTS
from . import dates, edition, entities, figures
from .rules import Registry


@dataclass
class Found:
    """One project's findings, each with the field it was found in."""

    dates: list[tuple[str, dates.DateFound]]
    figures: list[tuple[str, figures.FigureFound]]
    entities: list[tuple[str, entities.EntityFound]]


@dataclass
class Enrichment:
    projects: dict[str, Found]  # project id → its findings
    front_dates: list[list[dates.DateFound]]  # per front-matter section
    facts: edition.Facts
    warnings: list[Warning]


def run(
    placed: list[Placed],
    sections: list[FrontPart],
    context: Context,
    year: int | None,
    registry: Registry | None = None,
    model: entities.Reader | None = None,
) -> Enrichment:
    """Every project's findings, the front matter's dates and the edition's facts;
    `registry`: a territory registry, for the codes of the territories the texts name;
    `model`: how the entities' model reads texts (here by default)."""
    projects, warnings = project_findings(placed, context, registry, model)
    front_dates = [dates.find(s.text) for s in sections]
    for section, found in zip(sections, front_dates, strict=True):
        warnings += front_date_warnings(section, found)
    facts = edition.facts(sections, front_dates, context, year)
    return Enrichment(projects, front_dates, facts, warnings)


def project_findings(
    placed: list[Placed],
    context: Context,
    registry: Registry | None = None,
    model: entities.Reader | None = None,
) -> tuple[dict[str, Found], list[Warning]]:
    """Each project's dates, figures and entities, field by field, and its invalid dates."""
    fields = [
        (p, name, text) for p in placed for name in CARD_TEXTS if (text := field_text(p, name))
    ]
    territories = [t for p in placed for t in p.card.territories]
    texts = [text for _, _, text in fields]
    titles = [p.card.title for p in placed]
    named = entities.find(texts, context.profile, territories, titles, registry, model)
    projects = {p.id: Found([], [], []) for p in placed}
    warnings: list[Warning] = []
    for (p, name, text), ents in zip(fields, named, strict=True):
        found = projects[p.id]
        ds = dates.find(text)
        found.dates += [(name, d) for d in ds]
        spans = [(d.offset, d.offset + len(d.text)) for d in ds]
        found.figures += [(name, f) for f in figures.find(text, spans)]
        found.entities += [(name, e) for e in ents]
        warnings += card_date_warnings(p, name, ds)
    return projects, warnings


def card_date_warnings(p: Placed, name: str, found: list[dates.DateFound]) -> list[Warning]:
    """A warning for each date of a card's field the calendar lacks."""
    return [
        warn(
            "date_invalid",
            f"{describe(p)}: the {name} gives a date the calendar lacks, « {d.text} »; "
            "kept as written",
            p.card.pages,
            p.id,
        )
        for d in found
        if not d.valid
    ]


def front_date_warnings(section: FrontPart, found: list[dates.DateFound]) -> list[Warning]:
    """A warning for each date of a front-matter section the calendar lacks."""
    # the pages of the section's text, not its heading's
    pages = sorted({line.page for line in section.lines[len(section.heads) :]}) or section.pages
    return [
        warn(
            "date_invalid",
            f"front matter « {section.heading} »: a date the calendar lacks, « {d.text} »; "
            "kept as written",
            pages,
        )
        for d in found
        if not d.valid
    ]


def field_text(p: Placed, name: str) -> str | None:
    return p.card.summary if name == "summary" else p.card.blocks[name]
