"""Provenance: URLs kept and cited, never a local path; one text, one document; newer
versions of a page replace the old one's records, keeping the history. On SQLite and
PostgreSQL, with real files written here and real readouts from ../shared."""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from revisions import to_revision

from communique.archive import db
from communique.archive import schema as t
from communique.cli import main
from communique.ingest import Archive

KONO = (
    "Japan-Russia Foreign Ministers' Meeting\n\nFebruary 16, 2019\n\n"
    "On February 16, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
    "with Mr. Sergey Lavrov, Minister of Foreign Affairs of the Russian Federation, in Munich. "
    "The two ministers agreed to hold the next Foreign Ministers' Meeting in Moscow.\n"
)
URL = "https://www.mofa.go.jp/erp/rss/page4e_000999.html"


def _counts(url: str) -> dict[str, int]:
    eng = db.create_engine(url)
    try:
        with eng.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(tab)).scalar()
                for name, tab in (
                    ("documents", t.documents),
                    ("engagements", t.engagements),
                    ("events", t.events),
                    ("follow_ups", t.follow_ups),
                    ("aliases", t.document_aliases),
                    ("extractions", t.extractions),
                )
            }
    finally:
        eng.dispose()


def _no_local_path(text: str, root: Path) -> None:
    assert str(root) not in text, "a local path of this machine leaked"
    assert "/tmp/" not in text and "/work/" not in text


def test_sources_file_gives_urls_and_a_file_without_one_keeps_its_name(db_url, tmp_path, capsys):
    src = tmp_path / "saved"
    src.mkdir()
    (src / "kono.txt").write_text(KONO, encoding="utf-8")
    (src / "other.txt").write_text(KONO.replace("Munich", "Moscow"), encoding="utf-8")
    tsv = tmp_path / "SOURCES.tsv"
    tsv.write_text(f"file\turl\nkono.txt\t{URL}\n", encoding="utf-8")
    assert main(["ingest", "--db", db_url, "-q", "--sources", str(tsv), str(src)]) == 0
    capsys.readouterr()
    assert main(["query", "--db", db_url, "--format", "json"]) == 0
    out = capsys.readouterr().out
    _no_local_path(out, tmp_path)
    accounts = [a for e in json.loads(out) for a in e["accounts"]]
    by_source = {a["source"]: a for a in accounts}
    assert set(by_source) == {URL, "other.txt"}
    assert by_source[URL]["url"] == URL
    assert by_source["other.txt"]["url"] is None  # marked as having no URL
    cite = by_source[URL]["citation"]
    assert cite.startswith("Ministry of Foreign Affairs of Japan, “Japan-Russia Foreign")
    assert "2019-02-16" in cite and URL in cite and "Retrieved " in cite
    assert "other.txt (no URL known)" in by_source["other.txt"]["citation"]
    # every export carries the URL, never the path
    for fmt in ("csv", "jsonl", "plover", "ics", "graphml"):
        out_file = tmp_path / f"x.{fmt}"
        assert main(["export", "--db", db_url, "--format", fmt, "-o", str(out_file)]) == 0
        _no_local_path(out_file.read_text("utf-8"), tmp_path)
    plover = [json.loads(x) for x in (tmp_path / "x.plover").read_text().splitlines()]
    assert {(p["cite_info"] or {}).get("url") for p in plover} == {URL, None}


def test_one_file_with_its_url_and_bad_source_options(db_url, tmp_path, capsys):
    f = tmp_path / "kono.txt"
    f.write_text(KONO, encoding="utf-8")
    g = tmp_path / "g.txt"
    g.write_text(KONO, encoding="utf-8")
    assert main(["ingest", "--db", db_url, "--source", "not a url", str(f)]) == 2
    assert main(["ingest", "--db", db_url, "--source", URL, str(f), str(g)]) == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text("file\turl\nkono.txt ftp://x\n", encoding="utf-8")
    assert main(["ingest", "--db", db_url, "--sources", str(bad), str(f)]) == 2
    assert main(["ingest", "--db", db_url, "--sources", str(tmp_path / "none.tsv"), str(f)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(ln.startswith("communique: ") for ln in err), err
    assert "line 2" in err[2] and "E106" in err[2]
    assert main(["ingest", "--db", db_url, "-q", "--source", URL, str(f)]) == 0
    with Archive(db_url) as a, db.read_tx(a.engine) as conn:
        doc = conn.execute(sa.select(t.documents)).mappings().one()
    assert doc["url"] == doc["source"] == URL and doc["publisher"] == "JPN"
    assert doc["retrieved_at"] is not None and doc["text_hash"]


def test_saved_html_names_its_own_url(db_url, tmp_path):
    page = tmp_path / "saved.html"
    body = "".join(f"<p>{line}</p>" for line in KONO.splitlines() if line)
    page.write_text(
        "<!DOCTYPE html><html><head><title>Japan-Russia Foreign Ministers' Meeting</title>"
        f'<link rel="canonical" href="{URL}"></head><body><main>{body}</main></body></html>',
        encoding="utf-8",
    )
    with Archive(db_url) as a:
        a.ingest([str(page)])
        (e,) = a.engagements()
        assert e["accounts"][0]["url"] == URL == e["accounts"][0]["source"]
        again = a.ingest([str(page)])
        assert again.count("present") == 1
    assert _counts(db_url)["documents"] == 1


def test_the_same_text_under_two_names_is_one_document(db_url, tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir(), b_dir.mkdir()
    (a_dir / "kono.txt").write_text(KONO, encoding="utf-8")
    # the same text saved again: another name, Windows line ends, trailing spaces
    (b_dir / "copy of kono.txt").write_bytes(KONO.replace("\n", "  \r\n").encode("utf-8"))
    with Archive(db_url) as a:
        a.ingest([str(a_dir)])
        before = _counts(db_url)
        assert before["engagements"] >= 1 and before["follow_ups"] >= 1
        r = a.ingest([str(b_dir)], sources={"copy of kono.txt": URL})
        assert [o.status for o in r.outcomes] == ["present"]
        after = _counts(db_url)
        assert after == {**before, "aliases": 1}
        (e,) = a.engagements()
        # the URL learnt from the second location becomes the document's own
        assert e["accounts"][0]["url"] == URL
        assert a.ingest([str(b_dir)], sources={"copy of kono.txt": URL}).count("present") == 1
    assert _counts(db_url) == after


def test_a_newer_version_at_the_same_url_replaces_the_records(db_url, tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(KONO, encoding="utf-8")
    with Archive(db_url) as a:
        a.ingest([str(f)], source=URL)
        (old,) = a.engagements()
        assert old["place"]["name"] == "Munich"
        f.write_text(KONO.replace("in Munich", "in Berlin"), encoding="utf-8")
        r = a.ingest([str(f)], source=URL)
        assert r.outcomes[0].status == "stored" and "newer version" in r.outcomes[0].message
        (new,) = a.engagements()
        assert new["place"]["name"] == "Berlin"
        with db.read_tx(a.engine) as conn:
            docs = conn.execute(sa.select(t.documents).order_by(t.documents.c.id)).mappings().all()
        assert [d["superseded_by"] for d in docs] == [docs[1]["id"], None]
        assert docs[0]["text"] == KONO.strip() or "Munich" in docs[0]["text"]  # history kept
        # re-extraction does not bring the old version's records back
        a.reextract()
        assert len(a.engagements()) == 1
    assert _counts(db_url)["extractions"] == 2


@pytest.fixture
def dev(corpus) -> Path:
    d = corpus.parent / "eval" / "dev"
    if not (d / "SOURCES.tsv").is_file():
        pytest.skip("../shared/eval/dev not available")
    return d


def test_real_corpus_and_dev_copies(db_url, tmp_path, dev, capsys):
    """The dev files are copies of corpus files: each text is one document, with its URL."""
    names = ["mod_0001.txt", "state_0005.txt", "govuk_0002.txt", "whitehouse_0001.txt"]
    one, two = tmp_path / "corpus", tmp_path / "dev"
    one.mkdir(), two.mkdir()
    for n in names:
        shutil.copy(dev / n, two / n)
        shutil.copy(dev / n, one / n.replace(".txt", "-saved.txt"))
    assert main(["ingest", "--db", db_url, "-q", str(one)]) == 0
    before = _counts(db_url)
    src = str(dev / "SOURCES.tsv")
    assert main(["ingest", "--db", db_url, "-q", "--sources", src, str(two)]) == 0
    capsys.readouterr()
    after = _counts(db_url)
    assert after == {**before, "aliases": 4}
    with Archive(db_url) as a, db.read_tx(a.engine) as conn:
        urls = conn.execute(sa.select(t.documents.c.url)).scalars().all()
    assert len(urls) == 4 and all(u.startswith("http") for u in urls)


def test_migration_0005_converts_an_older_archive(db_url, tmp_path):
    """An archive written before provenance: local paths become file names, the same text
    stored twice becomes one document with an alias, and the next command relinks."""
    eng = db.create_engine(db_url)
    try:
        to_revision(eng, "0004")
        docs = sa.table(
            "documents",
            *(sa.column(c) for c in ("source", "content_hash", "text", "fetched_at", "title")),
        )
        now = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
        with db.write_tx(eng) as conn:
            for i, (src, text) in enumerate(
                [
                    ("/home/x/corpus/a.txt", "Same  text"),
                    ("/home/x/dev/a.txt", "Same text\n"),
                    (URL, "Other"),
                ]
            ):
                conn.execute(
                    docs.insert().values(
                        source=src, content_hash=str(i), text=text, fetched_at=now, title="t"
                    )
                )
    finally:
        eng.dispose()
    with Archive(db_url) as a, db.read_tx(a.engine) as conn:
        rows = conn.execute(
            sa.select(t.documents.c.source, t.documents.c.url).order_by(t.documents.c.id)
        ).all()
        aliases = conn.execute(sa.select(t.document_aliases.c.location)).scalars().all()
        st = dict(conn.execute(sa.select(t.archive_state.c.key, t.archive_state.c.value)).all())
    assert [tuple(r) for r in rows] == [("a.txt", None), (URL, URL)]
    assert aliases == ["a.txt"]
    assert st["data_version"] != st["linked_version"]


def test_reader_links_to_the_original_and_shows_a_citation(db_url, tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from communique.web.app import create_app
    f = tmp_path / "kono.txt"
    f.write_text(KONO, encoding="utf-8")
    g = tmp_path / "nourl.txt"
    g.write_text(KONO.replace("Munich", "Moscow").replace("February 16", "March 3"), "utf-8")
    with Archive(db_url) as a:
        a.ingest([str(f)], source=URL)
        a.ingest([str(g)])
        evs = a.engagements()
    client = TestClient(create_app(db_url))
    for e in evs:
        acc = e["accounts"][0]
        page = client.get(f"/engagement/{e['id']}")
        doc = client.get(f"/document/{acc['document_id']}")
        djson = client.get(f"/document/{acc['document_id']}.json").json()
        ejson = client.get(f"/engagement/{e['id']}.json").json()
        for text in (page.text, doc.text, json.dumps(djson), json.dumps(ejson)):
            _no_local_path(text, tmp_path)
        assert djson["citation"] == acc["citation"]
        if acc["url"]:
            assert f'href="{URL}"' in doc.text and f'href="{URL}"' in page.text
            assert "Read the original page" in doc.text
            assert djson["url"] == URL
        else:
            assert "no URL known" in doc.text and "no URL known" in page.text
            assert djson["url"] is None and djson["source"] == "nourl.txt"
        assert "Cite:" in page.text and "Cite:" in doc.text
        cite = html.escape(acc["citation"]).replace("&#x27;", "&#39;")
        assert cite in page.text and cite in doc.text
