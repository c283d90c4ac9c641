"""Dates completed in the archive: the day from the text, the year from the document."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.archive import Archive, dating

TEXT = (
    "Japan-Kenya Foreign Ministers' Working Dinner\n\n"
    "On August 25, commencing at 6:55 p.m. for approximately 80 minutes, Ms. Yoko Kamikawa, "
    "Minister for Foreign Affairs of Japan, held a working dinner with H.E. Dr. Wycliffe "
    "Musalia Mudavadi, Prime Cabinet Secretary and Cabinet Secretary for Foreign and "
    "Diaspora Affairs of the Republic of Kenya. The overview is as follows.\n"
)


@pytest.mark.parametrize(
    ("url", "want"),
    [
        (
            "https://www.mod.go.jp/en/article/2022/11/20ecf4a4.html",
            (dt.date(2022, 11, 30), "2022/11"),
        ),
        ("https://example.org/2019-02-16-readout", (dt.date(2019, 2, 16), "2019-02-16")),
        ("https://example.org/news/2010/readout", (dt.date(2010, 12, 31), "2010")),
        ("https://www.mofa.go.jp/press/release/press4e_000660.html", None),
        (None, None),
    ],
)
def test_url_dates(url, want):
    assert dating.url_anchor(url) == want


def test_year_from_the_url(db_url, tmp_path):
    f = tmp_path / "dinner.txt"
    f.write_text(TEXT.replace("Kamikawa", "Kamikawa-X"), encoding="utf-8")
    with Archive(db_url) as a:
        a.ingest([str(f)], source="https://example.org/press/2024/08/dinner.html")
        (e,) = a.engagements()
    assert e["date"] == "2024-08-25"
    assert e["accounts"][0]["date_reason"] == (
        "the day 'August 25' in its sentence, the year from the URL (2024/08)"
    )


def test_year_from_the_terms_of_office_only_when_one_year_fits(db_url, tmp_path):
    f = tmp_path / "dinner.txt"
    f.write_text(TEXT, encoding="utf-8")
    g = tmp_path / "other.txt"  # Kishida and Klimkin were both in office 2014-2017
    g.write_text(
        "On March 2, Mr. Fumio Kishida, Minister for Foreign Affairs of Japan, held a meeting "
        "with Mr. Pavlo Klimkin, Minister for Foreign Affairs of Ukraine.\n",
        encoding="utf-8",
    )
    with Archive(db_url) as a:
        a.ingest([str(f), str(g)])
        evs = a.engagements()
    dates = sorted(str(e["date"]) for e in evs)
    assert dates == ["2024-08-25", "None"]


def test_no_day_in_the_text_stays_undated(db_url, tmp_path):
    f = tmp_path / "today.txt"
    f.write_text(
        "President Joseph R. Biden, Jr. met today with Prime Minister Keir Starmer of the "
        "United Kingdom at the White House.\n",
        encoding="utf-8",
    )
    with Archive(db_url) as a:
        a.ingest([str(f)], source="https://example.org/2024/07/readout")
        (e,) = a.engagements()
    assert e["date"] is None


def test_year_from_the_crawls_last_modified(db_url):
    """A real HTTP server on 127.0.0.1 serves a readout with no year but a Last-Modified
    header; communique ingest URL dates the meeting with it."""
    import http.server
    import threading

    page = (
        b"<html><head><title>Japan-Ukraine Foreign Ministers' Meeting</title></head><body><main>"
        b"<h1>Japan-Ukraine Foreign Ministers' Meeting</h1><p>On March 2, Mr. Fumio Kishida, "
        b"Minister for Foreign Affairs of Japan, held a meeting with Mr. Pavlo Klimkin, Minister "
        b"for Foreign Affairs of Ukraine.</p></main></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path != "/press/readout.html":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Last-Modified", "Fri, 04 Mar 2016 09:00:00 GMT")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        from communique.cli import main

        url = f"http://127.0.0.1:{srv.server_address[1]}/press/readout.html"
        assert main(["ingest", "--db", db_url, "-q", url]) == 0
    finally:
        srv.shutdown()
    with Archive(db_url) as a:
        (e,) = a.engagements()
    assert e["date"] == "2016-03-02"
    assert e["accounts"][0]["url"] == url
    assert "Last-Modified (2016-03-04)" in e["accounts"][0]["date_reason"]


ABE_HOLLANDE = (
    "Japan-France Summit Meeting\n\n"
    "On June 7, Mr. Shinzo Abe, Prime Minister of Japan, held a summit meeting with "
    "Mr. Francois Hollande, President of the French Republic, who is paying a state visit "
    "to Japan.\n"
)


@pytest.mark.parametrize("dated_first", [True, False])
def test_year_from_another_account_of_the_meeting(db_url, tmp_path, dated_first):
    """No year anywhere and several years fit both terms of office: a dated account of
    the same meeting by another document gives it, whichever arrives first."""
    from records import add_document, engagement, person

    f = tmp_path / "summit.txt"
    f.write_text(ABE_HOLLANDE, encoding="utf-8")
    with Archive(db_url) as a:
        if not dated_first:
            a.ingest([str(f)])
            assert a.engagements()[0]["date"] is None
        other = add_document(
            a,
            [
                engagement(
                    "2013-06-07",
                    [
                        person("Shinzo Abe", "Abe", "Prime Minister", "JPN"),
                        person("François Hollande", "Hollande", "President", "FRA"),
                    ],
                )
            ],
        )
        if dated_first:
            a.ingest([str(f)])
        a.relink()
        evs = a.engagements()
    accounts = [x for e in evs for x in e["accounts"] if x["document_id"] != other]
    assert len(accounts) == 1
    assert accounts[0]["date_reason"] == (
        "the day 'June 7' in its sentence, the year from another account of the meeting "
        f"(document {other})"
    )
    assert [e["date"] for e in evs] == ["2013-06-07"]  # and the two accounts are one event
