"""What the command does with its files, once its arguments are read (`cli`): each converted
in its own child process (`batch`), several at a time with --jobs, and published in the order
given, its progress on stderr; and the review app (`python -m pipeline review`).
"""

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
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..outputs.models import Annuaire
from ..profiles.profile import load
from ..review.corrections import NAME, SUFFIX
from . import batch, isolate, lifeline, progress
from . import publish as publishing
from .arguments import review_parser

MODEL = "spaCy's fr_core_news_sm"  # how the progress names the language model while it loads


def convert(args) -> int:
    """Convert the files the arguments name; the exit code of the run."""
    try:
        options = options_of(args)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    items, under = batch.inputs(expand(args.paths), args.recursive)
    refused = refusal(args, items)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    # a SIGTERM unwinds like an interruption: the children are killed
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        outcomes = run(items, under, options, args)
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
    if args.output.exists() and not args.output.is_dir():
        return (
            f"python -m pipeline: error: -o {args.output}: a file, not a folder; give the folder "
            "to write into"
        )
    for flag, given in (("--stdout", args.stdout), ("--corrections", args.corrections)):
        if given and len(items) > 1:
            return f"python -m pipeline: error: {flag} takes one PDF"
    if args.corrections and not args.corrections.is_file():
        return f"error: {args.corrections}: no such corrections file"
    return None


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


@dataclass
class Plan:
    """What a run does with each PDF: where its outputs go, or why it is left out."""

    targets: dict[Path, Path | None]  # the document (None: printed on stdout)
    folders: dict[Path, Path]  # the folder of its outputs
    left_out: dict[Path, batch.Outcome]  # a clash, or its outputs there already (--skip-existing)


def plan(pdfs: list[Path], under: dict[Path, Path], args) -> Plan:
    folders = {pdf: args.output / under.get(pdf, Path()) for pdf in pdfs}
    targets = {
        pdf: None if args.stdout else folders[pdf] / f"{pdf.stem}.{args.format}" for pdf in pdfs
    }
    left_out = clashing(pdfs, targets)
    if args.skip_existing:
        left_out.update(
            (pdf, skipped(pdf, targets[pdf], folders[pdf], args))
            for pdf in pdfs
            if pdf not in left_out and written(targets[pdf], folders[pdf], pdf, args)
        )
    return Plan(targets, folders, left_out)


def run(items: list, under: dict[Path, Path], options: Options, args) -> list[batch.Outcome]:
    """Convert the files (`--jobs` at a time) and publish each as soon as it is done, in the order
    given, with their progress on stderr. A file found in a sub-folder (--recursive) is written
    into the same sub-folder of the output folder."""
    pdfs = [item for item in items if isinstance(item, Path)]
    todo_plan = plan(pdfs, under, args)
    todo = [pdf for pdf in pdfs if pdf not in todo_plan.left_out]
    display = progress.Display(len(todo), quiet=args.quiet).start()  # before any process is forked
    try:
        return convert_all(items, todo, todo_plan, options, args, display)
    finally:
        display.stop()


def convert_all(
    items: list, todo: list[Path], todo_plan: Plan, options: Options, args, display
) -> list[batch.Outcome]:
    """Each item's outcome, in order: converted (by the pool, or here) and published. The jobs
    are shared among the files converted at once: a single file may use them all."""
    at_once = max(1, min(args.jobs, len(todo)))
    options = options.model_copy(update={"processes": max(1, args.jobs // at_once)})
    pool, futures, ahead = start(todo, options, args, display)
    try:
        outcomes = []
        for item in items:
            outcome = item if isinstance(item, batch.Outcome) else todo_plan.left_out.get(item)
            if outcome is None:
                outcome = (
                    futures[item].result()
                    if pool
                    else convert_one(item, options, ahead, wanted(args))
                )
                display.done(item.name)
                target, folder = todo_plan.targets[item], todo_plan.folders[item]
                outcome = publish(outcome, item, target, folder, args)
            outcomes.append(say(outcome, args, display))
        return outcomes
    except BaseException:  # Ctrl-C, a stop: the conversions under way are not waited for
        if pool:
            stop(pool)
        raise
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def wanted(args) -> batch.Wanted:
    return batch.Wanted(
        args.format, args.report, document=args.sqlite is not None, csv_sep=args.csv_sep
    )


def start(
    todo: list[Path], options: Options, args, display: progress.Display
) -> tuple[ProcessPoolExecutor | None, dict[Path, Future], dict[Path, isolate.Running]]:
    """Load the models, then (with several jobs) start the pool and submit every file to it;
    without a pool, the files being read ahead for this process's conversions. A single file's
    conversion loads the model itself, beside its reading (`enrich.model_process`)."""
    if len(todo) < 2:
        return None, {}, {}
    parallel = args.jobs > 1
    # while this process loads the models, the other jobs (or the other core) read the first files
    ahead = (
        {pdf: batch.read_ahead(pdf, options) for pdf in todo[: max(args.jobs - 1, 1)]}
        if options.enrich
        else {}
    )
    if options.enrich:
        display.update(MODEL, "model", 0, 0)
        batch.prepare(options)  # the enrichment models, loaded once, before the workers are forked
        display.done(MODEL, advance=False)
    if not parallel:
        return None, {}, ahead
    pool, futures = submitted(todo, options, args, ahead)
    return pool, futures, {}


def submitted(
    todo: list[Path], options: Options, args, ahead: dict[Path, isolate.Running]
) -> tuple[ProcessPoolExecutor, dict[Path, Future]]:
    """The pool, every file submitted to it. Forked workers start with the models loaded, and
    fork each file's child from there."""
    pool = ProcessPoolExecutor(
        min(args.jobs, len(todo)),
        mp_context=get_context("fork"),
        initializer=lifeline.die_with_parent,
        initargs=(os.getpid(),),
    )
    futures = {
        pdf: pool.submit(
            batch.convert_file,
            pdf,
            options,
            batch.preread(ahead[pdf], options) if pdf in ahead else None,
            wanted(args),
        )
        for pdf in todo
    }
    return pool, futures


def stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers (their children die with them, see `lifeline`). The executor has
    no public way to do it before Python 3.14 (`terminate_workers`)."""
    for worker in list(pool._processes.values()):
        worker.kill()


def convert_one(
    pdf: Path, options: Options, ahead: dict[Path, isolate.Running], wanted: batch.Wanted
) -> batch.Outcome:
    """One file converted from this process, from its pages when they were read ahead."""
    pages = batch.preread(ahead[pdf], options, False) if pdf in ahead else None
    return batch.convert_file(pdf, options, pages, wanted)


def clashing(pdfs: list[Path], targets: dict) -> dict[Path, batch.Outcome]:
    """PDFs whose document would overwrite an earlier PDF's of the same run (same name), or the
    PDF itself."""
    seen: dict[Path | None, Path] = {}
    out: dict[Path, batch.Outcome] = {}
    for pdf in pdfs:
        target = targets[pdf]
        if target is not None and target.exists() and target.samefile(pdf):
            out[pdf] = batch.unusable(
                pdf, f"{pdf}: its document would be written over it; give another -o"
            )
        elif target is not None and target in seen:
            out[pdf] = batch.unusable(
                pdf,
                f"{pdf}: its document {target} is written for {seen[target]} in this "
                "run; convert it on its own with another -o",
            )
        seen.setdefault(target, pdf)
    return out


def written(target: Path | None, folder: Path, pdf: Path, args) -> bool:
    """Every file the run would write for `pdf` is there already (--skip-existing)."""
    return (
        target is not None
        and target.exists()
        and (not args.report or (folder / f"{pdf.stem}.html").exists())
    )


def skipped(pdf: Path, target: Path | None, folder: Path, args) -> batch.Outcome:
    page = f" and {folder / f'{pdf.stem}.html'}" if args.report else ""
    return batch.Outcome(
        str(pdf),
        "converted",
        f"{pdf.name}: skipped, {target}{page} already there (--skip-existing)",
        output=str(target),
    )


def publish(
    outcome: batch.Outcome, pdf: Path, target: Path | None, folder: Path, args
) -> batch.Outcome:
    """Publish what the child made, all or nothing (`publishing`); --stdout prints the document."""
    if outcome.status != "converted":
        return outcome
    files = {target: outcome.files[args.format]} if target is not None else {}
    if args.report:
        files[folder / f"{pdf.stem}.html"] = outcome.files["html"]
    doc = Annuaire.model_validate_json(outcome.document or "") if args.sqlite else None
    try:
        publishing.publish(files, args.sqlite, doc)
    except publishing.Failed as e:
        return batch.Outcome(str(pdf), "failed", f"{outcome.message}; nothing written: {e}")
    except InputError as e:
        return batch.unusable(pdf, f"{outcome.message}; nothing written: {e}")
    if target is None:
        printed = outcome.files[args.format]
        if isinstance(printed, bytes):  # xlsx
            sys.stdout.buffer.write(printed)
        else:
            sys.stdout.write(printed)
    where = [str(path) for path in files] if target is not None else ["stdout", *map(str, files)]
    if doc is not None:
        where.append(f"{args.sqlite} (edition {doc.edition.year})")
    return replace(
        outcome,
        message=f"{outcome.message} → {', '.join(map(str, where))}",
        output=str(where[0]),
        files={},
        document=None,
    )


def say(outcome: batch.Outcome, args, display: progress.Display) -> batch.Outcome:
    """Say what became of one file: its summary line (and its stage timings with --timings), or
    one line with its error."""
    if outcome.status == "converted":
        if not args.quiet:
            display.print(progress.printable(outcome.message))
        if args.timings:
            display.print(timings(outcome))
    elif outcome.details:  # our bug: the details go to a log file, and on screen only with --debug
        if args.debug:
            display.print(outcome.details.rstrip("\n"))
        fd, log = tempfile.mkstemp(prefix="annuaire-pipeline-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(f"{outcome.source}\n{outcome.details}")
        display.print(f"{progress.printable(outcome.message)} (details in {log})")
    else:
        display.print(f"error: {progress.printable(outcome.message)}")
    return outcome


def timings(outcome: batch.Outcome) -> str:
    """The seconds each stage of a file's conversion took, as the pipeline measured them."""
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in outcome.timings.items())
    return f"{Path(outcome.source).name}: {stages} (total {sum(outcome.timings.values()):.2f} s)"
