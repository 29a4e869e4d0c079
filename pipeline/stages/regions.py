"""Stage 3a — regions: a page cut into the parts that are read one after the other.

A page is not one stream of lines: columns, a tinted sidebar, a box, a band above two
columns are each read on their own, and text never runs from one into its neighbour.
The cut follows the recursive XY-cut (Ha, Haralick & Phillips, 1995), with what a
printed page adds to its whitespace:

- a filled rectangle (a tinted sidebar, a box, a table cell) holds the lines inside it
  together: it is cut as one piece among the lines around it, and its inside on its own;
- a wide white band across a part of the page separates what stands above from what
  stands below (two rows of slide boxes);
- otherwise a gutter — a vertical gap with lines facing each other across it, or a
  filled rectangle's edge — separates columns, read left one first; a full-width line
  or rule crossing the gutter closes the columns above it (a band);
- what is left is read top to bottom, left to right.

Each line is given the id of its region, so that later stages know which lines share one
(a sidebar's medal and territories); the regions themselves go with the page.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from statistics import median

from ..elements import Line, Page, Rect, Region, Shape

BACKGROUND_SHARE = 0.5  # a filled area over this share of the page is its background, no box
MOST_BOXES = 200  # filled rectangles of a page looked at, the largest
SLACK = 1.0  # points a line may stick out of the rectangle it is printed in
BAND_GAP = 2.0  # a white band this many line heights tall separates rows of regions
SAME_GUTTER = 6.0  # points between the gutters of two bands that make them one run of columns
GUTTER_PAIRS = 3  # lines facing each other across a gap that make it a gutter
GUTTER_SPAN = (0.25, 0.75)  # a gutter in whitespace alone lies in this share of the part's width
GUTTER_STEP = 4  # points between the gutter positions tried (each part tries at most…)
GUTTER_TRIES = 150  # …this many: a hostile page of thousands of lines stays cheap


Group = tuple[str, list[Line]]  # a region being made: its kind and its lines, in reading order


@dataclass
class Piece:
    """What is cut: a line, a rule (which reads as nothing), or a box and what is inside it."""

    box: Rect
    line: Line | None = None
    inside: list[Piece] = field(default_factory=list)
    frame: bool = False

    @property
    def middle(self) -> float:
        return (self.box.top + self.box.bottom) / 2


def split(page: Page) -> Page:
    """The page with its lines in reading order, each naming its region, and its regions."""
    if not page.lines:
        return page
    groups = order(pieces(page), line_height(page.lines))
    lines: list[Line] = []
    regions: list[Region] = []
    for kind, group in groups:
        ident = len(regions) + 1
        found = [replace(line, region=ident) for line in group]
        lines += found
        box = found[0].box
        for line in found[1:]:
            box = box.union(line.box)
        regions.append(Region(ident, box.rounded(), kind))
    return replace(page, lines=tuple(lines), regions=tuple(regions))


def by_box(page: Page) -> list[list[Line]]:
    """The page's lines grouped by the box holding them (the lines in no box together), so that
    nothing is joined across a box's edge (two slide boxes side by side are no table). A box
    holding a single line — a table's header cell, a badge — is no wall: its line goes with the
    lines around the box."""
    frames = sorted(boxes(page), key=lambda s: area(s.box))
    holders = [[i for i, f in enumerate(frames) if holds(f.box, line.box)] for line in page.lines]
    counts = Counter(i for held in holders for i in held)
    groups: dict[int, list[Line]] = {}
    for line, held in zip(page.lines, holders, strict=True):
        holder = next((i for i in held if counts[i] > 1), -1)
        groups.setdefault(holder, []).append(line)
    return list(groups.values())


def line_height(lines) -> float:
    return median(line.bottom - line.top for line in lines)


def pieces(page: Page) -> list[Piece]:
    """The page's lines and horizontal rules, with the boxes (filled rectangles holding lines) as
    one piece each: every line and rule goes into the smallest rectangle that holds it."""
    frames = [Piece(s.box, frame=True) for s in boxes(page)]
    frames.sort(key=lambda p: -area(p.box))  # a rectangle comes before those inside it
    top: list[Piece] = []
    for i, frame in enumerate(frames):
        put(frame, frames[:i], top)
    rules = [Piece(s.box) for s in page.shapes if s.kind == "rule" and horizontal(s)]
    for piece in [Piece(line.box, line) for line in page.lines] + rules:
        put(piece, frames, top)
    return [p for p in top if not p.frame or any(lines_of(p))]


def put(piece: Piece, frames: list[Piece], top: list[Piece]) -> None:
    """Into the smallest of the frames (largest first) that holds it, else with the page's own."""
    holder = next((f for f in reversed(frames) if holds(f.box, piece.box)), None)
    (holder.inside if holder else top).append(piece)


def boxes(page: Page) -> list[Shape]:
    """The filled rectangles that may hold text: not the page's background; the MOST_BOXES largest
    (a chart or a map drawn in thousands of small areas holds no text block)."""
    limit = BACKGROUND_SHARE * page.width * page.height
    found = [s for s in page.shapes if s.kind == "rect" and area(s.box) < limit]
    return (
        sorted(found, key=lambda s: -area(s.box))[:MOST_BOXES] if len(found) > MOST_BOXES else found
    )


def area(box: Rect) -> float:
    return (box.x1 - box.x0) * (box.bottom - box.top)


def holds(outer: Rect, inner: Rect) -> bool:
    return (
        outer.x0 - SLACK <= inner.x0
        and inner.x1 <= outer.x1 + SLACK
        and outer.top - SLACK <= inner.top
        and inner.bottom <= outer.bottom + SLACK
    )


def horizontal(shape: Shape) -> bool:
    return shape.box.x1 - shape.box.x0 > shape.box.bottom - shape.box.top


def lines_of(piece: Piece):
    if piece.line is not None:
        yield piece.line
    for inner in piece.inside:
        yield from lines_of(inner)


def order(items: list[Piece], height: float) -> list[Group]:
    """The regions of a part of the page, in reading order: (kind, its lines)."""
    if not items:
        return []
    bands = flowing(white_bands(items, height))
    if len(bands) > 1:
        return [group for band in bands for group in order(band, height)]
    gutter = find_gutter(items)
    if gutter is None:
        return leaf(items, height, "band")
    out: list[Group] = []
    for crossing, run in runs(items, gutter):
        if crossing:
            out += leaf(run, height, "band")
            continue
        for side in (
            [p for p in run if p.box.x1 <= gutter],
            [p for p in run if p.box.x0 >= gutter],
        ):
            out += joined(order(side, height), "column")
    return out


def leaf(items: list[Piece], height: float, kind: str) -> list[Group]:
    """Top to bottom, left to right; a box met on the way is read whole, as its own region."""
    out: list[Group] = []
    for piece in sorted(items, key=place):
        if piece.frame:
            out += joined(order(piece.inside, height), "box")
        elif piece.line is not None:
            if not out or out[-1][0] != kind:
                out.append((kind, []))
            out[-1][1].append(piece.line)
    return [(k, g) for k, g in out if g]


def joined(groups: list[Group], kind: str) -> list[Group]:
    """The regions of a box or a column: its own text is one region of that kind, however wide
    the white bands inside it (a sidebar's medal and territories); the columns and boxes inside
    it stay regions of their own."""
    out: list[Group] = []
    own = False  # the last region is the part's own text
    for inner, group in groups:
        if inner == "band" and own:
            out[-1][1].extend(group)
        else:
            out.append((kind if inner == "band" else inner, group))
        own = inner == "band"
    return out


def place(piece: Piece) -> tuple[float, float]:
    """Where a piece is read: a line by its top then left; a box where its first line is."""
    first = min(lines_of(piece), key=lambda ln: (round(ln.top, 0), ln.x0), default=piece.box)
    return round(first.top, 0), piece.box.x0 if piece.frame else first.x0


def white_bands(items: list[Piece], height: float) -> list[list[Piece]]:
    """The items in rows parted by white bands at least BAND_GAP line heights tall."""
    bands: list[list[Piece]] = []
    bottom = None
    for piece in sorted(items, key=lambda p: p.box.top):
        if bottom is None or piece.box.top - bottom >= BAND_GAP * height:
            bands.append([])
        bands[-1].append(piece)
        bottom = piece.box.bottom if bottom is None else max(bottom, piece.box.bottom)
    return bands


def flowing(bands: list[list[Piece]]) -> list[list[Piece]]:
    """The bands, a band joined to the one above when both stand on the same gutter: columns
    of text whose paragraph breaks happen to line up run on through the white band (their text
    flows from the foot of one column to the head of the next), they are not two rows of
    columns. Boxes are read row by row (a grid of slide boxes)."""
    if len(bands) < 2:
        return bands
    out = [bands[0]]
    above = text_gutter(bands[0])
    for band in bands[1:]:
        gutter = text_gutter(band)
        if above is not None and gutter is not None and abs(gutter - above) <= SAME_GUTTER:
            out[-1] = out[-1] + band
        else:
            out.append(band)
        above = gutter
    return out


def text_gutter(band: list[Piece]) -> float | None:
    """The gutter of a band of text columns (no box in it)."""
    return None if any(piece.frame for piece in band) else find_gutter(band)


def runs(items: list[Piece], gutter: float) -> list[tuple[bool, list[Piece]]]:
    """The items cut where a piece crosses the gutter: (crossing?, pieces), top to bottom."""
    out: list[tuple[bool, list[Piece]]] = []
    for piece in sorted(items, key=lambda p: (p.middle, p.box.x0)):
        crossing = piece.box.x0 < gutter < piece.box.x1
        if not out or out[-1][0] != crossing:
            out.append((crossing, []))
        out[-1][1].append(piece)
    return out


def find_gutter(items: list[Piece]) -> float | None:
    """The x of a gutter: the gap in the middle of the part with the most pieces facing each other
    across it (at least GUTTER_PAIRS), else a box's edge with text beside it and none across it."""
    x0, x1 = min(p.box.x0 for p in items), max(p.box.x1 for p in items)
    start, end = (x0 + share * (x1 - x0) for share in GUTTER_SPAN)
    step = max(GUTTER_STEP, (end - start) / GUTTER_TRIES)
    best, best_pairs = None, GUTTER_PAIRS - 1
    counted = facings(items)
    x = start
    while x < end:
        pairs = counted(x)
        if pairs > best_pairs:
            best, best_pairs = x, pairs
        x += step
    if best is not None:
        return centre(items, best)
    return next(
        (
            centre(items, edge)
            for edge in frame_edges(items)
            if x0 < edge < x1 and facing(items, edge) and not crossed(items, edge)
        ),
        None,
    )


def frame_edges(items: list[Piece]):
    for piece in items:
        if piece.frame:
            yield piece.box.x0 - SLACK
            yield piece.box.x1 + SLACK


def crossed(items: list[Piece], x: float) -> bool:
    """Some line runs across x: x is no gutter, whatever box stands there."""
    return any(p.line is not None and p.box.x0 < x < p.box.x1 for p in items)


def facings(items: list[Piece]) -> Callable[[float], int]:
    """`facing(items, x)`, counted again only when x has passed a piece's edge since: the pieces
    left and right of x, and thus their count, are those of the last x between the same edges."""
    sided = [p.box for p in items if p.line or p.frame]
    ends, starts = sorted(box.x1 for box in sided), sorted(box.x0 for box in sided)
    counts: dict[tuple[int, int], int] = {}

    def count(x: float) -> int:
        sides = (bisect_left(ends, x), bisect_right(starts, x))  # pieces left of x, not right
        if sides not in counts:
            counts[sides] = facing(items, x)
        return counts[sides]

    return count


def facing(items: list[Piece], x: float) -> int:
    """How many pieces right of x stand beside a piece left of it (text pieces and boxes)."""
    left = [p.box for p in items if p.box.x1 < x and (p.line or p.frame)]
    right = [p.box for p in items if p.box.x0 > x and (p.line or p.frame)]
    return sum(
        1 for r in right if any(min(r.bottom, lf.bottom) > max(r.top, lf.top) for lf in left)
    )


def centre(items: list[Piece], x: float) -> float:
    """The middle of the empty strip around x."""
    lo = max((p.box.x1 for p in items if p.box.x1 < x), default=x)
    hi = min((p.box.x0 for p in items if p.box.x0 > x), default=x)
    return (lo + hi) / 2
