"""``ingest --workers N`` and ``reextract --workers N`` (issue 13): extraction on a process
pool, storing in this process in input order, so the archive is the one a single process
builds; one bad document never stops the others."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from records_dump import records

from communique.archive import db
from communique.archive import schema as t
from communique.archive.store import Outcome, Pending
from communique.ingest import Archive
from communique.ingest import path as store
from communique.workers import ordered_map


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique.cli", *args], capture_output=True, text=True, timeout=600
    )


def test_two_workers_build_the_archive_one_builds(db_url, backend, corpus, tmp_path, request):
    if backend == "sqlite":
        one_url = f"sqlite:///{tmp_path / 'one.db'}"
    else:
        one_url = request.getfixturevalue("pg_server").create_db()
    with Archive(one_url) as a:
        one = a.ingest([str(corpus)], workers=1)
    with Archive(db_url) as a:
        two = a.ingest([str(corpus)], workers=2)
    assert [(o.source, o.status, o.engagements) for o in two.outcomes] == [
        (o.source, o.status, o.engagements) for o in one.outcomes
    ]
    assert two.count("stored") > 100
    got, want = records(db_url), records(one_url)
    assert len(got["participants"]) > 300
    assert got == want


def test_a_bad_document_does_not_stop_the_others(tmp_path):
    files = []
    for i in range(10):
        p = tmp_path / f"r{i:02d}.txt"
        p.write_text(
            f"Readout {i}\n\n{i + 1} March 2023\n\nForeign Minister Penny Wong met Foreign "
            f"Minister Yoshimasa Hayashi in Tokyo today for {i + 10} minutes.\n",
            encoding="utf-8",
        )
        files.append(p)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)  # unreadable: an error line
    files.insert(3, tmp_path / "binary.txt")
    files.insert(6, tmp_path / "missing.txt")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    proc = cli("ingest", "--db", url, "--workers", "2", *map(str, files))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    stored = [line.split()[1] for line in proc.stdout.splitlines()]
    assert [Path(s).name for s in stored] == [f"r{i:02d}.txt" for i in range(10)]  # in order
    errors = [
        line for line in proc.stderr.splitlines() if "binary.txt" in line or "missing" in line
    ]
    assert len(errors) == 2 and "E101" in errors[1]
    assert "10 stored" in proc.stderr.splitlines()[-1]
    assert len(records(url)["engagements"]) == 10  # one account each (linked as one event)


def test_workers_must_be_one_or_more(tmp_path):
    for command in (["ingest", str(tmp_path)], ["reextract"]):
        proc = cli(*command, "--db", f"sqlite:///{tmp_path / 'a.db'}", "--workers", "0")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "1 or more" in proc.stderr


def test_reextract_with_workers_writes_what_one_process_writes(corpus, tmp_path, monkeypatch):
    first = tmp_path / "one.db"
    with Archive(f"sqlite:///{first}") as a:
        a.ingest([str(corpus)], workers=2)
        with db.write_tx(a.engine) as conn:  # as if stored by an older extractor
            conn.execute(t.extractions.update().values(extractor_version="0.0.0+old"))
    shutil.copy(first, tmp_path / "two.db")
    reports = {}
    for name, workers in (("one", 1), ("two", 2)):
        with Archive(f"sqlite:///{tmp_path / name}.db") as a:
            # an older extractor's result that differs: these documents are stored again
            with db.write_tx(a.engine) as conn:
                conn.execute(
                    t.documents.update().where(t.documents.c.id % 5 == 0).values(title="old")
                )
            reports[name] = a.reextract(workers=workers)
    one, two = reports["one"], reports["two"]
    assert [(o.document_id, o.status) for o in two.outcomes] == [
        (o.document_id, o.status) for o in one.outcomes
    ]
    assert two.count("stored") == len(two.outcomes) > 100
    got = records(f"sqlite:///{tmp_path / 'two.db'}")
    assert got == records(f"sqlite:///{tmp_path / 'one.db'}")
    titles = [r[4] for r in got["documents"]]
    assert "'old'" not in titles


def _crash_on_seven(n: int) -> int:
    if n == 7:
        import os

        os._exit(9)  # a worker killed mid-document (as by the OOM killer)
    return n * 10


def test_a_dead_worker_loses_only_what_it_held():
    out = list(ordered_map(_crash_on_seven, range(40), 2, lost=lambda n, e: -1, chunk=4))
    assert len(out) == 40
    assert out[7] == -1
    # everything after the chunks in flight when the worker died is done by a new pool
    assert out[20:] == [n * 10 for n in range(20, 40)]
    assert all(v in (-1, n * 10) for n, v in enumerate(out))


def _touch(item: tuple[str, int]) -> int:
    folder, n = item
    Path(folder, str(n)).touch()
    return n


def _done_while_held(tmp_path: Path, ahead: int) -> int:
    """How many inputs the workers ran while the caller held the first answer."""
    items = [(str(tmp_path), n) for n in range(200)]
    answers = ordered_map(_touch, items, 2, lost=lambda i, e: -1, chunk=4, ahead=ahead)
    assert next(answers) == 0
    last, seen = -1, 0
    while seen != last:  # until the workers have nothing more to run
        last, seen = seen, len(list(tmp_path.iterdir()))
        time.sleep(0.5)
    rest = list(answers)
    assert rest == list(range(1, 200))
    return seen


def test_the_workers_run_a_batch_ahead_of_the_caller(tmp_path):
    # an ingest takes a batch of answers, then writes and links it: the workers go on
    # with the next batch meanwhile (not only the two chunks each they had in flight)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _done_while_held(tmp_path / "a", ahead=0) <= 2 * 2 * 4 + 4
    assert _done_while_held(tmp_path / "b", ahead=64) >= 64


def test_the_worker_extracts_what_the_store_would(corpus):
    """What a worker of ``parallel.prepared_files`` makes of a file (``prepare_file`` with
    no archive to look in) is the extraction the store makes of the same content."""
    path = str(sorted(corpus.glob("*.txt"))[0])
    prepared = store.prepare_file((path, None))
    assert isinstance(prepared, Pending)
    _raw, content, warnings, _err = store.read_source(path)
    assert prepared.error is None
    assert (prepared.result, prepared.canonical) == store.extract_with_url(
        content, Path(path).name, warnings, url_known=False
    )
    url = "https://example.org/readout"
    prepared = store.prepare_file((path, url))
    assert isinstance(prepared, Pending)
    assert prepared.result == store.extract_with_url(content, url, warnings, url_known=True)[0]
    missing = store.prepare_file((str(Path(path).with_name("missing.txt")), None))
    assert isinstance(missing, Outcome) and missing.status == "error"


@pytest.mark.parametrize("workers", [1, 2])
def test_reextract_with_no_change_writes_nothing(corpus, tmp_path, workers):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with Archive(url) as a:
        a.ingest([str(corpus / "mofa_0001.txt"), str(corpus / "mofa_0002.txt")])
        before = records(url)
        r = a.reextract(workers=workers)
        assert r.count("present") == 2
        with db.read_tx(a.engine) as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(t.extractions)).scalar() == 2
    assert records(url) == before


def test_serve_workers_on_postgresql(pg_server, corpus):
    """``serve --workers 2`` over PostgreSQL: each worker its own connections; pages read
    concurrently answer as one worker answers them."""
    import json
    import socket
    import time
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    url = pg_server.create_db()
    with Archive(url) as a:
        a.ingest([str(corpus / n) for n in sorted(p.name for p in corpus.glob("mofa_*.txt"))[:30]])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "communique.cli", "serve", "--db", url, "--port", str(port)]
        + ["--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> tuple[int, bytes]:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.read()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get("/")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        pages = ["/relations/JPN-RUS.json", "/search.json?q=minister", "/relations/JPN-RUS"]
        single = {p: get(p) for p in pages}
        with ThreadPoolExecutor(16) as pool:
            got = list(pool.map(lambda p: (p, get(p)), pages * 16))
        assert all(res == single[p] for p, res in got)
        assert json.loads(single["/relations/JPN-RUS.json"][1])["total"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "Traceback" not in proc.stdout.read()
