"""The pipeline: the stages in the order data flows through them.

    read → ocr → furniture → layout → segment → card → reconcile → enrich → assemble (models) → export

Each stage is a module of its own taking and returning plain data; this module
only wires them together, times them, and assembles the validated document.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .elements import Box, Line, Page, Removed, Stray, merge_boxes
from .enrich import run as enrich
from .errors import Damaged, InputError
from .options import Options
from .outputs import models as m
from .profiles.profile import Profile, available, load
from .read import ocr as ocr_stage
from .read import pdfium_reader, reader
from .stages import card as card_stage
from .stages import (
    categories,
    coverage,
    frontmatter,
    furniture,
    layout,
    listing,
    reconcile,
    segment,
    toc,
)
from .text import similar, similarity, slug

STAGES = (
    "read",
    "ocr",
    "furniture",
    "layout",
    "segment",
    "card",
    "reconcile",
    "enrich",
    "assemble",
)


@dataclass
class Result:
    document: m.Annuaire
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Preread:
    """A file's pages read ahead of its conversion (in another process, while the models load)."""

    pages: list[Page]
    notes: list[m.Warning]


def read_ahead(path: str | Path, options: Options) -> Preread | None:
    """The read stage alone; None when the file needed a repair (the repaired copy it was read from
    lives in a temporary folder, which the conversion must make again)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="annuaire-") as work:
        raw, source, notes = read(path, options, None, Path(work))
    return Preread(raw, notes) if source == path else None


def convert(
    path: str | Path, options: Options | None = None, progress=None, preread: Preread | None = None
) -> Result:
    """Convert one yearbook PDF into a validated document (from its pages, when they were read ahead)."""
    options = options or Options()
    path = Path(path)
    timings: dict[str, float] = {}

    @contextmanager
    def stage(name: str):
        start = time.perf_counter()
        yield
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

    candidates = [load(options.profile)] if options.profile != "auto" else None
    with tempfile.TemporaryDirectory(prefix="annuaire-") as work:
        if preread is not None:
            raw, source, notes = preread.pages, path, list(preread.notes)
        else:
            with stage("read"):
                raw, source, notes = read(path, options, progress, Path(work))
        with stage("ocr"):
            # OCR text layers (an invisible, stretched font) are read with pdfplumber, whatever the engine
            raw = ocr_stage.complete(
                source, raw, options.ocr, options.password if source == path else None
            )
    if not any(p.lines for p in raw):
        why = "and OCR is off (--ocr never)" if options.ocr == "never" else "and none to OCR"
        raise InputError(f"{path.name}: no text on any page {why}")
    readings = [read_cards(raw, profile, stage) for profile in candidates or edition_profiles(raw)]
    r = max(readings, key=consistency)  # the first (the default) wins a tie
    if not r.seg.cards:
        raise InputError(
            f"{path.name}: no project card found; not a yearbook of the Label « Territoire Innovant »?"
        )
    profile, pages, seg, cards, entries, words, body, pitch = (
        r.profile,
        r.pages,
        r.seg,
        r.cards,
        r.entries,
        r.words,
        r.body,
        r.pitch,
    )
    removed, listings, listing_strays, toc_headings = (
        r.removed,
        r.listings,
        r.listing_strays,
        r.toc_headings,
    )
    with stage("reconcile"):
        year = frontmatter.year(raw, profile) or year_from_name(path)
        labels = {p.number: p.label for p in pages}
        ocr_pages = {p.number: p.confidence for p in pages if p.ocr}
        names = category_names(seg.sections, entries, profile, words)
        placed = place(cards, seg.cards, names, year, labels, profile, words)
        card_labels = {
            labels.get(n) for n, kind in seg.kinds.items() if kind.startswith("card")
        } - {None}
        warnings, matches = reconcile.check(placed, entries, listings, card_labels)
        front = front_sections(seg, entries, toc_headings, body, words, pitch)
        strays = [x for c in cards for x in c.strays] + listing_strays
        in_fields = placed_lines(seg, cards, listings, entries, toc_headings, front)
        strays += coverage.leftovers(pages, in_fields, strays)
        shares = coverage.per_page(pages, in_fields)
        warnings = (
            notes
            + warnings
            + [
                reconcile.warn(
                    "low_coverage",
                    f"page {n}: only {share:.0%} of its text is in a field; the rest is in "
                    "unplaced",
                    [n],
                )
                for n, share in coverage.low(shares)
            ]
        )
    found = None
    if options.enrich:
        with stage("enrich"):
            found = enrich.run(placed, front, profile, year, words, pitch)
            warnings = warnings + found.warnings
    with stage("assemble"):
        document = m.Annuaire(
            source=m.Source(file_name=path.name, sha256=sha256(path), page_count=len(raw)),
            profile=profile.name,
            edition=edition_model(year, found),
            categories=[
                category_model(s, names[s.page], labels, listings[s.page], matches)
                for s in seg.sections
            ],
            projects=[
                project_model(p, labels, ocr_pages, found.projects[p.id] if found else None)
                for p in placed
            ],
            warnings=warnings,
            unplaced=[unplaced_model(s) for s in strays],
            toc=[m.TocEntry(text=e.text, page_label=e.page_label, level=e.level) for e in entries],
            front_matter=[
                front_model(s, found.front_dates[i] if found else None) for i, s in enumerate(front)
            ],
            pages=[
                page_info(p, seg.kinds.get(p.number, "front_matter"), removed, shares[p.number])
                for p in pages
            ],
        )
    return Result(document, timings)


@dataclass
class Reading:
    """What the stages up to `card` made of the pages with one profile."""

    profile: Profile
    pages: list
    removed: list
    words: Counter
    body: float
    pitch: float
    seg: segment.Segments
    entries: list
    toc_headings: list
    cards: list
    listings: dict
    listing_strays: list


def read_cards(raw, profile: Profile, stage) -> Reading:
    """furniture → layout → segment → card, with one profile."""
    with stage("furniture"):
        pages, removed = furniture.strip(raw, content=lambda line: segment.is_banner(line, profile))
    with stage("layout"):
        pages = layout.order(pages)
        words = layout.lexicon(pages)
        body = furniture.body_size(pages)
    with stage("segment"):
        seg = segment.split(pages, profile, body)
        entries, toc_headings = toc.parse(seg.toc_pages)
    pitch = layout.typical_pitch([ln for span in seg.cards for ln in span.lines])
    with stage("card"):
        cards = [card_stage.parse(span, profile, words, pitch, body) for span in seg.cards]
        listings, listing_strays = {}, []
        for section in seg.sections:
            listings[section.page], strays = listing.parse(section, profile, words, pitch)
            listing_strays += strays
    return Reading(
        profile,
        pages,
        removed,
        words,
        body,
        pitch,
        seg,
        entries,
        toc_headings,
        cards,
        listings,
        listing_strays,
    )


def edition_profiles(raw) -> list[Profile]:
    """The profile made for the year printed on the first pages, else every profile to try."""
    profiles = [load(name) for name in available()]
    profiles.sort(key=lambda p: p.name != "default")
    year = next((y for y in (frontmatter.year(raw, p) for p in profiles) if y), None)
    made_for = [p for p in profiles if year in p.years]
    return made_for[:1] or profiles


def consistency(r: Reading) -> int:
    """How much of a sound card each card is: medal, title, territories, blocks found."""
    return sum(
        bool(c.medal) + bool(c.title) + bool(c.territories) + len(c.headings) for c in r.cards
    )


def read(
    path: Path, options: Options, progress, work: Path
) -> tuple[list[Page], Path, list[m.Warning]]:
    """Stage 1: the pages, the file they were read from, and warnings for a repair and for the
    damage pdfminer reported while reading."""
    with reader.complaints() as heard:
        pages, source, notes = read_repairing(path, options, progress, work)
    return pages, source, notes + complained(heard)


def read_repairing(
    path: Path, options: Options, progress, work: Path
) -> tuple[list[Page], Path, list[m.Warning]]:
    """The pages, the file they were read from, and a warning when that took a repair.

    A damaged file (broken cross-reference table, objects, page tree) is rewritten by
    Ghostscript when it is installed, and the rewrite is read instead.
    """
    try:
        rebuilt = reader.survey(path, options.password, options.max_pages)
        pages = engine(options).read(path, progress, options.password)
    except Damaged as damage:
        if shutil.which("gs") is None:
            raise Damaged(
                f"{damage}; Ghostscript (apt-get install ghostscript) could try to repair it"
            ) from None
        try:
            fixed = reader.repair(path, work / "repaired.pdf", options.password)
        except InputError as e:
            raise InputError(f"{damage}; {e}") from None
        try:
            reader.survey(fixed, None, options.max_pages)
            pages = engine(options).read(fixed, progress)
        except InputError as e:
            cause = str(e).removeprefix(f"{fixed.name}: ")
            raise InputError(
                f"{damage}; Ghostscript's repaired copy cannot be read either ({cause})"
            ) from None
        if not any(
            p.lines or p.images for p in pages
        ):  # Ghostscript makes a blank page of pure junk
            raise InputError(f"{damage}; Ghostscript's repaired copy is blank")
        cause = str(damage).removeprefix(f"{path.name}: ")
        return (
            pages,
            fixed,
            [
                reconcile.warn(
                    "repaired",
                    f"the file is damaged ({cause}); it was read from Ghostscript's repaired copy",
                    [],
                )
            ],
        )
    if rebuilt:
        return (
            pages,
            path,
            [
                reconcile.warn(
                    "repaired",
                    "the cross-reference table is damaged; it was rebuilt "
                    "by scanning the file for its objects",
                    [],
                )
            ],
        )
    return pages, path, []


def engine(options: Options):
    """The reader module the options ask for."""
    return pdfium_reader if options.reader == "pdfium" else reader


def complained(heard: list[str]) -> list[m.Warning]:
    """One warning for what pdfminer logged while reading: the data it had to drop."""
    distinct = list(dict.fromkeys(heard))
    if not distinct:
        return []
    more = f" (and {len(distinct) - 3} more)" if len(distinct) > 3 else ""
    return [
        reconcile.warn(
            "damaged",
            "the PDF library reported damage while reading: " + "; ".join(distinct[:3]) + more,
            [],
        )
    ]


def placed_lines(seg, cards, listings, entries, toc_headings: list[Line], front) -> set[Line]:
    """The body lines some field was read from: cards but their strays, section headings and
    listing entries, the table of contents (its headings go to the front matter), front matter."""
    out: set[Line] = set()
    for span, c in zip(seg.cards, cards):
        out.update(span.lines)
        out.difference_update(s.line for s in c.strays)
    for section in seg.sections:
        out.update(section.heading)
        out.update(ln for item in listings[section.page] for ln in item.lines)
    out.update(ln for e in entries for ln in e.lines)
    out.update(toc_headings)
    out.update(ln for s in front for ln in s.lines)
    return out


def year_from_name(path: Path) -> int | None:
    found = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", path.stem)
    return int(found[-1]) if found else None


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def category_names(sections, entries, profile: Profile, words: Counter) -> dict[int, str]:
    """Section page → canonical category name (the table of contents' printing when it has one)."""
    parts = [e for e in entries if e.level == 0]
    out = {}
    for s in sections:
        printed = max(parts, key=lambda e: similarity(e.text, s.title), default=None)
        printed = (
            printed.text
            if printed and similarity(printed.text, s.title) >= categories.SAME
            else s.title
        )
        out[s.page] = categories.canonical(printed, profile.categories, words)
    return out


def place(
    cards, spans, names: dict[int, str], year, labels, profile: Profile, words
) -> list[reconcile.Placed]:
    """Give each card its canonical category and a stable id."""
    out, seen = [], Counter()
    for c, span in zip(cards, spans):
        section = span.section
        if section is not None and (
            not c.category_raw or similar(c.category_raw, section.title, 0.8)
        ):
            category = names[section.page]
        else:
            category = categories.canonical(
                c.category_raw, list(names.values()) + profile.categories, words
            )
        base = f"{year or 'x'}-{slug(category, 30)}-{slug(c.title or 'sans-titre', 50)}"
        seen[base] += 1
        pid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(reconcile.Placed(pid, c, category, section, labels.get(c.pages[0])))
    return out


def boxes(bs: list[Box]) -> list[m.Box]:
    return [m.Box(page=b.page, x0=b.x0, top=b.top, x1=b.x1, bottom=b.bottom) for b in bs]


def project_model(
    p: reconcile.Placed, labels, ocr_pages: dict[int, float | None], found: enrich.Found | None
) -> m.Project:
    c = p.card
    confidences = [ocr_pages[n] for n in c.pages if ocr_pages.get(n) is not None]
    return m.Project(
        id=p.id,
        category=p.category,
        medal=c.medal,
        title=c.title,
        territories=[
            m.Territory(
                name=t.name,
                kind=t.kind,
                acronym=t.acronym,
                service=t.service,
                canonical=t.canonical,
                place=t.place,
            )
            for t in c.territories
        ],
        summary=c.summary,
        innovation=c.blocks["innovation"],
        problematique=c.blocks["problematique"],
        apports=c.blocks["apports"],
        pages=c.pages,
        page_labels=[labels.get(n) for n in c.pages],
        headings=c.headings,
        provenance={k: boxes(v) for k, v in c.provenance.items() if v},
        ocr=any(n in ocr_pages for n in c.pages),
        ocr_confidence=round(sum(confidences) / len(confidences), 1) if confidences else None,
        dates=[date_model(d, f) for f, d in found.dates] if found else None,
        figures=[
            m.Figure(
                field=f, offset=x.offset, text=x.text, value=x.value, unit=x.unit, counts=x.counts
            )
            for f, x in found.figures
        ]
        if found
        else None,
        entities=[
            m.Entity(field=f, offset=e.offset, text=e.text, label=e.label)
            for f, e in found.entities
        ]
        if found
        else None,
    )


def front_model(s: frontmatter.FrontSection, found: list | None) -> m.FrontSection:
    return m.FrontSection(
        heading=s.heading,
        text=s.text,
        pages=s.pages,
        dates=[date_model(d, "text") for d in found] if found is not None else None,
    )


def date_model(d, field: str) -> m.DateRef:
    return m.DateRef(
        field=field,
        offset=d.offset,
        text=d.text,
        precision=d.precision,
        value=d.value,
        start=d.start,
        end=d.end,
        valid=d.valid,
    )


def edition_model(year: int | None, found: enrich.Enrichment | None) -> m.Edition:
    if found is None:
        return m.Edition(year=year)
    f = found.facts

    def dated(d):
        return dict(date=date_model(d.date, "text"), section=d.section, sentence=d.sentence)

    return m.Edition(
        year=year,
        applications=f.applications,
        auditioned=f.auditioned,
        labelled=f.labelled,
        jury=[m.JuryMember(name=j.name, organisation=j.organisation) for j in f.jury],
        criteria=f.criteria,
        ceremony=m.Ceremony(**dated(f.ceremony.when), venue=f.ceremony.venue, city=f.ceremony.city)
        if f.ceremony
        else None,
        next_edition=m.NextEdition(
            year=f.next_year,
            calendar=[m.CalendarStep(step=step, **dated(d)) for step, d in f.calendar],
        )
        if f.next_year
        else None,
    )


def category_model(section, name: str, labels, listed, matches) -> m.Category:
    return m.Category(
        name=name,
        printed=section.title,
        page=section.page,
        page_label=labels.get(section.page),
        listed=[
            m.ListedProject(
                text=item.text,
                title=item.title,
                territories=item.territories,
                medal=item.medal,
                project_id=matches.get((section.page, i)),
                box=boxes(merge_boxes(item.lines))[0],
            )
            for i, item in enumerate(listed)
        ],
    )


def unplaced_model(stray: Stray) -> m.Unplaced:
    return m.Unplaced(
        page=stray.line.page,
        text=stray.line.text,
        reason=stray.reason,
        box=boxes([stray.line.box.rounded()])[0],
    )


def front_sections(
    seg, entries, toc_headings: list[Line], body, words, pitch
) -> list[frontmatter.FrontSection]:
    """The front matter cut at its headings, the table of contents as one section, in page order."""
    out = frontmatter.sections(seg.front_matter, body, words, pitch)
    if seg.toc_pages:
        out.append(
            frontmatter.FrontSection(
                heading=" — ".join(ln.text for ln in toc_headings),
                text="\n".join(f"{e.text} … {e.page_label}" for e in entries),
                lines=tuple(toc_headings) + tuple(ln for e in entries for ln in e.lines),
                heads=tuple(toc_headings),
            )
        )
    return sorted(out, key=lambda s: s.pages[0] if s.pages else 0)


def page_info(page, kind: str, removed: list[Removed], share: float | None) -> m.PageInfo:
    return m.PageInfo(
        number=page.number,
        label=page.label,
        kind=kind,
        ocr=page.ocr,
        ocr_confidence=page.confidence,
        coverage=share,
        removed=[
            m.RemovedText(text=r.line.text, reason=r.reason)
            for r in removed
            if r.line.page == page.number
        ],
    )
