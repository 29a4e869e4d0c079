"""The rules that find entities before the statistical model, each on a minimal text."""

import pytest

from pipeline.enrich import rules
from pipeline.enrich.entities import find
from pipeline.stages.territory import split


def texts_of(found, text):
    return [(text[m.start : m.end], m.label) for m in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "avec la Direction Générale Adjointe des Ressources Humaines et l'État.",
            [("État", "ORG"), ("Direction Générale Adjointe des Ressources Humaines", "ORG")],
        ),
        (
            "le Syndicat Intercommunal pour l'Assainissement de la Vallée de la Bièvre",
            [("Syndicat Intercommunal pour l'Assainissement de la Vallée de la Bièvre", "ORG")],
        ),
        # a title followed by kind words only names no institution; nor a title alone
        ("la Communauté de Communes et la Direction du numérique", []),
    ],
)
def test_institutions(text, expected):
    assert texts_of(rules.institutions(text), text) == expected


def test_programmes_and_names_announced_by_their_kind():
    text = "Le Plan France Très Haut Débit, la société Geonov et la solution Smart Pooling."
    assert texts_of(rules.programmes(text), text)[0] == ("Plan France Très Haut Débit", "MISC")
    assert texts_of(rules.announced(text), text) == [("Geonov", "ORG"), ("Smart Pooling", "MISC")]


def test_quoted_names_and_terms_a_line_defines():
    text = "Un service « Portvieux Connect », un « pas de côté ».\nDemat'Lab : Une pieuvre."
    assert texts_of(rules.quoted(text), text) == [("Portvieux Connect", "MISC")]
    assert texts_of(rules.terms(text), text) == [("Demat'Lab", "MISC")]
    assert rules.terms("Les avantages : Un outil.\n- La méthode : Une idée.") == []
    # words in sentence case label a line; a name has a capital or a digit inside
    text = "Entretien limité : Autonomie de 6 ans.\nPass Sport64 : Une carte."
    assert texts_of(rules.terms(text), text) == [("Pass Sport64", "MISC")]


def test_a_companys_name_with_its_legal_form():
    text = "EOLAS – Orange Business Services SA héberge ; la SEM et Geonov SAS-like."
    assert texts_of(rules.companies(text), text) == [("Orange Business Services SA", "ORG")]


def test_projects_by_the_head_of_their_titles():
    pattern = rules.project_names(
        ["LeBonTag, validateur de données", "Bouclier cyber64", "Calque de plantabilité"]
    )
    text = "Le Bon Tag et le bouclier Cyber64 ; un calque de plantabilité."
    # a head in sentence case ("Calque de plantabilité") is words, not a name
    assert texts_of(rules.projects(text, pattern), text) == [
        ("Le Bon Tag", "MISC"),
        ("bouclier Cyber64", "MISC"),
    ]


class Registry:
    """A registry of two places, as `rules.Registry` asks."""

    def mentions(self, text):
        for name, code in (("Portvieux", "99001"), ("Auxerre", "89024")):
            start = text.find(name)
            if start >= 0:
                yield start, start + len(name), "LOC", code

    def code(self, name):
        return {"Ville de Portvieux": "99001"}.get(name)


def test_a_registry_adds_its_places_and_the_codes_of_the_territories(profile):
    text = "La Ville de Portvieux et la commune d'Auxerre."
    territories = split("à la Ville de Portvieux", profile)
    [found] = find([text], profile, territories, [], Registry())
    assert [(e.text, e.label, e.source, e.code) for e in found] == [
        ("Ville de Portvieux", "ORG", "rule", "99001"),
        ("Auxerre", "LOC", "registry", "89024"),
    ]
    [without] = find([text], profile, territories, [])
    assert ("Ville de Portvieux", "ORG", "rule", None) in [
        (e.text, e.label, e.source, e.code) for e in without
    ]
