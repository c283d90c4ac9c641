"""People: one person across name forms, with an office history; unnamed principals.

A name form is reduced to a *key* ``family|given`` that ignores

* order: "KISHIDA Fumio", "Kishida, Fumio" and "Fumio Kishida" (family first is
  recognised by capitals, a comma, the record's ``family_name``, or a known Japanese
  given name in last place);
* patronymics and middle names: only the first given name counts
  ("Lavrov, Sergey Viktorovich" = "Sergey Lavrov");
* transliteration: diacritics, long vowels ("Kōno", "Kouno" = "Kono"), and endings
  ("Sergey"/"Sergei", "Dmitry"/"Dmitriy"/"Dmitri");
* honorifics and titles ("Mr.", "H.E.", "Dr", "Minister").

A family-only form ("Lavrov") joins the one known person with that family name and
country; an unnamed principal ("The Prime Minister", name null) is resolved to the
office holder of that country on that date, from ``gazetteer/office_holders.tsv`` or
else from the archive's own office history, and the reason is recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam", "madame",
    "he", "h.e", "his", "her", "excellency", "hon", "honourable", "honorable", "the", "lord",
    "lady", "minister", "president", "ambassador", "secretary", "general", "senator", "sheikh",
    "san", "m", "mme",
}
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna)$")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


def translit(token: str) -> str:
    """A transliteration-insensitive form of one name token."""
    s = re.sub(r"[^a-z]", "", fold(token))
    s = s.replace("ou", "o").replace("uu", "u").replace("oo", "o").replace("kh", "h")
    s = re.sub(r"^ye", "e", s)
    s = re.sub(r"(iy|ii|yi|ij|y)$", "i", s)
    return s


@functools.lru_cache(maxsize=1)
def _ja_given() -> frozenset[str]:
    text = resources.files("communique.gazetteer").joinpath("given_names_ja.tsv").read_text("utf-8")
    return frozenset(translit(ln.split("\t")[0]) for ln in text.splitlines()[1:] if ln.strip())


@dataclass(frozen=True)
class NameParts:
    given: tuple[str, ...]
    family: str

    @property
    def key(self) -> str:
        first = translit(self.given[0]) if self.given else ""
        return f"{translit(self.family)}|{first}"

    @property
    def display(self) -> str:
        return " ".join([*self.given, self.family.title() if self.family.isupper() else self.family])


def _tokens(name: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", name.strip()) if t]
    while toks and toks[0].strip(".,").lower() in HONORIFICS:
        toks.pop(0)
    return toks


def parse_name(name: str | None, family: str | None = None) -> NameParts | None:
    """Split a name form into given names and family name (None for no name)."""
    if not name or not name.strip():
        return None
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()
    if "," in name:
        fam, _, rest = name.partition(",")
        ftoks, gtoks = _tokens(fam), _tokens(rest)
        if ftoks:
            return NameParts(tuple(gtoks), " ".join(ftoks))
    toks = _tokens(name)
    if not toks:
        return None
    if len(toks) == 1:
        return NameParts((), toks[0])
    if family:
        ftoks = family.split()
        n = len(ftoks)
        if [fold(x) for x in toks[:n]] == [fold(x) for x in ftoks] and len(toks) > n:
            return NameParts(tuple(toks[n:]), " ".join(toks[:n]))
        if [fold(x) for x in toks[-n:]] == [fold(x) for x in ftoks]:
            return NameParts(tuple(toks[:-n]), " ".join(toks[-n:]))
    caps = [i for i, x in enumerate(toks) if len(x) > 1 and x.isupper() and x.isalpha()]
    if len(caps) == 1 and len(caps) < len(toks):
        i = caps[0]
        return NameParts(tuple(toks[:i] + toks[i + 1 :]), toks[i])
    if translit(toks[-1]) in _ja_given() and translit(toks[0]) not in _ja_given() and len(toks) == 2:
        return NameParts((toks[1],), toks[0])
    return NameParts(tuple(toks[:-1]), toks[-1])


def without_patronymic(parts: NameParts) -> NameParts:
    given = tuple(g for i, g in enumerate(parts.given) if i == 0 or not _PATRONYMIC.search(g.lower()))
    return NameParts(given, parts.family)


# --------------------------------------------------------------------------- offices

_OFFICE_CLASSES: tuple[tuple[str, str], ...] = (
    ("Vice President", r"\bvice[- ]president\b"),
    ("Vice Minister for Foreign Affairs", r"\bvice[- ]minister\b.*\bforeign\b|\bdeputy (?:foreign )?minister\b.*foreign"),
    ("Deputy Prime Minister", r"\bdeputy prime minister\b"),
    ("Prime Minister", r"\bprime minister\b|\bpremier\b|\btaoiseach\b"),
    ("Foreign Minister", r"\bforeign (?:minister|secretary)\b|\bminister (?:for|of) (?:europe and )?foreign affairs\b|\bsecretary of (?:state|foreign affairs)\b(?!.*defen)|\bminister of external (?:affairs|relations)\b|\bminister for external relations\b"),
    ("Defence Minister", r"\bdefen[cs]e (?:minister|secretary)\b|\bminister (?:for|of) (?:national )?defen[cs]e\b|\bsecretary of (?:national )?defen[cs]e\b|\bminister of the armed forces\b"),
    ("Chief Cabinet Secretary", r"\bchief cabinet secretary\b"),
    ("President", r"\bpresident\b"),
    ("Chancellor", r"\bchancellor\b"),
    ("Emperor", r"\bemperor\b"),
    ("King", r"\bking\b"),
)


def office_class(title: str | None) -> str | None:
    """A canonical office for a title as written ("Minister for Foreign Affairs of Japan"
    -> "Foreign Minister"), or None when it is not one the archive knows."""
    if not title:
        return None
    low = fold(title)
    if re.search(r"\b(?:former|deputy|vice|acting|state for)\b", low) and not re.search(
        r"vice[- ]president|vice[- ]minister|deputy prime", low
    ):
        return None
    for label, pat in _OFFICE_CLASSES:
        if re.search(pat, low):
            return label
    return None


def office_label(title: str | None) -> str | None:
    """How an office is listed in a person's history: the class, or the title as
    written without its country tail."""
    if not title:
        return None
    return office_class(title) or re.sub(r"\s+of (?:the )?[A-Z].*$", "", title).strip() or title


@dataclass(frozen=True)
class Holder:
    name: str
    family: str
    iso3: str | None
    office: str
    start: dt.date | None
    end: dt.date | None


def _d(v: str) -> dt.date | None:
    v = v.strip()
    if not v:
        return None
    try:
        if len(v) == 4:
            return dt.date(int(v), 1, 1)
        if len(v) == 7:
            return dt.date(int(v[:4]), int(v[5:7]), 1)
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def office_holders() -> tuple[Holder, ...]:
    text = resources.files("communique.gazetteer").joinpath("office_holders.tsv").read_text("utf-8")
    out = []
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.reader(rows[1:], delimiter="\t"):
        if len(row) < 7:
            continue
        name, family, _aliases, iso3, office, start, end = (c.strip() for c in row[:7])
        out.append(Holder(name, family, iso3.upper() or None, office, _d(start), _d(end)))
    return tuple(out)


def holder_on(office: str, iso3: str, when: dt.date) -> Holder | None:
    """The one gazetteer holder of an office class in a country on a date, or None."""
    found = {
        h.name: h
        for h in office_holders()
        if h.iso3 == iso3
        and office_class(h.office) == office
        and (h.start is None or h.start <= when)
        and (h.end is None or when <= h.end)
    }
    if len(found) == 1:
        return next(iter(found.values()))
    return None
