"""Where a part of a card is drawn: a page, the left and right edges of its room, and the lines
printed there besides the gold's values (the gold's noise: a reader must keep them out of the
blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .sheet import Page
from .template import Template

MIN_NOISE = 6  # the scorer ignores shorter noise strings


@dataclass
class Area:
    """Where a head is drawn: a page, its left and right edges, and the noise collected."""

    page: Page
    x0: float
    x1: float
    template: Template
    noise: list[str] = field(default_factory=list)

    def line(self, x: float, y: float, text: str, font: str, size: float, color: tuple) -> None:
        self.page.text(x, y, text, font, size, color)
        if len(text) >= MIN_NOISE:
            self.noise.append(text)
