"""Benchmark of the OCR path: time per scanned page, beside the same pages read from text.

    python bench/ocr.py [--repeat N]

Runs, in one process and side by side, the pipeline on the scanned sample
(samples/annuaire_2023_scan.pdf: pages 13–22 of the yearbook as images) and on the
reference yearbook (text layer), and prints the time per page of each, the OCR
stage's share, and their ratio. Writes bench/ocr_results.json. A script, not a test:
figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.conversion import convert  # noqa: E402


def run(path: Path, repeat: int) -> dict:
    totals, ocr = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        result = convert(path)
        totals.append(time.perf_counter() - start)
        ocr.append(result.timings.get("ocr", 0.0))
    pages = result.document.source.page_count
    return {
        "file": path.name,
        "pages": pages,
        "seconds": round(statistics.median(totals), 2),
        "per_page": round(statistics.median(totals) / pages, 3),
        "ocr_seconds": round(statistics.median(ocr), 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    scan = run(ROOT / "samples" / "annuaire_2023_scan.pdf", args.repeat)
    text = run(ROOT / "samples" / "annuaire_2023.pdf", args.repeat)
    ratio = round(scan["per_page"] / text["per_page"], 1)
    print(f"{'input':28} {'pages':>5} {'total s':>8} {'OCR s':>7} {'s/page':>7}")
    for r in (scan, text):
        print(
            f"{r['file']:28} {r['pages']:>5} {r['seconds']:>8} {r['ocr_seconds']:>7} "
            f"{r['per_page']:>7}"
        )
    print(f"a scanned page costs {ratio}× a page with a text layer")
    out = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "repeat": args.repeat,
        "scan": scan,
        "text": text,
        "scan_to_text_per_page": ratio,
    }
    (ROOT / "bench" / "ocr_results.json").write_text(
        json.dumps(out, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
