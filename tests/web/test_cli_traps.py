"""Mistakes on the command line, through the real console script on a real SQLite archive
of the sample readouts and a real server on loopback: each is one line on stderr and exit
code 2 (bad usage, ``communique.errors.EXIT_USAGE``), never a silent "(0 rows)", an
"internal error" or a traceback; the valid forms of the same commands still answer."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from webkit import BIN, free_port, serve, stop

EXIT_USAGE = 2


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "communique"), *args], capture_output=True, text=True, timeout=timeout
    )


def assert_one_line_usage_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == EXIT_USAGE, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    for w in words:
        assert w in lines[0], (w, lines[0])


TRAPS = {
    "unknown-country": (["query", "--country", "XYZ"], ["XYZ", "unknown country code"]),
    "unknown-country-lowercase": (["query", "--country", "xyz"], ["xyz"]),
    "unknown-pair-code": (["query", "--between", "JPN", "QQQ"], ["QQQ"]),
    "unknown-track": (["query", "--track", "no such dialogue"], ["no such dialogue"]),
    "unknown-person": (["query", "--person", "Nobody Atall"], ["Nobody Atall"]),
    "empty-person": (["query", "--person", ""], ["--person", "empty"]),
    "empty-country": (["query", "--country", " "], ["--country", "empty"]),
    "empty-search": (["query", "--search", "..."], ["--search"]),
    "since-after-until": (
        ["query", "--since", "2020-01-01", "--until", "2019-01-01"],
        ["2020-01-01", "2019-01-01"],
    ),
    "malformed-date": (["query", "--since", "2019-02-30"], ["2019-02-30", "YYYY-MM-DD"]),
    "negative-limit": (["query", "--limit", "-1"], ["--limit", "-1"]),
    "negative-offset": (["query", "--offset", "-5"], ["--offset", "-5"]),
    "as-of-before-any-promise": (
        ["query", "--follow-ups", "open", "--as-of", "1990-01-01"],
        ["1990-01-01"],
    ),
    "as-of-without-follow-ups": (["query", "--as-of", "2020-01-01"], ["--follow-ups"]),
    "filter-with-audit": (["query", "--audit", "--country", "JPN"], ["--country"]),
}


@pytest.mark.parametrize("name", list(TRAPS))
def test_query_traps(corpus_db: str, name: str) -> None:
    args, words = TRAPS[name]
    assert_one_line_usage_error(run(*args, "--db", f"sqlite:///{corpus_db}"), *words)


def test_export_to_a_missing_folder(corpus_db: str, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "events.csv"
    proc = run("export", "--db", f"sqlite:///{corpus_db}", "--format", "csv", "-o", str(target))
    assert_one_line_usage_error(proc, "does not exist")
    assert not target.parent.exists()
    proc = run("export", "--db", f"sqlite:///{corpus_db}", "--format", "csv", "-o", str(tmp_path))
    assert_one_line_usage_error(proc, "folder")


def test_valid_commands_unchanged(corpus_db: str, tmp_path: Path) -> None:
    db = f"sqlite:///{corpus_db}"
    upper = run("query", "--db", db, "--between", "JPN", "RUS", "--format", "json")
    lower = run("query", "--db", db, "--between", "jpn", "rus", "--format", "json")
    assert upper.returncode == lower.returncode == 0, lower.stderr
    rows = json.loads(upper.stdout)
    assert len(rows) > 10 and json.loads(lower.stdout) == rows
    page = run("query", "--db", db, "--country", "rus", "--limit", "0", "--format", "json")
    assert page.returncode == 0 and json.loads(page.stdout) == []
    since = run(
        "query", "--db", db, "--since", "2017-01-01", "--until", "2017-12-31", "--format", "json"
    )
    assert since.returncode == 0
    dates = [r["date"] for r in json.loads(since.stdout)]
    assert dates and all(d and d.startswith("2017") for d in dates)
    # a country and a person: the person's engagements with that country
    mixed = run("query", "--db", db, "--between", "RUS", "Abe", "--format", "json")
    assert mixed.returncode == 0, mixed.stderr
    assert mixed.stdout.strip() != "[]"
    for r in json.loads(mixed.stdout):
        assert "RUS" in r["countries"]
    fu = run(
        "query", "--db", db, "--follow-ups", "open", "--as-of", "2018-06-01", "--format", "json"
    )
    assert fu.returncode == 0, fu.stderr
    ages = [f["age_days"] for f in json.loads(fu.stdout)]
    assert ages and all(a is None or a >= 0 for a in ages)
    # people by the names analysts use: any case, accents, transliteration, word order
    for name in ("sergei lavrov", "LAVROV", "Kishida Fumio"):
        who = run("query", "--db", db, "--person", name, "--summary", "--format", "json")
        assert who.returncode == 0, who.stderr
        assert len(json.loads(who.stdout)) > 3, name
    out = tmp_path / "events.csv"
    ex = run("export", "--db", db, "--format", "csv", "-o", str(out))
    assert ex.returncode == 0 and out.read_text(encoding="utf-8").count("\n") > 10


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_serve_refuses_a_port_out_of_range(corpus_db: str, port: str) -> None:
    proc = run("serve", "--db", f"sqlite:///{corpus_db}", "--port", port)
    assert_one_line_usage_error(proc, "--port", port)


def test_serve_on_port_zero_says_the_port_it_got(corpus_db: str) -> None:
    proc = serve(f"sqlite:///{corpus_db}", 0)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        port = int(m.group(1))
        assert 0 < port <= 65535
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/relations/JPN-RUS.json") as r:
            assert r.status == 200 and json.loads(r.read())["total"] > 10
    finally:
        stop(proc)


def test_serve_announces_the_port_it_listens_on(corpus_db: str) -> None:
    port = free_port()
    proc = serve(f"sqlite:///{corpus_db}", port)
    try:
        assert proc.stdout is not None
        assert f"serving http://127.0.0.1:{port}/" in proc.stdout.readline()
    finally:
        stop(proc)
