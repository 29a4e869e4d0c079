"""A seeded generator of whole yearbook designs, for measuring how the pipeline reads designs it
has never seen (issue 13, item 9).

    from tests.designs import write
    sample = write(seed=7, directory=tmp)     # sample.pdf, sample.gold (dict), sample.design

One seed gives one design (`choices.py`: columns, sidebar, medal style, headings, listings,
furniture, fonts… each an axis with its values), one content (`content.py` from the word
banks of `words.py`: categories and 12–30 cards in French), one template (`template.py`: the
wordings and styles repeated on every card). `book.py` lays the yearbook out page by page:
card heads (`head.py`, the medal styles in `medals.py`, the sidebar in `sidebar.py`), bodies
set in rows (`body.py`, `typeset.py`) and poured into columns (`flow.py`) or slide boxes
(`slides.py`), dividers and listings (`listings.py`); `sheet.py` draws it with reportlab and
`gold.py` describes it. `check.py` verifies a generated file against its gold. The same seed
gives the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from . import choices, content, template
from .book import lay_out
from .gold import gold
from .sheet import register_fonts, save


@dataclass(frozen=True)
class Sample:
    design: choices.Design
    pdf: Path
    gold_path: Path
    gold: dict


def write(
    seed: int, directory: Path, forced: dict | None = None, cards: tuple[int, int] = content.CARDS
) -> Sample:
    """Generate design `seed` (with the `forced` axis values) into `directory`: PDF and gold."""
    register_fonts()
    design = choices.draw(seed, forced)
    length = "long" if design.long_cards else "short" if design.share_pages else "usual"
    body = content.draw(random.Random(f"content-{seed}"), length, cards)
    book = lay_out(body, template.draw(design, body.year, random.Random(f"template-{seed}")))
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pdf = save(book.pages, directory / f"design_{seed}.pdf", seed if design.shuffle else None)
    expected = gold(book, body)
    gold_path = directory / f"design_{seed}.gold.json"
    gold_path.write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return Sample(design, pdf, gold_path, expected)
