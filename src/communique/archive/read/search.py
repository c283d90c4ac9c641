"""Full-text search in the database's own engine: one query language, two translations.

A query is words (``peace treaty``: both), phrases in double quotes (``"strategic
dialogue"``), alternatives joined by ``OR`` (``summit OR meeting``) and exclusions
(``-Ukraine`` or ``NOT Ukraine``); ``AND`` may be written but is implied. Words match their other forms (``meeting`` finds
``meetings``): SQLite's FTS5 index uses the ``porter unicode61`` tokenizer and PostgreSQL
the ``english`` text-search configuration (migration 0007). :func:`parse` reads the
query once; :meth:`SearchQuery.fts5` and :meth:`SearchQuery.tsquery` write the same
meaning in each engine's syntax, so the reader, its JSON API and ``communique query
--search`` select the same documents.

Snippets come from the engine too (FTS5 ``snippet()``, PostgreSQL ``ts_headline``) with
the matched words between two control characters, turned into offsets here: the text
stays plain and whoever shows it escapes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.archive.db import ArchiveError

#: longest query accepted (characters); longer ones are refused, not cut
MAX_QUERY = 500
#: words around the matched ones in a snippet (FTS5 counts tokens; 24 fills two lines)
SNIPPET_TOKENS = 24
#: PostgreSQL ``ts_headline`` window, in words, chosen to match FTS5's snippet length
HEADLINE_OPTIONS = "MaxWords=26, MinWords=12, MaxFragments=1, FragmentDelimiter=' … '"
#: start and end of a highlighted word in the engine's snippet (never in stored text:
#: control characters are dropped when documents are read)
START, STOP = "\x02", "\x03"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


class SearchError(ArchiveError):
    """A search query that cannot be run (empty, or excluding words only)."""

    def __init__(self, message: str) -> None:
        super().__init__("E208", message)


@dataclass(frozen=True)
class SearchQuery:
    """Groups that must all match, each one of its alternatives (a word or a phrase,
    as a tuple of words), and terms that must not match."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    excluded: tuple[tuple[str, ...], ...] = ()

    def fts5(self) -> str:
        """The query in SQLite FTS5 syntax (every term quoted, so no word is an operator)."""
        return self._boolean(lambda words: '"' + " ".join(words) + '"', "OR", "AND", "NOT ")

    def tsquery(self) -> str:
        """The query for PostgreSQL ``to_tsquery('english', ...)`` (words stemmed there)."""

        def term(words: tuple[str, ...]) -> str:
            q = " <-> ".join(f"'{w}'" for w in words)
            return f"({q})" if len(words) > 1 else q

        return self._boolean(term, "|", "&", "& !")

    def _boolean(
        self, term: Callable[[tuple[str, ...]], str], or_: str, and_: str, not_: str
    ) -> str:
        """The groups and exclusions in an engine's boolean syntax: ``term`` writes a word
        or phrase; ``or_``, ``and_`` and ``not_`` are its operators."""

        def alts(ts: tuple[tuple[str, ...], ...]) -> str:
            return "(" + f" {or_} ".join(term(x) for x in ts) + ")"

        pos = f" {and_} ".join(alts(g) for g in self.groups)
        if self.excluded:
            return f"({pos}) {not_}{alts(self.excluded)}"
        return pos

    def text(self) -> str:
        """The query written back in its own language (normalised)."""

        def term(words: tuple[str, ...]) -> str:
            return '"' + " ".join(words) + '"' if len(words) > 1 else words[0]

        parts = [" OR ".join(term(x) for x in g) for g in self.groups]
        parts += ["-" + term(x) for x in self.excluded]
        return " ".join(parts)


def parse(text: str | None) -> SearchQuery:
    """Read a query; :class:`SearchError` when it has no word to look for."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY:
        raise SearchError(f"search query longer than {MAX_QUERY} characters")
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[tuple[str, ...]] = []
    join_next = negate_next = False
    for m in _TOKEN.finditer(text):
        neg_mark, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare in ("OR", "or", "|"):
                join_next = bool(groups) and not negate_next
                continue
            if bare == "NOT":
                negate_next = True
                continue
            if bare == "AND":  # what words next to each other already mean
                continue
            if bare.startswith("-") and len(bare) > 1:
                neg_mark, bare = "-", bare[1:]
            words = tuple(w.lower() for w in _WORD.findall(bare))
        else:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
        negated = bool(neg_mark) or negate_next
        negate_next = False
        if not words:
            join_next = False
            continue
        if negated:
            excluded.append(words)
            join_next = False
        elif join_next:
            groups[-1].append(words)
            join_next = False
        else:
            groups.append([words])
    if not groups:
        if excluded:
            raise SearchError(
                f"search {text!r} only excludes words; give at least one word to look for"
            )
        raise SearchError("empty search: give at least one word to look for")
    return SearchQuery(
        groups=tuple(tuple(dict.fromkeys(g)) for g in groups),
        excluded=tuple(dict.fromkeys(excluded)),
    )


# ---------------------------------------------------------------- in the database


def match_clause(conn: Connection, q: SearchQuery) -> sa.ColumnElement:
    """A condition on ``documents_fts`` (SQLite) or ``documents`` (PostgreSQL)."""
    if conn.dialect.name == "sqlite":
        return sa.text("documents_fts MATCH :fts_q").bindparams(fts_q=q.fts5())
    return sa.text("documents.tsv @@ to_tsquery('english', :fts_q)").bindparams(fts_q=q.tsquery())


def document_ids(conn: Connection, q: SearchQuery) -> sa.Select:
    """The ids of the documents matching ``q``, as a subquery."""
    if conn.dialect.name == "sqlite":
        return (
            sa.select(sa.literal_column("rowid"))
            .select_from(sa.table("documents_fts"))
            .where(match_clause(conn, q))
        )
    return sa.select(t.documents.c.id).where(match_clause(conn, q))


def document_id_list(conn: Connection, q: SearchQuery) -> list[int]:
    """The ids of the documents matching ``q``, read through the driver's own cursor: a
    common word matches tens of thousands of documents, and building a SQLAlchemy row for
    each costs more than the search itself."""
    if conn.dialect.name == "sqlite":
        sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
        params: tuple = (q.fts5(),)
    else:
        sql = "SELECT id FROM documents WHERE tsv @@ to_tsquery('english', %s)"
        params = (q.tsquery(),)
    cur = conn.connection.cursor()
    try:
        cur.execute(sql, params)
        return [r[0] for r in cur.fetchall()]
    finally:
        cur.close()


def count_documents(conn: Connection, q: SearchQuery) -> int:
    """How many documents match (SQLite: counted in the full-text index alone)."""
    return conn.execute(
        sa.select(sa.func.count()).select_from(document_ids(conn, q).subquery())
    ).scalar_one()


_MARKERS = re.compile(f"[{START}{STOP}]")


def marked(s: str) -> dict:
    """A snippet with the engine's markers as plain text and the marked character ranges."""
    parts = _MARKERS.split(s.replace("\n", " "))
    # text, marker, text, ...: the markers alternate start/stop, so odd pieces are marked
    out, marks, pos = [], [], 0
    for k, piece in enumerate(parts):
        if k % 2 and piece:
            marks.append([pos, pos + len(piece)])
        out.append(piece)
        pos += len(piece)
    return {"text": "".join(out), "marks": marks}


def snippets(conn: Connection, q: SearchQuery, doc_ids: list[int]) -> dict[int, dict]:
    """For each of ``doc_ids`` that matches ``q``: ``{"text", "marks"}`` around the
    matched words (``marks``: [start, end) offsets into ``text``)."""
    if not doc_ids:
        return {}
    if conn.dialect.name == "sqlite":
        rows = conn.execute(
            sa.text(
                "SELECT rowid, snippet(documents_fts, -1, :a, :b, '…', :n) FROM documents_fts "
                "WHERE documents_fts MATCH :fts_q AND rowid IN ("
                + ",".join(str(int(i)) for i in doc_ids)
                + ")"
            ),
            {"a": START, "b": STOP, "n": SNIPPET_TOKENS, "fts_q": q.fts5()},
        ).all()
    else:
        opts = f"StartSel={START}, StopSel={STOP}, {HEADLINE_OPTIONS}"
        rows = conn.execute(
            sa.text(
                "SELECT id, ts_headline('english', coalesce(text, title, ''), "
                "to_tsquery('english', :fts_q), :opts) FROM documents "
                "WHERE tsv @@ to_tsquery('english', :fts_q) AND id = ANY(:ids)"
            ),
            {"fts_q": q.tsquery(), "opts": opts, "ids": [int(i) for i in doc_ids]},
        ).all()
    return {int(r[0]): marked(r[1] or "") for r in rows}


def ranked_documents(conn: Connection, q: SearchQuery) -> list[sa.Row]:
    """The documents matching ``q`` (id, source, title, published), best match first
    (FTS5's rank, PostgreSQL's ``ts_rank``), then by id."""
    d = t.documents
    cols = (d.c.id, d.c.source, d.c.title, d.c.published)
    if conn.dialect.name == "sqlite":
        fts = sa.table("documents_fts")
        return conn.execute(
            sa.select(*cols)
            .select_from(fts.join(d, d.c.id == sa.literal_column("documents_fts.rowid")))
            .where(match_clause(conn, q))
            .order_by(sa.text("documents_fts.rank"), d.c.id)
        ).all()
    rank = sa.text("ts_rank(documents.tsv, to_tsquery('english', :rank_q)) DESC")
    return conn.execute(
        sa.select(*cols)
        .where(match_clause(conn, q))
        .order_by(rank.bindparams(rank_q=q.tsquery()), d.c.id)
    ).all()


def text_document_ids(conn: Connection, q: SearchQuery) -> list[int]:
    """The ids of the documents matching ``q``, newest stored first."""
    ids = document_id_list(conn, q)
    ids.sort(reverse=True)
    return ids


def event_documents(conn: Connection, ids: list[int]) -> dict[int, list[int]]:
    """The documents of each event of ``ids`` (its accounts' order): where a snippet of
    an event is looked for."""
    e = t.engagements
    out: dict[int, list[int]] = defaultdict(list)
    for evid, doc in conn.execute(
        sa.select(e.c.event_id, e.c.document_id).where(e.c.event_id.in_(ids)).order_by(e.c.id)
    ):
        out[evid].append(doc)
    return out
