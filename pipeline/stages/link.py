"""The link stage: each card's territories to France's registry of local governments.

The matching itself is `pipeline.registry`'s; this stage runs it card by card (a homonym is
told apart by the other territories of its card) and says in an info warning,
`territory_ambiguous`, which entries a name could not be told from. `places` gives the
enrichment the registry as its entities ask it, knowing these links.
"""

from __future__ import annotations

from ..outputs.models import Warning, warn
from ..registry import Entry, Link, link_card, load
from ..registry.mentions import Places
from .reconcile import Placed, describe


def cards(placed: list[Placed]) -> tuple[dict[str, list[Link]], list[Warning]]:
    """Per project id, the link of each of its territories; a warning per ambiguous name."""
    links: dict[str, list[Link]] = {}
    warnings: list[Warning] = []
    for p in placed:
        links[p.id] = link_card([(t.name, t.kind) for t in p.card.territories])
        warnings += [
            warn(
                "territory_ambiguous",
                f"{describe(p)}: '{t.name}' may be "
                + ", ".join(candidate(e) for e in link.candidates)
                + "; no code given",
                p.card.pages,
                p.id,
            )
            for t, link in zip(p.card.territories, links[p.id], strict=True)
            if link.match == "ambiguous"
        ]
    return links, warnings


def places(placed: list[Placed], links: dict[str, list[Link]]) -> Places:
    """The registry for the entities, knowing each territory's link (`cards`): its names, and
    its place's when the territory is that place."""
    return Places(
        ((t.name, t.canonical, t.acronym, t.place if same_place(link) else None), link)
        for p in placed
        for t, link in zip(p.card.territories, links[p.id], strict=True)
    )


def same_place(link: Link) -> bool:
    """Is the territory the place it is named after (a commune, a département, a région; an
    EPCI is not its city)?"""
    return link.entry is not None and link.entry.group != "epci"


def candidate(e: Entry) -> str:
    """'Lunas (24246, Dordogne)', 'Lunas (34144, Hérault, commune_deleguee)'."""
    where = load().departement_name(e.departement) if e.group != "region" else None
    facts = (e.code, where, e.kind if e.kind != e.group else None)
    return f"{e.name} ({', '.join(x for x in facts if x)})"
