"""The command line's arguments: `python -m pipeline PATH... [-o DIR] [--format F] [--csv-sep S]
[--report] [--sqlite DB] [--jobs N] …` and `python -m pipeline review PDF …`.

The parser imports nothing of the conversion: the command reads its arguments, and starts
reading a single file's pages, before it imports the conversion's modules (`cli`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..limits import MAX_MEMORY, MAX_PAGES, TIMEOUT
from ..outputs import FORMATS, SEPARATOR, SEPARATORS
from ..profiles import available

PASSWORD_VARIABLE = "ANNUAIRE_PASSWORD"  # the password of encrypted PDFs, kept off the command line

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
    add_batch(ap)
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
        choices=FORMATS,
        default="json",
        help="json: the whole document (default); jsonl: one project per line, with its edition's "
        "year; csv: one project per row, territories joined with ' ; ', UTF-8 with a BOM; "
        "xlsx: a workbook with sheets of projects, territories and warnings",
    )
    ap.add_argument(
        "--csv-sep",
        choices=SEPARATORS,
        default=SEPARATOR,
        help="separator of the CSV cells: ';' (the default: what a spreadsheet set to French "
        "expects), ',' (the international convention, RFC 4180) or 'tab'",
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
    ap.add_argument(
        "--password",
        help=f"password of an encrypted PDF; '-' to be asked for it (not shown), or "
        f"set {PASSWORD_VARIABLE}: a password on the command line is seen by "
        "anyone who lists the processes",
    )


def add_batch(ap: argparse.ArgumentParser) -> None:
    """How a batch finds its PDFs and their corrections, and goes on after a stop."""
    ap.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE",
        help="the archivist's corrections file to apply (default: DIR/<name>.corrections.toml, "
        "when there); see 'python -m pipeline review' to write one",
    )
    ap.add_argument(
        "--skip-existing",
        action="store_true",
        help="leave out a PDF whose outputs are all there already (its document, and its review "
        "page with --report): a batch stopped midway goes on where it stopped",
    )
    ap.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help="a folder gives the PDFs of its sub-folders too, each written into the same "
        "sub-folder of the output folder",
    )


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
        help="processes at work at once (default: the number of CPUs, %(default)d here): that "
        "many files converted side by side, or a single file's work shared among them (its "
        "pages read in two, its language model loaded in another); 1 keeps a file to one",
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
        default=TIMEOUT,
        metavar="SECONDS",
        help="stop a file's conversion after this many seconds (default: %(default)g)",
    )
    ap.add_argument(
        "--max-pages",
        type=positive(int),
        default=MAX_PAGES,
        metavar="N",
        help="refuse a PDF of more pages, before reading any (default: %(default)d)",
    )
    ap.add_argument(
        "--max-memory",
        type=positive(int),
        default=MAX_MEMORY,
        metavar="MIB",
        help="memory (MiB of address space) each process of a file's conversion may take "
        "(default: %(default)d)",
    )
    ap.add_argument(
        "--timings",
        action="store_true",
        help="after each file, the seconds each stage of its conversion took",
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
        if not 0 < value <= sys.maxsize:  # not inf nor nan, and a count Python can index with
            raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
        return value

    return parse


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
