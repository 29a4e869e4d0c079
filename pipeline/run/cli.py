"""Command line: python -m pipeline PATH... [-o DIR] [--format F] [--report] [--sqlite DB] [--jobs
N] …"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import signal
import sys
import tempfile
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..options import Options
from ..outputs import export, report, sqlite
from ..outputs.models import Annuaire
from ..profiles.profile import available, load
from ..read import ocr
from ..review.corrections import NAME, SUFFIX
from . import batch, isolate

REVIEW_PORT = 8765  # the review app's port, unless --port says otherwise

EXIT_CODES = """\
exit codes:
  0  success
  1  finished with warnings, when --strict is given
  2  unusable input (missing file, folder with no PDF, not a PDF, empty, truncated or damaged,
     encrypted without the right password, no pages, no text, OCR needed but not installed,
     not a yearbook, objects nested too deeply, over --max-pages, --timeout or --max-memory,
     a --sqlite FILE that is not this tool's database, an edition without a year for --sqlite,
     a corrections file that cannot be used or that --corrections names and is missing);
     one line on stderr names the file and the cause, and no output file is written
  3  internal error: one line on stderr points to a log file with the details (the traceback
     is printed only with --debug); or the output cannot be written (the line says why)
Over several files, each file is converted on its own and the run ends with a summary;
the exit code is the highest of the files' codes.
"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Convert yearbooks of the Label « Territoire Innovant » (PDF) into validated "
        "JSON "
        "documents: every project card as a record, where each value came from, and "
        "warnings for anything inconsistent.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_files(ap)
    add_destinations(ap)
    add_reading(ap)
    add_limits(ap)
    return ap


def add_files(ap: argparse.ArgumentParser) -> None:
    """The PDFs to convert, and the files written for each."""
    ap.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="yearbooks to convert: files, folders (their *.pdf) and globs ('annuaires/*.pdf'), "
        "e.g. samples/annuaire_2023.pdf",
    )
    output_option(
        ap,
        "folder of the files written, named after each PDF: DIR/<name>.json (or .jsonl, "
        ".csv) and DIR/<name>.html (default: output)",
    )
    ap.add_argument(
        "--format",
        choices=export.FORMATS,
        default="json",
        help="json: the whole document (default); jsonl: one project per line, with its edition's "
        "year; csv: one project per row, territories joined with ' ; ', UTF-8 with a BOM",
    )
    ap.add_argument(
        "--report",
        action="store_true",
        help="also write DIR/<name>.html, a self-contained review page: each card's page images "
        "with boxes where each value was read, the values beside them, the warnings",
    )


def add_destinations(ap: argparse.ArgumentParser) -> None:
    """Where else the documents go, what stderr says, which profile reads them."""
    ap.add_argument(
        "--sqlite",
        type=Path,
        metavar="FILE",
        help="also add each edition to the SQLite database FILE (created if missing); an edition "
        "of the same year already there is replaced, not duplicated",
    )
    ap.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE",
        help="the archivist's corrections file to apply (default: DIR/<name>.corrections.toml, "
        "when there); see 'python -m pipeline review' to write one",
    )
    ap.add_argument(
        "--stdout",
        action="store_true",
        help="print the document of one PDF (in --format) on stdout instead of writing it",
    )
    ap.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress and no summary on stderr; errors only",
    )
    ap.add_argument(
        "--profile",
        default="auto",
        help=f"edition profile to read the yearbooks with: a name ({', '.join(available())}) or "
        f"the "
        "path of a TOML file; 'auto' (the default) takes the profile made for the year "
        "printed on the first pages, else the one that reads the most consistent cards",
    )
    ap.add_argument("--password", help="password of an encrypted PDF")


def add_reading(ap: argparse.ArgumentParser) -> None:
    """How the PDFs are read, and what makes a run fail."""
    ap.add_argument(
        "--reader",
        choices=("pdfium", "pdfplumber"),
        default="pdfium",
        help="PDF engine: 'pdfium' (the default), or 'pdfplumber', several times slower, which "
        "gives the same lines (boxes within 0.2 pt) and reads the pages PDFium cannot read alike",
    )
    ap.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="OCR with OCRmyPDF and Tesseract (French): 'auto' the pages without a usable text "
        "layer (scans), 'always' every page, 'never' none (default: auto)",
    )
    ap.add_argument(
        "--no-enrich",
        dest="enrich",
        action="store_false",
        help="no dates, key figures, entities or edition facts (these fields are then null): "
        "conversion without loading spaCy's model",
    )
    ap.add_argument(
        "--jobs",
        type=positive(int),
        default=os.cpu_count() or 1,
        metavar="N",
        help="files converted at once, in parallel processes (default: the number of CPUs, "
        "%(default)d here)",
    )
    ap.add_argument(
        "--strict",
        action="store_true",
        help="exit with code 1 when a document has warnings (of severity 'warning')",
    )


def add_limits(ap: argparse.ArgumentParser) -> None:
    """What bounds a file's conversion, and the options that print and exit."""
    ap.add_argument(
        "--timeout",
        type=positive(float),
        default=Options().timeout,
        metavar="SECONDS",
        help="stop a file's conversion after this many seconds (default: %(default)g)",
    )
    ap.add_argument(
        "--max-pages",
        type=positive(int),
        default=Options().max_pages,
        metavar="N",
        help="refuse a PDF of more pages, before reading any (default: %(default)d)",
    )
    ap.add_argument(
        "--max-memory",
        type=positive(int),
        default=Options().max_memory,
        metavar="MIB",
        help="memory (MiB of address space) a file's conversion may take (default: %(default)d)",
    )
    ap.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    ap.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the output and exit"
    )
    ap.add_argument("--version", action="version", version=f"annuaire-pipeline {__version__}")


def output_option(ap: argparse.ArgumentParser, help_text: str) -> None:
    """-o DIR, the output folder (default: output), for a conversion and for the review app."""
    ap.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="DIR", help=help_text
    )


def positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["review"]:
        return review(argv[1:])
    ap = parser()
    args = ap.parse_args(argv)
    if args.schema:
        sys.stdout.write(export.schema())
        return 0
    if not args.paths:
        ap.print_usage(sys.stderr)
        print(
            "python -m pipeline: error: give the PDF of a yearbook, or a folder of them",
            file=sys.stderr,
        )
        return 2
    try:
        options = options_of(args)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    items = batch.inputs(expand(args.paths))
    refused = refusal(args, items)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    # a SIGTERM unwinds like an interruption: the children are killed
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        with tempfile.TemporaryDirectory(prefix="annuaire-scans-") as scans:
            if args.report:  # the report draws a scan's boxes on its OCR'd, deskewed copy
                options = options.model_copy(update={"ocr_copies": scans})
            outcomes = run(items, options, args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if len(outcomes) > 1 and not args.quiet:
        print(batch.summary(outcomes), file=sys.stderr)
    return max(o.exit_code(args.strict) for o in outcomes)


def options_of(args: argparse.Namespace) -> Options:
    """The conversion's options; an unknown profile stops the run before any file. Each PDF's
    corrections file is looked for in DIR."""
    if args.profile != "auto":
        load(args.profile)
    return Options(
        profile=args.profile,
        password=args.password,
        ocr=args.ocr,
        reader=args.reader,
        enrich=args.enrich,
        timeout=args.timeout,
        max_pages=args.max_pages,
        max_memory=args.max_memory,
        corrections=str(args.corrections or args.output / f"{NAME}{SUFFIX}"),
    )


def refusal(args, items: list) -> str | None:
    """Why the run cannot start with these options (one line), or None."""
    for flag, given in (("--stdout", args.stdout), ("--corrections", args.corrections)):
        if given and len(items) > 1:
            return f"python -m pipeline: error: {flag} takes one PDF"
    if args.corrections and not args.corrections.is_file():
        return f"error: {args.corrections}: no such corrections file"
    return None


def review_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline review",
        description="Serve a local web page (on 127.0.0.1) to check each card of a yearbook "
        "against its pages, correct its fields and mark it as checked; saving writes the "
        "corrections file, which every conversion applies.",
        epilog="exit codes: 0 stopped with Ctrl+C; 2 unusable input (the PDF, the corrections "
        "file) or a port that cannot be used",
    )
    ap.add_argument("pdf", type=Path, metavar="PDF", help="the yearbook to review")
    output_option(ap, "the output folder, where DIR/<name>.corrections.toml is kept")
    ap.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE",
        help="the corrections file to write instead (created if missing)",
    )
    ap.add_argument(
        "--port",
        type=int,
        default=REVIEW_PORT,
        metavar="N",
        help="port on 127.0.0.1 (default: %(default)d; 0: any free port)",
    )
    ap.add_argument("--profile", default="auto", help="edition profile, as for a conversion")
    ap.add_argument("--password", help="password of an encrypted PDF")
    ap.add_argument("--reader", choices=("pdfplumber", "pdfium"), default="pdfplumber")
    ap.add_argument(
        "--no-enrich",
        dest="enrich",
        action="store_false",
        help="no dates, figures, entities (faster start)",
    )
    return ap


def review(argv: list[str]) -> int:
    """python -m pipeline review PDF: the local review app, until Ctrl+C."""
    from ..review import app
    from ..review.session import Session

    args = review_parser().parse_args(argv)
    target = args.corrections or args.output / f"{args.pdf.stem}{SUFFIX}"
    options = Options(
        profile=args.profile, password=args.password, reader=args.reader, enrich=args.enrich
    )
    try:  # the port first: a busy one fails before the PDF is read
        httpd = app.server(None, args.port)
    except OSError as e:
        print(f"error: cannot serve on {app.HOST}:{args.port} ({e.strerror})", file=sys.stderr)
        return 2
    with httpd:
        try:
            if not args.pdf.is_file():
                raise InputError(f"{args.pdf}: no such file")
            httpd.session = Session(args.pdf, options, target)
        except InputError as e:
            print(f"error: {e}", file=sys.stderr)
            return e.exit_code
        warming = threading.Thread(target=httpd.session.warm)
        warming.start()
        print(
            f"Relecture de {args.pdf.name} : http://{app.HOST}:{httpd.server_port}/ — "
            f"corrections dans {target} "
            "(Ctrl+C pour arrêter)",
            file=sys.stderr,
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
        httpd.session.stopping.set()  # no rendering may run while the interpreter exits
        warming.join()
    return 0


def expand(paths: list[str]) -> list[Path]:
    """Paths as given, globs expanded (a glob that matches nothing stays, to be reported
    missing)."""
    out: list[Path] = []
    for p in paths:
        matches = sorted(glob.glob(p)) if glob.has_magic(p) else []
        out += [Path(m) for m in matches] or [Path(p)]
    return out


def run(items: list, options: Options, args) -> list[batch.Outcome]:
    """Convert the files (`--jobs` at a time) and publish each as soon as it is done, in the
    order given."""
    pdfs = [item for item in items if isinstance(item, Path)]
    targets = {
        pdf: None if args.stdout else args.output / f"{pdf.stem}.{args.format}" for pdf in pdfs
    }
    clashes = clashing(pdfs, targets)
    todo = [pdf for pdf in pdfs if pdf not in clashes]
    progress = batch.Bar(len(todo), quiet=args.quiet)
    pages = not args.quiet and len(todo) == 1  # a single file's pages are shown as they are read
    pool, futures, ahead = start(todo, options, args, pages)
    try:
        outcomes = []
        for item in items:
            if isinstance(item, batch.Outcome):
                outcomes.append(say(item, args))
            elif item in clashes:
                outcomes.append(say(clashes[item], args))
            else:
                done = futures[item].result() if pool else convert_one(item, options, pages, ahead)
                progress.done(done)
                outcomes.append(say(publish(done, item, targets[item], args, options), args))
        return outcomes
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def start(
    todo: list[Path], options: Options, args, pages: bool
) -> tuple[ProcessPoolExecutor | None, dict[Path, Future], dict[Path, isolate.Running]]:
    """Load the enrichment models, then (with several jobs) start converting in a pool; without
    a pool, the files being read ahead for this process's conversions. `pages`: a single file's
    pages are shown as they are read."""
    parallel = args.jobs > 1 and len(todo) > 1
    # while this process loads the models, the other jobs (or the other core) read the first files
    ahead = (
        {pdf: batch.read_ahead(pdf, options, pages) for pdf in todo[: max(args.jobs - 1, 1)]}
        if options.enrich
        else {}
    )
    if todo:
        batch.prepare(options)  # the enrichment models, loaded once, before the workers are forked
    if not parallel:
        return None, {}, ahead
    # forked workers start with the models loaded, and fork each file's child from there
    pool = ProcessPoolExecutor(min(args.jobs, len(todo)), mp_context=get_context("fork"))
    futures = {
        pdf: pool.submit(
            batch.convert_file,
            pdf,
            options,
            False,
            batch.preread(ahead[pdf], options) if pdf in ahead else None,
        )
        for pdf in todo
    }
    return pool, futures, {}


def convert_one(
    pdf: Path, options: Options, pages: bool, ahead: dict[Path, isolate.Running]
) -> batch.Outcome:
    """One file converted from this process, from its pages when they were read ahead."""
    if pdf in ahead:
        return batch.convert_file(pdf, options, pages, batch.preread(ahead[pdf], options, False))
    return batch.convert_file(pdf, options, pages)


def clashing(pdfs: list[Path], targets: dict) -> dict[Path, batch.Outcome]:
    """PDFs whose document would overwrite an earlier PDF's of the same run (same name)."""
    seen: dict[Path | None, Path] = {}
    out: dict[Path, batch.Outcome] = {}
    for pdf in pdfs:
        target = targets[pdf]
        if target is not None and target in seen:
            out[pdf] = batch.unusable(
                pdf,
                f"{pdf}: its document {target} is written for {seen[target]} in this "
                "run; convert it on its own with another -o",
            )
        seen.setdefault(target, pdf)
    return out


def publish(
    outcome: batch.Outcome, pdf: Path, target: Path | None, args, options: Options
) -> batch.Outcome:
    """Write what the run asks for. Everything is made before anything is written, so that a
    failure leaves no file behind."""
    if outcome.status != "converted" or outcome.document is None:
        return outcome
    try:
        data, page, doc = render(outcome.document, pdf, args, options)
    except InputError as e:
        return batch.unusable(pdf, str(e))
    files = [(target, data)] if target is not None else []
    if page is not None:
        files.append((args.output / f"{pdf.stem}.html", page))
    for path, text in files:
        try:
            export.write(text, path)
        except OSError as e:
            return batch.Outcome(
                str(pdf), "failed", f"{pdf.name}: cannot write {path} ({e.strerror})"
            )
    if target is None:
        sys.stdout.write(data)
    where = [str(path) for path, _ in files]
    if target is None:
        where.insert(0, "stdout")
    if doc is not None and args.sqlite:
        where.append(f"{args.sqlite} (edition {doc.edition.year})")
    return batch.Outcome(
        outcome.source,
        "converted",
        f"{outcome.message} → {', '.join(where)}",
        output=where[0],
        warnings=outcome.warnings,
    )


def render(
    document: str, pdf: Path, args, options: Options
) -> tuple[str, str | None, Annuaire | None]:
    """The document in --format, the HTML report if asked (a scan's pages shown from its OCR'd
    copy, where its boxes were read), and the model when either or the database needed it; the
    database loaded."""
    # the JSON document comes validated and serialized from the conversion; the rest needs the model
    if args.format == "json" and not args.report and not args.sqlite:
        return document, None, None
    doc = Annuaire.model_validate_json(document)
    data = export.serialize(doc, args.format)
    scan = ocr.copy_of(options.ocr_copies, pdf)
    page = report.html(doc, pdf, args.password, scan) if args.report else None
    if args.sqlite:
        sqlite.load(doc, args.sqlite)
    return data, page, doc


def say(outcome: batch.Outcome, args) -> batch.Outcome:
    """Say what became of one file: its summary line, or one line with its error."""
    if outcome.status == "converted":
        if not args.quiet:
            print(outcome.message, file=sys.stderr)
    elif outcome.details:  # our bug: the details go to a log file, and on screen only with --debug
        if args.debug:
            print(outcome.details, file=sys.stderr, end="")
        fd, log = tempfile.mkstemp(prefix="annuaire-pipeline-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(f"{outcome.source}\n{outcome.details}")
        print(f"{outcome.message} (details in {log})", file=sys.stderr)
    else:
        print(f"error: {outcome.message}", file=sys.stderr)
    return outcome
