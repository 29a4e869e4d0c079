"""Spreadsheets: the projects, their territories and the warnings as rows, in cells that a
spreadsheet program shows as text and never runs as a formula.

Formula injection (OWASP, "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a
tab or a carriage return is taken for a formula by Excel, LibreOffice and Google Sheets
when the file is opened; a title printed as `=HYPERLINK("http://…"&A1;"clic")` would be a
live link carrying the sheet's data away. OWASP's rule: such a cell starts with a single
quote, which the programs read as "text follows". A cell that starts with a quote gets one
too, so that the rule can be undone exactly: drop the first character of any cell that
starts with a quote. XLSX cells need no quote: they are typed as text (never a formula) and
marked with Excel's own "quote prefix" flag, which keeps them text when edited.
"""

from __future__ import annotations

import io

from ..vocabulary import CARD_TEXTS
from .models import Annuaire, Project, Territory

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list

PROJECT_COLUMNS = (
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
    "warnings",
)
WARNING_COLUMNS = ("edition", "project_id", "code", "severity", "message", "pages")
JOIN = " ; "  # between the items of a list in one cell (territories, pages, warning codes)
WIDEST = 60  # characters: wider columns wrap their text in XLSX


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutral(text: str) -> str:
    """The cell as CSV writes it: OWASP's quote before a formula-like text (and before a quote)."""
    return "'" + text if text.startswith(FORMULA_STARTS + ("'",)) else text


def joined(values) -> str:
    return JOIN.join("" if v is None else str(v) for v in values)


def project_row(doc: Annuaire, p: Project) -> dict[str, str]:
    """One project: lists joined with " ; ", a missing value as an empty cell, and the codes of
    the warnings about it (which records to check first)."""
    row: dict[str, object] = {
        "edition": doc.edition.year,
        "id": p.id,
        "category": p.category,
        "medal": p.medal,
        "title": p.title,
        "territories": joined(t.name for t in p.territories),
        "territory_kinds": joined(t.kind for t in p.territories),
        **{b: getattr(p, b) for b in CARD_TEXTS},
        "pages": joined(p.pages),
        "page_labels": joined(p.page_labels),
        "warnings": joined(w.code for w in doc.warnings if w.project_id == p.id),
    }
    return {k: "" if v is None else str(v) for k, v in row.items()}


def territory_rows(doc: Annuaire) -> tuple[list[str], list[dict]]:
    """One row per territory of a project, with every field the records give a territory."""
    rows = [
        {
            "edition": doc.edition.year,
            "project_id": p.id,
            "position": i,
            **t.model_dump(mode="json"),
        }
        for p in doc.projects
        for i, t in enumerate(p.territories)
    ]
    return ["edition", "project_id", "position", *Territory.model_fields], rows


def warning_rows(doc: Annuaire) -> list[dict]:
    return [
        {
            "edition": doc.edition.year,
            "project_id": w.project_id,
            "code": w.code,
            "severity": w.severity,
            "message": w.message,
            "pages": joined(w.pages),
        }
        for w in doc.warnings
    ]


def sheets(doc: Annuaire) -> list[tuple[str, list[str], list[dict]]]:
    """(name, columns, rows) of each sheet."""
    territory_columns, territories = territory_rows(doc)
    return [
        ("projects", list(PROJECT_COLUMNS), [project_row(doc, p) for p in doc.projects]),
        ("territories", territory_columns, territories),
        ("warnings", list(WARNING_COLUMNS), warning_rows(doc)),
    ]


def xlsx(doc: Annuaire) -> bytes:
    """A workbook of three sheets (projects, territories, warnings): header frozen, filters on,
    long texts wrapped; every text cell typed as text."""
    from openpyxl import Workbook  # only this format needs it

    book = Workbook()
    book.remove(book.active)
    for name, columns, rows in sheets(doc):
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append([None] * len(columns))
            for cell, column in zip(sheet[sheet.max_row], columns):
                set_text(cell, row[column])
        shape(sheet, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_text(cell, value) -> None:
    """A value in a cell; text typed as text, never as a formula, its control characters (which
    XLSX cannot hold) replaced by U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.data_type = "s"
    cell.quotePrefix = formula_like(value)


def shape(sheet, columns: list[str], rows: list[dict]) -> None:
    """Header frozen and bold, filters, columns as wide as their text up to WIDEST, then wrapped."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, 1):
        width = max([len(column)] + [len(str(row[column] or "")) for row in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(width, WIDEST) + 2
        if width > WIDEST:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
