"""Furniture is found by what it is: repetition, bare numbers in margins, small text by logos."""

from pipeline.elements import Rect
from pipeline.stages import furniture

from .conftest import line, page


def book(n=6, header="ANNUAIRE DES LABELS 2019", footer="Les Interconnectés – Annuaire {}"):
    pages = []
    for i in range(1, n + 1):
        pages.append(
            page(
                i,
                [
                    line(header, 28.9, x0=360, size=7.5),
                    line(
                        f"Texte courant de la page {i}, assez long pour être du corps de texte.",
                        100,
                    ),
                    line("Une deuxième ligne de corps de texte, elle aussi assez longue.", 113.6),
                    line(footer.format(i), 806, size=7.5),
                ],
            )
        )
    return pages


def test_running_header_and_footer_are_removed_and_page_labels_read():
    pages, removed = furniture.strip(book())
    assert all(len(p.lines) == 2 for p in pages)
    assert {r.reason for r in removed} == {"running_header", "running_footer"}
    assert [p.label for p in pages] == ["1", "2", "3", "4", "5", "6"]


def test_a_constant_number_in_a_running_line_is_not_a_page_label():
    pages, _ = furniture.strip(book(footer="Annuaire 2023"))
    assert all(p.label is None for p in pages)


def test_a_bare_number_in_the_margin_is_a_page_number():
    pages = [
        page(
            1,
            [
                line("Du texte au milieu de la page, assez long.", 400),
                line("17", 810, x0=290, size=8),
            ],
        )
    ]
    out, removed = furniture.strip(pages)
    assert [ln.text for ln in out[0].lines] == ["Du texte au milieu de la page, assez long."]
    assert removed[0].reason == "page_number" and out[0].label == "17"


def test_a_number_in_the_body_is_kept():
    pages = [page(1, [line("Chiffres clés", 380, bold=True), line("250", 400, x0=290)])]
    out, removed = furniture.strip(pages)
    assert len(out[0].lines) == 2 and not removed


def test_small_text_in_the_logo_band_is_logo_text():
    logo = Rect(1, 66, 100, 161, 141)
    lines = [
        line("MÉTROPOLE", 100.5, x0=493, size=7.5, bold=True),
        line("GRAND LYON", 110.6, x0=488, size=7.5, bold=True),
        line("Label d'or attribué à la Métropole de Lyon", 147.7, size=10.5, bold=True),
    ]
    lines += [line(f"Corps de texte numéro {i} de la carte, long.", 200 + 14 * i) for i in range(6)]
    out, removed = furniture.strip([page(1, lines, images=[logo])])
    assert [r.line.text for r in removed] == ["MÉTROPOLE", "GRAND LYON"]
    assert all(r.reason == "logo" for r in removed)


def test_small_text_without_logos_is_kept():
    lines = [line("note", 100.5, x0=493, size=7.5)] + [
        line("Corps de texte assez long ici.", 200 + 14 * i) for i in range(5)
    ]
    out, removed = furniture.strip([page(1, lines)])
    assert not removed


def test_body_size_is_the_most_used_size():
    pages = [page(1, [line("Titre", 50, size=17), line("x" * 80, 100), line("y" * 80, 114)])]
    assert furniture.body_size(pages) == 10.0


def test_a_header_naming_each_section_goes_but_card_openers_in_the_margin_stay():
    pages = []
    for i, (section, town) in enumerate(
        [("E-santé", "Pau"), ("E-santé", "Dax"), ("Mobilités", "Lens"), ("Culture", "Vire")], 1
    ):
        pages.append(
            page(
                i,
                [
                    line(section, 30, x0=480, size=7.5),  # changes with the section
                    line(
                        f"Lauréat : Ville de {town}", 62, size=10.5, bold=True
                    ),  # each card's first line
                    line(
                        f"Un texte de la carte de {town}, assez long pour du corps de texte.", 200
                    ),
                    line("Une autre ligne de corps de texte, elle aussi assez longue ici.", 213.6),
                ],
            )
        )
    out, removed = furniture.strip(pages)
    assert [r.line.text for r in removed] == ["E-santé", "E-santé", "Mobilités", "Culture"]
    assert all(p.lines[0].text.startswith("Lauréat") for p in out)
