"""What each page of the review app shows, as plain data for its template."""

from __future__ import annotations

from collections.abc import Callable

from ..outputs import french
from ..outputs.images import PageImage, placement
from ..outputs.models import Annuaire, Box, Project, Warning
from ..outputs.report import COLOURS, LISTED, UNPLACED, card_pages
from ..vocabulary import CORRECTED_FIELDS
from .session import extracted, shown

MULTILINE = {"territories", "summary", "innovation", "problematique", "apports"}

Images = Callable[[int], PageImage]


def index(doc: Annuaire, query: dict) -> dict:
    """The cards that pass the filters, and what the filters can choose from."""
    wanted = {
        "categorie": query.get("categorie", ""),
        "medaille": query.get("medaille", ""),
        "avertissements": query.get("avertissements") == "1",
        "a_verifier": query.get("a_verifier") == "1",
    }
    rows = [row(doc, p) for p in doc.projects]
    kept = [r for r in rows if passes(r, wanted)]
    return {
        "rows": kept,
        "total": len(rows),
        "wanted": wanted,
        "categories": list(dict.fromkeys(p.category for p in doc.projects)),
        "medals": french.MEDALS,
        "checked": sum(r["checked"] for r in rows),
        "warnings": [warning(w, doc) for w in doc.warnings],
        "edition": doc.edition.year,
    }


def row(doc: Annuaire, p: Project) -> dict:
    return {
        "id": p.id,
        "title": p.title,
        "category": p.category,
        "medal": p.medal or "",
        "medal_label": french.MEDALS[p.medal],
        "page": p.pages[0],
        "warnings": len(warnings_of(doc, p)),
        "corrections": len(p.corrections),
        "checked": p.checked,
    }


def passes(r: dict, wanted: dict) -> bool:
    return (
        (not wanted["categorie"] or r["category"] == wanted["categorie"])
        and (not wanted["medaille"] or r["medal"] == wanted["medaille"])
        and (not wanted["avertissements"] or r["warnings"] > 0)
        and (not wanted["a_verifier"] or not r["checked"])
    )


def warnings_of(doc: Annuaire, p: Project) -> list[Warning]:
    """The card's own warnings, and those of no card that involve its pages (a listing's order)."""
    return [
        w
        for w in doc.warnings
        if w.project_id == p.id or (w.project_id is None and set(w.pages) & set(p.pages))
    ]


def warning(w: Warning, doc: Annuaire) -> dict:
    titles = {p.id: p.title for p in doc.projects}
    return {
        "severity": french.SEVERITIES[w.severity],
        "level": w.severity,
        "code": w.code,
        "message": w.message,
        "pages": w.pages,
        "project": w.project_id,
        "title": titles.get(w.project_id) if w.project_id else None,
    }


def card(doc: Annuaire, p: Project, image: Images) -> dict:
    """A card: its pages with the field boxes, its fields as a form, its warnings."""
    ids = [x.id for x in doc.projects]
    at = ids.index(p.id)
    return {
        "record": p,
        "medal": french.MEDALS[p.medal],
        "sheets": [sheet(n, image(n), card_boxes(p, n), unplaced(doc, n)) for n in card_pages(p)],
        "fields": [field(p, name) for name in CORRECTED_FIELDS],
        "warnings": [warning(w, doc) for w in warnings_of(doc, p)],
        "previous": ids[at - 1] if at > 0 else None,
        "next": ids[at + 1] if at + 1 < len(ids) else None,
        "categories": list(dict.fromkeys(c.name for c in doc.categories)),
        "medals": french.MEDALS,
    }


def card_boxes(p: Project, page: int) -> list[dict]:
    """The boxes of each field on a page; a corrected field's are those of the value it replaced."""
    return [
        mark(b, name, french.FIELDS[name], COLOURS[name], p.provenance[name] == "corrected")
        for name in COLOURS
        if name in p.provenance
        for b in p.boxes_of(name)
        if b.page == page
    ]


def mark(b: Box, field: str, label: str, colour: str, corrected: bool = False) -> dict:
    return {"box": b, "field": field, "label": label, "colour": colour, "corrected": corrected}


def unplaced(doc: Annuaire, page: int) -> list[dict]:
    return [
        mark(u.box, "unplaced", f"non placé : {u.text}", UNPLACED)
        for u in doc.unplaced
        if u.page == page
    ]


def sheet(number: int, image: PageImage, marks: list[dict], extra: list[dict]) -> dict:
    boxes = [dict(m, style=placement(m["box"], image.frame)) for m in marks + extra]
    return {"number": number, "width": image.width, "height": image.height, "boxes": boxes}


def field(p: Project, name: str) -> dict:
    """One field of the form: what it holds now, what was extracted, and the fix's note."""
    fix = next((c for c in p.corrections if c.field == name), None)
    return {
        "name": name,
        "label": french.FIELDS[name],
        "value": as_text(shown(p, name)),
        "extracted": as_text(extracted(p, name)),
        "corrected": fix is not None,
        "note": fix.note if fix else "",
        "multiline": name in MULTILINE,
        "heading": p.headings.get(name),
        "colour": COLOURS[name],
    }


def as_text(value) -> str:
    if isinstance(value, tuple):
        return "\n".join(value)
    return value or ""


def page(doc: Annuaire, n: int, image: Images) -> dict:
    """Any page: what was read on it (cards, listing entries, contents, front matter), and the
    warnings that point to it."""
    info = next(pg for pg in doc.pages if pg.number == n)
    found = read_on(doc, n)
    marks = [m for p in found["cards"] for m in card_boxes(p, n)]
    marks += [
        mark(item.box, "listed", f"liste : {item.text}", LISTED) for _, item in found["listed"]
    ]
    return {
        "number": n,
        "info": info,
        "kind": french.PAGE_KINDS[info.kind],
        "sheet": sheet(n, image(n), marks, unplaced(doc, n)),
        "toc": doc.toc if info.kind == "toc" else [],
        "warnings": [warning(w, doc) for w in doc.warnings if n in w.pages],
        "previous": n - 1 if n > 1 else None,
        "next": n + 1 if n < doc.source.page_count else None,
        **found,
    }


def read_on(doc: Annuaire, n: int) -> dict:
    """The cards, listing entries, front matter and unplaced lines of a page."""
    return {
        "cards": [p for p in doc.projects if n in card_pages(p)],
        "listed": [(c, item) for c in doc.categories for item in c.listed if item.box.page == n],
        "front": [s for s in doc.front_matter if n in s.pages],
        "unplaced": [u for u in doc.unplaced if u.page == n],
    }
