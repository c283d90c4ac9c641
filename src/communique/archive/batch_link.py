"""Linking once per batch (issue 13): after a batch of an ingest is committed, only what
the batch changes is linked again, so an ingest never needs a final relink over every
record and its memory follows a batch, not the archive.

What a batch changes, step by step (:data:`communique.archive.link.STEPS`):

* persons: the name families its participants' names resolve to, every stored mention
  of a person of those families (and the loose ones: not a name, an apposition), and the
  unnamed principals the archive's office history resolves near the offices they hold;
  widened until every key resolved is of a family in scope;
* events: the batch's engagements, those whose people or whose people's country
  changed, those the archive dated since (``dating.refill_related``), every engagement
  within the join tolerance (``accounts.DATE_SLACK_DAYS``) of their dates, and every
  account of the events those belong to;
* tracks: every track a changed event was or is a member of, with all its members;
* follow-ups: the promises of the documents in scope, those whose window covers a
  changed event's old or new date, those pointing at a changed event, those naming a
  changed track or a person who appeared, went or changed family name.

An undated account in scope brings every dated account that may name the same people
(:func:`accounts.may_be_same_people`, from a scan of the participants a chunk at a time),
and a stored undated account that may join an event in scope is brought in too. The result equals a whole relink. Where the scope
cannot be closed, the batch is linked whole instead (:func:`link_batch` says why):
analysts' overrides of people, a newer version of a stored page, or an archive not linked
up to the batch (a new archive's first batch; an ingest killed between a batch and its
linking, whose next ingest or relink completes it: ``data_version``/``linked_version``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from communique.archive import accounts, dating, db, followups, link, people, tracks
from communique.archive import schema as t

#: how each batch of this process was linked ("batch", or "whole: <why>"), for the
#: report and the tests
HOW: Counter[str] = Counter()


def link_batch(engine: Engine, doc_ids: list[int], before: int, after: int) -> str:
    """Link what a committed batch changed (``doc_ids``: its new documents; ``before``
    and ``after``: the archive's ``data_version`` before and after it). When the archive
    was not linked up to the batch (an ingest killed between a batch and its linking,
    another process writing), or the batch's scope cannot be closed, everything is
    linked again. How it was linked: "current", "batch" or "whole: <why>"."""
    with db.write_tx(engine) as conn:
        st = link.state(conn)
        if link.current(st):
            return "current"
        alone = (
            after == before + 1
            and st.get("data_version") == after
            and st.get("linked_version") == before
            and st.get("dating_rules") == dating.RULES_VERSION
        )
        why = link_scoped(conn, doc_ids) if alone else "the archive was not linked up to it"
        if why is None:
            link.set_state(conn, st, "linked_version", after)
            how = "batch"
        else:
            link.relink_locked(conn, st)
            how = f"whole: {why}"
    HOW[how] += 1
    return how


def link_scoped(conn: Connection, doc_ids: list[int]) -> str | None:
    """Link again what the new documents ``doc_ids`` change, in ``conn``'s transaction;
    None when done, else why the scope cannot be closed (nothing useful was written:
    the caller links everything)."""
    if conn.execute(sa.select(sa.func.count()).select_from(t.person_overrides)).scalar_one():
        return "analysts' overrides of people"
    d, e = t.documents, t.engagements
    if link.in_chunks(conn, sa.select(d.c.id), d.c.superseded_by, doc_ids):
        return "a newer version of a stored page"
    batch = {i for (i,) in link.in_chunks(conn, sa.select(e.c.id), e.c.document_id, doc_ids)}
    changed = link_persons(conn, batch)
    if isinstance(changed, str):
        return changed
    evs = link_events(conn, changed.engagements | batch | _dated_since(conn))
    keys = link_tracks(conn, evs, set(doc_ids))
    link_follow_ups(conn, evs, keys, changed)
    return None


# --------------------------------------------------------------------------- persons


def family(key: str) -> str:
    """The family part of a person's key ("kishida|fumio#3" -> "kishida")."""
    return key.split("|")[0]


@dataclass
class Changed:
    """What linking persons changed: engagements whose participants' persons changed,
    persons whose country or family name changed, keys that appeared or went."""

    engagements: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


@dataclass
class _Scope:
    """The mentions a batch's persons are resolved from, and their name families."""

    families: set[str]
    rows: dict[int, Any] = field(default_factory=dict)
    #: (office class, country) -> days a named mention in scope held it
    gives: dict[tuple[str, str], set[dt.date]] = field(default_factory=dict)
    gave: set[int] = field(default_factory=set)
    _mentions: dict[int, people.Mention] = field(default_factory=dict)

    def mention(self, r: Any) -> people.Mention:
        """A stored participant row as a mention (made once: a batch's widening and
        resolving pass over the same rows several times)."""
        m = self._mentions.get(r.id)
        if m is None:
            m = self._mentions[r.id] = link.mention(r)
        return m


def _loose(conn: Connection) -> list:
    """Stored mentions resolved to no one or to the name before them (an apposition):
    a person of their family appearing may change them."""
    p = t.participants
    return link.participant_rows(
        conn,
        where=sa.or_(
            sa.and_(p.c.person_id.is_(None), p.c.name.is_not(None)),
            p.c.resolution.like("%as an apposition%"),
        ),
    )


def _by_office_history(conn: Connection) -> list:
    """Stored unnamed principals the archive's office history resolved (or could not)."""
    p = t.participants
    return link.participant_rows(
        conn,
        where=sa.and_(
            p.c.name.is_(None),
            sa.or_(
                p.c.resolution.like("%archive office history%"),
                p.c.resolution.like("%no office holder known%"),
            ),
        ),
    )


def _office_need(m: people.Mention) -> tuple[str, str, dt.date] | None:
    """(office class, country, day) of an unnamed principal the gazetteer does not name."""
    if m.name is not None:
        return None
    oc = people.office_class(m.title)
    iso = m.country or m.publisher
    if not oc or not iso or not m.when or people.holder_on(oc, iso, m.when) is not None:
        return None
    return oc, iso, m.when


def _near(days: set[dt.date], when: dt.date) -> bool:
    return any(abs((d - when).days) <= people.OFFICE_HISTORY_DAYS for d in days)


def _families_holding(conn: Connection, need: tuple[str, str, dt.date], keys: dict) -> set[str]:
    """Families of the stored persons who held an office of a country near a day."""
    po, (oc, iso, when) = t.person_offices, need
    slack = dt.timedelta(days=people.OFFICE_HISTORY_DAYS)
    rows = conn.execute(
        sa.select(po.c.person_id, po.c.first_seen, po.c.last_seen).where(
            po.c.office == oc, po.c.country == iso
        )
    ).all()
    return {
        family(keys[pid])
        for pid, first, last in rows
        if pid in keys and first and last and first - slack <= when <= last + slack
    }


def _widen(conn: Connection, sc: _Scope, loose: list, unnamed: list, keys: dict) -> bool:
    """Add to the scope what its families and offices reach; whether anything was added.
    ``loose``: (row, its name's family) of the loose mentions; ``unnamed``: (row, what
    office it needs) of the unnamed principals resolved by the office history."""
    fam_ids = [pid for pid, k in keys.items() if family(k) in sc.families]
    p = t.participants
    found = link.in_chunks(conn, link.participant_query(), p.c.person_id, fam_ids)
    found += [r for r, fam in loose if fam in sc.families]
    _give(conn, sc, found)
    for r, need in unnamed:
        if _near(sc.gives.get(need[:2], set()), need[2]):
            found.append(r)
    new = [r for r in found if r.id not in sc.rows]
    grown = set()
    for r in new:
        sc.rows[r.id] = r
        need = _office_need(sc.mention(r))
        if need:
            grown |= _families_holding(conn, need, keys)
    before = len(sc.families)
    sc.families |= grown
    return bool(new) or len(sc.families) != before


def _give(conn: Connection, sc: _Scope, rows: list) -> None:
    """Note the offices the named people of ``rows`` held (what unnamed principals are
    resolved by), once per row."""
    named = [sc.mention(r) for r in rows if r.id not in sc.gave and r.name]
    sc.gave |= {r.id for r in rows}
    named, _notes = people.with_descriptions(named, link.description_windows(conn, named))
    for m in named:
        oc = people.office_class(m.title)
        if oc and m.country and m.when:
            sc.gives.setdefault((oc, m.country), set()).add(m.when)


def _parsed_family(r: Any) -> str | None:
    p = people.parse_name(r.name, r.family_name, r.country)
    return people.translit(p.family) if p is not None else None


def _resolve_scope(conn: Connection, batch: set[int], keys: dict) -> tuple[_Scope, tuple]:
    """The batch's mentions and every stored one their resolution may depend on,
    resolved; widened until every key resolved is of a family in scope."""
    rows = link.participant_rows(conn, ids=batch)
    mentions = [link.mention(r) for r in rows]
    first, _info = people.resolve(mentions, (), link.description_windows(conn, mentions))
    fams = {family(r.key) for r in first.values() if r.key}
    fams |= {f for f in map(_parsed_family, rows) if f}
    sc = _Scope(fams, {r.id: r for r in rows})
    _give(conn, sc, rows)
    for r in rows:
        need = _office_need(link.mention(r))
        if need:
            sc.families |= _families_holding(conn, need, keys)
    # what each stored loose mention and unnamed principal could join by, once a batch
    loose = [(r, fam) for r in _loose(conn) if (fam := _parsed_family(r))]
    unnamed = [
        (r, need) for r in _by_office_history(conn) if (need := _office_need(link.mention(r)))
    ]
    while True:
        while _widen(conn, sc, loose, unnamed, keys):
            pass
        mentions = [sc.mention(r) for _i, r in sorted(sc.rows.items())]
        found = people.resolve(mentions, (), link.description_windows(conn, mentions))
        out = {family(r.key) for r in found[0].values() if r.key} - sc.families
        if not out:
            return sc, found
        sc.families |= out


def link_persons(conn: Connection, batch: set[int]) -> Changed | str:
    """Resolve the batch's mentions and those theirs may change; write the persons of
    the families in scope. What changed."""
    ps = t.persons
    stored = {
        r.id: r for r in conn.execute(sa.select(ps.c.id, ps.c.key, ps.c.family_name, ps.c.country))
    }
    keys = {pid: r.key for pid, r in stored.items()}
    sc, (resolved, info) = _resolve_scope(conn, batch, keys)
    in_scope = [pid for pid, k in keys.items() if family(k) in sc.families]
    ids = link.stable_ids(conn, ps, list(info))
    link.write_persons(conn, info, ids, within=in_scope + [ids[k] for k in info])
    ch = Changed()
    ch.keys = set(info) ^ {keys[pid] for pid in in_scope}
    for pid in in_scope:
        v = info.get(keys[pid])
        r = stored[pid]
        if v is None or (v.country, v.family) != (r.country, r.family_name):
            ch.persons.add(pid)
    cur, want = {}, {}
    for r in sc.rows.values():
        res = resolved.get(r.id)
        pid = ids.get(res.key) if res and res.key else None
        if pid != r.person_id:
            ch.engagements.add(r.engagement_id)
        cur[r.id] = {"person_id": r.person_id, "resolution": r.resolution}
        want[r.id] = {"person_id": pid, "resolution": res.reason if res else None}
    link.set_columns(conn, t.participants, want, cur)
    p = t.participants
    ch.engagements |= {
        e for (e,) in link.in_chunks(conn, sa.select(p.c.engagement_id), p.c.person_id, ch.persons)
    }
    return ch


# --------------------------------------------------------------------------- events


def _dated_since(conn: Connection) -> set[int]:
    """Engagements the archive dated after they were linked (``dating.refill_related``
    dates other documents' engagements): their event's fields have no date from them."""
    e, ef = t.engagements, t.event_fields
    rows = conn.execute(
        sa.select(e.c.id, e.c.event_id, e.c.date).where(
            e.c.date_reason.is_not(None), e.c.event_id.is_not(None), e.c.date.is_not(None)
        )
    ).all()
    query = sa.select(ef.c.engagement_id, ef.c.value).where(ef.c.field == "date")
    told = set(link.in_chunks(conn, query, ef.c.event_id, {r.event_id for r in rows}))
    return {r.id for r in rows if (r.id, r.date.isoformat()) not in told}


def _with_components(conn: Connection, ids: set[int]) -> tuple[set[int], set[int]]:
    """The engagements ``ids`` with every account of the events they belong to, and
    those events."""
    e = t.engagements
    old = {
        ev for (ev,) in link.in_chunks(conn, sa.select(e.c.event_id), e.c.id, ids) if ev is not None
    }
    ids = set(ids) | {i for (i,) in link.in_chunks(conn, sa.select(e.c.id), e.c.event_id, old)}
    return ids, old


def _near_days(conn: Connection, ids: set[int]) -> set[int]:
    """The engagements ``ids`` and every engagement within the join tolerance of their
    dates."""
    e = t.engagements
    dates = {d for (d,) in link.in_chunks(conn, sa.select(e.c.date), e.c.id, ids) if d}
    slack = accounts.DATE_SLACK_DAYS
    days = {d + dt.timedelta(days=k) for d in dates for k in range(-slack, slack + 1)}
    return set(ids) | {i for (i,) in link.in_chunks(conn, sa.select(e.c.id), e.c.date, days)}


def _records(conn: Connection, ids: set[int]) -> dict[int, accounts.Record]:
    erows = link.engagement_rows(conn, ids)
    rows = link.participant_rows(conn, ids=ids)
    recs, _titles = link.records(conn, erows, rows, {r.id: r.person_id for r in rows})
    return recs


def _joins(r: accounts.Record) -> bool:
    """An undated account that may join a dated event (two people named or more)."""
    return r.date is None and sum(1 for p in r.parts if p.family or p.person is not None) >= 2


def _sharing(conn: Connection, joining: list[accounts.Record]) -> set[int]:
    """Dated engagements that may name the same people as one of the undated accounts
    ``joining`` (:func:`accounts.may_be_same_people`): a scan of every participant of a
    dated engagement, a chunk at a time, for a name key of theirs (memory does not grow
    with the archive), then the people of those that have one."""
    by_key = _by_key(joining)
    p, e = t.participants, t.engagements
    query = (
        sa.select(p.c.engagement_id, p.c.name, p.c.family_name)
        .join(e, e.c.id == p.c.engagement_id)
        .where(e.c.date.is_not(None))
    )
    found = set()
    result = conn.execute(query, execution_options={"yield_per": SCAN_CHUNK})
    for chunk in result.partitions():
        for eng, name, fam in chunk:
            family_, words = accounts.name_keys(name, fam)
            if family_ in by_key or not words.isdisjoint(by_key):
                found.add(eng)
    return {eng for eng, theirs in _parts(conn, found).items() if _may_join(theirs, by_key)}


def _by_key(records: list[accounts.Record]) -> dict[str, list[accounts.Record]]:
    """Accounts by each of their name keys (:func:`accounts.keys`)."""
    out: dict[str, list[accounts.Record]] = {}
    for r in records:
        for k in accounts.keys(r):
            out.setdefault(k, []).append(r)
    return out


def _may_join(parts: list[accounts.Part], by_key: dict[str, list[accounts.Record]]) -> bool:
    """Whether an account with these participants may name the same people as one of
    the accounts ``by_key`` indexes by their name keys (either may be the undated one:
    the same people leave no one unmatched on either side)."""
    near = {r.id: r for x in parts for k in accounts.keys_of(x) for r in by_key.get(k, ())}
    return any(accounts.may_be_same_people(parts, r.parts) for r in near.values())


def _parts(conn: Connection, ids: set[int]) -> dict[int, list[accounts.Part]]:
    """The participants of the engagements ``ids`` as accounts compare them, countries
    aside (for :func:`accounts.may_be_same_people`)."""
    p = t.participants
    query = sa.select(p.c.engagement_id, p.c.name, p.c.family_name, p.c.person_id)
    out: dict[int, list[accounts.Part]] = {i: [] for i in ids}
    for eng, name, fam, pid in link.in_chunks(conn, query, p.c.engagement_id, ids):
        out[eng].append(accounts.part(name, fam, None, pid))
    return out


#: rows read at a time when a batch's linking scans a whole table
SCAN_CHUNK = 2000


def _undated_joining(conn: Connection, recs: dict[int, accounts.Record]) -> set[int]:
    """Stored undated accounts outside the scope that may join (or leave) one of its
    events: they name the same people as a dated account in scope. Those that may
    (:func:`accounts.may_be_same_people`, from a scan of the undated accounts'
    participants) are then compared as the clustering compares them."""
    e, p = t.engagements, t.participants
    by_key = _by_key([r for r in recs.values() if r.date is not None])
    query = (
        sa.select(p.c.engagement_id, p.c.name, p.c.family_name, p.c.person_id)
        .join(e, e.c.id == p.c.engagement_id)
        .where(e.c.date.is_(None))
    )
    parts: dict[int, list[accounts.Part]] = {}
    result = conn.execute(query, execution_options={"yield_per": SCAN_CHUNK})
    for chunk in result.partitions():
        for eng, name, fam, pid in chunk:
            if eng not in recs:
                parts.setdefault(eng, []).append(accounts.part(name, fam, None, pid))
    maybe = {eng for eng, theirs in parts.items() if _may_join(theirs, by_key)}
    out = set()
    for r in _records(conn, maybe).values() if maybe else ():
        if _joins(r) and _joins_one(r, by_key):
            out.add(r.id)
    return out


def _named(r: accounts.Record) -> int:
    """How many of an account's people are identified (as :func:`accounts.same_people`
    counts them)."""
    return sum(1 for p in r.parts if p.family or p.person is not None)


def _joins_one(r: accounts.Record, by_key: dict[str, list[accounts.Record]]) -> bool:
    """Whether the undated account ``r`` tells the engagement of one of the dated
    accounts ``by_key`` indexes: each candidate tried once (one shares several keys),
    those naming another number of people (never the same people) not compared."""
    n = _named(r)
    seen: set[int] = set()
    for k in accounts.keys(r):
        for o in by_key.get(k, ()):
            if o.id in seen:
                continue
            seen.add(o.id)
            if _named(o) == n and accounts.compatible(r, o) and accounts.same_people(r, o):
                return True
    return False


def _engagement_scope(conn: Connection, seeds: set[int]) -> tuple[set[int], set[int]]:
    """Every engagement whose event may change with ``seeds``, and their events: those
    within the join tolerance and their events' accounts; for an undated account, every
    dated one that may name the same people; the stored undated accounts that may join
    them."""
    ids, old = _with_components(conn, _near_days(conn, seeds))
    expanded: set[int] = set()
    while True:
        recs = _records(conn, ids)
        joining = []
        for r in recs.values():
            if _joins(r) and r.id not in expanded:
                expanded.add(r.id)
                joining.append(r)
        more = (_sharing(conn, joining) if joining else set()) | _undated_joining(conn, recs)
        if not more - ids:
            return ids, old
        ids, old2 = _with_components(conn, ids | more)
        old |= old2


@dataclass
class Events:
    """What linking events changed: the engagements in scope, their events before
    (with their dates) and after, and the follow-ups that pointed at the ones before."""

    erows: list
    old: dict[int, dt.date | None]
    events: dict[int, followups.Ev]
    eng_event: dict[int, int]
    pointing: set[int]


def link_events(conn: Connection, seeds: set[int]) -> Events:
    """Cluster again the accounts the changed engagements ``seeds`` may join or leave,
    and write their events."""
    ids, old_ids = _engagement_scope(conn, seeds)
    ev, fu = t.events, t.follow_ups
    old = dict(link.in_chunks(conn, sa.select(ev.c.id, ev.c.date), ev.c.id, old_ids))
    pointing = {i for (i,) in link.in_chunks(conn, sa.select(fu.c.id), fu.c.fulfilled_by, old)}
    erows = link.engagement_rows(conn, ids)
    rows = link.participant_rows(conn, ids=ids)
    out, events, eng_event = link.build_events(conn, erows, rows, {r.id: r.person_id for r in rows})
    link.write_events(conn, out, erows, eng_event, within=sorted(set(old) | set(events)))
    return Events(erows, old, events, eng_event, pointing)


# --------------------------------------------------------------------------- tracks


def _event_shells(conn: Connection, ids: set[int]) -> dict[int, followups.Ev]:
    """Stored events as tracks read them (date and countries)."""
    ev, ec = t.events, t.event_countries
    out = {
        i: followups.Ev(i, d, None, set(), set(), None)
        for i, d in link.in_chunks(conn, sa.select(ev.c.id, ev.c.date), ev.c.id, ids)
    }
    for c, i in link.in_chunks(conn, sa.select(ec.c.country, ec.c.event_id), ec.c.event_id, ids):
        out[i].countries.add(c)
    return out


def _series_names(conn: Connection, batch_docs: set[int]) -> tuple[dict[str, str], set[str]]:
    """The series the stored ordinals name (normalised name -> key), and those only the
    ordinals of the new documents name."""
    o, e = t.ordinals, t.engagements
    query = (
        sa.select(o.c.text)
        .join(e, e.c.id == o.c.engagement_id)
        .where(o.c.scope == "series", o.c.text.is_not(None))
        .distinct()
    )
    others = query.where(e.c.document_id.not_in(sorted(batch_docs)))
    every = link.series_by_ordinal(sorted(conn.execute(query).scalars()))
    before = link.series_by_ordinal(sorted(conn.execute(others).scalars()))
    return every, set(every.values()) - set(before.values())


def _named_like(conn: Connection, keys: set[str], series: dict[str, str]) -> set[int]:
    """Engagements named like one of these new series, without its number: a scan of
    every engagement's name, a chunk at a time."""
    e = t.engagements
    out = set()
    query = sa.select(e.c.id, e.c.name).where(e.c.name.is_not(None))
    result = conn.execute(query, execution_options={"yield_per": SCAN_CHUNK})
    for chunk in result.partitions():
        for eng, name in chunk:
            if series.get(tracks.norm(name)) in keys:
                out.add(eng)
    return out


def link_tracks(conn: Connection, evs: Events, batch_docs: set[int]) -> set[str]:
    """Place again the members of every track a changed event was or is a member of;
    the keys of those tracks."""
    tm, tr, e = t.track_members, t.tracks, t.engagements
    stored = link.in_chunks(conn, sa.select(tm.c.track_id, tm.c.event_id), tm.c.event_id, evs.old)
    series, new_series = _series_names(conn, batch_docs)
    mine = link.series_ordinals(conn, {r.id for r in evs.erows})
    members, _names = link.track_members(evs.erows, evs.eng_event, evs.events, mine, series)
    key_of = dict(conn.execute(sa.select(tr.c.id, tr.c.key)).all())
    keys = {key_of[i] for i, _ev in stored} | set(members) | new_series
    ids = [i for i, k in key_of.items() if k in keys]
    outside = {
        ev
        for _t, ev in link.in_chunks(
            conn, sa.select(tm.c.track_id, tm.c.event_id), tm.c.track_id, ids
        )
    }
    joining = _named_like(conn, new_series, series) if new_series else set()
    outside |= {ev for (ev,) in link.in_chunks(conn, sa.select(e.c.event_id), e.c.id, joining)}
    outside -= set(evs.old) | set(evs.events)
    erows = link.engagement_rows(
        conn, {i for (i,) in link.in_chunks(conn, sa.select(e.c.id), e.c.event_id, outside)}
    )
    events = {**_event_shells(conn, outside), **evs.events}
    eng_event = {**{r.id: r.event_id for r in erows}, **evs.eng_event}
    every = sorted([*erows, *evs.erows], key=lambda r: r.id)
    ordinals = link.series_ordinals(conn, set(eng_event))
    members, names = link.track_members(every, eng_event, events, ordinals, series)
    members = {k: v for k, v in members.items() if k in keys}
    names = {k: v for k, v in names.items() if k in keys}
    track_ids = link.stable_ids(conn, tr, list(names))
    rows = link.member_rows(members, track_ids, events)
    link.write_tracks(
        conn, names, rows, track_ids, within=sorted(set(ids) | {track_ids[k] for k in names})
    )
    return keys


# --------------------------------------------------------------------------- follow-ups


def events_of(conn: Connection, ids: set[int]) -> dict[int, followups.Ev]:
    """Stored events as follow-ups are matched to them (their people, countries,
    documents, kind and tracks)."""
    ev, ep, e, tm, tr = t.events, t.event_persons, t.engagements, t.track_members, t.tracks
    query = sa.select(ev.c.id, ev.c.date, ev.c.name, ev.c.place_country, ev.c.mode, ev.c.end_date)
    stored = link.in_chunks(conn, query, ev.c.id, ids)
    out = {
        r.id: followups.Ev(r.id, r.date, r.name, set(), set(), r.place_country, mode=r.mode)
        for r in stored
    }
    for i, shell in _event_shells(conn, set(out)).items():
        out[i].countries = shell.countries
    for pid, i in link.in_chunks(
        conn, sa.select(ep.c.person_id, ep.c.event_id), ep.c.event_id, out
    ):
        out[i].persons.add(pid)
    erows = link.in_chunks(
        conn,
        sa.select(e.c.id, e.c.document_id, e.c.event_id, e.c.date_precision),
        e.c.event_id,
        out,
    )
    ranged: dict[int, bool] = {}
    for _eng, doc, i, precision in erows:
        out[i].documents.add(doc)
        ranged[i] = ranged.get(i, True) and precision == dating.RANGE
    for r in stored:  # an event known only as a range of days (as link._event says)
        out[r.id].date_to = r.end_date if ranged.get(r.id) else None
    query = sa.select(tm.c.event_id, tr.c.key, tm.c.number).join(tr, tr.c.id == tm.c.track_id)
    for i, key, number in link.in_chunks(conn, query, tm.c.event_id, out):
        out[i].tracks[key] = number
    unnamed = {eng for eng, _d, i, _p in erows if followups.kind(out[i].name) is None}
    rows = link.participant_rows(conn, ids=unnamed)
    _recs, titles_of = link.records(
        conn, link.engagement_rows(conn, unnamed), rows, {r.id: r.person_id for r in rows}
    )
    titles: dict[int, list] = {}
    for eng, _d, i, _p in erows:
        titles.setdefault(i, []).extend(titles_of.get(eng, []))
    for x in out.values():
        x.kind = followups.kind(x.name) or followups.kind_by_titles(titles.get(x.id, []))
    return out


def _window(f: Any, since: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days a promise's candidates may fall on (as :func:`followups.match` reads
    them), or None for an undated readout (its own engagements only)."""
    if since is None:
        return None
    slack = dt.timedelta(days=followups.DATE_SLACK_DAYS)
    if f.date:
        return f.date - slack, f.date + slack
    return since + dt.timedelta(days=1), since + dt.timedelta(days=followups.WINDOW_DAYS)


def _promise_rows(conn: Connection, where: Any) -> list:
    fu, e, d = t.follow_ups, t.engagements, t.documents
    return conn.execute(
        sa.select(fu, e.c.document_id, e.c.event_id.label("source_event"), e.c.date.label("on"))
        .add_columns(d.c.published, e.c.end_date, e.c.date_precision)
        .join(e, e.c.id == fu.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
        .where(where)
    ).all()


def _by_window(conn: Connection, days: set[dt.date]) -> set[int]:
    """Promises whose window covers one of these days."""
    if not days:
        return set()
    fu, e, d = t.follow_ups, t.engagements, t.documents
    lo, hi = min(days), max(days)
    slack = dt.timedelta(days=followups.DATE_SLACK_DAYS)
    year = dt.timedelta(days=followups.WINDOW_DAYS)
    since = sa.func.coalesce(e.c.date, d.c.published)
    rows = _promise_rows(
        conn,
        sa.or_(
            fu.c.date.between(lo - slack, hi + slack),
            sa.and_(fu.c.date.is_(None), since.between(lo - year, hi)),
        ),
    )
    out = set()
    for f in rows:
        w = _window(f, f.on or f.published)
        if w and any(w[0] <= x <= w[1] for x in days):
            out.add(f.id)
    return out


def _scanned(conn: Connection, keys: set[str], person_keys: set[str]) -> set[int]:
    """Promises naming a changed track, or a person who appeared or went: a scan of
    every promise, a chunk at a time."""
    fu = t.follow_ups
    out = set()
    query = sa.select(fu.c.id, fu.c.name, fu.c.participants)
    result = conn.execute(query, execution_options={"yield_per": SCAN_CHUNK})
    for chunk in result.partitions():
        for i, name, parts in chunk:
            s = tracks.parse_series(name)
            if s and tracks.series_key(s[1]) in keys:
                out.add(i)
            for part in parts or []:
                k = people.key_for_name(part.get("name") or "", part.get("family_name"))
                if k in person_keys:
                    out.add(i)
    return out


def _affected(conn: Connection, evs: Events, keys: set[str], changed: Changed) -> set[int]:
    """The promises whose match may change."""
    fu, e, ep, tm, tr = t.follow_ups, t.engagements, t.event_persons, t.track_members, t.tracks
    docs = {r.document_id for r in evs.erows}
    out = {f.id for f in _promise_rows(conn, e.c.document_id.in_(sorted(docs)))} if docs else set()
    out |= evs.pointing
    members = conn.execute(
        sa.select(tm.c.event_id)
        .join(tr, tr.c.id == tm.c.track_id)
        .where(tr.c.key.in_(sorted(keys)))
    ).scalars()
    days = {x for x in evs.old.values() if x} | {x.date for x in evs.events.values() if x.date}
    days |= {x.date for x in _event_shells(conn, set(members)).values() if x.date}
    out |= _by_window(conn, days)
    out |= _scanned(conn, keys, changed.keys)
    renamed = {
        i
        for (i,) in link.in_chunks(conn, sa.select(ep.c.event_id), ep.c.person_id, changed.persons)
    }
    engs = {i for (i,) in link.in_chunks(conn, sa.select(e.c.id), e.c.event_id, renamed)}
    out |= {i for (i,) in link.in_chunks(conn, sa.select(fu.c.id), fu.c.engagement_id, engs)}
    return out


def _merged(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping spans of days joined."""
    out: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _series_members(conn: Connection, rows: list) -> set[int]:
    """The events of the tracks the promises name (a series: any later member)."""
    tm, tr = t.track_members, t.tracks
    keys = set()
    for f in rows:
        s = tracks.parse_series(f.name)
        if s:
            keys.add(tracks.series_key(s[1]))
    if not keys:
        return set()
    query = sa.select(tm.c.event_id).join(tr, tr.c.id == tm.c.track_id)
    return set(conn.execute(query.where(tr.c.key.in_(sorted(keys)))).scalars())


def _verdicts(conn: Connection, rows: list) -> tuple[dict, Any]:
    """The analysts' verdicts on these promises, by (document, name), and how their
    target events are found again."""
    fo, e = t.follow_up_overrides, t.engagements
    verdicts = {
        (o.document_id, o.name): o
        for o in link.in_chunks(
            conn, sa.select(fo), fo.c.document_id, {f.document_id for f in rows}
        )
    }
    docs = {o.target_document_id for o in verdicts.values() if o.target_document_id is not None}
    query = sa.select(e.c.id, e.c.document_id, e.c.date, e.c.event_id)
    erows = link.in_chunks(conn, query, e.c.document_id, docs)
    return verdicts, link.target_events(erows, {r.id: r.event_id for r in erows})


def link_follow_ups(conn: Connection, evs: Events, keys: set[str], changed: Changed) -> None:
    """Match again the promises whose candidates, source or names changed."""
    fu, e, ev = t.follow_ups, t.engagements, t.events
    rows = []
    affected = sorted(_affected(conn, evs, keys, changed))
    for i in range(0, len(affected), dating.SQL_IN_CHUNK):
        rows += _promise_rows(conn, fu.c.id.in_(affected[i : i + dating.SQL_IN_CHUNK]))
    want = {}
    ids = {f.source_event for f in rows}
    for lo, hi in _merged([w for f in rows if (w := _window(f, f.on or f.published))]):
        ids |= set(conn.execute(sa.select(ev.c.id).where(ev.c.date.between(lo, hi))).scalars())
    docs = {f.document_id for f in rows}
    ids |= {i for (i,) in link.in_chunks(conn, sa.select(e.c.event_id), e.c.document_id, docs)}
    ids |= _series_members(conn, rows)
    events = events_of(conn, {i for i in ids if i is not None})
    ps = t.persons
    persons = conn.execute(sa.select(ps.c.id, ps.c.key, ps.c.family_name)).all()
    key_ids = {k: i for i, k, _f in persons}
    family_index = link.families((i, f) for i, _k, f in persons)
    verdicts = _verdicts(conn, rows)
    timeline = followups.Timeline(events.values())
    for f in rows:
        er = SimpleNamespace(
            date=f.on,
            document_id=f.document_id,
            end_date=f.end_date,
            date_precision=f.date_precision,
        )
        p = link.promise(f, events[f.source_event], er, {f.document_id: f.published}, key_ids)
        hit, reason = followups.match(p, timeline, family_index)
        verdict = verdicts[0].get((f.document_id, f.name or ""))
        if verdict is not None:
            hit, reason = followups.apply_override(verdict, verdicts[1], hit, reason)
        want[f.id] = {"fulfilled_by": hit, "match_reason": reason}
    cur = {f.id: {"fulfilled_by": f.fulfilled_by, "match_reason": f.match_reason} for f in rows}
    link.set_columns(conn, fu, want, cur)


# --------------------------------------------------------------------------- numbering

#: the tables numbered by key, and the columns of other tables that name their ids
NUMBERED = {
    "persons": (
        ("participants", "person_id"),
        ("event_persons", "person_id"),
        ("person_names", "person_id"),
        ("person_offices", "person_id"),
    ),
    "tracks": (("track_members", "track_id"),),
}


def last_ids(engine: Engine) -> dict[str, int]:
    """The highest id of each table :data:`NUMBERED`, before an ingest."""
    with db.read_tx(engine) as conn:
        return {
            name: conn.execute(sa.select(sa.func.max(getattr(t, name).c.id))).scalar() or 0
            for name in NUMBERED
        }


def _move(conn: Connection, name: str, moves: dict[int, int], keys: dict[int, str]) -> None:
    """Give the rows ``moves`` names (old id -> new id) their new ids, with ``keys``
    (new id -> key), and every row naming them the new id."""
    table = getattr(t, name)
    rows = link.in_chunks(conn, sa.select(table), table.c.id, moves, mappings=True)
    conn.execute(
        table.insert(), [{**r, "id": moves[r["id"]], "key": keys[moves[r["id"]]]} for r in rows]
    )
    for ref_name, col in NUMBERED[name]:
        ref = getattr(t, ref_name)
        conn.execute(
            ref.update()
            .where(ref.c[col] == sa.bindparam("k_old"))
            .values({col: sa.bindparam("v_new")}),
            [{"k_old": o, "v_new": n} for o, n in moves.items()],
        )
    for i in range(0, len(moves), dating.SQL_IN_CHUNK):
        conn.execute(
            table.delete().where(table.c.id.in_(sorted(moves)[i : i + dating.SQL_IN_CHUNK]))
        )


def renumber(engine: Engine, before: dict[str, int]) -> None:
    """Number the persons and tracks an ingest created as one relink at its end would
    (after the ids there were before it, in key order), so that the ids do not depend
    on how the ingest was cut into batches."""
    with db.write_tx(engine) as conn:
        for name, base in before.items():
            table = getattr(t, name)
            rows = conn.execute(
                sa.select(table.c.id, table.c.key).where(table.c.id > base).order_by(table.c.key)
            ).all()
            moves = {r.id: base + i for i, r in enumerate(rows, start=1) if r.id != base + i}
            if not moves:
                continue
            key_of = {r.id: r.key for r in rows}
            top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar_one()
            temp = {o: top + i for i, o in enumerate(sorted(moves), start=1)}
            # through ids no row has, under keys no row has (both are unique)
            _move(conn, name, temp, {temp[o]: f"{key_of[o]} (renumbering)" for o in moves})
            _move(
                conn,
                name,
                {temp[o]: n for o, n in moves.items()},
                {n: key_of[o] for o, n in moves.items()},
            )
