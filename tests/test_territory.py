"""Award lines → territories with their kind."""

import pytest

from pipeline.stages.territory import split


def names(text, profile):
    return [(t.name, t.kind) for t in split(text, profile)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("à la Ville de Quimper", [("Ville de Quimper", "commune")]),
        (
            "au Conseil départemental du Cantal",
            [("Conseil départemental du Cantal", "departement")],
        ),
        ("au département de la Creuse", [("Département de la Creuse", "departement")]),
        (
            "à la Mairie de Vannes et la Communauté urbaine de Dunkerque",
            [
                ("Mairie de Vannes", "commune"),
                ("Communauté urbaine de Dunkerque", "communaute_urbaine"),
            ],
        ),
        (
            "à Nantes Métropole et Toulouse Métropole",
            [("Nantes Métropole", "metropole"), ("Toulouse Métropole", "metropole")],
        ),
        (
            "à la Communauté de communes A, la Communauté de communes B et la Communauté de "
            "communes C",
            [
                ("Communauté de communes A", "communaute_de_communes"),
                ("Communauté de communes B", "communaute_de_communes"),
                ("Communauté de communes C", "communaute_de_communes"),
            ],
        ),
        (
            "à la Communauté d'agglomération du Grand Est et Direction départementale des "
            "Territoires du Gers",
            [
                ("Communauté d'agglomération du Grand Est", "communaute_d_agglomeration"),
                ("Direction départementale des Territoires du Gers", "etat"),
            ],
        ),
        ("à la Région Bretagne", [("Région Bretagne", "region")]),
        ("au Syndicat mixte Ouvert Numérique", [("Syndicat mixte Ouvert Numérique", "syndicat")]),
        ("à la Régie Numérique 33", [("La Régie Numérique 33", "autre")]),
        (
            "à la Communauté de communes Terres et Rivières",
            [("Communauté de communes Terres et Rivières", "communaute_de_communes")],
        ),
    ],
)
def test_split_and_kind(text, expected, profile):
    assert names(text, profile) == expected


def test_acronym_and_service_are_kept_apart(profile):
    [t] = split(
        "à la Communauté d'agglomération du Littoral (CAL) service de l'Insertion et de l'Emploi "
        "(SIE)",
        profile,
    )
    assert t.name == "Communauté d'agglomération du Littoral"
    assert t.acronym == "CAL"
    assert t.service == "service de l'Insertion et de l'Emploi (SIE)"


def test_a_service_after_a_comma_belongs_to_the_territory_before_it(profile):
    [t] = split("à la Ville de Lille, Direction des Systèmes d'Information", profile)
    assert (t.name, t.service) == ("Ville de Lille", "Direction des Systèmes d'Information")


@pytest.mark.parametrize(
    "text, canonical, place",
    [
        ("au département de la Loire", "Département de la Loire", "Loire"),
        ("au Conseil départemental de la Drôme", "Conseil départemental de la Drôme", "Drôme"),
        ("à la Ville d’Ajaccio", "Ville d'Ajaccio", "Ajaccio"),
        (
            "à la Communauté d'Agglomération du Nord Grande Terre (CANGT)",
            "Communauté d'agglomération du Nord Grande Terre",
            "Nord Grande Terre",
        ),
        (
            "à la Communauté de Communes Cœur Coteaux Comminges",
            "Communauté de communes Cœur Coteaux Comminges",
            "Cœur Coteaux Comminges",
        ),
        ("à Rennes Métropole", "Rennes Métropole", "Rennes"),
        ("à l'Eurométropole de Strasbourg", "Eurométropole de Strasbourg", "Strasbourg"),
        (
            "à la Ville de La Rochelle",
            "Ville de La Rochelle",
            "La Rochelle",
        ),  # the place's own article
        (
            "à la COMMUNAUTÉ DE COMMUNES DU PAYS DES ÉCRINS",
            "Communauté de communes du Pays des Écrins",
            "Pays des Écrins",
        ),
        (
            "à la Direction départementale des Territoires de Haute Garonne",
            "Direction départementale des territoires de Haute Garonne",
            "Haute Garonne",
        ),
        ("à La Fibre64", "La Fibre64", None),  # no title: no place
    ],
)
def test_canonical_name_and_place(text, canonical, place, profile):
    [t] = split(text, profile)
    assert (t.canonical, t.place) == (canonical, place)


def test_the_printed_name_is_kept_beside_the_canonical_one(profile):
    [t] = split(
        "à la Communauté d'Agglomération du Nord Grande Terre (CANGT) service du Plan Local pour "
        "l'Insertion et l'Emploi (PLIE)",
        profile,
    )
    assert t.name == "Communauté d'Agglomération du Nord Grande Terre"
    assert (t.acronym, t.service) == (
        "CANGT",
        "service du Plan Local pour l'Insertion et l'Emploi (PLIE)",
    )
    assert t.place == "Nord Grande Terre"
