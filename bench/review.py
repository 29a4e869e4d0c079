"""Benchmark: how fast the review app answers, against a plain static file server side by side.

    python bench/review.py [FILE.pdf] [--repeat N]

The app reviews the sample (enrichment on, as `python -m pipeline review` runs it); once it has
started, every page it serves is fetched N times: the list of cards, each card, each page of
the yearbook, each page image (the first fetch of an image renders it; the later ones come
from the cache; the command renders every page in a thread at start, which is left out here
to time a first rendering). The
baseline is the standard library's static file server, in the same process, answering the
same bytes saved to files, fetched in turn with the app's: the cost of an HTTP round trip
here. Medians and the slowest answer, in milliseconds, go to bench/review_results.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tree this script belongs to

from pipeline.options import Options  # noqa: E402
from pipeline.review import app  # noqa: E402
from pipeline.review.session import Session  # noqa: E402

TARGET_MS = 300  # the bound for one answer of the app


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        """No line per request: the figures are what this script prints."""


def fetch(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read()
    return (time.perf_counter() - start) * 1000, body


def save(base: str, path: str, checked: bool) -> float:
    """A save that marks (or unmarks) the card as checked, until the card is shown again."""
    data = b"checked=1" if checked else b""
    start = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data), timeout=60) as r:
        r.read()  # the redirect to the card is followed: the card is served again
    return (time.perf_counter() - start) * 1000


def serve(httpd) -> str:
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return f"http://{host}:{port}"


def paths(session: Session) -> dict[str, list[str]]:
    doc = session.document
    return {
        "list of cards": ["/"],
        "card": [f"/fiche/{urllib.request.quote(p.id, safe='')}" for p in doc.projects],
        "page of the yearbook": [f"/page/{n}" for n in range(1, doc.source.page_count + 1)],
        "page image (cached)": [f"/image/{n}.jpg" for n in range(1, doc.source.page_count + 1)],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path, default=ROOT / "samples" / "annuaire_2023.pdf")
    ap.add_argument("--repeat", type=int, default=5, help="fetches of each path (default 5)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-review-"))
    start = time.perf_counter()
    session = Session(args.pdf, Options(), work / "bench.corrections.toml")
    started = time.perf_counter() - start
    app_url = serve(app.server(session, 0))
    kinds = paths(session)
    first = [fetch(app_url + p)[0] for p in kinds["page of the yearbook"]]  # renders the others
    base_url = serve(static_server(app_url, kinds, work / "static"))
    results = {
        kind: compare(app_url, base_url, kind, items, args.repeat) for kind, items in kinds.items()
    }
    results["page of the yearbook, image not yet rendered"] = spread(first)
    saves = [save(app_url, kinds["card"][0], i % 2 == 0) for i in range(args.repeat)]
    results["save (corrections file written, converted again)"] = spread(saves)
    results["start (read, convert, models), s"] = round(started, 1)
    for kind, row in results.items():
        print(f"{kind:50} {row}")
    slowest = max(results[kind]["slowest_ms"] for kind in kinds)
    print(f"slowest answer, images cached: {slowest:.0f} ms (target: under {TARGET_MS} ms)")
    out = ROOT / "bench" / "review_results.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def static_server(app_url: str, kinds: dict[str, list[str]], folder: Path) -> ThreadingHTTPServer:
    """The baseline: the same bytes as the app's answers, saved to files and served as they are."""
    for kind, items in kinds.items():
        for i, path in enumerate(items):
            target = folder / kind.replace(" ", "_") / str(i)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fetch(app_url + path)[1])
    handler = functools.partial(Quiet, directory=str(folder))
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)


def compare(app_url: str, base_url: str, kind: str, items: list[str], repeat: int) -> dict:
    """Each path of the app and its copy on the static server, fetched in turn `repeat` times."""
    timed = {"app": [], "static": []}
    for _ in range(repeat):
        for i, path in enumerate(items):
            timed["app"].append(fetch(app_url + path)[0])
            timed["static"].append(fetch(f"{base_url}/{kind.replace(' ', '_')}/{i}")[0])
    app_ms, static_ms = statistics.median(timed["app"]), statistics.median(timed["static"])
    return spread(timed["app"]) | {
        "static_median_ms": round(static_ms, 1),
        "x_static": round(app_ms / static_ms, 1),
    }


def spread(times: list[float]) -> dict:
    return {
        "answers": len(times),
        "median_ms": round(statistics.median(times), 1),
        "slowest_ms": round(max(times), 1),
    }


if __name__ == "__main__":
    sys.exit(main())
