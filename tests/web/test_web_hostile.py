"""The reader against malformed requests (issue 15): ids beyond 64 bits, a thousand
filters, deeply nested and chunked bodies, overlong sources, a forged Host header, HEAD,
and the admin token kept off the command line. Always a 4xx (or a 2xx), never a 500."""

from __future__ import annotations

import http.client
import json
import shutil
from pathlib import Path

import pytest
from webkit import TOKEN, free_port, serve, stop, wait_for

from budget_texts import meeting_soup
from communique.cli import main

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    "path",
    [
        "/engagement/99999999999999999999",
        "/engagement/9223372036854775808.json",
        "/person/18446744073709551616",
        "/document/9223372036854775808.json",
        "/document/-1",
        "/search?" + "&".join(["country=JPN"] * 1000),
        "/search.json?" + "&".join(f"country=C{i:02}" for i in range(1000)),
        "/search.csv?" + "&".join(["country=RUS"] * 1000),
    ],
)
def test_malformed_ids_and_filters_are_4xx(client, path):
    r = client.get(path)
    assert 400 <= r.status_code < 500, (path, r.status_code)


def test_the_largest_id_is_a_plain_404(client):
    assert client.get("/engagement/9223372036854775807.json").status_code == 404


def test_head_is_answered_on_every_page(client):
    for path in ["/", "/relations", "/relations/JPN-RUS", "/people", "/search?q=talks"]:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert "content-security-policy" in head.headers
    assert client.head("/engagement/9223372036854775807").status_code == 404


def test_the_host_header_builds_no_url(client):
    r = client.get("/calendar.ics?status=all&as_of=2000-01-01", headers={"Host": "evil.example"})
    assert r.status_code == 200 and "BEGIN:VEVENT" in r.text
    assert "evil.example" not in r.text
    r = client.get("/search/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code == 404 and "location" not in r.headers


def test_deeply_nested_json_and_long_sources_are_400(admin_client):
    h = {**AUTH, "Content-Type": "application/json"}
    r = admin_client.post("/api/ingest", content=b"[" * 100_000 + b"]" * 100_000, headers=h)
    assert r.status_code == 400
    body = {"text": "On May 2, 2024, the ministers met in Tokyo.", "source": "x" * 100_000}
    r = admin_client.post("/api/ingest", content=json.dumps(body).encode(), headers=h)
    assert r.status_code == 400 and "source longer than 2000" in r.json()["detail"]


def _serve(db: Path, *extra: str, env: dict | None = None):  # noqa: ANN202
    port = free_port()
    proc = serve(f"sqlite:///{db}", port, *extra, env=env)
    return proc, port


def _post(port: int, token: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/api/ingest?source=https://x.test/readout",
        body=b"On May 2, 2024, Foreign Minister Hana Sato met Mr. Julien Moreau in Tokyo.",
        headers={"Authorization": f"Bearer {token}"},
    )
    status = conn.getresponse().status
    conn.close()
    return status


def test_the_admin_token_from_a_file_not_the_command_line(corpus_db, tmp_path):
    db = tmp_path / "a.db"
    shutil.copy(corpus_db, db)
    secret = tmp_path / "token"
    secret.write_text(TOKEN + "\n")
    secret.chmod(0o600)
    proc, port = _serve(db, "--admin-token-file", str(secret), "--base-url", "https://r.test")
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert TOKEN.encode() not in cmdline  # what other local users can read
        assert _post(port, "wrong-token-0000") == 401
        assert _post(port, TOKEN) == 201
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("HEAD", "/relations")
        r = conn.getresponse()
        assert r.status == 200 and r.read() == b""
        conn.close()
    finally:
        stop(proc)


def test_an_unreadable_token_file_is_one_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/x.db"
    assert main(["serve", "--db", db, "--admin-token-file", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "E104 cannot read the admin token file" in err and "Traceback" not in err
    (tmp_path / "empty").write_text("\n")
    assert main(["serve", "--db", db, "--admin-token-file", str(tmp_path / "empty")]) == 2
    assert "empty" in capsys.readouterr().err


def test_a_chunked_body_is_refused_once_over_20_mib_not_read_to_its_end(corpus_db, tmp_path):
    import os
    import select
    import socket

    db = tmp_path / "a.db"
    shutil.copy(corpus_db, db)
    proc, port = _serve(db, env={**os.environ, "COMMUNIQUE_ADMIN_TOKEN": TOKEN})
    sent = 0
    answer = b""
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(
                b"POST /api/ingest?source=https://x.test/r HTTP/1.1\r\nHost: x\r\n"
                + f"Authorization: Bearer {TOKEN}\r\n".encode()
                + b"Transfer-Encoding: chunked\r\n\r\n"
            )
            piece = b"a" * (1024 * 1024)
            chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            for _ in range(200):  # up to 200 MiB, unless the server answers first
                if select.select([s], [], [], 0)[0]:
                    break
                try:
                    s.sendall(chunk)
                except OSError:
                    break
                sent += len(piece)
            s.settimeout(30)
            answer = s.recv(4096)
    finally:
        stop(proc)
    assert answer.startswith(b"HTTP/1.1 413")
    assert sent < 60 * 1024 * 1024  # answered about when 20 MiB had come, not at the end


def test_the_ingest_api_records_a_document_over_budget_as_failed(
    make_client, tmp_path, monkeypatch
):
    from communique.ingest import Archive, worker

    quick = "On May 2, 2024, Foreign Minister Hana Sato met Mr. Julien Moreau in Tokyo.\n"
    slow = meeting_soup()
    db = f"sqlite:///{tmp_path / 'api.db'}"
    Archive(db, create=True).close()
    client = make_client(db, admin_token=TOKEN)
    worker.extract_within(quick, "warm-up", None)  # the worker's start is not the budget's
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 0.02)
    r = client.post("/api/ingest?source=https://x.test/slow", content=slow, headers=AUTH)
    assert r.status_code == 200 and r.json()["status"] == "failed"
    assert r.json()["error"].startswith("E108 extraction took longer than 0.02 s")
    r = client.post("/api/ingest?source=https://x.test/quick", content=quick, headers=AUTH)
    assert r.status_code == 201 and r.json()["status"] == "stored"
