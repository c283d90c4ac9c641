"""`communique demo`: build an archive from the bundled sample corpus and serve it.

The sample corpus (``samples/corpus``) restates real meetings in the project's own
words; ``samples/SOURCES.tsv`` names each meeting's public source. ``communique demo``
ingests it into ``demo.db`` (rebuilt each time) and serves the reader on
http://127.0.0.1:8000; ``--no-serve`` only builds it and prints what was found.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from pathlib import Path

from communique.errors import EXIT_OK, EXIT_SOME_FAILED, print_error
from communique.formats.summary import summary_line

#: where the sample corpus lives in a source checkout
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"
DEFAULT_DB = "sqlite:///demo.db"


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def build(files: list[Path], db_url: str, *, quiet: bool = False) -> tuple[int, dict]:
    """Ingest ``files`` into a fresh archive at ``db_url``; (failed count, totals)."""
    # loaded when the command runs, for start-up time
    import sqlalchemy as sa

    from communique.archive import schema as t
    from communique.archive.db import create_engine, sqlite_path
    from communique.ingest import Archive

    path = sqlite_path(create_engine(db_url).url)
    target_url = db_url
    if path:  # built beside the target, then moved in place: never a half-built demo.db
        building = path + ".building"
        _remove(building)
        target_url = f"sqlite:///{building}"
    failed = 0

    def each(o) -> None:  # noqa: ANN001
        nonlocal failed
        if o.status in ("failed", "error"):
            failed += 1
            print(f"communique: {o.message or o.source}")

    with Archive(target_url) as a:
        a.ingest([str(f) for f in files], on_each=each)
        with a.reading() as conn:
            results = (
                conn.execute(
                    sa.select(t.extractions.c.result).order_by(t.extractions.c.document_id)
                )
                .scalars()
                .all()
            )
            n_events = conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar()
    n_eng = n_fu = 0
    for result in results:
        n_eng += len(result["engagements"])
        n_fu += sum(len(e["follow_ups"]) for e in result["engagements"])
        if not quiet:
            print(summary_line(result))
    if path:
        _remove(path)
        os.replace(building, path)
    return failed, {"engagements": n_eng, "events": n_events, "follow_ups": n_fu}


def run_demo(args: argparse.Namespace) -> int:
    folder = Path(getattr(args, "samples", None) or SAMPLES)
    files = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html", ".htm"))
    if not files:
        print(f"communique: {folder}: E105 no sample corpus found")
        return EXIT_SOME_FAILED
    serve = not getattr(args, "no_serve", False)
    db_url = getattr(args, "db", None) or DEFAULT_DB
    t0 = time.perf_counter()
    failed, n = build(files, db_url, quiet=serve)
    dt = time.perf_counter() - t0
    print(
        f"\n{len(files)} documents, {n['engagements']} engagements ({n['events']} after linking"
        f" accounts), {n['follow_ups']} follow-ups in {dt:.2f} s"
        f" ({len(files) / dt:.0f} documents/s); {failed} failed; archive {db_url}",
        flush=True,
    )
    if not serve:
        return EXIT_OK if not failed else EXIT_SOME_FAILED
    # loaded when the command runs, for start-up time
    from communique.web.app import create_app
    from communique.web.cli import serve as run_server

    host = getattr(args, "host", None) or "127.0.0.1"
    port = getattr(args, "port", None)
    port = 8000 if port is None else port
    app = create_app(db_url)

    def ready(url: str) -> None:
        print(f"communique demo: open {url}/  (Ctrl+C to stop)", flush=True)

    try:
        run_server(app, host, port, on_ready=ready)
    except OSError as e:
        print_error(f"E401 {e}")
        return EXIT_SOME_FAILED
    return EXIT_OK
