"""The project's own accuracy figures against a gold file (independent of the shared scorer)."""

import difflib
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from pipeline.text import key

BLOCKS = ("summary", "innovation", "problematique", "apports")
ANNOTATIONS = Path(__file__).parent / "data" / "annotations_2023.json"
# The 2023 texts printed in another design (two columns, justified and hyphenated), with the
# same cards: the annotations hold for both.
BROCHURE = Path(__file__).parent / "data" / "annuaire_2023_brochure.pdf"


def annotated_cards() -> list[dict]:
    """The cards of the 2023 sample annotated by hand (tests/data/annotations_2023.json)."""
    return json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["cards"]


def entity_scores(doc, cards: list[dict]) -> tuple[int, int, int]:
    """(right, wrong, missed) entities (exact text and label) of the annotated cards' fields."""
    projects = {p.id: p for p in doc.projects}
    right = wrong = missed = 0
    for card in cards:
        p = projects[card["id"]]
        for field, want in card["fields"].items():
            found = Counter((e.text, e.label) for e in p.entities if e.field == field)
            expected = Counter(tuple(x) for x in want["entities"])
            hits = found & expected
            right += sum(hits.values())
            wrong += sum((found - hits).values())
            missed += sum((expected - hits).values())
    return right, wrong, missed


MIN_NOISE = 6  # shorter noise strings are ignored (the shared scorer's rule)


def words(text):
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'")
    text = re.sub(r"(?m)^\s*-\s+", "", text)
    return re.findall(r"\w+|[^\w\s]", text.lower())


def block_similarity(a, b) -> float:
    wa, wb = words(a), words(b)
    return 1.0 if wa == wb else difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def paired(doc, gold):
    """(project or None, gold card) for each gold card, matched on the title's key."""
    by_title = {key(p.title): p for p in doc.projects}
    return [(by_title.get(key(c["title"])), c) for c in gold["cards"]]


def figures(doc, gold) -> dict:
    pairs = [(p, c) for p, c in paired(doc, gold) if p is not None]
    n = max(len(pairs), 1)
    got = sum(len(p.territories) for p, _ in pairs)
    want = sum(len(c["territories"]) for _, c in pairs)
    hit = sum(
        len({key(t.name) for t in p.territories} & {key(t["name"]) for t in c["territories"]})
        for p, c in pairs
    )
    sims = [block_similarity(getattr(p, b), c.get(b)) for p, c in pairs for b in BLOCKS]
    return {
        "card_precision": len(pairs) / max(len(doc.projects), 1),
        "card_recall": len(pairs) / len(gold["cards"]),
        "medal": sum(p.medal == c["medal"] for p, c in pairs) / n,
        "category": sum(key(p.category) == key(c["category"]) for p, c in pairs) / n,
        "title": sum(key(p.title) == key(c["title"]) for p, c in pairs) / n,
        "first_page": sum(p.pages[0] == c["pages"][0] for p, c in pairs) / n,
        "territory_precision": hit / max(got, 1),
        "territory_recall": hit / max(want, 1),
        "block_similarity": sum(sims) / max(len(sims), 1),
        "blocks_near_exact": sum(s >= 0.99 for s in sims) / max(len(sims), 1),
    }


def score(fig: dict) -> float:
    """One figure for a whole yearbook, weighted as the shared scorer weighs its parts: card
    precision and recall, then each field's accuracy over the cards found, times the recall."""
    precision, recall = fig["card_precision"], fig["card_recall"]
    tp, tr = fig["territory_precision"], fig["territory_recall"]
    territory_f = 2 * tp * tr / (tp + tr) if tp + tr else 0.0
    fields = (
        fig["medal"],
        fig["category"],
        fig["title"],
        fig["first_page"],
        territory_f,
        fig["block_similarity"],
    )
    parts = [precision, recall] + [value * recall for value in fields]
    return sum(parts) / len(parts)


def noise_leaks(doc, gold) -> list[str]:
    """The gold's noise (running lines, the lines of a card's head) found in a card's text fields,
    as "title: noise"; short strings are ignored, as the shared scorer ignores them."""
    leaks = []
    for project, card in paired(doc, gold):
        if project is None:
            continue
        fields = " ".join(getattr(project, block) or "" for block in BLOCKS)
        text = unicodedata.normalize("NFKC", fields).lower()
        for noise in gold.get("noise", []) + card.get("noise", []):
            wanted = unicodedata.normalize("NFKC", noise).lower().strip()
            if len(wanted) >= MIN_NOISE and wanted in text:
                leaks.append(f"{card['title']}: {noise}")
    return leaks
