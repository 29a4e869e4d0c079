"""Stage 1 — read: a file's pages with the engine the options name, repaired when damaged.

A damaged file (broken cross-reference table, objects, page tree) is rewritten by Ghostscript
when it is installed, and the rewrite is read instead; each repair, and the data pdfminer had
to drop, becomes a warning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..elements import Page
from ..errors import Damaged, InputError
from ..options import Options
from ..outputs.models import Warning, warn
from . import pdfium_reader, reader

SHOWN_COMPLAINTS = 3  # pdfminer's complaints quoted in the `damaged` warning; the rest counted


def read(
    path: Path, options: Options, progress, work: Path
) -> tuple[list[Page], Path, list[Warning]]:
    """The pages, the file they were read from (the repaired copy lives in `work`), and
    warnings for a repair and for the damage pdfminer reported while reading."""
    with reader.complaints() as heard:
        pages, source, notes = read_repairing(path, options, progress, work)
    return pages, source, notes + complained(heard)


def read_repairing(
    path: Path, options: Options, progress, work: Path
) -> tuple[list[Page], Path, list[Warning]]:
    """The pages, the file they were read from, and a warning when that took a repair."""
    try:
        rebuilt = reader.survey(path, options.password, options.max_pages)
        pages = engine_read(path, options, progress, options.password)
    except Damaged as damage:
        return read_repaired(path, damage, options, progress, work)
    if rebuilt:
        note = (
            "the cross-reference table is damaged; it was rebuilt by scanning the file for its "
            "objects"
        )
        return pages, path, [warn("repaired", note, [])]
    return pages, path, []


def read_repaired(
    path: Path, damage: Damaged, options: Options, progress, work: Path
) -> tuple[list[Page], Path, list[Warning]]:
    """The pages of Ghostscript's rewrite of a damaged file, or why there are none."""
    if shutil.which("gs") is None:
        raise Damaged(
            f"{damage}; Ghostscript (apt-get install ghostscript) could try to repair it"
        ) from None
    try:
        fixed = reader.repair(path, work / "repaired.pdf", options.password)
    except InputError as error:
        raise InputError(f"{damage}; {error}") from None
    try:
        reader.survey(fixed, None, options.max_pages)
        pages = engine_read(fixed, options, progress)
    except InputError as error:
        cause = str(error).removeprefix(f"{fixed.name}: ")
        raise InputError(
            f"{damage}; Ghostscript's repaired copy cannot be read either ({cause})"
        ) from None
    if not any(page.lines or page.images for page in pages):  # Ghostscript's page of pure junk
        raise InputError(f"{damage}; Ghostscript's repaired copy is blank")
    cause = str(damage).removeprefix(f"{path.name}: ")
    note = f"the file is damaged ({cause}); it was read from Ghostscript's repaired copy"
    return pages, fixed, [warn("repaired", note, [])]


def engine_read(path: Path, options: Options, progress, password: str | None = None) -> list[Page]:
    """The pages as the engine the options name reads them: PDFium in up to `options.processes`
    processes, pdfplumber in this one (pdfminer's complaints of damage, which become a
    warning, are heard in this process)."""
    if options.reader == "pdfium":
        return pdfium_reader.read(path, progress, password, processes=options.processes)
    return reader.read(path, progress, password)


def complained(heard: list[str]) -> list[Warning]:
    """One warning for what pdfminer logged while reading: the data it had to drop."""
    distinct = list(dict.fromkeys(heard))
    if not distinct:
        return []
    shown = "; ".join(distinct[:SHOWN_COMPLAINTS])
    more = len(distinct) - SHOWN_COMPLAINTS
    tail = f" (and {more} more)" if more > 0 else ""
    return [warn("damaged", f"the PDF library reported damage while reading: {shown}{tail}", [])]
