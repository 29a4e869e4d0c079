"""The layout thresholds, named, typed and documented in one place.

A yearbook's design decides some of them (how much larger a heading is set, how deep the
margins are, where the logos sit, how alike two printings of a name are): a profile's `[layout]`
table may set those (`DESIGN`). The others follow from how PDFs are made and are not meant to
vary. Stages not yet moved over keep theirs as named constants of their module.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Thresholds(BaseModel):
    """Every threshold the stages share, with its meaning."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading_ratio: float = Field(
        1.15, gt=1, description="a front-matter heading is bold and this many times the body size"
    )
    margin: float = Field(
        0.12, gt=0, lt=0.5, description="top and bottom share of the page where furniture lives"
    )
    logo_band: float = Field(
        1 / 3, gt=0, le=1, description="top share of the page whose narrow images are logos"
    )
    banner_similarity: float = Field(
        0.8,
        gt=0,
        le=1,
        description="a card's banner naming its section's category this closely takes its name",
    )
    repeat_share: float = Field(
        0.3, gt=0, le=1, description="a line repeated on this share of the pages is furniture"
    )
    repeat_min: int = Field(
        2, ge=2, description="and on at least this many pages (a tiny yearbook repeats on all)"
    )
    section_gap: int = Field(
        3, ge=1, description="pages a section's running header may skip between two of its pages"
    )
    small: float = Field(
        0.92, gt=0, le=1, description="logo text is smaller than this share of the body size"
    )
    # Measured: every page of the 2023 sample is at 1.0, the pages of its scan at 0.988-1.0 (logo
    # fragments the OCR read), the generated yearbooks' at 1.0. A paragraph of 316 characters left
    # above a card's award line brings its page to 0.82 (a full card) or 0.67 (a short one); a
    # single 60-character line to 0.92. At 0.9 a page warns once about a tenth of its text, a
    # paragraph, found no field; a stray line does not.
    low_coverage: float = Field(
        0.9, gt=0, le=1, description="a page with less of its text in fields gets a warning"
    )


DESIGN = frozenset({"heading_ratio", "margin", "logo_band", "banner_similarity"})
"""The thresholds a profile's `[layout]` table may set: those a yearbook's design decides."""

DEFAULTS = Thresholds()
