"""Japanese and Russian names of people, countries, cities, meetings and organisations.

The data lives in ``native_*.tsv`` beside this module (columns in ``README.md``). Every
loader is cached; the returned objects are read-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from communique.gazetteer.files import records, split

__all__ = [
    "NativeConference",
    "NativePerson",
    "cities",
    "conferences",
    "countries",
    "country_abbreviations",
    "country_adjectives",
    "organizations",
    "family_readings",
    "glossary",
    "people",
    "titles",
]


@dataclass(frozen=True)
class NativePerson:
    name: str
    family: str
    iso3: str | None
    lang: str
    family_forms: tuple[str, ...]
    full_forms: tuple[str, ...]


@dataclass(frozen=True)
class NativeConference:
    name: str
    series: str
    lang: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def people() -> tuple[NativePerson, ...]:
    """Every row of ``native_names.tsv``."""
    return tuple(
        NativePerson(
            r["name"],
            r["family_name"],
            r["iso3"] or None,
            r["lang"],
            split(r["family_forms"]),
            split(r["full_forms"]),
        )
        for r in records("native_names.tsv")
    )


@lru_cache(maxsize=4)
def countries(lang: str) -> dict[str, str]:
    """Native country name (nominative) -> ISO3, for ``lang`` ``ja`` or ``ru``."""
    out: dict[str, str] = {}
    for r in records("native_countries.tsv"):
        for form in split(r[f"{lang}_forms"]):
            out.setdefault(form, r["iso3"])
    return out


@lru_cache(maxsize=1)
def country_abbreviations() -> dict[str, str]:
    """The one-kanji abbreviations of compounds (露 -> RUS)."""
    return {
        r["ja_abbreviation"]: r["iso3"]
        for r in records("native_countries.tsv")
        if r["ja_abbreviation"]
    }


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """Russian country adjective (masculine nominative) -> ISO3."""
    out: dict[str, str] = {}
    for r in records("native_countries.tsv"):
        for form in split(r["ru_adjectives"]):
            out.setdefault(form, r["iso3"])
    return out


@lru_cache(maxsize=4)
def cities(lang: str) -> dict[str, tuple[str, str]]:
    """Native city name (nominative) -> (English name, ISO3)."""
    out: dict[str, tuple[str, str]] = {}
    for r in records("native_cities.tsv"):
        for form in split(r[f"{lang}_forms"]):
            out.setdefault(form, (r["name"], r["iso3"]))
    return out


@lru_cache(maxsize=4)
def conferences(lang: str) -> tuple[NativeConference, ...]:
    """Recurring meetings by their ``lang`` names, most specific first (file order)."""
    flags = re.IGNORECASE if lang == "ru" else 0
    return tuple(
        NativeConference(r["name"], r["series"], r["lang"], re.compile(r["pattern"], flags))
        for r in records("native_conferences.tsv")
        if r["lang"] == lang
    )


@lru_cache(maxsize=1)
def family_readings() -> dict[tuple[str, str], str]:
    """(culture ``ko`` or ``zh``, katakana reading of a family name) -> its Latin spelling."""
    return {(r["culture"], r["reading"]): r["latin"] for r in records("native_family_readings.tsv")}


@lru_cache(maxsize=4)
def glossary(lang: str) -> dict[str, str]:
    """English for the nouns of meetings in ``lang`` (follow-ups' English names)."""
    return {r["native"]: r["english"] for r in records("native_glossary.tsv") if r["lang"] == lang}


@lru_cache(maxsize=4)
def titles(lang: str) -> tuple[str, ...]:
    """Titles and offices written after a name in ``lang``."""
    return tuple(r["title"] for r in records("native_titles.tsv") if r["lang"] == lang)


@lru_cache(maxsize=4)
def organizations(lang: str) -> dict[str, str]:
    """Native organisation name -> English name."""
    out: dict[str, str] = {}
    for r in records("native_organizations.tsv"):
        if r["lang"] == lang:
            for form in split(r["forms"]):
                out.setdefault(form, r["name"])
    return out
