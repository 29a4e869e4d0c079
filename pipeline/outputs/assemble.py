"""Assemble: the reading's records mapped to the validated output models (`models`).

The stages keep their own small records (`Card`, `Placed`, `FrontPart`, …); this module
is the one place that knows how each becomes a field of the published document.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..elements import Page, Rect, Stray, merge_boxes
from ..reading import Reading
from ..registry import Link
from ..review.corrections import Applied, Fix
from ..stages import categories
from ..stages.frontmatter import FrontPart
from ..stages.listing import Listed
from ..stages.place import Placing
from ..stages.reconcile import Placed
from ..stages.territory import TerritoryName
from ..vocabulary import REGISTRY_KINDS
from . import models as out

if TYPE_CHECKING:  # the enrichment's records, imported by a conversion that enriches
    from ..enrich.dates import DateFound
    from ..enrich.edition import DatedSentence
    from ..enrich.run import Enrichment, Found


@dataclass(frozen=True)
class Assembly:
    """Everything the document is made of, as the stages left it."""

    source: out.Source
    reading: Reading
    placing: Placing
    matches: dict[tuple[int, int], str]  # (section or palmarès page, listing index) → project id
    links: dict[str, list[Link]]  # project id → the registry link of each of its territories
    front: list[FrontPart]
    strays: list[Stray]
    coverage: dict[int, float | None]  # page → share of its text in fields
    warnings: list[out.Warning]
    found: Enrichment | None  # None when enrichment is off
    corrections: Applied  # the corrections file's fixes and checked marks


def document(parts: Assembly) -> out.Annuaire:
    """The validated document."""
    reading, found = parts.reading, parts.found
    labels = {page.number: page.label for page in reading.pages}
    ocr_pages = {page.number: page.confidence for page in reading.pages if page.ocr}
    return out.Annuaire(
        source=parts.source,
        profile=reading.context.profile.name,
        edition=edition_model(parts.placing.year, found),
        categories=category_models(parts, labels),
        projects=[
            project_model(
                p,
                labels,
                ocr_pages,
                parts.links[p.id],
                found.projects[p.id] if found else None,
                parts.corrections,
            )
            for p in parts.placing.placed
        ],
        warnings=parts.warnings,
        unplaced=[unplaced_model(stray) for stray in parts.strays],
        toc=[
            out.TocEntry(text=e.text, page_label=e.page_label, level=e.level)
            for e in reading.entries
        ],
        front_matter=[
            front_model(section, found.front_dates[i] if found else None)
            for i, section in enumerate(parts.front)
        ],
        pages=[page_model(page, parts) for page in reading.pages],
    )


def boxes(found: list[Rect]) -> list[out.Box]:
    return [out.Box(page=b.page, x0=b.x0, top=b.top, x1=b.x1, bottom=b.bottom) for b in found]


def project_model(
    placed: Placed,
    labels: dict[int, str | None],
    ocr_pages: dict[int, float | None],
    links: list[Link],
    found: Found | None,
    applied: Applied,
) -> out.Project:
    card = placed.card
    fixes = applied.fixes.get(placed.id, [])
    confidences = [c for n in card.pages if (c := ocr_pages.get(n)) is not None]
    return out.Project(
        id=placed.id,
        category=placed.category,
        medal=card.medal,
        title=card.title,
        territories=[
            territory_model(t, link) for t, link in zip(card.territories, links, strict=True)
        ],
        summary=card.summary,
        innovation=card.blocks["innovation"],
        problematique=card.blocks["problematique"],
        apports=card.blocks["apports"],
        pages=card.pages,
        page_labels=[labels.get(n) for n in card.pages],
        headings=card.headings,
        provenance=provenance(card.provenance, fixes),
        corrections=[correction_model(fix, card.provenance) for fix in fixes],
        checked=placed.id in applied.checked,
        ocr=any(n in ocr_pages for n in card.pages),
        ocr_confidence=round(sum(confidences) / len(confidences), 1) if confidences else None,
        **mentions(found),
    )


def provenance(read: dict[str, list[Rect]], fixes: list[Fix]) -> dict[str, list[out.Box] | str]:
    """Per field, the boxes it was read from, or "corrected" when the corrections file set it."""
    corrected = [fix.field for fix in fixes]
    kept = {
        field: boxes(found) for field, found in read.items() if found and field not in corrected
    }
    return kept | {field: "corrected" for field in corrected}


def correction_model(fix: Fix, read: dict[str, list[Rect]]) -> out.Correction:
    """A fix applied, with the value it replaced and where that value was read."""
    return out.Correction(
        field=fix.field,
        extracted=listed(fix.extracted),
        value=listed(fix.value),
        note=fix.note,
        boxes=boxes(read.get(fix.field, [])),
    )


def listed(value):
    """A corrections file's value in the document: territories as a list."""
    return list(value) if isinstance(value, tuple) else value


def territory_model(t: TerritoryName, link: Link) -> out.Territory:
    """The territory as read, and as the registry knows it; its kind the registry's when linked."""
    entry = link.entry
    registry = {}
    if entry:
        registry = dict(
            kind=REGISTRY_KINDS[entry.kind],
            code=entry.code,
            registry_name=entry.name,
            registry_kind=entry.kind,
            departement=entry.departement,
            region=entry.region,
            population=entry.population,
        )
    read = dict(kind=t.kind, acronym=t.acronym, service=t.service, canonical=t.canonical)
    return out.Territory(**(read | registry), name=t.name, place=t.place, match=link.match)


def mentions(found: Found | None) -> dict:
    """A project's dates, figures and entities; all None when enrichment was off."""
    if found is None:
        return {"dates": None, "figures": None, "entities": None}
    return {
        "dates": [date_model(d, field) for field, d in found.dates],
        "figures": [
            out.Figure(
                field=field,
                offset=f.offset,
                text=f.text,
                value=f.value,
                unit=f.unit,
                counts=f.counts,
            )
            for field, f in found.figures
        ],
        # an entity found has the output's fields, its field apart
        "entities": [out.Entity(field=field, **asdict(e)) for field, e in found.entities],
    }


def front_model(section: FrontPart, found: list[DateFound] | None) -> out.FrontSection:
    return out.FrontSection(
        heading=section.heading,
        text=section.text,
        pages=section.pages,
        dates=[date_model(d, "text") for d in found] if found is not None else None,
    )


def date_model(d: DateFound, field: str) -> out.DateRef:
    return out.DateRef(
        field=field,
        offset=d.offset,
        text=d.text,
        precision=d.precision,
        value=d.value,
        start=d.start,
        end=d.end,
        valid=d.valid,
    )


def dated(d: DatedSentence) -> dict:
    """The fields of a dated sentence of the front matter."""
    return {"date": date_model(d.date, "text"), "section": d.section, "sentence": d.sentence}


def edition_model(year: int | None, found: Enrichment | None) -> out.Edition:
    if found is None:
        return out.Edition(year=year)
    facts = found.facts
    ceremony = facts.ceremony
    return out.Edition(
        year=year,
        applications=facts.applications,
        auditioned=facts.auditioned,
        labelled=facts.labelled,
        jury=[out.JuryMember(name=j.name, organisation=j.organisation) for j in facts.jury],
        criteria=facts.criteria,
        ceremony=out.Ceremony(**dated(ceremony.when), venue=ceremony.venue, city=ceremony.city)
        if ceremony
        else None,
        next_edition=out.NextEdition(
            year=facts.next_year,
            calendar=[out.CalendarStep(step=step, **dated(d)) for step, d in facts.calendar],
        )
        if facts.next_year
        else None,
    )


def category_models(parts: Assembly, labels: dict[int, str | None]) -> list[out.Category]:
    """One category per section with its listing; the palmarès's entries go to the category
    they name (a category of its own, on the palmarès's page, when no section names it)."""
    names, book = parts.placing.category_names, parts.reading.palmares
    found = [
        (names[s.page], s.title, s.page, keyed(parts.reading.listings[s.page].entries, s.page))
        for s in parts.reading.segments.sections
    ]
    entries = keyed(book.entries, book.pages[0]) if book.entries else []
    for (item, where), name in zip(entries, palmares_names(parts), strict=True):
        if all(category[0] != name for category in found):
            found.append((name, item.category or "", item.page, []))
        next(category for category in found if category[0] == name)[3].append((item, where))
    return [
        out.Category(
            name=name,
            printed=printed,
            page=page,
            page_label=labels.get(page),
            listed=[listed_model(item, parts.matches.get(where)) for item, where in items],
        )
        for name, printed, page, items in found
    ]


def keyed(entries: list[Listed], page: int) -> list[tuple[Listed, tuple[int, int]]]:
    """Each entry with its key in the matches: (its listing's first page, its index)."""
    return [(item, (page, i)) for i, item in enumerate(entries)]


def palmares_names(parts: Assembly) -> list[str]:
    """The canonical name of the category each palmarès entry names."""
    known = list(parts.placing.category_names.values()) + parts.reading.context.profile.categories
    lexicon = parts.reading.context.lexicon
    return [
        categories.canonical(e.category or "", known, lexicon)
        for e in parts.reading.palmares.entries
    ]


def listed_model(item: Listed, project_id: str | None) -> out.ListedProject:
    return out.ListedProject(
        text=item.text,
        title=item.title,
        territories=item.territories,
        medal=item.medal,
        project_id=project_id,
        box=boxes(merge_boxes(item.lines))[0],
    )


def page_kind(number: int, reading: Reading) -> str:
    """The page's kind; a page that holds nothing but the palmarès is the palmarès."""
    if number in reading.palmares.alone:
        return "palmares"
    return reading.segments.kinds.get(number, "front_matter")


def unplaced_model(stray: Stray) -> out.Unplaced:
    return out.Unplaced(
        page=stray.line.page,
        text=stray.line.text,
        reason=stray.reason,
        box=boxes([stray.line.box.rounded()])[0],
    )


def page_model(page: Page, parts: Assembly) -> out.PageInfo:
    return out.PageInfo(
        number=page.number,
        width=round(page.width, 2),
        height=round(page.height, 2),
        label=page.label,
        kind=page_kind(page.number, parts.reading),
        ocr=page.ocr,
        ocr_confidence=page.confidence,
        coverage=parts.coverage[page.number],
        removed=[
            out.RemovedText(text=r.line.text, reason=r.reason)
            for r in parts.reading.removed
            if r.line.page == page.number
        ],
    )
