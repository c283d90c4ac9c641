"""Dates written in text ("16 February 2019", "Feb. 16", "2019-02-16", "12 de julio de
2023"): :func:`find_dates` finds every day-precise one with its span. Foundation, so
that the extractor (:mod:`communique.extract.dates`), the crawler (a listing's dates)
and the archive's dating read dates one way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: the days of the week, Monday first (as ``date.weekday()`` counts them)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: month names of the date lines of Spanish-, Portuguese- and French-speaking
#: governments ("12 de julio de 2023", "12 de julho de 2023", "12 juillet 2023"); the day
#: comes first in all three
FOREIGN_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5,
    "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTHS.update(FOREIGN_MONTHS)
_FOREIGN_MONTH = "(?:" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + ")"

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_DATE = re.compile(
    rf"\b(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\.?\))?(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    # "31/October/2024", "31-Oct-2024"
    rf"|(?P<d8>{_DAY})[/\-](?P<m8>{_MONTH})[/\-](?P<y8>{_YEAR})"
    rf"|(?P<d7>{_DAY})\s+(?:de\s+)?(?P<m7>{_FOREIGN_MONTH})(?:\s+(?:de\s+|del\s+)?(?P<y7>{_YEAR}))?"
    rf"|(?P<y3>{_YEAR})[-/.](?P<m3>1[0-2]|0?[1-9])[-/.](?P<d3>[12]\d|3[01]|0?[1-9])"
    rf"|(?P<m4>1[0-2]|0?[1-9])/(?P<d4>[12]\d|3[01]|0?[1-9])/(?P<y4>{_YEAR})"
    rf"|(?P<d6>1[3-9]|2\d|3[01])/(?P<m6>1[0-2]|0?[1-9])/(?P<y6>{_YEAR})"
    rf"|(?P<d5>[12]\d|3[01]|0?[1-9])[.\-](?P<m5>1[0-2]|0?[1-9])[.\-](?P<y5>{_YEAR})"
    rf")(?:(?=T\d)|(?![\w/]))",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(rf"\b(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    month: int
    day: int
    year: int | None

    def resolve(self, anchor: dt.date | None, direction: str = "past") -> dt.date | None:
        """The calendar date; a missing year comes from ``anchor``.

        ``direction`` "past": the latest such day not after the anchor (plus a small
        slack for time zones); "future": the first such day not before the anchor.
        """
        year = self.year
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            cand = _safe_date(year, self.month, self.day)
            if cand is None:
                return None
            if direction == "past" and cand > anchor + dt.timedelta(days=RESOLVE_SLACK_DAYS):
                year -= 1
            elif direction == "future" and cand < anchor - dt.timedelta(days=RESOLVE_SLACK_DAYS):
                year += 1
        return _safe_date(year, self.month, self.day)


#: how many days a date without a year may lie on the "wrong" side of the date line
#: before it is moved to the neighbouring year (readouts are dated the day of the
#: meeting or a day or two later, across time zones); calibrated on the dev set.
RESOLVE_SLACK_DAYS = 3


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every day-precise date in ``text[start:end]``."""
    end = len(text) if end is None else end
    out: list[DateMention] = []
    for m in _DATE.finditer(text, start, end):
        g = m.groupdict()
        try:
            if g["m1"]:
                month, day, year = _month(g["m1"]), _day(g["d1"]), g["y1"]
            elif g["m2"]:
                month, day, year = _month(g["m2"]), _day(g["d2"]), g["y2"]
            elif g["m8"]:
                month, day, year = _month(g["m8"]), _day(g["d8"]), g["y8"]  # 31/October/2024
            elif g["m7"]:
                month, day, year = _month(g["m7"]), _day(g["d7"]), g["y7"]
            elif g["y3"]:
                month, day, year = int(g["m3"]), int(g["d3"]), g["y3"]
            elif g["m4"]:
                month, day, year = int(g["m4"]), int(g["d4"]), g["y4"]
            elif g["m6"]:
                month, day, year = int(g["m6"]), int(g["d6"]), g["y6"]  # 16/02/2019
            else:
                month, day, year = int(g["m5"]), int(g["d5"]), g["y5"]
        except (KeyError, AttributeError):
            continue
        if g["m1"] and g["m1"].lower().rstrip(".") == "may" and not _may_is_month(text, m):
            continue
        y = int(year) if year else None
        if _safe_date(y or 2000, month, day) is None:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(0), month, day, y))
    return out


def _may_is_month(text: str, m: re.Match) -> bool:
    """ "May 5" is a date; "may 5" after a lower-case word mostly is too, but "may" is a verb."""
    return text[m.start()] == "M"


def find_month_mentions(text: str, start: int, end: int) -> list[tuple[int, int, int, int | None]]:
    """(start, end, month, year) for month names without a day."""
    out = []
    for m in _MONTH_ONLY.finditer(text, start, end):
        if m.group("m").lower() == "may" and text[m.start()] != "M":
            continue
        out.append(
            (m.start(), m.end(), _month(m.group("m")), int(m.group("y")) if m.group("y") else None)
        )
    return out
