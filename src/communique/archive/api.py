"""The Python API: ``Archive(url)``.

>>> a = Archive("sqlite:///archive.db")          # doctest: +SKIP
>>> a.ingest(["corpus/"])                          # doctest: +SKIP
>>> a.engagements(between=("JPN", "RUS"))         # doctest: +SKIP
>>> a.engagements_page(between=("JPN", "RUS"), limit=50)   # doctest: +SKIP
{'total': 1283, 'offset': 0, 'limit': 50, 'engagements': [...]}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

import sqlalchemy as sa

from communique.archive import audit as audit_mod
from communique.archive import db, link, people, queries, store, tracks
from communique.archive import schema as t
from communique.archive import search as search_mod
from communique.archive.db import ArchiveError


def _iso(v) -> str | None:  # noqa: ANN001
    return v.isoformat() if hasattr(v, "isoformat") else v


def _day(v: str | dt.date | None) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise ArchiveError("E206", f"not a date: {v!r} (use YYYY-MM-DD)") from None


ISO3_RE = re.compile(r"^[A-Z]{3}$")


class Archive:
    """An archive of readouts at a SQLAlchemy URL (created and migrated when ``create``)."""

    def __init__(
        self,
        url: str | None = None,
        *,
        create: bool = True,
        sqlite_pragmas: dict[str, object] | None = None,
    ) -> None:
        self.url = db.resolve_url(url)
        with db.translate(None):
            self.engine = db.create_engine(self.url, sqlite_pragmas=sqlite_pragmas)
        path = db.sqlite_path(self.engine.url)
        if path and not create and not __import__("os").path.exists(path):
            raise ArchiveError("E201", f"{path}: no archive here (run communique ingest first)")
        db.migrate(self.engine, create=create)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        paths: Iterable[str],
        *,
        on_each: Callable[[store.Outcome], None] | None = None,
        relink: bool = True,
    ) -> store.Report:
        report = store.Report()
        for path in store.expand_paths(list(paths)):
            outcome = store.ingest_path(self.engine, path)
            report.outcomes.append(outcome)
            if on_each:
                on_each(outcome)
        if relink:
            self.relink()
        return report

    def reextract(self, *, on_each: Callable[[store.Outcome], None] | None = None) -> store.Report:
        report = store.Report()
        with db.read_tx(self.engine) as conn:
            ids = (
                conn.execute(sa.select(t.documents.c.id).order_by(t.documents.c.id)).scalars().all()
            )
        for doc_id in ids:
            outcome = store.reextract_document(self.engine, doc_id)
            report.outcomes.append(outcome)
            if on_each:
                on_each(outcome)
        self.relink()
        return report

    def relink(self, *, force: bool = False) -> bool:
        return link.relink(self.engine, force=force)

    # ------------------------------------------------------------------ reading

    def _read(self):  # noqa: ANN202
        return db.read_tx(self.engine)

    def find_persons(self, name: str) -> list[int]:
        """Person ids a name form refers to (any order, transliteration, family name only)."""
        key = people.key_for_name(name)
        with self._read() as conn:
            if key and not key.endswith("|"):
                hit = (
                    conn.execute(sa.select(t.persons.c.id).where(t.persons.c.key == key))
                    .scalars()
                    .all()
                )
                if hit:
                    return list(hit)
            folded = people.fold(name.strip())
            hit = (
                conn.execute(
                    sa.select(t.person_names.c.person_id)
                    .where(t.person_names.c.folded == folded)
                    .distinct()
                )
                .scalars()
                .all()
            )
            if hit:
                return sorted(hit)
            fam = key.split("|")[0] if key else people.translit(name)
            hit = (
                conn.execute(
                    sa.select(t.persons.c.id).where(
                        sa.or_(t.persons.c.key.like(f"{fam}|%"), t.persons.c.key == f"{fam}|")
                    )
                )
                .scalars()
                .all()
            )
            return sorted(hit)

    def engagements(
        self,
        *,
        between: tuple[str, str] | None = None,
        person: str | None = None,
        country: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        track: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        fields: str = "full",
    ) -> list[dict]:
        """Engagements (events, each with its accounts), filtered; all of them with no filter.

        Oldest first (undated last). ``limit``/``offset`` return one page of that order
        (:meth:`engagements_page` adds the total); ``fields="summary"`` returns each
        event's own columns, countries and number of accounts only (see
        :mod:`communique.archive.queries`).
        """
        page = self.engagements_page(
            between=between,
            person=person,
            country=country,
            since=since,
            until=until,
            track=track,
            search=search,
            limit=limit,
            offset=offset,
            fields=fields,
        )
        return page["engagements"]

    def engagements_page(
        self,
        *,
        between: tuple[str, str] | None = None,
        person: str | None = None,
        country: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        track: str | None = None,
        search: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
        fields: str = "full",
    ) -> dict:
        """One page of :meth:`engagements` with the number of matching engagements:
        ``{"total", "offset", "limit", "engagements"}`` (``limit=None``: to the end)."""
        queries.check_fields(fields)
        queries.check_page(limit, offset)
        ids_q = self._ids_query(
            between=between,
            person=person,
            country=country,
            since=since,
            until=until,
            track=track,
            search=search,
        )
        with self._read() as conn:
            ids = conn.execute(ids_q(conn)).scalars().all()
            part = ids[offset:] if limit is None else ids[offset : offset + limit]
            rows = queries.describe(conn, part, fields=fields)
        return {"total": len(ids), "offset": offset, "limit": limit, "engagements": rows}

    def count_engagements(self, **filters: object) -> int:
        """How many engagements :meth:`engagements` would return for these filters."""
        ids_q = self._ids_query(**filters)  # type: ignore[arg-type]
        with self._read() as conn:
            return conn.execute(
                sa.select(sa.func.count()).select_from(ids_q(conn).order_by(None).subquery())
            ).scalar_one()

    def _ids_query(
        self,
        *,
        between: tuple[str, str] | None = None,
        person: str | None = None,
        country: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        track: str | None = None,
        search: str | None = None,
    ) -> Callable[[sa.Connection], sa.Select]:
        """The ordered query of matching event ids, built for a connection (name and
        text filters are resolved here, before the reading transaction)."""
        ev = t.events
        ec, ep = t.event_countries, t.event_persons
        where: list[sa.ColumnElement] = []
        pair: tuple[str, str] | None = None
        if between:
            a, b = between
            if ISO3_RE.match(a) and ISO3_RE.match(b):
                pair = (a, b)
            else:
                for who in (a, b):
                    ids = self.find_persons(who) or [-1]
                    where.append(
                        ev.c.id.in_(sa.select(ep.c.event_id).where(ep.c.person_id.in_(ids)))
                    )
        if person:
            ids = self.find_persons(person) or [-1]
            where.append(ev.c.id.in_(sa.select(ep.c.event_id).where(ep.c.person_id.in_(ids))))
        if country:
            where.append(
                ev.c.id.in_(sa.select(ec.c.event_id).where(ec.c.country == country.upper()))
            )
        if since:
            where.append(ev.c.date >= _day(since))
        if until:
            where.append(ev.c.date <= _day(until))
        if track:
            n = f"%{tracks.norm(track)}%"
            tm, tr = t.track_members, t.tracks
            where.append(
                ev.c.id.in_(
                    sa.select(tm.c.event_id)
                    .join(tr, tr.c.id == tm.c.track_id)
                    .where(
                        sa.or_(
                            tr.c.key.like(n), sa.func.lower(tr.c.name).like(f"%{track.lower()}%")
                        )
                    )
                )
            )
        sq = search_mod.parse(search) if search is not None else None

        def build(conn: sa.Connection) -> sa.Select:
            if pair:
                q = queries.pair_ids(*queries.rarer_first(conn, *pair))
            else:
                q = queries.order(sa.select(ev.c.id))
            if sq is not None:
                docs = search_mod.document_ids(conn, sq)
                q = q.where(
                    ev.c.id.in_(
                        sa.select(t.engagements.c.event_id).where(
                            t.engagements.c.document_id.in_(docs)
                        )
                    )
                )
            return q.where(*where)

        return build

    def _describe(self, conn, ids: list[int], *, fields: str = "full") -> list[dict]:  # noqa: ANN001
        """The engagement objects for ``ids`` (in that order) on an open connection."""
        return queries.describe(conn, ids, fields=fields)

    def search(self, text: str, *, ids_only: bool = False) -> list:
        """Documents whose title or text match ``text`` (see :mod:`communique.archive.search`
        for the query language), best match first; each with a snippet of the matched words."""
        sq = search_mod.parse(text)
        d = t.documents
        with self._read() as conn:
            if conn.dialect.name == "sqlite":
                order = sa.text("documents_fts.rank")
                rows = conn.execute(
                    sa.select(d.c.id, d.c.source, d.c.title, d.c.published)
                    .select_from(
                        sa.table("documents_fts").join(
                            d, d.c.id == sa.literal_column("documents_fts.rowid")
                        )
                    )
                    .where(search_mod.match_clause(conn, sq))
                    .order_by(order, d.c.id)
                ).all()
            else:
                rows = conn.execute(
                    sa.select(d.c.id, d.c.source, d.c.title, d.c.published)
                    .where(search_mod.match_clause(conn, sq))
                    .order_by(
                        sa.text(
                            "ts_rank(documents.tsv, to_tsquery('english', :rank_q)) DESC"
                        ).bindparams(rank_q=sq.tsquery()),
                        d.c.id,
                    )
                ).all()
            if ids_only:
                return [r.id for r in rows]
            snips = search_mod.snippets(conn, sq, [r.id for r in rows])
        return [
            {
                "document_id": r.id,
                "source": r.source,
                "title": r.title,
                "published": _iso(r.published),
                "snippet": snips.get(r.id),
            }
            for r in rows
        ]

    def failed(self) -> list[dict]:
        d = t.documents
        with self._read() as conn:
            rows = conn.execute(
                sa.select(d.c.id, d.c.source, d.c.error, d.c.fetched_at)
                .where(d.c.error.is_not(None))
                .order_by(d.c.id)
            ).all()
        return [
            {
                "document_id": r.id,
                "source": r.source,
                "error": r.error,
                "fetched_at": _iso(r.fetched_at),
            }
            for r in rows
        ]

    def follow_ups(self, *, status: str = "all", as_of: str | dt.date | None = None) -> list[dict]:
        """Promised engagements, each fulfilled (with the event) or open (with its age in days)."""
        as_of = _day(as_of) or dt.date.today()
        f, e, d = t.follow_ups, t.engagements, t.documents
        q = (
            sa.select(
                f.c.id,
                f.c.name,
                f.c.date,
                f.c.date_text,
                f.c.fulfilled_by,
                f.c.match_reason,
                e.c.event_id,
                e.c.date.label("promised_on"),
                d.c.published,
                d.c.id.label("document_id"),
                d.c.source,
            )
            .join(e, e.c.id == f.c.engagement_id)
            .join(d, d.c.id == e.c.document_id)
            .order_by(f.c.id)
        )
        if status == "open":
            q = q.where(f.c.fulfilled_by.is_(None))
        elif status == "fulfilled":
            q = q.where(f.c.fulfilled_by.is_not(None))
        with self._read() as conn:
            rows = conn.execute(q).all()
            evdates = dict(conn.execute(sa.select(t.events.c.id, t.events.c.date)).all())
        out = []
        for r in rows:
            since = r.promised_on or r.published
            item = {
                "id": r.id,
                "name": r.name,
                "date": _iso(r.date),
                "date_text": r.date_text,
                "promised_on": _iso(since),
                "promised_at_event": r.event_id,
                "document_id": r.document_id,
                "source": r.source,
                "status": "fulfilled" if r.fulfilled_by else "open",
                "fulfilled_by": r.fulfilled_by,
                "fulfilled_on": _iso(evdates.get(r.fulfilled_by)) if r.fulfilled_by else None,
                "reason": r.match_reason,
            }
            if not r.fulfilled_by:
                item["age_days"] = (as_of - since).days if since else None
            out.append(item)
        return out

    def audit(self) -> list[dict]:
        with self._read() as conn:
            return audit_mod.audit(conn)

    def person(self, name: str) -> list[dict]:
        """People a name refers to, with their name forms and office history."""
        ids = self.find_persons(name)
        with self._read() as conn:
            return [row for pid in ids if (row := queries.person_row(conn, pid)) is not None]

    def tracks(self) -> list[dict]:
        with self._read() as conn:
            trs = conn.execute(sa.select(t.tracks).order_by(t.tracks.c.id)).mappings().all()
            mem = (
                conn.execute(
                    sa.select(t.track_members, t.events.c.date)
                    .join(t.events, t.events.c.id == t.track_members.c.event_id)
                    .order_by(t.track_members.c.track_id, t.track_members.c.position)
                )
                .mappings()
                .all()
            )
        out = {
            r["id"]: {"id": r["id"], "name": r["name"], "kind": r["kind"], "members": []}
            for r in trs
        }
        for m in mem:
            out[m["track_id"]]["members"].append(
                {
                    "event_id": m["event_id"],
                    "number": m["number"],
                    "position": m["position"],
                    "date": _iso(m["date"]),
                }
            )
        return list(out.values())
