"""Move a test archive to a given migration, up or down (the tests of a migration build
an archive as an earlier version left it, then upgrade it as ``communique`` would).

Not a test module; the tests import it as ``revisions`` (pytest puts this folder on
``sys.path``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from communique.archive import db


def to_revision(eng: sa.Engine, revision: str, *, down: bool = False) -> None:
    """Upgrade (or with ``down``, downgrade) the archive of ``eng`` to ``revision``."""
    with db.write_tx(eng) as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(db.MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)
