"""Date expressions of French text → ISO values, precision, ranges; impossible dates kept, marked
invalid."""

import pytest

from pipeline.enrich.dates import find


def one(text):
    [d] = find(text)
    assert text[d.offset : d.offset + len(d.text)] == d.text
    return d.text, d.value, d.precision


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Depuis le 1er avril 2019, Paris est ville pilote.",
            ("1er avril 2019", "2019-04-01", "day"),
        ),
        ("Réunion le mardi 3 octobre 2015 à 10 h.", ("mardi 3 octobre 2015", "2015-10-03", "day")),
        ("Signé le 12/03/2023.", ("12/03/2023", "2023-03-12", "day")),
        ("La fibre est ouverte depuis avril 2019.", ("avril 2019", "2019-04", "month")),
        ("Mise en service en févr. 2021 sur tout le réseau.", ("févr. 2021", "2021-02", "month")),
        ("Testé durant l’été 2022 par les randonneurs.", ("été 2022", "2022-22", "season")),
        ("A l'automne 2023, la documentation sera publiée.", ("automne 2023", "2023-23", "season")),
        ("Initié en 2020, le projet vise à …", ("2020", "2020", "year")),
        (
            "Le forum s'est déroulé les 22 et 23 mars 2023 à Toulouse.",
            ("les 22 et 23 mars 2023", "2023-03-22/2023-03-23", "day"),
        ),
        (
            "Ouvert du 1er mars au 15 avril 2024.",
            ("du 1er mars au 15 avril 2024", "2024-03-01/2024-04-15", "day"),
        ),
        (
            "Fermé du 20 décembre au 3 janvier 2024.",
            ("du 20 décembre au 3 janvier 2024", "2023-12-20/2024-01-03", "day"),
        ),
        (
            "Prototypée entre 2020 et 2023 avec les usagers.",
            ("entre 2020 et 2023", "2020/2023", "year"),
        ),
        ("Le plan 2021-2026 est voté.", ("2021-2026", "2021/2026", "year")),
        (
            "Les pluies de novembre et décembre 2019 ont tout changé.",
            ("novembre et décembre 2019", "2019-11/2019-12", "month"),
        ),
        (
            "Ateliers de janvier à mars 2024.",
            ("de janvier à mars 2024", "2024-01/2024-03", "month"),
        ),
    ],
)
def test_date_expressions(text, expected):
    assert one(text) == expected


def test_an_impossible_date_is_invalid_never_moved():
    [d] = find("Les candidatures sont ouvertes jusqu'au 31 novembre 2023.")
    assert (d.text, d.valid, d.value, d.start, d.end, d.precision) == (
        "31 novembre 2023",
        False,
        None,
        None,
        None,
        "day",
    )
    [leap] = find("le 29 février 2023")
    assert not leap.valid
    assert find("le 29 février 2024")[0].value == "2024-02-29"
    [r] = find("les 30 et 31 novembre 2023")
    assert not r.valid and r.value is None


def test_numbers_that_count_or_measure_are_not_years():
    assert find("Un bourg de 2000 habitants et 1950 € de budget.") == []
    assert [
        d.value for d in find("Un réseau de 2000 capteurs posés en 2000, dans 2021 dossiers")
    ] == ["2000"]


def test_dates_without_a_year_and_numbers_in_names_are_left_out():
    assert find("Rendez-vous le 5 juin au forum.") == []
    assert find("La crise COVID-19 et la Fibre64, le label 2023bis.") == []


def test_offsets_of_several_dates_in_one_text():
    text = "Lancé en 2019 (1er avril 2019), étendu en janvier 2023."
    found = find(text)
    assert [(d.text, d.value) for d in found] == [
        ("2019", "2019"),
        ("1er avril 2019", "2019-04-01"),
        ("janvier 2023", "2023-01"),
    ]
    assert all(text[d.offset : d.offset + len(d.text)] == d.text for d in found)


def test_a_numeric_date_is_read_day_first_and_never_completed():
    """A month over 12 is not read month first, and a zero day or month is not filled in from
    today's date: such a date is kept, invalid."""
    assert [d.value for d in find("Signé le 29/02/2024, le 07/11/2023.")] == [
        "2024-02-29",
        "2023-11-07",
    ]
    for text in ("07/18/2023", "00/05/2023", "05/00/2023", "29/02/2023"):
        [d] = find(f"Signé le {text}.")
        assert (d.text, d.valid, d.value) == (text, False, None)
