"""``communique extract --workers N``: a process pool, the output in the order of the
input, one bad file never stopping the others (issue 13, the extraction part)."""

from __future__ import annotations

import json
from pathlib import Path

from _contract import run_cli


def test_workers_keep_the_order_and_the_output(tmp_path: Path) -> None:
    paths = []
    for i in range(12):
        p = tmp_path / f"r{i:02d}.txt"
        p.write_text(
            f"Readout {i}\n\n{i + 1} March 2023\n\nForeign Minister Penny Wong met Foreign "
            f"Minister Yoshimasa Hayashi in Tokyo today for {i + 10} minutes.\n",
            encoding="utf-8",
        )
        paths.append(p)
    paths.insert(5, tmp_path / "missing.txt")  # a bad input in the middle
    one = run_cli("extract", "--format", "jsonl", "--workers", "1", *paths)
    two = run_cli("extract", "--format", "jsonl", "--workers", "2", *paths)
    assert one.returncode == two.returncode == 1  # one input could not be read
    assert one.stdout == two.stdout
    assert two.stderr.strip().splitlines() == [f"communique: {paths[5]}: E101 file not found"]
    docs = [json.loads(line) for line in two.stdout.splitlines()]
    assert [Path(d["document"]["source"]).name for d in docs] == [
        p.name for p in paths if p.name != "missing.txt"
    ]
    assert [d["engagements"][0]["duration_minutes"] for d in docs] == [i + 10 for i in range(12)]


def test_workers_must_be_one_or_more(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("x", encoding="utf-8")
    proc = run_cli("extract", "--workers", "0", p)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
