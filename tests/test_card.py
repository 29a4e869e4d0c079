"""One card read from hand-made lines: header, title, summary and blocks."""

from dataclasses import replace

from pipeline.stages import blocks, card
from pipeline.stages.segment import CardSpan
from pipeline.stages.template import Style

from .conftest import line, stack

ACCENT = "1e5ea7"
DARK = "1b365d"


def banner(text="LABEL ARGENT – TERRITOIRE INCLUSIF"):
    return line(text, 70.5, size=11.5, bold=True, color="ffffff")


def heading(text, top):
    return line(text, top, bold=True, color=ACCENT)


def parse(lines, profile):
    return card.parse(CardSpan(lines, None), profile, pitch=13.6)


def standard_card(
    problem_heading="LE PROJET A-T-IL PERMIS DE REPONDRE A UNE PROBLEMATIQUE DU TERRITOIRE ?",
):
    return [
        banner(),
        line(
            "Label d'argent attribué à la Ville de Brive et la Communauté d'agglomération "
            "du Bassin",
            147.7,
            size=10.5,
            bold=True,
            color=DARK,
        ),
        line("Pour le projet « Un guichet", 162.0, size=10.5, bold=True, color=DARK),
        line("unique »", 176.3, size=10.5, bold=True, color=DARK),
        *stack(["Le guichet rassemble les démarches en", "un seul lieu."], top=196),
        heading("INNOVATION DU PROJET :", 240),
        *stack(["Une première en France."], top=256),
        heading(problem_heading, 280),
        line("• Des délais réduits", 296, x0=65.3, size=9.5),
        line("• Moins de papier", 311, x0=65.3, size=9.5),
        heading("LES APPORTS DU PROJET :", 340),
        *stack(["Des usagers satisfaits."], top=356),
    ]


def test_standard_card(profile):
    c = parse(standard_card(), profile)
    assert c.medal == "argent"
    assert c.category_raw == "TERRITOIRE INCLUSIF"
    assert c.title == "Un guichet unique"
    assert [(t.name, t.kind) for t in c.territories] == [
        ("Ville de Brive", "commune"),
        ("Communauté d'agglomération du Bassin", "communaute_d_agglomeration"),
    ]
    assert c.summary == "Le guichet rassemble les démarches en un seul lieu."
    assert c.blocks == {
        "innovation": "Une première en France.",
        "problematique": "- Des délais réduits\n- Moins de papier",
        "apports": "Des usagers satisfaits.",
    }
    assert c.headings["innovation"] == "INNOVATION DU PROJET :"
    assert not c.notes and not c.strays
    assert c.provenance["title"][0].top == 162.0


def test_heading_misprints_and_punctuation_are_recognised(profile):
    for wording in (
        "LE PROJET A-T-IL PERMIS DE REPENDRE A UNE PROBLEMATIQUE DU TERRITOIRE ?",
        "LE PROJET A-T-IL PERMIS DE REONDRE A UNE PROBLEMATIQUE DU TERRITOIRE :",
        "Le projet a-t-il permis de répondre à une problématique du territoire",
        "Problématique du territoire :",
    ):
        c = parse(standard_card(wording), profile)
        assert c.blocks["problematique"] == "- Des délais réduits\n- Moins de papier", wording


def test_a_heading_wrapped_over_two_lines(profile):
    lines = standard_card()
    lines[8:9] = [
        heading("LE PROJET A-T-IL PERMIS DE RÉPONDRE A UNE", 280),
        heading("PROBLÉMATIQUE DU TERRITOIRE ?", 290),
    ]
    c = parse(lines, profile)
    assert c.blocks["problematique"] == "- Des délais réduits\n- Moins de papier"
    assert c.headings["problematique"].endswith("PROBLÉMATIQUE DU TERRITOIRE ?")


def test_a_sentence_starting_like_a_heading_is_text(profile):
    lines = standard_card()
    lines[7] = line("L'innovation du projet porte sur :", 256)
    c = parse(lines, profile)
    assert c.blocks["innovation"] == "L'innovation du projet porte sur :"


def test_run_in_labels_start_their_blocks(profile):
    lines = [
        banner("LABEL OR – E-SANTÉ"),
        line(
            "Label d'or attribué au Conseil départemental de l'Ain",
            147.7,
            size=10.5,
            bold=True,
            color=DARK,
        ),
        line("Pour le projet « Télésanté »", 162, size=10.5, bold=True, color=DARK),
        line("Un projet de télésanté.", 190),
        line("Innovation : une cabine connectée", 210),
        line("dans chaque canton.", 223.6),
        line("Problématique : les déserts médicaux.", 245),
        line("Apports : 300 consultations.", 265),
    ]
    c = parse(lines, profile)
    assert c.blocks == {
        "innovation": "une cabine connectée dans chaque canton.",
        "problematique": "les déserts médicaux.",
        "apports": "300 consultations.",
    }
    assert c.headings["innovation"] == "Innovation :"


def test_title_without_quotes_ends_with_the_header_style(profile):
    lines = standard_card()
    lines[2:4] = [
        line("Pour le projet CARTE PASS, une carte pour", 162.0, size=10.5, bold=True, color=DARK),
        line("les aides", 176.3, size=10.5, bold=True, color=DARK),
    ]
    c = parse(lines, profile)
    assert c.title == "CARTE PASS, une carte pour les aides"
    assert c.summary == "Le guichet rassemble les démarches en un seul lieu."


def test_title_on_the_award_line_in_another_size(profile):
    lines = standard_card()
    lines[1:4] = [
        line(
            "Label d'argent attribué à la Ville de Brive", 147.7, size=11.5, bold=True, color=DARK
        ),
        line("Pour le projet « Un guichet unique »", 165.4, size=10.5, bold=True, color=DARK),
    ]
    c = parse(lines, profile)
    assert (c.title, [t.name for t in c.territories]) == ("Un guichet unique", ["Ville de Brive"])


def test_missing_block_is_null_and_noted(profile):
    c = parse(standard_card()[:-2], profile)
    assert c.blocks["apports"] is None
    [noted] = card.template_gaps([c])
    assert ("block_missing", "the card has no 'apports' block") in noted.notes


def test_block_missing_only_where_the_template_has_the_block(profile):
    """A block no other card titles is no block this design has: nothing is missing."""
    whole, short = parse(standard_card(), profile), parse(standard_card()[:-2], profile)
    noted = card.template_gaps([whole, short, whole])
    assert ("block_missing", "the card has no 'apports' block") in noted[1].notes
    unnoted = card.template_gaps([short, short, short])
    assert all(code != "block_missing" for card in unnoted for code, _ in card.notes)


def test_award_missing_only_where_the_template_prints_award_lines(profile):
    """A design that names its laureates without an award line lacks none; in one that prints
    them, the card without its line is noted."""
    awarded = parse(standard_card(), profile)
    bare = replace(awarded, award_printed=False)
    noted = card.template_gaps([awarded, bare, awarded])
    assert [code for code, _ in noted[1].notes] == ["award_missing"]
    unnoted = card.template_gaps([bare, bare, bare])
    assert all(code != "award_missing" for c in unnoted for code, _ in c.notes)


def test_text_between_banner_and_award_is_kept_as_stray(profile):
    lines = standard_card()
    lines.insert(1, line("Un encart inattendu", 110))
    c = parse(lines, profile)
    assert [s.line.text for s in c.strays] == ["Un encart inattendu"]
    assert c.title == "Un guichet unique"


def test_medal_disagreement_between_banner_and_award_line_is_noted(profile):
    lines = standard_card()
    lines[0] = banner("LABEL OR – TERRITOIRE INCLUSIF")
    c = parse(lines, profile)
    assert c.medal == "or" and c.notes[0][0] == "medal_mismatch"


def test_headings_of_other_editions_and_a_heading_over_the_intro(profile):
    lines = [
        banner(),
        line("Lauréat : Ville de Vannes", 147.7, size=10.5, bold=True, color=DARK),
        line("Projet : Guichet unique", 162.0, size=10.5, bold=True, color=DARK),
        heading("PRÉSENTATION DU PROJET", 190),
        line("Un guichet pour toutes les démarches.", 206),
        heading("Les points innovants :", 230),
        line("Une première.", 246),
        heading("Enjeux du territoire", 270),
        line("Des délais trop longs.", 286),
        heading("Impacts", 310),
        line("Des usagers satisfaits.", 326),
    ]
    c = parse(lines, profile)
    assert (c.title, c.summary) == ("Guichet unique", "Un guichet pour toutes les démarches.")
    assert c.blocks == {
        "innovation": "Une première.",
        "problematique": "Des délais trop longs.",
        "apports": "Des usagers satisfaits.",
    }
    assert c.headings["summary"] == "PRÉSENTATION DU PROJET"


def test_blocks_told_by_their_types_across_the_yearbook():
    """A yearbook that titles no text sets each in a colour of its own: the colours its cards
    agree on tell the texts of a card that lacks one, or whose texts go on over two pages."""
    body, innovation, problem, gains = "212121", "1a4073", "662e1a", "1f592e"
    typed = [
        (
            ("summary", Style(10.0, False, body)),
            ("innovation", Style(10.0, False, innovation)),
            ("problematique", Style(10.0, False, problem)),
            ("apports", Style(10.0, False, gains)),
        )
    ] * 3
    types = blocks.learn_types(typed)
    lines = [
        line("Le service est ouvert.", 100, color=body),
        line("Il fallait agir.", 120, color=problem),
        line("Les élus saluent le service.", 140, color=gains),
        line("Il fallait aussi relier les communes.", 160, color=problem, page=2),
    ]
    sections = blocks.style_sections(lines, types)
    assert [(role, [ln.text for ln in found]) for role, _, found in sections] == [
        ("summary", ["Le service est ouvert."]),
        ("problematique", ["Il fallait agir.", "Il fallait aussi relier les communes."]),
        ("apports", ["Les élus saluent le service."]),
    ]
    disputed = blocks.learn_types(typed + [(("summary", Style(10.0, False, problem)),)] * 3)
    assert Style(10.0, False, problem) not in disputed  # half its cards say otherwise
