"""The archive as the exports read it: every engagement (oldest first, in chunks, with
its level), the track kinds, and every follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import sqlalchemy as sa

from communique.archive import schema as t
from communique.archive.read import filters as read_filters
from communique.archive.read import followups, levels, order


def iter_events(archive, *, chunk: int = 500) -> Iterator[dict]:  # noqa: ANN001
    """Every engagement of the archive (oldest first), described as ``Archive.engagements``
    describes them, plus its ``level``."""
    with archive.reading() as conn:
        ids = conn.execute(order.oldest_first(read_filters.event_ids(conn, read_filters.Filters())))
        ids = ids.scalars().all()
    for i in range(0, len(ids), chunk):
        part = list(ids[i : i + chunk])
        with archive.reading() as conn:
            yield from levels.with_levels(conn, archive.describe(conn, part))


def track_kinds(archive) -> dict[int, str]:  # noqa: ANN001
    with archive.reading() as conn:
        return dict(conn.execute(sa.select(t.tracks.c.id, t.tracks.c.kind)).all())


def follow_ups(archive, *, as_of: dt.date | None = None) -> list[dict]:  # noqa: ANN001
    """Every follow-up, the latest promises first, aged to ``as_of`` (today)."""
    with archive.reading() as conn:
        return followups.follow_ups(
            conn, status="all", as_of=as_of or dt.date.today(), newest_first=True
        )
