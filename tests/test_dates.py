"""Dates, durations and their resolution against the date line."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.extract.dates import find_dates, find_durations, find_start_time

D = dt.date


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("for approximately 1 hour and 40 minutes", 100),
        ("lasted approximately three hours including the working lunch", 180),
        ("about four hours (including the working lunch)", 240),
        ("for about an hour and a half", 90),
        ("for one and a half hours", 90),
        ("for two and a half hours", 150),
        ("a 90-minute meeting", 90),
        ("for over 30 minutes", 30),
        ("for around one hour and 15 minutes", 75),
        ("half an hour", 30),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert [d.minutes for d in find_durations(text)] == [minutes]


def test_including_marks_a_total() -> None:
    (d,) = find_durations("lasted about three hours including the working lunch")
    assert d.including


def test_no_duration_without_hours_or_minutes() -> None:
    assert find_durations("They met on 16 February and agreed to meet again.") == []


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("February 16, 2019", (2019, 2, 16)),
        ("16 February 2019", (2019, 2, 16)),
        ("Feb. 16, 2019", (2019, 2, 16)),
        ("16th February 2019", (2019, 2, 16)),
        ("03/16/2021 07:53 AM EDT", (2021, 3, 16)),
        ("16/02/2019", (2019, 2, 16)),
        ("15.05.2024 - Press release", (2024, 5, 15)),
        ("2019-02-16", (2019, 2, 16)),
        ("22 NOVEMBER 2019", (2019, 11, 22)),
    ],
)
def test_absolute_dates(text: str, ymd: tuple[int, int, int]) -> None:
    (d,) = find_dates(text)
    assert (d.year, d.month, d.day) == ymd


def test_may_the_verb_is_not_a_date() -> None:
    assert find_dates("the two sides may 5 times a year consult") == []


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "expected"),
    [
        ("On February 16", D(2019, 2, 16), "past", D(2019, 2, 16)),
        ("On December 30", D(2020, 1, 2), "past", D(2019, 12, 30)),
        ("on April 2", D(2019, 2, 16), "future", D(2019, 4, 2)),
        ("on May 26", D(2017, 9, 7), "future", D(2018, 5, 26)),
        ("On January 5", D(2019, 12, 20), "future", D(2020, 1, 5)),
    ],
)
def test_relative_dates(text: str, anchor: dt.date, direction: str, expected: dt.date) -> None:
    (d,) = find_dates(text)
    assert d.resolve(anchor, direction) == expected


def test_a_day_without_a_year_and_no_date_line_stays_open() -> None:
    (d,) = find_dates("On March 21")
    assert d.resolve(None) is None


def test_start_time() -> None:
    t = "On May 26, commencing at 4:35 p.m. for approximately 50 minutes"
    assert find_start_time(t, 0, len(t))[0] == "16:35"


def test_an_hour_long_meeting_is_sixty_minutes() -> None:
    from communique.extract.dates import find_durations

    assert [d.minutes for d in find_durations("The hour-long meeting was held.")] == [60]
    assert [d.minutes for d in find_durations("The two-hour-long meeting was held.")] == [120]
