"""``crawl --workers N`` (issue 13): the readouts are extracted on a process pool while
the crawl goes on fetching, and stored in the order they were fetched, so the archive is
the one a crawl extracting in one process builds. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys

from sitekit import query

from communique.fetch.crawl import CrawlOptions
from communique.ingest import Archive
from communique.ingest.fetched import crawl

INDEX = "/press/index.html"

TABLES = {
    "documents": "SELECT id, source, url, content_hash, content_type, title, published, "
    "publisher, error, text FROM documents ORDER BY id",
    "extractions": "SELECT id, document_id, result FROM extractions ORDER BY id",
    "engagements": "SELECT id, document_id, position, name, mode, date, date_reason, event_id "
    "FROM engagements ORDER BY id",
    "participants": "SELECT engagement_id, position, name, title, country, person_id "
    "FROM participants ORDER BY engagement_id, position",
    "fetch_state": "SELECT url, document_id, content_hash, etag FROM fetch_state ORDER BY url",
}


def test_crawl_with_two_workers_stores_what_one_process_stores(site, tmp_path, fast):
    fast.concurrency = 1  # one fetch at a time: the same order of pages in both crawls
    got = {}
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        events = []
        with Archive(url) as a:
            s = crawl(
                a.engine,
                site.url(INDEX),
                CrawlOptions(config=fast, workers=workers),
                on_event=events.append,
            )
            a.relink()
        assert s.finished and not s.failures
        assert s.counts["stored"] == 51  # 50 readouts and the PDF
        stored = [e.document_id for e in events if e.outcome == "stored"]
        assert stored == sorted(stored)  # settled in the order stored
        got[workers] = {k: query(url, q) for k, q in TABLES.items()}
    assert len(got[2]["engagements"]) >= 40
    assert got[2] == got[1]


def test_crawl_workers_must_be_one_or_more(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "communique.cli", "crawl", "--db", f"sqlite:///{tmp_path / 'a.db'}"]
        + ["--workers", "0", "http://127.0.0.1:9/index.html"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "1 or more" in proc.stderr
