"""Every page and its JSON and CSV twins, through HTTP, on the archive of the sample corpus."""

from __future__ import annotations

import csv
import io
import re

import pytest

PAGES = [
    "/",
    "/relations",
    "/relations/JPN-RUS",
    "/engagement/1",
    "/people",
    "/person/1",
    "/search?q=peace+treaty",
    "/document/1",
]


def event_id(archive, name: str | None = None, **filters) -> int:  # noqa: ANN001
    """The id of the one engagement matching ``filters`` (Archive.engagements) and name."""
    rows = [e for e in archive.engagements(**filters) if name is None or e["name"] == name]
    assert len(rows) == 1, rows
    return rows[0]["id"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin(client, path: str) -> None:  # noqa: ANN001
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in r.headers
    assert "<script>" not in r.text  # no inline script anywhere
    assert 'style="' not in r.text  # nor inline style (the CSP forbids both)
    base, _, query = path.partition("?")
    jpath = ("/index" if base == "/" else base) + ".json" + ("?" + query if query else "")
    assert f'href="{jpath.replace("&", "&amp;")}"' in r.text  # the page links its twin
    j = client.get(jpath)
    assert j.status_code == 200
    assert j.headers["content-type"].startswith("application/json")
    assert isinstance(j.json(), dict)


@pytest.mark.parametrize(
    "path,first_column",
    [
        ("/index.csv", "id"),
        ("/index.csv?list=overdue", "id"),
        ("/relations.csv", "a"),
        ("/relations/JPN-RUS.csv", "id"),
        ("/relations/JPN-RUS.csv?list=documents", "document_id"),
        ("/relations/JPN-RUS.csv?list=follow_ups", "id"),
        ("/relations/JPN-RUS.csv?list=audit", "event_id"),
        ("/relations/JPN-RUS.csv?list=years", "year"),
        ("/person/1.csv", "id"),
        ("/person/1.csv?list=counterparts", "person_id"),
        ("/person/1.csv?list=offices", "office"),
        ("/people.csv", "person_id"),
        ("/search.csv?q=Lavrov", "id"),
        ("/engagement/1.csv", "id"),
        ("/engagement/1.csv?list=accounts", "n"),
    ],
)
def test_every_list_exports_csv(client, path: str, first_column: str) -> None:  # noqa: ANN001
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][0] == first_column
    assert len(rows) >= 2


def test_csv_of_an_unknown_list_is_refused(client) -> None:  # noqa: ANN001
    r = client.get("/relations/JPN-RUS.csv?list=nothing")
    assert r.status_code == 400
    assert "engagements" in r.json()["detail"]


def test_openapi_documents_every_route(client) -> None:  # noqa: ANN001
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in (
        "/",
        "/index.json",
        "/index.csv",
        "/relations/{pair}",
        "/relations/{pair}.json",
        "/relations/{pair}.csv",
        "/engagement/{event_id}",
        "/engagement/{event_id}.json",
        "/person/{person_id}.json",
        "/search.json",
        "/search.csv",
        "/calendar.ics",
        "/api/ingest",
        "/api/status",
    ):
        assert p in paths, p
    params = {x["name"] for x in spec["paths"]["/search.json"]["get"]["parameters"]}
    assert {"q", "country", "person", "since", "until", "mode", "level", "page"} <= params


def test_home_lists_latest_engagements_and_follow_ups(client, archive) -> None:  # noqa: ANN001
    d = client.get("/index.json").json()
    dates = [e["date"] for e in d["latest"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    assert d["latest"][0]["date"] == max(e["date"] for e in archive.engagements() if e["date"])
    assert d["counts"]["documents"] == 44
    # everything in the sample corpus is in the past: dated promises are overdue today...
    # (2018-04-19: "will hold the Japan-Russia Strategic Dialogue in Moscow on April 19",
    # sample 012, read since the extractor knows "will hold the ... Dialogue")
    assert {f["date"] for f in d["overdue"]} == {"2018-04-19", "2019-01-15", "2019-04-02"}
    assert d["upcoming"] == []
    # ...and upcoming when seen from 2019-01-01
    early = client.get("/index.json?as_of=2019-01-01").json()
    assert [f["date"] for f in early["upcoming"]] == ["2019-01-15", "2019-04-02"]
    html = client.get("/").text
    assert "Latest engagements" in html and "Overdue follow-ups" in html
    assert 'action="/search"' in html


def test_relations_page_matches_the_archive(client, archive) -> None:  # noqa: ANN001
    d = client.get("/relations/JPN-RUS.json").json()
    expected = archive.engagements(between=("JPN", "RUS"))
    assert d["total"] == len(expected)
    assert {e["id"] for e in d["engagements"]} == {e["id"] for e in expected}
    assert sum(y["total"] for y in d["years"]) == len(expected)
    years = [y["year"] for y in d["years"]]
    assert years == list(range(2016, 2021))
    per_year = {y["year"]: y["total"] for y in d["years"]}
    for y in years:
        assert per_year[y] == sum(1 for e in expected if e["date"] and e["date"].startswith(str(y)))
    # levels from titles: summits are leaders, foreign ministers' meetings ministers
    by_id = {e["id"]: e for e in d["engagements"]}
    summit = event_id(
        archive,
        "Japan-Russia Summit Meeting",
        between=("JPN", "RUS"),
        since="2016-05-06",
        until="2016-05-06",
    )
    fm = event_id(archive, between=("JPN", "RUS"), since="2018-03-21", until="2018-03-21")
    assert by_id[summit]["level"] == "leader"
    assert by_id[fm]["level"] == "minister"
    assert {t["name"] for t in d["tracks"]} >= {
        "Japan-Russia Summit Meeting",
        "Eastern Economic Forum",
    }
    assert all(f["status"] == "open" for f in d["follow_ups"])
    assert d["documents"] and all(x["document_id"] for x in d["documents"])
    html = client.get("/relations/JPN-RUS").text
    assert "<svg" in html and "Meetings per year" in html and "Ordinal audit" in html
    for y in years:
        assert f">{y}<" in html


def test_relations_audit_agrees_with_the_archive_audit(client, archive) -> None:  # noqa: ANN001
    d = client.get("/relations/JPN-RUS.json").json()
    ids = {e["id"] for e in archive.engagements(between=("JPN", "RUS"))}
    expected = [f for f in archive.audit() if f["event_id"] in ids]
    key = lambda f: (f["event_id"], f["scope"], f["stated"], f["between"])  # noqa: E731
    assert sorted(d["audit"], key=key) == sorted(expected, key=key)
    assert d["audit"], "the sample corpus states counts between Japan and Russia"


def test_relations_order_and_bad_pairs(client) -> None:  # noqa: ANN001
    assert (
        client.get("/relations/RUS-JPN.json").json()["total"]
        == client.get("/relations/JPN-RUS.json").json()["total"]
    )
    assert client.get("/relations/jpn-rus.json").status_code == 200
    for bad in ("JPN", "JPN-JPN", "JAPAN-RUSSIA", "J1N-RUS", "QQQ-ZZZ"):
        r = client.get(f"/relations/{bad}")
        assert r.status_code == 404, bad
        assert "content-security-policy" in r.headers
    empty = client.get("/relations/FRA-BRA.json").json()
    assert empty["total"] == 0 and empty["engagements"] == []


def test_relations_pages_are_paged(client, monkeypatch) -> None:  # noqa: ANN001
    from communique.web import pages as app_mod

    monkeypatch.setattr(app_mod, "PAGE", 5)
    first = client.get("/relations/JPN-RUS.json").json()
    second = client.get("/relations/JPN-RUS.json?page=2").json()
    assert len(first["engagements"]) == 5 and first["next_page"] == 2
    assert not {e["id"] for e in first["engagements"]} & {e["id"] for e in second["engagements"]}
    assert client.get("/relations/JPN-RUS.json?page=0").status_code == 422


def test_engagement_page_has_every_field_and_its_spans(client, archive) -> None:  # noqa: ANN001
    eid = event_id(archive, between=("JPN", "RUS"), since="2019-01-22", until="2019-01-22")
    d = client.get(f"/engagement/{eid}.json").json()
    e = d["engagement"]
    assert e["date"] == "2019-01-22" and e["place"]["name"] == "Moscow"
    assert len(d["accounts"]) == 2
    for acc in d["accounts"]:
        text = acc["text"]
        for f in acc["fields"]:
            if f["span"]:
                s, t = f["span"]
                assert 0 <= s < t <= len(text)
        spans = {f["field"]: f for f in acc["fields"]}
        assert spans["date"]["value"] == "2019-01-22"
        if spans["date"]["span"]:
            s, t = spans["date"]["span"]
            assert "22" in text[s:t]
        part = [f for f in acc["fields"] if f["group"] == "participants"]
        assert any("Putin" in text[f["span"][0] : f["span"][1]] for f in part if f["span"])
    # the Japanese account names the meeting, the Kremlin's does not
    marks = {(a["n"], f["field"]): f["mark"] for a in d["accounts"] for f in a["fields"]}
    named = [
        a["n"]
        for a in d["accounts"]
        if any(f["field"] == "name" and f["value"] for f in a["fields"])
    ]
    assert named and marks[(named[0], "name")] == "only"
    other = next(a for a in d["accounts"] if a["n"] != named[0])
    assert "Name" in other["not_reported"]
    html = client.get(f"/engagement/{eid}").text
    assert html.count('class="account"') == 2
    assert 'data-key="a1-date"' in html
    m = re.search(r'<mark data-keys="([^"]*a1-date[^"]*)">([^<]*)</mark>', html)
    assert m and "22" in m.group(2)
    assert "only here" in html


def test_engagement_follow_ups_and_promises_kept(client, archive) -> None:  # noqa: ANN001
    fus = archive.follow_ups(status="fulfilled")
    assert fus, "the sample corpus has fulfilled follow-ups"
    f = fus[0]
    kept = client.get(f"/engagement/{f['fulfilled_by']}.json").json()
    assert f["id"] in {x["id"] for x in kept["fulfils"]}
    made = client.get(f"/engagement/{f['promised_at_event']}.json").json()
    assert f["id"] in {x["id"] for x in made["follow_ups"]}
    assert client.get("/engagement/999999").status_code == 404
    assert client.get("/engagement/999999.json").json()["detail"].startswith("no engagement")
    assert client.get("/engagement/abc").status_code == 422


def test_person_page(client, archive) -> None:  # noqa: ANN001
    [abe] = archive.find_persons("Abe")
    d = client.get(f"/person/{abe}.json").json()
    assert d["person"]["name"] == "Shinzo Abe"
    assert any(o["office"].startswith("Prime Minister") for o in d["offices"])
    putin = next(c for c in d["counterparts"] if c["name"] == "Vladimir Putin")
    expected = len(archive.engagements(between=("Abe", "Putin")))
    assert putin["engagements"] == expected >= 10
    assert len(d["engagements"]) == len(archive.engagements(person="Abe"))
    html = client.get(f"/person/{abe}").text
    assert "Counterparts" in html and "Vladimir Putin" in html and "Offices" in html
    assert client.get("/person/999999").status_code == 404
    people = client.get("/people.json?name=lavrov").json()["people"]
    assert [p["name"] for p in people] == ["Sergey Lavrov"]  # as the office holders list has it


def test_search_full_text_and_filters(client, archive) -> None:  # noqa: ANN001
    def ids(query: str) -> set[int]:
        r = client.get("/search.json?" + query)
        assert r.status_code == 200, r.text
        return {e["id"] for e in r.json()["engagements"]}

    assert ids("q=Vladivostok") == {e["id"] for e in archive.engagements(search="Vladivostok")}
    assert ids("q=Vladivostok")
    assert ids("country=USA") == {e["id"] for e in archive.engagements(country="USA")}
    assert ids("country=JPN&country=GBR") == {
        e["id"] for e in archive.engagements(between=("JPN", "GBR"))
    }
    assert ids("person=Lavrov") == {e["id"] for e in archive.engagements(person="Lavrov")}
    assert ids("since=2019-01-01&until=2019-12-31") == {
        e["id"] for e in archive.engagements(since="2019-01-01", until="2019-12-31")
    }
    phone = ids("mode=telephone")
    assert phone and phone == {e["id"] for e in archive.engagements() if e["mode"] == "telephone"}
    levels = client.get("/relations/JPN-RUS.json").json()["engagements"]
    leaders = {e["id"] for e in levels if e["level"] == "leader"}
    assert ids("level=leader&country=JPN&country=RUS") == leaders
    assert ids("level=ministers&country=RUS") == {
        e["id"] for e in levels if e["level"] == "minister"
    } | {
        e["id"] for e in client.get("/search.json?level=minister&country=RUS").json()["engagements"]
    }
    assert ids("q=Munich&person=Kono") == {
        e["id"] for e in archive.engagements(search="Munich", person="Kono")
    }
    assert ids("q=zzzxxyyqq") == set()
    # punctuation only, or exclusions only: no word to look for, said in one line
    for bad in ("q=%22%3B%29--", "q=-Lavrov"):
        r = client.get("/search.json?" + bad)
        assert r.status_code == 400 and "word to look for" in r.json()["detail"]
    html = client.get("/search?q=peace+treaty&country=JPN").text
    assert 'value="peace treaty"' in html and '<option value="JPN" selected>' in html


def test_search_rejects_bad_filters(client) -> None:  # noqa: ANN001
    assert client.get("/search?since=2019-13-01").status_code == 400
    assert client.get("/search.json?until=yesterday").status_code == 400
    assert client.get("/search.json?mode=fax").status_code == 422
    assert client.get("/search.json?level=king").status_code == 422


def test_document_page(client, archive) -> None:  # noqa: ANN001
    d = client.get("/document/1.json").json()
    assert d["text"] and d["events"]
    html = client.get("/document/1").text
    assert d["title"] in html
    assert client.get("/document/424242").status_code == 404


def test_calendar_feed(client) -> None:  # noqa: ANN001
    r = client.get("/calendar.ics?as_of=2016-01-01")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    body = r.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "DTSTART;VALUE=DATE:20190115" in body and "DTSTART;VALUE=DATE:20190402" in body
    assert body.count("BEGIN:VEVENT") == body.count("END:VEVENT") >= 3
    assert "(approximate)" in body  # "in June", said on 2019-01-22
    # "in September" said on 2016-05-06 (and kept): an approximate event over September 2016
    every = client.get("/calendar.ics?as_of=2016-01-01&status=all").text
    assert "DTSTART;VALUE=DATE:20160901\r\nDTEND;VALUE=DATE:20161001" in every
    today = client.get("/calendar.ics").text
    assert "BEGIN:VEVENT" not in today  # every promise in the corpus lies in the past
    assert client.get("/calendar.ics?status=nope").status_code == 422


def test_status_and_static(client) -> None:  # noqa: ANN001
    s = client.get("/api/status").json()
    assert s["read_only"] is True and s["documents"] == 44
    assert (
        client.get("/static/app.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )
    assert client.get("/favicon.ico", follow_redirects=False).status_code == 301
    assert client.get("/no/such/page").status_code == 404


def test_levels_from_titles() -> None:
    from communique.archive.read import levels

    titles = [
        "Prime Minister of Japan",
        "Vice President of the United States",
        "Deputy Prime Minister",
        "Vice Minister for Foreign Affairs",
        "Special Adviser to the President",
        "Secretary of State",
        "Assistant Secretary of State",
        "Minister for Foreign Affairs",
        "Chief Cabinet Secretary",
        "Ambassador of Japan to Russia",
        "King",
        "President",
        "",
        None,
        "Director-General, European Affairs Bureau",
    ]
    expect = [3, 2, 2, 1, 1, 2, 1, 2, 2, 1, 3, 3, 0, 0, 1]
    assert [levels.title_level(x) for x in titles] == expect
    assert levels.parse("Leaders") == 3 and levels.parse("minister") == 2
    assert levels.parse("kings") is None
