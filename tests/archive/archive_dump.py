"""A canonical dump of every table of an archive, for comparing two archives."""

from __future__ import annotations


def dump(url: str) -> dict:
    """Every table of the archive in a canonical form (rows sorted, values as text)."""
    import sqlalchemy as sa

    from communique.archive import db

    eng = db.create_engine(url)
    out = {}
    try:
        with eng.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            for name in sorted(names):
                if name.startswith("documents_fts"):
                    continue
                cols = [c["name"] for c in sa.inspect(conn).get_columns(name) if c["name"] != "tsv"]
                rows = conn.execute(sa.text(f"SELECT {', '.join(cols)} FROM {name}")).all()
                out[name] = sorted(tuple(repr(v) for v in r) for r in rows)
    finally:
        eng.dispose()
    return out
