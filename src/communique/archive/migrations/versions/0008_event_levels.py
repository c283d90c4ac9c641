"""An event's level (leaders, ministers, officials) stored on the event: the highest
level of its participants' titles, ranked by the gazetteer (``office_levels.tsv``
through :mod:`communique.gazetteer.ranks`), so that the reader's filters and charts,
``query --level`` and the exports read one column instead of ranking titles per
request. Linking sets it from now on; this revision fills it for the events an older
archive already holds, with the same rule, so an upgraded archive gives the levels a
fresh ingest gives. Indexed with the date: events of one level, in date order.

Revision ID: 0008
Revises: 0007
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from communique.gazetteer import ranks

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: rows per UPDATE batch (executemany); any size works, this keeps memory small
BATCH = 5000

INDEX = ("ix_events_level_date", "events", ["level", "date"])


def _fill(conn: sa.Connection) -> None:
    """Every linked event's level from its engagements' participants' titles."""
    e = sa.table("engagements", sa.column("id"), sa.column("event_id"))
    p = sa.table("participants", sa.column("engagement_id"), sa.column("title"))
    ev = sa.table("events", sa.column("id"), sa.column("level"))
    titles: dict[int, list[str | None]] = defaultdict(list)
    rows = conn.execute(
        sa.select(e.c.event_id, p.c.title)
        .join(p, p.c.engagement_id == e.c.id)
        .where(e.c.event_id.is_not(None))
    )
    for evid, title in rows:
        titles[evid].append(title)
    levels = [(i, ranks.highest(ts)) for i, ts in titles.items()]
    update = ev.update().where(ev.c.id == sa.bindparam("k")).values(level=sa.bindparam("v"))
    todo = [{"k": i, "v": lv} for i, lv in levels if lv != ranks.NONE]
    for i in range(0, len(todo), BATCH):
        conn.execute(update, todo[i : i + BATCH])


def upgrade() -> None:
    op.add_column("events", sa.Column("level", sa.SmallInteger, nullable=False, server_default="0"))
    _fill(op.get_bind())
    name, table, cols = INDEX
    op.create_index(name, table, cols, unique=False)


def downgrade() -> None:
    name, table, _cols = INDEX
    op.drop_index(name, table_name=table)
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35 and later), not a batch copy of
    # the table: dropping the old events table would set every engagement's event_id to
    # NULL (ON DELETE SET NULL, foreign keys on) and unlink the archive
    op.execute("ALTER TABLE events DROP COLUMN level")
