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
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import conversion
from ..conversion import Preread, convert
from ..errors import PipelineError
from ..options import Options
from ..outputs import export
from . import isolate


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

    def exit_code(self, strict: bool = False) -> int:
        if self.status == "converted":
            return 1 if strict and self.warnings else 0
        return 2 if self.status == "unusable" else 3


def unusable(source, message: str) -> Outcome:
    return Outcome(str(source), "unusable", message)


def inputs(paths: list[Path]) -> list[Path | Outcome]:
    """The PDFs to convert, in the order given (a folder gives its *.pdf, sorted), and an
    unusable outcome in place of a path that gives none."""
    out: list[Path | Outcome] = []
    for path in paths:
        if not path.exists():
            out.append(unusable(path, f"{path}: no such file or folder"))
        elif path.is_dir():
            pdfs = sorted(f for f in path.iterdir() if f.suffix.lower() == ".pdf" and f.is_file())
            out += pdfs or [unusable(path, f"{path}: a folder with no PDF in it")]
        else:
            out.append(path)
    return out


def convert_file(
    path: Path, options: Options, pages: bool = False, preread: Preread | None = None
) -> Outcome:
    """Convert one PDF in a child process; the outcome carries its JSON document (nothing is
    written).
    `pages`: report page progress on stderr; `preread`: its pages, read ahead."""
    try:
        return isolate.call(
            work, (path, options, pages, preread), options.timeout, options.max_memory
        )
    except isolate.Timeout:
        return unusable(
            path, f"{path.name}: stopped after {options.timeout:g} s, the time limit (--timeout)"
        )
    except isolate.Crash as e:
        if e.died and options.reader == "pdfium":
            # PDFium, in C++, ends the process on some hostile files (an allocation refused
            # under the memory cap aborts it): pdfplumber reads the file again, and says why
            return convert_file(path, options.model_copy(update={"reader": "pdfplumber"}), pages)
        return Outcome(
            str(path), "failed", f"internal error on {path.name}: {e}", details=e.details
        )


def read_ahead(path: Path, options: Options, pages: bool = False) -> isolate.Running:
    """Start reading a file's pages in a child process (reading needs no model: this runs while
    the models load, on a core that would otherwise wait). `pages`: report page progress."""
    progress = Progress(path.name) if pages else None
    return isolate.start(conversion.read_ahead, (path, options, progress), options.max_memory)


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
    except (isolate.Timeout, isolate.Crash):
        return None


def prepare(options: Options) -> None:
    """Load the enrichment models in this process, so that the processes it forks (workers, and
    each file's child) start with them: loaded once per run, not once per file.

    What is loaded then lives as long as the run: it is moved out of the garbage collector's
    sight (`gc.freeze`), whose every full collection would otherwise walk the model's
    objects again and, in a forked process, copy the memory pages it touches.
    """
    if options.enrich:
        from ..enrich import dates, entities

        entities.load()
        dates.parse("1 janvier 2000", "day")
        gc.collect()
        gc.freeze()


def work(path: Path, options: Options, progress: bool, preread: Preread | None = None) -> Outcome:
    """The conversion itself, as the child process runs it: every error becomes an outcome."""
    try:
        doc = convert(path, options, Progress(path.name) if progress else None, preread).document
        text = export.dumps(doc)
    except PipelineError as e:
        return Outcome(str(path), "unusable" if e.exit_code == 2 else "failed", str(e))
    except MemoryError:
        return unusable(
            path,
            f"{path.name}: needs more than {options.max_memory} MiB of memory, the limit "
            "(--max-memory)",
        )
    except Exception as e:  # anything else is our bug: the caller points to the details
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
        document=text,
        warnings=sum(w.severity == "warning" for w in doc.warnings),
        pages=doc.source.page_count,
    )


def summary(outcomes: list[Outcome]) -> str:
    """The closing lines of a run over several files: how many converted, and each failure with its
    cause."""
    failed = [o for o in outcomes if o.status != "converted"]
    head = f"{len(outcomes)} files: {len(outcomes) - len(failed)} converted, {len(failed)} failed"
    return "\n".join([head + (":" if failed else "")] + [f"  {o.message}" for o in failed])


class Bar:
    """Files (and their pages) done, on stderr: one bar redrawn on a terminal, a log line per
    file otherwise; nothing for a single file (its pages show instead) or when quiet."""

    def __init__(self, total: int, quiet: bool = False):
        self.total, self.files, self.pages = total, 0, 0
        self.on = total > 1 and not quiet
        self.tty = sys.stderr.isatty()

    def done(self, outcome: Outcome) -> None:
        if not self.on:
            return
        self.files += 1
        self.pages += outcome.pages
        if self.tty:
            filled = round(30 * self.files / self.total)
            print(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.files}/{self.total} files, "
                f"{self.pages} pages",
                end="\n" if self.files == self.total else "",
                file=sys.stderr,
                flush=True,
            )
        else:
            print(
                f"[{self.files}/{self.total}] {Path(outcome.source).name}: {outcome.status}, "
                f"{self.pages} pages so far",
                file=sys.stderr,
            )


class Progress:
    """Page progress on stderr: one updated line on a terminal, a few plain lines otherwise."""

    def __init__(self, name: str):
        self.name = name
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            end = "\n" if done == total else ""
            print(
                f"\r{self.name}: reading page {done}/{total}", end=end, file=sys.stderr, flush=True
            )
        elif done == total or done % 10 == 0:
            print(f"{self.name}: read {done}/{total} pages", file=sys.stderr)
