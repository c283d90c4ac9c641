"""Fixtures for the reader's tests: one archive built by ingesting ``samples/corpus``
(real extraction) into a temporary SQLite file, shared by the session; a copy of it for
tests that write; a TestClient over it; and a real ``communique demo`` server on a free
loopback port for the end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import warnings

import pytest
from webkit import BIN, ROOT, SAMPLES, TOKEN, free_port, stop, wait_for  # noqa: F401

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> str:
    """A SQLite archive of the 44 sample readouts: its file path."""
    from communique.ingest import Archive

    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Archive(f"sqlite:///{path}") as a:
        report = a.ingest([str(SAMPLES)])
    assert report.count("stored") == len(list(SAMPLES.glob("*.txt")))
    return str(path)


@pytest.fixture(scope="session")
def archive(corpus_db):  # noqa: ANN001, ANN201
    from communique.ingest import Archive

    a = Archive(f"sqlite:///{corpus_db}", create=False)
    yield a
    a.close()


def _client(app):  # noqa: ANN001, ANN202
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.fixture(scope="session")
def client(corpus_db):  # noqa: ANN001, ANN201
    from communique.web.app import create_app

    return _client(create_app(f"sqlite:///{corpus_db}"))


@pytest.fixture
def writable_db(corpus_db, tmp_path) -> str:  # noqa: ANN001
    """A copy of the corpus archive that a test may write to."""
    path = tmp_path / "copy.db"
    shutil.copy(corpus_db, path)
    return str(path)


@pytest.fixture
def admin_client(writable_db):  # noqa: ANN001, ANN201
    from communique.web.app import create_app

    return _client(create_app(f"sqlite:///{writable_db}", admin_token=TOKEN))


@pytest.fixture
def make_client():  # noqa: ANN201
    from communique.web.app import create_app

    return lambda url, **kw: _client(create_app(url, **kw))


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):  # noqa: ANN001, ANN201
    """``communique demo`` run as a user runs it (in a fresh folder), on a free port."""
    cwd = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [str(BIN / "communique"), "demo", "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        wait_for(url + "/", proc)
        yield {"url": url, "cwd": cwd, "ready_s": time.monotonic() - started, "proc": proc}
    finally:
        stop(proc)
