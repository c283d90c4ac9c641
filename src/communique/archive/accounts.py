"""Accounts: several documents describing the same engagement become one event.

Two engagement records are accounts of one event when they come from different
documents, their dates are at most :data:`DATE_SLACK_DAYS` apart, and they share
participants by person: at least two, or every person of the smaller side when it
names only one. Each field of the event keeps which account said it
(``event_fields``); the event's own value is the one most accounts give (ties: the
earliest account), and disagreements stay visible.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

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


@dataclass
class Record:
    id: int
    document_id: int
    date: dt.date | None
    values: dict[str, object]
    persons: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)


def same_engagement(a: Record, b: Record) -> bool:
    if a.document_id == b.document_id or a.date is None or b.date is None:
        return False
    if abs((a.date - b.date).days) > DATE_SLACK_DAYS:
        return False
    shared = len(a.persons & b.persons)
    need = min(2, len(a.persons), len(b.persons))
    return need > 0 and shared >= need


def cluster(records: list[Record]) -> list[list[Record]]:
    """Groups of records that are accounts of one event, each sorted by id; groups by first id."""
    parent = {r.id: r.id for r in records}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # candidates share a person and a date within the slack: index by (person, day)
    by_person_day: dict[tuple[int, dt.date], list[Record]] = {}
    for r in records:
        if r.date is None:
            continue
        for p in r.persons:
            by_person_day.setdefault((p, r.date), []).append(r)
    for r in records:
        if r.date is None:
            continue
        seen: set[int] = set()
        for p in r.persons:
            for delta in range(-DATE_SLACK_DAYS, DATE_SLACK_DAYS + 1):
                for o in by_person_day.get((p, r.date + dt.timedelta(days=delta)), ()):
                    if o.id <= r.id or o.id in seen:
                        continue
                    seen.add(o.id)
                    if same_engagement(r, o):
                        a, b = find(r.id), find(o.id)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Record]] = {}
    for r in records:
        groups.setdefault(find(r.id), []).append(r)
    return [sorted(g, key=lambda r: r.id) for _, g in sorted(groups.items())]


def _hashable(v: object) -> object:
    return tuple(sorted(v.items())) if isinstance(v, dict) else v


def merge(group: list[Record]) -> dict[str, object]:
    """The event's value of each field: most accounts' value, ties to the earliest account."""
    out: dict[str, object] = {}
    for f in FIELDS:
        vals = [(r.id, r.values.get(f)) for r in group if r.values.get(f) is not None]
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
