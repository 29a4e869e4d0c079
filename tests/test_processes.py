"""Work shared with other processes: the same results, in order, whatever befalls a helper."""

import os
import threading

import pytest

from pipeline import processes
from pipeline.read import pdfium_reader

from .conftest import ROOT

SAMPLE = ROOT / "samples" / "annuaire_2023.pdf"


def pids(items):
    """Each item with the process that handled it."""
    return [(item, os.getpid()) for item in items]


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(processes, "available", lambda: 2)


def test_slices_are_done_in_other_processes_and_come_back_in_order(two_cores):
    done = processes.shared(pids, list(range(10)), processes=2, least=2)
    assert [item for item, _ in done] == list(range(10))
    assert {pid for _, pid in done[:5]} == {os.getpid()}
    assert {pid for _, pid in done[5:]} - {os.getpid()}  # the second half elsewhere


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
    if os.getpid() != parent:
        os._exit(3)  # a crash: nothing is sent back
    return [item * 2 for item in items]


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
    assert len(forks) == 1  # the second half was read by another process


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
