"""Provenance: where a document came from and how to cite it.

A document's public location is its URL, or, when none is known, its file name alone
(never a path of the machine that built the archive), marked as having no URL. URLs
come, in this order, from ``ingest --source URL`` (one file), ``ingest --sources
FILE.tsv`` (file name, tab, URL: :func:`communique.sources.read_sources_tsv`), the
crawl, or the page's own ``<link rel="canonical">`` / ``og:url``. The same text (:func:`text_hash`) under another
location is the same document.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import unicodedata
from urllib.parse import urlparse

from communique import gazetteer
from communique.gazetteer.files import cells
from communique.util.dates import day_text

_SPACE = re.compile(r"\s+")


def is_url(s: str | None) -> bool:
    return bool(s) and re.match(r"^https?://[^\s/]+", s or "", re.I) is not None


def text_hash(text: str) -> str:
    """SHA-256 of the text after Unicode (NFKC) and whitespace normalisation, so a page
    saved twice, or re-encoded, is recognised as the same text."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def location(path: str, url: str | None) -> str:
    """The public location of an ingested file: its URL, else its file name alone."""
    return url or os.path.basename(path.rstrip("/\\")) or path


def file_time(path: str) -> dt.datetime | None:
    """When a saved page was written (its modification time, UTC)."""
    try:
        return dt.datetime.fromtimestamp(os.path.getmtime(path), dt.UTC).replace(microsecond=0)
    except OSError:
        return None


@functools.lru_cache(maxsize=1)
def _publisher_names() -> dict[str, str]:
    out = {}
    for row in cells("publishers.tsv"):
        if len(row) >= 3 and row[2].strip():
            out[row[0].strip().lower()] = row[2].strip()
    return out


def publisher_name(url: str | None, publisher: str | None) -> str | None:
    """The issuing office by the URL's domain (``gazetteer/publishers.tsv``), else the
    government of the publisher's country, else None."""
    if url:
        host = (urlparse(url).hostname or "").lower()
        parts = host.split(".")
        names = _publisher_names()
        for i in range(len(parts) - 1):
            name = names.get(".".join(parts[i:]))
            if name:
                return name
    if publisher:
        c = gazetteer.countries().get(publisher)
        if c is not None:
            return f"Government of {c.name}"
        return publisher
    return None


def citation(
    *,
    publisher: str | None,
    url: str | None,
    source: str | None,
    title: str | None,
    published: object,
    retrieved: object,
) -> str:
    """A plain-text citation: publisher, "title", date, URL (or the file name and "no
    URL known"), retrieved date."""
    parts = []
    who = publisher_name(url, publisher)
    if who:
        parts.append(who)
    parts.append(f"“{title.strip()}”" if title and title.strip() else "untitled")
    parts.append(day_text(published) or "undated")
    parts.append(url if url else f"{source or 'unknown file'} (no URL known)")
    line = ", ".join(parts)
    day = day_text(retrieved)
    return f"{line}. Retrieved {day}." if day else f"{line}."
