"""The words the review report and the review app show archivists, in French.

The document itself keeps its English keys and codes (they are an interface for programs);
what a person reads is said here, once, for both pages.
"""

from __future__ import annotations

FIELDS = {
    "medal": "Médaille",
    "category": "Catégorie",
    "title": "Titre",
    "territories": "Territoires",
    "summary": "Résumé",
    "innovation": "Innovation du projet",
    "problematique": "Problématique du territoire",
    "apports": "Apports du projet",
}
OTHER_MARKS = {"listed": "entrée de liste", "unplaced": "non placé"}  # boxes of no field
MEDALS = {"or": "or", "argent": "argent", "bronze": "bronze", None: "sans médaille"}
SEVERITIES = {"warning": "avertissement", "info": "information"}
PAGE_KINDS = {
    "cover": "couverture",
    "toc": "sommaire",
    "front_matter": "pages liminaires",
    "section": "catégorie et liste",
    "card": "fiche",
    "card_continued": "suite de fiche",
    "palmares": "palmarès",
}
UNPLACED = {
    "card_header": "au-dessus de la ligne d'attribution",
    "section_text": "texte d'une page de catégorie",
    "not_placed": "non attribué",
    "rotated_text": "texte tourné",
}
KINDS = {
    "commune": "commune",
    "communaute_de_communes": "communauté de communes",
    "communaute_d_agglomeration": "communauté d'agglomération",
    "communaute_urbaine": "communauté urbaine",
    "metropole": "métropole",
    "departement": "département",
    "region": "région",
    "syndicat": "syndicat",
    "etat": "État",
    "autre": "autre",
}
STEPS = {
    "applications_close": "clôture des candidatures",
    "selection_notice": "annonce de la sélection",
    "auditions": "auditions",
    "results": "résultats",
    "ceremony": "cérémonie",
    None: "",
}
ENTITIES = {"ORG": "organisation", "LOC": "lieu", "PER": "personne", "MISC": "norme, programme"}


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 fiche', '3 fiches'; `many` when the plural is not one + 's'."""
    return f"{count} {one if count < 2 else many or one + 's'}"
