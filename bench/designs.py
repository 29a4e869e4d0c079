"""Benchmark: the pipeline on yearbooks of designs it has never seen, drawn by the seeded
generator of `tests/designs` (issue 13, item 9).

    python bench/designs.py [--count 100] [--seed S] [--keep DIR] [--axis name=value ...]
                            [--cards MIN-MAX] [--out bench/designs_results.json]

Each design is generated (PDF + gold), converted (without enrichment) and scored with
`tests/scoring.py`; the script prints the distribution of the scores (median, quartiles,
minimum), the mean score per value of each axis with its share among the worst quarter, and
the worst designs, then writes every result to the JSON file. `--keep DIR` keeps each PDF,
its gold and the pipeline's output (DIR/design_<seed>.{pdf,gold.json,out.json}) so that the
shared scorer can be run on them; `--axis columns=3` forces an axis in every design.
A file the pipeline refuses scores 0 and its error is recorded; `noise_leaks` keeps the first five
of a design's leaks (the summary counts those). Acceptance (issue 13):
median >= 0.97, none below 0.85.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tree this script belongs to

from pipeline import Options, convert  # noqa: E402
from pipeline.errors import PipelineError  # noqa: E402
from tests.designs import choices, write  # noqa: E402
from tests.scoring import figures, noise_leaks, score  # noqa: E402

MEDIAN_TARGET, FLOOR = 0.97, 0.85
WORST_SHARE = 0.25  # the worst quarter, whose axis values are counted
SHOWN = 8  # worst designs printed


def run_one(seed: int, directory: Path, forced: dict, cards: tuple[int, int]) -> dict:
    """Generate, convert and score one design."""
    sample = write(seed, directory, forced, cards)
    started = time.perf_counter()
    row = {"seed": seed, "axes": sample.design.axes(), "cards": len(sample.gold["cards"])}
    try:
        document = convert(sample.pdf, Options(enrich=False)).document
    except PipelineError as error:
        return {
            **row,
            "score": 0.0,
            "error": str(error),
            "seconds": round(time.perf_counter() - started, 2),
        }
    (directory / f"design_{seed}.out.json").write_text(
        document.model_dump_json(indent=1), encoding="utf-8"
    )
    fig = figures(document, sample.gold)
    return {
        **row,
        "score": round(score(fig), 4),
        "figures": {k: round(v, 4) for k, v in fig.items()},
        "warnings": sum(w.severity == "warning" for w in document.warnings),
        "anomalies": len(sample.gold["anomalies"]),
        "noise_leaks": noise_leaks(document, sample.gold)[:5],
        "seconds": round(time.perf_counter() - started, 2),
    }


def distribution(rows: list[dict]) -> dict:
    """The scores' distribution, and what the pipeline did besides: refusals, field means over
    the designs it read, warnings against the yearbooks' real anomalies, noise leaks."""
    scores = [row["score"] for row in rows]
    quartiles = statistics.quantiles(scores, n=4) if len(scores) > 1 else scores * 3
    read = [row for row in rows if "figures" in row]
    return {
        "count": len(scores),
        "median": round(statistics.median(scores), 4),
        "min": round(min(scores), 4),
        "q1": round(quartiles[0], 4),
        "q3": round(quartiles[2], 4),
        "mean": round(statistics.mean(scores), 4),
        "below_floor": sum(s < FLOOR for s in scores),
        "refused": len(rows) - len(read),
        "fields": field_means(read),
        "warnings": sum(row["warnings"] for row in read),
        "anomalies": sum(row["anomalies"] for row in read),
        "noise_leaks": sum(len(row["noise_leaks"]) for row in read),
    }


def field_means(rows: list[dict]) -> dict:
    """Mean of each figure of tests/scoring.figures over the designs the pipeline read."""
    if not rows:
        return {}
    names = rows[0]["figures"]
    return {name: round(statistics.mean(row["figures"][name] for row in rows), 4) for name in names}


def by_axis(rows: list[dict]) -> dict:
    """Per axis and value: designs, mean score, how many are among the worst quarter, refusals,
    and the mean of each figure over the designs read."""
    ranked = sorted(rows, key=lambda r: r["score"])
    worst = {row["seed"] for row in ranked[: max(1, int(len(rows) * WORST_SHARE))]}
    table: dict = defaultdict(lambda: defaultdict(list))
    for row in rows:
        for axis, value in row["axes"].items():
            table[axis][str(value)].append(row)
    return {
        axis: {
            value: {
                "n": len(group),
                "mean": round(statistics.mean(r["score"] for r in group), 4),
                "in_worst": sum(r["seed"] in worst for r in group),
                "refused": sum("error" in r for r in group),
                "fields": field_means([r for r in group if "figures" in r]),
            }
            for value, group in sorted(values.items())
        }
        for axis, values in table.items()
    }


def _verdict(met: bool) -> str:
    return "ok" if met else "NOT MET"


def _weakest(fields: dict) -> str:
    """The lowest figure of an axis value, when it is below the issue's 0.95."""
    name, value = min(fields.items(), key=lambda item: item[1], default=("", 1.0))
    return f", weakest {name} {value:.2f}" if value < 0.95 else ""


def report(rows: list[dict], axes: dict, summary: dict) -> None:
    print(" ".join(f"{k}={v}" for k, v in summary.items() if k != "fields"))
    print("field means over the designs read:", summary["fields"])
    print(
        f"acceptance: median >= {MEDIAN_TARGET} {_verdict(summary['median'] >= MEDIAN_TARGET)}, "
        f"none below {FLOOR} {_verdict(not summary['below_floor'])}"
    )
    print("\nper axis (value: designs, mean score, in the worst quarter, refused, weakest field)")
    for axis, values in axes.items():
        print(f"  {axis}")
        for value, stats in values.items():
            print(
                f"    {value:14} {stats['n']:3} {stats['mean']:.3f} {stats['in_worst']:3} "
                f"{stats['refused']:3}{_weakest(stats['fields'])}"
            )
    print("\nworst designs")
    for row in sorted(rows, key=lambda r: r["score"])[:SHOWN]:
        weak = {k: v for k, v in row.get("figures", {}).items() if v < 0.95}
        print(f"  seed {row['seed']:5} score {row['score']:.3f} {row.get('error', '')} {weak}")
        print(f"             {row['axes']}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100, help="designs to generate (default 100)")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the first design (then seed+1, …)"
    )
    parser.add_argument("--keep", type=Path, help="folder where PDFs, golds and outputs are kept")
    parser.add_argument(
        "--axis", action="append", default=[], metavar="NAME=VALUE", help="force an axis"
    )
    parser.add_argument(
        "--cards", default="12-30", help="cards per yearbook, MIN-MAX (default 12-30)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "designs_results.json")
    args = parser.parse_args()
    try:
        args.forced = dict(
            (name, choices.parse(value, name))
            for name, _, value in (item.partition("=") for item in args.axis)
        )
        low, _, high = args.cards.partition("-")
        args.card_range = (int(low), int(high or low))
        choices.draw(args.seed, args.forced)  # forced values that cannot go together

    except ValueError as error:
        parser.error(str(error))
    return args


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory(prefix="designs-") as scratch:
        directory = args.keep or Path(scratch)
        rows = []
        for seed in range(args.seed, args.seed + args.count):
            rows.append(run_one(seed, directory, args.forced, args.card_range))
            print(f"\r{len(rows)}/{args.count} designs", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    summary = distribution(rows)
    axes = by_axis(rows)
    report(rows, axes, summary)
    forced = {name: str(value) for name, value in args.forced.items()}
    args.out.write_text(
        json.dumps(
            {"summary": summary, "forced": forced, "by_axis": axes, "designs": rows},
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
