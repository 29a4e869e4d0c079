"""Many files: PDFs and folders in, one JSON document per PDF out; a bad file never stops the
others.

`convert_file` is the unit of work: plain arguments in, a plain `Outcome` out (with the
JSON document, which the command line writes only once the conversion succeeded, and
atomically: a failed run leaves an existing output as it was). Each file is converted in
a child process of its own (`isolate`), under the run's timeout and memory cap; a pool of
processes maps `convert_file` over the files (`--jobs`).
"""

from __future__ import annotations

import gc
import importlib
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from .. import conversion
from ..conversion import Preread, convert
from ..errors import PipelineError
from ..options import Options
from ..outputs import export, report
from ..read import ocr
from . import isolate, progress


@dataclass(frozen=True)
class Outcome:
    """What became of one input: converted, unusable (exit code 2) or failed on our side (3)."""

    source: str
    status: Literal["converted", "unusable", "failed"]
    message: str  # one line naming the file: what was made, or what went wrong
    output: str | None = None  # where the document was written
    document: str | None = None  # the JSON document, when it was asked for rather than written
    warnings: int = 0  # warnings of severity "warning" (not "info")
    details: str = ""  # the traceback of an internal error
    pages: int = 0  # pages converted
    files: dict[str, str | bytes] = field(default_factory=dict)  # what to publish, by file suffix
    timings: dict[str, float] = field(default_factory=dict)  # seconds each stage took

    def exit_code(self, strict: bool = False) -> int:
        if self.status == "converted":
            return 1 if strict and self.warnings else 0
        return 2 if self.status == "unusable" else 3


@dataclass(frozen=True)
class Wanted:
    """The outputs a run publishes for each file, which its child makes (within the limits)."""

    format: str = "json"  # one of outputs.FORMATS
    report: bool = False  # the review page (HTML)
    document: bool = False  # the JSON document itself, for the database
    csv_sep: str = export.SEPARATOR


def unusable(source, message: str) -> Outcome:
    return Outcome(str(source), "unusable", message)


def inputs(
    paths: list[Path], recursive: bool = False
) -> tuple[list[Path | Outcome], dict[Path, Path]]:
    """The PDFs to convert, in the order given (a folder gives its *.pdf, sorted; with `recursive`,
    those of its sub-folders too), an unusable outcome in place of a path that gives none, and
    the sub-folder (relative to the folder given) each PDF was found in."""
    out: list[Path | Outcome] = []
    under: dict[Path, Path] = {}
    for path in paths:
        if not path.exists():
            out.append(unusable(path, f"{path}: no such file or folder"))
        elif path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            pdfs = sorted(f for f in found if f.suffix.lower() == ".pdf" and f.is_file())
            under.update((pdf, pdf.parent.relative_to(path)) for pdf in pdfs)
            out += pdfs or [unusable(path, f"{path}: a folder with no PDF in it")]
        else:
            out.append(path)
    return out, under


def convert_file(
    path: Path, options: Options, preread: Preread | None = None, wanted: Wanted = Wanted()
) -> Outcome:
    """Convert one PDF in a child process; the outcome carries the outputs `wanted` (nothing is
    written). `preread`: its pages, read ahead. Its phases go to the run's display (`progress`)."""
    try:
        return isolate.call(
            work, (path, options, preread, wanted), options.timeout, options.max_memory
        )
    except isolate.Timeout:
        return unusable(
            path, f"{path.name}: stopped after {options.timeout:g} s, the time limit (--timeout)"
        )
    except isolate.OutOfMemory:
        return unusable(
            path,
            f"{path.name}: needs more than {options.max_memory} MiB of memory, the limit "
            "(--max-memory)",
        )
    except isolate.Crash as e:
        if e.died and options.reader == "pdfium":
            # PDFium, in C++, ends the process on some hostile files (an allocation refused
            # under the memory cap aborts it): pdfplumber reads the file again, and says why
            plumber = options.model_copy(update={"reader": "pdfplumber"})
            return convert_file(path, plumber, None, wanted)
        return Outcome(
            str(path), "failed", f"internal error on {path.name}: {e}", details=e.details
        )


def read_ahead(path: Path, options: Options) -> isolate.Running:
    """Start reading a file's pages in a child process (reading needs no model: this runs while
    the models load, on a core that would otherwise wait)."""
    return isolate.start(
        conversion.read_ahead,
        (path, options, partial(progress.report, path.name, "read")),
        options.max_memory,
    )


# Seconds the conversions wait, once the models are loaded, for a file still being read ahead;
# past that the reading is given up and the file read by its conversion: a long file must not
# keep the workers waiting.
PREREAD_WAIT = 2.0


def preread(running: isolate.Running, options: Options, others: bool = True) -> Preread | None:
    """The pages read ahead; None when the reading failed, took a repair or takes too long: the
    conversion then reads the file itself, and says what went wrong. `others`: other files'
    conversions wait meanwhile (`PREREAD_WAIT`); else the reading is waited for, within the
    timeout (it is the file's own conversion that waits: reading again would only be slower)."""
    wait = time.monotonic() - running.started + PREREAD_WAIT if others else options.timeout
    try:
        return isolate.finish(running, min(options.timeout, wait))
    except (isolate.Timeout, isolate.OutOfMemory, isolate.Crash):
        return None


def prepare(options: Options) -> None:
    """Load the enrichment models in this process, so that the processes it forks (workers, and
    each file's child) start with them: loaded once per run, not once per file.

    The model is run once: OpenBLAS maps its work buffers on first use, and in a child under
    its memory cap a failure to map them hangs it rather than failing. What is loaded then
    lives as long as the run: it is moved out of the garbage collector's
    sight (`gc.freeze`), whose every full collection would otherwise walk the model's
    objects again and, in a forked process, copy the memory pages it touches.
    """
    if options.enrich:
        from ..enrich import entities

        entities.load()("La Ville de Paris.")  # a first run: OpenBLAS's buffers too
        # the enrichment's other modules (a conversion imports them when it enriches), once
        importlib.import_module("..enrich.run", __package__)
        gc.collect()
        gc.freeze()


def work(
    path: Path, options: Options, preread: Preread | None = None, wanted: Wanted = Wanted()
) -> Outcome:
    """The conversion and the outputs made of it, as the child process runs them: every error
    becomes an outcome."""
    try:
        result, text, files = made(path, options, preread, wanted)
        doc = result.document
    except PipelineError as e:
        return Outcome(str(path), "unusable" if e.exit_code == 2 else "failed", str(e))
    except Exception as e:  # anything else is our bug: the caller points to the details
        if isolate.out_of_memory(e):
            raise  # the child reports it, with room it keeps for that
        return Outcome(
            str(path),
            "failed",
            f"internal error on {path.name}: {type(e).__name__}: {e}",
            details=traceback.format_exc(),
        )
    return Outcome(
        str(path),
        "converted",
        f"{path.name}: {len(doc.projects)} projects, {len(doc.warnings)} "
        f"warnings, {len(doc.unplaced)} unplaced lines",
        document=text if wanted.document else None,
        warnings=sum(w.severity == "warning" for w in doc.warnings),
        pages=doc.source.page_count,
        files=files,
        timings=result.timings,
    )


def made(
    path: Path, options: Options, preread: Preread | None, wanted: Wanted
) -> tuple[conversion.Result, str, dict[str, str | bytes]]:
    """The conversion, its JSON text and the files made of it. With --report, a scan's OCR'd
    copy is kept meanwhile (in the child's temporary folder, which goes whatever ends the
    child): the report draws the boxes on its deskewed pages, where they were read."""
    with tempfile.TemporaryDirectory(prefix="annuaire-scans-") as scans:
        if wanted.report:
            options = options.model_copy(update={"ocr_copies": scans})
        result = convert(
            path,
            options,
            lambda phase, done, total: progress.report(path.name, phase, done, total),
            preread,
        )
        progress.report(path.name, "write")
        text = export.dumps(result.document)
        return result, text, outputs(result.document, text, path, options, wanted)


def outputs(doc, text: str, path: Path, options: Options, wanted: Wanted) -> dict[str, str | bytes]:
    """The files to publish, by suffix: the document in its format, the review page."""
    files = {
        wanted.format: text
        if wanted.format == "json"
        else export.serialize(doc, wanted.format, wanted.csv_sep)
    }
    if wanted.report:
        # a scan's boxes are drawn on its OCR'd, deskewed copy (kept by the conversion)
        scan = ocr.copy_of(options.ocr_copies, path)
        files["html"] = report.html(doc, path, options.password, scan)
    return files


def summary(outcomes: list[Outcome]) -> str:
    """The closing lines of a run over several files: how many converted, and each failure with its
    cause."""
    failed = [o for o in outcomes if o.status != "converted"]
    head = f"{len(outcomes)} files: {len(outcomes) - len(failed)} converted, {len(failed)} failed"
    return "\n".join([head + (":" if failed else "")] + [f"  {o.message}" for o in failed])
