"""Front matter: the edition's year and the text of the pages before the first section.

The front matter (the label, the jury, the criteria, the results, the next edition)
is kept as sections, one per heading, so nothing on those pages is lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..context import Context
from ..elements import Line, Page
from ..profiles.profile import Profile, first
from ..text import fold
from .layout import paragraphs, render
from .segment import Segments
from .toc import TocRow


@dataclass(frozen=True)
class FrontPart:
    heading: str
    text: str
    lines: tuple[Line, ...]  # the heading's lines, then the body's
    heads: tuple[Line, ...] = ()  # the heading's lines

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page for ln in self.lines})


def year(pages: list[Page], profile: Profile, look: int = 3) -> int | None:
    """The edition year printed on the first pages (cover, running header), most frequent first."""
    found = Counter[int]()
    for page in pages[:look]:
        for line in page.lines:
            m = first(profile.year, fold(line.text), search=True)
            if m:
                found[int(m.group("year"))] += 1
    return found.most_common(1)[0][0] if found else None


def sections(pages: list[Page], context: Context) -> list[FrontPart]:
    """The front matter cut at its headings; consecutive headings (title, subtitle) go together."""
    heading = context.thresholds.heading_ratio * context.body
    out: list[tuple[list[Line], list[Line]]] = []
    for page in pages:
        for line in page.lines:
            if line.bold and line.size >= heading:
                if out and out[-1][0] and not out[-1][1] and out[-1][0][-1].page == line.page:
                    out[-1][0].append(line)
                else:
                    out.append(([line], []))
            else:
                if not out:
                    out.append(([], []))
                out[-1][1].append(line)
    return [
        FrontPart(
            " — ".join(h.text for h in heads),
            render(paragraphs(lines, context.lexicon, context.pitch)),
            tuple(heads + lines),
            tuple(heads),
        )
        for heads, lines in out
    ]


def with_contents(
    segments: Segments, entries: list[TocRow], toc_headings: list[Line], context: Context
) -> list[FrontPart]:
    """The front matter cut at its headings, the table of contents as one section, in page
    order."""
    out = sections(segments.front_matter, context)
    if segments.toc_pages:
        out.append(
            FrontPart(
                heading=" — ".join(line.text for line in toc_headings),
                text="\n".join(f"{entry.text} … {entry.page_label}" for entry in entries),
                lines=tuple(toc_headings) + tuple(ln for entry in entries for ln in entry.lines),
                heads=tuple(toc_headings),
            )
        )
    return sorted(out, key=lambda section: section.pages[0] if section.pages else 0)
