"""Documents as the reader lists them: one with its text, the documents of events, an account's
text beside its record, and the citation fields of each.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import provenance
from communique.archive import schema as t
from communique.util.dates import iso


def _provenance(r) -> dict:  # noqa: ANN001
    """The URL (None when no URL is known), retrieval time and a ready citation."""
    return {
        "url": r.url,
        "retrieved": iso(r.retrieved_at),
        "citation": provenance.citation(
            publisher=r.publisher,
            url=r.url,
            source=r.source,
            title=r.title,
            published=r.published,
            retrieved=r.retrieved_at,
        ),
    }


def accounts_of(conn: Connection, event_id: int) -> list[dict]:
    """Each account of an event: its extraction record and its document's text."""
    e, d, x = t.engagements, t.documents, t.extractions
    rows = conn.execute(
        sa.select(
            e.c.id,
            e.c.position,
            e.c.document_id,
            d.c.source,
            d.c.title,
            d.c.published,
            d.c.publisher,
            d.c.text,
            d.c.url,
            d.c.retrieved_at,
            x.c.result,
        )
        .join(d, d.c.id == e.c.document_id)
        .join(x, x.c.id == e.c.extraction_id)
        .where(e.c.event_id == event_id)
        .order_by(e.c.id)
    ).all()
    out = []
    for r in rows:
        result = r.result or {}
        engs = result.get("engagements") or []
        record = engs[r.position] if r.position < len(engs) else {}
        out.append(
            {
                "engagement_id": r.id,
                "document_id": r.document_id,
                "source": r.source,
                "title": r.title,
                "published": iso(r.published),
                "publisher": r.publisher,
                **_provenance(r),
                "text": r.text or (result.get("document") or {}).get("text") or "",
                "record": record,
            }
        )
    return out


def document(conn: Connection, doc_id: int) -> dict | None:
    d = t.documents
    r = conn.execute(
        sa.select(
            d.c.id,
            d.c.source,
            d.c.title,
            d.c.published,
            d.c.publisher,
            d.c.language,
            d.c.text,
            d.c.error,
            d.c.url,
            d.c.retrieved_at,
            d.c.superseded_by,
        ).where(d.c.id == doc_id)
    ).first()
    if r is None:
        return None
    return {
        "document_id": r.id,
        "source": r.source,
        "title": r.title,
        "published": iso(r.published),
        "publisher": r.publisher,
        **_provenance(r),
        "superseded_by": r.superseded_by,
        "aliases": [
            {"location": a.location, "url": a.url}
            for a in conn.execute(
                sa.select(t.document_aliases.c.location, t.document_aliases.c.url)
                .where(t.document_aliases.c.document_id == doc_id)
                .order_by(t.document_aliases.c.id)
            )
        ],
        "language": r.language,
        "error": r.error,
        "text": r.text,
        "events": events_of_document(conn, doc_id),
    }


def documents_of(
    conn: Connection, ids: sa.Select | list[int], *, limit: int | None = 50
) -> list[dict]:
    """The documents that tell the given events, newest first."""
    d, e = t.documents, t.engagements
    doc_ids = sa.select(e.c.document_id).where(e.c.event_id.in_(ids)).distinct()
    rows = conn.execute(
        sa.select(d.c.id, d.c.source, d.c.title, d.c.published, d.c.publisher)
        .where(d.c.id.in_(doc_ids))
        .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id.desc())
        .limit(limit)
    ).all()
    return [
        {
            "document_id": r.id,
            "source": r.source,
            "title": r.title,
            "published": iso(r.published),
            "publisher": r.publisher,
        }
        for r in rows
    ]


def documents_by_id(conn: Connection, ids: list[int]) -> list[dict]:
    """Documents' ids, sources, titles and dates, in the order of ``ids``."""
    d = t.documents
    rows = {
        r.id: r
        for r in conn.execute(
            sa.select(d.c.id, d.c.source, d.c.title, d.c.published).where(d.c.id.in_(ids))
        )
    }
    return [
        {"document_id": r.id, "source": r.source, "title": r.title, "published": iso(r.published)}
        for i in ids
        if (r := rows.get(i)) is not None
    ]


def documents_of_events(conn: Connection, event_ids: list[int]) -> list[int]:
    """The documents telling each of ``event_ids``, in that order of events."""
    e = t.engagements
    by_event: dict[int, list[int]] = defaultdict(list)
    for k in range(0, len(event_ids), 900):
        part = event_ids[k : k + 900]
        for evid, doc in conn.execute(
            sa.select(e.c.event_id, e.c.document_id).where(e.c.event_id.in_(part)).order_by(e.c.id)
        ):
            by_event[evid].append(doc)
    return [d for i in event_ids for d in by_event.get(i, [])]


def events_of_document(conn: Connection, doc_id: int) -> list[int]:
    """The events a document tells, by id."""
    e = t.engagements
    q = sa.select(e.c.event_id).where(e.c.document_id == doc_id, e.c.event_id.is_not(None))
    return sorted(set(conn.execute(q.distinct()).scalars()))


def failed(conn: Connection) -> list[dict]:
    """Documents whose extraction failed, by id: source, error and when fetched."""
    d = t.documents
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
            "fetched_at": iso(r.fetched_at),
        }
        for r in rows
    ]
