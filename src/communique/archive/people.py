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
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "madam",
    "madame",
    "he",
    "h.e",
    "his",
    "her",
    "excellency",
    "hon",
    "honourable",
    "honorable",
    "the",
    "lord",
    "lady",
    "minister",
    "president",
    "ambassador",
    "secretary",
    "general",
    "senator",
    "sheikh",
    "san",
    "m",
    "mme",
}
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna)$")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


@functools.lru_cache(maxsize=65536)
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
        return " ".join(
            [*self.given, self.family.title() if self.family.isupper() else self.family]
        )


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
    if (
        translit(toks[-1]) in _ja_given()
        and translit(toks[0]) not in _ja_given()
        and len(toks) == 2
    ):
        return NameParts((toks[1],), toks[0])
    return NameParts(tuple(toks[:-1]), toks[-1])


def without_patronymic(parts: NameParts) -> NameParts:
    given = tuple(
        g for i, g in enumerate(parts.given) if i == 0 or not _PATRONYMIC.search(g.lower())
    )
    return NameParts(given, parts.family)


# --------------------------------------------------------------------------- offices

_OFFICE_CLASSES: tuple[tuple[str, str], ...] = (
    ("Vice President", r"\bvice[- ]president\b"),
    (
        "Vice Minister for Foreign Affairs",
        r"\bvice[- ]minister\b.*\bforeign\b|\bdeputy (?:foreign )?minister\b.*foreign",
    ),
    ("Deputy Prime Minister", r"\bdeputy prime minister\b"),
    ("Prime Minister", r"\bprime minister\b|\bpremier\b|\btaoiseach\b"),
    (
        "Foreign Minister",
        r"\bforeign (?:minister|secretary)\b|\bminister (?:for|of) (?:europe and )?foreign affairs\b|\bsecretary of (?:state|foreign affairs)\b(?!.*defen)|\bminister of external (?:affairs|relations)\b|\bminister for external relations\b",
    ),
    (
        "Defence Minister",
        r"\bdefen[cs]e (?:minister|secretary)\b|\bminister (?:for|of) (?:national )?defen[cs]e\b|\bsecretary of (?:national )?defen[cs]e\b|\bminister of the armed forces\b",
    ),
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


# --------------------------------------------------------------------------- resolution


@dataclass
class Mention:
    """One participant row, as the resolver sees it."""

    id: int
    name: str | None
    family: str | None
    title: str | None
    country: str | None
    when: dt.date | None
    publisher: str | None


@dataclass
class Resolved:
    key: str | None
    reason: str


@dataclass
class PersonInfo:
    key: str
    name: str
    family: str
    country: str | None
    forms: set[str]
    offices: dict[tuple[str, str | None], list[dt.date | None]]


def resolve(mentions: list[Mention]) -> tuple[dict[int, Resolved], dict[str, PersonInfo]]:
    """Person key (and reason) for every participant, and what is known of each person."""
    out: dict[int, Resolved] = {}
    forms: dict[str, list[str]] = {}
    countries: dict[str, list[str]] = {}
    families: dict[str, str] = {}
    parsed: dict[int, NameParts] = {}
    for m in mentions:
        p = parse_name(m.name, m.family)
        if p is not None:
            parsed[m.id] = p
    # 1. full names (a given name and a family name)
    for m in mentions:
        p = parsed.get(m.id)
        if p is None or not p.given:
            continue
        out[m.id] = Resolved(p.key, "name")
        forms.setdefault(p.key, []).append(m.name or "")
        families.setdefault(p.key, p.family)
        if m.country:
            countries.setdefault(p.key, []).append(m.country)
    by_family: dict[str, list[str]] = {}
    for key in forms:
        by_family.setdefault(key.split("|")[0], []).append(key)
    # 2. family name only: the one known person with it (and the same country)
    for m in mentions:
        p = parsed.get(m.id)
        if p is None or p.given:
            continue
        fam = translit(p.family)
        cands = [
            k
            for k in by_family.get(fam, [])
            if not m.country or not countries.get(k) or m.country in countries[k]
        ]
        if len(cands) == 1:
            out[m.id] = Resolved(
                cands[0], f"family name only; the one {p.family} known in the archive"
            )
            forms[cands[0]].append(m.name or "")
            continue
        key = f"{fam}|@{m.country or '?'}"
        why = "family name only; several known" if cands else "family name only"
        out[m.id] = Resolved(key, why)
        forms.setdefault(key, []).append(m.name or "")
        families.setdefault(key, p.family)
        if m.country:
            countries.setdefault(key, []).append(m.country)
    # office history of named people, for unnamed principals the gazetteer does not know
    seen_offices: dict[tuple[str, str], list[tuple[str, dt.date]]] = {}
    for m in mentions:
        r = out.get(m.id)
        oc = office_class(m.title)
        if r and oc and m.country and m.when:
            seen_offices.setdefault((oc, m.country), []).append((r.key, m.when))
    # 3. unnamed principals: the office holder on the date
    for m in mentions:
        if m.id in out:
            continue
        oc = office_class(m.title)
        iso = m.country or m.publisher
        if not oc or not iso or not m.when:
            why = f"unnamed '{m.title or '?'}'" + (f" of {iso}" if iso else "")
            out[m.id] = Resolved(None, why + ": office, country or date unknown")
            continue
        h = holder_on(oc, iso, m.when)
        src = "" if m.country else " (country from the publisher)"
        if h is not None:
            p = parse_name(h.name, h.family)
            key = p.key
            out[m.id] = Resolved(
                key,
                f"unnamed '{m.title}' of {iso}{src} on {m.when.isoformat()}: {h.name} held the office "
                "(office holders gazetteer)",
            )
            forms.setdefault(key, []).append(h.name)
            families.setdefault(key, p.family)
            countries.setdefault(key, []).append(iso)
            continue
        seen = seen_offices.get((oc, iso), [])
        near = {k for k, d in seen if abs((d - m.when).days) <= 180}
        if len(near) == 1:
            key = near.pop()
            out[m.id] = Resolved(
                key,
                f"unnamed '{m.title}' of {iso}{src} on {m.when.isoformat()}: the only {oc} of {iso} "
                "the archive has within 180 days (archive office history)",
            )
            continue
        out[m.id] = Resolved(
            None, f"unnamed '{m.title}' of {iso} on {m.when.isoformat()}: no office holder known"
        )
    # what is known of each person
    info: dict[str, PersonInfo] = {}
    for key, fs in forms.items():
        good = [f for f in fs if f]
        best = sorted(set(good), key=lambda f: (-good.count(f), -len(f), f))[0] if good else key
        cs = countries.get(key, [])
        country = sorted(set(cs), key=lambda c: (-cs.count(c), c))[0] if cs else None
        info[key] = PersonInfo(key, best, families.get(key, ""), country, set(good), {})
    for m in mentions:
        r = out.get(m.id)
        label = office_label(m.title)
        if not r or not r.key or not label:
            continue
        span = info[r.key].offices.setdefault((label, m.country or m.publisher), [None, None])
        if m.when:
            span[0] = m.when if span[0] is None else min(span[0], m.when)
            span[1] = m.when if span[1] is None else max(span[1], m.when)
    return out, info


def key_for_name(name: str, family: str | None = None) -> str | None:
    p = parse_name(name, family)
    return p.key if p else None
