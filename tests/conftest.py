"""Shared fixtures: the default profile and builders of hand-made lines and pages."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.elements import Line, Page
from pipeline.profile import load

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "annuaire_2023.pdf"
GOLD = ROOT / "samples" / "annuaire_2023.gold.json"


@pytest.fixture(scope="session")
def profile():
    return load("default")


@pytest.fixture(scope="session")
def sample_doc():
    """The 2023 reference yearbook converted once for every test module that reads it."""
    from pipeline.pipeline import convert
    return convert(SAMPLE).document


def line(text: str, top: float, x0: float = 56.8, size: float = 10.0, bold: bool = False,
         color: str = "222222", page: int = 1, width: float | None = None) -> Line:
    """A line as the reader would give it; its width grows with its text unless given."""
    x1 = x0 + (width if width is not None else min(480.0, 0.5 * size * len(text)))
    return Line(text=text, page=page, x0=x0, top=top, x1=x1, bottom=top + size, size=size, bold=bold, color=color)


def stack(texts, top: float = 100.0, pitch: float = 13.6, **kw) -> list[Line]:
    """Consecutive lines of one paragraph."""
    return [line(t, top + i * pitch, **kw) for i, t in enumerate(texts)]


def page(number: int, lines, width: float = 595.0, height: float = 842.0, images=(), label=None) -> Page:
    """A page holding the lines (stamped with its number)."""
    return Page(number, width, height, tuple(replace(ln, page=number) for ln in lines), tuple(images), label)
