"""Stage 8 — export: the validated document as JSON, JSON Lines or CSV, written atomically; the
JSON Schema.

JSON is the whole document. JSON Lines and CSV hold the projects only, one per line
or row, each carrying its edition's year so that files of several editions can be
concatenated.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from ..vocabulary import CARD_TEXTS
from .models import Annuaire, Project

FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = (
    "edition",
    "id",
    "category",
    "medal",
    "title",
    "territories",
    "territory_kinds",
    *CARD_TEXTS,
    "pages",
    "page_labels",
)
JOIN = " ; "  # between the territories (and the pages) of one CSV cell


def dumps(doc: Annuaire) -> str:
    """Validated again, as deterministic JSON: same document, same bytes (no timestamps
    anywhere)."""
    data = Annuaire.model_validate(doc.model_dump()).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def record(doc: Annuaire, project: Project) -> dict:
    """A project as JSON Lines writes it: the JSON record, its edition's year first."""
    return {"edition": doc.edition.year, **project.model_dump(mode="json")}


def jsonl(doc: Annuaire) -> str:
    return "".join(json.dumps(record(doc, p), ensure_ascii=False) + "\n" for p in doc.projects)


def csv_row(doc: Annuaire, p: Project) -> dict[str, str]:
    """One spreadsheet row: lists joined with " ; ", a missing value as an empty cell."""
    row: dict[str, object] = {
        "edition": doc.edition.year,
        "id": p.id,
        "category": p.category,
        "medal": p.medal,
        "title": p.title,
        "territories": JOIN.join(t.name for t in p.territories),
        "territory_kinds": JOIN.join(t.kind for t in p.territories),
        **{b: getattr(p, b) for b in CARD_TEXTS},
        "pages": JOIN.join(map(str, p.pages)),
        "page_labels": JOIN.join(label or "" for label in p.page_labels),
    }
    return {k: "" if v is None else str(v) for k, v in row.items()}


def csv_text(doc: Annuaire) -> str:
    """CSV with a byte-order mark, without which spreadsheet programs garble the accents."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(doc, p) for p in doc.projects)
    return "\ufeff" + out.getvalue()


def serialize(doc: Annuaire, fmt: str = "json") -> str:
    """The document in one of FORMATS, validated again first."""
    doc = Annuaire.model_validate(doc.model_dump())
    return {"json": dumps, "jsonl": jsonl, "csv": csv_text}[fmt](doc)


def write(text: str, path: Path) -> Path:
    """Write UTF-8 text to a temporary file beside the target and rename it over (never half a
    file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(
            tmp, 0o666 & ~umask()
        )  # mkstemp makes it private; the output is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def schema() -> str:
    """The published JSON Schema of the output (schemas/annuaire.schema.json)."""
    s = Annuaire.model_json_schema()
    s = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/annuaire-pipeline/annuaire-pipeline/schemas/annuaire.schema.json",
        **s,
    }
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"
