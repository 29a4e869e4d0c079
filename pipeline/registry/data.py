"""The registry shipped with the package: France's local governments, loaded once per process.

`decoupage.json.gz` is built by `scripts/build_registry.py` from Etalab's npm package
`@etalab/decoupage-administratif` (its version and licence are recorded in the file's `source`).
Each table is stored as its rows' matching keys, sorted, and its rows in that order, each as
one newline-joined string: loading is decompressing, parsing and splitting a few long strings,
a name is found by bisection, and a row's values are split only when an `Entry` is made of it,
for the candidates of a name.
`tests/test_registry.py` checks that the stored keys are what `normalise` makes of the names.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("decoupage.json.gz")
GROUPS = ("commune", "epci", "departement", "region")
TABLES = {"commune": "communes", "epci": "epci", "departement": "departements", "region": "regions"}
# The registry's word for a former commune (délégué or associé in a current one).
FORMER = {"deleguee": "commune_deleguee", "associee": "commune_associee"}


@dataclass(frozen=True)
class Entry:
    """One local government of the registry."""

    code: str  # INSEE code (commune, département, région) or SIREN (EPCI)
    name: str  # the official name
    kind: str  # the registry's word: commune, commune_deleguee, CC, CA, CU, METRO, MET69…
    group: str  # commune, epci, departement or region
    departement: str | None
    region: str | None
    population: int | None
    members: frozenset[str] = frozenset()  # an EPCI's member communes (INSEE codes)


@dataclass(frozen=True)
class Registry:
    source: dict
    columns: dict[str, list[str]]  # group → the names of its values
    sorted_keys: dict[str, list[str]]  # group → the key of each row, sorted
    rows: dict[str, list[str]]  # group → each row's values, tab-separated, in the keys' order

    def keys(self, group: str) -> list[str]:
        return self.sorted_keys[group]

    @cached_property
    def worded(self) -> dict[str, dict[int, dict[int, str]]]:
        """group → number of words → {row: key}: a fuzzy match compares keys of as many words,
        a fraction of a group's (and none for a line of prose)."""
        out: dict[str, dict[int, dict[int, str]]] = {}
        for group, keys in self.sorted_keys.items():
            by_count = out.setdefault(group, {})
            for row, key in enumerate(keys):
                by_count.setdefault(len(key.split()), {})[row] = key
        return out

    def entry(self, group: str, row: int) -> Entry:
        """The entry of a row; the file writes a missing value as an empty string."""
        values = dict(zip(self.columns[group], self.rows[group][row].split("\t"), strict=True))
        population = int(values["population"]) if values["population"] else None
        if group == "commune":
            kind = FORMER.get(values["type"], "commune")
            return Entry(
                values["code"],
                values["name"],
                kind,
                group,
                values["departement"] or None,
                values["region"] or None,
                population,
            )
        if group == "epci":
            return Entry(
                values["siren"],
                values["name"],
                values["type"],
                group,
                values["departement"] or None,
                values["region"] or None,
                population,
                frozenset(values["members"].split()),
            )
        department = values["code"] if group == "departement" else None
        region = values["region"] if group == "departement" else values["code"]
        return Entry(values["code"], values["name"], group, group, department, region, population)

    def find(self, key: str, groups: tuple[str, ...] = GROUPS) -> list[Entry]:
        """Every entry of these groups whose key is `key` (homonyms included, by code)."""
        out = []
        for group in groups:
            keys = self.keys(group)
            out += [
                self.entry(group, row)
                for row in range(bisect_left(keys, key), bisect_right(keys, key))
            ]
        return out

    def departement_name(self, code: str | None) -> str | None:
        return next(
            (
                e.name
                for row in range(len(self.rows["departement"]))
                if (e := self.entry("departement", row)).code == code
            ),
            None,
        )


@lru_cache(maxsize=1)
def load() -> Registry:
    """The registry, read once per process."""
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    tables = {group: data[TABLES[group]] for group in GROUPS}
    return Registry(
        source=data["source"],
        columns={g: t["columns"] for g, t in tables.items()},
        sorted_keys={g: t["keys"].split("\n") for g, t in tables.items()},
        rows={g: t["rows"].split("\n") for g, t in tables.items()},
    )
