"""Pieces of the fetcher: Retry-After, feeds, listings, content kinds, PDFs."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time

import pytest
import sitekit

from communique.errors import InputError
from communique.fetch import content, links
from communique.fetch.client import Fetcher, retry_after_seconds


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds("7") == 7.0
    now = time.time()
    when = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= retry_after_seconds(when, now) <= 31
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_too_long_a_retry_after_is_not_waited_for(site, fast):
    fast.max_retry_after = 0.5
    fast.allow_private = True  # the fixture site is on 127.0.0.1
    with Fetcher(fast) as f:
        got = f.fetch(site.url("/busy.html"))
    assert got.error.startswith("HTTP 429, Retry-After 1 s is longer than 0.5 s")
    assert got.requests == 1


def test_per_host_delay_spaces_requests(site, fast):
    fast.delay = 0.2
    fast.allow_private = True  # the fixture site is on 127.0.0.1
    with Fetcher(fast) as f:
        t0 = time.monotonic()
        for i in (1, 2, 3):
            assert f.fetch(site.url(sitekit.readout_path(i))).ok
        took = time.monotonic() - t0
    assert took >= 0.6  # robots.txt + three pages, 0.2 s apart


def test_crawl_delay_of_robots_txt_is_obeyed(site, fast):
    site.changed["/robots.txt"] = "User-agent: communique\nCrawl-delay: 1\nDisallow:\n"
    fast.allow_private = True  # the fixture site is on 127.0.0.1
    with Fetcher(fast) as f:
        t0 = time.monotonic()
        f.fetch(site.url(sitekit.readout_path(1)))
        f.fetch(site.url(sitekit.readout_path(2)))
        assert time.monotonic() - t0 >= 0.6


def test_feed_links_of_rss_atom_and_sitemaps():
    base = "http://127.0.0.1:1"
    kind, got = links.feed_links(sitekit.rss(base).encode(), base + "/feed.xml")
    assert kind == "rss" and len(got) == 10
    assert got[0] == links.Link(base + sitekit.readout_path(1), "readout", dt.date(2024, 5, 20))
    kind, got = links.feed_links(sitekit.atom(base).encode(), base + "/atom.xml")
    assert kind == "atom" and got[1].url == base + sitekit.readout_path(2)
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>'
    assert links.feed_links(index, base + "/sitemap.xml") == (
        "sitemapindex",
        [links.Link(base + "/s1.xml", "index")],
    )
    for bad in (b"<rss><channel>", b"<html><body>hi</body></html>", b""):
        with pytest.raises(links.MalformedFeed):
            links.feed_links(bad, base)
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    with pytest.raises(links.MalformedFeed, match="entities"):
        links.feed_links(bomb, base)


def test_index_links_skip_chrome_and_find_pagination():
    base = "http://127.0.0.1:1"
    readouts, pages = links.index_links(sitekit.index_html(2), base + "/press/index-2.html")
    assert [p.url for p in pages] == [base + "/press/index-3.html"]
    assert len(readouts) == 10
    assert readouts[0] == links.Link(
        base + sitekit.readout_path(11), "readout", sitekit.readout_date(11)
    )
    assert not any("/about/" in r.url or "/private/" in r.url for r in readouts)
    only_odd = re.compile(r"readout-\d\d[13579]\.html$")
    readouts, _ = links.index_links(
        sitekit.index_html(1), base + "/press/index.html", follow=only_odd
    )
    assert len(readouts) == 5


def test_kind_of_bodies():
    assert content.kind_of(b"<html><body>x</body></html>", "text/html") == "html"
    assert content.kind_of(b"%PDF-1.4 ...", "application/octet-stream") == "pdf"
    assert content.kind_of(b"%PDF-1.4 ...", "text/html") == "pdf"
    assert content.kind_of(b'<?xml version="1.0"?><rss/>', "text/xml") == "xml"
    assert content.kind_of(b'<?xml version="1.0"?><rss/>', "text/html") == "xml"
    assert content.kind_of(b"Plain readout text.", None) == "text"
    with pytest.raises(content.UnsupportedContent, match="image/png"):
        content.kind_of(b"\x89PNG", "image/png")
    with pytest.raises(content.UnsupportedContent):
        content.kind_of(b"PK\x03\x04zip", "application/octet-stream")
    assert content.stored_content_type("html", "text/html; charset=Shift_JIS") == (
        "text/html; charset=shift_jis"
    )


def test_pdf_text_of_a_handwritten_pdf():
    text = content.pdf_text(sitekit.tiny_pdf(["Hello (world)", "Second line"]))
    assert "Hello (world)" in text and "Second line" in text
    with pytest.raises(InputError, match="unreadable PDF|no text"):
        content.pdf_text(b"%PDF-1.4\nnot really a pdf")
