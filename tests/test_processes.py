"""Work shared with other processes: the same results, in order, whatever befalls a helper."""

import os
import threading
import time

import pytest

from pipeline import processes
from pipeline.read import pdfium_reader

from .conftest import ROOT

SAMPLE = ROOT / "samples" / "annuaire_2023.pdf"


def pids(items):
    """Each item with the process that handled it."""
    return [(item, os.getpid()) for item in items]


def slow_pids(items):
    """Each item with the process that handled it, each taking long enough for a helper to
    start and take some."""
    done = []
    for item in items:
        time.sleep(0.02)
        done.append((item, os.getpid()))
    return done


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(processes, "available", lambda: 2)


def test_items_are_taken_by_other_processes_too_and_come_back_in_order(two_cores):
    done = processes.shared(slow_pids, list(range(20)), processes=2, least=2)
    assert [item for item, _ in done] == list(range(20))  # each once, in order
    by = [pid for _, pid in done]
    assert os.getpid() in by and set(by) - {os.getpid()}  # taken here and elsewhere


def test_a_sharing_started_ahead_is_gathered_by_a_process_forked_meanwhile(two_cores):
    """As the command line reads a file's pages: the helpers start first, the conversion's
    process is forked later and gathers their results; the helpers' parent reaps them."""
    from pipeline.run import isolate

    sharing = processes.start(slow_pids, list(range(20)), processes=2, least=2)
    try:
        done = isolate.call(processes.gather, (sharing,), timeout=60, memory_mib=512)
    finally:
        helpers = [pid for pid, _ in sharing.helpers]
        processes.stop(sharing)
    assert [item for item, _ in done] == list(range(20))
    assert helpers and {pid for _, pid in done} & set(helpers)
    assert all(not os.path.exists(f"/proc/{pid}") for pid in helpers)  # reaped


def hungry(items):
    """Each item with the process that did it, after taking 64 MiB where a helper under a
    small cap cannot."""
    done = []
    for item in items:
        time.sleep(0.02)
        done.append((item, len(bytearray(64 << 20)), os.getpid()))
    return done


def test_a_helper_over_its_own_memory_cap_has_its_items_done_here(two_cores):
    sharing = processes.start(hungry, list(range(10)), processes=2, least=2, memory_mib=16)
    try:
        assert sharing.helpers
        done = processes.gather(sharing)
    finally:
        processes.stop(sharing)
    # the helper failed on the item it took: every item, that one too, was done here
    assert done == [(item, 64 << 20, os.getpid()) for item in range(10)]


def test_short_lists_single_cores_and_threads_keep_the_work_here(two_cores, monkeypatch):
    here = {os.getpid()}
    assert {pid for _, pid in processes.shared(pids, list(range(3)), 2, least=2)} == here
    assert {pid for _, pid in processes.shared(pids, list(range(10)), 1, least=2)} == here
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:  # a fork would copy the other thread's locks in whatever state they are
        assert {pid for _, pid in processes.shared(pids, list(range(10)), 2, least=2)} == here
    finally:
        stop.set()
        other.join()


def fails_elsewhere(parent: int, items):
    done = []
    for item in items:
        time.sleep(0.02)
        if os.getpid() != parent:
            os._exit(3)  # a crash: nothing is sent back, the item taken is lost
        done.append(item * 2)
    return done


def test_a_helper_that_dies_has_its_slice_done_here(two_cores):
    from functools import partial

    work = partial(fails_elsewhere, os.getpid())
    assert processes.shared(work, list(range(8)), 2, least=2) == [i * 2 for i in range(8)]


def raises_on_seven(items):
    if 7 in items:
        raise ValueError("seven")
    return list(items)


def test_an_error_is_raised_here_as_without_a_fork(two_cores):
    with pytest.raises(ValueError, match="seven"):
        processes.shared(raises_on_seven, list(range(8)), 2, least=2)


def counted_forks(monkeypatch) -> list:
    """The forks `shared` makes from now on, one element each."""
    made: list = []
    real = processes.fork

    def fork(target):
        made.append(target)
        return real(target)

    monkeypatch.setattr(processes, "fork", fork)
    return made


def test_pages_read_in_two_processes_are_those_read_in_one(two_cores, monkeypatch):
    alone = pdfium_reader.read(SAMPLE, processes=1)
    forks = counted_forks(monkeypatch)
    assert pdfium_reader.read(SAMPLE, processes=2) == alone
    assert len(forks) == 1  # a helper took pages too


def test_pages_read_ahead_are_those_read_in_one(two_cores, monkeypatch):
    """The command line's reading ahead: a helper starts on the pages before the conversion
    asks for them; the conversion's reading joins it (no other fork) and gets the same pages."""
    alone = pdfium_reader.read(SAMPLE, processes=1)
    with pdfium_reader.ahead(SAMPLE, None, processes=2, max_pages=100, memory_mib=512):
        assert pdfium_reader.AHEAD
        forks = counted_forks(monkeypatch)
        assert pdfium_reader.read(SAMPLE, processes=2) == alone
        assert not forks and not pdfium_reader.AHEAD  # joined, not started again


def test_nothing_is_read_ahead_of_a_file_over_the_page_limit_or_unreadable(two_cores, tmp_path):
    not_pdf = tmp_path / "not.pdf"
    not_pdf.write_bytes(b"not a PDF at all")
    for path, limit in ((SAMPLE, 10), (not_pdf, 100)):
        with pdfium_reader.ahead(path, None, processes=2, max_pages=limit, memory_mib=512):
            assert not pdfium_reader.AHEAD


def test_the_cards_read_with_two_processes_are_those_read_with_one(two_cores, monkeypatch):
    """The cards' headings looked for in two processes: the same roles, the same cards."""
    from pathlib import Path

    from pipeline import Options
    from pipeline.clock import Clock
    from pipeline.reading import best_reading

    pages = pdfium_reader.read(SAMPLE, processes=1)
    alone = best_reading(pages, Path(SAMPLE), Options(processes=1), Clock())
    forks = counted_forks(monkeypatch)
    shared_reading = best_reading(pages, Path(SAMPLE), Options(processes=2), Clock())
    assert forks  # the headings were looked for in another process too
    assert shared_reading.context.roles == alone.context.roles
    assert shared_reading.cards == alone.cards
