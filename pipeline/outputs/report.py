"""The review report: one self-contained HTML page, in French, to check every card against its page.

Per card, the pages it was read from are rendered to JPEG (pdfplumber over pypdfium2)
and embedded as data URIs, with a coloured box over each place a field was read
(from the provenance) and a dashed one over text no stage placed; beside them, the
values (corrected ones marked, with the value read), the enrichment and the card's warnings.
At the top: the edition's facts, projects by category and medal, every warning, and the pages
with low coverage or unplaced text; after the cards, every other page a warning or a listing
refers to (`report_pages`). Nothing is fetched (no script, stylesheet, font or remote image),
so the file opens offline in any browser.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from ..thresholds import DEFAULTS
from ..vocabulary import CARD_TEXTS
from ..vocabulary import MEDALS as AWARDS
from . import report_pages
from .french import FIELDS, KINDS, MEDALS, OTHER_MARKS, PAGE_KINDS, SEVERITIES, plural
from .french import UNPLACED as REASONS
from .images import PageImage, placement, render
from .models import Annuaire, Box, Correction, Project, Unplaced, Warning

RESOLUTION = 96  # dots per inch of the page images: body text stays readable at ~100 kB a page
# field → colour of its boxes and of its swatch beside the value; medal and category share the
# banner
COLOURS = {
    "medal": "#b7791f",
    "category": "#b7791f",
    "title": "#2b6cb0",
    "territories": "#2f855a",
    "summary": "#6b46c1",
    "innovation": "#dd6b20",
    "problematique": "#0f8b8d",
    "apports": "#d53f8c",
}
UNPLACED = "#e53e3e"
LISTED = "#4a5568"  # a listing's entries, on a category page
MARKS = {**COLOURS, "listed": LISTED, "unplaced": UNPLACED}
TOP = (
    '<nav class="steps"><a href="#warnings">avertissements</a> · <a href="#cards">fiches</a> · '
    '<a href="#edition">l\'édition</a> · <a href="#pages">pages signalées</a></nav>'
)
NONE = '<em class="missing">aucun</em>'


def html(doc: Annuaire, pdf: Path, password: str | None = None, scan: Path | None = None) -> str:
    """The whole report for a converted document and the PDF it came from; `scan`: the OCR'd
    copy of a scan, whose deskewed pages the OCR'd pages' boxes were read on."""
    on_cards = sorted({n for p in doc.projects for n in card_pages(p)})
    others = report_pages.referenced(doc, set(on_cards))
    images = page_images(doc, on_cards + others, pdf, password, scan)
    unplaced = defaultdict(list)
    for u in doc.unplaced:
        unplaced[u.page].append(u)
    title = f"Relecture de {doc.source.file_name}" + (
        f" — édition {doc.edition.year}" if doc.edition.year else ""
    )
    body = [
        f'<header id="haut"><h1>{escape(title)}</h1>{source_line(doc)}{TOP}</header>',
        summary(doc),
        warnings_table(doc),
        unplaced_table(doc, unplaced),
        contents(doc.projects),
    ]
    anchored: set[int] = set()  # pages whose first figure carries the id page-<n>
    body += [
        card_section(p, doc, images, unplaced, anchored, neighbours(doc.projects, i))
        for i, p in enumerate(doc.projects)
    ]
    body.append(report_pages.edition(doc))
    body.append(report_pages.section(doc, others, images, unplaced, sheet))
    return (
        f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def page_images(
    doc: Annuaire, numbers: list[int], pdf: Path, password: str | None, scan: Path | None
) -> dict[int, PageImage]:
    """The pages rendered from the PDF, the OCR'd ones from the OCR'd copy when there is one."""
    if scan is None or not scan.is_file():
        return render(pdf, numbers, RESOLUTION, password)
    ocr = {pg.number for pg in doc.pages if pg.ocr}
    images = render(pdf, [n for n in numbers if n not in ocr], RESOLUTION, password)
    return images | render(scan, [n for n in numbers if n in ocr], RESOLUTION)


def card_pages(p: Project) -> list[int]:
    """The card's pages, and those its fields (or the values corrected) were read from."""
    return sorted(set(p.pages) | {b.page for field in p.provenance for b in p.boxes_of(field)})


def neighbours(projects: list[Project], i: int) -> tuple[Project | None, Project | None]:
    return (projects[i - 1] if i else None, projects[i + 1] if i + 1 < len(projects) else None)


def source_line(doc: Annuaire) -> str:
    s = doc.source
    checked = sum(p.checked for p in doc.projects)
    corrected = sum(bool(p.corrections) for p in doc.projects)
    return (
        f'<p class="source">{s.page_count} pages · profil {escape(doc.profile)} · '
        f"{plural(len(doc.projects), 'fiche')} ({checked} vérifiée(s), {corrected} corrigée(s)) · "
        f"{plural(len(doc.warnings), 'avertissement')} · "
        f"{plural(len(doc.unplaced), 'ligne non placée', 'lignes non placées')} · "
        f"sha256 <code>{escape(s.sha256)}</code></p>"
    )


def summary(doc: Annuaire) -> str:
    """Projects by category (in the yearbook's order) and medal, with totals."""
    counts = Counter((p.category, p.medal) for p in doc.projects)
    names = list(
        dict.fromkeys([c.name for c in doc.categories] + [p.category for p in doc.projects])
    )
    medals = list(AWARDS) + ([None] if any(m is None for _, m in counts) else [])
    head = "".join(f"<th>{escape(MEDALS[m])}</th>" for m in medals)
    rows = []
    for name in names:
        cells = "".join(f"<td>{counts[name, m]}</td>" for m in medals)
        total = sum(counts[name, m] for m in medals)
        rows.append(f"<tr><th>{escape(name)}</th>{cells}<td>{total}</td></tr>")
    totals = "".join(f"<td>{sum(counts[n, m] for n in names)}</td>" for m in medals)
    return (
        f'<section id="summary"><h2>Fiches par catégorie et médaille</h2>\n<table class="counts">'
        f"<thead><tr><th>catégorie</th>{head}<th>total</th></tr></thead>\n"
        f"<tbody>{''.join(rows)}</tbody>\n"
        f"<tfoot><tr><th>total</th>{totals}<td>{len(doc.projects)}</td></tr></tfoot></table></section>"
    )


def warnings_table(doc: Annuaire) -> str:
    warnings = doc.warnings
    if not warnings:
        return '<section id="warnings"><h2>Avertissements</h2><p>Aucun avertissement.</p></section>'
    titles = {p.id: p.title for p in doc.projects}
    rows = "".join(
        f'<tr class="{w.severity}"><td>{SEVERITIES[w.severity]}</td>'
        f"<td><code>{escape(w.code)}</code></td><td>{escape(w.message)}</td>"
        f"<td>{page_links(w.pages)}</td>"
        f"<td>{card_link(w.project_id, titles.get(w.project_id)) if w.project_id else ''}</td></tr>"
        for w in warnings
    )
    return (
        f'<section id="warnings"><h2>Avertissements ({len(warnings)})</h2>\n<table>'
        "<thead><tr><th>gravité</th><th>code</th><th>message</th><th>pages</th><th>fiche</th>"
        f"</tr></thead>\n<tbody>{rows}</tbody></table></section>"
    )


def page_links(numbers: list[int]) -> str:
    """Links to the pages (each is shown: with its card, or among the pages referred to)."""
    return ", ".join(f'<a href="#page-{n}">{n}</a>' for n in numbers)


def unplaced_table(doc: Annuaire, unplaced: dict[int, list[Unplaced]]) -> str:
    """Pages where text went into no field, or with a low coverage: the lines to read on the page
    by hand."""
    info = {pg.number: pg for pg in doc.pages}
    low = {
        pg.number
        for pg in doc.pages
        if pg.coverage is not None and pg.coverage < DEFAULTS.low_coverage
    }
    head = (
        '<section id="unplaced"><h2>Pages peu couvertes ou avec du texte non placé</h2>\n'
        '<p class="note">Couverture : la part du texte d\'une page qui est allée dans un champ ; '
        f"sous {DEFAULTS.low_coverage:.0%} la page est listée, comme toute page dont du texte "
        "n'a été attribué à aucun champ.</p>"
    )
    pages = sorted(set(unplaced) | low)
    if not pages:
        return (
            head + "<p>Toutes les pages sont entièrement couvertes ; aucun texte non placé.</p>"
            "</section>"
        )

    def coverage(n: int) -> str:
        c = info[n].coverage if n in info else None
        return "" if c is None else f"{c:.0%}"

    rows = "".join(
        f'<tr><td><a href="#page-{n}">{n}</a></td>'
        f"<td>{escape(info[n].label or '') if n in info else ''}</td>"
        f"<td>{escape(PAGE_KINDS[info[n].kind]) if n in info else ''}</td><td>{coverage(n)}</td>"
        f"<td>{len(unplaced.get(n, []))}</td>"
        f"<td>{'<br>'.join(escape(stray(u)) for u in unplaced.get(n, []))}</td></tr>"
        for n in pages
    )
    return (
        head + "<table><thead><tr><th>page</th><th>imprimée</th><th>nature</th><th>couverture</th>"
        f"<th>lignes</th><th>texte</th></tr></thead>\n<tbody>{rows}</tbody></table></section>"
    )


def stray(u: Unplaced) -> str:
    return f"{u.text} ({REASONS.get(u.reason, u.reason)})"


def contents(projects: list[Project]) -> str:
    items = "".join(
        f'<li>{card_link(p.id, p.title)} <span class="meta">{escape(p.category)} · '
        f"{escape(MEDALS[p.medal])} · page {p.pages[0]}{status(p)}</span></li>"
        for p in projects
    )
    return f'<nav id="cards"><h2>Fiches ({len(projects)})</h2><ol>{items}</ol></nav>'


def status(p: Project) -> str:
    """· vérifiée · 2 corrections: what a person did to the record."""
    marks = ["vérifiée"] if p.checked else []
    marks += [plural(len(p.corrections), "correction")] if p.corrections else []
    return "".join(f" · <strong>{m}</strong>" for m in marks)


def card_link(project_id: str, text: str | None = None) -> str:
    return f'<a href="#card-{escape(project_id)}">{escape(text or project_id)}</a>'


def card_section(
    p: Project,
    doc: Annuaire,
    images: dict[int, PageImage],
    unplaced: dict[int, list[Unplaced]],
    anchored: set[int],
    around: tuple[Project | None, Project | None],
) -> str:
    pages = card_pages(p)
    sheets = "\n".join(
        sheet(images[n], n, page_boxes(p, n), unplaced.get(n, []), anchor(n, anchored))
        for n in pages
    )
    printed = ", ".join(
        f"{n} (imprimée {label})" if label else str(n)
        for n, label in zip(p.pages, p.page_labels, strict=True)
    )
    return (
        f'<section class="card" id="card-{escape(p.id)}" data-project="{escape(p.id)}">\n'
        f"{steps(*around)}<h2>{escape(p.title)}</h2>\n"
        f'<p class="meta"><code>{escape(p.id)}</code> · page(s) {escape(printed)}{status(p)}</p>\n'
        f'<div class="columns"><div class="pages">{legend(p)}\n{sheets}</div>\n'
        f'<div class="values">{values(p)}\n{card_warnings(p, doc.warnings)}'
        f"{card_unplaced(pages, unplaced)}{report_pages.enrichment(p)}</div></div>\n</section>"
    )


def steps(previous: Project | None, following: Project | None) -> str:
    """Back to the top, and to the previous and the next card."""
    links = ['<a href="#haut">↑ haut de page</a>']
    if previous:
        links.append(f'<a href="#card-{escape(previous.id)}" rel="prev">← fiche précédente</a>')
    if following:
        links.append(f'<a href="#card-{escape(following.id)}" rel="next">fiche suivante →</a>')
    return f'<nav class="steps">{" · ".join(links)}</nav>'


def anchor(number: int, anchored: set[int]) -> str | None:
    """The id page-<n> for the first figure of page n in the report, None for the others."""
    if number in anchored:
        return None
    anchored.add(number)
    return f"page-{number}"


def page_boxes(p: Project, page: int) -> list[tuple[list[str], Box]]:
    """The boxes of the card on one page, fields read from the same box drawn as one."""
    out: dict[tuple, list[str]] = {}
    boxes: dict[tuple, Box] = {}
    for field in p.provenance:  # a corrected field where the value it replaced was read
        for b in p.boxes_of(field):
            if b.page == page:
                k = (b.x0, b.top, b.x1, b.bottom)
                out.setdefault(k, []).append(field)
                boxes[k] = b
    return [(fields, boxes[k]) for k, fields in out.items()]


def sheet(
    image: PageImage,
    number: int,
    boxes: list[tuple[list[str], Box]],
    unplaced: list[Unplaced],
    anchor_id: str | None = None,
) -> str:
    """One page image with its boxes laid over it, placed in percentages so they follow its
    scaling."""
    marks = [
        box_div(b, image.frame, MARKS[fields[0]], " ".join(fields), "box") for fields, b in boxes
    ]
    marks += [box_div(u.box, image.frame, UNPLACED, "unplaced", "box unplaced") for u in unplaced]
    where = f' id="{anchor_id}"' if anchor_id else ""
    return (
        f'<figure class="page"{where} data-page="{number}"><div class="sheet">'
        f'<img src="{image.uri}" width="{image.width}" height="{image.height}" alt="page {number}">'
        + "".join(marks)
        + f"</div><figcaption>page {number}</figcaption></figure>"
    )


def box_div(
    b: Box, frame: tuple[float, float, float, float], colour: str, fields: str, css: str
) -> str:
    style = f"{placement(b, frame)};border-color:{colour};background:{colour}1f"
    label = escape(" · ".join(FIELDS.get(f) or OTHER_MARKS[f] for f in fields.split()))
    return (
        f'<div class="{css}" data-fields="{escape(fields)}" title="{label}" style="{style}">'
        f'<span style="background:{colour}">{label}</span></div>'
    )


def legend(p: Project) -> str:
    drawn = [f for f in COLOURS if p.provenance.get(f)]
    keys = "".join(f"<li>{swatch(f)}{FIELDS[f]}</li>" for f in drawn)
    return f'<ul class="legend">{keys}<li>{swatch("unplaced")}non placé</li></ul>'


def swatch(field: str) -> str:
    return f'<i class="swatch" style="background:{COLOURS.get(field, UNPLACED)}"></i>'


def values(p: Project) -> str:
    """The values, in the card's reading order, each with the colour of its boxes; a corrected
    one with the value read and the archivist's note."""
    territories = "".join(
        f'<li>{escape(t.name)} <span class="meta">{escape(KINDS[t.kind])}'
        + (f" · {escape(t.acronym)}" if t.acronym else "")
        + "</span>"
        + (f'<br><span class="meta">service : {escape(t.service)}</span>' if t.service else "")
        + "</li>"
        for t in p.territories
    )
    rows = [
        ("medal", escape(MEDALS[p.medal])),
        ("category", escape(p.category)),
        ("title", escape(p.title)),
        ("territories", f"<ul>{territories}</ul>" if territories else NONE),
    ]
    for b in CARD_TEXTS:
        text = getattr(p, b)
        heading = f'<p class="heading">{escape(p.headings[b])}</p>' if b in p.headings else ""
        rows.append((b, heading + (f'<p class="text">{escape(text)}</p>' if text else NONE)))
    fixes: dict[str, Correction] = {c.field: c for c in p.corrections}
    return (
        "<dl>"
        + "".join(
            f'<dt>{swatch(f)}{FIELDS[f]}{corrected(fixes.get(f))}</dt><dd lang="fr">{v}'
            f"{was(fixes.get(f))}</dd>"
            for f, v in rows
        )
        + "</dl>"
    )


def corrected(fix: Correction | None) -> str:
    return ' <span class="badge">corrigé</span>' if fix else ""


def was(fix: Correction | None) -> str:
    """What the pipeline had read, under a corrected value, and why it was corrected."""
    if fix is None:
        return ""
    read = fix.extracted
    read = "\n".join(read) if isinstance(read, list) else read
    note = f'<br><span class="meta">note : {escape(fix.note)}</span>' if fix.note else ""
    return f'<p class="was">lu : <del>{escape(read) if read else "(rien)"}</del>{note}</p>'


def card_warnings(p: Project, warnings: list[Warning]) -> str:
    """The card's own warnings, and those of no card that involve its pages (a listing's order)."""
    mine = [
        w
        for w in warnings
        if w.project_id == p.id or (w.project_id is None and set(w.pages) & set(p.pages))
    ]
    if not mine:
        return '<h3>Avertissements</h3><p class="ok">Aucun avertissement.</p>'
    items = "".join(
        f'<li class="{w.severity}"><code>{escape(w.code)}</code> {escape(w.message)} '
        f'<span class="meta">(pages {page_links(w.pages)})</span></li>'
        for w in mine
    )
    return f'<h3>Avertissements ({len(mine)})</h3><ul class="warnings">{items}</ul>'


def card_unplaced(pages: list[int], unplaced: dict[int, list[Unplaced]]) -> str:
    items = "".join(
        f"<li>page {u.page} : {escape(u.text)} "
        f'<span class="meta">({escape(REASONS.get(u.reason, u.reason))})</span></li>'
        for n in pages
        for u in unplaced.get(n, [])
    )
    return f'<h3>Texte non placé</h3><ul class="unplaced">{items}</ul>' if items else ""


STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  margin:0 auto;padding:1rem 2rem;max-width:1600px;color:#1a202c;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0} h2{font-size:1.25rem;margin:1.4rem 0 .4rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;margin:.3rem 0} th,td{border:1px solid #cbd5e0;padding:.2rem
.5rem;text-align:left;
  vertical-align:top} thead th{background:#edf2f7} .counts td{text-align:right}
tr.warning td:first-child,li.warning code{color:#c53030} tr.info td:first-child,li.info
code{color:#2b6cb0}
.meta,.source,.note{color:#4a5568;font-size:.9em} code{font-size:.9em}
nav ol{columns:2;padding-left:1.6rem}
section.card{border-top:3px solid #2d3748;margin-top:2rem;padding-top:.5rem}
.columns{display:flex;gap:1.5rem;align-items:flex-start}
.pages{flex:0 1 800px;min-width:0} .values{flex:1 1 420px;min-width:0}
figure.page{margin:0 0 1rem} figcaption{color:#4a5568;font-size:.85em}
.sheet{position:relative;display:inline-block;max-width:100%;box-shadow:0 0 0 1px #a0aec0}
.sheet img{display:block;max-width:100%;height:auto}
.box{position:absolute;box-sizing:border-box;border:2px solid}
.box.unplaced{border-style:dashed}
.box span{position:absolute;right:100%;top:-2px;margin-right:2px;padding:0 3px;color:#fff;
  font-size:9px;line-height:13px;white-space:nowrap;border-radius:2px}
.legend{list-style:none;padding:0;margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.2rem
.9rem;font-size:.85em}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em}
dl{margin:0} dt{font-weight:600;margin-top:.6rem} dd{margin:.1rem 0 0 1.2rem}
dd ul{margin:0;padding-left:1.1rem} .text{white-space:pre-wrap;margin:0}
.heading{margin:0;font-size:.8em;color:#4a5568}
.missing{color:#c53030} .ok{color:#2f855a}
.badge{background:#fefcbf;border-radius:3px;padding:0 .3em;font-size:.8em;font-weight:400}
.facts{display:flex;flex-wrap:wrap;gap:0 2.5rem;align-items:flex-start} ul.jury{columns:2}
.was{font-size:.85em;color:#4a5568;white-space:pre-wrap;margin:.2rem 0} nav.steps{font-size:.9em}
@media (max-width:1000px){.columns{display:block}}
@media print{section.card{break-before:page}}
"""
