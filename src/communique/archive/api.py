"""The Python API of the stored archive: ``Archive(url)`` opens it and reads it (the
ingest path, :class:`communique.ingest.Archive`, adds ``ingest`` and ``reextract``).

>>> a = Archive("sqlite:///archive.db")          # doctest: +SKIP
>>> a.engagements(between=("JPN", "RUS"))         # doctest: +SKIP
>>> a.engagements_page(between=("JPN", "RUS"), limit=50)   # doctest: +SKIP
{'total': 1283, 'offset': 0, 'limit': 50, 'engagements': [...]}
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import TypedDict, Unpack

import sqlalchemy as sa

from communique.archive import actors, db, link, people, store
from communique.archive import schema as t
from communique.archive.db import ArchiveError
from communique.archive.read import audit as audit_mod
from communique.archive.read import describe, filters, followups, levels, order, overview
from communique.archive.read import documents as read_documents
from communique.archive.read import persons as read_persons
from communique.archive.read import search as search_mod
from communique.archive.read.pairs import ISO3_RE
from communique.errors import UsageError
from communique.gazetteer import countries as gazetteer_countries
from communique.gazetteer import organization_names
from communique.util.dates import iso


def _day(v: str | dt.date | None) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise ArchiveError("E206", f"not a date: {v!r} (use YYYY-MM-DD)") from None


class Wanted(TypedDict, total=False):
    """The filters of :meth:`Archive.engagements` as a caller gives them (names and text
    are resolved by :meth:`Archive.filters`); every one given must hold."""

    #: two countries or organisations (JPN EU), two people, or one of each
    between: tuple[str, str] | None
    person: str | None
    country: str | None
    since: str | dt.date | None
    until: str | dt.date | None
    #: a track's name, or part of it
    track: str | None
    #: a full-text query (:mod:`communique.archive.read.search`)
    search: str | None
    #: in_person, telephone or video
    mode: str | None
    #: leaders, ministers or officials (the highest present)
    level: str | None


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
        if path and not create and not os.path.exists(path):
            raise ArchiveError("E201", f"{path}: no archive here (run communique ingest first)")
        db.migrate(self.engine, create=create)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ linking

    def relink(self, *, force: bool = False) -> bool:
        return link.relink(self.engine, force=force)

    def document_count(self) -> int:
        """How many documents the archive holds (every version kept)."""
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one()

    def undated_records(self) -> tuple[int, int]:
        """(engagement records with no date, all engagement records)."""
        e = t.engagements
        with self._read() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(e)).scalar_one()
            undated = conn.execute(
                sa.select(sa.func.count()).select_from(e).where(e.c.date.is_(None))
            ).scalar_one()
        return undated, total

    # ------------------------------------------------------------------ reading

    def reading(self):  # noqa: ANN201
        """A connection in a read-only transaction (a context manager), for the readers
        that query the archive's tables themselves: the exports, the web reader, demo."""
        return db.read_tx(self.engine)

    _read = reading

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
            if hit:
                return sorted(hit)
            # any stored form holding every word asked for ("Casaubón", "Ebrard Casaubón")
            words = {people.translit(w) for w in name.split()} - {""}
            if not words:
                return []
            found = set()
            for pid, folded in conn.execute(
                sa.select(t.person_names.c.person_id, t.person_names.c.folded)
            ):
                if words <= {people.translit(w) for w in folded.split()}:
                    found.add(pid)
            return sorted(found)

    def known_codes(self) -> set[str]:
        """Actor codes a query may name: the gazetteer's countries and every code the
        archive's events carry (international organisations included)."""
        with self._read() as conn:
            stored = conn.execute(sa.select(t.event_countries.c.country).distinct()).scalars()
            return set(gazetteer_countries()) | set(organization_names()) | set(stored)

    def find_tracks(self, name: str) -> list[int]:
        """Ids of the tracks whose name contains ``name`` (case-insensitive)."""
        return sorted(self._track_ids(name))

    def _track_ids(self, track: str) -> set[int]:
        with self._read() as conn:
            q = sa.select(t.tracks.c.id).where(filters.track_where(track))
            return set(conn.execute(q).scalars())

    def engagements(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        fields: str = "full",
        **wanted: Unpack[Wanted],
    ) -> list[dict]:
        """Engagements (events, each with its accounts), filtered by ``wanted`` (see
        :class:`Wanted`); all of them with no filter.

        Oldest first (undated last). ``limit``/``offset`` return one page of that order
        (:meth:`engagements_page` adds the total); ``fields="summary"`` returns each
        event's own columns, countries and number of accounts only (see
        :mod:`communique.archive.read.describe`).
        """
        page = self.engagements_page(limit=limit, offset=offset, fields=fields, **wanted)
        return page["engagements"]

    def engagements_page(
        self,
        *,
        limit: int | None = 50,
        offset: int = 0,
        fields: str = "full",
        **wanted: Unpack[Wanted],
    ) -> dict:
        """One page of :meth:`engagements` with the number of matching engagements:
        ``{"total", "offset", "limit", "engagements"}`` (``limit=None``: to the end)."""
        describe.check_fields(fields)
        describe.check_page(limit, offset)
        ids_q = self._ids_query(**wanted)
        with self._read() as conn:
            ids = conn.execute(ids_q(conn)).scalars().all()
            part = ids[offset:] if limit is None else ids[offset : offset + limit]
            rows = describe.describe(conn, part, fields=fields)
        return {"total": len(ids), "offset": offset, "limit": limit, "engagements": rows}

    def count_engagements(self, **wanted: Unpack[Wanted]) -> int:
        """How many engagements :meth:`engagements` would return for these filters."""
        ids_q = self._ids_query(**wanted)
        with self._read() as conn:
            return conn.execute(
                sa.select(sa.func.count()).select_from(ids_q(conn).order_by(None).subquery())
            ).scalar_one()

    def _ids_query(self, **wanted: Unpack[Wanted]) -> Callable[[sa.Connection], sa.Select]:
        """The ordered query of matching event ids (oldest first), built for a connection
        (name and text filters are resolved here, before the reading transaction)."""
        f = self.filters(**wanted)
        return lambda conn: order.oldest_first(filters.event_ids(conn, f))

    def filters(
        self,
        *,
        between: tuple[str, str] | None = None,
        person: str | None = None,
        country: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        track: str | None = None,
        search: str | None = None,
        mode: str | None = None,
        level: str | None = None,
    ) -> filters.Filters:
        """The filters of :meth:`engagements` with names resolved: people to their ids,
        text to a query, dates and level checked."""
        pair: tuple[str, str] | None = None
        countries: list[str] = []
        persons: list[tuple[int, ...]] = []
        if between:
            a, b = between
            if all(ISO3_RE.match(x) or actors.is_actor_code(x) for x in (a, b)):
                pair = (a, b)  # two countries or organisations (JPN EU)
            else:  # two people, or a country (or organisation) and a person
                for who in (a, b):
                    if ISO3_RE.match(who) or actors.is_actor_code(who):
                        countries.append(who)
                    else:
                        persons.append(tuple(self.find_persons(who)))
        if person:
            persons.append(tuple(self.find_persons(person)))
        if country:
            countries.append(country.upper())
        lv = None
        if level:
            lv = levels.parse(level)
            if lv is None:
                raise UsageError(f"unknown level {level!r} (leaders, ministers or officials)")
        return filters.Filters(
            pair=pair,
            countries=tuple(countries),
            persons=tuple(persons),
            since=_day(since),
            until=_day(until),
            track=track or None,
            text=search_mod.parse(search) if search is not None else None,
            mode=mode or None,
            level=lv,
        )

    def describe(self, conn, ids: list[int], *, fields: str = "full") -> list[dict]:  # noqa: ANN001
        """The engagement objects for ``ids`` (in that order) on an open connection."""
        return describe.describe(conn, ids, fields=fields)

    _describe = describe

    def search(self, text: str, *, ids_only: bool = False) -> list:
        """Documents whose title or text match ``text`` (see :mod:`communique.archive.read.search`
        for the query language), best match first; each with a snippet of the matched words."""
        sq = search_mod.parse(text)
        with self._read() as conn:
            rows = search_mod.ranked_documents(conn, sq)
            if ids_only:
                return [r.id for r in rows]
            snips = search_mod.snippets(conn, sq, [r.id for r in rows])
        return [
            {
                "document_id": r.id,
                "source": r.source,
                "title": r.title,
                "published": iso(r.published),
                "snippet": snips.get(r.id),
            }
            for r in rows
        ]

    def failed(self) -> list[dict]:
        """Documents whose extraction failed (:func:`communique.archive.read.documents.failed`)."""
        with self._read() as conn:
            return read_documents.failed(conn)

    def follow_ups(self, *, status: str = "all", as_of: str | dt.date | None = None) -> list[dict]:
        """Promised engagements, each fulfilled (with the event) or open (with its age in days).

        With ``as_of`` given, promises made after that day are left out (they had not been
        made yet), so no age is negative; without it, ages run to today and a promise
        dated after today (a doubtful date) has no age."""
        explicit = as_of is not None
        as_of = _day(as_of) or dt.date.today()
        with self._read() as conn:
            return followups.follow_ups(
                conn, as_of=as_of, status=status, made_by=as_of if explicit else None
            )

    def first_promise(self) -> dt.date | None:
        """The day of the earliest promise (follow-up) in the archive."""
        with self._read() as conn:
            return followups.first_promise(conn)

    def overrule_follow_up(
        self,
        follow_up_id: int,
        *,
        fulfilled_by: int | None = None,
        open_: bool = False,
        auto: bool = False,
        note: str | None = None,
    ) -> dict:
        """An analyst's verdict on a promise: fulfilled by an event, not fulfilled
        (``open_``), or back to the rules (``auto``). Kept across re-extraction (by the
        promising document and the promise's name); returns the follow-up as listed."""
        if sum([fulfilled_by is not None, open_, auto]) != 1:
            raise UsageError("give one of: an event that fulfilled it, open, auto")
        f, e, ov = t.follow_ups, t.engagements, t.follow_up_overrides
        with db.write_tx(self.engine) as conn:
            row = conn.execute(
                sa.select(f.c.name, e.c.document_id)
                .join(e, e.c.id == f.c.engagement_id)
                .where(f.c.id == follow_up_id)
            ).first()
            if row is None:
                raise UsageError(f"no follow-up {follow_up_id} (communique query --follow-ups all)")
            target_doc = target_date = None
            if fulfilled_by is not None:
                acc = conn.execute(
                    sa.select(e.c.document_id, e.c.date)
                    .where(e.c.event_id == fulfilled_by)
                    .order_by(e.c.id)
                    .limit(1)
                ).first()
                if acc is None:
                    raise UsageError(f"no engagement {fulfilled_by}")
                target_doc, target_date = acc.document_id, acc.date
            key = (ov.c.document_id == row.document_id, ov.c.name == (row.name or ""))
            conn.execute(ov.delete().where(*key))
            if not auto:
                conn.execute(
                    ov.insert(),
                    {
                        "document_id": row.document_id,
                        "name": row.name or "",
                        "verdict": "open" if open_ else "fulfilled",
                        "target_document_id": target_doc,
                        "target_date": target_date,
                        "note": note,
                        "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
                    },
                )
            store.bump_data_version(conn)
        self.relink()
        return next(x for x in self.follow_ups() if x["id"] == follow_up_id)

    def audit(self) -> list[dict]:
        with self._read() as conn:
            return audit_mod.audit(conn)

    def person(self, name: str) -> list[dict]:
        """People a name refers to, with their name forms and office history."""
        ids = self.find_persons(name)
        with self._read() as conn:
            return [row for pid in ids if (row := describe.person_row(conn, pid)) is not None]

    # ------------------------------------------------------------------ people: analysts' overrides

    def persons(self, name: str | None = None) -> list[dict]:
        """Every person (or those ``name`` finds): id, name, family name, country, number
        of name forms and of mentions."""
        with self._read() as conn:
            rows = read_persons.every(conn)
        keep = set(self.find_persons(name)) if name else None
        return [r for r in rows if keep is None or r["id"] in keep]

    def person_mentions(self, pid: int) -> list[dict]:
        """Where a person is named (:func:`communique.archive.read.persons.mentions`)."""
        with self._read() as conn:
            return read_persons.mentions(conn, pid)

    def _person_keys(self, ids: list[int]) -> list[str]:
        with self._read() as conn:
            keys = dict(
                conn.execute(
                    sa.select(t.persons.c.id, t.persons.c.key).where(t.persons.c.id.in_(ids))
                ).all()
            )
        missing = [i for i in ids if i not in keys]
        if missing:
            raise UsageError(
                f"no person with id {', '.join(map(str, missing))} (communique people list)"
            )
        return [keys[i] for i in ids]

    def _add_override(self, kind: str, keys: list[str], **cols: object) -> int:
        po = t.person_overrides
        with db.write_tx(self.engine) as conn:
            oid = conn.execute(
                po.insert()
                .values(
                    kind=kind,
                    keys=keys,
                    created_at=dt.datetime.now(dt.UTC),
                    **cols,
                )
                .returning(po.c.id)
            ).scalar_one()
            store.bump_data_version(conn)  # a relink killed half-way is redone by the next
        self.relink()
        return oid

    def merge_persons(self, ids: list[int], *, note: str | None = None) -> dict:
        """Make the people ``ids`` one person, the first (an analyst's override, kept
        across relinking and re-extraction). Returns the override and the merged person."""
        ids = list(dict.fromkeys(int(i) for i in ids))
        if len(ids) < 2:
            raise UsageError("merge needs two or more different person ids")
        keys = self._person_keys(ids)
        into = {people.fold(f) for f in self._forms_of(ids[:1])}
        forms = sorted({people.fold(f) for f in self._forms_of(ids[1:])} - into)
        oid = self._add_override("merge", keys, forms=forms, note=note)
        return {"override": oid, "person": self._person_by_key(keys[0])}

    def _forms_of(self, ids: list[int]) -> list[str]:
        pn = t.person_names
        with self._read() as conn:
            return list(conn.execute(sa.select(pn.c.form).where(pn.c.person_id.in_(ids))).scalars())

    def split_person(
        self,
        pid: int,
        *,
        forms: list[str] = (),  # type: ignore[assignment]
        documents: list[int] = (),  # type: ignore[assignment]
        note: str | None = None,
    ) -> dict:
        """Split off from person ``pid`` the mentions written in one of ``forms`` or made
        in one of ``documents`` as a person of their own (an analyst's override, kept
        across relinking and re-extraction). Returns the override and both people."""
        if not forms and not documents:
            raise UsageError("split needs the name forms (--forms) or documents (--documents)")
        (key,) = self._person_keys([int(pid)])
        mentions = self.person_mentions(int(pid))
        have_forms = {people.fold((m["form"] or "").strip()) for m in mentions if m["form"]}
        have_docs = {m["document_id"] for m in mentions}
        want_forms = [people.fold(f.strip()) for f in forms]
        bad = [f for f, w in zip(forms, want_forms, strict=True) if w not in have_forms]
        if bad:
            known = sorted({m["form"] for m in mentions if m["form"]})
            raise UsageError(
                f"person {pid} is never named {bad[0]!r}; its forms: {'; '.join(known)}"
            )
        bad_docs = [d for d in documents if int(d) not in have_docs]
        if bad_docs:
            raise UsageError(
                f"person {pid} is not named in document {bad_docs[0]}; "
                f"its documents: {', '.join(map(str, sorted(have_docs)))}"
            )
        moving = [
            m
            for m in mentions
            if people.fold((m["form"] or "").strip()) in want_forms
            or m["document_id"] in {int(d) for d in documents}
        ]
        if len(moving) == len(mentions):
            raise UsageError(
                f"that would split off every mention of person {pid}; name a part of them"
            )
        oid = self._add_override(
            "split",
            [key],
            forms=want_forms,
            documents=[int(d) for d in documents],
            note=note,
        )
        return {
            "override": oid,
            "person": self._person_by_key(key),
            "split_off": self._person_by_key(f"{key}#{oid}"),
        }

    def _person_by_key(self, key: str) -> dict | None:
        with self._read() as conn:
            pid = conn.execute(
                sa.select(t.persons.c.id).where(t.persons.c.key == key)
            ).scalar_one_or_none()
            return describe.person_row(conn, pid) if pid is not None else None

    def person_overrides(self) -> list[dict]:
        po = t.person_overrides
        with self._read() as conn:
            rows = conn.execute(sa.select(po).order_by(po.c.id)).mappings().all()
        return [
            {
                "id": r["id"],
                "kind": r["kind"],
                "keys": r["keys"],
                "forms": r["forms"] or [],
                "documents": r["documents"] or [],
                "note": r["note"],
                "created_at": iso(r["created_at"]),
            }
            for r in rows
        ]

    def undo_override(self, oid: int) -> None:
        """Remove an analyst's override; the rules decide again."""
        po = t.person_overrides
        with db.write_tx(self.engine) as conn:
            n = conn.execute(po.delete().where(po.c.id == int(oid))).rowcount
            if n:
                store.bump_data_version(conn)
        if not n:
            raise UsageError(f"no override #{oid} (communique people overrides)")
        self.relink()

    def tracks(self) -> list[dict]:
        """Every track with its members (:func:`communique.archive.read.overview.tracks`)."""
        with self._read() as conn:
            return overview.tracks(conn)
