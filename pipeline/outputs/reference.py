"""The parts of the docs written from the code, so that they cannot drift from it: the table of
warning codes (from the registry in `pipeline.vocabulary`) and the table of thresholds (from
`pipeline.thresholds`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..thresholds import DEFAULTS, DESIGN, Thresholds
from ..vocabulary import TERRITORY_KINDS, WARNING_CODES

# each generated table: the marker that opens it, the marker that closes it, how it is written
MARKERS = {
    "warning codes": "pipeline/vocabulary.py",
    "thresholds": "pipeline/thresholds.py",
    "territory kinds": "pipeline/vocabulary.py",
}
DOCS = {
    "warning codes": "docs/output.md",
    "thresholds": "docs/profiles.md",
    "territory kinds": "docs/output.md",
}


def start(name: str) -> str:
    return f"<!-- {name}: generated from {MARKERS[name]}, UPDATE_GOLDEN=1 pytest -->"


def end(name: str) -> str:
    return f"<!-- end of {name} -->"


def warning_table() -> str:
    """The registry as a Markdown table: code, severity, meaning."""
    rows = [f"| `{entry.code}` | {entry.severity} | {entry.meaning} |" for entry in WARNING_CODES]
    return "\n".join(["| code | severity | meaning |", "| --- | --- | --- |", *rows])


def threshold_table() -> str:
    """The thresholds as a Markdown table: name, default, whether a profile may set it, meaning."""
    rows = [
        f"| `{name}` | {getattr(DEFAULTS, name):g} | {'yes' if name in DESIGN else 'no'} "
        f"| {field.description} |"
        for name, field in Thresholds.model_fields.items()
    ]
    head = ["| threshold | default | in `[layout]` | meaning |", "| --- | --- | --- | --- |"]
    return "\n".join([*head, *rows])


def kind_list() -> str:
    """The territory kinds, as a sentence of code words."""
    return "`kind` is one of " + ", ".join(f"`{kind}`" for kind in TERRITORY_KINDS) + "."


TABLES: dict[str, Callable[[], str]] = {
    "warning codes": warning_table,
    "thresholds": threshold_table,
    "territory kinds": kind_list,
}


def refresh(document: str, name: str = "warning codes") -> str:
    """The document with the generated table between its markers replaced by the current one."""
    pattern = re.compile(re.escape(start(name)) + r".*?" + re.escape(end(name)), re.S)
    if not pattern.search(document):
        raise ValueError(f"the document has no generated table of {name} (markers missing)")
    block = f"{start(name)}\n{TABLES[name]()}\n{end(name)}"
    return pattern.sub(lambda _: block, document, count=1)


def refreshed(root: Path) -> dict[Path, str]:
    """Each document holding a generated table, as it should read now."""
    out: dict[Path, str] = {}
    for name in TABLES:
        path = root / DOCS[name]
        out[path] = refresh(out.get(path) or path.read_text(encoding="utf-8"), name)
    return out
