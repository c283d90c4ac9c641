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

from communique.archive import provenance, store
from communique.errors import CommuniqueError
from communique.workers import ordered_map

#: a worker's answer: (result, canonical URL, error) to store, or None when the store has
#: nothing to extract (an unreadable file, a document with no raw content)
Extracted = store.Extracted | None
#: a file to ingest: (path, its URL when known)
FileItem = tuple[str, str | None]
#: a fetched page to extract: (its bytes, its URL, its content type)
FetchedItem = tuple[bytes, str, str | None]
#: a stored document to re-extract: (source, raw bytes, content type, whether its URL is known)
StoredItem = tuple[str, bytes | None, str | None, bool]


@dataclass
class Lost:
    """An input whose worker died before answering (nothing of it is stored)."""

    message: str


def _extract(content: str, source: str, warnings: list[str], *, url_known: bool) -> Extracted:
    # the same call and the same errors as the store's when it extracts itself
    try:
        result, canonical = store.extract_with_url(content, source, warnings, url_known=url_known)
        return result, canonical, None
    except CommuniqueError as e:
        return None, None, e.one_line()
    except Exception as e:  # an extractor bug: the document is kept with the error
        return None, None, f"E301 internal error: {type(e).__name__}: {e}"


def extract_file(item: FileItem) -> Extracted:
    """What :func:`store.ingest_path` would extract from a file (run in a worker)."""
    path, url = item
    if not os.path.exists(path):
        return None
    _raw, content, warnings, error = store.read_source(path)
    if error is not None or content is None:
        return None
    return _extract(content, provenance.location(path, url), warnings, url_known=bool(url))


def extract_stored(item: StoredItem) -> Extracted:
    """What :func:`store.reextract_document` would extract from a stored document (run in
    a worker)."""
    from communique.fetch.content import decode_document

    source, raw, content_type, url_known = item
    if raw is None:
        return None
    try:
        content, warnings = decode_document(raw, content_type)
    except CommuniqueError as e:
        return None, None, e.one_line()
    except Exception as e:
        return None, None, f"E301 internal error: {type(e).__name__}: {e}"
    return _extract(content, source, warnings, url_known=url_known)


def extract_fetched(item: FetchedItem) -> Extracted:
    """What :func:`store.ingest_content` would extract from a fetched page (run in a
    worker); None when its bytes do not decode (the store finds and keeps the error)."""
    from communique.fetch import content as fc

    data, source, content_type = item
    try:
        kind = fc.kind_of(data, content_type)
        if kind == "xml":
            return None
        text, warnings = fc.decode_document(data, fc.stored_content_type(kind, content_type))
    except (CommuniqueError, fc.UnsupportedContent):
        return None
    return _extract(text, source, warnings, url_known=provenance.is_url(source))


def _lost(item: FileItem | StoredItem, exc: BaseException) -> Lost:
    name = item[0]
    return Lost(f"{name}: E301 internal error: the worker stopped ({type(exc).__name__})")


def extracted_files(
    items: list[FileItem], workers: int, *, executor: Executor | None = None
) -> Iterator[Extracted | Lost]:
    """Each file's extraction, in the order given."""
    return ordered_map(extract_file, items, workers, lost=_lost, executor=executor)


def extracted_stored(
    rows: Iterator[StoredItem],
    workers: int,
    *,
    executor: Executor | None = None,
) -> Iterator[Extracted | Lost]:
    """Each stored document's extraction, in the order given."""
    return ordered_map(extract_stored, rows, workers, lost=_lost, executor=executor)
