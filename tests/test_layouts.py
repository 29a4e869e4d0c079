"""Yearbooks in other layouts than the 2023 sample's: one generated fixture per variation."""

import pytest

from pipeline.conversion import convert
from pipeline.options import Options

from .layouts import BOLD, GOLD, LEFT, NAVY, RIGHT, Sheet, section, standard_card, unicode_font

TEXT = (
    "Le service numérique permet aux habitants de signaler un problème de voirie et de suivre "
    "son traitement par les équipes municipales jusqu'à sa résolution complète."
)


def titles(doc):
    return [p.title for p in doc.projects]


def test_two_column_card_is_read_column_by_column(tmp_path):
    s = Sheet(tmp_path / "two_columns.pdf")
    section(s, "CYBERSÉCURITÉ")
    s.page().banner("LABEL OR – CYBERSÉCURITÉ")
    s.para("Label d'or attribué à la Ville de Lens", font=BOLD, size=10.5, color=NAVY, gap=0.5)
    s.para("Pour le projet « Bouclier numérique »", font=BOLD, size=10.5, color=NAVY, gap=10)
    top, width = s.y, 230
    left = [
        (
            "INNOVATION DU PROJET :",
            "A gauche, l'innovation tient en plusieurs lignes de texte qui remplissent "
            "la colonne de gauche jusqu'en bas de son bloc.",
        )
    ]
    right = [
        (
            "LES APPORTS DU PROJET :",
            "A droite, les apports tiennent eux aussi en plusieurs lignes de texte "
            "qui remplissent la colonne de droite.",
        )
    ]
    for column, x in ((left, LEFT), (right, LEFT + width + 24)):
        s.y = top
        for heading, text in column:
            s.text(x, s.y, heading, BOLD, 10, (0.12, 0.37, 0.66))
            s.y += 17
            s.para(text, x=x, width=width)
    doc = convert(s.save()).document
    [p] = doc.projects
    assert p.innovation.startswith("A gauche, l'innovation") and p.innovation.endswith(
        "de son bloc."
    )
    assert p.apports.startswith("A droite, les apports") and p.apports.endswith(
        "colonne de droite."
    )


def test_hyphenation_rejoined_and_real_hyphens_kept(tmp_path):
    s = Sheet(tmp_path / "hyphens.pdf")
    section(s, "MODERNISER LE SERVICE PUBLIC")
    s.page().banner("LABEL ARGENT – MODERNISER LE SERVICE PUBLIC")
    s.para(
        "Label d'argent attribué à la Communauté de communes Champsaur-Valgaudemar",
        font=BOLD,
        size=10.5,
        color=NAVY,
        gap=0.5,
    )
    s.para("Pour le projet « Dématérialisation »", font=BOLD, size=10.5, color=NAVY)
    s.lines(
        [
            "La dématérialisation des démarches avance. Le projet porte la démat-",
            "érialisation jusqu'aux actes et la co-construction avec les habitants, par la co-",
            "construction d'un service d'e-",
            "santé pour la vallée du Champsaur-",
            "Valgaudemar.",
        ]
    )
    s.heading("INNOVATION DU PROJET :")
    s.para("Une première.")
    doc = convert(s.save()).document
    assert doc.projects[0].summary == (
        "La dématérialisation des démarches avance. Le projet porte la dématérialisation jusqu'aux "
        "actes et la "
        "co-construction avec les habitants, par la co-construction d'un service d'e-santé pour la "
        "vallée du "
        "Champsaur-Valgaudemar."
    )


def test_ligature_glyphs_are_expanded(tmp_path):
    font = unicode_font()
    s = Sheet(tmp_path / "ligatures.pdf")
    section(s, "E-SANTÉ")
    s.page().banner("LABEL BRONZE – E-SANTÉ")
    s.para(
        "Label de bronze attribué à la Ville de Vichy", font=BOLD, size=10.5, color=NAVY, gap=0.5
    )
    s.para("Pour le projet « Télésanté »", font=BOLD, size=10.5, color=NAVY)
    s.para("Un service ﬁable et eﬃcace, sans ﬂottement.", font=font)
    doc = convert(s.save()).document
    assert doc.projects[0].summary == "Un service fiable et efficace, sans flottement."


def test_card_over_two_pages_with_running_lines_between(tmp_path):
    s = Sheet(tmp_path / "two_pages.pdf")
    section(s, "TERRITOIRE INCLUSIF")
    standard_card(s, "or", "TERRITOIRE INCLUSIF", "la Ville de Brest", "Numérique pour tous", TEXT)
    s.y = 700
    s.heading("LES APPORTS DU PROJET :")
    s.para(" ".join([TEXT] * 4))  # runs past the page's end…
    s.page()  # …and goes on, after a footer and a header, on the next page
    s.para("Suite et fin des apports sur la seconde page.")
    doc = convert(s.save()).document
    [p] = doc.projects
    assert p.pages == [2, 3]
    assert p.apports.endswith("Suite et fin des apports sur la seconde page.")
    assert "Labels 2031" not in p.apports and "ANNUAIRE" not in p.apports


def test_several_short_cards_on_one_page(tmp_path):
    s = Sheet(tmp_path / "short_cards.pdf")
    section(s, "E-SANTÉ")
    s.page(y=70)
    for medal, town in (("OR", "Pau"), ("ARGENT", "Dax"), ("BRONZE", "Agen")):
        s.rect(LEFT, s.y - 12, RIGHT, s.y + 10, GOLD)
        s.text(61, s.y + 3, f"LABEL {medal} – E-SANTÉ", BOLD, 11.5, (1, 1, 1))
        s.y += 30
        s.para(
            f"Label attribué à la Ville de {town} Pour le projet « Projet de {town} »".replace(
                "Label attribué",
                {
                    "OR": "Label d'or attribué",
                    "ARGENT": "Label d'argent attribué",
                    "BRONZE": "Label de bronze attribué",
                }[medal],
            ),
            font=BOLD,
            size=10.5,
            color=NAVY,
        )
        s.heading("INNOVATION DU PROJET :")
        s.para(f"Innovation de {town}.")
        s.heading("LES APPORTS DU PROJET :")
        s.para(f"Apports de {town}.", gap=30)
    doc = convert(s.save()).document
    assert [(p.title, p.medal, p.pages) for p in doc.projects] == [
        ("Projet de Pau", "or", [2]),
        ("Projet de Dax", "argent", [2]),
        ("Projet de Agen", "bronze", [2]),
    ]
    assert [p.apports for p in doc.projects] == [
        "Apports de Pau.",
        "Apports de Dax.",
        "Apports de Agen.",
    ]


def test_listing_given_as_a_table(tmp_path):
    s = Sheet(tmp_path / "table_listing.pdf")
    s.page(y=150)
    s.rect(LEFT, 60, RIGHT, 110, GOLD)
    s.text(64, 92, "SMART CITY", BOLD, 21, (1, 1, 1))
    for i, row in enumerate(
        [
            ("Projet", "Territoire", "Label"),
            ("Capteurs de crue", "Ville de Nîmes", "Or"),
            ("Parking libre", "Métropole de Rouen", "Argent"),
        ]
    ):
        for x, cell in zip((LEFT, 260, 470), row):
            s.text(x, 150 + 18 * i, cell, BOLD if i == 0 else "Helvetica", 10)
    standard_card(s, "or", "SMART CITY", "la Ville de Nîmes", "Capteurs de crue", TEXT)
    standard_card(s, "bronze", "SMART CITY", "la Métropole de Rouen", "Parking libre", TEXT)
    doc = convert(s.save()).document
    [category] = doc.categories
    assert [(e.title, e.territories, e.medal) for e in category.listed] == [
        ("Capteurs de crue", "Ville de Nîmes", "or"),
        ("Parking libre", "Métropole de Rouen", "argent"),
    ]
    assert [p.id for p in doc.projects] == [e.project_id for e in category.listed]
    [mismatch] = [w for w in doc.warnings if w.code == "medal_mismatch"]
    assert "argent" in mismatch.message and "bronze" in mismatch.message


def test_medal_in_a_badge_or_up_the_margin_without_banners(tmp_path):
    s = Sheet(tmp_path / "badges.pdf")
    section(s, "VILLE DURABLE")
    s.page(y=100)
    s.text(LEFT, s.y, "VILLE DURABLE", BOLD, 12, NAVY)  # the category, no medal
    s.rect(470, 85, 530, 115, GOLD, stroke=True)
    s.text(484, 104, "Or", BOLD, 14, GOLD)  # the medal in a box
    s.y = 135
    s.para(
        "Collectivité lauréate : Communauté de communes du Pays de Gex",
        font=BOLD,
        size=10.5,
        color=NAVY,
    )
    s.para("Projet : Compost partagé", font=BOLD, size=10.5, color=NAVY)
    s.para(TEXT)
    s.heading("INNOVATION DU PROJET :")
    s.para("Des bacs connectés.")
    s.page(y=100)
    s.text(LEFT, s.y, "VILLE DURABLE", BOLD, 12, NAVY)
    s.text(30, 400, "ARGENT", BOLD, 14, GOLD, angle=90)  # the medal up the margin
    s.y = 135
    s.para("Lauréat : Ville de Mâcon", font=BOLD, size=10.5, color=NAVY)
    s.para("Des vélos pour tous", font=BOLD, size=13, color=NAVY)  # a title set apart
    s.para(TEXT)
    s.heading("INNOVATION DU PROJET :")
    s.para("Des vélos à assistance électrique.")
    doc = convert(s.save()).document
    assert [(p.title, p.medal, p.category) for p in doc.projects] == [
        ("Compost partagé", "or", "Ville durable"),
        ("Des vélos pour tous", "argent", "Ville durable"),
    ]
    # the kind is the registry's: the Pays de Gex has been a communauté d'agglomération since 2019
    assert [[(t.name, t.kind) for t in p.territories] for p in doc.projects] == [
        [("Communauté de communes du Pays de Gex", "communaute_d_agglomeration")],
        [("Ville de Mâcon", "commune")],
    ]
    assert [p.innovation for p in doc.projects] == [
        "Des bacs connectés.",
        "Des vélos à assistance électrique.",
    ]


def test_text_drawn_out_of_reading_order(tmp_path):
    s = Sheet(tmp_path / "shuffled.pdf")
    section(s, "CYBERSÉCURITÉ")
    standard_card(s, "argent", "CYBERSÉCURITÉ", "la Ville de Laval", "Cyber-réflexes", TEXT)
    s.shuffle()
    doc = convert(s.save()).document
    [p] = doc.projects
    assert (p.title, p.medal, p.territories[0].name) == (
        "Cyber-réflexes",
        "argent",
        "Ville de Laval",
    )
    assert p.summary == p.innovation == p.problematique == p.apports == TEXT


def test_running_header_naming_the_section_is_furniture(tmp_path):
    s = Sheet(tmp_path / "section_headers.pdf", header=None)
    for category, towns in (
        ("E-SANTÉ", ("Pau", "Dax")),
        ("CYBERSÉCURITÉ", ("Lens",)),
        ("TERRITOIRE INCLUSIF", ("Brest", "Vannes", "Lorient")),
    ):
        section(s, category, header=category.title())
        for town in towns:
            standard_card(s, "or", category, f"la Ville de {town}", f"Projet de {town}", TEXT)
            s.text(RIGHT - 80, 36, category.title(), "Helvetica", 7.5, (0.43, 0.43, 0.44))
    doc = convert(s.save()).document
    assert len(doc.projects) == 6
    for p in doc.projects:
        for field in (p.summary, p.innovation, p.problematique, p.apports):
            assert field == TEXT, p.title
    removed = {r.text for pg in doc.pages for r in pg.removed if r.reason == "running_header"}
    assert {"E-Santé", "Cybersécurité", "Territoire Inclusif"} <= removed


def test_a_table_of_key_figures_is_kept_in_its_block(tmp_path):
    s = Sheet(tmp_path / "key_figures.pdf")
    section(s, "NUMERIQUE ET ENVIRONNEMENT")
    standard_card(
        s, "or", "NUMERIQUE ET ENVIRONNEMENT", "la Ville de Niort", "Sobriété", "Un texte."
    )
    s.heading("CHIFFRES CLÉS")
    for label, value in (
        ("Capteurs posés", "250"),
        ("Économies d'énergie", "12 %"),
        ("Budget", "30 000 €"),
    ):
        s.text(LEFT, s.y, label, "Helvetica", 10)
        s.text(400, s.y, value, "Helvetica", 10)
        s.y += 15
    doc = convert(s.save()).document
    assert doc.projects[0].apports == (
        "Un texte.\nCHIFFRES CLÉS\nCapteurs posés | 250\n"
        "Économies d'énergie | 12 %\nBudget | 30 000 €"
    )


def test_award_and_title_wordings_of_other_editions(tmp_path):
    s = Sheet(tmp_path / "wordings.pdf")
    section(s, "MOBILITÉS")
    for award, title in (
        ("Territoire lauréat : Ville de Tours", "Projet : Bus à la demande"),
        (
            "Lauréats : Ville de Blois et la Communauté d'agglomération Agglopolys",
            "Pour le projet « Vélos partagés »",
        ),
        ("Collectivité(s) : Département du Cher", "Pour son projet « Covoiturage rural »"),
    ):
        s.page().banner("LABEL D'ARGENT | Catégorie : Mobilités")
        s.para(award, font=BOLD, size=10.5, color=NAVY, gap=0.5)
        s.para(title, font=BOLD, size=10.5, color=NAVY)
        s.para(TEXT)
        s.heading("Innovation du projet")
        s.para("Nouveau.")
    doc = convert(s.save()).document
    assert [(p.title, p.medal, p.category) for p in doc.projects] == [
        ("Bus à la demande", "argent", "Mobilités"),
        ("Vélos partagés", "argent", "Mobilités"),
        ("Covoiturage rural", "argent", "Mobilités"),
    ]
    assert [[t.name for t in p.territories] for p in doc.projects] == [
        ["Ville de Tours"],
        ["Ville de Blois", "Communauté d'agglomération Agglopolys"],
        ["Département du Cher"],
    ]


def test_unknown_layout_degrades_gracefully(tmp_path):
    """A card whose award line is missing: what is found is output, the doubt is a warning,
    the text nobody placed is kept."""
    s = Sheet(tmp_path / "odd.pdf")
    section(s, "CULTURE")
    s.page().banner("LABEL BRONZE – CULTURE")
    s.para("Un encart de la rédaction, sans rapport.", size=8)
    s.para("Musée virtuel", font=BOLD, size=13, color=NAVY)
    s.para(TEXT)
    s.heading("INNOVATION DU PROJET :")
    s.para("Des visites en ligne.")
    doc = convert(s.save()).document
    [p] = doc.projects
    assert (p.title, p.medal, p.territories) == ("Musée virtuel", "bronze", [])
    assert {"award_missing", "block_missing"} <= {w.code for w in doc.warnings}
    assert [u.text for u in doc.unplaced] == ["Un encart de la rédaction, sans rapport."]


@pytest.mark.parametrize("forced", ["default", None])
def test_profile_is_chosen_by_year_or_forced(tmp_path, forced):
    s = Sheet(tmp_path / "annuaire.pdf", year=2023)
    section(s, "E-SANTÉ")
    standard_card(s, "or", "E-SANTÉ", "la Ville de Pau", "Télésanté", TEXT)
    doc = convert(s.save(), Options(profile=forced or "auto")).document
    assert doc.profile == (forced or "2023")


def test_cards_without_banners_nor_sections_take_the_category_line_above_them(tmp_path):
    s = Sheet(tmp_path / "no_sections.pdf")
    for town, medal in (("Lorient", "d'or"), ("Quimper", "de bronze")):
        s.page(y=100)
        s.text(LEFT, s.y, "ÉDUCATION ET JEUNESSE", BOLD, 12, NAVY)
        s.y = 125
        s.para(
            f"Label {medal} attribué à la Ville de {town}",
            font=BOLD,
            size=10.5,
            color=NAVY,
            gap=0.5,
        )
        s.para(f"Pour le projet « École numérique de {town} »", font=BOLD, size=10.5, color=NAVY)
        s.para(TEXT)
        s.heading("INNOVATION DU PROJET :")
        s.para("Des tablettes.")
    doc = convert(s.save()).document
    assert [(p.title, p.medal, p.category) for p in doc.projects] == [
        ("École numérique de Lorient", "or", "Éducation et jeunesse"),
        ("École numérique de Quimper", "bronze", "Éducation et jeunesse"),
    ]
    assert doc.unplaced == []
