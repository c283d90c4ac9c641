"""The web application: pages (Jinja templates), their JSON twins (``.json``), CSV
exports of their lists (``.csv``), an iCalendar feed and one write route.

Every page is built by one function returning plain data (:mod:`communique.web.pages`);
the route table (:mod:`communique.web.routes`) renders it as HTML, returns it as JSON or
writes one of its lists as CSV; the API and its one write route are in
:mod:`communique.web.admin`. Every response carries a Content-Security-Policy that
allows no inline script or style; templates are autoescaped. The server only reads
unless it was started with an admin token, and ``POST /api/ingest`` demands
``Authorization: Bearer TOKEN``.
"""

import hashlib
import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique.archive.read import levels
from communique.ingest.api import Archive
from communique.version import __version__
from communique.web import admin, render, routes
from communique.web.pages import Reader

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
#: the paths whose errors are JSON (the rest get an error page)
DATA_SUFFIXES = (".json", ".csv", ".ics", ".bib", ".svg")


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD answered on every page as GET is, without the body (FastAPI routes refuse
    HEAD with 405 unless each route lists it)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: dict) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def _static_version() -> str:
    h = hashlib.sha256()
    for p in sorted(STATIC.iterdir()):
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def templates(reader: Reader) -> Environment:
    """The pages' Jinja environment (autoescaped), with the helpers templates call."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        version=__version__,
        static_v=_static_version(),
        cname=reader.cname,
        level_plural=levels.PLURAL,
        fmt=render.fmt_value,
        person_label=render.person_label,
        snippet_parts=render.snippet_parts,
    )
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=1)
    return env


def create_app(
    db: str | None = None,
    *,
    admin_token: str | None = None,
    archive=None,  # noqa: ANN001
    base_url: str | None = None,
) -> FastAPI:
    """The application over the archive at ``db`` (or an open ``archive``).

    Absolute URLs (the calendar's links) start with ``base_url``, else with the address
    the server listens on, never with the request's ``Host`` header (anyone can send
    one); slashes are not redirected (a redirect would be built from it)."""
    if archive is None:
        archive = Archive(db, create=False)
    reader = Reader(archive)
    env = templates(reader)
    app = FastAPI(
        title="communique reader",
        version=__version__,
        description="Engagements between countries read from diplomatic readouts. Every page "
        "has a JSON twin (the same path with `.json`) and its lists a CSV export (`.csv`, "
        "choose the list with `?list=`). Read-only unless the server was started with an "
        "admin token.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = reader
    app.state.admin_token = admin_token
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.router.redirect_slashes = False
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    def own_base(request: Request) -> str:
        if base_url:
            return base_url.rstrip("/")
        host, port = request.scope.get("server") or ("127.0.0.1", 8000)
        host = f"[{host}]" if ":" in str(host) else host
        scheme = request.scope.get("scheme", "http")
        default = {"http": 80, "https": 443}.get(scheme)
        return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")

    def html(
        request: Request, template: str, data: dict, *, status: int = 200, **extra
    ) -> HTMLResponse:  # noqa: ANN003
        body = env.get_template(template).render(
            d=data,
            path=request.url.path,
            query=str(request.url.query),
            read_only=not admin_token,
            **extra,
        )
        return HTMLResponse(body, status_code=status)

    def svg(data: dict, net: dict) -> str:
        return env.get_template("network.svg").render(d=data, net=net, standalone=True)

    routes.register(app, reader, html, svg, own_base)
    admin.register(app, reader, admin_token)

    # -- errors: JSON for API and data paths, a page for the rest
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if path.endswith(DATA_SUFFIXES) or path.startswith("/api/"):
            headers = getattr(exc, "headers", None)
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=headers
            )
        data = {"status": exc.status_code, "detail": exc.detail}
        return html(request, "error.html", data, status=exc.status_code)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    return app
