"""The gazetteer's ranks of office titles (``office_levels.tsv``, ``office_classes.tsv``
read by :mod:`communique.gazetteer.ranks`): every row is reachable, and an event's level
is the highest of its participants'."""

from __future__ import annotations

import pytest

from communique.archive import people
from communique.gazetteer import ranks


def test_every_level_row_decides_its_own_phrase() -> None:
    """No row is hidden by an earlier one: a title that is just a row's phrase gets that
    row's level (first match wins, so a shadowed row would be dead data)."""
    rules = ranks.level_rules()
    assert len(rules) >= 40
    for needle, lv in rules:
        assert ranks.level(needle.strip()) == lv, needle


def test_every_class_row_classifies_its_own_name() -> None:
    named = [r.office for r in ranks.class_rules() if r.office]
    assert len(named) >= 10
    for office in named:
        assert people.office_class(office) == office


@pytest.mark.parametrize(
    ("titles", "level"),
    [
        ([], ranks.NONE),
        ([None, ""], ranks.NONE),
        (["Ambassador of Japan to Russia", "Prime Minister of Japan"], ranks.LEADER),
        (["Vice President of the United States", "Chairman"], ranks.MINISTER),
        (["Special Adviser to the President", None], ranks.OFFICIAL),
    ],
)
def test_an_events_level_is_the_highest_of_its_titles(titles: list, level: int) -> None:
    assert ranks.highest(titles) == level


def test_level_names_round_trip() -> None:
    for lv in (ranks.LEADER, ranks.MINISTER, ranks.OFFICIAL):
        assert ranks.parse(ranks.name(lv)) == lv
        assert ranks.parse(ranks.PLURAL[lv].upper()) == lv
    assert ranks.name(ranks.NONE) is None and ranks.parse("") is None
