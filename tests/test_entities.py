"""Named entities over hand-made card texts: the acronyms, the territories and the filters."""

import pytest

from pipeline.enrich.entities import find, load
from pipeline.stages.territory import split

TEXTS = [
    "La CAGL et la Ville de Portvieux ont sollicité l'ANCT et le FSE. Le site respecte le RGAA.",
    "Valoriser les outils existants.\n- Déployer l'application « Portvieux Connect » à Portvieux.\n"
    "- Former les agents avec la Direction en charge du numérique.",
    "Marie Dupont, directrice du projet, l'a présenté à Lyon devant la Préfecture de Bretagne.",
    # the yearbook writes these words in lower case too: capitalised, they start a sentence, not a
    # name
    "Les outils, les agents et la direction du numérique : valoriser, déployer, former.",
]


def entities(profile):
    territories = split(
        "à la Communauté d'agglomération du Grand Littoral (CAGL) et la Ville de Portvieux", profile
    )
    found = find(TEXTS, profile, territories, ["Portvieux Connect"])
    for text, ents in zip(TEXTS, found):
        assert all(text[e.offset : e.offset + len(e.text)] == e.text for e in ents)
    return [[(e.text, e.label) for e in ents] for ents in found]


def test_the_model_is_loaded_once_with_its_ner_only(profile):
    nlp = load()
    assert load() is nlp
    assert nlp.pipe_names == ["ner"]


def test_acronyms_and_the_yearbooks_territories(profile):
    first = entities(profile)[0]
    assert first == [
        ("CAGL", "ORG"),
        ("Ville de Portvieux", "ORG"),
        ("ANCT", "ORG"),
        ("FSE", "ORG"),
        ("RGAA", "MISC"),
    ]


def test_capitalised_common_words_are_no_entities_and_a_quoted_name_is_a_product(profile):
    second = entities(profile)[1]
    # "Valoriser", "Déployer", "la Direction": none
    assert second == [("Portvieux Connect", "MISC"), ("Portvieux", "LOC")]


def test_persons_places_and_institutions(profile):
    third = entities(profile)[2]
    assert ("Marie Dupont", "PER") in third and ("Lyon", "LOC") in third
    assert (
        "Préfecture de Bretagne",
        "ORG",
    ) in third  # a title makes an organisation, whatever the model says


def test_texts_without_a_possible_name_are_not_given_to_the_model(profile, monkeypatch):
    """Only a known acronym or a capitalised word the texts never write in lower case can make an
    entity that is kept: the other texts skip the model, and lose nothing."""
    import pipeline.enrich.entities as entities_module

    nlp, read = load(), []

    class Recording:
        def pipe(self, texts, **options):
            texts = list(texts)
            read.extend(texts)
            return nlp.pipe(texts, **options)

        def memory_zone(self):
            return nlp.memory_zone()

    territories = split(
        "à la Communauté d'agglomération du Grand Littoral (CAGL) et la Ville de Portvieux", profile
    )
    before = find(TEXTS, profile, territories, ["Portvieux Connect"])
    monkeypatch.setattr(entities_module, "load", lambda: Recording())
    after = find(TEXTS, profile, territories, ["Portvieux Connect"])
    # the fourth text's capitalised words start its sentences, and the texts write them in lower
    # case too
    assert len(read) == 3 and not any("direction du numérique" in t for t in read)
    assert after == before and after[3] == []


def test_the_model_reads_the_sentences_with_a_possible_name_and_four_words_around(profile):
    """A long text of common words with one sentence naming a partner: the model is given that
    sentence with four words either side, and finds there what it finds in the whole text."""
    from pipeline.enrich.entities import statistical, vocabulary, worth_reading

    plain = "Les agents ont suivi une formation sur les outils numériques du service. " * 12
    text = plain + "Le projet associe la société Geonov et Orange. " + plain
    lower, inner = vocabulary([text])
    [(start, end)] = worth_reading(text, lower, inner)
    assert text[start:end] == (
        "outils numériques du service. Le projet associe la société Geonov et Orange. Les agents "
        "ont suivi"
    )
    [part] = statistical([text[start:end]])
    [whole] = statistical([text])
    assert [(e.text, e.label_, e.start_char + start) for e in part] == [
        (e.text, e.label_, e.start_char) for e in whole
    ]
    assert any(e.text == "Geonov" for e in whole)


# The raw entities of the statistical model over texts, printed as JSON by a process that
# loads the model with spaCy's own French class (this process has the light one registered).
SPACY_OWN = """
import json, sys
import spacy
from pipeline.enrich.entities import MODEL, UNUSED
nlp = spacy.load(MODEL, exclude=list(UNUSED))
assert "spacy.lang.fr" in sys.modules
texts = json.load(sys.stdin)
print(json.dumps([[(e.start_char, e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts)]))
"""


LIGHT_ALONE = """
import sys
from pipeline.enrich import entities
entities.load()
print("spacy.lang.fr" in sys.modules)
"""


def test_the_light_french_class_finds_the_same_entities(sample_doc):
    """Every text the enrichment gives the model on the reference yearbook (the summaries and
    blocks), through the model loaded in spaCy's French class and in the light one (without
    the tokenizer's pattern of hyphenated common words). Front-matter texts are not given to
    the model: on the list of all the projects, "E-SANTÉ" (spaCy's pattern keeps words
    prefixed "e-" whole) starts another entity."""
    import json
    import subprocess
    import sys

    from thinc.api import use_ops

    from pipeline.enrich import french
    from pipeline.enrich.entities import MODEL, UNUSED

    fields = ("summary", "innovation", "problematique", "apports")
    texts = [t for p in sample_doc.projects for f in fields if (t := getattr(p, f))]
    texts += TEXTS
    own = subprocess.run(
        [sys.executable, "-c", SPACY_OWN],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    with use_ops("numpy", use_blis=False):
        light = french.load(MODEL, UNUSED)
    assert len(light.tokenizer.token_match.__self__.pattern) < 50_000  # spaCy's: 1.4 MB
    # spaCy's French class is not even imported (a process of its own: this one's tests may have)
    alone = [sys.executable, "-c", LIGHT_ALONE]
    assert subprocess.run(alone, capture_output=True, text=True, check=True).stdout == "False\n"
    found = [[[e.start_char, e.text, e.label_] for e in d.ents] for d in light.pipe(texts)]
    assert found == json.loads(own.stdout)
    assert sum(map(len, found)) > 100


def test_no_text_needs_the_model_no_model_is_loaded(profile, monkeypatch):
    """Loaded only when a text needs it: texts of common words alone do not."""
    import pipeline.enrich.entities as entities_module

    monkeypatch.setattr(entities_module, "load", lambda: pytest.fail("model loaded"))
    texts = ["Former les agents.", "Les outils et la direction du numérique."]
    assert find(texts, profile, [], []) == [[], []]


def test_spacy_is_imported_without_its_command_line_which_stays_importable():
    """In a fresh process: the model loads without spacy.cli's commands, and `import spacy.cli`
    afterwards gives the whole of it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline.enrich.entities import load\n"
        "load()\n"
        "assert 'spacy.cli.train' not in sys.modules, sorted(sys.modules)\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and 'spacy.cli.train' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "text, span, expected",
    [
        # a generic plural names no institution, but the place it is in
        (
            "entre trois Communautés de Communes des Alpes du Sud, il vise",
            ("Communautés de Communes des Alpes du Sud", "ORG"),
            ("Alpes du Sud", "LOC"),
        ),
        ("entre trois Communautés de Communes, il vise", ("Communautés de Communes", "ORG"), None),
        # a word contracted before a capital names a product, not an organisation
        ("les demandes Démat'ADS et Démat'PR", ("Démat'ADS", "ORG"), ("Démat'ADS", "MISC")),
    ],
)
def test_the_models_generic_plurals_and_contracted_names(profile, text, span, expected):
    from pipeline.enrich.entities import Span, entity, vocabulary

    start = text.index(span[0])
    lower, inner = vocabulary([text])
    found = entity(
        Span(span[0], span[1], start), text, profile, lower, inner | {"Alpes"}, set(), set()
    )
    got = found and (found.text, found.label)
    assert got == expected
    assert found is None or text[found.offset : found.offset + len(found.text)] == found.text


def test_texts_go_to_the_model_process_and_back(monkeypatch):
    """A conversion without the model loads it in a process beside it (`model_process`), which
    finds what this process finds."""
    import os

    from pipeline.enrich import entities, model_process

    monkeypatch.setattr(entities, "loaded", lambda: False)
    with model_process.beside(2) as model:
        assert model.__self__.pid != os.getpid()
        assert model(TEXTS) == entities.statistical(TEXTS)


def test_when_the_model_process_dies_this_one_reads_the_texts(monkeypatch):
    import os
    import signal

    from pipeline.enrich import entities, model_process

    monkeypatch.setattr(entities, "loaded", lambda: False)
    with model_process.beside(2) as model:
        os.kill(model.__self__.pid, signal.SIGKILL)
        assert model(TEXTS) == entities.statistical(TEXTS)


def test_a_process_with_the_model_or_kept_to_one_process_reads_its_texts_itself(monkeypatch):
    from pipeline.enrich import entities, model_process

    load()
    with model_process.beside(2) as model:
        assert not hasattr(model, "__self__")  # no process: the model here
        assert model(TEXTS) == entities.statistical(TEXTS)
    monkeypatch.setattr(entities, "loaded", lambda: False)
    with model_process.beside(1) as model:
        assert not hasattr(model, "__self__")
