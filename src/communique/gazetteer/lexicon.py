"""Look-ups over the gazetteers that the extractor and the archive's linking share
(built once, cached).

Needs: the data files of :mod:`communique.gazetteer`. Adds: fast answers to "is this
token a title word / honorific / country form / never a name", and country and
organisation look-ups over token n-grams.
"""

from __future__ import annotations

import csv
import functools

from communique import gazetteer as gz
from communique.gazetteer.files import data_lines

#: longest country or organisation form, in words ("the Democratic People's Republic of Korea")
MAX_FORM_WORDS = 7


def _data_lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_lines(name)]


@functools.lru_cache(maxsize=1)
def title_words() -> dict[str, str]:
    rows = csv.reader(_data_lines("title_words.tsv")[1:], delimiter="\t")
    out: dict[str, str] = {}
    for w, role in rows:
        out.setdefault(w, role)  # the first role listed wins ("minister" is a head)
    return out


def _with_role(role: str) -> frozenset[str]:
    return frozenset(w for w, r in title_words().items() if r == role)


def _multiword(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The forms of more than one word, split into words, longest first."""
    multi = [tuple(w.split()) for w in words if " " in w]
    return tuple(sorted(multi, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def heads() -> frozenset[str]:
    return _with_role("head")


@functools.lru_cache(maxsize=1)
def multiword_heads() -> tuple[tuple[str, ...], ...]:
    return _multiword(heads())


@functools.lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return _with_role("honorific")


@functools.lru_cache(maxsize=1)
def multiword_honorifics() -> tuple[tuple[str, ...], ...]:
    return _multiword(honorifics())


@functools.lru_cache(maxsize=1)
def title_vocab() -> frozenset[str]:
    words: set[str] = set()
    for w in title_words():
        words.update(w.split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(_data_lines("not_names.txt"))


@functools.lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    return dict(gz.country_forms())


@functools.lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Every single word that occurs in a country form (for "is this a name?")."""
    out: set[str] = set()
    for form in country_forms():
        if " " not in form:
            out.add(form)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def organizations() -> dict[str, str]:
    return dict(gz.organizations())


def lookup_country(words: list[str]) -> str | None:
    """ISO3 for an exact country form (words lower-cased)."""
    if not words:
        return None
    forms = country_forms()
    key = " ".join(words)
    iso = forms.get(key)
    if iso is None and words[0] == "the":
        iso = forms.get(" ".join(words[1:]))
    return iso


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every country form, and the first parts of hyphenated compounds."""
    return frozenset(f.split()[0] for f in country_forms())


def find_countries(lowers: list[str]) -> list[tuple[int, int, str]]:
    """(i, j, iso3) for country forms in a list of lower-cased tokens, longest first."""
    out: list[tuple[int, int, str]] = []
    firsts = _first_words()
    if not any(w in firsts or ("-" in w and w.split("-")[0] in firsts) for w in lowers):
        return out
    i = 0
    n = len(lowers)
    forms = country_forms()
    while i < n:
        hit = None
        for j in range(min(n, i + MAX_FORM_WORDS), i, -1):
            iso = forms.get(" ".join(lowers[i:j]))
            if iso:
                hit = (i, j, iso)
                break
        if hit is None and "-" in lowers[i]:
            first = lowers[i].split("-")[0]
            iso = forms.get(first)
            if iso:
                hit = (i, i + 1, iso)
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def find_organization(lowers: list[str]) -> str | None:
    found = find_organization_span(lowers)
    return found[2] if found else None


def find_organization_span(lowers: list[str]) -> tuple[int, int, str] | None:
    """(first word, end word, name) of the first organisation named in ``lowers``."""
    orgs = organizations()
    n = len(lowers)
    for i in range(n):
        for j in range(min(n, i + MAX_FORM_WORDS), i, -1):
            name = orgs.get(" ".join(lowers[i:j]))
            if name:
                return i, j, name
    return None


@functools.lru_cache(maxsize=1)
def adjective_forms() -> dict[str, str]:
    """Lower-cased adjectives ("japanese", "u.s.") and possessive-able names -> ISO3."""
    out: dict[str, str] = {}
    for c in gz.countries().values():
        for a in c.adjectives:
            out.setdefault(a.lower(), c.iso3)
        for f in (c.name, *c.forms):
            if " " not in f:
                out.setdefault(f.lower(), c.iso3)
    return out


@functools.lru_cache(maxsize=1)
def city_words() -> frozenset[str]:
    """Lower-cased single-word city names (never a person's name in a readout)."""
    return frozenset(k for k in gz.cities() if " " not in k)


@functools.lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Lower-cased city names and their other forms ("saint petersburg")."""
    return frozenset(gz.cities())


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-cased names and forms of countries, without adjectives ("japanese")."""
    out: dict[str, str] = {}
    for c in gz.countries().values():
        for f in (c.name, *c.forms):
            out.setdefault(f.lower(), c.iso3)
            out.setdefault("the " + f.lower(), c.iso3)
    return out


def lookup_country_name(words: list[str]) -> str | None:
    """ISO3 for an exact country name or form (not an adjective)."""
    key = " ".join(words)
    return country_names().get(key) or (
        country_names().get(" ".join(words[1:])) if words[:1] == ["the"] else None
    )


@functools.lru_cache(maxsize=1)
def multiword_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """first word -> ((words, "head"|"honorific"), ...) for multi-word heads and honorifics, longest first."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for multi in multiword_heads():
        out.setdefault(multi[0], []).append((multi, "head"))
    for multi in multiword_honorifics():
        out.setdefault(multi[0], []).append((multi, "honorific"))
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in out.items()}
