"""Citations: each engagement and document page offers one (publisher, title, date, URL,
retrieved) as text, BibTeX and CSL-JSON; a selection exports from the reader and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re

from communique.cli import main
from communique.formats import citation


def test_citation_fields_from_a_document_row() -> None:
    row = {
        "id": 7,
        "source": "https://www.mofa.go.jp/erp/rss/page4e_000123.html",
        "title": "Japan-Russia Foreign Ministers' Meeting",
        "published": dt.date(2019, 2, 16),
        "publisher": "JPN",
        "fetched_at": dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC),
    }
    c = citation.document_fields(row)
    assert c["publisher"] == "Ministry of Foreign Affairs of Japan"
    assert c["url"] == row["source"] and c["retrieved"] == dt.date(2024, 5, 1)
    assert citation.plain(c) == (
        "Ministry of Foreign Affairs of Japan. “Japan-Russia Foreign Ministers' Meeting.” "
        "16 February 2019. https://www.mofa.go.jp/erp/rss/page4e_000123.html "
        "(retrieved 1 May 2024)."
    )
    bib = citation.bibtex(c)
    assert bib.startswith("@misc{mfaj2019_7,\n")
    assert "  urldate = {2024-05-01}" in bib and "  month = feb" in bib
    csl = citation.csl(c)
    assert csl["type"] == "webpage" and csl["issued"] == {"date-parts": [[2019, 2, 16]]}
    assert csl["accessed"] == {"date-parts": [[2024, 5, 1]]} and csl["URL"] == row["source"]
    # a local file is no URL, and nothing is said to be retrieved from it
    local = citation.document_fields({**row, "source": "/data/readout.txt"})
    assert local["url"] is None and local["retrieved"] is None
    assert "http" not in citation.plain(local) and "urldate" not in citation.bibtex(local)
    # a url column, once the archive keeps one, wins over the source
    assert citation.document_fields({**row, "url": "https://example.org/x"})["url"] == (
        "https://example.org/x"
    )


def test_bibtex_escapes_what_would_break_the_entry() -> None:
    c = {
        "document_id": 1,
        "title": "Q&A on 100% of {the} #1 issue_x ~ \\end",
        "publisher": None,
        "published": None,
        "url": None,
        "retrieved": None,
    }
    bib = citation.bibtex(c)
    assert r"Q\&A on 100\% of \{the\} \#1 issue\_x \~{} \textbackslash{}end" in bib
    bare = bib.replace(r"\{", "").replace(r"\}", "")
    assert bare.count("{") == bare.count("}")


def test_pages_offer_citations(client, archive) -> None:  # noqa: ANN001
    e = next(x for x in archive.engagements() if len(x["accounts"]) > 1)
    j = client.get(f"/engagement/{e['id']}.json").json()
    assert [c["document_id"] for c in j["citations"]] == [a["document_id"] for a in e["accounts"]]
    html = client.get(f"/engagement/{e['id']}").text
    assert html.count('class="citation-entry"') == len(e["accounts"])
    assert "@misc{" in html and f'href="/citations.bib?event={e["id"]}"' in html
    doc = e["accounts"][0]["document_id"]
    dj = client.get(f"/document/{doc}.json").json()
    assert dj["citations"][0]["text"].endswith(".")
    assert dj["citations"][0]["csl"]["title"] == dj["title"]


def test_selection_exports_in_the_reader_and_the_cli(client, corpus_db, tmp_path) -> None:  # noqa: ANN001
    r = client.get("/citations.bib", params={"q": "strategic dialogue"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-bibtex")
    keys = re.findall(r"^@misc\{([^,]+),", r.text, re.M)
    csl = client.get("/citations.json", params={"q": "strategic dialogue"}).json()
    assert keys and [x["id"] for x in csl] == keys
    out = tmp_path / "refs.bib"
    argv = ["export", "--db", f"sqlite:///{corpus_db}", "--format", "bibtex"]
    assert main([*argv, "--search", "strategic dialogue", "-o", str(out)]) == 0
    assert sorted(re.findall(r"^@misc\{([^,]+),", out.read_text(), re.M)) == sorted(keys)
    out = tmp_path / "refs.json"
    argv[-1] = "csl-json"
    assert main([*argv, "--search", "strategic dialogue", "-o", str(out)]) == 0
    assert sorted(x["id"] for x in json.loads(out.read_text())) == sorted(keys)


def test_bad_selections_are_refused(client, corpus_db, capsys) -> None:  # noqa: ANN001
    r = client.get("/citations.bib")
    assert r.status_code == 400 and "no documents selected" in r.json()["detail"]
    assert client.get("/citations.json?q=-Lavrov").status_code == 400
    assert client.get("/citations.json?event=x").status_code == 422
    db = f"sqlite:///{corpus_db}"
    assert main(["export", "--db", db, "--format", "csv", "--country", "JPN"]) == 2
    assert "citations only" in capsys.readouterr().err
