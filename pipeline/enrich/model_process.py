"""The language model loaded in a process of its own, beside the conversion that will need it.

Loading spaCy and its French model takes about as long as reading a yearbook's pages and
finding its cards, in Python code mostly, which a thread could not run beside them (the
GIL). So a conversion that will enrich, in a process without the model, forks before it
reads a page a process that loads the model on another core, then reads the texts the
conversion sends it (`entities.statistical`, on as many cores as the conversion may use)
and sends their entities back. That process is in the conversion's process group (a
timeout's kill takes it too), under its memory cap, and dies with it. Should it fail in any
way, the model is loaded where the texts are, and the entities are the same.

A process that has the model already reads its texts itself: the command line loads it once
before forking the conversions of several files (`batch.prepare`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection

from ..processes import end, fork
from . import entities


@dataclass(frozen=True)
class ModelProcess:
    pid: int
    connection: Connection  # texts go, their entities come back
    processes: int  # the processes its texts may be read in

    def read(self, texts: list[str]) -> list[list[entities.Span]]:
        """The entities of the texts, read by the model's process; by this one if it failed."""
        try:
            self.connection.send(texts)
            return self.connection.recv()
        except (EOFError, OSError):
            return entities.statistical(texts, self.processes)


@contextlib.contextmanager
def beside(processes: int) -> Iterator[entities.Reader]:
    """How the model reads texts during the block: in a process that starts loading it now, or
    here (the conversion keeps to one process, the model is here already, or this process
    runs threads, which a fork would copy in the middle of their work). The process is ended
    with the block."""
    if processes < 2 or entities.loaded() or threading.active_count() > 1:
        yield partial(entities.statistical, processes=processes)
        return
    pid, connection = fork(partial(serve, processes=processes))
    try:
        yield ModelProcess(pid, connection, processes).read
    finally:
        end(pid, connection)


def serve(connection: Connection, processes: int) -> None:  # pragma: no cover (forked process)
    """Load the model, then read each list of texts received, until the conversion is done."""
    entities.load()
    while True:
        try:
            texts = connection.recv()
        except EOFError:
            return
        connection.send(entities.statistical(texts, processes))
