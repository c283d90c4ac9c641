"""An event's level (leaders, ministers, officials) is stored on the event when linking,
from the gazetteer's ranks of its participants' titles: the command line, the reader's
search and the exports select the same events by it, and an archive written before the
column (migration 0007) upgraded by migration 0008 holds the levels a fresh ingest
gives. Real SQLite files and a real PostgreSQL server (tests/archive/conftest.py)."""

from __future__ import annotations

import json
import warnings
from collections import defaultdict

import sqlalchemy as sa
from revisions import to_revision

from communique.archive import db
from communique.archive import schema as t
from communique.cli import main
from communique.gazetteer import ranks
from communique.ingest import Archive

LEVELS = ("leaders", "ministers", "officials")


def _levels(url: str) -> dict[int, int]:
    eng = db.create_engine(url)
    try:
        with db.read_tx(eng) as conn:
            return dict(conn.execute(sa.select(t.events.c.id, t.events.c.level)).all())
    finally:
        eng.dispose()


def _ranked_from_titles(url: str) -> dict[int, int]:
    """Each event's level ranked again from its participants' titles as stored."""
    e, p = t.engagements, t.participants
    titles: dict[int, list[str | None]] = defaultdict(list)
    eng = db.create_engine(url)
    try:
        with db.read_tx(eng) as conn:
            for evid in conn.execute(sa.select(t.events.c.id)).scalars():
                titles[evid] = []
            rows = conn.execute(
                sa.select(e.c.event_id, p.c.title).join(p, p.c.engagement_id == e.c.id)
            )
            for evid, title in rows:
                titles[evid].append(title)
    finally:
        eng.dispose()
    return {i: ranks.highest(ts) for i, ts in titles.items()}


def _second_url(backend: str, tmp_path, request) -> str:  # noqa: ANN001
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'older.db'}"
    return request.getfixturevalue("pg_server").create_db()


def _event_columns(eng: sa.Engine) -> set[str]:
    with db.read_tx(eng) as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns("events")}


def _copy_into_revision(src: str, dst: str, revision: str) -> None:
    """A database at ``revision`` (built by the migrations up to it) holding every row of
    the archive at ``src`` in the columns that revision has."""
    eng = db.create_engine(dst)
    try:
        to_revision(eng, revision)
        with db.write_tx(eng) as conn:
            have = {
                name: {c["name"] for c in sa.inspect(conn).get_columns(name)}
                for name in sa.inspect(conn).get_table_names()
            }
            tables = [x for x in t.metadata.sorted_tables if x.name in have]
            for table in reversed(tables):
                conn.execute(table.delete())
            src_eng = db.create_engine(src)
            try:
                with db.read_tx(src_eng) as src_conn:
                    for table in tables:
                        cols = [c for c in table.columns if c.name in have[table.name]]
                        rows = [dict(r) for r in src_conn.execute(sa.select(*cols)).mappings()]
                        if rows:
                            conn.execute(table.insert(), rows)
            finally:
                src_eng.dispose()
    finally:
        eng.dispose()


def test_linking_stores_each_events_highest_level(db_url, corpus) -> None:  # noqa: ANN001
    with Archive(db_url) as a:
        a.ingest([str(corpus)])
    stored = _levels(db_url)
    assert stored == _ranked_from_titles(db_url)
    assert {ranks.LEADER, ranks.MINISTER, ranks.OFFICIAL} <= set(stored.values())


def test_cli_reader_and_exports_agree_on_levels(db_url, corpus, capsys, tmp_path) -> None:  # noqa: ANN001
    from communique.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    out = tmp_path / "all.jsonl"
    with Archive(db_url) as a:
        a.ingest([str(corpus)])
        client = TestClient(create_app(archive=a))
        assert main(["export", "--db", db_url, "--format", "jsonl", "-o", str(out)]) == 0
        exported = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        seen: set[int] = set()
        for plural in LEVELS:
            capsys.readouterr()
            args = ["query", "--db", db_url, "--level", plural, "--format", "json"]
            assert main(args) == 0
            cli = [e["id"] for e in json.loads(capsys.readouterr().out)]
            assert cli, f"the corpus has events of {plural}"
            web, page = [], 1
            while page:
                d = client.get("/search.json", params={"level": plural, "page": page}).json()
                assert d["query"]["level"] == plural[:-1]
                web += [e["id"] for e in d["engagements"]]
                assert all(e["level"] == plural[:-1] for e in d["engagements"])
                page = d["next_page"]
            mine = [r["id"] for r in exported if r["level"] == plural[:-1]]
            assert mine == cli  # both oldest first
            assert sorted(web) == sorted(cli)
            assert d["total"] == len(cli)
            seen |= set(cli)
        unclassified = [r["id"] for r in exported if r["level"] is None]
        assert sorted(seen | set(unclassified)) == sorted(r["id"] for r in exported)


def test_migration_0008_gives_an_older_archive_the_levels_of_a_fresh_ingest(
    db_url,  # noqa: ANN001
    backend,  # noqa: ANN001
    corpus,  # noqa: ANN001
    tmp_path,  # noqa: ANN001
    request,  # noqa: ANN001
) -> None:
    with Archive(db_url) as a:
        a.ingest([str(corpus)])
    fresh = _levels(db_url)
    older = _second_url(backend, tmp_path, request)
    _copy_into_revision(db_url, older, "0007")
    eng = db.create_engine(older)
    try:
        assert "level" not in _event_columns(eng)
    finally:
        eng.dispose()
    with Archive(older) as b, db.read_tx(b.engine) as conn:  # opening migrates to the head
        assert db.current_revision(conn) == db.head_revision()
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
        st = dict(conn.execute(sa.select(t.archive_state.c.key, t.archive_state.c.value)).all())
    assert "ix_events_level_date" in indexes
    assert st["data_version"] == st["linked_version"], "no relink: the migration filled it"
    assert _levels(older) == fresh
    assert len(set(fresh.values())) >= 3


def test_migration_0008_downgrades_without_unlinking_the_archive(db_url, corpus) -> None:  # noqa: ANN001
    """Back to 0007 the column goes and every engagement keeps its event; up again the
    levels come back."""
    with Archive(db_url) as a:
        a.ingest([str(corpus)])
    fresh = _levels(db_url)
    e = t.engagements

    def linked(eng: sa.Engine) -> list[tuple[int, int | None]]:
        with db.read_tx(eng) as conn:
            return [
                tuple(r) for r in conn.execute(sa.select(e.c.id, e.c.event_id).order_by(e.c.id))
            ]

    eng = db.create_engine(db_url)
    try:
        before = linked(eng)
        to_revision(eng, "0007", down=True)
        assert "level" not in _event_columns(eng)
        assert linked(eng) == before and all(ev is not None for _i, ev in before)
        to_revision(eng, "head")
        assert "level" in _event_columns(eng)
    finally:
        eng.dispose()
    assert _levels(db_url) == fresh
