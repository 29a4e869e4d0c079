"""Publishing a converted file: all or nothing.

Every output (the document, the review page) was made by the file's child process, under
the run's limits. Here each is written to a temporary file beside its target, the edition
is written to the database in a transaction left open, then the files are moved into
place (an existing file kept aside until the end), and the database is committed last.
A failure at any step puts back what was there: the previous files and the database as
they were.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs import export, sqlite


class Failed(Exception):
    """A write of the publish step failed (nothing was changed); the message says which."""


@dataclass
class Swap:
    """Files moved into place so far, with what they replaced, to put back on failure."""

    done: list[tuple[Path, Path | None]] = field(
        default_factory=list
    )  # (target, its previous copy)

    def place(self, staged: Path, target: Path) -> None:
        backup = None
        if target.exists():
            backup = staged.with_name(staged.name + ".previous")
            os.link(target, backup)
        try:
            os.replace(staged, target)
        except BaseException:
            if backup is not None:
                backup.unlink()
            raise
        self.done.append((target, backup))

    def undo(self) -> None:
        for target, backup in reversed(self.done):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        self.done.clear()

    def forget(self) -> None:
        """The new files stay: drop the previous copies."""
        for _, backup in self.done:
            if backup is not None:
                backup.unlink(missing_ok=True)


def publish(files: dict[Path, str | bytes], database: Path | None = None, document=None) -> None:
    """Write `files` (target → content) and load `document` into `database`, all or nothing.
    Raises Failed (a file cannot be written) or InputError (the database refuses it)."""
    made = missing_folders(files)
    try:
        transaction(files, database, document)
    except BaseException:
        for folder in made:  # the deepest first; a folder is removed only when empty
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


def missing_folders(files: dict[Path, str | bytes]) -> list[Path]:
    """The folders that writing `files` creates, the deepest first."""
    missing: set[Path] = set()
    for target in files:
        missing.update(folder for folder in target.parents if not folder.exists())
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def transaction(files: dict[Path, str | bytes], database: Path | None, document) -> None:
    with ExitStack() as stack:
        staged = {}
        for target, content in files.items():
            try:
                staged[target] = export.stage(content, target)
            except OSError as e:
                raise Failed(f"cannot write {target} ({e.strerror})") from None
            stack.callback(staged[target].unlink, missing_ok=True)
        db = sqlite.stage(document, database) if database is not None else None
        if db is not None:
            stack.callback(db.close)
        swap = Swap()
        try:
            for target, path in staged.items():
                try:
                    swap.place(path, target)
                except OSError as e:
                    raise Failed(f"cannot write {target} ({e.strerror})") from None
            if db is not None and database is not None:
                sqlite.commit(db, database)
        except BaseException as e:
            swap.undo()
            if isinstance(e, OSError):
                raise Failed(f"cannot write {e.filename or 'an output'} ({e.strerror})") from None
            raise
        swap.forget()
