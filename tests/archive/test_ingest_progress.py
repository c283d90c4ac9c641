"""``communique ingest``'s and ``reextract``'s progress bar counts every document
whichever process extracted it (the outcomes come back to the ingesting process), and
shows nothing when stderr is not a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from communique.ingest import Archive
from communique.ingest.cli import Bar


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100), out


def test_the_bar_counts_documents_extracted_on_two_workers(corpus, tmp_path):
    files = sorted(str(p) for p in corpus.glob("*.txt"))[:24]
    console, out = _terminal()
    bar = Bar("ingesting", len(files), quiet=False, console=console)
    with Archive(f"sqlite:///{tmp_path / 'a.db'}") as a:
        try:
            report = a.ingest(files, workers=2, relink=False, on_each=lambda o: bar.advance())
        finally:
            bar.stop()
    assert len(report.outcomes) == len(files)
    assert f"{len(files)}/{len(files)}" in out.getvalue()
    assert bar.progress.tasks[0].completed == len(files)


def test_no_bar_off_a_terminal_or_when_quiet():
    out = io.StringIO()
    bar = Bar("ingesting", 3, quiet=False, console=Console(file=out))
    bar.advance()
    bar.stop()
    console, shown = _terminal()
    quiet = Bar("ingesting", 3, quiet=True, console=console)
    quiet.advance()
    quiet.stop()
    assert bar.progress is None and quiet.progress is None
    assert out.getvalue() == "" and shown.getvalue() == ""
