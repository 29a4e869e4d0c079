"""Edition profiles are data: every file validates, a broken one is refused clearly."""

import shutil
from pathlib import Path

import pytest

import pipeline.profiles as profiles_package
from pipeline.conversion import convert
from pipeline.errors import InputError
from pipeline.profiles import PROFILES, available
from pipeline.profiles.profile import Profile, load
from pipeline.vocabulary import BLOCKS, TERRITORY_KINDS

from .layouts import BOLD, NAVY, Sheet, section


@pytest.mark.parametrize("name", sorted(available()))
def test_every_profile_loads_and_compiles(name):
    p = load(name)
    assert p.banner and p.award and p.title and p.year and p.listing_medal
    assert set(p.headings) == set(BLOCKS) | {"summary"}
    assert {k for k, _ in p.kinds} <= set(TERRITORY_KINDS)


def test_default_profile_patterns_match_known_wordings(profile):
    from pipeline.text import fold

    assert profile.banner[0].match(fold("LABEL BRONZE - AMENAGEMENT & ATTRACTIVITÉ DU TERRITOIRE"))
    assert profile.banner[0].match(fold("LABEL DE BRONZE – E-SANTÉ"))
    assert profile.banner[0].match(fold("TROPHÉE D'OR – SMART CITY")).group("medal") == "or"
    assert (
        profile.award[0].match(fold("Médaille d'argent décernée à la Ville de Lens")).group("who")
        == "a la ville de lens"
    )
    assert (
        profile.banner[0]
        .match(fold("LABEL D’ARGENT | Catégorie : Cybersécurité"))
        .group("category")
        == "cybersecurite"
    )
    assert profile.award[0].match(fold("Label de bronze attribué à la Ville d'Antony"))
    assert profile.award[0].match(fold("Label d’or attribué au département de la Loire"))
    assert profile.listing_medal.search(fold("Ville de Nancy - (label argent)"))
    assert profile.listing_medal.search(
        fold("Communauté d'agglomération de la Porte du Hainaut (bronze)")
    )


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
    with pytest.raises(InputError, match="available: .*default"):
        load("no-such-edition")


def readme_profile() -> str:
    """The worked example of the README's "Adding an edition"."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("**Adding an edition**") :]
    return after[
        after.index("```toml") + len("```toml") : after.index("```", after.index("```toml") + 7)
    ]


@pytest.fixture
def profiles_2015(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(PROFILES / "default.toml", folder)
    (folder / "2015.toml").write_text(readme_profile(), encoding="utf-8")
    monkeypatch.setattr(profiles_package, "PROFILES", folder)
    return folder


def yearbook_2015(path, year):
    s = Sheet(path, year=year)
    section(s, "SMART CITY")
    for medal, town in (("D'OR", "Lens"), ("D'ARGENT", "Arras")):
        s.page().banner(f"PRIX {medal} ~ SMART CITY")
        s.para(f"Commune primée : Ville de {town}", font=BOLD, size=10.5, color=NAVY, gap=0.5)
        s.para(f"Pour le projet « Capteurs de {town} »", font=BOLD, size=10.5, color=NAVY)
        s.para("Un résumé du projet.")
        s.heading("INNOVATION DU PROJET :")
        s.para("Une innovation.")
    return s.save()


def test_the_readme_s_worked_example_extends_the_default(profiles_2015):
    p = load("2015")
    assert p.extends == "default" and p.years == [2015]
    assert len(p.banner) == 1 and p.title == load("default").title  # lists replaced, tables merged


@pytest.mark.parametrize("year", [2015, 2016])
def test_the_edition_s_profile_is_chosen_by_year_else_by_trial(profiles_2015, tmp_path, year):
    doc = convert(yearbook_2015(tmp_path / "annuaire.pdf", year)).document
    assert doc.profile == "2015"
    assert [
        (p.title, p.medal, p.category, [t.name for t in p.territories]) for p in doc.projects
    ] == [
        ("Capteurs de Lens", "or", "Smart city", ["Ville de Lens"]),
        ("Capteurs de Arras", "argent", "Smart city", ["Ville de Arras"]),
    ]


def test_a_profile_extending_itself_in_a_circle_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text(
        'name = "a"\nextends = "' + str(tmp_path / "b.toml") + '"\n', encoding="utf-8"
    )
    (tmp_path / "b.toml").write_text(
        'name = "b"\nextends = "' + str(tmp_path / "a.toml") + '"\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="circle"):
        load(tmp_path / "a.toml")


def test_an_invalid_profile_file_is_one_line_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "bad"\n[card]\nbanner = ["(unclosed"]\naward = ["x"]\ntitle = ["y"]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        InputError,
        match=r"^profile bad.toml: not a valid profile \(card.banner: Value error, not a "
        r"valid regular expression",
    ):
        load(bad)
