"""Shared fixtures: the default profile, the converted sample, a generated 2024 yearbook, and
builders of hand-made lines and pages."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.conversion import convert
from pipeline.elements import Line, Page
from pipeline.enrich.dates import MONTH_NAMES
from pipeline.profiles.profile import load

from .scoring import BROCHURE
from .yearbook import Block, Card, Category, Item, Yearbook, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "annuaire_2023.pdf"
GOLD = ROOT / "samples" / "annuaire_2023.gold.json"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def check_committed(path: Path, current: str) -> None:
    """A committed file the code generates (output, schema, docs table) must be what the code
    writes now; `UPDATE_GOLDEN=1 python -m pytest` rewrites it instead."""
    if UPDATE_GOLDEN:
        path.write_text(current, encoding="utf-8")
        return
    committed = path.read_text(encoding="utf-8")
    assert committed == current, (
        f"{path.relative_to(ROOT)} is stale: regenerate it with UPDATE_GOLDEN=1 python -m pytest"
    )


@pytest.fixture(scope="session")
def profile():
    return load("default")


@pytest.fixture(scope="session")
def sample():
    """The 2023 reference yearbook, converted once for every test module that reads it."""
    return convert(SAMPLE).document


# A second edition: a title with « » " ' & < in it, two territories (both also labelled in 2023),
# a nested list, a card over two pages, a card without its "apports" block.
PASS_TITLE = 'Pass\'Sport & <Code> "Jeunes"'
EDITION_2024 = Yearbook(
    2024,
    [
        Category(
            "TERRITOIRE INCLUSIF",
            [
                Card(
                    "or",
                    "la Ville de Paris et Rennes Métropole",
                    PASS_TITLE,
                    summary=[
                        "Le Pass'Sport numérique ouvre aux 11-25 ans les équipements sportifs des "
                        "deux villes avec "
                        "une seule carte, rechargée en ligne par les familles."
                    ],
                    blocks=[
                        Block(
                            "INNOVATION DU PROJET :",
                            [
                                "Le pass s'appuie sur un identifiant unique partagé par les deux "
                                "collectivités :",
                                Item(
                                    "une carte sans contact reconnue par les piscines et les "
                                    "gymnases",
                                    [Item("y compris ceux gérés par des associations")],
                                ),
                                Item(
                                    "un portail où les familles suivent les séances & les paiements"
                                ),
                            ],
                        ),
                        Block(
                            "LE PROJET A-T-IL PERMIS DE REPONDRE A UNE PROBLEMATIQUE DU TERRITOIRE "
                            "?",
                            [
                                "Les jeunes des quartiers prioritaires fréquentaient peu les "
                                "équipements, faute d'une "
                                "inscription simple et d'un tarif lisible."
                            ],
                        ),
                        Block(
                            "LES APPORTS DU PROJET :",
                            [
                                "Quatre mille jeunes inscrits la première année, dont un tiers ne "
                                "pratiquait aucun sport "
                                "en club auparavant."
                            ],
                        ),
                    ],
                )
            ],
        ),
        Category(
            "E-SANTÉ",
            [
                Card(
                    "bronze",
                    "la Communauté de communes du Pays des Écrins",
                    "Téléconsultation en vallée",
                    summary=[
                        f"En {month}, la cabine de téléconsultation de la maison de santé a assuré "
                        f"{n} consultations, "
                        f"avec un médecin régulateur joignable chaque jour et un infirmier présent "
                        f"sur place pour "
                        f"accueillir les patients et les aider à utiliser les appareils de mesure."
                        for month, n in zip(
                            MONTH_NAMES,
                            range(180, 420, 20),
                        )
                    ],
                    blocks=[
                        Block(
                            "INNOVATION DU PROJET :",
                            [
                                "Les médecins de la vallée se relaient depuis leur cabinet pour "
                                "assurer les téléconsultations "
                                "le soir et le samedi matin."
                            ],
                        ),
                        Block(
                            "LE PROJET A-T-IL PERMIS DE REPONDRE A UNE PROBLEMATIQUE DU TERRITOIRE "
                            "?",
                            ["Le premier service d'urgences est à une heure de route en hiver."],
                        ),
                    ],
                )
            ],
        ),
    ],
)


@pytest.fixture(scope="session")
def edition_2024(tmp_path_factory):
    """(PDF, converted document) of the generated 2024 yearbook."""
    pdf = build(tmp_path_factory.mktemp("edition_2024") / "annuaire_2024.pdf", EDITION_2024)
    return pdf, convert(pdf).document


@pytest.fixture(scope="session")
def brochure_doc():
    """The 2023 brochure (the sample's texts in another design), converted once."""
    return convert(BROCHURE).document


@pytest.fixture(scope="session")
def sample_doc(sample):
    """The same converted sample, under the name the enrichment tests use."""
    return sample


def line(
    text: str,
    top: float,
    x0: float = 56.8,
    size: float = 10.0,
    bold: bool = False,
    color: str = "222222",
    page: int = 1,
    width: float | None = None,
) -> Line:
    """A line as the reader would give it; its width grows with its text unless given."""
    x1 = x0 + (width if width is not None else min(480.0, 0.5 * size * len(text)))
    return Line(
        text=text,
        page=page,
        x0=x0,
        top=top,
        x1=x1,
        bottom=top + size,
        size=size,
        bold=bold,
        color=color,
    )


def stack(texts, top: float = 100.0, pitch: float = 13.6, **kw) -> list[Line]:
    """Consecutive lines of one paragraph."""
    return [line(t, top + i * pitch, **kw) for i, t in enumerate(texts)]


def page(
    number: int, lines, width: float = 595.0, height: float = 842.0, images=(), label=None
) -> Page:
    """A page holding the lines (stamped with its number)."""
    return Page(
        number, width, height, tuple(replace(ln, page=number) for ln in lines), tuple(images), label
    )
