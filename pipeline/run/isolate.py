"""Run one file's conversion in a child process: killed at its timeout, capped in memory, and
never outliving the run.

Why a child process rather than `signal.alarm`: an alarm only interrupts Python code
in the main thread, so it cannot stop zlib inflating a gigabyte-sized stream, a
Ghostscript repair or an OCR subprocess, it cannot bound memory, and it leaves
pdfminer's state half-changed in the process that must go on with the next file.
A child is killed outright with everything it started (it leads its own process
group), its address space is capped with RLIMIT_AS (what it inherited plus the
file's allowance) so that a hostile file ends in a MemoryError instead of exhausting
the machine, and a crash inside a C extension takes down the child only. The child
is forked: it starts at once with the modules (and options) the parent already has.

The child writes its temporary files (the conversion's, OCRmyPDF's, Ghostscript's) in a
folder made for it, removed on every path; it dies with its parent, and a sentinel
cleans up after it even when the parent was killed (`lifeline`).

Running out of memory under the cap shows in two ways: a MemoryError, which the child
reports (a reserve it frees first leaves room to report it), or a crash of a C library
that does not check its allocations (PDFium aborts, CPython's stack cannot grow). The
parent tells the second from a crash of ours by the child's peak address space, which
it reads while it waits (/proc/PID/status, VmPeak: the kernel's high-water mark).
"""

from __future__ import annotations

import errno
import faulthandler
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..processes import address_space, cap
from . import lifeline

SAMPLE = 0.05  # seconds between two readings of the child's peak address space
NEAR_LIMIT = (
    32 << 20
)  # bytes: a child that crashed with a peak this close to its cap ran out of memory
RESERVE = 8 << 20  # bytes the child holds until a MemoryError, to have room to report it
OUT_OF_MEMORY = 86  # the child's exit status when it could not even report a MemoryError
# The child's garbage collector passes once every this many allocations (Python's default: 700).
# A conversion makes hundreds of thousands of small objects and frees nearly all of them as soon
# as they are done with; the passes, which walked every inherited module's objects as well, took
# 7% of a conversion, under 1% now. Cycles are collected all the same, a little later.
GC_ALLOCATIONS = 10_000


class Timeout(Exception):
    """The child did not answer in time; it was killed."""


class OutOfMemory(Exception):
    """The child reached its memory cap (a MemoryError, or a crash near the cap); it was killed."""


class Crash(Exception):
    """The child died without answering (a signal, a crash in a C extension) or raised."""

    def __init__(self, message: str, details: str = "", died: bool = False):
        super().__init__(message)
        self.details = details
        self.died = died  # killed by a signal or an exit, not by a Python exception


def call(func: Callable[..., Any], args: tuple, timeout: float, memory_mib: int) -> Any:
    """func(*args) in a forked child that may map `memory_mib` MiB more than it inherits; its
    return value (which must pickle), or Timeout after `timeout` seconds, OutOfMemory, or Crash."""
    return finish(start(func, args, memory_mib), timeout)


@dataclass
class Running:
    """A child started by `start`, until `finish` collects it."""

    pid: int
    receive: Any
    started: float
    limit: int  # bytes of address space the child may map
    folder: Path  # its temporary folder
    sentinel: int | None  # the process that cleans up if this one cannot
    peak: int = 0  # the child's highest address space seen, in bytes
    status: int | None = None  # its wait status, once reaped


def start(func: Callable[..., Any], args: tuple, memory_mib: int) -> Running:
    """func(*args) started in a forked child (see `call`); this process goes on meanwhile."""
    folder = Path(tempfile.mkdtemp(prefix="annuaire-"))
    receive, send = multiprocessing.Pipe(duplex=False)
    # what the conversion may add to what the child inherits, and to the reserve it holds
    limit = address_space() + RESERVE + memory_mib * 1024 * 1024
    parent = os.getpid()
    sys.stdout.flush(), sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child: its outcome is what the tests check)
        code = 0
        try:
            # else a reply bigger than the pipe could block on a parent that is gone
            receive.close()
            _child(send, func, args, limit, folder, parent)
        except MemoryError:  # even the reply to say so could not be made
            code = OUT_OF_MEMORY
        finally:
            os._exit(code)
    send.close()
    return Running(pid, receive, time.monotonic(), limit, folder, lifeline.sentinel(pid, folder))


def finish(running: Running, timeout: float) -> Any:
    """The return value of a started child, or Timeout `timeout` seconds after it started,
    OutOfMemory, or Crash. The child, what it started and its folder are gone on return."""
    try:
        status, value, details = answer(running, running.started + timeout)
        if status == "died":
            reap(running)
            details = crash_report(running)
    finally:
        end(running)
    if status == "died" and (
        running.peak >= running.limit - NEAR_LIMIT or exit_code(running) == OUT_OF_MEMORY
    ):
        status = "memory"
    if status == "memory":
        raise OutOfMemory()
    if status == "died":
        how = describe_exit(running.status)
        raise Crash(
            f"the conversion process died ({how})",
            details or f"no traceback: the process ended with {how}\n",
            died=True,
        )
    if status == "raised":
        raise Crash(value, details)
    return value


def answer(running: Running, deadline: float) -> tuple[str, Any, str]:
    """Wait for the child's reply until `deadline`, reading its peak address space meanwhile."""
    while True:
        running.peak = max(running.peak, peak_address_space(running.pid))
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout()
        try:
            if running.receive.poll(min(SAMPLE, left)):
                return running.receive.recv()
        except EOFError:  # it died without a word
            return "died", None, ""


def _child(send, func, args, limit: int, folder: Path, parent: int) -> None:
    """The child's side: its own process group, its parent's life, its folder, its cap; one
    reply."""
    os.setpgid(0, 0)  # a group of its own, so that a kill takes its subprocesses too
    lifeline.die_with_parent(parent)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)  # for the programs it runs (Ghostscript, Tesseract)
    crashes = open(folder / "crash.txt", "w", encoding="utf-8")
    faulthandler.enable(crashes)  # a crash in C code leaves the Python stack there
    # what the child inherited (modules, models) is no garbage: the collector's passes skip it
    gc.freeze()
    gc.set_threshold(GC_ALLOCATIONS)
    reserve = bytearray(RESERVE)
    cap(limit)
    try:
        send.send(("ok", func(*args), ""))
    except BaseException as e:  # reported to the parent, which decides what to say
        if not out_of_memory(e):
            send.send(("raised", f"{type(e).__name__}: {e}", traceback.format_exc()))
        else:
            del reserve, e  # room to say so
            send.send(("memory", None, ""))
    finally:
        send.close()
        sys.stdout.flush(), sys.stderr.flush()


def out_of_memory(error: BaseException) -> bool:
    """A MemoryError, or a system call that could not map memory (ENOMEM): the cap was reached."""
    return (
        isinstance(error, MemoryError) or isinstance(error, OSError) and error.errno == errno.ENOMEM
    )


def reap(running: Running) -> None:
    if running.status is None:
        _, running.status = os.waitpid(running.pid, 0)


def end(running: Running) -> None:
    """Kill the child and whatever it started (an answer was received, or never will be), reap it
    and its sentinel, and remove its folder.

    Until it is reaped, the child's id cannot be reused, so its group is the right one to kill.
    """
    running.receive.close()
    try:
        os.killpg(running.pid, signal.SIGKILL)
    except ProcessLookupError:  # its group is empty
        pass
    reap(running)
    if running.sentinel is not None:
        os.waitpid(running.sentinel, 0)
    shutil.rmtree(running.folder, ignore_errors=True)


def crash_report(running: Running) -> str:
    """What the child's fault handler wrote when it crashed (the Python stack), if anything."""
    try:
        return (running.folder / "crash.txt").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def peak_address_space(pid: int) -> int:
    """The most address space process `pid` has mapped so far, in bytes; 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def exit_code(running: Running) -> int | None:
    status = running.status
    return (
        os.waitstatus_to_exitcode(status) if status is not None and os.WIFEXITED(status) else None
    )


def describe_exit(status: int | None) -> str:
    if status is not None and os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status) if status is not None else None}"
