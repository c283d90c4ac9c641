"""An index on participants' family names in lower case.

Dating an undated engagement by another account of its meeting
(:func:`communique.archive.dating.other_account`) looks up the dated accounts naming its
people by family name in lower case; without this index every look-up read every
participant, so storing a batch grew with the archive (the shared corpus x10, 6 December
2026: 339 look-ups, each a scan). Nothing to fill: the database builds the index.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NAME = "ix_participants_family_name_lower"


def upgrade() -> None:
    op.create_index(NAME, "participants", [sa.text("lower(family_name)")], unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="participants")
