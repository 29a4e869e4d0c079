"""Stage 5b — blocks: a card's text cut at its headings, each heading given its block's role.

A heading's role (summary, innovation, problématique, apports) comes from the evidence there is:

1. **wording** — the profile's patterns, tolerant of spelling and OCR ("REPENDRE", "Innovation :");
2. **word families** — the profile's lexicon of the concepts' stems (innov-, problém-, enjeu,
   besoin, défi, apport, bénéfic-, résultat, impact…) for a heading worded like no pattern;
3. **rank and elimination** — a yearbook prints the same headings in the same order on every
   card: a wording no word family names takes the role the other cards print at its rank, among
   the roles its cards leave free.

Headings are found by their wording, or by their look: the template's heading style, or a
run-in label set in a style of its own ("Le point de départ : …" in bold). The role of each
wording is decided once for the whole yearbook (`learn_roles`), so that every card reads its
headings alike; a role taken on rank alone is a guess, reported as `heading_guessed`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from statistics import median

from ..elements import Line
from ..processes import shared
from ..profiles.profile import Profile
from ..text import fold, fold_map, similar
from ..vocabulary import CARD_TEXTS
from .head import category_lines, field_kind, fields, territorial
from .template import Style, Template, same_style, style_of, wraps_onto

HEADING_MAX = 140  # characters: a longer line is text, not a heading
HEADING_WORDS = 12  # words: a heading worded like no pattern is at most this long
FUZZY_HEADING = 0.85  # similarity to a profile's example heading that makes a damaged heading
RUN_IN = re.compile(r"^\s*:\s*(?=\S)")  # "Innovation : le projet …"
TOKEN = re.compile(r"[a-z]+")
PUNCTUATION = " :?.!-–—"
RUN_IN_ENDS = (":", "?", ".", "—", "–")  # how a run-in label closes before its text
TYPE_SHARE = 0.8  # a type is a text's when this share of the cards read by type agree
RECUR_SHARE = 0.2  # a wording no evidence names is a heading when this share of cards print it
# Cards each process looks for headings in, at least: a second process costs a fork, and the
# registry's loading again (the lines set like headings are asked whether they name territories).
SHARED_CARDS = 8
Section = tuple[str, str, list[Line]]  # (role, heading as printed, lines)


@dataclass(frozen=True)
class Role:
    """The role a heading's wording takes in this yearbook, and on what evidence."""

    role: str
    evidence: str  # wording | lexicon | rank

    @property
    def guessed(self) -> bool:
        return self.evidence == "rank"


Roles = dict[str, Role]  # folded wording → its role
Types = dict[Style, str]  # the type a yearbook that titles no text sets it in → that text


def heading_of(text: str, line: Line | None, profile: Profile) -> tuple[str | None, str]:
    """(block name, text after a run-in label) when the text is a heading the profile words.

    A heading pattern must cover the whole line but for trailing punctuation; a
    pattern followed by ":" and more text is a run-in label starting its block.
    """
    folded, idx = fold_map(text)
    for name, patterns in profile.headings.items():
        for pattern in patterns:
            match = pattern.match(folded)
            if not match:
                continue
            after = text[idx[match.end()] :]
            if not after.strip(PUNCTUATION):
                if len(text) <= HEADING_MAX and looks_like_heading(text, line):
                    return name, ""
            elif RUN_IN.match(after):
                return name, RUN_IN.sub("", after, count=1).strip()
    if len(text) <= HEADING_MAX and looks_like_heading(text, line):
        bare = text.strip(PUNCTUATION)
        for name, examples in profile.heading_examples.items():
            if any(similar(bare, example, FUZZY_HEADING) for example in examples):
                return name, ""
    return None, ""


def looks_like_heading(text: str, line: Line | None) -> bool:
    if (line is not None and line.bold) or text.rstrip().endswith((":", "?")):
        return True
    letters = list(filter(str.isalpha, text))
    return sum(map(str.isupper, letters)) / max(len(letters), 1) > 0.7


def styled_heading(line: Line, template: Template) -> tuple[str, str] | None:
    """(heading, text after it) of a line that looks like a heading whatever its words: a run-in
    label set in a style of its own and closed by a colon, a question mark or a full stop, or a
    short line in the template's heading style."""
    lead = line.lead_text.rstrip()
    if lead and lead.endswith(RUN_IN_ENDS) and len(lead.split()) <= HEADING_WORDS:
        return lead, line.text[len(line.lead_text) :].strip()
    text = line.text
    if (
        template.is_heading_style(line)
        and len(text.split()) <= HEADING_WORDS
        and not text.rstrip().endswith((".", ";", ","))
    ):
        return text, ""
    return None


def wording(heading: str) -> str:
    """A heading's wording as the yearbook repeats it: folded, without its punctuation."""
    return " ".join(TOKEN.findall(fold(heading)))


def lexicon_role(key: str, profile: Profile) -> str | None:
    """The role whose word families the wording uses most, when one role leads."""
    words = key.split()
    scores = Counter(
        {
            role: sum(1 for word in words for stem in stems if word.startswith(stem))
            for role, stems in profile.blocks.lexicon.items()
        }
    )
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def card_headings(
    lines: list[Line], profile: Profile, template: Template, section: str | None = None
) -> list[tuple[str, str]]:
    """(wording, role by pattern or "") of each heading of a card, in order; the head's fields
    (territories, category, medal: labels and values), set like headings in many designs, are
    not."""
    labels = {
        line
        for field in fields(lines, template)
        if field_kind(field, section, profile) is not None
        for line in field.lines
    }
    labels |= category_lines(lines, section, profile)
    found = []
    last: Line | None = None  # the last heading's line, which a line of its style carries on
    for line in lines:
        if line in labels:
            continue  # a field, the category's kicker
        what, heading = heading_line(line, last, profile, template)
        if heading:
            found.append(heading)
        if what != "names":  # text: no heading above to carry on
            last = None if what == "text" else line
    return found


def heading_line(
    line: Line, last: Line | None, profile: Profile, template: Template
) -> tuple[str, tuple[str, str] | None]:
    """What a card's line is to its headings: "heading" (with its wording and role), "carried"
    (the unfinished heading `last` goes on: "… répondre à une problématique" / "du territoire
    ?"), "names" (territories set in bold unlabelled, like a heading) or "text"."""
    name, _ = heading_of(line.text, line, profile)
    carried = carries_heading_on(last, line)
    styled = None if name or carried else styled_heading(line, template)
    if not (name or styled or carried):
        return "text", None
    if territorial(line.text, profile):  # asked last: the registry's lookup is the dearest
        return "names", None
    if name or styled:
        return "heading", (wording(styled[0] if styled else line.text), name or "")
    return "carried", None


def carries_heading_on(heading: Line | None, line: Line) -> bool:
    """A line that goes on with the unfinished heading above it (no closing ":" or "?"): its
    style — told by colour too, not by size alone as in a scan — right below it."""
    return (
        heading is not None
        and bool(heading.color and line.color)
        and not heading.text.rstrip().endswith(RUN_IN_ENDS)
        and same_style(heading, line)
        and wraps_onto(heading, line)
    )


def learn_roles(
    cards: list[tuple[list[Line], str | None]],
    profile: Profile,
    template: Template,
    processes: int = 1,
) -> Roles:
    """The role of every heading wording of the yearbook, from all its cards (their lines and
    their section's name) at once; their headings found in up to `processes` processes."""
    headings = shared(partial(cards_headings, profile, template), cards, processes, SHARED_CARDS)
    roles: Roles = {}
    ranks: dict[str, list[int]] = defaultdict(list)
    role_ranks: dict[str, list[int]] = defaultdict(list)
    for found in headings:
        for rank, (key, role) in enumerate(found):
            ranks[key].append(rank)
            if role:
                roles.setdefault(key, Role(role, "wording"))
                role_ranks[role].append(rank)
    for key in ranks:
        found_role = None if key in roles else lexicon_role(key, profile)
        if found_role:
            roles[key] = Role(found_role, "lexicon")
            role_ranks[found_role].append(int(median(ranks[key])))
    recurring = max(2, RECUR_SHARE * len(cards))
    ranks = {key: found for key, found in ranks.items() if key in roles or len(found) >= recurring}
    headings = [[(key, role) for key, role in found if key in ranks] for found in headings]
    eliminate(headings, ranks, roles, role_ranks)
    return roles


def cards_headings(
    profile: Profile, template: Template, cards: Sequence[tuple[list[Line], str | None]]
) -> list[list[tuple[str, str]]]:
    return [card_headings(lines, profile, template, section) for lines, section in cards]


def eliminate(headings, ranks, roles: Roles, role_ranks) -> None:
    """Wordings still without a role take, by their usual rank, a block their cards leave free:
    the one printed at that rank elsewhere, else the next in the blocks' usual order. The
    summary is guessed only for the first of four headings (an untitled intro is the rule)."""
    order = sorted(CARD_TEXTS, key=lambda role: median(role_ranks[role]) if role_ranks[role] else 9)
    for key in sorted((k for k in ranks if k not in roles), key=lambda k: median(ranks[k])):
        if opens_titled_cards(key, headings, ranks):
            roles[key] = Role("summary", "rank")
            role_ranks["summary"].append(0)
            continue
        taken = taken_beside(key, headings, roles)
        free = [role for role in order if role != "summary"]  # an intro is rarely titled
        free = [role for role in free if not taken[role]] or free
        rank = median(ranks[key])
        best = min(free, key=lambda role: abs(usual_rank(role, role_ranks, order) - rank))
        roles[key] = Role(best, "rank")
        role_ranks[best].append(int(rank))


def taken_beside(key: str, headings, roles: Roles) -> Counter[str]:
    """The roles the other headings of the cards printing `key` already take."""
    return Counter(
        roles[other].role
        for found in headings
        if key in (k for k, _ in found)
        for other, _ in found
        if other in roles
    )


def opens_titled_cards(key: str, headings, ranks) -> bool:
    """A wording printed first on cards that title as many texts as a card has: the intro's
    heading, since the summary comes first."""
    carrying = [found for found in headings if any(k == key for k, _ in found)]
    return (
        median(ranks[key]) == 0
        and median(len(found) for found in carrying) >= len(CARD_TEXTS)
        and not any(role == "summary" for found in carrying for _, role in found)
    )


def usual_rank(role: str, role_ranks, order: Sequence[str]) -> float:
    return median(role_ranks[role]) if role_ranks[role] else order.index(role)


def split_blocks(
    body: list[Line], profile: Profile, template: Template | None = None, roles: Roles | None = None
) -> list[Section]:
    """[(block name, heading as printed, lines)], the summary first."""
    template = template or Template()
    sections: list[Section] = [("summary", "", [])]
    i = 0
    while i < len(body):
        name, heading, tail, used = read_heading(body, i, profile, template, roles or {})
        if name is None:
            sections[-1][2].append(body[i])
            i += 1
            continue
        first = [body[i + used - 1].with_text(tail)] if tail else []
        if name == "summary" and len(sections) == 1 and not sections[0][2]:
            sections[0] = (name, heading, first)  # a heading over the intro
        else:
            sections.append((name, heading, first))
        i += used
    return sections


def read_heading(
    body: list[Line], i: int, profile: Profile, template: Template, roles: Roles
) -> tuple[str | None, str, str, int]:
    """(role, heading as printed, text after a run-in label, lines used) at line `i`."""
    line = body[i]
    name, tail = heading_of(line.text, line, profile)
    used = 1
    if (
        name is None
        and i + 1 < len(body)
        and same_style(line, body[i + 1])
        and looks_like_heading(line.text, line)
    ):
        name, tail = heading_of(line.text + " " + body[i + 1].text, line, profile)
        used = 2
    if name is not None:
        while not tail and i + used < len(body) and wrapped_heading(body, i + used, profile):
            used += 1
        heading = " ".join(ln.text for ln in body[i : i + used])
        return name, heading[: len(heading) - len(tail)].strip() if tail else heading, tail, used
    styled = styled_heading(line, template)
    if styled and wording(styled[0]) in roles:
        return roles[wording(styled[0])].role, styled[0], styled[1], 1
    return None, "", "", 1


def wrapped_heading(body: list[Line], i: int, profile: Profile) -> bool:
    """Line `i` ends the heading above it, and is no heading of its own."""
    return (
        carries_heading_on(body[i - 1], body[i])
        and heading_of(body[i].text, body[i], profile)[0] is None
    )


def style_sections(body: list[Line], types: Types | None = None) -> list[Section] | None:
    """A card that titles no block but sets each in a type of its own (a colour, italics): its
    runs of one type, each read as the text the yearbook sets in that type (`types`, learnt
    from its cards), or — types unknown — as the summary then the blocks in their usual order
    when it shows exactly as many runs as a card has texts; else None."""
    runs: list[list[Line]] = []
    for line in body:
        if runs and same_style(runs[-1][-1], line):
            runs[-1].append(line)
        else:
            runs.append([line])
    if types and runs and all(style_of(run[0]) in types for run in runs):
        texts: dict[str, list[Line]] = {}
        for run in runs:  # a text broken by a page turn goes on in its type on the next page
            texts.setdefault(types[style_of(run[0])], []).extend(run)
        return [(role, "", lines) for role, lines in texts.items()]
    if len(runs) != len(CARD_TEXTS):
        return None
    return [(role, "", run) for role, run in zip(CARD_TEXTS, runs)]


def learn_types(typed: list[tuple[tuple[str, Style], ...]]) -> Types:
    """The type of each text in a yearbook that titles none, from its cards read by type:
    a style that most of them give one role, each role one style."""
    votes: dict[Style, Counter[str]] = defaultdict(Counter)
    for card in typed:
        for role, style in card:
            votes[style][role] += 1
    types: Types = {}
    for style, count in votes.items():
        role, times = count.most_common(1)[0]
        if times >= TYPE_SHARE * sum(count.values()):
            types[style] = role
    return types if len(set(types.values())) == len(types) else {}


def is_heading(line: Line, profile: Profile, template: Template, roles: Roles) -> bool:
    """A line that opens a block: worded as a heading, or styled as one the yearbook knows."""
    if heading_of(line.text, line, profile)[0] is not None:
        return True
    styled = styled_heading(line, template)
    return styled is not None and wording(styled[0]) in roles
