"""The build's worker pool: a worker started early warms up beside this process's work,
takes the build that follows, and never holds up the end of a build it was not needed for."""

from __future__ import annotations

import os
import time

from generator.sites.pool import Workers


def slow_warm(seconds: float) -> None:
    time.sleep(seconds)


def pid(_: object) -> int:
    return os.getpid()


def test_one_item_runs_here_until_a_worker_is_started() -> None:
    with Workers(2, slow_warm, (0,)) as workers:
        assert list(workers.map(pid, [1])) == [os.getpid()]
        workers.prestart()
        (worker,) = workers.map(pid, [1])
        assert worker != os.getpid(), "a started worker takes even a single item"
        assert len(set(workers.map(pid, [1, 2, 3, 4]))) == 2, "topped up to the jobs"


def test_a_prestarted_worker_warms_while_this_process_works() -> None:
    with Workers(2, slow_warm, (1.0,)) as workers:
        started = time.monotonic()
        workers.prestart()
        time.sleep(1.0)  # this process's own work (checking a settlement)
        list(workers.map(pid, [1]))
        assert time.monotonic() - started < 1.9, "its warm-up ran beside, not after"


def test_an_unused_worker_still_warming_is_stopped_at_once() -> None:
    workers = Workers(2, slow_warm, (60,))
    workers.prestart()
    started = time.monotonic()
    workers.close()
    assert time.monotonic() - started < 5, "not waiting for a warm-up nobody needs"


def test_no_worker_without_a_warm_up_or_a_second_core() -> None:
    for workers in (Workers(1, slow_warm, (0,)), Workers(2, None)):
        workers.prestart()
        assert list(workers.map(pid, [1])) == [os.getpid()]
        workers.close()
