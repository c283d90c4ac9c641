"""Known office holders (``gazetteer/office_holders.tsv``): who speaks for which country.

Needs: a name (and a date). Adds: the ISO3 of the government a person served, with the
office and dates, when the gazetteer knows them and the match is unambiguous.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources

#: a readout may name someone by a past or coming office; dates this close still count
SERVING_SLACK_DAYS = 400


@dataclass(frozen=True)
class Holder:
    name: str
    family: str
    iso3: str | None
    office: str
    start: str
    end: str

    def serving(self, when: dt.date | None) -> bool:
        if when is None:
            return True
        slack = dt.timedelta(days=SERVING_SLACK_DAYS)
        s = _date(self.start, first=True)
        e = _date(self.end, first=False)
        return (s is None or s - slack <= when) and (e is None or when <= e + slack)


def _date(v: str, *, first: bool) -> dt.date | None:
    v = (v or "").strip()
    if not v:
        return None
    try:
        if len(v) == 4:
            return dt.date(int(v), 1 if first else 12, 1 if first else 31)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            return dt.date(y, m, 1 if first else 28)
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Holder]], dict[str, list[Holder]]]:
    """(by folded full name or alias, by folded family name)."""
    try:
        text = (
            resources.files("communique.gazetteer")
            .joinpath("office_holders.tsv")
            .read_text("utf-8")
        )
    except FileNotFoundError:
        return {}, {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    by_name: dict[str, list[Holder]] = {}
    by_family: dict[str, list[Holder]] = {}
    for row in csv.reader(lines[1:], delimiter="\t"):
        if len(row) < 7:
            continue
        name, family, aliases, iso3, office, start, end = (c.strip() for c in row[:7])
        h = Holder(name, family, iso3.upper() or None, office, start, end)
        keys = {fold(name)} | {fold(a) for a in aliases.split("|") if a.strip()}
        words = name.split()
        if len(words) > 2:
            keys.add(fold(f"{words[0]} {words[-1]}"))
        for k in keys:
            by_name.setdefault(k, []).append(h)
        by_family.setdefault(fold(family), []).append(h)
    return by_name, by_family


@functools.lru_cache(maxsize=1)
def full_names() -> dict[str, str]:
    """folded full name -> ISO3 ("" when the person served an organisation), unambiguous only."""
    by_name, _ = _index()
    out = {}
    for k, hs in by_name.items():
        isos = {h.iso3 or "" for h in hs}
        if len(isos) == 1 and " " in k:
            out[k] = isos.pop()
    return out


def organization_of(name: str | None, when: dt.date | None = None) -> str | None:
    """The office of an international organisation ("High Representative of the European
    Union ...") that a person held on ``when``, when the gazetteer lists one."""
    by_name, _ = _index()
    hs = [h for h in by_name.get(fold(name or ""), []) if h.serving(when)]
    if hs and all(h.iso3 is None for h in hs):
        return hs[-1].office
    return None


def country_of(
    name: str | None, family: str | None, when: dt.date | None
) -> tuple[str | None, str | None]:
    """(ISO3, reason) for a person the gazetteer knows, else (None, None)."""
    by_name, by_family = _index()
    if name:
        hs = by_name.get(fold(name))
        if hs:
            isos = {h.iso3 for h in hs}
            if len(isos) == 1:
                h = hs[0]
                return h.iso3, f"{h.name}, {h.office} (office holders gazetteer)"
    if family:
        hs = [h for h in by_family.get(fold(family), []) if h.serving(when)]
        if name and hs:
            given = fold(name).replace(fold(family), "").split()
            if given:
                hs = [h for h in hs if any(g in fold(h.name).split() for g in given)]
        isos = {h.iso3 for h in hs}
        if len(isos) == 1 and hs:
            h = hs[0]
            return h.iso3, f"{h.name}, {h.office} (office holders gazetteer)"
    return None, None


@functools.lru_cache(maxsize=1)
def _all() -> tuple[Holder, ...]:
    by_name, _ = _index()
    return tuple({id(h): h for hs in by_name.values() for h in hs}.values())


def in_office(when: dt.date) -> list[Holder]:
    """Everyone the gazetteer lists as holding an office on ``when`` (no slack)."""
    out = []
    for h in _all():
        s, e = _date(h.start, first=True), _date(h.end, first=False)
        if (s is None or s <= when) and (e is None or when <= e):
            out.append(h)
    return out
