"""Tracks: numbered series and rounds become one track with its members in order.

* a round ("second round of negotiations regarding a peace treaty") belongs to the track
  ``round:<what it is a round of>:<countries>``;
* a series ordinal ("the 15th Japan-Russia Strategic Dialogue", "Eighth Japan-Australia
  2+2 Ministerial Dialogue") belongs to ``series:<the name without its number>``; an
  engagement named like a known series without a number joins it unnumbered.

Members are ordered by date, then number.
"""

from __future__ import annotations

import re

from communique.archive.people import fold

ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_ORD = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r")"
_SERIES_RE = re.compile(rf"^\s*(?:(?:the|their|this|its)\s+)?({_ORD})\s+(.+?)\s*$", re.I)


def norm(s: str) -> str:
    s = fold(s).replace("’", "'").replace("‘", "'")
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"[^a-z0-9+\- ]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def ordinal_value(word: str) -> int | None:
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    m = re.match(r"(\d+)", w)
    return int(m.group(1)) if m else None


def parse_series(text: str | None) -> tuple[int, str] | None:
    """("15th Japan-Russia Strategic Dialogue") -> (15, "Japan-Russia Strategic Dialogue")."""
    if not text:
        return None
    m = _SERIES_RE.match(text)
    if not m:
        return None
    name = m.group(2).strip(" .,;")
    # "fourth meeting between ..." / "sixth time in total" are counts, not series names
    if re.match(r"(?:time|meeting|visit|call|round|talks?)\b", name, re.I) or len(name.split()) < 2:
        return None
    n = ordinal_value(m.group(1))
    return (n, name) if n else None


def series_key(name: str) -> str:
    return "series:" + norm(name)


#: words that do not tell one negotiation from another ("the issue of", "such", "bilateral")
_ROUND_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "for",
        "to",
        "and",
        "regarding",
        "concerning",
        "about",
        "over",
        "between",
        "with",
        "this",
        "that",
        "such",
        "these",
        "issue",
        "issues",
        "matter",
        "two",
        "both",
        "bilateral",
        "sides",
        "countries",
        "their",
        "its",
        "our",
    ]
)


def _round_words(of: str) -> str:
    """ "negotiations on the peace treaty issue", "peace treaty negotiations" and
    "negotiations regarding a peace treaty" all give "negotiation peace treaty"."""
    words = set()
    for w in norm(of).split():
        if w in _ROUND_FILLER or "-" in w:  # "russian-japanese": the countries are in the key
            continue
        words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return " ".join(sorted(words)) or norm(of)


def round_key(of: str, countries: set[str]) -> str:
    return "round:" + _round_words(of) + ":" + "-".join(sorted(countries))


def round_name(of: str, countries: set[str]) -> str:
    who = "-".join(sorted(countries))
    return f"{of} ({who})" if who else of
