"""Pages → front matter, table of contents, sections, cards (hand-made pages)."""

from collections import Counter

from pipeline.elements import Line
from pipeline.stages import categories, listing, segment, toc

from .conftest import line, page


def card_page(n, medal="OR", category="CYBERSÉCURITÉ", title="Projet"):
    return page(
        n,
        [
            line(f"LABEL {medal} – {category}", 70, size=11.5, bold=True, color="ffffff"),
            line(
                f"Label d'or attribué à la Ville de Lens Pour le projet « {title} »",
                147,
                size=10.5,
                bold=True,
            ),
            line("Du texte.", 180),
        ],
        label=str(n),
    )


def section_page(n, title="CYBERSÉCURITÉ", items=()):
    return page(
        n,
        [line(title, 77, size=21, bold=True, color="ffffff")]
        + [line(f"• {t}", 262 + 21 * i, x0=65.3, size=9.5) for i, t in enumerate(items)],
        label=str(n),
    )


def toc_page(n):
    rows = [
        ("SOMMAIRE GÉNÉRAL", "3", True),
        ("CYBERSÉCURITÉ", "4", True),
        ("Ville de Lens - Projet A", "5", False),
        ("Ville de Lens - Projet B, un titre si long qu'il", None, False),
        ("continue à la ligne", "6", False),
    ]
    lines = [line("Table des matières", 66, size=17, bold=True)]
    for i, (text, number, bold) in enumerate(rows):
        x0 = 56.8 if bold else 68.2
        lines.append(
            line(
                f"{text}{'.' * 40}{number}" if number else text,
                103 + 16 * i,
                x0=x0,
                size=9.5,
                bold=bold,
            )
        )
    return page(n, lines, label=str(n))


def test_pages_are_classified(profile):
    pages = [
        page(1, [line("ANNUAIRE 2031", 390, size=30, bold=True)]),
        toc_page(2),
        page(3, [line("Le jury", 66, size=17, bold=True), line("Texte.", 100)]),
        section_page(4),
        card_page(5, title="Projet A"),
        card_page(6, title="Projet B"),
        page(7, [line("Suite de la carte B.", 100)]),
    ]
    seg = segment.split(pages, profile, 10.0)
    assert seg.kinds == {
        1: "cover",
        2: "toc",
        3: "front_matter",
        4: "section",
        5: "card",
        6: "card",
        7: "card_continued",
    }
    assert [c.pages for c in seg.cards] == [[5], [6, 7]]
    assert seg.cards[0].section.title == "CYBERSÉCURITÉ"
    assert [p.number for p in seg.front_matter] == [1, 3]


def test_two_cards_on_one_page_are_separated(profile):
    lines = list(card_page(5, title="A").lines) + [
        Line(
            ln.text.replace("« A »", "« B »"),
            5,
            ln.x0,
            ln.top + 400,
            ln.x1,
            ln.bottom + 400,
            ln.size,
            ln.bold,
            ln.color,
        )
        for ln in card_page(5, title="A").lines
    ]
    seg = segment.split([section_page(4), page(5, lines)], profile, 10.0)
    assert len(seg.cards) == 2 and all(c.pages == [5] for c in seg.cards)


def test_toc_entries_levels_and_wrapped_entries():
    entries, loose = toc.parse([toc_page(2)])
    assert [(e.level, e.page_label, e.text) for e in entries] == [
        (0, "3", "SOMMAIRE GÉNÉRAL"),
        (0, "4", "CYBERSÉCURITÉ"),
        (1, "5", "Ville de Lens - Projet A"),
        (1, "6", "Ville de Lens - Projet B, un titre si long qu'il continue à la ligne"),
    ]
    assert [ln.text for ln in loose] == ["Table des matières"]


def test_toc_without_leaders_takes_the_number_on_the_same_row():
    p = page(
        2,
        [
            line("Ville de Lens - Projet A", 100, x0=68, width=150),
            line("5", 100, x0=530, width=5),
            line("Ville de Lens - Projet B", 116, x0=68, width=150),
            line("6", 116, x0=530, width=5),
            line("Ville de Lens - Projet C", 132, x0=68, width=150),
            line("7", 132, x0=530, width=5),
        ],
    )
    assert toc.is_toc_page(p)
    assert [(e.text, e.page_label) for e in toc.parse([p])[0]] == [
        ("Ville de Lens - Projet A", "5"),
        ("Ville de Lens - Projet B", "6"),
        ("Ville de Lens - Projet C", "7"),
    ]


def test_listing_entries_in_both_orders_and_on_two_lines(profile):
    section = segment.Section(
        4,
        [line("CYBERSÉCURITÉ", 77, size=21)],
        [
            line("• Bouclier numérique - Ville de Lens (label or)", 262, x0=65.3, size=9.5),
            line("• Département du Nord – Cyber-réflexes (label argent)", 283, x0=65.3, size=9.5),
            line("• Un titre sur sa ligne", 304, x0=65.3, size=9.5),
            line("Communauté de communes du Val (label bronze)", 318, x0=79.5, size=10.5),
            line("Une phrase d'introduction.", 340),
        ],
    )
    found = listing.parse(section, profile, pitch=14.3)
    assert [(i.title, i.territories, i.medal) for i in found.entries] == [
        ("Bouclier numérique", "Ville de Lens", "or"),
        ("Cyber-réflexes", "Département du Nord", "argent"),
        ("Un titre sur sa ligne", "Communauté de communes du Val", "bronze"),
    ]
    assert [s.line.text for s in found.strays] == ["Une phrase d'introduction."]


def test_category_names_get_their_accents_back_from_the_document():
    words = Counter({"numérique": 5, "aménagement": 2, "e-santé": 1})
    assert categories.restore("NUMERIQUE ET AMENAGEMENT", words) == "Numérique et aménagement"
    assert categories.restore("E-SANTE", words) == "E-santé"
    assert categories.restore("Déjà en minuscules", words) == "Déjà en minuscules"
    assert categories.canonical("CYBERSECURITE", ["Cybersécurité"], words) == "Cybersécurité"


def test_a_divider_is_told_by_the_style_of_the_sections_before_it(profile):
    """A section page whose title names no banner's category and that is followed by the rest
    of its listing, not by a card: its heading's style, the dividers' style, makes it a
    section — not a page of the card before it."""
    pages = [
        section_page(4),
        card_page(5, title="Projet A"),
        section_page(6, title="ÉCOLES ET JEUNESSE", items=["Projet B – Ville de Dax"]),
        page(7, [line("• Projet C – Ville de Pau", 100)]),
        card_page(8, category="ÉDUCATION", title="Projet B"),
    ]
    seg = segment.split(pages, profile, 10.0)
    assert seg.kinds[6] == "section" and [c.pages for c in seg.cards] == [[5], [8]]
    assert seg.cards[1].section.title == "ÉCOLES ET JEUNESSE"


def test_the_side_column_of_the_card_above_heads_no_card():
    """Two cards on one page, each with a side column: the first card's side column, read
    just before the second card's title, stands far above it — it is not the second card's
    head; the second card's own side column, level with its title, is."""
    title = line("Jumeau numérique du centre-ville", 391, x0=50, size=15.5, bold=True)
    assert not segment.in_head(line("Dordogne", 136, x0=405), title)
    assert segment.in_head(line("Culture et patrimoine", 389, x0=405), title)
    assert segment.in_head(line("ARGENT", 369, x0=54), title)
