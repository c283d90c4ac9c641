"""Clauses and sentence-level patterns over :mod:`communique.util.sentences`.

Needs: :class:`Sentence` units. Adds: clause offsets (:func:`clauses`), and the patterns
that read a sentence as a whole: a pronoun subject (:data:`PRONOUN_START`), a meeting
told as background (:data:`PAST_CONTEXT`).
"""

from __future__ import annotations

import re

from communique.util.sentences import Sentence

#: a sentence whose subject is "he" or "she", perhaps after a short opening ("On 3 June
#: she held talks", "During the visit, he met"): its someone is the one named before
PRONOUN_START = re.compile(
    r"\s*(?:(?:On|In|At|During|Later|Then|Afterwards|Subsequently|Next|Also)\b[^,.;]{0,40}?,?\s+)?"
    r"(?:He|She|he|she)\b"
)
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+and\s+(?=that\b)|\s+and\s+(?=that\b)")


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Split a sentence at semicolons and at "and that" into (start, end) offsets."""
    pieces: list[tuple[int, int]] = []
    s = sentence.text
    last = 0
    for m in _CLAUSE_SPLIT.finditer(s):
        if m.start() > last:
            pieces.append((sentence.start + last, sentence.start + m.start()))
        last = m.end()
    if last < len(s):
        pieces.append((sentence.start + last, sentence.end))
    return pieces


#: a transcript's speaker label in capitals at a line's start, "PRESIDENT STUBB:" (group
#: 1: the speaker's words)
SPEAKER_LABEL = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z.’'\-]+[ \t]+){0,4}[A-Z][A-Z.’'\-]+)[ \t]*:")

#: a meeting told as the background of this one: the pluperfect, "previously", "last met"
PAST_CONTEXT = re.compile(
    r"\bhad\s+(?:previously\s+|earlier\s+|last\s+|already\s+|also\s+)?(?:met|held|spoken|talked|hosted)\b"
    r"|\bpreviously\s+(?:met|held|spoke|talked|hosted)\b|\blast\s+met\b|\bthe\s+last\s+time\b"
    # "Xi recalled his meeting with Quang last November on the sidelines of APEC"
    r"|\brecall(?:ed|ing|s)?\s+(?:his|her|their|the|our|my)\s+(?:previous\s+|last\s+|earlier\s+|first\s+)?"
    r"(?:meeting|talks|visit|conversation|call)\b"
)
