"""The extraction pipeline: one document in, one schema object out.

Stages, in order (each reads only what earlier ones added):

1. ``layout``: title, date line (``published``), headings, publisher.
2. ``text``: sentences with offsets.
3. ``people``: person mentions (names, titles, countries), joined into entities.
4. ``engagements``: trigger clauses and their participants.
5. per engagement: ``dates`` (date, duration), ``places`` (place, occasion),
   ``numbers`` (round, ordinals), ``outcomes``, ``follow_ups``; topics from headings.
6. countries of participants that the text leaves implicit, with the reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from communique.document import Document
from communique.extract import dates, holders, layout, names, numbers, people, places
from communique.extract import follow_ups as fu
from communique.extract import lexicon as lx
from communique.extract import outcomes as oc
from communique.extract.engagements import Candidate, find_candidates, mode_of
from communique.extract.people import Entity, Mention
from communique.extract.text import Sentence, sentences

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


#: the extractor module of each language that is not read by the English stages
_NATIVE = {"ja": "japanese", "ru": "russian"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?:on|On|last|late\s+on|early\s+on)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!,?\s+(?:\d|January|February|March|April|May|June|July|August|September|October|November|December))"
)
_ON_DATE = re.compile(r"\b(?:on|On|ON)\s+(?:[A-Z][a-z]+day,?\s+)?$")
#: engagements are looked for in at most this many characters (a 10 MB page is cut)
MAX_SCAN_CHARS = 200_000
#: how far into the body a report's visit ("X's visit to Japan") is looked for
HOST_SCAN_CHARS = 2500
#: how long before its date line a day the report names may be the day of a meeting told
#: later without one (a readout is written within days of the meetings it reports)
NARRATIVE_DAY_SPAN = dt.timedelta(days=7)
#: a principal's lead paragraph: how many sentences after the trigger count as its lead
LEAD_SENTENCES = 3


@dataclass
class Engagement:
    cand: Candidate
    participants: list[int]
    date: dt.date | None = None
    evidence: dict[str, list[int]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)


def extract(
    text_or_html: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> dict:
    """Extract engagement records from one readout (plain text or HTML).

    ``source`` names where the text came from (a path or URL); ``url`` is the page's
    web address when ``source`` is a local path: the publisher is read from it.
    Returns one object as ``schema/extraction.schema.json`` describes: the
    ``document`` (with the cleaned ``text`` every span points into) and its
    ``engagements``, plus ``warnings``.
    """
    from communique.document import to_document

    doc = to_document(text_or_html, source=source, published=published, url=url)
    return extract_document(doc)


def extract_document(doc: Document) -> dict:
    if doc.language in ("ja", "ru"):  # Japanese and Russian readouts have their own stages
        from importlib import import_module

        return import_module(f"communique.extract.{_NATIVE[doc.language]}").extract(doc)
    text = doc.text
    warnings = list(doc.warnings)
    scan = text[:MAX_SCAN_CHARS]
    if len(text) > MAX_SCAN_CHARS:
        warnings.append(
            f"text is {len(text)} characters; engagements were looked for in the first {MAX_SCAN_CHARS}"
        )
    lay = layout.analyse(scan, source=doc.url or doc.source, meta=doc.meta)
    if doc.title is None:
        doc.title = lay.title
    anchor = dates.parse_iso(doc.published) or lay.published
    if doc.published is None and anchor:
        doc.published = anchor.isoformat()
    if doc.publisher is None:
        doc.publisher = lay.publisher
    sents = sentences(scan)
    mentions = people.find_mentions(scan)
    taken = [(m.start, m.end) for m in mentions]
    mentions += people.find_bare_mentions(scan, holders.full_names(), taken)
    mentions += people.find_speakers(
        scan, holders.full_names(), [(m.start, m.end) for m in mentions]
    )
    entities = people.build_entities(mentions)
    _add_family_mentions(scan, mentions, entities)
    mentions += people.find_acronyms(scan, entities, mentions)
    _resolve_office_only(entities, doc.publisher, lay.publisher_org)
    for e in entities:
        if e.country is None and e.name and e.organization is None:
            # an official of an organisation speaks for it, not for the country of birth
            iso, why = holders.country_of(e.name, e.family, anchor)
            if iso:
                e.country, e.country_reason = iso, why
            elif e.organization is None:
                office = holders.organization_of(e.name, anchor)
                # the organisation the office belongs to ("European Union"), not the office
                e.organization = office and (lx.find_organization(office.lower().split()) or office)
    protagonist = None
    if lay.title_span:
        first = [
            m
            for m in mentions
            if lay.title_span[0] <= m.start < lay.title_span[1]
            and m.entity >= 0
            and m.kind == "name"
        ]
        if first:
            protagonist = min(first, key=lambda m: m.start).entity
    cands = find_candidates(
        scan, sents, mentions, entities, title_span=lay.title_span, protagonist=protagonist
    )
    engs = _name_the_unnamed(_group(cands, entities, lay.title), entities)
    if not engs:
        engs = _from_speakers(scan, sents, mentions, entities, lay)
    if not engs:
        engs = _from_title_event(scan, sents, mentions, entities, lay)
    out = []
    counts = functools.cache(lambda: layout.country_counts(scan))
    doc_ordinals = functools.cache(lambda: numbers.find_ordinals(scan, 0, len(scan), series=False))
    statements = functools.cache(lambda: oc.classify(sents))
    for eng in engs:
        _add_other_side(eng, entities, mentions, scan, doc.publisher)
    for eng in engs:
        others = {e.cand.sentence.start for e in engs if e.cand.sentence is not eng.cand.sentence}
        out.append(
            _fill(
                scan,
                eng,
                entities,
                sents,
                lay,
                anchor,
                doc.publisher,
                alone=len(engs) == 1,
                others=others,
                counts=counts,
                doc_ordinals=doc_ordinals,
                statements=statements,
            )
        )
    if engs:
        first = min(e.cand.sentence.start for e in engs)
        pair = _pair_prefix(lay.title or "") or _pair_prefix(out[0].get("name") or "")
        for item in fu.find_follow_ups(
            scan, sents, anchor, entities, start=min(first, lay.body_start)
        ):
            if pair and not re.search(r"[A-Z]", re.sub(r"[“”\"]", "", item["name"])):
                bare = item["name"].strip('“”"')
                item["name"] = f"{pair} {bare}"
                item["name_reason"] = (
                    "the countries of the report added to a dialogue named without them"
                )
            owner_i = _owner(item, engs, entities, scan)
            owner = out[owner_i]
            who = [entities[i].short() for i in engs[owner_i].participants if entities[i].family]
            if fu.PARTIES in item["name"] and len(who) >= 2:
                item["name"] = item["name"].replace(fu.PARTIES, " and ".join(who))
                item["name_reason"] = "the people of the engagement that announced it"
            elif (
                not re.search(r"[A-Z]", item["name"])
                and _MEETING_WORD.match(item["name"])
                and len(who) >= 2
            ):
                # "Both leaders looked forward to meeting in person soon": who will meet
                # is who met
                item["name"] = f"{item['name']} between {' and '.join(who)}"
                item["name_reason"] = "the people of the engagement that announced it"
            if _is_own_occasion(item["name"], owner.get("occasion")):
                continue  # "towards the success of the G7 Summit" it is held at
            if _repeats(item["name"], owner["follow_ups"]):
                continue
            owner["follow_ups"].append(item)
    if not out and doc.language == "en" and text.strip():
        warnings.append("no meeting, call or talks reported as having taken place was found")
    return {"document": doc.to_json(), "engagements": out, "warnings": warnings}


#: a maximal run of characters for which ``str.isalnum()`` holds (``\w`` less ``_``)
_ALNUM_RUN = re.compile(r"[^\W_]+")


def _occurrences(text: str, fam: str) -> list[int]:
    """Where ``fam`` stands as a whole word (left to right, not overlapping)."""
    out = []
    pos = text.find(fam)
    while pos >= 0:
        start, end = pos, pos + len(fam)
        pos = text.find(fam, end)
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # part of a longer word
        out.append(start)
    return out


_MEETING_WORD = re.compile(
    r"\b(?:meet\w*|talks?|call|visits?|summit|dialogue|discussions?)\b", re.I
)


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


def _add_other_side(
    eng: Engagement,
    entities: list[Entity],
    mentions: list[Mention],
    text: str,
    publisher: str | None,
) -> None:
    """A meeting has two sides: when the text names only one ("Bilateral meeting with
    Japanese Foreign Minister"), the other is the transcript's first speaker, else the
    publisher's own principal, unnamed."""
    sides = {entities[i].country or entities[i].organization for i in eng.participants}
    if len(sides) >= 2 or None in sides:
        return
    for m in sorted(mentions, key=lambda x: x.start):
        if m.entity < 0 or m.entity in eng.participants or m.kind != "name":
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip() == "" and text[m.end : m.end + 2].startswith(":"):
            speaker = entities[m.entity]
            if speaker.country not in sides:
                eng.participants.append(speaker.id)
                return
    if publisher and publisher not in sides:
        ent = Entity(len(entities), None, None, None, publisher, None)
        ent.country_reason = "the publisher's own principal: the text names only the other side"
        entities.append(ent)  # no words of the text name it: no span
        eng.participants.append(ent.id)


def _add_family_mentions(text: str, mentions: list[Mention], entities: list[Entity]) -> None:
    """Bare family names of known entities ("Wang Yi said", "Lavrov noted")."""
    taken = people.Spans([(m.start, m.end) for m in mentions])
    # a one-word family name stands alone exactly where a maximal run of letters and
    # digits equals it: one pass over the text, not one per entity (20,000 names: 40 s)
    words: dict[str, list[int]] = {}
    for w in _ALNUM_RUN.finditer(text):
        words.setdefault(w.group(), []).append(w.start())
    for ent in entities:
        if not ent.family or len(ent.family) < 3:
            continue
        fam = ent.family
        for start in words.get(fam, []) if fam.isalnum() else _occurrences(text, fam):
            end = start + len(fam)
            if taken.covers(start):
                continue
            mm = Mention(start, end, ent.name, ent.family, None, None, kind="name")
            mm.possessive = text.startswith(("'s", "’s"), end)
            mm.entity = ent.id
            ent.mentions.append(mm)
            mentions.append(mm)


def _resolve_office_only(
    entities: list[Entity], publisher: str | None, organisation: str | None = None
) -> None:
    """A principal named only by office ("The Prime Minister") is the publisher's own."""
    for e in entities:
        if e.name is None and e.country is None and e.organization is None:
            if publisher:
                e.country = publisher
                e.country_reason = f"named only by office ('{e.title}'); the publisher's own"
            elif organisation:
                e.organization = organisation
                e.country_reason = f"named only by office ('{e.title}'); the publisher's own"


def _country_count(name: str) -> int:
    """How many countries a compound names ("Japan-U.S.-ROK" -> 3)."""
    from communique.extract.layout import _iso

    m = re.search(r"\b[A-Z][\w.]*(?:[-–][A-Z][\w.]*){2,}", name)
    if not m:
        return 0
    return len({_iso(p) for p in re.split(r"[-–]", m.group(0)) if _iso(p)})


def _group(
    cands: list[Candidate], entities: list[Entity], title: str | None = None
) -> list[Engagement]:
    """Split lists of counterparts; merge candidates with the same participants."""
    engs: list[Engagement] = []
    for c in cands:
        obj = c.extra.get("object", [])
        subj_country = entities[c.subject[0]].country if c.subject else None
        joint = any(entities[o].country and entities[o].country == subj_country for o in obj)
        multilateral = (
            _country_count(c.name or "") >= 3
            or _country_count(title or "") >= 3
            # "a meeting in the Russia-India-China (RIC) format with A and B": one meeting
            or _country_count(c.sentence.text) >= 3
        )
        if len(c.subject) == 1 and c.extra.get("object_list") and not joint and not multilateral:
            for o in obj:
                engs.append(Engagement(c, [c.subject[0], o]))
        else:
            engs.append(Engagement(c, list(c.participants)))
    # drop one-person candidates when a real meeting was found
    multi = [e for e in engs if len(e.participants) >= 2]
    engs = multi or engs[:1]
    merged: list[Engagement] = []
    for e in engs:
        same = next((m for m in merged if set(m.participants) == set(e.participants)), None)
        if same is None:
            # a title candidate and a body candidate with a subset of people are one; so
            # are they with people in common when the title lacks the body's subject ("the
            # Secretary-General's meeting with A and B" over "The Secretary-General met A")
            sub = next(
                (
                    m
                    for m in merged
                    if (m.cand.from_title or e.cand.from_title)
                    and (
                        set(e.participants) <= set(m.participants)
                        or set(m.participants) <= set(e.participants)
                        or _title_lacks_subject(m, e)
                    )
                ),
                None,
            )
            same = sub
        if same is None:
            merged.append(e)
            continue
        if same.cand.from_title and not e.cand.from_title:
            e.participants = _union(e.participants, same.participants)
            merged[merged.index(same)] = e
        else:
            same.participants = _union(same.participants, e.participants)
    return merged


def _name_the_unnamed(engs: list[Engagement], entities: list[Entity]) -> list[Engagement]:
    """A summary's counterpart named by country, then the meeting told with the name: one
    engagement ("held meetings with his counterparts from Britain and Norway. ... At a
    meeting with British Foreign Secretary X, ..."). The summary's sentence is kept."""

    def unnamed(p: int) -> bool:
        return entities[p].name is None and entities[p].family is None

    out: list[Engagement] = []
    for e in engs:
        merged = False
        for o in out:
            if len(o.participants) != 2 or not all(
                p in e.participants or unnamed(p) for p in o.participants
            ):
                continue
            u = next((p for p in o.participants if unnamed(p) and p not in o.cand.subject), None)
            others = [p for p in e.participants if p not in o.participants]
            if (
                u is not None
                and len(e.participants) == 2
                and len(others) == 1
                and entities[others[0]].name
                and entities[others[0]].country is not None
                and entities[others[0]].country == entities[u].country
            ):
                o.participants = [others[0] if p == u else p for p in o.participants]
                merged = True
                break
        if not merged:
            out.append(e)
    return out


def _title_lacks_subject(a: Engagement, b: Engagement) -> bool:
    """Whether one of two candidates is the title's, shares a counterpart with the other
    and names none of the other's subjects (the title wrote its subject as a possessive)."""
    title, body = (a, b) if a.cand.from_title else (b, a)
    if body.cand.from_title or not body.cand.subject:
        return False
    return bool(set(title.participants) & set(body.participants)) and not (
        set(body.cand.subject) & set(title.participants)
    )


_SPEAKER_LINE = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z.’'\-]+[ \t]+){0,4}[A-Z][A-Z.’'\-]+[ \t]*:")


def _from_speakers(
    text: str,
    sents: list[Sentence],
    mentions: list[Mention],
    entities: list[Entity],
    lay: layout.Layout,
) -> list[Engagement]:
    """A transcript of a joint appearance: its speakers from two or more countries met.

    Used only when no sentence reports a meeting and the title names one.
    """
    if not lay.title or not re.search(
        r"Meeting|Dialogue|Talks|2\+2|Consultations?|Summit", lay.title
    ):
        return []
    speakers: list[int] = []
    first_at = None
    for m in _SPEAKER_LINE.finditer(text):
        for x in mentions:
            if m.start() <= x.start < m.end() and x.entity >= 0 and x.entity not in speakers:
                speakers.append(x.entity)
                first_at = first_at if first_at is not None else m.start()
    countries = {entities[i].country for i in speakers if entities[i].country}
    if len(speakers) < 2 or len(countries) < 2 or first_at is None:
        return []
    sent = next((s for s in sents if s.start >= first_at), sents[-1])
    cand = Candidate(
        sent.start, sent.start, sent.start, sent.end, sent, speakers, speakers[:1], "in_person"
    )
    cand.extra["speakers"] = True
    return [Engagement(cand, speakers)]


#: how far into the body a fixed-venue conference ("here at the Eastern Economic Forum") is
#: taken as the occasion when the lead names none; further in, it is more often a past or
#: other event (calibrated on the dev set's Kremlin and DFAT transcripts)
FIXED_OCCASION_SCAN_CHARS = 1000
#: how far into the body the people of a meeting named only in the title are looked for
TITLE_EVENT_SCAN_CHARS = 1500
_TITLE_EVENT = re.compile(r"Dialogue|Meeting|2\+2|Consultations?|Summit|Talks")
_FUTURE_VERB = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|to\s+be\s+held)\b")
_FUTURE_TITLE = re.compile(
    r"\b(?:to\s+(?:co-)?host|will|to\s+visit|to\s+hold|announcement|upcoming)\b", re.I
)


def _from_title_event(
    text: str,
    sents: list[Sentence],
    mentions: list[Mention],
    entities: list[Entity],
    lay: layout.Layout,
) -> list[Engagement]:
    """A transcript or statement whose title names a meeting of two countries ("Press
    conference: Eighth Japan-Australia 2+2 Ministerial Dialogue"): the officials of those
    two countries named at its start took part. Used only when no sentence reports one."""
    from communique.extract.layout import _iso

    if not lay.title or not _TITLE_EVENT.search(lay.title) or _FUTURE_TITLE.search(lay.title):
        return []
    m = _PAIR.search(lay.title)
    if not m:
        return []
    pair = {_iso(m.group(1)), _iso(m.group(2))} - {None}
    if len(pair) != 2:
        return []
    end = lay.body_start + TITLE_EVENT_SCAN_CHARS
    people: list[int] = []
    for x in sorted(mentions, key=lambda x: x.start):
        if lay.body_start <= x.start < end and x.entity >= 0 and x.kind == "name":
            ent = entities[x.entity]
            if ent.country in pair and ent.id not in people:
                people.append(ent.id)
    if len({entities[i].country for i in people}) < 2:
        return []
    first = min(x.start for x in mentions if x.entity in people and x.start >= lay.body_start)
    sent = next((s for s in sents if s.end > first), sents[-1])
    if _FUTURE_VERB.search(sent.text):
        return []  # "... will meet virtually with their Japanese counterparts": an announcement
    cand = Candidate(
        sent.start, sent.start, sent.start, sent.end, sent, people, people[:1], "in_person"
    )
    cand.name = lay.title
    return [Engagement(cand, people)]


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


def _union(a: list[int], b: list[int]) -> list[int]:
    return a + [x for x in b if x not in a]


#: words before a place that put it in the future: "will meet in", "to be held in"
_FUTURE_PLACE = re.compile(
    r"\b(?:will|shall|would|to\s+be\s+held|next|upcoming|forthcoming)\b"
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
        if nxt.paragraph != s.paragraph or lx.PAST_CONTEXT.search(text, nxt.start, nxt.end):
            break
        end = nxt.end
    return s.start, end


def _fill(
    text: str,
    eng: Engagement,
    entities: list[Entity],
    sents: list[Sentence],
    lay: layout.Layout,
    anchor: dt.date | None,
    publisher: str | None,
    *,
    alone: bool = True,
    others: set[int] | None = None,
    counts: Callable[[], Counter] | None = None,
    doc_ordinals: Callable[[], list[numbers.Ordinal]] | None = None,
    statements: Callable[[], list[oc.Statement]] | None = None,
) -> dict:
    c = eng.cand
    if doc_ordinals is None:
        doc_ordinals = functools.cache(
            lambda: numbers.find_ordinals(text, 0, len(text), series=False)
        )
    lead_s, lead_e = _lead_span(eng, sents, text)
    ev: dict[str, list[int]] = {}
    # -- date
    when = None
    # the day is the one its own sentence gives; later sentences of the paragraph speak of
    # other days ("The two leaders had begun their negotiations the previous day, December 15")
    found = dates.find_dates(text, c.sentence.start, c.sentence.end)
    if lay.published_span and (
        _WEEKDAY.search(text, c.clause_start, c.clause_end)
        or re.search(r"\byesterday\b", text[c.clause_start : c.clause_end], re.I)
    ):
        # "2022-05-17 Abu Dhabi: X on Monday received Y": the date line is not the day
        ps, pe = lay.published_span
        found = [d for d in found if not ps <= d.start < pe]
    if lay.published_span and found:
        ps, pe = lay.published_span
        if all(ps <= d.start < pe for d in found):
            # "2016-12-15 X has met with Y. They met at the AU Headquarters on Tuesday, 13
            # December 2016.": the day the paragraph gives beats the date line
            told = [
                d for d in dates.find_dates(text, c.sentence.end, lead_e) if not ps <= d.start < pe
            ]
            if told:
                found = told[:1]
    # "On Thursday, June 2" beats a dateline ("TOKYO, June 7, 2011/APO/ —") in the same sentence
    found.sort(key=lambda d: 0 if _ON_DATE.search(text[max(0, d.start - 16) : d.start]) else 1)
    for d in found:
        when = d.resolve(anchor, "past")
        if when:
            ev["date"] = [d.start, d.end]
            break
    if when is not None and c.extra.get("object_list") and _RANGE_AFTER.match(text, ev["date"][1]):
        # "From March 5 to March 7, X held talks with A, B and C": which day each was, the
        # text does not say
        ranged = True
    else:
        ranged = False
    if when is None:
        rel = re.search(
            r"\b(today|yesterday|this (?:morning|afternoon|evening))\b",
            text[c.clause_start : c.clause_end],
            re.I,
        )
        if rel and anchor:
            when = anchor - dt.timedelta(days=1) if rel.group(1).lower() == "yesterday" else anchor
            ev["date"] = [c.clause_start + rel.start(), c.clause_start + rel.end()]
    if when is None and anchor is not None:
        # news style: "Lavrov on Thursday held talks": the last such weekday by the date line
        wd = _WEEKDAY.search(text, c.clause_start, c.clause_end)
        if wd:
            back = (anchor.weekday() - _WEEKDAYS.index(wd.group(1).lower())) % 7
            when = anchor - dt.timedelta(days=back)
            ev["date"] = [wd.start(1), wd.end(1)]
            eng.reasons["date"] = f"the last {wd.group(1)} by the date line"
    if when is None:
        day = layout.date_heading_before(text, c.sentence.start, lay.body_start)
        if day is not None:
            when = day.resolve(anchor, "past")
            if when:
                ev["date"] = [day.start, day.end]
    if when is None and anchor is not None and (not c.from_title or _headline_day(lay.title)):
        # a narrative's day carries on: "On 18 June, X concluded his visit ... X also met Y"
        before = [
            d
            for d in dates.find_dates(text, lay.body_start, c.sentence.start)
            if not (lay.published_span and lay.published_span[0] <= d.start < lay.published_span[1])
        ]
        told = before[-1].resolve(anchor, "past") if before else None
        if told is not None and dt.timedelta(0) < anchor - told <= NARRATIVE_DAY_SPAN:
            when = told
            ev["date"] = [before[-1].start, before[-1].end]
            eng.reasons["date"] = "the day the report last named before this meeting"
        else:
            when = anchor
            eng.reasons["date"] = "the date line (the report names no other day)"
    if when is None and anchor is None and not c.from_title:
        # no date line: the last full date told before it in the body ("arrived in Moscow on
        # Monday, May 16, 2016 ... Talks were held between the two Prime Ministers")
        before = [
            d
            for d in dates.find_dates(text, lay.body_start, c.sentence.start)
            if d.resolve(None, "past") is not None
            and not _PAST_DAY.search(_sentence_of(text, d.start))
        ]
        if before:
            when = before[-1].resolve(None, "past")
            ev["date"] = [before[-1].start, before[-1].end]
            eng.reasons["date"] = "the last full date the report gives before this meeting"
    if ranged:
        when = None
        ev.pop("date", None)
        eng.reasons["date"] = "several meetings over a range of days; each one's day is not given"
    # -- mode
    mode = c.mode
    title_mode = mode_of(lay.title, 0, len(lay.title)) if lay.title else "in_person"
    if (
        mode == "in_person"
        and not c.from_title
        and title_mode != "in_person"
        and len(eng.participants) <= 2
    ):
        mode = title_mode
    # -- duration: the parts of one meeting add up; "including the lunch" is one figure
    other_sents = [x for x in sents if x.start in (others or set())]
    durs = [
        d
        for d in dates.find_durations(text, lead_s, lead_e)
        if not _MULTI_DAY.search(_sentence_of(text, d.start))
        # another engagement's sentence in the same paragraph keeps its own duration
        and not any(x.start <= d.start < x.end for x in other_sents)
        # "the signing ceremony (approximately 10 minutes)": not part of the meeting
        and not _NOT_THE_MEETING.search(text, max(lead_s, d.start - 120), d.start)
    ]
    if not durs and alone:
        # "The telephonic conversation lasted around half hour.": the one meeting's length,
        # told in a paragraph of its own
        durs = [
            d
            for m in _MEETING_LASTED.finditer(text, lay.body_start)
            for d in dates.find_durations(text, m.start(), _sentence_of_end(text, m.start()))[:1]
        ][:1] or [
            # "present at the 100-minute meeting. It was followed by a 25-minute one-to-one
            # meeting": the parts add up
            d
            for m in _SIZED_MEETING.finditer(text, lay.body_start)
            for d in dates.find_durations(text, m.start(), m.end())[:1]
            if not _NOT_THE_MEETING.search(text, max(lay.body_start, m.start() - 120), m.start())
        ]
    if not durs:
        durs = dates.find_time_ranges(text, c.clause_start, c.clause_end) or dates.find_time_ranges(
            text, lead_s, lead_e
        )
    elif alone and not any(d.including for d in durs):
        # "the second half of the meeting was held for around one hour in the form of a
        # working dinner": a later part of the same meeting, told in its own paragraph
        durs += [
            d
            for m in _LATER_PART.finditer(text, lead_e)
            for d in dates.find_durations(
                text, _sentence_start(text, m.start()), _sentence_of_end(text, m.start())
            )[:1]
            if d.start >= lead_e
        ][:1]
    duration = None
    if durs:
        longest = max(durs, key=lambda d: d.minutes)
        if any(d.including for d in durs):
            d0 = next(d for d in durs if d.including)
            duration = d0.minutes
            ev["duration_minutes"] = [d0.start, d0.end]
        elif len(durs) > 2 and longest.minutes == sum(d.minutes for d in durs if d is not longest):
            # "for about 1 hour and 10 minutes ... consisted of a 35-minute meeting ...
            # followed by a 35-minute meeting": the total, then its parts
            duration = longest.minutes
            ev["duration_minutes"] = [longest.start, longest.end]
        else:
            duration = sum(d.minutes for d in durs)
            ev["duration_minutes"] = [durs[0].start, durs[-1].end]
    # -- time of day: "commencing at 4:35 p.m."
    start_time = dates.find_start_time(text, c.clause_start, c.clause_end)
    if start_time:
        ev["start_time"] = [start_time[1], start_time[2]]
    # -- occasion and place
    occ = places.find_occasion(text, c.clause_start, c.clause_end)
    occ = occ or places.find_occasion(text, lead_s, lead_e)
    # "In the margins of the summit, X met ... During their meeting, X and Y discussed"
    para_start = text.rfind("\n", 0, c.clause_start) + 1
    occ = occ or places.find_anaphoric_occasion(text, para_start, c.clause_end)
    scan_end = min(len(text), lay.body_start + HOST_SCAN_CHARS)
    if mode == "in_person":  # a call is held at no conference the text mentions elsewhere
        occ = occ or places.find_fixed_occasion(
            text, lay.body_start, min(scan_end, lay.body_start + FIXED_OCCASION_SCAN_CHARS)
        )
    occ = occ or places.find_occasion(text, lay.body_start, scan_end, strong_only=True)
    hosting = _HOSTING.search(
        text, lay.body_start, min(len(text), lay.body_start + HOST_SCAN_CHARS)
    )
    if occ is None and hosting and mode == "in_person":
        # "congratulated President Biden for hosting an excellent NATO summit so far": the
        # event the meeting was held at
        occ = places.Occasion(hosting.group("evt"), hosting.start("evt"), hosting.end("evt"))
    if occ is not None and lay.title_span:
        # "on the occasion of the G20 today" under a title "... at the G20 Summit": the
        # title names the same event in full
        occ = places.fuller_in(occ, text, *lay.title_span) or occ
    place = None
    if mode == "in_person":
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
            p3 = places.place_of_occasion(occ, when) or places.place_after_occasion(text, occ)
            if p3:
                place = p3
        if place is None:
            place = _present_place(text, lead_s, lead_e)
        if place is None and lay.title_span:
            place = places.find_place(text, *lay.title_span)
        if place is None:
            # the visit the whole report is about ("... is on a working visit to Japan")
            lead = [s for s in sents if s.start >= lay.body_start][:2]
            if lead:
                p4 = _present_place(text, lead[0].start, lead[-1].end)
                if p4 is not None and p4.strength >= 2:
                    place = p4
        if place is None:
            # "from 9:15 a.m. (NY time)": the clock of the place the meeting was held
            place = places.local_time_city(text, c.clause_start, c.clause_end, publisher)
        if place is None and hosting is not None:
            # "... for successfully hosting this year's G7 Foreign Ministers' Meeting": in
            # the host's country
            host = _host_of(hosting.start(), eng, entities, text)
            if host is not None:
                place = places.Place(
                    None,
                    host,
                    hosting.start("evt"),
                    hosting.end("evt"),
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
    if occ:
        ev["occasion"] = [occ.start, occ.end]
    if place and place.start >= 0:
        ev["place"] = [place.start, place.end]
    # -- round and ordinals
    rnd = numbers.find_round(text, lead_s, lead_e)
    if rnd:
        ev["round"] = [rnd.start, rnd.end]
    ords = numbers.find_ordinals(text, c.clause_start, c.clause_end)
    if not any(o.scope == "total" for o in ords):
        ords += [
            o
            for o in numbers.find_ordinals(text, lead_s, lead_e, series=False)
            if o.scope != "series"
        ]
        ords += [
            o
            for o in doc_ordinals()
            if o.scope == "total" and not any(x.scope == "total" for x in ords)
        ][:1]
    if alone and lay.title_span and not any(o.scope == "series" for o in ords):
        ords += [o for o in numbers.find_ordinals(text, *lay.title_span) if o.scope == "series"]
    if occ is not None:
        # "to participate in the 4th FEALAC Ministerial Meeting": the occasion's number
        ords = [
            o
            for o in ords
            if not (o.scope == "series" and o.start < occ.end and occ.start - 12 < o.end)
        ]
    ords = _dedupe_ordinals(ords)
    # -- name
    name = c.name
    if c.name_span:
        ev["name"] = list(c.name_span)
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
        ev.pop("name", None)
        name = cleaned
    # -- participants
    parts = [entities[i] for i in eng.participants]
    _infer_countries(
        counts, parts, place, name, lay, publisher, c, text[c.trigger_start : c.trigger_end]
    )
    if when:
        _name_office_holders(parts, when, text)
    topics = [h.text for h in lay.headings if h.level == 1]
    outs = oc.find_outcomes(
        text,
        statements() if statements else oc.classify(sents),
        lay.headings,
        parts,
        start=c.clause_start,
    )
    return {
        "name": name,
        "mode": mode,
        "date": when.isoformat() if when else None,
        "end_date": None,
        "place": place.to_json() if place else None,
        "occasion": occ.name if occ else None,
        "duration_minutes": duration,
        "start_time": start_time[0] if start_time else None,
        "participants": [_person_json(p, c) for p in parts],
        "round": {"number": rnd.number, "of": rnd.of} if rnd else None,
        "ordinals": [o.to_json() for o in ords],
        "topics": topics,
        "outcomes": outs,
        "follow_ups": [],
        "evidence": ev,
    }


_PAIR = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[-–]([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")


def _pair_prefix(title: str) -> str | None:
    """ "Japan-Russia" from "Japan-Russia Foreign Ministers' Meeting" (two countries only)."""
    from communique.extract.layout import _iso

    m = _PAIR.search(title)
    if m and _iso(m.group(1)) and _iso(m.group(2)) and _iso(m.group(1)) != _iso(m.group(2)):
        return f"{m.group(1)}-{m.group(2)}".split(" Foreign")[0].split(" Summit")[0]
    return None


#: words that only say when an event comes ("the next Summit Meeting")
_WHEN_WORDS = frozenset({"next", "upcoming", "coming"})


def _words(s: str) -> set[str]:
    return fu.content_words(s, _WHEN_WORDS)


def _is_own_occasion(name: str, occasion: str | None) -> bool:
    a, b = _words(name), _words(occasion or "")
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _repeats(name: str, earlier: list[dict]) -> bool:
    """ "the next Summit Meeting" after "Prime Minister Abe's visit ... and Summit Meeting ..."."""
    if not re.match(r"^(?:next|upcoming|coming|forthcoming)\b", name, re.I):
        return False
    w = _words(name)
    return bool(w) and any(w <= _words(e["name"]) for e in earlier)


def _owner(item: dict, engs: list[Engagement], entities: list[Entity], text: str) -> int:
    """The engagement a follow-up belongs to: the one whose people it names, else the one
    told last before it, else the first."""
    s, e = item["span"]
    for i, eng in enumerate(engs):
        if i == 0:
            continue
        own = set(eng.participants) - set(engs[0].participants)
        if any(s <= m.start < e for pid in own for m in entities[pid].mentions):
            return i
    if len(engs) == 1:
        return 0
    # the paragraph it is told in names people of one meeting only (a speaker's label)
    p0 = text.rfind("\n\n", 0, s) + 1
    p1 = text.find("\n\n", e)
    p1 = len(text) if p1 < 0 else p1
    named = []
    for i, eng in enumerate(engs):
        own = set(eng.participants) - {
            pid for j, other in enumerate(engs) if j != i for pid in other.participants
        }
        if any(p0 <= m.start < p1 for pid in own for m in entities[pid].mentions):
            named.append(i)
    if len(named) == 1:
        return named[0]
    # a visit report: the meeting whose account the follow-up is told in
    before = [i for i, eng in enumerate(engs) if eng.cand.sentence.start <= s]
    return max(before, key=lambda i: engs[i].cand.sentence.start) if before else 0


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


def _infer_countries(
    country_counts: Callable[[], Counter] | None,
    parts: list[Entity],
    place: places.Place | None,
    name: str | None,
    lay: layout.Layout,
    publisher: str | None,
    c: Candidate,
    trigger: str = "",
) -> None:
    """Countries the text leaves implicit: the publisher's own official, the host, the pair."""
    from communique.extract.layout import _COMPOUND, _iso

    pair: list[str] = []
    headed = re.match(r"(?P<c>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,2}):\s", lay.title or "")
    if headed and _iso(headed.group("c")):
        pair.append(_iso(headed.group("c")) or "")  # "Georgia: High Representative meets ..."
    for src in (name or "", lay.title or ""):
        for m in _COMPOUND.finditer(src):
            for g in (m.group(1), m.group(2)):
                iso = _iso(g)
                if iso and iso not in pair:
                    pair.append(iso)
        if pair:
            break
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
        for iso, why in [(x, "the other country of the engagement's name") for x in pair] + (
            [(place.country, "host country of the meeting")]
            if place and place.country and not at_seat
            else []
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
        other = [iso for iso, _n in ranked if iso not in known and iso != host]
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
