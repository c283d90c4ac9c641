"""Crashes, concurrency and bad databases, on SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from archive_dump import dump

from communique.archive import db
from communique.archive import schema as t
from communique.ingest import Archive


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "communique.cli", *args]


def _subset(corpus: Path, tmp_path: Path, n: int = 60) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:n]:
        shutil.copy(p, d / p.name)
    return d


def check_complete(url: str) -> dict[str, tuple]:
    """Every stored document is whole: its current records match its extraction result."""
    eng = db.create_engine(url)
    out = {}
    try:
        with eng.connect() as conn:
            docs = conn.execute(
                sa.select(
                    t.documents.c.id,
                    t.documents.c.source,
                    t.documents.c.content_hash,
                    t.documents.c.error,
                )
            ).all()
            for d in docs:
                exts = (
                    conn.execute(
                        sa.select(t.extractions.c.result).where(t.extractions.c.document_id == d.id)
                    )
                    .scalars()
                    .all()
                )
                if d.error:
                    assert not exts
                    out[d.source] = (d.content_hash, "error")
                    continue
                assert len(exts) == 1, f"{d.source}: {len(exts)} extractions"
                res = exts[0]
                engs = (
                    conn.execute(
                        sa.select(t.engagements.c.id).where(t.engagements.c.document_id == d.id)
                    )
                    .scalars()
                    .all()
                )
                assert len(engs) == len(res["engagements"]), d.source
                nparts = conn.execute(
                    sa.select(sa.func.count())
                    .select_from(t.participants)
                    .where(t.participants.c.engagement_id.in_(engs or [-1]))
                ).scalar()
                assert nparts == sum(len(e["participants"]) for e in res["engagements"]), d.source
                out[d.source] = (d.content_hash, len(engs), nparts)
            assert len(out) == len(docs), "a document stored twice"
    finally:
        eng.dispose()
    return out


def test_sigkill_during_ingest_loses_nothing(db_url, corpus, tmp_path):
    src = _subset(corpus, tmp_path)
    with Archive(db_url):  # create the schema first, so kills land in ingest
        pass
    rng = random.Random(1234)
    seen: dict[str, tuple] = {}
    for _ in range(4):
        proc = subprocess.Popen(
            _cmd("ingest", "-q", "--db", db_url, str(src)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.6, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = check_complete(db_url)
        assert set(seen) <= set(now), "a committed document was lost"
        assert all(now[k] == v for k, v in seen.items())
        seen = now
    r = subprocess.run(
        _cmd("ingest", "-q", "--db", db_url, str(src)), capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    final = check_complete(db_url)
    assert len(final) == len(list(src.glob("*.txt")))
    # the same as one uninterrupted run, linked tables included
    with Archive(db_url) as a:
        killed = (len(a.engagements()), len(a.audit()), len(a.follow_ups()))
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    with Archive(fresh) as a:
        a.ingest([str(src)])
        assert (len(a.engagements()), len(a.audit()), len(a.follow_ups())) == killed


def test_two_ingests_at_once_lose_nothing(db_url, corpus, tmp_path):
    src = _subset(corpus, tmp_path, 80)
    files = sorted(src.glob("*.txt"))
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir(), b_dir.mkdir()
    for i, p in enumerate(files):  # overlapping halves: the middle third is in both
        if i < 2 * len(files) // 3:
            shutil.copy(p, a_dir / p.name)
        if i >= len(files) // 3:
            shutil.copy(p, b_dir / p.name)
    # the same file names under different directories are different sources; use one dir each
    procs = [
        subprocess.Popen(
            _cmd("ingest", "-q", "--db", db_url, str(d)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for d in (a_dir, b_dir)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    got = check_complete(db_url)
    # no URL known: each is kept under its file name, and the same file in both folders
    # is one document
    want = {p.name for p in [*a_dir.glob("*.txt"), *b_dir.glob("*.txt")]}
    assert set(got) == want
    # both at once on the very same files: each document once
    procs = [
        subprocess.Popen(
            _cmd("ingest", "-q", "--db", db_url, str(src)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    got = check_complete(db_url)
    assert set(got) == want | {p.name for p in files}
    with Archive(db_url) as a:
        assert not a.relink()  # the last process linked everything


def _one_line_failure(r: subprocess.CompletedProcess, code: str) -> None:
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert code in lines[0] and "Traceback" not in r.stderr


def test_unreachable_database(tmp_path, corpus):
    with socket_port() as port:
        url = f"postgresql://nobody@127.0.0.1:{port}/nothing"
        r = subprocess.run(
            _cmd("ingest", "--db", url, str(corpus / "mofa_0001.txt")),
            capture_output=True,
            text=True,
            timeout=60,
        )
    _one_line_failure(r, "E201")
    assert "cannot reach" in r.stderr
    r = subprocess.run(
        _cmd("query", "--db", f"sqlite:///{tmp_path}/no/such/dir/a.db"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    _one_line_failure(r, "E201")


class socket_port:  # a localhost port nobody listens on
    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *a: object) -> None:
        pass


def test_newer_schema_is_refused(db_url, corpus):
    with Archive(db_url):
        pass
    eng = db.create_engine(db_url)
    with eng.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    eng.dispose()
    before = dump(db_url)
    r = subprocess.run(
        _cmd("ingest", "--db", db_url, str(corpus / "mofa_0001.txt")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    _one_line_failure(r, "E202")
    assert "newer" in r.stderr
    assert dump(db_url) == before


def test_read_only_archive_file(tmp_path, corpus):
    """Non-root: a file without write permission. Root ignores file modes, so the
    archive's directory is bind-mounted read-only instead (skipped if mounting fails)."""
    d = tmp_path / "rw"
    d.mkdir()
    with Archive(f"sqlite:///{d / 'ro.db'}") as a:
        a.ingest([str(corpus / "mofa_0001.txt")])
    mnt = tmp_path / "ro"
    mnt.mkdir()
    mounted = False
    if os.geteuid() == 0:
        ok = (
            subprocess.run(["mount", "--bind", str(d), str(mnt)], capture_output=True).returncode
            == 0
        )
        mounted = ok
        if (
            not ok
            or subprocess.run(
                ["mount", "-o", "remount,ro,bind", str(mnt)], capture_output=True
            ).returncode
        ):
            if ok:
                subprocess.run(["umount", str(mnt)], capture_output=True)
            pytest.skip(
                "running as root and cannot bind-mount read-only: file modes cannot make a file read-only"
            )
        path = mnt / "ro.db"
    else:
        path = d / "ro.db"
        os.chmod(path, 0o444)
        os.chmod(d, 0o555)
    try:
        url = f"sqlite:///{path}"
        before = dump(f"sqlite:///{d / 'ro.db'}")
        r = subprocess.run(
            _cmd("ingest", "--db", url, str(corpus / "mofa_0002.txt")),
            capture_output=True,
            text=True,
            timeout=60,
        )
        _one_line_failure(r, "E203")
        assert "read-only" in r.stderr
        assert dump(f"sqlite:///{d / 'ro.db'}") == before
    finally:
        if mounted:
            subprocess.run(["umount", str(mnt)], capture_output=True)
        os.chmod(d, 0o755)


def test_full_disk(tmp_path, corpus):
    """A tiny tmpfs when we may mount one; otherwise SQLite's own size limit gives the
    same SQLITE_FULL error. Either way: one line, and only whole documents kept.
    (600 KiB: the schema's migrations alone fill about 370 KiB of write-ahead log, and
    some documents must fit before the disk is full.)"""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=800k", "tmpfs", str(mnt)], capture_output=True
            ).returncode
            == 0
        )
    try:
        url = f"sqlite:///{mnt / 'full.db'}"
        if mounted:
            r = subprocess.run(
                _cmd("ingest", "-q", "--db", url, str(corpus)),
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert r.returncode != 0
            errs = [ln for ln in r.stderr.splitlines() if "E20" in ln]
            assert len(errs) == 1 and "disk full" in errs[0], r.stderr
            assert "Traceback" not in r.stderr
        else:
            with (
                pytest.raises(db.ArchiveError) as e,
                Archive(url, sqlite_pragmas={"max_page_count": 120}) as a,
            ):
                a.ingest([str(corpus)])
            assert e.value.code == "E205"
        stored = check_complete(url)
        assert 0 < len(stored) < len(list(corpus.glob("*.txt")))
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
