"""Search in the reader: a count, snippets with the matched words highlighted (escaped),
filters kept in the URL, and the same ids in the page, its JSON twin and the CLI."""

from __future__ import annotations

import json
import re

from communique.cli import main


def _all_ids(client, query: str) -> list[int]:  # noqa: ANN001
    ids, page = [], 1
    while page:
        j = client.get(f"/search.json?{query}&page={page}").json()
        ids += [e["id"] for e in j["engagements"]]
        page = j["next_page"]
    return ids


def test_strategic_dialogue_count_snippets_and_highlights(client) -> None:  # noqa: ANN001
    j = client.get("/search.json", params={"q": "strategic dialogue"}).json()
    assert j["total"] == len(j["engagements"]) >= 3
    assert j["documents_total"] >= j["total"] - 1 and j["documents"]
    for e in j["engagements"]:
        sn = e["snippet"]
        assert sn and sn["document_id"] in {a["document_id"] for a in e["accounts"]}
        marked = {w for s, x in sn["marks"] for w in sn["text"][s:x].lower().split()}
        assert marked and marked <= {"strategic", "dialogue", "dialogues"}
    html = client.get("/search", params={"q": "strategic dialogue"}).text
    assert f"{j['total']} engagements match" in html
    assert re.search(r'<mark class="hit">(Strategic|Dialogue)', html)
    assert html.count('class="snippet"') >= j["total"]


def test_phrase_or_not_and_word_forms_in_the_reader(client) -> None:  # noqa: ANN001
    def ids(q: str) -> set[int]:
        return set(_all_ids(client, "q=" + q))

    assert ids("meeting") == ids("meetings")
    assert ids('"strategic+dialogue"') < ids("strategic+dialogue")
    assert ids("Sochi+OR+Vladivostok") == ids("Sochi") | ids("Vladivostok")
    assert ids("Lavrov+-Kono") == ids("Lavrov") - ids("Kono")


def test_filters_stay_in_the_url(client) -> None:  # noqa: ANN001
    html = client.get("/search?q=Lavrov&country=JPN&since=2018-01-01&mode=in_person").text
    j = client.get("/search.json?q=Lavrov&country=JPN&since=2018-01-01&mode=in_person").json()
    assert j["total"] == len(j["engagements"]) > 0
    assert all(e["date"] >= "2018-01-01" and e["mode"] == "in_person" for e in j["engagements"])
    # the form shows the filters and the CSV link carries them
    assert 'value="Lavrov"' in html and 'value="2018-01-01"' in html
    assert '<option value="in_person" selected>' in html
    assert "/search.csv?q=Lavrov&amp;country=JPN&amp;since=2018-01-01&amp;mode=in_person" in html


def test_api_and_cli_return_the_same_ids(client, corpus_db, capsys) -> None:  # noqa: ANN001
    for q in ("strategic dialogue", '"peace treaty" OR Vladivostok', "Lavrov -Munich"):
        web = _all_ids(client, "q=" + q.replace(" ", "+").replace('"', "%22"))
        assert (
            main(["query", "--db", f"sqlite:///{corpus_db}", "--search", q, "--format", "json"])
            == 0
        )
        cli = [e["id"] for e in json.loads(capsys.readouterr().out)]
        assert web and sorted(web) == sorted(cli), q


def test_cli_refuses_a_search_without_words(corpus_db, capsys) -> None:  # noqa: ANN001
    assert main(["query", "--db", f"sqlite:///{corpus_db}", "--search=-Lavrov"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("communique: ") and "word to look for" in err and "\n" not in err


def test_snippets_are_escaped(admin_client) -> None:  # noqa: ANN001
    from webkit import TOKEN

    text = (
        "Tokyo, 3 March 2024. Foreign Minister Kamikawa held the Japan-Ruritania strategic "
        'dialogue with <img src=x onerror="alert(1)"> Minister Rassendyll & team.'
    )
    r = admin_client.post(
        "/api/ingest?source=https://example.org/ruritania",
        content=text.encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
    )
    assert r.status_code == 201, r.text
    html = admin_client.get("/search", params={"q": "Rassendyll"}).text
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert '<mark class="hit">Rassendyll</mark> &amp; team' in html


def test_pages_are_newest_first_and_add_up_to_the_total(client) -> None:  # noqa: ANN001
    for query in ("q=Lavrov", "q=meeting&country=JPN", "country=RUS", "level=leader", ""):
        rows, page, total = [], 1, None
        while page:
            j = client.get(f"/search.json?{query}&page={page}").json()
            total = j["total"] if total is None else total
            assert j["total"] == total
            rows += j["engagements"]
            page = j["next_page"]
        assert len(rows) == total == len({e["id"] for e in rows}), query
        keys = [(e["date"] or "", e["id"]) for e in rows]
        assert keys == sorted(keys, reverse=True), query
