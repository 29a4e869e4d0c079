"""OCR fallback: text-layer detection, confidences, OCR-damaged wording, and scans end to end."""

import json
import os
import shutil

import pytest

from pipeline.conversion import convert
from pipeline.elements import Rect
from pipeline.errors import InputError
from pipeline.options import Options
from pipeline.read import ocr
from pipeline.stages import card
from pipeline.stages.segment import CardSpan

from .conftest import ROOT, line, page
from .scoring import figures
from .yearbook import Block, Card, Category, Item, Yearbook, build

SCAN = ROOT / "samples" / "annuaire_2023_scan.pdf"
SCAN_GOLD = ROOT / "samples" / "annuaire_2023_scan.gold.json"
HAVE_OCR = shutil.which("tesseract") is not None
needs_ocr = pytest.mark.skipif(
    not HAVE_OCR and not os.environ.get("CI"),
    reason="Tesseract is not installed (CI installs it and runs these)",
)
FULL_PAGE = Rect(1, 0, 0, 595, 842)


def test_a_page_is_usable_with_enough_real_text():
    text = [line("Le projet rassemble les démarches en un seul lieu pour les usagers.", 100)]
    assert ocr.usable(page(1, text))
    assert not ocr.usable(page(1, [line("12", 100)]))
    assert not ocr.usable(
        page(1, [line("(cid:12)(cid:34)(cid:56)(cid:78)(cid:90)(cid:11)(cid:22)", 100)])
    )


def test_which_pages_need_ocr():
    scan = page(1, [], images=[FULL_PAGE])
    text = page(
        2,
        [line("Une page avec une vraie couche de texte, longue et lisible.", 100)],
        images=[FULL_PAGE],
    )
    blank = page(3, [])
    assert ocr.needing([scan, text, blank], "auto") == [1]
    assert ocr.needing([scan, text, blank], "always") == [1, 2, 3]
    assert ocr.needing([scan, text, blank], "never") == []


def test_confidences_are_read_from_the_hocr(tmp_path):
    (tmp_path / "ocrmypdf.io.x").mkdir()
    (tmp_path / "ocrmypdf.io.x" / "000003_ocr_hocr.hocr").write_text(
        "<span class='ocrx_word' title='bbox 1 2 3 4; x_wconf 90'>Label</span>"
        "<span class='ocrx_word' title='bbox 1 2 3 4; x_wconf 70'>d'or</span>",
        encoding="utf-8",
    )
    assert ocr.page_confidences(tmp_path) == {3: 80.0}


def test_missing_tesseract_is_a_clear_input_error(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr tesseract-ocr-fra"):
        ocr.complete(SCAN, [page(1, [], images=[FULL_PAGE])], "auto")


def test_ocr_damaged_card_without_fonts(profile):
    """OCR lines: no weight, no colour, sizes that wander; "0R", "<<", lost accents, a mangled
    heading."""

    def ocr_line(text, top, size=8.3, x0=57.0):
        return line(text, top, x0=x0, size=size, color="")

    lines = [
        ocr_line("LABEL 0R - E-SANTE", 75, 10.8),
        ocr_line("Label d'or attribue a la Ville de Pau Pour le projet << Tele-sante", 152, 9.7),
        ocr_line("a domicile >>", 166, 8.3),
        ocr_line("Une cabine connectee dans chaque canton du departement et des", 187),
        ocr_line("medecins disponibles.", 200.6),
        ocr_line("INNOVATION DU PROJET:", 225, 7.6),
        ocr_line("Une premiere en France.", 241),
        ocr_line("LE PROJET A-T-IL PERMIS DE REONDRAE UNE PROBLEMATIQUE DU TERRITOIRE ?", 265, 7.9),
        ocr_line("+ Des deserts medicaux", 281, x0=66),
        ocr_line("* Moins de trajets", 296, x0=66),
        ocr_line("LES APPORTS DU PROJET :", 320, 7.2),
        ocr_line("300 consultations.", 336),
    ]
    c = card.parse(CardSpan(lines, None), profile, pitch=13.6)
    assert (c.medal, c.category_raw, c.title) == ("or", "E-SANTE", "Tele-sante a domicile")
    assert [(t.name, t.kind) for t in c.territories] == [("Ville de Pau", "commune")]
    assert (
        c.summary
        == "Une cabine connectee dans chaque canton du departement et des medecins disponibles."
    )
    assert c.blocks == {
        "innovation": "Une premiere en France.",
        "problematique": "- Des deserts medicaux\n- Moins de trajets",
        "apports": "300 consultations.",
    }


def test_ocr_never_on_a_scan_says_so():
    with pytest.raises(InputError, match="OCR is off"):
        convert(SCAN, Options(ocr="never"))


@needs_ocr
def test_scanned_sample_against_its_gold():
    doc = convert(SCAN).document
    gold = json.loads(SCAN_GOLD.read_text(encoding="utf-8"))
    f = figures(doc, gold)
    assert f["card_precision"] == f["card_recall"] == 1.0
    assert min(f["medal"], f["category"], f["title"]) >= 0.95
    assert min(f["territory_precision"], f["territory_recall"]) >= 0.9
    assert f["block_similarity"] >= 0.93
    assert all(p.ocr and 50 <= p.ocr_confidence <= 100 for p in doc.projects)
    assert all(pg.ocr for pg in doc.pages)
    noise = [n.lower() for n in gold["noise"]]
    assert not [n for p in doc.projects for n in noise if n in (p.innovation or "").lower()]


def rasterize(pdf, target, dpi=200, skew=0.0):
    """An image-only copy of a PDF, as a scanner would make it (turned by `skew` degrees)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    images = [
        doc[i].render(scale=dpi / 72).to_pil().convert("L").rotate(skew, fillcolor=255)
        for i in range(len(doc))
    ]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return target


@needs_ocr
def test_a_scan_made_by_the_tests(tmp_path):
    body = (
        "Le service numérique permet aux habitants de signaler un problème de voirie en "
        "quelques secondes."
    )
    cards = [
        Card(
            "or",
            "la Ville de Pau",
            "Voirie en direct",
            [body],
            [
                Block("INNOVATION DU PROJET :", [body]),
                Block(
                    "PROBLÉMATIQUE DU TERRITOIRE :",
                    [Item("Des délais trop longs"), Item("Des appels perdus")],
                ),
                Block("LES APPORTS DU PROJET :", [body]),
            ],
        ),
        Card(
            "argent",
            "la Communauté urbaine de Dunkerque",
            "Bus connectés",
            [body],
            [Block("INNOVATION DU PROJET :", [body]), Block("LES APPORTS DU PROJET :", [body])],
        ),
    ]
    spec = Yearbook(2016, [Category("TERRITOIRE INTELLIGENT", cards)], toc=False)
    scan = rasterize(build(tmp_path / "native.pdf", spec), tmp_path / "scan.pdf")
    doc = convert(scan).document
    assert [(p.title, p.medal) for p in doc.projects] == [
        ("Voirie en direct", "or"),
        ("Bus connectés", "argent"),
    ]
    assert [[t.kind for t in p.territories] for p in doc.projects] == [
        ["commune"],
        ["communaute_urbaine"],
    ]
    assert doc.projects[0].problematique == "- Des délais trop longs\n- Des appels perdus"
    assert doc.projects[1].problematique is None
    assert all(p.ocr for p in doc.projects)


@needs_ocr
def test_the_report_draws_a_scans_boxes_on_its_deskewed_copy(tmp_path):
    """OCRmyPDF deskews the pages it reads: the boxes are in the coordinates of its copy, so
    the report (and the review app) show the copy's pages, not the skewed original."""
    from pipeline.outputs import images, report

    from .test_report import Cards

    text = "Les habitants signalent un problème de voirie en quelques secondes."
    blocks = [Block("INNOVATION DU PROJET :", [text]), Block("LES APPORTS DU PROJET :", [text])]
    spec = Yearbook(
        2016,
        [Category("E-SANTÉ", [Card("or", "la Ville de Pau", "Voirie", [text], blocks)])],
        toc=False,
    )
    scan = rasterize(build(tmp_path / "native.pdf", spec), tmp_path / "scan.pdf", skew=2.0)
    doc = convert(scan, Options(enrich=False, ocr_copies=str(tmp_path))).document
    copy = ocr.copy_of(str(tmp_path), scan)
    number = doc.projects[0].pages[0]
    shown = Cards(report.html(doc, scan, scan=copy)).cards[0]["images"]
    assert shown == [images.render(copy, [number], report.RESOLUTION)[number].uri]
    assert shown != [images.render(scan, [number], report.RESOLUTION)[number].uri]
