"""What the run is doing, on stderr, truthfully: each file's phase (loading the language
model, reading pages, OCR page by page, reading the cards, enrichment, writing), and the
files done with an estimate of the time left.

On a terminal, rich draws a bar over the files and one line per file under way; the
lines the run prints (a file's summary, an error) go above the bars, never glued to
them. When stderr is not a terminal (a log, CI), plain lines say when each phase starts.
With -q, nothing.

The conversions run in child processes (`isolate`), some forked from pool workers: they
report by writing one short line per event into a pipe made before any of them is forked.
A write of at most PIPE_BUF bytes into a pipe is atomic and needs no lock (a child killed
mid-write cannot block the others); the write end does not block either: when the pipe is
full an event is dropped rather than the conversion held up.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from typing import Any

EVERY = 10  # pages between two plain lines of a file's reading (a terminal shows each page)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
PHASES = {
    "model": "loading the language model",
    "read": "reading pages",
    "ocr": "OCR",
    "cards": "reading the cards",
    "enrich": "enrichment",
    "write": "writing the outputs",
}

_events: int | None = (
    None  # the pipe's write end, inherited by every process forked after `Display` starts
)


def report(name: str, phase: str, done: int = 0, total: int = 0) -> None:
    """Say that file `name` is in `phase` (with `done` of `total` pages); nothing outside a
    display."""
    if _events is None:
        return
    line = f"{printable(name)[:200]}\t{phase}\t{done}\t{total}\n".encode()
    try:
        os.write(_events, line)
    except (BlockingIOError, BrokenPipeError):  # a full pipe: this event is dropped
        pass


def printable(text: str) -> str:
    """A file name as it may go on a terminal: control characters as '?'."""
    return CONTROL.sub("?", text)


class Display:
    """The run's progress on stderr, from `start` to `stop`; `mode`: quiet, terminal or plain."""

    def __init__(self, files: int, quiet: bool = False):
        self.files = files
        self.mode = "quiet" if quiet else "terminal" if sys.stderr.isatty() else "plain"
        self.tasks: dict[str, int] = {}
        self.bars: Any = None  # rich's Progress on a terminal
        self.listener: threading.Thread | None = None

    def start(self) -> Display:
        global _events
        if self.mode == "quiet":
            return self
        if self.mode == "terminal":
            self.bars = bars()
            self.overall = self.bars.add_task("files", total=self.files)
            self.bars.start()
        read, _events = os.pipe()
        os.set_blocking(_events, False)
        self.listener = threading.Thread(target=self.listen, args=(read,), daemon=True)
        self.listener.start()
        return self

    def stop(self) -> None:
        global _events
        if self.listener is not None and _events is not None:
            os.set_blocking(_events, True)
            os.write(_events, b"\n")  # the end
            self.listener.join()
            os.close(_events)
            _events = None
        if self.bars is not None:
            self.bars.stop()

    def listen(self, read: int) -> None:
        with os.fdopen(read, "rb") as stream:
            for line in stream:
                if line == b"\n":
                    return
                name, phase, done, total = line.decode("utf-8", "replace").rstrip("\n").split("\t")
                self.update(name, phase, int(done), int(total))

    def update(self, name: str, phase: str, done: int, total: int) -> None:
        label = PHASES.get(phase, phase)
        if self.mode == "quiet":
            return
        if self.bars is not None:
            task = self.tasks.get(name)
            if task is None:
                task = self.tasks[name] = self.bars.add_task(name, total=None)
            self.bars.update(
                task, description=f"{name}: {label}", completed=done, total=total or None
            )
        elif done == 0 or done == total or done % EVERY == 0:
            counts = f" {done}/{total}" if total else ""
            print(f"{name}: {label}{counts}", file=sys.stderr, flush=True)

    def done(self, name: str, advance: bool = True) -> None:
        """A file is finished, whatever became of it (or, not `advance`, a phase of the run's
        own)."""
        if self.bars is not None:
            task = self.tasks.pop(printable(name)[:200], None)
            if task is not None:
                self.bars.remove_task(task)
            if advance:
                self.bars.advance(self.overall)

    def print(self, line: str) -> None:
        """A line of the run's own (a summary, an error), above the bars."""
        if self.bars is not None:
            self.bars.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)


def bars():
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
