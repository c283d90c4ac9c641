"""The reader's pages as plain data: one method of :class:`Reader` per page, each reading
the archive through the one read layer (:mod:`communique.archive.read`) in one
transaction. The routes (:mod:`communique.web.routes`) render the data as HTML, return it
as JSON or write one of its lists as CSV.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from communique.archive import schema as t
from communique.archive.read import audit as ordinal_audit
from communique.archive.read import (
    describe,
    filters,
    followups,
    levels,
    order,
    overview,
    pairs,
    persons,
)
from communique.archive.read import documents as stored
from communique.archive.read import search as fulltext
from communique.formats import citation, ics
from communique.gazetteer import countries, organization_names
from communique.web import render

PAGE = 50  # engagements per page of a list
CACHE_ENTRIES = 512  # derived values kept per archive version (pairs' aggregates)
#: searches whose matching documents are kept for counting (30,000 ids are ~1 MB)
TEXT_SETS = 64
DOCS_SHOWN = 20  # matching documents listed beside a search's engagements
MAX_CITATIONS = 5000  # documents one citation export covers (a bibliography, not a dump)
AUDIT_LATEST = 20  # events whose stated counts a relations page audits (all with ?full=1)


@dataclass(frozen=True)
class SearchQuery:
    """The search page's filters as its query string gives them (names not resolved):
    what ``/search`` lists and ``/citations`` cites."""

    q: str | None = None
    country: list[str] = field(default_factory=list)
    person: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    mode: str | None = None
    level: str | None = None


class Reader:
    """The pages' data, read from one archive."""

    def __init__(self, archive) -> None:  # noqa: ANN001
        self.archive = archive
        self._cache: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()
        self.country_names = {k: c.name for k, c in countries().items()}
        # international organisations are actors too (JPN-EU), by their codes
        self.org_codes = frozenset(organization_names())
        for code, name in organization_names().items():
            self.country_names.setdefault(code, name)

    def read(self):  # noqa: ANN201
        return self.archive.reading()

    def cached(self, key: str, conn, build: Callable[[], Any]) -> Any:  # noqa: ANN001
        """A value derived from the whole archive, rebuilt when its data version changes."""
        version = overview.data_version(conn)
        hit = self._cache.get(key)
        if hit and hit[0] == version:
            return hit[1]
        value = build()
        with self._lock:
            self._cache.pop(key, None)
            self._cache[key] = (version, value)
            while len(self._cache) > CACHE_ENTRIES:  # oldest first out
                self._cache.pop(next(iter(self._cache)))
            texts = [k for k in self._cache if k.startswith("text:")]  # the largest values
            for k in texts[: max(0, len(texts) - TEXT_SETS)]:
                self._cache.pop(k)
        return value

    def cname(self, code: str | None) -> str:
        return self.country_names.get(code or "", code or "?")

    def describe(self, conn, ids: list[int]) -> list[dict]:  # noqa: ANN001
        return levels.with_levels(conn, self.archive.describe(conn, ids))

    # -- pages

    def home(self, as_of: dt.date) -> dict:
        with self.read() as conn:
            latest = self.describe(conn, order.page_ids(conn, None, limit=20)[0])
            top = self.cached("pairs", conn, lambda: pairs.top_pairs(conn))
            counts = self.cached("counts", conn, lambda: overview.counts(conn))
            upcoming = followups.follow_ups(
                conn, as_of=as_of, status="open", when="upcoming", limit=50
            )
            overdue = followups.follow_ups(
                conn, as_of=as_of, status="open", when="overdue", limit=50
            )
            undated = followups.follow_ups(
                conn, as_of=as_of, status="open", when="undated", newest_first=True, limit=20
            )
        return {
            "as_of": as_of.isoformat(),
            "counts": counts,
            "latest": latest,
            "upcoming": upcoming,
            "overdue": overdue,
            "undated_open": undated,
            "pairs": [self._pair(p) for p in top[:12]],
        }

    def _pair(self, p: dict) -> dict:
        return {**p, "a_name": self.cname(p["a"]), "b_name": self.cname(p["b"])}

    def relations_index(self) -> dict:
        with self.read() as conn:
            top = self.cached("pairs", conn, lambda: pairs.top_pairs(conn))
        return {"pairs": [self._pair(p) for p in top]}

    def parse_pair(self, pair: str) -> tuple[str, str]:
        parts = pair.upper().split("-")
        if (
            len(parts) != 2
            or not all(pairs.ISO3_RE.match(x) or x in self.org_codes for x in parts)
            or parts[0] == parts[1]
        ):
            raise HTTPException(
                404,
                f"not a pair of countries: {pair!r} (use two ISO 3166 codes, as JPN-RUS, "
                "or an organisation's code, as JPN-EU)",
            )
        return parts[0], parts[1]

    def relations(self, pair: str, page: int, as_of: dt.date, full: bool = False) -> dict:
        a, b = self.parse_pair(pair)
        with self.read() as conn:
            sizes = self.cached("country_sizes", conn, lambda: pairs.country_sizes(conn))
            # the pair's events (id, date), newest first: looked up once, then reused
            evs = self.cached(
                f"pairids:{a}-{b}", conn, lambda: pairs.pair_events(conn, a, b, sizes)
            )
            sel = pairs.id_selection(conn, [i for i, _d in evs], pairs.pair_selection(a, b))
            # the pair's analyses change only when the archive does: kept per data version
            years, modes, tracks, audit = self.cached(
                f"pair:{a}-{b}:{full}",
                conn,
                lambda: (
                    overview.year_level_counts_of(conn, evs, sel),
                    overview.year_mode_counts_of(conn, evs),
                    overview.tracks_of(conn, sel),
                    ordinal_audit.audit(conn, sel, latest=None if full else AUDIT_LATEST),
                ),
            )
            start = (page - 1) * PAGE
            ids, more = [i for i, _d in evs[start : start + PAGE]], len(evs) > start + PAGE
            engs = self.describe(conn, ids)
            fus = followups.follow_ups(
                conn,
                as_of=as_of,
                status="open",
                event_ids=sel,
                newest_first=True,
                limit=None if full else 50,
            )
            # the documents of the engagements on this page (all of them with ?full=1)
            docs = stored.documents_of(conn, sel if full else ids, limit=None)
        if not years and a not in self.country_names and b not in self.country_names:
            raise HTTPException(404, f"unknown countries: {a}, {b}")
        return {
            "a": {"code": a, "name": self.cname(a)},
            "b": {"code": b, "name": self.cname(b)},
            "total": sum(y["total"] for y in years),
            "years": years,
            "modes": modes,
            "page": page,
            "next_page": page + 1 if more else None,
            "complete": full,
            "engagements": engs,
            "tracks": tracks,
            "audit": audit,
            "follow_ups": fus,
            "documents": docs,
        }

    def engagement(self, event_id: int, as_of: dt.date) -> dict:
        with self.read() as conn:
            rows = self.describe(conn, [event_id])
            if not rows:
                raise HTTPException(404, f"no engagement {event_id}")
            accounts = stored.accounts_of(conn, event_id)
            promised = followups.follow_ups(
                conn, status="all", as_of=as_of, event_ids=[event_id], newest_first=True
            )
            fulfils = followups.fulfilled_by_event(conn, event_id, as_of)
            cites = citation.documents(conn, [a["document_id"] for a in accounts])
        views = [render.account_fields(i + 1, a) for i, a in enumerate(accounts)]
        render.compare(views)
        missing = render.missing_here(views)
        out_accounts = []
        for i, (a, fields) in enumerate(zip(accounts, views, strict=True)):
            out_accounts.append(
                {
                    "n": i + 1,
                    "engagement_id": a["engagement_id"],
                    "document_id": a["document_id"],
                    "source": a["source"],
                    "title": a["title"],
                    "published": a["published"],
                    "publisher": a["publisher"],
                    "url": a["url"],
                    "retrieved": a["retrieved"],
                    "citation": a["citation"],
                    "fields": [
                        {
                            k: f[k]
                            for k in ("key", "field", "group", "label", "value", "span", "mark")
                        }
                        for f in fields
                    ],
                    "not_reported": missing[i],
                    "text": a["text"],
                }
            )
        return {
            "engagement": rows[0],
            "accounts": out_accounts,
            "follow_ups": promised,
            "fulfils": fulfils,
            "citations": [citation.ready(c) for c in cites],
        }

    def person(self, pid: int, page: int) -> dict:
        with self.read() as conn:
            p = describe.person_row(conn, pid)
            if p is None:
                raise HTTPException(404, f"no person {pid}")
            cps = persons.counterparts(conn, pid)
            ids, more = order.page_ids(
                conn, persons.person_event_ids(pid), limit=PAGE, offset=(page - 1) * PAGE
            )
            engs = self.describe(conn, ids)
            meetings = persons.person_meetings(conn, pid, p.get("country"))
            key = conn.execute(sa.select(t.persons.c.key).where(t.persons.c.id == pid)).scalar_one()
        # the analysts' merges and splits that made this person (people merge/split)
        overrides = [
            o
            for o in self.archive.person_overrides()
            if key in (o["keys"] or []) or key == f"{(o['keys'] or [''])[0]}#{o['id']}"
        ]
        return {
            "person": p,
            "meetings": meetings,
            "counterparts": cps,
            "offices": p["offices"],
            "overrides": overrides,
            "engagements": engs,
            "page": page,
            "next_page": page + 1 if more else None,
        }

    def network(self, code: str, since: dt.date | None, until: dt.date | None) -> dict:
        code = code.upper()
        if not pairs.ISO3_RE.match(code):
            raise HTTPException(404, f"not a country code: {code!r} (use ISO 3166, as JPN)")
        if since and until and since > until:
            raise HTTPException(400, f"since {since} is after until {until}")
        with self.read() as conn:
            nodes = overview.country_counterparts(conn, code, since, until)
            span = overview.date_span(conn)
        if not nodes and code not in self.country_names:
            raise HTTPException(404, f"unknown country: {code}")
        return {
            "country": {"code": code, "name": self.cname(code)},
            "since": since.isoformat() if since else "",
            "until": until.isoformat() if until else "",
            "archive_first": span[0],
            "archive_last": span[1],
            "engagements": sum(n["engagements"] for n in nodes),
            "counterparts": [{**n, "name": self.cname(n["code"])} for n in nodes],
        }

    def people(self, name: str | None) -> dict:
        with self.read() as conn:
            return {"name": name, "people": persons.people(conn, name=name)}

    def search(self, query: SearchQuery, page: int) -> dict:
        f = self.search_filters(query)
        sq, codes = f.text, list(f.countries)
        person_ids = list(f.persons[0]) if f.persons else None
        with self.read() as conn:
            facets = self.cached(
                "facets",
                conn,
                lambda: filters.Facets(conn),
            )
            doc_ids, text_events = [], None
            if sq is not None:
                doc_ids, text_events = self.cached(
                    "text:" + sq.fts5(),
                    conn,
                    lambda: (ds := fulltext.text_document_ids(conn, sq), facets.events_of(ds)),
                )
            # every filter is a set of event ids kept per archive version: their
            # intersection is the whole answer, counted and paged newest first in memory
            matches = facets.matching(
                f,
                text_events=text_events,
                country_sets=[
                    self.cached("country:" + c, conn, lambda c=c: filters.country_events(conn, c))
                    for c in codes
                ],
                person_sets=[filters.person_events(conn, ids) for ids in f.persons],
            )
            total = len(matches)
            ids, more = facets.page(matches, (page - 1) * PAGE, PAGE)
            engs = self.describe(conn, ids)
            docs: list[dict] = []
            if sq is not None:
                docs = self._snippets(conn, sq, engs, doc_ids, page == 1)
            options = self.cached(
                "countries",
                conn,
                lambda: sorted(
                    {c for p in pairs.top_pairs(conn, 100000) for c in (p["a"], p["b"])}
                ),
            )
            persons = []
            if person_ids:
                persons = [
                    {"person_id": i, "name": (describe.person_row(conn, i) or {}).get("name")}
                    for i in person_ids[:20]
                ]
        return {
            "query": {
                "q": query.q or "",
                "parsed": sq.text() if sq else "",
                "country": codes,
                "person": query.person or "",
                "since": query.since.isoformat() if query.since else "",
                "until": query.until.isoformat() if query.until else "",
                "mode": query.mode or "",
                "level": levels.name(f.level) or "",
            },
            "total": total,
            "engagements": engs,
            "documents_total": len(doc_ids) if sq is not None else None,
            "documents": docs,
            "persons": persons,
            "page": page,
            "next_page": page + 1 if more else None,
            "country_options": [{"code": c, "name": self.cname(c)} for c in options],
        }

    def _snippets(  # noqa: ANN001
        self, conn, sq, engs: list[dict], doc_ids: list[int], first_page: bool
    ) -> list[dict]:
        """Each engagement's snippet (from its first matching document of ``doc_ids``),
        and on the first page the latest matching documents with theirs: one call of the
        engine's snippet function."""
        latest = doc_ids[:DOCS_SHOWN] if first_page else []
        ev_docs = fulltext.event_documents(conn, [e["id"] for e in engs])
        matching = set(doc_ids)
        first = {i: next((d for d in ds if d in matching), None) for i, ds in ev_docs.items()}
        wanted = sorted({d for d in first.values() if d is not None} | set(latest))
        snips = fulltext.snippets(conn, sq, wanted)
        for e in engs:
            d = first.get(e["id"])
            e["snippet"] = {"document_id": d, **snips[d]} if d in snips else None
        docs = stored.documents_by_id(conn, latest)
        for doc in docs:
            doc["snippet"] = snips.get(doc["document_id"])
        return docs

    def document(self, doc_id: int) -> dict:
        with self.read() as conn:
            d = stored.document(conn, doc_id)
            if d is None:
                raise HTTPException(404, f"no document {doc_id}")
            d["citations"] = [citation.ready(c) for c in citation.documents(conn, [doc_id])]
        return d

    def search_filters(self, query: SearchQuery) -> filters.Filters:
        """The search page's filters (as its query string gives them) with names
        resolved: a bad text query is a 400."""
        q, person = query.q, query.person
        sq = None
        if q and q.strip():
            try:
                sq = fulltext.parse(q)
            except fulltext.SearchError as e:
                raise HTTPException(400, e.message) from None
        return filters.Filters(
            countries=tuple(c.strip().upper() for c in query.country if c and c.strip()),
            persons=(tuple(self.archive.find_persons(person)),)
            if person and person.strip()
            else (),
            since=query.since,
            until=query.until,
            text=sq,
            mode=query.mode or None,
            level=levels.parse(query.level),
        )

    def _search_where(self, conn, query: SearchQuery) -> sa.Select:  # noqa: ANN001
        """The selection of events a search with these filters matches (all pages)."""
        return filters.event_ids(conn, self.search_filters(query), walk_dates=True)

    def citations(
        self, events: list[int], documents: list[int], search: SearchQuery | None
    ) -> list[dict]:
        """Citations of the chosen documents, of the chosen engagements' documents, and
        of the documents of every engagement a search selects (its filters as the search
        page takes them)."""
        with self.read() as conn:
            event_ids = list(events)
            if search is not None:
                where = self._search_where(conn, search)
                event_ids += list(conn.execute(where.order_by(None)).scalars())
            docs = list(documents)
            if event_ids:
                docs += stored.documents_of_events(conn, event_ids)
            docs = list(dict.fromkeys(docs))[:MAX_CITATIONS]
            if not docs:
                raise HTTPException(
                    400, "no documents selected: give event=, document= or search filters"
                )
            return citation.documents(conn, docs)

    def upcoming(self, as_of: dt.date, status: str, pair: str | None) -> dict:
        """Follow-ups whose day or month is not over by ``as_of`` (of one pair of
        countries with ``pair``), soonest first, with a note when there are none."""
        with self.read() as conn:
            sel = None
            if pair:
                a, b = self.parse_pair(pair)
                sel = pairs.pair_selection(a, b)
            fus = followups.follow_ups(
                conn, status=status, as_of=as_of, event_ids=sel, newest_first=True
            )
        items = []
        latest = None
        for f in fus:
            when = ics.follow_up_dates(f)
            if when is None:
                continue
            latest = max(latest or when[0], when[0])
            if when[1] > as_of:
                items.append({**f, "start": when[0].isoformat(), "approximate": when[2]})
        items.sort(key=lambda f: (f["start"], f["id"]))
        scope = f" between {pair.upper()}" if pair else ""
        kind = "open follow-ups" if status == "open" else "follow-ups"
        if items:
            note = f"{len(items)} {kind}{scope} on or after {as_of.isoformat()}."
        elif latest:
            note = (
                f"Nothing upcoming: no {kind}{scope} on or after {as_of.isoformat()}; "
                f"the latest promised meeting was dated {latest.isoformat()}."
            )
        else:
            note = f"Nothing upcoming: no dated {kind}{scope} in this archive."
        return {
            "as_of": as_of.isoformat(),
            "status": status,
            "pair": pair.upper() if pair else "",
            "note": note,
            "follow_ups": items,
        }

    def calendar(self, as_of: dt.date, status: str, base_url: str, pair: str | None) -> str:
        data = self.upcoming(as_of, status, pair)
        events = [e for f in data["follow_ups"] if (e := ics.follow_up_event(f, base_url=base_url))]
        events.sort(key=lambda e: (e["start"], e["uid"]))
        name = "communique follow-ups" + (f" {data['pair']}" if pair else "")
        return ics.calendar(events, name=name, note=data["note"])
