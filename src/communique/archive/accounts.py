"""Accounts: several documents describing the same engagement become one event.

Two engagement records are accounts of one event when they come from different
documents, their dates are at most :data:`DATE_SLACK_DAYS` apart (time zones), and
they agree on who met where:

* participants compared by their Latin family name and country (or organisation), not
  by spelling or by resolved person: "Biden" (USA) in a London readout is "Joseph R.
  Biden, Jr." (USA) in a Washington one; a family name also matches any word of the
  other's full name ("Borrell" and "Josep Borrell Fontelles"). They share at least two
  named participants, or every named participant of the side that names only one;
* the same countries, or the countries of an account that names only one side's
  people within those of a bilateral account (a bilateral on the margins of a summit is
  not the summit);
* not a call against a meeting in person, and not two different host countries.

An account with no date (or only the range of days of a visit, which the event must fall
within) joins the one dated event it agrees with (the same people, at
least two, no one more on either side; the same mode), when there is exactly one such event that its publisher
has not already told; with several, it stays on its own. Each field of the event keeps which account said it
(``event_fields``); the event's own value is the one most accounts give (ties: the
earliest account), and disagreements stay visible.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from communique.archive.people import translit
from communique.util.matching import greedy_matches

DATE_SLACK_DAYS = 1
FIELDS = (
    "name",
    "mode",
    "date",
    "end_date",
    "place_name",
    "place_country",
    "occasion",
    "duration_minutes",
    "round",
)


#: modes that are not a meeting in person
REMOTE_MODES = frozenset({"telephone", "video", "videoconference", "video_conference", "letter"})


@dataclass(frozen=True)
class Part:
    """A participant as accounts compare them: country or organisation code, Latin
    family-name key ("" for one named only by office), the keys of every word of their
    name, and the person they were resolved to."""

    actor: str | None
    family: str
    words: frozenset[str] = frozenset()
    person: int | None = None


@dataclass
class Record:
    id: int
    document_id: int
    date: dt.date | None
    values: dict[str, object]
    persons: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    parts: list[Part] = field(default_factory=list)
    #: the government that published the account's document
    publisher: str | None = None
    #: (first, last day) of the range of days an account is dated within (precision
    #: "range": a meeting during a visit), its ``date`` then None: it joins only the one
    #: dated event of those days it agrees with, as an undated account does
    within: tuple[dt.date, dt.date] | None = None


def _identified(p: Part) -> bool:
    return bool(p.family) or p.person is not None


def _same_person(p: Part, q: Part) -> bool:
    if p.actor and q.actor and p.actor != q.actor:
        return False
    return _same_name(p, q)


def _same_name(p: Part, q: Part) -> bool:
    """The same person, countries aside: resolved to one, or the family name of one is
    the other's or a word of the other's name."""
    if p.person is not None and p.person == q.person:
        return True
    return bool(p.family) and (p.family == q.family or p.family in q.words or q.family in p.words)


def shared_named(a: Record, b: Record) -> tuple[int, int]:
    """(named participants the two accounts share, how many they must share)."""
    na = [p for p in a.parts if _identified(p)]
    nb = [p for p in b.parts if _identified(p)]
    return greedy_matches(na, nb, _same_person), min(2, len(na), len(nb))


def same_people(a: Record, b: Record) -> bool:
    """Both accounts name the same people (at least two), no one more on either side: what
    an account with no date must share with the event it joins (Blinken and Kamikawa
    meeting is not their "2+2" with the defence ministers)."""
    na = sum(1 for p in a.parts if _identified(p))
    nb = sum(1 for p in b.parts if _identified(p))
    return na == nb >= 2 and shared_named(a, b)[0] == na


def compatible(a: Record, b: Record) -> bool:
    """Whether two accounts (dates aside) tell the same engagement."""
    if a.document_id == b.document_id:
        return False
    pa, pb = a.values.get("place_country"), b.values.get("place_country")
    if pa and pb and pa != pb:
        return False
    ca, cb = a.countries, b.countries
    if ca and cb and ca != cb:
        small, large = (ca, cb) if len(ca) < len(cb) else (cb, ca)
        if not (len(small) == 1 and small <= large and len(large) <= 2):
            return False
    shared, need = shared_named(a, b)
    if need == 0 or shared < need:
        return False
    # a call is not a meeting in person, unless two named people agree it was one event
    ma, mb = a.values.get("mode"), b.values.get("mode")
    return shared >= 2 or not (ma and mb and (ma in REMOTE_MODES) != (mb in REMOTE_MODES))


def same_engagement(a: Record, b: Record) -> bool:
    if a.date is None or b.date is None:
        return False
    if abs((a.date - b.date).days) > DATE_SLACK_DAYS:
        return False
    return compatible(a, b)


def keys(r: Record) -> set[str]:
    return set().union(*(keys_of(p) for p in r.parts))


def keys_of(p: Part) -> set[str]:
    """The name keys an account indexes a participant by (family and every word)."""
    return ({p.family} if p.family else set()) | p.words


def cluster(records: list[Record]) -> list[list[Record]]:
    """Groups of records that are accounts of one event, each sorted by id; groups by first id."""
    parent = {r.id: r.id for r in records}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        a, b = find(x), find(y)
        if a != b:
            parent[max(a, b)] = min(a, b)

    # candidates share a family-name key and a date within the slack: index by (key, day)
    by_key_day: dict[tuple[str, dt.date], list[Record]] = {}
    by_key: dict[str, list[Record]] = {}
    for r in records:
        for k in keys(r):
            if r.date is not None:
                by_key_day.setdefault((k, r.date), []).append(r)
                by_key.setdefault(k, []).append(r)
    for r in records:
        if r.date is None:
            continue
        seen: set[int] = set()
        for k in keys(r):
            for delta in range(-DATE_SLACK_DAYS, DATE_SLACK_DAYS + 1):
                for o in by_key_day.get((k, r.date + dt.timedelta(days=delta)), ()):
                    if o.id <= r.id or o.id in seen:
                        continue
                    seen.add(o.id)
                    if same_engagement(r, o):
                        union(r.id, o.id)
    # an undated account joins the one dated event it agrees with (same mode too), among
    # events its publisher has not already told (a government publishes one readout of
    # a meeting: another account of theirs is of another meeting)
    told: dict[int, set[str | None]] = {}
    for o in records:
        told.setdefault(find(o.id), set()).add(o.publisher)
    for r in records:
        if r.date is not None or sum(1 for p in r.parts if _identified(p)) < 2:
            continue
        events: set[int] = set()
        seen = set()
        for k in keys(r):
            for o in by_key.get(k, ()):
                if o.id in seen:
                    continue
                seen.add(o.id)
                ma, mo = r.values.get("mode"), o.values.get("mode")
                if ma and mo and (ma in REMOTE_MODES) != (mo in REMOTE_MODES):
                    continue
                g = find(o.id)
                if r.publisher and r.publisher in told.get(g, ()):
                    continue
                if not _within(r, o.date):
                    continue
                if compatible(r, o) and same_people(r, o):
                    events.add(g)
        if len(events) == 1:
            union(r.id, events.pop())
    groups: dict[int, list[Record]] = {}
    for r in records:
        groups.setdefault(find(r.id), []).append(r)
    return [sorted(g, key=lambda r: r.id) for _, g in sorted(groups.items())]


def _within(r: Record, day: dt.date | None) -> bool:
    """Whether a day may be that of an account dated by a range (with the slack for time
    zones); any day may be that of an undated one."""
    if r.within is None:
        return True
    if day is None:
        return False
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    return r.within[0] - slack <= day <= r.within[1] + slack


def _hashable(v: object) -> object:
    return tuple(sorted(v.items())) if isinstance(v, dict) else v


def merge(group: list[Record]) -> dict[str, object]:
    """The event's value of each field: most accounts' value, ties to the earliest account."""
    out: dict[str, object] = {}
    # a range of days gives the event its dates only when no account gives the day
    dayed = any(r.within is None and r.values.get("date") is not None for r in group)
    for f in FIELDS:
        vals = [
            (r.id, r.values.get(f))
            for r in group
            if r.values.get(f) is not None
            and not (dayed and r.within is not None and f in ("date", "end_date"))
        ]
        if not vals:
            out[f] = None
            continue
        counts = Counter(_hashable(v) for _, v in vals)
        first = {}
        for rid, v in vals:
            first.setdefault(_hashable(v), (rid, v))
        best = min(counts, key=lambda h: (-counts[h], first[h][0]))
        out[f] = first[best][1]
    return out


def part(name: str | None, family: str | None, actor: str | None, person: int | None) -> Part:
    """A participant as :func:`compatible` compares them (Latin family-name keys)."""
    fam, keys = name_keys(name, family)
    return Part(actor, fam, keys, person)


@functools.lru_cache(maxsize=65536)
def name_keys(name: str | None, family: str | None) -> tuple[str, frozenset[str]]:
    """A name's Latin family-name key ("" when it has none) and the keys of its words:
    the same few thousand names come back in every batch's linking (cached)."""
    words = [w for w in re.split(r"[\s,.]+", name or "") if w]
    fam_words = [w for w in re.split(r"[\s,.]+", family or "") if w] or words[-1:]
    fam = translit(fam_words[-1]) if fam_words else ""
    keys = frozenset(k for k in (translit(w) for w in words) if len(k) > 1)
    return (fam if len(fam) > 1 else ""), keys


def may_be_same_people(a: list[Part], b: list[Part]) -> bool:
    """Whether :func:`same_people` may hold of accounts with these participants, whatever
    their countries: as many named on each side (two or more), each of ``a``'s with one
    of ``b``'s it may be. Cheap, and never False when :func:`same_people` is True."""
    na = [p for p in a if _identified(p)]
    nb = [q for q in b if _identified(q)]
    if len(na) != len(nb) or len(na) < 2:
        return False
    return all(any(_same_name(p, q) for q in nb) for p in na)
