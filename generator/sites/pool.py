"""Worker processes for a build: validating the changed settlements, building the sites.

The processes start the first time they are given more than one item, each
running ``warm`` first (loading jieba's dictionary, say), and serve every
later ``map`` of the build. With one job, or for a single item before any
worker is started, the function runs in this process instead: a function
given to ``map`` must therefore not rely on ``warm`` having run. (Starting
them before the data is checked was tried: on 2 cores their warm-up only
slows the checking down. When only one settlement is to be checked, in this
process, ``prestart`` starts one worker to warm up on the idle core meanwhile.)

Each worker has a pipe of its own, so the pool always knows which item each
worker holds. A worker that dies (killed, out of memory, a crash in C code)
is seen at once through its process sentinel: ``map`` raises ``WorkerDied``
with the item it held, the other workers are stopped, and nothing waits
forever. (multiprocessing.Pool waits forever for a dead worker's result;
concurrent.futures notices the death but cannot say which item caused it.)
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(Exception):
    """A worker process ended while it held ``item``: exitcode is its exit status."""

    def __init__(self, item: object, exitcode: int | None) -> None:
        super().__init__(item, exitcode)
        self.item = item
        self.exitcode = exitcode

    @property
    def why(self) -> str:
        """The exit status in words, for a message staff or an administrator reads."""
        code = self.exitcode
        if code is not None and code < 0:
            return f"工作进程被信号 {-code} 终止（可能是内存不足或被人为结束）"
        return f"工作进程意外退出（退出码 {code}）"


class _Failed(Exception):
    """An exception in a worker that could not travel back as itself."""


def _serve(
    connection: Connection,
    theirs: list[Connection],
    warm: Callable[..., None] | None,
    args: tuple,
    finish: Callable[..., None] | None = None,
) -> None:
    """A worker's life: warm up, run (function, item) messages until None comes, finish.

    theirs: the main process's ends of this pipe and the earlier workers' pipes, which
    a forked worker inherits and closes at once; only then does the main process's
    death reach every worker as the end of its pipe, so no worker outlives a killed
    build (and keeps its lock on --out).
    """
    for end in theirs:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    if warm is not None:
        warm(*args)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            if finish is not None:
                with contextlib.suppress(Exception):  # keeping what it learned is optional
                    finish(*args)
            return
        function, item = message
        try:
            reply: tuple[str, Any] = ("ok", function(item))
        except BaseException as exc:  # sent back and raised in the main process
            reply = ("error", exc)
        try:
            connection.send(reply)
        except OSError:  # the main process is gone, or gave up on this worker: stop quietly
            return
        except Exception:  # the exception (or result) does not pickle: send its text
            if reply[0] == "error":
                text = "".join(traceback.format_exception(reply[1]))
            else:
                text = f"the result ({type(reply[1]).__name__}) could not be sent back"
            try:
                connection.send(("error", _Failed(text)))
            except OSError:
                return


class _Worker:
    def __init__(
        self,
        context: Any,
        warm: Callable[..., None] | None,
        args: tuple,
        others: list[_Worker],
        finish: Callable[..., None] | None = None,
    ) -> None:
        self.connection, child = context.Pipe()
        forked = context.get_start_method() == "fork"
        inherited = [self.connection, *(w.connection for w in others)] if forked else []
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, inherited, warm, args, finish), daemon=True
        )
        self.process.start()
        child.close()
        self.item: object = None
        self.used = False  # given an item: else it may still be warming up, deaf to its pipe


class Workers:
    """``jobs`` worker processes (forked where the platform allows it, else spawned)."""

    def __init__(
        self,
        jobs: int,
        warm: Callable[..., None] | None,
        args: tuple = (),
        finish: Callable[..., None] | None = None,
    ) -> None:
        """warm(*args) runs in each worker before its first item, finish(*args) when it is
        stopped after its last (and in this process on close, for the items run here)."""
        self.jobs = jobs
        self._warm = warm
        self._args = args
        self._finish = finish
        self._workers: list[_Worker] = []

    def map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """function over items, each result as soon as it is ready (in no set order).

        Raises the function's own exception, or WorkerDied when a worker process ends.
        """
        if self.jobs <= 1 or (len(items) <= 1 and not self._workers):
            return map(function, items)
        # no more processes than the first map has items: each one warms up for nothing
        self._start(min(self.jobs, len(items)))
        return self._map(function, list(items))

    def prestart(self, count: int = 1) -> None:
        """Start up to count workers now, to warm up while this process works alone.

        A one-settlement build checks that settlement here, on one core: a worker
        started first warms up on the other meanwhile, and builds the portal.
        """
        if self.jobs > 1 and self._warm is not None:
            self._start(min(self.jobs, count))

    def _start(self, count: int) -> None:
        if len(self._workers) >= count:
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        while len(self._workers) < count:
            self._workers.append(
                _Worker(context, self._warm, self._args, self._workers, self._finish)
            )

    def _map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        waiting = items[::-1]
        idle = list(self._workers)
        busy: dict[Any, _Worker] = {}  # connection or sentinel -> worker
        try:
            while waiting or busy:
                while idle and waiting:
                    worker = idle.pop()
                    worker.item = waiting.pop()
                    worker.used = True
                    worker.connection.send((function, worker.item))
                    busy[worker.connection] = busy[worker.process.sentinel] = worker
                for ready in wait(list(busy)):
                    worker = busy.get(ready)
                    if worker is None:
                        continue  # its connection and sentinel were both ready
                    reply = self._receive(worker)
                    del busy[worker.connection], busy[worker.process.sentinel]
                    idle.append(worker)
                    kind, value = reply
                    if kind == "error":
                        raise value
                    yield value
        except BaseException:
            self.close()  # a failure, or the caller stopped early: no worker keeps running
            raise

    def _receive(self, worker: _Worker) -> tuple[str, Any]:
        """The worker's reply, or WorkerDied when it ended without one."""
        try:
            if worker.connection.poll():
                return worker.connection.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        worker.process.join(timeout=5)
        raise WorkerDied(worker.item, worker.process.exitcode)

    def close(self) -> None:
        """Stop the workers (they are idle once every map has been consumed)."""
        workers, self._workers = self._workers, []
        if self._finish is not None:
            with contextlib.suppress(Exception):  # what ran in this process, if anything
                self._finish(*self._args)
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        for worker in workers:
            if worker.used:  # idle and listening: it ends on None
                worker.process.join(timeout=0.5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
