"""A tiny, fast, dependency-free guess of a document's language.

Needs: text (``str``).
Adds: a BCP-47-style tag (``"en"``, ``"ja"``, ``"ru"``, ``"zh"``, ``"ko"``, ``"ar"``,
a few Latin-script languages, or ``"und"``) and a confidence in [0, 1].

Cascade of :func:`detect_language`:

1. Count letters by script in the first :data:`SAMPLE_CHARS` characters. When Latin
   letters are fewer than :data:`MIN_LATIN_SHARE` of all letters, the dominant
   other script decides: kana (with or without kanji) → ``ja``, Han without kana →
   ``zh``, Hangul → ``ko``, Cyrillic → ``ru``, Arabic → ``ar``.
2. Otherwise English when the share of English function words among the word
   tokens reaches :data:`EN_MIN_FUNCTION_SHARE`.
3. Otherwise the Latin-script language (fr, de, es, it, pt) whose function words
   are most frequent, if they reach :data:`OTHER_MIN_FUNCTION_SHARE`.
4. Otherwise ``"und"``.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read)."""
    return frozenset(text.split())


#: Only the start of a long text is read; a readout's language shows in a page.
SAMPLE_CHARS = 20_000

#: Fewest word tokens for a function-word verdict; below it the confidence is scaled
#: down (a title alone is weak evidence).
MIN_TOKENS = 20

#: Share of Latin letters among all letters below which the script decides.
MIN_LATIN_SHARE = 0.5

#: Share of English function words among word tokens needed to say "en".
#: Calibrated on /work/shared/corpus/*.txt (152 English readouts from 20-odd
#: governments, many cut mid-sentence at ~2,000 characters, some opening with menu
#: lines): the share ranges from 0.24 (mofa_0033, a list of names and titles) to
#: 0.46, median 0.38, so 0.12 leaves a factor-two margin below the lowest; French,
#: German and Spanish readout sentences score 0.00-0.06 (only "in", "a", "an"…
#: collide), so they stay below it.
EN_MIN_FUNCTION_SHARE = 0.12

#: Share of a Latin-script language's own function words needed to name it.
OTHER_MIN_FUNCTION_SHARE = 0.15

_EN_WORDS = _words(
    """
    the of and to in a an that is was were are be been for on with as by at this
    from it its he his she her they their them we our you your i not or but which
    who whom will would shall should can could may have has had also both two other
    between after before during into over about than these those there all any such
    so if upon under did do does more most very further
    """
)

_OTHER_WORDS: dict[str, frozenset[str]] = {
    "fr": _words(
        """
        le la les des du de un une et est sont dans pour sur avec par au aux que qui ne
        pas ce cette ces il elle ils nous vous leur leurs a été entre lors
        """
    ),
    "de": _words(
        """
        der die das den dem des ein eine einer und ist sind mit für auf von zu im nicht
        sich auch bei nach über wird wurde haben hat dass zwischen
        """
    ),
    "es": _words(
        """
        el la los las de del un una y es son en con por para que se al su sus no como
        entre fue han ha sobre
        """
    ),
    "it": _words(
        """
        il lo la gli le di del della dei un una e è sono in con per che si al non come
        tra fra ha hanno sulla nel nella
        """
    ),
    "pt": _words(
        """
        o a os as de do da dos das um uma e é são em com por para que se ao não como
        entre foi tem sobre no na
        """
    ),
}

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Script ranges (letters only).
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("kana", re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")),
    ("han", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("hangul", re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff\u0500-\u052f]")),
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)

#: Kana share of CJK letters above which Han-script text is Japanese: Japanese prose
#: is 30-60% kana, Chinese has none (a stray katakana name stays far below 5%).
MIN_KANA_SHARE = 0.05


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of ``text``: ``(tag, confidence)``.

    ``tag`` is ``"en"``, ``"ja"``, ``"zh"``, ``"ko"``, ``"ru"``, ``"ar"``, ``"fr"``,
    ``"de"``, ``"es"``, ``"it"``, ``"pt"`` or ``"und"`` (undetermined, confidence 0.0
    for empty or letterless text).
    """
    sample = text[:SAMPLE_CHARS]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS}
    letters = sum(counts.values())
    if letters == 0:
        return "und", 0.0

    latin = counts["latin"]
    if latin < letters * MIN_LATIN_SHARE:
        return _by_script(counts, letters)

    tokens = [t.lower() for t in _TOKEN_RE.findall(sample)]
    if not tokens:
        return "und", 0.0
    n = len(tokens)
    scale = min(1.0, n / MIN_TOKENS)
    latin_share = latin / letters
    en_share = sum(1 for t in tokens if t in _EN_WORDS) / n
    if en_share >= EN_MIN_FUNCTION_SHARE:
        # 0.5 at the threshold, 1.0 at three times the threshold (typical prose).
        strength = min(1.0, 0.5 + 0.25 * (en_share / EN_MIN_FUNCTION_SHARE - 1))
        return "en", round(strength * scale * latin_share, 3)

    best, best_share = "und", 0.0
    for tag, words in _OTHER_WORDS.items():
        share = sum(1 for t in tokens if t in words) / n
        if share > best_share:
            best, best_share = tag, share
    if best_share >= OTHER_MIN_FUNCTION_SHARE:
        strength = min(1.0, 0.4 + 0.2 * (best_share / OTHER_MIN_FUNCTION_SHARE - 1))
        return best, round(strength * scale * latin_share, 3)
    return "und", round(0.3 * latin_share, 3) if n >= MIN_TOKENS else 0.0


def _by_script(counts: dict[str, int], letters: int) -> tuple[str, float]:
    cjk = counts["kana"] + counts["han"]
    candidates = {
        "ja" if counts["kana"] > cjk * MIN_KANA_SHARE else "zh": cjk,
        "ko": counts["hangul"],
        "ru": counts["cyrillic"],
        "ar": counts["arabic"],
    }
    tag = max(candidates, key=candidates.__getitem__)
    share = candidates[tag] / letters
    if share < 0.3:
        return "und", round(share, 3)
    # Cyrillic is not only Russian (Ukrainian, Bulgarian, Serbian…), Arabic script
    # not only Arabic: the guess is less sure than the script.
    cap = 0.8 if tag in ("ru", "ar") else 1.0
    return tag, round(min(cap, share), 3)
