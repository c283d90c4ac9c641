"""The PLOVER export against the PLOVER manual: a JSON Schema written from the manual
(``communique/schema/plover.schema.json``), CONSULT's own modes, the visitor as actor
and the host as recipient, announced meetings with the ``future`` context, a date on
every record (the rest left out and counted), and a table pandas reads with the
manual's column names."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from communique.cli import main
from communique.export.plover import consult_roles

SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
#: the "PLOVER JSON" table's names that every record of this export carries
MANUAL_COLUMNS = {
    "id",
    "date",
    "enddate",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "cite_info",
    "coder",
    "coded_date",
    "comment",
}


def _schema() -> dict:
    text = resources.files("communique.schema").joinpath("plover.schema.json").read_text()
    return json.loads(text)


def _export(db: str, tmp_path: Path, capsys) -> tuple[list[dict], str, Path]:  # noqa: ANN001
    out = tmp_path / "plover.jsonl"
    assert main(["export", "--db", f"sqlite:///{db}", "--format", "plover", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    return [json.loads(x) for x in out.read_text("utf-8").splitlines()], err, out


def _one(recs: list[dict], date: str, event: str = "CONSULT") -> dict:
    hits = [r for r in recs if r["date"] == date and r["event"] == [event]]
    assert len(hits) == 1, hits
    return hits[0]


def _codes(ents: list[dict]) -> set[str]:
    return {e["code"] for e in ents}


def test_schema_is_a_valid_schema_that_can_fail() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    good = {"id": "x", "date": "2019-02-16", "actor": [{"code": "JPN"}], "event": ["CONSULT"]}
    assert v.is_valid(good)
    for bad in (
        {**good, "date": None},  # a date on every record
        {k: x for k, x in good.items() if k != "date"},
        {**good, "mode": ["host"]},  # not one of CONSULT's modes
        {**good, "mode": ["meet"]},
        {**good, "mode": ["visit"], "recipient": []},  # a visit has a host
        {**good, "mode": ["phone"], "recipient": [{"code": "USA"}]},  # nobody hosts a call
        {**good, "event_date": "2019-02-16"} | {"actor": [{"country": "JPN"}]},
        {**good, "date": "16 Feb 2019"},
    ):
        assert not v.is_valid(bad), bad


def test_export_follows_the_manual(corpus_db, archive, tmp_path, capsys) -> None:  # noqa: ANN001
    recs, err, _ = _export(corpus_db, tmp_path, capsys)
    v = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    for r in recs:
        errors = [e.message for e in v.iter_errors(r)]
        assert not errors, (r["id"], errors)
        assert set(r) >= MANUAL_COLUMNS
    assert len({r["id"] for r in recs}) == len(recs)
    consult = [r for r in recs if r["event"] == ["CONSULT"]]
    assert len(consult) == len([e for e in archive.engagements() if e["date"]])
    assert {m for r in consult for m in r["mode"]} == {
        "visit",
        "third-party",
        "multilateral",
        "phone",
    }
    # Abe visits Putin in Sochi: the visitor is the actor, the host the recipient
    sochi = _one(recs, "2016-05-06")
    assert sochi["mode"] == ["visit"] and _codes(sochi["actor"]) == {"JPN"}
    assert _codes(sochi["recipient"]) == {"RUS"} and sochi["event_scale"] == 4.0
    assert {e["entity_text"] for e in sochi["actor"]} == {"Shinzo Abe"}
    # Putin at the G20 in Osaka: Japan hosts, in a multilateral setting
    osaka = _one(recs, "2019-06-29")
    assert osaka["mode"] == ["visit", "multilateral"]
    assert (_codes(osaka["actor"]), _codes(osaka["recipient"])) == ({"RUS"}, {"JPN"})
    # Kono and Lavrov in Munich: nobody hosts, both are actors, no recipient
    munich = _one(recs, "2019-02-16")
    assert "third-party" in munich["mode"] and munich["recipient"] == []
    assert _codes(munich["actor"]) == {"JPN", "RUS"}
    # Suga and Putin by telephone
    call = _one(recs, "2020-09-29")
    assert call["mode"] == ["phone"] and call["recipient"] == []
    assert _codes(call["actor"]) == {"JPN", "RUS"}
    # meetings announced for later: AGREE with the future context, dated when announced
    future = [r for r in recs if "future" in r["context"]]
    assert future and all(r["event"] == ["AGREE"] and r["mode"] == [] for r in future)
    dialogue = [
        r
        for r in future
        if any("15th Japan-Russia Strategic Dialogue" in x for x in r["event_text"])
    ]
    assert len(dialogue) == 1 and dialogue[0]["date"] == "2019-02-16"
    assert dialogue[0]["link"] == munich["id"] and "planned for" in dialogue[0]["comment"]
    # nothing left out of the sample corpus: every engagement has a date
    assert "left out" not in err and f"exported {len(recs)} plover records" in err


def test_pandas_reads_the_manual_columns(corpus_db, tmp_path, capsys) -> None:  # noqa: ANN001
    pd = pytest.importorskip("pandas")
    recs, _, path = _export(corpus_db, tmp_path, capsys)
    df = pd.read_json(path, lines=True, dtype={"date": str, "enddate": str, "coded_date": str})
    assert len(df) == len(recs)
    assert set(df.columns) >= MANUAL_COLUMNS
    dates = pd.to_datetime(df["date"], format="%Y-%m-%d")
    assert dates.notna().all()
    exploded = df.explode("event")
    assert set(exploded["event"]) == {"CONSULT", "AGREE"}
    actors = pd.json_normalize(df["actor"].explode().tolist())
    assert {"code", "sector", "entity_text"} <= set(actors.columns)
    assert actors["code"].str.fullmatch(r"[A-Z]{3}").all()


@pytest.mark.parametrize(
    "ev,actor,recipient,modes",
    [
        ({"mode": "telephone", "countries": ["JPN", "USA"]}, ["JPN", "USA"], [], ["phone"]),
        ({"mode": "video", "countries": ["JPN", "USA"]}, ["JPN", "USA"], [], ["phone"]),
        ({"mode": "in_person", "countries": ["JPN", "USA"]}, ["JPN", "USA"], [], []),
        (
            {"mode": "in_person", "place": {"country": "USA"}, "countries": ["JPN", "USA"]},
            ["JPN"],
            ["USA"],
            ["visit"],
        ),
        (
            {"mode": "in_person", "place": {"country": "DEU"}, "countries": ["JPN", "USA"]},
            ["JPN", "USA"],
            [],
            ["third-party"],
        ),
        (
            {
                "mode": "in_person",
                "place": {"country": "JPN"},
                "countries": ["JPN", "USA", "AUS", "IND"],
            },
            ["USA", "AUS", "IND"],
            ["JPN"],
            ["visit", "multilateral"],
        ),
        (
            {
                "mode": "in_person",
                "place": {"country": "USA"},
                "occasion": "UN General Assembly",
                "countries": ["JPN", "CHN"],
            },
            ["JPN", "CHN"],
            [],
            ["third-party", "multilateral"],
        ),
    ],
)
def test_consult_roles(ev: dict, actor: list, recipient: list, modes: list) -> None:
    r = consult_roles(ev)
    assert (r["actor"], r["recipient"], r["mode"]) == (actor, recipient, modes)


def test_undated_events_are_left_out_and_counted(tmp_path, capsys) -> None:  # noqa: ANN001
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    from communique.ingest import Archive

    db = tmp_path / "shared.db"
    with Archive(f"sqlite:///{db}") as a:
        a.ingest([str(SHARED_CORPUS)])
        events = a.engagements(fields="summary")
    undated = sum(1 for e in events if not e["date"])
    recs, err, _ = _export(str(db), tmp_path, capsys)
    assert all(r["date"] for r in recs)
    assert sum(1 for r in recs if r["event"] == ["CONSULT"]) == len(events) - undated
    if undated:
        assert "left out " in err and f"{undated} engagements without a date" in err
    else:
        assert "engagements without a date" not in err
