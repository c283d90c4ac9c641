"""A fetched readout is decoded once on the way in (issue 12): the crawler hands its
bytes on undecoded, and the ingest path decodes them once for its canonical URL, its
text and its extraction."""

from __future__ import annotations

from sitekit import readout_path

from communique.ingest import Archive
from communique.ingest.fetched import ingest_urls


def test_a_fetched_page_is_decoded_once(site, db_url, fast, decodes):
    url = site.url(readout_path(3))
    with Archive(db_url) as a:
        out: list = []
        n = decodes(lambda: out.extend(ingest_urls(a.engine, [url], fast)))
    assert [o.status for o in out] == ["stored"]
    assert n == 1
