"""Word tokens with offsets, classified for name and title finding.

Needs: text. Adds: :class:`Token` (text, offsets, shape) that ``people`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # H.E. U.S. D.C.
    r"|[^\W\d_]+(?:[’'\-][^\W\d_]+)*\.?"  # words, hyphenated and with apostrophes
    r"|\d+\+\d+"  # 2+2
    r"|\d+(?:st|nd|rd|th)?"
    r"|[^\w\s]"
)

#: words whose trailing full stop belongs to them
_KEEP_DOT = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "amb",
        "hon",
        "st",
        "jr",
        "sr",
        "mme",
        "gen",
        "adm",
        "lt",
        "col",
        "capt",
        "sen",
        "rep",
        "no",
        "messrs",
    ]
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_allcaps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def is_initial(self) -> bool:
        return len(self.text) == 2 and self.text[0].isupper() and self.text[1] == "."


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group(0)
        if (
            word.endswith(".")
            and len(word) > 2
            and word.count(".") == 1
            and word[:-1].lower() not in _KEEP_DOT
        ):
            out.append(Token(word[:-1], s, e - 1, word[:-1].lower()))
            out.append(Token(".", e - 1, e, "."))
            continue
        out.append(Token(word, s, e, word.lower()))
    return out
