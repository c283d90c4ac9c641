"""HTML readout page → the readable text of the readout, and metadata hints.

Needs: a decoded HTML page (``str``, see :mod:`communique.sources`).
Adds: the main text as a reader sees it (title, date line, captions, headings,
numbered and bulleted items, paragraphs, the closing "Back to … Relations" line) and
a ``meta`` dict of hints: ``title``, ``published``, ``modified``, ``canonical``,
``html_title``, ``og_title``, ``h1``, ``description``, ``site_name``, ``lang``.

Cascade of :func:`html_to_text`:

0. Parse (:func:`parse`): tags nested beyond :data:`MAX_DEPTH` are dropped (their
   text kept); a page up to :data:`STREAM_ABOVE_CHARS` becomes lexbor's tree, a larger
   one is streamed into :class:`communique.pagetree.PageTree`, whose memory follows the
   text kept. Both answer the same calls, so the steps below are the same code.
1. Read metadata from ``<head>`` (``<title>``, ``og:*``, ``article:published_time``,
   Dublin Core dates, JSON-LD ``datePublished``, ``<link rel=canonical>``) and note,
   before anything is removed, the page title (the ``<h1>`` the ``<title>`` names),
   the date line (a ``<time>`` or a ``date``-classed element outside site chrome)
   and any "Back to …" link.
2. Remove non-content nodes in one walk: scripts, styles, forms, frames, SVG, hidden
   elements, ``nav``/``aside``/``footer``, site ``header`` (an ``<header>`` inside
   ``main``/``article`` is the article's own and stays), and elements whose
   ``id``/``class`` names site chrome (:data:`CHROME_RE`) unless they hold the
   content (``main``/``article``, a title ``<h1>``, or real paragraphs).
3. Pick the main container: the first of :data:`CONTAINER_SELECTORS` holding at
   least :data:`MIN_CONTAINER_CHARS` characters, else the element with the highest
   paragraph-text score (each ``<p>`` adds its non-link text to its parent and half
   to its grandparent), else ``<body>``.
4. Render it to text: blocks on their own lines, paragraphs and headings separated by
   one blank line, ``<li>`` as ``"  •  "`` (``ul``) or ``"N. "`` (``ol``), caption-like
   ``<img alt>`` as lines, spaces collapsed inside lines.
5. Put back what the container missed: the title line first, the date line after it,
   the "Back to …" link last.

Everything is linear in the size of the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping

from selectolax.lexbor import LexborHTMLParser, LexborNode

from communique.pagetree import Node as PageNode
from communique.pagetree import PageTree

#: a node of either tree (they answer the same calls)
AnyNode = LexborNode | PageNode
AnyTree = LexborHTMLParser | PageTree


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read)."""
    return frozenset(text.split())


#: Tags removed with their content wherever they are.
JUNK_TAGS = _words(
    """
    script style noscript template svg math iframe frame frameset object embed canvas
    button select input textarea option datalist map audio video source track picture
    dialog nav aside footer link meta head
    """
)

#: ``id``/``class`` words that mark site chrome, matched anywhere in the attribute so
#: ``gem-c-share-links`` and ``globalNavi`` match. Taken from the class names common
#: on government sites (gov.uk ``gem-c-*``, WordPress ``menu``/``social``, MOFA
#: ``pagetop``/``breadcrumbs``); an accidental hit on a wrapper ("subheader",
#: "research") is harmless because elements holding the content are never removed
#: (see :func:`_holds_content`).
CHROME_RE = re.compile(
    r"nav|menu|breadcrumb|footer|header|sidebar|share|sharing|cookie|consent|skip|banner|"
    r"social|pagetop|page-top|page_top|backtotop|back-to-top|masthead|toolbar|popup|modal|"
    r"subscribe|newsletter|sitemap|site-map|pagination|pager|related|print|gdpr|"
    r"language-select|lang-select|langswitch|search",
    re.IGNORECASE,
)
#: Chrome words that, inside the article, name the article's own parts (its header
#: with the title and date), so they are not removed there.
_HEADER_WORDS = re.compile(r"header|banner|masthead", re.IGNORECASE)

_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "menu", "menubar"}
)

#: Text-level elements the chrome walk does not look inside (chrome is built of
#: blocks; junk tags inside them are still skipped when rendering).
_NO_DESCEND = _words(
    "p h1 h2 h3 h4 h5 h6 a span b i em strong small sup sub time abbr cite q font u label br img"
)

#: Main-container selectors, most specific first.
CONTAINER_SELECTORS = (
    "#maincontents",
    "#main-contents",
    "main",
    "[role=main]",
    "article",
    "#main",
    "#main-content",
    "#maincontent",
    ".main-content",
    "#content",
    "#contents",
    ".content",
)

#: A selector's element is used only when it holds this much text; below it the
#: page is scored instead (a stray ``#content`` around a logo is not the readout).
MIN_CONTAINER_CHARS = 120

#: Tags that end a line (one newline around them).
LINE_TAGS = _words(
    """
    div section article main header li tr td th figcaption caption center address
    legend fieldset summary details body hgroup
    """
)
#: Tags that end a paragraph (a blank line around them).
PARA_TAGS = _words("p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre figure hr")

_TOP_LINK_RE = re.compile(
    r"^\W*(?:page\s*top|(?:back|return|go)\s+to\s+(?:the\s+)?(?:page\s+)?top(?:\s+of\s+(?:the\s+)?page)?|"
    r"to\s+(?:the\s+)?top|top\s+of\s+(?:the\s+)?page|top)\W*$",
    re.IGNORECASE,
)
_BACK_TO_RE = re.compile(
    r"^\W{0,3}back\s+to\s+(?!(?:the\s+)?(?:page\s+)?(?:top|home|homepage|search|previous|index|list)\b)\S",
    re.IGNORECASE,
)
_ICON_ALT_RE = re.compile(
    r"\b(?:logo|icon|arrow|button|banner|spacer|bullet|print|share|twitter|facebook|"
    r"instagram|youtube|linkedin|rss|pdf|search|menu|close|page\s*top|loading|placeholder)\b",
    re.IGNORECASE,
)
_FILENAME_RE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|bmp)$", re.IGNORECASE)
_PROSE_TAGS = _words("p li span a em strong b i q cite")
_DATE_CLASS_RE = re.compile(r"date|posted|published|pubdate|timestamp", re.IGNORECASE)
_MONTH_OR_NUMERIC_DATE_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\d{1,4}[-/.年]\d{1,2}",
    re.IGNORECASE,
)
_JSONLD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_JSONLD_MODIFIED_RE = re.compile(r'"dateModified"\s*:\s*"([^"]+)"')

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "publication_date",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "date",
    "govuk:first-published-at",
    "sailthru.date",
    "parsely-pub-date",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "govuk:public-updated-at",
    "last-modified",
)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The readable text of a readout page and a dict of metadata hints.

    The text keeps title, date line, captions, headings, list items (``"  •  "``
    for ``<ul>``, ``"N. "`` for ``<ol>``), paragraphs separated by one blank line
    and a closing "Back to …" line; navigation, headers, footers, scripts, forms,
    share and cookie widgets are dropped. The meta dict holds only keys with a
    value (see the module doc). An empty or text-less page gives ``("", {...})``.
    """
    if not html or not html.strip():
        return "", {}
    tree = parse(html)
    meta = _read_meta(tree)
    body = tree.body
    if body is None:
        return "", meta

    title_node = _find_title_h1(body, meta)
    title = _clean(title_node.text(deep=True)) if title_node is not None else ""
    date_line = _find_date_line(body, title_node)
    back_links = _find_back_links(body)

    _remove_chrome(body)

    container = _pick_container(tree, body)
    text = _render(container, title=title)
    text = _restore(text, title=title, date_line=date_line, back_links=back_links)

    if title:
        meta["h1"] = title
    best_title = title or meta.get("og_title") or meta.get("html_title")
    if best_title:
        meta["title"] = best_title
    return text, meta


# ------------------------------------------------------------------ 0. parsing

#: pages longer than this (characters) are streamed into a compact tree whose memory
#: follows the text kept (:mod:`communique.pagetree`: 13 bytes a node, the text once)
#: instead of lexbor's (about 180 bytes a node: a 20 MiB page of paragraphs peaked at
#: 741 MB). Real readout pages are 20-300 KB and the biggest, with inline scripts, about
#: 1 MB; up to 2 MiB lexbor's tree stays under ~70 MB, follows the HTML standard on broken
#: markup, and the whole cascade runs on it 1.1-1.3x faster (3 MiB and 20 MiB pages).
STREAM_ABOVE_CHARS = 2 * 1024 * 1024


def parse(html: str) -> AnyTree:
    """The page's tree, depth-capped: lexbor's for pages up to
    :data:`STREAM_ABOVE_CHARS`, the compact streamed one above."""
    capped = cap_depth(html)
    if len(capped) > STREAM_ABOVE_CHARS:
        return PageTree(capped, streamed_attributes)
    return LexborHTMLParser(capped)


#: the ``<meta>`` names and properties :func:`_read_meta` reads (the streamed tree keeps
#: no other ``<meta>``)
_META_KEYS = frozenset(
    ("og:title", "og:description", "description", "og:site_name", "og:url")
    + _PUBLISHED_KEYS
    + _MODIFIED_KEYS
)
_DATE_ITEMPROPS = ("datePublished", "dateModified")
#: the class words and ids the container selectors name (``.content``, ``#main``...)
_CONTAINER_CLASSES = frozenset(("content", "main-content"))
_CONTAINER_IDS = frozenset(
    ("maincontents", "main-contents", "main", "main-content", "maincontent", "content", "contents")
)
_DATE_WORDS = ("date", "posted", "published", "timestamp")  # those _DATE_CLASS_RE names
_HIDDEN_STYLE_RE = re.compile(r"display:none|visibility:hidden")


def streamed_attributes(tag: str, attrib: Mapping[str, str]) -> dict[str, str]:
    """What the cascade reads of an element's attributes, for the streamed tree, in a
    canonical form: an ``id``/``class`` word becomes the chrome word it holds (its first
    :data:`CHROME_RE` match) and the date words in it, or stays when a container
    selector names it, or goes; ``style`` only says whether it hides; ``<meta>`` and
    ``<link>`` are kept only when read. Every question the cascade asks of attributes
    (chrome words, date classes, container selectors, hiding, captions, list numbers,
    metadata) has the same answer on the reduced ones as on the page's own, and a page
    of a million distinct class names stores a few dozen distinct sets."""
    kept: dict[str, str] = {}
    for name, value in attrib.items():
        name = name.lower()
        if name in ("id", "class"):
            reduced = _reduce_words(value, _CONTAINER_IDS if name == "id" else _CONTAINER_CLASSES)
            if reduced:
                kept[name] = reduced
        elif name == "role":
            if value == "main" or value.lower() in _CHROME_ROLES:
                kept[name] = value
        elif name == "hidden" or (name == "aria-hidden" and value == "true"):
            kept[name] = value if name == "aria-hidden" else ""
        elif name == "style":
            m = _HIDDEN_STYLE_RE.search(value.replace(" ", "").lower())
            if m:
                kept[name] = m.group()
        elif (
            name == "itemprop"
            and (tag == "meta" or value in _DATE_ITEMPROPS)
            or (
                name in ("content", "datetime")
                or (tag == "meta" and name in ("property", "name"))
                or (tag == "img" and name == "alt")
                or (tag == "ol" and name == "start")
                or (tag == "li" and name == "value")
                or (tag == "link" and name in ("rel", "href"))
                or (tag == "html" and name in ("lang", "xml:lang"))
                or (tag == "script" and name == "type")
            )
        ):
            kept[name] = value
        elif tag == "img" and name in ("width", "height"):
            size = value.strip().rstrip("px")
            if size.isdigit() and int(size) < 48:
                kept[name] = "1"  # all _caption_alt asks: is it tiny
    if tag == "meta":
        key = kept.get("property") or kept.get("name") or kept.get("itemprop") or ""
        if key.strip().lower() not in _META_KEYS and kept.get("itemprop") not in _DATE_ITEMPROPS:
            return {}
    elif tag == "link":
        if "canonical" not in kept.get("rel", "").lower().split():
            return {}
    elif tag != "time" and kept.get("itemprop") not in _DATE_ITEMPROPS:
        kept.pop("content", None)
        kept.pop("datetime", None)
    return kept


def _reduce_words(value: str, named: frozenset[str]) -> str:
    words = []
    for word in value.split():
        if word.lower() in named:
            words.append(word)
            continue
        low = word.lower()
        chrome = CHROME_RE.search(word)
        pieces = ([chrome.group()] if chrome else []) + [w for w in _DATE_WORDS if w in low]
        if pieces:
            words.append("-".join(pieces))
    return " ".join(words)


#: elements nested deeper than this lose their tags (their text stays): Chromium's
#: parser cap; real readout pages nest under 40, and lexbor's tree building is
#: quadratic in the depth (200,000 nested <div>s took over 2 min)
MAX_DEPTH = 512

#: elements that never hold others (void) or that the parser closes by itself when a
#: sibling starts (so an unclosed run of them does not nest): not counted as depth
_FLAT = _words(
    "area base br col embed hr img input link meta param source track wbr keygen "
    "p li dt dd option optgroup tr td th thead tbody tfoot caption colgroup rb rt rp"
)
_COMMON_FLAT = ("p", "li", "td", "tr", "th", "dd", "dt", "option", "br", "img", "hr", "meta")
_RAW_TEXT = _words("script style textarea title xmp iframe noembed noframes noscript plaintext")
#: a tag (its attributes stop at the next ``<``, so an unclosed ``<a`` repeated is not
#: scanned to the page's end from each one) or a comment's start
_TAG_RE = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*>|<!--")


def cap_depth(html: str) -> str:
    """``html`` with the tags nested beyond :data:`MAX_DEPTH` removed (text kept);
    ``html`` itself, untouched, when it never nests that deep. One linear scan, skipped
    when there are too few start tags of nesting elements to reach the cap (counted in
    C: ``<`` not opening an end tag, comment or declaration, less the flat tags)."""
    bound = html.count("<") - html.count("</") - html.count("<!") - html.count("<?")
    if bound > MAX_DEPTH:
        bound -= sum(html.count(f"<{t}>") + html.count(f"<{t} ") for t in _COMMON_FLAT)
    if bound <= MAX_DEPTH:
        return html
    depth = 0
    cut: dict[str, int] = {}  # start tags dropped, by name, whose end tags go too
    pieces: list[str] = []
    last = 0
    pos = 0
    raw_end: re.Pattern[str] | None = None
    while True:
        if raw_end is not None:  # inside <script> and the like: no tags until its end
            m_end = raw_end.search(html, pos)
            if m_end is None:
                break
            pos = m_end.start()
            raw_end = None
        m = _TAG_RE.search(html, pos)
        if m is None:
            break
        pos = m.end()
        name = m.group(2)
        if name is None:  # a comment: to its end, or to the end of the page when unclosed
            close = html.find("-->", pos)
            if close < 0:
                break
            pos = close + 3
            continue
        name = name.lower()
        if m.group(1):  # an end tag
            if name in _FLAT:
                continue
            if cut.get(name):
                cut[name] -= 1
                pieces.append(html[last : m.start()])
                last = m.end()
            elif depth:
                depth -= 1
            continue
        if name in _RAW_TEXT:
            raw_end = re.compile(rf"</{name}\b", re.IGNORECASE)
        if name in _FLAT or m.group(0).endswith("/>"):
            continue
        if depth >= MAX_DEPTH and name not in _RAW_TEXT:
            cut[name] = cut.get(name, 0) + 1
            pieces.append(html[last : m.start()])
            last = m.end()
            continue
        depth += 1
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


# ------------------------------------------------------------------ 1. metadata


def _read_meta(tree: AnyTree) -> dict[str, str]:
    meta: dict[str, str] = {}
    names: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and content and content.strip():
            names.setdefault(key.strip().lower(), _clean(content))
    for node in tree.css("[itemprop=datePublished], [itemprop=dateModified]"):
        attrs = node.attributes
        value = attrs.get("content") or attrs.get("datetime")
        if value and value.strip():
            names.setdefault(str(attrs.get("itemprop")).lower(), value.strip())

    title_node = tree.css_first("title")
    if title_node is not None:
        html_title = _clean(title_node.text())
        if html_title:
            meta["html_title"] = html_title
    if names.get("og:title"):
        meta["og_title"] = names["og:title"]
    for key, out in (
        ("og:description", "description"),
        ("description", "description"),
        ("og:site_name", "site_name"),
    ):
        if names.get(key) and out not in meta:
            meta[out] = names[key]

    published = next((names[k] for k in _PUBLISHED_KEYS if names.get(k)), None)
    modified = next((names[k] for k in _MODIFIED_KEYS if names.get(k)), None)
    if published is None or modified is None:
        for script in tree.css('script[type="application/ld+json"]'):
            blob = script.text()
            if published is None and (m := _JSONLD_DATE_RE.search(blob)):
                published = m.group(1)
            if modified is None and (m := _JSONLD_MODIFIED_RE.search(blob)):
                modified = m.group(1)
    if published is None:
        for node in tree.css("time[datetime]"):
            if _chrome_ancestor(node) is None:
                published = (node.attributes.get("datetime") or "").strip() or None
                if published:
                    break
    if published:
        meta["published"] = published
    if modified:
        meta["modified"] = modified

    canonical = None
    for node in tree.css("link[rel][href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        if "canonical" in rel:
            canonical = (node.attributes.get("href") or "").strip() or None
            break
    canonical = canonical or names.get("og:url")
    if canonical:
        meta["canonical"] = canonical

    html_node = tree.css_first("html")
    if html_node is not None:
        lang = html_node.attributes.get("lang") or html_node.attributes.get("xml:lang")
        if lang and lang.strip():
            meta["lang"] = lang.strip()
    return meta


def _find_title_h1(body: AnyNode, meta: dict[str, str]) -> AnyNode | None:
    """The page's title ``<h1>``: preferably one the ``<title>``/``og:title`` names,
    outside site chrome; a logo ``<h1>`` in the site header loses to it."""
    names = _norm(" ".join(filter(None, (meta.get("html_title"), meta.get("og_title")))))
    best: tuple[int, int] | None = None
    best_node = None
    for node in body.css("h1"):
        text = _norm(node.text(deep=True))
        if not text:
            continue
        score = 0
        if _chrome_ancestor(node) is None:
            score += 2
        if names and text in names:
            score += 1
        key = (score, len(text))
        if best is None or key > best:
            best, best_node = key, node
    if best is not None and best[0] == 0:
        return None  # only h1s inside site chrome that the title does not name
    return best_node


def _find_date_line(body: AnyNode, title_node: AnyNode | None) -> str:
    """The text of the date line (``<time>`` or a ``date``-classed element), or ""."""
    for node in body.css("time, [class*=date i], [id*=date i], [class*=posted i]"):
        if node.tag in ("html", "body", "main", "article"):
            continue
        text = _clean(node.text(deep=True))
        if not text or len(text) > 80 or not any(ch.isdigit() for ch in text):
            continue
        if node.tag != "time" and not _DATE_CLASS_RE.search(_class_id(node)):
            continue
        if not _MONTH_OR_NUMERIC_DATE_RE.search(text):
            continue
        # A date inside a sentence ("On <time>March 3</time>, the …") is not a line.
        parent = node.parent
        if (
            parent is not None
            and parent.tag in _PROSE_TAGS
            and len(_clean(parent.text(deep=True))) > len(text) + 40
        ):
            continue
        # A date in a header counts only when the header is the article's own, the
        # one holding the title (a site header's clock does not).
        chrome = _chrome_ancestor(node)
        if chrome is not None and (title_node is None or not _contains(chrome, title_node)):
            continue
        return text
    return ""


def _find_back_links(body: AnyNode) -> list[str]:
    seen: list[str] = []
    for node in body.css("a"):
        text = _clean(node.text(deep=True))
        if text and len(text) <= 120 and _BACK_TO_RE.match(text) and text not in seen:
            seen.append(text)
    return seen


# ------------------------------------------------------------------ 2. removal


#: Chrome-looking wrappers kept because they hold the content, nested deeper than
#: this, are kept without looking inside again: real pages nest two or three, and
#: the bound keeps pathological nesting linear.
MAX_GUARDED_NESTING = 8

_KEEP, _REMOVE, _GUARDED = 0, 1, 2


def _remove_chrome(body: AnyNode) -> None:
    doomed: list[AnyNode] = []
    # (node, inside main/article, chrome-looking wrappers kept above it); a node's next
    # sibling is reached from it, so the stack holds one node per level, not every child
    stack: list[tuple[AnyNode, bool, int]] = []
    if body.child is not None:
        stack.append((body.child, False, 0))
    while stack:
        child, in_main, guarded = stack.pop()
        sibling = child.next
        if sibling is not None:
            stack.append((sibling, in_main, guarded))
        tag = child.tag
        if tag and tag[0] != "-":
            verdict = _verdict(child, tag, in_main, guarded < MAX_GUARDED_NESTING)
            if verdict == _REMOVE:
                doomed.append(child)
            elif tag not in _NO_DESCEND and child.child is not None:
                child_in_main = in_main or tag in ("main", "article") or _is_main_marker(child)
                stack.append((child.child, child_in_main, guarded + (verdict == _GUARDED)))
    for node in doomed:
        node.decompose()


def _is_main_marker(node: AnyNode) -> bool:
    attrs = node.attributes
    return attrs.get("role") == "main" or (attrs.get("id") or "").lower() in (
        "maincontents",
        "main-contents",
    )


def _verdict(node: AnyNode, tag: str, in_main: bool, look_inside: bool) -> int:
    """Remove, keep, or keep a chrome-looking element because it holds the content."""
    if tag in JUNK_TAGS:
        return _REMOVE
    attrs = node.attributes
    if not attrs and tag not in ("header", "form"):
        return _KEEP
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return _REMOVE
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return _REMOVE
    if tag == "header":
        if in_main:
            return _KEEP
        return _guard(node, look_inside, h1=False)
    if tag == "form":
        return _guard(node, look_inside)
    if tag in ("html", "body", "main", "article", "h1", "h2", "h3", "h4", "h5", "h6", "time"):
        return _KEEP
    role = (attrs.get("role") or "").lower()
    if role in _CHROME_ROLES:
        return _KEEP if role == "banner" and in_main else _guard(node, look_inside)
    words = " ".join(filter(None, (attrs.get("id"), attrs.get("class"))))
    match = CHROME_RE.search(words) if words else None
    if match is None:
        return _KEEP
    if in_main and _HEADER_WORDS.fullmatch(match.group()):
        return _KEEP
    return _guard(node, look_inside)


def _guard(node: AnyNode, look_inside: bool, *, h1: bool = True) -> int:
    if not look_inside or _holds_content(node, h1=h1):
        return _GUARDED
    return _REMOVE


def _holds_content(node: AnyNode, *, h1: bool = True) -> bool:
    """Does this element wrap the readout itself (so it must not be removed)?"""
    selector = "main, article, [role=main], #maincontents" + (", h1" if h1 else "")
    if node.css_first(selector) is not None:
        return True
    prose = 0
    for p in node.css("p"):
        prose += len(p.text(deep=True))
        if prose > 300:
            return True
    return False


# ------------------------------------------------------------------ 3. container


def _pick_container(tree: AnyTree, body: AnyNode) -> AnyNode:
    for selector in CONTAINER_SELECTORS:
        nodes = tree.css(selector)
        if not nodes or (selector == "article" and len(nodes) > 1):
            continue
        node = nodes[0]
        if _clean_reaches(node.text(deep=True), MIN_CONTAINER_CHARS):
            return node
    scores: dict[int, float] = {}
    nodes_by_id: dict[int, AnyNode] = {}
    for p in body.css("p, pre, blockquote"):
        length = len(_clean(p.text(deep=True)))
        if length < 25:
            continue
        links = sum(len(a.text(deep=True)) for a in p.css("a"))
        value = max(0.0, length - 2 * links)
        parent = p.parent
        for weight in (1.0, 0.5):
            if parent is None or parent.tag in ("-document", "html"):
                break
            key = parent.mem_id
            nodes_by_id[key] = parent
            scores[key] = scores.get(key, 0.0) + value * weight
            parent = parent.parent
    if scores:
        best = max(scores, key=scores.__getitem__)
        return nodes_by_id[best]
    return body


# ------------------------------------------------------------------ 4. rendering


class _Writer:
    """Accumulates text with pending line breaks; never emits more than one blank line."""

    __slots__ = ("parts", "pending", "line_open", "prefix_only")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0  # newlines owed before the next text
        self.line_open = False  # the current line has text (or a list prefix)
        self.prefix_only = False  # the current line holds only a list prefix

    def brk(self, n: int) -> None:
        if self.prefix_only:
            return  # a block inside <li>: keep its text on the bullet's line
        if self.parts and n > self.pending:
            self.pending = n
        self.line_open = False

    def _open_line(self) -> None:
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0

    def text(self, s: str) -> None:
        if not s:
            return
        core = " ".join(s.split())
        if not core:  # whitespace between tags: at most one space inside a line
            if self.line_open and not self.prefix_only and not self.parts[-1].endswith(" "):
                self.parts.append(" ")
            return
        if (
            s[0].isspace()
            and self.line_open
            and not self.prefix_only
            and not self.parts[-1].endswith(" ")
        ):
            core = " " + core
        if s[-1].isspace():
            core += " "
        s = core
        if not self.line_open:
            self._open_line()
        self.parts.append(s)
        self.line_open = True
        self.prefix_only = False
        if len(self.parts) > _WRITER_PARTS:
            self.parts = ["".join(self.parts)]  # a few large strings, not millions of small

    def prefix(self, s: str) -> None:
        self.brk(1)
        self._open_line()
        self.parts.append(s)
        self.line_open = True
        self.prefix_only = True

    def line(self, s: str) -> None:
        self.brk(1)
        self.text(s)
        self.brk(1)

    def result(self) -> str:
        out = io.StringIO()  # the text, not a list of its lines
        started = blank = False
        for line in _lines("".join(self.parts)):
            line = line.rstrip()
            if not line.strip():
                blank = started  # runs of blank lines become one, none at the start
                continue
            if line.strip() in ("•",):
                continue  # an empty list item
            if started:
                out.write("\n\n" if blank else "\n")
            out.write(line)
            started, blank = True, False
        return out.getvalue()


_EXIT = object()
#: pieces of text the writer keeps before joining them (bounds its list, not its text)
_WRITER_PARTS = 4096


def _render(container: AnyNode, *, title: str) -> str:
    w = _Writer()
    lists: list[list] = []  # [tag, counter]
    title_norm = _norm(title)
    last_alt = ""
    # children are reached one at a time from their elder sibling (never all pushed at
    # once: a container of two million paragraphs held two million node objects)
    stack: list = [container]
    root = True
    while stack:
        item = stack.pop()
        if item is _EXIT:
            node = stack.pop()
            tag = node.tag
            if tag in ("ul", "ol") and lists:
                lists.pop()
                w.brk(1 if lists else 2)  # a nested list stays inside its item
            elif tag in PARA_TAGS:
                w.brk(2)
            elif tag in LINE_TAGS or tag == "dd":
                w.brk(1)
            continue
        node = item
        if root:
            root = False
        else:
            sibling = node.next
            if sibling is not None:
                stack.append(sibling)
        tag = node.tag
        if tag == "-text":
            w.text(node.text_content or "")
            continue
        if not tag or tag.startswith("-") or tag in JUNK_TAGS:
            continue
        if tag == "br":
            w.brk(1)
            continue
        if tag == "img":
            alt = _caption_alt(node, title_norm)
            if alt and alt != last_alt:
                w.line(alt)
                last_alt = alt
            continue
        if tag == "a":
            text = node.text(deep=True)
            if _TOP_LINK_RE.match(text.strip()) and node.css_first("img") is None:
                continue
        if tag == "pre":
            w.brk(2)
            for i, piece in enumerate((node.text(deep=True) or "").split("\n")):
                if i:
                    w.brk(1)
                w.text(piece)
            w.brk(2)
            continue
        if tag in PARA_TAGS:
            w.brk(1 if lists and tag in ("ul", "ol") else 2)
            if tag in ("ul", "ol"):
                start = node.attributes.get("start") if tag == "ol" else None
                try:
                    counter = int(start) - 1 if start else 0
                except ValueError:
                    counter = 0
                lists.append([tag, counter])
        elif tag in LINE_TAGS or tag == "dt":
            w.brk(1)
        elif tag == "dd":
            w.text(" ")
        if tag == "li":
            _li_prefix(w, node, lists)
        stack.append(node)
        stack.append(_EXIT)
        child = node.child
        if child is not None:
            stack.append(child)
    return w.result()


def _li_prefix(w: _Writer, node: AnyNode, lists: list[list]) -> None:
    if not lists:
        w.prefix("  •  ")
        return
    depth = len(lists) - 1
    kind = lists[-1]
    if kind[0] == "ol":
        value = node.attributes.get("value")
        try:
            kind[1] = int(value) if value else kind[1] + 1
        except ValueError:
            kind[1] += 1
        w.prefix("   " * depth + f"{kind[1]}. ")
    else:
        w.prefix("    " * depth + "  •  ")


def _caption_alt(img: AnyNode, title_norm: str) -> str:
    """The ``alt`` of an image when it reads as a caption (words, not a file name or
    icon label, not a tiny image, not repeating a ``<figcaption>`` or the title)."""
    attrs = img.attributes
    alt = _clean(attrs.get("alt") or "")
    if len(alt) < 4 or " " not in alt or _FILENAME_RE.match(alt) or _ICON_ALT_RE.search(alt):
        return ""
    for dim in ("width", "height"):
        value = (attrs.get(dim) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 48:
            return ""
    if title_norm and _norm(alt) == title_norm:
        return ""
    figure = _inside(img, lambda n: n.tag == "figure")
    if figure is not None and figure.css_first("figcaption") is not None:
        return ""
    return alt


# ------------------------------------------------------------------ 5. restoring


def _restore(text: str, *, title: str, date_line: str, back_links: Iterable[str]) -> str:
    back_links = list(back_links)
    # Only lines about as short as the title, date line or links can match them.
    limit = max([len(title), len(date_line)] + [len(link) for link in back_links]) + 60
    title_key = _norm(title).strip(" .:") if title else None
    date_key = _norm(date_line) if date_line else None
    link_keys = {_norm(link).strip(" .:") for link in back_links}
    title_end = -1  # where the title's line ends in ``text``
    date_present = False
    links_present: set[str] = set()
    # one pass over the lines, nothing kept per line (a list of them was most of the
    # memory of a 20 MiB page)
    end = 0
    for line in _lines(text) if text else ():
        start, end = end, end + len(line) + 1
        normed = _norm(line).strip(" .:") if len(line) <= limit else ""
        if title_end < 0 and normed == title_key:
            title_end = start + len(line)
        if date_key is not None and date_key in normed and len(normed) <= len(date_key) + 60:
            date_present = True
        if normed in link_keys:
            links_present.add(normed)
    head: list[str] = []
    if title and title_end < 0:
        head.append(title)
    if date_line and not date_present:
        if head or title_end < 0:
            head.append(date_line)
        else:
            text = text[:title_end] + "\n" + date_line + text[title_end:]
    if head:
        text = "\n".join(head) + ("\n\n" + text if text else "")
    tail = [link for link in back_links if _norm(link).strip(" .:") not in links_present]
    if tail:
        text = (text + "\n\n" if text else "") + "\n".join(tail)
    return text.strip()


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time."""
    start = 0
    while True:
        i = text.find("\n", start)
        if i < 0:
            yield text[start:]
            return
        yield text[start:i]
        start = i + 1


# ------------------------------------------------------------------ helpers


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _clean_reaches(text: str, n: int) -> bool:
    """``len(_clean(text)) >= n``, cleaning only a prefix when that settles it (a 20 MiB
    page's text split into millions of words just to be counted); exact, because the
    cleaned prefix is never longer than the cleaned text."""
    step = max(4 * n, 4096)
    if len(text) > step and len(_clean(text[:step])) >= n:
        return True
    return len(_clean(text)) >= n


def _norm(text: str | None) -> str:
    return _clean(text).lower().replace("\u2019", "'").replace("\u2018", "'")


def _class_id(node: AnyNode) -> str:
    attrs = node.attributes
    return " ".join(filter(None, (attrs.get("id"), attrs.get("class"))))


def _chrome_kind(node: AnyNode) -> str | None:
    """``"chrome"`` (navigation, footer, sidebar…), ``"header"`` (a header, which may
    be the article's own) or None."""
    tag = node.tag
    if tag in ("nav", "footer", "aside"):
        return "chrome"
    if tag == "header":
        return "header"
    attrs = node.attributes
    if not attrs:
        return None
    role = (attrs.get("role") or "").lower()
    if role == "banner":
        return "header"
    if role in _CHROME_ROLES:
        return "chrome"
    words = " ".join(filter(None, (attrs.get("id"), attrs.get("class"))))
    match = CHROME_RE.search(words) if words else None
    if match is None:
        return None
    return "header" if _HEADER_WORDS.fullmatch(match.group()) else "chrome"


def _chrome_ancestor(node: AnyNode) -> AnyNode | None:
    """The nearest site-chrome ancestor of ``node``, or None. Walking up stops at
    ``main``/``article``: a header inside them is the article's own."""
    header = None
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-document"):
        if parent.tag in ("main", "article") or _is_main_marker(parent):
            return None
        kind = _chrome_kind(parent)
        if kind == "chrome":
            return parent
        if kind == "header" and header is None:
            header = parent
        parent = parent.parent
    return header


def _inside(node: AnyNode, predicate) -> AnyNode | None:
    """The nearest ancestor matching ``predicate``, or None."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-document"):
        if predicate(parent):
            return parent
        parent = parent.parent
    return None


def _contains(ancestor: AnyNode, node: AnyNode) -> bool:
    target = ancestor.mem_id
    parent = node.parent
    while parent is not None:
        if parent.mem_id == target:
            return True
        parent = parent.parent
    return False
