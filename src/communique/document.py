"""The Document: what every later stage reads.

Needs: raw input (text or HTML, already decoded to ``str``).
Adds: ``text`` (the cleaned text every span points into), ``title``, ``published``
(ISO date of the date line), ``publisher`` (ISO3 of the issuing government),
``language`` and ``warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    text: str
    source: str | None = None
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
            "title": self.title,
            "published": self.published,
            "publisher": self.publisher,
            "language": self.language,
            "text": self.text,
        }
