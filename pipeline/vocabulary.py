"""The project's vocabulary: the names several modules, the output schema and the docs share.

Each name is written once, here. The output models, the profile model, the SQLite schema and
the docs' table of warning codes are derived from these definitions, so adding a territory kind
or a warning code means editing this file only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

Block = Literal["innovation", "problematique", "apports"]
"""The three titled blocks of a project card, in the order cards print them."""
BLOCKS: tuple[Block, ...] = get_args(Block)

CardText = Literal["summary", Block]
"""A card's texts: the untitled summary under the title, then the blocks."""
CARD_TEXTS: tuple[CardText, ...] = get_args(CardText)

TextField = Literal[CardText, "text"]
"""The text fields enrichment reads: a card's texts, and a front-matter section's `text`."""

CorrectedField = Literal["medal", "category", "title", "territories", CardText]
"""What an archivist's corrections file may set: every field of a record read off the card."""
CORRECTED_FIELDS: tuple[CorrectedField, ...] = get_args(CorrectedField)

Medal = Literal["or", "argent", "bronze"]
"""The labels' levels, best first."""
MEDALS: tuple[Medal, ...] = get_args(Medal)

TerritoryKind = Literal[
    "commune",
    "communaute_de_communes",
    "communaute_d_agglomeration",
    "communaute_urbaine",
    "metropole",
    "departement",
    "region",
    "syndicat",
    "etat",
    "autre",
]
"""What a labelled territory is; a profile's `territory_kinds` tell each one by its wordings."""
TERRITORY_KINDS: tuple[TerritoryKind, ...] = get_args(TerritoryKind)

RegistryMatch = Literal["exact", "normalised", "fuzzy", "absent", "ambiguous"]
"""How a territory's name was found in the registry of local governments (`pipeline.registry`)."""
MATCHES: tuple[RegistryMatch, ...] = get_args(RegistryMatch)

RegistryKind = Literal[
    "commune",
    "commune_deleguee",
    "commune_associee",
    "CC",
    "CA",
    "CU",
    "METRO",
    "MET69",
    "departement",
    "region",
]
"""The registry's word for a local government: a commune (or a former one, délégué or associé in
a current one), an EPCI's type (MET69: the Métropole de Lyon), a département, a région."""
REGISTRY_KINDS: dict[str, TerritoryKind] = {  # keyed by RegistryKind
    "commune": "commune",
    "commune_deleguee": "commune",
    "commune_associee": "commune",
    "CC": "communaute_de_communes",
    "CA": "communaute_d_agglomeration",
    "CU": "communaute_urbaine",
    "METRO": "metropole",
    "MET69": "metropole",
    "departement": "departement",
    "region": "region",
}
"""The territory kind of each registry word: a linked territory's `kind`."""

EntityLabel = Literal["ORG", "LOC", "PER", "MISC"]
"""Named entities: an organisation, a place, a person; MISC a programme, a product or a standard."""

EntitySource = Literal["model", "rule", "registry"]
"""What found an entity: the statistical model, a rule of the domain, the territory registry."""

Severity = Literal["warning", "info"]
"""`warning`: something to check (counted by `--strict`); `info`: a remark, nothing wrong."""


@dataclass(frozen=True)
class WarningCode:
    """One kind of warning a conversion can give, with what it means for the reader."""

    code: str
    severity: Severity
    meaning: str


WARNING_CODES: tuple[WarningCode, ...] = (
    # a card against the table of contents
    WarningCode("not_in_toc", "warning", "The table of contents has no entry for the card."),
    WarningCode(
        "toc_page_mismatch",
        "warning",
        "The table of contents lists the card on another page than the one it is printed on.",
    ),
    WarningCode(
        "toc_entry_without_card",
        "info",
        "An entry of the table of contents points at a card page where no card was found.",
    ),
    # a card against its category's listing
    WarningCode(
        "not_in_listing",
        "warning",
        "The card is missing from its category's listing or from the palmarès (checked only "
        "where one was printed).",
    ),
    WarningCode(
        "listing_unread",
        "info",
        "The card is not among the entries read from its listing, but the listing's text that "
        "could not be read as entries names it: the reading is in doubt, not the yearbook "
        "(the message gives the confidence).",
    ),
    WarningCode(
        "listed_without_card", "warning", "The listing announces a project no card was found for."
    ),
    WarningCode(
        "listing_order",
        "warning",
        "The listing gives the projects in another order than the cards.",
    ),
    # a card's own fields, and what other pages say of them
    WarningCode(
        "title_mismatch",
        "warning",
        "The table of contents or the listing spells the title differently.",
    ),
    WarningCode(
        "title_variant",
        "info",
        "The table of contents or the listing gives a longer or shorter form of the title "
        "(one contains the other).",
    ),
    WarningCode(
        "medal_missing",
        "warning",
        "No medal could be read on the card (banner, badge, award line, side column): left empty.",
    ),
    WarningCode(
        "medal_mismatch",
        "warning",
        "Two places (banner, award line, badge, listing) give the card different medals.",
    ),
    WarningCode(
        "category_mismatch",
        "warning",
        "The card prints a category (banner, kicker) other than its section's or the "
        "palmarès's (a card that prints none disagrees with nothing).",
    ),
    WarningCode("block_missing", "warning", "The card lacks one of the three blocks."),
    WarningCode(
        "heading_guessed",
        "info",
        "A heading worded like no known heading took its block's role by its rank on the cards.",
    ),
    WarningCode(
        "block_repeated",
        "warning",
        "A block's heading appears twice on the card; the parts are joined.",
    ),
    WarningCode(
        "award_missing",
        "warning",
        'No award line ("Label … attribué à …") was found on the card, where most of the '
        "yearbook's other cards print one.",
    ),
    WarningCode(
        "territory_ambiguous",
        "info",
        "A territory's name is several homonyms of the registry of local governments that the "
        "card's other territories cannot tell apart; the message lists them, no code is given.",
    ),
    WarningCode(
        "date_invalid",
        "warning",
        'A date the calendar lacks ("31 novembre 2023"), kept as written and never moved.',
    ),
    # the file itself
    WarningCode(
        "repaired",
        "warning",
        "The file is damaged and was read all the same: pdfminer rebuilt its cross-reference "
        "table, or Ghostscript rewrote it.",
    ),
    WarningCode("damaged", "warning", "The PDF library dropped data it could not decode."),
    WarningCode(
        "low_coverage",
        "warning",
        "Too little of a page's body text is in a field (its `coverage` is under the threshold "
        "of `stages/coverage.py`); the rest is in `unplaced`.",
    ),
    # the archivist's corrections file
    WarningCode(
        "correction_unmatched",
        "warning",
        "A fix or a checked mark of the corrections file names no record (or a title several "
        "records share); it is left out.",
    ),
    WarningCode(
        "correction_stale",
        "warning",
        "The pipeline no longer reads the value a fix was written against; the fix is not applied.",
    ),
    WarningCode(
        "correction_obsolete",
        "info",
        "The pipeline now reads the value a fix sets; the fix can be deleted.",
    ),
)
"""Every warning a conversion can give. The output schema's enum of `warnings[].code` and the
docs' table are generated from it; a conversion giving an unknown code fails validation."""

if TYPE_CHECKING:
    WarningCodeName = str
else:
    WarningCodeName = Literal[tuple(entry.code for entry in WARNING_CODES)]


def severity_of(code: str) -> Severity:
    """The severity the registry gives a warning code."""
    return SEVERITIES[code]


SEVERITIES: dict[str, Severity] = {entry.code: entry.severity for entry in WARNING_CODES}
