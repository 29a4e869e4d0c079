"""Benchmark: the pipeline against a plain pdfplumber pass, side by side, on this machine.

    python bench/bench.py [--repeat N] [--batch-repeat N] [--skip-batch]

Prints a table and writes bench/results.json:
  a. baseline: pdfplumber opening the sample and calling extract_text() on every page;
  b. the pipeline end to end on the same file, per reader (pdfplumber, pdfium), with and
     without enrichment; the enrichment models' loading (once per process) is timed apart;
  c. the time of each stage;
  d. a 400-page yearbook built here (the sample's sections and cards repeated), converted
     with the default options (enrichment on) in a child process after a first untimed
     conversion: time per page against the 38-page sample's (converted the same way),
     medians of three alternated runs, and peak memory;
  e. eight yearbooks converted by one command with --jobs 1 and with --jobs 2 (runs alternated,
     medians compared); run first, before this process loads anything;
  f. whole processes on the sample, as a user runs them (`processes.py`): the command line
     (default, --no-enrich, --reader pdfplumber), a process that only loads the model, and
     pymupdf4llm (the `bench` extra), against a bare pdfplumber extract_text() process; and
     the default command on the 400-page yearbook of d: time per page and peak memory;
  g. entity precision and recall on the cards annotated by hand, on the reference, on the
     brochure (tests/data: the same texts in another design) and on both; the entities with a
     registry code.
Runs of a and b are interleaved and their medians compared, so that a busy machine slows
both alike. The caches the pipeline keeps between conversions are emptied before each run.
A script, not a test: its figures belong to the machine it runs on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(ROOT)
)  # the tree this script belongs to, wherever the package is installed from

SAMPLE = ROOT / "samples" / "annuaire_2023.pdf"

import processes  # noqa: E402  (bench/, this script's folder, is on the path)

READERS = ("pdfplumber", "pdfium")


def baseline(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def fresh_caches() -> None:
    """Empty the caches a conversion leaves (folded texts, similarities), so each run pays its own
    way."""
    from pipeline import text
    from pipeline.read import lines

    for f in (
        text.fold,
        text.fold_map,
        text.fold_char,
        text.key,
        text.similarity,
        text.containment,
        lines.is_bold,
        lines.base_font,
        lines.is_small_caps,
    ):
        f.cache_clear()


def convert(path: Path, reader: str, enrich: bool):
    from pipeline.conversion import convert as run
    from pipeline.options import Options

    fresh_caches()
    start = time.perf_counter()
    result = run(path, Options(reader=reader, enrich=enrich))
    return time.perf_counter() - start, result.timings


def entities() -> dict:
    """g. entity precision and recall on the cards annotated by hand (tests/data), as
    tests/test_enrich_sample.py computes them: on the reference, on the brochure (the same
    cards in another design) and on both together."""
    from pipeline.conversion import convert as run
    from tests.scoring import BROCHURE, annotated_cards, entity_scores

    cards = annotated_cards()
    counts = {}
    for name, path in (("reference", SAMPLE), ("brochure", BROCHURE)):
        document = run(path).document
        coded = sum(e.code is not None for p in document.projects for e in p.entities)
        counts[name] = (*entity_scores(document, cards), coded)
    counts["both"] = tuple(sum(c) for c in zip(*counts.values(), strict=True))
    scores = {}
    for name, (right, wrong, missed, coded) in counts.items():
        scores[name] = {
            "cards": len(cards) * (2 if name == "both" else 1),
            "precision": round(right / (right + wrong), 3),
            "recall": round(right / (right + missed), 3),
            "with_code": coded,
        }
        print(
            f"g. entities, {name}, {scores[name]['cards']} annotated cards: precision "
            f"{scores[name]['precision']:.3f} ({right} of {right + wrong}), recall "
            f"{scores[name]['recall']:.3f} ({right} of {right + missed}); {coded} entities "
            "with a registry code"
        )
    return scores


def load_models() -> float:
    """Load the enrichment models as the command line does before converting, timed."""
    from pipeline.options import Options
    from pipeline.run.batch import prepare

    start = time.perf_counter()
    prepare(Options())
    return time.perf_counter() - start


def child(path: Path, reader: str) -> dict:
    """Convert in a fresh process; its wall time and peak memory.

    The process first converts the sample, untimed: what a process does once (compiling the
    profile's patterns, filling the first-use caches) is not spread over the pages of the run
    that is timed, so that per-page times compare the pages alone.
    """
    # peak memory: the kernel's high-water mark of this process (VmHWM; ru_maxrss would carry the
    # parent's, which had the enrichment models loaded, over the exec)
    code = (
        "import json, re, sys, time; sys.path.insert(0, sys.argv[3]);"
        "from pipeline import Options, convert; options = Options(reader=sys.argv[2]);"
        "convert(sys.argv[4], options); t = time.perf_counter();"
        "r = convert(sys.argv[1], options); s = time.perf_counter() - t;"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read());"
        "print(json.dumps({'seconds': s, 'pages': r.document.source.page_count,"
        "'projects': len(r.document.projects), 'peak_mb': int(hwm.group(1)) / 1024}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), reader, str(ROOT), str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def batch(folder: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", str(folder), "--jobs", str(jobs), "-o", str(out), "-q"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return time.perf_counter() - start


def batches(repeat: int) -> dict:
    """e: eight copies of the sample converted by one command, with --jobs 1 and with --jobs 2."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        books = tmp / "books"
        books.mkdir()
        for i in range(1, 9):
            shutil.copy(SAMPLE, books / f"annuaire_2023_{i}.pdf")
        times: dict[int, list[float]] = {1: [], 2: []}
        for i in range(repeat):  # alternated, so that a machine slowing down slows both
            for jobs in (1, 2) if i % 2 == 0 else (2, 1):
                times[jobs].append(batch(books, tmp / f"out{jobs}", jobs))
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(
        f"e. eight yearbooks (median of {repeat} runs): --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} "
        f"s: "
        f"{one / two:.2f}× faster"
    )
    return {
        "books": 8,
        "runs": repeat,
        "jobs_1_seconds": round(one, 2),
        "jobs_2_seconds": round(two, 2),
        "speedup": round(one / two, 2),
        "all_runs": {f"jobs_{j}": [round(t, 2) for t in ts] for j, ts in times.items()},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--repeat", type=int, default=5, help="runs of a and b, interleaved (default 5)"
    )
    ap.add_argument(
        "--batch-repeat",
        type=int,
        default=5,
        help="runs of e per job count, alternated (default 5)",
    )
    ap.add_argument(
        "--skip-batch", action="store_true", help="leave out e (eight yearbooks, two job counts)"
    )
    args = ap.parse_args(argv)
    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": args.repeat,
    }

    # e first: its commands then run beside a process that has loaded nothing yet, as a user's would
    if not args.skip_batch:
        results["batch"] = batches(args.batch_repeat)
    # f: whole processes, as a user sees them
    results["processes"] = processes.measure(SAMPLE, ROOT, args.repeat)
    processes.show(results["processes"])
    # a, b, c
    models = load_models()
    results["entities"] = entities()
    runs: dict[str, list[float]] = {"baseline": []}
    stages: dict[str, dict[str, list[float]]] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        baseline(SAMPLE)
        runs["baseline"].append(time.perf_counter() - start)
        for reader in READERS:
            for enrich in (False, True):
                name = f"{reader}{'+enrich' if enrich else ''}"
                seconds, timings = convert(SAMPLE, reader, enrich)
                runs.setdefault(name, []).append(seconds)
                for stage, t in timings.items():
                    stages.setdefault(name, {}).setdefault(stage, []).append(t)
    a = statistics.median(runs["baseline"])
    end_to_end = {
        name: {
            "seconds": round(statistics.median(v), 3),
            "ratio_to_baseline": round(statistics.median(v) / a, 2),
        }
        for name, v in runs.items()
        if name != "baseline"
    }
    results.update(
        baseline_seconds=round(a, 3),
        model_loading_seconds=round(models, 2),
        end_to_end=end_to_end,
        stages={
            name: {s: round(statistics.median(v), 3) for s, v in st.items()}
            for name, st in stages.items()
        },
    )
    print(f"{'run on ' + SAMPLE.name:34} {'seconds':>8} {'× a':>6}")
    print(f"{'a. pdfplumber extract_text()':34} {a:8.2f} {1:6.2f}")
    for name, r in end_to_end.items():
        print(f"{'b. pipeline, ' + name:34} {r['seconds']:8.2f} {r['ratio_to_baseline']:6.2f}")
    print(f"   (enrichment models loaded once per process, apart: {models:.2f} s)")
    print(
        "c. stages (s): "
        + "; ".join(
            f"{name}: " + ", ".join(f"{s} {t:.2f}" for s, t in st.items())
            for name, st in results["stages"].items()
        )
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # d
        big = processes.big_yearbook(SAMPLE, tmp / "annuaire_400.pdf")
        scale = {}
        for reader in READERS:
            # three runs of each, alternated, and their medians: a passing slowdown of the machine
            # weighs alike
            pairs = [(child(SAMPLE, reader), child(big, reader)) for _ in range(3)]
            small, large = (
                sorted((p[i] for p in pairs), key=lambda r: r["seconds"])[1] for i in (0, 1)
            )
            per_small, per_large = (
                small["seconds"] / small["pages"],
                large["seconds"] / large["pages"],
            )
            scale[reader] = {
                "pages_38": small,
                "pages_400": large,
                "seconds_per_page_38": round(per_small, 4),
                "seconds_per_page_400": round(per_large, 4),
                "per_page_ratio": round(per_large / per_small, 2),
            }
            print(
                f"d. {reader:10} {large['pages']} pages: {per_large:.3f} s/page against "
                f"{per_small:.3f} "
                f"({per_large / per_small:.2f}×), peak memory {large['peak_mb']:.0f} MB "
                f"({small['peak_mb']:.0f} MB for 38 pages)"
            )
        results["scale"] = scale
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
