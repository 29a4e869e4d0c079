"""Enrichment of the 2023 reference yearbook against the facts its front matter states and
against hand annotations of its cards (tests/data/annotations_2023.json): eight for all the
enrichment, sixteen for the entities."""

import re

import pytest

from .scoring import annotated_cards, entity_scores

CARDS = annotated_cards()
# annotated for all the enrichment, not for the entities only
FULL = [c for c in CARDS if "territories" in c]


@pytest.fixture(scope="module")
def projects(sample_doc):
    return {p.id: p for p in sample_doc.projects}


def test_the_edition_facts(sample_doc):
    e = sample_doc.edition
    assert (e.year, e.applications, e.auditioned, e.labelled) == (2023, 58, 38, 25)
    assert len(e.jury) == 19 and all(m.organisation for m in e.jury)
    assert (e.jury[0].name, e.jury[0].organisation) == ("Julien Anselme", "Orange")
    assert ("Clément Baylac", "Intercommunalités de France") in [
        (m.name, m.organisation) for m in e.jury
    ]
    # the two columns of the list are read one after the other: the left one ends with Barbara
    # Cuffini-Valero
    members = [(m.name, m.organisation) for m in e.jury]
    assert members[9] == ("Barbara Cuffini-Valero", "ANCT") and members[-1] == (
        "Benjamin Szames",
        "Microsoft",
    )
    assert e.criteria == [
        "Innovation",
        "Prise en compte des usagers et impact social du projet",
        "Reproductibilité",
        "Mutualisation / interopérabilité",
        "ROI (utilité / efficacité)",
        "Sobriété numérique et impact climatique",
    ]
    c = e.ceremony
    assert (c.date.text, c.date.start, c.date.end, c.venue, c.city) == (
        "les 22 et 23 mars 2023",
        "2023-03-22",
        "2023-03-23",
        "Espaces Vanel",
        "Toulouse",
    )
    section = sample_doc.front_matter[c.section]
    assert section.text[c.date.offset : c.date.offset + len(c.date.text)] == c.date.text
    assert e.next_edition.year == 2024
    assert [(s.step, s.date.text, s.date.value) for s in e.next_edition.calendar] == [
        ("applications_close", "31 novembre 2023", None),
        ("selection_notice", "18 décembre 2023", "2023-12-18"),
        ("auditions", "janvier 2024", "2024-01"),
        ("results", "février 2024", "2024-02"),
        ("ceremony", "mars 2024", "2024-03"),
    ]


def test_the_impossible_closing_date_is_a_warning(sample_doc):
    [w] = [w for w in sample_doc.warnings if w.code == "date_invalid"]
    assert "31 novembre 2023" in w.message and w.pages == [6]


@pytest.mark.parametrize("card", FULL, ids=[c["id"][5:40] for c in FULL])
def test_territories_dates_and_figures_of_annotated_cards(card, projects):
    p = projects[card["id"]]
    # what the annotations say of each territory: as read, and its code in the registry
    assert [
        {key: t.model_dump()[key] for key in want}
        for t, want in zip(p.territories, card["territories"], strict=True)
    ] == card["territories"]
    for field, want in card["fields"].items():
        assert [(d.text, d.value, d.precision) for d in p.dates if d.field == field] == [
            (d["text"], d["value"], d["precision"]) for d in want["dates"]
        ], field
        assert [(f.text, f.value, f.unit, f.counts) for f in p.figures if f.field == field] == [
            (f["text"], f["value"], f["unit"], f["counts"]) for f in want["figures"]
        ], field


@pytest.mark.parametrize("design", ["sample_doc", "brochure_doc", "both"])
def test_entity_precision_and_recall_on_annotated_cards(design, request):
    """Organisations, places, persons, programmes and products, on the sixteen cards annotated
    by hand, as the reference and the brochure print them (32 cards together); the issue asks
    0.95 and 0.8."""
    docs = ["sample_doc", "brochure_doc"] if design == "both" else [design]
    counts = [entity_scores(request.getfixturevalue(d), CARDS) for d in docs]
    right, wrong, missed = (sum(c) for c in zip(*counts, strict=True))
    assert len(CARDS) * len(docs) >= 15
    assert right / (right + wrong) >= 0.95
    assert right / (right + missed) >= 0.8


def test_entities_carry_the_registrys_codes(sample_doc):
    """The territories the blocks name get their code: as the yearbook's territories, as an
    institution's name, as a place of the registry ("jusqu'à Blois")."""
    coded = {(e.text, e.source, e.code) for p in sample_doc.projects for e in p.entities if e.code}
    assert {
        ("Ville de Paris", "rule", "75056"),
        ("Conseil Départemental du Finistère", "rule", "29"),
        ("Blois", "registry", "41018"),
        ("Loir-et-Cher", "registry", "41"),
    } <= coded


@pytest.mark.parametrize("design", ["sample_doc", "brochure_doc"])
def test_no_entity_is_a_verb_or_a_piece_of_a_word(design, request):
    """Every entity of the reference yearbook and of the brochure: whole words, and no one-word
    entity that the model's own part-of-speech tagger (loaded here, unlike in the pipeline)
    calls a verb where it stands ("Pour Garantir l'accès", "Facile à Lire et à Comprendre")."""
    import spacy

    tagger = spacy.load("fr_core_news_sm", exclude=["ner", "parser", "lemmatizer"])
    for p in request.getfixturevalue(design).projects:
        for e in p.entities:
            text = getattr(p, e.field)
            end = e.offset + len(e.text)
            assert not text[e.offset - 1 : e.offset].isalnum(), (p.id, e)
            assert not text[end : end + 1].isalnum(), (p.id, e)
            if re.fullmatch(r"\w+", e.text):
                [word] = [t for t in tagger(text) if t.idx == e.offset]
                assert word.pos_ not in ("VERB", "AUX"), (p.id, e)


@pytest.mark.parametrize("design", ["sample_doc", "brochure_doc"])
def test_a_partner_named_by_its_kind(design, request):
    """ "la société Geonov": a rule finds it, which the model missed."""
    [card] = [p for p in request.getfixturevalue(design).projects if "lebontag" in p.id]
    assert ("Geonov", "ORG", "rule") in [(e.text, e.label, e.source) for e in card.entities]


def test_every_mention_points_into_its_field(sample_doc):
    for p in sample_doc.projects:
        for m in p.dates + p.figures + p.entities:
            text = getattr(p, m.field)
            assert text[m.offset : m.offset + len(m.text)] == m.text, (p.id, m)
    for s in sample_doc.front_matter:
        assert all(s.text[d.offset : d.offset + len(d.text)] == d.text for d in s.dates)


def test_territories_are_named_after_their_place(sample_doc):
    places = {t.canonical: t.place for p in sample_doc.projects for t in p.territories}
    assert places["Département de la Loire"] == "Loire"
    assert places["Conseil départemental de la Drôme"] == "Drôme"
    assert places["Ville d'Ajaccio"] == "Ajaccio"
