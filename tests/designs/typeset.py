"""Text set into lines for a column width: wrapping, justification, hyphenation, run-in labels.

A `Row` is one printed line, already broken; `flow.py` places rows into columns. Hyphenation
breaks a word between syllables (a French rule of thumb: before a consonant followed by a
vowel, or between two consonants that do not make one sound) and prints "-" at the line's
end; the gold keeps the word whole, as a reader must rejoin it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .sheet import width

VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
INSEPARABLE = {
    "ch",
    "ph",
    "th",
    "gn",
    "qu",
    "bl",
    "br",
    "cl",
    "cr",
    "dr",
    "fl",
    "fr",
    "gl",
    "gr",
    "pl",
    "pr",
    "tr",
    "vr",
}
MIN_PIECE = 3  # letters kept on each side of a hyphenation break
HYPHENATE_FROM = 7  # shorter words are never broken
MAX_STRETCH = 0.5  # extra space per word gap, as a share of the font size, when justifying


@dataclass(frozen=True)
class Span:
    text: str
    font: str
    color: tuple


@dataclass
class Row:
    """One printed line: spans drawn one after the other from `indent`."""

    spans: list[Span]
    size: float
    leading: float
    indent: float = 0.0
    gap: float = 0.0  # space above the row (dropped at a column's top)
    keep: bool = False  # keep with the next row (a heading)
    word_space: float = 0.0
    marker: Span | None = None  # a bullet drawn left of `indent`
    rule: tuple | None = None  # colour of a short rule drawn above the row (headings by style)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Setting:
    """How a design sets its running text."""

    font: str
    bold: str
    italic: str
    size: float
    leading: float
    color: tuple
    justify: bool
    hyphenate: bool


def plain(font: str, size: float, color: tuple, leading: float | None = None) -> Setting:
    """A setting for short texts (titles, labels, cells): ragged, never hyphenated."""
    return Setting(font, font, font, size, leading or round(size * 1.3, 2), color, False, False)


def break_points(word: str) -> list[int]:
    """Where `word` may be hyphenated, as indices of the second piece's first letter."""
    if not word.isalpha() or len(word) < HYPHENATE_FROM:
        return []
    low = word.lower()
    points = []
    for i in range(MIN_PIECE, len(word) - MIN_PIECE + 1):
        before, here, after = low[i - 1], low[i], low[i + 1] if i + 1 < len(low) else ""
        if before in VOWELS and here not in VOWELS and after in VOWELS:
            points.append(i)
        elif (
            before not in VOWELS
            and here not in VOWELS
            and low[i - 2] in VOWELS
            and before + here not in INSEPARABLE
            and after in VOWELS
        ):
            points.append(i)
    return points


def wrap(
    text: str,
    font: str,
    size: float,
    line_width: float,
    first_width: float | None = None,
    hyphenate: bool = False,
) -> list[str]:
    """Greedy line breaking; `first_width`: the room on the first line (after a run-in label)."""
    lines, current, room = [], "", first_width if first_width is not None else line_width
    pending = text.split()
    while pending:
        word = pending.pop(0)
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= room or (not current and room == line_width):
            current = candidate
            continue
        head = _hyphen_head(current, word, font, size, room) if hyphenate else None
        if head:
            current = f"{current} {word[:head]}-" if current else f"{word[:head]}-"
            pending.insert(0, word[head:])
        else:
            pending.insert(0, word)
        lines.append(current)
        current, room = "", line_width
    if current or not lines:
        lines.append(current)
    return lines


def _hyphen_head(current: str, word: str, font: str, size: float, room: float) -> int | None:
    for point in reversed(break_points(word)):
        candidate = f"{current} {word[:point]}-" if current else f"{word[:point]}-"
        if width(candidate, font, size) <= room:
            return point
    return None


def paragraph(
    text: str,
    setting: Setting,
    column: float,
    indent: float = 0.0,
    gap: float = 0.0,
    label: Span | None = None,
    color: tuple | None = None,
) -> list[Row]:
    """A paragraph's rows; `label`: a run-in heading printed before its first words."""
    label_width = width(label.text + " ", label.font, setting.size) if label else 0.0
    room = column - indent
    first_room = room - label_width if label else None
    lines = wrap(text, setting.font, setting.size, room, first_room, setting.hyphenate)
    rows = []
    for number, line in enumerate(lines):
        spans = [Span(line, setting.font, color or setting.color)]
        if number == 0 and label:
            spans.insert(0, Span(label.text + " ", label.font, label.color))
        justified = setting.justify and number < len(lines) - 1
        line_room = room - (label_width if number == 0 else 0.0)
        space = _word_space(line, setting, line_room) if justified else 0.0
        rows.append(
            Row(
                spans,
                setting.size,
                setting.leading,
                indent,
                gap if number == 0 else 0.0,
                word_space=space,
            )
        )
    return rows


def _word_space(line: str, setting: Setting, room: float) -> float:
    """The extra space per word gap that fills the line to `room` (none when it would gape)."""
    gaps = line.count(" ")
    if not gaps:
        return 0.0
    space = (room - width(line, setting.font, setting.size)) / gaps
    return space if space <= MAX_STRETCH * setting.size else 0.0
