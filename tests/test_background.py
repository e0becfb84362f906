"""pugguide.background: work in a forked child, results back in order, failures
reported with the child's traceback."""

from __future__ import annotations

import os

import pytest

from pugguide.background import Background, BackgroundError

needs_fork = pytest.mark.skipif(not Background.can_fork(), reason="needs os.fork (POSIX)")


def two_results(send) -> None:
    send({"parent": os.getppid()})
    send([1, 2, 3])


@needs_fork
def test_results_arrive_in_order_from_a_child() -> None:
    work = Background(two_results)
    assert work.forked
    first = work.receive()
    assert first == {"parent": os.getpid()}  # it ran in a child of this process
    assert work.receive() == [1, 2, 3]
    work.close()


def test_without_fork_the_work_runs_at_once() -> None:
    seen = []

    def record(send) -> None:
        seen.append("ran")
        two_results(send)

    work = Background(record, fork=False)
    assert not work.forked and seen == ["ran"] and work.ready()
    assert work.receive() == {"parent": os.getppid()}
    assert work.receive() == [1, 2, 3]


@needs_fork
def test_a_failure_comes_back_with_its_traceback() -> None:
    def fail(send) -> None:
        raise ValueError("no such group file")

    work = Background(fail)
    with pytest.raises(BackgroundError, match=r"(?s)Traceback.*ValueError: no such group file"):
        work.receive()


@needs_fork
def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    work = Background(lambda send: os._exit(3))
    with pytest.raises(BackgroundError, match=r"stopped without a result \(exit code 3\)"):
        work.receive()


@needs_fork
def test_close_waits_for_the_child_to_finish_or_stops_it(tmp_path) -> None:
    import time

    def result_then_tidy_up(send) -> None:
        send("result")
        time.sleep(0.2)
        (tmp_path / "saved").write_text("after the result")

    work = Background(result_then_tidy_up)
    assert work.receive() == "result"
    work.close()  # waits: what the child does after its last result is not lost
    assert (tmp_path / "saved").read_text() == "after the result"

    work = Background(lambda send: time.sleep(60))
    assert not work.ready()
    started = time.monotonic()
    work.close(stop=True)
    assert time.monotonic() - started < 5
