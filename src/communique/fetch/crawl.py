"""``communique ingest URL`` and ``communique crawl START_URL``.

A crawl reads its start URL as a listing (an HTML index page, an RSS/Atom feed or a
sitemap), follows its pagination and fetches the readouts it lists; readouts are
stored as documents (:func:`communique.archive.store.ingest_content`), listings are
only read for links (their bodies kept in ``fetch_state`` so a 304 can be read
again). Every URL found is a row of the crawl's frontier in the archive, settled in
the same transaction as the links it gave, so a crawl killed at any point resumes
with the rows still pending when the same command runs again (a row in flight when
it stopped is fetched again; its document is not stored twice, ingest being
idempotent by content hash and source). A URL fetched before is requested
conditionally (``If-None-Match``/``If-Modified-Since``): a re-run over an unchanged
site gets 304s and writes no document.

``max_pages`` bounds the requests of one run (robots.txt aside); a crawl stopped by
it stays open, and the next run goes on with the rest of its frontier.

Worker threads (daemons, :data:`~communique.fetch.client.CONCURRENCY` of them) only
fetch; the main thread decides, extracts and writes. With ``workers`` > 1 the readouts
are extracted on a process pool while the main thread goes on fetching and reading
listings; they are stored in the order they were fetched, each as soon as it and those
before it are extracted (a readout waiting for its extraction is still pending in the
frontier: a crawl killed then fetches it again).
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from communique.archive import store
from communique.errors import CommuniqueError
from communique.fetch import content, links, state
from communique.fetch.client import FetchConfig, Fetched, Fetcher
from communique.fetch.policy import DEFAULT_MAX_PAGES
from communique.fetch.urls import is_http_url, strip_fragment

#: pages ``ingest URL...`` extracts ahead of storing (a few per worker: enough to keep a
#: pool or a small cluster busy while this process fetches and stores, few to hold)
EXTRACT_AHEAD = 16
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


def _http(row_url: str, f: Fetched, kind: str, **extra: object) -> dict:
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


def _canonical(body: bytes, ctype: str | None, base: str) -> str | None:
    from urllib.parse import urljoin

    from selectolax.lexbor import LexborHTMLParser

    try:
        text, _ = content.decode_document(body, ctype)
    except CommuniqueError:
        return None
    from communique.html import cap_depth

    node = LexborHTMLParser(cap_depth(text[:200_000])).css_first('link[rel="canonical"][href]')
    if node is None:
        return None
    return urljoin(base, node.attributes.get("href") or "") or None


class Crawler:
    def __init__(
        self,
        engine: Engine,
        options: CrawlOptions,
        *,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        self.engine = engine
        self.options = options
        self.config = options.config
        self.on_event = on_event
        self.follow = re.compile(options.follow) if options.follow else None
        self.fetcher = Fetcher(
            self.config, remember=lambda u: state.remembered(engine, u), keep=self._keep_robots
        )
        self._failed: list[Event] = []
        self._pool = None  # the extraction pool, started with the first readout
        self._extracting: deque = deque()  # readouts whose extraction is under way, in order

    def _keep_robots(self, f: Fetched, kind: str) -> None:
        if f.status is not None and 200 <= f.status < 300 and f.body is not None:
            state.record(self.engine, _http(f.url, f, kind), body=f.body)
        elif f.not_modified:
            state.record(self.engine, _http(f.url, f, kind))

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
        cid, resumed = state.open_crawl(self.engine, start_url, opts)
        self.summary = s = Summary(cid, start_url, resumed=resumed)
        tasks: queue.Queue = queue.Queue()
        results: queue.Queue = queue.Queue()

        def work() -> None:
            while True:
                item = tasks.get()
                if item is None:
                    return
                row, validators = item
                etag, last_modified, _ = validators or (None, None, None)
                try:
                    f = self.fetcher.fetch(row.url, etag=etag, last_modified=last_modified)
                except Exception as e:  # a bug: one line for this URL, the crawl goes on
                    f = Fetched(row.url, row.url, error=f"E301 internal error: {e!r}")
                results.put((row, f, validators))

        workers = [
            threading.Thread(target=work, daemon=True, name=f"communique-fetch-{i}")
            for i in range(max(1, self.config.concurrency))
        ]
        for w in workers:
            w.start()
        inflight: dict[int, object] = {}
        scheduled = 0
        try:
            while True:
                acted = 0
                # pages being extracted count as in flight: a killed crawl fetches again
                # at most the configured concurrency of pages
                room = self.config.concurrency - len(inflight) - len(self._extracting)
                budget = self.options.max_pages - scheduled
                if room > 0 and budget > 0:
                    # rows fetched and being extracted are still pending: not again
                    busy = [*inflight, *(x[0].id for x in self._extracting)]
                    for row in state.pending(self.engine, cid, busy, min(room, budget)):
                        acted += 1
                        since = self.options.since
                        if since and row.listed_date and row.listed_date < since:
                            self._settle(row, "skipped", "skipped", "listed before --since")
                            continue
                        inflight[row.id] = row
                        scheduled += 1
                        tasks.put((row, self._validators(row)))
                if not inflight:
                    if acted:
                        continue
                    if self._extracting:  # nothing fetching: store the oldest extracted
                        self._store_extracted(wait=1)
                        continue
                    break
                row, f, validators = results.get()
                del inflight[row.id]
                s.requests += f.requests
                self._handle(row, f, validators)
                self._store_extracted(wait=0)  # those extracted by now, in order
        except KeyboardInterrupt:
            s.interrupted = True
            self.fetcher.stop.set()
        finally:
            for _ in workers:
                tasks.put(None)
            self.fetcher.close()
            for *_x, fut in self._extracting:  # left pending in the frontier
                fut.cancel()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
        counts = state.counts(self.engine, cid)
        s.left = counts.get("pending", 0)
        s.failures = [
            {"url": e.url, "reason": e.reason} for e in self._failed
        ]  # this run's failures
        if not s.interrupted and s.left == 0:
            state.finish_crawl(self.engine, cid, s.to_json())
            s.finished = True
        return s

    def _validators(self, row) -> tuple | None:  # noqa: ANN001
        kept = state.remembered(self.engine, row.url)
        if kept is None:
            return None
        if row.kind != "readout" and kept[2] is None:
            return None  # a listing must be read again: no copy kept to reread on a 304
        if row.kind == "readout" and not state.has_document(self.engine, row.url):
            return None
        return kept

    # ------------------------------------------------------------------ one answer

    def _settle(
        self,
        row,  # noqa: ANN001
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
        state.settle(
            self.engine,
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

    def _handle(self, row, f: Fetched, validators: tuple | None) -> None:  # noqa: ANN001
        listing = row.kind in ("start", "index")
        if f.disallowed:
            self._settle(row, "skipped", "skipped", f.error)
            return
        if f.error is not None:
            self._settle(row, "failed", "failed", f.error, http=_http(row.url, f, row.kind))
            return
        if f.not_modified:
            kept_body = validators[2] if validators else None
            if listing and kept_body is not None:
                kept_type = state_content_type(self.engine, row.url)
                self._read_listing(row, f, kept_body, kept_type, unchanged=True)
                return
            self._settle(row, "done", "unchanged", http=_http(row.url, f, row.kind))
            return
        body = f.body or b""
        try:
            kind = content.kind_of(body, f.content_type)
        except content.UnsupportedContent as e:
            self._settle(row, "failed", "failed", str(e), http=_http(row.url, f, row.kind))
            return
        if kind == "xml" or (kind == "html" and listing):
            self._read_listing(row, f, body, f.content_type, unchanged=False)
            return
        canonical = _canonical(body, f.content_type, f.final_url) if kind == "html" else None
        http = _http(row.url, f, "readout", canonical=canonical)
        if self.options.workers > 1:
            from communique.archive.parallel import extract_fetched
            from communique.workers import new_pool

            if self._pool is None:
                self._pool = new_pool(self.options.workers)
            fut = self._pool.submit(extract_fetched, (body, f.final_url, f.content_type))
            self._extracting.append((row, f, body, http, fut))
            return
        self._store_readout(row, f, body, http, None)

    def _store_extracted(self, *, wait: int) -> None:
        """Store the readouts at the head of the queue whose extraction is done, waiting
        for the first ``wait`` of them."""
        while self._extracting and (wait > 0 or self._extracting[0][-1].done()):
            row, f, body, http, fut = self._extracting.popleft()
            wait -= 1
            try:
                extracted = fut.result()
            except Exception:  # noqa: BLE001 - a worker died: extract it here instead
                from concurrent.futures.process import BrokenProcessPool

                extracted = None
                broken = self._pool is not None and getattr(self._pool, "_broken", False)
                if isinstance(fut.exception(), BrokenProcessPool) and broken:
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = None  # the next readout starts a fresh one
            self._store_readout(row, f, body, http, extracted)

    def _store_readout(self, row, f: Fetched, body: bytes, http: dict, extracted) -> None:  # noqa: ANN001
        o = store.ingest_content(
            self.engine,
            body,
            source=f.final_url,
            content_type=f.content_type,
            http=http,
            extracted=extracted,
        )
        if o.status in ("stored", "present"):
            self._settle(
                row, "done", o.status, document_id=o.document_id, engagements=o.engagements
            )
        elif o.status == "failed":  # stored with the extraction error
            self._settle(row, "failed", "failed", _reason(o), document_id=o.document_id)
        else:
            self._settle(row, "failed", "failed", _reason(o), http={**http, "error": _reason(o)})

    def _read_listing(
        self,
        row,  # noqa: ANN001
        f: Fetched,
        body: bytes,
        ctype: str | None,
        *,
        unchanged: bool,
    ) -> None:
        http = _http(row.url, f, row.kind)
        keep = None if unchanged else body
        try:
            kind = content.kind_of(body, ctype)
            if kind == "xml":
                _fmt, found = links.feed_links(body, f.final_url)
                # held to the feed's host unless --follow names another
                found = [ln for ln in found if links.allowed(ln.url, f.final_url, self.follow)]
                if self.follow is not None:
                    found = [ln for ln in found if ln.kind == "index" or self.follow.search(ln.url)]
            elif kind == "html":
                text, _ = content.decode_document(body, ctype)
                readouts, pages = links.index_links(text, f.final_url, follow=self.follow)
                since = self.options.since
                dated = [ln.date for ln in readouts if ln.date]
                if since and dated and max(dated) < since:
                    pages = []  # a listing, newest first, that has gone past --since
                found = pages + readouts
            else:
                raise content.UnsupportedContent(f"a {kind} page, not a listing")
        except (links.MalformedFeed, content.UnsupportedContent, CommuniqueError) as e:
            reason = e.one_line() if isinstance(e, CommuniqueError) else str(e)
            self._settle(row, "failed", "failed", reason, http={**http, "error": reason})
            return
        self._settle(
            row, "done", "unchanged" if unchanged else "listed", found=found, http=http, body=keep
        )


def _reason(o: store.Outcome) -> str:
    msg = o.message or o.status
    prefix = f"{o.source}: "
    return msg[len(prefix) :] if msg.startswith(prefix) else msg


def state_content_type(engine: Engine, url: str) -> str | None:
    import sqlalchemy as sa

    from communique.archive import db
    from communique.archive import schema as t

    with db.read_tx(engine) as conn:
        return conn.execute(
            sa.select(t.fetch_state.c.content_type).where(t.fetch_state.c.url == url)
        ).scalar()


def crawl(
    engine: Engine,
    start_url: str,
    options: CrawlOptions | None = None,
    *,
    on_event: Callable[[Event], None] | None = None,
) -> Summary:
    return Crawler(engine, options or CrawlOptions(), on_event=on_event).run(start_url)


# ------------------------------------------------------------------ single pages


def ingest_urls(
    engine: Engine,
    urls: list[str],
    config: FetchConfig | None = None,
    *,
    on_each: Callable[[store.Outcome], None] | None = None,
    executor: Executor | None = None,
    ahead: int = EXTRACT_AHEAD,
) -> list[store.Outcome]:
    """Fetch and store single pages (conditionally when fetched before). With an
    ``executor`` (a process pool, a Dask client's) the pages are extracted there while
    the next ones are fetched, at most ``ahead`` of them at a time, and stored here in
    the order given."""
    from communique.archive.parallel import extract_fetched

    out: list[store.Outcome] = []
    waiting: deque = deque()  # outcomes, or pages being extracted, in the order given

    def settle(wait: int) -> None:
        while waiting and (wait > 0 or not isinstance(waiting[0], tuple) or waiting[0][-1].done()):
            item = waiting.popleft()
            wait -= 1
            if isinstance(item, tuple):
                f, body, http, fut = item
                try:
                    extracted = fut.result()
                except Exception:  # noqa: BLE001 - the worker is gone: extract it here
                    extracted = None
                item = store.ingest_content(
                    engine,
                    body,
                    source=f.final_url,
                    content_type=f.content_type,
                    http=http,
                    extracted=extracted,
                )
            out.append(item)
            if on_each:
                on_each(item)

    with Fetcher(
        config or FetchConfig(), remember=lambda u: state.remembered(engine, u)
    ) as fetcher:
        try:
            for raw_url in urls:
                url = strip_fragment(raw_url.strip())
                fetcher.allow_network_of(url)  # the user named it
                kept = state.remembered(engine, url) if state.has_document(engine, url) else None
                etag, last_modified, _ = kept or (None, None, None)
                f = fetcher.fetch(url, etag=etag, last_modified=last_modified)
                if f.error is not None:
                    if f.status is not None or not f.disallowed:
                        state.record(engine, _http(url, f, "readout"))
                    waiting.append(store.Outcome(url, "error", message=f"{url}: {f.error}"))
                elif f.not_modified:
                    state.record(engine, _http(url, f, "readout"))
                    msg = f"{url}: unchanged since the last fetch"
                    waiting.append(store.Outcome(url, "present", message=msg))
                else:
                    body = f.body or b""
                    canonical = None
                    try:
                        if content.kind_of(body, f.content_type) == "html":
                            canonical = _canonical(body, f.content_type, f.final_url)
                    except content.UnsupportedContent:
                        pass
                    http = _http(url, f, "readout", canonical=canonical)
                    if executor is not None:
                        item = (body, f.final_url, f.content_type)
                        waiting.append((f, body, http, executor.submit(extract_fetched, item)))
                    else:
                        waiting.append(
                            store.ingest_content(
                                engine,
                                body,
                                source=f.final_url,
                                content_type=f.content_type,
                                http=http,
                            )
                        )
                settle(len(waiting) - ahead)
            settle(len(waiting))
        finally:
            for item in waiting:
                if isinstance(item, tuple):
                    item[-1].cancel()
    return out
