"""Publishing is all or nothing: each write of the publish step is made to fail in turn, and
the files and the database are found as they were; database errors say what they are."""

from __future__ import annotations

import errno
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipeline.errors import InputError
from pipeline.outputs import export, sqlite
from pipeline.run import publish as publishing


def snapshot(folder, database) -> tuple[dict, list]:
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else None
    db = sqlite3.connect(database)
    try:
        return files, list(db.iterdump())
    finally:
        db.close()


def failing(real, on_call: int, error: BaseException):
    """`real`, except that its call number `on_call` raises `error` (before doing anything)."""
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == on_call:
            raise error
        return real(*args, **kwargs)

    return wrapper


FULL = OSError(errno.ENOSPC, "No space left on device")
LOCKED = InputError("labels.sqlite: database locked by another process (waited 30 s)")
STEPS = {  # where a write fails: (object, attribute, the call that fails, the error)
    "first file staged": (export, "stage", 1, FULL),
    "second file staged": (export, "stage", 2, FULL),
    "database written": (sqlite, "stage", 1, LOCKED),
    "first file moved into place": (publishing.Swap, "place", 1, FULL),
    "second file moved into place": (publishing.Swap, "place", 2, FULL),
    "database committed": (sqlite, "commit", 1, LOCKED),
}


@pytest.mark.parametrize("step", STEPS)
def test_a_failed_write_changes_nothing(tmp_path, monkeypatch, edition_2024, step):
    _, doc = edition_2024
    out, database = tmp_path / "out", tmp_path / "labels.sqlite"
    publishing.publish({out / "a.json": "old document", out / "a.html": "old page"}, database, doc)
    before = snapshot(out, database)
    owner, name, call, error = STEPS[step]
    monkeypatch.setattr(owner, name, failing(getattr(owner, name), call, error))
    shorter = doc.model_copy(update={"projects": doc.projects[:1], "warnings": []})
    with pytest.raises((publishing.Failed, InputError)):
        publishing.publish(
            {out / "a.json": "new document", out / "a.html": "new page", out / "a.csv": "new"},
            database,
            shorter,
        )
    assert snapshot(out, database) == before


def test_a_failed_first_publish_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(publishing.Swap, "place", failing(publishing.Swap.place, 1, FULL))
    with pytest.raises(publishing.Failed, match="No space left on device"):
        publishing.publish({tmp_path / "new" / "deeper" / "a.json": "document"})
    assert list(tmp_path.iterdir()) == []


def test_a_publish_replaces_the_files_and_the_edition(tmp_path, edition_2024):
    _, doc = edition_2024
    out, database = tmp_path / "out", tmp_path / "labels.sqlite"
    publishing.publish({out / "a.json": "old"}, database, doc)
    publishing.publish(
        {out / "a.json": "new"},
        database,
        doc.model_copy(update={"projects": doc.projects[:1], "warnings": []}),
    )
    assert [p.name for p in out.iterdir()] == ["a.json"] and (out / "a.json").read_text() == "new"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM projects").fetchone() == (1,)


def test_a_database_locked_by_another_process(tmp_path, monkeypatch, edition_2024):
    _, doc = edition_2024
    database = tmp_path / "labels.sqlite"
    sqlite.load(doc, database)
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(sqlite, "LOCK_WAIT", 0.2)
    try:
        with pytest.raises(
            InputError, match=r"labels.sqlite: database locked by another process \(waited 0.2 s\)"
        ):
            sqlite.load(doc, database)
    finally:
        other.close()


def test_a_read_only_database_says_so(tmp_path, edition_2024):
    _, doc = edition_2024
    database = tmp_path / "labels.sqlite"
    sqlite.load(doc, database)
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as raised:
        db.execute("DELETE FROM editions")
    assert "labels.sqlite: read-only: the database or its folder cannot be written" in str(
        sqlite.explain(raised.value, database)
    )


def test_two_runs_making_one_new_database_do_not_race(tmp_path, edition_2024):
    """The second waits for the first's write lock, then finds the tables the first made."""
    _, doc = edition_2024
    database = tmp_path / "labels.sqlite"
    first = sqlite.stage(doc, database)  # tables made, not committed yet
    second = ThreadPoolExecutor(1).submit(sqlite.load, doc, database)
    time.sleep(0.5)
    assert not second.done()
    sqlite.commit(first, database)
    first.close()
    assert second.result(timeout=20) == len(doc.projects)
