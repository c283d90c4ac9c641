"""Crawling the fixture ministry site: listings, feeds, sitemaps, PDFs, encodings,
re-runs that send only conditional requests, --since/--max-pages, and bad input
reported per URL while the crawl goes on. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
import sitekit
from sitekit import archive_dump, query, readout_date, readout_path

from communique.cli import main
from communique.fetch import policy
from communique.fetch.crawl import CrawlOptions
from communique.ingest import Archive
from communique.ingest.fetched import crawl

INDEX = "/press/index.html"


def run(db_url: str, url: str, cfg, **kw):  # noqa: ANN001, ANN201
    events = []
    with Archive(db_url) as a:
        s = crawl(a.engine, url, CrawlOptions(config=cfg, **kw), on_event=events.append)
    return s, events


def test_index_with_pagination_gives_every_readout_and_the_pdf(site, db_url, fast):
    s, events = run(db_url, site.url(INDEX), fast)
    assert s.finished and not s.failures
    assert s.counts["listed"] == 5  # the five index pages, found by their pagination
    assert s.counts["stored"] == 51  # 50 readouts and the PDF
    docs = query(db_url, "SELECT source, title, published, content_type, text FROM documents")
    by_source = {d.source: d for d in docs}
    for i in range(1, 51):
        d = by_source[site.url(readout_path(i))]
        assert d.published == readout_date(i).isoformat()
        assert d.title.startswith("Foreign Minister Hana Sato meets")
        assert "Staff area" not in d.text and "All rights reserved" not in d.text
    pdf = by_source[site.url("/press/2024/readout-pdf.pdf")]
    assert pdf.content_type == "application/pdf"
    assert "Julien Moreau" in pdf.text
    n_eng = query(db_url, "SELECT count(*) FROM engagements")[0][0]
    assert n_eng >= 40
    # robots.txt obeyed (read once), the forbidden path never requested, a clear UA
    assert [r["path"] for r in site.log].count("/robots.txt") == 1
    assert not site.requests("/private/")
    assert {r["ua"] for r in site.log} == {policy.USER_AGENT}
    assert policy.USER_AGENT.startswith("communique/")
    # the canonical URL is kept with the fetch state
    canon = query(
        db_url, "SELECT canonical FROM fetch_state WHERE url = :u", u=site.url(readout_path(4))
    )
    assert canon[0][0] == site.url(readout_path(4))


def test_second_crawl_of_an_unchanged_site_sends_only_conditional_requests(site, db_url, fast):
    first, _ = run(db_url, site.url(INDEX), fast)
    n_first = len(site.log)
    before = archive_dump(db_url)
    second, _ = run(db_url, site.url(INDEX), fast)
    again = site.log[n_first:]
    assert len(again) == n_first  # the same URLs, each once
    assert all(r["inm"] or r["ims"] for r in again), [r for r in again if not r["inm"]]
    assert {r["status"] for r in again} == {304}
    assert archive_dump(db_url) == before  # not one row written
    assert second.counts["unchanged"] == 56 and second.counts["stored"] == 0
    assert second.finished and second.crawl_id != first.crawl_id


def test_a_changed_page_is_stored_again_and_nothing_else(site, db_url, fast):
    run(db_url, site.url(INDEX), fast)
    site.changed[readout_path(3)] = sitekit.readout_html(
        3, site.base, extra="A correction was added on June 2."
    )
    site.changed[readout_path(4)] = sitekit.readout_html(
        4, site.base, extra="A correction was added on June 2."
    )
    s, _ = run(db_url, site.url(INDEX), fast)
    assert s.counts["stored"] == 2 and s.counts["unchanged"] == 54
    rows = query(
        db_url, "SELECT count(*) FROM documents WHERE source = :u", u=site.url(readout_path(3))
    )
    assert rows[0][0] == 2  # both versions kept


@pytest.mark.parametrize(
    ("path", "stored"), [("/feed.xml", 10), ("/atom.xml", 5), ("/sitemap.xml", 51)]
)
def test_feeds_and_sitemaps(site, db_url, fast, path, stored):
    s, _ = run(db_url, site.url(path), fast)
    assert s.counts["stored"] == stored and not s.failures
    assert s.counts["listed"] == 1


def test_since_skips_older_readouts_and_stops_paginating(site, db_url, fast):
    since = dt.date(2024, 4, 20)
    s, events = run(db_url, site.url(INDEX), fast, since=since)
    newer = [i for i in range(1, 51) if readout_date(i) >= since]
    assert s.counts["stored"] == len(newer) + 1  # and the PDF of May 21
    # page 2 lists only older readouts: pages 3-5 are never asked for
    assert s.counts["listed"] == 2
    assert not site.requests("/press/index-3")
    assert not any(site.requests(readout_path(i)) for i in range(1, 51) if i not in newer)
    s2, _ = run(db_url, site.url("/sitemap.xml"), fast, since=dt.date(2024, 5, 1))
    assert s2.counts["skipped"] == 45  # 51 listed, 6 dated May 2024 or later


def test_max_pages_bounds_a_run_and_the_next_run_goes_on(site, db_url, fast):
    s1, _ = run(db_url, site.url(INDEX), fast, max_pages=10)
    assert not s1.finished and s1.left > 0
    assert len([r for r in site.log if r["path"] != "/robots.txt"]) == 10
    runs = 1
    while True:
        s, _ = run(db_url, site.url(INDEX), fast, max_pages=20)
        runs += 1
        assert s.resumed and s.crawl_id == s1.crawl_id
        if s.finished:
            break
        assert runs < 6
    assert query(db_url, "SELECT count(*) FROM documents")[0][0] == 51
    pages = [r["path"] for r in site.log if r["path"] != "/robots.txt"]
    assert len(pages) == len(set(pages)) == 56  # nothing fetched twice


def test_bad_input_is_reported_per_url_and_the_crawl_goes_on(site, db_url, fast, capsys):
    t0 = time.monotonic()
    code = main(
        [
            "crawl",
            site.url("/bad-index.html"),
            "--db",
            db_url,
            "--follow",
            r"^https?://127\.0\.0\.1[:/]",  # names the other ports' host: followed
            "--json",
        ]
    )
    took = time.monotonic() - t0
    out, err = capsys.readouterr()
    assert code == 1
    summary = json.loads(out)
    reasons = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in summary["failures"]}
    assert reasons["unreachable.html"].startswith("cannot connect")
    assert reasons["tls.html"].startswith("TLS failure")
    assert reasons["image.png"].startswith("unsupported content type 'image/png'")
    assert reasons["broken-feed.xml"].startswith("malformed feed")
    assert reasons["a"].startswith("redirect loop")
    assert "too large" in reasons["huge.html"]
    assert "Content-Length" in reasons["huge-declared.html"]
    assert "read timeout" in reasons["slow.html"]
    assert reasons["missing.html"] == "HTTP 404 Not Found"
    assert summary["failed"] == len(summary["failures"]) == 9
    assert summary["skipped"] == 1  # /private/ (robots.txt)
    # 429 then 200 and 503 then 200 both end up read; they serve the same readout, so
    # the second is that document under another URL (present), not a second document;
    # the two readouts and the two legacy-encoded pages are stored
    assert summary["stored"] == 5 and summary["present"] == 1
    aliases = query(db_url, "SELECT location FROM document_aliases")
    assert [a[0].rsplit("/", 1)[-1] for a in aliases] in (["busy.html"], ["flaky.html"])
    for name in reasons:
        assert f"{name}: " in err  # each failure also on stderr, one line
    busy = [r for r in site.log if r["path"] == "/busy.html"]
    assert [r["status"] for r in busy] == [429, 200]
    assert took >= 1.0  # Retry-After: 1 was honoured
    assert took < 15
    # the 50 MB bodies were not read to the end
    huge = [r for r in site.log if r["path"].startswith("/huge")]
    assert all(r.get("sent", 0) < sitekit.HUGE_BYTES for r in huge)
    assert not site.requests("/private/")


def test_legacy_encodings_decode_and_reextract_without_refetching(site, db_url, fast):
    with Archive(db_url) as a:
        from communique.ingest.fetched import ingest_urls

        outs = ingest_urls(
            a.engine,
            [site.url("/legacy/sjis.html"), site.url("/legacy/cp1251.html")],
            fast,
        )
        assert [o.status for o in outs] == ["stored", "stored"]
    docs = {
        d.source.rsplit("/", 1)[-1]: d
        for d in query(db_url, "SELECT source, text, content_type FROM documents")
    }
    assert "電話会談" in docs["sjis.html"].text
    assert docs["sjis.html"].content_type == "text/html; charset=shift_jis"
    assert "Министр иностранных дел" in docs["cp1251.html"].text
    site.__exit__()  # the site is gone: re-extraction reads the kept raw bytes
    with Archive(db_url) as a:
        report = a.reextract()
    assert report.count("failed") == 0 and len(report.outcomes) == 2


def test_reextract_reads_a_kept_pdf(site, db_url, fast):
    with Archive(db_url) as a:
        from communique.ingest.fetched import ingest_urls

        (o,) = ingest_urls(a.engine, [site.url("/press/2024/readout-pdf.pdf")], fast)
        assert o.status == "stored"
        n = len(site.log)
        report = a.reextract()
    assert report.count("failed") == 0
    assert len(site.log) == n
