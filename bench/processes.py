"""Whole processes, as a user runs them: the command line against a bare pdfplumber read.

Each command is a fresh Python process on the 38-page sample, timed from outside (start-up,
imports and the model's loading included); the commands are run in turn, `repeat` rounds
alternated, so that a machine slowing down slows them all, and their medians are compared
with the baseline's: a process that opens the sample with pdfplumber and calls
`extract_text()` on every page. pymupdf4llm's `to_markdown` (the `bench` extra), what a user
might pick for raw text, is timed too when it is installed. The default command also converts
a 400-page yearbook built from the sample (its sections and cards repeated), in the same
rounds: its time per page against the sample's, and its peak memory.

The package is compiled to bytecode first, as pip does when it installs it: a process started
with PYTHONDONTWRITEBYTECODE set (some containers set it) would otherwise compile every module
of the pipeline again at each run, which no installed copy does.

    python bench/processes.py [--repeat N]

runs this part of `bench.py` alone and writes bench/processes_results.json.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = (
    "import pdfplumber, sys\nwith pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n        page.extract_text()"
)
MODEL_ONLY = "from pipeline.enrich import entities\nentities.load()"
MARKDOWN = "import pymupdf4llm, sys\npymupdf4llm.to_markdown(sys.argv[1])"
DEFAULT, BIG = "default (pdfium + enrichment)", "default, 400-page yearbook"
PAGES = {DEFAULT: 38, BIG: 400}  # the pages each run converts, for its time per page


def big_yearbook(sample: Path, target: Path, pages: int = 400) -> Path:
    """The sample's front matter, then its sections and cards again and again, up to `pages`
    pages."""
    import pikepdf

    with pikepdf.open(sample) as src:
        out = pikepdf.new()
        out.pages.extend(src.pages[:6])
        body = list(src.pages[6:])
        while len(out.pages) < pages:
            out.pages.extend(body[: pages - len(out.pages)])
        out.save(target)
    return target


def commands(sample: Path, out: Path) -> dict[str, list[str]]:
    """What is timed, by name; the first is the baseline."""
    cli = [sys.executable, "-m", "pipeline", str(sample), "-o", str(out), "-q"]
    big = big_yearbook(sample, out / "annuaire_400.pdf", PAGES[BIG])
    runs = {
        "pdfplumber extract_text()": [sys.executable, "-c", BASELINE, str(sample)],
        DEFAULT: cli,
        BIG: [sys.executable, "-m", "pipeline", str(big), "-o", str(out), "-q"],
        "--no-enrich": [*cli, "--no-enrich"],
        "--reader pdfplumber": [*cli, "--reader", "pdfplumber"],
        "--reader pdfplumber --no-enrich": [*cli, "--reader", "pdfplumber", "--no-enrich"],
        "a process loading the model only": [sys.executable, "-c", MODEL_ONLY],
    }
    if importlib.util.find_spec("pymupdf4llm"):
        runs["pymupdf4llm to_markdown"] = [sys.executable, "-c", MARKDOWN, str(sample)]
    return runs


def timed(command: list[str], root: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MB of the process or of its largest child)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode})")
    return seconds, usage.ru_maxrss / 1024


def measure(sample: Path, root: Path, repeat: int) -> dict:
    """Medians of `repeat` alternated rounds, and their ratios to the baseline's."""
    with tempfile.TemporaryDirectory() as out:
        runs = commands(sample, Path(out))
        times: dict[str, list[float]] = {name: [] for name in runs}
        peaks: dict[str, float] = {}
        for round_number in range(repeat):
            names = list(runs) if round_number % 2 == 0 else list(reversed(runs))
            for name in names:
                seconds, peak = timed(runs[name], root)
                times[name].append(seconds)
                peaks[name] = max(peaks.get(name, 0.0), peak)
    base = statistics.median(times[next(iter(runs))])
    results = {
        name: {
            "seconds": round(statistics.median(ts), 2),
            "ratio_to_baseline": round(statistics.median(ts) / base, 2),
            "peak_mb": round(peaks[name]),
            "runs": [round(t, 2) for t in ts],
        }
        for name, ts in times.items()
    }
    for name, pages in PAGES.items():
        results[name]["seconds_per_page"] = round(statistics.median(times[name]) / pages, 4)
    per_page = results[BIG]["seconds_per_page"] / results[DEFAULT]["seconds_per_page"]
    results[BIG]["per_page_ratio"] = round(per_page, 2)
    return results


def show(results: dict) -> None:
    print(f"{'whole process on the sample':40} {'seconds':>8} {'× a':>6} {'peak MB':>8}")
    for name, r in results.items():
        print(f"{name:40} {r['seconds']:8.2f} {r['ratio_to_baseline']:6.2f} {r['peak_mb']:8.0f}")
    big, sample = results[BIG], results[DEFAULT]
    print(
        f"{PAGES[BIG]} pages: {big['seconds_per_page']:.3f} s a page against "
        f"{sample['seconds_per_page']:.3f} for the sample ({big['per_page_ratio']:.2f}×), "
        f"peak memory {big['peak_mb']} MB"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="alternated rounds (default 5)")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(root / "pipeline", quiet=1)
    results = measure(root / "samples" / "annuaire_2023.pdf", root, args.repeat)
    show(results)
    results = {"repeat": args.repeat, "load_average": round(os.getloadavg()[0], 1), **results}
    target = root / "bench" / "processes_results.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
