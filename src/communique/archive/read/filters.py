"""Every filter on events, built once: a pair of countries, countries, people, a period,
a track, full text, a mode and a level (:class:`Filters`).

:func:`event_ids` turns them into one selection of event ids in the database (the
command line, the Python API, the exports, the reader's citations of a search);
:class:`Facets` evaluates the same filters in memory over sets of ids kept per archive
version (the reader's search page, which counts and pages every request). Names are
resolved before (people's ids by ``Archive.find_persons``, text by :func:`search.parse`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive import tracks
from communique.archive.read import levels, order, pairs, search

#: above this many matching documents (SQLite), a search tests each event against the
#: full-text index instead of gathering every match into a set first
FTS_SET_MAX = 2000


@dataclass(frozen=True)
class Filters:
    """What selects events; every filter given must hold (none: every event)."""

    #: two actor codes: events of both (joined from the rarer side)
    pair: tuple[str, str] | None = None
    #: actor codes: events of each
    countries: tuple[str, ...] = ()
    #: groups of person ids: for each group, events of one of its people
    persons: tuple[tuple[int, ...], ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    #: a track's name, or part of it (case-insensitive)
    track: str | None = None
    text: search.SearchQuery | None = None
    mode: str | None = None
    #: :data:`levels.LEADER`, ``MINISTER`` or ``OFFICIAL``: the events' highest level
    level: int | None = None

    def any(self) -> bool:
        return any(getattr(self, f) not in (None, ()) for f in self.__dataclass_fields__)


def track_where(track: str) -> sa.ColumnElement:
    """Tracks whose key or name holds ``track``."""
    tr = t.tracks
    key = f"%{tracks.norm(track)}%"
    return sa.or_(tr.c.key.like(key), sa.func.lower(tr.c.name).like(f"%{track.lower()}%"))


def event_ids(
    conn: Connection,
    f: Filters,
    *,
    walk_dates: bool = False,
    matches: int | None = None,
) -> sa.Select:
    """The ids of the events ``f`` selects, unordered (order them with
    :mod:`~communique.archive.read.order`). ``walk_dates``: the caller reads a page newest
    first, so SQLite walks the date index and tests each event (a common word's events
    are not gathered first); otherwise the matching ids are looked up. ``matches``: how
    many documents match the text, when known."""
    ev, ec, ep, e = t.events, t.event_countries, t.event_persons, t.engagements
    ident = order.SCAN_ID if walk_dates else ev.c.id
    sqlite = conn.dialect.name == "sqlite"
    if f.pair is not None:
        a, b = pairs.rarer_first(conn, *f.pair)
        q = pairs.pair_ids(a, b).order_by(None)
    else:
        q = sa.select(ev.c.id)
    text_cond = None
    if f.text is not None:
        if walk_dates and matches is None and sqlite:
            matches = search.count_documents(conn, f.text)
        if walk_dates and sqlite and (matches or 0) > FTS_SET_MAX:
            # a common word: every matching document is not gathered into a set; events
            # are walked newest first and each is asked whether a document of its
            # matches (the full-text index looked up by rowid), until a page is full
            g = e.alias("g")
            fts = sa.table("documents_fts", sa.column("rowid"))
            text_cond = sa.exists(
                sa.select(1)
                .select_from(g.join(fts, fts.c.rowid == g.c.document_id))
                .where(g.c.event_id == ev.c.id, search.match_clause(conn, f.text))
            )
        else:
            docs = search.document_ids(conn, f.text)
            q = q.where(ident.in_(sa.select(e.c.event_id).where(e.c.document_id.in_(docs))))
    for c in f.countries:
        q = q.where(ident.in_(sa.select(ec.c.event_id).where(ec.c.country == c)))
    for group in f.persons:
        q = q.where(ident.in_(sa.select(ep.c.event_id).where(ep.c.person_id.in_(group or (-1,)))))
    if f.since:
        q = q.where(ev.c.date >= f.since)
    if f.until:
        q = q.where(ev.c.date <= f.until)
    if f.track:
        tm, tr = t.track_members, t.tracks
        q = q.where(
            ev.c.id.in_(
                sa.select(tm.c.event_id)
                .join(tr, tr.c.id == tm.c.track_id)
                .where(track_where(f.track))
            )
        )
    if f.mode:
        q = q.where(ev.c.mode == f.mode)
    if f.level is not None:
        q = q.where(levels.level_filter(f.level))
    if text_cond is not None:  # last: the other filters, cheaper, are tested first
        q = q.where(text_cond)
    return q


class Facets:
    """Every event's date, mode, level and documents, read once per archive version, so
    that a search counts its matches under any filter with set operations in memory
    instead of a second scan of the database (the reader's search page). The sets of a
    country, a person and a text are read by :func:`country_events`,
    :func:`person_events` and :meth:`events_of`."""

    def __init__(self, conn: Connection) -> None:
        ev, e = t.events, t.engagements
        level: dict[int, int] = {}
        dated: list[tuple[dt.date, int]] = []
        by_mode: dict[str | None, set[int]] = defaultdict(set)
        by_level: dict[int, set[int]] = defaultdict(set)
        for i, d, m, lv in conn.execute(sa.select(ev.c.id, ev.c.date, ev.c.mode, ev.c.level)):
            level[i] = lv
            by_mode[m].add(i)
            by_level[lv].add(i)
            if d is not None:
                dated.append((dt.date.fromisoformat(d) if isinstance(d, str) else d, i))
        dated.sort()
        # every event's place in the reader's order, so a page of any selection is its
        # smallest ranks: a dict lookup per event
        self.rank = order.rank(dated, set(level) - {i for _d, i in dated})
        self.all = frozenset(level)
        self.dates = [d for d, _i in dated]
        self.dated_ids = [i for _d, i in dated]
        self.by_mode = {k: frozenset(v) for k, v in by_mode.items()}
        self.by_level = {k: frozenset(v) for k, v in by_level.items()}
        docs: dict[int, list[int]] = defaultdict(list)
        for d, i in conn.execute(
            sa.select(e.c.document_id, e.c.event_id).where(e.c.event_id.is_not(None)).distinct()
        ):
            docs[d].append(i)
        # most documents tell one event: those looked up in one dict at C speed
        self.doc_event = {d: v[0] for d, v in docs.items() if len(v) == 1}
        self.doc_events = {d: tuple(v) for d, v in docs.items() if len(v) > 1}

    def page(self, ids: frozenset[int] | set[int], start: int, size: int) -> tuple[list[int], bool]:
        """One page of ``ids`` newest first (:func:`order.newest_first`), and whether more
        follow."""
        top = heapq.nsmallest(start + size + 1, ids, key=self.rank.__getitem__)
        return top[start : start + size], len(top) > start + size

    def between(self, since: dt.date | None, until: dt.date | None) -> frozenset[int]:
        lo = bisect.bisect_left(self.dates, since) if since else 0
        hi = bisect.bisect_right(self.dates, until) if until else len(self.dates)
        return frozenset(self.dated_ids[lo:hi])

    def events_of(self, doc_ids: list[int]) -> frozenset[int]:
        """The events told by any of ``doc_ids``."""
        out = set(map(self.doc_event.get, doc_ids))
        out.discard(None)
        for d in self.doc_events.keys() & set(doc_ids):
            out.update(self.doc_events[d])
        return frozenset(out)

    def matching(
        self,
        f: Filters,
        *,
        text_events: frozenset[int] | None = None,
        country_sets: list[frozenset[int]] = (),  # type: ignore[assignment]
        person_sets: list[frozenset[int]] = (),  # type: ignore[assignment]
    ) -> frozenset[int] | set[int]:
        """The events ``f`` selects: the intersection of one set per filter, the sets of
        its text, countries and people given (read once per archive version by the
        caller), the others kept here. A pair or a track is not a search page's filter."""
        if f.pair is not None or f.track is not None:
            raise ValueError("a pair or a track is filtered in the database (event_ids)")
        sets: list[frozenset[int]] = []
        if f.text is not None:
            sets.append(text_events if text_events is not None else frozenset())
        sets.extend(country_sets)
        sets.extend(person_sets)
        if f.mode:
            sets.append(self.by_mode.get(f.mode, frozenset()))
        if f.level is not None:
            sets.append(self.by_level.get(f.level, frozenset()))
        if f.since or f.until:
            sets.append(self.between(f.since, f.until))
        if not sets:
            return self.all
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])


def country_events(conn: Connection, code: str) -> frozenset[int]:
    """The events of one country (a set for :meth:`Facets.matching`)."""
    ec = t.event_countries
    return frozenset(conn.execute(sa.select(ec.c.event_id).where(ec.c.country == code)).scalars())


def person_events(conn: Connection, person_ids: tuple[int, ...] | list[int]) -> frozenset[int]:
    """The events of any of ``person_ids`` (a set for :meth:`Facets.matching`)."""
    ep = t.event_persons
    q = sa.select(ep.c.event_id).where(ep.c.person_id.in_(list(person_ids) or [-1]))
    return frozenset(conn.execute(q).scalars())
