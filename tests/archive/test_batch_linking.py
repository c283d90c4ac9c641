"""Linking once per batch (issue 13): an ingest links what each batch changes right
after the batch is committed, and the result is the one a whole relink gives on the
same records: persons, events and their accounts, tracks and follow-up matches. Checked
on the shared corpus in small batches (many of them) in two orders, on a real SQLite
file and on the real PostgreSQL server; and a batch written but never linked (a process
killed between the two) is linked by the next ingest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from archive_dump import dump

from communique.archive import batch_link, db, link
from communique.archive import schema as t
from communique.ingest import Archive

#: the tables linking writes (participants: their person; engagements: their event)
LINKED = (
    "persons",
    "person_names",
    "person_offices",
    "participants",
    "engagements",
    "events",
    "event_fields",
    "event_persons",
    "event_countries",
    "tracks",
    "track_members",
    "follow_ups",
)
#: documents per batch: small, so that the corpus makes dozens of batches
BATCH = 6


def _linked(url: str) -> dict:
    return {k: v for k, v in dump(url).items() if k in LINKED}


def _files(corpus: Path, order: str) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    return files[::-1] if order == "reversed" else files


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_linking_each_batch_equals_a_whole_relink(db_url, corpus, order):
    batch_link.HOW.clear()
    files = _files(corpus, order)
    with Archive(db_url) as a:
        report = a.ingest(files, batch_size=BATCH)
    assert report.count("stored") > 100
    how = dict(batch_link.HOW)
    # the first batch of a new archive is linked whole (it has never been linked);
    # every other one alone
    assert how.pop("whole: the archive was not linked up to it") == 1
    assert how == {"batch": -(-len(files) // BATCH) - 1}
    got = _linked(db_url)
    assert len(got["persons"]) > 50 and len(got["events"]) > 100
    assert got["tracks"] and any("'open'" not in row for row in got["follow_ups"])
    with Archive(db_url) as a:
        assert a.relink(force=True) is True
    assert _linked(db_url) == got


def test_a_batch_never_linked_is_linked_by_the_next_ingest(tmp_path, corpus):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    files = _files(corpus, "sorted")
    with Archive(url) as a:
        a.ingest(files[:30], batch_size=BATCH)
        # written, not linked: what a process killed between a batch and its linking leaves
        a.ingest(files[30:42], batch_size=BATCH, relink=False)
        with a.reading() as conn:
            st = link.state(conn)
        assert st["data_version"] > st["linked_version"]
        batch_link.HOW.clear()
        a.ingest(files[42:60], batch_size=BATCH)
        assert batch_link.HOW["whole: the archive was not linked up to it"] == 1
        assert batch_link.HOW["batch"] == 2
        with a.reading() as conn:
            st = link.state(conn)
        assert st["data_version"] == st["linked_version"]
    got = _linked(url)
    with Archive(url) as a:
        a.relink(force=True)
    assert _linked(url) == got


def test_an_analysts_override_links_the_batch_whole(tmp_path, corpus):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    files = _files(corpus, "sorted")
    with Archive(url) as a:
        a.ingest(files[:20], batch_size=BATCH)
        engine = a.engine
        with db.write_tx(engine) as conn:
            keys = [k for (k,) in conn.exec_driver_sql("SELECT key FROM persons LIMIT 2")]
            conn.execute(
                t.person_overrides.insert(),
                {"kind": "merge", "keys": keys, "created_at": dt.datetime.now(dt.UTC)},
            )
        a.relink(force=True)
        batch_link.HOW.clear()
        a.ingest(files[20:32], batch_size=BATCH)
        assert batch_link.HOW == {"whole: analysts' overrides of people": 2}
    got = _linked(url)
    with Archive(url) as a:
        a.relink(force=True)
    assert _linked(url) == got
