"""The archive: every readout kept and linked into one history. It only persists and
reads; what comes in is read, decoded and extracted by the ingest path
(:mod:`communique.ingest`, whose ``Archive`` adds ``ingest`` and ``reextract``).

``Archive(url)`` opens (creating and migrating) an archive at a SQLAlchemy URL;
``communique relink``, ``query`` and ``people`` are its command line (``cli.py``).
The names are imported on first use, so the command line starts without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from communique.archive.api import Archive
    from communique.archive.db import ArchiveError

__all__ = ["Archive", "ArchiveError", "BATCH_SIZE"]

#: documents ``ingest`` writes per transaction: on the corpus copied ten times (one
#: worker, SQLite, machine loaded) 1: 14.2 docs/s, 16: 26.2, 64: 27.2, 256: 23.3
#: (``benchmarks/bench_scale.py --batch-sizes 1,16,64,256``); kept in the package, not in
#: ``store``, so the command line shows it without importing SQLAlchemy
BATCH_SIZE = 64


def __getattr__(name: str) -> Any:
    if name == "Archive":
        # imported on first use, for start-up time: the command line starts without SQLAlchemy
        from communique.archive.api import Archive

        return Archive
    if name == "ArchiveError":
        # imported on first use, for start-up time: the command line starts without SQLAlchemy
        from communique.archive.db import ArchiveError

        return ArchiveError
    raise AttributeError(name)
