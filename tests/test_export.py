"""Exports: CSV and JSON Lines read back equal the JSON records; the SQLite database round-trips
them, keeps one copy of an edition loaded twice, and answers the docs' query across editions."""

import csv
import io
import json
import re
import sqlite3

import pytest

from pipeline.errors import InputError
from pipeline.outputs import export, sqlite
from pipeline.outputs.models import Project
from pipeline.vocabulary import CARD_TEXTS

from .conftest import PASS_TITLE, ROOT


@pytest.fixture(scope="module")
def edition(edition_2024):
    return edition_2024[1]


def json_records(doc):
    """The projects as the JSON document holds them."""
    return json.loads(export.serialize(doc, "json"))["projects"]


@pytest.mark.parametrize("which", ["sample", "edition"])
def test_csv_read_back_equals_the_json_records(which, request):
    doc = request.getfixturevalue(which)
    text = export.serialize(doc, "csv")
    assert text.startswith("\ufeff")  # the BOM that makes spreadsheet programs read UTF-8
    data = text.encode("utf-8")
    rows = [
        {k: undo(v) for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    ]
    records = json_records(doc)
    assert len(rows) == len(records) > 0
    for row, rec in zip(rows, records):
        assert list(row) == list(export.CSV_COLUMNS)
        assert int(row["edition"]) == doc.edition.year
        for column in (
            "id",
            "category",
            "medal",
            "title",
            "summary",
            "innovation",
            "problematique",
            "apports",
        ):
            assert (row[column] or None) == rec[column], column
        assert row["territories"].split(" ; ") == [t["name"] for t in rec["territories"]]
        assert row["territory_kinds"].split(" ; ") == [t["kind"] for t in rec["territories"]]
        assert [int(n) for n in row["pages"].split(" ; ")] == rec["pages"]
        assert row["page_labels"].split(" ; ") == rec["page_labels"]


def undo(cell: str) -> str:
    """The documented rule that undoes the neutralisation of formula-like cells."""
    return cell[1:] if cell.startswith("'") else cell


def test_csv_keeps_quotes_ampersands_and_line_breaks(edition):
    rows = list(
        csv.DictReader(
            io.StringIO(export.serialize(edition, "csv", ",").lstrip("\ufeff"), newline="")
        )
    )
    assert rows[0]["title"] == PASS_TITLE
    assert rows[0]["territories"] == "Ville de Paris ; Rennes Métropole"
    assert "\n  - y compris ceux gérés par des associations\n" in rows[0]["innovation"]
    assert rows[1]["apports"] == ""  # the card has no "apports" block


@pytest.mark.parametrize("which", ["sample", "edition"])
def test_jsonl_is_one_json_record_per_line_with_its_edition(which, request):
    doc = request.getfixturevalue(which)
    lines = export.serialize(doc, "jsonl").splitlines()
    assert [json.loads(ln) for ln in lines] == [
        {"edition": doc.edition.year, **rec} for rec in json_records(doc)
    ]


TERRITORY_FIELDS = (
    "name",
    "kind",
    "acronym",
    "service",
    "canonical",
    "place",
    "code",
    "registry_name",
    "registry_kind",
    "departement",
    "region",
    "population",
    "match",
)


def projects_from(db: sqlite3.Connection, year: int) -> list[Project]:
    """Rebuild an edition's project records from the database's tables alone."""
    out = []
    enriched = db.execute(
        "SELECT enriched FROM edition_facts WHERE edition = ?", (year,)
    ).fetchone()[0]
    for (
        pid,
        category,
        medal,
        title,
        pages,
        labels,
        provenance,
        ocr,
        confidence,
        corrections,
        checked,
    ) in db.execute(
        "SELECT id, category, medal, title, pages, page_labels, provenance, ocr, ocr_confidence, "
        "corrections, checked FROM projects "
        "WHERE edition = ? ORDER BY position",
        (year,),
    ):
        territories = [
            dict(zip(TERRITORY_FIELDS, row))
            for row in db.execute(
                "SELECT a.name, a.kind, a.acronym, a.service, a.canonical, a.place, "
                "a.territory_code, t.name, t.registry_kind, t.departement, t.region, t.population, "
                "a.match "
                "FROM awards AS a "
                "LEFT JOIN territories AS t ON t.code = a.territory_code WHERE a.project_id = ? "
                "ORDER BY a.position",
                (pid,),
            )
        ]
        blocks = db.execute(
            "SELECT name, heading, text FROM blocks WHERE project_id = ?", (pid,)
        ).fetchall()
        texts = {name: text for name, _, text in blocks}
        out.append(
            Project(
                id=pid,
                category=category,
                medal=medal,
                title=title,
                territories=territories,
                **{b: texts.get(b) for b in CARD_TEXTS},
                headings={name: heading for name, heading, _ in blocks if heading is not None},
                pages=json.loads(pages),
                page_labels=json.loads(labels),
                provenance=json.loads(provenance),
                ocr=bool(ocr),
                ocr_confidence=confidence,
                corrections=json.loads(corrections),
                checked=bool(checked),
                **{table: found(db, table, pid) if enriched else None for table in FOUND},
            )
        )
    return out


FOUND = {
    "dates": ("field", "offset", "text", "precision", "value", "start", "end", "valid"),
    "figures": ("field", "offset", "text", "value", "unit", "counts"),
    "entities": ("field", "offset", "text", "label", "source", "code"),
}


def found(db: sqlite3.Connection, table: str, pid: str) -> list[dict]:
    columns = FOUND[table]
    rows = db.execute(
        f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {table} "
        "WHERE project_id = ? ORDER BY position",
        (pid,),
    )
    return [dict(zip(columns, row)) for row in rows]


def counts(db):
    return {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("editions", "projects", "awards", "territories", "blocks", "warnings")
    }


def docs_queries() -> list[str]:
    """The queries across editions that docs/output.md shows, in its order."""
    docs = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", docs, re.S)


def test_sqlite_round_trip_two_editions_and_a_reload(tmp_path, sample, edition):
    path = tmp_path / "labels.sqlite"
    assert sqlite.load(sample, path) == 25
    sqlite.load(edition, path)
    db = sqlite3.connect(path)
    assert projects_from(db, 2023) == sample.projects
    assert projects_from(db, 2024) == edition.projects
    once = counts(db)
    assert once["editions"] == 2 and once["warnings"] == len(sample.warnings) + len(
        edition.warnings
    )
    db.close()

    sqlite.load(edition, path)  # the same edition again: replaced, not duplicated
    db = sqlite3.connect(path)
    assert counts(db) == once
    assert projects_from(db, 2024) == edition.projects

    # the docs' query: territories labelled in several years, by registry code
    several_years = docs_queries()[1]
    assert db.execute(several_years).fetchall() == [
        ("240500462", "CC du Pays des Ecrins", 2, "2023, 2024"),
        ("75056", "Paris", 2, "2023, 2024"),
        ("243500139", "Rennes Métropole", 2, "2023, 2024"),
    ]
    db.close()


def test_reloading_an_edition_drops_what_it_no_longer_has(tmp_path, edition):
    path = tmp_path / "labels.sqlite"
    sqlite.load(edition, path)
    smaller = edition.model_copy(update={"projects": edition.projects[:1], "warnings": []})
    sqlite.load(smaller, path)
    db = sqlite3.connect(path)
    assert projects_from(db, 2024) == smaller.projects
    assert counts(db) == {
        "editions": 1,
        "projects": 1,
        "awards": 2,
        "territories": 2,
        "blocks": 4,
        "warnings": 0,
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_refuses_what_it_cannot_key_or_did_not_make(tmp_path, edition):
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("not a database", encoding="utf-8")
    with pytest.raises(InputError, match="not a database this tool can write"):
        sqlite.load(edition, not_db)
    theirs = tmp_path / "theirs.sqlite"
    sqlite3.connect(theirs).executescript("CREATE TABLE projects (name TEXT);")
    with pytest.raises(InputError, match="another application"):
        sqlite.load(edition, theirs)
    yearless = edition.model_copy(
        update={"edition": edition.edition.model_copy(update={"year": None})}
    )
    with pytest.raises(InputError, match="year is unknown"):
        sqlite.load(yearless, tmp_path / "new.sqlite")


def sql_in(name: str) -> str:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    return re.search(r"```sql\n(.*?)```", text, re.S).group(1)


def test_full_text_search_finds_every_project_that_talks_about_a_word(tmp_path, sample, edition):
    path = tmp_path / "labels.sqlite"
    sqlite.load(sample, path)
    sqlite.load(edition, path)
    sqlite.load(sample, path)  # a re-load: its blocks leave the index and come back once
    folded = re.compile("cybers[ée]curit[ée]", re.I)
    expected = sorted(
        {
            (2023, p.title)
            for p in sample.projects
            if any(folded.search(getattr(p, b) or "") for b in CARD_TEXTS)
        }
    )
    with sqlite3.connect(path) as db:
        assert db.execute(sql_in("sqlite.md")).fetchall() == expected != []
        assert (
            db.execute("SELECT count(*) FROM blocks_search").fetchone()
            == db.execute("SELECT count(*) FROM blocks").fetchone()
        )


def test_the_edition_facts_and_categories(tmp_path, sample):
    path = tmp_path / "labels.sqlite"
    sqlite.load(sample, path)
    with sqlite3.connect(path) as db:
        assert db.execute(
            "SELECT enriched, applications, labelled FROM edition_facts"
        ).fetchall() == [(1, sample.edition.applications, sample.edition.labelled)]
        assert [name for (name,) in db.execute("SELECT name FROM jury ORDER BY position")] == [
            j.name for j in sample.edition.jury
        ]
        assert [
            name for (name,) in db.execute("SELECT name FROM categories ORDER BY position")
        ] == [c.name for c in sample.categories]
        assert db.execute("PRAGMA foreign_key_list(dates)").fetchall()[0][2] == "projects"


def test_a_reload_without_enrichment_is_refused(tmp_path, edition):
    path = tmp_path / "labels.sqlite"
    sqlite.load(edition, path)
    before = list(sqlite3.connect(path).iterdump())
    plain = edition.model_copy(
        update={
            "projects": [
                p.model_copy(update={"dates": None, "figures": None, "entities": None})
                for p in edition.projects
            ],
            "front_matter": [s.model_copy(update={"dates": None}) for s in edition.front_matter],
        }
    )
    with pytest.raises(
        InputError, match="edition 2024 there has its dates, figures, entities and facts"
    ):
        sqlite.load(plain, path)
    assert list(sqlite3.connect(path).iterdump()) == before
    other = tmp_path / "plain.sqlite"
    sqlite.load(plain, other)
    sqlite.load(edition, other)  # with enrichment over without: nothing is lost
