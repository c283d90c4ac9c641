"""Which government a web address belongs to (``gazetteer/publishers.tsv``)."""

from __future__ import annotations

import csv
import functools
from importlib import resources
from urllib.parse import urlparse


@functools.lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    try:
        text = resources.files("communique.gazetteer").joinpath("publishers.tsv").read_text("utf-8")
    except FileNotFoundError:
        return {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out = {}
    for row in csv.reader(lines[1:], delimiter="\t"):
        if len(row) >= 2 and row[1].strip():
            out[row[0].strip().lower()] = row[1].strip().upper()
    return out


def by_url(url: str) -> str | None:
    """ISO3 of the government whose site ``url`` is on, or None."""
    if "://" not in url:
        return None
    host = (urlparse(url).hostname or "").lower()
    doms = _domains()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        iso = doms.get(".".join(parts[i:]))
        if iso:
            return iso
    return None


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    try:
        text = resources.files("communique.gazetteer").joinpath("publishers.tsv").read_text("utf-8")
    except FileNotFoundError:
        return {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {
        row[0].strip().lower(): row[2].strip()
        for row in csv.reader(lines[1:], delimiter="\t")
        if len(row) >= 3 and row[2].strip()
    }


def name_by_url(url: str) -> str | None:
    """The name of the office whose site ``url`` is on ("Ministry of Foreign Affairs of
    Japan"), or None."""
    if "://" not in url:
        return None
    parts = (urlparse(url).hostname or "").lower().split(".")
    names = _names()
    for i in range(len(parts) - 1):
        name = names.get(".".join(parts[i:]))
        if name:
            return name
    return None
