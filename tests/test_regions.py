"""Regions before lines: sidebars, columns, boxes and slide text boxes are read one at a time."""

import pytest

from pipeline.conversion import convert
from pipeline.read import pdfium_reader, reader
from pipeline.stages import furniture, layout

from .layouts import BOLD, GOLD, INK, LEFT, NAVY, REG, Sheet, section, standard_card

TINT = (0.86, 0.91, 0.96)
MAIN = [f"Ligne {i} du texte principal, qui court sur toute la colonne." for i in range(6)]
SIDE = ["Médaille", "Or", "Ville de Pau", "Ville de Dax"]


def read(path, engine=reader):
    """The pages as layout leaves them: lines in reading order, each with its region."""
    pages, _ = furniture.strip(engine.read(path))
    return layout.order(pages)


def texts(page):
    """The page's lines but the footer each sheet prints (one page makes no running footer)."""
    return [ln.text for ln in page.lines if ln.top < 800]


def region_of(page, text):
    return next(ln.region for ln in page.lines if ln.text == text)


def contiguous(page, wanted):
    """The wanted lines follow each other, in the given order, and share one region."""
    found = texts(page)
    start = found.index(wanted[0])
    return (
        found[start : start + len(wanted)] == wanted
        and len({region_of(page, t) for t in wanted}) == 1
    )


def sidebar_page(path, side_x0, side_x1, main_x0):
    s = Sheet(path, header=None)
    s.page()
    s.rect(side_x0, 120, side_x1, 300, TINT)
    for i, text in enumerate(SIDE):  # the sidebar's lines share the main column's baselines…
        s.text(side_x0 + 6, 140 + 14 * i + 30 * (i >= 2), text, BOLD if i < 2 else REG, 10, NAVY)
    #                   …but for a wide white band before the territories
    for i, text in enumerate(MAIN):
        s.text(main_x0, 140 + 14 * i + 30 * (i >= 2), text, REG, 10)
    return s.save()


@pytest.mark.parametrize("where", ["left", "right"])
def test_a_tinted_sidebar_is_a_region_of_its_own(tmp_path, where):
    sides = {"left": (40, 150, 170), "right": (445, 555, LEFT)}
    [page] = read(sidebar_page(tmp_path / f"{where}.pdf", *sides[where]))
    first, second = (SIDE, MAIN) if where == "left" else (MAIN, SIDE)
    assert texts(page)[:10] == first + second
    assert contiguous(page, SIDE) and contiguous(page, MAIN)
    assert region_of(page, SIDE[0]) != region_of(page, MAIN[0])
    kinds = {r.id: r.kind for r in page.regions}
    assert kinds[region_of(page, "Or")] == "box"


def test_three_columns_under_a_full_width_title(tmp_path):
    s = Sheet(tmp_path / "three.pdf", header=None)
    s.page()
    s.text(
        LEFT,
        110,
        "Un titre qui court sur toute la largeur de la page, au-dessus des colonnes",
        BOLD,
        12,
    )
    columns = [
        [f"Colonne {c}, ligne {i} : du texte courant, assez long" for i in range(5)] for c in "ABC"
    ]
    for column, x in zip(
        columns, (LEFT, 235, 414), strict=True
    ):  # 161 points of text, gutters of 18
        for i, text in enumerate(column):
            s.text(x, 140 + 10.5 * i, text, REG, 7.5)
    [page] = read(s.save())
    assert texts(page)[1:] == columns[0] + columns[1] + columns[2]
    assert len({region_of(page, column[0]) for column in columns}) == 3


def test_slide_text_boxes_drawn_out_of_order_are_read_box_by_box(tmp_path):
    s = Sheet(tmp_path / "slide.pdf", header=None)
    s.page()
    boxes = {}
    for row, top in enumerate((120, 400)):
        for col, x0 in enumerate((LEFT, 310)):
            name = f"Boîte {row}{col}"
            s.rect(x0, top, x0 + 220, top + 150, TINT)
            boxes[name] = [name] + [f"{name}, ligne {i} de son texte" for i in range(3)]
            for i, text in enumerate(boxes[name]):
                s.text(x0 + 10, top + 25 + 14 * i, text, BOLD if i == 0 else REG, 10)
    s.shuffle()
    [page] = read(s.save())
    assert texts(page) == [t for name in sorted(boxes) for t in boxes[name]]
    assert [r.kind for r in page.regions][:4] == ["box"] * 4  # then the footer


def test_a_box_inside_a_column_is_read_in_its_place(tmp_path):
    s = Sheet(tmp_path / "box.pdf", header=None)
    s.page()
    left = [f"Gauche {i}, le texte de la première colonne" for i in range(8)]
    right = [f"Droite {i}, le texte de la seconde colonne" for i in range(8)]
    inside = ["Encadré : un chiffre clé", "250 capteurs posés"]
    for i, text in enumerate(left[:3] + [None, None, None] + left[3:5]):
        if text:
            s.text(LEFT, 130 + 14 * i, text, REG, 10)
    s.rect(LEFT, 165, 270, 205, GOLD)
    for i, text in enumerate(inside):
        s.text(LEFT + 6, 180 + 14 * i, text, BOLD, 10, INK)
    for i, text in enumerate(right[:8]):
        s.text(320, 130 + 14 * i, text, REG, 10)
    [page] = read(s.save())
    assert texts(page) == left[:3] + inside + left[3:5] + right[:8]
    assert contiguous(page, inside) and contiguous(page, right[:8])
    kinds = {r.id: r.kind for r in page.regions}
    assert {kinds[ln.region] for ln in page.lines if ln.top < 800} == {"column", "box"}


def test_both_readers_give_the_same_shapes_fonts_and_regions(tmp_path):
    path = sidebar_page(tmp_path / "engines.pdf", 40, 150, 170)
    [a], [b] = reader.read(path), pdfium_reader.read(path)
    assert (
        [(s.kind, s.fill) for s in a.shapes]
        == [(s.kind, s.fill) for s in b.shapes]
        == [("rect", "dbe8f5")]
    )
    assert a.shapes[0].box.rounded() == b.shapes[0].box.rounded()
    assert {(ln.text, ln.font, ln.rotated) for ln in a.lines} == {
        (ln.text, ln.font, ln.rotated) for ln in b.lines
    }
    assert {ln.font for ln in a.lines} == {"Helvetica", "Helvetica-Bold"}
    [pa], [pb] = read(path), read(path, pdfium_reader)
    assert [(ln.text, ln.region) for ln in pa.lines] == [(ln.text, ln.region) for ln in pb.lines]


TEXT = (
    "Le service numérique permet aux habitants de signaler un problème de voirie et de suivre "
    "son traitement par les équipes municipales jusqu'à sa résolution complète."
)


def test_rotated_text_is_never_read_into_a_block(tmp_path):
    """Up the margin of every page: furniture; once, beside a card: unplaced, with its page."""
    s = Sheet(tmp_path / "margin.pdf")
    address = "www.interconnectes.com - Association Les Interconnectés"
    section(s, "E-SANTÉ")
    s.text(30, 700, address, REG, 8, INK, angle=90)
    for town in ("Pau", "Dax"):
        standard_card(s, "or", "E-SANTÉ", f"la Ville de {town}", f"Projet de {town}", TEXT)
        s.text(30, 700, address, REG, 8, INK, angle=90)
    s.text(570, 500, "Photographie : Ville de Dax", REG, 7, INK, angle=90)
    doc = convert(s.save()).document
    assert len(doc.projects) == 2
    for p in doc.projects:
        assert p.summary == p.innovation == p.problematique == p.apports == TEXT
    removed = [
        (pg.number, r.text) for pg in doc.pages for r in pg.removed if r.reason == "margin_text"
    ]
    assert [n for n, _ in removed] == [1, 2, 3] and all(t == address for _, t in removed)
    assert [(u.text, u.page, u.reason) for u in doc.unplaced] == [
        ("Photographie : Ville de Dax", 3, "rotated_text")
    ]
