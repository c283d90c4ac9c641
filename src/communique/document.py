"""The Document: what every later stage reads.

Needs: raw input (text or HTML, already decoded to ``str``).
Adds: ``text`` (the cleaned text every span points into), ``title``, ``published``
(ISO date of the date line), ``publisher`` (ISO3 of the issuing government),
``language`` and ``warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.html import html_to_text
from communique.language import detect_language
from communique.sources import looks_like_html


@dataclass
class Document:
    text: str
    source: str | None = None
    #: the page's web address when known (``--source URL``, a sources file, the crawl,
    #: or the HTML's canonical link); ``source`` stays the path it was read from
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str = "en"
    warnings: list[str] = field(default_factory=list)
    #: hints read from HTML metadata (``<title>``, ``<meta>`` dates, canonical URL)
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "source": self.source or "",
            **({"url": self.url} if self.url else {}),
            "title": self.title,
            "published": self.published,
            "publisher": self.publisher,
            "language": self.language,
            "text": self.text,
        }


def to_document(
    content: str,
    *,
    source: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document from text or HTML already decoded to ``str`` (``published`` is read
    from the text later, or set by the extractor from a date it is given)."""
    warnings: list[str] = []
    meta: dict[str, str] = {}
    text = content
    if looks_like_html(content):
        text, meta = html_to_text(content)
        if not text.strip():
            warnings.append("HTML page has no readable text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.strip():
        warnings.append("document is empty")
    lang = "en"
    if text.strip():
        lang, _conf = detect_language(text[:20000])
        if lang not in ("en", "und"):
            warnings.append(f"language looks like '{lang}', not English")
    if url is None and source and source.startswith(("http://", "https://")):
        url = source
    if url is None and meta.get("canonical", "").startswith(("http://", "https://")):
        url = meta["canonical"]
    return Document(
        text=text,
        source=source,
        url=url,
        title=None,
        language=lang if lang != "und" else "en",
        warnings=warnings,
        meta=meta,
    )
