"""Rows placed into frames (columns), page after page, with balanced last columns.

A card's body is a list of rows set for one column width; `place` pours them into the
frames of the current page (one per column) and asks for a new page when they are full.
On the card's last page the columns are balanced, as layout programs do, which is also what
lets two short cards share a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .sheet import SYMBOL_FONT, Page, width
from .typeset import Row

ASCENT = 0.78  # baseline below the row's top, as a share of the leading
MARKER_OFFSET = 10.0  # a bullet stands this far left of its item's text
RULE_LENGTH = 28.0


@dataclass
class Frame:
    page: Page
    x: float
    top: float
    bottom: float


def height(rows: list[Row]) -> float:
    return sum(row.leading + row.gap for row in rows)


def fitting(rows: list[Row], start: int, room: float) -> int:
    """Index after the last row from `start` that fits in a frame `room` high (a heading is never
    left alone at a frame's foot); at least one row, so that a flow always moves on."""
    used, index = 0.0, start
    while index < len(rows):
        row = rows[index]
        need = row.leading + (row.gap if used else 0.0)
        if row.keep and index + 1 < len(rows):
            need += rows[index + 1].leading + rows[index + 1].gap
        if used + need > room and index > start:
            break
        used += row.leading + (row.gap if used else 0.0)
        index += 1
    return index


def _fits_in(rows: list[Row], start: int, count: int, room: float) -> bool:
    index = start
    for _ in range(count):
        index = fitting(rows, index, room)
        if index >= len(rows):
            return True
    return False


def balanced(rows: list[Row], start: int, frames: list[Frame]) -> list[Frame]:
    """The frames shortened to the least height that still holds every remaining row, when they
    can hold them all; else the frames as they are."""
    full = frames[0].bottom - frames[0].top
    if len(frames) == 1 or not _fits_in(rows, start, len(frames), full):
        return frames
    room = height(rows[start:]) / len(frames)
    while room < full and not _fits_in(rows, start, len(frames), room):
        room += rows[start].leading / 2
    room = min(room, full)
    return [Frame(f.page, f.x, f.top, f.top + room) for f in frames]


def place(
    rows: list[Row], frames: list[Frame], new_page: Callable[[], list[Frame]], balance: bool = True
) -> tuple[list[Page], float]:
    """Pour `rows` into `frames`, then into those of new pages; the pages used and the lowest
    point reached on the last one."""
    pages, start, lowest = [], 0, 0.0
    while start < len(rows):
        frames = balanced(rows, start, frames) if balance else frames
        for frame in frames:
            end = fitting(rows, start, frame.bottom - frame.top)
            lowest = max(lowest, draw(rows[start:end], frame))
            if frame.page not in pages:
                pages.append(frame.page)
            start = end
            if start >= len(rows):
                break
        else:
            frames = new_page()
            lowest = 0.0
    return pages, lowest


def draw(rows: list[Row], frame: Frame) -> float:
    """Draw rows from the frame's top; the bottom of the last one."""
    y = frame.top
    for number, row in enumerate(rows):
        y += row.gap if number else 0.0
        baseline = y + row.leading * ASCENT
        x = frame.x + row.indent
        if row.rule:
            frame.page.rule(x, y - 1.0, x + RULE_LENGTH, row.rule, 1.5)
        if row.marker:
            frame.page.text(
                x - MARKER_OFFSET,
                baseline,
                row.marker.text,
                SYMBOL_FONT,
                row.size,
                row.marker.color,
            )
        for span in row.spans:
            space = row.word_space if span is row.spans[-1] else 0.0
            frame.page.text(x, baseline, span.text, span.font, row.size, span.color, space)
            x += width(span.text, span.font, row.size) + space * span.text.count(" ")
        y += row.leading
    return y
