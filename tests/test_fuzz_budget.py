"""Fuzzing with a time budget per example: extraction and HTML parsing of text built from
the pieces hostile input is made of (long runs of newlines and spaces, dashes, capitalised
words, "Relations", honorifics, deep and unclosed tags). Hypothesis fails an example
that takes longer than ``BUDGET``: every crafted input must end in well under a second or
two, with a result, never a hang. ``COMMUNIQUE_FUZZ_EXAMPLES=1500`` explores further (the
suite runs 60 of each; 1,500 found nothing more after the fixes it led to)."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique
import communique.html as html_module
from communique.html import html_to_text

#: per example (real documents take 10-100 ms; generous for a loaded 2-core machine)
BUDGET = dt.timedelta(seconds=3)

PIECES = [
    "\n",
    "\n" * 500,
    " " * 300,
    "\t",
    "-",
    "–",
    "Japan",
    "Canada",
    "Relations",
    "Back to ",
    "Mr. ",
    "Foreign Minister ",
    "Secretary ",
    "Aaa",
    "Bbb Ccc",
    "del Rosario",
    "met with ",
    "held talks with ",
    "on May 2, 2024",
    ", ",
    ". ",
    "'s ",
    "between the ",
    " and ",
    "Ministry of Foreign Affairs of ",
    "SECRETARY BLINKEN: ",
    "(",
    ")",
    "https://www.mofa.go.jp/",
]

TAGS = ["<div>", "</div>", "<p>", "</p>", "<li>", "<ul>", "<span>", "<main>", "<h1>", "</h1>"]
TAGS += ["<script>", "</script>", "<!--", "-->", "<table><tr><td>", "<a href='x'>", "</a>"]
TAGS += ['<div class="nav">', '<header class="site-header">', "<br>", "<img alt='x'>"]


def pieces(alphabet: list[str], repeat: int) -> st.SearchStrategy[str]:
    one = st.tuples(st.sampled_from(alphabet), st.integers(1, repeat)).map(lambda t: t[0] * t[1])
    return st.lists(one, max_size=60).map("".join)


FUZZ = settings(
    max_examples=int(os.environ.get("COMMUNIQUE_FUZZ_EXAMPLES", "60")),
    deadline=BUDGET,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(pieces(PIECES, 400))
def test_extraction_ends_within_budget(text):
    record = communique.extract(text)
    assert set(record) >= {"document", "engagements"}


@FUZZ
@given(pieces(TAGS + PIECES, 2000))
def test_html_parsing_ends_within_budget(html):
    text, meta = html_to_text(html)
    assert isinstance(text, str) and isinstance(meta, dict)


@FUZZ
@given(pieces(TAGS + PIECES, 300))
def test_extraction_of_html_ends_within_budget(html):
    communique.extract("<html><body>" + html + "</body></html>")


@FUZZ
@given(pieces(TAGS + PIECES, 2000))
def test_streamed_html_parsing_ends_within_budget(html):
    # the compact tree large pages are streamed into, on the same crafted pages
    saved = html_module.STREAM_ABOVE_CHARS
    html_module.STREAM_ABOVE_CHARS = 0
    try:
        text, meta = html_to_text(html)
    finally:
        html_module.STREAM_ABOVE_CHARS = saved
    assert isinstance(text, str) and isinstance(meta, dict)
