"""The reader's API beside its pages: the archive's status, and the admin's write
routes, which demand ``Authorization: Bearer TOKEN`` of a server started with an admin
token: ``POST /api/ingest`` stores the body through the one ingest path
(:meth:`communique.ingest.Archive.ingest_bytes`, as ``communique ingest`` stores a
file), and ``/api/people/`` merges and splits people as ``communique people`` does.
"""

import hmac
import json
import threading
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from communique.archive.read import documents, overview
from communique.errors import UsageError
from communique.version import __version__
from communique.web.pages import Reader

MAX_INGEST_BYTES = 20 * 1024 * 1024
#: the longest source accepted with an ingested readout (the query parameter's limit)
MAX_SOURCE_CHARS = 2000
#: a merge or split request is a few ids and name forms: 64 KiB is far more than any
MAX_OVERRIDE_BYTES = 64 * 1024
#: ids are SQL BIGINTs: a larger number names nothing (and overflowed the driver)
Id = Annotated[int, PathParam(ge=0, le=2**63 - 1)]


def ingest_bytes(archive, raw: bytes, source: str) -> dict:  # noqa: ANN001
    """Store one readout given as bytes, as ``communique ingest`` stores a file (the
    same text already stored is that document; a URL's newer text is a new version)."""
    o = archive.ingest_bytes(raw, source)
    if o.status == "error":
        return {"status": "failed", "document_id": None, "engagements": 0, "error": o.message}
    if o.status == "present":
        return {"status": "present", "document_id": o.document_id, "engagements": 0, "error": None}
    error = o.message[len(o.source) + 2 :] if o.status == "failed" and o.message else None
    with archive.reading() as conn:
        events = documents.events_of_document(conn, o.document_id)
    return {
        "status": "failed" if error else "stored",
        "document_id": o.document_id,
        "engagements": o.engagements,
        "events": events,
        "error": error,
    }


def check_token(request: Request, admin_token: str | None, doing: str = "to ingest") -> None:
    """403 on a read-only server, 401 without the admin token."""
    if not admin_token:
        raise HTTPException(403, f"read-only server (start it with --admin-token {doing})")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), admin_token.encode()
    ):
        raise HTTPException(
            401, "admin token required", headers={"WWW-Authenticate": 'Bearer realm="communique"'}
        )


async def read_body(request: Request) -> bytes:
    """The request's body, refused (413) past :data:`MAX_INGEST_BYTES` while it is read."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_INGEST_BYTES:
        raise HTTPException(413, "body over 20 MiB")
    body = bytearray()  # read piece by piece: a chunked body has no Content-Length
    async for piece in request.stream():
        body += piece
        if len(body) > MAX_INGEST_BYTES:
            raise HTTPException(413, "body over 20 MiB")
    return bytes(body)


def readout(raw: bytes, content_type: str, source: str | None) -> tuple[bytes, str]:
    """The readout's bytes and source from a body (text, HTML, or JSON ``{"text",
    "source"}``) and the ``source`` parameter; 400 when either is missing or bad."""
    if content_type == "application/json":
        try:
            payload = json.loads(raw)
            text = payload["text"]
            source = payload.get("source") or source
            if not isinstance(text, str) or not isinstance(source, str):
                raise TypeError
        except (ValueError, KeyError, TypeError, RecursionError):
            raise HTTPException(400, 'JSON body must be {"text": "...", "source": "..."}') from None
        raw = text.encode("utf-8")
    if source and len(source) > MAX_SOURCE_CHARS:
        raise HTTPException(400, f"source longer than {MAX_SOURCE_CHARS} characters")
    if not source or not source.strip():
        raise HTTPException(400, "source is required (?source=URL)")
    if not raw.strip():
        raise HTTPException(400, "empty body")
    return raw, source.strip()


async def json_body(request: Request) -> dict:
    """A JSON object body of at most :data:`MAX_OVERRIDE_BYTES`; 400 or 413 otherwise."""
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


def register_people(
    app: FastAPI, reader: Reader, admin_token: str | None, lock: threading.Lock
) -> None:
    """The analysts' merges and splits of people: ``GET /api/people/overrides``, ``POST
    /api/people/merge``, ``POST /api/people/{id}/split``, ``DELETE
    /api/people/overrides/{id}``."""
    archive = reader.archive

    def overrule(fn, *args, **kw) -> dict:  # noqa: ANN001, ANN002, ANN003
        """Run an override; an analyst's mistake is a 400 (404 for an unknown id) with
        the command line's one-line message."""
        try:
            with lock:
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
        check_token(request, admin_token, "to merge people")
        body = await json_body(request)
        ids, note = _ints(body, "ids"), _note(body)
        return await run_in_threadpool(overrule, archive.merge_persons, ids, note=note)

    @app.post(
        "/api/people/{person_id}/split",
        summary='Split off a person\'s mentions by name form or document: {"forms": [...], '
        '"documents": [...], "note": "why"}; needs the admin token',
        tags=["api"],
        status_code=201,
    )
    async def api_people_split(person_id: Id, request: Request) -> dict:
        check_token(request, admin_token, "to split people")
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
        check_token(request, admin_token, "to change people")
        await run_in_threadpool(overrule, archive.undo_override, override_id)
        return {"removed": override_id}


def register(app: FastAPI, reader: Reader, admin_token: str | None) -> None:
    """``GET /api/status`` and ``POST /api/ingest``."""
    archive = reader.archive
    ingest_lock = threading.Lock()
    register_people(app, reader, admin_token, ingest_lock)

    @app.get(
        "/api/status", summary="Archive size and whether the server accepts writes", tags=["api"]
    )
    def status() -> dict:
        with reader.read() as conn:
            return {
                "version": __version__,
                "read_only": not admin_token,
                "data_version": overview.data_version(conn),
                **overview.counts(conn),
            }

    @app.post(
        "/api/ingest",
        summary="Store one readout (text or HTML body) with its source; needs the admin token",
        tags=["api"],
        status_code=201,
    )
    async def api_ingest(
        request: Request,
        source: Annotated[
            str | None,
            Query(max_length=MAX_SOURCE_CHARS, description="where the readout comes from (URL)"),
        ] = None,
    ) -> JSONResponse:
        check_token(request, admin_token)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        raw, source = readout(await read_body(request), ctype, source)

        def run() -> dict:
            with ingest_lock:
                return ingest_bytes(archive, raw, source)

        result = await run_in_threadpool(run)
        return JSONResponse(result, status_code=201 if result["status"] == "stored" else 200)
