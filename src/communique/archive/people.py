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

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from communique.archive.actors import organization_code
from communique.gazetteer import case_sensitive_forms, country_forms, lexicon, ministries, ranks
from communique.gazetteer.files import data_lines
from communique.gazetteer.holders import Holder, office_holders
from communique.names import split_name
from communique.util.text import fold

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
    return frozenset(translit(ln.split("\t")[0]) for ln in data_lines("given_names_ja.tsv")[1:])


@dataclass(frozen=True)
class NameParts:
    given: tuple[str, ...]
    family: str
    display_name: str = ""

    @property
    def key(self) -> str:
        firsts = [g for g in self.given if not re.fullmatch(r"(?:[A-Z]\.?)+", g)]
        first = translit(firsts[0]) if firsts else ""
        return f"{translit(self.family)}|{first}"

    @property
    def display(self) -> str:
        if self.display_name:
            return self.display_name
        return " ".join(
            [*self.given, self.family.title() if self.family.isupper() else self.family]
        )


@functools.lru_cache(maxsize=65536)
def parse_name(
    name: str | None, family: str | None = None, country: str | None = None
) -> NameParts | None:
    """Split a name form into given names and family name (None for no name), in the
    person's convention (:func:`communique.names.split_name`); ``family`` is the
    extractor's family name, used only to recognise a form written family name first."""
    if name:
        toks = name.split()
        while len(toks) > 1 and toks[0].strip(".,").lower() in HONORIFICS:
            toks.pop(0)
        name = " ".join(toks)
    p = split_name(name, country=country, family=family)
    if p is None:
        return None
    given = p.given
    fam = p.family
    if (
        not p.family_first
        and len(given) == 1
        and translit(fam) in _ja_given()
        and translit(given[0]) not in _ja_given()
        and len(fold(name or "").split()) == 2
    ):
        # "Kouno Tarou": a Japanese given name last, in a spelling the list lacks
        given, fam = (fam,), given[0]
        return NameParts(given, fam, f"{given[0]} {fam}")
    return NameParts(given, fam, p.display)


def without_patronymic(parts: NameParts) -> NameParts:
    given = tuple(
        g for i, g in enumerate(parts.given) if i == 0 or not _PATRONYMIC.search(g.lower())
    )
    return NameParts(given, parts.family)


# --------------------------------------------------------------------------- offices


@functools.lru_cache(maxsize=16384)
def office_class(title: str | None) -> str | None:
    """A canonical office for a title as written ("Minister for Foreign Affairs of Japan"
    -> "Foreign Minister"), or None when it is not one the archive knows: the classes of
    the gazetteer's ``office_classes.tsv`` (:func:`communique.gazetteer.ranks.office_class`)."""
    if not title:
        return None
    return ranks.office_class(fold(title))


def office_label(title: str | None) -> str | None:
    """How an office is listed in a person's history: the class, or the title as
    written without its country tail."""
    if not title:
        return None
    return office_class(title) or re.sub(r"\s+of (?:the )?[A-Z].*$", "", title).strip() or title


@functools.lru_cache(maxsize=1)
def _holders_by_office() -> dict[tuple[str | None, str | None], tuple[Holder, ...]]:
    out: dict[tuple[str | None, str | None], list[Holder]] = {}
    for h in office_holders():
        out.setdefault((office_class(h.office), h.iso3), []).append(h)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=65536)
def holder_on(office: str, iso3: str, when: dt.date) -> Holder | None:
    """The one gazetteer holder of an office class in a country on a date, or None."""
    found = {
        h.name: h
        for h in _holders_by_office().get((office, iso3), ())
        if (h.start is None or h.start <= when) and (h.end is None or when <= h.end)
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
    document_id: int | None = None
    span_start: int | None = None
    span_end: int | None = None
    country_reason: str | None = None
    #: the code of the international organisation an official with no country acts for
    #: (``EU``, ``UN``: :func:`communique.archive.actors.actor`)
    organization: str | None = None


#: the extractor's reasons for a country that are guesses from the meeting, not from the
#: person: a minister met on a visit to Kenya is not Kenyan because the meeting was there
WEAK_COUNTRY_REASONS = (
    "host country of the meeting",
    "the other country of the engagement's name",
    "the publisher's own official (title names no country)",
)
#: how far after a name its description is read for a country (characters); an
#: apposition ("..., Minister of Foreign Affairs, International Cooperation and Gambians
#: Abroad of the Republic of Gambia") fits, and it stops earlier at the next person
DESCRIPTION_CHARS = 220
_NEXT_PERSON = re.compile(
    r"(?:[.;:]\s|\s(?:and|with)\s+(?:H\.E\.|Hon\.|Mr\.|Ms\.|Mrs\.|Dr\.|Amb\.)|,\s*"
    r"(?:H\.E\.|Hon\.|Mr\.|Ms\.|Mrs\.|Dr\.|Amb\.|Prof\.)|\n)"
)


def needs_description(m: Mention) -> bool:
    """A named mention whose country is unknown or only guessed from the meeting (an
    organisation's official acts for it: no country is looked for)."""
    if m.organization and m.country is None:
        return False
    return bool(m.name) and (m.country is None or (m.country_reason or "") in WEAK_COUNTRY_REASONS)


def country_in_description(text: str, end: int) -> tuple[str, str] | None:
    """(iso3, the words that say it) from the description that follows a name ending at
    ``end``: a country's name or adjective ("of the Republic of Gambia", "Japan's
    Special Envoy") or a department that names its country ("FCDO"); None when the
    description names none, or names several."""
    return _described_country(text[end : end + DESCRIPTION_CHARS])


@functools.lru_cache(maxsize=16384)
def _described_country(window: str) -> tuple[str, str] | None:
    """:func:`country_in_description` of the words after a name (cached: every batch's
    linking describes again the stored mentions of the families it reaches)."""
    stop = _NEXT_PERSON.search(window)
    if stop:
        window = window[: stop.start()]
    found: dict[str, str] = {}
    for form, iso in ministries().items():
        if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", window):
            found.setdefault(iso, form)
    toks = re.findall(r"[^\s,()&;:]+", window.replace("’", "'"))
    toks = [x.rstrip(".").removesuffix("'s") for x in toks]
    sensitive = case_sensitive_forms()
    for i, j, iso in lexicon.find_countries([x.lower() for x in toks]):
        words = " ".join(toks[i:j])
        if words.lower() in sensitive and not words.isupper():
            continue
        if any("-" in x for x in toks[i:j]):
            continue  # "U.S.-Israel", "Japan-Russia": a pair, not the person's country
        found.setdefault(iso, words)
    if len(found) == 1:
        iso, words = next(iter(found.items()))
        return iso, words
    return None


@dataclass
class Resolved:
    key: str | None
    reason: str
    #: the name form this mention adds to its person (None: a fragment, or unnamed)
    form: str | None = None


@dataclass
class PersonInfo:
    key: str
    name: str
    family: str
    country: str | None
    forms: set[str]
    offices: dict[tuple[str, str | None], list[dt.date | None]]


@dataclass(frozen=True)
class Override:
    """An analyst's correction, kept across re-extraction and relinking: ``merge`` the
    people of ``keys`` into the first, or ``split`` off from person ``key`` the mentions
    whose name form (folded) is in ``forms`` or whose document is in ``documents``."""

    id: int
    kind: str
    keys: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    documents: tuple[int, ...] = ()

    def split_key(self) -> str:
        return f"{self.keys[0]}#{self.id}"


#: a transliteration of a family name this close to the office holder's (edits; 1 for
#: names up to 6 letters) is that holder: "Kano" for Kono, "Tovijakchaikul" for
#: "Tovichakchaikul" — both typos in published readouts; 3 would join Aso and Abe
_SPELLING_EDITS = 2
#: an unnamed principal is the one person the archive saw in that office of that country
#: this many days either side: about half a year, the rule's value since it was written
#: (not recalibrated; named here because a batch's linking reads it too)
OFFICE_HISTORY_DAYS = 180
#: an apposition ("Bui Thanh Son, Minister of ... Repulic") starts within this many
#: characters after the name it describes (", ")
_APPOSITION_GAP = 3


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _close(a: str, b: str) -> bool:
    limit = 1 if max(len(a), len(b)) <= 6 else _SPELLING_EDITS
    return a != b and a[:1] == b[:1] and _edits(a, b) <= limit


@functools.lru_cache(maxsize=1)
def _holder_index() -> dict[str, tuple[tuple[str, str | None, Holder], ...]]:
    """The key of every name and alias of an office holder -> (the holder's own key,
    country, holder)."""
    idx: dict[str, dict[tuple[str, str | None], Holder]] = {}
    for h in office_holders():
        own = parse_name(h.name, h.family, h.iso3)
        if own is None:
            continue
        for form in (h.name, *h.aliases):
            p = parse_name(form, h.family, h.iso3)
            if p is not None and p.given:
                idx.setdefault(p.key, {}).setdefault((own.key, h.iso3), h)
    return {k: tuple((ok, iso, h) for (ok, iso), h in v.items()) for k, v in idx.items()}


@functools.lru_cache(maxsize=4096)
def holder_key(name: str, family: str) -> str | None:
    p = parse_name(name, family)
    return p.key if p else None


def _not_a_name(word: str) -> bool:
    """A word no person is called by alone: a country, a title word, a common word."""
    w = fold(word).strip(".,")
    return w in country_forms() or w in lexicon.title_vocab() or w in lexicon.not_names()


def _same_country(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def with_descriptions(
    mentions: list[Mention], windows: dict[int, str] | None
) -> tuple[list[Mention], dict[int, str]]:
    """The mentions with a country guessed from the meeting replaced by the one the
    name's description says, and a note on each mention so changed (by id). ``windows``:
    the text after each mention that needs it (:data:`DESCRIPTION_CHARS`), by id."""
    if not windows:
        return mentions, {}
    described: dict[int, str] = {}
    copies = []
    for m in mentions:
        window = windows.get(m.id)
        hit = country_in_description(window, 0) if window and needs_description(m) else None
        if hit and hit[0] != m.country:
            was = f"not {m.country} ({m.country_reason})" if m.country else "none given"
            described[m.id] = (
                f"; country {hit[0]} from the words after the name ('{hit[1]}'), {was}"
            )
            m = dataclasses.replace(m, country=hit[0], country_reason="description")
        copies.append(m)
    return copies, described


@dataclass
class _Resolving:
    """What the passes of :func:`resolve` share."""

    mentions: list[Mention]
    parsed: dict[int, NameParts]
    out: dict[int, Resolved] = dataclasses.field(default_factory=dict)
    holder_of: dict[str, Holder] = dataclasses.field(default_factory=dict)
    #: person key -> the transliterated given names of its full forms, its countries
    givens: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    countries: dict[str, list[str]] = dataclasses.field(default_factory=dict)


def _full_name_key(rs: _Resolving, m: Mention, p: NameParts) -> tuple[str, str]:
    """(key, reason) of a full name: its own key, or an office holder's when the
    gazetteer lists it as a form of one, or when it is a near spelling of the holder
    of the mention's office on its date."""
    key, why = p.key, "name"
    cands = {
        (ok, h.name): h
        for ok, iso, h in _holder_index().get(key, ())
        if _same_country(iso, m.country)
    }
    owners = {ok for ok, _n in cands}
    if len(owners) == 1:
        ok, h = next(iter(cands.items()))
        rs.holder_of.setdefault(ok[0], h)
        if ok[0] != key:
            why = f"name; '{m.name}' is a form of {h.name} (office holders gazetteer)"
        return ok[0], why
    oc = office_class(m.title)
    h = holder_on(oc, m.country, m.when) if oc and m.country and m.when else None
    hk = holder_key(h.name, h.family) if h else None
    if h and hk and hk != key:
        hfam, hfirst = hk.split("|")
        fam, first = key.split("|")
        if first == hfirst and _close(fam, hfam):
            rs.holder_of.setdefault(hk, h)
            why = (
                f"name; '{m.name}' read as {h.name}, {oc} of {m.country} on "
                f"{m.when.isoformat()} (office holders gazetteer; spelling differs)"
            )
            return hk, why
    return key, why


def _full_names(rs: _Resolving) -> None:
    """1. full names (a given name and a family name)."""
    for m in rs.mentions:
        p = rs.parsed.get(m.id)
        if p is None or not p.given:
            continue
        key, why = _full_name_key(rs, m, p)
        rs.out[m.id] = Resolved(key, why, m.name)
        rs.givens.setdefault(key, set()).update(
            translit(g) for g in p.given if not re.fullmatch(r"(?:[A-Z]\.?)+", g)
        )
        if m.country:
            rs.countries.setdefault(key, []).append(m.country)


def _fuller_forms(rs: _Resolving) -> None:
    """1b. given names part of another's: the same person written more fully."""
    givens, countries = rs.givens, rs.countries
    fam_of = {k: k.split("|")[0] for k in givens}
    remap: dict[str, str] = {}
    for a in givens:
        if a in rs.holder_of:
            continue
        fuller = [
            b
            for b in givens
            if b != a
            and fam_of[b] == fam_of[a]
            and givens[a] < givens[b]
            and (
                not countries.get(a)
                or not countries.get(b)
                or set(countries[a]) & set(countries[b])
            )
        ]
        if len(fuller) == 1:
            remap[a] = fuller[0]
    for mid, r in rs.out.items():
        if r.key in remap:
            target = remap[r.key]
            rs.out[mid] = Resolved(
                target, "name; given names part of the fuller form of the same person", r.form
            )
            countries.setdefault(target, []).extend(countries.pop(r.key, []))


def _family_by_holder(m: Mention, cands: list[str]) -> Resolved | None:
    """A family-only form among several known people: the holder of the mention's office
    on its date, when that is one of them."""
    if len(cands) <= 1 or not m.country or not m.when:
        return None
    oc = office_class(m.title)
    h = holder_on(oc, m.country, m.when) if oc else None
    hk = holder_key(h.name, h.family) if h else None
    if hk not in cands:
        return None
    return Resolved(
        hk,
        f"family name only; {h.name} was {oc} of {m.country} on "
        f"{m.when.isoformat()} (office holders gazetteer)",
        m.name,
    )


def _apposition_host(m: Mention, named_in_doc: dict[int | None, list[Mention]]) -> Mention | None:
    """The named person a word follows as an apposition ("Bui Thanh Son, ... Repulic")."""
    if m.span_start is None:
        return None
    for o in named_in_doc.get(m.document_id, []):
        if (
            o.span_end is not None
            and 0 <= m.span_start - o.span_end <= _APPOSITION_GAP
            and _same_country(o.country, m.country)
        ):
            return o
    return None


def _family_only(rs: _Resolving) -> None:
    """2. family name only: the one known person with it (and the same country)."""
    keys_by_family: dict[str, set[str]] = {}
    for r in rs.out.values():
        if r.key:
            keys_by_family.setdefault(r.key.split("|")[0], set()).add(r.key)
    key_country = {k: set(v) for k, v in rs.countries.items()}
    named_in_doc: dict[int | None, list[Mention]] = {}
    for m in rs.mentions:
        if m.id in rs.out and m.span_end is not None:
            named_in_doc.setdefault(m.document_id, []).append(m)
    for m in rs.mentions:
        p = rs.parsed.get(m.id)
        if p is None or p.given:
            continue
        fam = translit(p.family)
        cands = sorted(
            k
            for k in keys_by_family.get(fam, ())
            if "#" not in k
            and (not m.country or not key_country.get(k) or m.country in key_country[k])
        )
        by_holder = _family_by_holder(m, cands)
        host = _apposition_host(m, named_in_doc) if not cands else None
        if by_holder is not None:
            rs.out[m.id] = by_holder
        elif len(cands) == 1:
            why = f"family name only; the one {p.family} known in the archive"
            rs.out[m.id] = Resolved(cands[0], why, m.name)
        elif host is not None:
            rs.out[m.id] = Resolved(
                rs.out[host.id].key,
                f"'{m.name}' follows {host.name} as an apposition: not a name of its own",
            )
        elif not cands and _not_a_name(p.family):
            rs.out[m.id] = Resolved(None, f"'{m.name}' is not a person's name")
        else:
            why = "family name only; several known" if cands else "family name only"
            rs.out[m.id] = Resolved(f"{fam}|@{m.country or '?'}", why, m.name)


def _unnamed_principal(
    rs: _Resolving, m: Mention, seen_offices: dict[tuple[str, str], list[tuple[str, dt.date]]]
) -> Resolved:
    """3. an unnamed principal: the office holder on the date (the gazetteer's, else the
    only one the archive's office history has within 180 days)."""
    oc = office_class(m.title)
    iso = m.country or m.publisher
    if not oc or not iso or not m.when:
        why = f"unnamed '{m.title or '?'}'" + (f" of {iso}" if iso else "")
        return Resolved(None, why + ": office, country or date unknown")
    h = holder_on(oc, iso, m.when)
    src = "" if m.country else " (country from the publisher)"
    if h is not None:
        key = holder_key(h.name, h.family) or ""
        rs.holder_of.setdefault(key, h)
        return Resolved(
            key,
            f"unnamed '{m.title}' of {iso}{src} on {m.when.isoformat()}: {h.name} held the office "
            "(office holders gazetteer)",
            h.name,
        )
    seen = seen_offices.get((oc, iso), [])
    near = {k for k, d in seen if abs((d - m.when).days) <= OFFICE_HISTORY_DAYS}
    if len(near) == 1:
        return Resolved(
            near.pop(),
            f"unnamed '{m.title}' of {iso}{src} on {m.when.isoformat()}: the only {oc} of {iso} "
            "the archive has within 180 days (archive office history)",
        )
    return Resolved(
        None, f"unnamed '{m.title}' of {iso} on {m.when.isoformat()}: no office holder known"
    )


def _unnamed(rs: _Resolving) -> None:
    # office history of named people, for unnamed principals the gazetteer does not know
    seen_offices: dict[tuple[str, str], list[tuple[str, dt.date]]] = {}
    for m in rs.mentions:
        r = rs.out.get(m.id)
        oc = office_class(m.title)
        if r and r.key and oc and m.country and m.when:
            seen_offices.setdefault((oc, m.country), []).append((r.key, m.when))
    for m in rs.mentions:
        if m.id not in rs.out:
            rs.out[m.id] = _unnamed_principal(rs, m, seen_offices)


def _apply_overrides(rs: _Resolving, overrides: list[Override] | tuple[Override, ...]) -> None:
    """4. the analysts' overrides, oldest first."""
    by_id = {m.id: m for m in rs.mentions}
    out = rs.out
    for o in sorted(overrides, key=lambda o: o.id):
        if o.kind == "merge" and len(o.keys) > 1:
            # the people merged in, by key, or by their name forms should a newer
            # extractor or newer rules give those forms other keys
            into, others, forms = o.keys[0], set(o.keys[1:]), set(o.forms)
            for mid, r in out.items():
                if r.key != into and (
                    r.key in others or (r.key and fold((by_id[mid].name or "").strip()) in forms)
                ):
                    out[mid] = Resolved(into, f"{r.reason}; merged by an analyst (#{o.id})", r.form)
        elif o.kind == "split" and o.keys:
            forms, docs = set(o.forms), set(o.documents)
            for mid, r in out.items():
                m = by_id[mid]
                if r.key == o.keys[0] and (
                    fold((m.name or "").strip()) in forms or m.document_id in docs
                ):
                    out[mid] = Resolved(
                        o.split_key(), f"{r.reason}; split off by an analyst (#{o.id})", r.form
                    )


def resolve(
    mentions: list[Mention],
    overrides: list[Override] | tuple[Override, ...] = (),
    windows: dict[int, str] | None = None,
) -> tuple[dict[int, Resolved], dict[str, PersonInfo]]:
    """Person key (and reason) for every participant, and what is known of each person.

    One person per human: name forms share a key (order, transliteration, honorifics,
    suffixes, the person's family-name convention); forms the office holders
    gazetteer lists for one person ("Joseph R. Biden", "Joe Biden") and spellings close
    to the holder of the mention's office on its date ("Taro Kano" for Taro Kono) are
    that person; a full name whose given names are part of another's with the same
    family name and country ("Musalia Mudavadi", "Wycliffe Musalia Mudavadi") is it; an
    apposition read as a name ("Repulic") is not a person. Analysts' ``overrides``
    come last."""
    # a country guessed from the meeting yields to the one the name's description says
    mentions, described = with_descriptions(mentions, windows)
    parsed: dict[int, NameParts] = {}
    for m in mentions:
        p = parse_name(m.name, m.family, m.country)
        if p is not None:
            parsed[m.id] = p
    rs = _Resolving(mentions, parsed)
    _full_names(rs)
    _fuller_forms(rs)
    _family_only(rs)
    _unnamed(rs)
    _apply_overrides(rs, overrides)
    for mid, note in described.items():
        r = rs.out[mid]
        rs.out[mid] = Resolved(r.key, r.reason + note, r.form)
    return rs.out, _info(mentions, rs.out, parsed, rs.holder_of)


@functools.lru_cache(maxsize=1)
def _holder_rows() -> dict[str, tuple[Holder, ...]]:
    """A person's key -> every office the gazetteer lists them in."""
    out: dict[str, list[Holder]] = {}
    for h in office_holders():
        k = holder_key(h.name, h.family)
        if k:
            out.setdefault(k, []).append(h)
    return {k: tuple(v) for k, v in out.items()}


def _holder_country(key: str, dates: list[dt.date]) -> str | None:
    """The country of the offices the gazetteer says a person held on the days they are
    mentioned, or the organisation's code for an international office (the UN
    Secretary-General is filed under ``UN``, not the country he once led); None when the
    gazetteer does not say."""
    held = {
        h.iso3 or organization_code(h.office)
        for h in _holder_rows().get(key, ())
        for d in dates
        if (h.start is None or h.start <= d) and (h.end is None or d <= h.end)
    }
    return held.pop() if len(held) == 1 else None


def _info(
    mentions: list[Mention],
    out: dict[int, Resolved],
    parsed: dict[int, NameParts],
    holder_of: dict[str, Holder],
) -> dict[str, PersonInfo]:
    """What is known of each person: the name most used (its full form), family name,
    country, name forms and office history."""
    forms: dict[str, list[str]] = {}
    fams: dict[str, list[str]] = {}
    displays: dict[str, list[str]] = {}
    countries: dict[str, list[str]] = {}
    for m in mentions:
        r = out.get(m.id)
        if not r or not r.key:
            continue
        forms.setdefault(r.key, [])
        if r.form:
            forms[r.key].append(r.form)
            p = parsed.get(m.id)
            if p is not None and r.form == m.name:
                fams.setdefault(r.key, []).append(p.family)
                if p.given:
                    displays.setdefault(r.key, []).append(p.display)
            elif r.form != m.name:  # an unnamed principal: the holder's name
                p = parse_name(r.form)
                if p is not None:
                    displays.setdefault(r.key, []).append(p.display)
        # an official of an organisation is filed under it, not the country once led
        c = m.country or m.organization or (m.publisher if m.name is None else None)
        if c:
            countries.setdefault(r.key, []).append(c)

    dates: dict[str, list[dt.date]] = {}
    for m in mentions:
        r = out.get(m.id)
        if r and r.key and m.when:
            dates.setdefault(r.key, []).append(m.when)

    def most(xs: list[str]) -> str | None:
        return sorted(set(xs), key=lambda x: (-xs.count(x), -len(x), x))[0] if xs else None

    info: dict[str, PersonInfo] = {}
    for key, fs in forms.items():
        base = key.split("#")[0]
        h = holder_of.get(base)
        name = most(displays.get(key, [])) or most(fs) or (h.name if h else key)
        if h is not None and "#" not in key:
            name, family = h.name, h.family  # the name the office holders list knows
        else:
            family = most(fams.get(key, [])) or key.split("|")[0]
        country = most(countries.get(key, [])) or _holder_country(base, dates.get(key, []))
        info[key] = PersonInfo(key, name, family, country, set(fs), {})
    for m in mentions:
        r = out.get(m.id)
        label = office_label(m.title)
        if not r or not r.key or not label:
            continue
        span = info[r.key].offices.setdefault(
            (label, m.country or m.organization or m.publisher), [None, None]
        )
        if m.when:
            span[0] = m.when if span[0] is None else min(span[0], m.when)
            span[1] = m.when if span[1] is None else max(span[1], m.when)
    return info


def key_for_name(name: str, family: str | None = None) -> str | None:
    p = parse_name(name, family)
    return p.key if p else None
