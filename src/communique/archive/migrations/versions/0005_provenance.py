"""Provenance: where each document came from, one document per text, analysts' verdicts.

* ``documents``: ``url`` (the public address, NULL when none is known), ``text_hash``
  (SHA-256 of the normalised text: the same text under another name is the same
  document), ``retrieved_at`` (when the page was fetched or saved) and
  ``superseded_by`` (a newer version of the page at the same URL; the old version keeps
  its text and extractions but no longer has records). ``source`` becomes the public
  location: the URL, or the file name alone, never a path of the machine that built
  the archive.
* ``document_aliases``: the other locations (file names, URLs) the same text was
  ingested from.
* ``engagements.date_reason``: why an engagement has a date its record did not give.
* ``follow_up_overrides``: an analyst's verdict on a promise, kept across re-extraction
  (keyed by the promising document and the promise's name).

Existing rows are converted: local paths become file names, documents with the same
normalised text become one document (the others' locations kept as its aliases), and
the archive is marked for relinking.

Revision ID: 0005
Revises: 0004
"""

import os

import sqlalchemy as sa
from alembic import op

from communique.archive.provenance import is_url, text_hash

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("url", sa.Text, nullable=True))
    op.add_column("documents", sa.Column("text_hash", sa.String(64), nullable=True))
    op.add_column("documents", sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("documents", sa.Column("superseded_by", sa.Integer, nullable=True))
    op.create_index("ix_documents_text_hash", "documents", ["text_hash"], unique=False)
    op.create_index("ix_documents_url", "documents", ["url"], unique=False)
    op.add_column("engagements", sa.Column("date_reason", sa.Text, nullable=True))
    op.create_table(
        "document_aliases",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_aliases_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_aliases")),
        sa.UniqueConstraint(
            "location", "content_hash", name=op.f("uq_document_aliases_location_content_hash")
        ),
    )
    op.create_index(
        "ix_document_aliases_document_id", "document_aliases", ["document_id"], unique=False
    )
    op.create_table(
        "follow_up_overrides",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("target_document_id", sa.Integer, nullable=True),
        sa.Column("target_date", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_follow_up_overrides_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_overrides")),
        sa.UniqueConstraint(
            "document_id", "name", name=op.f("uq_follow_up_overrides_document_id_name")
        ),
    )

    conn = op.get_bind()
    docs = sa.table(
        "documents",
        sa.column("id", sa.Integer),
        sa.column("source", sa.Text),
        sa.column("content_hash", sa.String),
        sa.column("text", sa.Text),
        sa.column("url", sa.Text),
        sa.column("text_hash", sa.String),
        sa.column("fetched_at", sa.DateTime),
        sa.column("retrieved_at", sa.DateTime),
    )
    aliases = sa.table(
        "document_aliases",
        sa.column("document_id", sa.Integer),
        sa.column("location", sa.Text),
        sa.column("url", sa.Text),
        sa.column("content_hash", sa.String),
        sa.column("retrieved_at", sa.DateTime),
    )
    rows = conn.execute(
        sa.select(
            docs.c.id, docs.c.source, docs.c.content_hash, docs.c.text, docs.c.fetched_at
        ).order_by(docs.c.id)
    ).all()
    first: dict[str, int] = {}
    for r in rows:
        url = r.source if is_url(r.source) else None
        location = url or os.path.basename(r.source or "") or (r.source or "")
        th = text_hash(r.text) if r.text else None
        if th and th in first:
            conn.execute(
                aliases.insert(),
                {
                    "document_id": first[th],
                    "location": location,
                    "url": url,
                    "content_hash": r.content_hash,
                    "retrieved_at": r.fetched_at,
                },
            )
            conn.execute(docs.delete().where(docs.c.id == r.id))
            continue
        if th:
            first[th] = r.id
        conn.execute(
            docs.update()
            .where(docs.c.id == r.id)
            .values(
                source=location,
                url=url,
                text_hash=th,
                retrieved_at=r.fetched_at if url else None,
            )
        )
    state = sa.table("archive_state", sa.column("key", sa.String), sa.column("value", sa.Integer))
    conn.execute(
        state.update().where(state.c.key == "data_version").values(value=state.c.value + 1)
    )


def downgrade() -> None:
    op.drop_table("follow_up_overrides")
    op.drop_index("ix_document_aliases_document_id", table_name="document_aliases")
    op.drop_table("document_aliases")
    with op.batch_alter_table("engagements") as b:
        b.drop_column("date_reason")
    op.drop_index("ix_documents_url", table_name="documents")
    op.drop_index("ix_documents_text_hash", table_name="documents")
    with op.batch_alter_table("documents") as b:
        for c in ("superseded_by", "retrieved_at", "text_hash", "url"):
            b.drop_column(c)
