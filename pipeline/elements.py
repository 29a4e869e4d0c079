"""The plain data that flows between stages: boxes, lines and pages.

Every stage takes these and returns new ones; nothing is mutated in place, so a
test can build a page by hand and feed it to any stage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Rect:
    """A rectangle on a page, in pdfplumber coordinates (points, origin top-left)."""

    page: int  # 1-based page number in the PDF file
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Rect) -> Rect:
        return Rect(
            self.page,
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def rounded(self) -> Rect:
        return Rect(
            self.page,
            round(self.x0, 1),
            round(self.top, 1),
            round(self.x1, 1),
            round(self.bottom, 1),
        )


@dataclass(frozen=True)
class Line:
    """One visual line of text with the typography that segmentation relies on."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    color: str = ""  # fill colour as rrggbb, "" when unknown (OCR)
    cells: tuple[str, ...] = ()  # a table row: its cells (the text joins them with " | ")
    lead: int = 0  # glyphs opening the line in a style of their own (a run-in label), else 0

    @property
    def lead_text(self) -> str:
        """The text of the opening run in a style of its own ("Le point de départ :")."""
        if not self.lead:
            return ""
        seen = 0
        for i, ch in enumerate(self.text):
            seen += not ch.isspace()
            if seen == self.lead:
                return self.text[: i + 1]
        return self.text

    font: str = ""  # the most used font's base name, without its subset tag ("Lato-Heavy")
    rotated: bool = False  # set along a slanted or vertical baseline (text up a margin)
    small_caps: bool = False  # the font is a small-caps cut (its name says so)
    region: int = 0  # the page region the line was read in (`Page.regions`), 0 before layout

    @property
    def box(self) -> Rect:
        return Rect(self.page, self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def with_text(self, text: str) -> Line:
        return replace(self, text=text, lead=0)


@dataclass(frozen=True)
class Shape:
    """A painted rectangle or rule: what draws boxes, sidebars, table cells and separators."""

    box: Rect
    fill: str  # colour as rrggbb (a rule's stroke colour), "" when unknown
    kind: str  # "rect": a filled area; "rule": a line, or an area too thin to hold text


@dataclass(frozen=True)
class Region:
    """A part of a page read on its own: a column, a box, a band between full-width lines."""

    id: int  # 1, 2, … in the page's reading order
    box: Rect
    kind: str  # "box": inside a filled rectangle; "column": one side of a gutter; "band": the rest


@dataclass(frozen=True)
class Page:
    """A page reduced to its text lines and the boxes of its images."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    images: tuple[Rect, ...] = ()
    label: str | None = None  # printed page number, once furniture has read it
    ocr: bool = False  # the text comes from OCR: no meaningful font, weight or colour
    confidence: float | None = None  # OCR engine's mean word confidence (0–100)
    shapes: tuple[Shape, ...] = ()  # filled rectangles and rules, top to bottom
    regions: tuple[Region, ...] = ()  # once layout has cut the page (each line names its own)
    aside: tuple[Line, ...] = ()  # rotated text kept out of the reading (furniture: unplaced)

    def with_lines(self, lines) -> Page:
        return replace(self, lines=tuple(lines))


@dataclass(frozen=True)
class Removed:
    """A line taken out as page furniture, with the reason (kept for the record)."""

    line: Line
    reason: str  # running_header | running_footer | page_number | logo


@dataclass
class Stray:
    """Text no stage could assign to a field; it ends up in the output's `unplaced`."""

    line: Line
    reason: str


def merge_boxes(lines) -> list[Rect]:
    """One box per page covering the given lines, in page order."""
    boxes: dict[int, Rect] = {}
    for line in lines:
        b = line.box
        boxes[b.page] = boxes[b.page].union(b) if b.page in boxes else b
    return [boxes[p].rounded() for p in sorted(boxes)]
