"""A SQLite database of every edition loaded into it, for queries across years.

An edition is keyed by its year: loading a yearbook of a year already in the
database replaces that edition (its projects, awards, blocks and warnings)
instead of adding a second copy. A territory the registry knows is a row of
`territories`, keyed by its code, that every edition's awards point to, whatever
the name it was printed under; an award of a territory without code keeps the
printed name alone. A block is a row when the card has its text or
its heading; a block the card lacks has none. Lists and boxes that SQL does not query
(pages, printed page numbers, provenance, the archivist's corrections) are kept as JSON
text.

For analysts (`ANALYST_TABLES`): the dates, figures and entities found by enrichment as
typed rows, the categories, the edition's facts (jury, criteria, ceremony), and a full-text
index over the blocks (FTS5, accents ignored). A re-load never loses enrichment silently:
an edition loaded with it is not replaced by a conversion without it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..errors import InputError
from ..vocabulary import CARD_TEXTS, MATCHES, MEDALS
from .models import Annuaire, Project

VERSION = 4  # PRAGMA user_version of a database this module made; bump when the tables change
# (2: `territories` keyed by the registry's code, `awards`, the projects' corrections and checked;
# 3: the analysts' tables; 4: both, the enrichment in the typed tables only)

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


ANALYST_TABLES = """
CREATE TABLE edition_facts (
    edition        INTEGER PRIMARY KEY REFERENCES editions(year) ON DELETE CASCADE,
    enriched       INTEGER NOT NULL CHECK (enriched IN (0, 1)),
    applications   INTEGER,
    auditioned     INTEGER,
    labelled       INTEGER,
    ceremony_date  TEXT,
    ceremony_venue TEXT,
    ceremony_city  TEXT,
    next_year      INTEGER
);
CREATE TABLE jury (
    edition      INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL,
    PRIMARY KEY (edition, position)
);
CREATE TABLE criteria (
    edition  INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (edition, position)
);
CREATE TABLE categories (
    edition    INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    printed    TEXT NOT NULL,
    page       INTEGER NOT NULL,
    page_label TEXT,
    PRIMARY KEY (edition, position)
);
CREATE TABLE dates (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    "offset"   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    precision  TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year', 'season')),
    value      TEXT,
    start      TEXT,
    "end"      TEXT,
    valid      INTEGER NOT NULL CHECK (valid IN (0, 1)),
    PRIMARY KEY (project_id, position)
);
CREATE INDEX dates_start ON dates(start);
CREATE TABLE figures (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    "offset"   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      REAL NOT NULL,
    unit       TEXT,
    counts     TEXT,
    PRIMARY KEY (project_id, position)
);
CREATE TABLE entities (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    "offset"   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL CHECK (label IN ('ORG', 'LOC', 'PER', 'MISC')),
    source     TEXT NOT NULL,
    code       TEXT,
    PRIMARY KEY (project_id, position)
);
CREATE INDEX entities_text ON entities(label, text);
CREATE VIRTUAL TABLE blocks_search USING fts5(
    text, content='blocks', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER blocks_indexed AFTER INSERT ON blocks BEGIN
    INSERT INTO blocks_search(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER blocks_unindexed AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_search(blocks_search, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""

# Seconds a write waits for another process's lock on the database (a reader, another run's
# write) before it gives up: a run loading a yearbook holds the lock for well under a second.
LOCK_WAIT = 30.0

# What the errors of SQLite (by the prefix of their name) mean for whoever runs the command
CAUSES = (
    ("SQLITE_BUSY", "database locked by another process (waited {wait:g} s)"),
    ("SQLITE_LOCKED", "database locked by another process (waited {wait:g} s)"),
    ("SQLITE_FULL", "disk full"),
    ("SQLITE_READONLY", "read-only: the database or its folder cannot be written"),
    ("SQLITE_CANTOPEN", "cannot open the database (a missing folder, or no permission)"),
    ("SQLITE_PERM", "no permission to write the database"),
    ("SQLITE_IOERR", "input/output error while writing the database"),
)


def sql_list(words: tuple[str, ...]) -> str:
    """Words as the list of an SQL `IN (…)`."""
    return ", ".join(f"'{word}'" for word in words)


TABLES = TABLES.format(
    medals=sql_list(MEDALS), card_texts=sql_list(CARD_TEXTS), matches=sql_list(MATCHES)
)


def load(doc: Annuaire, path: Path) -> int:
    """Add the document's edition to the database at `path` (created if need be), replacing
    the edition of the same year if it is there; the number of projects loaded."""
    db = stage(doc, path)
    try:
        commit(db, path)
    finally:
        db.close()
    return len(doc.projects)


def stage(doc: Annuaire, path: Path) -> sqlite3.Connection:
    """The edition written into the database in a transaction left open, for the caller to
    `commit` last of everything it publishes (closing the connection rolls it back)."""
    year = doc.edition.year
    if year is None:
        raise InputError(
            f"{doc.source.file_name}: the edition's year is unknown, so it cannot be keyed in "
            f"{path.name}; name the file after its year (annuaire_2023.pdf)"
        )
    try:
        db = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
    except sqlite3.Error as e:
        raise explain(e, path) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        # the write lock before looking: two runs making one database do not race
        db.execute("BEGIN IMMEDIATE")
        prepare(db, path)
        keep_enrichment(db, doc, year, path)
        db.execute("DELETE FROM editions WHERE year = ?", (year,))
        insert(db, doc, year)
        db.execute(
            "DELETE FROM territories WHERE code NOT IN "
            "(SELECT territory_code FROM awards WHERE territory_code IS NOT NULL)"
        )
        insert_analysis(db, doc, year)
    except BaseException as e:
        db.close()
        if isinstance(e, sqlite3.Error) and not isinstance(
            e, sqlite3.IntegrityError
        ):  # that one is our bug
            raise explain(e, path) from None
        raise
    return db


def commit(db: sqlite3.Connection, path: Path) -> None:
    try:
        db.execute("COMMIT")
    except sqlite3.Error as e:
        raise explain(e, path) from None


def explain(error: sqlite3.Error, path: Path) -> InputError:
    """One line saying what went wrong with the database: locked, disk full, read-only… or not
    ours."""
    name = getattr(error, "sqlite_errorname", "")  # Python >= 3.11
    cause = next(
        (meaning for prefix, meaning in CAUSES if name.startswith(prefix)),
        "not a database this tool can write",
    )
    return InputError(f"{path}: {cause.format(wait=LOCK_WAIT)} ({error})")


def prepare(db: sqlite3.Connection, path: Path) -> None:
    """Create the tables in a new database, refuse anyone else's (in the open transaction)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and tables == 0:
        for statement in statements(TABLES + ANALYST_TABLES):  # not executescript: it would commit
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {VERSION}")
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


def statements(script: str) -> list[str]:
    """The SQL statements of a script, whole (a trigger's body holds semicolons of its own)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def enriched(doc: Annuaire) -> bool:
    return any(p.dates is not None for p in doc.projects) or any(
        s.dates is not None for s in doc.front_matter
    )


def keep_enrichment(db: sqlite3.Connection, doc: Annuaire, year: int, path: Path) -> None:
    """Refuse to replace an enriched edition by a conversion without enrichment (--no-enrich)."""
    row = db.execute("SELECT enriched FROM edition_facts WHERE edition = ?", (year,)).fetchone()
    if row and row[0] and not enriched(doc):
        raise InputError(
            f"{path}: edition {year} there has its dates, figures, entities and facts, which this "
            "conversion without enrichment (--no-enrich) would wipe; convert it with enrichment, "
            f"or delete the edition first (DELETE FROM editions WHERE year = {year})"
        )


def insert_analysis(db: sqlite3.Connection, doc: Annuaire, year: int) -> None:
    """The analysts' tables: the edition's facts and categories, each project's findings."""
    insert_facts(db, doc, year)
    db.executemany(
        "INSERT INTO categories VALUES (?, ?, ?, ?, ?, ?)",
        [(year, i, c.name, c.printed, c.page, c.page_label) for i, c in enumerate(doc.categories)],
    )
    for p in doc.projects:
        insert_findings(db, p)


def insert_facts(db: sqlite3.Connection, doc: Annuaire, year: int) -> None:
    """The edition's facts, its jury and its criteria."""
    e = doc.edition
    ceremony = e.ceremony
    db.execute(
        "INSERT INTO edition_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            year,
            int(enriched(doc)),
            e.applications,
            e.auditioned,
            e.labelled,
            ceremony.date.value if ceremony else None,
            ceremony.venue if ceremony else None,
            ceremony.city if ceremony else None,
            e.next_edition.year if e.next_edition else None,
        ),
    )
    db.executemany(
        "INSERT INTO jury VALUES (?, ?, ?, ?)",
        [(year, i, j.name, j.organisation) for i, j in enumerate(e.jury or [])],
    )
    db.executemany(
        "INSERT INTO criteria VALUES (?, ?, ?)",
        [(year, i, c) for i, c in enumerate(e.criteria or [])],
    )


def insert_findings(db: sqlite3.Connection, p: Project) -> None:
    """A project's dates, figures and entities, one typed row each."""
    dates = [
        (p.id, i, d.field, d.offset, d.text, d.precision, d.value, d.start, d.end, int(d.valid))
        for i, d in enumerate(p.dates or [])
    ]
    db.executemany("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", dates)
    db.executemany(
        "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (p.id, i, f.field, f.offset, f.text, f.value, f.unit, f.counts)
            for i, f in enumerate(p.figures or [])
        ],
    )
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (p.id, i, x.field, x.offset, x.text, x.label, x.source, x.code)
            for i, x in enumerate(p.entities or [])
        ],
    )


def insert_project(db: sqlite3.Connection, p: Project, year: int, position: int) -> None:
    """A project's row, its awards and its blocks."""
    kept = p.model_dump(mode="json", include={"provenance", "corrections"})
    db.execute(
        "INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
