"""The registry's places in running text (`pipeline/registry/mentions.py`), on the registry shipped
with the package: communes named like common words are no places without a place's evidence."""

import pytest

from pipeline.enrich.entities import find
from pipeline.registry import Link, lookup
from pipeline.registry.mentions import Places
from pipeline.stages.territory import split


def places(text, territories=()):
    return [(text[a:b], code) for a, b, _, code in Places(territories).mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # communes called Plan, Bar, Aide, Son: capitalised common words, heads of other names
        ("Le Plan de relance, le Bar associatif. Une Aide à domicile. Son usage.", []),
        ("au Plan de Grasse, à Grasse", [("Grasse", "06069")]),
        # a word of a longer name: a company, an EPCI, a service, a valley
        ("avec Orange Business Services et la Métropole du Grand Paris", []),
        ("le Service d'Aide et la CC Vallée de l'Ubaye Serre-Ponçon", []),
        # but a local government's title before its place
        ("le Conseil Départemental du Finistère", [("Finistère", "29")]),
        # spelt as the registry spells it, accents and article included: Liré, La Garde
        ("la méthode Facile à Lire ; la Garde nationale", []),
        # one word after a preposition of place; several words anywhere
        (
            "jusqu'à Blois, en Loir-et-Cher et dans le Grand Est",
            [("Blois", "41018"), ("Loir-et-Cher", "41"), ("Grand Est", "44")],
        ),
        ("Blois accueille le projet", []),
        # a capital may lose its accent, a hyphen may be a space
        (
            "à Saint-Etienne et à Villeneuve d'Ascq",
            [("Saint-Etienne", "42218"), ("Villeneuve d'Ascq", "59009")],
        ),
        # a commune over the département of its name; a current commune over a former one
        ("à Paris et à Lunas", [("Paris", "75056"), ("Lunas", "24246")]),
        # no commune after an article, unless the article is its own: a feast, a département
        ("pour la Saint-Valentin, les Pyrénées-Atlantiques", [("Pyrénées-Atlantiques", "64")]),
        # after "à" a city, elsewhere the région or the département of the name
        (
            "à Vienne, en Vienne, en Bretagne",
            [("Vienne", "38544"), ("Vienne", "86"), ("Bretagne", "53")],
        ),
        # homonyms: a place, without a code
        ("à Clermont, à La Garde", [("Clermont", None), ("La Garde", None)]),
        # an acronym is no commune's name (ARS, Ars)
        ("l'ARS et la CPAM", []),
    ],
)
def test_places_named_in_a_text(text, expected):
    assert places(text) == expected


def test_a_homonym_is_the_yearbooks_territory():
    """Lunas is a commune of the Dordogne and a former commune of the Hérault: the yearbook's
    territory tells them apart."""
    [herault] = [e for e in lookup("Lunas").entries if e.departement == "34"]
    territory = (("Mairie de Lunas", None, None, "Lunas"), Link("exact", herault))
    assert places("à Lunas", [territory]) == [("Lunas", herault.code)]


def test_codes_of_territories_and_institutions():
    territory = (
        ("Ville de Portvieux", None, None, None),
        Link("exact", lookup("Blois").entries[0]),
    )
    registry = Places([territory])
    assert registry.code("Ville de Portvieux") == "41018"
    assert registry.code("Conseil Départemental du Finistère") == "29"
    assert registry.code("Ville de Lunas") is None  # two communes
    # the award line's territory, by its title's kind and its key
    cannes = lookup("Communauté d'agglomération Cannes Lérins").entries[0]
    award = (("Communauté d'agglomération Cannes Lérins", None, None, None), Link("fuzzy", cannes))
    assert Places([award]).code("Agglomération Cannes Lérins") == cannes.code
    assert Places([award]).code("Métropole Cannes Lérins") is None  # another kind
    # no title: no institution of a local government, whatever its words
    assert registry.code("Direction de Blois") is None and registry.code("Paris") is None


def test_the_entities_carry_the_registrys_places_and_codes(profile):
    text = (
        "La Ville de Nancy et le Conseil Départemental du Finistère, à Blois et à Plan. "
        "Un plan d'action."
    )
    territories = split("à la Ville de Nancy", profile)
    link = Link("exact", lookup("Nancy").entries[0])
    registry = Places([((territories[0].name, territories[0].canonical, None, "Nancy"), link)])
    [found] = find([text], profile, territories, [], registry)
    assert [(e.text, e.label, e.source, e.code) for e in found] == [
        ("Ville de Nancy", "ORG", "rule", "54395"),
        ("Conseil Départemental du Finistère", "ORG", "rule", "29"),
        ("Blois", "LOC", "registry", "41018"),
        # "Plan": a commune, but the texts write the word in lower case
    ]


def test_the_models_organisations_get_their_codes():
    from pipeline.enrich.entities import EntityFound, coded

    registry = Places([])
    brest = coded(EntityFound(0, "Brest métropole", "ORG", "model"), registry)
    assert brest.code == "242900314"
    assert coded(EntityFound(0, "Brest", "MISC", "model"), registry).code is None
