"""Gazetteers: countries, international organisations, cities, conferences and offices.

The data lives in tab-separated files next to this module (see ``README.md`` in this
package for the columns). Every loader is cached, so repeated calls are cheap and the
returned objects must be treated as read-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from communique.gazetteer.files import records, split

__all__ = [
    "City",
    "Conference",
    "Country",
    "Office",
    "case_sensitive_forms",
    "cities",
    "conference_host",
    "conferences",
    "countries",
    "country_forms",
    "ministries",
    "offices",
    "organization_codes",
    "organization_names",
    "organizations",
]


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    forms: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class City:
    name: str
    iso3: str


@dataclass(frozen=True)
class Conference:
    name: str
    regex: re.Pattern[str]
    city: str | None
    iso3: str | None
    fixed: bool
    series: str | None


@dataclass(frozen=True)
class Office:
    regex: re.Pattern[str]
    level: str
    kind: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """All countries and territories, keyed by ISO 3166-1 alpha-3 code (plus XKX, Kosovo)."""
    result: dict[str, Country] = {}
    for row in records("countries.tsv"):
        iso3 = row["iso3"]
        if iso3 in result:
            raise ValueError(f"countries.tsv: duplicate iso3 {iso3}")
        result[iso3] = Country(
            iso3=iso3,
            name=row["name"],
            forms=split(row["forms"]),
            adjectives=split(row["adjectives"]),
        )
    return result


@lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Lower-cased name / form / adjective -> iso3.

    Names and forms win over adjectives; an adjective claimed by more than one country is
    dropped. Each name and form is also available with a leading ``"the "``.
    """
    names: dict[str, str] = {}
    for country in countries().values():
        for form in (country.name, *country.forms):
            key = form.lower()
            names.setdefault(key, country.iso3)
            if not key.startswith("the "):
                names.setdefault(f"the {key}", country.iso3)
    adjective_owners: dict[str, set[str]] = {}
    for country in countries().values():
        for adjective in country.adjectives:
            adjective_owners.setdefault(adjective.lower(), set()).add(country.iso3)
    result = dict(names)
    for key, owners in adjective_owners.items():
        if key not in result and len(owners) == 1:
            result[key] = next(iter(owners))
    return result


def _all_caps(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@lru_cache(maxsize=1)
def case_sensitive_forms() -> frozenset[str]:
    """Lower-cased keys of `country_forms` and `organizations` that are all-caps acronyms.

    Keys such as ``"us"``, ``"who"`` or ``"un"`` are ordinary words once lower-cased; a
    matcher should accept them only when the text spells them in capitals.
    """
    keys: set[str] = set()
    for country in countries().values():
        for form in (country.name, *country.forms, *country.adjectives):
            if _all_caps(form):
                keys.add(form.lower())
    for row in records("organizations.tsv"):
        for form in (row["name"], *split(row["forms"])):
            if _all_caps(form):
                keys.add(form.lower())
    return frozenset(keys)


@lru_cache(maxsize=1)
def cities() -> dict[str, City]:
    """Lower-cased city name and every alternative form -> City (first row wins)."""
    known = countries()
    result: dict[str, City] = {}
    for row in records("cities.tsv"):
        iso3 = row["iso3"]
        if iso3 not in known:
            raise ValueError(f"cities.tsv: unknown iso3 {iso3} for {row['name']}")
        city = City(name=row["name"], iso3=iso3)
        for form in (row["name"], *split(row["forms"])):
            result.setdefault(form.lower(), city)
    return result


def _compile_conference(patterns: str) -> re.Pattern[str]:
    # The field is one regular expression whose top-level "|" separates alternatives;
    # the lookarounds keep matches on word boundaries even for patterns ending in ".".
    return re.compile(rf"(?<!\w)(?:{patterns})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def conferences() -> list[Conference]:
    """Recurring meetings, in file order (more specific rows come first)."""
    result: list[Conference] = []
    for row in records("conferences.tsv"):
        series = None
        for part in row["note"].split(";"):
            key, _, value = part.strip().partition("=")
            if key == "series" and value:
                series = value.strip()
        result.append(
            Conference(
                name=row["name"],
                regex=_compile_conference(row["patterns"]),
                city=row["city"] or None,
                iso3=row["iso3"] or None,
                fixed=row["fixed"] == "yes",
                series=series,
            )
        )
    return result


@lru_cache(maxsize=1)
def _conference_hosts() -> dict[tuple[str, int], list[tuple[str, str, str | None, str | None]]]:
    result: dict[tuple[str, int], list[tuple[str, str, str | None, str | None]]] = {}
    for row in records("conference_hosts.tsv"):
        key = (row["series"], int(row["year"]))
        value = (row["city"], row["iso3"], row["start"] or None, row["end"] or None)
        result.setdefault(key, []).append(value)
    return result


def conference_host(series: str, year: int) -> list[tuple[str, str, str | None, str | None]]:
    """Hosts of a rotating series in a year as (city, iso3, start, end); empty if unknown."""
    return list(_conference_hosts().get((series, year), []))


@lru_cache(maxsize=1)
def offices() -> list[Office]:
    """Office titles, most specific first. Patterns are case-sensitive."""
    return [
        Office(
            regex=re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)"),
            level=row["level"],
            kind=row["kind"],
        )
        for row in records("offices.tsv")
    ]


@lru_cache(maxsize=1)
def _national_offices() -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(row["pattern"], re.IGNORECASE), row["iso3"])
        for row in records("national_offices.tsv")
    ]


def country_of_office(title: str | None) -> str | None:
    """The one government with an office of this title (``national_offices.tsv``:
    "External Affairs Minister" -> IND), else None."""
    t = " ".join((title or "").split())
    return next((iso for rx, iso in _national_offices() if rx.fullmatch(t)), None)


@lru_cache(maxsize=1)
def organizations() -> dict[str, str]:
    """Lower-cased organisation name or form -> canonical name (first row wins)."""
    result: dict[str, str] = {}
    for row in records("organizations.tsv"):
        for form in (row["name"], *split(row["forms"])):
            result.setdefault(form.lower(), row["name"])
    return result


@lru_cache(maxsize=1)
def organization_codes() -> dict[str, str]:
    """Canonical organisation name (as ``organizations()`` returns it) -> its stable code
    (``EU``, ``NATO``, ``ASEAN``...), from ``organization_codes.tsv``."""
    result: dict[str, str] = {}
    for row in records("organization_codes.tsv"):
        for name in split(row["includes"]):
            result.setdefault(name, row["code"])
    return result


@lru_cache(maxsize=1)
def organization_names() -> dict[str, str]:
    """Organisation code -> the name a reader is shown."""
    return {row["code"]: row["name"] for row in records("organization_codes.tsv")}


@lru_cache(maxsize=1)
def ministries() -> dict[str, str]:
    """Name or form of a government department that says its country -> iso3
    (``ministries.tsv``)."""
    out: dict[str, str] = {}
    for row in records("ministries.tsv"):
        for form in (row["name"], *split(row["forms"])):
            out[form] = row["iso3"]
    return out
