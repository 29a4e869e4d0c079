"""Run one file's conversion in a child process: killed at its timeout, capped in memory.

Why a child process rather than `signal.alarm`: an alarm only interrupts Python code
in the main thread, so it cannot stop zlib inflating a gigabyte-sized stream, a
Ghostscript repair or an OCR subprocess, it cannot bound memory, and it leaves
pdfminer's state half-changed in the process that must go on with the next file.
A child is killed outright with everything it started (it leads its own process
group), its address space is capped with RLIMIT_AS (what it inherited plus the
file's allowance) so that a hostile file ends in a MemoryError instead of exhausting
the machine, and a crash inside a C extension takes down the child only. The child
is forked: it starts at once with the modules (and options) the parent already has.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class Timeout(Exception):
    """The child did not answer in time; it was killed."""


class Crash(Exception):
    """The child died without answering (a signal, a crash in a C extension) or raised."""

    def __init__(self, message: str, details: str = "", died: bool = False):
        super().__init__(message)
        self.details = details
        self.died = died  # killed by a signal or an exit, not by a Python exception


def call(func: Callable[..., Any], args: tuple, timeout: float, memory_mib: int) -> Any:
    """func(*args) in a forked child that may map `memory_mib` MiB more than it inherits; its
    return value (which must pickle), or Timeout after `timeout` seconds, or Crash."""
    return finish(start(func, args, memory_mib), timeout)


@dataclass
class Running:
    """A child started by `start`, until `finish` collects it."""

    child: Any
    receive: Any
    started: float


def start(func: Callable[..., Any], args: tuple, memory_mib: int) -> Running:
    """func(*args) started in a forked child (see `call`); this process goes on meanwhile."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, args, memory_mib), daemon=True)
    child.start()
    send.close()
    return Running(child, receive, time.monotonic())


def finish(running: Running, timeout: float) -> Any:
    """The return value of a started child, or Timeout `timeout` seconds after it started, or
    Crash."""
    child, receive = running.child, running.receive
    try:
        if not receive.poll(max(0.0, running.started + timeout - time.monotonic())):
            raise Timeout()
        status, value, details = receive.recv()
    except EOFError:  # it died without a word
        status = "died"
    finally:
        kill(child)
        receive.close()
    if status == "died":
        how = describe_exit(child.exitcode)
        raise Crash(
            f"the conversion process died ({how})",
            f"no traceback: the process ended with {how}\n",
            died=True,
        )
    if status == "raised":
        raise Crash(value, details)
    return value


def _child(send, func, args, memory_mib: int) -> None:
    os.setpgid(0, 0)  # a group of its own, so that a kill takes its subprocesses too
    limit = (
        address_space() + memory_mib * 1024 * 1024
    )  # what the conversion may add to what it inherited
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )
    try:
        send.send(("ok", func(*args), ""))
    except BaseException as e:  # reported to the parent, which decides what to say
        send.send(("raised", f"{type(e).__name__}: {e}", traceback.format_exc()))
    finally:
        send.close()


def address_space() -> int:
    """Bytes of address space this process has mapped (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def kill(child) -> None:
    """End the child and whatever it started (an answer was received, or never will be), and reap
    it.

    Until it is reaped, the child's id cannot be reused, so its group is the right one to kill.
    """
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:  # stopped before it made its own group
        child.kill()
    child.join()


def describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        return f"signal {signal.Signals(-code).name}"
    return f"exit status {code}"
