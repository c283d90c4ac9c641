"""Word tokens with offsets, classified for name and title finding.

Needs: text. Adds: :class:`Token` (text, offsets, shape) that ``people`` reads.
"""

from __future__ import annotations

import re

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


class Token:
    """One word or mark, with its offsets and the shape tests the scanners ask for."""

    __slots__ = ("text", "start", "end", "lower", "is_cap", "is_word")

    def __init__(self, text: str, start: int, end: int, lower: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = lower
        first = text[:1]
        self.is_cap = first.isupper()
        self.is_word = first.isalpha()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

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
