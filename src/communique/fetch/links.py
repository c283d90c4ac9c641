"""The links a listing gives: an HTML index page, an RSS/Atom feed or a sitemap.

* :func:`feed_links`: RSS 2.0 / RSS 1.0 items, Atom entries (their ``alternate``
  link), sitemap ``<url>`` entries (readouts, dated by ``lastmod``) and sitemap-index
  entries (more sitemaps to read). Anything that does not parse, or parses to an
  unknown root element, raises :class:`MalformedFeed` with the reason.
* :func:`index_links`: on an HTML index page, the pagination (``rel=next``, "Next"/
  "Older"/"次へ" anchors; without those, the page numbers inside a ``pagination``/
  ``pager`` element; one page at a time, so ``--since`` can stop at the first page
  listing only older readouts) and
  the readouts: with a ``--follow`` pattern, every link matching it; without one, the
  links of the page's content on the same host (site chrome such as navigation,
  header, footer, sidebars and breadcrumbs left out, files that cannot be readouts
  such as images and archives left out). Each link carries the date the listing puts
  beside it (a ``<time>``, or a date in the text of its list item / table row), used
  by ``--since``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from communique.fetch.urls import is_http_url, strip_fragment
from communique.html import CHROME_RE, cap_depth
from communique.util.date_mentions import find_dates


@dataclass(frozen=True)
class Link:
    url: str
    #: "readout" (a page to store) or "index" (a listing to read for more links)
    kind: str
    date: dt.date | None = None


class MalformedFeed(Exception):
    """A feed or sitemap that cannot be read (the message says why)."""


# ------------------------------------------------------------------ dates


def parse_date(value: str | None) -> dt.date | None:
    """An ISO 8601 date/datetime or an RFC 822 date (RSS ``pubDate``), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.date() if when else None


def canonical_link(text: str, base: str) -> str | None:
    """The page's ``<link rel="canonical">`` URL (resolved against ``base``), or None."""
    node = LexborHTMLParser(cap_depth(text[:200_000])).css_first('link[rel="canonical"][href]')
    if node is None:
        return None
    return urljoin(base, node.attributes.get("href") or "") or None


def date_in_text(text: str) -> dt.date | None:
    """The first full date written in a listing's text ("12 March 2024", "2024-03-12")."""
    m = re.search(r"\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    for d in find_dates(text):
        if d.year:
            got = d.resolve(None)
            if got:
                return got
    return None


# ------------------------------------------------------------------ feeds and sitemaps


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag.split(":")[-1]


def _child(node: ET.Element, *names: str) -> ET.Element | None:
    for c in node:
        if _local(c.tag) in names:
            return c
    return None


def _text(node: ET.Element | None) -> str:
    return (node.text or "").strip() if node is not None else ""


def feed_links(body: bytes, base_url: str) -> tuple[str, list[Link]]:
    """(``"rss"``/``"atom"``/``"sitemap"``/``"sitemapindex"``, links) of a feed or sitemap."""
    if re.search(rb"<!ENTITY", body[:65536], re.I):
        raise MalformedFeed("malformed feed: declares XML entities (refused)")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise MalformedFeed(f"malformed feed: {e}") from None
    kind = _local(root.tag)
    links: list[Link] = []

    def add(href: str, k: str, date: str | None) -> None:
        href = (href or "").strip()
        if not href:
            return
        url = strip_fragment(urljoin(base_url, href))
        if is_http_url(url):
            links.append(Link(url, k, parse_date(date)))

    if kind == "rss" or kind == "RDF":
        channel = root.find("channel")
        items = (channel if channel is not None and kind == "rss" else root).iter()
        for item in items:
            if _local(item.tag) != "item":
                continue
            href = _text(_child(item, "link"))
            if not href:
                guid = _child(item, "guid")
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    href = _text(guid)
            if not href and kind == "RDF":
                href = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "")
            date = _text(_child(item, "pubDate", "date", "published", "updated"))
            add(href, "readout", date)
        return ("rss", links)
    if kind == "feed":
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            href = ""
            for ln in entry:
                if _local(ln.tag) == "link" and ln.get("rel", "alternate") == "alternate":
                    href = ln.get("href", "")
                    break
            date = _text(_child(entry, "published", "updated"))
            add(href, "readout", date)
        return ("atom", links)
    if kind in ("urlset", "sitemapindex"):
        k = "readout" if kind == "urlset" else "index"
        for entry in root:
            if _local(entry.tag) not in ("url", "sitemap"):
                continue
            add(_text(_child(entry, "loc")), k, _text(_child(entry, "lastmod")) or None)
        return ("sitemap" if kind == "urlset" else "sitemapindex", links)
    raise MalformedFeed(f"malformed feed: not RSS, Atom or a sitemap (root element <{kind}>)")


# ------------------------------------------------------------------ HTML index pages

#: link targets that are never readouts
SKIP_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "css",
        "js",
        "json",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "rar",
        "mp3",
        "mp4",
        "m4a",
        "wav",
        "ogg",
        "webm",
        "mov",
        "avi",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "exe",
        "dmg",
        "iso",
    ]
)
NEXT_RE = re.compile(
    r"^\s*(?:next|next page|older|older (?:posts|entries|news)|more|»|›|>|>>|→|"
    r"次へ|次のページ|далее|следующая|suivant|siguiente|weiter)\s*[»›>→]?\s*$",
    re.IGNORECASE,
)
PAGER_RE = re.compile(r"pagination|pager|paging|page-nav|pagenav|page_nav", re.IGNORECASE)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_ITEM_TAGS = frozenset({"li", "tr", "article", "dd", "dt", "p", "div", "section"})
#: characters of an item's text searched for its date
ITEM_TEXT_CHARS = 400


def _class_id(node: LexborNode) -> str:
    a = node.attributes
    return f"{a.get('class') or ''} {a.get('id') or ''}"


def _ancestors(node: LexborNode):  # noqa: ANN202
    p = node.parent
    while p is not None and p.tag not in ("body", "html", "-undef"):
        yield p
        p = p.parent


def _in_pager(node: LexborNode) -> bool:
    return any(PAGER_RE.search(_class_id(a)) for a in _ancestors(node))


def _in_chrome(node: LexborNode) -> bool:
    for a in _ancestors(node):
        if a.tag in ("main", "article"):
            return False
        if a.tag in _CHROME_TAGS:
            return True
        role = (a.attributes.get("role") or "").lower()
        if role in ("navigation", "banner", "contentinfo", "search", "complementary"):
            return True
        if CHROME_RE.search(_class_id(a)):
            return True
    return False


def _item_date(a: LexborNode) -> dt.date | None:
    for anc in [a, *_ancestors(a)]:
        if anc.tag not in _ITEM_TAGS and anc is not a:
            continue
        for t in anc.css("time"):
            d = parse_date(t.attributes.get("datetime")) or date_in_text(t.text() or "")
            if d:
                return d
        text = (anc.text(deep=True) or "")[:ITEM_TEXT_CHARS]
        d = date_in_text(text)
        if d:
            return d
        if anc.tag in ("li", "tr", "article", "dd", "dt"):
            return None  # the item itself has no date: do not take a neighbour's
    return None


def names_host(pattern: str, host: str) -> bool:
    """Whether a ``--follow`` pattern names ``host`` (or a domain of it, like
    ``state\\.gov`` for ``www.state.gov``): a link to another host than the listing's is
    followed only then, so a feed cannot send the crawler anywhere it was not told to go."""
    text = re.sub(r"\\(.)", r"\1", pattern).lower()
    name = host.lower().rsplit(":", 1)[0] if not host.endswith("]") else host.lower()
    name = name.strip("[]")
    if name.replace(".", "").isdigit() or ":" in name:
        return name in text  # an address is named whole
    labels = name.split(".")
    return any(
        ".".join(labels[i:]) in text for i in range(len(labels) - 1 if len(labels) > 1 else 1)
    )


def allowed(url: str, listing_url: str, follow: re.Pattern[str] | None) -> bool:
    """A link of a listing may be crawled: on the listing's host, or on a host the
    ``--follow`` pattern names (and then matching it)."""
    host = urlsplit(url).netloc.lower()
    if host == urlsplit(listing_url).netloc.lower():
        return True
    return follow is not None and names_host(follow.pattern, host) and bool(follow.search(url))


def index_links(
    html: str, page_url: str, *, follow: re.Pattern[str] | None = None
) -> tuple[list[Link], list[Link]]:
    """(readout links, next index pages) of an HTML listing page."""
    tree = LexborHTMLParser(cap_depth(html))  # nesting capped: the parse stays linear
    base = page_url
    b = tree.css_first("base[href]")
    if b is not None and b.attributes.get("href"):
        base = urljoin(page_url, b.attributes["href"])
    host = urlsplit(page_url).netloc.lower()
    here = strip_fragment(page_url)
    pages: list[Link] = []
    readouts: list[Link] = []
    seen: set[str] = {here}

    def absolute(href: str | None) -> str | None:
        href = (href or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        url = strip_fragment(urljoin(base, href))
        return url if is_http_url(url) else None

    numbered: list[Link] = []
    for node in tree.css("link[rel][href]"):
        if "next" in (node.attributes.get("rel") or "").lower().split():
            url = absolute(node.attributes.get("href"))
            if url and url not in seen and allowed(url, page_url, follow):
                seen.add(url)
                pages.append(Link(url, "index"))
    anchors = tree.css("a[href]")
    for a in anchors:
        url = absolute(a.attributes.get("href"))
        if url is None or url in seen or urlsplit(url).netloc.lower() != host:
            continue
        rel = (a.attributes.get("rel") or "").lower().split()
        text = (a.text(deep=True) or "").strip()
        if "next" in rel or NEXT_RE.match(text):
            seen.add(url)
            pages.append(Link(url, "index"))
        elif _in_pager(a) and text.isdigit():
            seen.add(url)
            numbered.append(Link(url, "index"))
    if not pages:
        pages = numbered  # no "next" link: every numbered page
    for a in anchors:
        url = absolute(a.attributes.get("href"))
        if url is None or url in seen:
            continue
        if follow is not None:
            if not follow.search(url) or not allowed(url, page_url, follow):
                continue
        else:
            parts = urlsplit(url)
            ext = parts.path.rsplit(".", 1)[-1].lower() if "." in parts.path else ""
            if parts.netloc.lower() != host or ext in SKIP_EXTENSIONS:
                continue
            if _in_pager(a) or _in_chrome(a):
                continue
        seen.add(url)
        readouts.append(Link(url, "readout", _item_date(a)))
    return readouts, pages
