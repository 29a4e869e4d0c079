"""The review report: one self-contained HTML page to check every card against its page.

Per card, the pages it was read from are rendered to JPEG (pdfplumber over pypdfium2)
and embedded as data URIs, with a coloured box over each place a field was read
(from the provenance) and a dashed one over text no stage placed; beside them, the
values as extracted and the card's warnings. At the top: projects by category and
medal, every warning, and the pages with low coverage or unplaced text. Nothing is fetched (no
script, stylesheet, font or remote image), so the file opens offline in any browser.
"""

from __future__ import annotations

import base64
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import InputError
from ..thresholds import DEFAULTS
from ..vocabulary import CARD_TEXTS, MEDALS
from .models import Annuaire, Box, Project, Unplaced, Warning

RESOLUTION = 96  # dots per inch of the page images: body text stays readable at ~100 kB a page
QUALITY = 70  # JPEG quality
PAD = 3.0  # points around a box: pdfminer's glyph boxes sit a little above the inked letters
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


@dataclass(frozen=True)
class PageImage:
    """A rendered page: its data URI, its size in pixels, and the part of the page it shows
    in pdfplumber coordinates (x0, top, x1, bottom), against which boxes are placed."""

    uri: str
    width: int
    height: int
    frame: tuple[float, float, float, float]


def html(doc: Annuaire, pdf: Path, password: str | None = None) -> str:
    """The whole report for a converted document and the PDF it came from."""
    images = render_pages(pdf, sorted({n for p in doc.projects for n in card_pages(p)}), password)
    unplaced = defaultdict(list)
    for u in doc.unplaced:
        unplaced[u.page].append(u)
    title = f"Review of {doc.source.file_name}" + (
        f" — edition {doc.edition.year}" if doc.edition.year else ""
    )
    body = [
        f"<header><h1>{escape(title)}</h1>{source_line(doc)}</header>",
        summary(doc),
        warnings_table(doc),
        unplaced_table(doc, unplaced),
        contents(doc.projects),
    ]
    body += [card_section(p, doc, images, unplaced) for p in doc.projects]
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def card_pages(p: Project) -> list[int]:
    return sorted(set(p.pages) | {b.page for boxes in p.provenance.values() for b in boxes})


def render_pages(pdf: Path, numbers: list[int], password: str | None) -> dict[int, PageImage]:
    """Page number → JPEG image, rendered by pdfplumber so that its frame is pdfplumber's."""
    out = {}
    try:
        with pdfplumber.open(pdf, password=password or "") as doc:
            for n in numbers:
                page = doc.pages[n - 1]
                shot = page.to_image(resolution=RESOLUTION, antialias=True)
                buf = io.BytesIO()
                shot.original.convert("RGB").save(buf, "JPEG", quality=QUALITY, optimize=True)
                uri = "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
                x0, top, x1, bottom = (float(v) for v in shot.bbox)
                out[n] = PageImage(uri, *shot.original.size, (x0, top, x1, bottom))
                page.close()
    except (MalformedPDFException, PdfminerException) as e:
        raise InputError(f"{pdf.name}: the pages cannot be rendered for the report ({e})") from None
    return out


def source_line(doc: Annuaire) -> str:
    s = doc.source
    return (
        f'<p class="source">{s.page_count} pages · profile {escape(doc.profile)} · '
        f"{len(doc.projects)} projects · {len(doc.warnings)} warnings · {len(doc.unplaced)} "
        f"unplaced lines · "
        f"sha256 <code>{escape(s.sha256)}</code></p>"
    )


def summary(doc: Annuaire) -> str:
    """Projects by category (in the yearbook's order) and medal, with totals."""
    counts = Counter((p.category, p.medal) for p in doc.projects)
    names = list(
        dict.fromkeys([c.name for c in doc.categories] + [p.category for p in doc.projects])
    )
    medals = list(MEDALS) + ([None] if any(m is None for _, m in counts) else [])
    head = "".join(f"<th>{escape(m or 'no medal')}</th>" for m in medals)
    rows = []
    for name in names:
        cells = "".join(f"<td>{counts[name, m]}</td>" for m in medals)
        total = sum(counts[name, m] for m in medals)
        rows.append(f"<tr><th>{escape(name)}</th>{cells}<td>{total}</td></tr>")
    totals = "".join(f"<td>{sum(counts[n, m] for n in names)}</td>" for m in medals)
    return (
        f'<section id="summary"><h2>Projects by category and medal</h2>\n<table class="counts">'
        f"<thead><tr><th>category</th>{head}<th>total</th></tr></thead>\n<tbody>{''.join(rows)}</tbody>\n"
        f"<tfoot><tr><th>total</th>{totals}<td>{len(doc.projects)}</td></tr></tfoot></table></section>"
    )


def warnings_table(doc: Annuaire) -> str:
    warnings = doc.warnings
    if not warnings:
        return '<section id="warnings"><h2>Warnings</h2><p>No warning.</p></section>'
    titles = {p.id: p.title for p in doc.projects}
    rows = "".join(
        f'<tr class="{w.severity}"><td>{w.severity}</td><td><code>{escape(w.code)}</code></td>'
        f"<td>{escape(w.message)}</td><td>{', '.join(map(str, w.pages))}</td>"
        f"<td>{card_link(w.project_id, titles.get(w.project_id)) if w.project_id else ''}</td></tr>"
        for w in warnings
    )
    return (
        f'<section id="warnings"><h2>Warnings ({len(warnings)})</h2>\n<table>'
        f"<thead><tr><th>severity</th><th>code</th><th>message</th><th>pages</th><th>card</th></tr></thead>"
        f"\n<tbody>{rows}</tbody></table></section>"
    )


def unplaced_table(doc: Annuaire, unplaced: dict[int, list[Unplaced]]) -> str:
    """Pages where text went into no field, or with a low coverage: the lines to read on the page by
    hand."""
    info = {pg.number: pg for pg in doc.pages}
    low = {
        pg.number
        for pg in doc.pages
        if pg.coverage is not None and pg.coverage < DEFAULTS.low_coverage
    }
    head = (
        '<section id="unplaced"><h2>Pages with low coverage or unplaced text</h2>\n<p '
        'class="note">Coverage: '
        f"the share of a page's text that went into a field; below {DEFAULTS.low_coverage:.0%} the "
        f"page is listed, "
        "as is any page with text that no stage assigned to a field.</p>"
    )
    pages = sorted(set(unplaced) | low)
    if not pages:
        return head + "<p>Every page is fully covered; no page has unplaced text.</p></section>"

    def coverage(n: int) -> str:
        c = info[n].coverage if n in info else None
        return "" if c is None else f"{c:.0%}"

    rows = "".join(
        f"<tr><td>{n}</td><td>{escape(info[n].label or '') if n in info else ''}</td>"
        f"<td>{escape(info[n].kind) if n in info else ''}</td><td>{coverage(n)}</td>"
        f"<td>{len(unplaced.get(n, []))}</td>"
        f"<td>{'<br>'.join(escape(f'{u.text} ({u.reason})') for u in unplaced.get(n, []))}"
        "</td></tr>"
        for n in pages
    )
    return (
        head + "<table><thead><tr><th>page</th><th>printed</th><th>kind</th><th>coverage</th>"
        f"<th>lines</th><th>text</th></tr></thead>\n<tbody>{rows}</tbody></table></section>"
    )


def contents(projects: list[Project]) -> str:
    items = "".join(
        f'<li>{card_link(p.id, p.title)} <span class="meta">{escape(p.category)} · '
        f"{escape(p.medal or 'no medal')} · page {p.pages[0]}</span></li>"
        for p in projects
    )
    return f'<nav id="cards"><h2>Cards ({len(projects)})</h2><ol>{items}</ol></nav>'


def card_link(project_id: str, text: str | None = None) -> str:
    return f'<a href="#card-{escape(project_id)}">{escape(text or project_id)}</a>'


def card_section(
    p: Project, doc: Annuaire, images: dict[int, PageImage], unplaced: dict[int, list[Unplaced]]
) -> str:
    pages = card_pages(p)
    sheets = "\n".join(sheet(images[n], n, page_boxes(p, n), unplaced.get(n, [])) for n in pages)
    printed = ", ".join(
        f"{n} (printed {label})" if label else str(n) for n, label in zip(p.pages, p.page_labels)
    )
    return (
        f'<section class="card" id="card-{escape(p.id)}" data-project="{escape(p.id)}">\n'
        f'<h2>{escape(p.title)}</h2>\n<p class="meta"><code>{escape(p.id)}</code> · '
        f"page{'s' if len(p.pages) > 1 else ''} {escape(printed)}</p>\n"
        f'<div class="columns"><div class="pages">{legend(p)}\n{sheets}</div>\n'
        f'<div class="values">{values(p)}\n{card_warnings(p, doc.warnings)}'
        f"{card_unplaced(pages, unplaced)}</div></div>\n</section>"
    )


def page_boxes(p: Project, page: int) -> list[tuple[list[str], Box]]:
    """The boxes of the card on one page, fields read from the same box drawn as one."""
    out: dict[tuple, list[str]] = {}
    boxes: dict[tuple, Box] = {}
    for field, bs in p.provenance.items():
        for b in bs:
            if b.page == page:
                k = (b.x0, b.top, b.x1, b.bottom)
                out.setdefault(k, []).append(field)
                boxes[k] = b
    return [(fields, boxes[k]) for k, fields in out.items()]


def sheet(
    image: PageImage, number: int, boxes: list[tuple[list[str], Box]], unplaced: list[Unplaced]
) -> str:
    """One page image with its boxes laid over it, placed in percentages so they follow its
    scaling."""
    marks = [
        box_div(b, image.frame, COLOURS.get(fields[0], UNPLACED), " ".join(fields), "box")
        for fields, b in boxes
    ]
    marks += [box_div(u.box, image.frame, UNPLACED, "unplaced", "box unplaced") for u in unplaced]
    return (
        f'<figure class="page" data-page="{number}"><div class="sheet">'
        f'<img src="{image.uri}" width="{image.width}" height="{image.height}" alt="page {number}">'
        + "".join(marks)
        + f"</div><figcaption>page {number}</figcaption></figure>"
    )


def box_div(
    b: Box, frame: tuple[float, float, float, float], colour: str, fields: str, css: str
) -> str:
    x0, top, x1, bottom = frame
    w, h = x1 - x0, bottom - top
    style = (
        f"left:{(b.x0 - PAD - x0) / w:.3%};top:{(b.top - PAD - top) / h:.3%};"
        f"width:{(b.x1 - b.x0 + 2 * PAD) / w:.3%};height:{(b.bottom - b.top + 2 * PAD) / h:.3%};"
        f"border-color:{colour};background:{colour}1f"
    )
    fields = escape(fields)
    return (
        f'<div class="{css}" data-fields="{fields}" title="{fields}" style="{style}">'
        f'<span style="background:{colour}">{fields.replace(" ", " · ")}</span></div>'
    )


def legend(p: Project) -> str:
    drawn = [f for f in COLOURS if p.provenance.get(f)]
    keys = "".join(f"<li>{swatch(f)}{f}</li>" for f in drawn)
    return f'<ul class="legend">{keys}<li>{swatch("unplaced")}unplaced</li></ul>'


def swatch(field: str) -> str:
    return f'<i class="swatch" style="background:{COLOURS.get(field, UNPLACED)}"></i>'


def values(p: Project) -> str:
    """The extracted values, in the card's reading order, each with the colour of its boxes."""
    territories = "".join(
        f'<li>{escape(t.name)} <span class="meta">{escape(t.kind)}'
        + (f" · {escape(t.acronym)}" if t.acronym else "")
        + "</span>"
        + (f'<br><span class="meta">service: {escape(t.service)}</span>' if t.service else "")
        + "</li>"
        for t in p.territories
    )
    rows = [
        ("medal", escape(p.medal or "none")),
        ("category", escape(p.category)),
        ("title", escape(p.title)),
        (
            "territories",
            f"<ul>{territories}</ul>" if territories else '<em class="missing">none</em>',
        ),
    ]
    for b in CARD_TEXTS:
        text = getattr(p, b)
        heading = f'<p class="heading">{escape(p.headings[b])}</p>' if b in p.headings else ""
        rows.append(
            (
                b,
                heading
                + (
                    f'<p class="text">{escape(text)}</p>'
                    if text
                    else '<em class="missing">none</em>'
                ),
            )
        )
    return (
        "<dl>"
        + "".join(f'<dt>{swatch(f)}{f}</dt><dd lang="fr">{v}</dd>' for f, v in rows)
        + "</dl>"
    )


def card_warnings(p: Project, warnings: list[Warning]) -> str:
    """The card's own warnings, and those of no card that involve its pages (a listing's order)."""
    mine = [
        w
        for w in warnings
        if w.project_id == p.id or (w.project_id is None and set(w.pages) & set(p.pages))
    ]
    if not mine:
        return '<h3>Warnings</h3><p class="ok">No warning.</p>'
    items = "".join(
        f'<li class="{w.severity}"><code>{escape(w.code)}</code> {escape(w.message)}</li>'
        for w in mine
    )
    return f'<h3>Warnings ({len(mine)})</h3><ul class="warnings">{items}</ul>'


def card_unplaced(pages: list[int], unplaced: dict[int, list[Unplaced]]) -> str:
    items = "".join(
        f'<li>page {u.page}: {escape(u.text)} <span class="meta">({escape(u.reason)})</span></li>'
        for n in pages
        for u in unplaced.get(n, [])
    )
    return f'<h3>Unplaced text</h3><ul class="unplaced">{items}</ul>' if items else ""


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
@media (max-width:1000px){.columns{display:block}}
@media print{section.card{break-before:page}}
"""
