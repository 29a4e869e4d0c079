"""The HTML review report: one section per card with its page images and boxes, correct escaping,
nothing fetched; and, in headless Chromium, the sample's report as a browser builds and paints
it."""

import base64
import io
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from typing import get_args

import pytest
from PIL import Image, ImageStat

from pipeline.outputs import french, report
from pipeline.outputs.models import Box, PageKind, Unplaced
from pipeline.vocabulary import MEDALS, TERRITORY_KINDS, EntityLabel, Severity

from .conftest import PASS_TITLE, SAMPLE
from .yearbook import BAND


class Cards(HTMLParser):
    """What a reader checks of the report: per card section its id, title, images, boxes and text;
    and every element's attributes, to see that nothing points outside the file."""

    def __init__(self, html: str):
        super().__init__()
        self.cards, self.attrs, self.card, self.in_h2 = [], [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs.append((tag, a))
        classes = (a.get("class") or "").split()
        if tag == "section" and "card" in classes:
            self.card = {
                "id": a["data-project"],
                "title": "",
                "images": [],
                "boxes": [],
                "text": "",
            }
            self.cards.append(self.card)
        elif self.card is None:
            return
        elif tag == "img":
            self.card["images"].append(a["src"])
        elif tag == "div" and "box" in classes:
            self.card["boxes"].append(
                {
                    "fields": a["data-fields"].split(),
                    "style": a["style"],
                    "unplaced": "unplaced" in classes,
                }
            )
        self.in_h2 = tag == "h2"

    def handle_endtag(self, tag):
        if tag == "section":
            self.card = None
        self.in_h2 = False

    def handle_data(self, data):
        if self.card is not None:
            self.card["text"] += data
            if self.in_h2:
                self.card["title"] += data


def picture(uri: str) -> Image.Image:
    head, data = uri.split(",", 1)
    assert head == "data:image/jpeg;base64"
    img = Image.open(io.BytesIO(base64.b64decode(data)))
    img.load()
    return img


def crop(img: Image.Image, style: str) -> Image.Image:
    """The part of the page image a box covers, from its percentages."""
    pct = {k: float(v) / 100 for k, v in re.findall(r"(left|top|width|height):([\d.-]+)%", style)}
    w, h = img.size
    return img.crop(
        (
            round(pct["left"] * w),
            round(pct["top"] * h),
            round((pct["left"] + pct["width"]) * w),
            round((pct["top"] + pct["height"]) * h),
        )
    )


def distinct_boxes(p, page=None) -> int:
    return len(
        {
            (b.page, b.x0, b.top, b.x1, b.bottom)
            for bs in p.provenance.values()
            for b in bs
            if page is None or b.page == page
        }
    )


@pytest.fixture(scope="module")
def generated(edition_2024):
    pdf, doc = edition_2024
    return doc, report.html(doc, pdf)


def test_one_section_per_card_with_its_pages_and_boxes(generated):
    doc, html = generated
    cards = Cards(html).cards
    assert [c["id"] for c in cards] == [p.id for p in doc.projects]
    for card, p in zip(cards, doc.projects):
        assert len(card["images"]) == len(p.pages)  # the second card runs over two pages
        for uri in card["images"]:
            w, h = picture(uri).size
            assert abs(w / h - 595.28 / 841.89) < 0.01  # an A4 page, whole
        assert len(card["boxes"]) == distinct_boxes(p)
        assert {f for b in card["boxes"] for f in b["fields"]} == set(p.provenance)
    assert [len(c["images"]) for c in cards] == [1, 2]


def test_boxes_sit_where_the_values_were_read(generated):
    doc, html = generated
    card = Cards(html).cards[0]
    page = picture(card["images"][0]).convert("RGB")
    banner = next(b for b in card["boxes"] if b["fields"] == ["medal", "category"])
    middle = ImageStat.Stat(crop(page, banner["style"])).median
    assert all(abs(m - 255 * c) < 12 for m, c in zip(middle, BAND))  # on the coloured banner
    for field in ("title", "territories", "summary", "innovation"):
        box = next(b for b in card["boxes"] if field in b["fields"])
        ink = sum(crop(page, box["style"]).convert("L").histogram()[:100])
        assert ink > 50, field  # over printed text, not over the blank margin


def test_text_is_escaped_not_markup(generated):
    doc, html = generated
    parsed = Cards(html)
    assert parsed.cards[0]["title"] == PASS_TITLE
    assert "<Code>" not in html and "&lt;Code&gt; &quot;Jeunes&quot;" in html
    assert (
        "- un portail où les familles suivent les séances & les paiements"
        in parsed.cards[0]["text"]
    )


def test_nothing_is_fetched(generated):
    _, html = generated
    tags = Cards(html).attrs
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "embed")]
    assert all(a["src"].startswith("data:image/") for t, a in tags if "src" in a)
    assert all(a["href"].startswith("#") for t, a in tags if "href" in a)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_summary_warnings_and_card_warnings(generated):
    doc, html = generated
    counts = re.search(r'<table class="counts">.*?</table>', html, re.S).group()
    assert re.search(
        r"<th>Territoire inclusif</th><td>1</td><td>0</td><td>0</td><td>1</td>", counts
    )
    assert re.search(r"<th>E-santé</th><td>0</td><td>0</td><td>1</td><td>1</td>", counts)
    assert re.search(r"<th>total</th><td>1</td><td>0</td><td>1</td><td>2</td>", counts)
    assert (
        "<h2>Avertissements (1)</h2>" in html
        and "Toutes les pages sont entièrement couvertes ; aucun texte non placé." in html
    )
    first, second = Cards(html).cards
    assert "block_missing" in second["text"] and "no 'apports' block" in second["text"]
    assert "Aucun avertissement." in first["text"]


def test_unplaced_text_is_listed_and_boxed(edition_2024):
    pdf, doc = edition_2024
    stray = Unplaced(
        page=4,
        text="Crédit photo : <Mairie> & partenaires",
        reason="card_header",
        box=Box(page=4, x0=400, top=100, x1=538, bottom=110),
    )
    html = report.html(doc.model_copy(update={"unplaced": [stray]}), pdf)
    listed = re.search(r'<section id="unplaced">.*?</section>', html, re.S).group()
    assert (
        '<td><a href="#page-4">4</a></td>' in listed
        and "Crédit photo : &lt;Mairie&gt; &amp; partenaires (au-dessus de la ligne "
        "d&#x27;attribution)"
        in listed
    )
    first, second = Cards(html).cards
    assert [b["fields"] for b in first["boxes"] if b["unplaced"]] == [["unplaced"]]
    assert not any(b["unplaced"] for b in second["boxes"])


# --- in a real browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(
        prefix="chromium-profile-", dir=tmp_path
    )  # a new empty one each time
    r = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r


@pytest.fixture(scope="module")
def sample_report(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "annuaire_2023.html"
    path.write_text(report.html(sample, SAMPLE), encoding="utf-8")
    return path


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium); CI installs it and runs this",
)
def test_chromium_builds_every_card_and_paints_the_page(sample, sample_report, tmp_path):
    assert CHROMIUM, "CI must have chromium: .ci/run installs it"
    dom = Cards(chromium(tmp_path, "--dump-dom", sample_report.as_uri()).stdout)
    assert [c["id"] for c in dom.cards] == [p.id for p in sample.projects]
    for card, p in zip(dom.cards, sample.projects):
        assert len(card["images"]) == len(p.pages)
        assert all(picture(uri).size == (794, 1123) for uri in card["images"])  # 96 dpi A4
        assert len(card["boxes"]) == distinct_boxes(p)

    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1280,2600", f"--screenshot={shot}", sample_report.as_uri())
    img = Image.open(shot).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20)
    assert len(colours) > 1000  # text, tables and a page image, not a blank page
    white = max(n for n, c in colours if c == (255, 255, 255))
    assert white < 0.9 * img.width * img.height
    drawn = {
        f
        for f, hex_ in report.COLOURS.items()
        if sum(n for n, c in colours if c == tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5)))
        > 200
    }
    assert drawn == set(
        report.COLOURS
    )  # the first card's boxes (and swatches) are painted in their colours


# --- what the report shows beyond the cards --------------------------------------------------


def figures(html: str) -> dict[str, int]:
    """id → number of images of each element with an id page-<n> (a page of the report)."""
    parsed = Cards(html)
    out, current = {}, None
    for tag, a in parsed.attrs:
        if tag == "figure":
            current = a.get("id")
            if current:
                out[current] = 0
        elif tag == "img" and current:
            out[current] += 1
    return out


def test_every_page_a_warning_points_to_is_shown(sample, sample_report):
    html = sample_report.read_text(encoding="utf-8")
    shown = figures(html)
    pages = sorted({n for w in sample.warnings for n in w.pages})
    assert len(sample.warnings) == 6 and pages == [6, 8, 9, 10, 12, 13, 14, 15, 16]
    for n in pages:
        assert shown.get(f"page-{n}") == 1, n
        assert f'<a href="#page-{n}">{n}</a>' in html
    # the listing pages too, with their entries boxed and linked to their cards
    for category in sample.categories:
        assert shown.get(f"page-{category.page}") == 1
    listing = re.search(r'<section class="page-read" data-page="13">.*?</section>', html, re.S)
    assert listing.group().count('data-fields="listed"') == 3
    assert listing.group().count('href="#card-') == 3


def test_edition_enrichment_and_navigation(sample, sample_report):
    html = sample_report.read_text(encoding="utf-8")
    edition = re.search(r'<section id="edition">.*?</section>', html, re.S).group()
    assert "<h3>Jury (19)</h3>" in edition and "<td>58</td>" in edition
    assert "31 novembre 2023" in edition and 'lang="fr"' in html
    cards = re.findall(r'<section class="card".*?</section>', html, re.S)
    assert all("<h3>Enrichissement</h3>" in c and 'href="#haut"' in c for c in cards)
    ids = [p.id for p in sample.projects]
    for i, card in enumerate(cards):
        after = re.search(r'href="#card-([^"]+)" rel="next"', card)
        assert (after.group(1) if after else None) == (ids[i + 1] if i + 1 < len(ids) else None)


def test_corrections_and_checked_marks_are_shown(edition_2024, tmp_path):
    from pipeline.conversion import convert
    from pipeline.options import Options

    pdf, doc = edition_2024
    record = doc.projects[1]
    (tmp_path / f"{pdf.stem}.corrections.toml").write_text(
        f'[[fix]]\nproject = "{record.id}"\nfield = "apports"\nvalue = "Repris du dossier."\n'
        f'note = "bloc absent"\n\n[[checked]]\nproject = "{record.id}"\n',
        encoding="utf-8",
    )
    fixed = convert(
        pdf, Options(enrich=False, corrections=str(tmp_path / "{name}.corrections.toml"))
    ).document
    html = report.html(fixed, pdf)
    first, second = Cards(html).cards
    assert "corrigé" in second["text"] and "lu : (rien)" in second["text"]
    assert "note : bloc absent" in second["text"] and "vérifiée" in second["text"]
    assert "corrigé" not in first["text"] and "vérifiée" not in first["text"]
    assert "1 vérifiée(s), 1 corrigée(s)" in html


def test_every_kind_the_output_names_has_its_french_words():
    """The report and the review app name pages, territories, entities, medals and severities in
    French: a kind the stages gain (the palmarès page) must gain its words, or a page fails."""
    assert set(french.PAGE_KINDS) == set(get_args(PageKind))
    assert set(french.KINDS) == set(TERRITORY_KINDS)
    assert set(french.ENTITIES) == set(get_args(EntityLabel))
    assert set(french.MEDALS) == {*MEDALS, None}
    assert set(french.SEVERITIES) == set(get_args(Severity))
