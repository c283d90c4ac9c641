"""Folders and outputs a hostile neighbour could prepare (issue 15): a FIFO in an
ingested folder (reading it would hang), symbolic links leading out of the folder, and
``communique query --format csv`` rows that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time

from communique.cli import main

READOUT = (
    "On May 2, 2024, Foreign Minister Hana Sato held a meeting with Mr. Julien Moreau, "
    "Minister of Foreign Affairs of Canada, in Tokyo.\n"
)


def test_a_fifo_in_a_folder_is_refused_not_waited_for(tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(READOUT)
    os.mkfifo(folder / "b.txt")
    t0 = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-m", "communique.cli", "ingest", "--db", db_url, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - t0 < 60  # hung forever before
    assert r.returncode == 1
    assert f"{folder / 'b.txt'}: E104 not a regular file (a FIFO, socket or device)" in r.stderr
    assert "1 stored" in r.stderr and "Traceback" not in r.stderr


def test_symlinks_out_of_a_folder_are_not_followed(tmp_path, db_url, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("SSH key material, not a readout\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.txt").write_text(READOUT)
    (folder / "out.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "sub" / "real.txt")  # stays inside: read
    (folder / "outdir").symlink_to(tmp_path, target_is_directory=True)  # not descended
    assert main(["ingest", "--db", db_url, str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"out.txt: E104 a symbolic link out of {folder}" in err
    import sqlalchemy as sa

    from communique.ingest import Archive

    with Archive(db_url) as a, a.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT source, text FROM documents")).all()
    # the readout once (under the link inside the folder, or its target), the secret never
    assert len(stored) == 1 and os.path.basename(stored[0][0]) in ("inside.txt", "real.txt")
    assert not any("SSH key" in (text or "") for _, text in stored)


def test_query_csv_neutralises_spreadsheet_formulas(db_url, capsys):
    from communique.ingest import Archive
    from communique.web.admin import ingest_bytes

    formula = '=HYPERLINK("http://evil.test","click")'
    with Archive(db_url, create=True) as a:  # a binary body: kept as failed, with its source
        assert ingest_bytes(a, b"\x00\x01\x02 binary", formula)["status"] == "failed"
        assert ingest_bytes(a, b"\x00\x01\x03 binary", "@SUM(1+1)*cmd|' /C calc'!A0")
    assert main(["query", "--db", db_url, "--failed", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["source"] for r in rows] == ["'" + formula, "'@SUM(1+1)*cmd|' /C calc'!A0"]
