"""Personal names: order, family name, display form.

Needs: the name tokens as written. Adds: the given-name-first display name and the
family name, using capitals ("KISHIDA Fumio"), name lists (``family_names.tsv``,
``given_names_ja.tsv``) and particles ("de Icaza").
"""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources

from communique.names import split_name

#: lower-case words that belong to a family name ("de Icaza", "bin Zayed")
PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "binti",
        "bint",
        "al",
        "el",
        "la",
        "le",
        "dos",
        "das",
        "du",
    ]
)
#: letters after a name that are not part of it
_DROP_SUFFIXES = frozenset(["mp", "qc", "kc", "obe", "cbe", "kbe", "mep"])
_SUFFIXES = frozenset(["ii", "iii", "iv", "jr", "jr.", "sr", "sr.", "mp", "qc", "kc", "obe", "cbe"])


def _rows(name: str) -> list[list[str]]:
    try:
        text = resources.files("communique.gazetteer").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t"))


@functools.lru_cache(maxsize=1)
def family_names() -> dict[str, str]:
    """lower-cased family name -> culture (ja, zh, ko, vi)."""
    out: dict[str, str] = {}
    for row in _rows("family_names.tsv"):
        if len(row) >= 2:
            out.setdefault(row[0].strip().lower(), row[1].strip())
    return out


@functools.lru_cache(maxsize=1)
def japanese_given_names() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows("given_names_ja.tsv") if r)


def _tc(word: str) -> str:
    """Title-case a word written in capitals ("KISHIDA" -> "Kishida", "NKOANA-MASHABANE")."""
    if re.fullmatch(r"[IVX]+", word):
        return word  # "III"
    if len(word) > 1 and word.isupper() and "." not in word:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")


def normalise(tokens: list[str]) -> tuple[str, str]:
    """(display name given-name-first, family name) for the tokens of a written name."""
    toks = [t for t in tokens if t]
    while len(toks) > 1 and toks[-1].lower().rstrip(".") in _DROP_SUFFIXES:
        toks = toks[:-1]  # "Rishi Sunak MP"
    if not toks:
        return "", ""
    caps = [
        t.isupper()
        and sum(c.isalpha() for c in t) > 1
        and t.lower().rstrip(".") not in _SUFFIXES
        and not _INITIALS.fullmatch(t)  # "S.M. Krishna": initials, not a family name
        for t in toks
    ]
    core = [t for t in toks if t.lower().rstrip(".") not in _SUFFIXES]
    if not core:
        core = toks
    fams = family_names()
    given_ja = japanese_given_names()
    if any(caps) and not all(caps):
        # "KISHIDA Fumio", "YOON Suk Yeol": the capitals mark the family name
        fi = caps.index(True)
        family = _tc(toks[fi])
        words = [_tc(t) for t in toks]
        culture = fams.get(family.lower())
        rest = words[:fi] + words[fi + 1 :]
        if culture == "ja" or (culture is None and any(w.lower() in given_ja for w in rest)):
            return " ".join([*rest, family]), family
        if fi == 0:
            return " ".join(words), family
        return " ".join(words), family
    words = [_tc(t) for t in toks]
    core = [_tc(t) for t in core]
    if len(core) == 1:
        return " ".join(words), core[0]
    first, last = core[0].lower(), core[-1].lower()
    culture = fams.get(first)
    if culture == "ja" and last in given_ja and first not in given_ja:
        # "Motegi Toshimitsu": family name first, shown given-name-first
        return " ".join([*core[1:], core[0]]), core[0]
    if culture in ("zh", "ko", "vi") and fams.get(last) is None and len(core) <= 3:
        return " ".join(words), core[0]
    # "Abdullah bin Zayed Al Nahyan": the "Al" house name, not the father's name after "bin"
    for i in range(len(core) - 1, 0, -1):
        if core[i].lower() in ("al", "al-") and i + 1 < len(core):
            return " ".join(words), " ".join(core[i:])
        if core[i].lower().startswith("al-") and len(core[i]) > 3:
            return " ".join(words), core[i]
    # "de Icaza", "van der Leyen": a particle starts the family name
    for i in range(1, len(core) - 1):
        if core[i].lower() in PARTICLES:
            j = i
            while j < len(core) - 1 and core[j].lower() in PARTICLES:
                j += 1
            return " ".join(words), " ".join(core[i : j + 1])
    return " ".join(words), core[-1]


def family_by_convention(name: str, family: str, country: str | None) -> str:
    """The family name of ``name`` as the person's own government writes it: the one
    answer of :func:`communique.names.split_name` (the archive asks it too), with
    ``family`` (what the written form alone suggested) as its hint and fallback."""
    parts = split_name(name, country=country, family=family)
    return parts.family if parts and parts.family else family
