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


def test_a_bold_running_header_naming_the_section_is_furniture_not_the_award_lines():
    """Each section's name heads its own pages in one bold style: few pages repeat the words, many
    fill the slot in that style. A card's award line, in the same slot and style, never repeats."""
    from dataclasses import replace

    def styled(text, top):
        return replace(line(text, top, x0=56, size=7.8, bold=True), font="Lato-Bold")

    names = ["CYBERSÉCURITÉ", "E-SANTÉ", "TERRITOIRE INCLUSIF", "SMART CITY", "MOBILITÉS"]
    sections = [name for name in names for _ in range(3)]  # 3 pages of 15: under the 30 % repeat
    towns = "Pau Dax Agen Lens Brest Vannes Laval Niort Tours Blois Nîmes Rouen Vichy Gex Lorient"
    towns = towns.split()
    pages = [
        page(
            i,
            [
                styled(name, 40),
                styled(f"Label d'or attribué à la Ville de {town}", 80),
                line(f"Texte courant de la page {i}, assez long pour être du corps de texte.", 200),
                line("Une deuxième ligne de corps de texte, elle aussi assez longue.", 213.6),
            ],
        )
        for i, (name, town) in enumerate(zip(sections, towns, strict=True), 1)
    ]
    kept, removed = furniture.strip(pages)
    assert {r.line.text for r in removed} == set(sections)
    assert all(p.lines[0].text.startswith("Label d'or") for p in kept)


def test_rotated_text_repeated_is_margin_furniture_else_set_aside_unless_content():
    from dataclasses import replace

    def rotated(text):
        return replace(line(text, 300, x0=20, width=10), rotated=True)

    pages = [
        page(
            i,
            [
                rotated("www.exemple.fr"),
                line("Du corps de texte assez long, page après page.", 100),
            ],
        )
        for i in range(1, 5)
    ]
    pages[1] = page(2, list(pages[1].lines) + [rotated("Crédit photo : Ville"), rotated("OR")])
    kept, removed = furniture.strip(pages, content=lambda ln: ln.text == "OR")
    assert [r.reason for r in removed] == ["margin_text"] * 4
    assert [ln.text for ln in kept[1].aside] == ["Crédit photo : Ville"]
    assert [ln.text for ln in kept[1].lines] == [
        "Du corps de texte assez long, page après page.",
        "OR",
    ]
