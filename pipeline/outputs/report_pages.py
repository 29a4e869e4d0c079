"""The review report's sections beyond the cards: the edition's facts, each card's enrichment,
and every other page a warning or a listing refers to (contents, listings, front matter).

A warning about the table of contents, a listing's order or a date of the front matter is
checked on its page: those pages are shown with what was read on them, so that every warning
of the document leads to a page of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .french import ENTITIES, PAGE_KINDS, SEVERITIES, STEPS
from .images import PageImage
from .models import Annuaire, Box, Project, Unplaced


def referenced(doc: Annuaire, shown: set[int]) -> list[int]:
    """Pages a warning or a listing refers to that no card section shows."""
    pages = {n for w in doc.warnings for n in w.pages} | {c.page for c in doc.categories}
    return sorted(pages - shown)


def section(
    doc: Annuaire,
    numbers: list[int],
    images: dict[int, PageImage],
    unplaced: dict[int, list[Unplaced]],
    sheet: Callable,
) -> str:
    """Each page with its listing entries boxed, and what was read on it beside."""
    parts = (
        []
        if numbers
        else [
            "<p>Aucune : tout ce que signalent les avertissements est sur les pages des fiches.</p>"
        ]
    )
    for n in numbers:
        listed = [(c.name, item) for c in doc.categories for item in c.listed if item.box.page == n]
        boxes: list[tuple[list[str], Box]] = [(["listed"], item.box) for _, item in listed]
        figure = sheet(images[n], n, boxes, unplaced.get(n, []), f"page-{n}")
        parts.append(
            f'<section class="page-read" data-page="{n}"><h3>{page_title(doc, n)}</h3>'
            f'<div class="columns"><div class="pages">{figure}</div>'
            f'<div class="values">{read_on(doc, n, listed)}</div></div></section>'
        )
    return (
        '<section id="pages"><h2>Pages signalées</h2><p class="note"><a href="#haut">↑ haut de '
        "page</a> · les pages (sommaire, listes des catégories, pages liminaires) auxquelles un "
        "avertissement ou une liste renvoie, sans fiche.</p>" + "\n".join(parts) + "</section>"
    )


def page_title(doc: Annuaire, n: int) -> str:
    info = next((pg for pg in doc.pages if pg.number == n), None)
    if info is None:
        return f"Page {n}"
    printed = f" (imprimée {escape(info.label)})" if info.label else ""
    return f"Page {n}{printed} — {PAGE_KINDS[info.kind]}"


def read_on(doc: Annuaire, n: int, listed: list) -> str:
    """The page's warnings, its listing entries (with their cards), contents and front matter."""
    titles = {p.id: p.title for p in doc.projects}
    warnings = "".join(
        f'<li class="{w.severity}">{SEVERITIES[w.severity]} <code>{escape(w.code)}</code> '
        f"{escape(w.message)}</li>"
        for w in doc.warnings
        if n in w.pages
    )
    out = f'<h4>Avertissements</h4><ul class="warnings">{warnings}</ul>' if warnings else ""
    if listed:
        items = "".join(
            f"<li>{escape(item.text)} → "
            + (
                f'<a href="#card-{escape(item.project_id)}">{escape(titles[item.project_id])}</a>'
                if item.project_id
                else '<em class="missing">aucune fiche</em>'
            )
            + "</li>"
            for _, item in listed
        )
        out += f"<h4>Liste de la catégorie « {escape(listed[0][0])} »</h4><ol>{items}</ol>"
    if any(pg.number == n and pg.kind == "toc" for pg in doc.pages):
        entries = "".join(f"<li>{escape(e.text)} … {escape(e.page_label)}</li>" for e in doc.toc)
        out += f"<h4>Sommaire lu</h4><ul>{entries}</ul>"
    for s in doc.front_matter:
        if n in s.pages:
            out += f'<h4>{escape(s.heading)}</h4><p class="text">{escape(s.text)}</p>'
    return out


def edition(doc: Annuaire) -> str:
    """What the front matter states of the edition: counts, jury, criteria, ceremony, calendar."""
    e = doc.edition
    counts = [
        (label, value)
        for label, value in (
            ("candidatures", e.applications),
            ("projets auditionnés", e.auditioned),
            ("projets labellisés", e.labelled),
        )
        if value is not None
    ]
    rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in counts)
    if e.ceremony:
        where = ", ".join(x for x in (e.ceremony.venue, e.ceremony.city) if x)
        rows += (
            f"<tr><th>cérémonie</th><td>{escape(e.ceremony.date.text)} {escape(where)}</td></tr>"
        )
    out = f"<div><table>{rows}</table></div>" if rows else ""
    if e.jury:
        jury = "".join(
            f'<li>{escape(j.name)} <span class="meta">{escape(j.organisation)}</span></li>'
            for j in e.jury
        )
        out += f'<div><h3>Jury ({len(e.jury)})</h3><ul class="jury">{jury}</ul></div>'
    if e.criteria:
        criteria = "".join(f"<li>{escape(c)}</li>" for c in e.criteria)
        out += f"<div><h3>Critères</h3><ul>{criteria}</ul></div>"
    if e.next_edition:
        steps = "".join(
            f'<li>{escape(s.date.text)} <span class="meta">{STEPS[s.step]}</span></li>'
            for s in e.next_edition.calendar
        )
        out += f"<div><h3>Édition {e.next_edition.year} : calendrier</h3><ul>{steps}</ul></div>"
    if not out:
        out = "<p>Les pages liminaires n'en disent rien (ou l'enrichissement était désactivé).</p>"
    return (
        '<section id="edition"><h2>L\'édition</h2><p class="note"><a href="#haut">↑ haut de '
        f'page</a> · lu dans les pages liminaires</p><div class="facts">{out}</div></section>'
    )


def enrichment(p: Project) -> str:
    """A card's dates, key figures and named entities, each with the field it was found in."""
    if p.dates is None:
        return ""
    dates = [f"{escape(d.text)} → {escape(d.value or 'date impossible')}" for d in p.dates]
    figures = [
        escape(f.text) + (f' <span class="meta">({escape(f.counts)})</span>' if f.counts else "")
        for f in p.figures or []
    ]
    entities = [
        f'{escape(x.text)} <span class="meta">{ENTITIES[x.label]}</span>' for x in p.entities or []
    ]
    parts = [
        f"<dt>{name}</dt><dd>{' · '.join(items)}</dd>"
        for name, items in (("dates", dates), ("chiffres clés", figures), ("entités", entities))
        if items
    ]
    body = f'<dl class="found">{"".join(parts)}</dl>' if parts else "<p>Rien de relevé.</p>"
    return f"<h3>Enrichissement</h3>{body}"
