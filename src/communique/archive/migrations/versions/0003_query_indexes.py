"""Indexes for reading engagements by event (``Archive.engagements`` and its pages):
an event's countries and tracks were found by scanning the whole table, whose primary
key starts with the country / track; an event's accounts needed a table lookup per
engagement for its document.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: (name, table, columns); named as the schema's naming convention would name them
INDEXES = (
    ("ix_event_countries_event_id_country", "event_countries", ["event_id", "country"]),
    ("ix_track_members_event_id_track_id", "track_members", ["event_id", "track_id"]),
    ("ix_engagements_event_id_document_id", "engagements", ["event_id", "document_id"]),
)


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)


def downgrade() -> None:
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
