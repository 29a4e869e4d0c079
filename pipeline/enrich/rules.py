"""Entities the domain names by convention, found by rules before the statistical model.

A yearbook names its organisations, programmes and products in a few ways a news model
was not trained on; each way is a rule here, and what a rule finds has `source` "rule":
- the yearbook's own awarded territories, and the places they are named after;
- the public sector's acronyms the profile lists (ANCT, PLIE, FSE, RGAA…);
- an institution's title followed by its name ("Direction Générale Adjointe des
  Ressources Humaines", "Conseil Départemental du Finistère", "Syndicat Mixte du Bassin
  Versant de la Bièvre"): ORG;
- a programme's word followed by its name ("Plan France Très Haut Débit", "Programme
  Petites Villes de Demain", "France Services"): MISC;
- a name announced by the common noun of its kind: "la société Geonov" (ORG), "la solution
  Smart Pooling", "le réseau LoraWan", "la méthode Facile à Lire et à Comprendre" (MISC);
- the yearbook's own projects, by the head of their titles when it is written as a name
  ("LeBonTag, validateur…"; also spelt with spaces, "Le Bon Tag"), a capitalised name
  between quotes, and a name a line defines ("Demat'Lab : Une pieuvre…"): MISC;
- a company's name with its legal form ("Orange Business Services SA"): ORG;
- "l'État": ORG.
A territory registry, when one is given (`Registry`), adds the places it knows, with
`source` "registry" and their code, and gives the code of the yearbook's territories.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"  # a capitalised word
LINK = r"(?:de\s+la|de\s+l['’]|des|du|de|d['’]|pour\s+l['’]|pour\s+la|pour\s+le|et|&)"
# a name: capitalised words, joined by link words ("Bassin Versant de la Bièvre")
NAMED = rf"{NAME}(?:\s+(?:{LINK}\s*)?{NAME})*"
TITLES = (
    "Direction|Délégation|Conseil|Agence|Syndicat|Préfecture|Ministère|Chambre|Office|"
    "Établissement|Institut|Fédération|Caisse|Commissariat|Secrétariat|Observatoire|Autorité|"
    "Métropole|Communauté|Département|Région|Ville|Commune|Mairie"
)
# words of a title or a kind, which name no institution on their own ("Communauté de Communes")
KIND_WORDS = set(TITLES.split("|")) | set(
    "Communes Agglomération Intercommunal Intercommunale Départemental Départementale Régional "
    "Régionale Municipal Municipale Mixte Générale Général Adjointe Adjoint Territorial "
    "Territoriale National Nationale".split()
)
# a title, then its name: capitalised words and link words ("Conseil Départemental du Finistère")
INSTITUTION = re.compile(rf"\b(?:{TITLES})(?:\s+{LINK}\s*|\s+)({NAMED})")
STATE = re.compile(r"(?<=\b[Ll]['’])État\b")  # "l'État": the State
# "Name : A description" opening a line: a glossary of named things (prototypes, services)
TERM = re.compile(
    r"(?m)^(?:- )?(?!(?:Le|La|Les|L['’]|Un|Une|Des|Du|De|Ce|Cette|Ces|Il|Elle|Ils|Elles|Nous|"
    r"Notre|Nos|Sa|Son|Ses|Leur|Leurs|Pour|Avec|Dans|En|À|Au|Aux)\b)"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][^\s:]*(?: [^\s:]+){0,4}) : (?=[A-ZÀ-ÖØ-Þ])"
)
# capitalised words, then a company's legal form
COMPANY = re.compile(
    rf"{NAME}(?:\s+{NAME})*?\s+(?:SA|SAS|SASU|SARL|EURL|SCOP|SCIC|SEM|SPL|SPA|GIE)\b(?![-'’])"
)
PROGRAMMES = (
    "Programme|Plan|Label|Appel à projets|Appel à manifestation d['’]intérêt|Pacte|Contrat|"
    "Stratégie|Schéma|Fonds|France"
)
PROGRAMME = re.compile(rf"\b(?:{PROGRAMMES})\s+(?!de\b|du\b|des\b|et\b){NAMED}")
# the common noun of a name's kind, then the name: capitalised words, with link words between
KINDS = {
    "ORG": "société|entreprise|start-up|startup|association|cabinet|groupe|opérateur|prestataire|"
    "éditeur|fournisseur|collectif|bureau d['’]études",
    "MISC": "solution|outil|application|appli|plateforme|logiciel|méthode|dispositif|"
    "protocole|technologie|programme|label|jeu|marque|standard|norme",
}
ANNOUNCED = {
    label: re.compile(
        rf"\b(?:{nouns})\s+(?P<name>{NAME}(?:(?:\s+(?:à|et|de|du|des|pour))*\s+{NAME})*)"
    )
    for label, nouns in KINDS.items()
}
QUOTED = re.compile(
    r"«\s*(?P<name>[A-ZÀ-ÖØ-Þ][^«»\n.;:!?]{1,60}?)\s*»|“(?P<other>[A-ZÀ-ÖØ-Þ][^“”\n.;:!?]{1,60}?)”"
)
TITLE_HEAD = re.compile(r"\s*(?:,|:|\(| - | – | ou )")
HEAD_WORDS = 4  # a title's head longer than this is a sentence, not a name
# a name rather than words in sentence case: a capital or a digit after the first letter
NAME_LIKE = re.compile(r"(?<=.)[A-ZÀ-Þ0-9]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str


class Registry(Protocol):
    """What a territory registry offers the entities (`pipeline/registry/`, when it is there)."""

    def mentions(self, text: str) -> Iterable[tuple[int, int, str, str | None]]:
        """(start, end, label, code) of each territory or place of the registry the text names;
        no code for a place the registry cannot tell from its homonyms."""

    def code(self, name: str) -> str | None:
        """The code of a territory named as the yearbook names it, or None."""


def institutions(text: str) -> list[Mention]:
    """An institution's title and name; a title followed by kind words only is no name."""
    found = [Mention(m.start(), m.end(), "ORG") for m in STATE.finditer(text)]
    for m in INSTITUTION.finditer(text):
        if set(re.findall(NAME, m.group(1))) - KIND_WORDS:
            found.append(Mention(m.start(), m.end(), "ORG"))
    return found


def terms(text: str) -> list[Mention]:
    """Names a line defines ("Demat'Lab : Une pieuvre, des énigmes…"): one word, or words
    written as a name; words in sentence case label a line ("Entretien limité : …")."""
    return [
        Mention(m.start("name"), m.end("name"), "MISC")
        for m in TERM.finditer(text)
        if " " not in m.group("name") or NAME_LIKE.search(m.group("name"))
    ]


def companies(text: str) -> list[Mention]:
    """A company's name and its legal form ("Orange Business Services SA")."""
    return [Mention(m.start(), m.end(), "ORG") for m in COMPANY.finditer(text)]


def programmes(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), "MISC") for m in PROGRAMME.finditer(text)]


def announced(text: str) -> list[Mention]:
    """Names after the common noun of their kind ("la société Geonov")."""
    return [
        Mention(m.start("name"), m.end("name"), label)
        for label, pattern in ANNOUNCED.items()
        for m in pattern.finditer(text)
    ]


def quoted(text: str) -> list[Mention]:
    """A capitalised name between quotes: a product's or a project's."""
    found = []
    for m in QUOTED.finditer(text):
        group = "name" if m.group("name") else "other"
        found.append(Mention(m.start(group), m.end(group), "MISC"))
    return found


def project_names(titles: Iterable[str]) -> re.Pattern | None:
    """The pattern of the yearbook's projects named in a text: each title's head (before a
    comma, a colon, a dash or "ou"), whatever its case, with optional spaces where a
    capital starts a word inside it ("LeBonTag" is also written "Le Bon Tag")."""
    heads = set()
    for title in titles:
        head = TITLE_HEAD.split(title, maxsplit=1)[0].strip(' «»"')
        if head and len(head.split()) <= HEAD_WORDS and NAME_LIKE.search(head):
            heads.add(head)
    if not heads:
        return None
    spelt = [re.sub(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", r"\\s?", re.escape(h)) for h in heads]
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(spelt, key=len, reverse=True))})(?!\w)", re.I)


def projects(text: str, pattern: re.Pattern | None) -> list[Mention]:
    if pattern is None:
        return []
    return [Mention(m.start(), m.end(), "MISC") for m in pattern.finditer(text)]
