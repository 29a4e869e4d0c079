"""A SQLite database of every edition loaded into it, for queries across years.

An edition is keyed by its year: loading a yearbook of a year already in the
database replaces that edition (its projects, awards, blocks and warnings)
instead of adding a second copy. A territory the registry knows is a row of
`territories`, keyed by its code, that every edition's awards point to, whatever
the name it was printed under; an award of a territory without code keeps the
printed name alone. A block is a row when the card has its text or
its heading; a block the card lacks has none. Lists and boxes that SQL does not query
(pages, printed page numbers, provenance, the archivist's corrections, and the dates, figures
and entities found by enrichment) are kept as JSON text.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..errors import InputError
from ..vocabulary import CARD_TEXTS, MATCHES, MEDALS
from .models import Annuaire, Project

VERSION = 2  # PRAGMA user_version of a database this module made; bump when the tables change
# (2: `territories` keyed by the registry's code, `awards`, the projects' corrections and checked)

TABLES = """
CREATE TABLE editions (
    year           INTEGER PRIMARY KEY,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    page_count     INTEGER NOT NULL,
    profile        TEXT NOT NULL,
    schema_version TEXT NOT NULL
);
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    edition     INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    category    TEXT NOT NULL,
    medal       TEXT CHECK (medal IN ({medals})),
    title       TEXT NOT NULL,
    pages       TEXT NOT NULL,
    page_labels TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    ocr         INTEGER NOT NULL CHECK (ocr IN (0, 1)),
    ocr_confidence REAL,
    dates       TEXT,
    figures     TEXT,
    entities    TEXT,
    corrections TEXT NOT NULL,
    checked     INTEGER NOT NULL CHECK (checked IN (0, 1)),
    UNIQUE (edition, position)
);
CREATE INDEX projects_category ON projects(category, medal);
CREATE TABLE territories (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    registry_kind TEXT NOT NULL,
    departement TEXT,
    region      TEXT,
    population  INTEGER
);
CREATE TABLE awards (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    edition    INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    territory_code TEXT REFERENCES territories(code),
    medal      TEXT CHECK (medal IN ({medals})),
    category   TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    acronym    TEXT,
    service    TEXT,
    canonical  TEXT NOT NULL,
    place      TEXT,
    match      TEXT NOT NULL CHECK (match IN ({matches})),
    PRIMARY KEY (project_id, position)
);
CREATE INDEX awards_territory ON awards(territory_code, edition);
CREATE INDEX awards_name ON awards(name);
CREATE INDEX awards_kind ON awards(kind);
CREATE TABLE blocks (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name IN ({card_texts})),
    heading    TEXT,
    text       TEXT,
    PRIMARY KEY (project_id, name)
);
CREATE TABLE warnings (
    id         INTEGER PRIMARY KEY,
    edition    INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    severity   TEXT NOT NULL,
    message    TEXT NOT NULL,
    pages      TEXT NOT NULL
);
CREATE INDEX warnings_edition ON warnings(edition, code);
CREATE INDEX warnings_project ON warnings(project_id);
"""


def sql_list(words: tuple[str, ...]) -> str:
    """Words as the list of an SQL `IN (…)`."""
    return ", ".join(f"'{word}'" for word in words)


TABLES = TABLES.format(
    medals=sql_list(MEDALS), card_texts=sql_list(CARD_TEXTS), matches=sql_list(MATCHES)
)


def load(doc: Annuaire, path: Path) -> int:
    """Add the document's edition to the database at `path` (created if need be), replacing
    the edition of the same year if it is there; the number of projects loaded."""
    year = doc.edition.year
    if year is None:
        raise InputError(
            f"{doc.source.file_name}: the edition's year is unknown, so it cannot be keyed in "
            f"{path.name}; name the file after its year (annuaire_2023.pdf)"
        )
    try:
        db = sqlite3.connect(path)
    except sqlite3.Error as e:
        raise InputError(f"{path}: cannot open the database ({e})") from None
    try:
        with db:
            prepare(db, path)
            db.execute("DELETE FROM editions WHERE year = ?", (year,))
            insert(db, doc, year)
            db.execute(
                "DELETE FROM territories WHERE code NOT IN "
                "(SELECT territory_code FROM awards WHERE territory_code IS NOT NULL)"
            )
    except sqlite3.IntegrityError:
        raise  # our bug, not the file's
    except sqlite3.DatabaseError as e:
        raise InputError(f"{path}: not a database this tool can write ({e})") from None
    finally:
        db.close()
    return len(doc.projects)


def prepare(db: sqlite3.Connection, path: Path) -> None:
    """Turn foreign keys on; create the tables in a new database, refuse anyone else's."""
    db.execute("PRAGMA foreign_keys = ON")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and tables == 0:
        db.executescript(f"BEGIN; {TABLES} PRAGMA user_version = {VERSION}; COMMIT;")
    elif version != VERSION:
        raise InputError(
            f"{path}: a SQLite database of another application or of another version of this "
            f"tool (user_version {version}, expected {VERSION})"
        )


def insert(db: sqlite3.Connection, doc: Annuaire, year: int) -> None:
    s = doc.source
    db.execute(
        "INSERT INTO editions VALUES (?, ?, ?, ?, ?, ?)",
        (year, s.file_name, s.sha256, s.page_count, doc.profile, doc.schema_version),
    )
    for position, p in enumerate(doc.projects):
        insert_project(db, p, year, position)
    db.executemany(
        "INSERT INTO warnings (edition, project_id, code, severity, message, pages) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (year, w.project_id, w.code, w.severity, w.message, json.dumps(w.pages))
            for w in doc.warnings
        ],
    )


def insert_project(db: sqlite3.Connection, p: Project, year: int, position: int) -> None:
    """A project's row, its awards and its blocks."""
    kept = p.model_dump(mode="json", include={"provenance", "corrections"})
    found = {
        k: None if v is None else json.dumps(v, ensure_ascii=False)
        for k, v in p.model_dump(mode="json", include={"dates", "figures", "entities"}).items()
    }
    db.execute(
        "INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            p.id,
            year,
            position,
            p.category,
            p.medal,
            p.title,
            json.dumps(p.pages),
            json.dumps(p.page_labels, ensure_ascii=False),
            json.dumps(kept["provenance"]),
            int(p.ocr),
            p.ocr_confidence,
            found["dates"],
            found["figures"],
            found["entities"],
            json.dumps(kept["corrections"], ensure_ascii=False),
            int(p.checked),
        ),
    )
    insert_parts(db, p, year)


def insert_parts(db: sqlite3.Connection, p: Project, year: int) -> None:
    """A project's awards (and their territories) and blocks."""
    insert_awards(db, p, year)
    db.executemany(
        "INSERT INTO blocks VALUES (?, ?, ?, ?)",
        [
            (p.id, b, p.headings.get(b), getattr(p, b))
            for b in CARD_TEXTS
            if getattr(p, b) is not None or b in p.headings
        ],
    )


# A linked territory's row in `territories` (the output's field for each column), and what an
# award keeps of the territory as printed (after its edition, code, medal and category).
TERRITORY_FIELDS = (
    "code",
    "registry_name",
    "kind",
    "registry_kind",
    "departement",
    "region",
    "population",
)
AWARD_FIELDS = ("name", "kind", "acronym", "service", "canonical", "place", "match")


def insert_awards(db: sqlite3.Connection, p: Project, year: int) -> None:
    """The project's territories: one award each, and the registry's row of each linked one (the
    registry's facts as this edition's document gives them)."""
    db.executemany(
        "INSERT INTO territories VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
        "name = excluded.name, kind = excluded.kind, registry_kind = excluded.registry_kind, "
        "departement = excluded.departement, region = excluded.region, "
        "population = excluded.population",
        [tuple(getattr(t, field) for field in TERRITORY_FIELDS) for t in p.territories if t.code],
    )
    db.executemany(
        "INSERT INTO awards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (p.id, i, year, t.code, p.medal, p.category, *(getattr(t, f) for f in AWARD_FIELDS))
            for i, t in enumerate(p.territories)
        ],
    )
