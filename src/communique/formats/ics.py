"""iCalendar (RFC 5545) output: all-day events, text escaped, lines folded at 75 octets.

Follow-ups dated to the day become one-day events; those the readout dates only to a
month ("in September", "in late May 2018") become tentative events spanning that month,
marked as approximate.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?", re.I)


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets folded (CRLF + space), never inside a UTF-8 character."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(cur)
            cur, size = " ", 1
        cur += ch
        size += n
    out.append(cur)
    return "\r\n".join(out)


def month_of(date_text: str | None, promised_on: str | None) -> tuple[dt.date, dt.date] | None:
    """The month a follow-up's date text names: (first day, first day of the next month)."""
    if not date_text:
        return None
    m = _MONTH_RE.search(date_text)
    if not m:
        return None
    month = MONTHS[m.group(1).lower()]
    if m.group(2):
        year = int(m.group(2))
    elif promised_on:
        base = dt.date.fromisoformat(promised_on[:10])
        year = base.year + (1 if month < base.month else 0)
    else:
        return None
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, end


def follow_up_dates(f: dict) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end exclusive, approximate) for a follow-up, or None when it has no date."""
    if f.get("date"):
        d = dt.date.fromisoformat(f["date"][:10])
        return d, d + dt.timedelta(days=1), False
    m = month_of(f.get("date_text"), f.get("promised_on"))
    if m:
        return m[0], m[1], True
    return None


#: what a follow-up's description says after its promise, when known: (key, how)
_NOTES = (
    ("date_text", "as '{}'"),
    ("source", "source: {}"),
    ("fulfilled_by", "fulfilled by engagement {}"),
)


def follow_up_event(f: dict, *, base_url: str = "") -> dict | None:
    when = follow_up_dates(f)
    if when is None:
        return None
    start, end, approx = when
    desc = [f"Promised on {f.get('promised_on') or '?'}"]
    desc += [form.format(f[key]) for key, form in _NOTES if f.get(key)]
    return {
        "uid": f"follow-up-{f['id']}@communique",
        "start": start,
        "end": end,
        "summary": (f.get("name") or "follow-up") + (" (approximate)" if approx else ""),
        "description": "; ".join(desc),
        "status": "TENTATIVE" if approx or f.get("status") == "open" else "CONFIRMED",
        "categories": "FOLLOW-UP",
        "url": f"{base_url}/engagement/{f['promised_at_event']}"
        if base_url and f.get("promised_at_event")
        else None,
        "location": f.get("place"),
    }


#: an event's optional properties, in the order written: (key, property, text escaped)
_OPTIONAL = (
    ("description", "DESCRIPTION", True),
    ("location", "LOCATION", True),
    ("status", "STATUS", False),
    ("categories", "CATEGORIES", True),
    ("url", "URL", False),
)


def calendar(
    events: list[dict],
    *,
    name: str = "communique",
    stamp: dt.datetime | None = None,
    note: str | None = None,
) -> str:
    """An iCalendar file of ``events``. With none, the file still holds one component (RFC
    5545 wants at least one): a journal entry saying ``note``, so a calendar application
    shows why the feed is empty instead of failing or showing nothing."""
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    ts = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//communique//reader//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    if note:
        lines.append(f"X-WR-CALDESC:{escape(note)}")
    if not events:
        lines += [
            "BEGIN:VJOURNAL",
            f"UID:note-{ts}@communique",
            f"DTSTAMP:{ts}",
            f"DTSTART;VALUE=DATE:{stamp.strftime('%Y%m%d')}",
            f"SUMMARY:{escape(note or 'No events')}",
            f"DESCRIPTION:{escape(note or 'No events')}",
            "END:VJOURNAL",
        ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(e['uid'])}",
            f"DTSTAMP:{ts}",
            f"DTSTART;VALUE=DATE:{e['start'].strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{e['end'].strftime('%Y%m%d')}",
            f"SUMMARY:{escape(e['summary'])}",
        ]
        lines += [
            f"{prop}:{escape(e[key]) if escaped else e[key]}"
            for key, prop, escaped in _OPTIONAL
            if e.get(key)
        ]
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(x) + "\r\n" for x in lines)
