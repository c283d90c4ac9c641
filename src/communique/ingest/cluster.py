"""Extraction for ``ingest --dask ADDRESS`` on a Dask cluster (``dask.distributed``).

The cluster only extracts: each task reads a chunk of files and returns their results;
this process stores them through the :class:`~communique.ingest.Archive`, in the order
given, exactly as ``ingest --workers N`` does (so the archive is the one a plain ingest
builds). ``local`` starts a ``LocalCluster`` on this machine; any other address is a
running scheduler (``tcp://host:8786``) whose workers have communique installed and see
the files at the same paths (a shared file system).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from concurrent.futures import Executor

from communique.errors import CommuniqueError

#: seconds to wait for a scheduler to answer (a scheduler on the LAN answers in well
#: under a second; 10 s leaves room for a busy one and still fails promptly)
CONNECT_TIMEOUT_S = 10

LOCAL = "local"


@contextlib.contextmanager
def dask_executor(address: str, workers: int) -> Iterator[tuple[Executor, int]]:
    """An executor running on the cluster at ``address`` (``local``: a ``LocalCluster``
    of ``workers`` single-threaded processes) and the number of task slots it has."""
    try:
        # an optional extra, loaded only for --dask (and heavy: start-up time)
        from distributed import Client, LocalCluster
    except ImportError:
        raise CommuniqueError(
            "E501", "Dask is not installed (pip install 'communique[cluster]')"
        ) from None
    cluster = None
    try:
        if address == LOCAL:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # extraction is pure Python: one process per core
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as e:
        if cluster is not None:
            cluster.close()
        reason = " ".join(str(e).split()) or type(e).__name__
        raise CommuniqueError(
            "E501", f"cannot reach the Dask scheduler at {address}: {reason}"
        ) from None
    try:
        slots = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        yield client.get_executor(), max(1, slots)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
