"""Reading engagements: pages with a total, the summary form, and a fixed number of
queries whatever the number of engagements, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from records import KONO, LAVROV, add_document, engagement, person

from communique.archive.read import describe as queries
from communique.ingest import Archive

ABE = person("Shinzo Abe", "Abe", "Prime Minister", "JPN")
PUTIN = person("Vladimir Putin", "Putin", "President", "RUS")
MAY = person("Theresa May", "May", "Prime Minister", "GBR")


@pytest.fixture
def archive(db_url):
    a = Archive(db_url)
    rnd = {"number": 2, "of": "negotiations regarding a peace treaty"}
    # told by both sides (disagreeing on the duration), with a round
    add_document(
        a, [engagement("2019-01-22", [ABE, PUTIN], duration_minutes=90, round=rnd)], publisher="JPN"
    )
    add_document(
        a, [engagement("2019-01-22", [PUTIN, ABE], duration_minutes=60, round=rnd)], publisher="RUS"
    )
    for day in ("2018-05-26", "2019-06-29", "2017-09-07"):
        add_document(a, [engagement(day, [ABE, PUTIN])])
    add_document(a, [engagement("2019-02-16", [KONO, LAVROV])])
    add_document(a, [engagement(None, [ABE, PUTIN])])  # undated: listed last
    add_document(a, [engagement("2018-11-30", [ABE, MAY])])
    add_document(a, [engagement("2018-12-01", [person(None, None, "Ambassador", "JPN"), MAY])])
    a.relink()
    yield a
    a.close()


FILTERS = [
    {},
    {"between": ("JPN", "RUS")},
    {"between": ("RUS", "JPN")},
    {"between": ("JPN", "GBR")},
    {"between": ("Abe", "Putin")},
    {"person": "Lavrov"},
    {"country": "GBR"},
    {"since": "2018-01-01", "until": "2018-12-31"},
    {"between": ("JPN", "XXX")},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(map(str, f.values())) or "all")
def test_pages_are_slices_of_the_default_list_with_its_total(archive, filters):
    every = archive.engagements(**filters)
    assert archive.count_engagements(**filters) == len(every)
    for limit, offset in [(2, 0), (2, 1), (3, 2), (None, 1), (0, 0), (50, 0), (5, len(every) + 3)]:
        page = archive.engagements_page(**filters, limit=limit, offset=offset)
        want = every[offset:] if limit is None else every[offset : offset + limit]
        assert page == {"total": len(every), "offset": offset, "limit": limit, "engagements": want}
        assert archive.engagements(**filters, limit=limit, offset=offset) == want


def test_default_list_order_content_and_sources(archive):
    evs = archive.engagements(between=("JPN", "RUS"))
    assert archive.engagements(between=("RUS", "JPN")) == evs
    dates = [e["date"] for e in evs]
    assert dates == ["2017-09-07", "2018-05-26", "2019-01-22", "2019-02-16", "2019-06-29", None]
    told_twice = evs[2]
    assert [a["publisher"] for a in told_twice["accounts"]] == ["JPN", "RUS"]
    assert told_twice["countries"] == ["JPN", "RUS"]
    assert [p["name"] for p in told_twice["participants"]] == ["Shinzo Abe", "Vladimir Putin"]
    assert told_twice["round"] == {"number": 2, "of": "negotiations regarding a peace treaty"}
    assert [v["value"] for v in told_twice["disagreements"]["duration_minutes"]] == [90, 60]
    said = told_twice["said_by"]
    assert list(said) == ["mode", "date", "duration_minutes", "round"]
    [rnd] = said["round"]
    assert rnd["value"] == told_twice["round"] and len(rnd["document_ids"]) == 2
    # no two objects share a decoded JSON dict
    assert rnd["value"] is not told_twice["round"]
    unresolved = [
        p
        for e in archive.engagements(between=("JPN", "GBR"))
        for p in e["participants"]
        if p["person_id"] is None
    ]
    assert [(p["name"], p["title"]) for p in unresolved] == [(None, "Ambassador")]


def test_summary_is_the_full_objects_own_columns(archive):
    full = archive.engagements()
    summary = archive.engagements(fields="summary")
    assert [s["id"] for s in summary] == [f["id"] for f in full]
    for s, f in zip(summary, full, strict=True):
        assert set(s) == {
            "id",
            "date",
            "end_date",
            "mode",
            "name",
            "place",
            "occasion",
            "duration_minutes",
            "round",
            "countries",
            "n_accounts",
        }
        assert {k: v for k, v in s.items() if k != "n_accounts"} == {k: f[k] for k in s if k in f}
        assert s["n_accounts"] == len(f["accounts"])
    page = archive.engagements_page(between=("JPN", "RUS"), limit=2, fields="summary")
    assert (
        page["total"] == 6
        and [e["id"] for e in page["engagements"]]
        == [e["id"] for e in full if e["countries"] == ["JPN", "RUS"]][:2]
    )


def test_a_fixed_number_of_queries_whatever_the_number_of_engagements(archive):
    counted: list[str] = []
    sa.event.listen(archive.engine, "before_cursor_execute", lambda *a: counted.append(a[2]))
    with archive._read() as conn:
        ids = conn.execute(sa.text("SELECT id FROM events ORDER BY id")).scalars().all()
        counts = []
        for n in (1, 3, len(ids)):
            counted.clear()
            assert [e["id"] for e in archive._describe(conn, ids[:n])] == ids[:n]
            counts.append(len(counted))
        assert counts[-1] <= 7 and len(set(counts[1:])) == 1, counts
        counted.clear()
        archive._describe(conn, ids, fields="summary")
        assert len(counted) == 2
    counted.clear()
    archive.engagements(between=("JPN", "RUS"))
    assert len(counted) <= 10, counted


def test_describe_keeps_the_order_given_and_drops_unknown_ids(archive):
    with archive._read() as conn:
        ids = conn.execute(sa.text("SELECT id FROM events ORDER BY id DESC")).scalars().all()
        got = archive._describe(conn, [*ids, 10_000_000])
    assert [e["id"] for e in got] == ids


@pytest.mark.parametrize(
    "kw", [{"fields": "everything"}, {"limit": -1}, {"offset": -2}, {"limit": "5"}]
)
def test_bad_paging_arguments_are_refused(archive, kw):
    with pytest.raises(ValueError):
        archive.engagements_page(**kw)


def test_query_indexes_migration(archive):
    insp = sa.inspect(archive.engine)
    names = {
        ix["name"]
        for table in ("event_countries", "track_members", "engagements")
        for ix in insp.get_indexes(table)
    }
    assert {
        "ix_event_countries_event_id_country",
        "ix_track_members_event_id_track_id",
        "ix_engagements_event_id_document_id",
    } <= names
    assert queries.FIELDS == ("full", "summary")
