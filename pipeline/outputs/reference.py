"""The parts of the docs written from the code, so that they cannot drift from it: the table of
warning codes, from the registry in `pipeline.vocabulary`."""

from __future__ import annotations

import re

from ..vocabulary import WARNING_CODES

START = "<!-- warning codes: generated from pipeline/vocabulary.py, UPDATE_GOLDEN=1 pytest -->"
END = "<!-- end of warning codes -->"


def warning_table() -> str:
    """The registry as a Markdown table: code, severity, meaning."""
    rows = [f"| `{entry.code}` | {entry.severity} | {entry.meaning} |" for entry in WARNING_CODES]
    return "\n".join(["| code | severity | meaning |", "| --- | --- | --- |", *rows])


def refresh(document: str) -> str:
    """The document with the generated table between its markers replaced by the current one."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(document):
        raise ValueError("the document has no generated warning table (its markers are missing)")
    block = f"{START}\n{warning_table()}\n{END}"
    return pattern.sub(lambda _: block, document, count=1)
