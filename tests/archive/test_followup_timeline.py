"""Promises matched against a :class:`followups.Timeline` (events sorted once, each
promise's window found by bisection) find what a scan of every event finds."""

from __future__ import annotations

import datetime as dt
import random

from communique.archive import followups, tracks

SUMMIT = "Japan-Poland Summit Meeting"
DIALOGUE = "Japan-Poland Strategic Dialogue"
TRACK = tracks.series_key(DIALOGUE)


def _events(seed: int) -> list[followups.Ev]:
    rng = random.Random(seed)
    out = []
    start = dt.date(2000, 1, 1)
    for i in range(1, 1500):
        day = start + dt.timedelta(days=rng.randrange(0, 20 * 365)) if i % 50 else None
        name = rng.choice([SUMMIT, DIALOGUE, "Japan-Poland Foreign Ministers' Meeting"])
        countries = {"JPN", "POL"} if rng.random() < 0.7 else {"JPN", "CZE"}
        members = {TRACK: i} if name == DIALOGUE else {}
        out.append(
            followups.Ev(
                i,
                day,
                name,
                set(),
                countries,
                None,
                tracks=members,
                documents={i},
                kind=followups.kind(name),
            )
        )
    return out


def _promise(name: str, since: dt.date | None, date: dt.date | None, doc: int) -> followups.Promise:
    return followups.Promise(
        1, name, date, since, doc, None, set(), {"JPN", "POL"}, set(), document_id=doc
    )


def _scanned(p: followups.Promise, events: list[followups.Ev]) -> int | None:
    """The earliest summit of the same parties in the promise's window, found by looking
    at every event (what the rules say, written out)."""
    lo, hi = followups.window_of(p)
    fits = [
        e
        for e in events
        if e.id != p.event_id
        and e.kind == "summit"
        and {"JPN", "POL"} <= e.countries
        and e.date is not None
        and lo <= e.date <= hi
    ]
    return min(fits, key=lambda e: (e.date, e.id)).id if fits else None


def test_a_timeline_finds_what_a_scan_of_every_event_finds():
    events = _events(7)
    timeline = followups.Timeline(events)
    rng = random.Random(8)
    found = 0
    for _ in range(300):
        since = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 20 * 365))
        date = since + dt.timedelta(days=rng.randrange(1, 200)) if rng.random() < 0.3 else None
        p = _promise("the next Japan-Poland Summit", since, date, rng.randrange(1, 1500))
        hit, _why = followups.match(p, timeline, {})
        assert hit == _scanned(p, events)
        found += hit is not None
    assert found > 100  # the windows held summits, not only nothing


def _ordinal(n: int) -> str:
    last = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{last}"


def test_a_series_member_is_found_beyond_the_window_and_an_undated_readout_keeps_to_itself():
    events = _events(9)
    timeline = followups.Timeline(events)
    member = next(e for e in events if e.name == DIALOGUE and e.date and e.date.year == 2015)
    n = member.tracks[TRACK]
    since = member.date - dt.timedelta(days=3 * 365)
    p = _promise(f"the {_ordinal(n)} Japan-Poland Strategic Dialogue", since, None, 1)
    assert followups.match(p, timeline, {})[0] == member.id
    # an undated readout: only its own engagements (document 2's event is event 2)
    own = _promise("the next Japan-Poland Summit", None, None, 2)
    hit, _why = followups.match(own, timeline, {})
    assert hit in (None, 2)
    assert followups.match(own, [e for e in events if e.id != 2], {})[0] is None
