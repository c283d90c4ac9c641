"""Follow-ups: engagements the text says will or should take place.

Needs: sentences, the date line (to resolve "on April 2"), entities (to shorten names
to "Minister Lavrov"). Adds: ``follow_ups`` [{name, date, date_text, place,
participants, span}].

A clause is a follow-up when it speaks of the future ("will be held", "will visit",
"invited ... to visit", "agreed to hold", "looked forward to ... visit", "the next
round", "preparations for the visit") and its object is an engagement (a visit,
meeting, summit, talks, dialogue, consultations, negotiations, round). Things that are
not engagements between officials (exhibitions, business missions, grave visits,
anniversaries, presidencies, "Year" celebrations) are not.
"""

from __future__ import annotations

import datetime as dt
import re

from communique.extract import dates
from communique.extract import lexicon as lx
from communique.extract.people import Entity
from communique.extract.text import Sentence, clauses

_EVENT = (
    r"visit|visits|meeting|meetings|summit|talks|dialogue|consultations?|negotiations|round|"
    r"conference|2\+2|discussion|exchange|trip|session|forum"
)
_FUTURE_EVENT = re.compile(
    rf"\b(?:will|would|shall|to)\s+(?:\w+\s+){{0,2}}?(?:visit|hold|be\s+held|meet|host|attend|travel|take\s+place|"
    rf"convene|resume|launch|pay\s+a\s+visit|make\s+a\s+visit|hold\s+talks)\b"
    rf"|\b(?:look(?:s|ed|ing)?\s+forward\s+to|preparations?\s+(?:for|towards)|prepar(?:e|ing)\s+for|"
    rf"invit(?:ed|ation)\b[^.;]{{0,80}}?\bto\s+visit|next|upcoming|forthcoming|coming|planned|"
    rf"scheduled|early\s+realization\s+of|successful)\b[^.;]{{0,60}}?\b(?:{_EVENT})\b"
    rf"|\b(?:swiftly|early|promptly)\s+holding\b"
    rf"|\bholding\s+(?:of\s+)?(?:the\s+)?[\w\-’' ]{{0,60}}(?:{_EVENT})\b[^.;]{{0,40}}\b(?:soon|early|swiftly|"
    rf"within|next|in\s+the\s+near\s+future)"
)
_NOT_ENGAGEMENT = re.compile(
    r"\b(?:business\s+mission|grave\s+visits?|exhibition|expo|anniversary|presidency|year\s+in|"
    r"Year\b|festival|olympic|games|election|ceremony|survey|launch\s+of\s+the\s+satellite|"
    r"negotiations?\s+on\s+(?:the\s+)?(?:FTA|EPA|agreement)|tourists?|students?)\b",
    re.I,
)
_DATE_TEXT = re.compile(
    r"\b(?:in\s+the\s+near\s+future|as\s+(?:early|soon)\s+as\s+possible|at\s+an\s+early\s+date|"
    r"at\s+the\s+earliest\s+(?:possible\s+)?(?:opportunity|time|date)|at\s+a\s+suitable\s+time(?:\s+going\s+forward)?|"
    r"within\s+(?:this|the)\s+(?:year|month)|within\s+FY\s?\d{4}|"
    r"(?:later|early|earlier)\s+(?:this|in\s+the|next)\s+(?:year|month|week)|"
    r"next\s+(?:year|month|week|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|"
    r"this\s+(?:year|month|spring|summer|autumn|fall|winter)|"
    r"(?:in\s+)?(?:early|mid|late)[- ](?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+\d{4})?|"
    r"(?:on|from)\s+(?:[A-Z][a-z]+day,?\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}(?:,?\s+\d{4})?|on\s+\d{1,2}\s+(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)(?:\s+\d{4})?|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|"
    r"in\s+\d{4}|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"soon|swiftly|shortly|promptly|forthcoming|later\s+in\s+the\s+(?:month|year|week))\b",
    re.I,
)
_STRIP = re.compile(
    r"\b(?:will|would|shall|be\s+held|be|to|that|the\s+two\s+(?:ministers|leaders|sides)\s+(?:confirmed|agreed|"
    r"shared\s+the\s+view)\s+that|if\s+circumstances\s+permit|if\s+possible|going\s+forward)\b",
    re.I,
)
#: follow-ups read per document at most
MAX_FOLLOW_UPS = 12


def find_follow_ups(
    text: str,
    sents: list[Sentence],
    anchor: dt.date | None,
    entities: list[Entity],
    *,
    start: int = 0,
) -> list[dict]:
    out: list[dict] = []
    for s in sents:
        if s.start < start or len(out) >= MAX_FOLLOW_UPS:
            continue
        for cs, ce in clauses(s):
            seg = text[cs:ce]
            m = _FUTURE_EVENT.search(seg)
            if not m:
                continue
            if _NOT_ENGAGEMENT.search(seg[max(0, m.start() - 40) : m.end() + 60]):
                continue
            item = _follow_up(text, cs, ce, m, anchor, entities)
            if item and not any(_same(item, o) for o in out):
                out.append(item)
    return out


def _same(a: dict, b: dict) -> bool:
    ta, tb = set(a["name"].lower().split()), set(b["name"].lower().split())
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.8


def _follow_up(text: str, cs: int, ce: int, m: re.Match, anchor: dt.date | None, entities: list[Entity]) -> dict | None:
    seg = text[cs:ce]
    # the date words
    date_text = None
    date_val = None
    dm = None
    for cand in _DATE_TEXT.finditer(seg):
        dm = cand
        break
    if dm:
        date_text = dm.group(0)
        found = dates.find_dates(text, cs + dm.start(), cs + dm.end())
        if found:
            d = found[0].resolve(anchor, "future")
            date_val = d.isoformat() if d else None
    name = _name(text, cs, ce, m, dm, entities)
    if not name or len(name.split()) < 2:
        return None
    place = None
    pm = re.search(r"\b(?:visit(?:s)?\s+(?:to\s+)?|in\s+)(?P<p>(?:the\s+)?[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,3})", seg)
    if pm:
        iso = lx.lookup_country(pm.group("p").lower().split())
        if iso:
            place = {"name": None, "country": iso}
    return {
        "name": name,
        "date": date_val,
        "date_text": date_text,
        "place": place,
        "participants": [],
        "span": [cs, ce],
    }


def _name(text: str, cs: int, ce: int, m: re.Match, dm: re.Match | None, entities: list[Entity]) -> str:
    """A short description: the clause with dates, auxiliaries, honorifics and given names out."""
    seg = text[cs:ce]
    # start from the clause's subject or from the event phrase
    lead = re.match(
        r"^.*?\b(?:confirmed|agreed|affirmed|decided|shared\s+the\s+view|concurred|announced|noted|stated|"
        r"welcomed|expressed|looked\s+forward\s+to|look\s+forward\s+to|invited)\b(?:\s+(?:that|on|to|the\s+need\s+of))?\s+",
        seg,
    )
    body = seg[lead.end() :] if lead and lead.end() <= m.start() + 1 else seg
    if dm:
        body = body.replace(dm.group(0), " ")
    # people: "Mr. Shinzo Abe, Prime Minister of Japan," -> "Prime Minister Abe"
    for e in entities:
        if not e.family:
            continue
        for mm in e.mentions:
            if cs <= mm.start < ce and mm.kind == "name":
                written = text[mm.start : mm.end]
                body = body.replace(written, e.short())
    body = re.sub(r",\s*(?:the\s+)?(?:Prime\s+Minister|President|Minister|Secretary)[^,]{0,80},", " ", body)
    body = _STRIP.sub(" ", body)
    body = re.sub(r"\b(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s+", "", body)
    body = re.sub(r"\s+", " ", body).strip(" ,.;:")
    words = body.split()
    # cut trailing clauses that are not part of the event ("..., and that they will ...")
    if len(words) > 16:
        words = words[:16]
    return " ".join(words)
