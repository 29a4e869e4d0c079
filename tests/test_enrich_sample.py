"""Enrichment of the 2023 reference yearbook against the facts its front matter states and
against hand annotations of eight cards (tests/data/annotations_2023.json)."""

import json
from collections import Counter
from pathlib import Path

import pytest

ANNOTATIONS = json.loads(
    (Path(__file__).parent / "data" / "annotations_2023.json").read_text(encoding="utf-8")
)
CARDS = ANNOTATIONS["cards"]


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


@pytest.mark.parametrize("card", CARDS, ids=[c["id"][5:40] for c in CARDS])
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


def test_entity_precision_on_annotated_cards(projects):
    right = wrong = 0
    for card in CARDS:
        p = projects[card["id"]]
        for field, want in card["fields"].items():
            found = Counter((e.text, e.label) for e in p.entities if e.field == field)
            hits = found & Counter(tuple(x) for x in want["entities"])
            right += sum(hits.values())
            wrong += sum((found - hits).values())
    assert right / (right + wrong) >= 0.8


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
