"""Resolution and linking on hand-written records, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from records import KONO, LAVROV, add_document, engagement, person

from communique.archive.people import parse_name
from communique.ingest import Archive


@pytest.fixture
def archive(db_url):
    a = Archive(db_url)
    yield a
    a.close()


@pytest.mark.parametrize(
    "a,b",
    [
        ("KISHIDA Fumio", "Fumio Kishida"),
        ("Kishida, Fumio", "Fumio Kishida"),
        ("Lavrov, Sergey Viktorovich", "Sergei Lavrov"),
        ("Sergey Viktorovich Lavrov", "Mr. Sergey Lavrov"),
        ("H.E. Dmitriy Medvedev", "Dmitry Medvedev"),
        ("Tarō Kōno", "Taro Kono"),
        ("Kouno Tarou", "Taro Kono"),
    ],
)
def test_name_forms_share_a_key(a, b):
    assert parse_name(a).key == parse_name(b).key


def test_people_resolved_across_name_forms_with_office_history(archive):
    add_document(
        archive,
        [
            engagement(
                "2017-03-20",
                [
                    person("KISHIDA Fumio", "Kishida", "Minister for Foreign Affairs", "JPN"),
                    person(
                        "Lavrov, Sergey Viktorovich", "Lavrov", "Minister of Foreign Affairs", "RUS"
                    ),
                ],
            )
        ],
    )
    add_document(
        archive,
        [
            engagement(
                "2022-01-05",
                [
                    person("Fumio Kishida", "Kishida", "Prime Minister of Japan", "JPN"),
                    person("Sergei Lavrov", "Lavrov", "Foreign Minister", "RUS"),
                ],
            )
        ],
    )
    add_document(
        archive,
        [
            engagement(
                "2022-09-01",
                [
                    person("Kishida", "Kishida", "Prime Minister", "JPN"),
                    person("Lavrov", "Lavrov", None, "RUS"),
                ],
            )
        ],
    )
    archive.relink()
    [kishida] = archive.person("Fumio KISHIDA")
    assert {"KISHIDA Fumio", "Fumio Kishida", "Kishida"} <= set(kishida["forms"])
    offices = {(o["office"], o["first_seen"], o["last_seen"]) for o in kishida["offices"]}
    assert ("Foreign Minister", "2017-03-20", "2017-03-20") in offices
    assert ("Prime Minister", "2022-01-05", "2022-09-01") in offices
    [lavrov] = archive.person("Sergei Lavrov")
    assert archive.find_persons("Lavrov, Sergey Viktorovich") == [lavrov["id"]]
    assert len(archive.engagements(between=("Kishida", "Lavrov"))) == 3


def test_unnamed_principal_resolved_from_publisher_and_office_holder(archive):
    unnamed = {
        "name": None,
        "family_name": None,
        "title": "Prime Minister",
        "country": None,
        "organization": None,
    }
    add_document(
        archive,
        [
            engagement(
                "2019-01-22", [unnamed, person("Vladimir Putin", "Putin", "President", "RUS")]
            )
        ],
        publisher="JPN",
    )
    archive.relink()
    [e] = archive.engagements()
    abe = [p for p in e["participants"] if p["name"] == "Shinzo Abe"]
    assert abe, e["participants"]
    assert (
        "office holders gazetteer" in abe[0]["resolution"] and "publisher" in abe[0]["resolution"]
    )


def test_accounts_merge_and_keep_disagreements(archive):
    jp = add_document(
        archive,
        [
            engagement(
                "2019-02-16",
                [KONO, LAVROV],
                duration_minutes=100,
                place={"name": "Munich", "country": "DEU"},
            )
        ],
        publisher="JPN",
    )
    ru = add_document(
        archive,
        [
            engagement(
                "2019-02-15",
                [
                    person("Sergei Lavrov", "Lavrov", "Foreign Minister", "RUS"),
                    person("Taro Kono", "Kono", "Foreign Minister of Japan", "JPN"),
                ],
                duration_minutes=90,
                place={"name": "Munich", "country": "DEU"},
            )
        ],
        publisher="RUS",
    )
    add_document(
        archive, [engagement("2019-02-20", [KONO, LAVROV])]
    )  # 4 days later: another meeting
    archive.relink()
    evs = archive.engagements(between=("JPN", "RUS"))
    assert len(evs) == 2
    merged = next(e for e in evs if len(e["accounts"]) == 2)
    assert {a["document_id"] for a in merged["accounts"]} == {jp, ru}
    dis = merged["disagreements"]
    assert {tuple(x["document_ids"]): x["value"] for x in dis["duration_minutes"]} == {
        (jp,): 100,
        (ru,): 90,
    }
    assert {x["value"] for x in dis["date"]} == {"2019-02-16", "2019-02-15"}
    assert "place_name" not in dis and merged["said_by"]["place_name"][0]["document_ids"] == [
        jp,
        ru,
    ]


def test_tracks_rounds_and_series_in_order(archive):
    peace = "negotiations regarding a peace treaty"
    add_document(
        archive, [engagement("2019-02-16", [KONO, LAVROV], round={"number": 2, "of": peace})]
    )
    add_document(
        archive, [engagement("2019-01-14", [KONO, LAVROV], round={"number": 1, "of": peace})]
    )
    akiba = person("Takeo Akiba", "Akiba", "Vice-Minister for Foreign Affairs", "JPN")
    titov = person("Vladimir Titov", "Titov", "First Deputy Minister of Foreign Affairs", "RUS")
    add_document(
        archive,
        [
            engagement(
                "2019-04-02",
                [akiba, titov],
                name="15th Japan-Russia Strategic Dialogue",
                ordinals=[
                    {
                        "number": 15,
                        "scope": "series",
                        "text": "the 15th Japan-Russia Strategic Dialogue",
                    }
                ],
            )
        ],
    )
    add_document(
        archive,
        [engagement("2018-03-01", [akiba, titov], name="14th Japan-Russia Strategic Dialogue")],
    )
    archive.relink()
    tracks = {t["name"]: t for t in archive.tracks()}
    rounds = tracks[f"{peace} (JPN-RUS)"]["members"]
    assert [(m["number"], m["date"]) for m in rounds] == [(1, "2019-01-14"), (2, "2019-02-16")]
    series = tracks["Japan-Russia Strategic Dialogue"]["members"]
    assert [(m["number"], m["position"]) for m in series] == [(14, 1), (15, 2)]
    assert len(archive.engagements(track="strategic dialogue")) == 2
    audit = [f for f in archive.audit() if f["scope"] == "series"]
    assert audit and audit[0]["earlier_in_archive"] == 1 and audit[0]["status"] == "missing"
    assert audit[0]["missing"][0]["numbers"] == list(range(1, 14))


def _ord(n, scope="total"):  # noqa: ANN001, ANN202
    return [{"number": n, "scope": scope, "text": f"meeting number {n}"}]


def test_ordinal_audit_complete_series_agrees_and_gaps_are_named(archive):
    for n, date in [(1, "2018-01-10"), (2, "2018-03-10"), (3, "2018-05-10")]:
        add_document(archive, [engagement(date, [KONO, LAVROV], ordinals=_ord(n))])
    add_document(archive, [engagement("2018-09-10", [KONO, LAVROV], ordinals=_ord(5))])
    archive.relink()
    by_stated = {f["stated"]: f for f in archive.audit() if f["scope"] == "total"}
    assert [by_stated[n]["status"] for n in (1, 2, 3)] == ["agrees"] * 3
    five = by_stated[5]
    assert five["status"] == "missing" and five["earlier_in_archive"] == 3
    assert five["missing"] == [
        {"count": 1, "numbers": [4], "among": [4, 4], "after": "2018-05-10", "before": "2018-09-10"}
    ]
    add_document(archive, [engagement("2018-07-01", [KONO, LAVROV])])  # the missing fourth
    archive.relink()
    assert all(f["status"] == "agrees" for f in archive.audit())


def test_follow_ups_matched_or_open_with_age(archive):
    akiba = person("Takeo Akiba", "Akiba", "Vice-Minister for Foreign Affairs", "JPN")
    titov = person("Vladimir Titov", "Titov", "First Deputy Minister", "RUS")
    fus = [
        {
            "name": "15th Japan-Russia Strategic Dialogue",
            "date": "2019-04-02",
            "date_text": "on April 2",
            "participants": [akiba, titov],
        },
        {
            "name": "Minister Lavrov's visit to Japan",
            "date": None,
            "date_text": "as early as possible",
            "place": {"name": None, "country": "JPN"},
            "participants": [],
        },
        {
            "name": "Japan-Russia security discussion",
            "date": None,
            "date_text": "in the near future",
            "participants": [],
        },
    ]
    add_document(archive, [engagement("2019-02-16", [KONO, LAVROV], follow_ups=fus)])
    add_document(
        archive,
        [engagement("2019-04-02", [akiba, titov], name="15th Japan-Russia Strategic Dialogue")],
    )
    add_document(
        archive,
        [engagement("2019-05-10", [KONO, LAVROV], place={"name": "Tokyo", "country": "JPN"})],
    )
    archive.relink()
    got = {f["name"]: f for f in archive.follow_ups(as_of="2019-12-31")}
    assert got["15th Japan-Russia Strategic Dialogue"]["fulfilled_on"] == "2019-04-02"
    assert got["Minister Lavrov's visit to Japan"]["fulfilled_on"] == "2019-05-10"
    open_ = got["Japan-Russia security discussion"]
    assert open_["status"] == "open" and open_["age_days"] == 318
    assert [f["name"] for f in archive.follow_ups(status="open")] == [
        "Japan-Russia security discussion"
    ]


def test_relink_is_idempotent(archive, db_url):
    from archive_dump import dump

    add_document(archive, [engagement("2019-02-16", [KONO, LAVROV], ordinals=_ord(9))])
    add_document(archive, [engagement("2019-02-17", [LAVROV, KONO])], publisher="RUS")
    archive.relink()
    before = dump(db_url)
    assert archive.relink(force=True)
    assert dump(db_url) == before
