"""Benchmark: what enrichment adds to the end-to-end time of a conversion.

    python bench/enrichment.py [FILE.pdf] [--repeat N] [--profile NAME]

Model loading (spaCy and fr_core_news_sm) happens once per
process and is timed apart, first. Then the yearbook is converted N times with and N
times without enrichment, the two interleaved (and their order alternated) so that a
busy machine slows both alike; the medians are compared. The enrich stage's own time
(from `Result.timings`) is printed too: it does not depend on how fast the PDF was read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the tree this script belongs to, wherever the package is installed from
sys.path.insert(0, str(ROOT))

from pipeline.conversion import convert  # noqa: E402
from pipeline.enrich import entities  # noqa: E402
from pipeline.options import Options  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path, default=ROOT / "samples" / "annuaire_2023.pdf")
    ap.add_argument("--repeat", type=int, default=5, help="conversions of each kind (default 5)")
    ap.add_argument("--profile", default="default")
    args = ap.parse_args(argv)

    start = time.perf_counter()
    entities.load()
    loading = time.perf_counter() - start

    times: dict[bool, list[float]] = {True: [], False: []}
    stage: list[float] = []
    for i in range(args.repeat):
        for enrich in (True, False) if i % 2 == 0 else (False, True):
            start = time.perf_counter()
            result = convert(args.pdf, Options(profile=args.profile, enrich=enrich))
            times[enrich].append(time.perf_counter() - start)
            if enrich:
                stage.append(result.timings["enrich"])
    off, on, enrich = (statistics.median(x) for x in (times[False], times[True], stage))
    print(
        f"{args.pdf.name}: {args.repeat} conversions with and {args.repeat} without enrichment, "
        f"medians"
    )
    print(f"  model loading, once per process     {loading:6.2f} s  (not counted below)")
    print(f"  end to end, without enrichment      {off:6.2f} s")
    print(f"  end to end, with enrichment         {on:6.2f} s")
    print(f"  enrich stage alone                  {enrich:6.2f} s")
    print(
        f"  added by enrichment: {100 * (on - off) / off:.0f}% end to end, "
        f"{100 * enrich / off:.0f}% by the stage's own time (limit: 50%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
