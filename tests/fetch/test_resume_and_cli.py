"""The command line: ``communique ingest URL``, ``communique crawl`` killed with SIGKILL
or interrupted with Ctrl-C (SIGINT) and resumed, ``--quiet``/``--json``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from sitekit import query, readout_path

from communique.cli import main
from communique.fetch import policy

INDEX = "/press/index.html"


def _start(db_url: str, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "communique.cli", "crawl", url, "--db", db_url, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_documents(db_url: str, n: int, proc: subprocess.Popen, limit: float = 30) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            got = query(db_url, "SELECT count(*) FROM documents")[0][0]
        except Exception:  # the archive is not created yet
            got = 0
        if got >= n:
            return got
        time.sleep(0.05)
    raise AssertionError("the crawl made no progress")


def _readout_hits(site) -> dict[str, int]:  # noqa: ANN001
    return {p: n for p, n in site.hits.items() if p.startswith("/press/2024/")}


def test_a_crawl_killed_with_sigkill_resumes_where_it_stopped(site, db_url):
    proc = _start(db_url, site.url(INDEX), "--delay", "0.05", "--quiet")
    _wait_for_documents(db_url, 12, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    done_before = {
        r.url
        for r in query(db_url, "SELECT url FROM crawl_queue WHERE state = 'done'")
        if "/press/2024/" in r.url
    }
    assert 12 <= len(done_before) < 51
    hits_before = _readout_hits(site)
    proc = _start(db_url, site.url(INDEX), "--delay", "0", "--json")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["resumed"] and summary["finished"]
    docs = query(db_url, "SELECT source FROM documents")
    assert len(docs) == len({d.source for d in docs}) == 51
    # what was done before the kill is not asked for again; what was in flight may be
    hits = _readout_hits(site)
    for url in done_before:
        path = url.split(str(site.port), 1)[1]
        assert hits[path] == hits_before[path] == 1
    assert sum(hits.values()) <= 51 + policy.CONCURRENCY
    assert query(db_url, "SELECT count(*) FROM crawls")[0][0] == 1


def test_ctrl_c_stops_cleanly_and_the_same_command_resumes(site, db_url):
    # a delay long enough that a loaded machine still interrupts the crawl half-way (at
    # 0.05 s the 51 pages were all stored before the signal came, once in CI-like load)
    proc = _start(db_url, site.url(INDEX), "--delay", "0.3")
    # wait on the pages served (seen at once), not on documents stored (written in batches)
    for _ in range(600):
        if sum(_readout_hits(site).values()) >= 5 or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "run the same command to resume" in err
    assert "Traceback" not in err
    proc = _start(db_url, site.url(INDEX), "--delay", "0", "--json", "--quiet")
    out, err = proc.communicate(timeout=60)
    summary = json.loads(out)
    assert proc.returncode == 0 and summary["resumed"] and summary["finished"]
    assert err == ""
    assert query(db_url, "SELECT count(*) FROM documents")[0][0] == 51


def test_ingest_takes_urls_beside_paths(site, db_url, fast, tmp_path, capsys):
    local = tmp_path / "note.txt"
    local.write_text(
        "On May 2, 2024, Foreign Minister Hana Sato held a telephone talk with "
        "Mr. Julien Moreau, Minister of Foreign Affairs of Canada.\n"
    )
    urls = [site.url(readout_path(5)), site.url(readout_path(6))]
    assert main(["ingest", "--db", db_url, *urls, str(local)]) == 0
    out, err = capsys.readouterr()
    assert out.count("stored ") == 3
    assert "3 stored" in err
    # again: conditional requests, nothing stored
    n = len(site.log)
    assert main(["ingest", "--db", db_url, *urls]) == 0
    out, err = capsys.readouterr()
    assert "0 stored, 2 already present" in err
    assert all(r["status"] == 304 for r in site.log[n:] if r["path"] != "/robots.txt")
    # bad URLs: one line each, exit 1, the good one still stored
    bad = [
        site.url("/image.png"),
        site.url("/feed.xml"),
        site.url("/private/drafts.html"),
        f"http://127.0.0.1:{_closed_port()}/x.html",
        site.url(readout_path(7)),
    ]
    assert main(["ingest", "--db", db_url, *bad]) == 1
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.startswith("communique: ")]
    assert len(lines) == 4, err
    assert "unsupported content type 'image/png'" in err
    assert "a feed or sitemap, not a readout" in err
    assert "disallowed by robots.txt" in err
    assert "cannot connect" in err
    assert "1 stored" in err


def _closed_port() -> int:
    from sitekit import free_port

    return free_port()


def test_crawl_usage_errors(db_url, capsys):
    assert main(["crawl", "http://127.0.0.1:9/", "--db", db_url, "--since", "May"]) == 2
    # the same rule as every other command's dates: YYYY-MM-DD, not "20240420"
    assert main(["crawl", "http://127.0.0.1:9/", "--db", db_url, "--since", "20240420"]) == 2
    assert main(["crawl", "http://127.0.0.1:9/", "--db", db_url, "--follow", "("]) == 2
    assert main(["crawl", "http://127.0.0.1:9/", "--db", db_url, "--max-pages", "0"]) == 2
    assert main(["crawl", "ftp://example.invalid/", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "not an http(s) URL" in err


def test_quiet_crawl_prints_only_failures(site, db_url, fast, capsys):
    assert main(["crawl", site.url("/feed.xml"), "--db", db_url, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert main(["crawl", site.url("/broken-feed.xml"), "--db", db_url, "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("communique: ") and "malformed feed" in err
    assert len(err.splitlines()) == 1


def test_summary_line(site, db_url, fast, capsys):
    assert main(["crawl", site.url("/atom.xml"), "--db", db_url]) == 0
    err = capsys.readouterr().err
    assert "5 stored" in err and "0 failed" in err
    assert os.path.exists(db_url.removeprefix("sqlite:///"))
