"""spaCy's French model loaded without the cost of spaCy's French language class.

`import spacy.lang.fr` compiles, at import, a 1.4 MB regular expression of hyphenated
common words ("arc-en-ciel", "c'est-à-dire") that the tokenizer keeps whole; loading
fr_core_news_sm compiles it a second time from the model's tokenizer file. Together they
were most of a run's time. The entity recognizer needs neither: it reads proper names, and
the tokenizer's other rules (prefixes, suffixes, infixes, elisions, exceptions such as
"aujourd'hui") still come from the model's files. So the model is loaded here into a bare
French language class of our own, registered under "fr" in this process in place of
spaCy's, whose tokenizer leaves that pattern out and keeps only its general rule, which
names need: words joined by a hyphenated link word ("Loir-et-Cher", "Hauts-de-France").
The model's vocabulary (148,000 strings) is left out too: the recognizer hashes each token's
forms itself. `tests/test_entities.py` checks that the model finds the same entities as with
spaCy's class and the whole model.

`import spacy` itself imports every command of spaCy's command line (training, packaging,
project tools, and their web clients): half of its time. Only `spacy.cli.info` is asked for
by spaCy's own package, and it brings the command line's helpers and web clients with it;
`import_spacy` gives spaCy an `info` that imports the real one when called, then lets any
later `import spacy.cli` import the whole of it as usual.
"""

from __future__ import annotations

import re
import types

TOKENIZER = "annuaire_pipeline.french_tokenizer"
SKIPPED = ("token_match",)  # the tokenizer file's parts left out
# The model's parts left out: its vocabulary's 148,000 strings (0.15 s to load). The entity
# recognizer reads the hashes of a token's forms, not the strings, and brings its labels.
PARTS = ("vocab",)
# spaCy's French rule for words joined by a link word ("saut-de-ski", "Loir-et-Cher")
LINKS = ("l[èe]s?", "la", "en", "des?", "d[eu]", "sur", "sous", "aux?", "à", "et", "près", "saint")
HYPHENS, ELISIONS = "-–—‐‑", "'’"


def joined_words():
    """The token pattern of words joined by a hyphenated link word, as spaCy's French has it.

    spaCy writes one alternative per link word, each with its two classes of letters (some
    thousand ranges, slow to compile: 0.2 s); the same words match with the link words as
    alternatives between a single pair of them."""
    from spacy.lang.char_classes import ALPHA

    links = "|".join(LINKS)
    rule = f"^[{ALPHA}]+[{HYPHENS}](?:{links})[{HYPHENS}](?:l[{ELISIONS}])?[{ALPHA}]+$"
    return re.compile("(?iu)" + rule).match


def load(model: str, exclude: tuple[str, ...]):
    """The model `model` with its components `exclude` left out, in the light French class."""
    spacy = import_spacy()
    register()
    nlp = spacy.load(
        model,
        exclude=[*exclude, *PARTS],
        config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}},
    )
    nlp.tokenizer.token_match = joined_words()
    return nlp


def import_spacy():
    """spaCy, imported without its command line's package: an empty `spacy.cli` and a
    `spacy.cli.info` holding `info` alone stand in while spaCy imports, and are taken back
    after."""
    import sys

    if "spacy" not in sys.modules and "spacy.cli" not in sys.modules:
        stand_ins = placeholders()
        sys.modules.update(stand_ins)
        try:
            import spacy
        finally:
            for name, module in stand_ins.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
            if getattr(sys.modules.get("spacy"), "cli", None) is stand_ins["spacy.cli"]:
                del sys.modules["spacy"].cli
    import spacy

    return spacy


def placeholders() -> dict[str, types.ModuleType]:
    """The stand-ins of `spacy.cli` and `spacy.cli.info` while spaCy imports."""
    package, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    package.__path__ = []

    def real_info(*args, **kwargs):
        """spaCy's `info`, imported when it is first called."""
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info.info = real_info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": info}


def register() -> None:
    """Put the light class and its tokenizer in spaCy's registries (once per process)."""
    from spacy.language import BaseDefaults, Language
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    if TOKENIZER in registry.tokenizers:
        return

    class Light(Tokenizer):
        def from_disk(self, path, *, exclude=()):
            return super().from_disk(path, exclude=[*exclude, *SKIPPED])

    class FrenchDefaults(BaseDefaults):
        """spaCy's defaults: the model's tokenizer file brings the French rules."""

    class French(Language):
        lang = "fr"
        Defaults = FrenchDefaults

    registry.tokenizers.register(TOKENIZER, func=lambda: lambda nlp: Light(nlp.vocab))
    registry.languages.register("fr", func=French)
