"""Migration 0010: participants indexed by family name in lower case, which dating an
undated engagement by another account of its meeting (``dating.other_account``) looks
up; down and up again."""

from __future__ import annotations

import sqlalchemy as sa
from revisions import to_revision

from communique.archive import db
from communique.archive import schema as t
from communique.ingest import Archive

NAME = "ix_participants_family_name_lower"


def _indexes(eng: sa.Engine) -> set[str]:
    with db.read_tx(eng) as conn:
        if eng.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'index'"
        else:
            query = "SELECT indexname FROM pg_indexes WHERE tablename = 'participants'"
        return set(conn.execute(sa.text(query)).scalars())


def test_the_family_name_index_goes_down_and_up(db_url, corpus):
    with Archive(db_url) as a:
        a.ingest([str(corpus / "mofa_0001.txt")])
    eng = db.create_engine(db_url)
    try:
        assert NAME in _indexes(eng)
        to_revision(eng, "0009", down=True)
        assert NAME not in _indexes(eng)
        to_revision(eng, "head")
        assert NAME in _indexes(eng)
        if eng.dialect.name == "sqlite":
            # the look-up dating makes reads the index, not every participant
            p = t.participants
            query = sa.select(p.c.id).where(sa.func.lower(p.c.family_name).in_(["kishida"]))
            with db.read_tx(eng) as conn:
                sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
                plan = " ".join(str(r) for r in conn.execute(sa.text("EXPLAIN QUERY PLAN " + sql)))
            assert NAME in plan
    finally:
        eng.dispose()
