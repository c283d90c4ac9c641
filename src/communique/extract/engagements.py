"""Which meetings happened, and who took part.

Needs: sentences, person mentions joined into entities. Adds: :class:`Candidate`
engagements: the clause that reports each (its trigger), its participants (entity
ids), its mode and the name the text gives it.

Rules, in order:
1. A clause reports an engagement when it has a meeting verb or noun in the past
   ("held a ... Meeting with", "met (with)", "paid a courtesy call on", "received",
   "was granted an audience", "conferred with", "spoke by telephone with") and is not
   about the future ("will hold", "to visit", "look forward to").
2. Its participants are the people named in the clause, minus those only mentioned
   ("accompanied by", "attended by", "message from").
3. One person meeting a list of separately titled people ("also met A, B and C") is
   one engagement per counterpart; several people on both sides ("2+2") is one.
4. Candidates with the same participants are one engagement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from communique.extract.people import Entity, Mention
from communique.extract.text import Sentence

_NOUNS = (
    r"meeting|talks?|summit(?:\s+meeting)?|dialogue|consultations?|conversation|(?:tele)?phone\s+call|call|"
    r"teleconference|video\s*conference|discussions?|negotiations|lunch|luncheon|dinner|breakfast|"
    r"2\+2|exchange\s+of\s+views|audience|session|courtesy\s+call"
)
TRIGGER = re.compile(
    rf"\b(?:held|holds|had|has\s+had|have\s+had|conducted|hosted|joined)\s+(?:a|an|the|their|his|her|its)?\s*"
    rf"(?P<name>[^.;,]{{0,90}}?)\s*\b(?P<noun>(?i:{_NOUNS}))s?\b(?!\s+(?:will|would|is|was)\b)"
    r"|\b(?P<met>met|meets)\b(?!\s+(?:the\s+)?(?:press|media|reporters|journalists|students|residents|members|with\s+(?:the\s+)?(?:press|media|reporters|students|residents|business)))"
    r"|\bmeeting\s+with\s+(?=[A-Z]|H\.E|the\s+[A-Z]|his|her|their)"
    r"|\b(?:paid|pays|paying|received|receives|receiving|made|make)\s+(?:a\s+)?(?:courtesy\s+)?calls?\s+(?:on|from|by|upon)\b"
    r"|\bcourtesy\s+calls?\s+(?:on|from|by|to|upon)\b"
    r"|\b(?:granted|had|received|given)\s+an?\s+audience\b|\baudience\s+(?:with|to|of)\b"
    r"|\b(?:conferred|spoke|talked|consulted|had\s+a\s+(?:tele)?phone\s+call)\s+(?:by\s+(?:tele)?phone\s+)?(?:with|to)\b"
    r"|\b(?:received|welcomed|hosted)\s+(?=[A-Z]|H\.E|the\s+(?:visiting\s+)?[A-Z])"
    r"|\bdiscussed\b[^.;]{0,120}?\bwith\s+(?:his|her|their)\s+(?:[A-Z]\w+\s+)?counterparts?\b"
    r"|\b(?:following|after)\s+(?:[\w\-]+\s+){0,2}talks\b"
    r"|\bconcluded\b[^.;]{0,80}?\bdiscussion\s+with\b"
    r"|\bluncheon\s+hosted\s+by\b"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|to|plans?|planned|planning|intends?|intention|look(?:s|ed|ing)?\s+forward|"
    r"hopes?|expects?|invit\w+|scheduled|upcoming|forthcoming|next|coming|preparations?|ahead\s+of|"
    r"before|prior\s+to|agreed\s+to|decided\s+to|can|could|may|might)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_MODE_PHONE = re.compile(r"\b(?:tele)?phone\b|\bcall(?:ed)?\b(?!\s+on)(?<!courtesy call)", re.IGNORECASE)
_MODE_VIDEO = re.compile(
    r"\bvideo\s*(?:conference|call|link|teleconference|meeting)|\bvideoconference|\bvirtual(?:ly)?\b|"
    r"\bonline\s+(?:meeting|talks?|conference|summit)|\bvia\s+video\b|\bteleconference\b",
    re.IGNORECASE,
)
_NOT_PARTICIPANT = re.compile(
    r"(?:accompanied\s+by|attended\s+(?:on\s+the\s+\w+\s+side\s+)?by|message\s+from|on\s+behalf\s+of|"
    r"invitation\s+of|letter\s+from|greetings\s+from|regards\s+(?:from|to))\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    trigger_start: int
    trigger_end: int
    clause_start: int
    clause_end: int
    sentence: Sentence
    participants: list[int]  # entity ids, in order of mention
    subject: list[int]
    mode: str = "in_person"
    name: str | None = None
    name_span: tuple[int, int] | None = None
    from_title: bool = False
    extra: dict = field(default_factory=dict)


def is_future(text: str, pos: int, clause_start: int) -> bool:
    before = text[max(clause_start, pos - 60) : pos]
    return bool(_FUTURE.search(before))


def mode_of(text: str, start: int, end: int) -> str:
    seg = text[start:end]
    if _MODE_VIDEO.search(seg):
        return "video"
    if re.search(r"\b(?:tele)?phone\b|\bphone\s+call\b|\bcall\s+with\b|\bheld\s+a\s+call\b|\bspoke\s+by\b", seg, re.I):
        if not re.search(r"courtesy\s+call", seg, re.I):
            return "telephone"
    return "in_person"


_NAME_OK = re.compile(r"[A-Z0-9“\"]")


def _clean_name(raw: str, noun: str) -> str | None:
    raw = raw.strip(" “”\"'")
    name = f"{raw} {noun}".strip() if raw else noun
    name = " ".join(name.split())
    words = name.split()
    if not raw or not _NAME_OK.match(raw):
        return None
    # "Japan-Russia Foreign Ministers’ Meeting": a name is capitalised
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    if caps < max(1, len(words) // 2):
        return None
    if noun[:1].islower() and words[-1][:1].islower():
        name = " ".join(words[:-1] + [words[-1].capitalize()]) if caps >= len(words) - 1 else name
    return name


def find_candidates(
    text: str,
    sents: list[Sentence],
    mentions: list[Mention],
    entities: list[Entity],
    *,
    title_span: tuple[int, int] | None,
) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in sents:
        for m in TRIGGER.finditer(text, sent.start, sent.end):
            if is_future(text, m.start(), sent.start):
                continue
            ms = [x for x in mentions if sent.start <= x.start < sent.end and x.entity >= 0]
            ms = [x for x in ms if not _NOT_PARTICIPANT.search(text[max(sent.start, x.start - 50) : x.start])]
            ms = [x for x in ms if not _in_parenthesis(text, sent.start, x.start) or x.kind == "name"]
            if not ms:
                continue
            subj = _unique([x.entity for x in ms if x.end <= m.start()])
            obj = _unique([x.entity for x in ms if x.start >= m.end() - 1 and x.entity not in subj])
            # only the object list that follows the trigger directly
            parts = _unique(subj + obj)
            if not parts:
                continue
            name = None
            name_span = None
            if m.group("noun") and m.group("name") is not None:
                name = _clean_name(m.group("name"), m.group("noun"))
                if name:
                    name_span = (m.start("name"), m.end("noun"))
            from_title = bool(title_span and title_span[0] <= m.start() < title_span[1])
            mode = mode_of(text, sent.start, sent.end)
            cand = Candidate(m.start(), m.end(), sent.start, sent.end, sent, parts, subj, mode, name, name_span, from_title)
            cand.extra["object"] = obj
            cand.extra["object_list"] = _is_list_of_titled(text, ms, obj, m.end())
            out.append(cand)
            break  # one trigger per sentence
    return out


def _in_parenthesis(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") > seg.count(")")


def _is_list_of_titled(text: str, ms: list[Mention], obj: list[int], after: int) -> bool:
    """Whether the objects are a list of separately named people ("A, B and C")."""
    if len(obj) < 2:
        return False
    firsts = []
    for eid in obj:
        first = next((x for x in ms if x.entity == eid and x.start >= after - 1), None)
        if first is None:
            return False
        firsts.append(first)
    firsts.sort(key=lambda x: x.start)
    for a, b in zip(firsts, firsts[1:], strict=False):
        gap = text[a.end : b.start]
        if not re.fullmatch(r"\s*(?:\([^()]*\))?\s*(?:,|,?\s*and|;)\s*(?:also\s+)?(?:(?:paid\s+)?(?:a\s+)?(?:courtesy\s+calls?\s+on|conferred\s+with|met(?:\s+with)?)\s+)?(?:the\s+|former\s+)*", gap):
            return False
    return True


def _unique(xs: list[int]) -> list[int]:
    seen: list[int] = []
    for x in xs:
        if x not in seen:
            seen.append(x)
    return seen
