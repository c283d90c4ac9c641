"""The crawler against a hostile site on 127.0.0.1 (``hostile.py``): stacked gzip bombs,
headers sent a byte at a time, redirects and feed links into the local network."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from hostile import HostileSite, stacked_gzip_bomb
from sitekit import query

from communique.cli import main
from communique.fetch import decoding
from communique.fetch.client import Fetcher
from communique.fetch.crawl import CrawlOptions
from communique.fetch.network import kind_of, system_resolve
from communique.ingest import Archive
from communique.ingest.fetched import crawl, ingest_urls

BOMB = 64 * 1024 * 1024
LIMIT = 1024 * 1024


@pytest.fixture(scope="module")
def hostile():
    with HostileSite(BOMB) as h:
        yield h


@pytest.fixture
def local_fast(fast):
    fast.max_bytes = LIMIT
    fast.total_timeout = 1.0
    return fast


#: the test's resolver: a real resolution function with a few names of its own
NAMES = {
    "intranet.test": ["192.168.7.7"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.215.14", "10.0.0.5"],
}


def resolve(host: str, port: int) -> list[str]:
    return NAMES.get(host) or system_resolve(host, port)


def test_address_kinds():
    assert kind_of("127.0.0.1") == kind_of("::1") == kind_of("::ffff:127.0.0.1") == "loopback"
    assert kind_of("10.1.2.3") == kind_of("192.168.0.1") == kind_of("fd12::1") == "private"
    assert kind_of("100.64.0.1") == "private"  # carrier-grade NAT
    assert kind_of("169.254.1.1") == kind_of("fe80::1") == "link-local"
    assert kind_of("169.254.169.254") == kind_of("fd00:ec2::254") == "metadata"
    assert kind_of("0.0.0.0") == kind_of("::") == "loopback"  # both reach this machine
    assert kind_of("224.0.0.1") == "reserved" and kind_of("192.0.2.1") is not None
    assert kind_of("93.184.215.14") is None and kind_of("2606:4700::1") is None


def test_stacked_gzip_bomb_stops_at_the_limit_before_decompressing_it_all():
    body = stacked_gzip_bomb(BOMB)
    dec = decoding.Decoder("gzip, gzip")
    tracemalloc.start()
    out = 0
    for piece in dec.decode(body):
        out += len(piece)
        if out > LIMIT:
            break
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert LIMIT < out <= LIMIT + decoding.PIECE_BYTES
    assert peak < 4 * LIMIT  # a few pieces per layer, not the 64 MiB
    # the whole bomb, for contrast, really is that large
    assert sum(len(p) for p in decoding.Decoder("gzip, gzip").decode(body)) == BOMB


def test_decoder_refuses_what_it_cannot_decode():
    with pytest.raises(decoding.EncodingError, match="unsupported Content-Encoding: br"):
        decoding.Decoder("br")
    with pytest.raises(decoding.EncodingError, match="4 layers"):
        decoding.Decoder("gzip, gzip, gzip, gzip")
    with pytest.raises(decoding.EncodingError, match="corrupt gzip"):
        list(decoding.Decoder("gzip").decode(b"\x1f\x8bnot gzip at all"))
    import zlib

    raw = zlib.compressobj(wbits=-15)
    data = raw.compress(b"hello") + raw.flush()
    assert b"".join(decoding.Decoder("deflate").decode(data)) == b"hello"


def test_a_stacked_gzip_bomb_is_a_one_line_error(hostile, local_fast):
    local_fast.allow_private = True
    t0 = time.monotonic()
    with Fetcher(local_fast) as f:
        r = f.fetch(hostile.url("/bomb"))
    assert time.monotonic() - t0 < 5
    assert r.body is None
    assert r.error.startswith("response too large")
    assert "\n" not in r.error


def test_headers_a_byte_at_a_time_end_at_the_total_timeout(hostile, local_fast):
    local_fast.allow_private = True
    local_fast.read_timeout = 0.5  # each byte comes well within it
    t0 = time.monotonic()
    with Fetcher(local_fast) as f:
        r = f.fetch(hostile.slow_url)
    took = time.monotonic() - t0
    assert r.error == "no complete answer within 1 s (total timeout)"
    assert took < 3  # robots.txt and the page each get at most the 1 s


def test_local_addresses_are_refused_without_a_request(hostile, local_fast):
    before = len(hostile.log)
    with Fetcher(local_fast) as f:
        r = f.fetch(hostile.url("/readout.html"))
    assert r.error.startswith("refused to connect to 127.0.0.1 (127.0.0.1): a loopback")
    assert "--allow-private" in r.error
    assert len(hostile.log) == before  # not even robots.txt was asked
    local_fast.allow_private = True
    with Fetcher(local_fast) as f:
        assert f.fetch(hostile.url("/readout.html")).ok


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://metadata.test/computeMetadata/v1/", "metadata"),
        ("http://intranet.test/admin", "private"),
        ("http://mixed.test/", "private"),  # one private address is enough
        ("http://[fe80::1]/", "link-local"),
    ],
)
def test_redirects_into_the_local_network_are_refused(hostile, local_fast, db_url, target, kind):
    local_fast.resolver = resolve
    with Archive(db_url, create=True) as a:
        out = ingest_urls(a.engine, [hostile.url(f"/redirect?to={target}")], local_fast)
    assert out[0].status == "error"
    assert f"a {kind} address" in out[0].message
    assert query(db_url, "SELECT count(*) FROM documents")[0][0] == 0


def test_a_start_url_on_loopback_allows_loopback_only(hostile, local_fast, db_url):
    local_fast.resolver = resolve
    feed = hostile.url(
        "/feed.xml?items="
        + ",".join(
            [
                hostile.url("/a.html"),
                hostile.url("/redirect?to=http://intranet.test/b.html"),
            ]
        )
    )
    with Archive(db_url, create=True) as a:
        s = crawl(a.engine, feed, CrawlOptions(config=local_fast))
    assert s.counts["stored"] == 1
    [failure] = s.failures
    assert (
        "refused to connect to intranet.test (192.168.7.7): a private address"
        in (failure["reason"])
    )
    sources = [r[0] for r in query(db_url, "SELECT source FROM documents")]
    assert sources == [hostile.url("/a.html")]


def test_allow_private_lets_a_page_lead_anywhere(hostile, local_fast, db_url):
    local_fast.allow_private = True
    NAMES["lan.test"] = ["127.0.0.1"]
    local_fast.resolver = resolve
    with Archive(db_url, create=True) as a:
        target = f"http://lan.test:{hostile.port}/c.html"
        out = ingest_urls(a.engine, [hostile.url(f"/redirect?to={target}")], local_fast)
    assert out[0].status == "stored"


def test_feed_links_stay_on_the_feeds_host_unless_follow_names_another(hostile, local_fast, db_url):
    other = f"http://localhost:{hostile.port}/elsewhere/d.html"
    feed = hostile.url("/feed.xml?items=" + ",".join([hostile.url("/here/e.html"), other]))
    for follow, fetched in [
        (None, False),
        (r"/(here|elsewhere)/", False),  # matches, but does not name localhost
        (r"^http://localhost:\d+/elsewhere/|/here/", True),
    ]:
        hostile.log.clear()
        with Archive(db_url, create=True) as a:
            crawl(a.engine, feed, CrawlOptions(config=local_fast, follow=follow))
        assert "/here/e.html" in hostile.paths()  # the feed's own host, always
        assert ("/elsewhere/d.html" in hostile.paths()) is fetched, follow


def test_crawl_cli_reports_a_refused_redirect_in_one_line(hostile, fast, db_url, capsys):
    url = hostile.url("/feed.xml?items=" + hostile.url("/redirect?to=http://10.9.9.9/x.html"))
    code = main(["crawl", url, "--db", db_url, "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    [failure] = json.loads(out)["failures"]
    assert failure["reason"].startswith("refused to connect to 10.9.9.9 (10.9.9.9): a private")
    assert "Traceback" not in err


def test_a_readout_over_the_time_budget_fails_and_the_crawl_goes_on(
    hostile, local_fast, db_url, monkeypatch
):
    from communique.ingest import worker

    quick = "On May 2, 2024, Foreign Minister Hana Sato met Mr. Julien Moreau in Tokyo.\n"
    worker.extract_within(quick, "warm-up", None)
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 0.02)
    local_fast.concurrency = 1  # in the feed's order: the slow one, then a fresh worker
    feed = hostile.url(
        "/feed.xml?items=" + ",".join([hostile.url("/slow.txt"), hostile.url("/q.html")])
    )
    with Archive(db_url, create=True) as a:
        s = crawl(a.engine, feed, CrawlOptions(config=local_fast))
        failed = a.failed()
    assert s.counts["stored"] == 1 and s.counts["failed"] == 1, (s.to_json(), failed)
    [f] = s.failures
    assert f["url"].endswith("/slow.txt") and f["reason"].startswith("E108")
    assert [d["source"].rsplit("/", 1)[1] for d in failed] == ["slow.txt"]  # kept, to retry


def test_a_listing_nested_200000_deep_is_read_in_seconds():
    from communique.fetch.links import index_links

    n = 200_000
    html = "<html><body>" + "<div>" * n + "<p>Readouts</p>" + "</div>" * n + "</body></html>"
    t0 = time.monotonic()
    readouts, pages = index_links(html, "http://x.test/press/")
    assert time.monotonic() - t0 < 10  # minutes without the depth cap
    assert readouts == [] and pages == []
