"""Stage 7 — correct: an archivist's corrections file, applied to the records after extraction.

The file (`<name>.corrections.toml` beside the output, or `--corrections FILE`) is written by
hand or by the review app and kept under version control; every conversion applies it, so a fix
outlives any re-conversion:

    [[fix]]
    project = "2023-moderniser-le-service-public-saturne-ou-le-badgeage-par-beacons"
    field = "apports"                 # medal, category, title, territories, summary, blocks
    value = "Le projet a permis …"    # territories: a list, one territory per item
    extracted = ""                    # optional: the value read when the fix was written
    note = "bloc absent de la page 12"

    [[checked]]
    project = "2023-cybersecurite-bouclier-cyber64"

`project` is a record's id, or its title as extracted. A fix is applied only to the record it
names, and only while the pipeline still reads the value it was written against (`extracted`,
when given); otherwise it is reported, never dropped or applied silently. The stage runs before
enrichment, which then reads the corrected texts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import InputError
from ..outputs import models as m
from ..outputs.models import warn
from ..profiles.profile import Profile
from ..stages import territory
from ..stages.reconcile import Placed, describe
from ..text import key, similarity
from ..vocabulary import BLOCKS, CORRECTED_FIELDS, MEDALS

SUFFIX = ".corrections.toml"
NAME = "{name}"  # in a corrections path, the PDF's name without its extension
REQUIRED = ("title", "category")  # a record cannot lose these; the others may be emptied ("")
NEAR = 0.8  # an unknown project this similar to a record's id or title is named as its likely one
QUOTE = 60  # characters of a value quoted in a warning
UNSET = object()  # a fix written without `extracted`: applied whatever the pipeline reads


@dataclass(frozen=True)
class Fix:
    project: str
    field: str
    value: str | tuple[str, ...] | None
    note: str | None = None
    extracted: object = UNSET  # str | tuple[str, ...] | None, or UNSET


@dataclass(frozen=True)
class Book:
    """What a corrections file says: fixes, and the records marked as checked."""

    fixes: tuple[Fix, ...] = ()
    checked: tuple[str, ...] = ()


@dataclass
class Applied:
    """The records with the fixes applied, and what the document says of them."""

    placed: list[Placed]
    fixes: dict[str, list[Fix]] = field(default_factory=dict)  # record id → the fixes applied
    checked: set[str] = field(default_factory=set)
    warnings: list[m.Warning] = field(default_factory=list)


def locate(option: str | None, pdf: Path) -> Path | None:
    """The corrections file of a PDF (Options.corrections): a file, which must exist; or, with
    NAME in it, the file of each PDF, used when it exists: `output/{name}.corrections.toml`."""
    if option is None:
        return None
    where = Path(option.replace(NAME, pdf.stem))
    if where.is_file():
        return where
    if NAME in option:
        return None
    raise InputError(f"{where}: no such corrections file")


def load(path: Path | None) -> Book:
    """The corrections file read and checked; a file that cannot be used is an input error."""
    if path is None:
        return Book()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: the corrections file cannot be read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: not a valid TOML corrections file ({e})") from None
    try:
        return parse(data)
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None


def parse(data: dict) -> Book:
    """A corrections file's tables, checked: ValueError names the first thing wrong."""
    unknown = set(data) - {"fix", "checked"}
    if unknown:
        raise ValueError(f"unknown table {sorted(unknown)[0]!r} (only [[fix]] and [[checked]])")
    fixes = tuple(parse_fix(number, table) for number, table in numbered(data, "fix"))
    seen = set()
    for number, fix in enumerate(fixes, 1):
        if (fix.project, fix.field) in seen:
            raise ValueError(
                f"fix {number} corrects the {fix.field} of {fix.project!r} a second time"
            )
        seen.add((fix.project, fix.field))
    checked = tuple(
        project(number, table, "checked") for number, table in numbered(data, "checked")
    )
    return Book(fixes, checked)


def numbered(data: dict, name: str) -> list[tuple[int, dict]]:
    tables = data.get(name, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ValueError(f"{name} must be written [[{name}]], one table per entry")
    return list(enumerate(tables, 1))


def project(number: int, table: dict, kind: str) -> str:
    allowed = (
        {"project"} if kind == "checked" else {"project", "field", "value", "extracted", "note"}
    )
    extra = set(table) - allowed
    if extra:
        raise ValueError(f"{kind} {number}: unknown key {sorted(extra)[0]!r}")
    name = table.get("project")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{kind} {number}: 'project' must name a record (its id or its title)")
    return name.strip()


def parse_fix(number: int, table: dict) -> Fix:
    name = project(number, table, "fix")
    where = f"fix {number} ({name})"
    what = table.get("field")
    if what not in CORRECTED_FIELDS:
        raise ValueError(
            f"{where}: 'field' must be one of {', '.join(CORRECTED_FIELDS)}, not {what!r}"
        )
    if "value" not in table:
        raise ValueError(f"{where}: no 'value'")
    note = table.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"{where}: 'note' must be text")
    value = checked_value(what, table["value"], f"{where}: 'value'")
    if what in REQUIRED and value is None:
        raise ValueError(f"{where}: a record cannot be left without a {what}")
    extracted = UNSET
    if "extracted" in table:
        extracted = checked_value(what, table["extracted"], f"{where}: 'extracted'")
    return Fix(name, what, value, note or None, extracted)


def checked_value(what: str, raw, where: str) -> str | tuple[str, ...] | None:
    """A value as the record holds it: text, territories as a tuple of lines; "" is no value."""
    if what == "territories":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise ValueError(f'{where} must be a list of territories, e.g. ["Ville de Brest"]')
        return tuple(line for x in raw if (line := " ".join(x.split())))
    if not isinstance(raw, str):
        raise ValueError(f"{where} must be text")
    value = normal(raw)
    if what == "medal" and value not in (None, *MEDALS):
        raise ValueError(f'{where} must be one of {", ".join(MEDALS)} or ""')
    return value


def normal(text: str | None) -> str | None:
    """Text as the pipeline writes it: '\\n' between lines, no trailing spaces; "" is None."""
    if text is None:
        return None
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n") or None


def apply(placed: list[Placed], book: Book, profile: Profile) -> Applied:
    """Each fix applied to the record it names, or reported; the checked marks gathered."""
    out = Applied(list(placed))
    index = {p.id: i for i, p in enumerate(placed)}
    for fix in book.fixes:
        found = find(fix.project, placed, f"the fix of the {fix.field}", out.warnings)
        if found is None:
            continue
        i = index[found.id]
        now = value_of(out.placed[i], fix.field)
        if fix.extracted is not UNSET and fix.extracted != now:
            out.warnings.append(stale(found, fix, now))
            continue
        out.placed[i] = with_value(out.placed[i], fix.field, fix.value, profile)
        out.fixes.setdefault(found.id, []).append(replace(fix, extracted=now))
    for name in book.checked:
        found = find(name, placed, "the checked mark", out.warnings)
        if found is not None:
            out.checked.add(found.id)
    return out


def find(name: str, placed: list[Placed], what: str, warnings: list[m.Warning]) -> Placed | None:
    """The record a corrections file names by id, or by title as extracted; else a warning."""
    by_id = [p for p in placed if p.id == name]
    matches = by_id or [p for p in placed if key(p.card.title) == key(name)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        why = f"{len(matches)} records have this title; name it by its id"
    else:
        best = max(
            placed, key=lambda p: max(similarity(name, p.id), similarity(name, p.card.title))
        )
        near = max(similarity(name, best.id), similarity(name, best.card.title)) >= NEAR
        why = "no record has this id or title" + (f" (the nearest is {best.id})" if near else "")
    warnings.append(
        warn("correction_unmatched", f"corrections file: {what} of « {name} »: {why}; left out", [])
    )
    return None


def stale(p: Placed, fix: Fix, now) -> m.Warning:
    if now == fix.value:
        return warn(
            "correction_obsolete",
            f"{describe(p)}: the {fix.field} is now read as the fix "
            "corrects it; the fix can be deleted",
            p.card.pages,
            p.id,
        )
    return warn(
        "correction_stale",
        f"{describe(p)}: the {fix.field} read now, « {quote(now)} », is not "
        f"the one the fix was written against, « {quote(fix.extracted)} »; the fix is not "
        "applied: check it against the page",
        p.card.pages,
        p.id,
    )


def quote(value) -> str:
    text = " ; ".join(value) if isinstance(value, tuple) else value or ""
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


class Named(Protocol):
    """A territory as read (`territory.TerritoryName`) or as published (`models.Territory`)."""

    @property
    def name(self) -> str: ...
    @property
    def acronym(self) -> str | None: ...
    @property
    def service(self) -> str | None: ...


def territory_line(t: Named) -> str:
    """A territory on one line, as the corrections file and the review app write it."""
    acronym = f" ({t.acronym})" if t.acronym else ""
    return f"{t.name}{acronym}" + (f" {t.service}" if t.service else "")


def value_of(p: Placed, what: str) -> str | tuple[str, ...] | None:
    """A record's value of a field, as a corrections file writes it."""
    card = p.card
    if what == "territories":
        return tuple(territory_line(t) for t in card.territories)
    if what == "category":
        return p.category
    if what in BLOCKS:
        return card.blocks[what]
    return getattr(card, what)


def with_value(p: Placed, what: str, value, profile: Profile) -> Placed:
    """The record with one field set; territories are read from their lines like an award line's."""
    card = p.card
    if what == "category":
        return replace(p, category=value)
    if what == "territories":
        made = [territory.make(*territory.cut_service(line), profile) for line in value]
        return replace(p, card=replace(card, territories=made))
    if what in BLOCKS:
        return replace(p, card=replace(card, blocks={**card.blocks, what: value}))
    return replace(p, card=replace(card, **{what: value}))
