"""Number words, ordinals, rounds.

Needs: sentences. Adds: ``round`` ({number, of}) and ``ordinals`` ({number, scope,
text, span}) of an engagement, read from the words that state them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CARDINALS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}

ORDINAL_RE = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty)[- ](?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth)|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")"
)
CARDINAL_RE = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")"


def ordinal_value(word: str) -> int | None:
    w = word.lower().replace("-", " ").strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in ORDINALS:
        return ORDINALS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in ORDINALS:
        return _TENS[parts[0]] + ORDINALS[parts[1]]
    return None


def cardinal_value(word: str) -> float | None:
    w = word.lower().strip()
    try:
        return float(w)
    except ValueError:
        pass
    return CARDINALS.get(w)


@dataclass(frozen=True)
class Ordinal:
    number: int
    scope: str  # total | year | series
    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "scope": self.scope,
            "text": self.text,
            "span": [self.start, self.end],
        }


@dataclass(frozen=True)
class Round:
    number: int
    of: str
    start: int
    end: int


_ROUND = re.compile(
    rf"\b(?:the\s+|this\s+|its\s+)?(?P<ord>{ORDINAL_RE})\s+round\s+of\s+(?:the\s+)?"
    r"(?P<of>[A-Za-z][\w\-’'\s]{3,80}?)(?=\s+(?:following|after|since|in|on(?!\s+(?:the|a)\s+[a-z])|at|held|which|with|between|"
    r"that|and\s+the|to)\b|[.,;:()]|$)",
    re.IGNORECASE,
)
#: a round is this engagement's only when introduced like this (not "at the first round")
_ROUND_SELF_CUES = re.compile(
    r"\b(?:this|it|which|the meeting|the talks?)\s+(?:was|is|were|marked|served as)\s+(?:also\s+)?$|"
    r"(?<!\bwell\s)\bas\s+$|\bheld\s+$|\bhold\s+$|\bheld\s+(?:their|the)\s+$|"
    r"\bmark(?:ing|ed|s)\s+(?:the\s+)?$",  # "..., marking the seventh round of negotiations"
    re.IGNORECASE,
)


def find_round(text: str, start: int, end: int) -> Round | None:
    """The round this engagement is, when a lead sentence says so."""
    for m in _ROUND.finditer(text, start, end):
        before = text[max(start, m.start() - 40) : m.start()]
        if not _ROUND_SELF_CUES.search(before):
            continue
        n = ordinal_value(m.group("ord"))
        if n is None:
            continue
        of = " ".join(m.group("of").split()).strip(" ,")
        return Round(n, of, m.start(), m.end())
    return None


_TIME_ORD = re.compile(
    rf"\b(?P<ord>{ORDINAL_RE})\s+(?:time|meeting|visit|talks?)\s+"
    r"(?P<scope>this\s+year|in\s+total|overall|in\s+(?:\d{4}|this\s+year))",
    re.IGNORECASE,
)
_MEETING_BETWEEN = re.compile(
    # (also "the ministers' fifth meeting")
    rf"\b(?:the|their|his|her|this\s+being\s+the|(?:the\s+)?[a-z]+s['’]|[A-Z][\w\-]*['’]s)\s+(?P<ord>{ORDINAL_RE})\s+"
    r"(?:(?:face-to-face|in-person|bilateral|summit|foreign\s+ministers['’]?|official)\s+)?"
    r"(?P<noun>meeting|talks?|summit\s+meeting|meeting\s+in\s+person|conversation|time)s?\b"
    r"(?P<rest>\s+(?:between|with)\s+[^.;]{3,80}?"
    # "the fourth time the two ministers have met"
    r"|\s+(?:that\s+)?(?:the\s+two\s+\w+|they|we|the\s+\w+)\s+(?:have|had|has)\s+(?:\w+\s+)?"
    r"(?:met|spoken|talked|held\s+talks))?(?=[.,;()]|$|\s+(?:since|and|in|as|for)\b)",
    re.IGNORECASE,
)
#: "delighted to meet Minister Sikorski for the first time", "the ninth overall"
_FOR_THE_NTH_TIME = re.compile(
    rf"\b(?:meet|meeting|met|see|seeing|talk|talking|speak|speaking)\b[^.;]{{0,80}}?\bfor\s+the\s+"
    rf"(?P<ord>{ORDINAL_RE})\s+time\b(?!\s+(?:since|in\s+(?:\d|\w+\s+(?:years?|months?|weeks?|days?))|as\b))"
    rf"|\b(?:the|their|his|her)\s+(?P<ord2>{ORDINAL_RE})\s+(?:such\s+)?(?:meeting\s+|encounter\s+|one\s+)?"
    r"(?:overall|in\s+total|altogether)\b",
    re.IGNORECASE,
)
#: "since" later in the phrase ("the first meeting between A and B since 2020"): the
#: first after a gap, not a count
_SINCE_AFTER = re.compile(r"(?:\s+(?:and|with|between)\s+[^.;,()]{1,60}?)?\s+since\b")
_THEIR_NAMED = re.compile(
    rf"\b(?:their|his|her)\s+(?P<ord>{ORDINAL_RE})\s+(?P<name>(?:[A-Z][\w.\-’']*\s+){{0,6}}"
    r"(?:Meeting|Talks?|Summit|Dialogue|Consultations?))\b"
)
_SERIES = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<ord>(?i:{ORDINAL_RE}))\s+(?:[Mm]eeting\s+of\s+(?:the\s+)?)?"
    r"(?P<name>(?:(?:[A-Z][\w.\-’'+]*|\d\+\d|[\"“”]?\d\+\d[\"“”]?|of|the|and|for|on|&)\s+){0,9}?"
    r"(?:[\"“]?\d\+\d[\"”]?|(?:Dialogue|Meeting|Consultations?|Committee|Summit|"
    r"Talks|Conference|Forum|Session|Commission|Round|Council)\b)"
    r"(?:\s+(?:Ministerial\s+)?(?:Dialogue|Meeting|Consultations?))?)"
)


_ORDINAL_HINT = re.compile(rf"\b{ORDINAL_RE}\b", re.IGNORECASE)


def find_ordinals(text: str, start: int, end: int, *, series: bool = True) -> list[Ordinal]:
    """Ordinals stated for the engagement described in ``text[start:end]``."""
    found: list[Ordinal] = []
    if not _ORDINAL_HINT.search(text, start, end):
        return found
    taken: list[tuple[int, int]] = []

    def add(n: int | None, scope: str, m: re.Match) -> None:
        if n is None or any(a < m.end() and m.start() < b for a, b in taken):
            return
        if any(o.scope == scope for o in found):
            return
        taken.append((m.start(), m.end()))
        found.append(Ordinal(n, scope, " ".join(m.group(0).split()), m.start(), m.end()))

    for m in _TIME_ORD.finditer(text, start, end):
        scope = "year" if "year" in m.group("scope").lower() else "total"
        add(ordinal_value(m.group("ord")), scope, m)
    for m in _MEETING_BETWEEN.finditer(text, start, end):
        if m.group("noun").lower() == "time" and not m.group("rest"):
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if "since" in before or _SINCE_AFTER.match(text, m.end()):
            continue  # "the first meeting since 2020", "... since he took office": a gap
        add(ordinal_value(m.group("ord")), "total", m)
    for m in _FOR_THE_NTH_TIME.finditer(text, start, end):
        if re.search(r"\bin\s+person\b|\bface[- ]to[- ]face\b", m.group(0), re.I):
            continue  # the first meeting in person is not their first meeting
        add(ordinal_value(m.group("ord") or m.group("ord2")), "total", m)
    for m in _THEIR_NAMED.finditer(text, start, end):
        add(ordinal_value(m.group("ord")), "total", m)
    if series:
        for m in _SERIES.finditer(text, start, end):
            add(ordinal_value(m.group("ord")), "series", m)
    return found
