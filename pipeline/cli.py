"""Command line: python -m pipeline FILE.pdf [-o DIR] [--format F] [--report] [--sqlite DB] [--no-enrich] …"""
from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from . import __version__, export, report, sqlite
from .errors import PipelineError
from .pipeline import Options, convert
from .profile import available

EXIT_CODES = """\
exit codes:
  0  success
  2  unusable input (missing file, not a PDF, damaged, encrypted, no text, not a yearbook,
     OCR needed but not installed, a --sqlite FILE that is not this tool's database,
     an edition without a year for --sqlite);
     one line on stderr names the file and the cause, and no output file is written
  3  internal error; one line on stderr points to a log file with the details
     (the traceback is printed only with --debug)
"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Convert a yearbook of the Label « Territoire Innovant » (PDF) into one validated "
                    "JSON document: every project card as a record, where each value came from, "
                    "and warnings for anything inconsistent.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", type=Path, help="the yearbook to convert, e.g. samples/annuaire_2023.pdf")
    ap.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR",
                    help="folder of the files written, named after the PDF: DIR/<name>.json (or .jsonl, .csv) "
                         "and DIR/<name>.html (default: output)")
    ap.add_argument("--format", choices=export.FORMATS, default="json",
                    help="json: the whole document (default); jsonl: one project per line, with its edition's "
                         "year; csv: one project per row, territories joined with ' ; ', UTF-8 with a BOM")
    ap.add_argument("--report", action="store_true",
                    help="also write DIR/<name>.html, a self-contained review page: each card's page images "
                         "with boxes where each value was read, the values beside them, the warnings")
    ap.add_argument("--sqlite", type=Path, metavar="FILE",
                    help="also add the edition to the SQLite database FILE (created if missing); an edition "
                         "of the same year already there is replaced, not duplicated")
    ap.add_argument("--stdout", action="store_true",
                    help="print the document (in --format) on stdout instead of writing DIR/<name>.<format>")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary line on stderr")
    ap.add_argument("--profile", default="auto",
                    help=f"edition profile to read the yearbook with: a name ({', '.join(available())}) or the "
                         "path of a TOML file; 'auto' (the default) takes the profile made for the year "
                         "printed on the first pages, else the one that reads the most consistent cards")
    ap.add_argument("--password", help="password of an encrypted PDF")
    ap.add_argument("--reader", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                    help="PDF engine: 'pdfplumber' (the default) or 'pdfium', several times faster, giving the "
                         "same text and lines with boxes that may differ by a tenth of a point")
    ap.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                    help="OCR with OCRmyPDF and Tesseract (French): 'auto' the pages without a usable text "
                         "layer (scans), 'always' every page, 'never' none (default: auto)")
    ap.add_argument("--no-enrich", dest="enrich", action="store_false",
                    help="no dates, key figures, entities or edition facts (these fields are then null): "
                         "conversion without loading spaCy's model")
    ap.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    ap.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    ap.add_argument("--version", action="version", version=f"annuaire-pipeline {__version__}")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.schema:
        sys.stdout.write(export.schema())
        return 0
    if args.pdf is None:
        parser().print_usage(sys.stderr)
        print("python -m pipeline: error: give the PDF of a yearbook", file=sys.stderr)
        return 2
    try:
        return run(args)
    except PipelineError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # anything else is our bug: say where the details are
        if args.debug:
            traceback.print_exc()
        log = Path(tempfile.gettempdir()) / "annuaire-pipeline-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"internal error on {args.pdf}: {type(e).__name__}: {e} (details in {log})", file=sys.stderr)
        return 3


def run(args) -> int:
    from .errors import InputError

    if not args.pdf.exists():
        raise InputError(f"{args.pdf}: no such file")
    if args.pdf.is_dir():
        raise InputError(f"{args.pdf}: is a folder; give the PDF of a yearbook")
    progress = None if args.quiet else Progress(args.pdf.name)
    options = Options(profile=args.profile, password=args.password, ocr=args.ocr, reader=args.reader,
                      enrich=args.enrich)
    result = convert(args.pdf, options, progress)
    doc = result.document
    # everything is made before anything is written, so that a failure leaves no file behind
    data = export.serialize(doc, args.format)
    page = report.html(doc, args.pdf, args.password) if args.report else None
    if args.sqlite:
        sqlite.load(doc, args.sqlite)
    if args.stdout:
        sys.stdout.write(data)
    where = ["stdout"] if args.stdout else [export.write(data, args.output / f"{args.pdf.stem}.{args.format}")]
    if page is not None:
        where.append(export.write(page, args.output / f"{args.pdf.stem}.html"))
    if args.sqlite:
        where.append(f"{args.sqlite} (edition {doc.edition.year})")
    if not args.quiet:
        print(f"{args.pdf.name}: {len(doc.projects)} projects, {len(doc.warnings)} warnings, "
              f"{len(doc.unplaced)} unplaced lines → {', '.join(map(str, where))}", file=sys.stderr)
    return 0


class Progress:
    """Page progress on stderr: one updated line on a terminal, a few plain lines otherwise."""

    def __init__(self, name: str):
        self.name = name
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            end = "\n" if done == total else ""
            print(f"\r{self.name}: reading page {done}/{total}", end=end, file=sys.stderr, flush=True)
        elif done == total or done % 10 == 0:
            print(f"{self.name}: read {done}/{total} pages", file=sys.stderr)
