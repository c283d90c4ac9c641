"""Full-text search: the query language, its translation into SQLite FTS5 and PostgreSQL
tsquery, and what each engine answers on the sample corpus (word forms, phrases, OR,
NOT, snippets), the same on both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from communique.archive.read.search import SearchError, marked, parse
from communique.ingest import Archive

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"


def test_parse_words_phrases_or_not() -> None:
    q = parse('"Strategic  Dialogue" OR summit peace -Ukraine NOT "cease fire"')
    assert q.groups == ((("strategic", "dialogue"), ("summit",)), (("peace",),))
    assert q.excluded == (("ukraine",), ("cease", "fire"))
    assert q.fts5() == (
        '(("strategic dialogue" OR "summit") AND ("peace")) NOT ("ukraine" OR "cease fire")'
    )
    assert q.tsquery() == (
        "((('strategic' <-> 'dialogue') | 'summit') & ('peace')) & !('ukraine' | ('cease' <-> 'fire'))"
    )
    assert q.text() == '"strategic dialogue" OR summit peace -ukraine -"cease fire"'


def test_parse_leaves_no_operator_to_the_engine() -> None:
    # FTS5 and tsquery operators typed as text are words or nothing, never syntax
    q = parse("NEAR(a b) AND c* ^d 'e' & f | !g")
    assert q.fts5() == '("near a") AND ("b") AND ("c") AND ("d") AND ("e") AND ("f" OR "g")'
    assert "!" not in q.tsquery().replace("& !", "")
    assert parse("people-to-people").groups == ((("people", "to", "people"),),)
    assert parse('"unclosed phrase').groups == ((("unclosed", "phrase"),),)


@pytest.mark.parametrize("text", ["", "   ", '";)--', "-Lavrov", "NOT Lavrov", "OR", "x" * 501])
def test_parse_refuses_queries_without_a_word(text: str) -> None:
    with pytest.raises(SearchError) as e:
        parse(text)
    assert e.value.code == "E208" and "\n" not in e.value.one_line()


def test_marked_snippet_offsets() -> None:
    m = marked("…the \x02Strategic\x03 \x02Dialogue\x03 will…")
    assert m["text"] == "…the Strategic Dialogue will…"
    assert [m["text"][s:e] for s, e in m["marks"]] == ["Strategic", "Dialogue"]


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


def _found(a: Archive, q: str) -> set[str]:
    return {Path(d["source"]).name for d in a.search(q)}


def _has(text: str, pattern: str) -> bool:
    return re.search(pattern, text, re.I) is not None


def test_search_on_the_samples(db_url) -> None:  # noqa: ANN001
    texts = _texts()
    with Archive(db_url) as a:
        a.ingest([str(SAMPLES)])
        # word forms: "meeting" finds the readouts that only say "meetings"
        meeting = _found(a, "meeting")
        plural_only = {
            n for n, s in texts.items() if _has(s, r"\bmeetings\b") and not _has(s, r"\bmeeting\b")
        }
        assert plural_only and plural_only <= meeting
        assert _found(a, "meetings") == meeting
        # a phrase: the words next to each other, not only both somewhere
        phrase = _found(a, '"strategic dialogue"')
        both = _found(a, "strategic dialogue")
        adjacent = {n for n, s in texts.items() if _has(s, r"\bstrategic\s+dialogues?\b")}
        assert phrase == adjacent and phrase < both
        # OR and NOT
        assert _found(a, "Sochi OR Vladivostok") == _found(a, "Sochi") | _found(a, "Vladivostok")
        assert _found(a, "Lavrov -Kono") == _found(a, "Lavrov") - _found(a, "Kono")
        assert _found(a, "Lavrov NOT Kono") == _found(a, "Lavrov -Kono")
        assert _found(a, "zzzxxyyqq") == set()
        # snippets: the matched words marked, in the document's own letters
        hits = a.search('"strategic dialogue"')
        for d in hits:
            sn = d["snippet"]
            words = [w for s, e in sn["marks"] for w in sn["text"][s:e].lower().split()]
            assert words and set(words) <= {"strategic", "dialogue", "dialogues"}, sn
        # engagements found through their documents; the same ids whatever the page
        ids = [e["id"] for e in a.engagements(search='"strategic dialogue"', fields="summary")]
        assert ids and len(ids) == a.count_engagements(search='"strategic dialogue"')
        with pytest.raises(SearchError):
            a.engagements(search="-Lavrov")


def test_sqlite_and_postgresql_agree(tmp_path, pg_server) -> None:  # noqa: ANN001
    queries = [
        "meeting",
        '"strategic dialogue"',
        "peace treaty",
        "Sochi OR Vladivostok",
        "Lavrov -Kono",
        '"peace treaty" OR summit -Putin',
    ]
    import warnings

    from communique.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    found, reader = {}, {}
    for url in (f"sqlite:///{tmp_path / 'a.db'}", pg_server.create_db()):
        with Archive(url) as a:
            a.ingest([str(SAMPLES)])
            found[url] = [_found(a, q) for q in queries]
            # the reader: counts, events (as their documents' names) and snippets
            client = TestClient(create_app(archive=a))
            out = []
            for q in queries:
                j = client.get("/search.json", params={"q": q}).json()
                docs = {Path(x["source"]).name for e in j["engagements"] for x in e["accounts"]}
                marked = all(e["snippet"] and e["snippet"]["marks"] for e in j["engagements"])
                out.append((j["total"], j["documents_total"], docs, marked))
            reader[url] = out
    sqlite, pg = found.values()
    assert all(sqlite)
    assert sqlite == pg
    rs, rp = reader.values()
    assert rs == rp and all(x[0] and x[3] for x in rs)
