"""The extraction pipeline: one document in, one schema object out.

``STAGES`` lists what runs, in order, each a named function over the document's
:class:`~communique.extract.context.Context` that declares what it needs and adds:

1. ``cut``: the text read (at most ``MAX_SCAN_CHARS``) and the document's warnings.
2. ``layout``: title, date line (``anchor``), headings, ``publisher``.
3. ``sentences``: sentences with offsets.
4. ``mentions``, ``entities``, ``countries``: person mentions (names, titles,
   countries), joined into entities, with the countries the gazetteers know.
5. ``protagonist``, ``candidates``, ``engagements``, ``other_sides``: trigger clauses
   and their participants, grouped into meetings.
6. ``records``: per engagement, the field stages of ``fields.FIELDS`` (date, mode,
   duration, place, occasion, round, ordinals, name, countries left implicit, topics,
   outcomes).
7. ``follow_ups``: engagements to come, each given to the meeting that announced it.
8. ``nothing_found``: a warning when no engagement was found.
"""

from __future__ import annotations

import re
from importlib import import_module

from communique import gazetteer
from communique.document import Document, to_document
from communique.extract import dates, holders, layout, people
from communique.extract import follow_ups as fu
from communique.extract.context import Context, Draft, Engagement
from communique.extract.engagements import Candidate, find_candidates
from communique.extract.fields import FIELDS, record
from communique.extract.people import Entity, Mention
from communique.extract.text import SPEAKER_LABEL
from communique.gazetteer import lexicon as lx
from communique.util.sentences import sentences
from communique.util.stages import Stage, run_stages, stage

#: the extractor module of each language that is not read by the English stages
_NATIVE = {"ja": "japanese", "ru": "russian"}
#: engagements are looked for in at most this many characters (a 10 MB page is cut)
MAX_SCAN_CHARS = 200_000


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
    doc = to_document(text_or_html, source=source, url=url)
    if published:
        day = dates.given_date(published)
        if day is None:
            doc.warnings.append(
                f"published date {published!r} is not a date; read from the text instead"
            )
        doc.published = day.isoformat() if day else None
    return extract_document(doc)


def extract_document(doc: Document) -> dict:
    """One document's extraction: ``STAGES`` in order (Japanese and Russian readouts
    have their own stages, in their own modules)."""
    if doc.language in _NATIVE:
        # loaded on first use: an English-only run does not pay for their dictionaries
        native = import_module(f"communique.extract.{_NATIVE[doc.language]}")
        return native.extract(doc)
    ctx = run_stages(STAGES, Context(doc))
    return {"document": doc.to_json(), "engagements": ctx.records, "warnings": ctx.warnings}


def cut_text(ctx: Context) -> None:
    """Needs: doc. Adds: text (a 10 MB page is cut), warnings."""
    text = ctx.doc.text
    ctx.warnings = list(ctx.doc.warnings)
    ctx.text = text[:MAX_SCAN_CHARS]
    if len(text) > MAX_SCAN_CHARS:
        ctx.warnings.append(
            f"text is {len(text)} characters; engagements were looked for in the first {MAX_SCAN_CHARS}"
        )


def read_layout(ctx: Context) -> None:
    """Needs: doc, text. Adds: layout, anchor, publisher, and the document's title,
    date and publisher when the input did not give them."""
    doc = ctx.doc
    lay = layout.analyse(ctx.text, source=doc.url or doc.source, meta=doc.meta)
    if doc.title is None:
        doc.title = lay.title
    anchor = dates.parse_iso(doc.published) or lay.published
    if doc.published is None and anchor:
        doc.published = anchor.isoformat()
    if doc.publisher is None:
        doc.publisher = lay.publisher
    ctx.layout, ctx.anchor, ctx.publisher = lay, anchor, doc.publisher


def split_sentences(ctx: Context) -> None:
    """Needs: text. Adds: sentences."""
    ctx.sentences = sentences(ctx.text)


def find_mentions(ctx: Context) -> None:
    """Needs: text. Adds: mentions (titled names, bare names the office holders
    gazetteer knows, transcripts' speakers)."""
    scan = ctx.text
    mentions = people.find_mentions(scan)
    taken = [(m.start, m.end) for m in mentions]
    mentions += people.find_bare_mentions(scan, holders.full_names(), taken)
    mentions += people.find_speakers(
        scan, holders.full_names(), [(m.start, m.end) for m in mentions]
    )
    mentions += people.find_coordinated_mentions(scan, mentions)
    ctx.mentions = mentions


def join_entities(ctx: Context) -> None:
    """Needs: text, mentions, publisher. Adds: entities, mentions (the publisher's own
    office written alone, bare family names and acronyms of the entities found)."""
    scan, mentions = ctx.text, ctx.mentions
    entities = people.build_entities(mentions)
    _publishers_own_office(scan, entities, ctx.publisher)
    _add_family_mentions(scan, mentions, entities)
    mentions += people.find_acronyms(scan, entities, mentions)
    ctx.entities = entities


def place_entities(ctx: Context) -> None:
    """Needs: entities, layout, publisher, anchor, text. Adds: entities (the country or
    organisation of principals named only by office, or known to the gazetteers)."""
    entities, lay = ctx.entities, ctx.layout
    assert lay is not None
    _resolve_office_only(
        entities, ctx.publisher, lay.publisher_org or _organisation_of_offices(ctx.text, entities)
    )
    for e in entities:
        if e.country is None and e.name and e.organization is None:
            # an official of an organisation speaks for it, not for the country of birth
            iso, why = holders.country_of(e.name, e.family, ctx.anchor)
            if iso:
                e.country, e.country_reason = iso, why
            elif e.organization is None:
                office = holders.organization_of(e.name, ctx.anchor)
                # the organisation the office belongs to ("European Union"), not the office
                e.organization = office and (lx.find_organization(office.lower().split()) or office)


def find_protagonist(ctx: Context) -> None:
    """Needs: layout, mentions. Adds: protagonist (the first person the title names)."""
    lay = ctx.layout
    if lay is None or not lay.title_span:
        return
    first = [
        m
        for m in ctx.mentions
        if lay.title_span[0] <= m.start < lay.title_span[1] and m.entity >= 0 and m.kind == "name"
    ]
    if first:
        ctx.protagonist = min(first, key=lambda m: m.start).entity


def find_trigger_clauses(ctx: Context) -> None:
    """Needs: text, sentences, mentions, entities, layout, protagonist. Adds: candidates,
    entities and mentions (people a clause names only by country, "his counterparts from
    Norway and Chile", by an office also held by the other side, or as "I")."""
    assert ctx.layout is not None
    ctx.candidates = find_candidates(
        ctx.text,
        ctx.sentences,
        ctx.mentions,
        ctx.entities,
        title_span=ctx.layout.title_span,
        protagonist=ctx.protagonist,
    )


def group_engagements(ctx: Context) -> None:
    """Needs: candidates, entities, layout, text, sentences, mentions. Adds:
    engagements (candidates split by counterpart and merged by people; a transcript's
    speakers or a title's meeting when no sentence reports one)."""
    assert ctx.layout is not None
    engs = _name_the_unnamed(_group(ctx.candidates, ctx.entities, ctx.layout.title), ctx.entities)
    if not engs:
        engs = _from_speakers(ctx)
    if not engs:
        engs = _from_title_event(ctx)
    ctx.engagements = engs


def add_other_sides(ctx: Context) -> None:
    """Needs: engagements, entities, mentions, text, publisher. Adds: engagements,
    entities (the side a meeting's text leaves unnamed)."""
    for eng in ctx.engagements:
        _add_other_side(eng, ctx.entities, ctx.mentions, ctx.text, ctx.publisher)


def fill_records(ctx: Context) -> None:
    """Needs: engagements and what ``fields.FIELDS`` reads. Adds: records, entities
    (countries and names the fields stages give to participants)."""
    engs = ctx.engagements
    ctx.records = []
    for eng in engs:
        others = {e.cand.sentence.start for e in engs if e.cand.sentence is not eng.cand.sentence}
        draft = Draft(ctx, eng, alone=len(engs) == 1, others=frozenset(others))
        ctx.records.append(record(run_stages(FIELDS, draft)))


def attach_follow_ups(ctx: Context) -> None:
    """Needs: records, engagements, entities, text, sentences, anchor, layout. Adds:
    records (each follow-up in the record of the engagement that announced it)."""
    engs, out = ctx.engagements, ctx.records
    if not engs:
        return
    scan, entities, lay = ctx.text, ctx.entities, ctx.layout
    assert lay is not None
    first = min(e.cand.sentence.start for e in engs)
    pair = _pair_prefix(lay.title or "") or _pair_prefix(out[0].get("name") or "")
    for item in fu.find_follow_ups(
        scan, ctx.sentences, ctx.anchor, entities, start=min(first, lay.body_start)
    ):
        if pair and not re.search(r"[A-Z]", re.sub(r"[“”\"]", "", item["name"])):
            bare = item["name"].strip('“”"')
            item["name"] = f"{pair} {bare}"
            item["name_reason"] = (
                "the countries of the report added to a dialogue named without them"
            )
        owner_i = _owner(item, engs, entities, scan)
        owner = out[owner_i]
        _name_the_parties(item, [entities[i] for i in engs[owner_i].participants])
        if _is_own_occasion(item["name"], owner.get("occasion")):
            continue  # "towards the success of the G7 Summit" it is held at
        if _repeats(item["name"], owner["follow_ups"]):
            continue
        owner["follow_ups"].append(item)


def _name_the_parties(item: dict, parts: list[Entity]) -> None:
    """Write the people of the engagement that announced a follow-up into its name."""
    who = [p.short() for p in parts if p.family]
    lands = list(dict.fromkeys(p.country for p in parts if p.country))
    if f"of {fu.PARTIES}" in item["name"] and len(lands) >= 2:
        # "their foreign secretaries will meet": officials of the two countries, not
        # of the two people who met
        known = gazetteer.countries()
        shown = [known[c].name if c in known else c for c in lands]
        item["name"] = item["name"].replace(fu.PARTIES, " and ".join(shown))
        item["name_reason"] = "the countries of the engagement that announced it"
    elif fu.PARTIES in item["name"] and len(who) >= 2:
        item["name"] = item["name"].replace(fu.PARTIES, " and ".join(who))
        item["name_reason"] = "the people of the engagement that announced it"
    elif (
        not re.search(r"[A-Z]", item["name"])
        and _MEETING_WORD.match(item["name"])
        # "meeting of the working group", "meeting between the ministers": whose it is
        # is said already
        and not re.search(r"\b(?:between|among|of)\s", item["name"])
        and len(who) >= 2
    ):
        # "Both leaders looked forward to meeting in person soon": who will meet
        # is who met
        item["name"] = f"{item['name']} between {' and '.join(who)}"
        item["name_reason"] = "the people of the engagement that announced it"


def warn_if_nothing_found(ctx: Context) -> None:
    """Needs: records, doc. Adds: warnings."""
    doc = ctx.doc
    if not ctx.records and doc.language == "en" and doc.text.strip():
        ctx.warnings.append("no meeting, call or talks reported as having taken place was found")


#: the document's stages, in the order they run
STAGES: tuple[Stage[Context], ...] = (
    stage("cut", "doc", "text warnings", cut_text),
    stage("layout", "doc text", "layout anchor publisher doc", read_layout),
    stage("sentences", "text", "sentences", split_sentences),
    stage("mentions", "text", "mentions", find_mentions),
    stage("entities", "text mentions publisher", "entities mentions", join_entities),
    stage("countries", "entities layout publisher anchor text", "entities", place_entities),
    stage("protagonist", "layout mentions", "protagonist", find_protagonist),
    stage(
        "candidates",
        "text sentences mentions entities layout protagonist",
        "candidates entities mentions",
        find_trigger_clauses,
    ),
    stage(
        "engagements",
        "candidates entities layout text sentences mentions",
        "engagements",
        group_engagements,
    ),
    stage(
        "other_sides",
        "engagements entities mentions text publisher",
        "engagements entities",
        add_other_sides,
    ),
    stage(
        "records",
        "engagements entities text sentences layout anchor publisher",
        "records entities",
        fill_records,
    ),
    stage(
        "follow_ups",
        "records engagements entities text sentences anchor layout",
        "records",
        attach_follow_ups,
    ),
    stage("nothing_found", "records doc", "warnings", warn_if_nothing_found),
)


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
        if not ent.family or len(ent.family) < 3 or ent.family.lower() in lx.not_names():
            continue  # (alone, "May" is a month: "Mrs May" and "Theresa May" were found)
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


def _publishers_own_office(text: str, entities: list[Entity], publisher: str | None) -> None:
    """ "The Prime Minister met President Silva ... The Prime Minister met Prime Minister
    Sharma of India" on the publisher's own site: the office written alone opening a
    sentence is the publisher's principal, not the other country's holder of that office
    (its mentions leave that person for one unnamed principal of the publisher)."""
    if publisher is None:
        return
    own: Entity | None = None
    for e in list(entities):
        if not e.name or e.country in (None, publisher):
            continue
        bare = [
            m
            for m in e.mentions
            if m.kind == "office"
            and m.country is None
            and re.search(r"(?:^|[.\n]\s*)The\s+$", text[max(0, m.start - 8) : m.start])
        ]
        if not bare:
            continue
        if own is None:
            own = Entity(len(entities), None, None, bare[0].title, publisher, None)
            own.country_reason = f"named only by office ('{bare[0].title}'); the publisher's own"
            entities.append(own)
        for m in bare:
            e.mentions.remove(m)
            own.mentions.append(m)
            m.entity = own.id


#: offices of an international organisation's head, written without the organisation
_ORGANISATION_OFFICE = re.compile(
    r"(?:Deputy\s+)?Secretary[- ]General|Director[- ]General|High\s+Representative|"
    r"Managing\s+Director|Chairperson(?:\s+of\s+the\s+Commission)?",
    re.IGNORECASE,
)
#: how much of a text is read for the organisations it names
ORGANISATION_SCAN_CHARS = 4000


def _organisation_of_offices(text: str, entities: list[Entity]) -> str | None:
    """The organisation of a principal named only as "the Secretary-General" on a page
    whose address is unknown: the one international organisation the text names
    ("... cooperation between the United Nations and Türkiye"), else None."""
    if not any(
        e.name is None
        and e.country is None
        and e.organization is None
        and _ORGANISATION_OFFICE.fullmatch(e.title or "")
        for e in entities
    ):
        return None
    found = re.findall(r"[\w.’'\-]+", text[:ORGANISATION_SCAN_CHARS])
    words = [w.lower().rstrip(".") for w in found]
    named: set[str] = set()
    i = 0
    while i < len(words):
        hit = lx.find_organization_span(words[i : i + lx.MAX_FORM_WORDS])
        if hit and hit[0] == 0:
            named.add(hit[2])
            i += hit[1]
        else:
            i += 1
    return named.pop() if len(named) == 1 else None


def _resolve_office_only(
    entities: list[Entity], publisher: str | None, organisation: str | None = None
) -> None:
    """A principal named only by office ("The Prime Minister") is the publisher's own, or
    of the one country that has an office of that title ("External Affairs Minister")."""
    for e in entities:
        if e.name is None and e.country is None and e.organization is None:
            only = gazetteer.country_of_office(e.title)
            if only:
                e.country = only
                e.country_reason = f"named only by office ('{e.title}'), which one country has"
            elif publisher:
                e.country = publisher
                e.country_reason = f"named only by office ('{e.title}'); the publisher's own"
            elif organisation:
                e.organization = organisation
                e.country_reason = f"named only by office ('{e.title}'); the publisher's own"


def _country_count(name: str) -> int:
    """How many countries a compound names ("Japan-U.S.-ROK" -> 3)."""
    m = re.search(r"\b[A-Z][\w.]*(?:[-–][A-Z][\w.]*){2,}", name)
    if not m:
        return 0
    return len({layout._iso(p) for p in re.split(r"[-–]", m.group(0)) if layout._iso(p)})


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


def _from_speakers(ctx: Context) -> list[Engagement]:
    """A transcript of a joint appearance: its speakers from two or more countries met.

    Used only when no sentence reports a meeting and the title names one.
    """
    text, sents, mentions, entities = ctx.text, ctx.sentences, ctx.mentions, ctx.entities
    lay = ctx.layout
    assert lay is not None
    if not lay.title or not re.search(
        r"Meeting|Dialogue|Talks|2\+2|Consultations?|Summit", lay.title
    ):
        return []
    speakers: list[int] = []
    first_at = None
    for m in SPEAKER_LABEL.finditer(text):
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


#: how far into the body the people of a meeting named only in the title are looked for
TITLE_EVENT_SCAN_CHARS = 1500
_TITLE_EVENT = re.compile(r"Dialogue|Meeting|2\+2|Consultations?|Summit|Talks")
_FUTURE_VERB = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|to\s+be\s+held)\b")
_FUTURE_TITLE = re.compile(
    r"\b(?:to\s+(?:co-)?host|will|to\s+visit|to\s+hold|announcement|upcoming)\b", re.I
)


def _from_title_event(ctx: Context) -> list[Engagement]:
    """A transcript or statement whose title names a meeting of two countries ("Press
    conference: Eighth Japan-Australia 2+2 Ministerial Dialogue"): the officials of those
    two countries named at its start took part. Used only when no sentence reports one."""
    sents, mentions, entities = ctx.sentences, ctx.mentions, ctx.entities
    lay = ctx.layout
    assert lay is not None
    if not lay.title or not _TITLE_EVENT.search(lay.title) or _FUTURE_TITLE.search(lay.title):
        return []
    m = _PAIR.search(lay.title)
    if not m:
        return []
    pair = {layout._iso(m.group(1)), layout._iso(m.group(2))} - {None}
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


def _union(a: list[int], b: list[int]) -> list[int]:
    return a + [x for x in b if x not in a]


_PAIR = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[-–]([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")


def _pair_prefix(title: str) -> str | None:
    """ "Japan-Russia" from "Japan-Russia Foreign Ministers' Meeting" (two countries only)."""
    m = _PAIR.search(title)
    if (
        m
        and layout._iso(m.group(1))
        and layout._iso(m.group(2))
        and layout._iso(m.group(1)) != layout._iso(m.group(2))
    ):
        # only the countries' words: not "Seventh Japan" nor "India Strategic"
        return f"{_country_words(m.group(1), last=True)}-{_country_words(m.group(2), last=False)}"
    return None


def _country_words(side: str, *, last: bool) -> str:
    """The words of ``side`` that name its country: its last words before a hyphen
    ("Seventh Japan"), its first after one ("India Strategic")."""
    words = side.split()
    for k in range(len(words), 0, -1):
        part = words[-k:] if last else words[:k]
        if lx.lookup_country([w.lower() for w in part]):
            return " ".join(part)
    return side


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
