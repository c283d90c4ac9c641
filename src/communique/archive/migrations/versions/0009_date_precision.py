"""Dates of a range: ``engagements.date_precision``.

An engagement the readout places on some day of a range it does not single out ("From
March 5 to March 7, ... held talks with A, B and C" during a visit) is dated with the
range: ``date`` its first day, ``end_date`` its last, ``date_precision`` "range" (NULL:
the day itself, as before). Nothing to fill: the dating rules' version changed with it
(``dating.RULES_VERSION``), so the next relink dates an upgraded archive's undated
engagements again, ranges included. Going down, the ranged dates are taken off again
(the engagements were undated before this revision): an older version would read their
``end_date`` as the last day of a meeting of several days.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("engagements", sa.Column("date_precision", sa.String(8), nullable=True))


def downgrade() -> None:
    e = sa.table(
        "engagements",
        sa.column("date", sa.Date),
        sa.column("end_date", sa.Date),
        sa.column("date_reason", sa.Text),
        sa.column("date_precision", sa.String),
    )
    op.get_bind().execute(
        e.update()
        .where(e.c.date_precision == "range")
        .values(date=None, end_date=None, date_reason=None)
    )
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35 and later), not a batch copy of
    # the table: dropping the old engagements table would set every participant's,
    # ordinal's and follow-up's engagement to NULL or delete them (foreign keys on)
    op.execute("ALTER TABLE engagements DROP COLUMN date_precision")
