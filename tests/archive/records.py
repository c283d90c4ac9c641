"""Hand-written engagement records (schema-shaped) for the linking tests, and a helper
that stores them through the storage layer as if extracted from a document."""

from __future__ import annotations

import hashlib
import itertools

from communique.archive import db, store

_n = itertools.count(1)


def person(name, family, title, country):  # noqa: ANN001, ANN201
    return {
        "name": name,
        "family_name": family,
        "title": title,
        "country": country,
        "organization": None,
    }


def engagement(date, participants, **kw):  # noqa: ANN001, ANN201
    e = {
        "name": kw.pop("name", None),
        "mode": kw.pop("mode", "in_person"),
        "date": date,
        "end_date": None,
        "place": kw.pop("place", None),
        "occasion": kw.pop("occasion", None),
        "duration_minutes": kw.pop("duration_minutes", None),
        "participants": participants,
        "round": kw.pop("round", None),
        "ordinals": kw.pop("ordinals", []),
        "topics": kw.pop("topics", []),
        "outcomes": kw.pop("outcomes", []),
        "follow_ups": kw.pop("follow_ups", []),
    }
    assert not kw, kw
    return e


def add_document(archive, engagements, *, publisher="JPN", published=None, source=None, title=None):  # noqa: ANN001, ANN201
    n = next(_n)
    source = source or f"fixture://{n}"
    result = {
        "document": {
            "source": source,
            "title": title or f"fixture {n}",
            "published": published or (engagements[0]["date"] if engagements else None),
            "publisher": publisher,
            "language": "en",
            "text": f"fixture document {n}",
        },
        "engagements": engagements,
        "warnings": [],
    }
    raw = f"fixture {n} {source}".encode()
    with db.write_tx(archive.engine) as conn:
        doc_id = store.insert_document(
            conn,
            source=source,
            content_hash=hashlib.sha256(raw).hexdigest(),
            raw=raw,
            content_type="text/plain",
            result=result,
            error=None,
        )
        store.store_extraction(conn, doc_id, result, version="fixture")
        store.bump_data_version(conn)
    return doc_id


KONO = person("Taro Kono", "Kono", "Minister for Foreign Affairs of Japan", "JPN")
LAVROV = person(
    "Sergey Viktorovich Lavrov",
    "Lavrov",
    "Minister of Foreign Affairs of the Russian Federation",
    "RUS",
)
