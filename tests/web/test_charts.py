"""The charts: meetings per year by level and by mode on a relations page, a country's
counterparts as a network (also a standalone SVG), a person's meetings on a timeline;
each drawn from the data its page's ``.json`` twin carries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_relations_charts_by_level_and_mode(client) -> None:  # noqa: ANN001
    j = client.get("/relations/JPN-RUS.json").json()
    html = client.get("/relations/JPN-RUS").text
    level_svg, mode_svg = _svgs(html)[:2]
    dated = [y for y in j["years"] if y["year"] is not None]
    cells = sum(
        1 for y in dated for k in ("leader", "minister", "official", "unclassified") if y[k]
    )
    assert level_svg.count("<rect") == cells
    modes = [m for m in j["modes"] if m["year"] is not None]
    assert [m["year"] for m in modes] == [y["year"] for y in dated]
    assert all(m["total"] == y["total"] for m, y in zip(modes, dated, strict=True))
    mode_cells = sum(
        1 for m in modes for k in ("in_person", "telephone", "video", "unknown") if m[k]
    )
    assert mode_svg.count("<rect") == mode_cells
    assert "telephone" in mode_svg  # Suga and Putin by telephone, 2020
    # the table beside them: one row per year with engagements, numbers right-aligned
    table = html[html.index('<table class="years">') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="row">') == sum(1 for y in j["years"] if y["total"])
    assert 'class="num"' in table and "Telephone" in table


def test_network_page_svg_and_json(client) -> None:  # noqa: ANN001
    j = client.get("/network/JPN.json").json()
    assert j["counterparts"][0]["code"] == "RUS"
    assert j["engagements"] == sum(n["engagements"] for n in j["counterparts"])
    html = client.get("/network/JPN").text
    (svg,) = _svgs(html)
    assert svg.count('<a class="node"') == len(j["counterparts"])
    for n in j["counterparts"]:
        assert f'href="/relations/JPN-{n["code"]}"' in svg
    r = client.get("/network/JPN.svg")
    assert r.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(r.text)
    assert root.tag == SVG + "svg" and root.iter(SVG + "script").__next__.__self__ is not None
    assert not list(root.iter(SVG + "script"))
    assert len(list(root.iter(SVG + "circle"))) == len(j["counterparts"]) + 1
    # a period narrows it, and the twin and the picture follow
    j18 = client.get("/network/JPN.json?since=2018-01-01&until=2018-12-31").json()
    assert 0 < j18["engagements"] < j["engagements"]
    assert all("2018-01-01" <= n["first"] <= n["last"] <= "2018-12-31" for n in j18["counterparts"])
    narrow = client.get("/network/JPN.svg?since=2018-01-01&until=2018-12-31").text
    assert narrow.count("<circle") == len(j18["counterparts"]) + 1
    assert client.get("/network/JPN.svg?since=2019-01-01&until=2018-01-01").status_code == 400
    assert client.get("/network/J1N").status_code == 404


def test_person_timeline(client, archive) -> None:  # noqa: ANN001
    pid = next(
        p["person_id"]
        for e in archive.engagements()
        for p in e["participants"]
        if "Lavrov" in (p["name"] or "") and p["person_id"]
    )
    j = client.get(f"/person/{pid}.json").json()
    dated = [m for m in j["meetings"] if m["date"]]
    assert dated and [m["date"] for m in dated] == sorted(m["date"] for m in dated)
    assert all("RUS" not in m["counterparts"] for m in dated)
    html = client.get(f"/person/{pid}").text
    svg = next(s for s in _svgs(html) if "meetings over time" in s)
    dots = sum(max(1, len(m["counterparts"])) for m in dated)
    assert svg.count("<circle") == dots
    for m in dated:
        assert f'href="/engagement/{m["event_id"]}"' in svg
