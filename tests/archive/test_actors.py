"""International organisations as actors: an official of the EU, ASEAN or NATO acts for
it by its stable code, in pairs, queries, the reader and exports."""

from __future__ import annotations

import json
import warnings

import pytest
from records import add_document, engagement, person

from communique import gazetteer
from communique.archive import actors
from communique.cli import main
from communique.ingest import Archive

HAYASHI = person("Yoshimasa Hayashi", "Hayashi", "Minister for Foreign Affairs of Japan", "JPN")


def borrell(**kw) -> dict:  # noqa: ANN003
    p = person(
        "Josep Borrell Fontelles",
        "Borrell",
        kw.pop("title", "High Representative of the European Union"),
        None,
    )
    p["organization"] = kw.pop("organization", "European Union")
    return p


def test_every_organisation_has_one_code_and_no_code_is_a_country():
    codes = gazetteer.organization_codes()
    names = {n for n in gazetteer.organizations().values()}
    assert names <= set(codes), names - set(codes)
    for code in gazetteer.organization_names():
        assert actors.CODE_RE.match(code) and code not in gazetteer.countries(), code


@pytest.mark.parametrize(
    ("organization", "title", "code"),
    [
        ("European Union", None, "EU"),
        ("High Representative of the European Union for Foreign Affairs", None, "EU"),
        ("Secretary-General of ASEAN", "Minister", "ASEAN"),
        (None, "Secretary General of NATO", "NATO"),  # today's output: the title only
        (None, "President of the European Commission", "EU"),
        (None, "Director-General of the WHO", "WHO"),
        (None, "who knows", None),
        (None, "Minister for Foreign Affairs", None),
    ],
)
def test_an_official_acts_for_the_organisation(organization, title, code):
    assert actors.actor(None, organization, title) == code
    assert actors.actor("JPN", organization, title) == "JPN"  # a country wins


def test_japan_eu_in_pairs_queries_reader_and_exports(db_url, tmp_path, capsys):
    with Archive(db_url) as a:
        add_document(a, [engagement("2022-02-19", [HAYASHI, borrell()], name="Japan-EU Meeting")])
        # the same extractor output without the organization field
        add_document(
            a,
            [
                engagement(
                    "2021-12-06",
                    [HAYASHI, borrell(organization=None, title="High Representative of the EU")],
                    mode="telephone",
                )
            ],
        )
        a.relink()
        evs = a.engagements(between=("JPN", "EU"))
        assert [e["date"] for e in evs] == ["2021-12-06", "2022-02-19"]
        assert all(sorted(e["countries"]) == ["EU", "JPN"] for e in evs)
        assert {p["country"] for e in evs for p in e["participants"]} == {"JPN", "EU"}
        assert a.engagements(between=("JPN", "NATO")) == []
    assert main(["query", "--db", db_url, "--between", "JPN", "EU", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    out = tmp_path / "x.plover"
    assert main(["export", "--db", db_url, "--format", "plover", "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    # PLOVER names the EU by the manual's code for it, with the organisation's name
    consult = [r for r in rows if r["event"] == ["CONSULT"]]
    assert consult
    for r in consult:
        ents = r["actor"] + r["recipient"]
        assert {e["code"] for e in ents} == {"JPN", "EUR"}
        assert {e.get("identifier_text") for e in ents if e["code"] == "EUR"} == {"European Union"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from communique.web.app import create_app

    client = TestClient(create_app(db_url))
    r = client.get("/relations/JPN-EU.json")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["b"] == {"code": "EU", "name": "European Union"} and body["total"] == 2
    html = client.get("/relations/JPN-EU").text
    assert "European Union" in html and "Japan-EU Meeting" in html
    assert client.get("/relations/JPN-E").status_code == 404


def test_real_japan_eu_readouts(db_url, corpus):
    with Archive(db_url) as a:
        a.ingest([str(corpus / n) for n in ("mofa_0121.txt", "mofa_0122.txt")])
        evs = a.engagements(between=("JPN", "EU"))
    assert evs, "the Japan-EU readouts give Japan-EU engagements"
    assert all("EU" in e["countries"] for e in evs)
