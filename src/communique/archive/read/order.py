"""The one display order of events: by date, undated last, then by id.

Oldest first for the command line, the Python API and the exports; newest first for the
reader's pages; either is the other reversed over the dated events, and undated events
come last in both. :func:`rank` is the same order in memory.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t

#: ``events.id`` behind a unary plus: a filter on it then does not steer SQLite to look
#: events up by id, so a search walks the date index newest first and stops at a page
SCAN_ID = sa.literal_column("+events.id", sa.Integer)


def oldest_first(q: sa.Select) -> sa.Select:
    """By date, undated last, then by id."""
    ev = t.events
    return q.order_by(ev.c.date.is_(None), ev.c.date, ev.c.id)


def newest_first(q: sa.Select, dialect: str = "sqlite") -> sa.Select:
    """Newest first, undated last. On SQLite (where NULL sorts lowest) as plain
    ``date DESC, id DESC``, which the index on ``events.date`` serves as it stands."""
    ev = t.events
    if dialect == "sqlite":
        return q.order_by(ev.c.date.desc(), ev.c.id.desc())
    return q.order_by(ev.c.date.desc().nulls_last(), ev.c.id.desc())


def rank(dated: list[tuple[dt.date, int]], undated: set[int]) -> dict[int, int]:
    """Every event's place in the newest-first order (:func:`newest_first`) from its
    (date, id) pairs and the ids of the undated ones: a page of any selection is then its
    smallest ranks."""
    order = [i for _d, i in sorted(dated, reverse=True)] + sorted(undated, reverse=True)
    return {i: k for k, i in enumerate(order)}


def page_ids(
    conn: Connection, where: sa.Select | None, *, limit: int, offset: int = 0
) -> tuple[list[int], bool]:
    """One page of event ids, newest first, and whether there is a next page."""
    q = sa.select(t.events.c.id)
    if where is not None:
        q = q.where(t.events.c.id.in_(where))
    rows = (
        conn.execute(newest_first(q, conn.dialect.name).limit(limit + 1).offset(offset))
        .scalars()
        .all()
    )
    return list(rows[:limit]), len(rows) > limit
