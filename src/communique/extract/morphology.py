"""Tokenisers and morphology for Japanese and Russian, loaded on first use only.

* Japanese: MeCab through ``fugashi`` with the ``unidic-lite`` dictionary (both from PyPI,
  pinned in ``pyproject.toml``); gives each word's part of speech (person names are
  ``固有名詞/人名/姓|名``) and its katakana reading, from which names the gazetteer lacks
  are romanised.
* Russian: ``razdel`` (sentences, tokens) and ``pymorphy3`` with ``pymorphy3-dicts-ru``
  (lemmas: "Лаврову" -> "лавров", "Москве" -> "москва").

Nothing is downloaded at run time; English documents never import these modules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class JaWord:
    surface: str
    start: int
    end: int
    pos: tuple[str, str, str, str]
    reading: str


@functools.lru_cache(maxsize=1)
def _tagger():
    # loaded on first use (start-up time): English documents never load MeCab
    import fugashi
    import unidic_lite

    return fugashi.Tagger(f"-d {unidic_lite.DICDIR}")


def ja_words(text: str) -> list[JaWord]:
    """MeCab's words of ``text`` with their offsets in ``text``."""
    out: list[JaWord] = []
    pos = 0
    for w in _tagger()(text):
        s = w.surface
        start = text.find(s, pos)
        if start < 0:
            continue
        pos = start + len(s)
        f = w.feature
        reading = getattr(f, "kana", None) or ""
        out.append(
            JaWord(
                s, start, pos, (f.pos1, f.pos2, f.pos3, f.pos4), reading if reading != "*" else ""
            )
        )
    return out


@functools.lru_cache(maxsize=1)
def _morph():
    # loaded on first use (start-up time): English documents never load its dictionaries
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def ru_lemmas(word: str) -> tuple[str, ...]:
    """Every lemma pymorphy3 offers for ``word`` (lower case, ё as е), most likely first."""
    seen: list[str] = []
    for p in _morph().parse(word):
        lemma = p.normal_form.replace("ё", "е")
        if lemma not in seen:
            seen.append(lemma)
    low = word.lower().replace("ё", "е")
    if low not in seen:
        seen.append(low)
    return tuple(seen)


@functools.lru_cache(maxsize=65536)
def ru_tags(word: str) -> frozenset[str]:
    """Grammemes of the likeliest parses (``Surn``, ``Name``, ``Geox``, ``gent``...)."""
    out: set[str] = set()
    for p in _morph().parse(word)[:2]:
        out |= set(p.tag.grammemes)
    return frozenset(out)


def ru_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by razdel."""
    # loaded on first use (start-up time): only Russian documents need it
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]
