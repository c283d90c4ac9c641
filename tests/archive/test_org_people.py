"""People linked to organisation codes: an international official (the UN
Secretary-General, the EU High Representative, NATO's and ASEAN's Secretaries-General) is
filed under the organisation while in that office, not under the country he once led:
in persons, offices, pairs, ``query --person``, ``people show``, the JSON API and the
reader; while he served his country he is that country's in those meetings."""

from __future__ import annotations

import json
import warnings

from records import add_document, engagement, person

from communique.cli import main
from communique.ingest import Archive

KONO = person("Taro Kono", "Kono", "Minister for Foreign Affairs of Japan", "JPN")
HAYASHI = person("Yoshimasa Hayashi", "Hayashi", "Minister for Foreign Affairs of Japan", "JPN")
FIDAN = person("Hakan Fidan", "Fidan", "Minister of Foreign Affairs of Türkiye", "TUR")


def official(name: str, family: str, title: str, organization: str | None) -> dict:
    p = person(name, family, title, None)
    p["organization"] = organization
    return p


def _build(a: Archive) -> None:
    # Borrell as Spain's foreign minister (2019), then as the EU's High Representative
    add_document(
        a,
        [
            engagement(
                "2019-02-16",
                [
                    KONO,
                    person(
                        "Josep Borrell Fontelles", "Borrell", "Minister of Foreign Affairs", "ESP"
                    ),
                ],
            )
        ],
    )
    hr = official(
        "Josep Borrell Fontelles",
        "Borrell",
        "High Representative of the European Union",
        "European Union",
    )
    add_document(a, [engagement("2021-12-06", [HAYASHI, hr], mode="telephone")])
    add_document(a, [engagement("2022-02-19", [HAYASHI, hr])])
    # the extractor named only the title: the organisation comes from it
    sg = official("António Guterres", "Guterres", "Secretary-General of the United Nations", None)
    add_document(a, [engagement("2023-09-23", [sg, FIDAN])], publisher=None)
    a.relink()


def test_officials_are_filed_under_their_organisation(db_url, capsys):
    with Archive(db_url) as a:
        _build(a)
        (borrell,) = a.person("Borrell")
        (guterres,) = a.person("Guterres")
        assert borrell["country"] == "EU" and guterres["country"] == "UN"
        offices = {(o["office"], o["country"]) for o in borrell["offices"]}
        assert offices == {("Foreign Minister", "ESP"), ("High Representative", "EU")}
        assert {(o["office"], o["country"]) for o in guterres["offices"]} == {
            ("Secretary-General", "UN")
        }
        # in pairs: his EU meetings are Japan-EU, his Spanish one Japan-Spain
        assert [e["date"] for e in a.engagements(between=("JPN", "EU"))] == [
            "2021-12-06",
            "2022-02-19",
        ]
        assert [e["date"] for e in a.engagements(between=("JPN", "ESP"))] == ["2019-02-16"]
        assert [e["date"] for e in a.engagements(between=("UN", "TUR"))] == ["2023-09-23"]
        assert a.engagements(between=("PRT", "TUR")) == []
    assert main(["query", "--db", db_url, "--person", "Borrell", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    acts = sorted(
        (e["date"], p["country"])
        for e in rows
        for p in e["participants"]
        if "Borrell" in (p["name"] or "")
    )
    assert acts == [("2019-02-16", "ESP"), ("2021-12-06", "EU"), ("2022-02-19", "EU")]
    assert main(["query", "--db", db_url, "--between", "EU", "Borrell", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["people", "show", "--db", db_url, str(borrell["id"])]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["country"] == "EU"
    assert main(["people", "list", "--db", db_url, "--name", "Guterres", "--format", "json"]) == 0
    assert [p["country"] for p in json.loads(capsys.readouterr().out)] == ["UN"]


def test_officials_in_the_api_and_reader(db_url):
    with Archive(db_url) as a:
        _build(a)
        (borrell,) = a.person("Borrell")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from communique.web.app import create_app

    client = TestClient(create_app(db_url))
    r = client.get(f"/person/{borrell['id']}.json")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["person"]["country"] == "EU"
    html = client.get(f"/person/{borrell['id']}").text
    assert "European Union" in html
    people = client.get("/people.json?name=Guterres").json()
    assert [p["country"] for p in people["people"]] == ["UN"]
