"""Key figures: French numbers with their unit or what they count, as numbers."""

import pytest

from pipeline.enrich.figures import find


def figures(text, taken=()):
    out = find(text, list(taken))
    assert all(text[f.offset : f.offset + len(f.text)] == f.text for f in out)
    return [(f.text, f.value, f.unit, f.counts) for f in out]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("près de 12 500 demandes d'autorisation", [("12 500 demandes", 12500, None, "demandes")]),
        ("soit 12\u00a0500 demandes", [("12\u00a0500 demandes", 12500, None, "demandes")]),
        (
            "(5\u202f854 allumages en 6 mois)",
            [("5\u202f854 allumages", 5854, None, "allumages"), ("6 mois", 6, "mois", None)],
        ),
        ("Adhésion : 97,3% des agents utilisent", [("97,3%", 97.3, "%", "agents")]),
        ("une gestion 100% numérique", [("100%", 100, "%", None)]),
        (
            "Coûts réduits : 30€ le beacon VS 1000€ la badgeuse",
            [("30€", 30, "€", None), ("1000€", 1000, "€", None)],
        ),
        ("=> 194 000€ en invest", [("194 000€", 194000, "€", None)]),
        ("la pose de 250 capteurs de CO2", [("250 capteurs", 250, None, "capteurs")]),
        ("une superficie de 985,48 km²", [("985,48 km²", 985.48, "km²", None)]),
        ("une superficie de 985,48 km2", [("985,48 km2", 985.48, "km²", None)]),
        ("estimée à 25 t/an", [("25 t/an", 25, "t/an", None)]),
        ("un parc de 9 hectares", [("9 hectares", 9, "ha", None)]),
        ("les écoles des 9 autres communes", [("9 autres communes", 9, None, "communes")]),
        ("un budget de 2,5 millions d'euros", [("2,5 millions d'euros", 2500000, "€", None)]),
        ("1,2 M€ investis", [("1,2 M€", 1200000, "€", None)]),
        ("3 millions d'habitants", [("3 millions d'habitants", 3000000, None, "habitants")]),
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "la crise COVID-19, la Fibre64, le bouclier Cyber64, le CO2",  # numbers inside names
        "un film en 3D, le 8ème de France, la 4G",  # glued to letters
        "la phase 2, élargie à d'autres territoires",  # counts nothing
        "la Maison Bleue 41 pour présenter",  # followed by a function word
    ],
)
def test_numbers_that_are_no_figures(text):
    assert figures(text) == []


def test_dates_spans_are_left_to_the_dates():
    text = "le 3 octobre 2015, 40 communes"
    assert figures(text, [(3, 17)]) == [("40 communes", 40, None, "communes")]
