"""The output: one validated document per yearbook (pydantic v2).

`schemas/annuaire.schema.json` is generated from `Annuaire`. Versions (docs/schema.md):
SCHEMA_VERSION's minor number goes up when fields are only added (1.1 added the
enrichment, 1.2 the territories' registry links, 1.3 the entities' source and code, 1.4
the page kind palmares, 1.5 the pages' size), its major number when a field is removed,
renamed or changes meaning (2.0: the archivist's corrections, a corrected field's provenance
being the string "corrected", and ids that keep whole words).
The published schema lets objects carry properties it does not know, so that a consumer
validating with the 2.x schema accepts any 2.y document (y > x); the pipeline itself
validates its own output strictly (`Model` forbids extra fields).
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
    x0: float = Field(description="Left edge, in points from the page's left")
    top: float = Field(description="Top edge, in points from the page's top")
    x1: float = Field(description="Right edge, in points from the page's left")
    bottom: float = Field(description="Bottom edge, in points from the page's top")


class Territory(Model):
    """A territory (local government) the card names as the project's holder."""

    name: str = Field(description="As printed, without a leading article or the acronym")
    kind: TerritoryKind = Field(
        description="The kind of local government, read from the name's title ('Ville de', "
        "'Communauté de communes'…); autre when none is known"
    )
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
    precision: Literal["day", "month", "year", "season"] = Field(
        description="How precise the expression is"
    )
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

    field: CorrectedField = Field(description="The corrected field of the record")
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
    medal: Medal | None = Field(
        description="The award: or, argent, bronze; null when the card names none"
    )
    title: str = Field(description="Without « » and without 'Pour le projet'")
    territories: list[Territory] = Field(
        description="The territories holding the project, in the card's order"
    )
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
    title: str | None = Field(
        description="The project's title in the entry; null when it cannot be told apart"
    )
    territories: str | None = Field(description="The territories in the entry, as printed")
    medal: Medal | None = Field(
        description="The medal the entry's marker gives; null without a marker"
    )
    project_id: str | None = Field(description="The card it was matched to, if any")
    box: Box = Field(description="Where the entry is printed")


class Category(Model):
    """A category of the yearbook, from its section page."""

    name: str = Field(description="Canonical name")
    printed: str = Field(description="As the section page prints it")
    page: int = Field(description="1-based number of the section page in the PDF file")
    page_label: str | None = Field(description="The page number printed on the section page")
    listed: list[ListedProject] = Field(
        description="The projects the section page lists, in its order"
    )


class TocEntry(Model):
    """A line of the table of contents."""

    text: str = Field(description="As printed, leader dots and page number left out")
    page_label: str = Field(description="The page number it points to, as printed")
    level: int = Field(
        description="0: a part of the yearbook (a category among them); 1: a project"
    )


class FrontSection(Model):
    """A section of the pages before the cards (foreword, jury, calendar, the table of contents)."""

    heading: str = Field(description="The section's heading as printed")
    text: str = Field(description="The section's text, paragraphs separated by line breaks")
    pages: list[int] = Field(description="1-based page numbers in the PDF file")
    dates: list[DateRef] | None = Field(
        description="Every date expression of the text; null when enrichment was turned off"
    )


class Warning(Model):
    """Something inconsistent or doubtful, for a person to check."""

    code: WarningCodeName = Field(
        description="Stable identifier; the docs' output reference says what each one means"
    )
    severity: Severity = Field(
        description="warning: a value may be wrong (--strict fails on it); info: worth knowing, "
        "nothing wrong"
    )
    message: str = Field(description="One sentence for a person, naming what and where")
    pages: list[int] = Field(description="1-based page numbers in the PDF file it concerns")
    project_id: str | None = Field(
        None, description="The card it concerns; null for the whole yearbook"
    )


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

    page: int = Field(description="1-based page number in the PDF file")
    text: str = Field(description="The line as read")
    reason: str = Field(
        description="card_header (above a card's award line), section_text (prose on a "
        "section page), rotated_text (rotated text that does not repeat from page to page), "
        "not_placed (no stage took it)"
    )
    box: Box = Field(description="Where the line is printed")


class RemovedText(Model):
    """Page furniture: repeated on many pages, it is no part of any record."""

    text: str = Field(description="The line as read")
    reason: Literal["running_header", "running_footer", "page_number", "logo", "margin_text"] = (
        Field(description="What it was taken for")
    )


class PageInfo(Model):
    """One page of the PDF file: what it holds and how well it was read."""

    number: int = Field(description="1-based page number in the PDF file")
    width: float = Field(
        description="Width of the page in points (1/72 inch): the frame of every box"
    )
    height: float = Field(description="Height of the page in points")
    label: str | None = Field(description="The page number printed on the page")
    kind: PageKind = Field(
        description="cover, toc (table of contents), front_matter, section (a category's "
        "page), card (a card starts), card_continued"
    )
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
    """The PDF file the document was made from."""

    file_name: str = Field(description="Its name, without the folder")
    sha256: str = Field(description="SHA-256 of its bytes, in hexadecimal: which file exactly")
    page_count: int = Field(description="Its number of pages")


class JuryMember(Model):
    name: str = Field(description="As printed")
    organisation: str = Field(description="The organisation printed with the name")


class Dated(Model):
    """A dated sentence of the front matter."""

    date: DateRef = Field(description="Offset into the text of front_matter[section]")
    section: int = Field(description="Index in front_matter of the section the sentence is in")
    sentence: str = Field(description="The sentence, as printed")


class Ceremony(Dated):
    """The award ceremony, as the front matter tells of it."""

    venue: str | None = Field(description="Where it takes place, as printed; null when unsaid")
    city: str | None = Field(description="The city it takes place in; null when unsaid")


class CalendarStep(Dated):
    step: str | None = Field(
        description="applications_close, selection_notice, auditions, results, ceremony "
        "(the profile's names); null when the sentence says none of them"
    )


class NextEdition(Model):
    """The next edition, as the front matter announces it."""

    year: int = Field(description="Its year")
    calendar: list[CalendarStep] = Field(description="Its dated steps, in the front matter's order")


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
    ceremony: Ceremony | None = Field(
        None, description="The award ceremony, when the front matter tells of it"
    )
    next_edition: NextEdition | None = Field(None, description="The next edition's calendar")


class Annuaire(Model):
    """One yearbook of the Label « Territoire Innovant », converted."""

    schema_version: str = Field(
        SCHEMA_VERSION,
        pattern=r"^2\.[0-9]+$",
        description="MAJOR.MINOR of the schema the document follows: a 2.x consumer "
        "reads any 2.y document, ignoring the properties it does not know",
    )
    source: Source = Field(description="The PDF file it was made from")
    profile: str = Field(description="The edition profile used to read the yearbook")
    edition: Edition = Field(
        description="The edition: its year and the facts its front matter gives"
    )
    categories: list[Category] = Field(description="The categories, in the yearbook's order")
    projects: list[Project] = Field(description="Every project card, in the yearbook's order")
    warnings: list[Warning] = Field(
        description="Everything inconsistent or doubtful, for a person to check"
    )
    unplaced: list[Unplaced] = Field(
        description="Text no stage could assign to a field: nothing is lost silently"
    )
    toc: list[TocEntry] = Field(description="The table of contents, line by line")
    front_matter: list[FrontSection] = Field(description="The sections before the cards")
    pages: list[PageInfo] = Field(description="Every page of the file, in order")
