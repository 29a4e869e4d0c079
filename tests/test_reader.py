"""The reader: both engines give the same lines and shapes; rows cut at the page's gutters."""

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.read import pdfium_reader, reader

H = A4[1]


def test_pdfium_sizes_and_boxes_follow_the_page_scaling(tmp_path):
    """A PDF laid out in CSS pixels scales its page by 0.75: a 16 px font is 12 points."""
    path = tmp_path / "scaled.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.scale(0.75, 0.75)
    canvas.setFont("Helvetica", 16)
    canvas.drawString(80, (H - 100) / 0.75, "Un texte mis en page en pixels")
    canvas.rect(80, (H - 300) / 0.75, 200, 100, stroke=0, fill=1)
    canvas.save()
    [a], [b] = reader.read(path), pdfium_reader.read(path)
    assert [(ln.text, ln.size) for ln in a.lines] == [(ln.text, ln.size) for ln in b.lines]
    assert a.lines[0].size == 12.0
    assert abs(a.lines[0].top - b.lines[0].top) < 0.5  # the engines' descents differ a little
    assert [s.box.rounded() for s in a.shapes] == [s.box.rounded() for s in b.shapes]
    assert a.shapes[0].box.rounded().x1 == 60 + 150


def test_two_justified_columns_are_cut_at_their_gutter_where_words_are_spaced_as_wide(tmp_path):
    """A row whose word spaces are stretched as wide as the gutter (14 points) is cut there, where
    the page's other rows are cut."""
    path = tmp_path / "justified.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    left = ["des mots ordinaires, espacés"] * 4 + ["de très larges espaces"]
    right = ["à droite aussi, des mots"] * 4 + ["et encore des espaces"]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        spacing = 9 if i == 4 else 0  # the last row is stretched: its word gaps match the gutter
        width = stringWidth(a, "Helvetica", 10) + spacing * a.count(" ")
        for x, text in ((286 - width, a), (300, b)):  # the left column ends at 286
            line = canvas.beginText(x, H - 100 - 14 * i)
            line.setFont("Helvetica", 10)
            line.setWordSpace(spacing)
            line.textLine(text)
            canvas.drawText(line)
    canvas.save()
    for engine in (reader, pdfium_reader):
        [page] = engine.read(path)
        assert [ln.text for ln in page.lines][-2:] == [left[4], right[4]], engine


def drawn(path, strings) -> list:
    """Each engine's lines of a page drawing `strings`: (x, points from the top, font, size,
    text)."""
    canvas = Canvas(str(path), pagesize=A4)
    for x, top, font, size, text in strings:
        canvas.setFont(font, size)
        canvas.drawString(x, H - top, text)
    canvas.save()
    return [engine.read(path)[0].lines for engine in (reader, pdfium_reader)]


def test_two_lines_beside_a_taller_title_stay_two_lines(tmp_path):
    """A side column's label and value, one under the other, both level with a large title: the
    title stretches their row, but their glyphs are not interleaved into one line."""
    strings = [
        (50, 145, "Helvetica-Bold", 16.5, "centre-bourg"),
        (405, 136, "Helvetica-Bold", 9, "Territoire(s) :"),
        (405, 148, "Helvetica", 9.5, "Commune d'Albi"),
    ]
    for lines in drawn(tmp_path / "beside.pdf", strings):
        assert [ln.text for ln in lines] == ["Territoire(s) :", "centre-bourg", "Commune d'Albi"]


def test_two_words_up_one_margin_are_two_lines(tmp_path):
    """Two cards on one page, each with its medal printed up the margin at the same x: two
    rotated lines, not one."""
    path = tmp_path / "margin.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 7)
    for y, word in ((H - 300, "LABEL OR"), (H - 120, "LABEL ARGENT")):
        canvas.saveState()
        canvas.translate(30, y)
        canvas.rotate(90)
        canvas.drawString(0, 0, word)
        canvas.restoreState()
    canvas.save()
    for engine in (reader, pdfium_reader):
        [page] = engine.read(path)
        assert sorted(ln.text for ln in page.lines if ln.rotated) == ["LABEL ARGENT", "LABEL OR"]


def test_a_gap_is_measured_in_the_ems_of_the_glyphs_beside_it(tmp_path):
    """A badge's word and a side column's value 37 points apart, level with a 16-point title:
    four ems of their 9 points part them, though fewer than 2.5 of the title's."""
    after_badge = 339 + stringWidth("Argent", "Helvetica-Bold", 9) + 37
    strings = [
        (50, 105, "Helvetica-Bold", 16, "centre-ville"),
        (339, 100, "Helvetica-Bold", 9, "Argent"),
        (after_badge, 100, "Helvetica", 9, "Ville"),
    ]
    for lines in drawn(tmp_path / "badge.pdf", strings):
        assert sorted(ln.text for ln in lines) == ["Argent", "Ville", "centre-ville"]


def test_a_side_column_and_a_larger_title_beside_it_are_two_lines(tmp_path):
    """A 10-point side column ending 34 points before a 17-point title's line, a badge far off
    on the row: 3.4 ems of the smaller type part them, though fewer than 2.5 of the title's
    (and the row's few gaps make the widest of them its median)."""
    end = 60 + stringWidth("Communauté de communes du", "Helvetica", 10)
    strings = [
        (60, 100, "Helvetica", 10, "Communauté de communes du"),
        (end + 34, 101, "Helvetica-Bold", 17, "bâtiments publics »"),
        (508, 97, "Helvetica-Bold", 9, "Argent"),
    ]
    for lines in drawn(tmp_path / "aside.pdf", strings):
        assert sorted(ln.text for ln in lines) == [
            "Argent",
            "Communauté de communes du",
            "bâtiments publics »",
        ]
