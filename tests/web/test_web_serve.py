"""``communique serve`` and ``communique demo`` as real processes on loopback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from webkit import BIN, free_port, serve, stop, wait_for


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_serve_over_http(corpus_db, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "a.db"
    shutil.copy(corpus_db, db)
    port = free_port()
    proc = serve(f"sqlite:///{db}", port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", proc)
        status, headers, body = get(base + "/relations/JPN-RUS.json")
        assert status == 200 and json.loads(body)["total"] > 10
        assert "default-src 'none'" in headers["content-security-policy"]
        req = urllib.request.Request(base + "/api/ingest?source=x", data=b"text", method="POST")
        try:
            urllib.request.urlopen(req, timeout=10)
            raise AssertionError("a read-only server accepted a write")
        except urllib.error.HTTPError as e:
            assert e.code == 403
        # a second server on the same port: one line, exit 1
        r = subprocess.run(
            [str(BIN / "communique"), "serve", "--db", f"sqlite:///{db}", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 1 and "E401" in r.stderr and "Traceback" not in r.stderr
    finally:
        stop(proc)
    out = proc.stdout.read()
    assert f"serving http://127.0.0.1:{port}/" in out and "read-only" in out


def test_serve_without_an_archive(tmp_path: Path) -> None:
    r = subprocess.run(
        [str(BIN / "communique"), "serve", "--db", f"sqlite:///{tmp_path}/none.db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "no archive" in r.stderr and "Traceback" not in r.stderr


def test_demo_no_serve_builds_the_archive(tmp_path: Path) -> None:
    r = subprocess.run(
        [str(BIN / "communique"), "demo", "--no-serve"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "44 documents" in r.stdout and "0 failed" in r.stdout
    assert "Japan-Russia Summit Meeting" in r.stdout  # the per-readout summary lines
    assert (tmp_path / "demo.db").is_file()
    assert not (tmp_path / "demo.db.building").exists()


def test_demo_serves_the_sample_archive(demo_server) -> None:  # noqa: ANN001
    assert demo_server["ready_s"] < 60
    status, _h, body = get(demo_server["url"] + "/index.json")
    assert status == 200 and json.loads(body)["counts"]["documents"] == 44
    assert (demo_server["cwd"] / "demo.db").is_file()


def test_version_does_not_load_the_web_stack() -> None:
    code = (
        "import sys; from communique.cli import build_parser; build_parser(); "
        "print(any(m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn', 'jinja2') for m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False", r.stderr
