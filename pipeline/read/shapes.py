"""Stage 1, painted shapes: the filled rectangles and rules of a page, from either engine.

Boxes, sidebars, table cells and separators are drawn, not written; the regions stage
reads a page's structure from them. Both readers describe each subpath of a painted path
(as pdfminer splits them) by its box, how it is painted and its colours, and `shape` turns
that into the same `Shape` whichever engine read it.
"""

from __future__ import annotations

import math

from ..elements import Rect, Shape

RULE_WIDTH = 2.0  # points: a painted area no thicker than this holds no text; it is a rule


def shape(
    page: int, box: tuple, stroke: bool, fill: bool, stroke_color: str, fill_color: str
) -> Shape | None:
    """A rule (any thin painted stroke or area) or a filled rectangle; None for what frames nothing
    (an outline, a path neither stroked nor filled, a box at no finite place)."""
    x0, top, x1, bottom = box
    if not all(math.isfinite(v) for v in box) or not (stroke or fill):
        return None
    if min(x1 - x0, bottom - top) <= RULE_WIDTH:
        return Shape(
            Rect(page, x0, top, x1, bottom), stroke_color if stroke else fill_color, "rule"
        )
    if fill:
        return Shape(Rect(page, x0, top, x1, bottom), fill_color, "rect")
    return None


def ordered(shapes) -> tuple[Shape, ...]:
    """The shapes found, top to bottom then left to right (both engines list paths differently)."""
    found = [s for s in shapes if s is not None]
    return tuple(sorted(found, key=lambda s: (round(s.box.top, 1), round(s.box.x0, 1), s.kind)))


def from_plumber(objects: dict, page: int, color) -> tuple[Shape, ...]:
    """Shapes from pdfplumber's rects, lines and curves (each a subpath, boxed by its points)."""
    return ordered(
        shape(
            page,
            (o["x0"], o["top"], o["x1"], o["bottom"]),
            bool(o.get("stroke")),
            bool(o.get("fill")),
            color(o.get("stroking_color")),
            color(o.get("non_stroking_color")),
        )
        for kind in ("rect", "line", "curve")
        for o in objects.get(kind, ())
    )
