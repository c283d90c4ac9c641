"""The ingest path on other processes (or a Dask cluster): a worker reads, decodes and
extracts each input (:mod:`.path`, the same functions as in this process) and hands back
what to write; writing stays in the calling process, in input order, through
:func:`communique.archive.store.write_batch`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass

from communique.archive.store import Outcome, Pending
from communique.ingest import path
from communique.ingest.path import Extracted, StoredItem
from communique.workers import ordered_map

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
    items: list[FileItem], workers: int, *, executor: Executor | None = None, batch: int = 0
) -> Iterator[Pending | Outcome | Lost]:
    """What to write for each file, in the order given; the workers prepare the next
    ``batch`` while the caller writes and links one."""
    return ordered_map(
        path.prepare_file, items, workers, lost=_lost, executor=executor, ahead=batch
    )


def extracted_stored(
    rows: Iterable[StoredItem],
    workers: int,
    *,
    executor: Executor | None = None,
) -> Iterator[Extracted | None | Lost]:
    """Each stored document's extraction, in the order given."""
    return ordered_map(path.extract_stored, rows, workers, lost=_lost, executor=executor)
