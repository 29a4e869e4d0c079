"""The output: one validated document per yearbook (pydantic v2).

`schemas/annuaire.schema.json` is generated from `Annuaire`; bump SCHEMA_VERSION
whenever a change to these models would break a consumer.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Medal = Literal["or", "argent", "bronze"]
Kind = Literal["commune", "communaute_de_communes", "communaute_d_agglomeration", "communaute_urbaine",
               "metropole", "departement", "region", "syndicat", "etat", "autre"]
Block = Literal["summary", "innovation", "problematique", "apports"]
PageKind = Literal["cover", "toc", "front_matter", "section", "card", "card_continued"]


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
    kind: Kind
    acronym: str | None = Field(None, description="Given in brackets after the name, e.g. CANGT")
    service: str | None = Field(None, description="The service named after the territory, not a territory itself")


class Project(Model):
    """One project card."""

    id: str = Field(description="Stable: edition, category and title slugs")
    category: str = Field(description="Canonical category name, as the table of contents writes it")
    medal: Medal | None
    title: str = Field(description="Without « » and without 'Pour le projet'")
    territories: list[Territory]
    summary: str | None = Field(description="The intro between the title and the first block")
    innovation: str | None = Field(description="Block 'Innovation du projet'; null when the card lacks it")
    problematique: str | None = Field(description="Block 'Le projet a-t-il permis de répondre à une "
                                                  "problématique du territoire ?'; null when absent")
    apports: str | None = Field(description="Block 'Les apports du projet'; null when absent")
    pages: list[int] = Field(min_length=1, description="1-based page numbers in the PDF file, first one first")
    page_labels: list[str | None] = Field(description="The page numbers printed on those pages")
    headings: dict[str, str] = Field(description="Each block's heading as printed (its wording varies)")
    provenance: dict[str, list[Box]] = Field(description="Per field, the boxes it was read from")
    ocr: bool = Field(description="The card's text was read by OCR (a scan)")
    ocr_confidence: float | None = Field(description="OCR engine's mean word confidence (0-100) over the "
                                                     "card's pages; null when not OCR'd")


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
    level: int = Field(description="0: a part of the yearbook (a category among them); 1: a project")


class FrontSection(Model):
    heading: str
    text: str
    pages: list[int]


class Warning(Model):
    code: str = Field(description="Stable identifier, e.g. not_in_toc, title_mismatch, block_missing, "
                                  "low_coverage, repaired, damaged")
    severity: Literal["warning", "info"]
    message: str
    pages: list[int]
    project_id: str | None = None


class Unplaced(Model):
    """Text no stage could assign to a field; kept so that nothing is silently lost."""

    page: int
    text: str
    reason: str = Field(description="card_header (above a card's award line), section_text (prose on a "
                                    "section page), not_placed (no stage took it)")
    box: Box


class RemovedText(Model):
    text: str
    reason: Literal["running_header", "running_footer", "page_number", "logo"]


class PageInfo(Model):
    number: int
    label: str | None = Field(description="The page number printed on the page")
    kind: PageKind
    ocr: bool = Field(description="The page's text comes from OCR")
    ocr_confidence: float | None = Field(description="OCR engine's mean word confidence (0-100)")
    coverage: float | None = Field(ge=0, le=1, description="Share of the page's body characters (furniture "
                                   "taken out) that ended up in a field; null when the page has no body text")
    removed: list[RemovedText] = Field(description="Page furniture taken out before reading")


class Source(Model):
    file_name: str
    sha256: str
    page_count: int


class Edition(Model):
    year: int | None = Field(description="The edition's year, as its cover or running header prints it")


class Annuaire(Model):
    """One yearbook of the Label « Territoire Innovant », converted."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
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
