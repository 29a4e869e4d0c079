"""The review app in a real browser (Playwright driving Debian's Chromium, which .ci/run
installs; no browser is downloaded): open a card, edit a field, mark it checked, save,
re-run the conversion, and find the correction in the JSON."""

import json
import os
import shutil

import pytest

from pipeline.review import corrections

from .conftest import EDITION_2024
from .review import serving
from .test_cli import run
from .yearbook import build

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CARD = "Téléconsultation en vallée"  # the generated card without an "apports" block
APPORTS = "Les patients de la vallée ne font plus une heure de route pour un suivi."

if not os.environ.get("CI"):  # under CI a missing Playwright fails the test, never skips it
    pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' installs it")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium); CI installs it and runs this",
)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "CI must have chromium: .ci/run installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def test_correct_a_card_save_and_find_it_in_the_next_conversion(browser, tmp_path):
    pdf = build(tmp_path / "annuaire_2024.pdf", EDITION_2024)
    out = tmp_path / "out"
    out.mkdir()
    with serving(pdf, out) as (_, url):
        page = browser.new_page()
        page.goto(url + "/")
        page.get_by_role("link", name=CARD).click()
        page.wait_for_selector("#fiche")
        # hovering a value lights its boxes on the page image
        page.hover("#f-title")
        assert "lit" in page.get_attribute('.box[data-field="title"]', "class")
        page.fill("#f-apports", APPORTS)
        page.fill("#n-apports", "bloc absent de la fiche, repris du dossier")
        page.check("#checked")
        page.click("#save")
        page.wait_for_selector("[role=status]")
        assert page.input_value("#f-apports") == APPORTS
        assert page.is_checked("#checked")
        assert "corrigé" in page.inner_text('.field[data-field="apports"]')
        # the filter "not yet checked" leaves the card out now
        page.goto(url + "/?a_verifier=1")
        assert page.get_by_role("link", name=CARD).count() == 0
    written = out / "annuaire_2024.corrections.toml"
    book = corrections.load(written)  # the documented format, read back by the pipeline
    [fix] = book.fixes
    assert (fix.field, fix.value, fix.extracted) == ("apports", APPORTS, None)
    r = run(pdf, "-o", out, "--no-enrich")
    assert r.returncode == 0, r.stderr
    doc = json.loads((out / "annuaire_2024.json").read_text(encoding="utf-8"))
    record = next(p for p in doc["projects"] if p["title"] == CARD)
    assert record["apports"] == APPORTS and record["checked"] is True
    assert record["provenance"]["apports"] == "corrected"
    assert record["corrections"] == [
        {
            "field": "apports",
            "extracted": None,
            "value": APPORTS,
            "note": "bloc absent de la fiche, repris du dossier",
            "boxes": [],
        }
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "annuaire_2024.corrections.toml",
        "annuaire_2024.json",
    ]
