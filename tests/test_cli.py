"""The command line: options, output, one-line errors and exit codes."""

import json
import os
import sqlite3
import subprocess
import sys

from .conftest import ROOT, SAMPLE
from .yearbook import Block, Card, Category, Yearbook, build


def run(*args, cwd=None):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
    }  # the tree under test, wherever it is installed from
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
        env=env,
    )


def blank_pdf(path, text=None):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    if text:
        c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return path


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_help_explains_every_option_and_the_exit_codes():
    out = run("--help").stdout
    for option in (
        "-o DIR",
        "--format {json,jsonl,csv,xlsx}",
        "--csv-sep",
        "--skip-existing",
        "--recursive",
        "--timings",
        "--report",
        "--sqlite FILE",
        "--stdout",
        "--quiet",
        "--profile",
        "--password",
        "--reader",
        "--ocr",
        "--no-enrich",
        "--jobs N",
        "--strict",
        "--timeout SECONDS",
        "--max-pages N",
        "--max-memory MIB",
        "--debug",
        "--schema",
    ):
        assert option in out
    for code in (
        "0  success",
        "1  finished with warnings",
        "2  unusable input",
        "3  internal error",
    ):
        assert code in out


def test_converts_into_the_output_folder_with_a_summary_line(tmp_path):
    r = run(
        SAMPLE, "-o", tmp_path, "--no-enrich"
    )  # enrichment is tested in process: spaCy loads once
    assert r.returncode == 0
    doc = json.loads((tmp_path / "annuaire_2023.json").read_text(encoding="utf-8"))
    assert len(doc["projects"]) == 25
    assert "annuaire_2023.pdf: reading pages 38/38" in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("annuaire_2023.pdf: 25 projects, ")
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed, not left behind


def test_enrichment_is_on_unless_turned_off():
    from pipeline.run.cli import parser

    assert parser().parse_args(["x.pdf"]).enrich is True
    assert parser().parse_args(["x.pdf", "--no-enrich"]).enrich is False


def test_stdout_and_quiet_without_enrichment(tmp_path):
    r = run(SAMPLE, "--stdout", "--quiet", "--no-enrich", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc["edition"] == {
        "year": 2023,
        "applications": None,
        "auditioned": None,
        "labelled": None,
        "jury": None,
        "criteria": None,
        "ceremony": None,
        "next_edition": None,
    }
    assert all(
        p["dates"] is None and p["figures"] is None and p["entities"] is None
        for p in doc["projects"]
    )
    assert all(s["dates"] is None for s in doc["front_matter"])
    assert not any(w["code"] == "date_invalid" for w in doc["warnings"])
    assert (
        doc["projects"][0]["territories"][0]["place"] == "Montpellier Méditerranée"
    )  # not enrichment: parsing
    assert not (tmp_path / "output").exists()


def test_schema_option_prints_the_schema():
    r = run("--schema")
    assert json.loads(r.stdout)["title"] == "Annuaire"


def test_a_bad_file_among_good_ones(tmp_path):
    """A real process: the bad file gets its line, the good one its document, the run a summary."""
    body = "Le relais numérique accompagne les habitants dans leurs démarches en ligne."
    good = build(
        tmp_path / "annuaire.pdf",
        Yearbook(
            2024,
            [
                Category(
                    "E-SANTÉ",
                    [
                        Card(
                            "or",
                            "la Ville de Pau",
                            "Relais",
                            [body],
                            [Block("INNOVATION DU PROJET :", [body])],
                        )
                    ],
                )
            ],
        ),
    )
    bad, out = write(tmp_path / "memo.pdf", b"PK\x03\x04 a renamed docx"), tmp_path / "out"
    r = run(
        blank_pdf(tmp_path / "letter.pdf", "Bonjour, ceci est une lettre."), bad, good, "-o", out
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert [p.name for p in out.iterdir()] == ["annuaire.json"]
    assert r.stderr.strip().splitlines()[-3:] == [
        "3 files: 1 converted, 2 failed:",
        "  letter.pdf: no project card found; not a yearbook of the Label « Territoire Innovant »?",
        "  memo.pdf: not a PDF (a ZIP archive, e.g. a Word or OpenDocument file)",
    ]


def test_unknown_profile_is_exit_code_2():
    r = run(SAMPLE, "--profile", "nope", "--stdout")
    assert r.returncode == 2 and "available: 2023, default" in r.stderr


def test_csv_report_and_database_in_one_run(tmp_path, edition_2024):
    pdf, doc = edition_2024
    out, db = tmp_path / "out", tmp_path / "labels.sqlite"
    r = run(pdf, "-o", out, "--format", "csv", "--report", "--sqlite", db)
    assert r.returncode == 0, r.stderr
    assert sorted(f.name for f in out.iterdir()) == ["annuaire_2024.csv", "annuaire_2024.html"]
    assert (out / "annuaire_2024.csv").read_bytes().startswith(b"\xef\xbb\xbfedition;id;")
    assert (
        r.stderr.strip()
        .splitlines()[-1]
        .endswith(
            f"→ {out / 'annuaire_2024.csv'}, {out / 'annuaire_2024.html'}, {db} (edition 2024)"
        )
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT year, file_name FROM editions").fetchall() == [
            (2024, "annuaire_2024.pdf")
        ]
    r = run(pdf, "--format", "jsonl", "--stdout", "--quiet", "--sqlite", db)
    assert [json.loads(ln)["id"] for ln in r.stdout.splitlines()] == [p.id for p in doc.projects]
    with sqlite3.connect(db) as conn:  # loaded twice, kept once
        assert conn.execute("SELECT count(*) FROM projects").fetchone()[0] == len(doc.projects)


def test_a_file_that_is_not_the_database_is_exit_code_2_and_nothing_is_written(
    tmp_path, edition_2024
):
    pdf, _ = edition_2024
    notes = write(tmp_path / "notes.txt", b"Notes de l'archiviste, pas une base.\n" * 200)
    out = tmp_path / "out"
    r = run(pdf, "-o", out, "--report", "--sqlite", notes)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "notes.txt: not a database this tool can write" in r.stderr.strip().splitlines()[-1]
    assert not out.exists()
    assert notes.read_bytes().startswith(b"Notes de l'archiviste")


def test_limits_out_of_range_are_refused_in_one_line():
    for option, value in [("--timeout", "inf"), ("--timeout", "nan"), ("--max-pages", str(2**70))]:
        r = run("x.pdf", option, value)
        assert r.returncode == 2 and f"not a positive number: '{value}'" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


def test_the_jobs_are_shared_among_the_files_converted_at_once(tmp_path, monkeypatch):
    """A single file may use every job (its pages read, its model loaded, on other cores);
    files converted side by side get one each; --jobs 1 keeps a file to one process."""
    from pipeline.run import batch, cli

    given = []

    def recorded(path, options, preread=None, wanted=None):
        given.append(options.processes)
        return batch.Outcome(str(path), "unusable", f"{path.name}: recorded")

    monkeypatch.setattr(batch, "convert_file", recorded)
    first, second = blank_pdf(tmp_path / "a.pdf"), blank_pdf(tmp_path / "b.pdf")
    out = ["-o", tmp_path / "out", "-q", "--no-enrich"]
    for jobs, files in ((2, [first]), (1, [first]), (3, [first])):
        cli.main([*map(str, files), *map(str, out), "--jobs", str(jobs)])
    assert given == [2, 1, 3]
    given.clear()
    cli.main([str(first), str(second), *map(str, out), "--jobs", "1"])
    assert given == [1, 1]


def test_a_single_file_is_read_ahead_by_the_other_jobs_to_the_same_document(tmp_path, monkeypatch):
    """Its pages start being read by a helper the command forks before it imports the
    conversion (the conversion's child, forked later, joins that reading); the helper is reaped,
    the document is the one a conversion in one process makes. --jobs 1 forks no helper."""
    from pipeline import Options, convert, processes
    from pipeline.read import pdfium_reader
    from pipeline.run import cli

    monkeypatch.setattr(processes, "available", lambda: 2)
    helpers: list[int] = []
    real = processes.fork

    def fork(target):
        pid, connection = real(target)
        helpers.append(pid)
        return pid, connection

    monkeypatch.setattr(processes, "fork", fork)  # the forks of this process, not the child's
    alone = convert(SAMPLE, Options(enrich=False, processes=1)).document
    for jobs, forked in (("2", 1), ("1", 0)):
        out = tmp_path / jobs
        assert cli.main([str(SAMPLE), "-o", str(out), "-q", "--no-enrich", "--jobs", jobs]) == 0
        assert len(helpers) == forked and not pdfium_reader.AHEAD
        assert all(not os.path.exists(f"/proc/{pid}") for pid in helpers)  # reaped
        document = json.loads((out / "annuaire_2023.json").read_text(encoding="utf-8"))
        assert document["projects"] == alone.model_dump(mode="json")["projects"]
        helpers.clear()
