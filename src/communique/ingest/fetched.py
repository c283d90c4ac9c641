"""Fetched pages into the ingest path: ``communique crawl`` and ``communique ingest URL``.

The fetcher (:mod:`communique.fetch`) only fetches and hands pages on;
:class:`ArchiveReadouts` is where it hands them (each prepared by
:func:`communique.ingest.path.prepare_page`: decoded once, extracted, written with its
fetch state in the document's transaction), and the crawl's state is the archive's
(:class:`communique.archive.crawlstate.CrawlLog`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from sqlalchemy.engine import Engine

from communique.archive.crawlstate import CrawlLog
from communique.archive.store import Outcome, Pending
from communique.fetch import crawl as fetch_crawl
from communique.fetch.client import FetchConfig, Fetcher
from communique.fetch.crawl import CrawlOptions, Event, Page, Summary, http_state
from communique.fetch.urls import strip_fragment
from communique.ingest import path

#: pages ``ingest URL...`` extracts ahead of storing (a few per worker: enough to keep a
#: pool or a small cluster busy while this process fetches and stores, few to hold)
EXTRACT_AHEAD = 16


def extract_fetched(page: Page) -> Pending | Outcome:
    """A fetched page decoded and extracted on a worker process (a pool's, a Dask
    cluster's: no archive there), ready to be written here."""
    return path.prepare_page(page)


class ArchiveReadouts:
    """The crawler's :class:`~communique.fetch.crawl.Readouts`: pages stored in the
    archive at ``engine`` through the ingest path."""

    prepare = staticmethod(extract_fetched)

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def store(self, page: Page, prepared: Pending | Outcome | None = None) -> Outcome:
        if prepared is None:
            prepared = path.prepare_page(page, self.engine)
        return path.write(self.engine, prepared)


def crawl(
    engine: Engine,
    start_url: str,
    options: CrawlOptions | None = None,
    *,
    on_event: Callable[[Event], None] | None = None,
) -> Summary:
    """Crawl ``start_url`` into the archive at ``engine`` (its state kept there)."""
    return fetch_crawl.crawl(
        CrawlLog(engine), ArchiveReadouts(engine), start_url, options, on_event=on_event
    )


class _Urls:
    """``ingest URL...``: each page fetched (conditionally when fetched before) and
    handed on, the outcomes reported in the order given."""

    def __init__(
        self,
        engine: Engine,
        on_each: Callable[[Outcome], None] | None,
        executor: Executor | None,
    ) -> None:
        self.log = CrawlLog(engine)
        self.readouts = ArchiveReadouts(engine)
        self.on_each = on_each
        self.executor = executor
        self.out: list[Outcome] = []
        # outcomes, or pages being prepared, in the order given
        self.waiting: deque[Outcome | tuple[Page, Future]] = deque()

    def fetch(self, fetcher: Fetcher, raw_url: str) -> Outcome | Page:
        url = strip_fragment(raw_url.strip())
        fetcher.allow_network_of(url)  # the user named it
        kept = self.log.remembered(url) if self.log.has_document(url) else None
        etag, last_modified, _ = kept or (None, None, None)
        f = fetcher.fetch(url, etag=etag, last_modified=last_modified)
        if f.error is not None:
            if f.status is not None or not f.disallowed:
                self.log.record(http_state(url, f, "readout"))
            return Outcome(url, "error", message=f"{url}: {f.error}")
        if f.not_modified:
            self.log.record(http_state(url, f, "readout"))
            return Outcome(url, "present", message=f"{url}: unchanged since the last fetch")
        return Page(f.body or b"", f.final_url, f.content_type, http_state(url, f, "readout"))

    def hand_on(self, item: Outcome | Page) -> None:
        if isinstance(item, Page):
            if self.executor is not None:
                self.waiting.append((item, self.executor.submit(ArchiveReadouts.prepare, item)))
                return
            item = self.readouts.store(item)
        self.waiting.append(item)

    def settle(self, wait: int) -> None:
        """Report the outcomes at the head of the queue, storing pages whose preparing is
        done (waiting for the first ``wait`` of them)."""
        while self.waiting and (
            wait > 0 or not isinstance(self.waiting[0], tuple) or self.waiting[0][-1].done()
        ):
            item = self.waiting.popleft()
            wait -= 1
            if isinstance(item, tuple):
                page, fut = item
                prepared: Any = None
                try:
                    prepared = fut.result()
                except Exception:  # noqa: BLE001 - the worker is gone: prepare it here
                    prepared = None
                item = self.readouts.store(page, prepared)
            self.out.append(item)
            if self.on_each:
                self.on_each(item)

    def cancel(self) -> None:
        for item in self.waiting:
            if isinstance(item, tuple):
                item[-1].cancel()


def ingest_urls(
    engine: Engine,
    urls: list[str],
    config: FetchConfig | None = None,
    *,
    on_each: Callable[[Outcome], None] | None = None,
    executor: Executor | None = None,
    ahead: int = EXTRACT_AHEAD,
) -> list[Outcome]:
    """Fetch and store single pages (conditionally when fetched before). With an
    ``executor`` (a process pool, a Dask client's) the pages are prepared there while
    the next ones are fetched, at most ``ahead`` of them at a time, and stored here in
    the order given."""
    run = _Urls(engine, on_each, executor)
    with Fetcher(config or FetchConfig(), remember=run.log.remembered) as fetcher:
        try:
            for raw_url in urls:
                run.hand_on(run.fetch(fetcher, raw_url))
                run.settle(len(run.waiting) - ahead)
            run.settle(len(run.waiting))
        finally:
            run.cancel()
    return run.out
