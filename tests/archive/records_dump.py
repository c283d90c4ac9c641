"""What an ingest stored, in storage order, without the times of storing: documents,
their extraction results, engagements and participants (with the events and people
linking gave them). Two ingests of the same inputs in the same order must give equal
dumps, however the extraction was spread over processes."""

from __future__ import annotations

import sqlalchemy as sa

QUERIES = {
    "documents": "SELECT id, source, content_hash, content_type, title, published, publisher, "
    "language, error, text FROM documents ORDER BY id",
    "extractions": "SELECT id, document_id, extractor_version, result FROM extractions ORDER BY id",
    "engagements": "SELECT id, document_id, extraction_id, position, name, mode, date, end_date, "
    "place_name, place_country, occasion, duration_minutes, round_number, round_of, event_id "
    "FROM engagements ORDER BY id",
    "participants": "SELECT engagement_id, position, name, family_name, title, country, "
    "organization, span_start, span_end, person_id FROM participants "
    "ORDER BY engagement_id, position",
}


def records(url: str) -> dict[str, list[tuple]]:
    from communique.archive import db

    eng = db.create_engine(url)
    try:
        with eng.connect() as conn:
            return {
                name: [tuple(repr(v) for v in row) for row in conn.execute(sa.text(q))]
                for name, q in QUERIES.items()
            }
    finally:
        eng.dispose()
