from pipeline.text import clean, containment, fold, fold_map, key, similarity, slug, strip_quotes


def test_clean_expands_ligatures_and_drops_soft_hyphens():
    assert clean("e\ufb03cace et \ufb01able, inter\u00adcommunal  ") == "efficace et fiable, intercommunal"


def test_fold_is_what_patterns_are_written_against():
    assert fold("Label d’Or – CATÉGORIE : Cœur") == "label d'or - categorie : coeur"


def test_fold_map_points_back_into_the_original():
    text = "Pour le projet « Cœur »"
    folded, idx = fold_map(text)
    start = folded.index("coeur")
    assert text[idx[start]:idx[start + len("coeur")]] == "Cœur"


def test_key_ignores_case_accents_punctuation_and_leading_article():
    assert key("La Fibre64") == key("fibre64")
    assert key("« RUDI »") == key("Rudi")


def test_similarity_and_containment():
    assert similarity("Carte ALIFE", "CARTE AILFE") < 1.0
    assert containment("Démat'URBA", "Programme «Démat'URBA» Dématérialisation") == 1.0
    assert containment("", "x") == 0.0


def test_slug():
    assert slug("Aménagement & attractivité du territoire") == "amenagement-attractivite-du-territoire"
    assert slug("   ") == "x"


def test_strip_quotes_keeps_inner_quotes():
    assert strip_quotes('« La place de marché "J\'achète" »') == 'La place de marché "J\'achète"'
    assert strip_quotes("«Démat'URBA»") == "Démat'URBA"
    assert strip_quotes("« Titre ouvert sans fin") == "Titre ouvert sans fin"
    assert strip_quotes("Sans guillemets") == "Sans guillemets"
