"""Personal names in their bearer's own convention: which word is the family name.

One function, :func:`split_name`, for every stage that needs a family name (the archive's
people, and the extractor):

* family name first where that is the convention: Chinese, Korean, Vietnamese, Khmer
  ("Wang Yi" -> Wang, "Park Jin" -> Park, "Bui Thanh Son" -> Bui, "Hun Sen" -> Hun), and
  in Singapore and Malaysia when the first word is a listed family name;
* a word in capitals is the family name ("KISHIDA Fumio", "YOON Suk Yeol");
* Spanish double surnames: the first (paternal) surname is the one used ("José Antonio
  Meade Kuribreña" -> Meade, "Marcelo Ebrard Casaubón" -> Ebrard, "Josep Borrell
  Fontelles" -> Borrell, "Carlos de Icaza González" -> de Icaza); Portuguese names keep
  the last surname ("Antonio de Aguiar Patriota" -> Patriota);
* generational suffixes are kept apart ("Lloyd J. Austin III" -> Austin, suffix III;
  "Gilberto C. Teodoro Jr." -> Teodoro), post-nominal letters dropped ("Vicky Ford MP"),
  honorifics dropped ("H.E. Mr.", "Samdech Akka Moha Sena Padei Techo");
* a comma puts the family name first ("Lavrov, Sergey Viktorovich"), except before a
  suffix ("Joseph R. Biden, Jr.").

The knowledge is data in ``gazetteer/``: ``family_names.tsv`` (Chinese, Korean,
Vietnamese, Khmer and Japanese family names), ``given_names_ja.tsv``,
``given_names_es.tsv`` (two given names: "José Antonio"), ``name_words.tsv``
(honorifics, particles, suffixes, post-nominals) and ``name_conventions.tsv`` (the
convention of a country's names).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from communique.gazetteer.files import data_lines, records
from communique.util.text import fold

#: conventions of ``name_conventions.tsv``
FAMILY_FIRST = "family_first"
FAMILY_FIRST_IF_LISTED = "family_first_if_listed"
SPANISH = "hispanic"
PORTUGUESE = "lusophone"
#: cultures of ``family_names.tsv`` whose names are written family name first
_FAMILY_FIRST_CULTURES = frozenset({"zh", "ko", "vi", "km"})
#: the longest name written family first (family name and up to three given syllables:
#: "Nguyen Tan Dung", "Lee Hsien Loong"); longer names are given-name-first forms
_MAX_FAMILY_FIRST_WORDS = 4
_ROMAN = re.compile(r"^[IVX]+\.?$")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in records("name_words.tsv"):
        out.setdefault(row["kind"], set()).add(fold(row["word"]))
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def family_name_cultures() -> dict[str, frozenset[str]]:
    """folded family name -> the cultures it is listed under."""
    out: dict[str, set[str]] = {}
    for row in records("family_names.tsv"):
        out.setdefault(fold(row["family_name"]), set()).add(row["culture"])
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _given(filename: str) -> frozenset[str]:
    return frozenset(fold(r["given_name"]) for r in records(filename))


@functools.lru_cache(maxsize=1)
def hispanic_given() -> frozenset[str]:
    """Given names of Spanish and Portuguese speakers, folded (``given_names_es.tsv``)."""
    return _given("given_names_es.tsv")


def _conventions_rows() -> list[list[str]]:
    """The rows of ``name_conventions.tsv`` (which opens with comment lines), header dropped."""
    return [ln.split("\t") for ln in data_lines("name_conventions.tsv")[1:]]


@functools.lru_cache(maxsize=1)
def conventions() -> dict[str, str]:
    """ISO3 -> naming convention (``family_first``, ``hispanic``, ...); the file opens
    with comment lines before its header."""
    return {r[0].strip(): r[1].strip() for r in _conventions_rows() if len(r) >= 2}


@dataclass(frozen=True)
class PersonName:
    """A name split in its bearer's convention."""

    given: tuple[str, ...]
    #: the family name people use ("Meade", "Wang", "del Rosario"); for a single word
    #: ("Lavrov", "Hassan") that word
    family: str
    #: every surname, in order ("Meade Kuribreña")
    surnames: tuple[str, ...] = ()
    #: "Jr.", "III"
    suffix: str | None = None
    #: written family name first by convention ("Wang Yi"), shown that way
    family_first: bool = False

    @property
    def display(self) -> str:
        """The whole name in its usual order: "Wang Yi", "Fumio Kishida", "Lloyd J.
        Austin III"."""
        fam = list(self.surnames or (self.family,))
        words = [*fam, *self.given] if self.family_first else [*self.given, *fam]
        if self.suffix:
            words.append(self.suffix)
        return " ".join(w for w in words if w)


def _titlecase(word: str) -> str:
    """A word written in capitals as a name ("KISHIDA" -> "Kishida", "NKOANA-MASHABANE"
    -> "Nkoana-Mashabane"); other words unchanged."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and word.isupper() and "." not in word and not _ROMAN.match(word):
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and word.isupper() and "." not in word and not _ROMAN.match(word)


def _is_initial(word: str) -> bool:
    """A middle initial ("R.", "J", "L.P."), never a family name."""
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}|[A-Z]", word))


@functools.lru_cache(maxsize=1)
def _longest_honorific() -> int:
    return max((len(h.split()) for h in _words().get("honorific", ())), default=1)


def _strip_honorifics(tokens: list[str]) -> list[str]:
    hon = _words().get("honorific", frozenset())
    longest = _longest_honorific()
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for n in range(min(longest, len(tokens) - 1), 0, -1):
            phrase = fold(" ".join(tokens[:n]))
            if phrase in hon or phrase.rstrip(".") in hon:
                tokens = tokens[n:]
                changed = True
                break
    return tokens


def _strip_tail(tokens: list[str]) -> tuple[list[str], str | None]:
    """Drop post-nominal letters and take a generational suffix off the end."""
    words = _words()
    suffix = None
    while len(tokens) > 1:
        last = fold(tokens[-1]).rstrip(",")
        if last in words.get("postnominal", ()) or last.rstrip(".") in words.get("postnominal", ()):
            tokens = tokens[:-1]
        elif suffix is None and (
            last in words.get("suffix", ()) or last.rstrip(".") in words.get("suffix", ())
        ):
            suffix = tokens[-1].rstrip(",")
            tokens = tokens[:-1]
        else:
            break
    if tokens:
        tokens[-1] = tokens[-1].rstrip(",")
    return tokens, suffix


def _particle_start(core: list[str], end: int) -> int:
    """Index where the family name ending at ``end`` (exclusive) begins, taking in the
    particles before it ("del Rosario", "von der Leyen", "de Icaza")."""
    parts = _words().get("particle", frozenset())
    i = end - 1
    while i - 1 >= 1 and fold(core[i - 1]) in parts:
        i -= 1
    return i


def _listed(word: str, cultures: frozenset[str]) -> bool:
    return bool(family_name_cultures().get(fold(word), frozenset()) & cultures)


@functools.lru_cache(maxsize=65536)
def split_name(
    name: str | None, *, country: str | None = None, family: str | None = None
) -> PersonName | None:
    """Split a name as written into given names and family name, in the convention of
    the person's ``country`` (ISO3) when known. ``family`` is a hint (the family name a
    reader already found); it decides only the order of a name written family first
    ("Motegi Toshimitsu"). None when there is no name.

    In order: a "Family, Given" form; honorifics and post-nominal letters dropped; a
    family name marked by capitals; the hint written first; then the country's
    convention and the name lists (:func:`_by_convention`)."""
    if not name or not name.strip():
        return None
    text = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()
    text, inverted = _comma_form(text)
    if inverted is not None:
        return inverted
    tokens, suffix = _strip_tail(_strip_honorifics(text.split()))
    if not tokens:
        return None
    if len(tokens) == 1:
        w = _titlecase(tokens[0])
        return PersonName((), w, (w,), suffix)
    conv = conventions().get((country or "").upper())
    found = _by_capitals(tokens, suffix, conv)
    if found is not None:
        return found
    tokens = [_titlecase(t) for t in tokens]
    found = _hint_first(tokens, family, suffix, conv) if family else None
    return found if found is not None else _by_convention(tokens, suffix, conv, country)


def _comma_form(text: str) -> tuple[str, PersonName | None]:
    """A name with a comma: "Joseph R. Biden, Jr." (the text without its comma), or
    "Family, Given" (split here); otherwise the text as it was."""
    if "," not in text:
        return text, None
    head, _, rest = text.partition(",")
    rest_toks = rest.split()
    if rest_toks and all(
        fold(t).rstrip(".") in _words().get("suffix", ())
        or fold(t).rstrip(".") in _words().get("postnominal", ())
        for t in rest_toks
    ):
        return f"{head} {rest}".strip(), None  # "Joseph R. Biden, Jr."
    if not rest_toks:
        return text, None
    ftoks = _strip_honorifics(head.split())
    gtoks, suffix = _strip_tail(_strip_honorifics(rest_toks))
    if ftoks and gtoks:
        return text, PersonName(
            tuple(_titlecase(g) for g in gtoks),
            _titlecase(" ".join(ftoks)),
            tuple(_titlecase(f) for f in ftoks),
            suffix,
        )
    return head, None


def _by_capitals(tokens: list[str], suffix: str | None, conv: str | None) -> PersonName | None:
    """Capitals mark the family name: "KISHIDA Fumio", "MEADE KURIBREÑA José Antonio"."""
    caps = [i for i, t in enumerate(tokens) if _is_caps(t)]
    if not (caps and len(caps) < len(tokens) and caps == list(range(caps[0], caps[-1] + 1))):
        return None
    fam = [_titlecase(tokens[i]) for i in caps]
    given = [t for i, t in enumerate(tokens) if i not in caps]
    first = caps[0] == 0
    listed_first = _listed(fam[0], _FAMILY_FIRST_CULTURES) and not _listed(fam[0], {"ja"})
    principal = fam[-1] if conv == PORTUGUESE else fam[0]
    return PersonName(
        tuple(given),
        principal if len(fam) > 1 else fam[0],
        tuple(fam),
        suffix,
        family_first=first and (conv in (FAMILY_FIRST, FAMILY_FIRST_IF_LISTED) or listed_first),
    )


def _hint_first(
    tokens: list[str], family: str, suffix: str | None, conv: str | None
) -> PersonName | None:
    """A family name the reader already found, written first ("Motegi Toshimitsu")."""
    ftoks = family.split()
    n = len(ftoks)
    if len(tokens) > n and [fold(x) for x in tokens[:n]] == [fold(x) for x in ftoks]:
        return PersonName(
            tuple(tokens[n:]),
            " ".join(tokens[:n]),
            tuple(tokens[:n]),
            suffix,
            family_first=conv in (FAMILY_FIRST, FAMILY_FIRST_IF_LISTED)
            or _listed(ftoks[0], _FAMILY_FIRST_CULTURES),
        )
    return None


def _by_convention(
    tokens: list[str], suffix: str | None, conv: str | None, country: str | None
) -> PersonName:
    """A name without marks, split by its country's convention and the name lists."""
    first_listed = _listed(tokens[0], _FAMILY_FIRST_CULTURES)
    last_listed = _listed(tokens[-1], _FAMILY_FIRST_CULTURES)
    short = len(tokens) <= _MAX_FAMILY_FIRST_WORDS and not any(_is_initial(t) for t in tokens)
    if short and (
        (conv == FAMILY_FIRST and (first_listed or not last_listed))
        or (conv in (FAMILY_FIRST_IF_LISTED, None) and first_listed)
    ):
        return PersonName(tuple(tokens[1:]), tokens[0], (tokens[0],), suffix, family_first=True)
    # Japanese written family name first without capitals ("Motegi Toshimitsu")
    ja_given = _given("given_names_ja.tsv")
    if (
        len(tokens) == 2
        and _listed(tokens[0], {"ja"})
        and fold(tokens[1]) in ja_given
        and fold(tokens[0]) not in ja_given
    ):
        return PersonName((tokens[1],), tokens[0], (tokens[0],), suffix)
    if len(tokens) >= 3 and (
        conv == SPANISH
        # no known country (an international organisation's official) and a Spanish or
        # Portuguese given name first: "Josep Borrell Fontelles", as the extractor reads it
        # (not a Portuguese one: "Mauro Luiz Iecker Vieira" keeps his last surname)
        or (country is None and fold(tokens[0]) in _given("given_names_es.tsv"))
    ):
        return _spanish(tokens, suffix)
    start = _particle_start(tokens, len(tokens))
    fam = tokens[start:]
    return PersonName(tuple(tokens[:start]), " ".join(fam), (" ".join(fam),), suffix)


def _spanish(tokens: list[str], suffix: str | None) -> PersonName:
    """Given names, then paternal and maternal surnames; the paternal one is used."""
    es_given = hispanic_given()
    parts = _words().get("particle", frozenset())
    g = 1
    while g + 1 < len(tokens) and fold(tokens[g]) in es_given and not _is_initial(tokens[g]):
        g += 1
    while g < len(tokens) - 1 and _is_initial(tokens[g]):
        g += 1
    rest = tokens[g:]
    surnames: list[str] = []
    i = 0
    while i < len(rest):
        j = i
        while j < len(rest) - 1 and fold(rest[j]) in parts:
            j += 1
        surnames.append(" ".join(rest[i : j + 1]))
        i = j + 1
    return PersonName(tuple(tokens[:g]), surnames[0], tuple(surnames), suffix)


def family_name(name: str | None, *, country: str | None = None) -> str | None:
    """The family name of a name as written, in its bearer's convention (None for no name)."""
    p = split_name(name, country=country)
    return p.family if p else None
