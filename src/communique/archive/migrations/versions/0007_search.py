"""Search that finds a word's other forms: the SQLite full-text index rebuilt with the
``porter unicode61`` tokenizer (``meeting`` finds ``meetings``; accents folded), as
PostgreSQL's ``english`` tsvector of migration 0001 already stems.

Revision ID: 0007
Revises: 0006 (written against 0004; chained after main's 0006 at the merge)
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: the tokenizers of the index before and after this revision
TOKENIZE_NEW = "porter unicode61 remove_diacritics 2"
TOKENIZE_OLD = "unicode61"


def _fts(tokenize: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS documents_fts_ai")
    op.execute("DROP TRIGGER IF EXISTS documents_fts_ad")
    op.execute("DROP TRIGGER IF EXISTS documents_fts_au")
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        f"title, text, content='documents', content_rowid='id', tokenize='{tokenize}')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts(TOKENIZE_NEW)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts(TOKENIZE_OLD)
