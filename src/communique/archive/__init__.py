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

#: documents ``ingest`` writes (and links) per transaction: on the corpus copied ten
#: times (SQLite, 6 December 2026, ``benchmarks/bench_scale.py --batch-sizes 64,128,256``)
#: one worker 44.3 / 52.2 / 56.6 docs/s, two workers 18.3-19.0 s against 14.8-18.4 s
#: at 64 / 128; the peak memory of the ingesting process grows with it (x10: 89.8 / 94.0
#: / 98.2 MiB), so 128, not 256. Kept in the package, not in ``store``, so the command
#: line shows it without importing SQLAlchemy
BATCH_SIZE = 128


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
