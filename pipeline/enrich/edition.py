"""The edition's facts, as its front matter states them.

- the counts: applications received, projects auditioned, projects labelled (the
  profile's patterns on the folded text: "nous avons reçu 58 dossiers");
- the jury: the lines "Firstname Lastname, Organisation" of the jury's section, read
  line by line (a two-column list is one line per member once the layout has put the
  columns in order); a line that is no member and sits right under one, in its column,
  carries the end of that member's organisation;
- the scoring criteria: the list items of the criteria's section;
- the ceremony: the first dated sentence telling of it, and its venue and city;
- the next edition's calendar: the dated sentences of the section whose heading names
  a later year, each told which step it is by the profile's patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..context import Context
from ..elements import Line
from ..profiles.profile import Profile, first
from ..stages.frontmatter import FrontPart
from ..stages.layout import paragraphs
from ..text import fold, fold_map
from .dates import DateFound

CAPITAL = r"[A-ZÀ-ÖØ-Þ]"
NAME = rf"{CAPITAL}[\w'’-]*(?:\s+(?:(?:de|du|des|d'|van|von|le|la)\s+)?{CAPITAL}[\w'’-]*){{1,3}}"
MEMBER = re.compile(rf"^(?P<name>{NAME})\s*(?:,|\s[-–—]\s|\()\s*(?P<org>\S.*?)\)?$")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
SAME_COLUMN = 2.0  # ems a line may start aside from the member above it and continue it
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Member:
    name: str
    organisation: str


@dataclass(frozen=True)
class DatedSentence:
    """A sentence of a front-matter section and a date in it (offset in the section's text)."""

    sentence: str
    date: DateFound
    section: int  # index of the section


@dataclass(frozen=True)
class CeremonyFound:
    when: DatedSentence
    venue: str | None
    city: str | None


@dataclass
class Facts:
    applications: int | None = None
    auditioned: int | None = None
    labelled: int | None = None
    jury: list[Member] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    ceremony: CeremonyFound | None = None
    next_year: int | None = None
    calendar: list[tuple[str | None, DatedSentence]] = field(default_factory=list)


def facts(
    sections: list[FrontPart],
    found: list[list[DateFound]],
    context: Context,
    year: int | None,
) -> Facts:
    """The facts of the front matter; `found`: the dates of each section's text."""
    profile = context.profile
    folded = fold(" ".join(s.text for s in sections))
    out = Facts(
        applications=count(profile.facts["applications"], folded),
        auditioned=count(profile.facts["auditioned"], folded),
        labelled=count(profile.facts["labelled"], folded),
    )
    out.jury, out.criteria = jury_and_criteria(sections, context)
    dated = [
        DatedSentence(sentence_at(s.text, d.offset), d, i)
        for i, (s, ds) in enumerate(zip(sections, found, strict=True))
        for d in ds
    ]
    out.ceremony = ceremony(dated, sections, profile)
    if year is not None:
        out.next_year, out.calendar = next_edition(sections, dated, year, profile)
    return out


def jury_and_criteria(
    sections: list[FrontPart], context: Context
) -> tuple[list[Member], list[str]]:
    """The jury's members and the scoring criteria, each from the first section headed so."""
    members: list[Member] = []
    criteria: list[str] = []
    for s in sections:
        heading = fold(s.heading)
        if not members and any(p.search(heading) for p in context.profile.facts["jury"]):
            members = jury(body(s))
        if not criteria and any(p.search(heading) for p in context.profile.facts["criteria"]):
            items = paragraphs(body(s), context.lexicon, context.pitch)
            criteria = [item.text for item in items if item.level == 0]
    return members, criteria


def next_edition(
    sections: list[FrontPart], dated: list[DatedSentence], year: int, profile: Profile
) -> tuple[int | None, list[tuple[str | None, DatedSentence]]]:
    """The next edition's year (a later year in a section's heading) and its calendar: the
    dated sentences of the sections announcing it, each with its step."""
    later = [
        i for i, s in enumerate(sections) if any(int(y) > year for y in YEAR.findall(s.heading))
    ]
    if not later:
        return None, []
    next_year = min(int(y) for y in YEAR.findall(sections[later[0]].heading) if int(y) > year)
    return next_year, [(step(d.sentence, profile), d) for d in dated if d.section in later]


def count(patterns, folded: str) -> int | None:
    m = first(patterns, folded, search=True)
    return int(m.group("n")) if m else None


def body(section: FrontPart) -> list[Line]:
    return list(section.lines[len(section.heads) :])


def jury(lines: list[Line]) -> list[Member]:
    """Members from lines "Name, Organisation"; a line right under a member, in its column, ends its
    organisation."""
    members: list[list[str]] = []
    last: Line | None = None
    for line in lines:
        m = MEMBER.match(line.text)
        if m:
            members.append([m.group("name"), m.group("org").strip()])
            last = line
        elif last is not None and continues(last, line):
            members[-1][1] += " " + line.text.strip()
            last = line
        else:
            last = None
    return [Member(name, org) for name, org in members]


def continues(above: Line, line: Line) -> bool:
    """The line carries on the organisation above it: the next line of the same column, not a
    sentence."""
    return (
        line.page == above.page
        and abs(line.x0 - above.x0) <= SAME_COLUMN * line.size
        and 0 <= line.top - above.bottom <= line.height
        and not line.text.rstrip().endswith((".", ":"))
        and "," not in line.text
    )


def sentence_at(text: str, offset: int) -> str:
    for m in SENTENCE.finditer(text):
        if m.start() <= offset < m.end():
            return m.group().strip()
    return ""


def ceremony(
    dated: list[DatedSentence], sections: list[FrontPart], profile: Profile
) -> CeremonyFound | None:
    """The first dated sentence that tells of the ceremony, with the venue said right after its
    date."""
    for d in dated:
        if not any(p.search(fold(d.sentence)) for p in profile.facts["ceremony"]):
            continue
        text = sections[d.section].text
        after = text[d.date.offset + len(d.date.text) :]
        folded, idx = fold_map(after)
        m = first(profile.facts["venue"], folded)
        if m:
            return CeremonyFound(
                d,
                after[idx[m.start("venue")] : idx[m.end("venue")]].strip(),
                after[idx[m.start("city")] : idx[m.end("city")]].strip(),
            )
        return CeremonyFound(d, None, None)
    return None


def step(sentence: str, profile: Profile) -> str | None:
    folded = fold(sentence)
    return next(
        (name for name, patterns in profile.calendar if any(p.search(folded) for p in patterns)),
        None,
    )
