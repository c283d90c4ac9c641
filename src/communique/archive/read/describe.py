"""The engagement objects for a list of event ids, with a fixed number of set-based queries.

Every list of engagements (``Archive.engagements``, the reader's pages, the exports) is
read in two steps:

1. the ids of the matching events (:mod:`~communique.archive.read.filters`), in display
   order (:mod:`~communique.archive.read.order`), in one query;
2. :func:`describe`: the objects for those ids, with one query per kind of child row
   (events, countries, accounts, participants, ordinals, tracks, per-field sources)
   whatever the number of ids. The ids travel as a single bound parameter (a JSON
   array read by ``json_each`` on SQLite, an ``integer[]`` for ``= ANY`` on
   PostgreSQL), so each statement is compiled once and cached, and no statement grows
   with the number of ids.

``fields="summary"`` describes an event by its own columns, its countries and its
number of accounts only (two queries), for long lists; ``"full"`` (the default) is what
``engagements`` has always returned.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from communique.archive import actors, provenance
from communique.archive import schema as t
from communique.util.dates import iso

#: what ``fields=`` accepts
FIELDS = ("full", "summary")
_INT_ARRAY = postgresql.ARRAY(sa.Integer)


def check_fields(fields: str) -> str:
    if fields not in FIELDS:
        raise ValueError(f"fields must be one of {', '.join(FIELDS)}, not {fields!r}")
    return fields


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer or None, not {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, not {offset!r}")


def _membership(dialect: str) -> tuple[Callable, Callable[[list[int]], object]]:
    """``member(col)``: ``col`` is one of the ids bound as the one parameter ``ids``, and
    how to pass a list of ids as that parameter, whatever their number."""
    if dialect == "sqlite":
        arr = sa.func.json_each(sa.bindparam("ids", type_=sa.Text)).table_valued("value")
        within = sa.select(sa.type_coerce(arr.c.value, sa.Integer))
        return (lambda col: col.in_(within)), json.dumps
    if dialect == "postgresql":
        # a real integer[] parameter, not text cast to one: the planner then sees a
        # constant array (its length for estimates, a hashed lookup); the cast is not
        # folded and a table without statistics yet was scanned testing every element
        param = sa.bindparam("ids", type_=_INT_ARRAY)
        return (lambda col: col == sa.any_(param)), list
    param = sa.bindparam("ids", expanding=True)
    return (lambda col: col.in_(param)), list


@functools.cache
def statements(dialect: str) -> tuple[dict[str, sa.Select], Callable[[list[int]], object]]:
    """The statements of :func:`describe` for a database, built once (their compiled
    forms are then cached by SQLAlchemy), each taking the event ids as ``ids``; and the
    function that turns a list of ids into that parameter's value."""
    member, encode = _membership(dialect)
    ev, ec, e, p = t.events, t.event_countries, t.engagements, t.participants
    od, tm, tr, ef = t.ordinals, t.track_members, t.tracks, t.event_fields
    sqlite = dialect == "sqlite"

    def day(c: sa.ColumnElement) -> sa.ColumnElement:
        # SQLite keeps dates as ISO text: read them as text (what the objects carry)
        # instead of parsing each into a date and formatting it back
        return sa.type_coerce(c, sa.String).label(c.name) if sqlite else c

    return {
        "events": sa.select(
            ev.c.id,
            day(ev.c.date),
            day(ev.c.end_date),
            ev.c.mode,
            ev.c.name,
            ev.c.place_name,
            ev.c.place_country,
            ev.c.occasion,
            ev.c.duration_minutes,
            ev.c.round_number,
            ev.c.round_of,
            ev.c.n_accounts,
        ).where(member(ev.c.id)),
        "countries": sa.select(ec.c.event_id, ec.c.country)
        .where(member(ec.c.event_id))
        .order_by(ec.c.event_id, ec.c.country),
        "accounts": _accounts_statement(member),
        "participants": sa.select(
            e.c.event_id,
            p.c.person_id,
            p.c.name,
            p.c.title,
            p.c.country,
            p.c.resolution,
            t.persons.c.name,
            p.c.organization,
        )
        .join(e, e.c.id == p.c.engagement_id)
        .outerjoin(t.persons, t.persons.c.id == p.c.person_id)
        .where(member(e.c.event_id))
        .order_by(p.c.engagement_id, p.c.position, p.c.id),
        "ordinals": sa.select(e.c.event_id, e.c.document_id, od.c.number, od.c.scope, od.c.text)
        .join(e, e.c.id == od.c.engagement_id)
        .where(member(e.c.event_id))
        .order_by(od.c.id),
        "tracks": sa.select(tm.c.event_id, tr.c.id, tr.c.name, tm.c.number, tm.c.position)
        .join(tr, tr.c.id == tm.c.track_id)
        .where(member(tm.c.event_id))
        .order_by(tm.c.event_id, tm.c.track_id),
        # JSON values as text, decoded once per distinct text (_JsonValues)
        "fields": sa.select(
            ef.c.event_id,
            ef.c.field,
            sa.type_coerce(ef.c.value, sa.Text) if sqlite else sa.cast(ef.c.value, sa.Text),
            ef.c.document_id,
        )
        .where(member(ef.c.event_id))
        .order_by(ef.c.engagement_id, ef.c.id),
    }, encode


def _accounts_statement(member: Callable[[sa.ColumnElement], object]) -> sa.Select:
    """Each event's accounts: engagement, document and why the archive dated it."""
    e, d = t.engagements, t.documents
    return (
        sa.select(
            e.c.id,
            e.c.event_id,
            e.c.document_id,
            d.c.source,
            d.c.publisher,
            d.c.title,
            d.c.url,
            d.c.published,
            d.c.retrieved_at,
            e.c.date_reason,
            e.c.date_precision,
        )
        .join(d, d.c.id == e.c.document_id)
        .where(member(e.c.event_id))
        .order_by(e.c.id)
    )


class _JsonValues:
    """Decode JSON text once per distinct text (lists and dicts are decoded afresh, so no
    two objects share one)."""

    def __init__(self) -> None:
        self.memo: dict[str, object] = {}

    def __call__(self, raw):  # noqa: ANN001, ANN204
        if not isinstance(raw, str):
            return raw
        try:
            v = self.memo[raw]
        except KeyError:
            v = self.memo[raw] = json.loads(raw)
            return v
        if isinstance(v, (dict, list)):
            return json.loads(raw)
        return v


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building thousands of small containers, none
    of them garbage (each pass walks every live object; a large part of the building
    time otherwise); collection resumes after, as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ---------------------------------------------------------------------- describe


def describe(conn: Connection, ids: Sequence[int], *, fields: str = "full") -> list[dict]:
    """The engagement objects for ``ids``, in the order of ``ids`` (unknown ids dropped)."""
    check_fields(fields)
    ids = list(ids)
    if not ids:
        return []
    with _gc_paused():
        return _describe(conn, ids, fields == "summary")


def _describe(conn: Connection, ids: list[int], summary: bool) -> list[dict]:
    stmts, encode = statements(conn.dialect.name)
    param = {"ids": encode([int(i) for i in ids])}
    out: dict[int, dict] = {}
    rows = conn.execute(stmts["events"], param).all()
    for i, date, end, mode, name, pname, pcountry, occasion, minutes, rnum, rof, nacc in rows:
        date, end = iso(date), iso(end)
        place = {"name": pname, "country": pcountry} if pname or pcountry else None
        rnd = {"number": rnum, "of": rof} if rnum is not None else None
        event = {
            "id": i,
            "date": date,
            "end_date": end,
            "mode": mode,
            "name": name,
            "place": place,
            "occasion": occasion,
            "duration_minutes": minutes,
            "round": rnd,
        }
        if summary:
            out[i] = {**event, "countries": [], "n_accounts": nacc}
        else:
            out[i] = {
                **event,
                "participants": [],
                "countries": [],
                "ordinals": [],
                "tracks": [],
                "accounts": [],
                "disagreements": {},
            }
    for evid, country in conn.execute(stmts["countries"], param).all():
        if evid in out:
            out[evid]["countries"].append(country)
    if not summary:
        _full(conn, stmts, param, encode, out)
    return [out[i] for i in ids if i in out]


def _full(conn: Connection, stmts: dict, param: dict, encode: Callable, out: dict) -> None:  # noqa: ANN001
    _accounts(conn, stmts, param, out)
    _participants(conn, stmts, param, out)
    for evid, doc_id, number, scope, text in conn.execute(stmts["ordinals"], param).all():
        if evid in out:
            out[evid]["ordinals"].append(
                {"number": number, "scope": scope, "text": text, "document_id": doc_id}
            )
    for evid, track_id, name, number, position in conn.execute(stmts["tracks"], param).all():
        if evid in out:
            out[evid]["tracks"].append(
                {"track_id": track_id, "name": name, "number": number, "position": position}
            )
    _said_by(conn, stmts, encode, out)


def _accounts(conn: Connection, stmts: dict, param: dict, out: dict) -> None:
    """Each event's accounts: the documents telling it, with a ready citation."""
    for (
        eng_id,
        evid,
        doc_id,
        source,
        publisher,
        title,
        url,
        published,
        retrieved,
        date_reason,
        date_precision,
    ) in conn.execute(stmts["accounts"], param).all():
        o = out.get(evid)
        if o is not None:
            o["accounts"].append(
                {
                    "engagement_id": eng_id,
                    "document_id": doc_id,
                    "source": source,
                    "url": url,
                    "publisher": publisher,
                    "title": title,
                    "published": iso(published),
                    "retrieved": iso(retrieved),
                    # why the archive dated an account its record left undated
                    "date_reason": date_reason,
                    # "range": held on a day of the event's date..end_date, not told which
                    "date_precision": date_precision,
                    "citation": provenance.citation(
                        publisher=publisher,
                        url=url,
                        source=source,
                        title=title,
                        published=published,
                        retrieved=retrieved,
                    ),
                }
            )


def _participants(conn: Connection, stmts: dict, param: dict, out: dict) -> None:
    """One participant per person (or per unresolved name and title) of the event: the
    first mention, its title and country filled in from later ones when missing."""
    seen: dict[tuple, dict] = {}
    for evid, pid, name, title, country, resolution, pname, org in conn.execute(
        stmts["participants"], param
    ).all():
        # an organisation's official acts for it: its code where the country is empty
        country = actors.actor(country, org, title)
        k = (evid, pid if pid is not None else ("?", name, title))
        s = seen.get(k)
        if s is not None:
            s["title"] = s["title"] or title
            s["country"] = s["country"] or country
            continue
        o = out.get(evid)
        if o is None:
            continue
        item = {"person_id": pid, "name": pname or name, "title": title, "country": country}
        if resolution and resolution != "name":
            item["resolution"] = resolution
        seen[k] = item
        o["participants"].append(item)


def _said_by(conn: Connection, stmts: dict, encode: Callable, out: dict) -> None:
    """Which account said what, for events told by more than one account (and where
    they disagree)."""
    multi = [i for i, o in out.items() if len(o["accounts"]) > 1]
    if not multi:
        return
    decode = _JsonValues()
    said: dict[int, dict[str, list]] = {}
    for evid, field, raw, doc_id in conn.execute(stmts["fields"], {"ids": encode(multi)}).all():
        said.setdefault(evid, {}).setdefault(field, []).append((decode(raw), doc_id))
    for evid, by_field in said.items():
        o = out[evid]
        for f, vals in by_field.items():
            distinct: list[dict] = []
            for v, doc in vals:
                for dv in distinct:
                    if dv["value"] == v:
                        dv["document_ids"].append(doc)
                        break
                else:
                    distinct.append({"value": v, "document_ids": [doc]})
            o.setdefault("said_by", {})[f] = distinct
            if len(distinct) > 1:
                o["disagreements"][f] = distinct


def person_row(conn: Connection, pid: int) -> dict | None:
    """A person with their name forms and office history (None when no such id)."""
    r = conn.execute(sa.select(t.persons).where(t.persons.c.id == pid)).mappings().first()
    if r is None:
        return None
    forms = (
        conn.execute(
            sa.select(t.person_names.c.form)
            .where(t.person_names.c.person_id == pid)
            .order_by(t.person_names.c.form)
        )
        .scalars()
        .all()
    )
    po = t.person_offices
    offices = conn.execute(
        sa.select(po).where(po.c.person_id == pid).order_by(po.c.first_seen, po.c.office)
    ).mappings()
    return {
        "id": pid,
        "name": r["name"],
        "family_name": r["family_name"],
        "country": r["country"],
        "forms": list(forms),
        "offices": [
            {
                "office": o["office"],
                "country": o["country"],
                "first_seen": iso(o["first_seen"]),
                "last_seen": iso(o["last_seen"]),
            }
            for o in offices
        ],
    }
