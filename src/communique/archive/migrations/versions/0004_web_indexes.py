"""Indexes for the reader (``communique serve``): an event's level is the highest of its
participants' titles, read for a pair's meetings per year and level and for the search
filter by level; with the title in the index beside the engagement, those reads never
touch the participants' rows.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: (name, table, columns); named as the schema's naming convention would name them
INDEXES = (("ix_participants_engagement_id_title", "participants", ["engagement_id", "title"]),)


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)


def downgrade() -> None:
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
