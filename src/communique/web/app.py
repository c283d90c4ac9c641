"""The web application: pages (Jinja templates), their JSON twins (``.json``), CSV
exports of their lists (``.csv``), an iCalendar feed and the admin's write routes.

Every page is built by one function returning plain data; the HTML route renders it,
the ``.json`` route returns it, the ``.csv`` route writes one of its lists (``?list=``).
Every response carries a Content-Security-Policy that allows no inline script or
style; templates are autoescaped. The server only reads unless it was started with an
admin token, and its write routes (``POST /api/ingest``, people merges and splits under
``/api/people/``) demand ``Authorization: Bearer TOKEN``.
"""

import datetime as dt
import hashlib
import hmac
import inspect
import io
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique import __version__
from communique.archive import search as fulltext
from communique.export import citation
from communique.web import charts, levels, queries, render

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
PAGE = 50  # engagements per page of a list
CACHE_ENTRIES = 512  # derived values kept per archive version (pairs' aggregates)
#: searches whose matching documents are kept for counting (30,000 ids are ~1 MB)
TEXT_SETS = 64
DOCS_SHOWN = 20  # matching documents listed beside a search's engagements
MAX_CITATIONS = 5000  # documents one citation export covers (a bibliography, not a dump)
AUDIT_LATEST = 20  # events whose stated counts a relations page audits (all with ?full=1)
MAX_INGEST_BYTES = 20 * 1024 * 1024
#: the longest source accepted with an ingested readout (the query parameter's limit)
MAX_SOURCE_CHARS = 2000
#: a merge or split request is a few ids and name forms: 64 KiB is far more than any
MAX_OVERRIDE_BYTES = 64 * 1024
#: country filters in one search (a pair needs two; 1,000 overflowed SQLite's parser)
MAX_COUNTRY_FILTERS = 20
#: ids are SQL BIGINTs: a larger number names nothing (and overflowed the driver)
MAX_ID = 2**63 - 1
Id = Annotated[int, PathParam(ge=0, le=MAX_ID)]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _day(v: str | None, what: str) -> dt.date | None:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise HTTPException(400, f"{what}: not a date: {v!r} (use YYYY-MM-DD)") from None


def _static_version() -> str:
    h = hashlib.sha256()
    for p in sorted(STATIC.iterdir()):
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


# ---------------------------------------------------------------- CSV of any list


def _flat_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(
            json.dumps(x, ensure_ascii=False) if isinstance(x, (dict, list)) else str(x) for x in v
        )
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def csv_text(rows: list[dict], kind: str) -> str:
    from communique.export import CSV_COLUMNS, csv_row, write_csv

    buf = io.StringIO()
    if kind == "engagements":
        write_csv(buf, CSV_COLUMNS, (csv_row(r) for r in rows))
        return buf.getvalue()
    cols: list[str] = []
    flat = []
    for r in rows:
        fr = {k: _flat_cell(v) for k, v in r.items()}
        for k in fr:
            if k not in cols:
                cols.append(k)
        flat.append(fr)
    write_csv(buf, cols or ["empty"], flat)
    return buf.getvalue()


# ---------------------------------------------------------------- the application


class Reader:
    """The pages' data, read from one archive."""

    def __init__(self, archive) -> None:  # noqa: ANN001
        self.archive = archive
        self._cache: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()
        from communique.gazetteer import countries

        self.country_names = {k: c.name for k, c in countries().items()}
        # international organisations are actors too (JPN-EU), by their codes
        from communique.gazetteer import organization_names

        self.org_codes = frozenset(organization_names())
        for code, name in organization_names().items():
            self.country_names.setdefault(code, name)

    def read(self):  # noqa: ANN201
        return self.archive._read()

    def cached(self, key: str, conn, build: Callable[[], Any]) -> Any:  # noqa: ANN001
        """A value derived from the whole archive, rebuilt when its data version changes."""
        version = queries.data_version(conn)
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
        rows = self.archive._describe(conn, ids)
        lv = queries.event_levels(conn, ids)
        for r in rows:
            r["level"] = levels.name(lv.get(r["id"], 0))
        return rows

    # -- pages

    def home(self, as_of: dt.date) -> dict:
        with self.read() as conn:
            latest = self.describe(conn, queries.latest_ids(conn, 20))
            pairs = self.cached("pairs", conn, lambda: queries.top_pairs(conn))
            counts = self.cached("counts", conn, lambda: queries.counts(conn))
            upcoming = queries.follow_ups(conn, as_of=as_of, when="upcoming", limit=50)
            overdue = queries.follow_ups(conn, as_of=as_of, when="overdue", limit=50)
            undated = queries.follow_ups(conn, as_of=as_of, when="undated", limit=20)
        return {
            "as_of": as_of.isoformat(),
            "counts": counts,
            "latest": latest,
            "upcoming": upcoming,
            "overdue": overdue,
            "undated_open": undated,
            "pairs": [self._pair(p) for p in pairs[:12]],
        }

    def _pair(self, p: dict) -> dict:
        return {**p, "a_name": self.cname(p["a"]), "b_name": self.cname(p["b"])}

    def relations_index(self) -> dict:
        with self.read() as conn:
            pairs = self.cached("pairs", conn, lambda: queries.top_pairs(conn))
        return {"pairs": [self._pair(p) for p in pairs]}

    def parse_pair(self, pair: str) -> tuple[str, str]:
        parts = pair.upper().split("-")
        if (
            len(parts) != 2
            or not all(queries.ISO3_RE.match(x) or x in self.org_codes for x in parts)
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
            titles = self.cached("titles", conn, lambda: queries.titles_by_level(conn))
            sizes = self.cached("country_sizes", conn, lambda: queries.country_sizes(conn))
            # the pair's events (id, date), newest first: looked up once, then reused
            evs = self.cached(
                f"pairids:{a}-{b}", conn, lambda: queries.pair_events(conn, a, b, sizes)
            )
            sel = queries.id_selection(conn, [i for i, _d in evs], queries.pair_ids(a, b))
            # the pair's analyses change only when the archive does: kept per data version
            years, modes, tracks, audit = self.cached(
                f"pair:{a}-{b}:{full}",
                conn,
                lambda: (
                    queries.year_level_counts_of(conn, evs, sel, titles),
                    queries.year_mode_counts_of(conn, evs),
                    queries.tracks_of(conn, sel),
                    queries.audit_of(conn, sel, latest=None if full else AUDIT_LATEST),
                ),
            )
            start = (page - 1) * PAGE
            ids, more = [i for i, _d in evs[start : start + PAGE]], len(evs) > start + PAGE
            engs = self.describe(conn, ids)
            fus = queries.follow_ups(conn, as_of=as_of, event_ids=sel, limit=None if full else 50)
            # the documents of the engagements on this page (all of them with ?full=1)
            docs = queries.documents_of(conn, sel if full else ids, limit=None)
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
            accounts = queries.accounts_of(conn, event_id)
            promised = queries.follow_ups(conn, status="all", as_of=as_of, event_ids=[event_id])
            fulfils = queries.fulfilled_promises(conn, event_id, as_of)
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
        import sqlalchemy as sa

        from communique.archive import schema as t

        with self.read() as conn:
            p = queries.person_row(conn, pid)
            if p is None:
                raise HTTPException(404, f"no person {pid}")
            cps = queries.counterparts(conn, pid)
            ids, more = queries.page_ids(
                conn, queries.person_event_ids(pid), limit=PAGE, offset=(page - 1) * PAGE
            )
            engs = self.describe(conn, ids)
            meetings = queries.person_meetings(conn, pid, p.get("country"))
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
        if not queries.ISO3_RE.match(code):
            raise HTTPException(404, f"not a country code: {code!r} (use ISO 3166, as JPN)")
        if since and until and since > until:
            raise HTTPException(400, f"since {since} is after until {until}")
        with self.read() as conn:
            nodes = queries.country_counterparts(conn, code, since, until)
            span = queries.date_span(conn)
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
            return {"name": name, "people": queries.people(conn, name=name)}

    def search(
        self,
        q: str | None,
        country: list[str],
        person: str | None,
        since: dt.date | None,
        until: dt.date | None,
        mode: str | None,
        level: str | None,
        page: int,
    ) -> dict:
        codes = [c.strip().upper() for c in country if c and c.strip()]
        person_ids = self.archive.find_persons(person) if person and person.strip() else None
        lv = levels.parse(level)
        sq = None
        if q and q.strip():
            try:
                sq = fulltext.parse(q)
            except fulltext.SearchError as e:
                raise HTTPException(400, e.message) from None
        with self.read() as conn:
            facets = self.cached(
                "facets",
                conn,
                lambda: queries.Facets(
                    conn, self.cached("titles", conn, lambda: queries.titles_by_level(conn))
                ),
            )
            doc_ids: list[int] = []
            text_events: frozenset[int] | None = None
            if sq is not None:
                doc_ids, text_events = self.cached(
                    "text:" + sq.fts5(),
                    conn,
                    lambda: (ds := queries.text_document_ids(conn, sq), facets.events_of(ds)),
                )
            # every filter is a set of event ids kept per archive version: their
            # intersection is the whole answer, counted and paged newest first in memory
            matches = self._search_matches(
                conn, facets, text_events, codes, person_ids, since, until, mode, lv
            )
            total = len(matches)
            ids, more = facets.page(matches, (page - 1) * PAGE, PAGE)
            engs = self.describe(conn, ids)
            docs: list[dict] = []
            if sq is not None:
                # one call of the engine's snippet function for the page's events and the
                # latest matching documents
                latest = doc_ids[:DOCS_SHOWN] if page == 1 else []
                matching = set(doc_ids)
                ev_docs = queries.snippet_documents(conn, ids)
                first = {
                    i: next((d for d in ds if d in matching), None) for i, ds in ev_docs.items()
                }
                wanted = sorted({d for d in first.values() if d is not None} | set(latest))
                snips = fulltext.snippets(conn, sq, wanted)
                for e in engs:
                    d = first.get(e["id"])
                    e["snippet"] = {"document_id": d, **snips[d]} if d in snips else None
                docs = queries.documents_by_id(conn, latest)
                for doc in docs:
                    doc["snippet"] = snips.get(doc["document_id"])
            options = self.cached(
                "countries",
                conn,
                lambda: sorted(
                    {c for p in queries.top_pairs(conn, 100000) for c in (p["a"], p["b"])}
                ),
            )
            persons = []
            if person_ids:
                persons = [
                    {"person_id": i, "name": (queries.person_row(conn, i) or {}).get("name")}
                    for i in person_ids[:20]
                ]
        return {
            "query": {
                "q": q or "",
                "parsed": sq.text() if sq else "",
                "country": codes,
                "person": person or "",
                "since": since.isoformat() if since else "",
                "until": until.isoformat() if until else "",
                "mode": mode or "",
                "level": levels.name(lv) or "",
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

    def _search_matches(
        self,
        conn,  # noqa: ANN001
        facets: queries.Facets,
        text_events: frozenset[int] | None,
        codes: list[str],
        person_ids: list[int] | None,
        since: dt.date | None,
        until: dt.date | None,
        mode: str | None,
        lv: int | None,
    ) -> frozenset[int] | set[int]:
        """The events a search matches: the intersection of one set per filter (the
        events whose documents match the text, of a country, a person, a mode, a level,
        a period), each read once per archive version (:class:`queries.Facets`, the
        events of a country) rather than by a scan of the database per request."""
        sets: list[frozenset[int]] = []
        if text_events is not None:
            sets.append(text_events)
        for c in codes:
            sets.append(
                self.cached("country:" + c, conn, lambda c=c: queries.country_event_ids(conn, c))
            )
        if person_ids is not None:
            sets.append(queries.person_event_id_set(conn, person_ids))
        if mode:
            sets.append(facets.by_mode.get(mode, frozenset()))
        if lv is not None:
            sets.append(facets.by_level.get(lv, frozenset()))
        if since or until:
            sets.append(facets.between(since, until))
        if not sets:
            return facets.all
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])

    def document(self, doc_id: int) -> dict:
        with self.read() as conn:
            d = queries.document(conn, doc_id)
            if d is None:
                raise HTTPException(404, f"no document {doc_id}")
            d["citations"] = [citation.ready(c) for c in citation.documents(conn, [doc_id])]
        return d

    def _search_where(
        self,
        conn,  # noqa: ANN001
        *,
        q: str | None,
        country: list[str],
        person: str | None,
        since: dt.date | None,
        until: dt.date | None,
        mode: str | None,
        level: str | None,
    ):  # noqa: ANN202
        """The selection of events a search with these filters matches (all pages)."""
        sq = None
        if q and q.strip():
            try:
                sq = fulltext.parse(q)
            except fulltext.SearchError as e:
                raise HTTPException(400, e.message) from None
        lv = levels.parse(level)
        return queries.search_filter(
            conn,
            text=sq,
            countries=[c.strip().upper() for c in country if c and c.strip()],
            person_ids=self.archive.find_persons(person) if person and person.strip() else None,
            since=since,
            until=until,
            mode=mode or None,
            level=lv,
            titles=self.cached("titles", conn, lambda: queries.titles_by_level(conn))
            if lv is not None
            else None,
        )

    def citations(
        self, events: list[int], documents: list[int], search_args: dict | None
    ) -> list[dict]:
        """Citations of the chosen documents, of the chosen engagements' documents, and
        of the documents of every engagement a search selects (its filters as the search
        page takes them)."""
        with self.read() as conn:
            event_ids = list(events)
            if search_args is not None:
                where = self._search_where(conn, **search_args)
                event_ids += list(conn.execute(where.order_by(None)).scalars())
            docs = list(documents)
            if event_ids:
                docs += queries.documents_of_events(conn, event_ids)
            docs = list(dict.fromkeys(docs))[:MAX_CITATIONS]
            if not docs:
                raise HTTPException(
                    400, "no documents selected: give event=, document= or search filters"
                )
            return citation.documents(conn, docs)

    def upcoming(self, as_of: dt.date, status: str, pair: str | None) -> dict:
        """Follow-ups whose day or month is not over by ``as_of`` (of one pair of
        countries with ``pair``), soonest first, with a note when there are none."""
        from communique.export import ics

        with self.read() as conn:
            sel = None
            if pair:
                a, b = self.parse_pair(pair)
                sel = queries.pair_ids(a, b)
            fus = queries.follow_ups(conn, status=status, as_of=as_of, when="all", event_ids=sel)
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
        from communique.export import ics

        data = self.upcoming(as_of, status, pair)
        events = [e for f in data["follow_ups"] if (e := ics.follow_up_event(f, base_url=base_url))]
        events.sort(key=lambda e: (e["start"], e["uid"]))
        name = "communique follow-ups" + (f" {data['pair']}" if pair else "")
        return ics.calendar(events, name=name, note=data["note"])


class HeadAsGet:
    """HEAD answered on every page as GET is, without the body (FastAPI routes refuse
    HEAD with 405 unless each route lists it)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: dict) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def create_app(
    db: str | None = None,
    *,
    admin_token: str | None = None,
    archive=None,  # noqa: ANN001
    base_url: str | None = None,
) -> FastAPI:
    """The application over the archive at ``db`` (or an open ``archive``).

    Absolute URLs (the calendar's links) start with ``base_url``, else with the address
    the server listens on, never with the request's ``Host`` header (anyone can send
    one); slashes are not redirected (a redirect would be built from it)."""
    if archive is None:
        from communique.archive import Archive

        archive = Archive(db, create=False)
    reader = Reader(archive)
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        version=__version__,
        static_v=_static_version(),
        cname=reader.cname,
        level_plural=levels.PLURAL,
        fmt=render.fmt_value,
        person_label=render.person_label,
        snippet_parts=render.snippet_parts,
    )
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=1)

    app = FastAPI(
        title="communique reader",
        version=__version__,
        description="Engagements between countries read from diplomatic readouts. Every page "
        "has a JSON twin (the same path with `.json`) and its lists a CSV export (`.csv`, "
        "choose the list with `?list=`). Read-only unless the server was started with an "
        "admin token.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = reader
    app.state.admin_token = admin_token
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.router.redirect_slashes = False

    def own_base(request: Request) -> str:
        if base_url:
            return base_url.rstrip("/")
        host, port = request.scope.get("server") or ("127.0.0.1", 8000)
        host = f"[{host}]" if ":" in str(host) else host
        scheme = request.scope.get("scheme", "http")
        default = {"http": 80, "https": 443}.get(scheme)
        return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    ingest_lock = threading.Lock()

    def html(
        request: Request, template: str, data: dict, *, status: int = 200, **extra
    ) -> HTMLResponse:  # noqa: ANN003
        path = request.url.path
        body = env.get_template(template).render(
            d=data,
            path=path,
            query=str(request.url.query),
            read_only=not admin_token,
            **extra,
        )
        return HTMLResponse(body, status_code=status)

    def csv_response(data: dict, which: str | None, default: str, name: str) -> Response:
        key = which or default
        rows = data.get(key)
        if not isinstance(rows, list):
            lists = sorted(k for k, v in data.items() if isinstance(v, list))
            raise HTTPException(400, f"no list {key!r} here; lists: {', '.join(lists)}")
        kind = "engagements" if key in ("engagements", "latest") else "rows"
        return Response(
            csv_text(rows, kind),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}-{key}.csv"'},
        )

    def add_page(
        path: str,
        build: Callable[..., dict],
        template: str,
        *,
        csv_default: str | None,
        summary: str,
        name: str,
        tags: list[str],
        json_path: str | None = None,
        extra: Callable[[dict], dict] | None = None,
    ) -> None:
        """Three routes for one page: HTML, ``.json`` and (when it has lists) ``.csv``."""
        sig = inspect.signature(build)
        params = list(sig.parameters.values())
        base = json_path or path

        def as_json(**kw) -> JSONResponse:  # noqa: ANN003
            return JSONResponse(build(**kw))

        as_json.__signature__ = sig
        app.add_api_route(
            base + ".json", as_json, methods=["GET"], summary=f"{summary} (JSON)", tags=tags
        )
        if csv_default:
            list_param = inspect.Parameter(
                "list_",
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[
                    str | None,
                    Query(alias="list", description=f"which list (default {csv_default})"),
                ],
            )

            def as_csv(**kw) -> Response:  # noqa: ANN003
                which = kw.pop("list_", None)
                return csv_response(build(**kw), which, csv_default, name)

            as_csv.__signature__ = sig.replace(parameters=[*params, list_param])
            app.add_api_route(
                base + ".csv",
                as_csv,
                methods=["GET"],
                summary=f"{summary} (CSV of one list)",
                tags=tags,
                response_class=Response,
            )
        req_param = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)

        def as_html(**kw) -> HTMLResponse:  # noqa: ANN003
            request = kw.pop("request")
            data = build(**kw)
            return html(request, template, data, **(extra(data) if extra else {}))

        as_html.__signature__ = sig.replace(parameters=[*params, req_param])
        app.add_api_route(
            path,
            as_html,
            methods=["GET"],
            summary=summary,
            tags=tags,
            response_class=HTMLResponse,
        )

    def as_of_param(v: str | None) -> dt.date:
        return _day(v, "as_of") or dt.date.today()

    AsOf = Annotated[
        str | None,
        Query(description="the day follow-ups are upcoming or overdue from (default today)"),
    ]
    PageN = Annotated[int, Query(ge=1, le=100000, description="page of the list (1-based)")]

    # -- home
    def home(as_of: AsOf = None) -> dict:
        return reader.home(as_of_param(as_of))

    add_page(
        "/",
        home,
        "home.html",
        csv_default="latest",
        summary="Home: latest engagements, upcoming and overdue follow-ups",
        name="home",
        tags=["pages"],
        json_path="/index",
    )

    # -- relations
    def relations_index() -> dict:
        return reader.relations_index()

    add_page(
        "/relations",
        relations_index,
        "relations_index.html",
        csv_default="pairs",
        summary="Every pair of countries with engagements",
        name="relations",
        tags=["pages"],
    )

    def relations(
        pair: str,
        page: PageN = 1,
        as_of: AsOf = None,
        full: Annotated[
            bool,
            Query(description="every audit finding, follow-up and document (not the latest only)"),
        ] = False,
    ) -> dict:
        return reader.relations(pair, page, as_of_param(as_of), full)

    def relations_extra(data: dict) -> dict:
        timeline: list[dict] = []
        for e in data["engagements"]:
            year = e["date"][:4] if e.get("date") else "undated"
            if not timeline or timeline[-1]["year"] != year:
                timeline.append({"year": year, "engagements": []})
            timeline[-1]["engagements"].append(e)
        return {
            "chart": charts.year_chart(data["years"]),
            "mode_chart": charts.mode_chart(data["modes"]),
            "timeline": timeline,
        }

    add_page(
        "/relations/{pair}",
        relations,
        "relations.html",
        csv_default="engagements",
        summary="Relations between two countries (pair as JPN-RUS)",
        name="relations",
        tags=["pages"],
        extra=relations_extra,
    )

    # -- engagement
    def engagement(event_id: Id, as_of: AsOf = None) -> dict:
        return reader.engagement(event_id, as_of_param(as_of))

    def engagement_extra(data: dict) -> dict:
        segs = []
        for a in data["accounts"]:
            segs.append(render.segments(a["text"], a["fields"]))
        return {"segments": segs}

    add_page(
        "/engagement/{event_id}",
        engagement,
        "engagement.html",
        csv_default="follow_ups",
        summary="One engagement: every field, and each account's text with its spans",
        name="engagement",
        tags=["pages"],
        extra=engagement_extra,
    )

    # -- people
    def people(name: Annotated[str | None, Query(max_length=200)] = None) -> dict:
        return reader.people(name)

    add_page(
        "/people",
        people,
        "people.html",
        csv_default="people",
        summary="People in the archive, by number of engagements",
        name="people",
        tags=["pages"],
    )

    def person(person_id: Id, page: PageN = 1) -> dict:
        return reader.person(person_id, page)

    add_page(
        "/person/{person_id}",
        person,
        "person.html",
        csv_default="engagements",
        summary="One person: offices held, counterparts met and how often, meetings over time",
        name="person",
        tags=["pages"],
        extra=lambda data: {"tl": charts.timeline(data["meetings"])},
    )

    # -- a country's counterparts as a network
    def network(
        code: str,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    ) -> dict:
        return reader.network(code, _day(since, "since"), _day(until, "until"))

    def network_extra(data: dict) -> dict:
        return {"net": charts.network(data["country"], data["counterparts"])}

    @app.get(
        "/network/{code}.svg",
        summary="A country's counterparts over a period: the network as an SVG image",
        tags=["pages"],
        response_class=Response,
    )
    def network_svg(
        code: str,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    ) -> Response:
        data = network(code, since, until)
        body = env.get_template("network.svg").render(
            d=data, net=network_extra(data)["net"], standalone=True
        )
        return Response(body, media_type="image/svg+xml; charset=utf-8")

    add_page(
        "/network/{code}",
        network,
        "network.html",
        csv_default="counterparts",
        summary="A country's counterparts over a period, as a network (also as SVG)",
        name="network",
        tags=["pages"],
        extra=network_extra,
    )

    # -- search
    def search(
        q: Annotated[str | None, Query(max_length=500, description="full text")] = None,
        country: Annotated[list[str], Query(description="ISO3 code; repeat for several")] = [],  # noqa: B006
        person: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        mode: Annotated[str | None, Query(pattern="^(|in_person|telephone|video)$")] = None,
        level: Annotated[str | None, Query(pattern="^(|leaders?|ministers?|officials?)$")] = None,
        page: PageN = 1,
    ) -> dict:
        if len(country) > MAX_COUNTRY_FILTERS:
            raise HTTPException(400, f"at most {MAX_COUNTRY_FILTERS} country filters")
        return reader.search(
            q,
            country,
            person,
            _day(since, "since"),
            _day(until, "until"),
            mode,
            level,
            page,
        )

    def search_extra(data: dict) -> dict:
        from urllib.parse import urlencode

        q = data["query"]
        pairs = [(k, v) for k, v in q.items() if k != "country" and v]
        pairs += [("country", c) for c in q["country"]]
        pairs = [(k, v) for k, v in pairs if k != "parsed"]
        return {
            "page_base": "/search?" + (urlencode(pairs) + "&" if pairs else ""),
            "cite_query": urlencode(pairs),
        }

    add_page(
        "/search",
        search,
        "search.html",
        extra=search_extra,
        csv_default="engagements",
        summary="Search: full text and filters (country, person, date range, mode, level)",
        name="search",
        tags=["pages"],
    )

    # -- documents
    def document(document_id: Id) -> dict:
        return reader.document(document_id)

    add_page(
        "/document/{document_id}",
        document,
        "document.html",
        csv_default=None,
        summary="One source document: its text and the engagements read from it",
        name="document",
        tags=["pages"],
    )

    # -- citations of a selection
    def citation_selection(
        request: Request,
        event: Annotated[list[int], Query(description="engagement id; repeat for several")],
        document: Annotated[list[int], Query(description="document id; repeat for several")],
        q: str | None,
        country: list[str],
        person: str | None,
        since: str | None,
        until: str | None,
        mode: str | None,
        level: str | None,
    ) -> list[dict]:
        filters = (q, country, person, since, until, mode, level)
        search_args = None
        if any(filters):
            search_args = {
                "q": q,
                "country": country,
                "person": person,
                "since": _day(since, "since"),
                "until": _day(until, "until"),
                "mode": mode,
                "level": level,
            }
        return reader.citations(event, document, search_args)

    for fmt, suffix, media in (
        ("bibtex", "bib", "application/x-bibtex; charset=utf-8"),
        ("csl-json", "json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
    ):

        def cite(
            request: Request,
            event: Annotated[list[int], Query(description="engagement id; repeat")] = [],  # noqa: B006
            document: Annotated[list[int], Query(description="document id; repeat")] = [],  # noqa: B006
            q: Annotated[str | None, Query(max_length=500, description="search words")] = None,
            country: Annotated[list[str], Query(description="ISO3 code; repeat")] = [],  # noqa: B006
            person: Annotated[str | None, Query(max_length=200)] = None,
            since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
            until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
            mode: Annotated[str | None, Query(pattern="^(|in_person|telephone|video)$")] = None,
            level: Annotated[
                str | None, Query(pattern="^(|leaders?|ministers?|officials?)$")
            ] = None,
            _fmt: str = fmt,
            _suffix: str = suffix,
            _media: str = media,
        ) -> Response:
            cs = citation_selection(
                request, event, document, q, country, person, since, until, mode, level
            )
            return Response(
                citation.render(cs, _fmt),
                media_type=_media,
                headers={"content-disposition": f'attachment; filename="citations.{_suffix}"'},
            )

        cite.__signature__ = inspect.signature(cite).replace(
            parameters=[
                p for p in inspect.signature(cite).parameters.values() if not p.name.startswith("_")
            ]
        )
        app.add_api_route(
            f"/citations.{suffix}",
            cite,
            methods=["GET"],
            summary=f"Citations ({fmt}) of chosen documents and engagements, or of a "
            "search's engagements (the search page's filters)",
            tags=["exports"],
            response_class=Response,
        )

    # -- calendar
    @app.get(
        "/calendar.ics",
        summary="Upcoming follow-ups as an iCalendar feed",
        tags=["feeds"],
        response_class=Response,
    )
    def calendar(
        request: Request,
        as_of: AsOf = None,
        status: Annotated[str, Query(pattern="^(open|all)$")] = "open",
        pair: Annotated[str | None, Query(description="two countries, as JPN-RUS")] = None,
    ) -> Response:
        base = own_base(request)
        return Response(
            reader.calendar(as_of_param(as_of), status, base, pair or None),
            media_type="text/calendar; charset=utf-8",
            headers={"content-disposition": 'inline; filename="communique-follow-ups.ics"'},
        )

    def upcoming(
        as_of: AsOf = None,
        status: Annotated[str, Query(pattern="^(open|all)$")] = "open",
        pair: Annotated[str | None, Query(description="two countries, as JPN-RUS")] = None,
    ) -> dict:
        return reader.upcoming(as_of_param(as_of), status, pair or None)

    def upcoming_extra(data: dict) -> dict:
        from urllib.parse import urlencode

        # a feed from today on is left without as_of, so a subscription keeps moving
        as_of = data["as_of"] if data["as_of"] != dt.date.today().isoformat() else ""
        q = {"as_of": as_of, "status": data["status"], "pair": data["pair"]}
        return {"feed_query": urlencode({k: v for k, v in q.items() if v and v != "open"})}

    add_page(
        "/calendar",
        upcoming,
        "calendar.html",
        csv_default="follow_ups",
        summary="Upcoming follow-ups (the calendar feed's events), with a note when none",
        name="calendar",
        tags=["pages"],
        extra=upcoming_extra,
    )

    # -- status and writing
    @app.get(
        "/api/status", summary="Archive size and whether the server accepts writes", tags=["api"]
    )
    def status() -> dict:
        with reader.read() as conn:
            return {
                "version": __version__,
                "read_only": not admin_token,
                "data_version": queries.data_version(conn),
                **queries.counts(conn),
            }

    def require_admin(request: Request, doing: str) -> None:
        """403 on a read-only server, 401 without the right ``Authorization: Bearer``."""
        if not admin_token:
            raise HTTPException(403, f"read-only server (start it with --admin-token {doing})")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), admin_token.encode()
        ):
            raise HTTPException(
                401,
                "admin token required",
                headers={"WWW-Authenticate": 'Bearer realm="communique"'},
            )

    async def json_body(request: Request) -> dict:
        raw = await request.body()
        if len(raw) > MAX_OVERRIDE_BYTES:
            raise HTTPException(413, f"body over {MAX_OVERRIDE_BYTES} bytes")
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, RecursionError):
            raise HTTPException(400, "the body must be a JSON object") from None
        if not isinstance(body, dict):
            raise HTTPException(400, "the body must be a JSON object")
        return body

    def _ints(body: dict, field: str) -> list[int]:
        v = body.get(field, [])
        if not isinstance(v, list) or not all(
            isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in v
        ):
            raise HTTPException(400, f"{field!r} must be a list of person or document ids")
        return v

    def _strs(body: dict, field: str) -> list[str]:
        v = body.get(field, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise HTTPException(400, f"{field!r} must be a list of non-empty strings")
        return v

    def _note(body: dict) -> str | None:
        note = body.get("note")
        if note is not None and not isinstance(note, str):
            raise HTTPException(400, "'note' must be a string")
        return note

    def overrule(fn, *args, **kw) -> dict:  # noqa: ANN001, ANN002, ANN003
        """Run an override on the archive; an analyst's mistake is a 400 (or 404 for an
        unknown id) with the command line's one-line message."""
        from communique.errors import UsageError

        try:
            with ingest_lock:
                return fn(*args, **kw)
        except UsageError as e:
            msg = str(e)
            raise HTTPException(404 if msg.startswith("no ") else 400, msg) from None

    @app.get(
        "/api/people/overrides",
        summary="The analysts' merges and splits of people, oldest first",
        tags=["api"],
    )
    def api_people_overrides() -> list[dict]:
        return archive.person_overrides()

    @app.post(
        "/api/people/merge",
        summary='Make people one person (the first id): {"ids": [1, 2], "note": "why"}; '
        "needs the admin token",
        tags=["api"],
        status_code=201,
    )
    async def api_people_merge(request: Request) -> dict:
        require_admin(request, "to merge people")
        body = await json_body(request)
        ids = _ints(body, "ids")
        note = _note(body)
        return await run_in_threadpool(overrule, archive.merge_persons, ids, note=note)

    @app.post(
        "/api/people/{person_id}/split",
        summary='Split off a person\'s mentions by name form or document: {"forms": [...], '
        '"documents": [...], "note": "why"}; needs the admin token',
        tags=["api"],
        status_code=201,
    )
    async def api_people_split(person_id: Id, request: Request) -> dict:
        require_admin(request, "to split people")
        body = await json_body(request)
        forms, docs, note = _strs(body, "forms"), _ints(body, "documents"), _note(body)
        return await run_in_threadpool(
            overrule, archive.split_person, person_id, forms=forms, documents=docs, note=note
        )

    @app.delete(
        "/api/people/overrides/{override_id}",
        summary="Remove an analyst's merge or split (the rules decide again); needs the admin "
        "token",
        tags=["api"],
    )
    async def api_people_undo(override_id: Id, request: Request) -> dict:
        require_admin(request, "to change people")
        await run_in_threadpool(overrule, archive.undo_override, override_id)
        return {"removed": override_id}

    @app.post(
        "/api/ingest",
        summary="Store one readout (text or HTML body) with its source; needs the admin token",
        tags=["api"],
        status_code=201,
    )
    async def api_ingest(
        request: Request,
        source: Annotated[
            str | None, Query(max_length=2000, description="where the readout comes from (URL)")
        ] = None,
    ) -> JSONResponse:
        require_admin(request, "to ingest")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_INGEST_BYTES:
            raise HTTPException(413, "body over 20 MiB")
        body = bytearray()  # read piece by piece: a chunked body has no Content-Length
        async for piece in request.stream():
            body += piece
            if len(body) > MAX_INGEST_BYTES:
                raise HTTPException(413, "body over 20 MiB")
        raw = bytes(body)
        del body
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            try:
                payload = json.loads(raw)
                text = payload["text"]
                source = payload.get("source") or source
                if not isinstance(text, str) or not isinstance(source, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError, RecursionError):
                raise HTTPException(
                    400, 'JSON body must be {"text": "...", "source": "..."}'
                ) from None
            raw = text.encode("utf-8")
        if source and len(source) > MAX_SOURCE_CHARS:
            raise HTTPException(400, f"source longer than {MAX_SOURCE_CHARS} characters")
        if not source or not source.strip():
            raise HTTPException(400, "source is required (?source=URL)")
        if not raw.strip():
            raise HTTPException(400, "empty body")

        def run() -> dict:
            with ingest_lock:
                return ingest_bytes(archive, raw, source.strip())

        result = await run_in_threadpool(run)
        return JSONResponse(result, status_code=201 if result["status"] == "stored" else 200)

    # -- errors: JSON for API and .json paths, a page for the rest
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        headers = getattr(exc, "headers", None)
        if path.endswith((".json", ".csv", ".ics", ".bib", ".svg")) or path.startswith("/api/"):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=headers
            )
        return html(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status=exc.status_code,
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    return app


def ingest_bytes(archive, raw: bytes, source: str) -> dict:  # noqa: ANN001
    """Store one readout given as bytes, as ``communique ingest`` stores a file (the
    same text already stored is that document; a URL's newer text is a new version)."""
    import sqlalchemy as sa

    from communique.archive import db, store
    from communique.archive import schema as t

    o = store.ingest_bytes(archive.engine, raw, source)
    if o.status == "error":
        return {"status": "failed", "document_id": None, "engagements": 0, "error": o.message}
    if o.status == "present":
        return {"status": "present", "document_id": o.document_id, "engagements": 0, "error": None}
    doc_id, n = o.document_id, o.engagements
    error = o.message[len(o.source) + 2 :] if o.status == "failed" and o.message else None
    archive.relink()
    with db.read_tx(archive.engine) as conn:
        events = sorted(
            {
                i
                for i in conn.execute(
                    sa.select(t.engagements.c.event_id).where(t.engagements.c.document_id == doc_id)
                ).scalars()
                if i is not None
            }
        )
    return {
        "status": "failed" if error else "stored",
        "document_id": doc_id,
        "engagements": n,
        "events": events,
        "error": error,
    }
