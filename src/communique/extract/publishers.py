"""Which government a web address belongs to (``gazetteer/publishers.tsv``)."""

from __future__ import annotations

import functools
import re
from urllib.parse import urlparse

from communique.gazetteer.files import cells, data_lines


@functools.lru_cache(maxsize=1)
def _rows() -> list[list[str]]:
    return [[c.strip() for c in row] for row in cells("publishers.tsv", missing_ok=True)]


@functools.lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    """domain -> ISO3 of a government's site."""
    return {r[0].lower(): r[1].upper() for r in _rows() if len(r) >= 2 and r[1]}


@functools.lru_cache(maxsize=1)
def _organisation_domains() -> dict[str, str]:
    """domain -> name of the international organisation whose site it is."""
    return {r[0].lower(): r[2] for r in _rows() if len(r) >= 3 and not r[1] and r[2]}


def _lookup(url: str, table: dict[str, str]) -> str | None:
    if "://" not in url:
        return None
    parts = (urlparse(url).hostname or "").lower().split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


#: a government's web domain under its country code: ``mfa.gov.il``, ``sanews.gov.za``,
#: ``msz.gov.pl``, ``gob.mx``, ``diplomatie.gouv.fr``, ``mofa.go.kr``, ``bmeia.gv.at``;
#: or a foreign ministry's own domain under it (``mfa.bg``, ``mzv.cz``, ``mid.ru``)
_GOVERNMENT_HOST = re.compile(
    r"(?:^|\.)(?:gov|go|gob|gouv|gv|govt|gub)\.(?P<cc>[a-z]{2})$"
    r"|(?:^|\.)(?:mfa|mofa|mofat|mofaic|mea|mid|mzv|msz|mae|mre|dfa|mfea)\.(?:gov\.)?(?P<cc2>[a-z]{2})$"
)


@functools.lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    rows = [ln.split("\t") for ln in data_lines("country_codes.tsv", missing_ok=True)]
    return {r[0]: r[1] for r in rows[1:] if len(r) >= 2}


def by_url(url: str) -> str | None:
    """ISO3 of the government whose site ``url`` is on (``publishers.tsv``, else a
    government domain under a country code), or None."""
    iso = _lookup(url, _domains())
    if iso or "://" not in url:
        return iso
    m = _GOVERNMENT_HOST.search((urlparse(url).hostname or "").lower())
    return _country_codes().get(m.group("cc") or m.group("cc2")) if m else None


def organisation_by_url(url: str) -> str | None:
    """The international organisation ("United Nations") whose site ``url`` is on, or None."""
    return _lookup(url, _organisation_domains())


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """domain -> name of the office whose site it is ("Ministry of Foreign Affairs of Japan")."""
    return {r[0].lower(): r[2] for r in _rows() if len(r) >= 3 and r[2]}


def name_by_url(url: str) -> str | None:
    """The name of the office or organisation whose site ``url`` is on, or None."""
    return _lookup(url, _names())
