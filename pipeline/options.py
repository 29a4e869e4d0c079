"""What a conversion can be told: the options the command line fills and the API takes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .limits import MAX_MEMORY, MAX_PAGES, TIMEOUT

# which pages are OCR'd: those without a usable text layer, every one, or none (`read.ocr`)
OcrMode = Literal["auto", "always", "never"]


class Options(BaseModel):
    """What a run can be told; the command line fills it.

    `max_pages` is checked before any page is read. `timeout` and `max_memory` bound a
    conversion run in a child process (`batch.convert_file`, the command line): only a
    process can be stopped safely in the middle of pdfminer or Ghostscript.
    """

    model_config = ConfigDict(extra="forbid")

    profile: str = (
        "auto"  # a profile's name or path; "auto": chosen by the edition's year, else by trial
    )
    password: str | None = None
    ocr: OcrMode = "auto"
    reader: Literal["pdfium", "pdfplumber"] = "pdfium"  # the same document; pdfium is faster
    # the corrections file (must exist); with {name} in it, each PDF's, used when it exists
    # (the command line's default: DIR/{name}.corrections.toml); None: none
    corrections: str | None = None
    # a folder where the OCR'd copy of a scan is kept as <pdf name>.ocr.pdf (for the report's
    # images: the boxes were read on its deskewed pages); None: not kept
    ocr_copies: str | None = None
    enrich: bool = True  # dates, key figures, entities and the edition's facts (loads spaCy)
    processes: int = Field(
        2,
        ge=1,
        description="processes one file's conversion may share its work with (PDFium's reading "
        "of the pages, the entity model's reading of the texts), no more than the machine's "
        "cores; the command line gives 1 to each file when several are converted at once",
    )
    timeout: float = Field(TIMEOUT, gt=0, description="seconds one file may take")
    max_pages: int = Field(MAX_PAGES, ge=1, description="pages a file may have")
    max_memory: int = Field(
        MAX_MEMORY, gt=0, description="MiB of memory (address space) one file's conversion may add"
    )
