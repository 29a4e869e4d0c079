"""A loop over independent items shared with other cores: the items handed out one at a time, to
this process and to forked helpers, each taking the next as soon as it is free, so that none
waits while items remain; the results come back in the items' order.

Reading pages and recognising entities are such loops, in Python code mostly, which threads
cannot run side by side (the GIL). A forked process starts at once with all this one has
loaded (modules, the language model) and sends its results back pickled. It stays in this
process's group (a timeout's kill takes it too), under its memory cap (or one of its own), and
dies with it. If it fails in any way (an error, a crash, the memory cap), the items it took are
done here again: the result is the same, only later; an error then is raised as if there had
been no fork.

The items are handed out through a pipe holding their indexes, all written before any helper
starts: a read of one index from a pipe is atomic, so no item is taken twice, and an empty
pipe whose writing end is closed ends every reader's loop. Pages (some a few glyphs, some
thousands) thus keep both cores busy to the end, where halves fixed in advance left one idle.

Sharing can start ahead (`start`) and be gathered later (`gather`), even by a process forked
meanwhile: the command line starts reading a file's pages before it imports the conversion's
modules (`pdfium_reader.ahead`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from .run.lifeline import die_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")

INDEX_BYTES = 4  # an item's index in the pipe that hands them out
PIPE_SIZE = 1 << 16  # bytes a pipe holds unless it is made larger (Linux's default)


def available() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass
class Sharing(Generic[Item, Result]):
    """A loop started by `start`, until `gather` collects it and `stop` ends it. `work(items)`
    must take its items one after the other from the iterable it is given and return one
    result for each, in their order."""

    work: Callable[[Iterable[Item]], list[Result]]
    items: Sequence[Item]
    queue: int | None  # the reading end of the pipe of indexes; None: no helper, all done here
    helpers: list[tuple[int, Connection]] = field(default_factory=list)
    owner: int = field(default_factory=os.getpid)  # the process that forked the helpers


def shared(
    work: Callable[[Iterable[Item]], list[Result]],
    items: Sequence[Item],
    processes: int,
    least: int,
) -> list[Result]:
    """`work(items)`, the items shared among up to `processes` processes (see `start`)."""
    sharing = start(work, items, processes, least)
    try:
        return gather(sharing)
    finally:
        stop(sharing)


def start(
    work: Callable[[Iterable[Item]], list[Result]],
    items: Sequence[Item],
    processes: int,
    least: int,
    memory_mib: int | None = None,
) -> Sharing[Item, Result]:
    """Fork the helpers of `work` over the items: up to `processes` - 1 (no more than the cores
    allow), so that each may take at least `least` items; none when that leaves one process,
    or when this one runs other threads (a lock one of them holds would stay taken in a forked
    copy). `memory_mib`: the helpers' own memory cap, beyond what they inherit (by default
    this process's cap, which they inherit)."""
    count = min(processes, available(), len(items) // max(least, 1))
    queue = handed_out(len(items)) if count > 1 and threading.active_count() == 1 else None
    sharing = Sharing(work, items, queue)
    if queue is not None:
        help_with = partial(send_taken, sharing=sharing, memory_mib=memory_mib)
        sharing.helpers = [fork(help_with) for _ in range(count - 1)]
    return sharing


def handed_out(count: int) -> int | None:
    """The reading end of a pipe holding the indexes 0 … count-1, its writing end closed; None
    when the pipe cannot hold them all (the work is then done in one process)."""
    receive, send = os.pipe()
    needed = count * INDEX_BYTES
    try:
        if needed > PIPE_SIZE:
            fcntl.fcntl(send, fcntl.F_SETPIPE_SZ, needed)
        os.write(send, b"".join(i.to_bytes(INDEX_BYTES, "little") for i in range(count)))
    except (OSError, AttributeError):  # over the system's largest pipe, or not Linux
        os.close(receive)
        return None
    finally:
        os.close(send)
    return receive


def taken(sharing: Sharing[Item, Result], indexes: list[int]) -> Iterator[Item]:
    """The items this process takes from the pipe, one at a time, each index noted in
    `indexes`, until none is left."""
    assert sharing.queue is not None, "taken from the pipe of a sharing with helpers"
    while chunk := os.read(sharing.queue, INDEX_BYTES):
        index = int.from_bytes(chunk, "little")
        indexes.append(index)
        yield sharing.items[index]


def send_taken(
    connection: Connection, sharing: Sharing[Item, Result], memory_mib: int | None
) -> None:
    """A helper's side: the items it took and their results, sent once the pipe is empty."""
    if memory_mib is not None:
        cap(address_space() + memory_mib * (1 << 20))
    indexes: list[int] = []
    results = sharing.work(taken(sharing, indexes))
    connection.send((indexes, results))


def gather(
    sharing: Sharing[Item, Result],
    work: Callable[[Iterable[Item]], list[Result]] | None = None,
) -> list[Result]:
    """Every item's result, in order: this process takes items until none is left (with `work`,
    if given, in place of the sharing's: what reports progress here, say), then collects
    the helpers' results, and does here what a failed helper left undone."""
    work = work or sharing.work
    if sharing.queue is None:
        return work(sharing.items)
    indexes: list[int] = []
    mine = work(taken(sharing, indexes))
    results = dict(zip(indexes, mine, strict=True))
    for _, connection in sharing.helpers:
        with contextlib.suppress(EOFError, OSError):  # it failed: its items are missing
            theirs, their_results = connection.recv()
            results.update(zip(theirs, their_results, strict=True))
    missing = [i for i in range(len(sharing.items)) if i not in results]
    if missing:
        results.update(zip(missing, work([sharing.items[i] for i in missing]), strict=True))
    return [results[i] for i in range(len(sharing.items))]


def stop(sharing: Sharing) -> None:
    """Close this process's ends of the sharing; in the process that forked the helpers, kill
    those still running and reap them."""
    if sharing.queue is not None:
        os.close(sharing.queue)
        sharing.queue = None
    for pid, connection in sharing.helpers:
        if sharing.owner == os.getpid():
            end(pid, connection)
        else:
            connection.close()
    sharing.helpers = []


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


def cap(limit: int) -> None:
    """Cap this process's address space at `limit` bytes (within the hard limit): past it, an
    allocation fails with a MemoryError instead of exhausting the machine."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )


def address_space() -> int:
    """Bytes of address space this process has mapped (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
