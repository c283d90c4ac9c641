"""The level of an engagement (leaders, ministers, officials), read from the titles of its
participants: the highest level of anyone present.

One rule, :func:`title_level`, over substrings of ``" " + lower(title) + " "``. A search
filtered by level asks the database for the titles of each level (few, cached per
archive version) rather than evaluating the rule row by row.
"""

from __future__ import annotations

import functools

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
