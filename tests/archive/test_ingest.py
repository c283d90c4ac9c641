"""Ingest, re-extract, queries and the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa
from archive_dump import dump

from communique.archive import db
from communique.archive import schema as t
from communique.cli import main
from communique.ingest import Archive
from communique.ingest import path as store

JP_RU = ["mofa_0001.txt", "mofa_0002.txt", "mofa_0003.txt", "mofa_jp_ru_2019_02_16.txt"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_ingest_twice_leaves_the_same_archive(db_url, corpus):
    with Archive(db_url) as a:
        first = a.ingest([str(corpus)])
        assert first.count("stored") + first.count("failed") == len(list(corpus.glob("*.txt")))
        before = dump(db_url)
        again = a.ingest([str(corpus)])
        assert again.count("present") == len(again.outcomes)
    assert dump(db_url) == before
    with Archive(db_url) as a:
        assert len(a.engagements()) == len(before["events"]) > 100


def test_stored_records_equal_the_extractor_output(db_url, corpus):
    paths = [corpus / n for n in JP_RU]
    with Archive(db_url) as a:
        a.ingest([str(p) for p in paths])
        with db.read_tx(a.engine) as conn:
            for p in paths:
                src = p.name  # no URL known: the file name alone, never the local path
                doc = (
                    conn.execute(sa.select(t.documents).where(t.documents.c.source == src))
                    .mappings()
                    .one()
                )
                assert doc["raw"] == p.read_bytes()
                result = conn.execute(
                    sa.select(t.extractions.c.result).where(
                        t.extractions.c.document_id == doc["id"]
                    )
                ).scalar_one()
                assert result == json.loads(
                    json.dumps(store.extract_content(p.read_text("utf-8"), src))
                )
                n = conn.execute(
                    sa.select(sa.func.count()).where(t.engagements.c.document_id == doc["id"])
                ).scalar()
                assert n == len(result["engagements"])


def test_failed_extraction_is_kept_and_listed(db_url, tmp_path, monkeypatch, capsys):
    good = tmp_path / "good.txt"
    good.write_text(
        "February 16, 2019\nMr. Taro Kono, Minister for Foreign Affairs of Japan, met Mr. Sergey Lavrov.\n"
    )
    bad = tmp_path / "bad.txt"
    bad.write_text("this one breaks the extractor\n")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4 binary")
    real = store.extract_with_url

    def flaky(content, source, warnings=None, **kw):  # noqa: ANN001, ANN003, ANN202
        if source.endswith("bad.txt"):
            raise ValueError("boom")
        return real(content, source, warnings, **kw)

    monkeypatch.setattr(store, "extract_with_url", flaky)
    assert main(["ingest", "--db", db_url, "-q", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt: E301 internal error: ValueError: boom" in err and "E102" in err
    assert main(["query", "--db", db_url, "--failed", "--format", "json"]) == 0
    failed = json.loads(capsys.readouterr().out)
    assert sorted(f["source"] for f in failed) == ["bad.txt", "scan.txt"]
    monkeypatch.setattr(store, "extract_with_url", real)
    with Archive(db_url) as a:  # re-extraction repairs it
        a.reextract()
        assert [f["source"] for f in a.failed()] == ["scan.txt"]


def test_reextract_records_the_extractor_version(db_url, corpus, monkeypatch):
    with Archive(db_url) as a:
        a.ingest([str(corpus / n) for n in JP_RU])
        before = dump(db_url)
        r = a.reextract()
        assert r.count("present") == 4  # same extractor, same result: nothing written
        assert dump(db_url) == before
        store.extractor_version.cache_clear()
        monkeypatch.setattr(store, "extractor_version", lambda: "9.9.9+test")
        r = a.reextract()
        assert r.count("stored") == 4
        with db.read_tx(a.engine) as conn:
            versions = conn.execute(
                sa.select(t.extractions.c.document_id, t.extractions.c.extractor_version)
            ).all()
            assert sorted(v for _, v in versions).count("9.9.9+test") == 4 and len(versions) == 8
            ext_ids = set(conn.execute(sa.select(t.engagements.c.extraction_id)).scalars())
            newest = set(
                conn.execute(
                    sa.select(t.extractions.c.id).where(
                        t.extractions.c.extractor_version == "9.9.9+test"
                    )
                ).scalars()
            )
            assert ext_ids <= newest
        assert len(a.engagements()) == len(before["events"])


def test_query_command_formats_and_filters(db_url, corpus, capsys):
    assert main(["ingest", "--db", db_url, "-q", *[str(corpus / n) for n in JP_RU]]) == 0
    capsys.readouterr()
    assert main(["query", "--db", db_url, "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert (
        isinstance(every, list)
        and every
        and all("participants" in e and "accounts" in e for e in every)
    )
    assert main(["query", "--db", db_url, "--format", "json", "--between", "JPN", "RUS"]) == 0
    jr = json.loads(capsys.readouterr().out)
    assert jr and all({"JPN", "RUS"} <= set(e["countries"]) for e in jr)
    assert (
        main(
            [
                "query",
                "--db",
                db_url,
                "--format",
                "json",
                "--person",
                "Sergei Lavrov",
                "--since",
                "2018-01-01",
                "--until",
                "2019-12-31",
            ]
        )
        == 0
    )
    lav = json.loads(capsys.readouterr().out)
    assert lav and all("2018-01-01" <= e["date"] <= "2019-12-31" for e in lav)
    assert main(["query", "--db", db_url, "--format", "csv", "--search", "peace treaty"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("id,date,mode") and len(out) >= 2
    assert main(["query", "--db", db_url, "--follow-ups", "open", "--format", "table"]) == 0
    assert "age_days" in capsys.readouterr().out
    assert main(["query", "--db", db_url, "--audit", "--format", "csv"]) == 0
    assert "stated" in capsys.readouterr().out.splitlines()[0]
    assert main(["query", "--db", db_url, "--since", "not-a-date"]) == 2
    assert "not a date" in capsys.readouterr().err


def _expected_earlier(records: list[dict]) -> dict:
    """From the extracted records alone: for every stated total/year ordinal, how many
    earlier engagements in the set have the same principals (by family name)."""
    engs = [
        (
            e["date"],
            frozenset(p["family_name"] for p in e["participants"] if p.get("family_name")),
            e,
        )
        for r in records
        for e in r["engagements"]
        if e["date"]
    ]
    out = {}
    for date, fams, e in engs:
        for o in e["ordinals"]:
            if o["scope"] not in ("total", "year") or len(fams) < 2:
                continue
            earlier = [
                d
                for d, f, _ in engs
                if d < date and fams <= f and (o["scope"] == "total" or d[:4] == date[:4])
            ]
            out[(date, o["scope"], o["number"])] = len(earlier)
    return out


def test_ordinal_audit_on_japan_russia_readouts(db_url, corpus):
    paths = sorted(p for p in corpus.glob("mofa_*.txt") if "Lavrov" in p.read_text("utf-8"))
    if len(paths) < 2:
        pytest.skip("fewer than two Japan-Russia readouts in the corpus")
    records = [store.extract_content(p.read_text("utf-8"), str(p)) for p in paths]
    expected = _expected_earlier(records)
    assert expected, "the extractor reads no ordinals from the Japan-Russia readouts"
    from records import KONO, LAVROV, add_document, engagement, person

    with Archive(db_url) as a:
        a.ingest([str(p) for p in paths])
        findings = {
            (f["date"], f["scope"], f["stated"]): f
            for f in a.audit()
            if f["scope"] in ("total", "year")
        }
        for key, n in expected.items():
            f = findings[key]
            assert f["earlier_in_archive"] == n
            assert f["status"] == (
                "agrees" if n == key[2] - 1 else "missing" if n < key[2] - 1 else "more"
            )
            if f["status"] == "missing":
                assert sum(m["count"] for m in f["missing"]) == key[2] - 1 - n
        # Fill every gap the audit names with a meeting inside its window: the series is
        # then complete and the audit must agree with every stated count.
        by_family = {
            p["family_name"]: p
            for r in records
            for e in r["engagements"]
            for p in e["participants"]
            if p.get("family_name")
        }
        import datetime as dt

        for _ in range(20):  # earliest gap first, re-auditing after each fill
            gaps = sorted(
                (f for f in a.audit() if f["status"] == "missing" and f["scope"] == "total"),
                key=lambda f: f["date"],
            )
            if not gaps:
                break
            f = gaps[0]
            src = next(
                e
                for r in records
                for e in r["engagements"]
                if e["date"] == f["date"] and any(o["number"] == f["stated"] for o in e["ordinals"])
            )
            who = [by_family[p["family_name"]] for p in src["participants"]]
            for m in f["missing"]:
                before = dt.date.fromisoformat(m["before"])
                after = (
                    dt.date.fromisoformat(m["after"])
                    if m["after"]
                    else before - dt.timedelta(days=400)
                )
                step = (before - after) / (m["count"] + 1)
                for i in range(1, m["count"] + 1):
                    day = (after + step * i).isoformat()
                    add_document(
                        a,
                        [
                            engagement(
                                day,
                                [
                                    person(p["name"], p["family_name"], p["title"], p["country"])
                                    for p in who
                                ],
                            )
                        ],
                    )
            a.relink()
        a.relink()
        after = {
            (f["date"], f["scope"], f["stated"]): f for f in a.audit() if f["scope"] == "total"
        }
        for key in [k for k in expected if k[1] == "total"]:
            assert after[key]["status"] == "agrees", after[key]
    assert KONO and LAVROV
