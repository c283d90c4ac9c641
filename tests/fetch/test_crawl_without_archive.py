"""The crawler without a database: it only fetches and hands pages on, through the
:class:`~communique.fetch.crawl.CrawlLog` and :class:`~communique.fetch.crawl.Readouts`
it is given (issue 12). Here both are kept in memory, against the fixture ministry
site on 127.0.0.1; nothing imports the archive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterable

from sitekit import readout_path

from communique.fetch.crawl import CrawlOptions, Page, crawl

INDEX = "/press/index.html"


@dataclasses.dataclass
class Row:
    id: int
    url: str
    kind: str
    depth: int
    listed_date: dt.date | None
    state: str = "pending"
    outcome: str | None = None


class MemoryLog:
    """A crawl's state in dictionaries: the URLs' answers and one crawl's frontier."""

    def __init__(self) -> None:
        self.answers: dict[str, dict] = {}
        self.bodies: dict[str, bytes] = {}
        self.rows: list[Row] = []
        self.finished: dict | None = None

    def remembered(self, url: str) -> tuple | None:
        h = self.answers.get(url)
        if h is None or (h.get("etag") is None and h.get("last_modified") is None):
            return None
        return h.get("etag"), h.get("last_modified"), self.bodies.get(url)

    def has_document(self, url: str) -> bool:
        return url in self.answers and self.answers[url].get("kind") == "readout"

    def content_type(self, url: str) -> str | None:
        return self.answers.get(url, {}).get("content_type")

    def record(self, http: dict, *, body: bytes | None = None) -> None:
        if http.get("not_modified") or http.get("error"):
            return
        self.answers[http["url"]] = http
        if body is not None:
            self.bodies[http["url"]] = body

    def open_crawl(self, start_url: str, options: dict) -> tuple[int, bool]:
        if self.rows:
            return 1, True
        self.rows.append(Row(1, start_url, "start", 0, None))
        return 1, False

    def pending(self, crawl_id: int, exclude: Iterable[int], limit: int) -> list[Row]:
        ex = set(exclude)
        return [r for r in self.rows if r.state == "pending" and r.id not in ex][:limit]

    def settle(self, row_id: int, **kw: object) -> None:
        if kw.get("http") is not None:
            self.record(kw["http"], body=kw.get("body"))  # type: ignore[arg-type]
        known = {r.url for r in self.rows}
        for ln in kw.get("links") or ():  # type: ignore[union-attr]
            if ln.url not in known:
                known.add(ln.url)
                row = Row(len(self.rows) + 1, ln.url, ln.kind, kw["depth"] + 1, ln.date)
                self.rows.append(row)
        row = self.rows[row_id - 1]
        row.state, row.outcome = kw["state"], kw["outcome"]

    def counts(self, crawl_id: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rows:
            key = r.outcome or r.state
            out[key] = out.get(key, 0) + 1
        return out

    def finish_crawl(self, crawl_id: int, summary: dict) -> None:
        self.finished = summary


@dataclasses.dataclass
class Kept:
    source: str
    status: str
    document_id: int | None
    message: str | None = None
    engagements: int = 0


def page_size(page: Page) -> int:
    """What a worker process does with a page here: measure it (picklable)."""
    return len(page.body)


class PageList:
    """Readouts kept as a list of pages: what the crawler hands on."""

    prepare = staticmethod(page_size)

    def __init__(self) -> None:
        self.pages: list[tuple[Page, int | None]] = []

    def store(self, page: Page, prepared: int | None = None) -> Kept:
        self.pages.append((page, prepared))
        return Kept(page.url, "stored", len(self.pages))


def test_a_crawl_hands_every_readout_on_and_keeps_its_state_in_the_log(site, fast):
    log, readouts = MemoryLog(), PageList()
    s = crawl(log, readouts, site.url(INDEX), CrawlOptions(config=fast))
    assert s.finished and not s.failures and log.finished is not None
    assert s.counts["listed"] == 5 and s.counts["stored"] == 51
    urls = {p.url for p, _n in readouts.pages}
    assert {site.url(readout_path(i)) for i in range(1, 51)} <= urls
    first = next(p for p, _n in readouts.pages if p.url == site.url(readout_path(1)))
    assert b"Hana Sato" in first.body and first.content_type.startswith("text/html")
    assert first.http["url"] == first.url and first.http["status"] == 200
    # a second run over the same log resumes the finished frontier: nothing pending
    again = crawl(log, readouts, site.url(INDEX), CrawlOptions(config=fast))
    assert again.resumed and again.requests == 0 and len(readouts.pages) == 51


def test_pages_prepared_on_worker_processes_are_handed_on_with_what_the_workers_made(site, fast):
    readouts = PageList()
    s = crawl(MemoryLog(), readouts, site.url(INDEX), CrawlOptions(config=fast, workers=2))
    assert s.finished and s.counts["stored"] == 51
    assert all(n == len(p.body) for p, n in readouts.pages if n is not None)
    assert any(n is not None for _p, n in readouts.pages)


def test_the_fetch_package_starts_without_the_archive():
    code = (
        "import sys, communique.fetch.crawl, communique.fetch.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('communique.archive', "
        "'communique.ingest', 'communique.extract', 'sqlalchemy')))\n"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
