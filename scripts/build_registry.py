"""Build pipeline/registry/decoupage.json.gz from Etalab's @etalab/decoupage-administratif.

    python scripts/build_registry.py [--version 6.0.0] [--output FILE]
    python scripts/build_registry.py --rekey   # key the committed file anew (normalise changed)

The package is fetched with `npm pack` (npm's own client, into a temporary folder) and
reduced to what territory matching needs: the régions, départements, communes (current ones,
and the former communes now délégué or associé in a current one) and EPCI à fiscalité propre
(SIREN, type, member communes). Run only to refresh the data: the pipeline never fetches anything.

Each table is stored as two newline-joined strings (what JSON parses fastest): the matching key
of each row (`pipeline.registry.normalise`), sorted, and the rows in that order, their values
tab-separated. Loading the registry is then reading the file; a test checks the keys are the
code's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "pipeline" / "registry" / "decoupage.json.gz"
sys.path.insert(
    0, str(ROOT)
)  # the tree this script belongs to, wherever the package is installed from

from pipeline.registry.normalise import keys  # noqa: E402

COLUMNS = {
    "regions": ["code", "name", "population"],
    "departements": ["code", "name", "region", "population"],
    "communes": ["code", "name", "departement", "region", "population", "type", "chef_lieu"],
    "epci": ["siren", "name", "type", "departement", "region", "population", "members"],
}
# The registry's commune types kept, by the word recorded in the file ("" for a current commune).
COMMUNE_TYPES = {
    "commune-actuelle": "",
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
}


def fetch(version: str, folder: Path) -> Path:
    """The package's data folder, unpacked from the tarball `npm pack` downloads."""
    try:
        done = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"npm pack {PACKAGE}@{version} failed: {getattr(e, 'stderr', '') or e}")
    with tarfile.open(folder / done.stdout.strip().splitlines()[-1]) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def read(package: Path, name: str) -> list[dict]:
    return json.loads((package / "data" / f"{name}.json").read_text(encoding="utf-8"))


def communes(rows: list[dict]) -> list[list]:
    """Current communes and former ones. A former commune keeps its own INSEE code, which is its
    current commune's when it was the seat ("Lunas", 34144, now in Lunas-les-Châteaux); one with
    the same code and name as its current commune is that commune, kept once."""
    current = {(r["code"], r["nom"]) for r in rows if r["type"] == "commune-actuelle"}
    out = []
    for r in rows:
        kind = COMMUNE_TYPES.get(r["type"])
        if kind is None or (kind and (r["code"], r["nom"]) in current):
            continue
        out.append(
            [
                r["code"],
                r["nom"],
                r["departement"],
                r["region"],
                r.get("population"),
                kind,
                r.get("chefLieu"),
            ]
        )
    return sorted(out)


def main_area(members: list[dict], where: dict[str, str]) -> str | None:
    """The area (département or région) where most of an EPCI's population lives."""
    weight: Counter = Counter()
    for m in members:
        if m["code"] in where:
            weight[where[m["code"]]] += m.get("populationMunicipale") or 0
    return max(sorted(weight), key=lambda k: weight[k]) if weight else None


def epcis(rows: list[dict], commune_rows: list[list]) -> list[list]:
    department = {c[0]: c[2] for c in commune_rows if not c[5]}
    region = {c[0]: c[3] for c in commune_rows if not c[5]}
    return sorted(
        [
            r["code"],
            r["nom"],
            r["type"],
            main_area(r["membres"], department),
            main_area(r["membres"], region),
            r.get("populationMunicipale"),
            sorted(m["code"] for m in r["membres"]),
        ]
        for r in rows
    )


def totals(commune_rows: list[list], column: int) -> Counter:
    """Population per département (column 2) or région (column 3), summed over current communes."""
    out: Counter = Counter()
    for c in commune_rows:
        if not c[5] and c[4]:
            out[c[column]] += c[4]
    return out


def build(package: Path) -> dict:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    commune_rows = communes(read(package, "communes"))
    by_department, by_region = totals(commune_rows, 2), totals(commune_rows, 3)
    return {
        "source": {
            "package": meta["name"],
            "version": meta["version"],
            "licence": meta["license"],
            "data": "INSEE, Code officiel géographique; DGCL, BANATIC (EPCI à fiscalité propre)",
            "url": f"https://www.npmjs.com/package/{meta['name']}/v/{meta['version']}",
            "built_by": "scripts/build_registry.py",
        },
        "regions": sorted(
            [r["code"], r["nom"], by_region.get(r["code"])] for r in read(package, "regions")
        ),
        "departements": sorted(
            [d["code"], d["nom"], d["region"], by_department.get(d["code"])]
            for d in read(package, "departements")
        ),
        "communes": commune_rows,
        "epci": epcis(read(package, "epci"), commune_rows),
    }


def table(rows: list[list], names: list[str], titled: bool) -> dict:
    """The file's form of a table: its columns, the keys sorted, the rows in that order (values
    tab-separated, a list of codes space-separated, a missing value empty)."""
    keyed = sorted(
        zip(keys([r[names.index("name")] for r in rows], titled), rows),
        key=lambda pair: (pair[0], pair[1][0]),
    )  # by key, homonyms by code
    return {
        "columns": names,
        "keys": "\n".join(key for key, _ in keyed),
        "rows": "\n".join("\t".join(cell(value) for value in row) for _, row in keyed),
    }


def cell(value) -> str:
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def by_columns(data: dict) -> dict:
    """The file's form of the tables `build` makes as rows."""
    return {
        "source": data["source"],
        **{name: table(data[name], COLUMNS[name], titled=name == "epci") for name in COLUMNS},
    }


def rekey(path: Path) -> dict:
    """The committed file's tables as rows again, to be keyed and sorted anew."""
    stored = json.loads(gzip.decompress(path.read_bytes()))
    out = {"source": stored["source"]}
    for name, columns in COLUMNS.items():
        out[name] = [
            [decode(column, value) for column, value in zip(columns, row.split("\t"))]
            for row in stored[name]["rows"].split("\n")
        ]
    return out


def decode(name: str, value: str):
    if name == "members":
        return value.split()
    if name == "population":
        return int(value) if value else None
    return value or (None if name in ("chef_lieu", "departement", "region") else value)


def write(data: dict, output: Path) -> None:
    """Compact JSON, gzipped without a timestamp: the same package gives the same bytes."""
    text = json.dumps(by_columns(data), ensure_ascii=False, separators=(",", ":"))
    with (
        open(output, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f,
    ):
        f.write(text.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--rekey", action="store_true", help="key and sort the committed file anew, no download"
    )
    args = parser.parse_args()
    if args.rekey:
        data = rekey(args.output)
    else:
        with tempfile.TemporaryDirectory(prefix="registry-") as folder:
            data = build(fetch(args.version, Path(folder)))
    write(data, args.output)
    counts = ", ".join(f"{len(data[k])} {k}" for k in COLUMNS)
    print(f"{args.output}: {counts} ({args.output.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
