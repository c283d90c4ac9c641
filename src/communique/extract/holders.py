"""Known office holders (``gazetteer/office_holders.tsv``): who speaks for which country.

Needs: a name (and a date). Adds: the ISO3 of the government a person served, with the
office and dates, when the gazetteer knows them and the match is unambiguous.
"""

from __future__ import annotations

import datetime as dt
import functools

from communique.extract.romanise import sound_key
from communique.gazetteer.holders import Holder, name_index
from communique.util.text import fold

#: a readout may name someone by a past or coming office; dates this close still count
SERVING_SLACK_DAYS = 400


def serving(h: Holder, when: dt.date | None) -> bool:
    """Whether ``h`` held the office on ``when``, give or take the slack."""
    if when is None:
        return True
    slack = dt.timedelta(days=SERVING_SLACK_DAYS)
    s, e = h.start, h.end_at_latest
    return (s is None or s - slack <= when) and (e is None or when <= e + slack)


@functools.lru_cache(maxsize=1)
def full_names() -> dict[str, str]:
    """folded full name -> ISO3 ("" when the person served an organisation), unambiguous only."""
    by_name, _ = name_index()
    out = {}
    for k, hs in by_name.items():
        isos = {h.iso3 or "" for h in hs}
        if len(isos) == 1 and " " in k:
            out[k] = isos.pop()
    return out


def organization_of(name: str | None, when: dt.date | None = None) -> str | None:
    """The office of an international organisation ("High Representative of the European
    Union ...") that a person held on ``when``, when the gazetteer lists one."""
    by_name, _ = name_index()
    hs = [h for h in by_name.get(fold(name or ""), []) if serving(h, when)]
    if hs and all(h.iso3 is None for h in hs):
        return hs[-1].office
    return None


def country_of(
    name: str | None, family: str | None, when: dt.date | None
) -> tuple[str | None, str | None]:
    """(ISO3, reason) for a person the gazetteer knows, else (None, None)."""
    by_name, by_family = name_index()
    if name:
        hs = by_name.get(fold(name))
        if hs:
            isos = {h.iso3 for h in hs}
            if len(isos) == 1:
                h = hs[0]
                return h.iso3, f"{h.name}, {h.office} (office holders gazetteer)"
    if family:
        hs = [h for h in by_family.get(fold(family), []) if serving(h, when)]
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
    by_name, _ = name_index()
    return tuple({id(h): h for hs in by_name.values() for h in hs}.values())


def in_office(when: dt.date) -> list[Holder]:
    """Everyone the gazetteer lists as holding an office on ``when`` (no slack)."""
    out = []
    for h in _all():
        s, e = h.start, h.end_at_latest
        if (s is None or s <= when) and (e is None or when <= e):
            out.append(h)
    return out


@functools.lru_cache(maxsize=1)
def _sounds() -> tuple[tuple[Holder, frozenset[str], frozenset[str]], ...]:
    """Each holder with the sound keys of its family and first name (computed once: a
    Russian or Japanese page asks for every unknown name)."""
    out = []
    for h in _all():
        first = h.name.split()[0]
        out.append(
            (
                h,
                frozenset(sound_key(h.family, english=True, silent_r=r) for r in (True, False)),
                frozenset(sound_key(first, english=True, silent_r=r) for r in (True, False)),
            )
        )
    return tuple(out)


def by_sound(family: str, given: str, iso3: str | None, when: dt.date | None) -> Holder | None:
    """The one office holder of ``iso3`` serving on ``when`` whose English name a
    katakana transcription romanised as ``given`` ``family`` sounds like ("Rekkusu
    Tirason", a US Secretary of State in 2017 -> Rex Tillerson); None when no one, or more
    than one, does. Without a country, only a holder whose given name sounds alike too."""
    fam = sound_key(family)
    if len(fam) < 2:
        return None
    giv = sound_key(given) if given else ""
    found: dict[str, Holder] = {}
    for h, keys, first in _sounds():
        if fam not in keys or (iso3 and h.iso3 != iso3) or not serving(h, when):
            continue
        words = h.name.split()
        if giv and len(words) > 1 and giv not in first:
            continue
        if not iso3 and not (giv and len(words) > 1):
            continue
        found[h.name] = h
    return next(iter(found.values())) if len(found) == 1 else None
