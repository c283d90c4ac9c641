"""Opening an archive: URL -> engine, SQLite pragmas, write locking, migrations, and
turning every database failure into a one-line :class:`ArchiveError`.

URLs are SQLAlchemy-style: ``sqlite:///archive.db`` (the default is
``sqlite:///communique.db`` or ``$COMMUNIQUE_DB``) or ``postgresql://user@host/db``
(psycopg 3 is used, as ``postgresql+psycopg``).

Writes are serialised: on SQLite every write transaction starts with ``BEGIN
IMMEDIATE`` (other writers wait up to :data:`BUSY_TIMEOUT_MS`); on PostgreSQL it takes
a transaction-level advisory lock. Extraction runs outside the transaction, so two
ingest processes still extract in parallel; only their short writes take turns.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine, make_url

from communique.errors import CommuniqueError

DEFAULT_URL = "sqlite:///communique.db"
ENV_VAR = "COMMUNIQUE_DB"
#: how long a SQLite writer waits for another one before giving up
BUSY_TIMEOUT_MS = 60_000
#: seconds to wait for a PostgreSQL server before calling it unreachable
CONNECT_TIMEOUT_S = 5
#: key of the PostgreSQL advisory lock that serialises writers
PG_LOCK_KEY = 0x636F6D6D  # "comm"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class ArchiveError(CommuniqueError):
    """A database problem, reported in one line (E201-E205)."""


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def display_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _normalise(url: str) -> sa.URL:
    try:
        u = make_url(url)
    except Exception:
        raise ArchiveError(
            "E204", f"not a database URL: {url!r} (try sqlite:///archive.db)"
        ) from None
    if u.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        u = u.set(drivername="postgresql+psycopg")
    elif u.drivername not in ("sqlite", "sqlite+pysqlite"):
        raise ArchiveError("E204", f"unsupported database {u.drivername!r} (sqlite or postgresql)")
    return u


def sqlite_path(u: sa.URL) -> str | None:
    db = u.database
    if u.get_backend_name() != "sqlite" or not db or db == ":memory:" or db.startswith("file:"):
        return None
    return db


def create_engine(url: str, *, sqlite_pragmas: dict[str, object] | None = None) -> Engine:
    u = _normalise(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(u)
        if path:
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise ArchiveError(
                    "E201", f"cannot open archive {path}: directory {parent} does not exist"
                )
        engine = sa.create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        extra = dict(sqlite_pragmas or {})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # a read-only file cannot switch to WAL; reading it still works
            with contextlib.suppress(Exception):
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            for k, v in extra.items():
                cur.execute(f"PRAGMA {k}={int(v)}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("communique_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    else:
        engine = sa.create_engine(
            u, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}, pool_pre_ping=True
        )
    return engine


@contextlib.contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One write transaction, serialised with every other writer of the archive."""
    with translate(engine), engine.connect() as conn:
        conn = conn.execution_options(communique_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            yield conn


@contextlib.contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    with translate(engine), engine.connect() as conn, conn.begin():
        yield conn


def _reason(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()
    msg = text[0] if text else type(orig).__name__
    # psycopg: 'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
    msg = re.sub(r"\s*\(Background on this error.*$", "", msg)
    return msg


@contextlib.contextmanager
def translate(engine: Engine | None) -> Iterator[None]:
    """Database exceptions -> ArchiveError with one line naming the cause."""
    where = display_url(str(engine.url)) if engine is not None else "archive"
    try:
        yield
    except ArchiveError:
        raise
    except exc.DBAPIError as e:
        reason = _reason(e)
        low = reason.lower()
        path = sqlite_path(engine.url) if engine is not None else None
        if path and "unable to open" in low and _read_only(path):
            raise ArchiveError("E203", f"{where}: archive is read-only ({reason})") from None
        if "readonly" in low or "read-only" in low or "read only" in low:
            raise ArchiveError("E203", f"{where}: archive is read-only ({reason})") from None
        if "disk is full" in low or "no space left" in low or "disk full" in low:
            raise ArchiveError("E205", f"{where}: disk full, nothing written ({reason})") from None
        if isinstance(e, exc.OperationalError) and (
            "connect" in low or "unable to open" in low or "could not translate" in low
        ):
            raise ArchiveError("E201", f"{where}: cannot reach the database ({reason})") from None
        raise ArchiveError("E201", f"{where}: database error ({reason})") from None
    except exc.SQLAlchemyError as e:
        raise ArchiveError("E201", f"{where}: database error ({_reason(e)})") from None
    except OSError as e:
        raise ArchiveError("E201", f"{where}: {e.strerror or e}") from None


def _read_only(path: str) -> bool:
    """The file (or its directory, where SQLite keeps its journal) cannot be written."""
    p = Path(path)
    if not p.exists():
        return False
    try:
        if os.statvfs(p).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(p, os.W_OK) or not os.access(p.parent, os.W_OK)


def _script():
    # alembic is loaded when an archive is opened, not by every command (start-up time)
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    return _script().get_current_head()


def current_revision(conn: Connection) -> str | None:
    # alembic is loaded when an archive is opened, not by every command (start-up time)
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, *, create: bool = True) -> None:
    """Bring the schema to the head revision, in one locked transaction.

    A database whose revision this code does not know (a newer communique wrote it)
    is refused with E202 before anything is written.
    """
    # alembic is loaded when an archive is opened, not by every command (start-up time)
    from alembic import command
    from alembic.config import Config

    script = _script()
    head = script.get_current_head()
    known = {r.revision for r in script.walk_revisions()}
    with read_tx(engine) as conn:
        rev = current_revision(conn)
    if rev == head:
        return
    _check_known(rev, known, head)
    if not create and rev is None:
        raise ArchiveError(
            "E201", f"{display_url(str(engine.url))}: no archive here (run communique ingest first)"
        )
    with write_tx(engine) as conn:
        rev = current_revision(conn)  # again, under the lock: another process may have migrated
        _check_known(rev, known, head)
        if rev == head:
            return
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _check_known(rev: str | None, known: set[str], head: str) -> None:
    if rev is not None and rev not in known:
        raise ArchiveError(
            "E202",
            f"archive schema revision {rev} is newer than this communique knows (head {head}); upgrade communique",
        )
