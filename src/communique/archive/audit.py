"""Ordinal audit: every count a readout states about itself, checked against the archive.

For each stated ordinal of an event (``number``, ``scope``):

* ``total``: earlier events between the same principals (every person of the stating
  account, or its two countries when fewer than two persons are known);
* ``year``: the same, in the same calendar year;
* ``series`` (and rounds): earlier members of the same track.

The archive agrees when it holds exactly ``number - 1`` earlier events. Otherwise the
gaps are named: earlier events that state their own number anchor the chain, and each
stretch between anchors whose numbers are not all accounted for is reported as missing
numbers with the dates they must fall between.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t


@dataclass
class _Ev:
    id: int
    date: dt.date | None
    persons: frozenset[int]
    countries: frozenset[str]


def principals_of(
    engagement_id: int, acct_persons: dict[int, set], acct_countries: dict[int, set]
) -> tuple[str, frozenset] | None:
    """Whose count a stated ordinal is: the people of the account when two or more are
    known, else its countries; None when neither gives two."""
    who = acct_persons.get(engagement_id, set())
    if len(who) >= 2:
        return ("persons", frozenset(who))
    cs = acct_countries.get(engagement_id, set())
    if len(cs) < 2:
        return None
    return ("countries", frozenset(cs))


def _load(conn: Connection):  # noqa: ANN202
    evs = {
        r.id: r
        for r in conn.execute(sa.select(t.events.c.id, t.events.c.date, t.events.c.name)).all()
    }
    persons: dict[int, set[int]] = {}
    for r in conn.execute(sa.select(t.event_persons.c.event_id, t.event_persons.c.person_id)):
        persons.setdefault(r.event_id, set()).add(r.person_id)
    countries: dict[int, set[str]] = {}
    for r in conn.execute(sa.select(t.event_countries.c.event_id, t.event_countries.c.country)):
        countries.setdefault(r.event_id, set()).add(r.country)
    return evs, persons, countries


def audit(conn: Connection) -> list[dict]:
    e, o, p = t.engagements, t.ordinals, t.participants
    evs, persons, countries = _load(conn)
    names = dict(conn.execute(sa.select(t.persons.c.id, t.persons.c.name)).all())
    # who the stating account names (its own participants)
    acct_persons: dict[int, set[int]] = {}
    acct_countries: dict[int, set[str]] = {}
    for r in conn.execute(sa.select(p.c.engagement_id, p.c.person_id, p.c.country)):
        if r.person_id is not None:
            acct_persons.setdefault(r.engagement_id, set()).add(r.person_id)
        if r.country:
            acct_countries.setdefault(r.engagement_id, set()).add(r.country)
    stated = conn.execute(
        sa.select(o.c.engagement_id, o.c.number, o.c.scope, o.c.text, e.c.event_id, e.c.document_id)
        .join(e, e.c.id == o.c.engagement_id)
        .order_by(e.c.event_id, o.c.scope, o.c.number, o.c.engagement_id)
    ).all()
    # the stated numbers of every event, for anchoring chains
    claims: dict[tuple[int, str], set[int]] = {}
    for s in stated:
        claims.setdefault((s.event_id, s.scope), set()).add(s.number)
    track_of: dict[int, list[tuple[int, str, int | None]]] = {}
    track_rows = conn.execute(
        sa.select(
            t.track_members.c.track_id,
            t.track_members.c.event_id,
            t.track_members.c.number,
            t.tracks.c.name,
            t.tracks.c.kind,
        ).join(t.tracks, t.tracks.c.id == t.track_members.c.track_id)
    ).all()
    members: dict[int, list] = {}
    for r in track_rows:
        track_of.setdefault(r.event_id, []).append((r.track_id, r.name, r.number))
        members.setdefault(r.track_id, []).append(r)
    out, done = [], set()
    for s in stated:
        ev = evs.get(s.event_id)
        if ev is None or ev.date is None:
            continue
        if s.scope == "series":
            key = ("series", s.event_id, s.number)
            if key in done:
                continue
            done.add(key)
            for track_id, tname, num in track_of.get(s.event_id, []):
                if num != s.number:
                    continue
                chain = [
                    (evs[m.event_id].date, m.event_id, m.number)
                    for m in members[track_id]
                    if m.event_id != s.event_id
                    and evs[m.event_id].date
                    and evs[m.event_id].date < ev.date
                ]
                out.append(_finding(s, ev, chain, f"series: {tname}", [], names))
            continue
        principals = principals_of(s.engagement_id, acct_persons, acct_countries)
        if principals is None:
            continue
        key = (s.scope, s.event_id, s.number, principals)
        if key in done:
            continue
        done.add(key)
        chain = []
        for oid, other in evs.items():
            if oid == s.event_id or other.date is None or other.date >= ev.date:
                continue
            if s.scope == "year" and other.date.year != ev.date.year:
                continue
            have = (
                persons.get(oid, set()) if principals[0] == "persons" else countries.get(oid, set())
            )
            if principals[1] <= have:
                nums = claims.get((oid, s.scope), set())
                chain.append((other.date, oid, min(nums) if len(nums) == 1 else None))
        label = (
            " and ".join(sorted(names.get(x) or str(x) for x in principals[1]))
            if principals[0] == "persons"
            else "-".join(sorted(principals[1]))
        )
        out.append(_finding(s, ev, chain, f"{s.scope}: {label}", sorted(principals[1]), names))
    return out


def _finding(s, ev, chain, between: str, principals: list, names: dict) -> dict:  # noqa: ANN001
    chain = sorted(chain)
    found = len(chain)
    status = "agrees" if found == s.number - 1 else ("missing" if found < s.number - 1 else "more")
    missing = []
    prev_num, prev_date, pending = 0, None, 0
    for date, _eid, num in [*chain, (ev.date, ev.id, s.number)]:
        if num is None or num <= prev_num:
            pending += 1
            continue
        gap = num - prev_num - 1 - pending
        if gap > 0:
            missing.append(
                {
                    "count": gap,
                    "numbers": list(range(prev_num + 1, num)) if pending == 0 else None,
                    "among": [prev_num + 1, num - 1],
                    "after": prev_date.isoformat() if prev_date else None,
                    "before": date.isoformat(),
                }
            )
        prev_num, prev_date, pending = num, date, 0
    return {
        "event_id": ev.id,
        "date": ev.date.isoformat(),
        "name": ev.name,
        "scope": s.scope,
        "stated": s.number,
        "text": s.text,
        "document_id": s.document_id,
        "between": between,
        "principals": principals,
        "earlier_in_archive": found,
        "earlier_events": [eid for _d, eid, _n in chain],
        "status": status,
        "missing": missing,
    }
