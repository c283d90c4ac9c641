"""Writing documents and their records, many documents to a transaction: the archive's
half of the ingest path (:mod:`communique.ingest` reads, decodes and extracts; this
module only persists what it is handed).

:func:`write_batch` writes documents (:class:`Pending`: read and extracted outside any
transaction), their extractions (the whole result JSON) and their engagement rows in ONE
write transaction (``ingest`` hands it :data:`~communique.archive.BATCH_SIZE` documents
at a time, each statement run once for all of them), so a killed process keeps whole
batches only. A document already present with the same (content hash, source) is
skipped, so ingesting a corpus twice changes nothing. A file whose extraction failed is
stored with its error (``documents.error``) and no records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from communique.archive import crawlstate, dating, db, provenance
from communique.archive import schema as t
from communique.util.dates import as_date, now

#: the old private name of :func:`communique.util.dates.now` (the benchmarks use it)
_now = now


@dataclass
class Outcome:
    source: str
    status: str  # "stored", "failed", "present", "error"
    document_id: int | None = None
    message: str | None = None
    engagements: int = 0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def _find(conn: Connection, digest: str, source: str) -> int | None:
    """The document these bytes at this location were stored as (itself or an alias)."""
    doc = conn.execute(
        sa.select(t.documents.c.id).where(
            t.documents.c.content_hash == digest, t.documents.c.source == source
        )
    ).scalar()
    if doc is not None:
        return doc
    return conn.execute(
        sa.select(t.document_aliases.c.document_id).where(
            t.document_aliases.c.content_hash == digest, t.document_aliases.c.location == source
        )
    ).scalar()


def _same_text(conn: Connection, th: str | None) -> int | None:
    """The current document with this normalised text, if any."""
    if th is None:
        return None
    return conn.execute(
        sa.select(t.documents.c.id)
        .where(t.documents.c.text_hash == th, t.documents.c.superseded_by.is_(None))
        .order_by(t.documents.c.id)
        .limit(1)
    ).scalar()


def _at_url(conn: Connection, url: str | None) -> int | None:
    """The current document at this URL, if any."""
    if not url:
        return None
    return conn.execute(
        sa.select(t.documents.c.id)
        .where(t.documents.c.url == url, t.documents.c.superseded_by.is_(None))
        .order_by(t.documents.c.id.desc())
        .limit(1)
    ).scalar()


def add_alias(
    conn: Connection,
    doc_id: int,
    *,
    source: str,
    url: str | None,
    digest: str,
    retrieved_at: dt.datetime | None,
) -> None:
    """Keep another location of a document's text; a URL learnt this way becomes the
    document's own when it had none."""
    conn.execute(
        t.document_aliases.insert(),
        {
            "document_id": doc_id,
            "location": source,
            "url": url,
            "content_hash": digest,
            "retrieved_at": retrieved_at,
        },
    )
    if url:
        row = conn.execute(
            sa.select(t.documents.c.url, t.documents.c.source).where(t.documents.c.id == doc_id)
        ).one()
        if row.url is None:
            conn.execute(
                t.documents.update()
                .where(t.documents.c.id == doc_id)
                .values(url=url, source=url, retrieved_at=retrieved_at)
            )
            dating.fill(conn, doc_id)  # the URL may give the year of a day in the text


def supersede(conn: Connection, old_id: int, new_id: int) -> None:
    """A newer version of the page at the same URL replaces the old version's records;
    the old version keeps its text, raw bytes and extractions (the history)."""
    conn.execute(t.engagements.delete().where(t.engagements.c.document_id == old_id))
    conn.execute(
        t.documents.update().where(t.documents.c.id == old_id).values(superseded_by=new_id)
    )


def bump_data_version(conn: Connection) -> None:
    conn.execute(
        t.archive_state.update()
        .where(t.archive_state.c.key == "data_version")
        .values(value=t.archive_state.c.value + 1)
    )


def text_hash_of(result: dict | None) -> str | None:
    """The hash of an extraction's normalised text (:func:`provenance.text_hash`), None
    when it has no text but blanks."""
    text = (result or {}).get("document", {}).get("text")
    return provenance.text_hash(text) if text and text.strip() else None


def document_values(result: dict | None, text_hash: str | None = None) -> dict:
    """The columns of ``documents`` an extraction result gives (its text and metadata;
    ``text_hash`` when it was computed already)."""
    d = (result or {}).get("document", {})
    text = d.get("text")
    return {
        "text": text,
        "text_hash": text_hash or (provenance.text_hash(text) if text else None),
        "title": d.get("title"),
        "published": as_date(d.get("published")),
        "publisher": d.get("publisher"),
        "language": d.get("language"),
    }


def insert_document(
    conn: Connection,
    *,
    source: str,
    content_hash: str,
    raw: bytes | None,
    content_type: str | None,
    result: dict | None,
    error: str | None,
    fetched_at: dt.datetime | None = None,
    url: str | None = None,
    retrieved_at: dt.datetime | None = None,
    text_hash: str | None = None,
) -> int:
    return conn.execute(
        t.documents.insert().returning(t.documents.c.id),
        {
            "source": source,
            "url": url,
            "retrieved_at": retrieved_at,
            "content_hash": content_hash,
            "raw": raw,
            "content_type": content_type,
            **document_values(result, text_hash),
            "fetched_at": fetched_at or now(),
            "error": error,
        },
    ).scalar_one()


def store_extraction(conn: Connection, doc_id: int, result: dict, *, version: str) -> int:
    """Insert an extraction and make its rows the document's current records."""
    return store_extractions(conn, [(doc_id, result)], version=version)[0]


def store_extractions(
    conn: Connection, items: list[tuple[int, dict]], *, version: str
) -> list[int]:
    """:func:`store_extraction` for several documents at once (``version``: the
    extractor's, :func:`communique.ingest.path.extractor_version`): each statement runs
    once for all of them (multi-row inserts), then their dates are completed. How many
    engagements each got."""
    if not items:
        return []
    created = now()
    ext_ids = (
        conn.execute(
            t.extractions.insert().returning(t.extractions.c.id, sort_by_parameter_order=True),
            [
                {"document_id": d, "extractor_version": version, "created_at": created, "result": r}
                for d, r in items
            ],
        )
        .scalars()
        .all()
    )
    insert_records(conn, [(d, x, r) for (d, r), x in zip(items, ext_ids, strict=True)])
    for doc_id, result in items:
        if any(as_date(e.get("date")) is None for e in result.get("engagements") or ()):
            dating.fill(conn, doc_id)
    dating.refill_related(conn, [d for d, _r in items])
    return [len(r.get("engagements") or ()) for _d, r in items]


def _engagement_row(doc_id: int, ext_id: int, pos: int, e: dict) -> dict:
    place = e.get("place") or {}
    rnd = e.get("round") or {}
    return {
        "document_id": doc_id,
        "extraction_id": ext_id,
        "position": pos,
        "name": e.get("name"),
        "mode": e.get("mode"),
        "date": as_date(e.get("date")),
        "end_date": as_date(e.get("end_date")),
        "place_name": place.get("name"),
        "place_country": place.get("country"),
        "occasion": e.get("occasion"),
        "duration_minutes": e.get("duration_minutes"),
        "round_number": rnd.get("number"),
        "round_of": rnd.get("of"),
    }


def _participants(eid: int, e: dict) -> Iterator[dict]:
    for i, p in enumerate(e.get("participants", [])):
        span = p.get("span") or [None, None]
        yield {
            "engagement_id": eid,
            "position": i,
            "name": p.get("name"),
            "family_name": p.get("family_name"),
            "title": p.get("title"),
            "country": p.get("country"),
            "country_reason": p.get("country_reason"),
            "organization": p.get("organization"),
            "span_start": span[0],
            "span_end": span[1],
        }


def _ordinals(eid: int, e: dict) -> Iterator[dict]:
    for o in e.get("ordinals", []):
        span = o.get("span") or [None, None]
        yield {
            "engagement_id": eid,
            "number": o["number"],
            "scope": o["scope"],
            "text": o.get("text"),
            "span_start": span[0],
            "span_end": span[1],
        }


def _follow_ups(eid: int, e: dict) -> Iterator[dict]:
    for i, f in enumerate(e.get("follow_ups", [])):
        place = f.get("place") or {}
        yield {
            "engagement_id": eid,
            "position": i,
            "name": f.get("name"),
            "date": as_date(f.get("date")),
            "date_text": f.get("date_text"),
            "place_name": place.get("name"),
            "place_country": place.get("country"),
            "participants": f.get("participants") or [],
        }


def _outcomes(eid: int, e: dict) -> Iterator[dict]:
    for i, o in enumerate(e.get("outcomes", [])):
        yield {
            "engagement_id": eid,
            "position": i,
            "kind": o.get("kind"),
            "text": o.get("text"),
            "actors": o.get("actors") or [],
            "topic": o.get("topic"),
        }


def _topics(eid: int, e: dict) -> Iterator[dict]:
    for i, topic in enumerate(e.get("topics", [])):
        yield {"engagement_id": eid, "position": i, "topic": topic}


#: the tables under an engagement, and the rows an extracted engagement gives each
_UNDER_ENGAGEMENTS: tuple[tuple[sa.Table, Callable[[int, dict], Iterator[dict]]], ...] = (
    (t.participants, _participants),
    (t.ordinals, _ordinals),
    (t.follow_ups, _follow_ups),
    (t.outcomes, _outcomes),
    (t.topics, _topics),
)


def insert_records(conn: Connection, items: list[tuple[int, int, dict]]) -> int:
    """Rows for the engagements of several extraction results, in bulk.

    ``items`` are (document id, extraction id, result). Also used by the benchmark to
    generate a large archive through the storage layer.
    """
    extracted = [
        (_engagement_row(doc_id, ext_id, pos, e), e)
        for doc_id, ext_id, result in items
        for pos, e in enumerate(result.get("engagements", []))
    ]
    if not extracted:
        return 0
    ids = (
        conn.execute(
            t.engagements.insert().returning(t.engagements.c.id, sort_by_parameter_order=True),
            [row for row, _e in extracted],
        )
        .scalars()
        .all()
    )
    for table, rows_of in _UNDER_ENGAGEMENTS:
        rows = [r for eid, (_row, e) in zip(ids, extracted, strict=True) for r in rows_of(eid, e)]
        if rows:
            conn.execute(table.insert(), rows)
    return len(ids)


@dataclass
class Pending:
    """A document read (and extracted) outside any transaction, ready to be written."""

    source: str
    label: str
    raw: bytes
    digest: str
    content_type: str
    url: str | None
    retrieved_at: dt.datetime | None
    result: dict | None
    error: str | None
    http: dict | None = None
    #: the page's own URL (``<link rel="canonical">``) the extraction found
    canonical: str | None = None
    #: :func:`text_hash_of` the result, computed where it was extracted (a worker
    #: process), not by the one process that writes
    text_hash: str | None = None


def write_batch(engine: Engine, items: list[Pending], *, version: str) -> list[Outcome]:
    """Write documents in ONE write transaction, in order (``version``: the extractor's
    that extracted them); their outcomes.

    The same bytes at the same location are already present; the same normalised text
    as a current document is that document (this location is kept as its alias, with no
    second record); a different text at the URL of a current document is a newer
    version of it (:func:`supersede`). The records of the new documents are inserted
    together at the end (:func:`store_extractions`), so the transaction holds whole
    documents or none: a process killed in it leaves the archive as it was before."""
    with db.write_tx(engine) as conn:
        outcomes: list[Outcome] = []
        records: dict[int, dict] = {}  # new document id -> its extraction, in order
        counts: dict[int, int] = {}  # document id -> engagements written
        changed = False
        for item in items:
            outcome, wrote = _write(conn, item, records, counts, version)
            outcomes.append(outcome)
            changed = changed or wrote
        stored = store_extractions(conn, list(records.items()), version=version)
        counts.update(zip(records, stored, strict=True))
        for o in outcomes:
            if o.status == "stored" and o.document_id in counts:
                o.engagements = counts[o.document_id]
        if changed:
            bump_data_version(conn)
    return outcomes


def _write(
    conn: Connection,
    item: Pending,
    records: dict[int, dict],
    counts: dict[int, int],
    version: str,
) -> tuple[Outcome, bool]:
    """One document of :func:`write_batch` (its records left in ``records``, written
    with the batch's); whether it changed the archive."""
    source, digest, url = item.source, item.digest, item.url

    def keep_state(doc_id: int) -> None:
        if item.http is not None:
            crawlstate.record_fetch(conn, item.http, document_id=doc_id, content_hash=digest)

    existing = _find(conn, digest, source)  # again under the lock (a concurrent ingest)
    if existing is not None:
        keep_state(existing)
        return Outcome(source, "present", document_id=existing), False
    th = item.text_hash or text_hash_of(item.result)
    same = _same_text(conn, th)
    if same is not None:
        add_alias(conn, same, source=source, url=url, digest=digest, retrieved_at=item.retrieved_at)
        keep_state(same)
        msg = f"same text as document {same}"
        return Outcome(source, "present", document_id=same, message=msg), True
    older = _at_url(conn, url)
    doc_id = insert_document(
        conn,
        source=source,
        content_hash=digest,
        raw=item.raw,
        content_type=item.content_type,
        result=item.result,
        error=item.error,
        url=url,
        retrieved_at=item.retrieved_at,
        text_hash=th,
    )
    if item.result is not None:
        records[doc_id] = item.result
    if older is not None:
        if older in records:  # an older version in this batch: written first, as alone
            (counts[older],) = store_extractions(
                conn, [(older, records.pop(older))], version=version
            )
        supersede(conn, older, doc_id)
    keep_state(doc_id)
    if item.error:
        msg = f"{item.label}: {item.error}"
        return Outcome(source, "failed", document_id=doc_id, message=msg), True
    msg = f"a newer version of document {older}" if older is not None else None
    return Outcome(source, "stored", document_id=doc_id, message=msg), True


def present(engine: Engine, digest: str, source: str, http: dict | None = None) -> int | None:
    """The document these bytes at this location were stored as, looked up before
    extracting them (so a second ingest extracts nothing); a fetched page's state
    (``http``, :func:`communique.archive.crawlstate.record_fetch`) is recorded on it."""
    with db.read_tx(engine) as conn:
        existing = _find(conn, digest, source)
    if existing is not None and http is not None:
        with db.write_tx(engine) as conn:
            crawlstate.record_fetch(conn, http, document_id=existing, content_hash=digest)
    return existing


@dataclass
class Stored:
    """What re-extracting a stored document starts from."""

    id: int
    source: str
    url: str | None
    raw: bytes | None
    content_type: str | None
    superseded_by: int | None
    #: (extractor version, result) of its latest extraction, if any
    last: tuple[str, dict] | None = None


def stored(engine: Engine, doc_id: int, *, last: bool = False) -> Stored:
    """A stored document's raw content (with its latest extraction when ``last``)."""
    d, x = t.documents, t.extractions
    with db.read_tx(engine) as conn:
        row = conn.execute(
            sa.select(d.c.source, d.c.url, d.c.raw, d.c.content_type, d.c.superseded_by).where(
                d.c.id == doc_id
            )
        ).one()
        latest = None
        if last:
            latest = conn.execute(
                sa.select(x.c.extractor_version, x.c.result)
                .where(x.c.document_id == doc_id)
                .order_by(x.c.id.desc())
                .limit(1)
            ).first()
    kept = (latest.extractor_version, latest.result) if latest is not None else None
    return Stored(doc_id, row.source, row.url, row.raw, row.content_type, row.superseded_by, kept)


def document_ids(engine: Engine) -> list[int]:
    """Every stored document's id, in order."""
    with db.read_tx(engine) as conn:
        return list(conn.execute(sa.select(t.documents.c.id).order_by(t.documents.c.id)).scalars())


def rewrite(
    engine: Engine, doc: Stored, result: dict | None, error: str | None, *, version: str
) -> Outcome:
    """Replace a document's records with a new extraction (``result``), or keep its
    error when there is none, in one transaction."""
    with db.write_tx(engine) as conn:
        if result is None:
            conn.execute(t.documents.update().where(t.documents.c.id == doc.id).values(error=error))
            bump_data_version(conn)
            msg = f"{doc.source}: {error}"
            return Outcome(doc.source, "failed", document_id=doc.id, message=msg)
        conn.execute(t.engagements.delete().where(t.engagements.c.document_id == doc.id))
        conn.execute(
            t.documents.update()
            .where(t.documents.c.id == doc.id)
            .values(**document_values(result), error=None)
        )
        n = store_extraction(conn, doc.id, result, version=version)
        bump_data_version(conn)
    return Outcome(doc.source, "stored", document_id=doc.id, engagements=n)
