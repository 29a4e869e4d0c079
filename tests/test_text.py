import random

from pipeline.text import (
    clean,
    containment,
    fold,
    fold_char,
    fold_map,
    key,
    similar,
    similarity,
    slug,
    strip_quotes,
)


def test_clean_expands_ligatures_and_drops_soft_hyphens():
    assert (
        clean("e\ufb03cace et \ufb01able, inter\u00adcommunal  ")
        == "efficace et fiable, intercommunal"
    )


def test_fold_is_what_patterns_are_written_against():
    assert fold("Label d’Or – CATÉGORIE : Cœur") == "label d'or - categorie : coeur"


def test_fold_map_points_back_into_the_original():
    text = "Pour le projet « Cœur »"
    folded, idx = fold_map(text)
    start = folded.index("coeur")
    assert text[idx[start] : idx[start + len("coeur")]] == "Cœur"


def test_fold_map_is_exact_when_characters_fold_to_none_or_to_several():
    # the fast path (a translation table, an identity map) must give the character-by-character
    # result
    rng = random.Random(7)
    alphabet = "aéÉœŒæ\ufb01\ufb03\u0301’« -x"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        expected, idx = "", []
        for i, ch in enumerate(text):
            expected += fold_char(ch)
            idx += [i] * len(fold_char(ch))
        assert fold_map(text) == (expected, tuple(idx + [len(text)])), text


def test_similar_is_the_similarity_threshold():
    rng = random.Random(3)
    words = ["carte", "ALIFE", "AILFE", "la", "territoire", "numérique", "", "innovation du projet"]
    for _ in range(500):
        a, b = (" ".join(rng.choices(words, k=rng.randint(0, 4))) for _ in range(2))
        for t in (0.5, 0.8, 0.85):
            assert similar(a, b, t) == (similarity(a, b) >= t), (a, b, t)


def test_key_ignores_case_accents_punctuation_and_leading_article():
    assert key("La Fibre64") == key("fibre64")
    assert key("« RUDI »") == key("Rudi")


def test_similarity_and_containment():
    assert similarity("Carte ALIFE", "CARTE AILFE") < 1.0
    assert containment("Démat'URBA", "Programme «Démat'URBA» Dématérialisation") == 1.0
    assert containment("", "x") == 0.0


def test_slug():
    assert (
        slug("Aménagement & attractivité du territoire") == "amenagement-attractivite-du-territoire"
    )
    assert slug("   ") == "x"


def test_strip_quotes_keeps_inner_quotes():
    assert strip_quotes('« La place de marché "J\'achète" »') == 'La place de marché "J\'achète"'
    assert strip_quotes("«Démat'URBA»") == "Démat'URBA"
    assert strip_quotes("« Titre ouvert sans fin") == "Titre ouvert sans fin"
    assert strip_quotes("Sans guillemets") == "Sans guillemets"
