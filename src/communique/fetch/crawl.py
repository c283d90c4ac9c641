"""``communique crawl START_URL`` and ``communique ingest URL``: the fetching half.

A crawl reads its start URL as a listing (an HTML index page, an RSS/Atom feed or a
sitemap), follows its pagination and fetches the readouts it lists; readouts are handed
on as :class:`Page` objects to a :class:`Readouts` (the ingest path,
:mod:`communique.ingest.fetched`, stores them as documents), listings are only read for
links (their bodies kept in the crawl's state so a 304 can be read again). Every URL
found is a row of the crawl's frontier in a :class:`CrawlLog` (the archive's
``crawl_queue``, :mod:`communique.archive.crawlstate`), settled in the same transaction
as the links it gave, so a crawl killed at any point resumes with the rows still pending
when the same command runs again (a row in flight when it stopped is fetched again; its
document is not stored twice, ingest being idempotent by content hash and source). A
URL fetched before is requested conditionally (``If-None-Match``/``If-Modified-Since``):
a re-run over an unchanged site gets 304s and writes no document. This package never
imports the archive: the log and the readouts are handed in.

``max_pages`` bounds the requests of one run (robots.txt aside); a crawl stopped by
it stays open, and the next run goes on with the rest of its frontier.

Worker threads (daemons, :data:`~communique.fetch.client.CONCURRENCY` of them) only
fetch; the main thread decides, hands readouts on and settles rows. With ``workers`` > 1
the readouts are prepared (decoded and extracted: :attr:`Readouts.prepare`) on a
process pool while the main thread goes on fetching and reading listings; they are
stored in the order they were fetched, each as soon as it and those before it are
prepared (a readout waiting for it is still pending in the frontier: a crawl killed then
fetches it again).
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

from communique.errors import CommuniqueError
from communique.fetch import content, links
from communique.fetch.client import FetchConfig, Fetched, Fetcher
from communique.fetch.policy import DEFAULT_MAX_PAGES
from communique.fetch.urls import is_http_url, strip_fragment
from communique.workers import new_pool

#: how a frontier row ended (``Event.outcome``), in summary order
OUTCOMES = ("stored", "present", "unchanged", "listed", "skipped", "failed")


@dataclass
class CrawlOptions:
    follow: str | None = None
    since: dt.date | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    config: FetchConfig = field(default_factory=FetchConfig)
    #: processes extracting readouts (1: the main thread extracts each itself)
    workers: int = 1


@dataclass
class Event:
    """One URL settled: ``outcome`` is one of :data:`OUTCOMES`."""

    url: str
    outcome: str
    reason: str | None = None
    document_id: int | None = None
    engagements: int = 0
    kind: str = "readout"


@dataclass
class Summary:
    crawl_id: int
    start_url: str
    resumed: bool = False
    interrupted: bool = False
    finished: bool = False
    counts: Counter = field(default_factory=Counter)
    requests: int = 0
    #: frontier rows left pending (for the next run)
    left: int = 0
    failures: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "crawl_id": self.crawl_id,
            "start_url": self.start_url,
            "resumed": self.resumed,
            "interrupted": self.interrupted,
            "finished": self.finished,
            **{k: self.counts.get(k, 0) for k in OUTCOMES},
            "fetched": self.fetched,
            "requests": self.requests,
            "left": self.left,
            "failures": self.failures,
        }

    @property
    def fetched(self) -> int:
        """Pages that came with a body (stored, present, listed or failing after)."""
        return self.counts["stored"] + self.counts["present"] + self.counts["listed"]

    def line(self) -> str:
        c = self.counts
        parts = [
            f"{c['stored']} stored",
            f"{c['present']} already present",
            f"{c['unchanged']} unchanged (304)",
            f"{c['listed']} listings read",
            f"{c['skipped']} skipped",
            f"{c['failed']} failed",
        ]
        head = f"crawl {self.crawl_id}" + (" (resumed)" if self.resumed else "")
        tail = f"; {self.requests} requests"
        if self.interrupted:
            tail += f"; interrupted, {self.left} URLs left: run the same command to resume"
        elif not self.finished:
            tail += f"; {self.left} URLs left for the next run (--max-pages)"
        return f"{head}: " + ", ".join(parts) + tail


@dataclass
class Page:
    """A readout fetched, handed on to be stored: its bytes, its URL (after redirects),
    its content type and its fetch state (:func:`http_state`), recorded with it; and what
    it is when the crawler sniffed it already (:func:`content.kind_of`)."""

    body: bytes
    url: str
    content_type: str | None
    http: dict
    kind: str | None = None


class Stored(Protocol):
    """What storing a readout gave (the ingest path's outcome)."""

    source: str
    status: str  # "stored", "present", "failed" (kept with its error) or "error"
    document_id: int | None
    message: str | None
    engagements: int


class Readouts(Protocol):
    """Where the crawler hands the readouts it fetched (the ingest path implements it)."""

    #: a picklable function doing the part of storing that may run on another process
    #: (decoding and extracting); its answer is handed to :meth:`store`
    prepare: Callable[[Page], Any]

    def store(self, page: Page, prepared: Any = None) -> Stored:
        """Store a page (``prepared``: what :attr:`prepare` gave for it on another
        process; None: prepare it here)."""
        ...


class Row(Protocol):
    """A row of a crawl's frontier."""

    id: int
    url: str
    kind: str  # "start", "index" or "readout"
    depth: int
    listed_date: dt.date | None


class CrawlLog(Protocol):
    """A crawl's state: each URL's last answer (its validators, a listing's body) and the
    crawls with their frontiers (:mod:`communique.archive.crawlstate` keeps it in the
    archive)."""

    def remembered(self, url: str) -> tuple[str | None, str | None, bytes | None] | None:
        """(etag, last_modified, kept body) of the last good answer for ``url``."""
        ...

    def has_document(self, url: str) -> bool: ...

    def content_type(self, url: str) -> str | None: ...

    def record(self, http: dict, *, body: bytes | None = None) -> None:
        """Keep a URL's answer (``http``: :func:`http_state`)."""
        ...

    def open_crawl(self, start_url: str, options: dict) -> tuple[int, bool]:
        """(crawl id, resumed): the unfinished crawl of ``start_url``, or a new one."""
        ...

    def pending(self, crawl_id: int, exclude: Iterable[int], limit: int) -> list[Row]: ...

    def settle(self, row_id: int, **kw: Any) -> None:
        """A row's outcome with the links it gave and its URL's state, at once."""
        ...

    def counts(self, crawl_id: int) -> dict[str, int]: ...

    def finish_crawl(self, crawl_id: int, summary: dict) -> None: ...


def http_state(row_url: str, f: Fetched, kind: str, **extra: object) -> dict:
    return {
        "url": row_url,
        "final_url": f.final_url,
        "kind": kind,
        "status": f.status,
        "etag": f.etag,
        "last_modified": f.last_modified,
        "content_type": f.content_type,
        "not_modified": f.not_modified,
        "error": f.error,
        **extra,
    }


def reason_of(o: Stored) -> str:
    """A storing outcome's message without its leading source."""
    msg = o.message or o.status
    prefix = f"{o.source}: "
    return msg[len(prefix) :] if msg.startswith(prefix) else msg


class Crawler:
    def __init__(
        self,
        log: CrawlLog,
        readouts: Readouts,
        options: CrawlOptions,
        *,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        self.log = log
        self.readouts = readouts
        self.options = options
        self.config = options.config
        self.on_event = on_event
        self.follow = re.compile(options.follow) if options.follow else None
        self.fetcher = Fetcher(self.config, remember=log.remembered, keep=self._keep_robots)
        self._failed: list[Event] = []
        self._pool = None  # the preparing pool, started with the first readout
        self._preparing: deque = deque()  # (row, page, future) in the order fetched
        self._tasks: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._inflight: dict[int, Row] = {}
        self._scheduled = 0

    def _keep_robots(self, f: Fetched, kind: str) -> None:
        if f.status is not None and 200 <= f.status < 300 and f.body is not None:
            self.log.record(http_state(f.url, f, kind), body=f.body)
        elif f.not_modified:
            self.log.record(http_state(f.url, f, kind))

    # ------------------------------------------------------------------ the loop

    def run(self, start_url: str) -> Summary:
        start_url = strip_fragment(start_url.strip())
        if not is_http_url(start_url):
            raise CommuniqueError("E107", f"not an http(s) URL: {start_url!r}")
        opts = {
            "follow": self.options.follow,
            "since": self.options.since.isoformat() if self.options.since else None,
            "max_pages": self.options.max_pages,
        }
        self.fetcher.allow_network_of(start_url)
        cid, resumed = self.log.open_crawl(start_url, opts)
        self.summary = Summary(cid, start_url, resumed=resumed)
        threads = self._start_fetching()
        try:
            self._loop()
        except KeyboardInterrupt:
            self.summary.interrupted = True
            self.fetcher.stop.set()
        finally:
            self._stop(threads)
        return self._finish()

    def _start_fetching(self) -> list[threading.Thread]:
        """The fetching threads: each takes (row, validators) and puts back the answer."""

        def work() -> None:
            while True:
                item = self._tasks.get()
                if item is None:
                    return
                row, validators = item
                etag, last_modified, _ = validators or (None, None, None)
                try:
                    f = self.fetcher.fetch(row.url, etag=etag, last_modified=last_modified)
                except Exception as e:  # a bug: one line for this URL, the crawl goes on
                    f = Fetched(row.url, row.url, error=f"E301 internal error: {e!r}")
                self._results.put((row, f, validators))

        threads = [
            threading.Thread(target=work, daemon=True, name=f"communique-fetch-{i}")
            for i in range(max(1, self.config.concurrency))
        ]
        for t in threads:
            t.start()
        return threads

    def _loop(self) -> None:
        """Schedule pending rows, settle answers, store readouts prepared, until the
        frontier is empty (or ``max_pages`` reached)."""
        while True:
            acted = self._schedule()
            if not self._inflight:
                if acted:
                    continue
                if self._preparing:  # nothing fetching: store the oldest prepared
                    self._store_prepared(wait=1)
                    continue
                return
            row, f, validators = self._results.get()
            del self._inflight[row.id]
            self.summary.requests += f.requests
            self._handle(row, f, validators)
            self._store_prepared(wait=0)  # those prepared by now, in order

    def _schedule(self) -> int:
        """Hand pending rows to the fetching threads (those listed before ``--since``
        skipped); how many rows were taken."""
        # pages being prepared count as in flight: a killed crawl fetches again at most
        # the configured concurrency of pages
        room = self.config.concurrency - len(self._inflight) - len(self._preparing)
        budget = self.options.max_pages - self._scheduled
        if room <= 0 or budget <= 0:
            return 0
        # rows fetched and being prepared are still pending: not again
        busy = [*self._inflight, *(x[0].id for x in self._preparing)]
        rows = self.log.pending(self.summary.crawl_id, busy, min(room, budget))
        since = self.options.since
        for row in rows:
            if since and row.listed_date and row.listed_date < since:
                self._settle(row, "skipped", "skipped", "listed before --since")
                continue
            self._inflight[row.id] = row
            self._scheduled += 1
            self._tasks.put((row, self._validators(row)))
        return len(rows)

    def _stop(self, threads: list[threading.Thread]) -> None:
        for _ in threads:
            self._tasks.put(None)
        self.fetcher.close()
        for *_x, fut in self._preparing:  # left pending in the frontier
            fut.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _finish(self) -> Summary:
        s = self.summary
        s.left = self.log.counts(s.crawl_id).get("pending", 0)
        s.failures = [{"url": e.url, "reason": e.reason} for e in self._failed]  # this run's
        if not s.interrupted and s.left == 0:
            self.log.finish_crawl(s.crawl_id, s.to_json())
            s.finished = True
        return s

    def _validators(self, row: Row) -> tuple | None:
        kept = self.log.remembered(row.url)
        if kept is None:
            return None
        if row.kind != "readout" and kept[2] is None:
            return None  # a listing must be read again: no copy kept to reread on a 304
        if row.kind == "readout" and not self.log.has_document(row.url):
            return None
        return kept

    # ------------------------------------------------------------------ one answer

    def _settle(
        self,
        row: Row,
        state_: str,
        outcome: str,
        reason: str | None = None,
        *,
        found: list[links.Link] = (),  # type: ignore[assignment]
        http: dict | None = None,
        body: bytes | None = None,
        document_id: int | None = None,
        engagements: int = 0,
    ) -> None:
        self.log.settle(
            row.id,
            state=state_,
            outcome=outcome,
            reason=reason,
            crawl_id=self.summary.crawl_id,
            links=found,
            depth=row.depth,
            http=http,
            body=body,
        )
        self.summary.counts[outcome] += 1
        ev = Event(row.url, outcome, reason, document_id, engagements, kind=row.kind)
        if outcome == "failed":
            self._failed.append(ev)
        if self.on_event:
            self.on_event(ev)

    def _handle(self, row: Row, f: Fetched, validators: tuple | None) -> None:
        listing = row.kind in ("start", "index")
        if f.disallowed:
            self._settle(row, "skipped", "skipped", f.error)
            return
        if f.error is not None:
            self._settle(row, "failed", "failed", f.error, http=http_state(row.url, f, row.kind))
            return
        if f.not_modified:
            kept_body = validators[2] if validators else None
            if listing and kept_body is not None:
                kept_type = self.log.content_type(row.url)
                self._read_listing(row, f, kept_body, kept_type, unchanged=True)
                return
            self._settle(row, "done", "unchanged", http=http_state(row.url, f, row.kind))
            return
        body = f.body or b""
        try:
            kind = content.kind_of(body, f.content_type)
        except content.UnsupportedContent as e:
            self._settle(row, "failed", "failed", str(e), http=http_state(row.url, f, row.kind))
            return
        if kind == "xml" or (kind == "html" and listing):
            self._read_listing(row, f, body, f.content_type, unchanged=False)
            return
        page = Page(body, f.final_url, f.content_type, http_state(row.url, f, "readout"), kind)
        if self.options.workers > 1:
            if self._pool is None:
                self._pool = new_pool(self.options.workers)
            self._preparing.append((row, page, self._pool.submit(self.readouts.prepare, page)))
            return
        self._store_readout(row, page, None)

    def _store_prepared(self, *, wait: int) -> None:
        """Store the readouts at the head of the queue whose preparing is done, waiting
        for the first ``wait`` of them."""
        while self._preparing and (wait > 0 or self._preparing[0][-1].done()):
            row, page, fut = self._preparing.popleft()
            wait -= 1
            try:
                prepared = fut.result()
            except Exception:  # noqa: BLE001 - a worker died: prepare it here instead
                prepared = None
                broken = self._pool is not None and getattr(self._pool, "_broken", False)
                if isinstance(fut.exception(), BrokenProcessPool) and broken:
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = None  # the next readout starts a fresh one
            self._store_readout(row, page, prepared)

    def _store_readout(self, row: Row, page: Page, prepared: Any) -> None:
        o = self.readouts.store(page, prepared)
        if o.status in ("stored", "present"):
            self._settle(
                row, "done", o.status, document_id=o.document_id, engagements=o.engagements
            )
        elif o.status == "failed":  # stored with the extraction error
            self._settle(row, "failed", "failed", reason_of(o), document_id=o.document_id)
        else:
            reason = reason_of(o)
            self._settle(row, "failed", "failed", reason, http={**page.http, "error": reason})

    def _read_listing(
        self,
        row: Row,
        f: Fetched,
        body: bytes,
        ctype: str | None,
        *,
        unchanged: bool,
    ) -> None:
        http = http_state(row.url, f, row.kind)
        keep = None if unchanged else body
        try:
            found = self._listing_links(body, ctype, f.final_url)
        except (links.MalformedFeed, content.UnsupportedContent, CommuniqueError) as e:
            reason = e.one_line() if isinstance(e, CommuniqueError) else str(e)
            self._settle(row, "failed", "failed", reason, http={**http, "error": reason})
            return
        self._settle(
            row, "done", "unchanged" if unchanged else "listed", found=found, http=http, body=keep
        )

    def _listing_links(self, body: bytes, ctype: str | None, base: str) -> list[links.Link]:
        """The links a listing gives: a feed's or sitemap's entries (held to its host
        unless --follow names another), an index page's readouts and next pages."""
        kind = content.kind_of(body, ctype)
        if kind == "xml":
            _fmt, found = links.feed_links(body, base)
            found = [ln for ln in found if links.allowed(ln.url, base, self.follow)]
            if self.follow is not None:
                found = [ln for ln in found if ln.kind == "index" or self.follow.search(ln.url)]
            return found
        if kind != "html":
            raise content.UnsupportedContent(f"a {kind} page, not a listing")
        text, _ = content.decode_document(body, ctype)
        readouts, pages = links.index_links(text, base, follow=self.follow)
        since = self.options.since
        dated = [ln.date for ln in readouts if ln.date]
        if since and dated and max(dated) < since:
            pages = []  # a listing, newest first, that has gone past --since
        return pages + readouts


def crawl(
    log: CrawlLog,
    readouts: Readouts,
    start_url: str,
    options: CrawlOptions | None = None,
    *,
    on_event: Callable[[Event], None] | None = None,
) -> Summary:
    return Crawler(log, readouts, options or CrawlOptions(), on_event=on_event).run(start_url)
