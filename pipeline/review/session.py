"""What the review app holds while it runs: the yearbook read once, its document, its page images.

The PDF is read (and OCR'd) once, when the app starts; saving a record then re-runs the
conversion from those pages, with the corrections file just written, in well under a second
(the enrichment models stay loaded). Page images are rendered on first use and kept.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from ..conversion import Preread, convert, read_ahead
from ..errors import InputError
from ..options import Options
from ..outputs import images
from ..outputs.models import Annuaire, Project
from ..read import ocr
from ..run import batch
from ..vocabulary import CORRECTED_FIELDS
from . import corrections, edits

RESOLUTION = 144  # dots per inch of the page images: twice the page's size, sharp at 200 % zoom


class Session:
    """One yearbook under review, with its corrections file."""

    def __init__(self, pdf: Path, options: Options, corrections_file: Path):
        self.pdf, self.file = pdf, corrections_file
        self.lock = threading.Lock()  # one save at a time; images rendered once each
        self.images: dict[int, images.PageImage] = {}
        self.stopping = threading.Event()  # set when the app stops: `warm` ends after its page
        batch.prepare(options)  # the enrichment models, loaded once and kept out of the collector
        self.work = tempfile.TemporaryDirectory(prefix="annuaire-review-")  # removed with the app
        self.scan = Path(self.work.name) / "ocr.pdf"  # a scan's OCR'd, deskewed copy
        self.options, self.preread = read_once(pdf, options, self.scan)
        self.document = self.convert()

    def convert(self) -> Annuaire:
        """The document as the command line would write it now, corrections applied."""
        where = str(self.file) if self.file.is_file() else None
        options = self.options.model_copy(update={"corrections": where})
        return convert(self.pdf, options, preread=self.preread).document

    def project(self, record_id: str) -> Project | None:
        return next((p for p in self.document.projects if p.id == record_id), None)

    def image(self, number: int) -> images.PageImage:
        """A page's image, rendered on first use."""
        with self.lock:
            if number not in self.images:
                self.images[number] = self.render(number)
            return self.images[number]

    def warm(self) -> None:
        """Render every page ahead of the archivist, the cards' first (a thread at start)."""
        cards = sorted({n for p in self.document.projects for n in p.pages})
        rest = [n for n in range(1, self.document.source.page_count + 1) if n not in cards]
        for number in cards + rest:
            if self.stopping.is_set():
                return
            self.image(number)

    def render(self, number: int) -> images.PageImage:
        """A page as its boxes were read: an OCR'd page from the OCR'd (deskewed) copy."""
        ocr = self.scan.is_file() and self.document.pages[number - 1].ocr
        pdf, password = (self.scan, None) if ocr else (self.pdf, self.options.password)
        return images.render(pdf, [number], RESOLUTION, password)[number]

    def save(self, record: Project, form: dict[str, str], checked: bool) -> None:
        """Write the record's changes into the corrections file and convert again.

        A ValueError (an invalid value, such as an empty title) leaves the file untouched.
        """
        changes, notes = edits_of(record, form)
        with self.lock:
            edits.save(self.file, record.id, extracted_title(record), changes, notes, checked)
            self.document = self.convert()


def read_once(pdf: Path, options: Options, scan: Path) -> tuple[Options, Preread | None]:
    """The pages read (and OCR'd, the OCR'd copy kept as `scan`) once; the options the later
    conversions run with (no more OCR: the pages carry their OCR'd text). None for a file read
    from a repaired copy."""
    pre = read_ahead(pdf, options)
    if pre is None:
        return options, None
    password = options.password
    pages = ocr.complete(pdf, pre.pages, options.ocr, password, keep=scan)
    if not any(page.lines for page in pages):
        raise InputError(f"{pdf.name}: no text on any page")
    return options.model_copy(update={"ocr": "never"}), Preread(pages, pre.notes)


def shown(record: Project, field: str):
    """A record's value as the form shows it and the corrections file writes it."""
    if field == "territories":
        return tuple(corrections.territory_line(t) for t in record.territories)
    return getattr(record, field)


def extracted(record: Project, field: str):
    """The value the pipeline read, before any correction."""
    fix = next((c for c in record.corrections if c.field == field), None)
    if fix is None:
        return shown(record, field)
    return tuple(fix.extracted) if isinstance(fix.extracted, list) else fix.extracted


def extracted_title(record: Project) -> str:
    return extracted(record, "title") or record.title


def edits_of(record: Project, form: dict[str, str]) -> tuple[list[edits.Change], dict]:
    """The fields the archivist changed (against what the form showed), and the notes given."""
    changes, notes = [], {}
    for field in CORRECTED_FIELDS:
        if field not in form:
            continue
        raw = form[field].splitlines() if field == "territories" else form[field]
        value = corrections.checked_value(field, raw, field)
        if field in corrections.REQUIRED and value is None:
            raise ValueError(f"le champ « {field} » ne peut pas être vide")
        note = corrections.normal(form.get(f"note-{field}"))
        if value != shown(record, field):
            changes.append(edits.Change(field, value, extracted(record, field), note))
        else:
            notes[field] = note
    return changes, notes
