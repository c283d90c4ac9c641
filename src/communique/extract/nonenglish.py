"""What the Japanese and Russian extractors share.

* the person authority across scripts: a native name form (河野, ラヴロフ, Лаврову) to the
  Latin name the person's own government writes in English, from
  ``gazetteer/native_names.tsv``, disambiguated by country and by who held office on the
  document's date (``office_holders.tsv``);
* ``Person`` and the record of one engagement in the schema's shape;
* digit folding that keeps offsets (full-width ``１２`` reads as ``12``);
* follow-up de-duplication.

The tokenisers themselves are loaded lazily by :mod:`communique.extract.morphology`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from communique.document import Document
from communique.extract import holders, publishers
from communique.gazetteer import native

#: engagements are looked for in at most this many characters, as in the English stages
MAX_SCAN_CHARS = 200_000
#: full-width digits and signs to ASCII, one character for one (offsets are kept)
_FOLD = str.maketrans("０１２３４５６７８９：．（）", "0123456789:.()")


def scan_of(text: str, warnings: list[str]) -> str:
    """The part of a long text that is read (a 10 MB page is cut, with a warning)."""
    if len(text) > MAX_SCAN_CHARS:
        warnings.append(
            f"text is {len(text)} characters; engagements were looked for in the first "
            f"{MAX_SCAN_CHARS}"
        )
    return text[:MAX_SCAN_CHARS]


def fold_digits(text: str) -> str:
    """The same text with full-width digits as ASCII; ``len`` is unchanged."""
    return text.translate(_FOLD)


def publisher_of(doc: Document, default: str) -> str:
    """The government whose site the page is on, else the one that writes in the language."""
    for address in (getattr(doc, "url", None), doc.source):
        iso = publishers.by_url(address or "")
        if iso:
            return iso
    return default


@dataclass
class Person:
    """A principal: Latin ``name`` and ``family`` with the document's ``native`` spelling."""

    name: str
    family: str
    native: str
    country: str | None
    span: tuple[int, int]
    title: str | None = None
    organization: str | None = None
    reason: str | None = None
    unnamed: bool = False

    @property
    def key(self) -> str:
        return self.family.lower() if self.family else f"?{self.country}{self.organization}"

    def to_json(self) -> dict:
        out = {
            "name": self.name,
            "family_name": self.family,
            "name_native": self.native or None,
            "title": self.title,
            "country": self.country,
            "organization": self.organization,
        }
        if self.span[1] > self.span[0]:
            out["span"] = list(self.span)
        if self.reason:
            out["country_reason"] = self.reason
        if self.unnamed:
            out["unnamed"] = True
        return out


@functools.lru_cache(maxsize=4)
def _index(lang: str) -> tuple[dict[str, list[native.NativePerson]], dict[str, list]]:
    full: dict[str, list[native.NativePerson]] = {}
    fam: dict[str, list[native.NativePerson]] = {}
    for p in native.people():
        if p.lang != lang:
            continue
        for f in p.full_forms:
            full.setdefault(_key(f), []).append(p)
        for f in p.family_forms:
            fam.setdefault(_key(f), []).append(p)
    return full, fam


def _key(s: str) -> str:
    return re.sub(r"[\s・=＝\-]+", "", s).lower().replace("ё", "е")


def family_forms(lang: str) -> list[str]:
    """Every native family form of ``lang``, longest first (for matching in text)."""
    _full, fam = _index(lang)
    forms = {f for p in native.people() if p.lang == lang for f in p.family_forms}
    return sorted(forms, key=len, reverse=True) if fam else []


def full_forms(lang: str) -> list[str]:
    forms = {f for p in native.people() if p.lang == lang for f in p.full_forms}
    return sorted(forms, key=len, reverse=True)


def lookup(
    lang: str,
    *,
    full: str | None = None,
    family: str | None = None,
    country: str | None = None,
    when: dt.date | None = None,
) -> native.NativePerson | None:
    """The known person a native full name or family name stands for, or None."""
    by_full, by_fam = _index(lang)
    cands: list[native.NativePerson] = []
    if full:
        cands = list(by_full.get(_key(full), []))
    if not cands and family:
        cands = list(by_fam.get(_key(family), []))
    if not cands:
        return None
    if country:
        same = [c for c in cands if c.iso3 == country]
        if not same:
            return None
        cands = same
    if len(cands) > 1:
        serving = [c for c in cands if _served(c.name, when)]
        cands = serving or cands
    return cands[0]


def _served(name: str, when: dt.date | None) -> bool:
    by_name, _ = holders.name_index()
    return any(holders.serving(h, when) for h in by_name.get(holders.fold(name), []))


@dataclass
class FollowUp:
    name: str
    span: tuple[int, int]
    date: dt.date | None = None
    date_text: str | None = None
    #: an English name when every word of the document's is known (``name`` keeps the
    #: document's own words: its people's English spellings are not always knowable)
    english: str | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "name_native": self.name,
            **({"name_en": self.english} if self.english else {}),
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "span": list(self.span),
        }


@dataclass
class Record:
    """One engagement as the extractors fill it."""

    participants: list[Person]
    mode: str = "in_person"
    name: str | None = None
    date: dt.date | None = None
    place: dict | None = None
    occasion: str | None = None
    occasion_native: str | None = None
    duration: int | None = None
    round: dict | None = None
    ordinals: list[dict] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {
            "name": self.name,
            "mode": self.mode,
            "date": self.date.isoformat() if self.date else None,
            "end_date": None,
            "place": self.place if self.mode == "in_person" else None,
            "occasion": self.occasion,
            "duration_minutes": self.duration,
            "start_time": None,
            "participants": [p.to_json() for p in self.participants],
            "round": self.round,
            "ordinals": self.ordinals,
            "topics": [],
            "outcomes": [],
            "follow_ups": [f.to_json() for f in self.follow_ups],
            "evidence": self.evidence,
        }
        if self.occasion_native:
            out["occasion_native"] = self.occasion_native
        if self.reasons:
            out["reasons"] = self.reasons
        return out


def result(doc: Document, text: str, records: list[Record], warnings: list[str]) -> dict:
    """A document's extraction in the schema's shape, warned when ``text`` (the part read)
    reports no engagement, as the English pipeline warns."""
    if not records and text.strip():
        warnings.append("no meeting, call or talks reported as having taken place was found")
    return {
        "document": doc.to_json(),
        "engagements": [r.to_json() for r in records],
        "warnings": warnings,
    }


def add_follow_up(items: list[FollowUp], item: FollowUp) -> None:
    """Add unless an earlier item covers the same words (one follow-up per event)."""
    for old in items:
        if item.span[0] >= old.span[0] and item.span[1] <= old.span[1]:
            return
        if _bigrams(item.name) and len(_bigrams(item.name) & _bigrams(old.name)) >= 0.6 * len(
            _bigrams(item.name)
        ):
            return
    items.append(item)


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\W+", "", s.lower())
    return {s[i : i + 2] for i in range(max(0, len(s) - 1))}
