"""Stage 8 — export: the validated document as JSON, JSON Lines, CSV or XLSX, written
atomically; the JSON Schema.

JSON is the whole document. JSON Lines and CSV hold the projects only, one per line
or row, each carrying its edition's year so that files of several editions can be
concatenated; XLSX holds sheets of projects, territories and warnings (`spreadsheet`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import SEPARATOR, SEPARATORS, spreadsheet
from .models import Annuaire, Project
from .spreadsheet import PROJECT_COLUMNS as CSV_COLUMNS  # noqa: F401 (tests)


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


def csv_text(doc: Annuaire, sep: str = SEPARATOR) -> str:
    """CSV with a byte-order mark, without which spreadsheet programs garble the accents; every
    cell neutralised against formula injection (`spreadsheet.neutral`)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=spreadsheet.PROJECT_COLUMNS,
        delimiter=SEPARATORS[sep],
        lineterminator="\r\n",
    )
    writer.writeheader()
    writer.writerows(
        {k: spreadsheet.neutral(v) for k, v in spreadsheet.project_row(doc, p).items()}
        for p in doc.projects
    )
    return "\ufeff" + out.getvalue()


def serialize(doc: Annuaire, fmt: str = "json", sep: str = SEPARATOR) -> str | bytes:
    """The document in one of `outputs.FORMATS` (xlsx as bytes), validated again first."""
    doc = Annuaire.model_validate(doc.model_dump())
    if fmt == "csv":
        return csv_text(doc, sep)
    writers: dict[str, Callable[[Annuaire], str | bytes]] = {
        "json": dumps,
        "jsonl": jsonl,
        "xlsx": spreadsheet.xlsx,
    }
    return writers[fmt](doc)


def write(content: str | bytes, path: Path) -> Path:
    """Write to a temporary file beside the target and rename it over (never half a file)."""
    staged = stage(content, path)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return path


def stage(content: str | bytes, path: Path) -> Path:
    """The content (text in UTF-8) written to a temporary file beside `path`, whence a rename
    moves it into place at once; that file's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(
            tmp, 0o666 & ~umask()
        )  # mkstemp makes it private; the output is meant to be shared
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def open_to_additions(node):
    """The schema without `additionalProperties: false`: a consumer validating with it accepts a
    later 1.y document that only adds properties (the pipeline validates its own output
    strictly)."""
    if isinstance(node, dict):
        return {
            k: open_to_additions(v)
            for k, v in node.items()
            if not (k == "additionalProperties" and v is False)
        }
    if isinstance(node, list):
        return [open_to_additions(v) for v in node]
    return node


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def schema() -> str:
    """The published JSON Schema of the output (schemas/annuaire.schema.json)."""
    s = open_to_additions(Annuaire.model_json_schema())
    s = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/annuaire-pipeline/annuaire-pipeline/schemas/annuaire.schema.json",
        **s,
    }
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"
