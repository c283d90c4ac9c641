"""The events of two countries (or organisations): one join over the (country,
event_id) primary key of ``event_countries``, driven by the rarer side."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive.read.order import newest_first, oldest_first

ISO3_RE = re.compile(r"^[A-Z]{3}$")


def country_sizes(conn: Connection, codes: list[str] | None = None) -> dict[str, int]:
    """How many events each country (of ``codes``, else every one) takes part in."""
    ec = t.event_countries
    q = sa.select(ec.c.country, sa.func.count()).group_by(ec.c.country)
    if codes is not None:
        q = q.where(ec.c.country.in_(codes))
    return dict(conn.execute(q).all())


def rarer_first(
    conn: Connection, a: str, b: str, sizes: dict[str, int] | None = None
) -> tuple[str, str]:
    """``(a, b)`` ordered so that the country with fewer events comes first (``sizes``:
    every country's count when the caller keeps them, else the two are counted). SQLite
    only: its planner has no statistics to choose the driving side by, and a count over
    the primary key's range costs less than the time it saves; PostgreSQL's planner has."""
    if conn.dialect.name != "sqlite" or a == b:
        return a, b
    n = sizes if sizes is not None else country_sizes(conn, [a, b])
    return (b, a) if n.get(b, 0) < n.get(a, 0) else (a, b)


def _joined(a: str, b: str, *cols: sa.ColumnElement) -> sa.Select:
    x, y = t.event_countries.alias("ca"), t.event_countries.alias("cb")
    q = sa.select(*cols) if cols else sa.select(x.c.event_id)
    q = q.select_from(x).join(y, sa.and_(y.c.country == b, y.c.event_id == x.c.event_id))
    if cols:
        q = q.join(t.events, t.events.c.id == x.c.event_id)
    return q.where(x.c.country == a)


def pair_selection(a: str, b: str) -> sa.Select:
    """Ids of the events involving both ``a`` and ``b``, unordered (a subquery)."""
    return _joined(a, b)


def pair_ids(a: str, b: str) -> sa.Select:
    """The events of ``a`` and ``b`` in display order, oldest first, driven by ``a``'s
    rows (put the rarer country first: :func:`rarer_first`)."""
    return oldest_first(_joined(a, b, t.events.c.id))


def pair_events(
    conn: Connection, a: str, b: str, sizes: dict[str, int] | None = None
) -> list[tuple[int, str | None]]:
    """The events of ``a`` and ``b`` as (id, ISO date text), newest first, undated last;
    the dates are left as stored text (sorting as dates do, unparsed)."""
    a, b = rarer_first(conn, a, b, sizes)
    ev = t.events
    q = _joined(a, b, ev.c.id, sa.type_coerce(ev.c.date, sa.String).label("date"))
    return [tuple(r) for r in conn.execute(newest_first(q, conn.dialect.name))]


def id_selection(conn: Connection, ids: list[int], fallback: sa.Select) -> sa.Select:
    """A selection of the given event ids, usable wherever a subquery of ids is: on
    SQLite one bound JSON array read by ``json_each`` (the set is looked up once, not
    joined again by every query of a page); elsewhere ``fallback``."""
    if conn.dialect.name != "sqlite":
        return fallback
    each = sa.func.json_each(sa.literal(json.dumps(ids), sa.Text)).table_valued("value")
    return sa.select(each.c.value)


def top_pairs(conn: Connection, limit: int = 500) -> list[dict]:
    """The pairs of countries with the most events, most first."""
    ec1 = t.event_countries.alias("ec1")
    ec2 = t.event_countries.alias("ec2")
    n = sa.func.count().label("n")
    rows = conn.execute(
        sa.select(ec1.c.country.label("a"), ec2.c.country.label("b"), n)
        .join(ec2, sa.and_(ec2.c.event_id == ec1.c.event_id, ec2.c.country > ec1.c.country))
        .group_by(ec1.c.country, ec2.c.country)
        .order_by(n.desc(), ec1.c.country, ec2.c.country)
        .limit(limit)
    ).all()
    return [{"a": r.a, "b": r.b, "engagements": r.n} for r in rows]
