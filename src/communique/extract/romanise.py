"""Latin spellings for names the gazetteer lacks.

* Japanese: modified Hepburn from a katakana reading (the tokeniser's, for kanji), as
  Japan's passports and MOFA's English pages write names: long vowels unmarked
  (コウノ -> Kono, オオノ -> Ono), ``n`` as ``m`` before b, m, p (ゲンバ -> Gemba), a small
  ッ doubling the next consonant (ハットリ -> Hattori).
* Russian: BGN/PCGN-style romanisation without diacritics or soft and hard signs
  (Шойгу -> Shoygu, Лавров -> Lavrov, Ельцин -> Yeltsin).

The syllable and letter tables are data: ``gazetteer/romanisation.tsv``.
"""

from __future__ import annotations

import functools
import re

from communique.gazetteer.files import cells


@functools.cache
def _table(system: str) -> dict[str, str]:
    """``written -> latin`` of one system of ``gazetteer/romanisation.tsv`` (hepburn, bgn,
    polivanov), in the file's order."""
    return {
        row[1].strip(): row[2].strip() if len(row) > 2 else ""
        for row in cells("romanisation.tsv")
        if row[0].strip() == system
    }


def _to_katakana(s: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in s)


def hepburn(kana: str) -> str:
    """Modified Hepburn of a kana string, capitalised: ``コウノ`` -> ``Kono``."""
    s = _to_katakana(kana).replace("・", " ").replace("＝", "-")
    syllables = _table("hepburn")
    out: list[str] = []
    i = 0
    double = False
    while i < len(s):
        c = s[i]
        if c == "ッ":
            double = True
            i += 1
            continue
        if c == "ー":
            i += 1
            continue
        if c == "ン":
            nxt = s[i + 1 : i + 2]
            syl = syllables.get(nxt, "")
            out.append("m" if syl[:1] in ("b", "m", "p") else "n")
            i += 1
            continue
        syl = syllables.get(s[i : i + 2]) or syllables.get(c)
        step = 2 if syllables.get(s[i : i + 2]) else 1
        if syl is None:
            out.append(c)
            i += 1
            continue
        if double:
            out.append("t" if syl.startswith("ch") else syl[0])
            double = False
        out.append(syl)
        i += step
    text = "".join(out)
    # long vowels are not marked: ou, oo, uu -> o, o, u (Kōno -> Kono)
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


_VOWELS = set("аеёиоуыэюяьъй")


def cyrillic(text: str) -> str:
    """BGN/PCGN-style Latin of Russian Cyrillic: ``Ельцин`` -> ``Yeltsin``."""
    letters = _table("bgn")
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if low not in letters:
            out.append(ch)
            prev = ""
            continue
        lat = letters[low]
        if low == "е" and (not prev or prev in _VOWELS):
            lat = "ye"
        if ch != low and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev = low if low.isalpha() else ""
    return "".join(out).replace("yy", "y")


@functools.cache
def _polivanov_syllables() -> list[tuple[str, str]]:
    """Russian (Polivanov) spellings of Japanese syllables back to Hepburn, longest first."""
    return sorted(_table("polivanov").items(), key=lambda kv: -len(kv[0]))


def polivanov(word: str) -> str | None:
    """Hepburn of a Japanese name in Russian (Polivanov) spelling, or None when the word is
    not made of Japanese syllables: ``Хасимото`` -> ``Hashimoto``, ``Коидзуми`` -> ``Koizumi``."""
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        for cyr, lat in _polivanov_syllables():
            if low.startswith(cyr, i):
                out.append(lat)
                i += len(cyr)
                break
        else:
            return None
    text = "".join(out)
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text[:1].upper() + text[1:] if text else None


#: spellings that a Japanese transcription of an English-written name turns into one
#: sound, in order (digraphs first); both sides are folded through these before vowels,
#: "h", "w" and "y" go and doubled letters collapse
_SOUND_RULES = (
    ("sch", "s"), ("sh", "s"), ("ch", "t"), ("th", "s"), ("ph", "b"), ("ts", "s"),
    ("tz", "s"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("z", "s"), ("l", "r"), ("v", "b"),
    ("f", "b"),
)  # fmt: skip


def sound_key(latin: str, *, english: bool = False, silent_r: bool = True) -> str:
    """A rough consonant skeleton on which an English spelling and the Hepburn
    romanisation of its katakana transcription agree ("Tillerson" and "Tirason": trsn;
    "Steinmeier" and "Shutaimmaiya": stnm). ``english``: the spelling is the name's own,
    so a soft c or g is an s or a j, a final "ng" one n, and (``silent_r``) an r before a
    consonant or at the end is silent, as katakana writes English names (not Hindi ones:
    "Jaishankar", Jaishankaru)."""
    s = "".join(ch for ch in latin.lower() if ch.isalpha() and ch.isascii())
    if english:
        if silent_r:
            s = re.sub(r"r(?![aeiouy])", "", s)
        s = re.sub(r"c(?=[eiy])", "s", s)
        s = re.sub(r"g(?=[eiy])", "j", s)
        s = re.sub(r"ng$", "n", s)
    else:
        s = re.sub(r"m(?=[bmp])", "n", s)  # Hepburn writes ン as m before b, m, p
    for a, b in _SOUND_RULES:
        s = s.replace(a, b)
    s = s.replace("c", "k")
    s = re.sub(r"m(?=[bp])", "n", s)
    s = re.sub(r"[aeiouhwy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)
