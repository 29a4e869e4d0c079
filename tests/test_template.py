"""The card template learnt from repetition, and what it lets the stages read without wordings:
cards opened at their titles, medals anywhere in the head, fields under unknown labels, block
roles from word families, rank and elimination, blocks told by their type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.profiles.profile import load
from pipeline.stages import blocks, head, layout, segment, template
from pipeline.stages.card import parse as parse_card
from pipeline.stages.segment import CardSpan

from .conftest import line, page, stack

NAVY, GREY, TEXT, WHITE = "1b365d", "737378", "222222", "ffffff"
MEDALS = ("or", "argent", "bronze")


def card_page(number: int, medal: str, title: str, headings=("LE DÉFI", "CE QUI CHANGE")) -> list:
    """A card of a design no profile knows: a badge, a title, a field under an unknown label,
    an intro and two blocks under unseen headings."""
    lines = [
        line(medal.upper(), 60, x0=400, size=8, bold=True, color=WHITE),
        line(title, 80, size=18, bold=True, color=NAVY),
        line("Porté par", 110, size=9, bold=True, color=GREY),
        line("Ville de Lens", 122, size=10),
        *stack(["Le service est ouvert aux familles depuis deux ans.", "Il plaît."], 150),
    ]
    top = 200.0
    for heading in headings:
        lines.append(line(heading, top, size=10, bold=True, color=NAVY))
        lines += stack([f"Texte du bloc {heading.lower()} pour {title}."], top + 16)
        top += 60
    return page(number, lines)


def yearbook(headings=("LE DÉFI", "CE QUI CHANGE"), count: int = 6) -> list:
    return [
        card_page(n + 1, MEDALS[n % 3], f"Projet numéro {n + 1}", headings) for n in range(count)
    ]


def test_medal_tokens_are_short_lines_naming_a_medal():
    assert template.medal_in("OR") == "or"
    assert template.medal_in("Label d'argent") == "argent"
    assert template.medal_in("Distinction : Bronze") == "bronze"
    assert template.medal_in("● Médaille d'or") == "or"  # a drawn dot before it
    assert template.medal_in("Or, le projet a permis de relier les communes.") is None
    assert template.medal_in("Les élus ont choisi l'or pour la façade") is None
    assert template.medal_in("TOURISME OR") == "or"  # a kicker, then its medal
    assert template.medal_in("Tourisme or") is None


def test_a_medal_up_the_margin_is_no_table_cell():
    """A rotated word level with two columns of text is read as the card's medal, not as the
    cell of a table (nor joined to a table row)."""
    word = replace(line("LABEL OR", 150, x0=20, bold=True, color=NAVY), rotated=True)
    columns = [line("Un texte", 150, x0=60), line("Un autre", 150, x0=300)]
    assert not template.in_table_row(word, [word, *columns])
    assert template.in_table_row(columns[0], [word, *columns, line("Et un", 150, x0=450)])
    assert word in layout.table_rows([word, *columns, *stack(["x", "y"], 170)])


def test_a_badge_level_with_a_title_and_a_side_column_is_no_table_cell():
    """A table's cells share one size; a badge's word level with a title's second line and a
    side column's value is the card's medal token."""
    badge = line("Argent", 90, x0=339, size=9.0, bold=True, color=WHITE)
    title = line("centre-ville »", 92, x0=50, size=16.0, bold=True, color=NAVY)
    aside = line("Ville de Tours", 92, x0=405, size=9.0)
    assert not template.in_table_row(badge, [badge, title, aside])
    cells = [line(text, 90, x0=x, size=9.0) for text, x in (("Projet", 50), ("Ville", 300))]
    assert template.in_table_row(badge, [badge, *cells])


def test_template_finds_title_medal_and_heading_styles():
    pages = yearbook()
    learnt = template.learn(pages, 10.0)
    assert learnt.title == template.Style(18.0, True, NAVY)
    assert learnt.medal == {template.Style(8.0, True, WHITE)}
    assert learnt.headings == {template.Style(10.0, True, NAVY)}
    assert learnt.cards == 6 and learnt.medals_counted


def test_a_divider_pages_title_is_no_card_title():
    """Dividers set in a larger style as often as the medals, but on pages without a medal:
    the card title is the style that stands beside the medals."""
    dividers = [
        page(100 + n, [line(f"Catégorie {n}", 80, size=22, bold=True, color=WHITE)])
        for n in range(5)
    ]
    learnt = template.learn(yearbook(count=5) + dividers, 10.0)
    assert (learnt.title, learnt.cards) == (template.Style(18.0, True, NAVY), 5)


def test_a_title_wrapping_over_lines_read_apart_is_one_run():
    """A side column read between a title's two lines does not make it two titles."""
    first = line("Un titre qui passe", 80, x0=200, size=18, bold=True, color=NAVY)
    aside = line("Ville de Lens", 90, x0=40, size=10)
    second = line("sur deux lignes", 100, x0=200, size=18, bold=True, color=NAVY)
    assert template.runs([first, aside, second]) == [[first, second], [aside]]


def test_cards_open_at_their_titles_with_the_head_above_them():
    pages = yearbook()
    learnt = template.learn(pages, 10.0)
    found = segment.split(pages, segment_profile(), 10.0, learnt)
    assert len(found.cards) == 6
    assert all(span.lines[0].text in ("OR", "ARGENT", "BRONZE") for span in found.cards)


def test_two_cards_sharing_a_page_are_two_cards():
    one, two = card_page(1, "or", "Premier"), card_page(1, "argent", "Second")
    lower = [replace(ln, top=ln.top + 380, bottom=ln.bottom + 380) for ln in two.lines]
    shared = page(1, list(one.lines) + lower)
    pages = [shared] + yearbook()[1:]
    learnt = template.learn(pages, 10.0)
    found = segment.split(pages, segment_profile(), 10.0, learnt)
    assert [span.pages[0] for span in found.cards][:2] == [1, 1]


def test_a_title_printed_again_on_the_next_page_continues_the_card(profile):
    pages = yearbook()
    first = pages[0]
    again = page(
        2,
        [line("Projet numéro 1 (suite)", 80, size=18, bold=True, color=NAVY)]
        + stack(["La suite du bloc."], 120),
    )
    pages = [first, again] + [replace(p, number=p.number + 1) for p in pages[1:]]
    pages = [page(p.number, p.lines) for p in pages]
    learnt = template.learn(pages, 10.0)
    found = segment.split(pages, segment_profile(), 10.0, learnt)
    assert len(found.cards) == 6 and found.cards[0].pages == [1, 2]
    card = parse_card(found.cards[0], profile, None, 13.6, 10.0, learnt, {})
    assert "(suite)" not in (card.blocks["apports"] or "") + (card.summary or "")
    assert [stray.line.text for stray in card.strays] == ["Projet numéro 1 (suite)"]


def test_a_report_with_recurring_headings_is_not_cut_into_cards():
    """Without medals to count them, no card opens at a recurring style."""
    pages = [
        page(n, [line(f"Chapitre {n}", 80, size=18, bold=True), *stack(["Du texte."], 120)])
        for n in range(1, 6)
    ]
    learnt = template.learn(pages, 10.0)
    assert not learnt.medals_counted
    assert not segment.split(pages, segment_profile(), 10.0, learnt).cards


def test_fields_are_told_by_their_value_not_their_label(profile):
    lines = list(card_page(1, "or", "Projet").lines)[2:]  # the head's lines after the title
    facts = head.read_facts(lines, template.learn(yearbook(), 10.0), None, profile)
    assert facts.territories == "Ville de Lens"
    assert [ln.text for ln in facts.territory_lines] == ["Porté par", "Ville de Lens"]


def test_territory_names_stop_before_the_intro(profile):
    """Names one per line, in the type of the intro that follows: the intro is no territory."""
    lines = [
        line("Acteurs :", 100, bold=True, color=GREY),
        line("Communauté de", 112),
        line("communes du Haut-Jura", 124),
        line("Mairie de Dieppe", 136),
        line("Le projet s'adresse d'abord aux familles", 148),
    ]
    facts = head.read_facts(lines, template.Template(), None, profile)
    assert facts.territories == "Communauté de communes du Haut-Jura ; Mairie de Dieppe"


def test_a_titles_last_line_labels_nothing():
    """A title wrapped over two lines, set above a short bold label ("Avec") and its value: the
    title's last line is no bare label, the label names the territory."""
    learnt = template.learn(yearbook(), 10.0)
    lines = [
        line("« Dématérialisation des autorisations", 74, size=18, bold=True, color=NAVY),
        line("d'urbanisme »", 94, size=18, bold=True, color=NAVY),
        line("Avec", 118, bold=True, color=GREY),
        line("Commune de Colmar", 132),
    ]
    assert [(field.label, field.value) for field in head.fields(lines, learnt)] == [
        ("Avec", "Commune de Colmar")
    ]


def test_an_inline_label_is_learnt_from_its_repetition(profile):
    """ "Porté par" opens a head line on every card before a name of its own, without a colon:
    a label. "Ville de" too opens most cards' lines, but it tells the territory's kind: part of
    the name."""
    values = ["Tours Métropole", "Ville d'Angoulême", "Département des Vosges", "Mairie de Dax"]
    heads = [
        [line(f"Projet {n}", 80, size=18, bold=True), line(f"Porté par {value}", 100)]
        for n, value in enumerate(values)
    ]
    towns = [[line(f"Ville de {town}", 100)] for town in ("Lens", "Dax", "Albi", "Metz")]
    assert head.learn_labels(heads + towns, profile) == {"Porté par"}
    learnt = replace(template.Template(), labels=frozenset({"Porté par"}))
    facts = head.read_facts(heads[0], learnt, None, profile)
    assert facts.territories == "Tours Métropole"


def test_territories_in_bold_without_a_label_are_no_heading(profile):
    """Each card names its territories on one bold line, commas between them, as its headings
    are set: the names are the territories, not a block ("départemental" is no "départ")."""
    pages = [
        page(
            n + 1,
            [
                line(f"Projet {n}", 80, size=18, bold=True, color=NAVY),
                line(
                    f"Ville de {town}, Syndicat départemental d'énergies de la Marne",
                    100,
                    bold=True,
                ),
                *stack(["Le service est ouvert aux familles depuis deux ans."], 120),
                line("LE DÉFI", 150, bold=True),
                *stack(["Il fallait agir."], 166),
            ],
        )
        for n, town in enumerate(("Lens", "Dax", "Albi", "Metz"))
    ]
    learnt = template.learn(pages, 10.0)
    roles = blocks.learn_roles([(list(p.lines), None) for p in pages], profile, learnt)
    assert list(roles) == ["le defi"]
    facts = head.read_facts(list(pages[0].lines), learnt, None, profile)
    assert facts.territories == "Ville de Lens, Syndicat départemental d'énergies de la Marne"


def test_a_long_line_of_territories_joined_by_et_is_read(profile):
    """Eleven words, two names joined by " et ", no label: the territories."""
    lines = [line("Mairie de Besançon et Syndicat mixte des eaux de la Vendée", 100, bold=True)]
    facts = head.read_facts(lines, template.Template(), None, profile)
    assert facts.territories == "Mairie de Besançon et Syndicat mixte des eaux de la Vendée"


def test_a_side_columns_labels_go_with_their_values(profile):
    """ "Catégorie" in small grey type above the category, "Territoire(s) :" above a name cut
    before a lower-case word: both labels are taken with their values, none is left to leak
    into the card's text."""
    lines = [
        line("Catégorie", 120, x0=405, size=7.5, color=GREY),
        line("Mobilités", 130, x0=405, size=8.5, bold=True, color=NAVY),
        line("Territoire(s) :", 152, x0=405, size=8, bold=True, color=GREY),
        line("Syndicat mixte des eaux", 162, x0=405),
        line("du Jura", 174, x0=405),
    ]
    facts = head.read_facts(lines, template.Template(), "Mobilités", profile)
    assert facts.territories == "Syndicat mixte des eaux du Jura"
    assert [ln.text for ln in facts.category_lines] == ["Catégorie", "Mobilités"]
    assert len(facts.territory_lines) == 3


def test_a_name_ending_in_a_short_capitalised_word_is_a_name():
    """ "Syndicat intercommunal d'énergie du Var": "Var" counts among the capitals."""
    assert head.name_like("Syndicat intercommunal d'énergie du Var")
    assert not head.name_like("Le projet s'adresse d'abord aux")


def test_a_label_is_no_value_of_the_line_above_it():
    """The category in bold over "Avec" over the territory: "Avec" labels the territory, it is
    not the category's value."""
    lines = [
        line("Culture et patrimoine", 389, x0=405, size=8.5, bold=True, color=NAVY),
        line("Avec", 411, x0=405, size=8, bold=True, color=GREY),
        line("Communauté urbaine de Tours", 422, x0=405, size=8.5),
    ]
    assert [(f.label, f.value) for f in head.fields(lines, template.Template())] == [
        ("Avec", "Communauté urbaine de Tours")
    ]


def test_unlabelled_side_column_names_territories(profile):
    lines = [line("Région Normandie", 100, x0=40), line("Mairie de Vitré", 112, x0=40)]
    facts = head.read_facts(lines, template.Template(), None, profile)
    assert facts.territories == "Région Normandie ; Mairie de Vitré"


@pytest.mark.parametrize(
    "wording, role",
    [
        ("Ce qui est nouveau", "innovation"),
        ("Le défi", "problematique"),
        ("Pourquoi ce projet ?", "problematique"),
        ("Bénéfices constatés", "apports"),
        ("Le projet en bref", "summary"),
        ("Ce qui change", None),
    ],
)
def test_lexicon_gives_unseen_headings_their_role(profile, wording, role):
    assert blocks.lexicon_role(blocks.wording(wording), profile) == role


def test_a_heading_no_word_family_names_takes_the_free_role_by_rank(profile):
    """ "Ce qui change" names no block; the cards print "Le défi" (problématique) before it and
    nothing else: it takes the block their cards leave free at its rank, and is a guess."""
    pages = yearbook(headings=("CE QUI CHANGE", "LE DÉFI", "BÉNÉFICES CONSTATÉS"))
    learnt = template.learn(pages, 10.0)
    roles = blocks.learn_roles([(list(p.lines), None) for p in pages], profile, learnt)
    assert roles["ce qui change"] == blocks.Role("innovation", "rank")
    assert roles["le defi"] == blocks.Role("problematique", "lexicon")
    assert roles["benefices constates"] == blocks.Role("apports", "lexicon")


def test_the_first_of_four_headings_no_word_names_is_the_intros(profile):
    """Cards that title their intro with words no family names ("L'essentiel") and their three
    blocks: the first heading is the summary's, never a second problématique."""
    pages = yearbook(headings=("L'ESSENTIEL", "LE DÉFI", "CE QUI EST NOUVEAU", "BÉNÉFICES"))
    learnt = template.learn(pages, 10.0)
    roles = blocks.learn_roles([(list(p.lines), None) for p in pages], profile, learnt)
    assert roles["l essentiel"] == blocks.Role("summary", "rank")
    assert roles["le defi"].role == "problematique"


def test_a_heading_wrapped_over_two_lines_is_one_heading(profile):
    """ "Le projet a-t-il permis de répondre à une problématique" / "du territoire ?": the
    second line goes on with the first, it is no fourth heading (which would make the first
    heading of the card the intro's)."""

    def card(n: int) -> list:
        heads = [
            ("CE QUI CHANGE", 200),
            ("Le projet a-t-il permis de répondre à une problématique", 260),
            ("du territoire ?", 272),
            ("QU'A APPORTÉ LE PROJET ?", 330),
        ]
        lines = [
            line("OR", 60, x0=400, size=8, bold=True, color=WHITE),
            line(f"Projet {n}", 80, size=18, bold=True, color=NAVY),
            *stack(["Le service est ouvert aux familles depuis deux ans."], 150),
            *(line(text, top, bold=True, color=NAVY) for text, top in heads),
            *stack(["Un texte", "sur deux lignes."], 216),
            *stack(["Un autre texte", "sur deux lignes."], 288),
            *stack(["Un dernier texte", "sur deux lignes."], 346),
        ]
        return page(n, sorted(lines, key=lambda ln: ln.top))

    pages = [card(n) for n in range(1, 5)]
    learnt = template.learn(pages, 10.0)
    roles = blocks.learn_roles([(list(p.lines), None) for p in pages], profile, learnt)
    assert roles["ce qui change"].role == "innovation" and "du territoire" not in roles
    parsed = parse_card(
        CardSpan(list(pages[0].lines), None), profile, None, 13.6, 10.0, learnt, roles
    )
    assert parsed.headings["problematique"].endswith("problématique du territoire ?")
    assert parsed.blocks["problematique"] == "Un autre texte sur deux lignes."


def test_card_without_known_wordings_is_read(profile):
    pages = yearbook(headings=("CE QUI EST NOUVEAU", "LE DÉFI", "BÉNÉFICES CONSTATÉS"))
    learnt = template.learn(pages, 10.0)
    roles = blocks.learn_roles([(list(p.lines), None) for p in pages], profile, learnt)
    card = parse_card(
        CardSpan(list(pages[0].lines), None), profile, None, 13.6, 10.0, learnt, roles
    )
    assert (card.medal, card.title) == ("or", "Projet numéro 1")
    assert [t.name for t in card.territories] == ["Ville de Lens"]
    assert card.blocks["problematique"] == "Texte du bloc le défi pour Projet numéro 1."
    assert card.summary.startswith("Le service est ouvert")


def test_run_in_label_in_a_style_of_its_own_is_a_heading():
    styled = replace(line("Le point de départ : il fallait agir.", 100), lead=16)
    assert blocks.styled_heading(styled, template.Template()) == (
        "Le point de départ :",
        "il fallait agir.",
    )
    plain = line("Le point de départ : il fallait agir.", 100)
    assert blocks.styled_heading(plain, template.Template()) is None


def test_blocks_told_by_their_type_alone():
    body = [
        *stack(["L'intro du projet."], 100, color=TEXT),
        *stack(["Ce qui innove."], 130, color="1a4073"),
        *stack(["Le problème."], 160, color="662e1a"),
        *stack(["Les apports."], 190, color="1f592e"),
    ]
    sections = blocks.style_sections(body)
    assert [(role, [ln.text for ln in lines]) for role, _, lines in sections] == [
        ("summary", ["L'intro du projet."]),
        ("innovation", ["Ce qui innove."]),
        ("problematique", ["Le problème."]),
        ("apports", ["Les apports."]),
    ]
    assert blocks.style_sections(body[:2]) is None


def segment_profile():
    return load("default")


def test_a_side_column_read_before_its_banner_heads_the_card():
    """A left column running down beside the card is read first: its names go with the banner
    beside it, not with the previous card."""
    earlier = line("la fin du texte de la carte précédente", 60, x0=200)
    side = [line("Acteurs :", 100, x0=40, bold=True), line("Ville de Mâcon", 160, x0=40)]
    banner = line("LABEL OR – CULTURE", 80, x0=200, bold=True)
    shown = page(1, [earlier, *side, banner])
    assert segment.with_side_head(shown, [3]) == [1]
