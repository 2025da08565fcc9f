"""Worker processes for a build: validating the changed settlements, building the sites.

The processes start the first time they are given more than one item, each
running ``warm`` first (loading jieba's dictionary, say), and serve every
later ``map`` of the build. With one job, or for a single item, the function
runs in this process instead: a function given to ``map`` must therefore not
rely on ``warm`` having run. (Starting them before the data is checked was
tried: on 2 cores their warm-up only slows the checking down.)
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.pool import Pool
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Workers:
    """``jobs`` worker processes (forked where the platform allows it, else spawned)."""

    def __init__(self, jobs: int, warm: Callable[..., None] | None, args: tuple = ()) -> None:
        self.jobs = jobs
        self._warm = warm
        self._args = args
        self._pool: Pool | None = None

    def map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """function over items, each result as soon as it is ready (in no set order)."""
        if self.jobs <= 1 or len(items) <= 1:
            return map(function, items)
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            # no more processes than the first map has items: each one warms up for nothing
            self._pool = context.Pool(min(self.jobs, len(items)), self._warm, self._args)
        return self._pool.imap_unordered(function, items)

    def close(self) -> None:
        """Stop the workers (they are idle once every map has been consumed)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
