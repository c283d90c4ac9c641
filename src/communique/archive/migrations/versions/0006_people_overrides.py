"""Analysts' corrections of people (``communique people merge`` / ``split``), kept apart
from the linked tables so that relinking and re-extraction apply them again instead of
losing them: each names people by their stable keys, and a split by name forms or
documents, never by row ids that re-extraction renumbers. And why the extractor gave a
participant its country (``participants.country_reason``), so that a weak inference
("host country of the meeting") can yield to what the text says after the name.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_type = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")
    op.create_table(
        "person_overrides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("keys", json_type, nullable=False),
        sa.Column("forms", json_type, nullable=True),
        sa.Column("documents", json_type, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_person_overrides"),
    )
    op.add_column("participants", sa.Column("country_reason", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("country_reason")
    op.drop_table("person_overrides")
