"""Benchmark: what linking a yearbook's territories to the registry costs, loading included.

    python bench/registry.py [--repeat N] [--output bench/registry_results.json]

Each run is a fresh Python process, so that the registry is loaded cold, as a conversion
loads it once. Two kinds of run alternate, N of each, and their medians are compared:

  a. baseline: decompress and parse the registry's data file (json), nothing else: the least
     any use of the shipped data costs;
  b. the registry: import it (rapidfuzz included; the standard library's modules that any
     conversion imports are imported before the clock starts), load it and link every card's
     territories of the reference output (output/annuaire_2023.json), card by card as the link
     stage does.

Target: b under 0.2 s. Wall and CPU times are both recorded: on a shared machine whose load
average exceeds its cores, wall time also counts the waits for a core.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.2  # seconds: loading and linking a whole yearbook

BASELINE = """
import gzip, json, time
from pathlib import Path
start, cpu = time.perf_counter(), time.process_time()
json.loads(gzip.decompress(Path("pipeline/registry/decoupage.json.gz").read_bytes()))
print(json.dumps({"total": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""

REGISTRY = """
# what any conversion has imported already
import bisect, dataclasses, functools, gzip, json, re, time, unicodedata
doc = json.loads(open("output/annuaire_2023.json", encoding="utf-8").read())
cards = [[(t["name"], t["kind"]) for t in p["territories"]] for p in doc["projects"]]
start, cpu = time.perf_counter(), time.process_time()
from pipeline.registry import link_card, load
load()
loaded = time.perf_counter()
links = [link for card in cards for link in link_card(card)]
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "match": done - loaded, "total": done - start,
                  "cpu": time.process_time() - cpu,
                  "territories": len(links), "linked": sum(1 for x in links if x.entry)}))
"""


def run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs of each kind (default 7)")
    ap.add_argument("--output", type=Path, default=ROOT / "bench" / "registry_results.json")
    args = ap.parse_args(argv)
    runs: dict[str, list[dict]] = {"baseline": [], "registry": []}
    for i in range(args.repeat):
        for kind in ("baseline", "registry") if i % 2 == 0 else ("registry", "baseline"):
            runs[kind].append(run(BASELINE if kind == "baseline" else REGISTRY))
    median = {kind: statistics.median(r["total"] for r in rs) for kind, rs in runs.items()}
    cpu = {kind: statistics.median(r["cpu"] for r in rs) for kind, rs in runs.items()}
    load = statistics.median(r["load"] for r in runs["registry"])
    match = statistics.median(r["match"] for r in runs["registry"])
    last = runs["registry"][-1]
    results = {
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "repeat": args.repeat,
        "baseline_seconds": round(median["baseline"], 4),
        "registry_seconds": round(median["registry"], 4),
        "load_seconds": round(load, 4),
        "match_seconds": round(match, 4),
        "ratio": round(median["registry"] / median["baseline"], 2),
        "baseline_cpu_seconds": round(cpu["baseline"], 4),
        "registry_cpu_seconds": round(cpu["registry"], 4),
        "cpu_ratio": round(cpu["registry"] / cpu["baseline"], 2),
        "load_average": round(__import__("os").getloadavg()[0], 1),
        "territories": last["territories"],
        "linked": last["linked"],
        "target_seconds": TARGET,
        "all_runs": {kind: [round(r["total"], 4) for r in rs] for kind, rs in runs.items()},
    }
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"{args.repeat} cold runs of each, medians (CPU time in brackets; load average "
        f"{results['load_average']}):"
    )
    ratio, cpu_ratio = median["registry"] / median["baseline"], cpu["registry"] / cpu["baseline"]
    print(f"  a. read the data file         {median['baseline']:.3f} s ({cpu['baseline']:.3f})")
    print(f"  b. registry, link the sample  {median['registry']:.3f} s ({cpu['registry']:.3f})")
    print(
        f"     {ratio:.2f}x a ({cpu_ratio:.2f}x in CPU time); import and load {load:.3f} s, "
        f"{last['territories']} territories {match:.3f} s; target < {TARGET} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
