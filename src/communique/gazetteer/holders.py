"""Office holders (``office_holders.tsv``), parsed once for the extractor and the archive.

Columns: name, family name, aliases (``|``), ISO3 (empty for an international
organisation's office), office, start and end of the term (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; empty when open).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from communique.gazetteer.files import cells
from communique.util.text import fold


@dataclass(frozen=True)
class Holder:
    name: str
    family: str
    iso3: str | None
    office: str
    #: the first day of the term's start as written (a year: 1 January; a month: the 1st)
    start: dt.date | None
    #: the first day of the term's end as written
    end: dt.date | None
    aliases: tuple[str, ...] = ()
    #: the last day the term's end as written allows (a year: 31 December; a month: the
    #: 28th, a day every month has)
    end_at_latest: dt.date | None = None


def term_date(v: str, *, first: bool = True) -> dt.date | None:
    """The first (or, with ``first=False``, the last) day of ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``; None for empty or malformed text."""
    v = (v or "").strip()
    if not v:
        return None
    try:
        if len(v) == 4:
            return dt.date(int(v), 1 if first else 12, 1 if first else 31)
        if len(v) == 7:
            return dt.date(int(v[:4]), int(v[5:7]), 1 if first else 28)
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def office_holders() -> tuple[Holder, ...]:
    """Every row of ``office_holders.tsv``, in file order (rows of fewer than seven
    cells skipped)."""
    out = []
    for row in cells("office_holders.tsv", missing_ok=True):
        if len(row) < 7:
            continue
        name, family, aliases, iso3, office, start, end = (c.strip() for c in row[:7])
        out.append(
            Holder(
                name,
                family,
                iso3.upper() or None,
                office,
                term_date(start),
                term_date(end),
                tuple(a.strip() for a in aliases.split("|") if a.strip()),
                term_date(end, first=False),
            )
        )
    return tuple(out)


@functools.lru_cache(maxsize=1)
def name_index() -> tuple[dict[str, list[Holder]], dict[str, list[Holder]]]:
    """(by folded full name, alias or first and last word of a longer name; by folded
    family name): the holders each key finds, in file order."""
    by_name: dict[str, list[Holder]] = {}
    by_family: dict[str, list[Holder]] = {}
    for h in office_holders():
        name, family = h.name, h.family
        keys = {fold(name)} | {fold(a) for a in h.aliases}
        words = name.split()
        if len(words) > 2:
            keys.add(fold(f"{words[0]} {words[-1]}"))
        for k in keys:
            by_name.setdefault(k, []).append(h)
        by_family.setdefault(fold(family), []).append(h)
    return by_name, by_family
