"""What a fetched body is, and its text.

:func:`kind_of` names a body ``"html"``, ``"pdf"``, ``"text"`` or ``"xml"`` (a feed or
sitemap) from its ``Content-Type``, sniffing the bytes when the header is missing or
generic (``application/octet-stream``) and when the bytes plainly say otherwise (a PDF
served as ``text/html``); anything else raises :class:`UnsupportedContent`.
:func:`decode_document` turns the raw bytes kept in the archive into the text the
extractor reads: PDF text via pypdf, everything else through
:func:`communique.sources.decode_bytes` with the header's charset as the declared one
(so a Shift_JIS page that says so only in its header still decodes). It is used both
when ingesting and by ``communique reextract``, which never refetches.
"""

from __future__ import annotations

import io
import logging
import re

from communique.errors import InputError
from communique.sources import decode_bytes, looks_like_html

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_TYPES = frozenset({"text/plain"})
XML_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})

#: longest PDF read (pages); a readout has a few
MAX_PDF_PAGES = 200
#: ``documents.content_type`` holds this many characters
CONTENT_TYPE_CHARS = 40

_XML_ROOT_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|urlset|sitemapindex|RDF)\b",
    re.S,
)


class UnsupportedContent(Exception):
    """A body that is not a readout, a feed or a sitemap (an image, a ZIP...)."""


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """(``type/subtype`` lower-cased, charset or None) of a ``Content-Type`` value."""
    if not content_type:
        return "", None
    parts = content_type.split(";")
    mt = parts[0].strip().lower()
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            charset = v.strip().strip("\"'").lower()
    return mt, charset


def looks_like_feed(body: bytes) -> bool:
    return _XML_ROOT_RE.match(body[:4096]) is not None


def kind_of(body: bytes, content_type: str | None) -> str:
    """``"html"``, ``"pdf"``, ``"text"`` or ``"xml"``; raises :class:`UnsupportedContent`."""
    mt, _ = media_type(content_type)
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF-") and (mt in GENERIC_TYPES or mt in PDF_TYPES or "html" in mt):
        return "pdf"
    if mt in PDF_TYPES:
        return "pdf"
    if mt in XML_TYPES or mt.endswith("+xml") and mt not in HTML_TYPES:
        return "xml"
    if mt in HTML_TYPES or mt in TEXT_TYPES or mt in GENERIC_TYPES:
        if looks_like_feed(body):
            return "xml"
        if mt in HTML_TYPES:
            return "html"
        if mt in TEXT_TYPES:
            return "text"
        try:
            text, _ = decode_bytes(body)
        except InputError as e:
            raise UnsupportedContent(f"not text, HTML, PDF or a feed: {e.message}") from None
        return "html" if looks_like_html(text) else "text"
    raise UnsupportedContent(
        f"unsupported content type {mt or content_type!r} (not HTML, PDF, text or a feed)"
    )


def stored_content_type(kind: str, content_type: str | None) -> str:
    """The ``documents.content_type`` to keep: the media type and, when it fits, the
    charset the header declared (``communique reextract`` decodes with it)."""
    mt, charset = media_type(content_type)
    base = {"pdf": "application/pdf", "text": "text/plain", "html": "text/html"}.get(kind, mt)
    if kind == "html" and mt in HTML_TYPES:
        base = mt
    if charset:
        full = f"{base}; charset={charset}"
        if len(full) <= CONTENT_TYPE_CHARS:
            return full
    return base[:CONTENT_TYPE_CHARS]


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages, pages separated by a blank line."""
    try:
        # loaded for a PDF only (start-up time of every other input)
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError("E102", "PDF input needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise InputError("E102", "encrypted PDF, no text can be read") from None
        pages = []
        for i, page in enumerate(reader.pages):
            if i >= MAX_PDF_PAGES:
                break
            pages.append((page.extract_text() or "").strip())
    except InputError:
        raise
    except Exception as e:
        raise InputError("E102", f"unreadable PDF ({type(e).__name__}: {e})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise InputError("E102", "PDF has no text layer (a scan?); nothing to extract")
    return text


def decode_document(raw: bytes, content_type: str | None) -> tuple[str, list[str]]:
    """The text to extract from raw bytes kept in the archive, and decoding warnings."""
    mt, charset = media_type(content_type)
    if mt in PDF_TYPES:
        return pdf_text(raw), []
    return decode_bytes(raw, declared=charset)
