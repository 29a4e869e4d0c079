"""Command line: `python -m pipeline PATH...` (see `arguments`), started at the least cost.

The arguments are read first, with no module of the conversion imported. When they name one
PDF to read with PDFium, its pages start being read in the other processes --jobs allows
(`pdfium_reader.ahead`) while this one imports the conversion's modules (a fifth of a second
in which a second core would sit idle); the conversion then joins that reading. The modules
are imported with the garbage collector off: their objects (a hundred thousand) are no
garbage, and its passes over them were a twentieth of the start; they are then set aside
from its later passes (`gc.freeze`).
"""

from __future__ import annotations

import contextlib
import gc
import getpass
import os
import sys
from pathlib import Path
from types import ModuleType

from ..read import pdfium_reader
from .arguments import PASSWORD_VARIABLE, parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["review"]:
        return command().review(argv[1:])
    ap = parser()
    args = ap.parse_args(argv)
    if args.schema:
        from ..outputs import export

        sys.stdout.write(export.schema())
        return 0
    if not args.paths:
        ap.print_usage(sys.stderr)
        print(
            "python -m pipeline: error: give the PDF of a yearbook, or a folder of them",
            file=sys.stderr,
        )
        return 2
    args.password = password(args.password)
    with reading_ahead(args):
        return command().convert(args)


def password(given: str | None) -> str | None:
    """--password, asked for with '-', else the environment's."""
    if given == "-":
        return getpass.getpass("password of the PDF: ")
    return given if given is not None else os.environ.get(PASSWORD_VARIABLE)


def reading_ahead(args) -> contextlib.AbstractContextManager:
    """The pages of the one PDF the arguments name, read from now on beside this process (see
    the module's doc); nothing for several files (each file's conversion is a job of its
    own), a folder, a glob, --reader pdfplumber, --jobs 1 or --skip-existing."""
    paths = [Path(path) for path in args.paths]
    if (
        len(paths) != 1
        or not paths[0].is_file()
        or args.reader != "pdfium"
        or args.jobs < 2
        or args.skip_existing
    ):
        return contextlib.nullcontext()
    return pdfium_reader.ahead(paths[0], args.password, args.jobs, args.max_pages, args.max_memory)


def command() -> ModuleType:
    """The conversion's modules (`command` and all it imports), imported with the collector
    off, then frozen (see the module's doc)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from . import command as module
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return module
