"""Sentences with their character offsets: the one splitter of the extractor and the
archive's dating ("Joseph R. Biden" and "5:25 p.m." do not end a sentence).

Needs: a text. Adds: :class:`Sentence` units (start/end offsets into the text) that
every extraction stage reads, so every value it finds keeps its span.

Foundation layer: imports nothing of communique's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: abbreviations after which a full stop does not end a sentence
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "h.e",
        "e",
        "prof",
        "amb",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "gen",
        "lt",
        "col",
        "maj",
        "sgt",
        "capt",
        "hon",
        "rev",
        "u.s",
        "u.k",
        "a.m",
        "p.m",
        "vs",
        "etc",
        "approx",
        "dept",
        "govt",
        "sen",
        "rep",
        "fig",
        "mt",
        "ft",
        "ltd",
        "co",
        "inc",
        "corp",
        "e.g",
        "i.e",
        "cf",
    ]
)

#: months written short, which a day follows ("Sept. 6")
_MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)

#: abbreviations that are also names ("Sen." for Senator, "Hun Sen."): after a
#: capitalised word they are the name
_NAME_LIKE = frozenset({"sen", "rep", "gen", "co", "st", "no"})

_SENT_END = re.compile(r"[.!?](?=[\"”’')\]]*\s+[\"“‘(\[]?[A-Z0-9•])|[.!?][\"”’')\]]*$|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    #: index of the paragraph (blank-line or line separated block) it belongs to
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and text[j].isupper():
        return True  # an initial: "Antony J. Blinken"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) and text[j].isupper():
        return True  # initials: "Retno L.P. Marsudi"
    if word in _MONTH_ABBREVIATIONS and re.match(r"\s*\d", text[dot + 1 : dot + 4]):
        return True  # "scheduled for Sept. 6", "on Aug. 30"
    if word in _NAME_LIKE and re.search(r"[A-Z][\w’'\-]*\s+$", text[max(0, j - 30) : j]):
        return False  # "... Prime Minister Hun Sen.": a name ends the sentence, not "Sen."
    return word in ABBREVIATIONS


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; a line break always ends one."""
    out: list[Sentence] = []
    para = 0
    start = 0
    n = len(text)
    pos = 0
    blank_run = False
    while pos <= n:
        m = _SENT_END.search(text, pos)
        end = m.end() if m else n
        if m and text[m.start()] == "." and _is_abbreviation(text, m.start()):
            pos = m.end()
            continue
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            s0 = start + lead
            s1 = s0 + len(stripped)
            out.append(Sentence(s0, s1, stripped, para))
            blank_run = False
        if m and text[m.start()] == "\n":
            # a line break ends the paragraph
            if not blank_run:
                para += 1
            blank_run = True
        if not m:
            break
        start = end
        pos = end
        if pos >= n:
            break
    return out
