"""The level of an engagement (leaders, ministers, officials): the highest level of
anyone present, as :func:`communique.gazetteer.ranks.highest` ranks titles from the
gazetteer. Linking stores it on the event (``events.level``); the filters, the
reader's charts and the exports read that column and never rank a title per request.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.gazetteer.ranks import (
    LEADER,
    MINISTER,
    NAMES,
    NONE,
    OFFICIAL,
    PLURAL,
    name,
    parse,
)
from communique.gazetteer.ranks import level as title_level

__all__ = [
    "LEADER",
    "MINISTER",
    "NAMES",
    "NONE",
    "OFFICIAL",
    "PLURAL",
    "event_levels",
    "level_filter",
    "name",
    "parse",
    "title_level",
    "with_levels",
]

#: ids per ``IN (...)`` list, under SQLite's default limit of bound parameters
CHUNK = 900


def event_levels(conn: Connection, ids: sa.Select | list[int]) -> dict[int, int]:
    """The stored level of each event (0 when no participant has a title)."""
    ev = t.events
    if isinstance(ids, sa.Select):
        return dict(conn.execute(sa.select(ev.c.id, ev.c.level).where(ev.c.id.in_(ids))).all())
    out: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        out.update(conn.execute(sa.select(ev.c.id, ev.c.level).where(ev.c.id.in_(part))).all())
    return out


def with_levels(conn: Connection, rows: list[dict]) -> list[dict]:
    """Engagement objects (:func:`communique.archive.read.describe.describe`) with their
    ``level`` name added (None when no participant has a title)."""
    lv = event_levels(conn, [r["id"] for r in rows])
    for r in rows:
        r["level"] = name(lv.get(r["id"], NONE))
    return rows


def level_filter(level: int) -> sa.ColumnElement:
    """Events whose highest level is ``level``."""
    return t.events.c.level == level
