"""Nothing lost: per page, the share of its body text that ended up in a field.

Body text is what remains of a page once its furniture is taken out. A line is
placed when a stage put it in a field: a card (banner, award line, title, summary,
blocks and their headings), a listing entry or a section heading, the table of
contents, the front matter. Lines the stages set aside (`Stray`) are not placed,
and a body line that no stage mentions at all becomes a stray here, so that the
output's `unplaced` holds every character the document does not otherwise give.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..elements import Line, Page, Stray

# Below this share of a page's body characters in fields, the page gets a `low_coverage` warning.
# Measured: every page of the 2023 sample is at 1.0, the pages of its scan at 0.988-1.0 (logo fragments the OCR read),
# the generated yearbooks' at 1.0. A paragraph of 316 characters left above a card's award line
# brings its page to 0.82 (a full card) or 0.67 (a short one); a single 60-character line to 0.92.
# At 0.9 a page warns once about a tenth of its text, a paragraph, found no field; a stray line does not.
LOW = 0.9


def characters(text: str) -> int:
    """Characters that count: spacing varies between readings of the same text, ink does not."""
    return len("".join(text.split()))


def leftovers(pages: list[Page], placed: set[Line], strays: Iterable[Stray]) -> list[Stray]:
    """Body lines that no stage placed nor set aside, as strays (`not_placed`), in page order."""
    known = placed | {s.line for s in strays}
    return [Stray(line, "not_placed") for page in pages for line in page.lines if line not in known]


def per_page(pages: list[Page], placed: set[Line]) -> dict[int, float | None]:
    """Page number → share of its body characters in a field (None: the page has no body text)."""
    out: dict[int, float | None] = {}
    for page in pages:
        total = sum(characters(line.text) for line in page.lines)
        done = sum(characters(line.text) for line in page.lines if line in placed)
        out[page.number] = round(done / total, 3) if total else None
    return out


def low(coverage: dict[int, float | None], threshold: float = LOW) -> list[tuple[int, float]]:
    """(page, coverage) of the pages below the threshold."""
    return [(n, c) for n, c in sorted(coverage.items()) if c is not None and c < threshold]
