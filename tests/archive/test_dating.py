"""Dates completed in the archive: the day from the text, the year from the document."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from communique.archive import dating
from communique.ingest import Archive

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


# -- the page's own evidence: weekday, conference editions, the site's numbering, the
# -- original a republished copy cites; and archives built before these rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dating"


def _sources() -> dict[str, str]:
    from communique.sources import read_sources_tsv

    return read_sources_tsv(str(FIXTURES / "SOURCES.tsv"))


def _dates(a: Archive) -> dict[str, tuple[str | None, str | None]]:
    """URL -> (date, date_reason) of every account."""
    return {
        x["url"]: (e["date"] and str(e["date"]), x["date_reason"])
        for e in a.engagements()
        for x in e["accounts"]
    }


WANT = {
    "region/page9e_000007.html": (
        "2013-03-26",
        "the day 'March 26' in its sentence, the year the only one in which every named "
        "participant held office (gazetteer/office_holders.tsv) and in which March 26 was a "
        "Tuesday",
    ),
    "990486/": (
        "2023-04-18",
        "the day 'April 18' in its sentence, the year the only one in which every named "
        "participant held office (gazetteer/office_holders.tsv) and in which the G7 Foreign "
        "Ministers' Meeting in Karuizawa (2023-04-16 to 2023-04-18) was held on that day",
    ),
    "press9e_000150.html": (
        "2015-03-02",
        "the day 'March 2' in its sentence, the year the only one in which every named "
        "participant held office (gazetteer/office_holders.tsv) and that the page's place in "
        "its site's numbering allows (after press9e_000100.html of 2014-07-29 and before "
        "press9e_000200.html of 2015-07-29)",
    ),
    "readout-biden-meloni": (
        "2023-07-27",
        "'today' in its sentence, the day from the URL of the original it cites (2023-07-27)",
    ),
}


def _check(found: dict[str, tuple[str | None, str | None]]) -> None:
    for tail, want in WANT.items():
        (url,) = [u for u in found if u.endswith(tail)]
        assert found[url] == want, url


def test_dated_by_the_pages_evidence(db_url):
    with Archive(db_url) as a:
        a.ingest([str(FIXTURES)], sources=_sources())
        found = _dates(a)
    _check(found)
    assert all(d for d, _r in found.values())


def test_relink_dates_an_archive_built_before_these_rules(tmp_path, capsys):
    """A real SQLite archive written by the previous version (commit 959ceba, from the
    files beside it: tests/fixtures/dating/README.md) has these four undated; `communique
    relink` dates them from the stored documents without re-extracting, and the accounts
    of the events follow."""
    import shutil

    from communique.cli import main

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive_before_dating_rules.db", path)
    url = f"sqlite:///{path}"
    with Archive(url) as a:
        before = _dates(a)
        n_extractions = a.engine.connect().exec_driver_sql("SELECT count(*) FROM extractions")
        n_extractions = n_extractions.scalar_one()
    assert sum(1 for d, _r in before.values() if d is None) == 4
    assert main(["relink", "--db", url]) == 0
    assert capsys.readouterr().err.strip() == (
        "relinked; 4 engagements dated from their documents, 0 of 7 still undated"
    )
    with Archive(url) as a:
        _check(_dates(a))
        again = a.engine.connect().exec_driver_sql("SELECT count(*) FROM extractions")
        assert again.scalar_one() == n_extractions  # nothing was re-extracted
    assert main(["relink", "--db", url]) == 0
    assert "0 engagements dated" in capsys.readouterr().err


def test_the_next_relink_dates_an_archive_of_the_previous_rules(db_url):
    """An archive whose dates were left by earlier rules (no ``dating_rules`` mark) is
    dated again by the next relink, on either database, though its records did not
    change."""
    from communique.archive import db
    from communique.archive import schema as t

    with Archive(db_url) as a:
        a.ingest([str(FIXTURES)], sources=_sources())
        with db.write_tx(a.engine) as conn:
            e = t.engagements
            conn.execute(
                e.update().where(e.c.date_reason.is_not(None)).values(date=None, date_reason=None)
            )
            conn.execute(t.archive_state.delete().where(t.archive_state.c.key == "dating_rules"))
        assert a.undated_records() == (4, 7)
        assert a.relink() is True
        assert a.undated_records() == (0, 7)
        _check(_dates(a))
        assert a.relink() is False


NSS = (
    "Japan-France Summit Meeting\n\n"
    "On {weekday}, March 24, commencing at 5:25 p.m. (local time), Mr. Shinzo Abe, Prime "
    "Minister of Japan, who is attending the Nuclear Security Summit in The Hague, held a "
    "summit meeting with Mr. Francois Hollande, President of the French Republic.\n"
)


@pytest.mark.parametrize(
    ("weekday", "want"),
    [
        ("Monday", "2014-03-24"),  # the summit's dates settle the year; the weekday agrees
        ("Tuesday", None),  # the text contradicts itself: never guess
    ],
)
def test_a_conference_edition_and_the_weekday(db_url, tmp_path, weekday, want):
    f = tmp_path / "nss.txt"
    f.write_text(NSS.format(weekday=weekday), encoding="utf-8")
    with Archive(db_url) as a:
        a.ingest([str(f)], source="https://ministry.example.jp/erp/page18e_000065.html")
        (e,) = a.engagements()
    assert (e["date"] and str(e["date"])) == want
    if want:
        assert (
            "the Nuclear Security Summit in The Hague (2014-03-24 to 2014-03-25)"
            in (e["accounts"][0]["date_reason"])
        )


def test_a_numbering_out_of_date_order_says_nothing(db_url, tmp_path):
    """The site's numbers say nothing when its dated pages are not in date order."""
    swap = {"2014": "2016", "2016": "2014"}  # press_100 now after press_300, in time
    for name in ("press_100", "press_300"):
        text = (FIXTURES / f"{name}.txt").read_text("utf-8")
        text = re.sub(r"2014|2016", lambda m: swap[m.group(0)], text)
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    for name in ("press_150", "press_200"):
        (tmp_path / f"{name}.txt").write_text(
            (FIXTURES / f"{name}.txt").read_text("utf-8"), encoding="utf-8"
        )
    with Archive(db_url) as a:
        a.ingest([str(tmp_path)], sources=_sources())
        found = _dates(a)
    (url,) = [u for u in found if u.endswith("press9e_000150.html")]
    assert found[url] == (None, None)


def test_an_alias_finds_the_persons_other_offices(db_url, tmp_path):
    """ "Josep Borrell Fontelles" is written on his EU row only; as Spain's foreign
    minister (2018-2019) beside Taro Kono (2017-2019), February 16 is 2019's."""
    f = tmp_path / "spain.txt"
    f.write_text(
        "Japan-Spain Foreign Ministers' Meeting\n\nOn February 16, Mr. Taro Kono, Minister for "
        "Foreign Affairs of Japan, held a meeting with Mr. Josep Borrell Fontelles, Minister of "
        "Foreign Affairs, European Union and Cooperation of Spain, in Munich.\n",
        encoding="utf-8",
    )
    with Archive(db_url) as a:
        a.ingest([str(f)])
        (e,) = a.engagements()
    assert str(e["date"]) == "2019-02-16"


@pytest.mark.parametrize(
    ("url", "want"),
    [
        (
            "https://www.mofa.go.jp/press/release/press4e_000660.html",
            ("mofa.go.jp/press/release/press4e_", 660),
        ),
        ("https://foreignminister.gov.au/node/4435", ("foreignminister.gov.au/node/", 4435)),
        (
            "https://www.defense.gov/News/Transcripts/Transcript/Article/3265802/a-slug/",
            ("defense.gov/News/Transcripts/Transcript/Article/", 3265802),
        ),
        ("https://www.miragenews.com/some-words-here-711087/", ("miragenews.com/*-", 711087)),
        ("https://example.org/news/2019/readout", None),
        ("https://presidency.ucsb.edu/documents/readout-japan-2", None),
    ],
)
def test_site_numbers(url, want):
    got = dating.site_number(url)
    assert (got and (got[0], got[2])) == want


def test_cited_original_is_the_page_of_the_same_title():
    title = "Readout of President Biden's Meeting with Prime Minister Meloni of Italy"
    text = (FIXTURES / "republished.txt").read_text("utf-8")
    assert dating.cited_original(text, title).endswith(
        "/2023/07/27/readout-of-president-bidens-meeting-with-prime-minister-meloni-of-italy/"
    )
    other = "See also https://www.whitehouse.gov/briefing-room/2023/07/26/statement-on-trade/"
    assert dating.cited_original(other, title) is None
