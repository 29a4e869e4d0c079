"""Bad input, hostile files and faults: one clear line, a documented exit code, nothing lost.

Every input is built here: copies of a small generated yearbook, truncated or with a
garbled cross-reference table, encrypted (pikepdf), a picture or a zip renamed .pdf,
and PDFs written byte by byte (`tests/pdfs.py`). The command line runs in-process
(`cli.main`), each file in its forked child process as on the command line, so capfd
sees what the child prints too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import signal
import time
import zipfile
import zlib

import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from pipeline.conversion import convert
from pipeline.elements import Stray
from pipeline.outputs.models import Annuaire
from pipeline.read import ocr
from pipeline.read import source as read_source
from pipeline.run.cli import main
from pipeline.stages import coverage, furniture, listing
from pipeline.thresholds import DEFAULTS

from . import pdfs
from .conftest import line, page
from .yearbook import Block, Card, Category, Yearbook, build

BODY = (
    "Le projet s'appuie sur une plateforme ouverte qui permet aux habitants de signaler les "
    "besoins du quartier et de suivre leur traitement par les services municipaux."
)
INTRO = (
    "Avant-propos : ce projet a été présenté par la commune lors des rencontres régionales du "
    "numérique, où il a retenu l'attention du jury pour la qualité de sa démarche participative "
    "et pour le soin apporté à l'accompagnement des habitants les plus éloignés du numérique, "
    "avant même le dépôt de sa candidature au Label."
)
SLOW = (
    b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj 1 0 Td " * 300_000 + b"ET"
)  # seconds of pdfminer's time
needs_gs = pytest.mark.skipif(
    shutil.which("gs") is None and not os.environ.get("CI"),
    reason="Ghostscript is not installed (CI installs it and runs these)",
)


def card(medal: str, town: str, problem: bool = False, **kw) -> Card:
    """A card without its "problématique" block, unless `problem`."""
    blocks = [Block("INNOVATION DU PROJET :", [BODY]), Block("LES APPORTS DU PROJET :", [BODY])]
    if problem:
        blocks.insert(1, Block("PROBLÉMATIQUE DU TERRITOIRE :", [BODY]))
    return Card(medal, f"la Ville de {town}", f"Projet de {town}", [BODY], blocks, **kw)


@pytest.fixture(scope="module")
def yearbook(tmp_path_factory) -> bytes:
    """A cover, a section page and two cards, the first without the "problématique" block the
    second has: the bytes every damaged copy starts from."""
    spec = Yearbook(
        2024,
        [
            Category(
                "TERRITOIRE INCLUSIF", [card("or", "Agen"), card("argent", "Blois", problem=True)]
            )
        ],
        toc=False,
    )
    return build(tmp_path_factory.mktemp("yearbook") / "annuaire.pdf", spec).read_bytes()


def cli(capfd, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capfd.readouterr()
    return code, out, err


def rejected(capfd, path, *options) -> str:
    """Exit code 2, one line on stderr naming the file, no traceback, no output file: the line."""
    out = path.parent / "out"
    code, stdout, err = cli(capfd, path, "-o", out, "-q", *options)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and path.name in err, err
    assert "Traceback" not in err + stdout
    assert not out.exists()
    return err.strip()


def converted(capfd, path, *options) -> Annuaire:
    out = path.parent / "out"
    code, _, err = cli(capfd, path, "-o", out, "-q", *options)
    assert code == 0, err
    return Annuaire.model_validate_json((out / f"{path.stem}.json").read_text(encoding="utf-8"))


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def picture(path, size=(40, 30)):
    Image.new("RGB", size, (200, 30, 30)).save(path, "PNG")
    return path


def docx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>Bonjour</w:document>")
    return path


def letter(path):
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Bonjour, ceci est une lettre et non un annuaire.")
    c.showPage()
    c.save()
    return path


def scan(path):
    """An image-only page, as a scanner makes it: no text layer at all."""
    image = picture(path.with_suffix(".png"), (800, 1100))
    c = canvas.Canvas(str(path))
    c.drawImage(str(image), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return path


def encrypted(path, data: bytes):
    source = write(path.with_name("plain.pdf"), data)
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="proprietaire", user="secret"))
    source.unlink()
    return path


# --- each unusable input gets one line, exit code 2, no output ---------------------------------

CASES = {
    "missing path": (lambda d, y: d / "absent.pdf", (), "no such file or folder"),
    "folder with no PDF": (
        lambda d, y: (d / "lettres").mkdir() or write(d / "lettres" / "notes.txt", b"x").parent,
        (),
        "a folder with no PDF in it",
    ),
    "renamed docx": (lambda d, y: docx(d / "memo.pdf"), (), "not a PDF (a ZIP archive"),
    "picture": (lambda d, y: picture(d / "photo.pdf"), (), "not a PDF (a PNG image)"),
    "empty file": (lambda d, y: write(d / "empty.pdf", b""), (), "empty file (0 bytes)"),
    "truncated": (lambda d, y: write(d / "cut.pdf", y[: len(y) * 2 // 3]), (), "truncated"),
    "damaged beyond repair": (
        lambda d, y: write(d / "junk.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"),
        (),
        "the PDF cannot be read (PDFSyntaxError: No /Root object!",
    ),
    "encrypted, no password": (
        lambda d, y: encrypted(d / "locked.pdf", y),
        (),
        "give its password with --password",
    ),
    "encrypted, wrong password": (
        lambda d, y: encrypted(d / "locked.pdf", y),
        ("--password", "devine"),
        "the password given with --password is wrong",
    ),
    "no pages": (
        lambda d, y: pikepdf.new().save(d / "none.pdf") or d / "none.pdf",
        (),
        "the PDF has no pages",
    ),
    "not a yearbook": (lambda d, y: letter(d / "letter.pdf"), (), "no project card found"),
    "image only, OCR off": (
        lambda d, y: scan(d / "scan.pdf"),
        ("--ocr", "never"),
        "OCR is off (--ocr never)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_unusable_input(capfd, tmp_path, yearbook, case):
    make, options, cause = CASES[case]
    assert cause in rejected(capfd, make(tmp_path, yearbook), *options)


def test_image_only_without_ocr_installed(capfd, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    err = rejected(capfd, scan(tmp_path / "scan.pdf"))
    assert (
        "pages without text need OCR; install Tesseract" in err
        and "apt-get install tesseract-ocr" in err
    )


def test_damaged_xref_without_ghostscript(capfd, tmp_path, yearbook, monkeypatch):
    monkeypatch.setattr(read_source.shutil, "which", lambda name: None)
    err = rejected(capfd, write(tmp_path / "xref.pdf", pdfs.garble_xref(yearbook)))
    assert "damaged cross-reference table" in err and "Ghostscript" in err


@needs_gs
def test_damaged_xref_is_repaired_by_ghostscript(capfd, tmp_path, yearbook):
    intact = converted(capfd, write(tmp_path / "intact.pdf", yearbook))
    repaired = converted(capfd, write(tmp_path / "xref.pdf", pdfs.garble_xref(yearbook)))
    assert [(p.title, p.medal, p.summary) for p in repaired.projects] == [
        (p.title, p.medal, p.summary) for p in intact.projects
    ]
    assert [w.message for w in repaired.warnings if w.code == "repaired"] == [
        "the file is damaged (its page tree cannot be found (damaged cross-reference table?)); "
        "it was read from Ghostscript's repaired copy"
    ]
    assert not [w for w in intact.warnings if w.code in ("repaired", "damaged")]


@needs_gs
def test_a_file_read_ahead_that_needed_a_repair_is_read_again(tmp_path, yearbook):
    from pipeline.conversion import read_ahead
    from pipeline.options import Options

    intact, damaged = (
        write(tmp_path / "intact.pdf", yearbook),
        write(tmp_path / "xref.pdf", pdfs.garble_xref(yearbook)),
    )
    assert (
        read_ahead(damaged, Options()) is None
    )  # its pages came from a repaired copy, since deleted
    ahead = read_ahead(intact, Options(enrich=False))
    assert ahead is not None
    assert (
        convert(intact, Options(enrich=False), preread=ahead).document
        == convert(intact, Options(enrich=False)).document
    )


def test_xref_rebuilt_by_the_reader_is_said(capfd, tmp_path, yearbook):
    broken = (
        yearbook.replace(b"startxref\n", b"startxref\n9").rstrip() + b"\n"
    )  # points past the end
    doc = converted(capfd, write(tmp_path / "moved.pdf", broken))
    assert len(doc.projects) == 2
    assert [w.code for w in doc.warnings if "rebuilt" in w.message] == ["repaired"]


def test_data_the_reader_dropped_is_said(tmp_path, yearbook):
    """A content stream whose checksum is wrong: pdfminer reads it all the same, and says so."""
    with pikepdf.open(write(tmp_path / "plain.pdf", yearbook)) as pdf:
        contents = pdf.pages[2].Contents
        deflated = zlib.compress(contents.read_bytes())
        contents.write(deflated[:-1] + bytes([deflated[-1] ^ 1]), filter=pikepdf.Name.FlateDecode)
        pdf.save(tmp_path / "checksum.pdf")
    doc = convert(tmp_path / "checksum.pdf").document
    assert [p.title for p in doc.projects] == ["Projet de Agen", "Projet de Blois"]
    assert [w.message for w in doc.warnings if w.code == "damaged"] == [
        "the PDF library reported damage while reading: Data-loss while decompressing corrupted "
        "data"
    ]


def test_encrypted_with_its_password(capfd, tmp_path, yearbook):
    doc = converted(capfd, encrypted(tmp_path / "locked.pdf", yearbook), "--password", "secret")
    assert [p.title for p in doc.projects] == ["Projet de Agen", "Projet de Blois"]


# --- limits against hostile files --------------------------------------------------------------


def test_a_huge_declared_page_count_is_refused_before_reading(capfd, tmp_path):
    err = rejected(capfd, write(tmp_path / "huge.pdf", pdfs.pages(1, count=10**9)))
    assert "declares 1000000000 pages, over the limit of 2000 (--max-pages)" in err


@pytest.mark.parametrize(
    "count, cause",
    [
        (30, "declares 30 pages, over the limit of 20 (--max-pages)"),
        (1, "more than 20 pages, the limit (--max-pages)"),
    ],
    ids=["truthful count", "lying count"],
)
def test_page_limit(capfd, tmp_path, count, cause):
    assert cause in rejected(
        capfd, write(tmp_path / "long.pdf", pdfs.pages(30, count=count)), "--max-pages", "20"
    )


def test_deeply_nested_arrays_in_a_content_stream(capfd, tmp_path):
    """pdfminer recurses into the arrays and says so; PDFium reads the page and finds no text."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"[" * 50_000 + b"]" * 50_000 + b" TJ ET"
    path = write(tmp_path / "nested.pdf", pdfs.pages(1, content=content))
    err = rejected(capfd, path, "--reader", "pdfplumber")
    assert "page 1 cannot be read: its objects are nested too deeply" in err
    assert "no text on any page" in rejected(capfd, path)


def test_deeply_nested_page_tree(capfd, tmp_path):
    err = rejected(capfd, write(tmp_path / "tree.pdf", pdfs.nested_tree(5000)))
    assert "its page tree cannot be read: its objects are nested too deeply" in err


def test_enormous_compressed_stream_hits_the_memory_cap(capfd, tmp_path):
    """1 KiB of zlib per MiB of spaces: the page's content inflates to 1 GiB."""
    err = rejected(
        capfd,
        write(tmp_path / "bomb.pdf", pdfs.pages(1, content=pdfs.inflating(1024), deflated=True)),
        "--max-memory",
        "256",
    )
    assert "needs more than 256 MiB of memory, the limit (--max-memory)" in err


def test_endless_content_stream_hits_the_timeout(capfd, tmp_path):
    path = write(tmp_path / "slow.pdf", pdfs.pages(1, content=SLOW))
    start = time.monotonic()
    err = rejected(capfd, path, "--timeout", "1")
    assert "stopped after 1 s, the time limit (--timeout)" in err
    assert time.monotonic() - start < 30  # killed, not waited for


# --- nothing lost ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, data",
    [((), b"PK\x03\x04 not a pdf"), (("--timeout", "1"), pdfs.pages(1, content=SLOW))],
    ids=["unusable", "timed out"],
)
def test_a_failed_run_keeps_the_existing_output(capfd, tmp_path, options, data):
    out = tmp_path / "out"
    out.mkdir()
    (out / "annuaire.json").write_text("previous run", encoding="utf-8")
    code, _, _ = cli(capfd, write(tmp_path / "annuaire.pdf", data), "-o", out, "-q", *options)
    assert code == 2
    assert (out / "annuaire.json").read_text(encoding="utf-8") == "previous run"
    assert [p.name for p in out.iterdir()] == ["annuaire.json"]  # no temporary file left either


def test_coverage_of_a_page_with_text_above_the_award_line(tmp_path):
    agen = card(
        "or",
        "Agen",
        award=INTRO,
        title_line="Label d'or attribué à la Ville de Agen Pour le projet « Projet de Agen »",
    )
    spec = Yearbook(
        2024, [Category("TERRITOIRE INCLUSIF", [agen, card("argent", "Blois")])], toc=False
    )
    doc = convert(build(tmp_path / "annuaire.pdf", spec)).document
    shares = {p.number: p.coverage for p in doc.pages}
    assert shares[3] < DEFAULTS.low_coverage and shares[1] == shares[2] == shares[4] == 1.0
    assert " ".join(u.text for u in doc.unplaced) == INTRO
    assert {u.reason for u in doc.unplaced} == {"card_header"}
    assert [(w.code, w.pages) for w in doc.warnings if w.code == "low_coverage"] == [
        ("low_coverage", [3])
    ]
    assert doc.projects[0].title == "Projet de Agen"


def test_text_no_stage_placed_is_kept_as_unplaced(tmp_path, yearbook, monkeypatch):
    """A stage that forgets lines (here the listing, dropping its first entry) loses nothing."""
    parse = listing.parse

    def forgetful(*args, **kw):
        found = parse(*args, **kw)
        return dataclasses.replace(found, entries=found.entries[1:])

    monkeypatch.setattr(listing, "parse", forgetful)
    doc = convert(write(tmp_path / "annuaire.pdf", yearbook)).document
    section = next(p for p in doc.pages if p.kind == "section")
    assert [(u.page, u.reason, u.text) for u in doc.unplaced] == [
        (section.number, "not_placed", "• Projet de Agen - Ville de Agen (label or)")
    ]
    assert 0 < section.coverage < 1


def test_coverage_counts_characters_of_placed_lines():
    a, b = line("Texte placé dans un champ", 100), line("reste", 120)
    pages = [page(1, [a, b]), page(2, [])]
    a, b = pages[0].lines
    assert coverage.per_page(pages, {a}) == {1: round(21 / 26, 3), 2: None}
    assert coverage.leftovers(pages, {a}, []) == [Stray(b, "not_placed")]
    assert coverage.leftovers(pages, {a}, [Stray(b, "card_header")]) == []
    assert coverage.low({1: 0.5, 2: None, 3: 0.95}, DEFAULTS.low_coverage) == [(1, 0.5)]


# --- a batch goes on past bad files ------------------------------------------------------------


def test_batch_converts_the_good_files_and_sums_up_the_bad(capfd, tmp_path, yearbook):
    folder = tmp_path / "dossier"
    folder.mkdir()
    write(folder / "annuaire_2022.pdf", yearbook)
    picture(folder / "photo.pdf")
    write(folder / "notes.txt", b"not a pdf, not listed")
    good, out = write(tmp_path / "annuaire_2024.pdf", yearbook), tmp_path / "out"
    code, _, err = cli(capfd, good, folder, tmp_path / "absent.pdf", "-o", out)
    assert code == 2
    assert sorted(p.name for p in out.iterdir()) == ["annuaire_2022.json", "annuaire_2024.json"]
    assert "error: photo.pdf: not a PDF (a PNG image)" in err
    assert err.strip().splitlines()[-3:] == [
        "4 files: 2 converted, 2 failed:",
        "  photo.pdf: not a PDF (a PNG image)",
        f"  {tmp_path / 'absent.pdf'}: no such file or folder",
    ]


def test_files_read_ahead_give_the_same_documents_and_the_same_errors(capfd, tmp_path, yearbook):
    """With several jobs, the first files are read while the models load: a bad one among them is
    reported as it would be otherwise, and the good ones give the same documents as one job does."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    picture(folder / "a_photo.pdf")
    write(folder / "b_annuaire.pdf", yearbook)
    write(folder / "c_annuaire.pdf", yearbook)
    code3, _, err3 = cli(capfd, folder, "-o", tmp_path / "three", "--jobs", "3", "-q")
    code1, _, err1 = cli(capfd, folder, "-o", tmp_path / "one", "--jobs", "1", "-q")
    assert code3 == code1 == 2 and err3 == err1
    assert "a_photo.pdf: not a PDF (a PNG image)" in err3
    for name in ("b_annuaire.json", "c_annuaire.json"):
        assert (tmp_path / "three" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_a_read_ahead_that_outlasts_the_model_loading_is_given_up(monkeypatch):
    """A long first file must not keep the workers waiting: its conversion reads it instead."""
    from pipeline.options import Options
    from pipeline.run import batch, isolate

    monkeypatch.setattr(batch, "PREREAD_WAIT", 0.2)
    running = isolate.start(time.sleep, (60,), 512)
    start = time.monotonic()
    assert batch.preread(running, Options()) is None
    assert time.monotonic() - start < 5 and not running.child.is_alive()


def test_internal_error_in_one_file_of_a_batch(capfd, tmp_path, yearbook, monkeypatch):
    real = furniture.strip
    monkeypatch.setattr(
        furniture, "strip", lambda pages, **kw: 1 / 0 if len(pages) > 4 else real(pages, **kw)
    )
    bigger = build(
        tmp_path / "bigger.pdf",
        Yearbook(
            2024, [Category("E-SANTÉ", [card("or", f"Ville{i}") for i in range(3)])], toc=False
        ),
    )
    good, out = write(tmp_path / "good.pdf", yearbook), tmp_path / "out"
    code, _, err = cli(capfd, bigger, good, "-o", out, "-q")
    assert code == 3
    assert [p.name for p in out.iterdir()] == ["good.json"]
    first = err.strip().splitlines()[0]
    assert first.startswith("internal error on bigger.pdf: ") and "Traceback" not in err
    log = first.rsplit("(details in ", 1)[1].rstrip(")")
    assert "Traceback" in open(log, encoding="utf-8").read()
    os.unlink(log)
    code, _, err = cli(capfd, bigger, "-o", out, "-q", "--debug")
    assert code == 3 and "Traceback" in err
    os.unlink(err.strip().rsplit("(details in ", 1)[1].rstrip(")"))


def test_a_conversion_that_dies(capfd, tmp_path, yearbook, monkeypatch):
    """A child that dies (a crash in a C extension, the kernel's out-of-memory killer) takes only
    itself down."""
    monkeypatch.setattr(
        furniture, "strip", lambda pages, **kw: os.kill(os.getpid(), signal.SIGKILL)
    )
    code, _, err = cli(
        capfd, write(tmp_path / "annuaire.pdf", yearbook), "-o", tmp_path / "out", "-q"
    )
    assert code == 3 and not (tmp_path / "out").exists()
    assert err.startswith(
        "internal error on annuaire.pdf: the conversion process died (signal SIGKILL) (details in "
    )
    os.unlink(err.strip().rsplit("(details in ", 1)[1].rstrip(")"))


def test_strict_turns_warnings_into_exit_code_1(capfd, tmp_path, yearbook):
    path = write(tmp_path / "annuaire.pdf", yearbook)  # a card lacks its "problématique" block
    assert cli(capfd, path, "-o", tmp_path / "out", "-q")[0] == 0
    assert cli(capfd, path, "-o", tmp_path / "out", "-q", "--strict")[0] == 1
    assert (tmp_path / "out" / "annuaire.json").exists()


def test_two_pdfs_of_one_name_do_not_overwrite_each_other(capfd, tmp_path, yearbook):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "annuaire.pdf", yearbook)
    code, _, err = cli(capfd, tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out", "-q")
    assert code == 2 and "is written for" in err and "another -o" in err


def test_an_output_that_cannot_be_written(capfd, tmp_path, yearbook):
    blocked = write(tmp_path / "out", b"a file where the output folder should be")
    code, _, err = cli(capfd, write(tmp_path / "annuaire.pdf", yearbook), "-o", blocked, "-q")
    assert (
        code == 3
        and err.strip()
        == f"error: annuaire.pdf: cannot write {blocked / 'annuaire.json'} (File exists)"
    )


def test_stdout_takes_one_pdf(capfd, tmp_path, yearbook):
    code, out, err = cli(
        capfd, write(tmp_path / "a.pdf", yearbook), write(tmp_path / "b.pdf", yearbook), "--stdout"
    )
    assert code == 2 and out == "" and "--stdout takes one PDF" in err


# --- a fuzz test: mutated PDFs give a document or one line, never a traceback -----------------


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random edits: bytes overwritten, cut out, inserted, or zeroed over a run."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at, kind = rng.randrange(len(b)), rng.random()
        if kind < 0.6:
            b[at] = rng.randrange(256)
        elif kind < 0.75:
            del b[at : at + rng.randint(1, 64)]
        elif kind < 0.9:
            b[at:at] = rng.randbytes(rng.randint(1, 16))
        else:
            b[at : at + rng.randint(1, 64)] = b"0" * 8
    return bytes(b)


def test_fuzz(capfd, tmp_path):
    """200 corrupted copies of a one-card yearbook (3 pages, no embedded font: most bytes are
    structure and content streams): never a traceback, never past the timeout; exit 0 and valid
    JSON, or exit 2 and no file."""
    spec = Yearbook(
        2024, [Category("TERRITOIRE INCLUSIF", [card("or", "Agen", listed=False)])], toc=False
    )
    original = build(tmp_path / "original.pdf", spec).read_bytes()
    rng, timeout, codes = random.Random(20240601), 10, []
    path, out = tmp_path / "fuzz.pdf", tmp_path / "out"
    for i in range(200):
        write(path, mutate(original, rng))
        shutil.rmtree(out, ignore_errors=True)
        start = time.monotonic()
        code, stdout, err = cli(capfd, path, "-o", out, "-q", "--timeout", timeout)
        assert time.monotonic() - start < timeout + 10, i
        assert "Traceback" not in stdout + err, (i, err)
        assert code in (0, 2), (i, err)
        if code == 0:
            text = (out / "fuzz.json").read_text(encoding="utf-8")
            json.loads(
                text, parse_constant=lambda c, i=i: pytest.fail(f"{c} in the JSON of mutation {i}")
            )
            Annuaire.model_validate_json(text)
        else:
            assert not out.exists() and len(err.strip().splitlines()) == 1, (i, err)
        codes.append(code)
    assert 0 in codes and 2 in codes  # the mutations hurt some files, not all
