"""Writing documents and their records, many documents to a transaction.

``ingest_path`` reads a file and extracts it outside any transaction
(:func:`prepare_path`); :func:`write_batch` then writes documents, their extractions
(the whole result JSON) and their engagement rows in ONE write transaction (``ingest``
hands it :data:`~communique.archive.BATCH_SIZE` documents at a time, each statement run
once for all of them), so a killed process keeps whole batches only. A document already
present with the same (content hash, source) is skipped, so ingesting a corpus twice
changes nothing. A file whose extraction fails is stored with its error
(``documents.error``) and no records.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from communique.archive import dating, db, provenance
from communique.archive import schema as t

# extraction in this process lives with the worker that runs it (which starts without
# SQLAlchemy); importable from here as before
from communique.archive.worker import extract_here  # noqa: F401
from communique.errors import CommuniqueError

SUFFIXES = (".txt", ".html", ".htm")


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """``communique.__version__`` plus a hash of the extractor's code and gazetteers."""
    from communique.version import __version__

    h = hashlib.sha256()
    for pkg, pattern in (("communique.extract", "*.py"), ("communique.gazetteer", "*")):
        root = resources.files(pkg)
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if (
                entry.is_file()
                and Path(entry.name).match(pattern)
                and not entry.name.endswith(".pyc")
            ):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def expand_paths(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, None) for files as given and for the .txt/.html files of directories
    (walked, sorted); (path, error line) for what a directory holds but must not be
    read: a FIFO, socket or device (reading one would hang), or a symbolic link leading
    out of the directory (it would read whatever it names)."""
    import stat

    out: list[tuple[str, str | None]] = []
    for p in paths:
        if not os.path.isdir(p):
            out.append((p, None))
            continue
        top = os.path.realpath(p)
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for f in sorted(files):
                if not f.lower().endswith(SUFFIXES):
                    continue
                path = os.path.join(root, f)
                error = None
                try:
                    real = os.path.realpath(path)
                    st = os.stat(path)
                except OSError as e:
                    out.append((path, f"E104 cannot read file: {e.strerror or e}"))
                    continue
                if os.path.commonpath([top, real]) != top:
                    error = f"E104 a symbolic link out of {p} (to {real}); not read"
                elif not stat.S_ISREG(st.st_mode):
                    error = "E104 not a regular file (a FIFO, socket or device); not read"
                out.append((path, error))
    return out


def _date(v) -> dt.date | None:  # noqa: ANN001
    if not v:
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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


#: what a worker process hands the store: (result, the page's canonical URL, error)
Extracted = tuple[dict | None, str | None, str | None]


def extract_content(content: str, source: str, warnings: list[str] | None = None) -> dict:
    return extract_with_url(content, source, warnings)[0]


def extract_with_url(
    content: str, source: str, warnings: list[str] | None = None, *, url_known: bool = True
) -> tuple[dict, str | None]:
    """:func:`extract_here` within the time budget (:mod:`communique.archive.worker`:
    ``E108`` when it takes too long)."""
    from communique.archive.worker import extract_within

    return extract_within(content, source, warnings, url_known=url_known)


def _content_type(content: str) -> str:
    from communique.sources import looks_like_html

    return "text/html" if looks_like_html(content) else "text/plain"


def read_source(path: str) -> tuple[bytes | None, str | None, list[str], str | None]:
    """(raw bytes, decoded content, warnings, error line) for one file."""
    from communique.sources import MAX_INPUT_BYTES, decode_bytes, read_path

    try:
        content, warnings = read_path(path)
    except CommuniqueError as e:
        raw = None
        try:
            if os.path.isfile(path) and os.path.getsize(path) <= MAX_INPUT_BYTES:
                raw = Path(path).read_bytes()
        except OSError:
            raw = None
        e.source = None
        return raw, None, [], e.one_line()
    raw = Path(path).read_bytes()
    # The bytes kept must be the bytes decoded: decode again from them.
    content, warnings = decode_bytes(raw)
    return raw, content, warnings, None


def ingest_bytes(engine: Engine, raw: bytes, source: str) -> Outcome:
    """Store one readout given as bytes with its source (a URL, or a name)."""
    from communique.sources import decode_bytes

    url = source if provenance.is_url(source) else None
    if url is None and os.path.isabs(source):
        source = provenance.location(source, None)  # never a path of this machine
    error = content = None
    warnings: list[str] = []
    try:
        content, warnings = decode_bytes(raw)
    except CommuniqueError as e:
        error = e.one_line()
    return _store_decoded(
        engine,
        source=source,
        url=url,
        label=source,
        raw=raw,
        digest=hashlib.sha256(raw).hexdigest(),
        content=content,
        warnings=warnings,
        error=error,
        content_type=_content_type(content) if content is not None else "application/octet-stream",
        retrieved_at=_now(),
    )


def ingest_path(
    engine: Engine, path: str, *, url: str | None = None, extracted: Extracted | None = None
) -> Outcome:
    """Store one file; ``url`` is the page's public address when known (else the page's
    own canonical URL, else the file name alone is kept, marked as having no URL);
    ``extracted`` is what :func:`extract_with_url` gave for it when a worker process
    extracted it already (:mod:`communique.archive.parallel`)."""
    item = prepare_path(engine, path, url=url, extracted=extracted)
    if isinstance(item, Outcome):
        return item
    return write_batch(engine, [item])[0]


def prepare_path(
    engine: Engine | None,
    path: str,
    *,
    url: str | None = None,
    extracted: Extracted | None = None,
) -> Pending | Outcome:
    """What :func:`ingest_path` writes for a file (read and extracted here unless a
    worker did: ``extracted``), or its outcome when there is nothing to write."""
    if not os.path.exists(path):
        return Outcome(
            provenance.location(path, url), "error", message=f"{path}: E101 file not found"
        )
    raw, content, warnings, error = read_source(path)
    source = provenance.location(path, url)
    if raw is None and error:
        return Outcome(source, "error", message=f"{path}: {error}")
    digest = hashlib.sha256(raw).hexdigest()
    return prepare(
        engine,
        source=source,
        url=url,
        label=path,
        raw=raw,
        digest=digest,
        content=content,
        warnings=warnings,
        error=error,
        content_type=_content_type(content) if content is not None else "application/octet-stream",
        retrieved_at=provenance.file_time(path),
        extracted=extracted,
    )


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
) -> int:
    d = (result or {}).get("document", {})
    text = d.get("text")
    return conn.execute(
        t.documents.insert().returning(t.documents.c.id),
        {
            "source": source,
            "url": url,
            "text_hash": provenance.text_hash(text) if text else None,
            "retrieved_at": retrieved_at,
            "content_hash": content_hash,
            "raw": raw,
            "content_type": content_type,
            "text": d.get("text"),
            "title": d.get("title"),
            "published": _date(d.get("published")),
            "publisher": d.get("publisher"),
            "language": d.get("language"),
            "fetched_at": fetched_at or _now(),
            "error": error,
        },
    ).scalar_one()


def store_extraction(
    conn: Connection, doc_id: int, result: dict, *, version: str | None = None
) -> int:
    """Insert an extraction and make its rows the document's current records."""
    return store_extractions(conn, [(doc_id, result)], version=version)[0]


def store_extractions(
    conn: Connection, items: list[tuple[int, dict]], *, version: str | None = None
) -> list[int]:
    """:func:`store_extraction` for several documents at once: each statement runs once
    for all of them (multi-row inserts), then their dates are completed. How many
    engagements each got."""
    if not items:
        return []
    now, version = _now(), version or extractor_version()
    ext_ids = (
        conn.execute(
            t.extractions.insert().returning(t.extractions.c.id, sort_by_parameter_order=True),
            [
                {"document_id": d, "extractor_version": version, "created_at": now, "result": r}
                for d, r in items
            ],
        )
        .scalars()
        .all()
    )
    insert_records(conn, [(d, x, r) for (d, r), x in zip(items, ext_ids, strict=True)])
    for doc_id, result in items:
        if any(_date(e.get("date")) is None for e in result.get("engagements") or ()):
            dating.fill(conn, doc_id)
    dating.refill_related(conn, [d for d, _r in items])
    return [len(r.get("engagements") or ()) for _d, r in items]


def insert_records(conn: Connection, items: list[tuple[int, int, dict]]) -> int:
    """Rows for the engagements of several extraction results, in bulk.

    ``items`` are (document id, extraction id, result). Also used by the benchmark to
    generate a large archive through the storage layer.
    """
    eng_rows = []
    for doc_id, ext_id, result in items:
        for pos, e in enumerate(result.get("engagements", [])):
            place = e.get("place") or {}
            rnd = e.get("round") or {}
            eng_rows.append(
                {
                    "document_id": doc_id,
                    "extraction_id": ext_id,
                    "position": pos,
                    "name": e.get("name"),
                    "mode": e.get("mode"),
                    "date": _date(e.get("date")),
                    "end_date": _date(e.get("end_date")),
                    "place_name": place.get("name"),
                    "place_country": place.get("country"),
                    "occasion": e.get("occasion"),
                    "duration_minutes": e.get("duration_minutes"),
                    "round_number": rnd.get("number"),
                    "round_of": rnd.get("of"),
                    "_e": e,
                }
            )
    if not eng_rows:
        return 0
    ids = (
        conn.execute(
            t.engagements.insert().returning(t.engagements.c.id, sort_by_parameter_order=True),
            [{k: v for k, v in r.items() if k != "_e"} for r in eng_rows],
        )
        .scalars()
        .all()
    )
    parts, ords, fus, outs, tops = [], [], [], [], []
    for eid, r in zip(ids, eng_rows, strict=True):
        e = r["_e"]
        for i, p in enumerate(e.get("participants", [])):
            span = p.get("span") or [None, None]
            parts.append(
                {
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
            )
        for o in e.get("ordinals", []):
            span = o.get("span") or [None, None]
            ords.append(
                {
                    "engagement_id": eid,
                    "number": o["number"],
                    "scope": o["scope"],
                    "text": o.get("text"),
                    "span_start": span[0],
                    "span_end": span[1],
                }
            )
        for i, f in enumerate(e.get("follow_ups", [])):
            place = f.get("place") or {}
            fus.append(
                {
                    "engagement_id": eid,
                    "position": i,
                    "name": f.get("name"),
                    "date": _date(f.get("date")),
                    "date_text": f.get("date_text"),
                    "place_name": place.get("name"),
                    "place_country": place.get("country"),
                    "participants": f.get("participants") or [],
                }
            )
        for i, o in enumerate(e.get("outcomes", [])):
            outs.append(
                {
                    "engagement_id": eid,
                    "position": i,
                    "kind": o.get("kind"),
                    "text": o.get("text"),
                    "actors": o.get("actors") or [],
                    "topic": o.get("topic"),
                }
            )
        for i, topic in enumerate(e.get("topics", [])):
            tops.append({"engagement_id": eid, "position": i, "topic": topic})
    for table, rows in (
        (t.participants, parts),
        (t.ordinals, ords),
        (t.follow_ups, fus),
        (t.outcomes, outs),
        (t.topics, tops),
    ):
        if rows:
            conn.execute(table.insert(), rows)
    return len(ids)


def reextract_document(
    engine: Engine, doc_id: int, *, extracted: Extracted | None = None
) -> Outcome:
    """Re-run the current extractor over one stored document's raw content (or take what
    a worker process extracted: ``extracted``)."""
    from communique.fetch.content import decode_document

    with db.read_tx(engine) as conn:
        row = conn.execute(
            sa.select(
                t.documents.c.source,
                t.documents.c.url,
                t.documents.c.raw,
                t.documents.c.content_type,
                t.documents.c.superseded_by,
            ).where(t.documents.c.id == doc_id)
        ).one()
        last = conn.execute(
            sa.select(t.extractions.c.extractor_version, t.extractions.c.result)
            .where(t.extractions.c.document_id == doc_id)
            .order_by(t.extractions.c.id.desc())
            .limit(1)
        ).first()
    version = extractor_version()
    if row.raw is None:
        return Outcome(row.source, "present", document_id=doc_id, message="no raw content kept")
    if row.superseded_by is not None:
        return Outcome(row.source, "present", document_id=doc_id, message="an older version")
    error = result = None
    if extracted is not None:
        result, _canonical, error = extracted
    else:
        try:
            content, warnings = decode_document(row.raw, row.content_type)
            result = extract_with_url(content, row.source, warnings, url_known=row.url is not None)[
                0
            ]
        except CommuniqueError as e:
            error = e.one_line()
        except Exception as e:
            error = f"E301 internal error: {type(e).__name__}: {e}"
    if (
        result is not None
        and last is not None
        and last.extractor_version == version
        and last.result == result
    ):
        return Outcome(row.source, "present", document_id=doc_id)
    with db.write_tx(engine) as conn:
        if result is None:
            conn.execute(t.documents.update().where(t.documents.c.id == doc_id).values(error=error))
            bump_data_version(conn)
            return Outcome(
                row.source, "failed", document_id=doc_id, message=f"{row.source}: {error}"
            )
        conn.execute(t.engagements.delete().where(t.engagements.c.document_id == doc_id))
        d = result["document"]
        conn.execute(
            t.documents.update()
            .where(t.documents.c.id == doc_id)
            .values(
                text=d.get("text"),
                text_hash=provenance.text_hash(d["text"]) if d.get("text") else None,
                title=d.get("title"),
                published=_date(d.get("published")),
                publisher=d.get("publisher"),
                language=d.get("language"),
                error=None,
            )
        )
        n = store_extraction(conn, doc_id, result, version=version)
        bump_data_version(conn)
    return Outcome(row.source, "stored", document_id=doc_id, engagements=n)


# ---------------------------------------------------------------- fetched content


def ingest_content(
    engine: Engine,
    data: bytes,
    *,
    source: str,
    content_type: str | None,
    http: dict | None = None,
    extracted: Extracted | None = None,
) -> Outcome:
    """Store fetched bytes (a page or a PDF) like :func:`ingest_path` stores a file
    (``extracted``: what a worker process extracted from them already,
    :func:`communique.archive.parallel.extract_fetched`).

    The raw bytes are kept with their content type (charset included when it fits),
    so ``reextract`` decodes them again the same way and never refetches. Idempotent
    by (content hash, source). ``http`` (see
    :func:`communique.fetch.state.record_fetch`) is written as the URL's fetch state
    in the same transaction as the document.
    """
    from communique.fetch import content as fc

    digest = hashlib.sha256(data).hexdigest()
    error = text = None
    warnings: list[str] = []
    kind = "html"
    stored_type = fc.stored_content_type(kind, content_type)
    try:
        kind = fc.kind_of(data, content_type)
        if kind == "xml":
            raise fc.UnsupportedContent("a feed or sitemap, not a readout (use communique crawl)")
        stored_type = fc.stored_content_type(kind, content_type)
        text, warnings = fc.decode_document(data, stored_type)
    except fc.UnsupportedContent as e:
        return Outcome(source, "error", message=f"{source}: {e}")
    except CommuniqueError as e:
        error = e.one_line()
    if kind == "text" and text is not None:
        from communique.sources import looks_like_html

        if looks_like_html(text):
            stored_type = fc.stored_content_type("html", content_type)
    return _store_decoded(
        engine,
        source=source,
        url=source if provenance.is_url(source) else None,
        label=source,
        raw=data,
        digest=digest,
        content=text,
        warnings=warnings,
        error=error,
        content_type=stored_type,
        http=http,
        retrieved_at=_now(),
        extracted=extracted,
    )


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


def _store_decoded(
    engine: Engine,
    *,
    source: str,
    label: str,
    raw: bytes,
    digest: str,
    content: str | None,
    warnings: list[str],
    error: str | None,
    content_type: str,
    http: dict | None = None,
    url: str | None = None,
    retrieved_at: dt.datetime | None = None,
    extracted: Extracted | None = None,
) -> Outcome:
    """Extract (outside any transaction, unless a worker did: ``extracted``) and write
    one document with its records (:func:`write_batch`)."""
    item = prepare(
        engine,
        source=source,
        label=label,
        raw=raw,
        digest=digest,
        content=content,
        warnings=warnings,
        error=error,
        content_type=content_type,
        http=http,
        url=url,
        retrieved_at=retrieved_at,
        extracted=extracted,
    )
    if isinstance(item, Outcome):
        return item
    return write_batch(engine, [item])[0]


def prepare(
    engine: Engine | None,
    *,
    source: str,
    label: str,
    raw: bytes,
    digest: str,
    content: str | None,
    warnings: list[str],
    error: str | None,
    content_type: str,
    http: dict | None = None,
    url: str | None = None,
    retrieved_at: dt.datetime | None = None,
    extracted: Extracted | None = None,
) -> Pending | Outcome:
    """What to write for one document, or its outcome when there is nothing to write:
    the same bytes at the same location already present (looked up first when
    ``engine`` is given and nothing was extracted yet, so a second ingest extracts
    nothing)."""
    if engine is not None and extracted is None:
        with db.read_tx(engine) as conn:
            existing = _find(conn, digest, source)
        if existing is not None:
            if http is not None:
                from communique.fetch.state import record_fetch

                with db.write_tx(engine) as conn:
                    record_fetch(conn, http, document_id=existing, content_hash=digest)
            return Outcome(source, "present", document_id=existing)
    result = canonical = None
    if error is None and extracted is not None:
        result, canonical, error = extracted
    elif error is None:
        try:
            result, canonical = extract_with_url(content, source, warnings, url_known=bool(url))
        except CommuniqueError as e:
            error = e.one_line()
        except Exception as e:  # an extractor bug: keep the document and the error
            error = f"E301 internal error: {type(e).__name__}: {e}"
    if url is None and canonical:
        url = canonical
        source = canonical
        retrieved_at = None  # a saved page's time is not when its URL was read
    return Pending(source, label, raw, digest, content_type, url, retrieved_at, result, error, http)


def write_batch(engine: Engine, items: list[Pending]) -> list[Outcome]:
    """Write documents in ONE write transaction, in order; their outcomes.

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
            outcome, wrote = _write(conn, item, records, counts)
            outcomes.append(outcome)
            changed = changed or wrote
        counts.update(zip(records, store_extractions(conn, list(records.items())), strict=True))
        for o in outcomes:
            if o.status == "stored" and o.document_id in counts:
                o.engagements = counts[o.document_id]
        if changed:
            bump_data_version(conn)
    return outcomes


def _write(
    conn: Connection, item: Pending, records: dict[int, dict], counts: dict[int, int]
) -> tuple[Outcome, bool]:
    """One document of :func:`write_batch` (its records left in ``records``, written
    with the batch's); whether it changed the archive."""
    source, digest, url = item.source, item.digest, item.url

    def keep_state(doc_id: int) -> None:
        if item.http is not None:
            from communique.fetch.state import record_fetch

            record_fetch(conn, item.http, document_id=doc_id, content_hash=digest)

    existing = _find(conn, digest, source)  # again under the lock (a concurrent ingest)
    if existing is not None:
        keep_state(existing)
        return Outcome(source, "present", document_id=existing), False
    text = (item.result or {}).get("document", {}).get("text")
    th = provenance.text_hash(text) if text and text.strip() else None
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
    )
    if item.result is not None:
        records[doc_id] = item.result
    if older is not None:
        if older in records:  # an older version in this batch: written first, as alone
            (counts[older],) = store_extractions(conn, [(older, records.pop(older))])
        supersede(conn, older, doc_id)
    keep_state(doc_id)
    if item.error:
        msg = f"{item.label}: {item.error}"
        return Outcome(source, "failed", document_id=doc_id, message=msg), True
    msg = f"a newer version of document {older}" if older is not None else None
    return Outcome(source, "stored", document_id=doc_id, message=msg), True
