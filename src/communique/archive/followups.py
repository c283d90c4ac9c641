"""Follow-ups: each promised engagement is matched to the later event that fulfilled it.

A promise dated before the meeting that made it is a past meeting the readout recalls,
never a follow-up (its reason says so, and it is neither open nor fulfilled).

Candidates are events after the promise (the promising engagement's date; an event of
the same readout counts, and is the only kind of candidate of an undated readout),
within the window: ±:data:`DATE_SLACK_DAYS` of a promised date, else
:data:`WINDOW_DAYS` after the promise. Every candidate must be the promised event:

* the same parties (the promising event's countries, organisations included);
* the same kind when the promise names one (:func:`kind`: a summit is not a foreign
  ministers' meeting, a dialogue is not a summit);
* the promised place when the promise gives one (an event whose place is unknown is
  not taken for "a visit to Japan");
* for a conference or a grouping's meeting ("the G7", "the UK's AI Summit"), an event
  named for it: a bilateral on its margins is not it.

The first rule that finds candidates decides, and the earliest candidate wins:

1. series: the promise names a numbered series ("15th Japan-Russia Strategic
   Dialogue") and an event is that member of the track (the rules above aside);
2. participants: the promise names its participants and an event has them all;
3. people named in the promise ("Minister Lavrov's visit to Japan"): an event with
   them;
4. name: most of the promise's words are in an event's name, and the promise names a
   kind of meeting;
5. kind: the promise names a summit, a ministers' meeting or a "2+2" between its
   parties (not a conference such as the G7), and this is the next one.

Unmatched promises stay open, with their age. Each match keeps its reason; an analyst's
verdict (``communique follow-up``) overrides the rules and is kept across re-extraction.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from communique import gazetteer
from communique.archive.actors import organization_code
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
    document_id: int | None = None
    #: the last day of the range of days the promising engagement is dated within
    #: (precision "range"; ``since`` its first day): only events after it are later
    since_last: dt.date | None = None


@dataclass
class Ev:
    id: int
    date: dt.date | None
    name: str | None
    persons: set[int]
    countries: set[str]
    place_country: str | None
    tracks: dict[str, int | None] = field(default_factory=dict)
    documents: set[int] = field(default_factory=set)
    mode: str | None = None
    #: the kind of meeting (:func:`kind` of its name, else :func:`kind_by_titles`)
    kind: str | None = None
    #: the last day of the range of days the event is dated within, when no account
    #: gives its day (``date`` the range's first day): all of it must be in a window
    date_to: dt.date | None = None


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
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


#: kinds of meeting a promise or an event name, tried in this order
KINDS = (
    ("2+2", re.compile(r"2\s*\+\s*2|foreign and defen[cs]e ministers", re.I)),
    (
        "summit",
        re.compile(
            r"\bsummit|state visit|leaders'? meeting|prime minister\W*s? (?:official )?visit"
            r"|president\W*s? (?:official |state )?visit|\b(?:prime minister|president) \w+(?:'s|’s)? visit",
            re.I,
        ),
    ),
    (
        "dialogue",
        re.compile(r"dialogue|consultation|committee|working[- ]level|negotiation", re.I),
    ),
    ("ministers", re.compile(r"ministers?['’]? meeting|ministerial|minister \w+['’]s visit", re.I)),
)


def kind(name: str | None) -> str | None:
    """The kind of meeting a name describes (``summit``, ``ministers``, ``2+2``,
    ``dialogue``), or None."""
    for k, rx in KINDS:
        if name and rx.search(name):
            return k
    return None


_HEAD = re.compile(
    r"^(?:the )?(?:prime minister|president|chancellor|premier|king|emperor|queen|sultan|emir)\b"
    r"(?!.*\b(?:commission|council|parliament|assembly|bank|committee|court)\b)",
    re.I,
)
_FOREIGN_MINISTER = re.compile(
    r"foreign (?:minister|secretary)|minister (?:for|of) (?:foreign|external)|secretary of state"
    r"|external affairs minister",
    re.I,
)


def kind_by_titles(titles: list[tuple[str | None, str | None]]) -> str | None:
    """A meeting's kind from its participants' (title, country): heads of state or
    government of two countries meet at a summit, foreign ministers at a ministers'
    meeting."""
    heads = {c for title, c in titles if c and title and _HEAD.search(title.strip())}
    if len(heads) >= 2:
        return "summit"
    fms = {c for title, c in titles if c and title and _FOREIGN_MINISTER.search(title)}
    if len(fms) >= 2 and not heads:
        return "ministers"
    return None


def is_past(promise: Promise) -> bool:
    """A "promise" dated before the meeting that made it is a meeting recalled."""
    return bool(
        promise.date
        and promise.since
        and promise.date < promise.since - dt.timedelta(days=DATE_SLACK_DAYS)
    )


@dataclass
class _Asked:
    """A promise as its candidates are judged: the window it allows, the kind, the
    words of its name and whether it is a conference's."""

    promise: Promise
    lo: dt.date | None
    hi: dt.date | None
    kind: str | None
    multilateral: bool
    words: set[str]
    #: what names the conference: "ai", "g7", not "summit"
    own: set[str]

    def later(self, e: Ev) -> bool:
        p = self.promise
        if p.since is None:
            return True
        # a promise made during a range of days: the events after all of it are later
        after = p.since_last or p.since
        return bool(e.date and e.date > after) or (
            e.date == p.since and p.document_id in e.documents
        )

    def in_window(self, e: Ev) -> bool:
        if self.lo is None:
            return True
        p = self.promise
        # an event known only as a range fits the window whole
        return bool(e.date and self.lo <= e.date and (e.date_to or e.date) <= self.hi) or (
            e.date == p.since and p.document_id in e.documents and not p.date
        )

    def promised(self, e: Ev) -> bool:
        """Same parties, kind and place as promised."""
        p = self.promise
        if not p.countries <= e.countries:
            return False
        if self.kind and e.kind != self.kind:
            return False
        if p.place_country and e.place_country != p.place_country:
            return False
        if self.multilateral and not (
            self.own and len(self.own & _words(e.name)) * 2 >= len(self.own)
        ):
            return False  # a conference (G7, "AI Summit") only by an event named for it
        return not (e.mode in ("telephone", "video") and (self.kind or p.place_country))

    def first(self, xs: list[Ev], reason: str) -> tuple[int | None, str] | None:
        if not xs:
            return None
        e = xs[0]
        where = " (in the same readout)" if self.promise.document_id in e.documents else ""
        return e.id, reason + where


def window_of(promise: Promise) -> tuple[dt.date | None, dt.date | None]:
    """The days a promise's candidates may fall on (None, None: any of its own readout's,
    for an undated readout): ±:data:`DATE_SLACK_DAYS` of a promised date, else
    :data:`WINDOW_DAYS` after the promise, never before its end."""
    if promise.since is None:
        return None, None
    after = promise.since_last or promise.since  # the end of a promise's range of days
    if promise.date:
        lo = promise.date - dt.timedelta(days=DATE_SLACK_DAYS)
        hi = promise.date + dt.timedelta(days=DATE_SLACK_DAYS)
    else:
        lo = after + dt.timedelta(days=1)
        hi = promise.since + dt.timedelta(days=WINDOW_DAYS)
    return max(lo, after + dt.timedelta(days=1)), hi


def _named_people(promise: Promise, family_index: dict[str, set[int]]) -> set[int]:
    """People of the promising event named in the promise ("Minister Lavrov's visit")."""
    named = set()
    for w in re.findall(r"[A-Z][A-Za-z'’-]+", promise.name):
        w = re.sub(r"['’]s$", "", w)
        for pid in family_index.get(norm(w), set()):
            if pid in promise.source_persons:
                named.add(pid)
    return named


def _by_rules(
    a: _Asked,
    later_: Callable[[], list[Ev]],
    window: list[Ev],
    family_index: dict[str, set[int]],
) -> tuple[int | None, str] | None:
    """The first rule that finds candidates, its earliest candidate (the module's rules
    1-5), or None. ``later_`` gives every later candidate in order: only a promise of a
    series' numbered meeting asks for them (a batch's linking holds thousands of events
    and thousands of promises, so the others never sort them)."""
    promise = a.promise
    series = parse_series(promise.name)
    if series:
        n, sname = series
        key = series_key(sname)
        hit = a.first(
            [e for e in later_() if e.tracks.get(key) == n], f"series: number {n} of {sname}"
        )
        if hit:
            return hit
    if promise.persons:
        hit = a.first(
            [e for e in window if promise.persons <= e.persons and a.promised(e)],
            "participants: every person named in the promise took part, same parties, kind and place",
        )
        if hit:
            return hit
    named = _named_people(promise, family_index)
    if named:
        hit = a.first(
            [e for e in window if named <= e.persons and a.promised(e)],
            "people named in the promise took part, same parties, kind and place, within the window",
        )
        if hit:
            return hit
    if a.words and a.kind:
        hit = a.first(
            [
                e
                for e in window
                if a.promised(e) and len(a.words & _words(e.name)) * 2 >= len(a.words)
            ],
            f"most words of the promise in the event's name, same parties, kind ({a.kind}) "
            "and place, within the window",
        )
        if hit:
            return hit
    if a.kind in SPECIFIC_KINDS and not a.multilateral:
        return a.first(
            [e for e in window if a.promised(e)],
            f"the next {a.kind} of the same parties"
            + (" in the promised place" if promise.place_country else "")
            + ", within the window",
        )
    return None


class Timeline:
    """Candidate events in the order promises read them (by date, then id), with their
    dates for finding a window's by bisection: matching each of thousands of promises
    against every one of thousands of events was most of a batch's linking (6.5 million
    window tests over the shared corpus x10, 5 December 2026)."""

    def __init__(self, events: Iterable[Ev]) -> None:
        self.events = sorted(events, key=lambda e: (e.date or _FAR, e.id))
        self.dates = [e.date or _FAR for e in self.events]
        self._by_doc: dict[int, list[Ev]] | None = None

    def between(self, lo: dt.date, hi: dt.date) -> list[Ev]:
        """The events dated from ``lo`` to ``hi``, in order."""
        return self.events[bisect_left(self.dates, lo) : bisect_right(self.dates, hi)]

    def since(self, day: dt.date) -> list[Ev]:
        """The events dated ``day`` or later (and the undated ones, last), in order."""
        return self.events[bisect_left(self.dates, day) :]

    def of_document(self, doc: int) -> list[Ev]:
        """The events a document tells, in order."""
        if self._by_doc is None:
            self._by_doc = {}
            for e in self.events:
                for d in e.documents:
                    self._by_doc.setdefault(d, []).append(e)
        return self._by_doc.get(doc, [])


def match(
    promise: Promise, events: list[Ev] | Timeline, family_index: dict[str, set[int]]
) -> tuple[int | None, str]:
    """The event that fulfilled a promise and why, or (None, why not) (the module's
    rules). ``events``: the candidates, best as a :class:`Timeline` built once for many
    promises."""
    if is_past(promise):
        return None, f"past: a meeting of {promise.date.isoformat()} recalled, not a promise"
    timeline = events if isinstance(events, Timeline) else Timeline(events)
    lo, hi = window_of(promise)
    words = _words(promise.name)
    a = _Asked(
        promise, lo, hi, kind(promise.name), _multilateral(promise.name), words, words - KIND_WORDS
    )
    own = promise.event_id
    if promise.since is None or lo is None or hi is None:
        # an undated readout: only its own later engagements can be told apart
        doc = promise.document_id
        window = [e for e in timeline.of_document(doc) if e.id != own] if doc is not None else []
        if not window:
            return None, "open"
        return _by_rules(a, lambda: window, window, family_index) or (None, "open")
    if not any(e.id != own for e in timeline.events[:2]):
        return None, "open"
    # the window's events, and those of the promise's own day (its same readout's)
    near = timeline.between(min(lo, promise.since), hi)
    window = [e for e in near if e.id != own and a.in_window(e) and a.later(e)]

    def later_() -> list[Ev]:
        return [e for e in timeline.since(promise.since) if e.id != own and a.later(e)]

    return _by_rules(a, later_, window, family_index) or (None, "open")


#: words that name a kind of meeting, not which one
KIND_WORDS = frozenset(
    {"summit", "dialogue", "consultation", "consultations", "conference", "ministerial", "talks"}
)

#: kinds precise enough that the next meeting of that kind between the same parties is
#: the one promised ("the next Summit Meeting"); a "dialogue" or "consultation" is not
SPECIFIC_KINDS = frozenset({"summit", "ministers", "2+2"})

_GROUPING = re.compile(r"\bG\s?\d{1,2}\b|\bAPEC\b|\bBRICS\b|\bQuad\b|\bTICAD\b|\bEAS\b", re.I)


def _multilateral(name: str) -> bool:
    """A promise of a conference or a grouping's meeting (G7, APEC, an organisation's
    summit): only an event named for it fulfils it."""
    if _GROUPING.search(name) or organization_code(name) not in (None, "EU"):
        return True
    # a summit named for something else than its parties ("AI Summit", "Nuclear
    # Security Summit") is a conference
    for m in re.finditer(r"([A-Z][\w’'-]*)\s+Summit", name):
        parts = [norm(x) for x in re.split(r"[-–’']", m.group(1)) if x and x.lower() != "s"]
        if not all(x in _country_words() or x.upper() == "EU" for x in parts):
            return True
    return False


_FAR = dt.date(9999, 12, 31)


def apply_override(verdict, target_event, hit: int | None, reason: str) -> tuple[int | None, str]:  # noqa: ANN001
    """An analyst's verdict in place of the rules' answer (kept with its note)."""
    note = f" ({verdict.note})" if verdict.note else ""
    if verdict.verdict == "open":
        return None, f"analyst: not fulfilled{note}"
    ev = target_event(verdict.target_document_id, verdict.target_date)
    if ev is None:
        return hit, f"{reason}; the analyst's event is no longer in the archive"
    return ev, f"analyst: fulfilled by this event{note}"
