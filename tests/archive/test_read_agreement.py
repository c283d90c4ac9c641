"""One read layer: the command line (``communique query``), the reader's ``.json`` pages
and the exports give the same engagements and follow-ups of a pair of countries, on the
same archive (the samples ingested into a real SQLite file and a real PostgreSQL
database)."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

from communique.cli import main
from communique.ingest import Archive

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"
PAIR = ("JPN", "RUS")


def _cli(capsys, *args: str) -> list[dict]:  # noqa: ANN001
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def _reader_pages(client) -> dict:  # noqa: ANN001
    """Every page of the pair's relations page (newest first), with the follow-ups of the
    complete page."""
    pages, page = [], 1
    while page:
        d = client.get(f"/relations/{'-'.join(PAIR)}.json", params={"page": page}).json()
        pages += d["engagements"]
        page = d["next_page"]
    full = client.get(f"/relations/{'-'.join(PAIR)}.json", params={"full": 1}).json()
    return {"engagements": pages, "total": full["total"], "follow_ups": full["follow_ups"]}


def _without_level(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "level"} for r in rows]


def test_cli_reader_and_exports_agree_on_a_pair(db_url, capsys, tmp_path) -> None:  # noqa: ANN001
    from communique import export
    from communique.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with Archive(db_url) as a:
        a.ingest([str(SAMPLES)])
        cli = _cli(capsys, "query", "--db", db_url, "--between", *PAIR, "--format", "json")
        assert len(cli) > 10, "the samples hold many Japan-Russia engagements"
        api = a.engagements(between=PAIR)
        assert api == cli

        # the reader: the same objects, each with its level, newest first (undated last)
        web = _reader_pages(TestClient(create_app(archive=a)))
        assert web["total"] == len(cli)
        dated = [e["id"] for e in cli if e["date"]]
        undated = [e["id"] for e in cli if not e["date"]]
        assert [e["id"] for e in web["engagements"]] == dated[::-1] + undated[::-1]
        by_id = {e["id"]: e for e in web["engagements"]}
        assert _without_level([by_id[e["id"]] for e in cli]) == cli

        # the exports: JSON Lines rows of the pair are the reader's objects, oldest first
        out = tmp_path / "all.jsonl"
        assert main(["export", "--db", db_url, "--format", "jsonl", "-o", str(out)]) == 0
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        mine = [r for r in rows if set(PAIR) <= set(r["countries"])]
        assert [r["id"] for r in mine] == [e["id"] for e in cli]
        assert mine == [by_id[e["id"]] for e in cli]

        # follow-ups: the open ones promised at the pair's events, one row shape
        today = dt.date.today().isoformat()
        every = _cli(capsys, "query", "--db", db_url, "--follow-ups", "all", "--format", "json")
        open_ = _cli(
            capsys,
            "query",
            "--db",
            db_url,
            "--follow-ups",
            "open",
            "--as-of",
            today,
            "--format",
            "json",
        )
        ids = {e["id"] for e in cli}
        cli_open = {f["id"]: f for f in open_ if f["promised_at_event"] in ids}
        assert cli_open, "the samples promise Japan-Russia meetings not yet found"
        web_open = {f["id"]: f for f in web["follow_ups"]}
        assert web_open == cli_open
        exported = {f["id"]: f for f in export.follow_ups(a)}
        assert exported == {f["id"]: f for f in every}
        assert {k: exported[k] for k in cli_open} == cli_open


def test_cli_filters_and_the_search_page_select_the_same_events(db_url, capsys) -> None:  # noqa: ANN001
    """The filters in the database (``query``) and in memory (the search page's sets)."""
    from communique.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with Archive(db_url) as a:
        a.ingest([str(SAMPLES)])
        client = TestClient(create_app(archive=a))
        cases = [
            (["--country", "JPN", "--level", "leaders"], {"country": "JPN", "level": "leaders"}),
            (["--mode", "telephone"], {"mode": "telephone"}),
            (
                ["--search", "peace treaty", "--since", "2018-01-01"],
                {"q": "peace treaty", "since": "2018-01-01"},
            ),  # fmt: skip
            (
                ["--person", "Lavrov", "--level", "ministers"],
                {"person": "Lavrov", "level": "ministers"},
            ),  # fmt: skip
        ]
        for flags, params in cases:
            cli = _cli(capsys, "query", "--db", db_url, *flags, "--summary", "--format", "json")
            assert cli, flags
            web, page = [], 1
            while page:
                d = client.get("/search.json", params={**params, "page": page}).json()
                web += [e["id"] for e in d["engagements"]]
                page = d["next_page"]
            assert d["total"] == len(cli), flags
            assert sorted(web) == sorted(e["id"] for e in cli), flags
