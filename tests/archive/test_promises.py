"""Promises: fulfilled only by the promised event, within the same readout too; past
meetings are not promises; an analyst's verdict overrules the rules and survives
re-extraction."""

from __future__ import annotations

import json

import pytest
from records import add_document, engagement, person

from communique.cli import main
from communique.ingest import Archive
from communique.ingest import path as store

HAYASHI = person("Yoshimasa Hayashi", "Hayashi", "Minister for Foreign Affairs of Japan", "JPN")
KISHIDA = person("Fumio Kishida", "Kishida", "Prime Minister of Japan", "JPN")
SUNAK = person("Rishi Sunak", "Sunak", "Prime Minister of the United Kingdom", "GBR")
KONO = person("Taro Kono", "Kono", "Minister for Foreign Affairs of Japan", "JPN")
LAVROV = person("Sergey Lavrov", "Lavrov", "Minister of Foreign Affairs of Russia", "RUS")
ABE = person("Shinzo Abe", "Abe", "Prime Minister of Japan", "JPN")
PUTIN = person("Vladimir Putin", "Putin", "President of Russia", "RUS")


def eu(name: str, family: str, title: str, org: str = "European Union") -> dict:
    p = person(name, family, title, None)
    p["organization"] = org
    return p


BORRELL = eu("Josep Borrell Fontelles", "Borrell", "High Representative of the European Union")
MICHEL = eu("Charles Michel", "Michel", "President of the European Council", "European Council")


def fu(name: str, date: str | None = None, place: dict | None = None) -> dict:
    return {"name": name, "date": date, "date_text": None, "place": place, "participants": []}


@pytest.fixture
def archive(db_url):  # noqa: ANN001, ANN201
    a = Archive(db_url)
    yield a
    a.close()


def _by_name(a) -> dict[str, dict]:  # noqa: ANN001
    return {f["name"]: f for f in a.follow_ups(as_of="2030-01-01")}


def test_fulfilled_only_by_the_promised_event(archive):
    add_document(
        archive,
        [
            engagement(
                "2022-02-19",
                [HAYASHI, BORRELL],
                name="Japan-EU Foreign Ministers' Meeting",
                follow_ups=[fu("next Japan-EU Summit meeting")],
            ),
            engagement(
                "2019-02-16",
                [KONO, LAVROV],
                place={"name": "Munich", "country": "DEU"},
                follow_ups=[fu("Minister Lavrov's visit to Japan", place={"country": "JPN"})],
            ),
        ],
    )
    # a summit with another country, and a ministers' meeting with the EU: not it
    add_document(
        archive, [engagement("2022-05-05", [KISHIDA, SUNAK], name="Japan-UK Summit Meeting")]
    )
    add_document(
        archive,
        [engagement("2022-04-01", [HAYASHI, BORRELL], name="Japan-EU Foreign Ministers' Meeting")],
    )
    # Lavrov met Kono again, but in Munich: not his visit to Japan
    add_document(
        archive,
        [engagement("2019-09-26", [KONO, LAVROV], place={"name": "New York", "country": "USA"})],
    )
    archive.relink()
    got = _by_name(archive)
    assert got["next Japan-EU Summit meeting"]["status"] == "open"
    assert got["Minister Lavrov's visit to Japan"]["status"] == "open"
    summit = add_document(
        archive, [engagement("2022-05-12", [KISHIDA, MICHEL], name="Japan-EU Summit")]
    )
    visit = add_document(
        archive,
        [
            engagement(
                "2019-11-23",
                [KONO, LAVROV],
                name="Japan-Russia Foreign Ministers' Meeting",
                place={"name": "Nagoya", "country": "JPN"},
            )
        ],
    )
    archive.relink()
    got = _by_name(archive)
    s, v = got["next Japan-EU Summit meeting"], got["Minister Lavrov's visit to Japan"]
    events = {e["id"]: e for e in archive.engagements()}
    assert (
        s["status"] == "fulfilled"
        and events[s["fulfilled_by"]]["accounts"][0]["document_id"] == summit
    )
    assert "summit" in s["reason"]
    assert (
        v["status"] == "fulfilled"
        and events[v["fulfilled_by"]]["accounts"][0]["document_id"] == visit
    )
    assert "place" in v["reason"]


def test_fulfilment_within_the_same_readout_and_past_meetings(archive):
    add_document(
        archive,
        [
            engagement(
                "2016-12-15",
                [ABE, PUTIN],
                name="Japan-Russia Summit Meeting",
                place={"name": "Nagato", "country": "JPN"},
                follow_ups=[
                    fu("Japan-Russia Summit Meeting in Tokyo", "2016-12-16"),
                    fu("Japan-Russia Summit Meeting in Lima", "2016-11-19"),
                ],
            ),
            engagement(
                "2016-12-16",
                [ABE, PUTIN],
                name="Japan-Russia Summit Meeting",
                place={"name": "Tokyo", "country": "JPN"},
            ),
        ],
    )
    archive.relink()
    got = _by_name(archive)
    tokyo = got["Japan-Russia Summit Meeting in Tokyo"]
    assert tokyo["status"] == "fulfilled" and "same readout" in tokyo["reason"]
    lima = got["Japan-Russia Summit Meeting in Lima"]
    assert lima["status"] == "past" and lima["fulfilled_by"] is None
    assert "age_days" not in lima
    assert [f["name"] for f in archive.follow_ups(status="open")] == []
    assert [f["name"] for f in archive.follow_ups(status="past")] == [lima["name"]]


def test_an_analyst_overrules_and_the_verdict_survives_reextraction(
    db_url, corpus, capsys, monkeypatch
):
    path = corpus / "mofa_0001.txt"  # Kono and Lavrov, 31 July 2018: promises a summit
    assert main(["ingest", "--db", db_url, "-q", str(path)]) == 0
    with Archive(db_url) as a:
        fus = a.follow_ups()
        (ev,) = [e["id"] for e in a.engagements()]
    assert fus
    target = fus[0]
    assert (
        main(
            [
                "follow-up",
                "--db",
                db_url,
                str(target["id"]),
                "--fulfilled-by",
                str(ev),
                "--note",
                "checked",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "fulfilled" in out and "analyst" in out
    assert main(["follow-up", "--db", db_url, "999999", "--open"]) == 2
    assert main(["follow-up", "--db", db_url, str(target["id"]), "--fulfilled-by", "999999"]) == 2
    assert (
        main(["follow-up", "--db", db_url, str(target["id"]), "--open", "--note", "not yet"]) == 0
    )
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(x.startswith("communique: ") for x in err), err
    # a new extractor: every record rewritten under new ids; the verdict stays
    monkeypatch.setattr(store, "extractor_version", lambda: "another-version")
    with Archive(db_url) as a:
        report = a.reextract()
        after = [f for f in a.follow_ups() if f["name"] == target["name"]]
    assert report.count("stored") == 1  # the follow-up rows were written again
    assert after
    assert after[0]["status"] == "open" and after[0]["overruled"]
    assert after[0]["reason"] == "analyst: not fulfilled (not yet)"
    assert main(["follow-up", "--db", db_url, str(after[0]["id"]), "--auto"]) == 0
    assert main(["query", "--db", db_url, "--follow-ups", "all", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert not any(f["overruled"] for f in listed)


def test_no_wrong_fulfilment_in_the_real_corpus(db_url, corpus):
    dev = corpus.parent / "eval" / "dev"
    with Archive(db_url) as a:
        a.ingest([str(corpus), str(dev)] if dev.is_dir() else [str(corpus)])
        events = {e["id"]: e for e in a.engagements()}
        for f in a.follow_ups(status="fulfilled"):
            ev = events[f["fulfilled_by"]]
            if "EU" in f["name"]:
                assert "EU" in ev["countries"], f
            if "visit to Japan" in f["name"]:
                assert (ev["place"] or {}).get("country") == "JPN", f


def test_a_conference_is_not_fulfilled_by_a_bilateral_on_its_margins(archive):
    biden = person("Joe Biden", "Biden", "President of the United States", "USA")
    add_document(
        archive,
        [
            engagement(
                "2023-07-10",
                [SUNAK, biden],
                follow_ups=[
                    fu("Prime Minister Sunak also updated on the UK’s AI Summit"),
                    fu("the UK’s AI Summit"),
                ],
            )
        ],
    )
    add_document(archive, [engagement("2023-11-01", [SUNAK, biden], name="UK-US Summit Meeting")])
    archive.relink()
    assert [f["status"] for f in archive.follow_ups()] == ["open", "open"]
    add_document(archive, [engagement("2023-11-20", [SUNAK, biden], name="AI Safety Summit")])
    archive.relink()
    verbose, short = archive.follow_ups()
    assert short["status"] == "fulfilled" and "words" in short["reason"]
    assert verbose["status"] == "open"  # too many other words to tell: left to an analyst
