"""The rank of an office title as the archive files it: its level (leader, minister,
official) and its class (the canonical office a holder is followed under), both read
from gazetteer data, ``office_levels.tsv`` and ``office_classes.tsv``; this module is
their one loader.

An event's level, the highest of its participants' titles (:func:`highest`), is stored
on the event when the archive links it; the reader's filters, ``query --level`` and the
exports read that stored value. ``offices.tsv`` is another table: the titles as the
extractor's patterns write them, with the level of the office in the text (a vice
president there is a leader-level office; as an event's level it is a minister's).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from communique.gazetteer.files import records

LEADER, MINISTER, OFFICIAL, NONE = 3, 2, 1, 0
NAMES = {LEADER: "leader", MINISTER: "minister", OFFICIAL: "official"}
PLURAL = {LEADER: "leaders", MINISTER: "ministers", OFFICIAL: "officials"}
BY_NAME = {v: k for k, v in NAMES.items()} | {v: k for k, v in PLURAL.items()}

#: the level of a title that no row of ``office_levels.tsv`` matches: someone with a
#: title the table does not rank ("Chairman", "Mayor") is counted an official
UNLISTED = OFFICIAL

#: how a phrase of ``office_levels.tsv`` occurs in a title padded with a space on each
#: side: as whole words, at the start of a word, or anywhere
_MATCH = {"word": " {} ", "start": " {}", "part": "{}"}


@dataclass(frozen=True)
class ClassRule:
    """One row of ``office_classes.tsv``: titles matching ``pattern`` and not ``unless``
    are of ``office`` (None: of no class)."""

    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    office: str | None


@functools.lru_cache(maxsize=1)
def level_rules() -> tuple[tuple[str, int], ...]:
    """(needle, level) in file order, each needle as it occurs in a lower-cased title
    padded with a space on each side."""
    out = []
    for row in records("office_levels.tsv"):
        if row["match"] not in _MATCH or row["level"] not in BY_NAME:
            raise ValueError(f"office_levels.tsv: bad row {row}")
        out.append((_MATCH[row["match"]].format(row["phrase"].lower()), BY_NAME[row["level"]]))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def class_rules() -> tuple[ClassRule, ...]:
    """The rows of ``office_classes.tsv`` in file order, patterns compiled."""
    return tuple(
        ClassRule(
            re.compile(row["pattern"]),
            re.compile(row["unless"]) if row["unless"] else None,
            row["class"] or None,
        )
        for row in records("office_classes.tsv")
    )


@functools.lru_cache(maxsize=4096)
def level(title: str | None) -> int:
    """3 leader, 2 minister, 1 official, 0 no title: the level of the first row of
    ``office_levels.tsv`` whose phrase the title holds, else :data:`UNLISTED`."""
    if not title or not title.strip():
        return NONE
    padded = f" {title.lower()} "
    return next((lv for needle, lv in level_rules() if needle in padded), UNLISTED)


def highest(titles: Iterable[str | None]) -> int:
    """The level of an event: the highest level of its participants' titles (0 when none
    has a title)."""
    return max(map(level, titles), default=NONE)


def office_class(folded: str) -> str | None:
    """The class of a title already folded (lower case, accents removed): that of the
    first row of ``office_classes.tsv`` that matches it, None when none does."""
    for rule in class_rules():
        if rule.pattern.search(folded) and not (rule.unless and rule.unless.search(folded)):
            return rule.office
    return None


def name(lv: int | None) -> str | None:
    """'leader', 'minister', 'official'; None for 0 or None."""
    return NAMES.get(lv or 0)


def parse(value: str | None) -> int | None:
    """'leaders', 'leader', 'ministers', ... -> level number; None for empty or unknown."""
    if not value:
        return None
    return BY_NAME.get(value.strip().lower())
