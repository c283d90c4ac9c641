"""HTML readout pages to text: what is kept, what is dropped, metadata, speed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from communique.html import html_to_text
from communique.sources import read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def _page(name: str) -> tuple[str, dict[str, str]]:
    content, warnings = read_path(FIXTURES / name)
    assert warnings == []
    return html_to_text(content)


def _assert_tidy(text: str) -> None:
    assert text == text.strip()
    assert "\n\n\n" not in text
    for line in text.split("\n"):
        assert line == line.rstrip()
        body = line[5:] if line.startswith("  \u2022  ") else line
        assert "  " not in body, line
        assert not body.startswith(" "), line


def _assert_absent(text: str, *needles: str) -> None:
    for needle in needles:
        assert needle not in text, needle


# ------------------------------------------------------------------ fixtures


def test_mofa_page() -> None:
    text, meta = _page("mofa_jp_ru_meeting.html")
    lines = text.split("\n")
    assert lines[0] == "Japan-Russia Relations"
    assert "Japan-Russia Foreign Ministers' Meeting" in lines
    assert "March 4, 2018" in lines
    # photo captions from img alt, but not the icon
    assert "Japan-Russia Foreign Ministers' Meeting (handshake)" in lines
    assert "Japan-Russia Foreign Ministers' Meeting (talks)" in lines
    # headings and bullets, inline markup and whitespace collapsed
    assert "1. Peace treaty negotiations" in lines
    assert "2. Economic cooperation" in lines
    assert (
        "  \u2022  They agreed that the vice-ministers will meet again before the summer." in lines
    )
    assert (
        "  \u2022  The two sides confirmed that the intergovernmental committee will hold its "
        "14th session in Moscow in April." in lines
    )
    assert any(
        line.startswith("On March 4, Mr. Hiroshi Tanabe,") and "received Mr. Pavel" in line
        for line in lines
    )
    # the "Back to" link outside the main container ends the text
    assert lines[-1] == "Back to Japan-Russia Relations"
    # paragraphs and headings separated by one blank line
    assert "\n\n1. Peace treaty negotiations\n\n  \u2022  The two ministers" in text
    _assert_absent(
        text,
        "Skip to main content",
        "Foreign Policy",
        "Countries & Regions",
        "Press Releases",
        "Page Top",
        "Copyright",
        "About this site",
        "Share on",
        "zoom icon",
        "_gaq",
        "Injected by a script",
        "Ministry of Foreign Affairs of Japan",
        "Search",
        "Japanese",
    )
    _assert_tidy(text)
    assert meta["title"] == "Japan-Russia Foreign Ministers' Meeting"
    assert meta["html_title"].endswith("| Ministry of Foreign Affairs of Japan")
    assert meta["canonical"] == "https://www.example.org/mofa/erp/rss/page_000123.html"
    assert meta["lang"] == "en"


def test_govuk_page() -> None:
    text, meta = _page("govuk_pm_meeting.html")
    lines = text.split("\n")
    assert "PM meeting with Prime Minister of Japan: 12 May 2023" in lines
    assert "Published 12 May 2023" in lines
    assert "From: Prime Minister's Office, 10 Downing Street" in lines
    # a figure's caption is its figcaption, not the image alt
    assert "The Prime Minister welcomes his Japanese counterpart to Downing Street." in lines
    assert "The two leaders outside Number 10" not in text
    assert "Economic security" in lines
    assert "  \u2022  semiconductors\n  \u2022  critical minerals\n  \u2022  offshore wind" in text
    assert "two countries\u2019 armed forces" in text  # &#8217; unescaped
    _assert_absent(
        text,
        "cookies",
        "Cookies",
        "Skip to main content",
        "GOV.UK",
        "Topics",
        "Home",
        "International",
        "Share this page",
        "Facebook",
        "Related content",
        "PM call with Chancellor Weber",
        "Open Government Licence",
        "js-enabled",
    )
    _assert_tidy(text)
    assert meta["title"] == "PM meeting with Prime Minister of Japan: 12 May 2023"
    assert meta["og_title"] == meta["title"]
    assert meta["published"] == "2023-05-12T18:30:00+01:00"
    assert meta["canonical"].endswith("/pm-meeting-with-prime-minister-of-japan-12-may-2023")


def test_state_page_title_and_date_outside_main() -> None:
    text, meta = _page("state_readout.html")
    lines = text.split("\n")
    assert lines[0] == "Secretary Lane's Meeting with Japanese Foreign Minister Mori"
    assert lines[1] == "May 2, 2022"
    assert "1. the close coordination of the two allies on support for Ukraine;" in lines
    assert "2. a free and open Indo-Pacific; and" in lines
    assert "3. next steps for the trilateral dialogue with the Republic of Korea." in lines
    # &nbsp; collapsed into one space
    assert "in Washington. The Secretary and the Foreign Minister discussed:" in text
    _assert_absent(
        text,
        "An official website",
        "Policy Issues",
        "Skip to content",
        "Facebook",
        "Tags",
        "Privacy Policy",
        "Office of Website Management",
        "dataLayer",
    )
    _assert_tidy(text)
    assert meta["title"] == "Secretary Lane's Meeting with Japanese Foreign Minister Mori"
    assert meta["published"] == "2022-05-02T17:05:11+00:00"
    assert meta["modified"] == "2022-05-02T17:40:02+00:00"


def test_chinese_mfa_page_without_main_container() -> None:
    text, meta = _page("fmprc_wang_yi_meeting.html")
    lines = text.split("\n")
    assert lines[0] == "Wang Yi Meets with Japanese Foreign Minister Suzuki"
    assert lines[1] == "2019/04/15"
    assert "1. deepen political mutual trust;" in lines
    assert "3. strengthen people-to-people exchanges." in lines
    assert "the leaders' meeting in Osaka in June." in text  # &#39; unescaped
    _assert_absent(
        text,
        "Home > News",
        "Activities",
        "Vice Premier meets delegation",
        "Font size",
        "Print",
        "Copyright",
        "\u4e2d\u6587",
        "changeFont",
    )
    _assert_tidy(text)
    assert meta["published"] == "2019-04-15"


def test_page_without_readout_gives_little_text() -> None:
    text, meta = _page("no_readout.html")
    assert len(text) < 80
    _assert_absent(text, "Foreign Policy", "United Nations", "Sitemap", "Asia")
    assert meta["title"] == "Countries & Regions | Example Ministry"


def test_shift_jis_page() -> None:
    text, meta = _page("shift_jis_mofa.html")
    lines = text.split("\n")
    assert lines[0] == "\u65e5\u9732\u5916\u76f8\u4f1a\u8ac7"
    assert "\u5e73\u621030\u5e743\u67084\u65e5" in lines
    assert any(line.startswith("  \u2022  \u4e21\u5916\u76f8\u306f") for line in lines)
    _assert_absent(
        text, "\u30db\u30fc\u30e0", "\u30da\u30fc\u30b8\u306e\u5148\u982d\u3078", "\u3012100"
    )
    assert meta["lang"] == "ja"


def test_windows_1252_page() -> None:
    text, meta = _page("windows_1252_visit.html")
    assert text.startswith("Minister\u2019s visit to Paris\n\n14 June 2021\n\n")
    assert "\u00c9lys\u00e9e Palace \u2014 a visit of two days" in text
    assert "\u201cnew chapter\u201d" in text
    assert "Home" not in text
    assert meta["title"] == "Minister\u2019s visit to Paris"


# ------------------------------------------------------------------ rendering rules


def test_lists() -> None:
    html = """<main>
      <p>Intro paragraph that is long enough to make this the main container of the page, surely.</p>
      <ul><li>one</li><li>two <b>bold</b></li></ul>
      <ol start="3"><li>third</li><li>fourth
        <ul><li>nested</li></ul></li></ol>
      <ol><li><p>para in item</p></li></ol>
    </main>"""
    text, _ = html_to_text(html)
    assert text.split("\n")[2:] == [
        "  \u2022  one",
        "  \u2022  two bold",
        "",
        "3. third",
        "4. fourth",
        "      \u2022  nested",
        "",
        "1. para in item",
    ]


def test_blocks_breaks_and_entities() -> None:
    html = (
        "<article><h2>Section&nbsp;A</h2><p>First   line<br>second line</p>"
        "<div>div one</div><div>div two</div><p>Tom &amp; Jerry &lt;3 &#8212; &eacute;</p>"
        "<p>More text to reach the minimum length of a container for this test.</p></article>"
    )
    text, _ = html_to_text(html)
    assert text == (
        "Section A\n\nFirst line\nsecond line\n\ndiv one\ndiv two\n\nTom & Jerry <3 \u2014 \u00e9"
        "\n\nMore text to reach the minimum length of a container for this test."
    )


def test_junk_inside_paragraphs_is_dropped() -> None:
    html = (
        "<article><p>The ministers met.<script>var a = 1;</script><style>p{}</style>"
        "<button>Like</button> They agreed.</p><p hidden>hidden text</p>"
        "<p>Another paragraph of sufficient length for the article container to be chosen.</p>"
        "<!-- a comment --><p><a href='#top'>Back to top</a></p></article>"
    )
    text, _ = html_to_text(html)
    assert text.startswith("The ministers met. They agreed.")
    _assert_absent(text, "var a", "p{}", "Like", "hidden text", "comment", "Back to top")


def test_caption_alts() -> None:
    html = (
        "<article><p>A paragraph long enough for the article to be the main container, we hope.</p>"
        "<img src='a.jpg' alt='The two leaders shake hands'>"
        "<img src='b.jpg' alt='DSC_0001.jpg'><img src='c.png' alt='logo of the ministry'>"
        "<img src='d.png' alt='small thing here' width='16'><img src='e.jpg' alt=''>"
        "<img src='f.jpg' alt='Single'></article>"
    )
    text, _ = html_to_text(html)
    assert text.split("\n")[-1] == "The two leaders shake hands"
    _assert_absent(text, "DSC_0001", "logo", "small thing", "Single")


def test_article_header_is_kept() -> None:
    html = (
        "<header class='site-header'><h1 class='logo'>Ministry</h1><nav>Home News</nav></header>"
        "<article><header class='entry-header'><h1>Foreign Minister meets envoy</h1>"
        "<time datetime='2020-01-02'>2 January 2020</time></header>"
        "<p>The Foreign Minister met the special envoy and discussed the situation at length.</p></article>"
    )
    text, meta = html_to_text(html)
    assert text.split("\n")[:3] == ["Foreign Minister meets envoy", "", "2 January 2020"]
    assert "Ministry" not in text and "Home" not in text
    assert meta["published"] == "2020-01-02"
    assert meta["title"] == "Foreign Minister meets envoy"


def test_wrapper_with_chrome_like_class_is_kept() -> None:
    html = (
        "<div class='layout-with-sidebar'><div class='sidebar'><a href='/'>Home</a></div>"
        "<div class='text'>"
        + "<p>The two ministers held talks on a wide range of bilateral and regional issues.</p>"
        * 5
        + "</div></div>"
    )
    text, _ = html_to_text(html)
    assert text.count("The two ministers held talks") == 5
    assert "Home" not in text


def test_empty_and_degenerate_input() -> None:
    assert html_to_text("") == ("", {})
    assert html_to_text("   \n ") == ("", {})
    assert html_to_text("<html><body></body></html>")[0] == ""
    assert html_to_text("just text, no tags")[0] == "just text, no tags"


def test_deep_nesting_does_not_recurse() -> None:
    html = "<div>" * 3000 + "<p>deep paragraph</p>" + "</div>" * 3000
    assert html_to_text(html)[0] == "deep paragraph"


def _big_page(target: int) -> str:
    base = (FIXTURES / "mofa_jp_ru_meeting.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="main-text">.*?</div>', base, re.S).group()
    nav = re.search(r'<div id="globalnavi">.*?</div>', base, re.S).group()
    copies = max(1, (target - len(base)) // (len(block) + len(nav)))
    return base.replace(block, block * copies).replace(nav, nav * copies)


def test_speed_on_a_100kb_page() -> None:
    page = _big_page(100_000)
    assert 90_000 < len(page.encode()) < 120_000
    html_to_text(page)  # warm up
    best = min(_timed(page) for _ in range(5))
    # About 6 ms on a laptop for this text-dense page; the bound only catches
    # accidental quadratic behaviour on slow CI machines.
    assert best < 0.25, f"{best * 1000:.1f} ms"


def test_time_is_linear_in_page_size() -> None:
    small, large = _big_page(100_000), _big_page(800_000)
    html_to_text(small)
    t_small = min(_timed(small) for _ in range(3))
    t_large = min(_timed(large) for _ in range(3))
    assert t_large < 20 * t_small + 0.05, (t_small, t_large)


def _timed(page: str) -> float:
    start = time.perf_counter()
    html_to_text(page)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_every_fixture_is_tidy(name: str) -> None:
    text, meta = _page(name)
    _assert_tidy(text)
    assert "title" in meta


def test_time_inside_a_sentence_is_not_a_date_line() -> None:
    html = (
        "<h1>Talks in Tokyo</h1><div id='text'><p>On <time datetime='2021-03-03'>March 3</time>, "
        "the two ministers met in Tokyo and discussed regional issues at some length.</p></div>"
    )
    text, meta = html_to_text(html)
    assert text == (
        "Talks in Tokyo\n\nOn March 3, the two ministers met in Tokyo and discussed regional "
        "issues at some length."
    )
    assert meta["published"] == "2021-03-03"
