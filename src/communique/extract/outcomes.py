"""Outcomes: what the sides agreed, confirmed, shared, welcomed, discussed, stated or asked.

Needs: sentences, headings (for the topic) and the engagement's participants. Adds:
``outcomes`` [{kind, text, actors, topic, span}], one statement each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.extract.layout import Heading
from communique.extract.people import Entity
from communique.util.sentences import Sentence

#: verb -> outcome kind; the first that matches in a sentence decides
KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("agreed", re.compile(r"\b(?:agreed|concurred|decided|reached (?:an )?agreement)\b", re.I)),
    ("confirmed", re.compile(r"\b(?:confirmed|affirmed|reaffirmed|reiterated)\b", re.I)),
    (
        "shared_view",
        re.compile(
            r"\bshared\s+(?:the|their)\s+(?:view|recognition|concern|understanding)\b", re.I
        ),
    ),
    ("welcomed", re.compile(r"\b(?:welcomed|appreciated|congratulated|praised)\b", re.I)),
    ("requested", re.compile(r"\b(?:requested|asked|urged|called (?:on|for))\b", re.I)),
    (
        "discussed",
        re.compile(
            r"\b(?:discussed|exchanged (?:their )?views|exchange of views|held (?:detailed|in-depth) discussions|conducted an? [\w\- ]*exchange)\b",
            re.I,
        ),
    ),
    (
        "stated",
        re.compile(
            r"\b(?:stated|expressed|explained|noted|emphasized|emphasised|stressed|conveyed|said|mentioned)\b",
            re.I,
        ),
    ),
)
_ANY_KIND = re.compile("|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in KINDS), re.I)
_BOTH = re.compile(
    r"^(?:the\s+two|both|the)\s+(?:ministers|leaders|sides|foreign\s+ministers|secretaries|heads)\b|^they\b|^both\b",
    re.I,
)
#: outcomes read per document at most (a long transcript is not a list of outcomes)
MAX_OUTCOMES = 40


@dataclass(frozen=True)
class Statement:
    """A sentence that states an outcome: its kind, the verb's match and the cleaned body."""

    sentence: Sentence
    kind: str
    verb_start: int
    body: str
    offset: int


def classify(sents: list[Sentence]) -> list[Statement]:
    """Every sentence that states an outcome (computed once per document)."""
    out: list[Statement] = []
    for s in sents:
        body = s.text.lstrip("•-–*· \t")
        body = _NUMBERING.sub("", body)
        if len(body) < 25 or not _ANY_KIND.search(body):
            continue
        for kind, rx in KINDS:
            m = rx.search(body)
            if m:
                offset = (
                    s.start + (len(s.text) - len(body))
                    if s.text.endswith(body)
                    else s.start + s.text.find(body)
                )
                out.append(Statement(s, kind, m.start(), body, offset))
                break
    return out


_NUMBERING = re.compile(r"^(?:\(\d+\)|\d+\.|\([a-z]\)|[a-z]\))\s*")
_LEAD_IN = re.compile(
    r"^(?:As an outcome of the meeting|In addition|Also|Furthermore|Moreover|At the outset|In response|Then)\s*,?\s*",
    re.I,
)


def find_outcomes(
    text: str,
    statements: list[Statement],
    headings: list[Heading],
    parts: list[Entity],
    *,
    start: int = 0,
) -> list[dict]:
    out: list[dict] = []
    countries = sorted({p.country for p in parts if p.country})
    for st in statements:
        s = st.sentence
        if s.start < start:
            continue
        if len(out) >= MAX_OUTCOMES:
            break
        subj = _LEAD_IN.sub("", st.body[: st.verb_start].strip(" ,"))
        actors = countries if _BOTH.search(subj) or not subj else _actors(subj, parts) or countries
        span_start = st.offset + st.body.find(subj) if subj else st.offset + st.verb_start
        span_end = s.end - (1 if s.text.endswith(".") else 0)
        t = text[span_start:span_end].strip()
        out.append(
            {
                "kind": st.kind,
                "text": t,
                "actors": actors,
                "topic": _topic(headings, s.start),
                "span": [span_start, span_start + len(t)],
            }
        )
    return out


def _actors(subj: str, parts: list[Entity]) -> list[str]:
    low = subj.lower()
    hits = [p.country for p in parts if p.country and p.family and p.family.lower() in low]
    return sorted(set(hits))


def _topic(headings: list[Heading], pos: int) -> str | None:
    cur = None
    for h in headings:
        if h.start < pos and h.level == 1:
            cur = h.text
    return cur
