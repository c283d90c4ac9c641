"""People as the reader shows them: who met whom, a person's meetings, the list of people."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive.read.describe import person_row  # noqa: F401 (a person's page)
from communique.util.dates import iso


def person_event_ids(pid: int) -> sa.Select:
    return sa.select(t.event_persons.c.event_id).where(t.event_persons.c.person_id == pid)


def counterparts(conn: Connection, pid: int) -> list[dict]:
    ep1 = t.event_persons.alias("ep1")
    ep2 = t.event_persons.alias("ep2")
    ps, ev = t.persons, t.events
    n = sa.func.count().label("n")
    rows = conn.execute(
        sa.select(
            ep2.c.person_id,
            ps.c.name,
            ps.c.country,
            n,
            sa.func.min(ev.c.date).label("first"),
            sa.func.max(ev.c.date).label("last"),
        )
        .select_from(ep1)
        .join(ep2, sa.and_(ep2.c.event_id == ep1.c.event_id, ep2.c.person_id != ep1.c.person_id))
        .join(ps, ps.c.id == ep2.c.person_id)
        .join(ev, ev.c.id == ep1.c.event_id)
        .where(ep1.c.person_id == pid)
        .group_by(ep2.c.person_id, ps.c.name, ps.c.country)
        .order_by(n.desc(), ps.c.name)
    ).all()
    return [
        {
            "person_id": r.person_id,
            "name": r.name,
            "country": r.country,
            "engagements": r.n,
            "first": iso(r.first),
            "last": iso(r.last),
        }
        for r in rows
    ]


def people(conn: Connection, *, name: str | None = None, limit: int = 500) -> list[dict]:
    ps, ep = t.persons, t.event_persons
    n = sa.func.count(ep.c.event_id).label("n")
    q = (
        sa.select(ps.c.id, ps.c.name, ps.c.country, n)
        .outerjoin(ep, ep.c.person_id == ps.c.id)
        .group_by(ps.c.id, ps.c.name, ps.c.country)
        .order_by(n.desc(), ps.c.name)
        .limit(limit)
    )
    if name:
        q = q.where(ps.c.name.icontains(name, autoescape=True))
    return [
        {"person_id": r.id, "name": r.name, "country": r.country, "engagements": r.n}
        for r in conn.execute(q)
    ]


def person_meetings(conn: Connection, pid: int, country: str | None) -> list[dict]:
    """Every event of a person (oldest first): date, mode, name and the other countries."""
    ev, ec = t.events, t.event_countries
    rows = conn.execute(
        sa.select(ev.c.id, ev.c.date, ev.c.mode, ev.c.name)
        .where(ev.c.id.in_(person_event_ids(pid)))
        .order_by(ev.c.date.is_(None), ev.c.date, ev.c.id)
    ).all()
    ids = [r.id for r in rows]
    countries: dict[int, list[str]] = defaultdict(list)
    for k in range(0, len(ids), 900):
        for evid, c in conn.execute(
            sa.select(ec.c.event_id, ec.c.country)
            .where(ec.c.event_id.in_(ids[k : k + 900]))
            .order_by(ec.c.country)
        ):
            countries[evid].append(c)
    return [
        {
            "event_id": r.id,
            "date": iso(r.date),
            "mode": r.mode,
            "name": r.name,
            "counterparts": [c for c in countries.get(r.id, []) if c != country],
        }
        for r in rows
    ]


def mentions(conn: Connection, pid: int) -> list[dict]:
    """Where a person is named: document, engagement, form, title, country, and why the
    mention was given to this person, in date order."""
    pa, e, d = t.participants, t.engagements, t.documents
    rows = conn.execute(
        sa.select(
            d.c.id,
            d.c.source,
            e.c.id,
            e.c.date,
            pa.c.name,
            pa.c.title,
            pa.c.country,
            pa.c.resolution,
        )
        .join(e, e.c.id == pa.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
        .where(pa.c.person_id == pid)
        .order_by(e.c.date, pa.c.id)
    ).all()
    return [
        {
            "document_id": r[0],
            "source": r[1],
            "engagement_id": r[2],
            "date": iso(r[3]),
            "form": r[4],
            "title": r[5],
            "country": r[6],
            "resolution": r[7],
        }
        for r in rows
    ]


def every(conn: Connection) -> list[dict]:
    """Every person by id: id, name, family name, country, number of name forms and of
    mentions (``communique people list``)."""
    ps, pn, pa = t.persons, t.person_names, t.participants
    rows = conn.execute(
        sa.select(ps.c.id, ps.c.name, ps.c.family_name, ps.c.country).order_by(ps.c.id)
    ).all()
    nforms = dict(
        conn.execute(sa.select(pn.c.person_id, sa.func.count()).group_by(pn.c.person_id)).all()
    )
    nment = dict(
        conn.execute(
            sa.select(pa.c.person_id, sa.func.count())
            .where(pa.c.person_id.is_not(None))
            .group_by(pa.c.person_id)
        ).all()
    )
    return [
        {
            "id": r.id,
            "name": r.name,
            "family_name": r.family_name,
            "country": r.country,
            "forms": nforms.get(r.id, 0),
            "mentions": nment.get(r.id, 0),
        }
        for r in rows
    ]
