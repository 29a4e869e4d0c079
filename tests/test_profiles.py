"""Edition profiles are data: every file validates, a broken one is refused clearly."""
import pytest

from pipeline.errors import InputError
from pipeline.profile import BLOCKS, Profile, available, load


@pytest.mark.parametrize("name", sorted(available()))
def test_every_profile_loads_and_compiles(name):
    p = load(name)
    assert p.banner and p.award and p.title and p.year and p.listing_medal
    assert set(p.headings) == set(BLOCKS)
    assert {k for k, _ in p.kinds} <= {"commune", "communaute_de_communes", "communaute_d_agglomeration",
                                       "communaute_urbaine", "metropole", "departement", "region",
                                       "syndicat", "etat", "autre"}


def test_default_profile_patterns_match_known_wordings(profile):
    from pipeline.text import fold
    assert profile.banner[0].match(fold("LABEL BRONZE - AMENAGEMENT & ATTRACTIVITÉ DU TERRITOIRE"))
    assert profile.banner[0].match(fold("LABEL DE BRONZE – E-SANTÉ"))
    assert profile.banner[0].match(fold("LABEL D’ARGENT | Catégorie : Cybersécurité")).group("category") == "cybersecurite"
    assert profile.award[0].match(fold("Label de bronze attribué à la Ville d'Antony"))
    assert profile.award[0].match(fold("Label d’or attribué au département de la Loire"))
    assert profile.listing_medal.search(fold("Ville de Nancy - (label argent)"))
    assert profile.listing_medal.search(fold("Communauté d'agglomération de la Porte du Hainaut (bronze)"))


def test_a_broken_profile_is_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(load("default").model_dump_json())  # JSON is not TOML
    with pytest.raises(InputError, match="not valid TOML"):
        load(bad)


def test_an_invalid_pattern_is_refused(tmp_path):
    data = load("default").model_dump()
    data["card"]["banner"] = ["(unclosed"]
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Profile.model_validate(data)


def test_unknown_profile_names_the_available_ones():
    with pytest.raises(InputError, match="available: default"):
        load("no-such-edition")


def test_an_invalid_profile_file_is_one_line_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n[card]\nbanner = ["(unclosed"]\naward = ["x"]\ntitle = ["y"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"^profile bad.toml: not a valid profile \(card.banner: Value error, not a "
                                         r"valid regular expression"):
        load(bad)
