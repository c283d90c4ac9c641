"""The archive's aggregates as the reader shows them: its size and version, its first and
last dates, a country's counterparts, and a selection's meetings per year (by level and
by mode) and tracks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive.read import levels
from communique.util.dates import iso

#: the modes an event is recorded in (anything else counts as unknown)
MODES = ("in_person", "telephone", "video")


def data_version(conn: Connection) -> int:
    v = conn.execute(
        sa.select(t.archive_state.c.value).where(t.archive_state.c.key == "data_version")
    ).scalar()
    return int(v or 0)


def counts(conn: Connection) -> dict:
    one = lambda q: conn.execute(q).scalar() or 0  # noqa: E731
    return {
        "engagements": one(sa.select(sa.func.count()).select_from(t.events)),
        "documents": one(sa.select(sa.func.count()).select_from(t.documents)),
        "people": one(sa.select(sa.func.count()).select_from(t.persons)),
    }


def date_span(conn: Connection) -> tuple[str | None, str | None]:
    """The first and last dates of the archive's events (ISO)."""
    ev = t.events
    lo, hi = conn.execute(sa.select(sa.func.min(ev.c.date), sa.func.max(ev.c.date))).one()
    return iso(lo), iso(hi)


def country_counterparts(
    conn: Connection, code: str, since: dt.date | None, until: dt.date | None
) -> list[dict]:
    """The countries ``code`` met within the period, most engagements first."""
    ec1, ec2, ev = t.event_countries.alias("a"), t.event_countries.alias("b"), t.events
    n = sa.func.count(sa.distinct(ev.c.id)).label("n")
    q = (
        sa.select(
            ec2.c.country,
            n,
            sa.func.min(ev.c.date).label("first"),
            sa.func.max(ev.c.date).label("last"),
        )
        .select_from(ec1)
        .join(ec2, sa.and_(ec2.c.event_id == ec1.c.event_id, ec2.c.country != ec1.c.country))
        .join(ev, ev.c.id == ec1.c.event_id)
        .where(ec1.c.country == code)
        .group_by(ec2.c.country)
        .order_by(n.desc(), ec2.c.country)
    )
    if since:
        q = q.where(ev.c.date >= since)
    if until:
        q = q.where(ev.c.date <= until)
    return [
        {"code": r.country, "engagements": r.n, "first": iso(r.first), "last": iso(r.last)}
        for r in conn.execute(q)
    ]


def year_level_counts_of(
    conn: Connection, events: list[tuple[int, str | None]], ids: sa.Select
) -> list[dict]:
    """Events per year and level, oldest year first, every year in between included, of
    a selection already read as (id, ISO date) pairs (:func:`pairs.pair_events`): only
    each event's stored level (``events.level``) is asked of the database."""
    lv_of = levels.event_levels(conn, ids)
    per: dict[int | None, Counter] = defaultdict(Counter)
    for evid, day in events:
        y = int(str(day)[:4]) if day is not None else None
        per[y][levels.name(lv_of.get(evid) or 0) or "unclassified"] += 1
    return _year_rows(per)


def year_mode_counts_of(conn: Connection, events: list[tuple[int, str | None]]) -> list[dict]:
    """Events per year and mode (in person, telephone, video, unknown) of a selection read
    as (id, ISO date) pairs, every year in between included, undated last."""
    ev = t.events
    ids = [i for i, _d in events]
    mode_of: dict[int, str | None] = {}
    for k in range(0, len(ids), 900):
        mode_of.update(
            conn.execute(sa.select(ev.c.id, ev.c.mode).where(ev.c.id.in_(ids[k : k + 900]))).all()
        )
    per: dict[int | None, Counter] = defaultdict(Counter)
    for evid, day in events:
        y = int(str(day)[:4]) if day is not None else None
        m = mode_of.get(evid)
        per[y][m if m in MODES else "unknown"] += 1
    years = sorted(y for y in per if y is not None)
    out = []
    keys = (*MODES, "unknown")
    for y in [*range(years[0], years[-1] + 1)] if years else []:
        c = per.get(y, Counter())
        out.append({"year": y, "total": sum(c.values()), **{k: c.get(k, 0) for k in keys}})
    if None in per:
        c = per[None]
        out.append({"year": None, "total": sum(c.values()), **{k: c.get(k, 0) for k in keys}})
    return out


def _year_rows(per: dict[int | None, Counter]) -> list[dict]:
    years = sorted(y for y in per if y is not None)
    out = []
    if years:
        for y in range(years[0], years[-1] + 1):
            c = per.get(y, Counter())
            out.append({"year": y, "total": sum(c.values()), **_level_counts(c)})
    if None in per:
        c = per[None]
        out.append({"year": None, "total": sum(c.values()), **_level_counts(c)})
    return out


def _level_counts(c: Counter) -> dict:
    return {k: c.get(k, 0) for k in ("leader", "minister", "official", "unclassified")}


def tracks_of(conn: Connection, ids: sa.Select) -> list[dict]:
    tm, tr, ev = t.track_members, t.tracks, t.events
    track_ids = sa.select(tm.c.track_id).where(tm.c.event_id.in_(ids)).distinct()
    trs = conn.execute(sa.select(tr).where(tr.c.id.in_(track_ids)).order_by(tr.c.name)).all()
    if not trs:
        return []
    mem = conn.execute(
        sa.select(tm.c.track_id, tm.c.event_id, tm.c.number, tm.c.position, ev.c.date, ev.c.name)
        .join(ev, ev.c.id == tm.c.event_id)
        .where(tm.c.track_id.in_([r.id for r in trs]))
        .order_by(tm.c.track_id, tm.c.position)
    ).all()
    out = {r.id: {"id": r.id, "name": r.name, "kind": r.kind, "members": []} for r in trs}
    for m in mem:
        out[m.track_id]["members"].append(
            {"event_id": m.event_id, "number": m.number, "date": iso(m.date), "name": m.name}
        )
    return list(out.values())


def tracks(conn: Connection) -> list[dict]:
    """Every track (id, name, kind) with its members in order (event, number, position,
    date)."""
    trs = conn.execute(sa.select(t.tracks).order_by(t.tracks.c.id)).mappings().all()
    mem = (
        conn.execute(
            sa.select(t.track_members, t.events.c.date)
            .join(t.events, t.events.c.id == t.track_members.c.event_id)
            .order_by(t.track_members.c.track_id, t.track_members.c.position)
        )
        .mappings()
        .all()
    )
    out = {
        r["id"]: {"id": r["id"], "name": r["name"], "kind": r["kind"], "members": []} for r in trs
    }
    for m in mem:
        out[m["track_id"]]["members"].append(
            {
                "event_id": m["event_id"],
                "number": m["number"],
                "position": m["position"],
                "date": iso(m["date"]),
            }
        )
    return list(out.values())
