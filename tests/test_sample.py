"""End to end on the 2023 reference yearbook, against its gold file, the committed output and
schema."""

import json
import re

import jsonschema
import pytest

from pipeline.outputs import export
from pipeline.text import key

from .conftest import GOLD, ROOT, check_committed
from .scoring import BLOCKS, figures, paired


@pytest.fixture(scope="module")
def doc(sample):
    return sample


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_every_card_is_found_once(doc, gold):
    assert len(doc.projects) == len(gold["cards"])
    assert all(p is not None for p, _ in paired(doc, gold))


def test_medal_category_title_pages(doc, gold):
    for p, c in paired(doc, gold):
        assert (p.medal, p.category, key(p.title), p.pages[0]) == (
            c["medal"],
            c["category"],
            key(c["title"]),
            c["pages"][0],
        )


def test_territories(doc, gold):
    names = kinds = total = 0
    for p, c in paired(doc, gold):
        got = {key(t.name): t.kind for t in p.territories}
        want = {key(t["name"]): t["kind"] for t in c["territories"]}
        assert set(got) == set(want), c["title"]
        names += len(want)
        kinds += sum(got[k] == v for k, v in want.items())
        total += len(want)
    assert kinds / total >= 0.96


def test_scores_against_the_gold_file(doc, gold):
    f = figures(doc, gold)
    assert f["card_precision"] == f["card_recall"] == 1.0
    assert f["medal"] == f["category"] == f["title"] == f["first_page"] == 1.0
    assert f["territory_precision"] == f["territory_recall"] == 1.0
    assert f["block_similarity"] >= 0.995 and f["blocks_near_exact"] >= 0.95


def test_list_items_are_kept(doc, gold):
    def items(t):
        return len(re.findall(r"(?m)^\s*- ", t or ""))

    for p, c in paired(doc, gold):
        for b in BLOCKS:
            assert items(getattr(p, b)) == items(c.get(b)), (c["title"], b)


def test_no_furniture_in_any_field(doc, gold):
    running = {
        r.text.lower() for pg in doc.pages for r in pg.removed if r.reason.startswith("running")
    }
    logos = {
        pg.number: " ".join(r.text for r in pg.removed if r.reason == "logo").lower()
        for pg in doc.pages
    }
    noise = running | {n.lower() for n in gold["noise"]}
    for p, c in paired(doc, gold):
        text = " ".join(getattr(p, b) or "" for b in BLOCKS).lower()
        card_noise = (
            noise
            | {n.lower() for n in c.get("noise", [])}
            | {logos[n] for n in p.pages if logos[n]}
        )
        assert not [n for n in card_noise if len(n) >= 6 and n in text], p.title


def test_the_sample_s_known_inconsistencies_are_warned(doc):
    found = {(w.code, w.project_id) for w in doc.warnings}
    by_title = {p.title.split(",")[0]: p.id for p in doc.projects}
    assert ("not_in_toc", by_title["LeBonTag"]) in found
    assert ("title_mismatch", by_title["CARTE AILFE"]) in found
    assert ("block_missing", by_title["SATURNE ou le badgeage par beacons"]) in found
    assert any(w.code == "listing_order" and 13 in w.pages for w in doc.warnings)
    assert not any(
        w.code in ("medal_mismatch", "not_in_listing", "listed_without_card") for w in doc.warnings
    )


def test_provenance_points_into_the_card(doc):
    for p in doc.projects:
        for field in ("medal", "title", "territories", "summary", "innovation", "problematique"):
            assert p.provenance[field], (p.title, field)
            assert all(
                b.page in p.pages and b.x0 < b.x1 and b.top < b.bottom for b in p.provenance[field]
            )


def test_ids_are_unique_and_stable(doc):
    ids = [p.id for p in doc.projects]
    assert len(set(ids)) == len(ids)
    assert "2023-cybersecurite-bouclier-cyber64" in ids


def test_front_matter_and_edition(doc):
    assert doc.edition.year == 2023
    assert doc.source.page_count == 38
    assert [c.name for c in doc.categories][:2] == [
        "Moderniser le service public",
        "Aménagement & attractivité du territoire",
    ]
    assert sum(len(c.listed) for c in doc.categories) == 25
    assert all(item.project_id for c in doc.categories for item in c.listed)
    headings = " ".join(s.heading for s in doc.front_matter)
    assert "Le jury" in headings and "Les critères de notation" in headings
    assert [pg.label for pg in doc.pages][1:4] == ["2", "3", "4"]


def test_committed_output_is_what_the_pipeline_writes(doc):
    check_committed(ROOT / "output" / "annuaire_2023.json", export.dumps(doc))


def test_published_schema_is_generated_from_the_models():
    check_committed(ROOT / "schemas" / "annuaire.schema.json", export.schema())


def test_committed_output_validates_against_the_models():
    from pipeline.outputs.models import Annuaire

    Annuaire.model_validate_json(
        (ROOT / "output" / "annuaire_2023.json").read_text(encoding="utf-8")
    )


def test_every_property_of_the_schema_is_described():
    schema = json.loads((ROOT / "schemas" / "annuaire.schema.json").read_text(encoding="utf-8"))
    undescribed = []

    def walk(node, path):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    undescribed.append(f"{path}.{name}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    walk(schema, "")
    assert undescribed == []


def test_a_consumer_of_this_schema_accepts_a_later_minor_version(sample):
    """A 1.x consumer validates a 1.y document (y > x) that adds properties at every level."""
    schema = json.loads((ROOT / "schemas" / "annuaire.schema.json").read_text(encoding="utf-8"))
    major, minor = map(int, sample.schema_version.split("."))
    later = json.loads(export.dumps(sample))
    later.update(schema_version=f"{major}.{minor + 1}", generator={"name": "annuaire-pipeline"})
    later["projects"][0]["budget"] = 120000
    later["projects"][0]["territories"][0]["population"] = 5000
    later["pages"][0]["rotation"] = 0
    jsonschema.Draft202012Validator(schema).validate(later)
    later["schema_version"] = f"{major + 1}.0"  # a major version is another contract
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(later)
