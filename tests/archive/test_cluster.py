"""``communique ingest --dask ADDRESS``: extraction on a Dask cluster (a real
``LocalCluster`` of worker processes), storing into the real PostgreSQL server through
the Archive; the archive must equal the one a plain ingest builds (issue 13)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from records_dump import records

from communique.ingest import Archive

distributed = pytest.importorskip("distributed", reason="pip install -e '.[cluster]'")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique.cli", *args], capture_output=True, text=True, timeout=600
    )


def test_dask_ingest_into_postgresql_equals_a_plain_ingest(pg_server, corpus):
    plain = pg_server.create_db()
    with Archive(plain) as a:
        a.ingest([str(corpus)], workers=1)
    url = pg_server.create_db()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        proc = cli("ingest", "-q", "--db", url, "--dask", cluster.scheduler_address, str(corpus))
        # the extraction ran on the cluster's workers, not in the ingesting process
        ran = client.run_on_scheduler(
            lambda dask_scheduler: sorted(dask_scheduler.task_prefixes)  # noqa: ARG005
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"{len(list(corpus.glob('*.txt')))} stored, 0 already present, "
        "0 failed extraction (kept), 0 unreadable"
    ]
    assert "run_chunk" in ran  # dask names a task by its function
    got, want = records(url), records(plain)
    assert len(got["documents"]) == len(list(corpus.glob("*.txt"))) > 100
    assert len(got["participants"]) > 300
    assert got == want


def test_dask_local_cluster(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))[:24]
    sub = tmp_path / "in"
    sub.mkdir()
    for f in files:
        shutil.copy(f, sub / f.name)
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    with Archive(plain) as a:
        a.ingest([str(sub)], workers=1)
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    proc = cli("ingest", "-q", "--db", url, "--dask", "local", "--workers", "2", str(sub))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "24 stored, 0 already present, 0 failed extraction (kept), 0 unreadable"
    ]
    assert records(url) == records(plain)


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path):
    db = tmp_path / "a.db"
    proc = cli("ingest", "--db", f"sqlite:///{db}", "--dask", "tcp://127.0.0.1:9", str(tmp_path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "E501" in lines[0] and "tcp://127.0.0.1:9" in lines[0]
    assert not db.exists()


@pytest.fixture
def served(corpus, tmp_path):
    """A dozen corpus readouts over HTTP on 127.0.0.1: their URLs."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = tmp_path / "site"
    root.mkdir()
    for f in sorted(corpus.glob("*.txt"))[:12]:
        shutil.copy(f, root / f.name)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield [f"http://127.0.0.1:{port}/{p.name}" for p in sorted(root.glob("*.txt"))]
    server.shutdown()
    server.server_close()


def test_dask_ingest_of_a_url_list_into_postgresql_equals_a_plain_ingest(pg_server, served):
    """Pages fetched here, extracted on the cluster, stored here in the order given."""
    plain = pg_server.create_db()
    proc = cli("ingest", "-q", "--db", plain, "--workers", "1", "--delay", "0", *served)
    assert proc.returncode == 0, proc.stderr
    url = pg_server.create_db()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        proc = cli(
            "ingest",
            "-q",
            "--db",
            url,
            "--dask",
            cluster.scheduler_address,
            "--delay",
            "0",
            *served,
        )
        ran = client.run_on_scheduler(
            lambda dask_scheduler: sorted(dask_scheduler.task_prefixes)  # noqa: ARG005
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "12 stored, 0 already present, 0 failed extraction (kept), 0 unreadable"
    ]
    assert "extract_fetched" in ran  # the pages were extracted on the cluster's workers
    got, want = records(url), records(plain)
    assert [d[1] for d in got["documents"]] == [repr(u) for u in served]  # in order
    assert len(got["participants"]) > 20
    assert got == want
