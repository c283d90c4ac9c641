"""The one ingest path: every way a readout comes in (files and folders, URLs, crawled
pages, ``POST /api/ingest``, ``reextract``) goes through it once, in this order:

1. :mod:`.path` reads the bytes and decodes them once, makes the
   :class:`~communique.document.Document` and extracts it (:mod:`.worker`: in a child
   process, within a time budget) into what to write;
2. :mod:`.parallel` and :mod:`.cluster` run step 1 on a process pool (``--workers N``)
   or a Dask cluster (``--dask ADDRESS``), in input order;
3. :mod:`.api` (:class:`Archive`) writes batches through the archive's store
   (:func:`communique.archive.store.write_batch`) and links them;
4. :mod:`.fetched` hands the fetcher's pages (``ingest URL``, ``crawl``) to steps 1-3
   and keeps the crawl's state in the archive (:mod:`communique.archive.crawlstate`).

The names are imported on first use, so the command line (and the extraction worker,
``python -m communique.ingest.worker``) starts without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from communique.ingest.api import Archive

__all__ = ["Archive"]


def __getattr__(name: str) -> Any:
    if name == "Archive":
        # imported on first use, for start-up time: the command line starts without SQLAlchemy
        from communique.ingest.api import Archive

        return Archive
    raise AttributeError(name)
