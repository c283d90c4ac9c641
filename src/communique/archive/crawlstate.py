"""Fetch state and crawl frontier in the archive (tables of migration 0002): the
storage behind the crawler's :class:`~communique.fetch.crawl.CrawlLog` (the crawler
itself never imports the archive; :class:`CrawlLog` here is what the ingest path hands it).

``fetch_state`` has one row per URL: the validators of its last answer (for the next
conditional request), status, content hash, error, the document it became and, for
pages that are not documents (index pages, feeds, sitemaps, robots.txt), the body, so
a 304 can be read again. ``crawls``/``crawl_queue`` are a crawl and its frontier: a
crawl whose ``finished_at`` is NULL is resumed by the next ``communique crawl`` of the
same start URL, from the rows still ``pending``.

Every write is one short transaction through :func:`communique.archive.db.write_tx`.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from communique.archive import db
from communique.archive import schema as t
from communique.util.dates import now as _now

#: URLs one crawl may hold in its frontier (a sitemap of a million URLs is cut here)
MAX_QUEUE = 100_000


# ------------------------------------------------------------------ per URL


def remembered(engine: Engine, url: str) -> tuple[str | None, str | None, bytes | None] | None:
    """(etag, last_modified, kept body) of the last good answer for ``url``, or None."""
    with db.read_tx(engine) as conn:
        row = conn.execute(
            sa.select(
                t.fetch_state.c.etag,
                t.fetch_state.c.last_modified,
                t.fetch_state.c.body,
                t.fetch_state.c.document_id,
            ).where(t.fetch_state.c.url == url)
        ).first()
    if row is None or (row.etag is None and row.last_modified is None):
        return None
    return row.etag, row.last_modified, row.body


def has_document(engine: Engine, url: str) -> bool:
    with db.read_tx(engine) as conn:
        return (
            conn.execute(
                sa.select(t.fetch_state.c.document_id).where(t.fetch_state.c.url == url)
            ).scalar()
            is not None
        )


def content_type(engine: Engine, url: str) -> str | None:
    """The content type of the last good answer for ``url`` (a listing's kept body)."""
    with db.read_tx(engine) as conn:
        return conn.execute(
            sa.select(t.fetch_state.c.content_type).where(t.fetch_state.c.url == url)
        ).scalar()


def record_fetch(
    conn: Connection,
    http: dict,
    *,
    document_id: int | None = None,
    content_hash: str | None = None,
    body: bytes | None = None,
) -> None:
    """Upsert the state of ``http["url"]`` after an answer (inside the caller's write tx).

    ``http`` keys: url, final_url, kind, status, etag, last_modified, content_type,
    canonical, error, not_modified. A 304 or an error only updates ``checked_at``
    (and the error); the validators of the last good answer are kept.
    """
    url = http["url"]
    now = _now()
    row = conn.execute(sa.select(t.fetch_state.c.id).where(t.fetch_state.c.url == url)).scalar()
    if http.get("not_modified") or http.get("error"):
        values = {"checked_at": now, "error": http.get("error")}
        if http.get("status") is not None:
            values["status"] = http["status"]
    else:
        values = {
            "final_url": http.get("final_url"),
            "kind": http.get("kind"),
            "status": http.get("status"),
            "etag": http.get("etag"),
            "last_modified": http.get("last_modified"),
            "content_type": http.get("content_type"),
            "canonical": http.get("canonical"),
            "fetched_at": now,
            "checked_at": now,
            "error": None,
            "content_hash": content_hash,
            "body": body,
        }
        if document_id is not None:
            values["document_id"] = document_id
    if row is None:
        conn.execute(t.fetch_state.insert().values(url=url, **values))
    else:
        conn.execute(t.fetch_state.update().where(t.fetch_state.c.id == row).values(**values))


def record(engine: Engine, http: dict, **kw: object) -> None:
    with db.write_tx(engine) as conn:
        record_fetch(conn, http, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ crawls


def open_crawl(engine: Engine, start_url: str, options: dict) -> tuple[int, bool]:
    """(crawl id, resumed): the unfinished crawl of ``start_url``, or a new one."""
    with db.write_tx(engine) as conn:
        cid = conn.execute(
            sa.select(t.crawls.c.id)
            .where(t.crawls.c.start_url == start_url, t.crawls.c.finished_at.is_(None))
            .order_by(t.crawls.c.id.desc())
            .limit(1)
        ).scalar()
        if cid is not None:
            conn.execute(t.crawls.update().where(t.crawls.c.id == cid).values(options=options))
            return cid, True
        cid = conn.execute(
            t.crawls.insert().returning(t.crawls.c.id),
            {"start_url": start_url, "options": options, "started_at": _now()},
        ).scalar_one()
        conn.execute(
            t.crawl_queue.insert().values(crawl_id=cid, url=start_url, kind="start", depth=0)
        )
        return cid, False


def finish_crawl(engine: Engine, crawl_id: int, summary: dict) -> None:
    with db.write_tx(engine) as conn:
        conn.execute(
            t.crawls.update()
            .where(t.crawls.c.id == crawl_id)
            .values(finished_at=_now(), summary=summary)
        )


def pending(engine: Engine, crawl_id: int, exclude: Iterable[int], limit: int) -> list:
    """The next ``limit`` pending frontier rows in the order found, minus ``exclude``."""
    q = t.crawl_queue
    stmt = (
        sa.select(q.c.id, q.c.url, q.c.kind, q.c.depth, q.c.listed_date)
        .where(q.c.crawl_id == crawl_id, q.c.state == "pending")
        .order_by(q.c.id)
    )
    ex = list(exclude)
    if ex:
        stmt = stmt.where(q.c.id.not_in(ex))
    with db.read_tx(engine) as conn:
        return list(conn.execute(stmt.limit(limit)).all())


def counts(engine: Engine, crawl_id: int) -> dict[str, int]:
    """Frontier rows of a crawl by outcome (``pending`` for those not yet done)."""
    q = t.crawl_queue
    with db.read_tx(engine) as conn:
        rows = conn.execute(
            sa.select(sa.func.coalesce(q.c.outcome, q.c.state), sa.func.count())
            .where(q.c.crawl_id == crawl_id)
            .group_by(sa.func.coalesce(q.c.outcome, q.c.state))
        ).all()
    return {k: n for k, n in rows}


def _insert_ignore(conn: Connection, rows: list[dict]) -> None:
    if not rows:
        return
    # each dialect's own INSERT ... ON CONFLICT
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(insert(t.crawl_queue).on_conflict_do_nothing(), rows)


def settle(
    engine: Engine,
    row_id: int,
    *,
    state: str,
    outcome: str,
    reason: str | None = None,
    crawl_id: int | None = None,
    links: Iterable = (),
    depth: int = 0,
    http: dict | None = None,
    body: bytes | None = None,
    content_hash: str | None = None,
) -> None:
    """In one transaction: the frontier row's outcome, the links it gave (each once per
    crawl) and, when given, the URL's fetch state."""
    with db.write_tx(engine) as conn:
        if http is not None:
            record_fetch(conn, http, body=body, content_hash=content_hash)
        rows = [
            {
                "crawl_id": crawl_id,
                "url": ln.url,
                "kind": ln.kind,
                "depth": depth + 1,
                "listed_date": ln.date,
                "state": "pending",
            }
            for ln in links
        ]
        if rows:
            n = conn.execute(
                sa.select(sa.func.count()).where(t.crawl_queue.c.crawl_id == crawl_id)
            ).scalar_one()
            _insert_ignore(conn, rows[: max(0, MAX_QUEUE - n)])
        conn.execute(
            t.crawl_queue.update()
            .where(t.crawl_queue.c.id == row_id)
            .values(state=state, outcome=outcome, reason=reason)
        )


class CrawlLog:
    """The crawl's state in the archive at ``engine``, as the crawler asks for it
    (:class:`communique.fetch.crawl.CrawlLog`): every call one short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def remembered(self, url: str) -> tuple[str | None, str | None, bytes | None] | None:
        return remembered(self.engine, url)

    def has_document(self, url: str) -> bool:
        return has_document(self.engine, url)

    def content_type(self, url: str) -> str | None:
        return content_type(self.engine, url)

    def record(self, http: dict, *, body: bytes | None = None) -> None:
        record(self.engine, http, body=body)

    def open_crawl(self, start_url: str, options: dict) -> tuple[int, bool]:
        return open_crawl(self.engine, start_url, options)

    def pending(self, crawl_id: int, exclude: Iterable[int], limit: int) -> list:
        return pending(self.engine, crawl_id, exclude, limit)

    def settle(self, row_id: int, **kw: object) -> None:
        settle(self.engine, row_id, **kw)  # type: ignore[arg-type]

    def counts(self, crawl_id: int) -> dict[str, int]:
        return counts(self.engine, crawl_id)

    def finish_crawl(self, crawl_id: int, summary: dict) -> None:
        finish_crawl(self.engine, crawl_id, summary)
