"""The archive: every readout kept, extracted, and linked into one history.

``Archive(url)`` opens (creating and migrating) an archive at a SQLAlchemy URL;
``communique ingest``, ``reextract`` and ``query`` are its command line (``cli.py``).
"""

from communique.archive.api import Archive
from communique.archive.db import ArchiveError

__all__ = ["Archive", "ArchiveError"]
