"""Relinking: recompute persons, events (accounts), tracks and follow-up matches from the
stored records, in one write transaction, changing only rows whose value differs — so a
second relink over the same records writes nothing, and the result does not depend on
the order documents arrived in (except for the ids of persons and tracks, which are
kept stable).

The relink is the declared list :data:`STEPS`, run in order over one :class:`Linking`
context: dating → persons → events → tracks → follow-ups; each step says what it needs
and what it adds (a test checks every need is added by an earlier step).

An ingest links each batch as it is committed, only what the batch changes
(:mod:`communique.archive.batch_link`); a whole relink runs after ``reextract`` and
whenever the records changed since the last relink
(``archive_state``: ``data_version`` vs ``linked_version``), so a relink killed half-way
is simply redone by the next command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from communique.archive import accounts, actors, dating, db, followups, people, tracks
from communique.archive import schema as t
from communique.gazetteer import ranks
from communique.util.stages import Stage, run_stages, stage

_FAR = dt.date(9999, 12, 31)


def state(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(sa.select(t.archive_state.c.key, t.archive_state.c.value)).all())


def current(st: dict[str, int]) -> bool:
    """Whether the links are those of the records and of this version's dating rules."""
    return (
        st.get("data_version") == st.get("linked_version")
        and st.get("dating_rules") == dating.RULES_VERSION
    )


def set_state(conn: Connection, st: dict[str, int], key: str, value: int) -> None:
    if key in st:
        conn.execute(
            t.archive_state.update().where(t.archive_state.c.key == key).values(value=value)
        )
    else:
        conn.execute(t.archive_state.insert(), {"key": key, "value": value})


def relink(engine: Engine, *, force: bool = False) -> bool:
    """Relink when the records (or the dating rules: an archive built by an earlier
    version) changed since the last relink; True when it ran."""
    with db.read_tx(engine) as conn:
        st = state(conn)
    if not force and current(st):
        return False
    with db.write_tx(engine) as conn:
        st = state(conn)
        if not force and current(st):
            return False
        relink_locked(conn, st, force=force)
    return True


def relink_locked(conn: Connection, st: dict[str, int], *, force: bool = False) -> None:
    """A whole relink in ``conn``'s write transaction, ``st`` its archive state: the
    links are then those of the records up to ``data_version``."""
    # every undated engagement is dated again when the rules changed (an archive of
    # an earlier version) or on demand (communique relink); else ingest dated the
    # new documents and those they shed light on (dating.refill_related)
    relink_conn(conn, redate=force or st.get("dating_rules") != dating.RULES_VERSION)
    set_state(conn, st, "linked_version", st.get("data_version", 0))
    set_state(conn, st, "dating_rules", dating.RULES_VERSION)


# --------------------------------------------------------------------------- sync helpers


def _where_key(table: sa.Table, key: tuple[str, ...], values: tuple) -> list:
    """``key = values`` (``IS NULL`` for a NULL part: "= NULL" matches nothing)."""
    return [
        table.c[k].is_(None) if v is None else table.c[k] == v
        for k, v in zip(key, values, strict=True)
    ]


def _delete(conn: Connection, table: sa.Table, key: tuple[str, ...], gone: list[tuple]) -> None:
    if len(key) == 1:
        for i in range(0, len(gone), 500):
            conn.execute(
                table.delete().where(table.c[key[0]].in_([g[0] for g in gone[i : i + 500]]))
            )
        return
    full = [g for g in gone if None not in g]
    if full:
        conn.execute(
            table.delete().where(*[table.c[k] == sa.bindparam("k_" + k) for k in key]),
            [{"k_" + k: v for k, v in zip(key, g, strict=True)} for g in full],
        )
    for g in gone:  # a key with a NULL part, one by one
        if None in g:
            conn.execute(table.delete().where(*_where_key(table, key, g)))


def _update(conn: Connection, table: sa.Table, key: tuple[str, ...], changed: list[dict]) -> None:
    others = sorted({c for r in changed for c in r} - set(key))
    if not others:
        return
    full = [r for r in changed if all(r[k] is not None for k in key)]
    if full:
        conn.execute(
            table.update()
            .where(*[table.c[k] == sa.bindparam("k_" + k) for k in key])
            .values({c: sa.bindparam("v_" + c) for c in others}),
            [
                {**{"k_" + k: r[k] for k in key}, **{"v_" + c: r.get(c) for c in others}}
                for r in full
            ],
        )
    for r in changed:  # a key with a NULL part, one by one (as the deletes)
        if any(r[k] is None for k in key):
            values = tuple(r[k] for k in key)
            conn.execute(
                table.update()
                .where(*_where_key(table, key, values))
                .values({c: r.get(c) for c in others})
            )


def _sync(
    conn: Connection,
    table: sa.Table,
    rows: list[dict],
    key: tuple[str, ...],
    within: tuple[str, list] | None = None,
) -> None:
    """Make ``table`` hold exactly ``rows`` (matched on ``key``), touching only
    differences; with ``within`` (a column, its values) only among the rows whose column
    has one of those values (a batch's linking: the rest of the table is left as is)."""
    cols = [c.name for c in table.columns if c.name in (rows[0] if rows else {k: 0 for k in key})]
    cols = sorted(set(cols) | set(key))
    query = sa.select(*[table.c[c] for c in cols])
    found = (
        conn.execute(query).mappings().all()
        if within is None
        else in_chunks(conn, query, table.c[within[0]], within[1], mappings=True)
    )
    # the rows as read (not copied): a batch's scope holds thousands of event fields
    existing = {tuple(r[k] for k in key): r for r in found}
    del found
    want = {tuple(r[k] for k in key): r for r in rows}
    gone = [k for k in existing if k not in want]
    if gone:
        _delete(conn, table, key, gone)
    changed = [
        r
        for k, r in want.items()
        if k in existing and any(existing[k].get(c) != r.get(c) for c in r)
    ]
    if changed:
        _update(conn, table, key, changed)
    new = [r for k, r in want.items() if k not in existing]
    if new:
        conn.execute(table.insert(), new)


def set_columns(
    conn: Connection, table: sa.Table, values: dict[int, dict], current: dict[int, dict]
) -> None:
    changed = [(i, v) for i, v in values.items() if current.get(i) != v]
    if not changed:
        return
    cols = sorted({c for _, v in changed for c in v})
    conn.execute(
        table.update()
        .where(table.c.id == sa.bindparam("k_id"))
        .values({c: sa.bindparam("v_" + c) for c in cols}),
        [{"k_id": i, **{"v_" + c: v.get(c) for c in cols}} for i, v in changed],
    )


def stable_ids(conn: Connection, table: sa.Table, keys: list[str]) -> dict[str, int]:
    """Ids by key: a key stored before keeps its id; new keys get the next ids in key
    order (persons and tracks: links to them survive relinking)."""
    ids = dict(conn.execute(sa.select(table.c.key, table.c.id)).all())
    nxt = max(ids.values(), default=0) + 1
    for k in sorted(keys):
        if k not in ids:
            ids[k] = nxt
            nxt += 1
    return ids


def in_chunks(
    conn: Connection, query: Any, column: sa.Column, ids: Any, *, mappings: bool = False
) -> list:
    """``query`` filtered on ``column IN ids``, a bounded list at a time."""
    ids = sorted(set(ids))
    out: list = []
    for i in range(0, len(ids), dating.SQL_IN_CHUNK):
        res = conn.execute(query.where(column.in_(ids[i : i + dating.SQL_IN_CHUNK])))
        out += res.mappings().all() if mappings else res.all()
    return out


# --------------------------------------------------------------------------- the context


@dataclass
class Linking:
    """What the steps of one relink share. Input: ``conn`` and ``redate``; every other
    attribute is empty until the step that adds it has run."""

    conn: Connection
    redate: bool = False
    #: participant rows (with their engagement's date and document), by participant id
    rows: list = field(default_factory=list)
    #: person key -> what is known of the person; person key -> id
    info: dict[str, people.PersonInfo] = field(default_factory=dict)
    person_ids: dict[str, int] = field(default_factory=dict)
    #: participant id -> person id (None: not resolved)
    person_of: dict[int, int | None] = field(default_factory=dict)
    #: engagement rows; engagement id -> its event's id; event id -> the event
    erows: list = field(default_factory=list)
    eng_event: dict[int, int] = field(default_factory=dict)
    events: dict[int, followups.Ev] = field(default_factory=dict)
    #: track key -> id (the events' ``tracks`` filled as members are placed)
    track_ids: dict[str, int] = field(default_factory=dict)
    #: follow-up id -> (the event that fulfilled it, the reason)
    matches: dict[int, tuple[int | None, str]] = field(default_factory=dict)


# --------------------------------------------------------------------------- dating


def date_again(ctx: Linking) -> None:
    """Needs ``conn``, ``redate``. Adds nothing to the context: dates every undated
    engagement again from its stored document when asked (``redate``); first, because
    people's offices, accounts and promises all read the dates."""
    if ctx.redate:
        dating.redate(ctx.conn)


# --------------------------------------------------------------------------- persons


def participant_query() -> sa.Select:
    """Participants with their engagement's date and document, by id."""
    e, p, d = t.engagements, t.participants, t.documents
    return (
        sa.select(
            p.c.id,
            p.c.engagement_id,
            p.c.name,
            p.c.family_name,
            p.c.title,
            p.c.country,
            p.c.organization,
            p.c.person_id,
            p.c.resolution,
            e.c.date,
            d.c.published,
            d.c.publisher,
            d.c.id.label("document_id"),
            p.c.span_start,
            p.c.span_end,
            p.c.country_reason,
        )
        .join(e, e.c.id == p.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
        .order_by(p.c.id)
    )


def participant_rows(conn: Connection, where: Any = None, ids: Any = None) -> list:
    """:func:`participant_query`'s rows (``where`` selects some, or ``ids`` of
    engagements; None: all), by id."""
    query, p = participant_query(), t.participants
    if where is not None:
        query = query.where(where)
    if ids is None:
        return conn.execute(query).all()
    return sorted(in_chunks(conn, query, p.c.engagement_id, ids), key=lambda r: r.id)


def mention(r: Any) -> people.Mention:
    return people.Mention(
        r.id,
        r.name,
        r.family_name,
        r.title,
        r.country,
        r.date or r.published,
        r.publisher,
        r.document_id,
        r.span_start,
        r.span_end,
        r.country_reason,
        None if r.country else actors.actor(None, r.organization, r.title),
    )


def description_windows(conn: Connection, mentions: list[people.Mention]) -> dict[int, str]:
    """The words after each named mention whose country is unknown or guessed
    (:data:`communique.archive.people.DESCRIPTION_CHARS` characters of its document), by
    mention: read by the database, not whole documents (a relink held every such
    document's text at once)."""
    want = [m.id for m in mentions if m.span_end is not None and people.needs_description(m)]
    p, e, d = t.participants, t.engagements, t.documents
    query = (
        sa.select(p.c.id, sa.func.substr(d.c.text, p.c.span_end + 1, people.DESCRIPTION_CHARS))
        .join(e, e.c.id == p.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
    )
    return {i: window for i, window in in_chunks(conn, query, p.c.id, want) if window}


def overrides(conn: Connection) -> list[people.Override]:
    """The analysts' merges and splits of people, oldest first."""
    po = t.person_overrides
    return [
        people.Override(
            r.id,
            r.kind,
            tuple(r.keys or ()),
            tuple(r.forms or ()),
            tuple(int(x) for x in r.documents or ()),
        )
        for r in conn.execute(sa.select(po).order_by(po.c.id))
    ]


def _office_rows(info: dict[str, people.PersonInfo], ids: dict[str, int]) -> list[dict]:
    out = []
    for k, v in sorted(info.items()):
        for (office, country), (first, last) in sorted(
            v.offices.items(), key=lambda x: (str(x[1][0]), x[0][0])
        ):
            out.append(
                {
                    "person_id": ids[k],
                    "office": office,
                    "country": country,
                    "first_seen": first,
                    "last_seen": last,
                }
            )
    return out


def write_persons(
    conn: Connection,
    info: dict[str, people.PersonInfo],
    ids: dict[str, int],
    within: list[int] | None = None,
) -> None:
    """Write persons, their name forms and offices (of the person ids ``within`` only,
    when given)."""
    _sync(
        conn,
        t.persons,
        [
            {"id": ids[k], "key": k, "name": v.name, "family_name": v.family, "country": v.country}
            for k, v in sorted(info.items())
        ],
        ("id",),
        None if within is None else ("id", within),
    )
    scope = None if within is None else ("person_id", within)
    _sync(
        conn,
        t.person_names,
        [
            {"person_id": ids[k], "form": f, "folded": people.fold(f)}
            for k, v in sorted(info.items())
            for f in sorted(v.forms)
        ],
        ("person_id", "form"),
        scope,
    )
    rows = _office_rows(info, ids)
    _sync(conn, t.person_offices, rows, ("person_id", "office", "country"), scope)


def link_persons(ctx: Linking) -> None:
    """Needs ``conn``. Adds ``rows`` (every participant), ``info`` and ``person_ids``
    (every person, by key) and ``person_of`` (each participant's person): one person per
    human across name forms (:func:`communique.archive.people.resolve`, the analysts'
    overrides last), written to ``persons``, ``person_names``, ``person_offices`` and
    the participants' ``person_id`` and ``resolution``."""
    conn = ctx.conn
    ctx.rows = participant_rows(conn)
    mentions = [mention(r) for r in ctx.rows]
    resolved, ctx.info = people.resolve(
        mentions, overrides(conn), description_windows(conn, mentions)
    )
    ctx.person_ids = ids = stable_ids(conn, t.persons, list(ctx.info))
    write_persons(conn, ctx.info, ids)
    cur, want = {}, {}
    for r in ctx.rows:
        res = resolved.get(r.id)
        pid = ids.get(res.key) if res and res.key else None
        ctx.person_of[r.id] = pid
        cur[r.id] = {"person_id": r.person_id, "resolution": r.resolution}
        want[r.id] = {"person_id": pid, "resolution": res.reason if res else None}
    set_columns(conn, t.participants, want, cur)


# --------------------------------------------------------------------------- events


def engagement_rows(conn: Connection, ids: Any = None) -> list:
    """Engagements as events read them (``ids``: those; None: all), by id."""
    e = t.engagements
    query = sa.select(
        e.c.id,
        e.c.document_id,
        e.c.date,
        e.c.end_date,
        e.c.mode,
        e.c.name,
        e.c.place_name,
        e.c.place_country,
        e.c.occasion,
        e.c.duration_minutes,
        e.c.round_number,
        e.c.round_of,
        e.c.event_id,
        e.c.date_precision,
    ).order_by(e.c.id)
    if ids is None:
        return conn.execute(query).all()
    return sorted(in_chunks(conn, query, e.c.id, ids), key=lambda r: r.id)


def records(
    conn: Connection, erows: list, rows: list, person_of: dict[int, int | None]
) -> tuple[dict[int, accounts.Record], dict[int, list]]:
    """Each engagement of ``erows`` as an account (its people, countries, participants
    as accounts compare them, its publisher) from its participants ``rows`` and their
    persons, and each engagement's participants' (title, actor)."""
    recs = {}
    for r in erows:
        vals = {f: getattr(r, f) for f in accounts.FIELDS if f != "round"}
        vals["round"] = (
            {"number": r.round_number, "of": r.round_of} if r.round_number is not None else None
        )
        # an account dated by a range of days (a meeting during a visit) joins only a
        # dated event within it (archive/dating.py)
        ranged = r.date_precision == dating.RANGE and r.date is not None
        recs[r.id] = accounts.Record(
            r.id,
            r.document_id,
            None if ranged else r.date,
            vals,
            within=(r.date, r.end_date or r.date) if ranged else None,
        )
    pids = sorted({pid for pid in person_of.values() if pid is not None})
    ps = t.persons
    pcountry = dict(in_chunks(conn, sa.select(ps.c.id, ps.c.country), ps.c.id, pids))
    titles_of: dict[int, list[tuple[str | None, str | None]]] = {}
    for r in rows:
        rec = recs[r.engagement_id]
        pid = person_of[r.id]
        if pid is not None:
            rec.persons.add(pid)
        # a country, else an organisation's code (officials of the EU, UN, ASEAN...)
        c = actors.actor(r.country, r.organization, r.title) or (pcountry.get(pid) if pid else None)
        if c:
            rec.countries.add(c)
        rec.parts.append(accounts.part(r.name, r.family_name, c, pid))
        titles_of.setdefault(r.engagement_id, []).append((r.title, c))
    d = t.documents
    docs = sorted({rec.document_id for rec in recs.values()})
    publisher = dict(in_chunks(conn, sa.select(d.c.id, d.c.publisher), d.c.id, docs))
    for rec in recs.values():
        rec.publisher = publisher.get(rec.document_id)
    return recs, titles_of


def _field_rows(eid: int, rec: accounts.Record) -> list[dict]:
    """What one account says of each field of its event (``event_fields``)."""
    return [
        {
            "event_id": eid,
            "field": f,
            "engagement_id": rec.id,
            "document_id": rec.document_id,
            "value": v.isoformat() if hasattr(v, "isoformat") else v,
        }
        for f in accounts.FIELDS
        if (v := rec.values.get(f)) is not None
    ]


def _event(group: list[accounts.Record], titles: list, out: dict[str, list]) -> followups.Ev:
    """One event from its accounts: its rows added to ``out`` (by table)."""
    eid = group[0].id
    merged = accounts.merge(group)
    rnd = merged.pop("round") or {}
    out["events"].append(
        {
            "id": eid,
            **merged,
            "round_number": rnd.get("number"),
            "round_of": rnd.get("of"),
            "n_accounts": len(group),
            # the highest level of anyone present, read by filters and exports
            "level": ranks.highest(x[0] for x in titles),
        }
    )
    persons_: set[int] = set()
    countries_: set[str] = set()
    for rec in group:
        persons_ |= rec.persons
        countries_ |= rec.countries
        out["event_fields"] += _field_rows(eid, rec)
    out["event_persons"] += [{"event_id": eid, "person_id": x} for x in sorted(persons_)]
    out["event_countries"] += [{"event_id": eid, "country": x} for x in sorted(countries_)]
    return followups.Ev(
        eid,
        merged["date"],
        merged["name"],
        persons_,
        countries_,
        merged["place_country"],
        documents={rec.document_id for rec in group},
        mode=merged["mode"],
        kind=followups.kind(merged["name"]) or followups.kind_by_titles(titles),
        date_to=merged["end_date"] if all(rec.within for rec in group) else None,
    )


#: the tables of events, and the key each is synchronised on
EVENT_TABLES = {
    "events": ("id",),
    "event_fields": ("event_id", "field", "engagement_id"),
    "event_persons": ("event_id", "person_id"),
    "event_countries": ("event_id", "country"),
}


def build_events(
    conn: Connection, erows: list, rows: list, person_of: dict[int, int | None]
) -> tuple[dict[str, list], dict[int, followups.Ev], dict[int, int]]:
    """The events the engagements ``erows`` are accounts of: the rows of each table of
    :data:`EVENT_TABLES`, the events by id, and each engagement's event."""
    recs, titles_of = records(conn, erows, rows, person_of)
    out: dict[str, list] = {name: [] for name in EVENT_TABLES}
    events: dict[int, followups.Ev] = {}
    eng_event: dict[int, int] = {}
    for g in accounts.cluster(list(recs.values())):
        titles = [x for rec in g for x in titles_of.get(rec.id, [])]
        ev = _event(g, titles, out)
        events[ev.id] = ev
        for rec in g:
            eng_event[rec.id] = ev.id
    return out, events, eng_event


def write_events(
    conn: Connection,
    out: dict[str, list],
    erows: list,
    eng_event: dict[int, int],
    within: list[int] | None = None,
) -> None:
    """Write events (those of the ids ``within`` only, when given) and the engagements'
    ``event_id``."""
    scope = None if within is None else ("id", within)
    _sync(conn, t.events, out["events"], EVENT_TABLES["events"], scope)
    set_columns(
        conn,
        t.engagements,
        {r.id: {"event_id": eng_event[r.id]} for r in erows},
        {r.id: {"event_id": r.event_id} for r in erows},
    )
    # an undated account joined to a dated event: the day of that meeting
    dating.from_events(conn)
    scope = None if within is None else ("event_id", within)
    for name in ("event_fields", "event_persons", "event_countries"):
        _sync(conn, getattr(t, name), out[name], EVENT_TABLES[name], scope)


def link_events(ctx: Linking) -> None:
    """Needs ``rows`` and ``person_of``. Adds ``erows`` (every engagement),
    ``eng_event`` and ``events``: accounts of one engagement joined across publishers
    (:func:`communique.archive.accounts.cluster`), each event's fields, persons and
    countries, written to ``events``, ``event_fields``, ``event_persons``,
    ``event_countries`` and the engagements' ``event_id``."""
    ctx.erows = engagement_rows(ctx.conn)
    out, ctx.events, ctx.eng_event = build_events(ctx.conn, ctx.erows, ctx.rows, ctx.person_of)
    write_events(ctx.conn, out, ctx.erows, ctx.eng_event)


# --------------------------------------------------------------------------- tracks


def series_ordinals(conn: Connection, ids: Any = None) -> list:
    """(engagement id, number, text) of the series ordinals (of the engagements ``ids``;
    None: all), in the order they were stored."""
    o = t.ordinals
    query = sa.select(o.c.engagement_id, o.c.number, o.c.text, o.c.id).where(o.c.scope == "series")
    found = (
        conn.execute(query).all() if ids is None else in_chunks(conn, query, o.c.engagement_id, ids)
    )
    return [(r[0], r[1], r[2]) for r in sorted(found, key=lambda r: r[3])]


def series_by_ordinal(texts: Any) -> dict[str, str]:
    """The series the ordinals' ``texts`` name: their normalised name -> track key (an
    engagement named so without a number joins the series)."""
    names = {}
    for text in texts:
        s = tracks.parse_series(text)
        if s:
            names.setdefault(tracks.series_key(s[1]), s[1])
    return {tracks.norm(n): k for k, n in names.items()}


def track_members(
    erows: list,
    eng_event: dict[int, int],
    events: dict[int, followups.Ev],
    ordinal_rows: list,
    series_names: dict[str, str],
) -> tuple[dict[str, dict[int, list[int | None]]], dict[str, tuple[str, str]]]:
    """Track key -> {event id: the numbers its accounts give}, and track key -> (name,
    kind): rounds, then series by their ordinals, then by the engagements' names (an
    unnumbered one joins a series an ordinal names: ``series_names``)."""
    members: dict[str, dict[int, list[int | None]]] = {}
    names: dict[str, tuple[str, str]] = {}

    def add(k: str, eng: int, number: int | None) -> None:
        members.setdefault(k, {}).setdefault(eng_event[eng], []).append(number)

    for r in erows:
        ev = events[eng_event[r.id]]
        if r.round_of and r.round_number is not None:
            k = tracks.round_key(r.round_of, ev.countries)
            names.setdefault(k, (tracks.round_name(r.round_of, ev.countries), "round"))
            add(k, r.id, r.round_number)
    for eng, number, text in ordinal_rows:
        s = tracks.parse_series(text)
        if s:
            k = tracks.series_key(s[1])
            names.setdefault(k, (s[1], "series"))
            add(k, eng, number)
    for r in erows:
        s = tracks.parse_series(r.name)
        if s:
            k = tracks.series_key(s[1])
            names.setdefault(k, (s[1], "series"))
            add(k, r.id, s[0])
        elif r.name and tracks.norm(r.name) in series_names:
            add(series_names[tracks.norm(r.name)], r.id, None)
    return members, names


def member_rows(
    members: dict[str, dict[int, list[int | None]]],
    ids: dict[str, int],
    events: dict[int, followups.Ev],
) -> list[dict]:
    """Each track's members in order (date, then number), their number the one most
    of their accounts give; each event's ``tracks`` filled."""
    rows = []
    for k, evs in sorted(members.items()):
        order = []
        for evid, nums in evs.items():
            known = [n for n in nums if n is not None]
            num = max(set(known), key=lambda n: (known.count(n), -n)) if known else None
            events[evid].tracks[k] = num
            order.append((events[evid].date or _FAR, num if num is not None else 10**9, evid, num))
        for pos, (_d, _n, evid, num) in enumerate(sorted(order), start=1):
            rows.append({"track_id": ids[k], "event_id": evid, "number": num, "position": pos})
    return rows


def write_tracks(
    conn: Connection,
    names: dict[str, tuple[str, str]],
    rows: list[dict],
    ids: dict[str, int],
    within: list[int] | None = None,
) -> None:
    """Write tracks and their members (those of the track ids ``within`` only, when
    given)."""
    _sync(
        conn,
        t.tracks,
        [
            {"id": ids[k], "key": k, "name": n, "kind": kind}
            for k, (n, kind) in sorted(names.items())
        ],
        ("id",),
        None if within is None else ("id", within),
    )
    scope = None if within is None else ("track_id", within)
    _sync(conn, t.track_members, rows, ("track_id", "event_id"), scope)


def link_tracks(ctx: Linking) -> None:
    """Needs ``erows``, ``eng_event`` and ``events``. Adds ``track_ids``, and each
    event's ``tracks`` (track key -> its number): numbered series and rounds as tracks
    with their members in order (:mod:`communique.archive.tracks`), written to
    ``tracks`` and ``track_members``."""
    ordinal_rows = series_ordinals(ctx.conn)
    members, names = track_members(
        ctx.erows,
        ctx.eng_event,
        ctx.events,
        ordinal_rows,
        series_by_ordinal(text for _e, _n, text in ordinal_rows),
    )
    ctx.track_ids = ids = stable_ids(ctx.conn, t.tracks, list(names))
    write_tracks(ctx.conn, names, member_rows(members, ids, ctx.events), ids)


# --------------------------------------------------------------------------- follow-ups


def target_events(erows: list, eng_event: dict[int, int]) -> Any:
    """An analyst's target event found again by an account's document and date, whatever
    the ids became: (document id, day) -> event id, or None."""
    by_doc_date: dict[tuple[int, object], int] = {}
    by_doc: dict[int, set[int]] = {}
    for r in erows:
        by_doc_date.setdefault((r.document_id, r.date), eng_event[r.id])
        by_doc.setdefault(r.document_id, set()).add(eng_event[r.id])

    def target_event(doc_id: int | None, day: object) -> int | None:
        if doc_id is None:
            return None
        hit = by_doc_date.get((doc_id, day))
        if hit is None and len(by_doc.get(doc_id, ())) == 1:
            hit = next(iter(by_doc[doc_id]))
        return hit

    return target_event


def promise(
    f: Any, src: followups.Ev, er: Any, published: dict, key_ids: dict[str, int]
) -> followups.Promise:
    """A stored follow-up ``f`` of the engagement ``er`` (an account of ``src``) as
    :func:`communique.archive.followups.match` reads it; ``key_ids``: person ids by key."""
    fp = set()
    for part in f.participants or []:
        k = people.key_for_name(part.get("name") or "", part.get("family_name"))
        if k and k in key_ids:
            fp.add(key_ids[k])
    return followups.Promise(
        f.id,
        f.name or "",
        f.date,
        er.date or published.get(er.document_id),
        src.id,
        f.place_country,
        fp,
        src.countries,
        src.persons,
        document_id=er.document_id,
        # made during a range of days (a meeting during a visit): later is after its end
        since_last=er.end_date if getattr(er, "date_precision", None) == dating.RANGE else None,
    )


def families(persons: Any) -> dict[str, set[int]]:
    """Person ids by normalised family name, from (id, family name) pairs."""
    out: dict[str, set[int]] = {}
    for pid, family in persons:
        if family:
            out.setdefault(tracks.norm(family), set()).add(pid)
    return out


def link_follow_ups(ctx: Linking) -> None:
    """Needs ``info``, ``person_ids``, ``erows``, ``eng_event`` and ``events`` (with
    their ``tracks``: after ``track_ids`` are added). Adds ``matches``: each promised
    engagement matched to the later event that fulfilled it
    (:func:`communique.archive.followups.match`), an analyst's verdict in place of the
    rules', written to the follow-ups' ``fulfilled_by`` and ``match_reason``."""
    conn, fu = ctx.conn, t.follow_ups
    key_ids = {k: ctx.person_ids[k] for k in ctx.info}
    family_index = families((ctx.person_ids[k], v.family) for k, v in ctx.info.items())
    published = dict(conn.execute(sa.select(t.documents.c.id, t.documents.c.published)).all())
    eng = {r.id: r for r in ctx.erows}
    verdicts = {
        (o.document_id, o.name): o for o in conn.execute(sa.select(t.follow_up_overrides)).all()
    }
    target_event = target_events(ctx.erows, ctx.eng_event)
    timeline = followups.Timeline(ctx.events.values())
    cur = {}
    for f in conn.execute(sa.select(fu).order_by(fu.c.id)).all():
        src = ctx.events[ctx.eng_event[f.engagement_id]]
        p = promise(f, src, eng[f.engagement_id], published, key_ids)
        hit, reason = followups.match(p, timeline, family_index)
        verdict = verdicts.get((eng[f.engagement_id].document_id, f.name or ""))
        if verdict is not None:
            hit, reason = followups.apply_override(verdict, target_event, hit, reason)
        ctx.matches[f.id] = (hit, reason)
        cur[f.id] = {"fulfilled_by": f.fulfilled_by, "match_reason": f.match_reason}
    want = {i: {"fulfilled_by": h, "match_reason": r} for i, (h, r) in ctx.matches.items()}
    set_columns(conn, fu, want, cur)


# --------------------------------------------------------------------------- the steps

#: the relink, in order: each step's needs are the inputs or added by an earlier step
STEPS: tuple[Stage[Linking], ...] = (
    stage("dating", "conn redate", "", date_again),
    stage("persons", "conn", "rows info person_ids person_of", link_persons),
    stage("events", "conn rows person_of", "erows eng_event events", link_events),
    stage("tracks", "conn erows eng_event events", "track_ids", link_tracks),
    stage(
        "follow-ups",
        "conn info person_ids erows eng_event events track_ids",
        "matches",
        link_follow_ups,
    ),
)
#: what a :class:`Linking` is given when it is made
INPUTS = frozenset({"conn", "redate"})


def relink_conn(conn: Connection, *, redate: bool = False) -> Linking:
    """Run :data:`STEPS` over every stored record in ``conn``'s transaction."""
    return run_stages(STEPS, Linking(conn, redate))
