"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright's
Python package through ``executable_path``; never a downloaded browser) against
``communique demo`` serving the sample corpus."""

from __future__ import annotations

import os
import re

import pytest

CHROMIUM = os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright's Python package is not installed (pip install playwright)",
)


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, demo_server):  # noqa: ANN001, ANN201
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors = []
    pg.on(
        "console",
        lambda m: (
            pg.errors.append(f"console.{m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: pg.errors.append(f"request failed: {r.url}"))
    pg.on(
        "response",
        lambda r: pg.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    pg.base = demo_server["url"]
    yield pg
    ctx.close()


def test_home_relation_engagement_field_span(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/")
    assert page.title().startswith("Home")
    assert page.locator("h2", has_text="Latest engagements").is_visible()
    # follow a relation
    page.locator("ul.pairs a", has_text="Japan – Russia").first.click()
    page.wait_for_url(re.compile(r"/relations/JPN-RUS$"))
    assert page.locator("h1").inner_text().startswith("Japan – Russia")
    assert page.locator(".chart svg rect").count() >= 5
    # open an engagement with two accounts
    link = page.locator("li.eng", has=page.locator(".badge.acc")).locator(".what a").first
    link.click()
    page.wait_for_url(re.compile(r"/engagement/\d+$"))
    assert page.locator("article.account").count() >= 2
    # click a field: its words are highlighted in the source text
    field = page.locator("article.account").first.locator("button.field:not(.nospan)").first
    value = field.locator(".fv").inner_text()
    assert page.locator("mark.hl").count() == 0
    field.click()
    assert field.get_attribute("aria-pressed") == "true"
    marks = page.locator("article.account").first.locator("mark.hl")
    assert marks.count() >= 1
    assert marks.first.is_visible()
    highlighted = " ".join(marks.all_inner_texts())
    assert highlighted.strip()
    # the highlight is the field's own span (the JSON twin says which words)
    key = field.get_attribute("data-key")
    assert all(key in m.get_attribute("data-keys").split() for m in marks.all())
    # a participant field highlights the participant's name
    part = (
        page.locator("article.account").first.locator("button.field", has_text="Participant").first
    )
    part.click()
    name = part.locator(".fv").inner_text().split(",")[0].split(" (")[0]
    assert name.split()[-1] in " ".join(
        page.locator("article.account").first.locator("mark.hl").all_inner_texts()
    )
    # clicking again clears it; clicking a mark selects its field
    part.click()
    assert page.locator("mark.hl").count() == 0
    page.locator("article.account").first.locator(".source-text mark").first.click()
    assert (
        page.locator("article.account").first.locator("button.field[aria-pressed='true']").count()
        == 1
    )
    assert value
    assert page.errors == []


def test_search(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/")
    page.locator("form.big-search input[name=q]").fill("peace treaty")
    page.locator("form.big-search button").click()
    page.wait_for_url(re.compile(r"/search\?q=peace\+treaty"))
    n = page.locator("li.eng").count()
    assert n >= 3
    # narrow with filters
    page.locator("form.filters select[name=level]").select_option("leader")
    page.locator("form.filters input[name=since]").fill("2018-01-01")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"level=leader"))
    narrowed = page.locator("li.eng").count()
    assert 1 <= narrowed < n
    assert all(d >= "2018" for d in page.locator("li.eng .when").all_inner_texts())
    assert page.locator("li.eng .badge.lv-leader").count() == narrowed
    assert page.errors == []


def test_every_page_fits_a_phone_without_console_errors(browser, demo_server) -> None:  # noqa: ANN001
    ctx = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on(
        "console",
        lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    base = demo_server["url"]
    pg.goto(base + "/relations/JPN-RUS")
    eng = pg.locator("li.eng .what a").first.get_attribute("href")
    person = pg.locator("li.eng .who a").first.get_attribute("href")
    for path in (
        "/",
        "/relations",
        "/relations/JPN-RUS",
        eng,
        person,
        "/people",
        "/search?q=Lavrov",
        "/search?q=%22strategic+dialogue%22+OR+summit",
        "/document/1",
        "/calendar",
        "/network/JPN",
        "/network/JPN?since=2018-01-01&until=2019-12-31",
    ):
        pg.goto(base + path)
        overflow = pg.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        assert pg.locator("header.top nav").is_visible()
    ctx.close()
    assert errors == []


def test_search_snippets_and_count(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/search?q=strategic+dialogue")
    count = page.locator("p.count").first.inner_text()
    n = page.locator("li.eng").count()
    assert count.startswith(f"{n} engagement") and n >= 3
    marks = page.locator("li.eng .snippet mark.hit")
    assert marks.count() >= n
    assert {m.lower() for m in marks.all_inner_texts()} <= {"strategic", "dialogue", "dialogues"}
    assert marks.first.is_visible()
    assert page.errors == []


def test_charts_render_and_their_twins_load(page) -> None:  # noqa: ANN001
    def boxes(selector: str) -> list:
        return [b for b in (el.bounding_box() for el in page.locator(selector).all()) if b]

    page.goto(page.base + "/relations/JPN-RUS")
    assert page.locator(".charts figure.chart").count() == 2
    assert len(boxes(".charts svg rect")) >= 8
    assert all(b["height"] > 0 for b in boxes(".charts svg rect"))
    page.goto(page.base + "/network/JPN")
    nodes = boxes(".network svg a.node circle")
    assert len(nodes) >= 3 and all(b["width"] > 0 for b in nodes)
    person = page.base + "/person/1"
    page.goto(person)
    assert len(boxes(".timeline svg circle")) >= 5
    # the standalone picture and each twin load in the browser too
    for twin in (
        "/network/JPN.svg",
        "/network/JPN.json",
        "/relations/JPN-RUS.json",
        "/person/1.json",
    ):
        r = page.goto(page.base + twin)
        assert r.status == 200, twin
    page.goto(page.base + "/network/JPN.svg")
    assert page.locator("svg circle").count() >= 3
    assert page.errors == []


def test_chart_links_reachable_by_keyboard_with_visible_focus(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/network/JPN")
    for _ in range(80):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "!!document.activeElement && !!document.activeElement.closest('.network svg a')"
        )
        if inside:
            break
    assert inside, "no node of the network is reachable with Tab"
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth"
    )
    assert stroke == "3px"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/relations/JPN-[A-Z]{3}$"))
    assert page.errors == []
