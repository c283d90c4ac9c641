"""``communique serve --workers 2``: a real server of two uvicorn worker processes on
loopback, read concurrently (issue 13)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from webkit import BIN, free_port, serve, stop, wait_for

PAGES = [
    "/",
    "/relations/JPN-RUS",
    "/relations/JPN-RUS.json",
    "/search?q=minister",
    "/search.json?q=minister",
    "/calendar.ics",
]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out |= {int(c) for c in text}
    return out


def alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_two_workers_serve_concurrent_readers(corpus_db, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "a.db"
    shutil.copy(corpus_db, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    port = free_port()
    proc = serve(f"sqlite:///{db}", port, "--workers", "2")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", proc)
        single = {p: fetch(base + p) for p in PAGES}
        assert all(status == 200 for status, _ in single.values()), {
            p: s for p, (s, _) in single.items()
        }
        assert json.loads(single["/relations/JPN-RUS.json"][1])["total"] > 10
        with ThreadPoolExecutor(16) as pool:
            got = list(pool.map(lambda p: (p, fetch(base + p)), PAGES * 16))
        for page, (status, body) in got:
            assert status == 200, page
            # the home page ages follow-ups to today and the calendar stamps the time
            if page not in ("/", "/calendar.ics"):
                assert body == single[page][1], page
        workers = children(proc.pid)
        assert len(workers) >= 2, workers  # the supervisor's two workers (uvicorn)
        # read-only without an admin token
        req = urllib.request.Request(base + "/api/ingest?source=x", data=b"text", method="POST")
        try:
            urllib.request.urlopen(req, timeout=10)
            raise AssertionError("a read-only server accepted a write")
        except urllib.error.HTTPError as e:
            assert e.code == 403
    finally:
        stop(proc)
    out = proc.stdout.read()
    assert f"serving http://127.0.0.1:{port}/ (read-only, 2 workers)" in out
    assert "Traceback" not in out
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)  # the workers stop with the server
    # nothing was written (WAL checkpointed back: same bytes as before)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_workers_must_be_one_or_more(tmp_path: Path) -> None:
    r = subprocess.run(
        [str(BIN / "communique"), "serve", "--db", f"sqlite:///{tmp_path}/a.db"]
        + ["--workers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_workers_without_an_archive_is_one_line(tmp_path: Path) -> None:
    r = subprocess.run(
        [str(BIN / "communique"), "serve", "--db", f"sqlite:///{tmp_path}/none.db"]
        + ["--workers", "2", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "E201" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
