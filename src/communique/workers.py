"""Running one function over many inputs on several processes, answers in input order.

Used by ``extract``, ``ingest`` and ``reextract --workers N`` (a local process pool) and by
``ingest --dask`` (any :class:`concurrent.futures.Executor`, such as a Dask client's).
Inputs are handed out in chunks and at most a few chunks per worker are in flight, so
memory stays flat however long the input is. An exception in a worker is the function's
to catch; a worker that dies (killed, out of memory) costs only the inputs it held:
``lost(item, exc)`` gives their answers and a fresh pool takes the rest.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: below this many inputs a process pool costs more (start-up) than it saves
MIN_ITEMS_PER_POOL = 8
#: inputs handed to a worker at a time (amortises the pipe round trip; measured on the
#: corpus: 4-16 within 5 % of each other)
CHUNK = 8
#: chunks in flight per worker (2: one running, one waiting in its pipe; more did not
#: help on the corpus and holds more inputs in memory)
AHEAD_PER_WORKER = 2


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: prctl(2)'s option that signals a process when its parent ends (Linux)
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker's initializer: it ends when the process that started it ends (a SIGKILLed
    ingest leaves no worker behind). Linux only; elsewhere a no-op."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent ended before the call above
        os._exit(1)


def new_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start clean from a fork server, not as copies of this
    process: they hold none of its open database connections (a worker that outlived
    a killed ingest would otherwise keep its transaction, and its locks, open), and
    they end with it."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_die_with_parent)


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    lost: Callable[[T, BaseException], R],
    executor: Executor | None = None,
    chunk: int = CHUNK,
    ahead: int = 0,
) -> Iterator[R]:
    """``fn(item)`` for each item, in the order given, on ``workers`` processes (or on
    ``executor`` when given: it is used, not shut down). ``fn`` must be picklable (a
    module-level function) and should catch its own errors. ``ahead``: inputs the caller
    takes at once before using them (an ingest's batch), which the workers may run while
    the caller is busy with the previous ones."""
    if executor is None and workers <= 1:
        yield from map(fn, items)
        return
    it = iter(items)
    if executor is None:
        first = []
        for item in it:
            first.append(item)
            if len(first) >= MIN_ITEMS_PER_POOL:
                break
        if len(first) < MIN_ITEMS_PER_POOL:  # too few to pay for a pool
            yield from map(fn, first)
            return
        it = _chain(first, it)
    own = executor is None
    pool = executor or new_pool(workers)
    in_flight = max(1, workers) * AHEAD_PER_WORKER + -(-ahead // chunk)
    pending: deque = deque()
    try:
        for part in _chunks(it, chunk):
            pending.append((part, pool.submit(_run_chunk, fn, part)))
            while len(pending) >= in_flight:
                results, pool = _take(pending, pool, own, workers, lost)
                yield from results
        while pending:
            results, pool = _take(pending, pool, own, workers, lost)
            yield from results
    finally:
        for _part, fut in pending:
            fut.cancel()
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def _chain(first: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from first
    yield from rest


def _take(pending: deque, pool: Executor, own: bool, workers: int, lost):  # noqa: ANN001, ANN202
    """The answers of the oldest chunk in flight, and the pool to go on with."""
    part, fut = pending.popleft()
    try:
        return fut.result(), pool
    except BrokenProcessPool as e:
        if not own:
            raise
        # a worker died: this chunk and the others in flight are lost with it; a new
        # pool takes the chunks not yet sent
        pool.shutdown(wait=False, cancel_futures=True)
        results = [lost(item, e) for item in part]
        while pending:
            p, _f = pending.popleft()
            results.extend(lost(item, e) for item in p)
        return results, new_pool(workers)
    except Exception as e:  # noqa: BLE001 - a chunk that could not be sent or run
        return [lost(item, e) for item in part], pool
