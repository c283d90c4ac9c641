"""Dates, times of day and durations.

Needs: text and an anchor date (the date line). Adds: :class:`DateMention` (absolute
or resolved against the anchor), start times and :class:`Duration` in minutes, each
with its span.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from communique.extract.numbers import CARDINAL_RE, cardinal_value

# day-precise dates in text live in the foundation (the crawler reads them too)
from communique.util.date_mentions import (  # noqa: F401
    FOREIGN_MONTHS,
    MONTHS,
    RESOLVE_SLACK_DAYS,
    DateMention,
    find_dates,
    find_month_mentions,
)

# -- durations -------------------------------------------------------------------------

_QTY = rf"(?:{CARDINAL_RE}\s+and\s+a\s+half|{CARDINAL_RE}|half(?:\s+an?)?|an?)"
_DURATION = re.compile(
    rf"(?:(?:for|lasted|lasting|of)\s+)?(?:(?:approximately|approx\.|about|around|some|roughly|"
    rf"nearly|almost|over|more\s+than|just\s+over|a\s+little\s+over|under|less\s+than|an?\s+)\s*)*"
    rf"(?:(?P<h>{_QTY})[\s-]+hours?(?:\s+and\s+a\s+half)?(?:\s*(?:and|,)?\s*(?P<hm>{CARDINAL_RE})[\s-]+minutes?)?"
    # "75 minutes", "75-minute", "75minutes" (and its misspelling "miniutes")
    rf"|(?P<m>{CARDINAL_RE})(?:[\s-]+|(?<=\d))mini?utes?"
    # "the hour-long meeting"
    r"|(?P<hl>(?<![\w-])hour)-long)"
    r"(?P<incl>\s*\(?\s*(?:including|incl\.|which\s+included)[^.;),]{0,60}\)?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    text: str
    minutes: int
    including: bool


def _hours_value(q: str) -> float | None:
    q = " ".join(q.lower().split())
    if q in ("half an", "half a", "half"):  # "around half hour": news English
        return 0.5
    if q.endswith(" and a half"):
        base = cardinal_value(q[: -len(" and a half")])
        return None if base is None else base + 0.5
    return cardinal_value(q)


_DURATION_HINT = re.compile(r"hour|minute|miniute", re.IGNORECASE)


#: a meeting's clock times: "from 16:25 to 17:10", "from 9:15 a.m. to 10:30 a.m."
_TIME_RANGE = re.compile(
    r"\bfrom\s+(?P<h1>[01]?\d|2[0-3])[:.](?P<m1>[0-5]\d)\s*(?P<p1>a\.m\.?|p\.m\.?|am|pm)?\s*"
    r"(?:to|until|till|-|–)\s*(?P<h2>[01]?\d|2[0-3])[:.](?P<m2>[0-5]\d)\s*(?P<p2>a\.m\.?|p\.m\.?|am|pm)?",
    re.IGNORECASE,
)


def _clock(h: str, m: str, ampm: str | None) -> int:
    hour = int(h) % 12 + (12 if ampm and ampm.lower().startswith("p") else 0) if ampm else int(h)
    return hour * 60 + int(m)


def find_time_ranges(text: str, start: int, end: int) -> list[Duration]:
    """The lengths of a meeting's parts given by their clock times ("held from 16:25 to
    17:10", "from 11:55 a.m. to 12:45 p.m. and from 2:40 p.m. to 3:25 p.m.")."""
    out = []
    for m in _TIME_RANGE.finditer(text, start, end):
        p2 = m.group("p2")
        a = _clock(m.group("h1"), m.group("m1"), m.group("p1") or p2)
        b = _clock(m.group("h2"), m.group("m2"), p2)
        if 1 <= b - a <= MAX_MEETING_MINUTES:
            out.append(Duration(m.start(), m.end(), m.group(0), b - a, False))
    return out


def find_durations(text: str, start: int = 0, end: int | None = None) -> list[Duration]:
    end = len(text) if end is None else end
    out: list[Duration] = []
    if not _DURATION_HINT.search(text, start, end):
        return out
    for m in _DURATION.finditer(text, start, end):
        minutes = 0.0
        if m.group("h"):
            h = _hours_value(m.group("h"))
            if h is None:
                continue
            minutes = h * 60
            if re.search(r"hours?\s+and\s+a\s+half", m.group(0), re.IGNORECASE):
                minutes += 30  # "an hour and a half"
            if m.group("hm"):
                extra = cardinal_value(m.group("hm"))
                if extra is None:
                    continue
                minutes += extra
        elif m.group("hl"):
            minutes = 60
        else:
            v = cardinal_value(m.group("m"))
            if v is None:
                continue
            minutes = v
        if not 1 <= minutes <= MAX_MEETING_MINUTES:
            continue
        s = m.start()
        # keep the span on the words, not on a leading space
        while s < m.end() and text[s].isspace():
            s += 1
        out.append(Duration(s, m.end(), text[s : m.end()], round(minutes), bool(m.group("incl"))))
    return out


#: a stated duration above this is not one meeting (multi-day visits are not durations)
MAX_MEETING_MINUTES = 12 * 60

_TIME = re.compile(
    r"\b(?:commencing|starting|beginning|from)\s+(?:at\s+)?(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*"
    r"(?P<ampm>a\.m\.|p\.m\.|am|pm)?",
    re.IGNORECASE,
)


def find_start_time(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """ "commencing at 4:35 p.m." -> ("16:35", span)."""
    m = _TIME.search(text, start, end)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("m"))
    ap = (m.group("ampm") or "").lower().replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}", m.start(), m.end()


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def given_date(value: str) -> dt.date | None:
    """A date given with a document (``extract(..., published=...)``): ISO, else the
    first date written in it with its year; None when it names none."""
    day = parse_iso(value)
    if day is None:
        found = find_dates(value)
        day = found[0].resolve(None) if found and found[0].year else None
    return day
