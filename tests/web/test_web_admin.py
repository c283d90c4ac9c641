"""The server is read-only unless started with an admin token; the write route demands it."""

from __future__ import annotations

from pathlib import Path

from webkit import SAMPLES, TOKEN

TEXT = (SAMPLES / "001_sochi-summit-2016-japan.txt").read_text()
NEW = TEXT.replace("May 6", "November 20").replace("Sochi", "Kazan")


def test_read_only_without_a_token(client) -> None:  # noqa: ANN001
    r = client.post("/api/ingest?source=https://example.org/x", content=NEW.encode())
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/").status_code == 405
    assert client.post("/search").status_code == 405


def test_ingest_demands_the_token(admin_client) -> None:  # noqa: ANN001
    url = "/api/ingest?source=https://example.org/readout-1"
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token-000000"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"Authorization": f"Bearer {TOKEN}x"},
    ):
        r = admin_client.post(url, content=NEW.encode(), headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"].startswith("Bearer")
    before = admin_client.get("/api/status").json()
    assert before["read_only"] is False
    assert admin_client.get("/api/status").json()["documents"] == before["documents"]


def test_ingest_with_the_token_stores_and_links(admin_client) -> None:  # noqa: ANN001
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = admin_client.get("/api/status").json()
    r = admin_client.post(
        "/api/ingest?source=https://example.org/kazan",
        content=NEW.encode(),
        headers={**auth, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["status"] == "stored" and out["engagements"] == 1 and len(out["events"]) == 1
    after = admin_client.get("/api/status").json()
    assert after["documents"] == before["documents"] + 1
    assert after["data_version"] > before["data_version"]
    ev = admin_client.get(f"/engagement/{out['events'][0]}.json").json()["engagement"]
    assert ev["date"] == "2016-11-20"
    assert [a["source"] for a in ev["accounts"]] == ["https://example.org/kazan"]
    rel = admin_client.get("/relations/JPN-RUS.json").json()
    assert out["events"][0] in {e["id"] for e in rel["engagements"]}
    # the same bytes from the same source again: already present, nothing written
    again = admin_client.post(
        "/api/ingest?source=https://example.org/kazan", content=NEW.encode(), headers=auth
    )
    assert again.status_code == 200 and again.json()["status"] == "present"
    # JSON body
    r = admin_client.post(
        "/api/ingest",
        json={"text": NEW.replace("Kazan", "Omsk"), "source": "https://example.org/omsk"},
        headers=auth,
    )
    assert r.status_code == 201 and r.json()["status"] == "stored"
    # HTML body
    html = f"<html><head><title>T</title></head><body><h1>Japan-Russia Summit</h1><p>{NEW}</p></body></html>"
    r = admin_client.post(
        "/api/ingest?source=https://example.org/page.html",
        content=html.encode(),
        headers={**auth, "Content-Type": "text/html"},
    )
    assert r.status_code == 201 and r.json()["status"] == "stored"


def test_ingest_refuses_bad_bodies(admin_client) -> None:  # noqa: ANN001
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert admin_client.post("/api/ingest", content=NEW.encode(), headers=auth).status_code == 400
    assert (
        admin_client.post(
            "/api/ingest?source=https://x.org/", content=b"  ", headers=auth
        ).status_code
        == 400
    )
    r = admin_client.post(
        "/api/ingest", content=b"{not json", headers={**auth, "Content-Type": "application/json"}
    )
    assert r.status_code == 400
    # binary: kept with its error, reported as failed
    r = admin_client.post(
        "/api/ingest?source=https://x.org/file.pdf", content=b"%PDF-1.4\x00\x01\x02", headers=auth
    )
    assert r.status_code == 200 and r.json()["status"] == "failed" and "E102" in r.json()["error"]


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    from communique.cli import main

    assert main(["serve", "--db", f"sqlite:///{tmp_path}/x.db", "--admin-token", "short"]) == 2
