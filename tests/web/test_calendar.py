"""The calendar: every page that offers the feed links to one that is never empty (the
events, or a note saying nothing is upcoming), and the calendar page says the same."""

from __future__ import annotations

import re
from html import unescape

PAGES = ["/", "/calendar", "/calendar?as_of=2016-01-01", "/relations/JPN-RUS", "/search?q=Lavrov"]


def _components(body: str) -> int:
    return body.count("BEGIN:VEVENT") + body.count("BEGIN:VJOURNAL")


def test_every_offered_feed_has_something(client) -> None:  # noqa: ANN001
    seen = set()
    for page in PAGES:
        html = client.get(page).text
        for href in re.findall(r'href="(/calendar\.ics[^"]*)"', html):
            seen.add(unescape(href))
    assert "/calendar.ics?pair=JPN-RUS" in seen and len(seen) >= 3
    for href in seen:
        r = client.get(href)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
        body = r.text
        assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
        assert _components(body) >= 1, href
        assert "X-WR-CALDESC:" in body


def test_nothing_upcoming_is_said_in_the_feed_and_the_page(client) -> None:  # noqa: ANN001
    body = client.get("/calendar.ics?as_of=2030-01-01").text
    assert "BEGIN:VEVENT" not in body and body.count("BEGIN:VJOURNAL") == 1
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Nothing upcoming: no open follow-ups on or after 2030-01-01" in unfolded
    page = client.get("/calendar?as_of=2030-01-01").text
    assert "Nothing upcoming: no open follow-ups on or after 2030-01-01" in page
    j = client.get("/calendar.json?as_of=2030-01-01").json()
    assert j["follow_ups"] == [] and j["note"].startswith("Nothing upcoming")


def test_upcoming_follow_ups_of_a_pair(client) -> None:  # noqa: ANN001
    j = client.get("/calendar.json?as_of=2019-01-01&pair=JPN-RUS").json()
    assert j["follow_ups"] and j["note"].startswith(f"{len(j['follow_ups'])} open follow-ups")
    assert [f["start"] for f in j["follow_ups"]] == sorted(f["start"] for f in j["follow_ups"])
    body = client.get("/calendar.ics?as_of=2019-01-01&pair=JPN-RUS").text
    assert body.count("BEGIN:VEVENT") == len(j["follow_ups"])
    assert client.get("/calendar.ics?pair=JPN").status_code == 404
