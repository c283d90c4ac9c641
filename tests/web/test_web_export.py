"""``communique export`` of the whole archive, and the CAMEO codes of the PLOVER export."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from communique.cli import main
from communique.formats.table import cameo


def run_export(db: str, fmt: str, tmp_path: Path) -> str:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", f"sqlite:///{db}", "--format", fmt, "-o", str(out)]) == 0
    return out.read_bytes().decode("utf-8")


def test_csv_and_jsonl(corpus_db, archive, tmp_path) -> None:  # noqa: ANN001
    n = len(archive.engagements())
    rows = list(csv.DictReader(run_export(corpus_db, "csv", tmp_path).splitlines()))
    assert len(rows) == n
    assert {"id", "date", "level", "participants", "sources", "cameo"} <= set(rows[0])
    lines = run_export(corpus_db, "jsonl", tmp_path).splitlines()
    recs = [json.loads(x) for x in lines]
    assert len(recs) == n
    assert {r["id"] for r in recs} == {e["id"] for e in archive.engagements()}
    assert all("accounts" in r and "level" in r for r in recs)


@pytest.mark.parametrize(
    "ev,code",
    [
        ({"mode": "telephone", "participants": [{"country": "JPN"}, {"country": "USA"}]}, "041"),
        ({"mode": "video", "participants": [{"country": "JPN"}, {"country": "USA"}]}, "041"),
        ({"mode": "in_person", "participants": [{"country": "JPN"}, {"country": "USA"}]}, "040"),
        (
            {
                "mode": "in_person",
                "place": {"country": "USA"},
                "participants": [{"country": "JPN"}, {"country": "USA"}],
            },
            "042",
        ),
        (
            {
                "mode": "in_person",
                "place": {"country": "JPN"},
                "participants": [{"country": "JPN"}, {"country": "USA"}],
            },
            "043",
        ),
        (
            {
                "mode": "in_person",
                "place": {"country": "DEU"},
                "participants": [{"country": "JPN"}, {"country": "USA"}],
            },
            "044",
        ),
        (
            {
                "mode": "in_person",
                "place": {"country": "JPN"},
                "round": {"number": 3, "of": "talks"},
                "participants": [{"country": "JPN"}, {"country": "USA"}],
            },
            "046",
        ),
    ],
)
def test_cameo_rules(ev: dict, code: str) -> None:
    assert cameo(ev)["code"] == code


def test_cameo_actor_is_the_publisher() -> None:
    ev = {
        "mode": "in_person",
        "place": {"country": "JPN"},
        "participants": [{"country": "JPN"}, {"country": "RUS"}],
        "accounts": [{"publisher": "RUS"}, {"publisher": "JPN"}],
    }
    c = cameo(ev)
    assert (c["code"], c["actor"], c["recipients"]) == ("042", "RUS", ["JPN"])


def test_ics_and_graphml(corpus_db, archive, tmp_path) -> None:  # noqa: ANN001
    ics = run_export(corpus_db, "ics", tmp_path)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.rstrip().endswith("END:VCALENDAR")
    dated = [e for e in archive.engagements() if e["date"]]
    assert ics.count("CATEGORIES:ENGAGEMENT") == len(dated)
    assert ics.count("CATEGORIES:FOLLOW-UP") >= 2
    assert all(len(x.encode()) <= 75 for x in ics.split("\r\n"))
    root = ET.fromstring(run_export(corpus_db, "graphml", tmp_path))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    ids = {n.get("id") for n in nodes}
    assert "c:JPN" in ids and "c:RUS" in ids
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    w = {
        (e.get("source"), e.get("target")): int(e.find("g:data[@key='weight']", ns).text)
        for e in edges
    }
    assert w[("c:JPN", "c:RUS")] == len(archive.engagements(between=("JPN", "RUS")))


def test_export_errors(tmp_path, capsys) -> None:  # noqa: ANN001
    assert main(["export", "--db", f"sqlite:///{tmp_path}/none.db", "--format", "csv"]) == 1
    assert "no archive" in capsys.readouterr().err
    assert main(["export", "--format", "xml"]) == 2
