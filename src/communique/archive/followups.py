"""Follow-ups: each promised engagement is matched to the later event that fulfilled it.

Candidates are events strictly after the promise (the promising engagement's date) and
within the window: ±:data:`DATE_SLACK_DAYS` of a promised date, else
:data:`WINDOW_DAYS` after the promise. The first rule that finds candidates decides,
and the earliest candidate wins:

1. series: the promise names a numbered series ("15th Japan-Russia Strategic
   Dialogue") and an event is that member of the track;
2. participants: the promise names its participants and an event has them all;
3. people named in the promise ("Minister Lavrov's visit to Japan"): an event with
   them and the promising event's countries (and the promised host country, if any);
4. name: most of the promise's words are in an event's name, with the same countries.

Unmatched promises stay open, with their age.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from communique.archive.tracks import norm, parse_series, series_key

WINDOW_DAYS = 365
DATE_SLACK_DAYS = 3
STOPWORDS = set(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "on",
        "for",
        "with",
        "between",
        "at",
        "by",
        "next",
        "two",
        "their",
        "its",
        "his",
        "her",
        "visit",
        "meeting",
        "meetings",
        "held",
        "hold",
        "s",
        "minister",
        "ministers",
    ]
)


@dataclass
class Promise:
    id: int
    name: str
    date: dt.date | None
    since: dt.date | None
    event_id: int | None
    place_country: str | None
    persons: set[int]
    countries: set[str]
    source_persons: set[int]


@dataclass
class Ev:
    id: int
    date: dt.date | None
    name: str | None
    persons: set[int]
    countries: set[str]
    place_country: str | None
    tracks: dict[str, int | None] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    from communique import gazetteer

    out = set()
    for c in gazetteer.countries().values():
        for form in (c.name, *c.forms, *c.adjectives):
            out.update(norm(form).replace("-", " ").split())
    return frozenset(out)


def _words(s: str | None) -> set[str]:
    """Content words of a name: no stopwords, numbers or country words (the countries
    are compared separately)."""
    return {
        w
        for w in norm(s or "").replace("-", " ").split()
        if w not in STOPWORDS and len(w) > 1 and w not in _country_words() and not w[0].isdigit()
    }


def match(
    promise: Promise, events: list[Ev], family_index: dict[str, set[int]]
) -> tuple[int | None, str]:
    if promise.since is None:
        return None, "the promise has no date"
    if promise.date:
        lo = promise.date - dt.timedelta(days=DATE_SLACK_DAYS)
        hi = promise.date + dt.timedelta(days=DATE_SLACK_DAYS)
    else:
        lo, hi = (
            promise.since + dt.timedelta(days=1),
            promise.since + dt.timedelta(days=WINDOW_DAYS),
        )
    lo = max(lo, promise.since + dt.timedelta(days=1))
    window = [e for e in events if e.date and lo <= e.date <= hi and e.id != promise.event_id]
    later = [e for e in events if e.date and e.date > promise.since and e.id != promise.event_id]
    window.sort(key=lambda e: (e.date, e.id))
    later.sort(key=lambda e: (e.date, e.id))

    def first(cands: list[Ev], reason: str) -> tuple[int | None, str] | None:
        return (cands[0].id, reason) if cands else None

    series = parse_series(promise.name)
    if series:
        n, sname = series
        key = series_key(sname)
        hit = first([e for e in later if e.tracks.get(key) == n], f"series: number {n} of {sname}")
        if hit:
            return hit
    if promise.persons:
        hit = first(
            [e for e in window if promise.persons <= e.persons],
            "participants: every person named in the promise took part",
        )
        if hit:
            return hit
    named = set()
    for w in re.findall(r"[A-Z][A-Za-z'’-]+", promise.name):
        w = re.sub(r"['’]s$", "", w)
        for pid in family_index.get(norm(w), set()):
            if pid in promise.source_persons:
                named.add(pid)
    if named:
        cands = [
            e
            for e in window
            if named <= e.persons
            and promise.countries <= e.countries
            and (
                not promise.place_country
                or not e.place_country
                or e.place_country == promise.place_country
            )
        ]
        hit = first(
            cands, "people named in the promise, with the same countries, within the window"
        )
        if hit:
            return hit
    words = _words(promise.name)
    if words:
        cands = [
            e
            for e in window
            if promise.countries <= e.countries and len(words & _words(e.name)) * 2 >= len(words)
        ]
        hit = first(
            cands,
            "most words of the promise in the event's name, same countries, within the window",
        )
        if hit:
            return hit
    return None, "open"
