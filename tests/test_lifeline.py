"""Kill tests with real processes: whatever ends a run (kill -9 of the command, a timeout of a
file), no process of it is left and no temporary folder either."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.run.cli import main

from . import pdfs
from .conftest import ROOT

SLOW = (
    b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj 1 0 Td " * 300_000 + b"ET"
)  # seconds of pdfminer's time
GRACE = 5.0  # seconds the processes of a killed run have to be gone


def session(sid: int) -> list[int]:
    """Processes of the session `sid` that still run (zombies wait for init to reap them)."""
    out = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def started(tmp: Path, children: int, command: subprocess.Popen) -> None:
    """Wait until `children` conversions have their temporary folder (they run then)."""
    assert wait_for(
        lambda: len(list(tmp.glob("annuaire-*"))) >= children or command.poll() is not None, 120
    )
    assert command.poll() is None, command.stderr.read()
    time.sleep(0.5)


def two_slow_files(tmp_path: Path, jobs: int) -> tuple[Path, subprocess.Popen]:
    """The command started on two slow files in a session of its own, its TMPDIR a new folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    files = [pdfs_file(tmp_path / f"slow{i}.pdf") for i in range(2)]
    command = [sys.executable, "-m", "pipeline", *map(str, files), "-o", str(tmp_path / "out")]
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    options = ["--jobs", str(jobs), "--no-enrich", "-q"]
    return tmp, subprocess.Popen(
        command + options, start_new_session=True, env=env, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_of_the_command_leaves_no_process_and_no_folder(tmp_path, jobs):
    tmp, command = two_slow_files(tmp_path, jobs)
    started(tmp, jobs, command)
    assert len(session(command.pid)) >= 1 + 2 * jobs  # the command, each child and its sentinel
    command.kill()
    command.wait()
    assert wait_for(lambda: not session(command.pid), GRACE), session(command.pid)
    assert wait_for(lambda: not list(tmp.iterdir()), GRACE), list(tmp.iterdir())


def test_sigkill_of_the_command_takes_the_reader_it_started_ahead(tmp_path):
    """A single file: the command forks a reader of its pages before the conversion's child
    exists (`pdfium_reader.ahead`); killed, it leaves that reader no more than the child."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(pdfs.pages(200, content=SLOW))  # 20 s of PDFium (one content stream)
    command = subprocess.Popen(
        [sys.executable, "-m", "pipeline", str(slow), "-o", str(tmp_path / "out"), "-q"]
        + ["--jobs", "2", "--no-enrich"],
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    started(tmp, 1, command)
    assert len(session(command.pid)) >= 4  # the command, its reader, the child, its sentinel
    command.kill()
    command.wait()
    assert wait_for(lambda: not session(command.pid), GRACE), session(command.pid)
    assert wait_for(lambda: not list(tmp.iterdir()), GRACE), list(tmp.iterdir())


def pdfs_file(path: Path) -> Path:
    path.write_bytes(pdfs.pages(1, content=SLOW))
    return path


SCRIPT = textwrap.dedent("""
    import subprocess, sys, time
    from pipeline.run import isolate
    running = isolate.start(subprocess.run, (["sleep", "300"],), 512)
    print(running.folder, flush=True)
    time.sleep(300)
""")


def test_what_a_child_started_dies_with_the_run(tmp_path):
    """A program the child runs (Ghostscript, Tesseract) is beyond the kernel's death signal,
    which reaches the child alone: the sentinel kills its group."""
    command = subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        start_new_session=True,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )
    folder = Path(command.stdout.readline().strip())
    assert folder.parent == tmp_path and folder.is_dir()
    assert wait_for(
        lambda: any(
            Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"sleep")
            for pid in session(command.pid)
        ),
        30,
    )
    os.kill(command.pid, signal.SIGKILL)
    command.wait()
    assert wait_for(lambda: not session(command.pid), GRACE), session(command.pid)
    assert not folder.exists()


def test_a_timed_out_file_leaves_no_folder(capfd, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    code = main(
        [
            str(pdfs_file(tmp_path / "slow.pdf")),
            "-o",
            str(tmp_path / "out"),
            "-q",
            "--timeout",
            "1",
            "--no-enrich",
        ]
    )
    assert code == 2 and "the time limit (--timeout)" in capfd.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.pdf"]


def test_ctrl_c_does_not_wait_for_the_conversions_under_way(tmp_path):
    """A terminal's Ctrl-C reaches the command's process group (the command and its workers)."""
    tmp, command = two_slow_files(tmp_path, 2)
    started(tmp, 2, command)
    os.killpg(command.pid, signal.SIGINT)
    assert command.wait(GRACE) == 130
    assert "interrupted" in command.stderr.read()
    assert wait_for(lambda: not session(command.pid), GRACE), session(command.pid)
    assert wait_for(lambda: not list(tmp.iterdir()), GRACE), list(tmp.iterdir())
