"""Dates as the archive stores them and every reader shows them.

SQLite hands dates back as ``YYYY-MM-DD`` text, PostgreSQL as :class:`datetime.date`;
these helpers give one answer whichever it was.
"""

from __future__ import annotations

import datetime as dt


def iso(v):  # noqa: ANN001, ANN201
    """``v.isoformat()`` for a date or datetime; anything else (text, None) as it is."""
    return v.isoformat() if hasattr(v, "isoformat") else v


def as_date(v: object) -> dt.date | None:
    """A date from a date, a datetime (its day) or text opening with ``YYYY-MM-DD``;
    None for None or text that is no date."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def day_text(v: object) -> str | None:
    """``YYYY-MM-DD`` of a date or datetime, the first ten characters of text; None for
    None or empty text."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)[:10]


def now() -> dt.datetime:
    """This second, in UTC (when a row is written, a page fetched)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
