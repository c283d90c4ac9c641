"""Read-only queries the reader needs beyond :class:`communique.archive.Archive`'s, written
against the archive's tables (``communique.archive.schema``) with SQLAlchemy Core.

Every function takes an open connection (``Archive._read()``) and only reads. Lists are
paged (``limit``/``offset``) so a page stays quick on a large archive; aggregates
(meetings per year and level) are computed over the whole selection.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import json
import re
from collections import Counter, defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive import search
from communique.archive.audit import principals_of
from communique.archive.queries import person_row  # noqa: F401 (the reader's person pages)
from communique.web import levels

ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _iso(v) -> str | None:  # noqa: ANN001
    return v.isoformat() if hasattr(v, "isoformat") else v


def _day(v):  # noqa: ANN001, ANN202
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def data_version(conn: Connection) -> int:
    v = conn.execute(
        sa.select(t.archive_state.c.value).where(t.archive_state.c.key == "data_version")
    ).scalar()
    return int(v or 0)


def _newest_first(q: sa.Select, dialect: str = "sqlite") -> sa.Select:
    """Newest first, undated last. On SQLite (where NULL sorts lowest) as plain
    ``date DESC, id DESC``, which the index on ``events.date`` serves as it stands."""
    ev = t.events
    if dialect == "sqlite":
        return q.order_by(ev.c.date.desc(), ev.c.id.desc())
    return q.order_by(ev.c.date.desc().nulls_last(), ev.c.id.desc())


#: ``events.id`` behind a unary plus: a filter on it then does not steer SQLite to look
#: events up by id, so a search walks the date index newest first and stops at a page
SCAN_ID = sa.literal_column("+events.id", sa.Integer)


# ---------------------------------------------------------------- selections of events


def pair_ids(a: str, b: str) -> sa.Select:
    """Ids of the events that involve both countries ``a`` and ``b``."""
    ec1 = t.event_countries.alias("ec1")
    ec2 = t.event_countries.alias("ec2")
    return (
        sa.select(ec1.c.event_id)
        .join(ec2, sa.and_(ec2.c.event_id == ec1.c.event_id, ec2.c.country == b))
        .where(ec1.c.country == a)
    )


def country_sizes(conn: Connection) -> dict[str, int]:
    """How many events each country takes part in (to join a pair from its smaller side)."""
    ec = t.event_countries
    return dict(conn.execute(sa.select(ec.c.country, sa.func.count()).group_by(ec.c.country)).all())


def pair_events(
    conn: Connection, a: str, b: str, sizes: dict[str, int] | None = None
) -> list[tuple[int, str | None]]:
    """The events involving both ``a`` and ``b`` as (id, ISO date text), newest first,
    undated last (the order of :func:`page_ids`). Joined from the country with fewer
    events; the dates are left as stored text (sorting as dates do, unparsed)."""
    if sizes is not None and sizes.get(b, 0) < sizes.get(a, 0):
        a, b = b, a
    ec1 = t.event_countries.alias("ec1")
    ec2 = t.event_countries.alias("ec2")
    ev = t.events
    q = (
        sa.select(ev.c.id, sa.type_coerce(ev.c.date, sa.String).label("date"))
        .select_from(ec1)
        .join(ec2, sa.and_(ec2.c.event_id == ec1.c.event_id, ec2.c.country == b))
        .join(ev, ev.c.id == ec1.c.event_id)
        .where(ec1.c.country == a)
    )
    return [tuple(r) for r in conn.execute(_newest_first(q, conn.dialect.name))]


def id_selection(conn: Connection, ids: list[int], fallback: sa.Select) -> sa.Select:
    """A selection of the given event ids, usable wherever a subquery of ids is: on
    SQLite one bound JSON array read by ``json_each`` (the set is looked up once, not
    joined again by every query of a page); elsewhere ``fallback``."""
    if conn.dialect.name != "sqlite":
        return fallback
    each = sa.func.json_each(sa.literal(json.dumps(ids), sa.Text)).table_valued("value")
    return sa.select(each.c.value)


def event_levels(conn: Connection, ids: sa.Select | list[int]) -> dict[int, int]:
    """The level of each event: the highest level among its participants' titles."""
    e, p = t.engagements, t.participants
    out: dict[int, int] = {}
    chunks = (
        [ids] if isinstance(ids, sa.Select) else [ids[i : i + 900] for i in range(0, len(ids), 900)]
    )
    for ch in chunks:
        if isinstance(ch, list) and not ch:
            continue
        rows = conn.execute(
            sa.select(e.c.event_id, p.c.title)
            .join(p, p.c.engagement_id == e.c.id)
            .where(e.c.event_id.in_(ch))
        )
        for evid, title in rows:
            lv = levels.title_level(title)
            if lv > out.get(evid, 0):
                out[evid] = lv
            else:
                out.setdefault(evid, 0)
    return out


def titles_by_level(conn: Connection) -> dict[int, list[str]]:
    """Every distinct participant title in the archive, grouped by its level."""
    out: dict[int, list[str]] = defaultdict(list)
    for (title,) in conn.execute(sa.select(t.participants.c.title).distinct()):
        if title is not None:
            out[levels.title_level(title)].append(title)
    return dict(out)


def level_filter(
    level: int, titles: dict[int, list[str]], dialect: str = "sqlite"
) -> sa.ColumnElement:
    """Events whose highest level is ``level``: a participant with a title of that level
    and none of a higher one (titles grouped by :func:`titles_by_level`)."""
    e, p, ev = t.engagements, t.participants, t.events
    # on SQLite the title behind a unary plus: an engagement's few participants are read
    # from the (engagement, title) index and their titles tested against the list,
    # instead of one index seek per listed title
    title = sa.literal_column("+participants.title", sa.Text) if dialect == "sqlite" else p.c.title

    def has(ts: list[str]) -> sa.ColumnElement:
        return sa.exists(
            sa.select(1)
            .select_from(e.join(p, p.c.engagement_id == e.c.id))
            .where(e.c.event_id == ev.c.id, title.in_(ts))
        )

    same = titles.get(level, [])
    higher = [x for lv, ts in titles.items() if lv > level for x in ts]
    cond = has(same) if same else sa.false()
    if higher:
        cond = sa.and_(cond, ~has(higher))
    return cond


def page_ids(conn: Connection, where: sa.Select | None, *, limit: int, offset: int = 0):  # noqa: ANN201
    """One page of event ids, newest first, and whether there is a next page."""
    q = sa.select(t.events.c.id)
    if where is not None:
        q = q.where(t.events.c.id.in_(where))
    rows = (
        conn.execute(_newest_first(q, conn.dialect.name).limit(limit + 1).offset(offset))
        .scalars()
        .all()
    )
    return list(rows[:limit]), len(rows) > limit


# ---------------------------------------------------------------- home


def latest_ids(conn: Connection, limit: int = 20) -> list[int]:
    return page_ids(conn, None, limit=limit)[0]


def _follow_up_query() -> sa.Select:
    f, e, d = t.follow_ups, t.engagements, t.documents
    return (
        sa.select(
            f.c.id,
            f.c.name,
            f.c.date,
            f.c.date_text,
            f.c.place_name,
            f.c.place_country,
            f.c.fulfilled_by,
            f.c.match_reason,
            e.c.event_id,
            sa.func.coalesce(e.c.date, d.c.published).label("promised_on"),
            d.c.id.label("document_id"),
            d.c.source,
            d.c.title.label("document_title"),
        )
        .join(e, e.c.id == f.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
    )


def follow_up_row(r, as_of: dt.date) -> dict:  # noqa: ANN001
    since = r.promised_on
    item = {
        "id": r.id,
        "name": r.name,
        "date": _iso(r.date),
        "date_text": r.date_text,
        "place": " ".join(x for x in (r.place_name, r.place_country) if x) or None,
        "place_name": r.place_name,
        "place_country": r.place_country,
        "promised_on": _iso(since),
        "promised_at_event": r.event_id,
        "document_id": r.document_id,
        "source": r.source,
        "status": "fulfilled"
        if r.fulfilled_by
        else ("past" if (r.match_reason or "").startswith("past:") else "open"),
        "fulfilled_by": r.fulfilled_by,
        "reason": r.match_reason,
    }
    if item["status"] == "open":
        item["age_days"] = (as_of - since).days if isinstance(since, dt.date) else None
        item["overdue"] = bool(r.date and r.date < as_of)
    return item


def follow_ups(
    conn: Connection,
    *,
    status: str = "open",
    as_of: dt.date,
    when: str = "all",
    event_ids: sa.Select | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Follow-ups: ``status`` open/fulfilled/all; ``when`` upcoming (dated on or after
    ``as_of``), overdue (dated before it), undated, or all."""
    f, e = t.follow_ups, t.engagements
    q = _follow_up_query()
    past = sa.func.coalesce(f.c.match_reason, "").like("past:%")
    if status == "open":
        q = q.where(f.c.fulfilled_by.is_(None), sa.not_(past))
    elif status == "past":
        q = q.where(past)
    elif status == "fulfilled":
        q = q.where(f.c.fulfilled_by.is_not(None))
    if event_ids is not None:
        q = q.where(e.c.event_id.in_(event_ids))
    if when == "upcoming":
        q = q.where(f.c.date >= as_of).order_by(f.c.date, f.c.id)
    elif when == "overdue":
        q = q.where(f.c.date < as_of).order_by(f.c.date.desc(), f.c.id)
    elif when == "undated":
        q = q.where(f.c.date.is_(None)).order_by(sa.literal_column("promised_on").desc(), f.c.id)
    else:
        q = q.order_by(sa.literal_column("promised_on").desc(), f.c.id)
    if limit:
        q = q.limit(limit)
    return [follow_up_row(r, as_of) for r in conn.execute(q)]


def top_pairs(conn: Connection, limit: int = 500) -> list[dict]:
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


def counts(conn: Connection) -> dict:
    one = lambda q: conn.execute(q).scalar() or 0  # noqa: E731
    return {
        "engagements": one(sa.select(sa.func.count()).select_from(t.events)),
        "documents": one(sa.select(sa.func.count()).select_from(t.documents)),
        "people": one(sa.select(sa.func.count()).select_from(t.persons)),
    }


# ---------------------------------------------------------------- relations


def year_level_counts(
    conn: Connection, ids: sa.Select, titles: dict[int, list[str]] | None = None
) -> list[dict]:
    """Events per year and level, oldest year first, every year in between included.

    Counted in the database: each event's level is the highest of its participants'
    titles, the titles grouped by level beforehand (:func:`titles_by_level`)."""
    ev, e, p = t.events, t.engagements, t.participants
    titles = titles if titles is not None else titles_by_level(conn)
    whens = [
        (p.c.title.in_(titles[lv]), lv)
        for lv in (levels.LEADER, levels.MINISTER, levels.OFFICIAL)
        if titles.get(lv)
    ]
    rank = sa.case(*whens, else_=0) if whens else sa.literal(0)
    per_event = (
        sa.select(
            sa.extract("year", ev.c.date).label("y"),
            sa.func.max(rank).label("lv"),
        )
        .select_from(ev)
        .outerjoin(e, e.c.event_id == ev.c.id)
        .outerjoin(p, p.c.engagement_id == e.c.id)
        .where(ev.c.id.in_(ids))
        .group_by(ev.c.id, ev.c.date)
        .subquery()
    )
    rows = conn.execute(
        sa.select(per_event.c.y, per_event.c.lv, sa.func.count()).group_by(
            per_event.c.y, per_event.c.lv
        )
    )
    per: dict[int | None, Counter] = defaultdict(Counter)
    for y, lv, n in rows:
        per[int(y) if y is not None else None][levels.name(lv or 0) or "unclassified"] += n
    return _year_rows(per)


def year_level_counts_of(
    conn: Connection,
    events: list[tuple[int, str | None]],
    ids: sa.Select,
    titles: dict[int, list[str]] | None = None,
) -> list[dict]:
    """:func:`year_level_counts` of a selection already read as (id, ISO date) pairs
    (:func:`pair_events`): only each event's level is asked of the database, one
    GROUP BY over the engagements' and participants' event and title indexes."""
    e, p = t.engagements, t.participants
    titles = titles if titles is not None else titles_by_level(conn)
    whens = [
        (p.c.title.in_(titles[lv]), lv)
        for lv in (levels.LEADER, levels.MINISTER, levels.OFFICIAL)
        if titles.get(lv)
    ]
    rank = sa.case(*whens, else_=0) if whens else sa.literal(0)
    lv_of = dict(
        conn.execute(
            sa.select(e.c.event_id, sa.func.max(rank))
            .join(p, p.c.engagement_id == e.c.id)
            .where(e.c.event_id.in_(ids))
            .group_by(e.c.event_id)
        ).all()
    )
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


def date_span(conn: Connection) -> tuple[str | None, str | None]:
    """The first and last dates of the archive's events (ISO)."""
    ev = t.events
    lo, hi = conn.execute(sa.select(sa.func.min(ev.c.date), sa.func.max(ev.c.date))).one()
    return _iso(lo), _iso(hi)


#: the modes an event is recorded in (anything else counts as unknown)
MODES = ("in_person", "telephone", "video")


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
        {"code": r.country, "engagements": r.n, "first": _iso(r.first), "last": _iso(r.last)}
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
            "date": _iso(r.date),
            "mode": r.mode,
            "name": r.name,
            "counterparts": [c for c in countries.get(r.id, []) if c != country],
        }
        for r in rows
    ]


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
            {"event_id": m.event_id, "number": m.number, "date": _iso(m.date), "name": m.name}
        )
    return list(out.values())


def documents_of(
    conn: Connection, ids: sa.Select | list[int], *, limit: int | None = 50
) -> list[dict]:
    """The documents that tell the given events, newest first."""
    d, e = t.documents, t.engagements
    doc_ids = sa.select(e.c.document_id).where(e.c.event_id.in_(ids)).distinct()
    rows = conn.execute(
        sa.select(d.c.id, d.c.source, d.c.title, d.c.published, d.c.publisher)
        .where(d.c.id.in_(doc_ids))
        .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id.desc())
        .limit(limit)
    ).all()
    return [
        {
            "document_id": r.id,
            "source": r.source,
            "title": r.title,
            "published": _iso(r.published),
            "publisher": r.publisher,
        }
        for r in rows
    ]


def audit_of(conn: Connection, ids: sa.Select, *, latest: int | None = None) -> list[dict]:
    """The ordinal audit (:mod:`communique.archive.audit`) of the counts stated by the
    given events: the same findings ``Archive.audit()`` gives for them, computed from
    each stated number's own principals instead of the whole archive. ``latest``: only
    the counts stated by that many most recent stating events."""
    from communique.archive.audit import _finding

    e, o, p, ev = t.engagements, t.ordinals, t.participants, t.events
    stating = (
        sa.select(e.c.event_id).join(o, o.c.engagement_id == e.c.id).where(e.c.event_id.in_(ids))
    )
    if latest is not None:
        stating = (
            sa.select(ev.c.id)
            .where(ev.c.id.in_(stating), ev.c.date.is_not(None))
            .order_by(ev.c.date.desc(), ev.c.id.desc())
            .limit(latest)
        )
    stated = conn.execute(
        sa.select(o.c.engagement_id, o.c.number, o.c.scope, o.c.text, e.c.event_id, e.c.document_id)
        .join(e, e.c.id == o.c.engagement_id)
        .where(e.c.event_id.in_(stating))
        .order_by(e.c.event_id, o.c.scope, o.c.number, o.c.engagement_id)
    ).all()
    if not stated:
        return []
    evcache: dict[int, sa.Row] = {}

    def events(idlist) -> None:  # noqa: ANN001
        need = [i for i in idlist if i not in evcache]
        for i in range(0, len(need), 900):
            for r in conn.execute(
                sa.select(ev.c.id, ev.c.date, ev.c.name).where(ev.c.id.in_(need[i : i + 900]))
            ):
                evcache[r.id] = r

    events({s.event_id for s in stated})
    names: dict[int, str] = {}
    acct_persons: dict[int, set[int]] = defaultdict(set)
    acct_countries: dict[int, set[str]] = defaultdict(set)
    for r in conn.execute(
        sa.select(p.c.engagement_id, p.c.person_id, p.c.country).where(
            p.c.engagement_id.in_({s.engagement_id for s in stated})
        )
    ):
        if r.person_id is not None:
            acct_persons[r.engagement_id].add(r.person_id)
        if r.country:
            acct_countries[r.engagement_id].add(r.country)
    chains: dict[tuple, list[tuple[dt.date, int]]] = {}
    sqlite = conn.dialect.name == "sqlite"
    # on SQLite dates read as their ISO text, parsed by ``date.fromisoformat`` (faster)
    day = sa.type_coerce(ev.c.date, sa.String) if sqlite else ev.c.date

    def holders(kind: str, members: frozenset) -> list[tuple[dt.date, int]]:
        """Dated events holding every principal, oldest first (one self-join per member)."""
        key = (kind, members)
        if key not in chains:
            tab, col = (
                (t.event_persons, "person_id")
                if kind == "persons"
                else (t.event_countries, "country")
            )
            first, *rest = sorted(members)
            base = tab.alias("m0")
            q = sa.select(base.c.event_id)
            for i, m in enumerate(rest, start=1):
                other = tab.alias(f"m{i}")
                q = q.join(other, sa.and_(other.c.event_id == base.c.event_id, other.c[col] == m))
            q = q.where(base.c[col] == first)
            # the members' events from their indexes alone first, then the dates of
            # those only (joined in one query, every event of the first member is read)
            if sqlite:
                q = id_selection(conn, list(conn.execute(q).scalars()), q)
            rows = conn.execute(
                sa.select(ev.c.id, day).where(ev.c.id.in_(q), ev.c.date.is_not(None))
            )
            chains[key] = sorted((_day(d), i) for i, d in rows)
        return chains[key]

    claim_cache: dict[int, dict[str, set[int]]] = {}

    def claims(idlist) -> None:  # noqa: ANN001
        need = [i for i in idlist if i not in claim_cache]
        for i in need:
            claim_cache[i] = {}
        for i in range(0, len(need), 900):
            for r in conn.execute(
                sa.select(e.c.event_id, o.c.scope, o.c.number)
                .join(e, e.c.id == o.c.engagement_id)
                .where(e.c.event_id.in_(need[i : i + 900]))
            ):
                claim_cache[r.event_id].setdefault(r.scope, set()).add(r.number)

    out, done = [], set()
    series_rows = None
    series_sorted: dict[int, list[tuple[dt.date, int, int | None]]] = {}
    for s in stated:
        evr = evcache.get(s.event_id)
        if evr is None or evr.date is None:
            continue
        if s.scope == "series":
            key = ("series", s.event_id, s.number)
            if key in done:
                continue
            done.add(key)
            if series_rows is None:
                series_rows = _track_rows(conn, {x.event_id for x in stated if x.scope == "series"})
            for track_id, tname, num in series_rows[0].get(s.event_id, []):
                if num != s.number:
                    continue
                if track_id not in series_sorted:
                    mem = series_rows[1][track_id]
                    events({m[0] for m in mem})
                    series_sorted[track_id] = sorted(
                        (evcache[m_ev].date, m_ev, m_num)
                        for m_ev, m_num in mem
                        if evcache[m_ev].date is not None
                    )
                ms = series_sorted[track_id]
                upto = bisect.bisect_left(ms, (evr.date,), key=lambda m: (m[0],))
                chain = [m for m in ms[:upto] if m[1] != s.event_id]
                out.append(_finding(s, evr, chain, f"series: {tname}", [], names))
            continue
        principals = principals_of(s.engagement_id, acct_persons, acct_countries)
        if principals is None:
            continue
        key = (s.scope, s.event_id, s.number, principals)
        if key in done:
            continue
        done.add(key)
        held = holders(*principals)
        upto = bisect.bisect_left(held, (evr.date,), key=lambda h: (h[0],))
        cands = [
            (d, oid)
            for d, oid in held[:upto]
            if oid != s.event_id and (s.scope != "year" or d.year == evr.date.year)
        ]
        claims([oid for _d, oid in cands])
        chain = []
        for d, oid in cands:
            nums = claim_cache[oid].get(s.scope, set())
            chain.append((d, oid, min(nums) if len(nums) == 1 else None))
        if principals[0] == "persons":
            missing_names = [x for x in principals[1] if x not in names]
            if missing_names:
                names.update(
                    conn.execute(
                        sa.select(t.persons.c.id, t.persons.c.name).where(
                            t.persons.c.id.in_(missing_names)
                        )
                    ).all()
                )
            label = " and ".join(sorted(names.get(x) or str(x) for x in principals[1]))
        else:
            label = "-".join(sorted(principals[1]))
        out.append(_finding(s, evr, chain, f"{s.scope}: {label}", sorted(principals[1]), names))
    out.sort(key=lambda f: (f["date"], f["event_id"]), reverse=latest is not None)
    return out


def _track_rows(conn: Connection, event_ids: set[int]):  # noqa: ANN202
    tm, tr = t.track_members, t.tracks
    track_of: dict[int, list] = defaultdict(list)
    rows = conn.execute(
        sa.select(tm.c.track_id, tm.c.event_id, tm.c.number, tr.c.name)
        .join(tr, tr.c.id == tm.c.track_id)
        .where(tm.c.event_id.in_(event_ids))
    ).all()
    for r in rows:
        track_of[r.event_id].append((r.track_id, r.name, r.number))
    members: dict[int, list] = defaultdict(list)
    tids = {r.track_id for r in rows}
    if tids:
        for r in conn.execute(
            sa.select(tm.c.track_id, tm.c.event_id, tm.c.number).where(tm.c.track_id.in_(tids))
        ):
            members[r.track_id].append((r.event_id, r.number))
    return track_of, members


# ---------------------------------------------------------------- search


#: above this many matching documents (SQLite), a search tests each event against the
#: full-text index instead of gathering every match into a set first
FTS_SET_MAX = 2000


def search_filter(
    conn: Connection,
    *,
    text: search.SearchQuery | None = None,
    countries: list[str] | None = None,
    person_ids: list[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    mode: str | None = None,
    level: int | None = None,
    titles: dict[int, list[str]] | None = None,
    matches: int | None = None,
) -> sa.Select:
    """A selection of event ids matching every filter given (``matches``: how many
    documents match ``text``, when the caller knows)."""
    ev, ec, ep, e = t.events, t.event_countries, t.event_persons, t.engagements
    q = sa.select(ev.c.id)
    text_cond = None
    if text is not None:
        docs = search.document_ids(conn, text)
        if matches is None and conn.dialect.name == "sqlite":
            matches = search.count_documents(conn, text)
        if conn.dialect.name == "sqlite" and (matches or 0) > FTS_SET_MAX:
            # a common word: every matching document is not gathered into a set; events
            # are walked newest first and each is asked whether a document of its
            # matches (the full-text index looked up by rowid), until a page is full
            g = t.engagements.alias("g")
            fts = sa.table("documents_fts", sa.column("rowid"))
            text_cond = sa.exists(
                sa.select(1)
                .select_from(g.join(fts, fts.c.rowid == g.c.document_id))
                .where(g.c.event_id == ev.c.id, search.match_clause(conn, text))
            )
        else:
            q = q.where(SCAN_ID.in_(sa.select(e.c.event_id).where(e.c.document_id.in_(docs))))
    for c in countries or []:
        q = q.where(SCAN_ID.in_(sa.select(ec.c.event_id).where(ec.c.country == c)))
    if person_ids is not None:
        q = q.where(SCAN_ID.in_(sa.select(ep.c.event_id).where(ep.c.person_id.in_(person_ids))))
    if since:
        q = q.where(ev.c.date >= since)
    if until:
        q = q.where(ev.c.date <= until)
    if mode:
        q = q.where(ev.c.mode == mode)
    if level is not None:
        q = q.where(
            level_filter(
                level,
                titles if titles is not None else titles_by_level(conn),
                conn.dialect.name,
            )
        )
    if text_cond is not None:  # last: the other filters, cheaper, are tested first
        q = q.where(text_cond)
    return q


def documents_by_id(conn: Connection, ids: list[int]) -> list[dict]:
    """Documents' ids, sources, titles and dates, in the order of ``ids``."""
    d = t.documents
    rows = {
        r.id: r
        for r in conn.execute(
            sa.select(d.c.id, d.c.source, d.c.title, d.c.published).where(d.c.id.in_(ids))
        )
    }
    return [
        {"document_id": r.id, "source": r.source, "title": r.title, "published": _iso(r.published)}
        for i in ids
        if (r := rows.get(i)) is not None
    ]


def snippet_documents(conn: Connection, ids: list[int]) -> dict[int, list[int]]:
    """The documents of each event of ``ids`` (its accounts' order)."""
    e = t.engagements
    out: dict[int, list[int]] = defaultdict(list)
    for evid, doc in conn.execute(
        sa.select(e.c.event_id, e.c.document_id).where(e.c.event_id.in_(ids)).order_by(e.c.id)
    ):
        out[evid].append(doc)
    return out


class Facets:
    """Every event's date, mode, level and documents, read once per archive version, so
    that a search counts its matches under any filter with set operations in memory
    instead of a second scan of the database (see ``Reader.search``)."""

    def __init__(self, conn: Connection, titles: dict[int, list[str]]) -> None:
        level_of = {x: lv for lv, ts in titles.items() for x in ts}
        ev, e, p = t.events, t.engagements, t.participants
        level: dict[int, int] = {}
        dated: list[tuple[dt.date, int]] = []
        by_mode: dict[str | None, set[int]] = defaultdict(set)
        for i, d, m in conn.execute(sa.select(ev.c.id, ev.c.date, ev.c.mode)):
            level[i] = 0
            by_mode[m].add(i)
            if d is not None:
                dated.append((_day(d), i))
        for evid, title in conn.execute(
            sa.select(e.c.event_id, p.c.title).join(p, p.c.engagement_id == e.c.id).distinct()
        ):
            lv = level_of.get(title, 0) if title is not None else 0
            if evid in level and lv > level[evid]:
                level[evid] = lv
        by_level: dict[int, set[int]] = defaultdict(set)
        for i, lv in level.items():
            by_level[lv].add(i)
        dated.sort()
        undated = sorted(set(level) - {i for _d, i in dated}, reverse=True)
        # every event's place in the reader's order (newest first, undated last), so a
        # page of any selection is its smallest ranks: a dict lookup per event
        order = [i for _d, i in reversed(dated)] + undated
        self.rank = {i: k for k, i in enumerate(order)}
        self.all = frozenset(level)
        self.dates = [d for d, _i in dated]
        self.dated_ids = [i for _d, i in dated]
        self.by_mode = {k: frozenset(v) for k, v in by_mode.items()}
        self.by_level = {k: frozenset(v) for k, v in by_level.items()}
        pairs: dict[int, list[int]] = defaultdict(list)
        for d, i in conn.execute(
            sa.select(e.c.document_id, e.c.event_id).where(e.c.event_id.is_not(None)).distinct()
        ):
            pairs[d].append(i)
        # most documents tell one event: those looked up in one dict at C speed
        self.doc_event = {d: v[0] for d, v in pairs.items() if len(v) == 1}
        self.doc_events = {d: tuple(v) for d, v in pairs.items() if len(v) > 1}

    def page(self, ids: frozenset[int] | set[int], start: int, size: int) -> tuple[list[int], bool]:
        """One page of ``ids`` in the reader's order (date, then id, newest first; undated
        last, as :func:`_newest_first` orders them in the database), and whether more follow."""
        top = heapq.nsmallest(start + size + 1, ids, key=self.rank.__getitem__)
        return top[start : start + size], len(top) > start + size

    def between(self, since: dt.date | None, until: dt.date | None) -> frozenset[int]:
        lo = bisect.bisect_left(self.dates, since) if since else 0
        hi = bisect.bisect_right(self.dates, until) if until else len(self.dates)
        return frozenset(self.dated_ids[lo:hi])

    def events_of(self, doc_ids: list[int]) -> frozenset[int]:
        out = set(map(self.doc_event.get, doc_ids))
        out.discard(None)
        for d in self.doc_events.keys() & set(doc_ids):
            out.update(self.doc_events[d])
        return frozenset(out)


def text_document_ids(conn: Connection, text: search.SearchQuery) -> list[int]:
    """The ids of the documents matching ``text``, newest stored first."""
    ids = search.document_id_list(conn, text)
    ids.sort(reverse=True)
    return ids


def country_event_ids(conn: Connection, code: str) -> frozenset[int]:
    ec = t.event_countries
    return frozenset(conn.execute(sa.select(ec.c.event_id).where(ec.c.country == code)).scalars())


def person_event_id_set(conn: Connection, person_ids: list[int]) -> frozenset[int]:
    ep = t.event_persons
    q = sa.select(ep.c.event_id).where(ep.c.person_id.in_(person_ids or [-1]))
    return frozenset(conn.execute(q).scalars())


def documents_of_events(conn: Connection, event_ids: list[int]) -> list[int]:
    """The documents telling each of ``event_ids``, in that order of events."""
    e = t.engagements
    by_event: dict[int, list[int]] = defaultdict(list)
    for k in range(0, len(event_ids), 900):
        part = event_ids[k : k + 900]
        for evid, doc in conn.execute(
            sa.select(e.c.event_id, e.c.document_id).where(e.c.event_id.in_(part)).order_by(e.c.id)
        ):
            by_event[evid].append(doc)
    return [d for i in event_ids for d in by_event.get(i, [])]


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
            "first": _iso(r.first),
            "last": _iso(r.last),
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


# ---------------------------------------------------------------- one engagement


def _provenance(r) -> dict:  # noqa: ANN001
    """The URL (None when no URL is known), retrieval time and a ready citation."""
    from communique.archive import provenance

    return {
        "url": r.url,
        "retrieved": _iso(r.retrieved_at),
        "citation": provenance.citation(
            publisher=r.publisher,
            url=r.url,
            source=r.source,
            title=r.title,
            published=r.published,
            retrieved=r.retrieved_at,
        ),
    }


def accounts_of(conn: Connection, event_id: int) -> list[dict]:
    """Each account of an event: its extraction record and its document's text."""
    e, d, x = t.engagements, t.documents, t.extractions
    rows = conn.execute(
        sa.select(
            e.c.id,
            e.c.position,
            e.c.document_id,
            d.c.source,
            d.c.title,
            d.c.published,
            d.c.publisher,
            d.c.text,
            d.c.url,
            d.c.retrieved_at,
            x.c.result,
        )
        .join(d, d.c.id == e.c.document_id)
        .join(x, x.c.id == e.c.extraction_id)
        .where(e.c.event_id == event_id)
        .order_by(e.c.id)
    ).all()
    out = []
    for r in rows:
        result = r.result or {}
        engs = result.get("engagements") or []
        record = engs[r.position] if r.position < len(engs) else {}
        out.append(
            {
                "engagement_id": r.id,
                "document_id": r.document_id,
                "source": r.source,
                "title": r.title,
                "published": _iso(r.published),
                "publisher": r.publisher,
                **_provenance(r),
                "text": r.text or (result.get("document") or {}).get("text") or "",
                "record": record,
            }
        )
    return out


def fulfilled_promises(conn: Connection, event_id: int, as_of: dt.date) -> list[dict]:
    """Follow-ups promised elsewhere that this event fulfilled."""
    q = (
        _follow_up_query()
        .where(t.follow_ups.c.fulfilled_by == event_id)
        .order_by(t.follow_ups.c.id)
    )
    return [follow_up_row(r, as_of) for r in conn.execute(q)]


def document(conn: Connection, doc_id: int) -> dict | None:
    d, e = t.documents, t.engagements
    r = conn.execute(
        sa.select(
            d.c.id,
            d.c.source,
            d.c.title,
            d.c.published,
            d.c.publisher,
            d.c.language,
            d.c.text,
            d.c.error,
            d.c.url,
            d.c.retrieved_at,
            d.c.superseded_by,
        ).where(d.c.id == doc_id)
    ).first()
    if r is None:
        return None
    evs = (
        conn.execute(sa.select(e.c.event_id).where(e.c.document_id == doc_id).distinct())
        .scalars()
        .all()
    )
    return {
        "document_id": r.id,
        "source": r.source,
        "title": r.title,
        "published": _iso(r.published),
        "publisher": r.publisher,
        **_provenance(r),
        "superseded_by": r.superseded_by,
        "aliases": [
            {"location": a.location, "url": a.url}
            for a in conn.execute(
                sa.select(t.document_aliases.c.location, t.document_aliases.c.url)
                .where(t.document_aliases.c.document_id == doc_id)
                .order_by(t.document_aliases.c.id)
            )
        ],
        "language": r.language,
        "error": r.error,
        "text": r.text,
        "events": [i for i in evs if i is not None],
    }
