"""The conversion: the stages in the order data flows through them.

    read → ocr → furniture → layout (regions) → template → segment → card → place → reconcile
    → coverage → correct → link → enrich → assemble

Each stage is a module of its own taking and returning plain data; `convert` only chains them
and times each one (`Result.timings`).
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .clock import Clock
from .elements import Page, Stray
from .errors import InputError
from .options import Options
from .outputs import assemble
from .outputs import models as out
from .read import ocr
from .read.source import read
from .reading import Reading, best_reading
from .registry import Link
from .review import corrections
from .stages import coverage, frontmatter, link, place, reconcile
from .stages.frontmatter import FrontPart

if TYPE_CHECKING:  # imported when the conversion enriches: --no-enrich spares them
    from .enrich import run as enrich
    from .enrich.entities import Reader

HASH_CHUNK = 1 << 20  # bytes read at a time to hash the file


@dataclass
class Result:
    document: out.Annuaire
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds


@dataclass(frozen=True)
class Preread:
    """A file's pages read ahead of its conversion (in another process, while the models load)."""

    pages: list[Page]
    notes: list[out.Warning]


def read_ahead(path: str | Path, options: Options, progress=None) -> Preread | None:
    """The read stage alone; None when the file needed a repair (the repaired copy it was read from
    lives in a temporary folder, which the conversion must make again). `progress(done, total)`."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="annuaire-") as work:
        raw, source, notes = read(path, options, progress, Path(work))
    return Preread(raw, notes) if source == path else None


def silent(phase: str, done: int, total: int) -> None:
    """No progress shown (the API's default). A `progress` is told each phase as it starts
    ("read", "ocr", "cards", "enrich"), and the pages read and OCR'd so far."""


def convert(
    path: str | Path,
    options: Options | None = None,
    progress: Callable[[str, int, int], None] = silent,
    preread: Preread | None = None,
) -> Result:
    """One yearbook PDF as a validated document; `progress(phase, done, total)`: see `silent`."""
    options = options or Options()
    with model_beside(options) as model:
        return converted(Path(path), options, progress, preread, model)


@contextlib.contextmanager
def model_beside(options: Options) -> Iterator[Reader | None]:
    """How the entities' model reads texts, when the conversion enriches: in a process that
    loads it while the pages are read (`enrich.model_process`)."""
    if not options.enrich:
        yield None
        return
    from .enrich import model_process

    with model_process.beside(options.processes) as model:
        yield model


def converted(
    path: Path,
    options: Options,
    progress: Callable[[str, int, int], None],
    preread: Preread | None,
    model: Reader | None,
) -> Result:
    """The stages, one after the other; `model`: how the entities' model reads texts."""
    clock = Clock()
    fixes = corrections.load(corrections.locate(options.corrections, path))
    raw, notes = read_pages(path, options, progress, preread, clock)
    reading = best_reading(raw, path, options, clock)
    with clock("place"):
        placing = place.place_cards(reading, raw, path)
    with clock("reconcile"):
        checks, matches = cross_check(reading, placing)
    with clock("coverage"):
        front = frontmatter.with_contents(
            reading.segments, reading.entries, reading.toc_headings, reading.context
        )
        strays, shares = account(reading, front)
    after = correct_link_enrich(placing, front, fixes, reading, options, progress, clock, model)
    warnings = notes + checks + low_coverage(shares, reading) + after.warnings
    with clock("assemble"):
        parts = assemble.Assembly(
            source=out.Source(file_name=path.name, sha256=sha256(path), page_count=len(raw)),
            reading=reading,
            placing=after.placing,
            matches=matches,
            links=after.links,
            front=front,
            strays=strays,
            coverage=shares,
            warnings=warnings,
            found=after.found,
            corrections=after.applied,
        )
        document = assemble.document(parts)
    return Result(document, clock.timings)


@dataclass(frozen=True)
class Corrected:
    """What the stages after coverage give: the records as corrected, the fixes applied, each
    record's territories linked to the registry, the enrichment (None when off) and the
    warnings of all three."""

    placing: place.Placing
    applied: corrections.Applied
    links: dict[str, list[Link]]
    found: enrich.Enrichment | None
    warnings: list[out.Warning]


def correct_link_enrich(
    placing: place.Placing,
    front: list[FrontPart],
    fixes: corrections.Book,
    reading: Reading,
    options: Options,
    progress: Callable[[str, int, int], None],
    clock: Clock,
    model: Reader | None = None,
) -> Corrected:
    """correct → link → enrich: the archivist's fixes applied (a corrections file that cannot be
    used stopped the run before any page was read), then the territories as corrected linked to
    the registry and the texts as corrected enriched."""
    with clock("correct"):
        applied = corrections.apply(placing.placed, fixes, reading.context.profile)
    placing = replace(placing, placed=applied.placed)
    with clock("link"):
        links, ambiguous = link.cards(placing.placed)
    warnings = applied.warnings + ambiguous
    if not options.enrich:
        return Corrected(placing, applied, links, None, warnings)
    from .enrich import run as enrich

    progress("enrich", 0, 0)
    with clock("enrich"):
        places = link.places(placing.placed, links)
        found = enrich.run(placing.placed, front, reading.context, placing.year, places, model)
    return Corrected(placing, applied, links, found, warnings + found.warnings)


def read_pages(
    path: Path, options: Options, progress, preread: Preread | None, clock: Clock
) -> tuple[list[Page], list[out.Warning]]:
    """read → ocr: every page's lines, and the warnings of a repair or damage."""
    with tempfile.TemporaryDirectory(prefix="annuaire-") as work:
        if preread is not None:
            raw, source, notes = preread.pages, path, list(preread.notes)
        else:
            progress("read", 0, 0)
            with clock("read"):
                pages = partial(progress, "read")
                raw, source, notes = read(path, options, pages, Path(work))
        with clock("ocr"):
            # OCR text layers (an invisible, stretched font) are read with pdfplumber, whatever
            # the engine
            password = options.password if source == path else None
            keep = ocr.copy_of(options.ocr_copies, path)  # the report shows its deskewed pages
            ocr_progress = partial(progress, "ocr")
            raw = ocr.complete(source, raw, options.ocr, password, ocr_progress, keep=keep)
    if not any(page.lines for page in raw):
        why = "and OCR is off (--ocr never)" if options.ocr == "never" else "and none to OCR"
        raise InputError(f"{path.name}: no text on any page {why}")
    progress("cards", 0, 0)
    return raw, notes


def cross_check(
    reading: Reading, placing: place.Placing
) -> tuple[list[out.Warning], dict[tuple[int, int], str]]:
    """reconcile: the cards against the table of contents, the listings and the palmarès."""
    return reconcile.check(
        placing.placed,
        reading.entries,
        reading.listings,
        card_labels(reading),
        reading.palmares.entries,
        reading.context.thresholds.banner_similarity,
    )


def card_labels(reading: Reading) -> set[str | None]:
    """The printed numbers of the card pages (the table of contents' entries that name
    projects point at them)."""
    labels = {page.number: page.label for page in reading.pages}
    kinds = reading.segments.kinds
    return {labels.get(n) for n, kind in kinds.items() if kind.startswith("card")} - {None}


def account(
    reading: Reading, front: list[FrontPart]
) -> tuple[list[Stray], dict[int, float | None]]:
    """Nothing lost: the lines no field took (strays), and each page's coverage."""
    strays = [stray for card in reading.cards for stray in card.strays] + reading.listing_strays
    in_fields = coverage.in_fields(
        reading.segments,
        reading.cards,
        reading.listings,
        reading.entries,
        reading.toc_headings,
        front,
        reading.palmares,
    )
    strays += coverage.leftovers(reading.pages, in_fields, strays)
    return strays, coverage.per_page(reading.pages, in_fields)


def low_coverage(shares: dict[int, float | None], reading: Reading) -> list[out.Warning]:
    threshold = reading.context.thresholds.low_coverage
    return [
        out.warn(
            "low_coverage",
            f"page {n}: only {share:.0%} of its text is in a field; the rest is in unplaced",
            [n],
        )
        for n, share in coverage.low(shares, threshold)
    ]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
