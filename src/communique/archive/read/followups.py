"""Follow-ups (promised engagements) as every view lists them: one query, one row.

A row: the promise (``id``, ``name``, ``date``, ``date_text``, ``place``), when and where
it was made (``promised_on``: the promising engagement's date, else its document's
publication day, computed once in the query; ``promised_at_event``, ``document_id``,
``source``), its ``status`` (open, fulfilled, past: a meeting recalled, not promised),
what fulfilled it (``fulfilled_by``, ``fulfilled_on``), why (``reason``, ``overruled``:
an analyst's verdict), and for an open one its ``age_days`` (None when made after the
day asked about) and whether its date is ``overdue``.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t
from communique.util.dates import as_date, iso

#: what ``status`` accepts
STATUSES = ("open", "fulfilled", "past", "all")
#: what ``when`` accepts: dated on or after the day, before it, undated, any
WHENS = ("upcoming", "overdue", "undated", "all")


def _query() -> sa.Select:
    f, e, d = t.follow_ups, t.engagements, t.documents
    done = t.events.alias("fulfilling")
    return (
        sa.select(
            f.c.id,
            f.c.name,
            f.c.date,
            f.c.date_text,
            f.c.place_name,
            f.c.place_country,
            f.c.fulfilled_by,
            f.c.match_reason,
            e.c.event_id,
            sa.func.coalesce(e.c.date, d.c.published).label("promised_on"),
            d.c.id.label("document_id"),
            d.c.source,
            done.c.date.label("fulfilled_on"),
        )
        .join(e, e.c.id == f.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
        .outerjoin(done, done.c.id == f.c.fulfilled_by)
    )


def row(r, as_of: dt.date) -> dict:  # noqa: ANN001
    """A follow-up as every view lists it (see the module's description)."""
    since = as_date(r.promised_on)
    reason = r.match_reason or ""
    item = {
        "id": r.id,
        "name": r.name,
        "date": iso(r.date),
        "date_text": r.date_text,
        "place": " ".join(x for x in (r.place_name, r.place_country) if x) or None,
        "place_name": r.place_name,
        "place_country": r.place_country,
        "promised_on": iso(since),
        "promised_at_event": r.event_id,
        "document_id": r.document_id,
        "source": r.source,
        "status": "fulfilled"
        if r.fulfilled_by
        else ("past" if reason.startswith("past:") else "open"),
        "fulfilled_by": r.fulfilled_by,
        "fulfilled_on": iso(r.fulfilled_on) if r.fulfilled_by else None,
        "reason": r.match_reason,
        "overruled": reason.startswith("analyst:"),
    }
    if item["status"] == "open":
        item["age_days"] = (as_of - since).days if since and since <= as_of else None
        item["overdue"] = bool(r.date and as_date(r.date) < as_of)
    return item


def follow_ups(
    conn: Connection,
    *,
    as_of: dt.date,
    status: str = "all",
    when: str = "all",
    event_ids: sa.Select | list[int] | None = None,
    made_by: dt.date | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[dict]:
    """Follow-ups: ``status`` open, fulfilled, past or all; ``when`` upcoming (dated on
    or after ``as_of``, soonest first), overdue (dated before it, latest first), undated
    or all; of the events ``event_ids`` only; made by the day ``made_by`` only (a
    promise made later had not been made yet). Listed by id, or with ``newest_first``
    the latest promises first (``upcoming`` and ``overdue`` keep their own order)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if when not in WHENS:
        raise ValueError(f"when must be one of {', '.join(WHENS)}, not {when!r}")
    f, e = t.follow_ups, t.engagements
    q = _query()
    past = sa.func.coalesce(f.c.match_reason, "").like("past:%")
    if status == "open":
        q = q.where(f.c.fulfilled_by.is_(None), sa.not_(past))
    elif status == "past":
        q = q.where(past)
    elif status == "fulfilled":
        q = q.where(f.c.fulfilled_by.is_not(None))
    if event_ids is not None:
        q = q.where(e.c.event_id.in_(event_ids))
    if made_by is not None:
        promised_on = sa.func.coalesce(e.c.date, t.documents.c.published)
        q = q.where(sa.or_(promised_on.is_(None), promised_on <= made_by))
    promised = sa.literal_column("promised_on")
    if when == "upcoming":
        q = q.where(f.c.date >= as_of).order_by(f.c.date, f.c.id)
    elif when == "overdue":
        q = q.where(f.c.date < as_of).order_by(f.c.date.desc(), f.c.id)
    else:
        if when == "undated":
            q = q.where(f.c.date.is_(None))
        q = q.order_by(promised.desc(), f.c.id) if newest_first else q.order_by(f.c.id)
    if limit:
        q = q.limit(limit)
    return [row(r, as_of) for r in conn.execute(q)]


def fulfilled_by_event(conn: Connection, event_id: int, as_of: dt.date) -> list[dict]:
    """Follow-ups promised elsewhere that the event ``event_id`` fulfilled."""
    q = _query().where(t.follow_ups.c.fulfilled_by == event_id).order_by(t.follow_ups.c.id)
    return [row(r, as_of) for r in conn.execute(q)]


def first_promise(conn: Connection) -> dt.date | None:
    """The day of the earliest promise in the archive."""
    f, e, d = t.follow_ups, t.engagements, t.documents
    v = conn.execute(
        sa.select(sa.func.min(sa.func.coalesce(e.c.date, d.c.published)))
        .select_from(f)
        .join(e, e.c.id == f.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
    ).scalar()
    return as_date(v)
