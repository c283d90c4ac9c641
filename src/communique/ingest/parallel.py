"""The ingest path on other processes (or a Dask cluster): a worker reads, decodes and
extracts each input (:mod:`.path`, the same functions as in this process) and hands back
what to write; writing stays in the calling process, in input order, through
:func:`communique.archive.store.write_batch`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TypeVar

from communique.archive.store import Outcome, Pending
from communique.ingest import path
from communique.ingest.path import Extracted, StoredItem
from communique.workers import ordered_map

T = TypeVar("T")

#: a file to ingest: (path, its URL when known)
FileItem = tuple[str, str | None]


@dataclass
class Lost:
    """An input whose worker died before answering (nothing of it is stored)."""

    message: str


def _lost(item: FileItem | StoredItem, exc: BaseException) -> Lost:
    name = item[0]
    return Lost(f"{name}: E301 internal error: the worker stopped ({type(exc).__name__})")


def prepared_files(
    items: list[FileItem], workers: int, *, executor: Executor | None = None
) -> Iterator[Pending | Outcome | Lost]:
    """What to write for each file, in the order given."""
    return ordered_map(path.prepare_file, items, workers, lost=_lost, executor=executor)


def extracted_stored(
    rows: Iterable[StoredItem],
    workers: int,
    *,
    executor: Executor | None = None,
) -> Iterator[Extracted | None | Lost]:
    """Each stored document's extraction, in the order given."""
    return ordered_map(path.extract_stored, rows, workers, lost=_lost, executor=executor)


#: documents prepared ahead of the storing process on one worker: a batch's worth
#: (:data:`communique.archive.BATCH_SIZE`), so extraction goes on while a whole batch is
#: written and linked. Calibrated on the corpus x10, 16 and 64 interleaved (load 1.5-2.5):
#: 34.5 / 36.3 s at 95-96 MiB peak RSS against 27.1 / 26.8 s at 97 MiB
AHEAD_ONE_WORKER = 64

_DONE = object()


def prefetched(items: Iterable[T], ahead: int | None = None) -> Iterator[T]:
    """``items`` in order, produced by a thread up to ``ahead`` in advance: with one
    worker, the next documents are read and extracted (in the extraction process,
    :mod:`.worker`, while this thread waits on it) as this process stores the previous
    ones. An exception raised producing an item is raised here, at that item. When the
    consumer stops early, the thread stops at its next item."""
    box: queue.Queue = queue.Queue(maxsize=max(1, ahead or AHEAD_ONE_WORKER))
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if not _put(box, stop, (item, None)):
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the consumer
            _put(box, stop, (_DONE, e))
            return
        _put(box, stop, (_DONE, None))

    thread = threading.Thread(target=produce, name="communique-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item, error = box.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()  # the thread ends after the item it is making (not waited for)


def _put(box: queue.Queue, stop: threading.Event, entry: tuple) -> bool:
    """Put ``entry`` when there is room; False when the consumer stopped meanwhile."""
    while not stop.is_set():
        try:
            box.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
