"""A loop over independent items shared with other cores: its list cut in slices, the first done
here, each other one in a forked process.

Reading pages and recognising entities are such loops, in Python code mostly, which threads
cannot run side by side (the GIL). A forked process starts at once with all this one has
loaded (modules, the language model) and sends its slice's results back pickled. It stays
in this process's group (a timeout's kill takes it too), inherits its memory cap, and dies
with it. If it fails in any way (an error, a crash, the memory cap), its slice is done here
again: the result is the same, only later; an error then is raised as if there had been
no fork.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import TypeVar

from .run.lifeline import die_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")


def available() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def shared(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    processes: int,
    least: int,
) -> list[Result]:
    """`work(items)`, its slices done in up to `processes` processes (no more than the cores),
    each of at least `least` items; in this process alone when that leaves one slice, or when
    it runs other threads (a lock one of them holds would stay taken in a forked copy)."""
    count = min(processes, available(), len(items) // max(least, 1))
    if count < 2 or threading.active_count() > 1:
        return work(items)
    bounds = [len(items) * k // count for k in range(count + 1)]
    slices = [items[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    helpers = [fork(partial(send_work, work=work, part=part)) for part in slices[1:]]
    try:
        results = work(slices[0])
        for (_, connection), part in zip(helpers, slices[1:], strict=True):
            results += collect(connection, work, part)
        return results
    finally:  # done, or this process failed: no helper is left behind
        for pid, connection in helpers:
            end(pid, connection)


def send_work(connection: Connection, work: Callable, part: Sequence) -> None:
    connection.send(work(part))


def collect(connection: Connection, work: Callable, part: Sequence[Item]) -> list[Result]:
    """The results a forked process sent; when it sent none (it failed), `work(part)` here."""
    try:
        return connection.recv()
    except (EOFError, OSError):
        return work(part)


def fork(target: Callable[[Connection], None]) -> tuple[int, Connection]:
    """(pid, this end of the connection) of a forked process that runs `target(its end)` and
    ends: in this process's group, under its memory cap, dying with it."""
    ours, theirs = Pipe()
    parent = os.getpid()
    sys.stdout.flush(), sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the forked process: what it sends is what the tests check)
        code = 1
        try:
            ours.close()
            die_with_parent(parent)
            target(theirs)
            code = 0
        finally:
            os._exit(code)
    theirs.close()
    return pid, ours


def end(pid: int, connection: Connection) -> None:
    """Close the connection to a forked process, kill it if it still runs, and reap it."""
    connection.close()
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
