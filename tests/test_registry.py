"""The registry of local governments: the shipped data, names matched against it (hand-made
names and the 2023 reference), territories split with its help, and the SQLite awards of one
territory across two generated editions printed under different names."""

import gzip
import json
import sqlite3

import pytest

from pipeline.conversion import convert
from pipeline.options import Options
from pipeline.outputs import sqlite
from pipeline.registry import data, link_card, load, lookup, names_a_territory, registered
from pipeline.registry.normalise import keys, parse
from pipeline.stages import link
from pipeline.stages.card import Card as ReadCard
from pipeline.stages.reconcile import Placed
from pipeline.stages.territory import TerritoryName, split

from .test_export import docs_queries
from .yearbook import Block, Card, Category, Yearbook, build


def code_of(name: str, kind: str = "autre", *others: tuple[str, str]) -> tuple[str | None, str]:
    """(code, match) of `name` on a card with the `others` (printed name, kind)."""
    link = link_card([(name, kind), *others])[0]
    return (link.entry.code if link.entry else None), link.match


def test_the_shipped_file_records_its_source_and_holds_the_whole_registry():
    raw = json.loads(gzip.decompress(data.DATA.read_bytes()))
    assert raw["source"]["package"] == "@etalab/decoupage-administratif"
    assert raw["source"]["version"] == "6.0.0" and raw["source"]["licence"] == "MIT"
    assert data.DATA.stat().st_size < 2_000_000
    registry = load()
    assert len(registry.rows["epci"]) == 1255 and len(registry.rows["departement"]) == 109
    communes = [registry.entry("commune", row) for row in range(len(registry.rows["commune"]))]
    assert (
        sum(1 for e in communes if e.kind == "commune") == 34969
    )  # current communes, and former ones
    assert {e.kind for e in communes} == {"commune", "commune_deleguee", "commune_associee"}
    rennes = lookup("Rennes Métropole").entries[0]
    assert (rennes.kind, rennes.departement, rennes.region) == ("METRO", "35", "53")
    assert "35238" in rennes.members and rennes.population > 400_000


@pytest.mark.parametrize(
    "printed, code, match",
    [
        ("Ville de Paris", "75056", "exact"),
        ("Rennes Métropole", "243500139", "exact"),
        (
            "Métropole Aix Marseille Provence",
            "200054807",
            "normalised",
        ),  # "Métropole d'Aix-Marseille-Provence"
        ("Département de la Loire", "42", "exact"),
        ("Communauté d'Agglomération du Nord Grande Terre", "200044691", "normalised"),  # "CA du …"
        ("Clermont Auvergne Métropole", "246300701", "exact"),
        ("Ville d'Ajaccio", "2A004", "exact"),
        ("Conseil general des Pyrenees-Atlantiques", "64", "normalised"),  # accents missing
        ("Ville de St-Étienne", "42218", "normalised"),  # "Saint-Étienne"
        ("Ste Maxime", "83115", "normalised"),  # "Sainte-Maxime", no title
        ("CC du Pays des Ecrins", "240500462", "exact"),  # the registry's own abbreviation
        ("Communauté de communes Cœur et Coteaux du Comminges", "200072643", "normalised"),
        (
            "Communauté de communes Coeur Coteaux Comminges",
            "200072643",
            "normalised",
        ),  # "et", "du" left out
        (
            "Communauté d'agglomération Cannes Lérins",
            "200039915",
            "fuzzy",
        ),  # "CA Cannes Pays de Lérins"
        ("Ville de Montpelier", None, "ambiguous"),  # as near Montpellier as Montélier: not guessed
        ("Conseil régional d'Occitanie", "76", "exact"),
        ("Collectivité territoriale de Martinique", "02", "exact"),
        ("Ville-d'Avray", "92077", "exact"),  # "Ville" is the commune's name, not a title
        ("Métropole de Lyon", "200046977", "exact"),  # the EPCI, not the commune of Lyon
        ("Ville de Lyon", "69123", "exact"),
    ],
)
def test_hand_made_names(printed, code, match):
    assert code_of(printed) == (code, match)


def test_the_title_chooses_among_groups_and_the_registry_gives_the_kind():
    # a "Limoges Métropole" is legally a communauté urbaine: found, and the kind is the registry's
    entry = link_card([("Limoges Métropole", "metropole")])[0].entry
    assert (entry.code, entry.kind) == ("248719312", "CU")
    # the communauté urbaine of Strasbourg became the Eurométropole under the same key
    assert code_of("Communauté urbaine de Strasbourg") == ("246700488", "normalised")


@pytest.mark.parametrize(
    "printed",
    [
        "Communauté urbaine Marseille Provence Métropole",  # in Aix-Marseille-Provence, 2016
        "Communauté d'agglomération du Pays d'Aubagne et de l'Étoile",  # idem
        "Communauté d'agglomération Plaine Centrale du Val-de-Marne",  # in a territoire, 2016
        "Communauté d'agglomération Sud de Seine",  # idem
        "Communauté d'agglomération du Grand Toulouse",  # Toulouse Métropole since 2015
        "La Fibre64",
        "Pays de Nulle Part",
    ],
)
def test_a_territory_the_registry_lacks_is_absent_never_forced(printed):
    assert code_of(printed) == (None, "absent")


def test_state_services_and_syndicates_are_never_matched():
    # "Haute Garonne" is a département, but a state service is not the département
    assert code_of("Direction départementale des Territoires de Haute Garonne", "etat") == (
        None,
        "absent",
    )
    assert code_of("Syndicat mixte de la Loire", "syndicat") == (None, "absent")


def test_homonyms_are_told_apart_by_the_card_or_left_ambiguous():
    lunas = link_card([("Ville de Lunas", "commune")])[0]
    assert lunas.match == "ambiguous"
    assert sorted(e.code for e in lunas.candidates) == [
        "24246",
        "34144",
    ]  # Dordogne; Hérault (former)
    # a member of the EPCI on the same card
    assert code_of(
        "Mairie de Lunas", "commune", ("Communauté d'Agglomération Bergeracoise", "autre")
    ) == ("24246", "exact")
    # the département of the card's other territory
    assert code_of(
        "Ville de Lunas", "commune", ("Conseil départemental de l'Hérault", "departement")
    ) == ("34144", "exact")
    assert code_of("Ville de Saint-Denis", "commune", ("Ville de Bobigny", "commune")) == (
        "93066",
        "exact",
    )


def test_an_ambiguous_territory_gets_an_info_warning_listing_the_candidates():
    card = ReadCard(
        medal="or",
        category_raw="E-santé",
        territories=[TerritoryName("Ville de Lunas", "commune")],
        title="Relais",
        summary=None,
        blocks={},
        headings={},
        pages=[3],
        provenance={},
        strays=[],
        notes=[],
    )
    links, warnings = link.cards([Placed("2023-x-relais", card, "E-santé", None, "3")])
    assert [x.match for x in links["2023-x-relais"]] == ["ambiguous"]
    (w,) = warnings
    assert (w.code, w.severity, w.project_id, w.pages) == (
        "territory_ambiguous",
        "info",
        "2023-x-relais",
        [3],
    )
    assert (
        "Lunas (24246, Dordogne)" in w.message
        and "Lunas (34144, Hérault, commune_deleguee)" in w.message
    )


def test_the_stored_keys_are_what_normalise_makes_of_the_names():
    """The file's keys were made by `normalise` when it was built: after a change to normalise,
    `python scripts/build_registry.py --rekey` makes them again."""
    registry = load()
    for group in data.GROUPS:
        names = [registry.entry(group, row).name for row in range(len(registry.rows[group]))]
        assert registry.keys(group) == keys(names, titled=group == "epci"), group
        assert registry.keys(group) == sorted(registry.keys(group)), group


def test_keys_fold_titles_accents_articles_and_saints_alike():
    assert (
        parse("Conseil départemental de Loir-et-Cher").key
        == keys(["Loir-et-Cher"], titled=False)[0]
    )
    assert parse("Ville de St-Denis").key == "saint denis"
    assert keys(
        ['CC Alpes-Provence-Verdon "Sources de lumière"', "CA Loire Forez Agglomération (LFA)"],
        titled=True,
    ) == ["alpes provence verdon", "loire forez"]
    assert (
        parse("Communauté de communes Cœur Coteaux Comminges").key
        == keys(["CC Coeur et Coteaux du Comminges"], titled=True)[0]
    )


def test_a_line_names_a_territory_under_a_title_or_as_registered():
    assert names_a_territory("Mairie de Lunas") and names_a_territory("Ville de Montpelier")
    assert names_a_territory("Lunas")  # registered, without title
    assert not names_a_territory("Montpelier")  # a likeness without title could be prose
    assert not names_a_territory("Communauté de communes du Pays de Nulle Part")  # no place
    for line in ("Pour le projet « Relais santé »", "Les apports du projet", "Innovation"):
        assert not names_a_territory(line)


def test_registered_names_steer_the_split_of_an_award_line(profile):
    assert registered("Ville d'Escombres-et-le-Chesnois") and not registered("Le Chesnois")
    # "et Le …" would start another territory; the registry knows the commune's whole name
    assert [t.name for t in split("Ville d'Escombres et Le Chesnois", profile)] == [
        "Ville d'Escombres et Le Chesnois"
    ]
    # two registered names side by side are two territories, though no title says so
    assert [t.name for t in split("Mairie de Lunas et Bergerac", profile)] == [
        "Mairie de Lunas",
        "Bergerac",
    ]
    assert [
        t.name for t in split("Communauté de communes Cœur et Coteaux du Comminges", profile)
    ] == ["Communauté de communes Cœur et Coteaux du Comminges"]


ACCEPTANCE = {
    "Ville de Paris": "75056",
    "Rennes Métropole": "243500139",
    "Métropole Aix Marseille Provence": "200054807",
    "Département de la Loire": "42",
    "Communauté d'Agglomération du Nord Grande Terre": "200044691",
    "Clermont Auvergne Métropole": "246300701",
    "Mairie de Lunas": "24246",
    "Ville d'Ajaccio": "2A004",
}
NOT_REGISTERED = {"La Fibre64", "Direction départementale des Territoires de Haute Garonne"}


def test_every_territory_of_the_reference_the_registry_holds_is_linked(sample):
    territories = {t.name: t for p in sample.projects for t in p.territories}
    assert {name: territories[name].code for name in ACCEPTANCE} == ACCEPTANCE
    for name, t in territories.items():
        if name in NOT_REGISTERED:
            assert (t.code, t.match) == (None, "absent"), name
        else:  # the 29 others are all local governments of today's registry
            assert t.code and t.match in ("exact", "normalised", "fuzzy"), name
            assert t.registry_name and t.departement and t.region and t.population, name
    assert len(territories) == 31
    assert not [w for w in sample.warnings if w.code == "territory_ambiguous"]


BLOCKS = [
    Block("INNOVATION DU PROJET :", ["Une cabine connectée dans la mairie."]),
    Block(
        "LE PROJET A-T-IL PERMIS DE REPONDRE A UNE PROBLEMATIQUE DU TERRITOIRE ?",
        ["Le premier médecin est à vingt minutes."],
    ),
    Block("LES APPORTS DU PROJET :", ["Deux cents consultations la première année."]),
]


def edition(year: int, territories: str, title: str) -> Yearbook:
    """A one-card yearbook: a health project of the territories named."""
    summary = ["Un relais de santé ouvert à tous, avec des téléconsultations accompagnées."]
    card = Card("or", territories, title, summary=summary, blocks=BLOCKS)
    return Yearbook(year, [Category("E-SANTÉ", [card])])


def test_every_label_of_a_territory_across_two_generated_editions(tmp_path):
    """One territory printed under two names in two editions: one code, both labels."""
    path = tmp_path / "labels.sqlite"
    for year, territories, title in (
        (2021, "la Mairie de Lunas et la Communauté d'Agglomération Bergeracoise", "Relais santé"),
        (
            2024,
            "la Communauté d'agglomération bergeracoise et la Ville de Lunas",
            "Santé connectée",
        ),
    ):
        pdf = build(tmp_path / f"annuaire_{year}.pdf", edition(year, territories, title))
        sqlite.load(convert(pdf, Options(enrich=False)).document, path)
    db = sqlite3.connect(path)
    every_label, several_years = docs_queries()
    assert db.execute(every_label).fetchall() == [
        (2021, "or", "E-santé", "Relais santé", "Mairie de Lunas"),
        (2024, "or", "E-santé", "Santé connectée", "Ville de Lunas"),
    ]
    assert db.execute(several_years).fetchall() == [
        ("200070647", "CA Bergeracoise", 2, "2021, 2024"),
        ("24246", "Lunas", 2, "2021, 2024"),
    ]
    assert db.execute("SELECT count(*) FROM territories").fetchone()[0] == 2
    db.close()
