"""The output: one validated document per yearbook (pydantic v2).

`schemas/annuaire.schema.json` is generated from `Annuaire`; bump SCHEMA_VERSION
whenever a change to these models would break a consumer (the minor number when
fields or values are only added: 1.1 added the enrichment, 1.2 the territories' registry
links, 1.3 the entities' source and code, 1.4 the page kind `palmares`; 2.0 the archivist's
corrections, a corrected field's provenance being the string "corrected", and ids that keep
whole words).
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..vocabulary import (
    CorrectedField,
    EntityLabel,
    EntitySource,
    Medal,
    RegistryKind,
    RegistryMatch,
    Severity,
    TerritoryKind,
    TextField,
    WarningCodeName,
    severity_of,
)

SCHEMA_VERSION: Final = "2.0"

PageKind = Literal["cover", "toc", "front_matter", "section", "card", "card_continued", "palmares"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Box(Model):
    """Where a value was read: a rectangle in pdfplumber coordinates (points, origin top-left)."""

    page: int = Field(ge=1, description="1-based page number in the PDF file")
    x0: float
    top: float
    x1: float
    bottom: float


class Territory(Model):
    name: str = Field(description="As printed, without a leading article or the acronym")
    kind: TerritoryKind
    acronym: str | None = Field(None, description="Given in brackets after the name, e.g. CANGT")
    service: str | None = Field(
        None, description="The service named after the territory, not a territory itself"
    )
    canonical: str = Field(
        description="The name with the institution's title spelled one way: "
        "'Communauté d'agglomération du Nord Grande Terre'"
    )
    place: str | None = Field(
        description="What the territory is named after: 'Loire' for 'Département de la "
        "Loire', 'Rennes' for 'Rennes Métropole'; null when the name has no "
        "known title"
    )
    code: str | None = Field(
        None,
        description="In France's registry of local governments: the INSEE code of a "
        "commune, département or région (75056, 42, 2A004), the SIREN of an "
        "EPCI (243500139); null when absent or ambiguous",
    )
    registry_name: str | None = Field(
        None, description="The official name ('CA du Nord Grande Terre')"
    )
    registry_kind: RegistryKind | None = Field(
        None,
        description="The registry's word: commune (or a former "
        "commune: commune_deleguee, commune_associee), "
        "an EPCI's type CC, CA, CU, METRO, MET69 (Métropole "
        "de Lyon), departement, region",
    )
    departement: str | None = Field(
        None,
        description="INSEE code of its département (for an EPCI, the one where "
        "most of its people live)",
    )
    region: str | None = Field(None, description="INSEE code of its région")
    population: int | None = Field(
        None,
        description="Municipal population (INSEE), summed over the communes for "
        "a département or a région",
    )
    match: RegistryMatch = Field(
        "absent",
        description="How the name was found in the registry: exact (the official name as "
        "printed, after the title), normalised (titles, accents, hyphens, "
        "articles, abbreviations folded), fuzzy (nearly the same), absent (not "
        "there: never forced), ambiguous (several homonyms the card could not "
        "tell apart; an info warning lists them)",
    )


class Mention(Model):
    """Something found in a text field: which field, where in it, and as written."""

    field: TextField = Field(
        description="The field of the record (a project's block, or a front-matter section's text)"
    )
    offset: int = Field(ge=0, description="Index of the first character in the field's text")
    text: str = Field(description="As written: field_text[offset:offset + len(text)]")


class DateRef(Mention):
    precision: Literal["day", "month", "year", "season"]
    value: str | None = Field(
        description="ISO 8601: 2023-03-22, 2023-03, 2023, a season as ISO 8601-2 "
        "(2022-22: summer 2022), a range as start/end; null when invalid"
    )
    start: str | None = Field(
        description="The first day, month, year or season (ISO); null when invalid"
    )
    end: str | None = Field(description="The last one; equal to start for a single date")
    valid: bool = Field(
        description="False for a date the calendar lacks ('31 novembre 2023'): "
        "kept as written, never moved to another day; a date_invalid warning tells of it"
    )


class Figure(Mention):
    value: int | float = Field(
        description="The number: French decimal comma and thousands spaces read, scales "
        "(millions, k€, M€) applied"
    )
    unit: str | None = Field(
        description="%, €, km², ha, t, h, min, jours, mois, ans…; null for a count"
    )
    counts: str | None = Field(
        description="What is counted: 'demandes' in '12 500 demandes', 'agents' in '98% des agents'"
    )


class Entity(Mention):
    label: EntityLabel = Field(
        description="ORG organisation (territories named as institutions among them), LOC place, "
        "PER person, MISC programme, product or standard"
    )
    source: EntitySource = Field(
        description="What found it: the statistical model, a rule of the domain (the yearbook's "
        "territories and projects, the profile's acronyms, institutions' titles, programme "
        "words…), or the territory registry"
    )
    code: str | None = Field(
        None, description="The territory's code, where the territory registry knows it"
    )


class Correction(Model):
    """A value an archivist corrected, from the corrections file (`<name>.corrections.toml`)."""

    field: CorrectedField
    extracted: str | list[str] | None = Field(
        description="The value the pipeline read (territories: one line per territory)"
    )
    value: str | list[str] | None = Field(description="The corrected value, which the record holds")
    note: str | None = Field(description="Why, as the archivist wrote it")
    boxes: list[Box] = Field(description="Where the extracted value was read")


class Project(Model):
    """One project card."""

    id: str = Field(description="Stable: edition, category and title slugs")
    category: str = Field(description="Canonical category name, as the table of contents writes it")
    medal: Medal | None
    title: str = Field(description="Without « » and without 'Pour le projet'")
    territories: list[Territory]
    summary: str | None = Field(description="The intro between the title and the first block")
    innovation: str | None = Field(
        description="Block 'Innovation du projet'; null when the card lacks it"
    )
    problematique: str | None = Field(
        description="Block 'Le projet a-t-il permis de répondre à une "
        "problématique du territoire ?'; null when absent"
    )
    apports: str | None = Field(description="Block 'Les apports du projet'; null when absent")
    pages: list[int] = Field(
        min_length=1, description="1-based page numbers in the PDF file, first one first"
    )
    page_labels: list[str | None] = Field(description="The page numbers printed on those pages")
    headings: dict[str, str] = Field(
        description="Each block's heading as printed (its wording varies)"
    )
    provenance: dict[str, list[Box] | Literal["corrected"]] = Field(
        description="Per field, the boxes it was read from; 'corrected' for a field whose value "
        "comes from the corrections file (the boxes of the value it replaced are in `corrections`)"
    )
    corrections: list[Correction] = Field(
        description="The corrections file's fixes applied to this record"
    )
    checked: bool = Field(description="Marked as checked by a person in the corrections file")

    def boxes_of(self, field: str) -> list[Box]:
        """Where a field was read; for a corrected one, where the value it replaced was read."""
        read = self.provenance.get(field)
        if isinstance(read, list):
            return read
        return next((c.boxes for c in self.corrections if c.field == field), [])

    ocr: bool = Field(description="The card's text was read by OCR (a scan)")
    ocr_confidence: float | None = Field(
        description="OCR engine's mean word confidence (0-100) over the "
        "card's pages; null when not OCR'd"
    )
    dates: list[DateRef] | None = Field(
        description="Every date expression of the summary and the blocks; "
        "null when enrichment was turned off"
    )
    figures: list[Figure] | None = Field(
        description="Key figures of the summary and the blocks; null when off"
    )
    entities: list[Entity] | None = Field(
        description="Named entities of the summary and the blocks; null when off"
    )


class ListedProject(Model):
    """A project as its category's listing page announces it."""

    text: str = Field(description="The entry as printed, medal marker left out")
    title: str | None
    territories: str | None
    medal: Medal | None
    project_id: str | None = Field(description="The card it was matched to, if any")
    box: Box


class Category(Model):
    name: str = Field(description="Canonical name")
    printed: str = Field(description="As the section page prints it")
    page: int
    page_label: str | None
    listed: list[ListedProject]


class TocEntry(Model):
    text: str
    page_label: str
    level: int = Field(
        description="0: a part of the yearbook (a category among them); 1: a project"
    )


class FrontSection(Model):
    heading: str
    text: str
    pages: list[int]
    dates: list[DateRef] | None = Field(
        description="Every date expression of the text; null when enrichment was turned off"
    )


class Warning(Model):
    code: WarningCodeName = Field(
        description="Stable identifier; the docs' output reference says what each one means"
    )
    severity: Severity
    message: str
    pages: list[int]
    project_id: str | None = None


def warn(code: str, message: str, pages, project_id: str | None = None) -> Warning:
    """A warning of a registered code, with the severity the registry gives it."""
    return Warning(
        code=code,
        severity=severity_of(code),
        message=message,
        pages=sorted(set(pages)),
        project_id=project_id,
    )


class Unplaced(Model):
    """Text no stage could assign to a field; kept so that nothing is silently lost."""

    page: int
    text: str
    reason: str = Field(
        description="card_header (above a card's award line), section_text (prose on a "
        "section page), rotated_text (rotated text that does not repeat from page to page), "
        "not_placed (no stage took it)"
    )
    box: Box


class RemovedText(Model):
    text: str
    reason: Literal["running_header", "running_footer", "page_number", "logo", "margin_text"]


class PageInfo(Model):
    number: int
    label: str | None = Field(description="The page number printed on the page")
    kind: PageKind
    ocr: bool = Field(description="The page's text comes from OCR")
    ocr_confidence: float | None = Field(description="OCR engine's mean word confidence (0-100)")
    coverage: float | None = Field(
        ge=0,
        le=1,
        description="Share of the page's body characters (furniture "
        "taken out) that ended up in a field; null when the page has no body text",
    )
    removed: list[RemovedText] = Field(description="Page furniture taken out before reading")


class Source(Model):
    file_name: str
    sha256: str
    page_count: int


class JuryMember(Model):
    name: str
    organisation: str


class Dated(Model):
    """A dated sentence of the front matter."""

    date: DateRef = Field(description="Offset into the text of front_matter[section]")
    section: int = Field(description="Index in front_matter of the section the sentence is in")
    sentence: str


class Ceremony(Dated):
    """The award ceremony, as the front matter tells of it."""

    venue: str | None
    city: str | None


class CalendarStep(Dated):
    step: str | None = Field(
        description="applications_close, selection_notice, auditions, results, ceremony "
        "(the profile's names); null when the sentence says none of them"
    )


class NextEdition(Model):
    year: int
    calendar: list[CalendarStep]


class Edition(Model):
    year: int | None = Field(
        description="The edition's year, as its cover or running header prints it"
    )
    applications: int | None = Field(None, description="Applications received")
    auditioned: int | None = Field(None, description="Projects auditioned by the jury")
    labelled: int | None = Field(None, description="Projects labelled")
    jury: list[JuryMember] | None = Field(
        None, description="The jury, each member with their organisation"
    )
    criteria: list[str] | None = Field(None, description="The scoring criteria")
    ceremony: Ceremony | None = None
    next_edition: NextEdition | None = Field(None, description="The next edition's calendar")


class Annuaire(Model):
    """One yearbook of the Label « Territoire Innovant », converted."""

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    source: Source
    profile: str = Field(description="The edition profile used to read the yearbook")
    edition: Edition
    categories: list[Category]
    projects: list[Project]
    warnings: list[Warning]
    unplaced: list[Unplaced]
    toc: list[TocEntry]
    front_matter: list[FrontSection]
    pages: list[PageInfo]
