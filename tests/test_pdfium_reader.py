"""The PDFium reader gives the same document as pdfplumber's, boxes within a fraction of a point.

Measured on the 2023 sample: 1082 of its 1084 lines have every edge within 0.2 pt; the two
others end on an "f", whose overhang PDFium counts in the glyph's box (0.44 pt).
"""

import json

import pytest

from pipeline import Options, convert
from pipeline.outputs.export import dumps
from pipeline.read import pdfium_reader, reader

from .conftest import ROOT

SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
CLOSE = 0.2  # points: the edges of nearly every box agree this closely…
NEAR = 0.5  # …and of every box this closely
EDGES = ("x0", "top", "x1", "bottom")


def style(line) -> tuple:
    return (line.text, line.size, line.bold, line.color, line.font, line.rotated, line.small_caps)


def edge_gaps(pages_a, pages_b) -> list[float]:
    """Every difference between the edges of the two readings' lines and shapes (same lines and
    shapes asserted)."""
    gaps = []
    assert [p.number for p in pages_a] == [p.number for p in pages_b]
    for page_a, page_b in zip(pages_a, pages_b):
        styles_a = [style(ln) for ln in page_a.lines]
        styles_b = [style(ln) for ln in page_b.lines]
        assert styles_a == styles_b, f"page {page_a.number}"
        assert [(s.kind, s.fill) for s in page_a.shapes] == [
            (s.kind, s.fill) for s in page_b.shapes
        ]
        for shape_a, shape_b in zip(page_a.shapes, page_b.shapes, strict=True):
            gaps += [abs(getattr(shape_a.box, e) - getattr(shape_b.box, e)) for e in EDGES]
        for line_a, line_b in zip(page_a.lines, page_b.lines):
            gaps += [abs(getattr(line_a, e) - getattr(line_b, e)) for e in EDGES]
    return gaps


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_pdfium_reads_the_same_lines_as_pdfplumber(sample):
    gaps = edge_gaps(reader.read(sample), pdfium_reader.read(sample))
    assert all(gap <= NEAR for gap in gaps)
    assert sum(gap <= CLOSE for gap in gaps) >= 0.99 * len(gaps)


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
    assert boxes_apart(*documents) <= NEAR
