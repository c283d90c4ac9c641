"""Property: for any text, ``communique.extract`` returns a schema-valid object whose
spans all lie inside ``document.text``.

Two strategies: arbitrary Unicode text, and text assembled from readout-like fragments
(honorifics, names, offices, dates, meeting verbs, numbers, punctuation, newlines), which
reaches the extractor's deeper paths far more often than random characters do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import communique
from _contract import schema_errors, span_problems

HONORIFICS = [
    "Mr. ",
    "Ms. ",
    "Mrs. ",
    "Dr. ",
    "H.E. ",
    "H.E. Mr. ",
    "Senator the Hon. ",
    "the Hon. ",
]
NAMES = [
    "Taro Kono",
    "KISHIDA Fumio",
    "Lavrov, Sergey Viktorovich",
    "Sergey Viktorovich Lavrov",
    "Yang Jiechi",
    "Antony J. Blinken",
    "Motegi",
    "Le Drian",
    "Kang Kyung-wha",
    "Nguyen Xuan Phuc",
    "X",
    "Al-",
]
TITLES = [
    "Minister for Foreign Affairs of Japan",
    "Minister of Foreign Affairs of the Russian Federation",
    "Secretary of State",
    "Japanese Foreign Minister",
    "Prime Minister",
    "The Prime Minister",
    "President of the Republic of Korea",
    "Deputy Prime Minister and Minister of Foreign Affairs",
    "Vice-Minister for Foreign Affairs",
    "Secretary-General of the United Nations",
]
VERBS = [
    " held a meeting with ",
    " met with ",
    " met ",
    " held a telephone talk with ",
    " held a video conference with ",
    " paid a courtesy call on ",
    " received ",
    " spoke by telephone with ",
    " will hold a meeting with ",
    " held the 15th Japan-Russia Strategic Dialogue with ",
    " and ",
    ", ",
]
DATES = [
    "February 16, 2019",
    "On February 16",
    "on April 2",
    "in January",
    "16 February 2019",
    "2019-02-16",
    "February 30",
    "December 31, 9999",
    "January 1, 0001",
    "today",
    "yesterday",
    "this morning",
]
NUMBERS = [
    "for approximately 1 hour and 40 minutes",
    "for about four hours including the working lunch",
    "commencing at 4:35 p.m. for approximately 50 minutes",
    "for 99999999999999999999 minutes",
    "the second round of negotiations regarding a peace treaty",
    "the ninth meeting between Minister Kono and Minister Lavrov",
    "the third time this year, sixth time in total",
    "the 15th",
    "0",
    "-1",
    "1st",
    "101st",
]
PLACES = [
    " in Munich",
    " in Tokyo, Japan",
    " on the margins of the Munich Security Conference",
    " on the occasion of the G20 Osaka Summit",
    " at the United Nations",
    " in New York",
]
PUNCTUATION = [
    ". ",
    ", ",
    "; ",
    ": ",
    "\n",
    "\n\n",
    "  •  ",
    "(",
    ")",
    "“",
    "”",
    "’s",
    " ",
    "-",
    "\u00a0",
    "\t",
    "\r\n",
]
HEADINGS = [
    "Japan-Russia Foreign Ministers’ Meeting\n\n",
    "1. Issue of concluding a peace treaty\n",
    "Back to Japan-Russia Relations",
    "Readout\n",
    "<p>",
    "</p>",
    "<html><body>",
]

fragment = st.one_of(
    st.sampled_from(HONORIFICS),
    st.sampled_from(NAMES),
    st.sampled_from(TITLES),
    st.sampled_from(VERBS),
    st.sampled_from(DATES),
    st.sampled_from(NUMBERS),
    st.sampled_from(PLACES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(HEADINGS),
    st.text(max_size=8),
)

#: whole person phrases, so that many examples hold two people and a meeting verb
person = st.builds(
    lambda h, n, t: f"{h}{n}, {t}",
    st.sampled_from(HONORIFICS),
    st.sampled_from(NAMES),
    st.sampled_from(TITLES),
)
sentence = st.builds(
    lambda d, a, v, b, p, n: f"{d}, {a}{v}{b}{p} {n}.",
    st.sampled_from(DATES),
    person,
    st.sampled_from(VERBS),
    person,
    st.sampled_from(PLACES),
    st.sampled_from(NUMBERS),
)
readout_like = st.lists(st.one_of(fragment, sentence), max_size=40).map("".join)


def check(text: str, **kwargs: Any) -> dict[str, Any]:
    result = communique.extract(text, **kwargs)
    errors = schema_errors(result)
    assert not errors, errors
    problems = span_problems(result)
    assert not problems, problems
    assert isinstance(result.get("warnings", []), list)
    return result


PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(st.text())
@example("")
@example("\x00")
@example("\ud7ff\ufffd\U0010ffff")
@example("Mr.")
def test_any_text_gives_a_valid_result(text: str) -> None:
    check(text)


@PROPERTY
@given(readout_like)
@example(
    "Japan-Russia Foreign Ministers’ Meeting\n\nFebruary 16, 2019\n\n"
    "On February 16, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting with "
    "Mr. Lavrov, Sergey Viktorovich, Minister of Foreign Affairs of the Russian Federation,"
    " on the margins of the Munich Security Conference for approximately 1 hour and 40 minutes."
)
@example("The Prime Minister met the President.")
def test_readout_like_text_gives_a_valid_result(text: str) -> None:
    check(text)


@PROPERTY
@given(st.lists(sentence, min_size=1, max_size=6).map("\n\n".join), st.dates())
def test_any_published_date_keeps_the_result_valid(text: str, published: dt.date) -> None:
    """An ISO ``published`` anchor of any year (0001 to 9999) resolves dates without breaking."""
    result = check(text, published=published.isoformat())
    assert result["document"]["published"] == published.isoformat()


@pytest.mark.parametrize(
    ("published", "expected"),
    [("February 16, 2019", "2019-02-16"), ("16 February 2019", "2019-02-16"), ("2019-02-30", None)],
)
def test_non_iso_published_is_normalised_or_dropped(published: str, expected: str | None) -> None:
    """A ``published`` string that is not ISO is read as a date or dropped, never copied."""
    result = check(
        "On February 16, Mr. Taro Kono met Mr. Sergey Lavrov in Munich.", published=published
    )
    assert result["document"]["published"] == expected
