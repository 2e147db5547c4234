"""The collector is off inside every pause, back on after the last, as it was before."""

import gc
import threading

from dashboard.core.gc_pause import collection_paused


def test_pauses_nest_and_the_collector_returns_after_the_last() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still runs
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_end_with_the_collector_on() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collection_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collection_paused():
        release.set()
        thread.join(5)
        assert not gc.isenabled()  # the other thread's pause ended, this one has not
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_returns_when_the_block_raises() -> None:
    try:
        with collection_paused():
            raise ValueError("refused")
    except ValueError:
        pass
    assert gc.isenabled()
