"""Writing the corrections file, as the review app saves a record.

The file is the archivist's, kept under version control: tomlkit edits it in place, so that
their comments, order and hand-written fixes stay as they were; only the entries of the record
being saved change. Each fix the app writes names the record by its id (with its title as a
comment) and records the value it replaces (`extracted`), so that a later conversion that reads
another value reports the fix instead of applying it blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table, Whitespace

from ..outputs.export import write
from ..text import key
from .corrections import normal

HEADER = (
    "Corrections of the converted yearbook, applied by every conversion (python -m pipeline).\n"
    "[[fix]]: project (id or title), field, value, extracted (the value replaced), note;\n"
    "[[checked]]: project. See docs/review.md of annuaire-pipeline."
)


@dataclass(frozen=True)
class Change:
    """A field the archivist changed: its new value, the value extracted, and why."""

    field: str
    value: str | tuple[str, ...] | None
    extracted: str | tuple[str, ...] | None
    note: str | None


def save(
    path: Path,
    record_id: str,
    title: str,
    changes: list[Change],
    notes: dict[str, str | None],
    checked: bool,
) -> None:
    """Write one record's fixes and checked mark into the corrections file (created if missing).

    A change back to the extracted value removes the field's fix; `notes` updates the note of a
    field's fix that stays; every other entry of the file is kept as it was.
    """
    doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else new_file()
    names = {record_id, key(title)}
    fixes = entries(doc, "fix")
    changed = {c.field for c in changes}
    for i in reversed(range(len(fixes))):
        if mine(fixes[i], names) and fixes[i].get("field") in changed:
            del fixes[i]
        elif mine(fixes[i], names) and fixes[i].get("field") in notes:
            set_note(fixes[i], notes[fixes[i]["field"]])
    for change in changes:
        if change.value != change.extracted:
            fixes.append(fix_table(record_id, title, change))
    marks = entries(doc, "checked")
    for i in reversed(range(len(marks))):
        if mine(marks[i], names):
            del marks[i]
    if checked:
        marks.append(project_table(record_id, title))
    for name in ("fix", "checked"):
        if doc[name]:
            tidy(doc[name])
        else:
            del doc[name]
    write(tomlkit.dumps(doc), path)


def new_file() -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    for line in HEADER.splitlines():
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    return doc


def entries(doc: tomlkit.TOMLDocument, name: str) -> AoT:
    """The file's array of [[name]] tables, edited in place (added when missing)."""
    if not isinstance(doc.get(name), AoT):
        if name in doc:
            raise ValueError(f"{name} must be written [[{name}]], one table per entry")
        doc.append(name, tomlkit.aot())
    return doc[name]


def tidy(entries: AoT) -> None:
    """A blank line between entries and after the last one, whatever entries were removed or
    added, so that saving again gives the same text. (tomlkit reads the blank lines between
    entries as the end of the entry above: removing or adding entries would pile them up.)"""
    for number, table in enumerate(entries):
        body = table.value.body
        while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace):
            body.pop()
        table.trivia.indent = "\n" if number else ""
    entries[-1].value.body.append((None, Whitespace("\n")))


def mine(table: Table, names: set[str]) -> bool:
    """Does the entry name this record (by id, or by title as extracted)?"""
    named = str(table.get("project", ""))
    return named in names or key(named) in names


def project_table(record_id: str, title: str) -> Table:
    table = tomlkit.table()
    table.add("project", record_id)
    table["project"].comment(title)
    return table


def fix_table(record_id: str, title: str, change: Change) -> Table:
    table = project_table(record_id, title)
    table.add("field", change.field)
    table.add("value", toml_value(change.value))
    table.add("extracted", toml_value(change.extracted))
    if change.note:
        table.add("note", change.note)
    return table


def set_note(table: Table, note: str | None) -> None:
    if note:
        table["note"] = note
    elif "note" in table:
        del table["note"]


def toml_value(value):
    """Text as a TOML string (multi-line when it has several lines), territories as a list."""
    if isinstance(value, tuple):
        return list(value)
    text = normal(value) or ""
    return tomlkit.string(text, multiline="\n" in text)
