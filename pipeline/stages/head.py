"""Stage 5a — the card's head without known wordings: labelled fields, side columns, titles.

Designers label a card's facts in their own words ("Territoire(s) :", "Porté par", "Acteurs",
"Catégorie") or not at all (a tinted side column listing the territories one per line). What
does not change is the shape:

- a **labelled field** is a short label ending in a colon, its value after it on the same line
  or on the lines below, set in one style and aligned under it;
- a **side column** is the text of the card's first page standing beside its title rather than
  under it;
- what a field holds is told by its value, not its label: a medal word, the name of the card's
  category, or names of territories ("Ville de …", "Communauté de communes …").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..elements import Line
from ..profiles.profile import Profile
from ..registry import names_a_territory
from ..text import similar
from .template import Template, medal_in, style_of
from .territory import kind_of

LABEL = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
LABEL_WORDS = 4  # a field's label has at most this many words
INLINE_LABEL_SHARE = 0.5  # share of the cards whose heads open a line with an inline label…
DISTINCT = 0.5  # …before values that differ from card to card in at least this share
HEAD_LINES = 8  # the first lines of a card, where its labelled fields stand
VALUE_LEADING = 1.8  # a value's next line stands at most this many sizes below the previous one
VALUE_WORDS = 10  # a line carrying a field's value on has at most this many words
SMALL_WORD = 3  # letters: shorter words (de, la, Pau) do not count in a name's capitals
CAPITALISED = 0.5  # share of a name's longer words that start with a capital
ALIGN = 4.0  # points: a value's lines start this close to the label's or the value's left edge
CATEGORY_LIKENESS = 0.8  # similarity of a value to the section's name that makes it the category
# A name's line ends with one of these when the name goes on over the next line.
ELISION = re.compile(r"^(?:[dlj]|qu)['’]", re.I)  # "d'Arras" is capitalised as "Arras"
LINKING = re.compile(r"(?:\b(?:de|du|des|d'|la|le|les|l'|et|sur|en|aux?)|[-'’])$", re.I)


@dataclass(frozen=True)
class Field:
    """A labelled value of the card's head ("Porté par : Ville de Lens")."""

    label: str
    label_line: Line
    value: str
    lines: tuple[Line, ...]  # the label's line and the value's lines


def label_of(line: Line, labels: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(label, value on the same line) when the line opens with a short label and a colon, or
    with one of the yearbook's `labels` printed without one."""
    match = LABEL.match(line.text)
    if not match or len(match.group("label").split()) > LABEL_WORDS:
        return next(
            ((label, line.text[len(label) :].strip()) for label in labels if opens(line, label)),
            None,
        )
    label = match.group("label").strip()
    if not label or label[-1].isdigit() or not any(ch.isalpha() for ch in label):
        return None
    return label, match.group("value").strip()


def fields(lines: list[Line], template: Template) -> list[Field]:
    """The labelled fields among the head's lines, each with the lines its value runs over: a
    label closed by a colon, or a short line set apart above lines of another style."""
    found: list[Field] = []
    used: set[int] = set()
    for line in lines:
        if id(line) in used or template.is_title(line):
            continue  # a title ("Démat'ADS : …", or its last line over a label) labels nothing
        labelled = label_of(line, template.labels) or bare_label(line, lines, template)
        if labelled is None:
            continue
        label, value = labelled
        taken = aligned_below(line, lines, template, stop_at_labels=True)
        used.update(id(ln) for ln in (line, *taken))
        texts = [value] + [ln.text for ln in taken]
        found.append(Field(label, line, join_names(texts), (line, *taken)))
    return found


def opens(line: Line, label: str) -> bool:
    return line.text.startswith(label + " ")


def learn_labels(heads: list[list[Line]], profile: Profile) -> frozenset[str]:
    """Words that open a line of the head on most cards, before a name each card gives its own,
    without a colon: an inline label ("Porté par Tours Métropole"). Words that tell a
    territory's kind ("Ville de", "Communauté de") belong to the name and label nothing."""
    openers: Counter[str] = Counter()
    values: dict[str, set[str]] = defaultdict(set)
    for lines in heads:
        found: dict[str, str] = {}
        for line in lines:
            words = line.text.split()
            for count in range(1, min(LABEL_WORDS, len(words) - 1) + 1):
                prefix, rest = " ".join(words[:count]), " ".join(words[count:])
                if ":" not in prefix and names(rest) and kind_kept(line.text, rest, profile):
                    found.setdefault(prefix, rest)
        openers.update(found.keys())
        for prefix, rest in found.items():
            values[prefix].add(rest)
    need = max(2, INLINE_LABEL_SHARE * len(heads))
    labels = {p for p, n in openers.items() if n >= need and len(values[p]) >= DISTINCT * n}
    # the longest of nested openers: "Porté par", not "Porté"
    return frozenset(p for p in labels if not any(q.startswith(p + " ") for q in labels))


def names(text: str) -> bool:
    """Names, one or several ("Ville de Dax, Région Occitanie", "A / B", "A et B"), the first
    capitalised."""
    pieces = re.split(r"\s*(?:,|/)\s+|\s+et\s+", text)
    return text[:1].isupper() and all(name_like(piece) for piece in pieces)


def kind_kept(text: str, rest: str, profile: Profile) -> bool:
    """The words before `rest` tell no territory's kind: `rest` keeps the line's kind, or the
    line has none ("Ville de Lens" is a commune, "Lens" alone is not)."""
    kind = kind_of(rest, profile)
    return kind != "autre" or kind_of(text, profile) == kind


def bare_label(line: Line, lines: list[Line], template: Template) -> tuple[str, str] | None:
    """A label without its colon ("Porté par"): a few words set apart, over a value in
    another style."""
    words = line.text.split()
    if not words or len(words) > LABEL_WORDS or not (line.bold or template.is_heading_style(line)):
        return None
    below = aligned_below(line, lines, template, stop_at_labels=True)
    if not below or style_of(below[0]) == style_of(line) or line.text.rstrip().endswith("."):
        return None
    return line.text.strip(" :"), ""


def aligned_below(
    top: Line, lines: list[Line], template: Template, stop_at_labels: bool = False
) -> list[Line]:
    """The lines that carry on under `top`: on its page, aligned with it, each close below the
    last, in one style — whatever was read in between (a column beside it)."""
    under = sorted(
        (
            ln
            for ln in lines
            if ln.page == top.page and ln.top > top.top and abs(ln.x0 - top.x0) <= ALIGN
        ),
        key=lambda ln: ln.top,
    )
    taken: list[Line] = []
    for i, line in enumerate(under):
        above = taken[-1] if taken else top
        if (
            not 0 <= line.top - above.bottom < VALUE_LEADING * line.size
            or template.is_title(line)
            or (stop_at_labels and labels_a_value(line, lines, template))
            or (taken and style_of(line) != style_of(taken[0]))
            or not carries_on(above, under[i:], top)
        ):
            break
        taken.append(line)
    return taken


def labels_a_value(line: Line, lines: list[Line], template: Template) -> bool:
    """A label of its own, with or without its colon: no value of the label above it
    ("Culture et patrimoine" over "Avec" over "Communauté urbaine de Tours")."""
    return bool(label_of(line, template.labels) or bare_label(line, lines, template))


def carries_on(above: Line, rest: list[Line], top: Line) -> bool:
    """A line (`rest[0]`) that carries a value on: the rest of a name cut at a linking word, or
    a name of its own, maybe cut itself before a lower-case word or after a linking one
    ("Syndicat mixte des eaux" / "de la Lozère") — not the sentence that follows (an intro set
    in the same type)."""
    if above is not top and LINKING.search(above.text.rstrip()):
        return True
    name = rest[0].text
    for line in rest[1:]:
        if not (LINKING.search(name.rstrip()) or line.text[:1].islower()):
            break
        name += " " + line.text
    return name_like(name)


def name_like(text: str) -> bool:
    """A few words, most of them capitalised, no sentence punctuation: "Mairie de Vitré",
    "Syndicat mixte Numérique de la Nièvre" — not "Le projet s'adresse d'abord aux"."""
    words = text.split()
    if not words or len(words) > VALUE_WORDS or re.search(r"[,.;!?]\s|[.;!?]$", text):
        return False
    capitals = [ELISION.sub("", w.lstrip("«\"'("))[:1].isupper() for w in words]
    # short words count when capitalised ("du Var", "de Pau"), not as links ("de", "la")
    counted = [
        capital
        for word, capital in zip(words, capitals, strict=True)
        if capital or sum(ch.isalpha() for ch in word) > SMALL_WORD
    ]
    return not counted or sum(counted) >= CAPITALISED * len(counted)


def join_names(parts: list[str]) -> str:
    """A value printed over several lines: a line that ends on a linking word or is followed
    by a lower-case start goes on with the next; otherwise each line is a name of its own."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not out:
            out = part
        elif LINKING.search(out) or part[0].islower():
            out += ("" if out.endswith(("-", "'", "’")) else " ") + part
        else:
            out += " ; " + part
    return out


def is_category(value: str, section: str | None, profile: Profile) -> bool:
    names = ([section] if section else []) + list(profile.categories)
    return any(similar(value, name, CATEGORY_LIKENESS) for name in names)


def category_lines(lines: list[Line], section: str | None, profile: Profile) -> set[Line]:
    """The lines that name the card's category: one, or two set one under the other in one
    style ("Aménagement et" / "attractivité" in a side column)."""
    found: set[Line] = set()
    for i, line in enumerate(lines):
        if is_category(line.text, section, profile):
            found.add(line)
            continue
        below = lines[i + 1] if i + 1 < len(lines) else None
        if below is not None and style_of(below) == style_of(line):
            if is_category(f"{line.text} {below.text}", section, profile):
                found.update((line, below))
    return found


def territorial(value: str, profile: Profile) -> bool:
    """Names of territories: one of the pieces is of a kind the profile knows (Ville de …,
    Communauté de communes …, Métropole …, Département de …) or a name France's registry of
    local governments knows ("Dijon Métropole", "Grenoble-Alpes")."""
    pieces = [piece for piece in re.split(r"\s*(?:;|,|/|\bet\b)\s+", value) if piece]
    return any(kind_of(piece, profile) != "autre" for piece in pieces) or any(
        names_a_territory(piece) for piece in pieces
    )


def beside(line: Line, title: Line) -> bool:
    """On the title's page but not under it: a side column."""
    return line.page == title.page and (line.x1 <= title.x0 or line.x0 >= title.x1)


@dataclass(frozen=True)
class HeadFacts:
    """What the head's fields and side column say: territories, category, medal, and lines."""

    territories: str = ""
    territory_lines: tuple[Line, ...] = ()
    category: str = ""
    category_lines: tuple[Line, ...] = ()
    medal: str | None = None
    medal_lines: tuple[Line, ...] = ()


def read_facts(
    lines: list[Line], template: Template, section: str | None, profile: Profile
) -> HeadFacts:
    """Territories, category and medal from labelled fields, else from a side column's lines
    that name territories, whatever the label's wording."""
    facts, loose = labelled_facts(lines, template, section, profile)
    if "territories" not in facts:
        run = territory_run(loose, template, profile)
        if run:
            label = label_above(run[0], loose)
            facts["territories"] = (join_names([ln.text for ln in run]), (*label, *run))
    if "category" not in facts:
        named = sorted(category_lines(loose, section, profile), key=lambda ln: ln.top)
        if named:
            text = " ".join(ln.text for ln in named if ln.page == named[0].page)
            facts["category"] = (text, (*label_above(named[0], loose), *named))
    territories = facts.get("territories", ("", ()))
    category = facts.get("category", ("", ()))
    medal = facts.get("medal", ("", ()))
    return HeadFacts(
        territories[0],
        territories[1],
        category[0],
        category[1],
        medal_in(medal[0]) if medal[0] else None,
        medal[1],
    )


def label_above(value: Line, lines: list[Line]) -> list[Line]:
    """The short line right above a value and aligned with it, in another style: the value's
    label, whatever its type ("Catégorie" in small grey capitals above the category)."""
    return [
        line
        for line in lines
        if line.page == value.page
        and abs(line.x0 - value.x0) <= ALIGN
        and 0 <= value.top - line.bottom < VALUE_LEADING * value.size
        and len(line.text.split()) <= LABEL_WORDS
        and style_of(line) != style_of(value)
        and not medal_in(line.text)
    ][:1]


def labelled_facts(
    lines: list[Line], template: Template, section: str | None, profile: Profile
) -> tuple[dict[str, tuple], list[Line]]:
    """What the labelled fields say (kind → (value, lines)), and the lines no field took."""
    facts: dict[str, tuple] = {}
    found = fields(lines, template)
    for field in found:
        kind = field_kind(field, section, profile)
        if kind and kind not in facts:
            facts[kind] = (field.value, field.lines)
    labelled = {ln for field in found for ln in field.lines}
    return facts, [ln for ln in lines if ln not in labelled]


def field_kind(field: Field, section: str | None, profile: Profile) -> str | None:
    if medal_in(field.value) or medal_in(field.label_line.text):
        return "medal"
    if is_category(field.value, section, profile):
        return "category"
    if territorial(field.value, profile):
        return "territories"
    return None


def territory_run(lines: list[Line], template: Template, profile: Profile) -> list[Line]:
    """The first run of aligned name lines that names territories ("Communauté de" /
    "communes Vexin Centre" / "Mairie de Dieppe"), wherever it stands in the head."""
    for line in lines:
        if medal_in(line.text) or not names(line.text):
            continue
        run = [line] + aligned_below(line, lines, template)
        if territorial(join_names([ln.text for ln in run]), profile):
            return run
    return []
