"""Cross-checks between cards, the table of contents and the listings."""

from pipeline.stages.card import Card
from pipeline.stages.listing import Listed, Listing
from pipeline.stages.reconcile import Placed, check
from pipeline.stages.segment import Section
from pipeline.stages.territory import TerritoryName
from pipeline.stages.toc import TocRow

from .conftest import line

SECTION = Section(10, [line("CYBERSÉCURITÉ", 77, size=21, page=10)])


def card(title, page, medal="or", territory="Ville de Lens", notes=()):
    return Card(
        medal=medal,
        category_raw="CYBERSÉCURITÉ",
        title=title,
        territories=[TerritoryName(territory, "commune")],
        summary="s",
        blocks={"innovation": "i", "problematique": "p", "apports": "a"},
        headings={},
        pages=[page],
        provenance={},
        notes=list(notes),
    )


def placed(*cards):
    return [
        Placed(f"id{i}", c, "Cybersécurité", SECTION, str(c.pages[0])) for i, c in enumerate(cards)
    ]


def entry(text, label):
    return TocRow(text, label, 1, (line(text, 100, page=2),))


def on_page_10(entries: list[Listed]) -> dict[int, Listing]:
    """The listing of the section on page 10, read whole (no line left over)."""
    return {10: Listing(entries, [], [])}


def listed(text, title, medal, n):
    return Listed(text, title, "Ville de Lens", medal, (line(text, 262 + 20 * n, page=10),))


def codes(warnings):
    return sorted(w.code for w in warnings)


def test_everything_consistent_gives_no_warning():
    cards = placed(card("Bouclier numérique", 11), card("Cyber-réflexes", 12, medal="argent"))
    toc = [
        entry("Ville de Lens - Bouclier numérique", "11"),
        entry("Ville de Lens – Cyber-réflexes", "12"),
    ]
    listing = on_page_10(
        [
            listed("Bouclier numérique - Ville de Lens", "Bouclier numérique", "or", 0),
            listed("Cyber-réflexes - Ville de Lens", "Cyber-réflexes", "argent", 1),
        ]
    )
    warnings, matches = check(cards, toc, listing, {"11", "12"})
    assert warnings == []
    assert matches == {(10, 0): "id0", (10, 1): "id1"}


def test_card_missing_from_the_toc_and_a_title_spelt_differently():
    cards = placed(card("Bouclier numérique", 11), card("CARTE AILFE, une carte pour l'emploi", 12))
    toc = [entry("Ville de Lens - Carte ALIFE", "12")]
    warnings, _ = check(cards, toc, {}, {"11", "12"})
    assert codes(warnings) == ["not_in_toc", "title_mismatch"]
    mismatch = next(w for w in warnings if w.code == "title_mismatch")
    assert (
        "Carte ALIFE" in mismatch.message
        and mismatch.project_id == "id1"
        and mismatch.pages == [12]
    )


def test_toc_page_number_off():
    cards = placed(card("Bouclier numérique", 11))
    warnings, _ = check(
        cards, [entry("Ville de Lens - Bouclier numérique", "15")], {}, {"11", "15"}
    )
    assert codes(warnings) == ["toc_page_mismatch"]


def test_listing_order_medal_and_missing_entries():
    cards = placed(
        card("Bouclier numérique", 11), card("Cyber-réflexes", 12), card("Sans annonce", 13)
    )
    listing = on_page_10(
        [
            listed("Cyber-réflexes - Ville de Lens", "Cyber-réflexes", "or", 0),
            listed("Bouclier numérique - Ville de Lens", "Bouclier numérique", "bronze", 1),
            listed("Un projet fantôme - Ville de Lens", "Un projet fantôme", "or", 2),
        ]
    )
    warnings, _ = check(cards, [], listing, {"11", "12", "13"})
    assert codes(warnings) == [
        "listed_without_card",
        "listing_order",
        "medal_mismatch",
        "not_in_listing",
    ]
    medal = next(w for w in warnings if w.code == "medal_mismatch")
    assert "bronze" in medal.message and medal.pages == [10, 11]


def test_a_longer_title_on_the_listing_is_only_a_variant():
    cards = placed(card("Démat'URBA", 11))
    listing = on_page_10(
        [listed("Programme «Démat'URBA» - Ville de Lens", "Programme «Démat'URBA»", "or", 0)]
    )
    warnings, _ = check(cards, [], listing, {"11"})
    assert [(w.code, w.severity) for w in warnings] == [("title_variant", "info")]


def test_card_notes_become_warnings():
    cards = placed(
        card("Bouclier numérique", 11, notes=[("block_missing", "the card has no 'apports' block")])
    )
    warnings, _ = check(cards, [], {}, {"11"})
    assert codes(warnings) == ["block_missing"] and warnings[0].pages == [11]
