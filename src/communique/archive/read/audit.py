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

:func:`audit` audits the counts stated by any selection of events (every event: the
whole archive, ``communique query --audit``; a pair's: its relations page), looking up
only the events each stated number's principals share.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive.read.pairs import id_selection


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


def audit(
    conn: Connection, ids: sa.Select | None = None, *, latest: int | None = None
) -> list[dict]:
    """The findings for the counts stated by the events ``ids`` (every event: None),
    oldest first; ``latest``: only the counts stated by that many most recent stating
    events, newest first."""
    return _Audit(conn).run(ids, latest)


class _Audit:
    """One audit's lookups, each made once: events, principals' shared events, claims."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.events: dict[int, sa.Row] = {}
        self.names: dict[int, str] = {}
        self.chains: dict[tuple, list[tuple[dt.date, int]]] = {}
        self.claims: dict[int, dict[str, set[int]]] = {}
        self.tracks: tuple[dict, dict] | None = None
        self.series: dict[int, list[tuple[dt.date, int, int | None]]] = {}

    def run(self, ids: sa.Select | None, latest: int | None) -> list[dict]:
        stated = self._stated(ids, latest)
        if not stated:
            return []
        self._load_events({s.event_id for s in stated})
        persons, countries = self._principals({s.engagement_id for s in stated})
        out, done = [], set()
        for s in stated:
            evr = self.events.get(s.event_id)
            if evr is None or evr.date is None:
                continue
            if s.scope == "series":
                key = ("series", s.event_id, s.number)
                if key not in done:
                    done.add(key)
                    out += self._series(s, evr, stated)
                continue
            principals = principals_of(s.engagement_id, persons, countries)
            if principals is None:
                continue
            key = (s.scope, s.event_id, s.number, principals)
            if key not in done:
                done.add(key)
                out.append(self._count(s, evr, principals))
        out.sort(key=lambda f: (f["date"], f["event_id"]), reverse=latest is not None)
        return out

    def _stated(self, ids: sa.Select | None, latest: int | None) -> list[sa.Row]:
        e, o, ev = t.engagements, t.ordinals, t.events
        stating = sa.select(e.c.event_id).join(o, o.c.engagement_id == e.c.id)
        if ids is not None:
            stating = stating.where(e.c.event_id.in_(ids))
        if latest is not None:
            stating = (
                sa.select(ev.c.id)
                .where(ev.c.id.in_(stating), ev.c.date.is_not(None))
                .order_by(ev.c.date.desc(), ev.c.id.desc())
                .limit(latest)
            )
        q = sa.select(
            o.c.engagement_id, o.c.number, o.c.scope, o.c.text, e.c.event_id, e.c.document_id
        ).join(e, e.c.id == o.c.engagement_id)
        if ids is not None or latest is not None:
            q = q.where(e.c.event_id.in_(stating))
        return self.conn.execute(
            q.order_by(e.c.event_id, o.c.scope, o.c.number, o.c.engagement_id)
        ).all()

    def _load_events(self, ids) -> None:  # noqa: ANN001
        ev = t.events
        need = [i for i in ids if i not in self.events]
        for i in range(0, len(need), 900):
            for r in self.conn.execute(
                sa.select(ev.c.id, ev.c.date, ev.c.name).where(ev.c.id.in_(need[i : i + 900]))
            ):
                self.events[r.id] = r

    def _principals(self, engagement_ids: set[int]) -> tuple[dict, dict]:
        """Who each stating account names (its own participants)."""
        p = t.participants
        persons: dict[int, set[int]] = defaultdict(set)
        countries: dict[int, set[str]] = defaultdict(set)
        ids = sorted(engagement_ids)
        for k in range(0, len(ids), 900):
            for r in self.conn.execute(
                sa.select(p.c.engagement_id, p.c.person_id, p.c.country).where(
                    p.c.engagement_id.in_(ids[k : k + 900])
                )
            ):
                if r.person_id is not None:
                    persons[r.engagement_id].add(r.person_id)
                if r.country:
                    countries[r.engagement_id].add(r.country)
        return persons, countries

    def _series(self, s, evr, stated) -> list[dict]:  # noqa: ANN001
        """Findings of a stated series number: one per track of the event so numbered."""
        if self.tracks is None:
            self.tracks = _track_rows(
                self.conn, {x.event_id for x in stated if x.scope == "series"}
            )
        track_of, members = self.tracks
        out = []
        for track_id, tname, num in track_of.get(s.event_id, []):
            if num != s.number:
                continue
            if track_id not in self.series:
                mem = members[track_id]
                self._load_events({m[0] for m in mem})
                self.series[track_id] = sorted(
                    (self.events[m_ev].date, m_ev, m_num)
                    for m_ev, m_num in mem
                    if self.events[m_ev].date is not None
                )
            ms = self.series[track_id]
            upto = bisect.bisect_left(ms, (evr.date,), key=lambda m: (m[0],))
            chain = [m for m in ms[:upto] if m[1] != s.event_id]
            out.append(finding(s, evr, chain, f"series: {tname}", []))
        return out

    def _count(self, s, evr, principals: tuple[str, frozenset]) -> dict:  # noqa: ANN001
        """The finding of a stated total or yearly count between ``principals``."""
        held = self._holders(*principals)
        upto = bisect.bisect_left(held, (evr.date,), key=lambda h: (h[0],))
        cands = [
            (d, oid)
            for d, oid in held[:upto]
            if oid != s.event_id and (s.scope != "year" or d.year == evr.date.year)
        ]
        self._load_claims([oid for _d, oid in cands])
        chain = []
        for d, oid in cands:
            nums = self.claims[oid].get(s.scope, set())
            chain.append((d, oid, min(nums) if len(nums) == 1 else None))
        if principals[0] == "persons":
            self._load_names(principals[1])
            label = " and ".join(sorted(self.names.get(x) or str(x) for x in principals[1]))
        else:
            label = "-".join(sorted(principals[1]))
        return finding(s, evr, chain, f"{s.scope}: {label}", sorted(principals[1]))

    def _holders(self, kind: str, members: frozenset) -> list[tuple[dt.date, int]]:
        """Dated events holding every principal, oldest first (one self-join per member)."""
        key = (kind, members)
        if key in self.chains:
            return self.chains[key]
        ev = t.events
        tab, col = (
            (t.event_persons, "person_id") if kind == "persons" else (t.event_countries, "country")
        )
        first, *rest = sorted(members)
        base = tab.alias("m0")
        q = sa.select(base.c.event_id)
        for i, m in enumerate(rest, start=1):
            other = tab.alias(f"m{i}")
            q = q.join(other, sa.and_(other.c.event_id == base.c.event_id, other.c[col] == m))
        q = q.where(base.c[col] == first)
        # the members' events from their indexes alone first, then the dates of those
        # only (joined in one query, every event of the first member is read); on SQLite
        # dates read as their ISO text, parsed by ``date.fromisoformat`` (faster)
        day = ev.c.date
        if self.sqlite:
            q = id_selection(self.conn, list(self.conn.execute(q).scalars()), q)
            day = sa.type_coerce(ev.c.date, sa.String)
        rows = self.conn.execute(
            sa.select(ev.c.id, day).where(ev.c.id.in_(q), ev.c.date.is_not(None))
        )
        self.chains[key] = sorted(
            (dt.date.fromisoformat(d) if isinstance(d, str) else d, i) for i, d in rows
        )
        return self.chains[key]

    def _load_claims(self, ids: list[int]) -> None:
        """The numbers each event states, by scope (anchors of a chain)."""
        e, o = t.engagements, t.ordinals
        need = [i for i in ids if i not in self.claims]
        for i in need:
            self.claims[i] = {}
        for i in range(0, len(need), 900):
            for r in self.conn.execute(
                sa.select(e.c.event_id, o.c.scope, o.c.number)
                .join(e, e.c.id == o.c.engagement_id)
                .where(e.c.event_id.in_(need[i : i + 900]))
            ):
                self.claims[r.event_id].setdefault(r.scope, set()).add(r.number)

    def _load_names(self, ids) -> None:  # noqa: ANN001
        missing = [x for x in ids if x not in self.names]
        if missing:
            ps = t.persons
            self.names.update(
                self.conn.execute(sa.select(ps.c.id, ps.c.name).where(ps.c.id.in_(missing))).all()
            )


def _track_rows(conn: Connection, event_ids: set[int]) -> tuple[dict, dict]:
    """The tracks of ``event_ids`` (id, name, the event's number) and every member of
    those tracks (event, number)."""
    tm, tr = t.track_members, t.tracks
    track_of: dict[int, list] = defaultdict(list)
    ids = sorted(event_ids)
    rows = []
    for k in range(0, len(ids), 900):
        rows += conn.execute(
            sa.select(tm.c.track_id, tm.c.event_id, tm.c.number, tr.c.name)
            .join(tr, tr.c.id == tm.c.track_id)
            .where(tm.c.event_id.in_(ids[k : k + 900]))
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


def finding(s, ev, chain, between: str, principals: list) -> dict:  # noqa: ANN001
    """One finding: the stated number ``s`` of event ``ev`` against the earlier events
    ``chain`` ((date, event id, the number it states or None), any order)."""
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
