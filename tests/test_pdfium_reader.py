"""The PDFium reader (the default) gives the same document as pdfplumber's: the same lines,
text and typography, every line's and image's box within `TOLERANCE`, on the samples, the
generated yearbook and drawn designs. On the 2023 sample the engines agree within 0.0005 pt."""

import json

import pytest
from reportlab.lib.pagesizes import A4

from pipeline import Options, convert
from pipeline.outputs.export import dumps
from pipeline.read import pdfium_reader, reader

from .conftest import ROOT
from .layouts import BOLD, GOLD, Sheet, section, unicode_font

SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
TOLERANCE = 0.2  # points: what the engines' boxes may differ by
EDGES = ("x0", "top", "x1", "bottom")


def style(line) -> tuple:
    return (line.text, line.size, line.bold, line.color, line.font, line.rotated, line.small_caps)


def assert_same_document(path) -> None:
    """The same lines (text and typography) and shapes, every box within `TOLERANCE`."""
    plumber, pdfium = reader.read(path), pdfium_reader.read(path)
    assert [p.number for p in plumber] == [p.number for p in pdfium]
    for a, b in zip(plumber, pdfium, strict=True):
        assert (a.width, a.height) == pytest.approx((b.width, b.height), abs=TOLERANCE)
        assert [style(ln) for ln in a.lines] == [style(ln) for ln in b.lines], a.number
        assert [(s.kind, s.fill) for s in a.shapes] == [(s.kind, s.fill) for s in b.shapes]
        assert len(a.images) == len(b.images), a.number
        boxes = zip(
            [*a.lines, *a.images, *(s.box for s in a.shapes)],
            [*b.lines, *b.images, *(s.box for s in b.shapes)],
            strict=True,
        )
        for x, y in boxes:
            far = {e: round(getattr(x, e) - getattr(y, e), 3) for e in EDGES}
            assert all(abs(d) <= TOLERANCE for d in far.values()), (a.number, x, far)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_pdfium_reads_the_same_lines_as_pdfplumber(sample):
    assert_same_document(sample)


def test_the_generated_yearbook(edition_2024):
    assert_same_document(edition_2024[0])


def test_other_designs(tmp_path):
    """Ligature glyphs, bullets of a Unicode font, a medal printed up the margin, a banner."""
    s = Sheet(tmp_path / "designs.pdf")
    section(s, "E-SANTÉ")
    s.page().banner("LABEL BRONZE – E-SANTÉ")
    s.text(30, 400, "BRONZE", BOLD, 14, GOLD, angle=90)
    s.para("Pour le projet « Télésanté »", font=BOLD, size=10.5)
    s.para("Un service ﬁable et eﬃcace, sans ﬂottement, ni eﬀet de bord.", font=unicode_font())
    s.bullet("un premier point de la liste, assez long pour passer à la ligne suivante de la page")
    assert_same_document(s.save())


def read_by_pdfium_alone(path, monkeypatch):
    """PDFium's reading, failing if any page falls back to pdfplumber."""
    with monkeypatch.context() as patch:
        patch.setattr(reader, "read", lambda *a, **k: pytest.fail("fallback"))
        return pdfium_reader.read(path)


def test_a_page_drawn_under_a_scaling_transform(tmp_path, monkeypatch):
    """Some design tools draw a page in their own units under a scaling matrix (the 2023
    brochure: 0.75): the font size PDFium reports leaves that matrix out, pdfminer's does not."""
    s = Sheet(tmp_path / "scaled.pdf", header=None)
    font = unicode_font()  # embedded: PDFium reads the page itself
    s.number = 1

    def draw(canvas=s.canvas):
        canvas.saveState()
        canvas.scale(0.75, 0.75)
        canvas.setFont(font, 24.0)  # short: PDFium keeps glyph widths in whole thousandths of
        canvas.drawString(100, (A4[1] - 100) / 0.75, "Labels 2031")  # an em, reportlab not
        canvas.setFont(font, 11.0)
        canvas.drawString(100, (A4[1] - 160) / 0.75, "L E   R É S E A U")
        canvas.restoreState()

    s.pending.append(draw)
    path = s.save()
    assert_same_document(path)
    [page] = read_by_pdfium_alone(path, monkeypatch)
    assert [ln.size for ln in page.lines] == [18.0, 8.2]
    assert page.lines[1].text == "L E R É S E A U"


def test_pages_pdfium_cannot_read_alike_are_read_by_pdfplumber(tmp_path, monkeypatch):
    """A font the PDF does not embed (Helvetica here): PDFium lays out a substitute's widths."""
    s = Sheet(tmp_path / "fallback.pdf")
    s.page().text(30, 400, "BRONZE", BOLD, 14, GOLD, angle=90)
    s.page().para("Un service fiable, « sans » ﬂottement.", font=unicode_font())
    path = s.save()
    assert_same_document(path)
    with pytest.raises(pytest.fail.Exception):
        read_by_pdfium_alone(path, monkeypatch)
    s = Sheet(tmp_path / "embedded.pdf", header=None)
    s.number = 1
    s.para("Un service fiable, « sans » ﬂottement.", font=unicode_font())
    assert read_by_pdfium_alone(s.save(), monkeypatch)[0].lines[0].text.startswith("Un service")


def boxes_apart(a, b, where: str = "") -> float:
    """The widest gap between two documents' box edges; any other difference fails."""
    if isinstance(a, dict):
        assert set(a) == set(b), where
        gaps = [abs(a[e] - b[e]) for e in EDGES if e in a and isinstance(a[e], float)]
        rest = [boxes_apart(a[k], b[k], f"{where}.{k}") for k in a if k not in EDGES]
        return max(gaps + rest, default=0.0)
    if isinstance(a, list):
        assert len(a) == len(b), where
        return max(
            (boxes_apart(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b))), default=0.0
        )
    assert a == b, where
    return 0.0


def test_pdfium_gives_the_same_document_as_pdfplumber():
    sample = ROOT / "samples" / "annuaire_2023.pdf"
    documents = [
        json.loads(dumps(convert(sample, Options(reader=engine, enrich=False)).document))
        for engine in ("pdfplumber", "pdfium")
    ]
    assert boxes_apart(*documents) <= TOLERANCE
