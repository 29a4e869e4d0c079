"""Stage 8 — export: the validated document as JSON, written atomically; the JSON Schema."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .models import Annuaire


def dumps(doc: Annuaire) -> str:
    """Validated again, as deterministic JSON: same document, same bytes (no timestamps anywhere)."""
    data = Annuaire.model_validate(doc.model_dump()).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write(text: str, path: Path) -> Path:
    """Write to a temporary file beside the target and rename it over: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def schema() -> str:
    """The published JSON Schema of the output (schemas/annuaire.schema.json)."""
    s = Annuaire.model_json_schema()
    s = {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": "https://github.com/annuaire-pipeline/annuaire-pipeline/schemas/annuaire.schema.json", **s}
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"
