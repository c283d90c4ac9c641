"""The compact streamed tree of large pages (:mod:`communique.pagetree`) reads pages as
lexbor's tree does: the text and metadata of every HTML fixture, and of pages built to
exercise each step of the cascade, are the same from both trees."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique.html as html_module
from communique.html import html_to_text, streamed_attributes
from communique.pagetree import PageTree
from communique.sources import read_path

TESTS = Path(__file__).resolve().parent
FIXTURES = sorted(TESTS.glob("fixtures/html/*.html")) + sorted(
    TESTS.glob("fetch/fixtures/**/*.html")
)

PAGES = {
    "chrome and a main": (
        "<!doctype html><html lang=en><head><title>Talks | Ministry</title>"
        '<meta property="og:title" content="Talks"><meta name="description" content="d">'
        '<link rel="canonical" href="https://example.org/talks">'
        '<script type="application/ld+json">{"datePublished": "2024-05-02"}</script>'
        "<style>p { color: red }</style></head><body>"
        '<header class="site-header"><h1>Ministry</h1><nav><a href="/">Home</a></nav></header>'
        '<div id="maincontents"><h1>Talks</h1><p class="date">May 2, 2024</p>'
        "<p>On May 2, the <b>ministers</b> met in <a href='/t'>Tokyo</a> and talked.</p>"
        '<ol start="3"><li>one</li><li value="7">two<ul><li>inner</li></ul></li></ol>'
        '<figure><img alt="The two ministers shaking hands" src="a.jpg"></figure>'
        '<div style="display: none">hidden text</div><div aria-hidden="true">also</div>'
        "<pre>line one\n  line two</pre><dl><dt>Term</dt><dd>definition</dd></dl>"
        '<div class="share-links"><a href="#">Share</a></div></div>'
        '<aside>related</aside><footer><a href="/jr">Back to Japan-Russia Relations</a>'
        "</footer><!-- a comment --></body></html>"
    ),
    "scored paragraphs, no container": (
        "<html><body><div class=wrap><div class=col>"
        + "<p>The foreign ministers held talks on trade and security in the capital.</p>" * 3
        + "</div><div class=side><p>Short.</p></div></div></body></html>"
    ),
    "misnested and unclosed": (
        "<html><body><main><p>one<p>two <b>bold <i>both</b> italic</i><div>block</div>"
        "<ul><li>a<li>b</ul><table><tr><td>cell<td>cell two</table>tail</main>"
    ),
    "a chrome wrapper holding the content": (
        '<body><div class="page-header-wrapper"><article><h1>Title</h1>'
        + "<p>Paragraph text long enough to count as the readout itself here.</p>" * 6
        + "</article></div></body>"
    ),
    "quirks-mode ids and classes": (
        '<body><div ID="Main-Content" CLASS="Content">'
        + "<p>Text of the readout, long enough for the container to be chosen.</p>" * 3
        + "</div></body>"
    ),
    "text only": "<html><body>just some words &amp; an entity</body></html>",
    "attributes the cascade reads": (
        '<!doctype html><html xml:lang="fr"><head><link rel="stylesheet" href="/s.css">'
        '<link rel="Canonical alternate" href="/the-page"><meta name="viewport" content="w">'
        '<meta itemprop="datePublished" content="2024-05-01"><meta name="DC.date" content="x">'
        '</head><body><div id="globalNavi"><a href="/">Back to the Americas</a></div>'
        '<div class="wrapper subheader"><div role="navigation">nav</div>'
        '<span class="posted-on">Posted May 3, 2024</span>'
        '<div class="article-body Main-Content gem-c-share-links updated-date">'
        "<h1>Talks in Lima</h1>"
        + "<p>The two foreign ministers met in Lima and agreed to meet again next year.</p>"
        * 3
        + '<img width="20px" alt="The ministers in Lima on the steps"><img alt="A photo of'
        ' the two ministers" height="300"><span itemprop="dateModified" datetime="2024-05-04">'
        'May 4</span><time datetime="2024-05-02">May 2, 2024</time><p hidden>gone</p>'
        '<p aria-hidden="false">stays</p><p style="visibility : hidden">gone too</p>'
        "</div></div></body></html>"
    ),
}


def both(page: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    lexbor = html_to_text(page)
    monkeypatch.setattr(html_module, "STREAM_ABOVE_CHARS", 0)
    streamed = html_to_text(page)
    monkeypatch.undo()
    return lexbor, streamed


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixtures_read_the_same_from_both_trees(path: Path, monkeypatch) -> None:
    page = read_path(path)[0]
    lexbor, streamed = both(page, monkeypatch)
    assert lexbor[0] or lexbor[1]  # a real page: text or metadata read
    assert streamed == lexbor


@pytest.mark.parametrize("name", PAGES)
def test_crafted_pages_read_the_same_from_both_trees(name: str, monkeypatch) -> None:
    lexbor, streamed = both(PAGES[name], monkeypatch)
    assert lexbor[0]
    assert streamed == lexbor


def test_what_is_never_read_is_not_kept() -> None:
    tree = PageTree(PAGES["chrome and a main"], streamed_attributes)
    assert "color: red" not in tree.text and "a comment" not in tree.text
    assert "2024-05-02" in tree.text  # JSON-LD is kept: its dates are read
    attrs = [a for a in tree.attrsets if "src" in a or "href" in a]
    assert attrs == [{"rel": "canonical", "href": "https://example.org/talks"}]
    assert {"style": "display:none"} in tree.attrsets  # only whether it hides


def test_a_large_page_is_streamed_and_reads_as_a_small_one() -> None:
    unit = "<p>The ministers met in Tokyo.</p>"
    small = "<html><body><main>" + unit * 10 + "</main></body></html>"
    large = "<html><body><main>" + unit * (html_module.STREAM_ABOVE_CHARS // len(unit) + 1)
    assert isinstance(html_module.parse(large), PageTree)
    assert not isinstance(html_module.parse(small), PageTree)
    text, _ = html_to_text(large + "</main></body></html>")
    assert text.startswith(html_to_text(small)[0])


def test_removing_a_subtree_hides_it_from_every_call() -> None:
    page = (
        "<html><body><div id=main><p>one</p><div id=content><p>two</p><p>three</p></div>"
        "<p>four</p></div><p>five</p></body></html>"
    )
    tree = PageTree(page, streamed_attributes)
    a, b = tree.css_first("#main"), tree.css_first("#content")  # ids the cascade reads
    b.css_first("p").decompose()  # a descendant first, then its ancestor
    assert a.text() == "onethreefour"
    b.decompose()
    assert a.text() == "onefour" and tree.body.text() == "onefourfive"
    assert [p.text() for p in tree.css("p")] == ["one", "four", "five"]
    kids = []
    node = a.child
    while node is not None:
        kids.append(node.tag)
        node = node.next
    assert kids == ["p", "p"]
    a.decompose()
    assert tree.body.text() == "five" and tree.removed == [a.mem_id]
