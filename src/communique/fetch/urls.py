"""URL helpers without dependencies."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "", "", ""))


def strip_fragment(url: str) -> str:
    """The URL without its ``#fragment`` (and with ``/`` for an empty path)."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path or "/", p.query, ""))


def is_http_url(text: str) -> bool:
    p = urlsplit(text)
    return p.scheme in ("http", "https") and bool(p.netloc)
