"""Progress on stderr: phases and a bar on a terminal, never glued to the run's own lines;
plain lines when stderr is not a terminal; nothing with -q; stage timings with --timings."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from pipeline.run.cli import main

from .conftest import ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BAR = "━"


def on_a_terminal(*args) -> str:
    """Run the command with stderr (and stdout) on a pseudo-terminal; what it showed, by line."""
    master, slave = os.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "150", "PYTHONPATH": str(ROOT)}
    command = subprocess.Popen(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the terminal is closed once the command has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert command.wait() == 0, shown
    return shown.decode("utf-8", "replace")


def test_two_files_on_a_terminal(tmp_path, edition_2024):
    pdf, _ = edition_2024
    second = tmp_path / "copy.pdf"
    second.write_bytes(pdf.read_bytes())
    shown = on_a_terminal(pdf, second, "-o", tmp_path / "out", "--jobs", "1")
    lines = [ANSI.sub("", line).strip() for line in re.split(r"\r\n|\r|\n", shown)]
    assert any("loading the language model" in line and BAR in line for line in lines)
    assert any(line.startswith("copy.pdf: reading pages") for line in lines)
    assert any(
        re.match(r"files\s+━+ [012]/2", line) for line in lines
    )  # the bar over the files, with its count
    summaries = [line for line in lines if "projects," in line]
    assert len(summaries) == 2 and all(
        BAR not in line and line.startswith(("annuaire_2024.pdf: ", "copy.pdf: "))
        for line in summaries
    )
    assert (
        lines[-1] == "2 files: 2 converted, 0 failed" or "2 files: 2 converted, 0 failed" in lines
    )


def test_plain_lines_when_stderr_is_not_a_terminal(capfd, tmp_path, edition_2024):
    pdf, _ = edition_2024
    assert main([str(pdf), "-o", str(tmp_path), "--timings"]) == 0
    err = capfd.readouterr().err.splitlines()
    # one file: its conversion loads the model beside its reading, with no phase of its own
    assert err[0] == "annuaire_2024.pdf: reading pages"
    for phase in ("reading pages 7/7", "reading the cards", "enrichment", "writing the outputs"):
        assert f"annuaire_2024.pdf: {phase}" in err
    assert err[-2].startswith("annuaire_2024.pdf: 2 projects, ")
    assert re.fullmatch(r"annuaire_2024.pdf: read .* enrich .* \(total \d+\.\d\d s\)", err[-1])


@pytest.mark.parametrize("extra", [(), ("--timings",)], ids=["quiet", "quiet with timings"])
def test_quiet_says_nothing_but_the_timings_asked_for(capfd, tmp_path, edition_2024, extra):
    pdf, _ = edition_2024
    assert main([str(pdf), "-o", str(tmp_path), "-q", *extra]) == 0
    err = capfd.readouterr().err.splitlines()
    assert len(err) == len(extra) and all(
        line.startswith("annuaire_2024.pdf: ") and "(total " in line for line in err
    )
