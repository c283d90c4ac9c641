"""``communique serve`` and ``communique export`` (registered by ``communique.cli``).

Imports stay inside the functions so ``communique --version`` does not load the web stack.
"""

from __future__ import annotations

import argparse
import gc
import os
import socket
import sys

from communique.arguments import db_arg, iso_date, non_empty, output_file
from communique.arguments import port as port_type
from communique.arguments import workers as workers_type
from communique.errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, UsageError, print_error


def register(subparsers: argparse._SubParsersAction) -> None:
    sv = subparsers.add_parser("serve", help="serve the archive as a web application and JSON API")
    db_arg(sv)
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument(
        "--port", type=port_type, default=8000, help="0-65535; 0 picks a free port (announced)"
    )
    sv.add_argument(
        "--admin-token",
        default=None,
        metavar="TOKEN",
        help="accept writes (POST /api/ingest) with 'Authorization: Bearer TOKEN' "
        "(default $COMMUNIQUE_ADMIN_TOKEN; without one the server is read-only). Other local "
        "users can read a command line: prefer the variable or --admin-token-file",
    )
    sv.add_argument(
        "--admin-token-file",
        default=None,
        metavar="FILE",
        help="read the admin token from the first line of FILE",
    )
    sv.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="the server's public address, for absolute links (default: the address it "
        "listens on; the request's Host header is never used)",
    )
    sv.add_argument(
        "--workers",
        type=workers_type,
        default=1,
        metavar="N",
        help="server processes (default 1); each opens the archive itself (SQLite: read-only "
        "connections in WAL mode unless --admin-token is given)",
    )
    sv.set_defaults(func=cmd_serve)
    ex = subparsers.add_parser(
        "export",
        help="export the whole archive (csv, jsonl, plover, ics, graphml) or citations of "
        "its documents (bibtex, csl-json)",
    )
    db_arg(ex)
    ex.add_argument(
        "--format",
        required=True,
        choices=["csv", "jsonl", "plover", "ics", "graphml", "bibtex", "csl-json"],
    )
    ex.add_argument("-o", "--output", metavar="FILE", default=None, help="default: standard output")
    sel = ex.add_argument_group(
        "selection (bibtex, csl-json)", "cite the documents of these engagements only"
    )
    sel.add_argument(
        "--search", metavar="TEXT", type=non_empty, help='words, "a phrase", OR, -word'
    )
    sel.add_argument("--between", nargs=2, metavar=("A", "B"), type=non_empty)
    sel.add_argument("--country", metavar="ISO3", type=non_empty)
    sel.add_argument("--person", metavar="NAME", type=non_empty)
    sel.add_argument("--since", metavar="DATE", type=iso_date)
    sel.add_argument("--until", metavar="DATE", type=iso_date)
    ex.set_defaults(func=cmd_export)


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket made with its protocol named (``IPPROTO_TCP``): asyncio
    sets TCP_NODELAY only on connections whose socket says so, and without it a
    response written in several parts can wait for a delayed ACK (some 40 ms)."""
    family, kind, proto, _name, addr = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(socket.SOMAXCONN)
    except OSError:
        sock.close()
        raise
    return sock


def listening_url(host: str, sock: socket.socket) -> str:
    """The URL a bound socket answers on, with the port it really got (``--port 0``)."""
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(app, host: str, port: int, *, on_ready=None) -> None:  # noqa: ANN001
    """Serve ``app`` on ``host:port``; ``on_ready(url)`` is called once it accepts
    connections, with the port the socket got."""
    # loaded when the server starts, for start-up time
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    orig = server.startup

    async def startup(sockets=None) -> None:  # noqa: ANN001
        await orig(sockets=sockets)
        if server.started:
            # everything loaded at start (modules, gazetteer, templates) lives as long as
            # the server: kept out of the collector's full passes, which otherwise walk
            # it again and again while requests allocate rows
            gc.collect()
            gc.freeze()
            if on_ready:
                on_ready(url)

    server.startup = startup
    try:  # bound here, so a port in use is one line from us, not a log from uvicorn
        sock = _listen(host, port)
    except OSError as e:
        raise OSError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    url = listening_url(host, sock)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


#: the environment variables that carry ``serve``'s options to its worker processes
ENV_DB = "COMMUNIQUE_DB"
ENV_TOKEN = "COMMUNIQUE_ADMIN_TOKEN"
ENV_BASE_URL = "COMMUNIQUE_BASE_URL"


def worker_app():  # noqa: ANN201
    """The application of one process of ``serve --workers N`` (uvicorn's app factory,
    called in each worker): its own archive connections, opened read-only on SQLite when
    the server takes no writes."""
    # loaded when the command runs, for start-up time
    from communique.ingest import Archive
    from communique.web.app import create_app

    token = os.environ.get(ENV_TOKEN) or None
    archive = Archive(
        os.environ.get(ENV_DB), create=False, sqlite_pragmas=None if token else {"query_only": 1}
    )
    app = create_app(
        archive=archive, admin_token=token, base_url=os.environ.get(ENV_BASE_URL) or None
    )
    gc.collect()  # as serve() does: what is loaded at start stays out of full collections
    gc.freeze()
    return app


def serve_workers(host: str, port: int, workers: int, *, on_ready=None) -> None:  # noqa: ANN001
    """Serve :func:`worker_app` from ``workers`` processes sharing one listening socket
    (uvicorn's supervisor: it restarts a worker that dies and stops them all on Ctrl+C);
    the options travel in :data:`ENV_DB`, :data:`ENV_TOKEN` and :data:`ENV_BASE_URL`."""
    # loaded when the server starts, for start-up time
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "communique.web.cli:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
    try:
        sock = _listen(host, port)
    except OSError as e:
        raise OSError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    url = listening_url(host, sock)
    try:
        if on_ready:  # connections wait in the socket's backlog until a worker accepts them
            on_ready(url)
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()


def cmd_serve(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.web.app import create_app

    token = args.admin_token or os.environ.get("COMMUNIQUE_ADMIN_TOKEN") or None
    if args.admin_token_file:
        try:
            with open(args.admin_token_file, encoding="utf-8") as f:
                token = f.readline().strip() or None
        except (OSError, UnicodeDecodeError) as e:
            print_error(f"{args.admin_token_file}: E104 cannot read the admin token file ({e})")
            return EXIT_USAGE
        if token is None:
            print_error(f"{args.admin_token_file}: the admin token file is empty")
            return EXIT_USAGE
    if token is not None and len(token) < 8:
        print_error("--admin-token must be at least 8 characters")
        return EXIT_USAGE

    def ready(url: str) -> None:
        mode = "accepting ingest with the admin token" if token else "read-only"
        many = f", {args.workers} workers" if args.workers > 1 else ""
        print(
            f"communique: serving {url}/ ({mode}{many}); Ctrl+C to stop",
            file=sys.stderr,
            flush=True,
        )

    if args.workers > 1:
        # loaded when the command runs, for start-up time
        from communique.archive import Archive

        # opened (and migrated) once here: a bad --db is one line, not one per worker
        Archive(args.db, create=False).close()
        if args.db:
            os.environ[ENV_DB] = args.db
        for name, value in ((ENV_TOKEN, token), (ENV_BASE_URL, args.base_url)):
            if value:
                os.environ[name] = value
            else:
                os.environ.pop(name, None)
        try:
            serve_workers(args.host, args.port, args.workers, on_ready=ready)
        except OSError as e:
            print_error(f"E401 {e}")
            return EXIT_SOME_FAILED
        return EXIT_OK
    app = create_app(args.db, admin_token=token, base_url=args.base_url)
    try:
        serve(app, args.host, args.port, on_ready=ready)
    except OSError as e:
        print_error(f"E401 {e}")
        return EXIT_SOME_FAILED
    return EXIT_OK


SELECTION = ("search", "between", "country", "person", "since", "until")


def cmd_export(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.archive import Archive
    from communique.archive.read.search import SearchError, parse
    from communique.export import export

    output_file(args.output)
    selection = {k: getattr(args, k) for k in SELECTION if getattr(args, k) is not None}
    if selection and args.format not in ("bibtex", "csl-json"):
        given = ", ".join("--" + k for k in selection)
        raise UsageError(
            f"{given}: a selection applies to citations only (--format bibtex or csl-json)"
        )
    if "between" in selection:
        selection["between"] = tuple(selection["between"])
    if "search" in selection:
        try:
            parse(selection["search"])
        except SearchError as e:
            raise UsageError(f"--search: {e.message}") from None
    notes: list[str] = []
    with Archive(args.db, create=False) as a:
        if args.output:
            tmp = args.output + ".part"
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as out:
                    n = export(a, args.format, out, selection=selection, notes=notes)
                os.replace(tmp, args.output)
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
        else:
            n = export(a, args.format, sys.stdout, selection=selection, notes=notes)
            sys.stdout.flush()
    for note in notes:
        print(f"communique: {args.format}: {note}", file=sys.stderr)
    print(f"communique: exported {n} {args.format} records", file=sys.stderr)
    return EXIT_OK
