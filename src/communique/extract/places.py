"""Places and occasions.

Needs: the text of an engagement's lead (trigger sentence and its paragraph), the
gazetteers of cities, countries, venues and conferences, and the date. Adds:
``place`` ({name, country, reason}) and ``occasion`` (the larger event), each with a
span; a place inferred from an occasion records why.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from communique import gazetteer as gz
from communique.extract.text import PAST_CONTEXT
from communique.gazetteer import lexicon as lx
from communique.gazetteer.files import cells


@dataclass(frozen=True)
class Place:
    name: str | None
    country: str | None
    start: int
    end: int
    reason: str | None = None
    #: how sure: 3 stated city or venue, 2 stated country or visit, 1 inferred
    strength: int = 1

    def to_json(self) -> dict:
        out: dict = {"name": self.name, "country": self.country}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Occasion:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Venue:
    regex: re.Pattern
    name: str
    city: str | None
    iso3: str | None


@functools.lru_cache(maxsize=1)
def venues() -> list[Venue]:
    out = []
    for row in cells("venues.tsv"):
        row += [""] * (4 - len(row))
        out.append(
            Venue(re.compile(r"\b(?:" + row[0] + r")"), row[1], row[2] or None, row[3] or None)
        )
    return out


_CAP = r"[A-Z][\w.’'\-]*"
_PLACE_NAME = rf"(?:the\s+)?{_CAP}(?:\s+(?:of\s+(?:the\s+)?)?{_CAP}){{0,4}}"
_IN = re.compile(rf"\b(?:[Ii]n|[Aa]t|to)\s+(?P<p>{_PLACE_NAME})(?:,\s+(?P<q>{_PLACE_NAME}))?")
_VISIT = re.compile(
    rf"\b(?:[Vv]isit(?:ing|ed|s)?|trip|tour|[Tt]ravel(?:l?ing|l?ed)?|[Aa]rrived|stay)\s+(?:to\s+|in\s+)?"
    rf"(?P<p>{_PLACE_NAME})"
)
_VISIT_OF = re.compile(
    rf"\b(?:official|working|state|an?)\s+visit\s+(?:to|in)\s+(?P<p>{_PLACE_NAME})"
)


def _city_or_country(phrase: str) -> tuple[str | None, str | None, int] | None:
    """(city, iso3, strength) for a place phrase, trying the longest prefix first."""
    # "Sydney. It was ...", but not "St. Petersburg"
    phrase = re.split(r"(?<=[a-z])(?<!\bSt)(?<!\bFt)(?<!\bMt)\.(?:\s|$)", phrase.strip())[0]
    venue_of = re.match(
        r"^(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}\s+of\s+(?P<c>[A-Z].*)$", phrase
    )
    if venue_of and not lx.lookup_country_name(phrase.lower().removeprefix("the ").split()):
        # "the Tower of London", "the Palace of Westminster": the city named after "of"
        got = _city_or_country(venue_of.group("c"))
        if got is not None and got[0] is not None:
            return got
    owner = re.match(r"^(?:the\s+)?(\S+)['’]s\s+(\S.*)$", phrase)
    whole = lx.lookup_country_name(phrase.lower().removeprefix("the ").split())
    if owner and whole is None:  # "Uzbekistan's Samarkand": the city, else the country
        # (not "the People's Republic of China", a country's own name)
        return _city_or_country(owner.group(2)) or _city_or_country(owner.group(1))
    words = phrase.split()
    cities = gz.cities()
    for k in range(len(words), 0, -1):
        cand = " ".join(words[:k])
        low = cand.lower().removeprefix("the ")
        # "The Hague"; "St. Petersburg" and "Ft. Lauderdale" as the gazetteer writes them
        c = (
            cities.get(low)
            or cities.get(cand.lower())
            or cities.get(re.sub(r"\b(st|ft)\.", r"\1", low))
        )
        if c is not None:
            return c.name, c.iso3, 3
        iso = lx.lookup_country_name(low.split())
        if iso:
            return None, iso, 2
    return None


#: "co-chaired the 14th ... Framework Dialogue in New Delhi": the event the clause
#: reports, named with capitals, held in the place that follows it
_OWN_NAMED_EVENT = re.compile(
    r"\b(?:held|hosted|co-?chaired|chaired|convened|attended)\s+(?:the|a|an)\s+[^,;.]{0,80}?"
    r"(?:Meeting|Talks|Summit|Dialogue|Consultations?|Conference|Forum|Session)\s*$"
)


#: "The first session of the Joint Commission was held in Kabul": the event told
_WAS_HELD = re.compile(r"(?<!previously\s)(?<!last\s)\b(?:was|were)\s+held\s*$")

#: "hosted X for bilateral talks in Brasilia": the talks the sentence reports
_FOR_TALKS = re.compile(
    r"\bfor\s+(?:a\s+|an\s+)?(?:[\w\-]+\s+){0,2}(?:talks|meeting|consultations|discussions)\s*$"
)

#: words before "in X" that make X a subject of the talks, not their place
_TOPIC_BEFORE = (
    r"\b(?:situation|crisis|conflict|war|peace|developments?|stability|security|elections?|events|"
    r"humanitarian|affairs|issues?|violence|tensions?|attacks?|earthquake|floods?|refugees|"
    r"democracy|invasion|aggression|fighting|ceasefire|reconstruction)\s*$"
)
_FUTURE_PLACE = re.compile(
    r"\blook(?:s|ed|ing)?\s+forward\s+to\b|\b(?:will|shall|plans?\s+to|intends?\s+to)\s+(?:\w+\s+)?(?:visit|travel|go)\b",
    re.I,
)


#: "to visit X", "to pay a visit to X": a visit still to be made
_INFINITIVE = re.compile(
    # not "the first government minister to visit Australia" nor "pleased to visit Japan":
    # a visit being made
    r"(?<!first\s)(?<!minister\s)(?<!leader\s)(?<!official\s)(?<!only\s)(?<!last\s)"
    r"(?<!pleased\s)(?<!happy\s)(?<!glad\s)(?<!delighted\s)(?<!honoured\s)(?<!honored\s)"
    r"(?<!proud\s)\bto\s+(?:(?:pay|make)\s+(?:an?\s+)?)?$"
)


_CAPITAL = re.compile(
    r"\b(?:in|at)\s+the\s+(?:(?P<adj>[A-Z][\w\-]+)\s+capital\b|capital\s+(?:city\s+)?of\s+(?:the\s+)?"
    r"(?P<of>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2}))"
)


def find_place(text: str, start: int, end: int) -> Place | None:
    """A place stated in ``text[start:end]``: a venue, "in CITY", "in COUNTRY", "visiting X"."""
    best = _venue_at(text, start, end)
    for m in _IN.finditer(text, start, end):
        cand = _place_in(text, start, m)
        if cand is None:
            continue
        if best is None or cand.strength > best.strength:
            best = cand
        if best.strength >= 3:
            break
    if best is None:
        best = _capital_of(text, start, end)
    if best is None or best.strength < 2:
        best = _place_visited(text, start, end, best)
    return best


def _capital_of(text: str, start: int, end: int) -> Place | None:
    """ "in the Norwegian capital", "in the capital of Norway": that country."""
    for m in _CAPITAL.finditer(text, start, end):
        iso = lx.lookup_country([(m.group("adj") or m.group("of")).lower()])
        if iso is None and m.group("of"):
            iso = lx.lookup_country(m.group("of").lower().split())
        if iso:
            g = "adj" if m.group("adj") else "of"
            return Place(None, iso, m.start(g), m.end(g), "the capital of the country named", 2)
    return None


def _venue_at(text: str, start: int, end: int) -> Place | None:
    """The first venue of the gazetteer written "at" or "in" in ``text[start:end]``."""
    for am in _AT_IN.finditer(text, start, end):
        vm = _venue_regex().match(text, am.end())
        if vm:
            v = venues()[int(vm.lastgroup[1:])]
            if v.iso3:
                name = v.name + (f", {v.city}" if v.city and v.city != v.name else "")
                return Place(name, v.iso3, vm.start(), vm.end(), None, 3)
    return None


#: "on the sidelines of the EU-CELAC summit in Brussels": the meeting was held at that
#: event, so the event's place is the meeting's
_AT_THE_EVENT = re.compile(
    r"\b(?:(?:sidelines|margins?|occasion)\s+of|during|at)\s+(?:the\s+)?[^.;,()]{0,70}$", re.I
)


def _place_in(text: str, start: int, m: re.Match) -> Place | None:
    """The place of an "in CITY" or "to COUNTRY" match, unless it is another event's, a
    topic's, one to come or a destination that is no visit's."""
    prev = text[max(0, m.start() - 40) : m.start()].lower()
    if re.search(
        r"\b(?:meeting|talks|summit|consultations?|dialogue|negotiations|conference|held|born|"
        r"birthplace|residents?|investment|companies|nationals|operations?)"
        r"(?:\s+(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|month|year))?\s*$",
        prev,
    ) and not (
        _OWN_NAMED_EVENT.search(text[max(start, m.start() - 120) : m.start()])
        or _AT_THE_EVENT.search(text, max(start, m.start() - 100), m.start())
        or _WAS_HELD.search(prev)
        or _FOR_TALKS.search(prev)
    ):
        return None  # "following the meeting in Moscow": another event's place
    got = _city_or_country(m.group("p"))
    if got is None and m.group("q"):
        # "in Ningbo, China": a town the gazetteer lacks, in a country it knows
        q = _city_or_country(m.group("q"))
        if q and q[0] is None and q[1]:
            got = (m.group("p").strip(), q[1], 3)
    if got is None:
        return None
    city, iso, strength = got
    if m.group("q") and city:
        q = _city_or_country(m.group("q"))
        if q and q[1] and q[1] != iso and q[0] is None:
            iso = q[1]
    if re.search(r"\b(?:ambassador|embassy|residents?|companies|nationals)\s*$", prev):
        return None
    if re.search(_TOPIC_BEFORE, prev) and not re.search(
        r"[A-Z][a-z]+\s*$", text[max(0, m.start() - 20) : m.start()]
    ):  # (not "the Ministry of Foreign Affairs in Oslo": a name, capitalised)
        return None  # "to discuss the situation in Syria": what was discussed, not where
    s0 = max(text.rfind(". ", start, m.start()), text.rfind("\n", start, m.start()), start)
    if _FUTURE_PLACE.search(text, s0, m.start()):
        return None  # "The Prime Minister looked forward to visiting Hiroshima": not here
    word = m.group(0).split()[0].lower()
    welcomed = re.search(
        r"\bwelcom\w*\s+(?:(?!\band\s+\w+ed\b)[^.;]){0,70}$",
        text[max(start, m.start() - 80) : m.start()],
    )  # "welcome Foreign Minister Hayashi to Adelaide": the host's city (not "welcomed
    # X and expressed appreciation to the U.S.")
    if word == "to" and not re.search(r"\b(?:visit|trip|travel\w*|way)\s*$", prev) and not welcomed:
        return None
    return Place(city, iso, m.start("p"), m.end("p"), None, strength)


def _place_visited(text: str, start: int, end: int, best: Place | None) -> Place | None:
    """ "visiting X", "a visit to X": a stronger place than ``best`` if there is one."""
    for rx in (_VISIT_OF, _VISIT):
        for m in rx.finditer(text, start, end):
            if _INFINITIVE.search(text, max(start, m.start() - 16), m.start()):
                continue
            got = _city_or_country(m.group("p"))
            if got is None:
                continue
            city, iso, strength = got
            cand = Place(city, iso, m.start("p"), m.end("p"), None, 2)
            if best is None or cand.strength > best.strength:
                best = cand
            break
        if best is not None and best.strength >= 2:
            break
    return best


_RIGHT_AFTER = re.compile(rf"\s+(?:in|at)\s+(?P<p>{_PLACE_NAME})")


_JUST_PLACE = re.compile(rf"(?P<p>{_PLACE_NAME})")


def city_hosting(text: str, sent_start: int, trigger_start: int) -> Place | None:
    """ "Tehran hosted the fifth round of political consultations": the city that hosted."""
    m = re.search(
        r"(?:^|\s)(?P<p>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+(?=hosted\s+the\b)",
        text[sent_start : trigger_start + 11],
    )
    if m is None or not text.startswith("hosted", trigger_start):
        return None
    got = _city_or_country(m.group("p"))
    if got is None or got[0] is None:
        return None
    return Place(
        got[0],
        got[1],
        sent_start + m.start("p"),
        sent_start + m.end("p"),
        "the city that hosted it",
        3,
    )


def place_of_trigger(text: str, trigger_end: int, end: int) -> Place | None:
    """The place written right after the words that report the meeting ("after their
    talks in Beijing", "met in Vientiane"): that meeting's own, though ``find_place``
    passes over "talks in X" elsewhere as another event's place."""
    m = _RIGHT_AFTER.match(text, trigger_end, end)
    if m is None and re.search(r"\b(?:in|at)\s+$", text[max(0, trigger_end - 4) : trigger_end]):
        m = _JUST_PLACE.match(text, trigger_end, end)  # "during talks in Seoul"
    if m is None:
        return None
    got = _city_or_country(m.group("p"))
    if got is None:
        return None
    return Place(got[0], got[1], m.start("p"), m.end("p"), None, got[2])


_AT_IN = re.compile(r"\b(?:[Aa]t|[Ii]n|[Tt]o|[Ff]rom)\s+(?=[A-Z0-9]|the\s+[A-Z])")
_OCC_AT = re.compile(
    r"\b(?:at|during|attend(?:ing)?|margins?\s+of|sidelines?\s+of|occasion\s+of)\s+(?:the\s+)?(?:\d+\w*\s+)?(?=[A-Z0-9])",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def _venue_regex() -> re.Pattern:
    """All venues in one pattern (group vN is venues()[N]), so a text is scanned once."""
    return re.compile("|".join(f"(?P<v{i}>{v.regex.pattern})" for i, v in enumerate(venues())))


@functools.lru_cache(maxsize=1)
def _conference_regex() -> re.Pattern:
    """All conference names in one case-insensitive pattern."""
    return re.compile("|".join(f"(?:{c.regex.pattern})" for c in gz.conferences()), re.IGNORECASE)


# -- occasions ------------------------------------------------------------------------

_OCC_TEXT = r"(?:[^.;,()]|\((?:[A-Z0-9&\- ]{2,12}|[“\"]?\d\+\d[”\"]?[^()]{0,30})\))"
_OCC_CUE = re.compile(
    r"\b(?:on\s+the\s+occasion\s+of|on\s+the\s+(?:margins?|sidelines?|fringes?)\s+of|"
    r"in\s+the\s+margins?\s+of|in\s+conjunction\s+with|while\s+attending|"
    r"at\s+the\s+(?:venue|conference\s+room|premises|site)\s+of|"
    r"(?:who\s+(?:was|is|had)\s+)?(?:visiting|in|come\s+to|came\s+to|arrived\s+in|travell?ed\s+to)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?(?:,\s+[A-Z][\w.\-]+)?\s+"
    r"(?:to\s+attend|for|to\s+participate\s+in)|"
    r"during\s+(?:his|her|their|the)\s+(?:visit\s+to\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?\s+)?"
    r"(?:for|to\s+attend|to\s+participate\s+in|attendance\s+at|participation\s+in)|"
    r"(?:to\s+attend|to\s+participate\s+in|attending|participation\s+in|participating\s+in))\s+"
    rf"(?:a\s+series\s+of\s+)?(?P<occ>the\s+{_OCC_TEXT}{{4,120}}|[A-Z0-9]{_OCC_TEXT}{{3,120}})"
)
_OCC_CUT = re.compile(
    r"\s+(?:in|at|held|where|which|from|that|with|today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|"
    r"and\s+(?:held|met|paid)|to\s+(?:be|hold|meet)|due|scheduled|slated|set\s+to|opening|starting|"
    r"on\s+(?:the\s+)?\d|on\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Mr|Ms|Mrs|Dr|H\.E)\.)\b.*$"
)
#: an occasion longer than this many words is more likely a clause than a name
MAX_OCCASION_WORDS = 12
_EVENTY = re.compile(
    r"(?:Summit|\b[A-Z][\w\-]*\s+summit\b|\b[A-Z][\w\-]*(?:\s+[a-z]+)?\s+(?:dialogue|consultations)\b|Meeting|Meetings|Conference|Forum|Assembly|Dialogue|Session|Consultations?|Games|"
    r"Olympics?|Ceremony|Funeral|funeral|Week|Council|Expo|EXPO|meetings?|Congress|Festival|Inauguration|"
    r"inauguration|Talks|G7|G20|APEC|ASEAN|Davos|(?:\(2\+2\)|2\+2))",
)


_ACRONYM = re.compile(
    r"^(?P<ord>\d+(?:st|nd|rd|th)\s+)?(?P<long>.+?)\s*\((?P<acr>[A-Z][A-Z0-9&\-]{1,10})\)\s*(?P<rest>.*)$"
)


def _short_name(occ: str) -> str:
    """ "Asia-Europe Meeting (ASEM) 10 Summit Meeting" -> "ASEM 10 Summit Meeting": the
    acronym stands for the spelled-out name when more of the name follows it."""
    m = _ACRONYM.match(occ)
    if not m or not m.group("rest"):
        return occ
    if re.match(r"(?:and|or|&)\b", m.group("rest")):
        # "the 56th ASEAN Foreign Ministers' Meeting (AMM-56) and related meetings": the
        # name ends at its acronym
        return occ[: m.end("acr") + 1]
    return f"{m.group('ord') or ''}{m.group('acr')} {m.group('rest')}".strip()


#: "In the margins of the summit": a meeting named earlier, referred to by its noun
_MARGINS_OF_THE = re.compile(
    r"\b(?:margins?|sidelines?|fringes?|occasion)\s+of\s+the\s+(?P<noun>summit|meeting|conference|forum|session)\b",
    re.I,
)


def find_anaphoric_occasion(text: str, start: int, end: int) -> Occasion | None:
    """The occasion of "on the margins of the summit": the last event of that kind
    named with capitals before it ("the South East Europe Cooperation Platform (SEECP)
    Summit")."""
    m = _MARGINS_OF_THE.search(text, start, end)
    if m is None:
        return None
    noun = m.group("noun").capitalize()
    named = re.compile(
        rf"(?:[A-Z0-9][\w.\-’'+]*\s+|\([A-Z0-9]{{2,10}}\)\s+|(?:of|the|and|for|on)\s+){{0,8}}{noun}\b"
    )
    last = None
    for nm in named.finditer(text, max(0, m.start() - 3000), m.start()):
        name = re.sub(r"^(?:(?:of|the|and|for|on)\s+)+", "", nm.group(0)).strip()
        if len(name.split()) >= 2 and name[:1].isupper():
            last = (name, nm.end() - len(name), nm.end())
    if last is None:
        return None
    return Occasion(_short_name(last[0]), last[1], last[2])


#: what was done at another event: "decisions taken at", "agreed at", "the commitments made at"
_DONE_AT = re.compile(
    r"\b(?:taken|adopted|agreed|made|reached|decided|announced|signed|launched|endorsed|pledged)\s*$"
)
#: the occasion of an earlier meeting the sentence refers back to
_AFTER_EARLIER = re.compile(
    r"\b(?:following|after)\s+(?:their|the|his|her)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:conversations?|meetings?|talks|discussions?)\b[^.;]*$"
)
#: an event someone is invited to, or one still to be held, is not this meeting's occasion
_INVITED_TO = re.compile(r"\binvit\w*\s+(?:[\w’'\-]+\s+){0,3}$", re.I)
_TO_COME = re.compile(r"(?:the\s+)?(?:proposed|planned|next|upcoming|forthcoming)\b", re.I)
#: a meeting being prepared: "discussed preparations for the meeting between the two leaders"
_PREPARING = re.compile(r"\b(?:preparations?|in\s+preparation|preparing)\s+for\b[^.;]*$", re.I)
_STRONG_CUE = re.compile(
    r"^(?:on|in)\s+the\s+(?:occasion|margins?|sidelines?|fringes?)\s+of"
    # "China's top diplomat is in Bali to attend the G20 Foreign Ministers Meeting"
    r"|^(?:who\s+(?:was|is)\s+)?(?:in|visiting)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?(?:,\s+[A-Z][\w.\-]+)?\s+"
    r"to\s+(?:attend|participate\s+in)\b",
    re.I,
)


#: a count of members before an event's name: "22-member", "10-nation"
_MEMBERSHIP = re.compile(r"(?:\d+|[a-z]+)-(?:member|nation|country|strong)\s+")


def find_occasion(
    text: str, start: int, end: int, *, strong_only: bool = False, elsewhere: bool = False
) -> Occasion | None:
    """The larger event a meeting was held at, from the words that introduce it.
    ``elsewhere``: the words are read outside the meeting's own clause, so a sentence
    about what will happen ("The two ministers will meet again at the G20") gives none."""
    for m in _OCC_CUE.finditer(text, start, end):
        if elsewhere and _to_come(text, start, m.start()):
            continue
        if _DONE_AT.search(text, max(start, m.start() - 24), m.start()):
            continue  # "decisions taken at the NATO Summit": another, earlier event
        if _INVITED_TO.search(text, max(start, m.start() - 40), m.start()) or _TO_COME.match(
            m.group("occ")
        ):
            continue  # "an invitation to attend the proposed summit": an event to come
        if _AFTER_EARLIER.search(text, max(start, m.start() - 120), m.start()):
            continue  # "spoke following their conversations in LA during the Summit": earlier
        if _PREPARING.search(text, max(start, m.start() - 160), m.start()):
            continue  # "preparations for the leaders' meeting on the sidelines of ...": to come
        if strong_only:
            if not _STRONG_CUE.match(m.group(0)):
                continue
            s0 = max(text.rfind(". ", start, m.start()), text.rfind("\n", start, m.start()), start)
            if _FUTURE_SENTENCE.search(text, s0, m.start()) or _past_sentence(text, s0, m.start()):
                continue
        occ = m.group("occ")
        occ = _OCC_CUT.sub("", occ)
        occ = re.sub(r"^the\s+", "", occ).strip(" ,")
        # keep a parenthesis that belongs to the name: "Consultation (“2+2” Ministerial Meeting)"
        tail = text[m.end("occ") : m.end("occ") + 60]
        pm = re.match(r"\s*\(([^()]{1,50})\)", tail)
        s = m.start("occ") + (4 if m.group("occ").startswith("the ") else 0)
        size = _MEMBERSHIP.match(occ)
        if size:  # "the 22-member Asian Cooperation Dialogue meeting": its name
            occ, s = occ[size.end() :], s + size.end()
        if pm and m.group("occ").rstrip().endswith(occ) and _EVENTY.search(pm.group(1)):
            occ = f"{occ} ({pm.group(1)})"
        if not occ or len(occ.split()) > MAX_OCCASION_WORDS + 4 or not _EVENTY.search(occ):
            continue
        return Occasion(_short_name(occ), s, s + len(occ))
    if strong_only:
        return None
    # a known conference named in the lead with "at"/"during"/"on the margins of"
    for am in _OCC_AT.finditer(text, start, end):
        if elsewhere and _to_come(text, start, am.start()):
            continue
        if _DONE_AT.search(text, max(start, am.start() - 24), am.start()):
            continue
        if _AFTER_EARLIER.search(text, max(start, am.start() - 120), am.start()):
            continue
        if _PREPARING.search(text, max(start, am.start() - 160), am.start()):
            continue
        cm = _conference_regex().match(text, am.end(), end)
        if cm:
            return Occasion(cm.group(0), cm.start(), cm.end())
    return None


def _to_come(text: str, start: int, pos: int) -> bool:
    """Whether the sentence before ``pos`` tells of what will happen."""
    s0 = max(text.rfind(". ", start, pos), text.rfind("\n", start, pos), start)
    return _FUTURE_SENTENCE.search(text, s0, pos) is not None


def fuller_in(occasion: Occasion, text: str, start: int, end: int) -> Occasion | None:
    """The same event named in full in ``text[start:end]`` (a title's "G20 Summit" for a
    sentence's "G20"), or None: a conference name there that holds every word of it."""
    words = set(occasion.name.lower().split())
    for cm in _conference_regex().finditer(text, start, end):
        if cm.end() - cm.start() > len(occasion.name) and words <= set(cm.group(0).lower().split()):
            return Occasion(cm.group(0), cm.start(), cm.end())
    return None


def place_of_occasion(occasion: Occasion, when: dt.date | None) -> Place | None:
    """The venue of a conference held always in one place, or in a known host city that year."""
    for conf in gz.conferences():
        if not conf.regex.search(occasion.name):
            continue
        if conf.fixed and conf.iso3:
            return Place(
                conf.city,
                conf.iso3,
                occasion.start,
                occasion.end,
                f"venue of the {conf.name} (gazetteer)",
                1,
            )
        if conf.series and when is not None:
            hosts = gz.conference_host(conf.series, when.year)
            best = None
            for city, iso3, s, e in hosts:
                if s and e and dates_within(when, s, e):
                    best = (city, iso3)
                    break
                if best is None and len(hosts) == 1:
                    best = (city, iso3)
            if best:
                return Place(
                    best[0] or None,
                    best[1],
                    occasion.start,
                    occasion.end,
                    f"host of the {when.year} {conf.name} (gazetteer)",
                    1,
                )
    return None


#: days either side of a conference's dates that a bilateral on its margins may fall on
CONFERENCE_MARGIN_DAYS = 2


#: the city written after an occasion's name: "the ASEAN Foreign Ministers' Meeting in Bangkok"
_OCCASION_IN = re.compile(r"\s+(?:in|at)\s+(?P<p>[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,2})")


def place_after_occasion(text: str, occasion: Occasion) -> Place | None:
    """The city or country an occasion is said to be held in, right after its name."""
    m = _OCCASION_IN.match(text, occasion.end)
    if m is None:
        return None
    got = _city_or_country(m.group("p"))
    if got is None or got[1] is None:
        return None
    s = m.start("p")
    if got[0] is None:  # "the APEC meeting in Peru": the country the occasion is held in
        return Place(None, got[1], s, m.end("p"), "named after the occasion", 2)
    end = s + len(got[0]) if text.startswith(got[0], s) else m.end("p")
    return Place(got[0], got[1], s, end, "named after the occasion", 3)


def dates_within(when: dt.date, start: str, end: str) -> bool:
    try:
        s = dt.date.fromisoformat(start)
        e = dt.date.fromisoformat(end)
    except ValueError:
        return False
    pad = dt.timedelta(days=CONFERENCE_MARGIN_DAYS)
    return s - pad <= when <= e + pad


_HOST = re.compile(
    rf"\b(?:visit(?:ing|ed|s)?\s+(?:to\s+)?|(?:home\s+)?city\s+of\s+|welcome[sd]?\s+[^.;]{{0,60}}?\s(?:to|in)\s+|"
    rf"(?:arrived|stay(?:ing)?)\s+in\s+)(?P<p>{_PLACE_NAME})"
)


def find_host(text: str, start: int, end: int) -> Place | None:
    """Where the visit a report is about took place: "X's visit to Japan", "welcome X to Tokyo"."""
    for m in _HOST.finditer(text, start, end):
        if _INFINITIVE.search(text, max(start, m.start() - 16), m.start()):
            continue  # "an invitation to visit Palestine": a visit to come
        got = _city_or_country(m.group("p"))
        if got is None:
            continue
        city, iso, _strength = got
        return Place(city, iso, m.start("p"), m.end("p"), "the visit the report describes", 2)
    return None


#: a news agency's dateline at a paragraph's start: "BEIJING, May 11 (Xinhua) --",
#: "PALM BEACH, United States, April 7 (Xinhua) --", "NAIROBI -", "MINSK, May 4. /TASS/."
_NEWS_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][A-Z.’'\-]+(?:[ \t]+[A-Z][A-Z.’'\-]+){0,2})"
    r"(?:,[ \t]*[A-Z][\w.]+(?:[ \t]+[A-Z][\w.]+){0,2})?"
    r"(?:,?[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8})(?:,?[ \t]*\d{4})?)?"
    r"[ \t]*(?:\([A-Z][\w .&/]{1,30}\))?[ \t]*(?:--|—|–|-|:|\.[ \t]*/[A-Z][\w\-]{1,12}/\.)[ \t]"
)


#: the same in title case, where the agency's name in brackets marks it: "New Delhi, June 5
#: (IANS) Foreign Secretary ..."
_NEWS_DATELINE_TITLED = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][\w.’'\-]+(?:[ \t]+[A-Z][\w.’'\-]+){0,2}),[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8})(?:,?[ \t]*\d{4})?"
    r"[ \t]*\([A-Z][\w .&/]{1,30}\)[ \t]*(?:--|—|–|-|:)?[ \t]"
)


def news_dateline(text: str, start: int, end: int) -> Place | None:
    """The city of a news agency's dateline between ``start`` and ``end``: where the
    report was filed, and where a meeting it reports "here" was held."""
    m = _NEWS_DATELINE.search(text, start, end) or _NEWS_DATELINE_TITLED.search(text, start, end)
    if m is None:
        return None
    got = _city_or_country(m.group("city").title())
    if got is None or got[1] is None:
        return None
    if got[0] is None:  # "KUWAIT, March 5 (KUNA) --": the country (its capital, often)
        return Place(
            None, got[1], m.start("city"), m.end("city"), "the news dateline names the country", 2
        )
    return Place(
        got[0], got[1], m.start("city"), m.end("city"), "the news dateline names the city", 2
    )


_LOCAL_TIME = re.compile(r"\((?P<c>[A-Z][\w.\- ]{1,25}?)\s+(?:local\s+)?time\)")


def local_time_city(text: str, start: int, end: int, publisher: str | None) -> Place | None:
    """A city whose clock the report gives ("from 9:15 a.m. (NY time)"): where the meeting
    was, unless it is the publisher's own country (the time at home, given beside)."""
    m = _LOCAL_TIME.search(text, start, end)
    if m is None:
        return None
    got = _city_or_country(m.group("c"))
    if got is None or got[0] is None or got[1] == publisher:
        return None
    return Place(
        got[0], got[1], m.start("c"), m.end("c"), "the meeting's time is given in its clock", 2
    )


#: the dashes between a date line's parts ("June 29, 2021 – Matera, Italy – Publisher")
_DASHED = re.compile(r"^\s*[–—]\s*|\s+[–—-]\s+|^\s*-\s+")


def dateline_city(text: str, date_start: int, date_end: int) -> Place | None:
    """A date line that names the city: "September 7, 2017, Vladivostok"."""
    line_start = text.rfind("\n", 0, date_start) + 1
    head = text[line_start:date_start].strip(" ,-–—")
    if head and len(head.split()) <= 3:
        # "Jakarta, 10 January 2020 - ...", "TOKYO, Japan, June 7, 2011/APO/"
        got = _city_or_country(head.split(",")[0].strip().title())
        if got is not None and got[0] is not None:
            s = text.index(head.split(",")[0].strip(), line_start)
            return Place(
                got[0],
                got[1],
                s,
                s + len(head.split(",")[0].strip()),
                "the date line names the city",
                2,
            )
    # "New York" on the line before the date line
    prev_end = line_start - 1
    prev_start = text.rfind("\n", 0, max(0, prev_end - 1)) + 1
    above = text[prev_start:prev_end].strip() if prev_end > 0 else ""
    if above and len(above.split()) <= 3:
        got = _city_or_country(above.split(",")[0].strip())
        if got is not None and got[0] is not None:
            s = text.index(above, prev_start)
            return Place(
                got[0], got[1], s, s + len(above), "the line above the date names the city", 2
            )
    line_end = text.find("\n", date_end)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[date_end:line_end].strip(" ,")
    if not tail and line_end < len(text):
        # "June 3, 2031\nOslo, Norway": the line below the date names the city
        below_end = text.find("\n", line_end + 1)
        below = text[line_end + 1 : below_end if below_end >= 0 else len(text)].strip()
        got = _city_or_country(below.split(",")[0].strip()) if 0 < len(below.split()) <= 3 else None
        if got is not None and got[0] is not None:
            s = text.index(below, line_end)
            return Place(
                got[0], got[1], s, s + len(below), "the line below the date names the city", 2
            )
    if _DASHED.match(tail):
        # "June 29, 2021 – Matera, Italy – Global Affairs Canada": the segment after the
        # date, between dashes, names the city
        seg = _DASHED.split(tail)[1].strip()
        got = _city_or_country(seg.split(",")[0].strip()) if 0 < len(seg.split()) <= 3 else None
        if got is not None and got[0] is not None:
            s = text.index(seg, date_end)
            return Place(
                got[0],
                got[1],
                s,
                s + len(seg.split(",")[0].strip()),
                "the date line names the city",
                2,
            )
        return None
    if not tail or len(tail.split()) > 3:
        return None
    got = _city_or_country(tail)
    if got is None or got[0] is None:
        return None
    s = text.index(tail, date_end)
    return Place(got[0], got[1], s, s + len(tail), "the date line names the city", 2)


_FUTURE_SENTENCE = re.compile(
    r"\b(?:will|would|shall|should|must|if|next|upcoming|another|plans?\s+to|intends?\s+to|agreed\s+to|"
    r"decided\s+to|to\s+hold|look(?:s|ed|ing)?\s+forward)\b",
    re.I,
)
_NOT_THIS_ONE = re.compile(
    r"\b(?:recent|previous|last|next|upcoming|forthcoming|coming|past|former)\s+(?:\w+\s+){0,2}$",
    re.I,
)


def _past_sentence(text: str, s0: int, pos: int) -> bool:
    """Whether the sentence before ``pos`` tells of an earlier meeting ("had previously met")."""
    end = text.find(". ", pos)
    return bool(PAST_CONTEXT.search(text, s0, end if end >= 0 else len(text)))


def find_fixed_occasion(text: str, start: int, end: int) -> Occasion | None:
    """A conference always held in one place, named anywhere with "at the" ("here at
    the Eastern Economic Forum"): the occasion of a report that names no other."""
    for am in _OCC_AT.finditer(text, start, end):
        if _NOT_THIS_ONE.search(text[max(start, am.start() - 30) : am.end()]):
            continue
        # not in a sentence about what will happen ("if both attend the Munich Security Conference")
        s0 = max(text.rfind(". ", start, am.start()), text.rfind("\n", start, am.start()), start)
        if _FUTURE_SENTENCE.search(text, s0, am.start()) or _past_sentence(text, s0, am.start()):
            continue
        if _AFTER_EARLIER.search(text, s0, am.start()):
            continue
        if _DONE_AT.search(text, max(start, am.start() - 24), am.start()):
            continue  # "a resolution should be adopted at the Security Council"
        cm = _conference_regex().match(text, am.end(), end)
        if not cm:
            continue
        conf = next((c for c in gz.conferences() if c.regex.fullmatch(cm.group(0))), None)
        if conf is not None and conf.fixed:
            return Occasion(cm.group(0), cm.start(), cm.end())
    return None
