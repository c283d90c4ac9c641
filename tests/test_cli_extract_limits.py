"""``communique extract`` on hostile inputs (issue 15): a per-document time budget (the one
ingest, crawl and the ingest API have), and FIFOs named on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from budget_texts import meeting_soup
from communique import sources
from communique.cli import main
from communique.ingest import worker

QUICK = (
    "On May 2, 2024, Foreign Minister Hana Sato held a meeting with Mr. Julien Moreau, "
    "Minister of Foreign Affairs of Canada, in Tokyo.\n"
)


def test_extract_stops_a_document_over_budget_and_prints_the_others(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    paths = [tmp_path / "a_quick.txt", tmp_path / "b_slow.txt", tmp_path / "c_quick.txt"]
    paths[0].write_text(QUICK, encoding="utf-8")
    paths[1].write_text(meeting_soup(), encoding="utf-8")
    paths[2].write_text(QUICK.replace("Tokyo", "Osaka"), encoding="utf-8")
    worker.extract_within(QUICK, "warm-up", None)  # the child's start is not the budget's
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 0.02)
    t0 = time.monotonic()
    code = main(["extract", "--format", "jsonl", "--workers", "1", *map(str, paths)])
    took = time.monotonic() - t0
    out, err = capsys.readouterr()
    assert code == 1  # EXIT_SOME_FAILED: one input failed, the others were printed
    assert err.splitlines() == [
        f"communique: {paths[1]}: E108 extraction took longer than 0.02 s and was stopped "
        "(the other inputs go on)"
    ]
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["source"] for d in docs] == [str(paths[0]), str(paths[2])]
    assert [e["place"]["name"] for d in docs for e in d["engagements"]] == ["Tokyo", "Osaka"]
    assert took < 30
    # within the budget, the same file extracts as before
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 30.0)
    assert main(["extract", "--format", "jsonl", "--workers", "1", str(paths[1])]) == 0
    assert json.loads(capsys.readouterr().out)["engagements"]


def test_extract_through_the_budget_keeps_the_source_url(tmp_path: Path, capsys) -> None:
    path = tmp_path / "readout.txt"
    path.write_text(QUICK, encoding="utf-8")
    url = "https://www.mofa.go.jp/press/release/readout.html"
    assert main(["extract", "--source", url, str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)["document"]
    assert doc["source"] == str(path) and doc["url"] == url


def test_a_fifo_with_a_writer_is_read(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "readout.txt"
    os.mkfifo(fifo)
    # the writer waits in open() until extract opens the FIFO for reading
    writer = subprocess.Popen(["sh", "-c", 'printf "%s" "$1" > "$2"', "sh", QUICK, str(fifo)])
    try:
        assert main(["extract", "--format", "jsonl", "--workers", "1", str(fifo)]) == 0
    finally:
        writer.wait(30)
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out)["engagements"][0]["place"]["name"] == "Tokyo"


def test_a_fifo_with_no_writer_fails_in_one_line_after_a_bounded_wait(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    fifo = tmp_path / "a_nobody_writes.txt"
    os.mkfifo(fifo)
    other = tmp_path / "b_readout.txt"
    other.write_text(QUICK, encoding="utf-8")
    monkeypatch.setattr(sources, "PIPE_WAIT_S", 0.5)
    t0 = time.monotonic()
    code = main(["extract", "--format", "jsonl", "--workers", "1", str(fifo), str(other)])
    took = time.monotonic() - t0
    out, err = capsys.readouterr()
    assert code == 1  # hung forever before
    assert err.splitlines() == [
        f"communique: {fifo}: E104 a FIFO or pipe with no writer: nothing came in 0.5 s; not read"
    ]
    assert [json.loads(line)["document"]["source"] for line in out.splitlines()] == [str(other)]
    assert 0.5 <= took < 20


def test_a_pipe_from_process_substitution_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "readout.txt"
    path.write_text(QUICK, encoding="utf-8")
    # bash hands extract a /dev/fd/N path to the read end of a pipe from `cat`
    script = '"$0" -m communique.cli extract --format jsonl --workers 1 <(cat "$1")'
    r = subprocess.run(
        ["bash", "-c", script, sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc["document"]["source"].startswith("/dev/fd/")
    assert doc["engagements"][0]["place"]["name"] == "Tokyo"
