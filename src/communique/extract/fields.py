"""One engagement's fields, each found by a named stage over its :class:`Draft`.

Needs: the document's finished :class:`~communique.extract.context.Context` (text,
sentences, layout, date line, publisher, entities) and one engagement. Adds: the
engagement's record as ``schema/extraction.schema.json`` describes it. ``FIELDS`` lists
the stages in the order they run, each with the attributes it needs and adds:

``lead`` (the trigger sentence's paragraph) → ``date`` → ``mode`` → ``duration`` →
``start_time`` → ``occasion`` → ``place`` → ``round`` → ``ordinals`` → ``name`` →
``participants`` (countries the text leaves implicit, office holders) → ``topics`` →
``outcomes``; :func:`record` writes the result. Follow-ups are the document's
(``pipeline``), attached to the engagement that announced them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable

from communique.extract import dates, holders, layout, names, numbers, people, places
from communique.extract import outcomes as oc
from communique.extract.context import Draft, Engagement
from communique.extract.engagements import Candidate, mode_of
from communique.extract.people import Entity
from communique.extract.text import PAST_CONTEXT
from communique.util.date_mentions import WEEKDAYS
from communique.util.sentences import Sentence
from communique.util.stages import Stage, stage

#: what else a readout times that is not the meeting: ceremonies, press events, photos
_NOT_THE_MEETING = re.compile(
    r"\b(?:signing|ceremony|press\s+(?:conference|occasion|encounter|event|availability|statements?)|"
    r"photo\s+(?:session|opportunity)|joint\s+press)\b"
    # (not "following the joint press announcement, the second half of the meeting was held for")
    r"(?![^.;]{0,110}?\b(?:second|latter)\s+(?:half|part)\s+of\s+the\s+meeting)[^.;]{0,110}$",
    re.I,
)
#: a duration stated for several days together is not one meeting's
_MULTI_DAY = re.compile(
    r"\b(?:two|three|several|\d)\s+days\b|\bover\s+the\s+(?:two|three)\s+days\b", re.I
)


def _sentence_of(text: str, pos: int) -> str:
    s = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    e = min(x for x in (text.find(". ", pos), text.find("\n", pos), len(text)) if x >= 0)
    return text[s:e]


_WEEKDAY = re.compile(
    r"\b(?:on|On|last|late\s+on|early\s+on)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!,?\s+(?:\d|January|February|March|April|May|June|July|August|September|October|November|December))"
)
_ON_DATE = re.compile(r"\b(?:on|On|ON)\s+(?:[A-Z][a-z]+day,?\s+)?$")


#: how far into the body a report's visit ("X's visit to Japan") is looked for
HOST_SCAN_CHARS = 2500
#: how long before its date line a day the report names may be the day of a meeting told
#: later without one (a readout is written within days of the meetings it reports)
NARRATIVE_DAY_SPAN = dt.timedelta(days=7)
#: a principal's lead paragraph: how many sentences after the trigger count as its lead
LEAD_SENTENCES = 3


#: words before a meeting's name on captions and headings: "Overview of", "Photo session
#: before", "The state of", "Opening shot of", a date stamp, an item number
_NAME_LEAD = re.compile(
    r"^(?:date\s+\d{4}-\d\d-\d\d\s+|\(?\d{1,2}[.)]?\s+|(?:an?\s+)?overview\s+of\s+(?:the\s+)?|"
    r"the\s+state\s+of\s+(?:the\s+)?|opening\s+shot\s+of\s+(?:the\s+)?|"
    r"photo\s+session\s+(?:was\s+held\s+)?(?:of|before|at|after|during|for)\s+(?:the\s+)?|"
    r"(?:photo|picture|image)\s*(?:\(\w+\))?\s*[:\-–]\s*|readout\s+of\s+(?:the\s+)?|"
    r"(?:joint\s+)?press\s+(?:conference|statement|release)\s*[:\-–]\s*|"
    r"background\s+press\s+call\s+by\s+[^:]{0,60}?\s+on\s+)+",
    re.I,
)
#: a meeting's name is a noun phrase; these words make it a sentence
_SENTENCE_WORDS = re.compile(
    r"\b(?:conveyed|stated|said|expressed|explained|taking\s+into|welcomed|agreed|discussed|noted|"
    r"emphasi[sz]ed|underlined|reaffirmed|was|were|is|are|will)\b"
)
#: a longer name is a sentence or a headline, not a meeting's name
MAX_MEETING_NAME_WORDS = 18
_MEETING_NOUN = re.compile(
    r"\b(?:Meeting|Talks?|Summit|Dialogue|Call|Consultations?|Conference|Lunch|Dinner|Breakfast|"
    r"Conversation|Committee|Commission|Session|Audience|Visit|Video|2\+2)\b",
    re.I,
)


def meeting_name(raw: str | None) -> str | None:
    """The meeting's own name from a title, heading or clause ("Overview of the Japan-China
    Foreign Ministers' Meeting" -> "Japan-China Foreign Ministers' Meeting"), or None when
    what is left is a sentence, a caption or no meeting's name at all."""
    if not raw:
        return None
    name = _NAME_LEAD.sub("", raw.strip()).strip(" .:;,")
    name = name[:1].upper() + name[1:]
    if (
        not name
        or len(name.split()) > MAX_MEETING_NAME_WORDS
        or _SENTENCE_WORDS.search(name)
        or not _MEETING_NOUN.search(name)
    ):
        return None
    return name


#: how far into the body a fixed-venue conference ("here at the Eastern Economic Forum") is
#: taken as the occasion when the lead names none; further in, it is more often a past or
#: other event (calibrated on the dev set's Kremlin and DFAT transcripts)
FIXED_OCCASION_SCAN_CHARS = 1000


def _headline_day(title: str | None) -> bool:
    """Whether a headline tells of the day's meeting in the present ("X holds talks with
    Y"), rather than of one to come ("X to visit Y") or a list of pages."""
    return bool(
        title
        and re.search(r"\b(?:holds|meets|receives|hosts|talks|speaks|calls)\b", title)
        and not re.search(r"\b(?:to|will|ahead|upcoming|next)\b", title, re.I)
    )


#: a sentence about an earlier time, whose date is not the meeting's
_PAST_DAY = re.compile(
    r"\b(?:had|previously|last\s+met|since|established|signed\s+in|founded|anniversary)\b", re.I
)


#: words before a place that put it in the future: "will meet in", "to be held in"
_FUTURE_PLACE = re.compile(
    r"\b(?:will|shall|would|to\s+be\s+held|next|upcoming|forthcoming)\b"
    # "agreed to hold meetings frequently, beginning with Minister X's visit to Japan"
    r"|\b(?:agreed|decided|hopes?|hoped|plans?|planned|intends?|intended)\s+to\b|\b(?:beginning|starting)\s+with\b"
    # "ahead of Modi's summit with Xi in China": the place of the event ahead, not
    # "Ahead of the summit, X met Y at the White House"
    r"|\b(?:ahead\s+of|in\s+preparation\s+for|preparations?\s+for)\s+[^,;]{0,100}$"
)


#: "met X here": the city of the report's dateline
_HERE = re.compile(r"\bhere\b(?!\s+(?:in|at)\s)")
#: "has invited his counterpart ... to visit Washington": where the invitation leads
_INVITED_TO = re.compile(r"\binvit(?:ed|es|ing)\b[^.;]{0,200}?\b(?:to|visit)\s+$")


#: a sentence that gives the meeting's length: "The telephonic conversation lasted ..."
_MEETING_LASTED = re.compile(
    r"(?m)(?:^|(?<=[.!?]\s))(?:The|Their)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:meeting|talks|conversation|call|discussions?)\s+(?:lasted|went\s+on|continued)\s+(?:for\s+)?"
    r"(?=[^.;]{0,40}\b(?:hours?|minutes?)\b)"
)


#: "the 100-minute meeting", "a 25-minute one-to-one meeting"
_SIZED_MEETING = re.compile(
    r"\b(?:\d+|[a-z]+)-(?:minute|hour)\s+(?:[\w\-]+\s+){0,2}?(?:meeting|talks|conversation|call|session)\b"
)


#: a later part of one meeting: "the second half of the meeting", "a working dinner"
_LATER_PART = re.compile(
    r"\b(?:(?:second|latter)\s+(?:half|part)\s+of\s+(?:the|this)\s+(?:meeting|talks|dialogue)|"
    r"in\s+the\s+form\s+of\s+a\s+working\s+(?:lunch|dinner|luncheon|breakfast))\b"
)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1)


def _sentence_of_end(text: str, pos: int) -> int:
    """Where the sentence that begins at ``pos`` ends."""
    m = re.compile(r"[.!?](?:\s|$)|\n").search(text, pos)
    return m.end() if m else len(text)


#: "for (successfully) hosting this year's G7 Foreign Ministers' Meeting"
_HOSTING = re.compile(
    r"\bfor\s+(?:(?:so\s+)?successfully\s+)?hosting\s+(?:the\s+|an?\s+|this\s+year['’]s\s+)?"
    r"(?:(?:excellent|successful|historic|wonderful|great)\s+)?"
    r"(?P<evt>(?:[A-Z0-9][\w\-’'+]*\s+){0,6}(?:[Ss]ummit|Meeting|Conference|Forum|Assembly|Dialogue|G7|G20)\b)"
)


def _host_of(pos: int, eng: Engagement, entities: list[Entity], text: str) -> str | None:
    """The country of the participant named last before ``pos``: the one congratulated
    for hosting."""
    best = None
    for pid in eng.participants:
        for m in entities[pid].mentions:
            if m.start < pos and (best is None or m.start > best[0]):
                best = (m.start, pid)
    if best is None:
        return None
    if re.search(r"\b(?:his|her|their)\s+(?:\w+\s+)?counterpart\s+$", text[best[0] : pos]):
        # "Minister Joly congratulated her counterpart for hosting": the other one
        others = [p for p in eng.participants if p != best[1]]
        return entities[others[0]].country if len(others) == 1 else None
    return entities[best[1]].country


#: the end of a range of days right after its first day: " to March 7", "-7", "–7 March"
_RANGE_AFTER = re.compile(r"\s*(?:to|until|through|-|–)\s*(?:[A-Z][a-z]+\s+)?\d{1,2}\b")


def _present_place(text: str, start: int, end: int) -> places.Place | None:
    """The first place in ``text[start:end]`` not said of something to come ("... and our
    ministers will meet in Ottawa in May" is not where this meeting was)."""
    pos = start
    while pos < end:
        place = places.find_place(text, pos, end)
        if place is None or place.start < 0:
            return place
        s0 = max(
            pos, text.rfind(". ", pos, place.start) + 1, text.rfind(", and ", pos, place.start)
        )
        if not _FUTURE_PLACE.search(text, s0, place.start) and not _INVITED_TO.search(
            text, s0, place.start
        ):
            return place
        pos = max(place.end, pos + 1)
    return None


def _lead_span(eng: Engagement, sents: list[Sentence], text: str = "") -> tuple[int, int]:
    """The trigger sentence and the rest of its paragraph (up to LEAD_SENTENCES), up to a
    sentence that tells of an earlier meeting ("Lavrov had previously met Qin Gang ...")."""
    s = eng.cand.sentence
    idx = sents.index(s)
    end = s.end
    for nxt in sents[idx + 1 : idx + 1 + LEAD_SENTENCES]:
        if nxt.paragraph != s.paragraph or PAST_CONTEXT.search(text, nxt.start, nxt.end):
            break
        end = nxt.end
    return s.start, end


def _dedupe_ordinals(ords: list[numbers.Ordinal]) -> list[numbers.Ordinal]:
    seen: set[str] = set()
    out = []
    for o in ords:
        if o.scope in seen:
            continue
        seen.add(o.scope)
        out.append(o)
    return out


#: triggers whose subject is the host: "received", "hosted", "welcomed"
_HOST_VERB = re.compile(
    r"(?i)(?:was\s+)?(?:received|receives|hosted|hosts|welcomed|welcomes)\b(?!\s+by)"
)


def _pair_of(name: str | None, title: str | None) -> list[str]:
    """The countries a meeting's name or the title pairs ("Japan-China Summit"), after
    the one a title is headed by ("Georgia: High Representative meets ...")."""
    pair: list[str] = []
    headed = re.match(r"(?P<c>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,2}):\s", title or "")
    if headed and layout._iso(headed.group("c")):
        pair.append(layout._iso(headed.group("c")) or "")
    for src in (name or "", title or ""):
        for m in layout._COMPOUND.finditer(src):
            for g in (m.group(1), m.group(2)):
                iso = layout._iso(g)
                if iso and iso not in pair:
                    pair.append(iso)
        if pair:
            break
    return pair


#: words that tell of a visit to the place of a meeting ("visited Kenya", "arrived in")
_VISIT_WORD = re.compile(
    r"\b(?:visit(?:ed|s|ing)?|arrived\s+in|trip\s+to|travell?ed\s+to|tour\s+of|stay\s+in)\b", re.I
)


#: the United Nations' ground: its headquarters, a mission to it
_UN_GROUND = re.compile(
    r"\b(?:Permanent\s+)?Missions?\s+(?:of\s+[\w\s]{2,40}?\s+)?to\s+the\s+(?:UN|United\s+Nations)\b"
    r"|\b(?:UN|United\s+Nations)\s+(?:Headquarters|HQ)\b"
)


def _infer_countries(
    country_counts: Callable[[], Counter] | None,
    parts: list[Entity],
    place: places.Place | None,
    name: str | None,
    lay: layout.Layout,
    publisher: str | None,
    c: Candidate,
    trigger: str = "",
    visit: bool = False,
    at_event: bool = False,
    listed: frozenset[str] = frozenset(),
) -> None:
    """Countries the text leaves implicit: the publisher's own official, the host, the pair.
    ``visit``: the text tells of a visit up to this meeting (the place is a host's);
    ``at_event``: the meeting was held at a larger event (its place is no one's home);
    ``listed``: the countries of the counterparts listed by country (the other side's,
    never the unnamed principal's: "his counterparts from India, Indonesia and Brazil")."""
    pair = _pair_of(name, lay.title)
    known = {p.country for p in parts if p.country}
    ordered = parts
    if publisher is None and not _HOST_VERB.match(trigger):
        # no publisher to tell whose official the subject is: the host country goes to
        # the one visited ("X visited Kenya ... called on President Y"), the subject of
        # "received", "hosted" or "welcomed" being the host
        ordered = sorted(parts, key=lambda p: p.id in c.subject)
    for p in ordered:
        if p.country or p.organization:
            continue
        if p.name is None:
            continue  # named only by office: decided below from the publisher or the text
        if publisher and publisher not in known and p.id in c.subject:
            p.country, p.country_reason = (
                publisher,
                "the publisher's own official (title names no country)",
            )
            known.add(publisher)
            continue
        at_seat = any(q.organization for q in parts)  # an organisation's seat hosts no one
        # the host is the other side of a visitor whose country is known; with no side
        # known the place may be a third country's (two envoys meeting in New York)
        hosted = place and place.country and not at_seat and not at_event and (known or visit)
        for iso, why in [(x, "the other country of the engagement's name") for x in pair] + (
            [(place.country, "host country of the meeting")] if hosted else []
        ):
            if iso and iso not in known:
                p.country, p.country_reason = iso, why
                known.add(iso)
                break
        if p.country is None and publisher and publisher not in known:
            p.country, p.country_reason = (
                publisher,
                "the publisher's own official (title names no country)",
            )
            known.add(publisher)
    for p in parts:
        if p.country or p.organization or p.name is not None:
            continue
        if publisher and publisher not in known:
            p.country, p.country_reason = publisher, "named only by office; the publisher's own"
            known.add(publisher)
            continue
        host = place.country if place else None
        ranked = country_counts().most_common() if country_counts else []
        other = [
            iso for iso, _n in ranked if iso not in known and iso != host and iso not in listed
        ]
        if other:
            p.country = other[0]
            p.country_reason = (
                "named only by office; the country the text names most after the counterpart's"
            )
            known.add(other[0])


def _name_office_holders(parts: list[Entity], when: dt.date, text: str) -> None:
    """A principal named only by office ("The Secretary-General") is the one person the
    office-holders gazetteer lists in that office of that country or organisation on
    the engagement's day, when the text writes that person's name somewhere (a byline:
    "António Guterres, Secretary-General"); otherwise the principal stays unnamed, as
    the guidelines ask, and the gazetteer's answer is kept as ``office_holder``."""
    for p in parts:
        if p.name is not None or not p.title or not (p.country or p.organization):
            continue
        key = people.office_key(p.title)
        if key is None:
            continue
        org = holders.fold(p.organization or "")
        found = [
            h
            for h in holders.in_office(when)
            if people.office_key(h.office) == key
            and (
                (p.country and h.iso3 == p.country)
                or (org and h.iso3 is None and org in holders.fold(h.office))
            )
        ]
        if len(found) != 1:
            continue
        h = found[0]
        reason = f"{h.office} on {when.isoformat()} (office holders gazetteer)"
        if re.search(rf"\b{re.escape(h.family)}\b", text):
            p.name, p.family, p.name_reason = h.name, h.family, reason + "; named in the text"
        else:
            p.office_holder = {"name": h.name, "family_name": h.family, "reason": reason}


def _person_json(p: Entity, c: Candidate) -> dict:
    if not p.mentions:  # a principal the text leaves implicit
        return {
            "name": "",
            "family_name": "",
            "title": p.title,
            "country": p.country,
            "organization": p.organization,
            "country_reason": p.country_reason,
            "unnamed": True,
            **({"office_holder": p.office_holder} if p.office_holder else {}),
        }
    m = next((x for x in p.mentions if c.clause_start <= x.start < c.clause_end), p.first)
    full = max(p.mentions, key=lambda x: (x.kind == "name", len(x.name or "")))
    out = {
        # the schema types names as strings: an unnamed principal has "" and "unnamed": true
        "name": p.name or "",
        "family_name": names.family_by_convention(p.name, p.family, p.country)
        if p.name and p.family
        else p.family or "",
        "title": p.title,
        "country": p.country,
        "organization": p.organization,
        "span": [full.start, full.end] if full.kind == "name" else [m.start, m.end],
    }
    if p.country_reason:
        out["country_reason"] = p.country_reason
    if p.name_reason:
        out["name_reason"] = p.name_reason
    if p.office_holder:
        out["office_holder"] = p.office_holder
    if not p.name:
        out["unnamed"] = True
    return out


def find_lead(d: Draft) -> None:
    """Needs: engagement, sentences. Adds: lead."""
    d.lead = _lead_span(d.engagement, d.shared.sentences, d.text)


# -- date: the first of these rules that gives a day


def _date_in_sentence(d: Draft) -> None:
    """The day the trigger's own sentence gives; later sentences of the paragraph speak of
    other days ("The two leaders had begun their negotiations the previous day, December
    15"), except that a day the paragraph gives beats the date line."""
    text, c, lay = d.text, d.cand, d.layout
    found = dates.find_dates(text, c.sentence.start, c.sentence.end)
    if lay.published_span and (
        _WEEKDAY.search(text, c.clause_start, c.clause_end)
        or re.search(r"\byesterday\b", text[c.clause_start : c.clause_end], re.I)
    ):
        # "2022-05-17 Abu Dhabi: X on Monday received Y": the date line is not the day
        ps, pe = lay.published_span
        found = [x for x in found if not ps <= x.start < pe]
    if lay.published_span and found:
        ps, pe = lay.published_span
        if all(ps <= x.start < pe for x in found):
            # "2016-12-15 X has met with Y. They met at the AU Headquarters on Tuesday, 13
            # December 2016.": the day the paragraph gives beats the date line
            lead_e = d.lead[1] if d.lead else c.sentence.end
            told = [
                x for x in dates.find_dates(text, c.sentence.end, lead_e) if not ps <= x.start < pe
            ]
            if told:
                found = told[:1]
    # "On Thursday, June 2" beats a dateline ("TOKYO, June 7, 2011/APO/ —") in the same sentence
    found.sort(key=lambda x: 0 if _ON_DATE.search(text[max(0, x.start - 16) : x.start]) else 1)
    for x in found:
        when = x.resolve(d.shared.anchor, "past")
        if when:
            d.date = when
            d.evidence["date"] = [x.start, x.end]
            break
    if (
        d.date is not None
        and c.extra.get("object_list")
        and _RANGE_AFTER.match(text, d.evidence["date"][1])
    ):
        # "From March 5 to March 7, X held talks with A, B and C": which day each was, the
        # text does not say
        d.date = None
        d.evidence.pop("date", None)
        d.reasons["date"] = "several meetings over a range of days; each one's day is not given"


def _relative_day(d: Draft) -> None:
    """ "today", "yesterday", "this morning": counted from the date line."""
    c, anchor = d.cand, d.shared.anchor
    rel = re.search(
        r"\b(today|yesterday|this (?:morning|afternoon|evening))\b",
        d.text[c.clause_start : c.clause_end],
        re.I,
    )
    if rel and anchor:
        yesterday = rel.group(1).lower() == "yesterday"
        d.date = anchor - dt.timedelta(days=1) if yesterday else anchor
        d.evidence["date"] = [c.clause_start + rel.start(), c.clause_start + rel.end()]


def _weekday(d: Draft) -> None:
    """News style: "Lavrov on Thursday held talks": the last such weekday by the date line."""
    c, anchor = d.cand, d.shared.anchor
    if anchor is None:
        return
    wd = _WEEKDAY.search(d.text, c.clause_start, c.clause_end)
    if wd:
        back = (anchor.weekday() - WEEKDAYS.index(wd.group(1).lower())) % 7
        d.date = anchor - dt.timedelta(days=back)
        d.evidence["date"] = [wd.start(1), wd.end(1)]
        d.reasons["date"] = f"the last {wd.group(1)} by the date line"


def _date_heading(d: Draft) -> None:
    """A heading with a day above the meeting's sentence."""
    day = layout.date_heading_before(d.text, d.cand.sentence.start, d.layout.body_start)
    if day is not None:
        when = day.resolve(d.shared.anchor, "past")
        if when:
            d.date = when
            d.evidence["date"] = [day.start, day.end]


def _narrative_day(d: Draft) -> None:
    """A narrative's day carries on: "On 18 June, X concluded his visit ... X also met Y";
    else the date line."""
    c, lay, anchor = d.cand, d.layout, d.shared.anchor
    if anchor is None or (c.from_title and not _headline_day(lay.title)):
        return
    before = [
        x
        for x in dates.find_dates(d.text, lay.body_start, c.sentence.start)
        if not (lay.published_span and lay.published_span[0] <= x.start < lay.published_span[1])
    ]
    told = before[-1].resolve(anchor, "past") if before else None
    if told is not None and _RANGE_AFTER.match(d.text, before[-1].end):
        # "The conference was held from Feb. 17 to 19": a meeting during it has no day
        # of its own in the text
        d.evidence["date"] = [before[-1].start, before[-1].end]
        d.reasons["date"] = (
            "the last days the report named are a range; this meeting's is not given"
        )
        return
    if told is not None and dt.timedelta(0) < anchor - told <= NARRATIVE_DAY_SPAN:
        d.date = told
        d.evidence["date"] = [before[-1].start, before[-1].end]
        d.reasons["date"] = "the day the report last named before this meeting"
    else:
        d.date = anchor
        d.reasons["date"] = "the date line (the report names no other day)"


def _last_full_date(d: Draft) -> None:
    """No date line: the last full date told before it in the body ("arrived in Moscow on
    Monday, May 16, 2016 ... Talks were held between the two Prime Ministers")."""
    c, text = d.cand, d.text
    if d.shared.anchor is not None or c.from_title:
        return
    before = [
        x
        for x in dates.find_dates(text, d.layout.body_start, c.sentence.start)
        if x.resolve(None, "past") is not None and not _PAST_DAY.search(_sentence_of(text, x.start))
    ]
    if before:
        d.date = before[-1].resolve(None, "past")
        d.evidence["date"] = [before[-1].start, before[-1].end]
        d.reasons["date"] = "the last full date the report gives before this meeting"


#: the rules for the day of a meeting, most direct first
DATE_RULES: tuple[Callable[[Draft], None], ...] = (
    _date_in_sentence,
    _relative_day,
    _weekday,
    _date_heading,
    _narrative_day,
    _last_full_date,
)


def find_date(d: Draft) -> None:
    """Needs: engagement, lead, layout, anchor. Adds: date, evidence, reasons."""
    for rule in DATE_RULES:
        rule(d)
        if d.date is not None or "date" in d.reasons:
            return  # the day is found, or the text says there is none to give


def find_mode(d: Draft) -> None:
    """Needs: engagement, layout. Adds: mode (the title's, when the clause says none)."""
    c, lay = d.cand, d.layout
    mode = c.mode
    title_mode = mode_of(lay.title, 0, len(lay.title)) if lay.title else "in_person"
    if (
        mode == "in_person"
        and not c.from_title
        and title_mode != "in_person"
        and len(d.engagement.participants) <= 2
    ):
        mode = title_mode
    d.mode = mode


def find_duration(d: Draft) -> None:
    """Needs: engagement, lead, others, alone, layout, sentences. Adds: duration, evidence.
    The parts of one meeting add up; "including the lunch" is one figure."""
    durs = _durations(d)
    if not durs:
        return
    longest = max(durs, key=lambda x: x.minutes)
    if any(x.including for x in durs):
        d0 = next(x for x in durs if x.including)
        d.duration = d0.minutes
        d.evidence["duration_minutes"] = [d0.start, d0.end]
    elif len(durs) > 2 and longest.minutes == sum(x.minutes for x in durs if x is not longest):
        # "for about 1 hour and 10 minutes ... consisted of a 35-minute meeting ...
        # followed by a 35-minute meeting": the total, then its parts
        d.duration = longest.minutes
        d.evidence["duration_minutes"] = [longest.start, longest.end]
    else:
        d.duration = sum(x.minutes for x in durs)
        d.evidence["duration_minutes"] = [durs[0].start, durs[-1].end]


def _durations(d: Draft) -> list[dates.Duration]:
    """The lengths the lead gives this meeting (not another engagement's, not several
    days', not a ceremony's); for the one meeting of a readout, those told elsewhere."""
    text, c = d.text, d.cand
    lead_s, lead_e = d.lead or (0, 0)
    other_sents = [x for x in d.shared.sentences if x.start in d.others]
    durs = [
        x
        for x in dates.find_durations(text, lead_s, lead_e)
        if not _MULTI_DAY.search(_sentence_of(text, x.start))
        # another engagement's sentence in the same paragraph keeps its own duration
        and not any(s.start <= x.start < s.end for s in other_sents)
        # "the signing ceremony (approximately 10 minutes)": not part of the meeting
        and not _NOT_THE_MEETING.search(text, max(lead_s, x.start - 120), x.start)
    ]
    if not durs and d.alone:
        durs = _told_apart(text, d.layout.body_start)
    if not durs:
        return dates.find_time_ranges(text, c.clause_start, c.clause_end) or dates.find_time_ranges(
            text, lead_s, lead_e
        )
    if d.alone and not any(x.including for x in durs):
        # "the second half of the meeting was held for around one hour in the form of a
        # working dinner": a later part of the same meeting, told in its own paragraph
        durs += [
            x
            for m in _LATER_PART.finditer(text, lead_e)
            for x in dates.find_durations(
                text, _sentence_start(text, m.start()), _sentence_of_end(text, m.start())
            )[:1]
            if x.start >= lead_e
        ][:1]
    return durs


def _told_apart(text: str, body_start: int) -> list[dates.Duration]:
    """The one meeting's length told in a paragraph of its own."""
    # "The telephonic conversation lasted around half hour."
    return [
        x
        for m in _MEETING_LASTED.finditer(text, body_start)
        for x in dates.find_durations(text, m.start(), _sentence_of_end(text, m.start()))[:1]
    ][:1] or [
        # "present at the 100-minute meeting. It was followed by a 25-minute one-to-one
        # meeting": the parts add up
        x
        for m in _SIZED_MEETING.finditer(text, body_start)
        for x in dates.find_durations(text, m.start(), m.end())[:1]
        if not _NOT_THE_MEETING.search(text, max(body_start, m.start() - 120), m.start())
    ]


def find_start_time(d: Draft) -> None:
    """Needs: engagement. Adds: start_time, evidence ("commencing at 4:35 p.m.")."""
    d.start_time = dates.find_start_time(d.text, d.cand.clause_start, d.cand.clause_end)
    if d.start_time:
        d.evidence["start_time"] = [d.start_time[1], d.start_time[2]]


def find_occasion(d: Draft) -> None:
    """Needs: engagement, lead, layout, mode. Adds: occasion, evidence, hosting (an event
    a participant is thanked for hosting)."""
    text, c, lay = d.text, d.cand, d.layout
    lead_s, lead_e = d.lead or (0, 0)
    occ = places.find_occasion(text, c.clause_start, c.clause_end)
    occ = occ or places.find_occasion(text, lead_s, lead_e, elsewhere=True)
    # "In the margins of the summit, X met ... During their meeting, X and Y discussed"
    para_start = text.rfind("\n", 0, c.clause_start) + 1
    occ = occ or places.find_anaphoric_occasion(text, para_start, c.clause_end)
    scan_end = min(len(text), lay.body_start + HOST_SCAN_CHARS)
    if d.mode == "in_person":  # a call is held at no conference the text mentions elsewhere
        occ = occ or places.find_fixed_occasion(
            text, lay.body_start, min(scan_end, lay.body_start + FIXED_OCCASION_SCAN_CHARS)
        )
    occ = occ or places.find_occasion(text, lay.body_start, scan_end, strong_only=True)
    d.hosting = _HOSTING.search(text, lay.body_start, scan_end)
    if occ is None and d.hosting and d.mode == "in_person":
        # "congratulated President Biden for hosting an excellent NATO summit so far": the
        # event the meeting was held at
        occ = places.Occasion(d.hosting.group("evt"), d.hosting.start("evt"), d.hosting.end("evt"))
    if occ is not None and lay.title_span:
        # "on the occasion of the G20 today" under a title "... at the G20 Summit": the
        # title names the same event in full
        occ = places.fuller_in(occ, text, *lay.title_span) or occ
    d.occasion = occ
    if occ:
        d.evidence["occasion"] = [occ.start, occ.end]


def find_place(d: Draft) -> None:
    """Needs: engagement, mode, occasion, hosting, date, lead, layout, sentences,
    publisher, entities. Adds: place, evidence. Only a meeting in person has one."""
    if d.mode == "in_person":
        d.place = _place_in_person(d)
    if d.place and d.place.start >= 0:
        d.evidence["place"] = [d.place.start, d.place.end]


def _place_in_person(d: Draft) -> places.Place | None:
    text, c, lay, occ = d.text, d.cand, d.layout, d.occasion
    lead_s, lead_e = d.lead or (0, 0)
    place = (
        places.city_hosting(text, c.sentence.start, c.trigger_start)
        or places.place_of_trigger(text, c.trigger_end, c.clause_end)
        or _present_place(text, c.clause_start, c.clause_end)
    )
    if place is None and _HERE.search(text, c.clause_start, c.clause_end):
        # "held consultations with X here": where the report was filed
        para = text.rfind("\n", 0, c.sentence.start) + 1
        place = places.news_dateline(text, para, c.sentence.end)
    if (place is None or place.strength < 2) and occ is not None:
        # the city the text gives the occasion ("the BRICS summit in Kazan") before the
        # gazetteer's host of that series in that year
        # gazetteer's host of that series in that year, which may name the city of a
        # country the text gives
        said, known = places.place_after_occasion(text, occ), places.place_of_occasion(occ, d.date)
        if said and known and said.name is None and said.country == known.country:
            said = known
        p3 = said or known
        if p3:
            place = p3
    if place is None:
        place = _present_place(text, lead_s, lead_e)
    if place is None and lay.title_span:
        place = places.find_place(text, *lay.title_span)
    if place is None:
        # the visit the whole report is about ("... is on a working visit to Japan")
        lead = [s for s in d.shared.sentences if s.start >= lay.body_start][:2]
        if lead:
            p4 = _present_place(text, lead[0].start, lead[-1].end)
            if p4 is not None and p4.strength >= 2:
                place = p4
    if place is None:
        # "from 9:15 a.m. (NY time)": the clock of the place the meeting was held
        place = places.local_time_city(text, c.clause_start, c.clause_end, d.shared.publisher)
    if place is None and d.hosting is not None:
        # "... for successfully hosting this year's G7 Foreign Ministers' Meeting": in
        # the host's country
        host = _host_of(d.hosting.start(), d.engagement, d.shared.entities, text)
        if host is not None:
            place = places.Place(
                None,
                host,
                d.hosting.start("evt"),
                d.hosting.end("evt"),
                "the country of the participant who hosted the event",
                1,
            )
    if place is None and lay.published_span:
        place = places.dateline_city(text, *lay.published_span)
    if place is None or (place.name is None and place.strength < 3):
        # "BEIJING, May 11 (Xinhua) -- Xi held talks ... with Quang, who is on a
        # state visit to China": the dateline's city, in the country found if any
        para = text.rfind("\n", 0, c.sentence.start) + 1
        filed = places.news_dateline(text, para, c.sentence.end)
        if filed and (place is None or place.country in (None, filed.country)):
            place = filed
    if place is None:
        place = places.find_host(
            text, lay.body_start, min(len(text), lay.body_start + HOST_SCAN_CHARS)
        )
    return place


def find_round(d: Draft) -> None:
    """Needs: lead. Adds: round, evidence ("the third round of talks")."""
    rnd = numbers.find_round(d.text, *(d.lead or (0, 0)))
    d.round = rnd
    if rnd:
        d.evidence["round"] = [rnd.start, rnd.end]


def find_ordinals(d: Draft) -> None:
    """Needs: engagement, lead, occasion, alone, layout, document_ordinals. Adds:
    ordinals (the first meeting of the two, the 15th of a series, ...)."""
    text, c, lay, occ = d.text, d.cand, d.layout, d.occasion
    lead_s, lead_e = d.lead or (0, 0)
    ords = numbers.find_ordinals(text, c.clause_start, c.clause_end)
    if not any(o.scope == "total" for o in ords):
        ords += [
            o
            for o in numbers.find_ordinals(text, lead_s, lead_e, series=False)
            if o.scope != "series"
        ]
        ords += [
            o
            for o in d.shared.document_ordinals
            if o.scope == "total" and not any(x.scope == "total" for x in ords)
        ][:1]
    if d.alone and lay.title_span and not any(o.scope == "series" for o in ords):
        ords += [o for o in numbers.find_ordinals(text, *lay.title_span) if o.scope == "series"]
    if occ is not None:
        # "to participate in the 4th FEALAC Ministerial Meeting": the occasion's number
        ords = [
            o
            for o in ords
            if not (o.scope == "series" and o.start < occ.end and occ.start - 12 < o.end)
        ]
    d.ordinals = _dedupe_ordinals(ords)


def find_name(d: Draft) -> None:
    """Needs: engagement, layout. Adds: name, evidence (the clause's, else the title's)."""
    c, lay = d.cand, d.layout
    name = c.name
    if c.name_span:
        d.evidence["name"] = list(c.name_span)
    if (
        name is None
        and lay.title
        and re.search(
            r"Meeting|Talks?|Summit|Dialogue|Call|Consultation|Conference|Lunch|Dinner", lay.title
        )
    ):
        name = lay.title
    cleaned = meeting_name(name)
    if cleaned != name:
        d.evidence.pop("name", None)
        name = cleaned
    d.name = name


def find_participants(d: Draft) -> None:
    """Needs: engagement, entities, place, occasion, name, date, layout, publisher,
    country_counts.
    Adds: participants, entities (countries the text leaves implicit, office holders)."""
    entities = d.shared.entities
    parts = [entities[i] for i in dict.fromkeys(d.engagement.participants)]  # each once
    shared = d.shared
    c = d.cand
    _infer_countries(
        lambda: shared.country_counts,
        parts,
        d.place,
        d.name,
        d.layout,
        shared.publisher,
        c,
        d.text[c.trigger_start : c.trigger_end],
        _VISIT_WORD.search(d.text, min(d.layout.body_start, c.sentence.start), c.sentence.end)
        is not None,
        # a meeting at a mission to the UN is on no host's ground
        d.occasion is not None
        or _UN_GROUND.search(d.text, c.sentence.start, c.sentence.end) is not None,
        c.extra.get("listed", frozenset()),
    )
    if d.date:
        _name_office_holders(parts, d.date, d.text)
    d.participants = parts


def find_topics(d: Draft) -> None:
    """Needs: layout. Adds: topics (the headings of the first level)."""
    d.topics = [h.text for h in d.layout.headings if h.level == 1]


def find_outcomes(d: Draft) -> None:
    """Needs: engagement, participants, statements (of the sentences), layout. Adds: outcomes."""
    d.outcomes = oc.find_outcomes(
        d.text, d.shared.statements, d.layout.headings, d.participants, start=d.cand.clause_start
    )


#: what the fields stages are given: the draft's own inputs and the finished document's
FIELD_INPUTS = frozenset(
    {
        *("shared", "engagement", "alone", "others"),
        *("text", "sentences", "layout", "anchor", "publisher", "entities"),
        *("country_counts", "document_ordinals", "statements"),
    }
)

#: the stages that fill one engagement's record, in order
FIELDS: tuple[Stage[Draft], ...] = (
    stage("lead", "engagement sentences text", "lead", find_lead),
    stage("date", "engagement lead layout anchor text", "date evidence reasons", find_date),
    stage("mode", "engagement layout", "mode", find_mode),
    stage(
        "duration",
        "engagement lead others alone layout sentences text",
        "duration evidence",
        find_duration,
    ),
    stage("start_time", "engagement text", "start_time evidence", find_start_time),
    stage(
        "occasion",
        "engagement lead layout mode text",
        "occasion evidence hosting",
        find_occasion,
    ),
    stage(
        "place",
        "engagement mode occasion hosting date lead layout sentences publisher entities text",
        "place evidence",
        find_place,
    ),
    stage("round", "lead text", "round evidence", find_round),
    stage(
        "ordinals",
        "engagement lead occasion alone layout text document_ordinals",
        "ordinals",
        find_ordinals,
    ),
    stage("name", "engagement layout", "name evidence", find_name),
    stage(
        "participants",
        "engagement entities place occasion name date layout publisher country_counts text",
        "participants entities",
        find_participants,
    ),
    stage("topics", "layout", "topics", find_topics),
    stage(
        "outcomes",
        "engagement participants statements sentences layout text",
        "outcomes",
        find_outcomes,
    ),
)


def record(d: Draft) -> dict:
    """The engagement's record as the schema writes it (follow-ups attached later)."""
    c = d.cand
    return {
        "name": d.name,
        "mode": d.mode,
        "date": d.date.isoformat() if d.date else None,
        "end_date": None,
        "place": d.place.to_json() if d.place else None,
        "occasion": d.occasion.name if d.occasion else None,
        "duration_minutes": d.duration,
        "start_time": d.start_time[0] if d.start_time else None,
        "participants": [_person_json(p, c) for p in d.participants],
        "round": {"number": d.round.number, "of": d.round.of} if d.round else None,
        "ordinals": [o.to_json() for o in d.ordinals],
        "topics": d.topics,
        "outcomes": d.outcomes,
        "follow_ups": [],
        "evidence": d.evidence,
    }
