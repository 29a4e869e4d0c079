"""The command line: options, output, one-line errors and exit codes."""
import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLE
from .yearbook import Block, Card, Category, Yearbook, build


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the tree under test, wherever it is installed from
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120, env=env)


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
    for option in ("-o DIR", "--stdout", "--quiet", "--profile", "--password", "--strict", "--timeout SECONDS",
                   "--max-pages N", "--max-memory MIB", "--debug", "--schema"):
        assert option in out
    for code in ("0  success", "1  finished with warnings", "2  unusable input", "3  internal error"):
        assert code in out


def test_converts_into_the_output_folder_with_a_summary_line(tmp_path):
    r = run(SAMPLE, "-o", tmp_path)
    assert r.returncode == 0
    doc = json.loads((tmp_path / "annuaire_2023.json").read_text(encoding="utf-8"))
    assert len(doc["projects"]) == 25
    assert "read 38/38 pages" in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("annuaire_2023.pdf: 25 projects, ")
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed, not left behind


def test_stdout_and_quiet(tmp_path):
    r = run(SAMPLE, "--stdout", "--quiet", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == ""
    assert json.loads(r.stdout)["edition"]["year"] == 2023
    assert not (tmp_path / "output").exists()


def test_schema_option_prints_the_schema():
    r = run("--schema")
    assert json.loads(r.stdout)["title"] == "Annuaire"


def test_a_bad_file_among_good_ones(tmp_path):
    """A real process: the bad file gets its line, the good one its document, the run a summary."""
    body = "Le relais numérique accompagne les habitants dans leurs démarches en ligne."
    good = build(tmp_path / "annuaire.pdf", Yearbook(2024, [Category("E-SANTÉ", [
        Card("or", "la Ville de Pau", "Relais", [body], [Block("INNOVATION DU PROJET :", [body])])])]))
    bad, out = write(tmp_path / "memo.pdf", b"PK\x03\x04 a renamed docx"), tmp_path / "out"
    r = run(blank_pdf(tmp_path / "letter.pdf", "Bonjour, ceci est une lettre."), bad, good, "-o", out)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert [p.name for p in out.iterdir()] == ["annuaire.json"]
    assert r.stderr.strip().splitlines()[-3:] == [
        "3 files: 1 converted, 2 failed:",
        "  letter.pdf: no project card found; not a yearbook of the Label « Territoire Innovant »?",
        "  memo.pdf: not a PDF (a ZIP archive, e.g. a Word or OpenDocument file)"]


def test_unknown_profile_is_exit_code_2():
    r = run(SAMPLE, "--profile", "nope", "--stdout")
    assert r.returncode == 2 and "available: default" in r.stderr
