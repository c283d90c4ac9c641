"""The reader's API beside its pages: the archive's status, and the one write route,
``POST /api/ingest``, which demands ``Authorization: Bearer TOKEN`` of a server started
with an admin token and stores the body through the archive's own store path
(:meth:`communique.archive.Archive.ingest_bytes`, as ``communique ingest`` stores a file).
"""

import hmac
import json
import threading
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from communique import __version__
from communique.archive.read import documents, overview
from communique.web.pages import Reader

MAX_INGEST_BYTES = 20 * 1024 * 1024
#: the longest source accepted with an ingested readout (the query parameter's limit)
MAX_SOURCE_CHARS = 2000


def ingest_bytes(archive, raw: bytes, source: str) -> dict:  # noqa: ANN001
    """Store one readout given as bytes, as ``communique ingest`` stores a file (the
    same text already stored is that document; a URL's newer text is a new version)."""
    o = archive.ingest_bytes(raw, source)
    if o.status == "error":
        return {"status": "failed", "document_id": None, "engagements": 0, "error": o.message}
    if o.status == "present":
        return {"status": "present", "document_id": o.document_id, "engagements": 0, "error": None}
    error = o.message[len(o.source) + 2 :] if o.status == "failed" and o.message else None
    with archive._read() as conn:
        events = documents.events_of_document(conn, o.document_id)
    return {
        "status": "failed" if error else "stored",
        "document_id": o.document_id,
        "engagements": o.engagements,
        "events": events,
        "error": error,
    }


def check_token(request: Request, admin_token: str | None) -> None:
    """403 on a read-only server, 401 without the admin token."""
    if not admin_token:
        raise HTTPException(403, "read-only server (start it with --admin-token to ingest)")
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


def register(app: FastAPI, reader: Reader, admin_token: str | None) -> None:
    """``GET /api/status`` and ``POST /api/ingest``."""
    archive = reader.archive
    ingest_lock = threading.Lock()

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
