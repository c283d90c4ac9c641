"""A per-document time budget for extraction (a worker process, killed when a document
takes longer): the document is kept as failed with the reason, the batch goes on, and
``reextract`` tries it again; the same in the crawler and the reader's ingest API."""

from __future__ import annotations

import json
import time

from budget_texts import meeting_soup
from communique.cli import main
from communique.ingest import Archive, worker

QUICK = "On May 2, 2024, Foreign Minister Hana Sato held a meeting with Mr. Julien Moreau, "
QUICK += "Minister of Foreign Affairs of Canada, in Tokyo.\n"


def test_a_document_over_budget_fails_with_a_reason_and_reextract_retries_it(
    tmp_path, db_url, monkeypatch, capsys
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_slow.txt").write_text(meeting_soup())
    (folder / "b_quick.txt").write_text(QUICK)
    worker.extract_within(QUICK, "warm-up", None)  # the child's start is not the budget's
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 0.02)
    t0 = time.monotonic()
    code = main(["ingest", "--db", db_url, str(folder)])
    took = time.monotonic() - t0
    err = capsys.readouterr().err
    assert code == 1
    assert "a_slow.txt: E108 extraction took longer than 0.02 s and was stopped" in err
    assert "Traceback" not in err
    assert took < 30
    with Archive(db_url) as a:
        failed = a.failed()
        assert [f["source"].rsplit("/", 1)[-1] for f in failed] == ["a_slow.txt"]
        assert failed[0]["error"].startswith("E108")
        assert len(a.engagements()) >= 1  # the quick one, after the slow one, went through
    monkeypatch.setattr(worker, "EXTRACT_BUDGET_S", 30.0)
    assert main(["reextract", "--db", db_url]) == 0
    with Archive(db_url) as a:
        assert a.failed() == []


def test_an_extractor_bug_in_the_worker_keeps_its_name():
    try:
        worker.extract_within(None, "x", None)  # type: ignore[arg-type]
    except RuntimeError as e:
        assert type(e).__name__ in ("AttributeError", "TypeError")
    else:  # pragma: no cover
        raise AssertionError("no error")
    assert worker.extract_within(QUICK, "y", None)[0]["engagements"]  # the worker goes on


def test_json_output_is_unchanged_by_the_worker(db_url):
    from communique.ingest.path import extract_content
    from communique.ingest.worker import extract_here

    here, _url = extract_here(QUICK, "z")
    assert json.dumps(extract_content(QUICK, "z")) == json.dumps(here)
