"""Command line: python -m pipeline PATH... [-o DIR] [--stdout] [--quiet] [--strict] …"""
from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path

from . import __version__, batch, export
from .errors import InputError
from .pipeline import Options
from .profile import available, load

EXIT_CODES = """\
exit codes:
  0  success
  1  finished with warnings, when --strict is given
  2  unusable input (missing file, folder with no PDF, not a PDF, empty, truncated or damaged,
     encrypted without the right password, no pages, no text, OCR needed but not installed,
     not a yearbook, objects nested too deeply, over --max-pages, --timeout or --max-memory);
     one line on stderr names the file and the cause, and no output file is written
  3  internal error: one line on stderr points to a log file with the details (the traceback
     is printed only with --debug); or the output cannot be written (the line says why)
Over several files, each file is converted on its own and the run ends with a summary;
the exit code is the highest of the files' codes.
"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Convert yearbooks of the Label « Territoire Innovant » (PDF) into validated JSON "
                    "documents: every project card as a record, where each value came from, and "
                    "warnings for anything inconsistent.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help="yearbooks to convert, and folders whose *.pdf to convert, e.g. samples/annuaire_2023.pdf")
    ap.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR",
                    help="folder for the JSON documents, written as DIR/<name of the PDF>.json (default: output)")
    ap.add_argument("--stdout", action="store_true", help="print the JSON document of one PDF on stdout instead")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on stderr; errors only")
    ap.add_argument("--profile", default="default",
                    help=f"edition profile to read the yearbooks with: a name ({', '.join(available())}) "
                         "or the path of a TOML file (default: default)")
    ap.add_argument("--password", help="password of an encrypted PDF")
    ap.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                    help="OCR with OCRmyPDF and Tesseract (French): 'auto' the pages without a usable text "
                         "layer (scans), 'always' every page, 'never' none (default: auto)")
    ap.add_argument("--strict", action="store_true",
                    help="exit with code 1 when a document has warnings (of severity 'warning')")
    ap.add_argument("--timeout", type=positive(float), default=Options().timeout, metavar="SECONDS",
                    help="stop a file's conversion after this many seconds (default: %(default)g)")
    ap.add_argument("--max-pages", type=positive(int), default=Options().max_pages, metavar="N",
                    help="refuse a PDF of more pages, before reading any (default: %(default)d)")
    ap.add_argument("--max-memory", type=positive(int), default=Options().max_memory, metavar="MIB",
                    help="memory (MiB of address space) a file's conversion may take (default: %(default)d)")
    ap.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    ap.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    ap.add_argument("--version", action="version", version=f"annuaire-pipeline {__version__}")
    return ap


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
    ap = parser()
    args = ap.parse_args(argv)
    if args.schema:
        sys.stdout.write(export.schema())
        return 0
    if not args.paths:
        ap.print_usage(sys.stderr)
        print("python -m pipeline: error: give the PDF of a yearbook, or a folder of them", file=sys.stderr)
        return 2
    try:
        load(args.profile)  # an unknown profile stops the run before any file
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    options = Options(profile=args.profile, password=args.password, ocr=args.ocr, timeout=args.timeout,
                      max_pages=args.max_pages, max_memory=args.max_memory)
    items = batch.inputs(args.paths)
    if args.stdout and len(items) > 1:
        print("python -m pipeline: error: --stdout takes one PDF", file=sys.stderr)
        return 2
    outcomes, written = [], {}
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))  # unwinds: the child is killed
    try:
        for item in items:
            outcome = item if isinstance(item, batch.Outcome) else convert(item, options, args, written)
            outcomes.append(report(outcome, args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if len(outcomes) > 1 and not args.quiet:
        print(batch.summary(outcomes), file=sys.stderr)
    return max(o.exit_code(args.strict) for o in outcomes)


def convert(pdf: Path, options: Options, args, written: dict[Path, Path]) -> batch.Outcome:
    """One PDF to its document, unless an earlier PDF of the run already wrote that name."""
    target = None if args.stdout else args.output / f"{pdf.stem}.json"
    if target in written:
        return batch.unusable(pdf, f"{pdf}: its document {target} was just written for {written[target]}; "
                                   "convert it on its own with another -o")
    outcome = batch.convert_file(pdf, options, target, progress=not args.quiet)
    if outcome.output:
        written[target] = pdf
    return outcome


def report(outcome: batch.Outcome, args) -> batch.Outcome:
    """Say what became of one file: its summary line, or one line with its error."""
    if outcome.document is not None:
        sys.stdout.write(outcome.document)
    if outcome.status == "converted":
        if not args.quiet:
            print(f"{outcome.message}{'' if outcome.output else ' → stdout'}", file=sys.stderr)
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
