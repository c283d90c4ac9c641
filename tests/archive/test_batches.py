"""Ingest writes many documents per transaction (issue 13): the archive is the one an
ingest of one document per transaction builds, a bad document in a batch loses none of
the others, and a process killed in the middle of a batch keeps every batch committed
before it and nothing of that one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from records_dump import records
from test_robustness import _subset, check_complete

from communique.archive import db
from communique.archive import schema as t
from communique.ingest import Archive


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "communique.cli", *args]


def test_batched_ingest_builds_the_archive_one_per_transaction_builds(
    db_url, backend, corpus, tmp_path, request
):
    if backend == "sqlite":
        one_url = f"sqlite:///{tmp_path / 'one.db'}"
    else:
        one_url = request.getfixturevalue("pg_server").create_db()
    with Archive(one_url) as a:
        one = a.ingest([str(corpus)], batch_size=1)
    with Archive(db_url) as a:
        many = a.ingest([str(corpus)], batch_size=64)
    assert [(o.source, o.status, o.engagements, o.message) for o in many.outcomes] == [
        (o.source, o.status, o.engagements, o.message) for o in one.outcomes
    ]
    assert many.count("stored") > 100
    got, want = records(db_url), records(one_url)
    assert len(got["participants"]) > 300
    assert got == want
    dates = "SELECT id, date, date_reason FROM engagements ORDER BY id"
    for url in (db_url, one_url):  # the dates the archive completed, and why
        eng = db.create_engine(url)
        with eng.connect() as conn:
            rows = conn.execute(sa.text(dates)).all()
        eng.dispose()
        assert sum(1 for r in rows if r.date_reason) >= 5
        if url == db_url:
            first = rows
    assert first == rows


def _readout(i: int) -> str:
    return (
        f"Readout {i}\n\n{i + 1} March 2023\n\nForeign Minister Penny Wong met Foreign "
        f"Minister Yoshimasa Hayashi in Tokyo today for {i + 10} minutes.\n"
    )


def test_a_bad_document_in_a_batch_loses_none_of_the_others(db_url, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(9):
        (src / f"r{i:02d}.txt").write_text(_readout(i), encoding="utf-8")
    (src / "r04b.txt").write_bytes(b"%PDF-1.4 binary")  # stored, with its error
    with Archive(db_url) as a:
        report = a.ingest([str(src)], batch_size=100)  # all in one transaction
        assert [(Path(o.source).name, o.status) for o in report.outcomes] == [
            *[(f"r{i:02d}.txt", "stored") for i in range(5)],
            ("r04b.txt", "failed"),
            *[(f"r{i:02d}.txt", "stored") for i in range(5, 9)],
        ]
        assert "E102" in report.outcomes[5].message
        assert [f["source"] for f in a.failed()] == ["r04b.txt"]
    assert len(records(db_url)["engagements"]) == 9  # one account each (linked as one event)


def test_two_versions_of_a_page_in_one_batch(db_url, tmp_path):
    """The older version written first keeps its extraction; its records are replaced,
    as when the two arrive in different transactions."""
    url = "https://www.mofa.go.jp/press/release/readout.html"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_readout(1), encoding="utf-8")
    (src / "b.txt").write_text(_readout(2), encoding="utf-8")
    got = {}
    for size in (1, 10):
        u = db_url if size == 10 else f"sqlite:///{tmp_path / 'one.db'}"
        with Archive(u) as a:
            r = a.ingest([str(src)], sources={"a.txt": url, "b.txt": url}, batch_size=size)
            assert [o.status for o in r.outcomes] == ["stored", "stored"]
            assert (
                r.outcomes[1].message == f"a newer version of document {r.outcomes[0].document_id}"
            )
            assert [o.engagements for o in r.outcomes] == [1, 1]
            with a._read() as conn:
                exts = conn.execute(
                    sa.select(t.extractions.c.document_id).order_by(t.extractions.c.id)
                ).scalars()
                got[size] = (list(exts), len(a.engagements()))
    assert got[10] == got[1] == ([1, 2], 1)


def _writer_active(url: str) -> bool:
    """Whether a write transaction of the archive is open (its lock is held) right now."""
    if url.startswith("sqlite"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as e:
            assert "locked" in str(e), e
            return True
        finally:
            con.close()
    eng = db.create_engine(url)
    try:
        with eng.connect() as conn:
            return bool(
                conn.execute(
                    sa.text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        "AND objid::bigint = :k AND granted"
                    ),
                    {"k": db.PG_LOCK_KEY},
                ).scalar()
            )
    finally:
        eng.dispose()


BATCH = 8


def test_sigkill_in_the_middle_of_a_batch_keeps_whole_batches(db_url, corpus, tmp_path):
    src = _subset(corpus, tmp_path, 5 * BATCH)
    with Archive(db_url):  # the schema first, so the first write is the first batch's
        pass
    proc = subprocess.Popen(
        _cmd(
            "ingest", "-q", "--db", db_url, "--workers", "1", "--batch-size", str(BATCH), str(src)
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    caught = False
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if _writer_active(db_url):
            proc.kill()  # SIGKILL while a batch's transaction is open
            caught = True
            break
        time.sleep(0.002)
    proc.wait()
    assert caught, "the ingest ended before a batch's transaction was seen"
    kept = check_complete(db_url)  # whole documents only
    assert len(kept) % BATCH == 0 and len(kept) < 5 * BATCH, len(kept)
    r = subprocess.run(
        _cmd("ingest", "-q", "--db", db_url, "--batch-size", str(BATCH), str(src)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    final = check_complete(db_url)
    assert len(final) == 5 * BATCH
    assert all(final[k] == v for k, v in kept.items())
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    with Archive(fresh) as a:
        a.ingest([str(src)])
    with Archive(db_url) as a:
        assert not a.relink()  # the second ingest linked everything
    got, want = records(db_url), records(fresh)
    for k in ("engagements", "participants"):  # ids differ where the kill left gaps
        assert len(got[k]) == len(want[k]) > 0


@pytest.mark.parametrize("size", ["0", "x"])
def test_batch_size_must_be_one_or_more(tmp_path, size):
    proc = subprocess.run(
        _cmd("ingest", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--batch-size", size, "x.txt"),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "--batch-size" in proc.stderr
