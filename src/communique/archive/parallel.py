"""Extraction for ``ingest`` and ``reextract`` on other processes (or a Dask cluster);
storing stays in the calling process, in input order, through :mod:`.store`.

A worker reads and extracts; the store is handed the worker's (result, error) with the
``extracted`` parameter and writes exactly what it writes when it extracts itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from communique.archive import store
from communique.errors import CommuniqueError
from communique.workers import ordered_map

#: a worker's answer: (result, error) to store, or None when the store has nothing to
#: extract (an unreadable file, a document with no raw content)
Extracted = tuple[dict | None, str | None] | None


@dataclass
class Lost:
    """An input whose worker died before answering (nothing of it is stored)."""

    message: str


def _extract(content: str, source: str, warnings: list[str]) -> tuple[dict | None, str | None]:
    # the same errors the store catches when it extracts itself
    try:
        return store.extract_content(content, source, warnings), None
    except CommuniqueError as e:
        return None, e.one_line()
    except Exception as e:  # an extractor bug: the document is kept with the error
        return None, f"E301 internal error: {type(e).__name__}: {e}"


def extract_file(path: str) -> Extracted:
    """What :func:`store.ingest_path` would extract from ``path`` (run in a worker)."""
    if not os.path.exists(path):
        return None
    _raw, content, warnings, error = store.read_source(path)
    if error is not None or content is None:
        return None
    return _extract(content, str(Path(path).resolve()), warnings)


def extract_stored(item: tuple[str, bytes | None, str | None]) -> Extracted:
    """What :func:`store.reextract_document` would extract from a stored document's
    (source, raw, content type) (run in a worker)."""
    from communique.fetch.content import decode_document

    source, raw, content_type = item
    if raw is None:
        return None
    try:
        content, warnings = decode_document(raw, content_type)
    except CommuniqueError as e:
        return None, e.one_line()
    except Exception as e:
        return None, f"E301 internal error: {type(e).__name__}: {e}"
    return _extract(content, source, warnings)


def _lost(item: object, exc: BaseException) -> Lost:
    name = item if isinstance(item, str) else item[0]  # type: ignore[index]
    return Lost(f"{name}: E301 internal error: the worker stopped ({type(exc).__name__})")


def extracted_files(
    paths: list[str], workers: int, *, executor: Executor | None = None
) -> Iterator[Extracted | Lost]:
    """Each file's extraction, in the order given."""
    return ordered_map(extract_file, paths, workers, lost=_lost, executor=executor)


def extracted_stored(
    rows: Iterator[tuple[str, bytes | None, str | None]],
    workers: int,
    *,
    executor: Executor | None = None,
) -> Iterator[Extracted | Lost]:
    """Each stored document's extraction, in the order given."""
    return ordered_map(extract_stored, rows, workers, lost=_lost, executor=executor)
