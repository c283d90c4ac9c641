"""People merges and splits through the JSON API, behind the admin token as the other
write routes; the reader's person page shows the overrides that made the person."""

from __future__ import annotations

from webkit import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _person(client, name: str) -> dict:  # noqa: ANN001
    (p,) = client.get(f"/people.json?name={name}").json()["people"]
    return {**p, "id": p["person_id"]}


def test_people_overrides_are_read_only_without_a_token(client) -> None:  # noqa: ANN001
    r = client.post("/api/people/merge", json={"ids": [1, 2]})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.post("/api/people/1/split", json={"forms": ["x"]}).status_code == 403
    assert client.delete("/api/people/overrides/1").status_code == 403
    assert client.get("/api/people/overrides").json() == []


def test_people_overrides_demand_the_token(admin_client) -> None:  # noqa: ANN001
    for headers in ({}, {"Authorization": "Bearer wrong-token-000000"}):
        r = admin_client.post("/api/people/merge", json={"ids": [1, 2]}, headers=headers)
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")
    assert admin_client.get("/api/people/overrides").json() == []


def test_merge_show_and_undo(admin_client) -> None:  # noqa: ANN001
    lavrov, putin = _person(admin_client, "Lavrov"), _person(admin_client, "Putin")
    r = admin_client.post(
        "/api/people/merge",
        json={"ids": [lavrov["id"], putin["id"]], "note": "a test of the mechanics"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["person"]["id"] == lavrov["id"]
    assert any("Putin" in f for f in out["person"]["forms"])
    (o,) = admin_client.get("/api/people/overrides").json()
    assert (o["id"], o["kind"], o["note"]) == (out["override"], "merge", "a test of the mechanics")
    page = admin_client.get(f"/person/{lavrov['id']}")
    assert "Analysts&#39; overrides" in page.text or "Analysts' overrides" in page.text
    assert "a test of the mechanics" in page.text
    assert admin_client.get(f"/person/{lavrov['id']}.json").json()["overrides"][0]["id"] == o["id"]
    r = admin_client.delete(f"/api/people/overrides/{o['id']}", headers=AUTH)
    assert r.status_code == 200 and r.json() == {"removed": o["id"]}
    assert admin_client.get("/api/people/overrides").json() == []
    assert _person(admin_client, "Putin")["id"] != _person(admin_client, "Lavrov")["id"]
    again = admin_client.delete(f"/api/people/overrides/{o['id']}", headers=AUTH)
    assert again.status_code == 404 and again.json()["detail"].startswith("no override")


def test_split_and_its_mistakes(admin_client) -> None:  # noqa: ANN001
    lavrov = _person(admin_client, "Lavrov")
    engagements = admin_client.get(f"/person/{lavrov['id']}.json").json()["engagements"]
    docs = sorted({a["document_id"] for e in engagements for a in e["accounts"]})
    assert len(docs) >= 2
    r = admin_client.post(
        f"/api/people/{lavrov['id']}/split", json={"documents": docs[:1]}, headers=AUTH
    )
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["split_off"]["id"] != out["person"]["id"]
    page = admin_client.get(f"/person/{out['split_off']['id']}").text
    assert f"in documents {docs[0]}" in page
    for body, status, words in (
        ({"forms": ["Nobody Atall"]}, 400, "is never named"),
        ({}, 400, "split needs"),
        ({"forms": "Lavrov"}, 400, "must be a list"),
        ({"documents": [-1]}, 400, "must be a list"),
    ):
        r = admin_client.post(f"/api/people/{lavrov['id']}/split", json=body, headers=AUTH)
        assert r.status_code == status and words in r.json()["detail"], (body, r.text)
    r = admin_client.post("/api/people/999999/split", json={"forms": ["x"]}, headers=AUTH)
    assert r.status_code == 404 and "no person with id 999999" in r.json()["detail"]
    r = admin_client.post(
        "/api/people/merge", content=b"not json", headers={**AUTH, "Content-Type": "text/plain"}
    )
    assert r.status_code == 400 and "JSON object" in r.json()["detail"]
    r = admin_client.post("/api/people/merge", json={"ids": [lavrov["id"]]}, headers=AUTH)
    assert r.status_code == 400 and "two or more" in r.json()["detail"]
