"""The level of an engagement (leaders, ministers, officials), read from the titles of its
participants: the highest level of anyone present.

One rule, :func:`title_level`, over substrings of ``" " + lower(title) + " "``. A search
filtered by level asks the database for the titles of each level (few, cached per
archive version) rather than evaluating the rule row by row.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t

LEADER, MINISTER, OFFICIAL, NONE = 3, 2, 1, 0
NAMES = {LEADER: "leader", MINISTER: "minister", OFFICIAL: "official"}
PLURAL = {LEADER: "leaders", MINISTER: "ministers", OFFICIAL: "officials"}
BY_NAME = {v: k for k, v in NAMES.items()} | {v: k for k, v in PLURAL.items()}

#: titles that lower an office (checked first): "Vice Minister", "Special Adviser to the President"
DEMOTE = (
    " vice ",
    " vice-",
    " deputy ",
    " assistant ",
    " under secretary",
    " under-secretary",
    " undersecretary",
    " parliamentary ",
    " state minister ",
    " envoy",
    " adviser",
    " advisor",
    " ambassador",
    " spokes",
    " aide",
    " representative of",
    " to the president",
    " of the president",
    " to the prime minister",
    " of the prime minister",
    " secretariat",
    "secretary-general",
    "secretary general",
    " director",
    " former ",
)
#: demoted titles that are still of ministerial rank
DEMOTED_MINISTER = (
    " vice president",
    " vice-president",
    " deputy prime minister",
    " vice premier",
    " vice-premier",
)
LEADER_WORDS = (
    " prime minister",
    " president",
    " chancellor",
    " premier ",
    " king ",
    " queen ",
    " emperor",
    " emir ",
    " sultan ",
    " taoiseach",
    " crown prince",
    " head of state",
)
MINISTER_WORDS = (
    " minister",
    " secretary of state",
    " secretary of defense",
    " secretary of defence",
    " foreign secretary",
    " defence secretary",
    " defense secretary",
    " home secretary",
    " chief cabinet secretary",
    " high representative",
    " state councilor",
    " state councillor",
)


@functools.lru_cache(maxsize=4096)
def title_level(title: str | None) -> int:
    """3 leader, 2 minister, 1 official, 0 no title."""
    if not title or not title.strip():
        return NONE
    t = f" {title.lower()} "
    if any(w in t for w in DEMOTE):
        return MINISTER if any(w in t for w in DEMOTED_MINISTER) else OFFICIAL
    if any(w in t for w in LEADER_WORDS):
        return LEADER
    if any(w in t for w in MINISTER_WORDS):
        return MINISTER
    return OFFICIAL


def name(level: int | None) -> str | None:
    return NAMES.get(level or 0)


def parse(value: str | None) -> int | None:
    """'leaders', 'leader', 'ministers', ... -> level number; None for empty or unknown."""
    if not value:
        return None
    return BY_NAME.get(value.strip().lower())


# ---------------------------------------------------------------- in the database


def titles_by_level(conn: Connection) -> dict[int, list[str]]:
    """Every distinct participant title in the archive, grouped by its level."""
    out: dict[int, list[str]] = defaultdict(list)
    for (title,) in conn.execute(sa.select(t.participants.c.title).distinct()):
        if title is not None:
            out[title_level(title)].append(title)
    return dict(out)


def event_levels(conn: Connection, ids: sa.Select | list[int]) -> dict[int, int]:
    """The level of each event: the highest level among its participants' titles."""
    e, p = t.engagements, t.participants
    out: dict[int, int] = {}
    chunks = (
        [ids] if isinstance(ids, sa.Select) else [ids[i : i + 900] for i in range(0, len(ids), 900)]
    )
    for ch in chunks:
        if isinstance(ch, list) and not ch:
            continue
        rows = conn.execute(
            sa.select(e.c.event_id, p.c.title)
            .join(p, p.c.engagement_id == e.c.id)
            .where(e.c.event_id.in_(ch))
        )
        for evid, title in rows:
            lv = title_level(title)
            if lv > out.get(evid, 0):
                out[evid] = lv
            else:
                out.setdefault(evid, 0)
    return out


def with_levels(conn: Connection, rows: list[dict]) -> list[dict]:
    """Engagement objects (:func:`communique.archive.read.describe.describe`) with their
    ``level`` name added (None when no participant has a title)."""
    lv = event_levels(conn, [r["id"] for r in rows])
    for r in rows:
        r["level"] = name(lv.get(r["id"], 0))
    return rows


def rank_case(titles: dict[int, list[str]]) -> sa.ColumnElement:
    """A participant's level as a SQL expression over its title (titles grouped by
    :func:`titles_by_level`)."""
    whens = [
        (t.participants.c.title.in_(titles[lv]), lv)
        for lv in (LEADER, MINISTER, OFFICIAL)
        if titles.get(lv)
    ]
    return sa.case(*whens, else_=0) if whens else sa.literal(0)


def level_filter(
    level: int, titles: dict[int, list[str]], dialect: str = "sqlite"
) -> sa.ColumnElement:
    """Events whose highest level is ``level``: a participant with a title of that level
    and none of a higher one (titles grouped by :func:`titles_by_level`)."""
    e, p, ev = t.engagements, t.participants, t.events
    # on SQLite the title behind a unary plus: an engagement's few participants are read
    # from the (engagement, title) index and their titles tested against the list,
    # instead of one index seek per listed title
    title = sa.literal_column("+participants.title", sa.Text) if dialect == "sqlite" else p.c.title

    def has(ts: list[str]) -> sa.ColumnElement:
        return sa.exists(
            sa.select(1)
            .select_from(e.join(p, p.c.engagement_id == e.c.id))
            .where(e.c.event_id == ev.c.id, title.in_(ts))
        )

    same = titles.get(level, [])
    higher = [x for lv, ts in titles.items() if lv > level for x in ts]
    cond = has(same) if same else sa.false()
    if higher:
        cond = sa.and_(cond, ~has(higher))
    return cond
