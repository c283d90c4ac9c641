"""The one ingest path, for one document: its bytes decoded once → a
:class:`~communique.document.Document` → the extraction (:mod:`.worker`, within a time
budget) → a :class:`~communique.archive.store.Pending` that the archive writes
(:func:`communique.archive.store.write_batch`); linking follows per batch
(:mod:`communique.ingest.api`).

A file (:func:`prepare_file`), bytes given with a source (``POST /api/ingest``,
:func:`prepare_bytes`), a fetched page (:func:`prepare_page`) and a stored document
(``reextract``, :func:`extract_stored`) each come in here; what they prepare is what a
worker process (:mod:`.parallel`) or a Dask task prepares for them, so the archive is
the same however many processes extracted it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import stat
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy.engine import Engine

from communique.archive import provenance, store
from communique.archive.store import Outcome, Pending
from communique.errors import CommuniqueError
from communique.fetch import content as fc
from communique.fetch.crawl import Page
from communique.fetch.links import canonical_link
from communique.ingest.worker import extract_within
from communique.sources import MAX_INPUT_BYTES, decode_bytes, looks_like_html, read_path_bytes
from communique.util.dates import now
from communique.version import __version__

SUFFIXES = (".txt", ".html", ".htm")

#: what an extraction gives: (result, the page's canonical URL, error)
Extracted = tuple[dict | None, str | None, str | None]


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """``communique.__version__`` plus a hash of the extractor's code and gazetteers."""
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


def _walk(top_given: str) -> list[tuple[str, str | None]]:
    """The .txt/.html files under a directory (walked, sorted), each with the reason it
    must not be read (None: it may)."""
    out: list[tuple[str, str | None]] = []
    top = os.path.realpath(top_given)
    for root, dirs, files in os.walk(top_given):
        dirs.sort()
        for f in sorted(files):
            if not f.lower().endswith(SUFFIXES):
                continue
            path = os.path.join(root, f)
            try:
                real = os.path.realpath(path)
                st = os.stat(path)
            except OSError as e:
                out.append((path, f"E104 cannot read file: {e.strerror or e}"))
                continue
            error = None
            if os.path.commonpath([top, real]) != top:
                error = f"E104 a symbolic link out of {top_given} (to {real}); not read"
            elif not stat.S_ISREG(st.st_mode):
                error = "E104 not a regular file (a FIFO, socket or device); not read"
            out.append((path, error))
    return out


def expand_paths(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, None) for files as given and for the .txt/.html files of directories
    (walked, sorted); (path, error line) for what a directory holds but must not be
    read: a FIFO, socket or device (reading one would hang), or a symbolic link leading
    out of the directory (it would read whatever it names)."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        out.extend(_walk(p) if os.path.isdir(p) else [(p, None)])
    return out


# ------------------------------------------------------------------ extracting


def extract_with_url(
    content: str, source: str, warnings: list[str] | None = None, *, url_known: bool = True
) -> tuple[dict, str | None]:
    """The extraction of decoded content and the page's own URL, within the time budget
    (:mod:`communique.ingest.worker`: ``E108`` when it takes too long)."""
    return extract_within(content, source, warnings, url_known=url_known)


def extract_content(content: str, source: str, warnings: list[str] | None = None) -> dict:
    return extract_with_url(content, source, warnings)[0]


def _extract(content: str, source: str, warnings: list[str], *, url_known: bool) -> Extracted:
    """:func:`extract_with_url`'s answer, or the error line it raised (an extractor bug
    is kept with the document as ``E301``)."""
    try:
        result, canonical = extract_with_url(content, source, warnings, url_known=url_known)
        return result, canonical, None
    except CommuniqueError as e:
        return None, None, e.one_line()
    except Exception as e:  # an extractor bug: the document is kept with the error
        return None, None, f"E301 internal error: {type(e).__name__}: {e}"


def content_type_of(content: str | None) -> str:
    """The content type a decoded file or upload is stored with."""
    if content is None:
        return "application/octet-stream"
    return "text/html" if looks_like_html(content) else "text/plain"


@dataclass
class Decoded:
    """A document's bytes read once and decoded once, and where they come from."""

    source: str
    label: str
    raw: bytes
    content: str | None
    warnings: list[str]
    error: str | None
    content_type: str
    url: str | None = None
    retrieved_at: dt.datetime | None = None
    http: dict | None = None


def prepare(engine: Engine | None, doc: Decoded) -> Pending | Outcome:
    """What to write for one decoded document, or its outcome when there is nothing to
    write: the same bytes at the same location already present (looked up first when
    ``engine`` is given, so a second ingest extracts nothing; a worker process has no
    engine and extracts)."""
    digest = hashlib.sha256(doc.raw).hexdigest()
    if engine is not None:
        existing = store.present(engine, digest, doc.source, doc.http)
        if existing is not None:
            return Outcome(doc.source, "present", document_id=existing)
    result = canonical = None
    error = doc.error
    if error is None:
        result, canonical, error = _extract(
            doc.content or "", doc.source, doc.warnings, url_known=bool(doc.url)
        )
    source, url, retrieved_at = doc.source, doc.url, doc.retrieved_at
    if url is None and canonical:
        url = source = canonical
        retrieved_at = None  # a saved page's time is not when its URL was read
    return Pending(
        source=source,
        label=doc.label,
        raw=doc.raw,
        digest=digest,
        content_type=doc.content_type,
        url=url,
        retrieved_at=retrieved_at,
        result=result,
        error=error,
        http=doc.http,
        canonical=canonical,
        text_hash=store.text_hash_of(result),
    )


# ------------------------------------------------------------------ the inputs


def read_source(path: str) -> tuple[bytes | None, str | None, list[str], str | None]:
    """(raw bytes, decoded content, warnings, error line) for one file, read once and
    decoded once."""
    try:
        raw = read_path_bytes(path)
    except CommuniqueError as e:
        raw = None
        try:
            if os.path.isfile(path) and os.path.getsize(path) <= MAX_INPUT_BYTES:
                raw = Path(path).read_bytes()
        except OSError:
            raw = None
        e.source = None
        return raw, None, [], e.one_line()
    try:
        content, warnings = decode_bytes(raw)
    except CommuniqueError as e:
        e.source = None
        return raw, None, [], e.one_line()
    return raw, content, warnings, None


def prepare_file(item: tuple[str, str | None], engine: Engine | None = None) -> Pending | Outcome:
    """What to write for a file (``item``: its path and its public URL when known: else
    the page's own canonical URL, else the file name alone is kept, marked as having no
    URL)."""
    path, url = item
    source = provenance.location(path, url)
    if not os.path.exists(path):
        return Outcome(source, "error", message=f"{path}: E101 file not found")
    raw, content, warnings, error = read_source(path)
    if raw is None:
        return Outcome(source, "error", message=f"{path}: {error}")
    doc = Decoded(source, path, raw, content, warnings, error, content_type_of(content), url)
    doc.retrieved_at = provenance.file_time(path)
    return prepare(engine, doc)


def prepare_bytes(engine: Engine | None, raw: bytes, source: str) -> Pending | Outcome:
    """What to write for one readout given as bytes with its source (a URL, or a name)."""
    url = source if provenance.is_url(source) else None
    if url is None and os.path.isabs(source):
        source = provenance.location(source, None)  # never a path of this machine
    content, warnings, error = None, [], None
    try:
        content, warnings = decode_bytes(raw)
    except CommuniqueError as e:
        error = e.one_line()
    doc = Decoded(source, source, raw, content, warnings, error, content_type_of(content), url)
    doc.retrieved_at = now()
    return prepare(engine, doc)


def decode_page(
    data: bytes,
    source: str,
    content_type: str | None,
    http: dict | None,
    sniffed: str | None = None,
) -> Decoded | Outcome:
    """A fetched body (a page or a PDF) decoded once, with its content type as stored
    (charset included when it fits, so ``reextract`` decodes it the same way) and, for
    an HTML page, its canonical URL in its fetch state; an outcome for what is not a
    readout (a feed, an image). ``sniffed``: what the body is when the crawler sniffed it
    already (an untyped body is decoded to be sniffed: not twice)."""
    error = text = None
    warnings: list[str] = []
    kind = "html"
    stored_type = fc.stored_content_type(kind, content_type)
    try:
        kind = sniffed or fc.kind_of(data, content_type)
        if kind == "xml":
            raise fc.UnsupportedContent("a feed or sitemap, not a readout (use communique crawl)")
        stored_type = fc.stored_content_type(kind, content_type)
        text, warnings = fc.decode_document(data, stored_type)
    except fc.UnsupportedContent as e:
        return Outcome(source, "error", message=f"{source}: {e}")
    except CommuniqueError as e:
        error = e.one_line()
    if kind == "text" and text is not None and looks_like_html(text):
        stored_type = fc.stored_content_type("html", content_type)
    if http is not None and kind == "html" and text is not None:
        http = {**http, "canonical": canonical_link(text, source)}
    url = source if provenance.is_url(source) else None
    return Decoded(source, source, data, text, warnings, error, stored_type, url, now(), http)


def prepare_page(page: Page, engine: Engine | None = None) -> Pending | Outcome:
    """What to write for a fetched page (with its fetch state, recorded with it)."""
    decoded = decode_page(page.body, page.url, page.content_type, page.http, page.kind)
    return decoded if isinstance(decoded, Outcome) else prepare(engine, decoded)


def write(engine: Engine, prepared: Pending | Outcome) -> Outcome:
    """Write one document prepared here (its own transaction; an outcome as it is)."""
    if isinstance(prepared, Outcome):
        return prepared
    return store.write_batch(engine, [prepared], version=extractor_version())[0]


#: a stored document to re-extract: (source, raw bytes, content type, whether its URL is known)
StoredItem = tuple[str, bytes | None, str | None, bool]


def extract_stored(item: StoredItem) -> Extracted | None:
    """The extraction of a stored document's raw content, decoded as when it came in;
    None when no raw content is kept."""
    source, raw, content_type, url_known = item
    if raw is None:
        return None
    try:
        content, warnings = fc.decode_document(raw, content_type)
    except CommuniqueError as e:
        return None, None, e.one_line()
    except Exception as e:
        return None, None, f"E301 internal error: {type(e).__name__}: {e}"
    return _extract(content, source, warnings, url_known=url_known)


def reextract_document(
    engine: Engine, doc_id: int, *, extracted: Extracted | None = None
) -> Outcome:
    """Re-run the current extractor over one stored document's raw content (or take what
    a worker process extracted: ``extracted``); nothing is written when the result is
    the one stored by this extractor."""
    doc = store.stored(engine, doc_id, last=True)
    version = extractor_version()
    if doc.raw is None:
        return Outcome(doc.source, "present", document_id=doc_id, message="no raw content kept")
    if doc.superseded_by is not None:
        return Outcome(doc.source, "present", document_id=doc_id, message="an older version")
    if extracted is None:
        extracted = extract_stored((doc.source, doc.raw, doc.content_type, doc.url is not None))
    result, _canonical, error = extracted  # type: ignore[misc]
    if result is not None and doc.last == (version, result):
        return Outcome(doc.source, "present", document_id=doc_id)
    return store.rewrite(engine, doc, result, error, version=version)
