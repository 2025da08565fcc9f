"""One function over many items, in worker processes when it pays."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def parallel(
    function: Callable[[T], R],
    items: list[T],
    jobs: int,
    init: Callable[..., None],
    initargs: tuple,
) -> Iterator[R]:
    """function over items, in worker processes when there are several (results unordered).

    Workers are forked where the platform allows it (they start with everything
    already imported), else spawned; init(*initargs) prepares each of them.
    """
    if not items:
        return
    if jobs <= 1 or len(items) == 1:
        init(*initargs)
        yield from map(function, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(min(jobs, len(items)), init, initargs) as pool:
        yield from pool.imap_unordered(function, items)
