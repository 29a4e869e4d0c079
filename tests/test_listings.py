"""Listings of every shape (list, table with wrapped cells, one palmarès, none), category names
without their numbering, and warnings that need evidence: one generated fixture per case."""

import pytest

from pipeline.conversion import convert
from pipeline.elements import Line
from pipeline.stages import categories, tables

from .layouts import BOLD, GOLD, LEFT, NAVY, REG, WHITE, Sheet, section, standard_card

TEXT = (
    "Le service numérique permet aux habitants de signaler un problème de voirie et de suivre "
    "son traitement par les équipes municipales jusqu'à sa résolution complète."
)
COLUMNS = (LEFT, 260.0, 470.0)
WIDE = (LEFT, 190.0, 300.0, 470.0)  # the columns of a four-column table
CELL_LEADING = 12.0

# (title lines, territory lines, medal) as a table prints them, and the card of each
ROWS = [
    (["Capteurs de crue connectés pour", "alerter les riverains"], ["Ville de Nîmes"], "Or"),
    (["Parking libre"], ["Communauté d'agglomération", "du Grand Rouen"], "Argent"),
    (["Une école numérique"], ["Ville de Pau"], "Bronze"),
]
CARDS = [
    ("or", "la Ville de Nîmes", "Capteurs de crue connectés pour alerter les riverains"),
    ("argent", "la Communauté d'agglomération du Grand Rouen", "Parking libre"),
    ("bronze", "la Ville de Pau", "Une école numérique"),
]


def codes(doc) -> list[str]:
    return sorted(w.code for w in doc.warnings if w.severity == "warning")


def draw_table(sheet: Sheet, rows, header, pad: float, y: float) -> None:
    """A table of wrapped cells (three or four columns) from `y` down, `pad` points between rows."""
    columns = COLUMNS if len(rows[0]) == 3 else WIDE
    if header:
        for x, cell in zip(columns, header, strict=True):
            sheet.text(x, y, cell, BOLD, 8)
        y += 20
    for row in rows:
        cells = [c if isinstance(c, list) else [c] for c in row]
        for x, cell in zip(columns, cells, strict=True):
            for k, text in enumerate(cell):
                sheet.text(x, y + k * CELL_LEADING, text, BOLD if x == LEFT else REG, 9.5)
        y += max(len(c) for c in cells) * CELL_LEADING + pad


def table_section(
    sheet: Sheet, heading: str, rows, header=("PROJET", "TERRITOIRE", "LABEL"), pad=12.0
):
    sheet.page(y=150.0)
    sheet.rect(LEFT, 60, 540, 110, GOLD)
    sheet.text(64, 92, heading, BOLD, 21, WHITE)
    draw_table(sheet, rows, header, pad, 150.0)


@pytest.mark.parametrize(
    "header, pad",
    [(("PROJET", "TERRITOIRE", "LABEL"), 12.0), (None, 12.0), (None, 0.0)],
    ids=["header-padded", "no-header-padded", "no-header-tight"],
)
def test_listing_table_with_cells_wrapped_over_several_lines(tmp_path, header, pad):
    """Rows told apart by their padding, or by the row that fills every column again."""
    s = Sheet(tmp_path / "wrapped_table.pdf")
    table_section(s, "SMART CITY", ROWS, header, pad)
    for medal, who, title in CARDS:
        standard_card(s, medal, "SMART CITY", who, title, TEXT)
    doc = convert(s.save()).document
    [category] = doc.categories
    assert [(e.title, e.territories, e.medal) for e in category.listed] == [
        ("Capteurs de crue connectés pour alerter les riverains", "Ville de Nîmes", "or"),
        ("Parking libre", "Communauté d'agglomération du Grand Rouen", "argent"),
        ("Une école numérique", "Ville de Pau", "bronze"),
    ]
    assert [e.project_id for e in category.listed] == [p.id for p in doc.projects]
    assert doc.unplaced == []
    assert codes(doc) == []


def test_a_card_missing_from_a_table_listing_is_reported(tmp_path):
    s = Sheet(tmp_path / "missing.pdf")
    table_section(s, "SMART CITY", ROWS[:2])
    for medal, who, title in CARDS:
        standard_card(s, medal, "SMART CITY", who, title, TEXT)
    doc = convert(s.save()).document
    [missing] = [w for w in doc.warnings if w.code == "not_in_listing"]
    assert "Une école numérique" in missing.message


@pytest.mark.parametrize(
    "number, heading",
    [
        ("07", "E-SANTÉ"),
        (None, "07 E-SANTÉ"),
        (None, "CATÉGORIE 3 : E-SANTÉ"),
        (None, "IV. E-SANTÉ"),
    ],
)
def test_category_names_lose_their_numbering(tmp_path, number, heading):
    s = Sheet(tmp_path / "numbered.pdf")
    section(s, heading, ["Télésanté - Ville de Pau (label or)"])
    if number:  # set large on its own line, above the name
        s.text(64, 70, number, BOLD, 40, NAVY)
    standard_card(s, "or", "E-SANTÉ", "la Ville de Pau", "Télésanté", TEXT)
    doc = convert(s.save()).document
    assert [c.name for c in doc.categories] == ["E-santé"]
    assert [p.category for p in doc.projects] == ["E-santé"]
    assert codes(doc) == []


def test_clean_takes_numbers_off_but_keeps_names_that_start_with_one():
    assert categories.clean("07 E-santé") == "E-santé"
    assert categories.clean("01 Moderniser le service public") == "Moderniser le service public"
    assert categories.clean("Catégorie 3 : Cybersécurité") == "Cybersécurité"
    assert categories.clean("N° 4 – Ville durable") == "Ville durable"
    assert categories.clean("III. Territoire inclusif") == "Territoire inclusif"
    assert categories.clean("Thème : Mobilité") == "Mobilité"
    for name in ("5G pour tous", "3D et territoires", "Civil et citoyen", "MIX énergétique"):
        assert categories.clean(name) == name


PALMARES = [
    ["Capteurs de crue", "Ville de Nîmes", "Mobilité", "Or"],
    ["Parking libre", "Ville de Rouen", "Mobilité", "Argent"],
    ["Une école numérique", "Ville de Pau", "Éducation", "Bronze"],
    ["Jardins partagés", "Ville de Dax", "Éducation", "Bronze"],
]


@pytest.mark.parametrize("header", [("PROJET", "TERRITOIRE", "CATÉGORIE", "LABEL"), None])
def test_one_palmares_for_the_whole_book(tmp_path, header):
    """No sections: the palmarès at the end names each project's category; a card it lacks and
    an entry without card are reported, its page is read whole, no card swallows it."""
    s = Sheet(tmp_path / "palmares.pdf")
    for medal, who, title in (
        ("or", "la Ville de Nîmes", "Capteurs de crue"),
        ("argent", "la Ville de Rouen", "Parking libre"),
        ("bronze", "la Ville de Pau", "Une école numérique"),
        ("or", "la Ville de Lens", "Bibliothèque mobile"),
    ):
        standard_card(s, medal, None, who, title, TEXT)
    s.page(y=100)
    s.text(LEFT, 100, "PALMARÈS 2031", BOLD, 16, NAVY)
    draw_table(s, PALMARES, header, 8.0, 130.0)
    doc = convert(s.save()).document
    assert [(p.title, p.category) for p in doc.projects] == [
        ("Capteurs de crue", "Mobilité"),
        ("Parking libre", "Mobilité"),
        ("Une école numérique", "Éducation"),
        ("Bibliothèque mobile", ""),
    ]
    assert [(c.name, [e.title for e in c.listed]) for c in doc.categories] == [
        ("Mobilité", ["Capteurs de crue", "Parking libre"]),
        ("Éducation", ["Une école numérique", "Jardins partagés"]),
    ]
    assert codes(doc) == ["listed_without_card", "not_in_listing"]
    assert doc.projects[-1].apports == TEXT
    assert doc.pages[-1].kind == "palmares" and doc.unplaced == []


def test_sections_without_listing_warn_of_no_missing_entry(tmp_path):
    s = Sheet(tmp_path / "no_listing.pdf")
    section(s, "SMART CITY")
    standard_card(s, "or", "SMART CITY", "la Ville de Nîmes", "Capteurs de crue", TEXT)
    section(s, "E-SANTÉ")
    standard_card(s, "argent", "E-SANTÉ", "la Ville de Pau", "Télésanté", TEXT)
    doc = convert(s.save()).document
    assert [(p.title, p.category) for p in doc.projects] == [
        ("Capteurs de crue", "Smart city"),
        ("Télésanté", "E-santé"),
    ]
    assert codes(doc) == []


@pytest.mark.parametrize("printed, expected", [(None, []), ("MOBILITÉ", ["category_mismatch"])])
def test_category_mismatch_only_when_the_card_prints_another_category(tmp_path, printed, expected):
    """A card that prints no category takes its section's; one that prints another is reported."""
    s = Sheet(tmp_path / "printed_category.pdf")
    listed = [
        "Capteurs de crue - Ville de Nîmes (label or)",
        "Parking libre - Ville de Rouen (label argent)",
    ]
    section(s, "SMART CITY", listed)
    standard_card(s, "or", printed and "SMART CITY", "la Ville de Nîmes", "Capteurs de crue", TEXT)
    standard_card(s, "argent", printed, "la Ville de Rouen", "Parking libre", TEXT)
    doc = convert(s.save()).document
    assert [p.category for p in doc.projects][:1] == ["Smart city"]
    assert codes(doc) == expected
    assert all("Parking libre" in w.message for w in doc.warnings if w.code == "category_mismatch")


def line(text, x0, top, size=9.5):
    return Line(text, 1, x0, top, x0 + 5.2 * len(text), top + size, size)


def grid(rows: dict[float, list[tuple[float, str]]]) -> list[Line]:
    """Lines from the cells printed on each line of print: top → [(x0, text), …]."""
    return [line(text, x0, top) for top, cells in rows.items() for x0, text in cells]


def test_a_table_is_no_table_without_cells_side_by_side():
    """Lines one under the other, however aligned, make no table; two rows side by side do."""
    single = [line(t, 56, 100 + 12 * i) for i, t in enumerate(["Un", "Deux", "Trois"])]
    assert tables.read(single) is None
    rows = grid(
        {
            100: [(56, "Titre long qui"), (260, "Ville de Pau")],
            112: [(56, "continue")],
            130: [(56, "Autre titre"), (260, "Ville de Dax")],
        }
    )
    table = tables.read(rows)
    assert [r.cells for r in table.rows] == [
        ("Titre long qui continue", "Ville de Pau"),
        ("Autre titre", "Ville de Dax"),
    ]


def test_a_running_title_above_a_toc_entry_is_no_part_of_it():
    """The second page of a table of contents starts under its running title ("SOMMAIRE", in
    another size and weight): the first entry there is the project alone."""
    from pipeline.elements import Page
    from pipeline.stages import toc

    lines = [
        Line("SOMMAIRE", 3, 48, 54, 95, 62, 7.8, True),
        Line(
            "Parcours Numérique Solidaire — Conseil départemental de la Drôme ...... 36",
            3,
            65,
            73,
            547,
            83,
            9.8,
        ),
        Line(
            "Montée en compétence des commerçants et artisans du territoire —",
            3,
            65,
            88,
            540,
            98,
            9.8,
        ),
        Line(
            "Porte du Hainaut .................................................. 37",
            3,
            65,
            100,
            547,
            110,
            9.8,
        ),
        Line(
            "E-SANTÉ ........................................................ 40",
            3,
            48,
            112,
            547,
            122,
            10.2,
            True,
        ),
        Line(
            "La Maison Bleue Hors les murs ..................................... 43",
            3,
            65,
            128,
            547,
            138,
            9.8,
        ),
    ]
    entries, headings = toc.parse([Page(3, 595, 842, tuple(lines))])
    assert [e.text.split(" —")[0] for e in entries] == [
        "Parcours Numérique Solidaire",
        "Montée en compétence des commerçants et artisans du territoire",
        "E-SANTÉ",
        "La Maison Bleue Hors les murs",
    ]
    assert [ln.text for ln in headings] == ["SOMMAIRE"]


def test_a_card_named_by_the_listings_unread_text_is_a_doubt_not_an_anomaly(tmp_path):
    """The listing's second project is printed as a plain line without its medal: not read as an
    entry, but it names the card, so the pipeline doubts its reading (info), not the yearbook."""
    s = Sheet(tmp_path / "unread.pdf")
    section(s, "SMART CITY", ["Capteurs de crue - Ville de Nîmes (label or)"])
    s.para("Parking libre, à Rouen")
    standard_card(s, "or", "SMART CITY", "la Ville de Nîmes", "Capteurs de crue", TEXT)
    standard_card(s, "argent", "SMART CITY", "la Ville de Rouen", "Parking libre", TEXT)
    standard_card(s, "bronze", "SMART CITY", "la Ville de Pau", "Une école numérique", TEXT)
    doc = convert(s.save()).document
    assert [(w.code, w.severity, w.project_id) for w in doc.warnings if "listing" in w.code] == [
        ("listing_unread", "info", doc.projects[1].id),
        ("not_in_listing", "warning", doc.projects[2].id),
    ]
    assert "confidence 1.00" in doc.warnings[0].message


def test_a_palmares_may_print_a_short_form_of_the_category(tmp_path):
    s = Sheet(tmp_path / "short_category.pdf")
    standard_card(
        s,
        "or",
        "AMÉNAGEMENT ET ATTRACTIVITÉ DU TERRITOIRE",
        "la Ville de Pau",
        "Une place de marché",
        TEXT,
    )
    standard_card(s, "argent", "SMART CITY", "la Ville de Nîmes", "Capteurs de crue", TEXT)
    s.page(y=100)
    rows = [
        ["Une place de marché", "Ville de Pau", "Aménagement & attractivité", "Or"],
        ["Capteurs de crue", "Ville de Nîmes", "Smart city", "Argent"],
    ]
    draw_table(s, rows, ("PROJET", "TERRITOIRE", "CATÉGORIE", "LABEL"), 8.0, 150.0)
    doc = convert(s.save()).document
    assert [len(c.listed) for c in doc.categories] == [1, 1]
    assert codes(doc) == []


def test_a_palmares_continued_on_the_next_page(tmp_path):
    """The palmarès's second page has no header and names one category only: it continues it."""
    s = Sheet(tmp_path / "palmares_two_pages.pdf")
    towns = ["Nîmes", "Rouen", "Pau", "Dax", "Lens"]
    for town in towns:
        standard_card(s, "or", None, f"la Ville de {town}", f"Projet de {town}", TEXT)
    rows = [
        [f"Projet de {t}", f"Ville de {t}", c, "Or"]
        for t, c in zip(towns, ["Mobilité", "Mobilité", "Éducation", "Santé", "Santé"], strict=True)
    ]
    s.page(y=100)
    draw_table(s, rows[:3], ("PROJET", "TERRITOIRE", "CATÉGORIE", "LABEL"), 8.0, 130.0)
    s.page(y=100)
    draw_table(s, rows[3:], None, 8.0, 130.0)
    doc = convert(s.save()).document
    assert [p.category for p in doc.projects] == [
        "Mobilité",
        "Mobilité",
        "Éducation",
        "Santé",
        "Santé",
    ]
    assert [p.kind for p in doc.pages[-2:]] == ["palmares", "palmares"]
    assert codes(doc) == [] and doc.unplaced == []


def test_two_cells_the_reader_joined_are_cut_where_the_next_column_starts():
    """A title running up to the next column is read as one line with the territory: it is cut at
    the space where that column starts; a line far below the table is no part of it."""
    title = "Médiation numérique itinérante au service"  # up to the next column, at 277
    joined = f"{title} Communauté d'agglomération de"
    rows = grid(
        {
            156: [(54, "PROJET"), (277, "TERRITOIRE"), (475, "LABEL")],
            175: [(54, "Observatoire des écoles"), (277, "Ville d'Issoire"), (475, "Or")],
            194: [(475, "Argent")],
            205: [(54, "des aînés"), (277, "Perpignan")],
            800: [(54, "Réseau des territoires numériques"), (475, "Page 14")],
        }
    )
    rows.append(Line(joined, 1, 54, 194, 54 + (277 - 54) / len(title) * len(joined), 203, 8.5))
    table = tables.read(rows)
    assert [r.cells for r in table.rows] == [
        ("PROJET", "TERRITOIRE", "LABEL"),
        ("Observatoire des écoles", "Ville d'Issoire", "Or"),
        (
            "Médiation numérique itinérante au service des aînés",
            "Communauté d'agglomération de Perpignan",
            "Argent",
        ),
    ]
