"""Dates the extractor could not finish: a day in the text, a year from the document.

Readouts often give only a day ("On November 3, ...") and leave the year to the page
around them. Where the extractor had no year it leaves the engagement undated; the
archive knows more about the document (its URL, published date, the crawl's
Last-Modified, the other pages of its site), so it completes the date there: the day
written in the engagement's own sentence (else, for a readout of one engagement, the
first day in its opening lines), the year from the first of

1. the document's published date (its date line),
2. a date in its URL (``/2022/11/``, ``2019-02-16``, ``20190216``), or in the URL of the
   original page that a republished copy cites (a URL in the text whose last words are
   the title's),
3. the date the crawled index page listed it, then the crawl's Last-Modified header,

resolved as the extractor resolves days (the latest such day not after the anchor, with
its slack for time zones). With none of these, the year is the only one that every
piece of evidence the archive has allows (:func:`year_by_evidence`): the terms of office
of the named participants (``gazetteer/office_holders.tsv``), the weekday written with
the day, the dates of the conference the engagement was held at
(``gazetteer/conference_hosts.tsv``), and the page's place among the dated pages its site
numbered before and after it; else the year of another account of the meeting.
"Today" (or "yesterday", "this morning") in the engagement's sentence is the published
day, or the day a URL gives. A range of days in the engagement's sentence ("From March 5
to March 7, ... held talks with A, B and C": a meeting during a visit) dates it with the
range, never a day of it: ``date`` the first day, ``end_date`` the last,
``date_precision`` :data:`RANGE`; so does a month that opens the sentence ("In March
2019, ...": :func:`month_range`). Japanese days (2月16日) and weekdays (木曜日) count as the
English ones. After linking, an undated account joined to a dated event takes the day
the other accounts give (:func:`from_events`). An engagement nothing dates stays
undated, and :func:`why_undated` says why. Each engagement keeps the reason
(``date_reason``).

The archive dates at ingest and again at every relink (:func:`redate`), so an archive
built before a rule existed, or a page whose neighbours arrived later, is dated without
re-extraction.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import email.utils
import functools
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique import gazetteer
from communique.archive import schema as t
from communique.gazetteer.holders import Holder, name_index
from communique.util.date_mentions import WEEKDAYS, DateMention, find_dates, find_month_mentions
from communique.util.sentences import sentences
from communique.util.text import fold

#: the version of these rules: an archive relinked under another version is dated again
#: at its next relink (``archive_state.dating_rules``), without re-extraction
RULES_VERSION = 3

#: characters of a readout's opening searched for its day when the engagement's own
#: sentence has none: the title, date line and first sentence of the corpus readouts
#: fit in 600 (checked on ../shared/corpus and eval/dev)
OPENING_CHARS = 600

#: a year a URL may give: readouts of 1990-2039
_Y = r"(?P<y>(?:19[9]\d|20[0-3]\d))"
_URL_DATES = (
    re.compile(
        rf"(?<!\d){_Y}[-_/.]?(?P<m>0[1-9]|1[0-2])[-_/.]?(?P<d>0[1-9]|[12]\d|3[01])(?![\dA-Za-z])"
    ),
    re.compile(rf"/{_Y}/(?P<m>0?[1-9]|1[0-2])/"),
    re.compile(rf"/{_Y}/"),
)


def url_anchor(url: str | None) -> tuple[dt.date, str] | None:
    """The latest day a URL's date allows (its day, its month's last day, or its year's
    last day), and the text it was read from."""
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    for rx in _URL_DATES:
        m = rx.search(path)
        if not m:
            continue
        g = m.groupdict()
        y = int(g["y"])
        try:
            if g.get("d"):
                return dt.date(y, int(g["m"]), int(g["d"])), m.group(0).strip("/")
            if g.get("m"):
                mo = int(g["m"])
                return dt.date(y, mo, calendar.monthrange(y, mo)[1]), m.group(0).strip("/")
            return dt.date(y, 12, 31), m.group(0).strip("/")
        except ValueError:
            continue
    return None


def url_day(url: str | None) -> dt.date | None:
    """The day a URL gives in full (``/2024/09/13/``, ``2019-02-16``), else None."""
    if not url:
        return None
    m = _URL_DATES[0].search(re.sub(r"^https?://[^/]+", "", url))
    if not m:
        return None
    return _safe(int(m.group("y")), int(m.group("m")), int(m.group("d")))


_TEXT_URL = re.compile(r"https?://[^\s\"'<>)\]]+")
_WORD = re.compile(r"[a-z0-9]+")

#: share of the title's words the last words of a URL must give to be the address of
#: the same page ("readout-of-president-joe-bidens-meeting-with-...-kingdom-2" for the
#: title "Readout of President Joe Biden's Meeting with ..."): a page's slug is its
#: title with a few words dropped; 0.8 keeps slugs of other pages out (checked on
#: ../shared/corpus, where the cited originals give 1.0 and links to other pages < 0.5)
SLUG_TITLE_SHARE = 0.8


def cited_original(text: str | None, title: str | None) -> str | None:
    """The URL of the original page a republished copy cites ("Official news published
    at https://...", "Original article link: ..."): a URL in the text whose last path
    segment spells the page's own title."""
    if not text or not title:
        return None
    want = _WORD.findall(re.sub(r"['’]s\b", "s", title.lower()))
    if len(want) < 4:
        return None
    for u in _TEXT_URL.findall(text):
        segs = [x for x in re.sub(r"^https?://[^/]+", "", u).split("/") if x]
        if not segs:
            continue
        slug = set(_WORD.findall(segs[-1].lower()))
        if sum(1 for w in want if w in slug) >= SLUG_TITLE_SHARE * len(want):
            return u.rstrip(".,;")
    return None


_RELATIVE = re.compile(
    r"\b(today|yesterday|this (?:morning|afternoon|evening)|tonight)\b", re.IGNORECASE
)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (the extractor's splitter: "Joseph R. Biden" and
    "5:25 p.m." do not end one)."""
    starts, ends = _sentences(text)
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < ends[i]:
        return starts[i], ends[i]
    return pos, pos


@functools.lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[list[int], list[int]]:
    found = sentences(text)
    return [x.start for x in found], [x.end for x in found]


def _engagement_spans(engagement: dict) -> list[int]:
    """Where the engagement's participants (then its evidence) are named, in text order."""
    spans = [
        p["span"][0]
        for p in engagement.get("participants") or []
        if isinstance(p.get("span"), list) and p["span"] and p["span"][0] is not None
    ]
    spans += [
        v[0]
        for v in (engagement.get("evidence") or {}).values()
        if isinstance(v, list) and v and isinstance(v[0], int)
    ]
    return sorted(set(spans))


#: a Japanese day: 2月16日, 2019年2月16日 (not 16日 alone, which needs the month around it)
_JA_DAY = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)年)?(?<![\d年])(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日"
)


def day_mentions(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every day written in ``text[start:end]``, in text order: the extractor's English
    forms ("March 5", "5 March 2019") and the Japanese ones (2月16日)."""
    end = len(text) if end is None else end
    found = list(find_dates(text, start, end))
    for m in _JA_DAY.finditer(text, start, end):
        y = int(m.group("y")) if m.group("y") else None
        if _safe(y or 2000, int(m.group("m")), int(m.group("d"))) is not None:
            found.append(
                DateMention(m.start(), m.end(), m.group(0), int(m.group("m")), int(m.group("d")), y)
            )
    return sorted(found, key=lambda x: x.start)


def day_in_text(text: str, engagement: dict, *, only: bool) -> tuple[object, str] | None:
    """The day mention for an engagement: in the first sentence naming one of its
    participants (or one of its evidence spans) that gives a day, else, when ``only``
    (the readout's one engagement), the first day in the readout's opening. A title or
    heading that names the principal ("Visit of ... Szczerski in Japan") gives no day;
    the sentence that names the counterpart does ("From March 5 to March 7, ...")."""
    seen: set[tuple[int, int]] = set()
    for pos in _engagement_spans(engagement):
        s, e = _sentence(text, pos)
        if (s, e) in seen or s == e:
            continue
        seen.add((s, e))
        found = day_mentions(text, s, e)
        if found:
            return found[0], "its sentence"
    if only:
        found = day_mentions(text, 0, min(len(text), OPENING_CHARS))
        if found:
            return found[0], "the readout's opening"
    return None


#: what joins the two ends of a range of days: "From March 5 to March 7", "5-7 March",
#: "March 5 through 7", "between 5 and 7 March" (the readouts' forms, checked on
#: ../shared/corpus and eval/dev)
_RANGE_LINK = r"\s*(?:-|\u2013|\u2014|to|through|till|until|and)\s*"
_RANGE_TAIL = re.compile(
    _RANGE_LINK + r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|a\.m|p\.m))"
)
_RANGE_HEAD = re.compile(r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?" + _RANGE_LINK + r"$")


def day_range(text: str, mention: DateMention) -> tuple[DateMention, DateMention] | None:
    """(first day, last day) when a day mention is one end of a range of days ("From
    March 5 to March 7", "5-7 March", "March 5 to 7"): the engagement was held on one
    (or more) of those days, not on the first. "and" links the ends only after
    "between"."""
    after = find_dates(text, mention.end, min(len(text), mention.end + 40))
    gap = text[mention.end : after[0].start] if after else ""
    if after and re.fullmatch(_RANGE_LINK, gap) and _linked(text, mention.start, gap):
        return mention, after[0]
    m = _RANGE_TAIL.match(text, mention.end)
    if m and mention.day < int(m.group("d")) <= 31 and _linked(text, mention.start, m.group(0)):
        last = DateMention(
            mention.start,
            m.end(),
            text[mention.start : m.end()],
            mention.month,
            int(m.group("d")),
            mention.year,
        )
        return mention, last
    m = _RANGE_HEAD.search(text, max(0, mention.start - 16), mention.start)
    if m and 0 < int(m.group("d")) < mention.day and _linked(text, m.start(), m.group(0)):
        first = DateMention(
            m.start(),
            mention.end,
            text[m.start() : mention.end],
            mention.month,
            int(m.group("d")),
            mention.year,
        )
        return first, mention
    return None


def _linked(text: str, start: int, link: str) -> bool:
    """A link word "and" joins a range only after "between"."""
    if not re.search(r"\band\b", link):
        return True
    return bool(re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, start - 16) : start], re.I))


def anchors(
    published: dt.date | None,
    url: str | None,
    last_modified: str | None,
    listed: dt.date | None = None,
) -> list[tuple[dt.date, str]]:
    out = []
    if published:
        out.append((published, f"the published date {published.isoformat()}"))
    u = url_anchor(url)
    if u:
        out.append((u[0], f"the URL ({u[1]})"))
    if isinstance(listed, str):
        listed = dt.date.fromisoformat(listed[:10])
    if listed:
        out.append((listed, f"the date the crawled index listed it ({listed.isoformat()})"))
    if last_modified:
        try:
            lm = email.utils.parsedate_to_datetime(last_modified).date()
            out.append((lm, f"the page's Last-Modified ({lm.isoformat()})"))
        except (TypeError, ValueError):
            pass
    return out


@dataclass(frozen=True)
class Dated:
    """A date the archive gives an engagement: its day (or, with ``until``, the first
    day of the range of days it was held within) and why."""

    day: dt.date
    reason: str
    #: the last day of the range the engagement was held within (precision "range")
    until: dt.date | None = None

    def values(self) -> dict[str, object]:
        """The engagement's columns for this date."""
        out: dict[str, object] = {"date": self.day, "date_reason": self.reason}
        if self.until is not None:
            out.update(end_date=self.until, date_precision=RANGE)
        return out


#: ``engagements.date_precision`` of an engagement held on some day of a range (a
#: meeting during a visit whose days the readout gives): ``date`` is the range's first
#: day, ``end_date`` its last
RANGE = "range"


@dataclass(frozen=True)
class _Doc:
    """What the archive knows of a document's date besides its text."""

    id: int
    url: str | None
    title: str | None
    published: dt.date | None
    last_modified: str | None
    listed: dt.date | None


def _document(conn: Connection, doc_id: int) -> _Doc:
    d = t.documents
    doc = conn.execute(sa.select(d.c.url, d.c.published, d.c.title).where(d.c.id == doc_id)).one()
    lm = conn.execute(
        sa.select(t.fetch_state.c.last_modified)
        .where(t.fetch_state.c.document_id == doc_id, t.fetch_state.c.last_modified.is_not(None))
        .limit(1)
    ).scalar()
    listed = None
    if doc.url:
        listed = conn.execute(
            sa.select(sa.func.max(t.crawl_queue.c.listed_date)).where(
                t.crawl_queue.c.url == doc.url
            )
        ).scalar()
    return _Doc(doc_id, doc.url, doc.title, _as_date(doc.published), lm, listed)


def fill(conn: Connection, doc_id: int, only: set[int] | None = None) -> int:
    """Date the document's undated engagements (those of ``only`` when given) where its
    text gives the day, or the range of days, they were held on; how many."""
    e = t.engagements
    undated = conn.execute(
        sa.select(e.c.id, e.c.position, e.c.extraction_id).where(
            e.c.document_id == doc_id, e.c.date.is_(None)
        )
    ).all()
    if only is not None:
        undated = [r for r in undated if r.id in only]
    if not undated:
        return 0
    doc = _document(conn, doc_id)
    results: dict[int, dict] = {}
    n = 0
    for r in undated:
        if r.extraction_id not in results:
            results[r.extraction_id] = (
                conn.execute(
                    sa.select(t.extractions.c.result).where(t.extractions.c.id == r.extraction_id)
                ).scalar_one()
                or {}
            )
        result = results[r.extraction_id]
        engs = result.get("engagements") or []
        text = (result.get("document") or {}).get("text") or ""
        if r.position >= len(engs) or not text:
            continue
        title = doc.title or (result.get("document") or {}).get("title")
        dated = date_engagement(conn, doc, r.id, text, title, engs[r.position], len(engs) == 1)
        if dated is None:
            continue
        conn.execute(e.update().where(e.c.id == r.id).values(**dated.values()))
        n += 1
    return n


def date_engagement(
    conn: Connection,
    doc: _Doc,
    eng_id: int,
    text: str,
    title: str | None,
    eng: dict,
    single: bool,
) -> Dated | None:
    """The date of one undated engagement of a document, or None when nothing dates it."""
    original = cited_original(text, title)
    found = anchors(doc.published, doc.url, doc.last_modified, doc.listed)
    if original and url_anchor(original):
        day_, said = url_anchor(original)
        found.insert(
            1 if doc.published else 0, (day_, f"the URL of the original it cites ({said})")
        )
    hit = day_in_text(text, eng, only=single)
    if hit is None:
        rel = _relative(text, eng, doc.published, doc.url, original)
        return Dated(*rel) if rel is not None else month_range(text, eng, found)
    mention, where = hit
    ends = day_range(text, mention)
    if ends is not None:
        return _within(conn, doc, eng_id, text, eng, ends, where, found)
    if mention.year is not None:
        day = mention.resolve(None)
        return Dated(day, f"'{mention.text}' in {where}") if day else None
    year = _year_of(conn, doc, eng_id, text, mention, eng, found)
    if year is None:
        return None
    day, because = year
    return Dated(day, f"the day '{mention.text}' in {where}, {because}")


#: what may come before a month that opens the sentence of a meeting ("In March 2019,
#: ...", "In early March, ...", "Late in May, ..."); a month further in is most often
#: another event's ("... since the victory of the Kishida Government in November")
_MONTH_LEAD = re.compile(
    r"[\W_]*(?:(?:in|during|early|mid|late|at the (?:beginning|start|end) of|the (?:beginning|"
    r"end) of)[\s-]+)*",
    re.IGNORECASE,
)


def month_range(text: str, engagement: dict, found: list[tuple[dt.date, str]]) -> Dated | None:
    """The month an engagement was held in when its sentence gives only that, opening
    the sentence ("In March 2019, X held talks with Y"): dated with the month's days as
    a range (:data:`RANGE`), its year written or from the first anchor (the latest such
    month not after it)."""
    for pos in _engagement_spans(engagement):
        s, e = _sentence(text, pos)
        months = find_month_mentions(text, s, e) if s < e else []
        if not months:
            continue
        start, end, month, year = months[0]
        if not _MONTH_LEAD.fullmatch(text, s, start):
            return None
        because = ""
        if year is None:
            if not found:
                return None
            anchor, why = found[0]
            year = anchor.year - (1 if month > anchor.month else 0)
            because = f", the year from {why}"
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        reason = f"within '{text[start:end]}' in its sentence (no day given){because}"
        return Dated(dt.date(year, month, 1), reason, until=last)
    return None


#: why an engagement stays undated (:func:`why_undated`), most to least evidence
WHY_RANGE = "a range of days, no year for it"
WHY_DAY = "a day, no one year for it"
WHY_RELATIVE = "only a relative day ('today'), no day it was written"
WHY_MONTH = "only a month"
WHY_ELSEWHERE = "no day in its sentences (a day or month elsewhere in the text)"
WHY_NOTHING = "nothing anywhere: no day or month in the text"


def why_undated(text: str, engagement: dict, *, only: bool) -> str:
    """Why the rules leave an engagement undated, from what its text gives: a range of
    days or a day whose year nothing gives, only a relative day, only a month, days
    only in other sentences, or nothing at all."""
    hit = day_in_text(text, engagement, only=only)
    if hit is not None:
        return WHY_RANGE if day_range(text, hit[0]) else WHY_DAY
    sents = {_sentence(text, pos) for pos in _engagement_spans(engagement)}
    if any(_RELATIVE.search(text, s, e) for s, e in sents if s < e):
        return WHY_RELATIVE
    if any(find_month_mentions(text, s, e) for s, e in sents if s < e):
        return WHY_MONTH
    if day_mentions(text) or find_month_mentions(text, 0, len(text)):
        return WHY_ELSEWHERE
    return WHY_NOTHING


def _within(
    conn: Connection,
    doc: _Doc,
    eng_id: int,
    text: str,
    eng: dict,
    ends: tuple[DateMention, DateMention],
    where: str,
    found: list[tuple[dt.date, str]],
) -> Dated | None:
    """The range of days an engagement was held within ("From March 5 to March 7, ...
    held talks with"): its last day dated as a day would be, the first day the latest
    such day not after it. The engagement's day is not given: no day is chosen."""
    first, last = ends
    said = text[first.start : last.end]
    if last.year is not None:
        end, because = last.resolve(None), None
    else:
        year = _year_of(conn, doc, eng_id, text, last, eng, found)
        if year is None:
            return None
        end, because = year
    if end is None:
        return None
    start = _safe(first.year or end.year, first.month, first.day)
    if start is not None and start > end and first.year is None:
        start = _safe(end.year - 1, first.month, first.day)
    if start is None or start > end:
        return None
    reason = f"within the days '{said}' in {where} (no one day given)"
    return Dated(start, f"{reason}, {because}" if because else reason, until=end)


def _year_of(
    conn: Connection,
    doc: _Doc,
    eng_id: int,
    text: str,
    mention: DateMention,
    eng: dict,
    found: list[tuple[dt.date, str]],
) -> tuple[dt.date, str] | None:
    """The date of a day mention without a year, and where its year came from: the
    first anchor (date line, URL, index, Last-Modified), else the one year all the
    evidence allows, else another account of the meeting."""
    if found:
        anchor, why = found[0]
        day = mention.resolve(anchor)
        return (day, f"the year from {why}") if day else None
    ev = year_by_evidence(conn, doc.id, doc.url, text, mention, eng)
    if ev is not None:
        year, because = ev
        because = f"the year the only one {because}"
    else:
        other = other_account(conn, eng_id, doc.id, mention.month, mention.day)
        if other is None:
            return None
        year, other_doc = other
        because = f"the year from another account of the meeting (document {other_doc})"
    day = _safe(year, mention.month, mention.day)
    return (day, because) if day else None


def redate(conn: Connection) -> int:
    """Date again every undated engagement of the archive from its stored document, with
    the rules and the other pages the archive has now (no re-extraction); how many."""
    e = t.engagements
    docs = (
        conn.execute(sa.select(e.c.document_id).where(e.c.date.is_(None)).distinct())
        .scalars()
        .all()
    )
    return sum(fill(conn, doc_id) for doc_id in sorted(docs))


def from_events(conn: Connection) -> int:
    """Date the undated engagements that linking joined to an event (the one dated event
    whose people and mode they share, :func:`accounts.cluster`) with the day the other
    accounts of that event give by their own text, when they all give one day; how many.
    An account joined to a dated event is an account of that meeting. One query for the
    whole archive (the accounts of events that hold an undated one)."""
    e = t.engagements
    o = e.alias("other")
    rows = conn.execute(
        sa.select(e.c.id, o.c.document_id, o.c.date)
        .join(o, sa.and_(o.c.event_id == e.c.event_id, o.c.id != e.c.id))
        .where(
            e.c.date.is_(None),
            e.c.event_id.is_not(None),
            o.c.date.is_not(None),
            o.c.date_reason.is_(None),  # the day its own record gave
            o.c.date_precision.is_(None),
        )
    ).all()
    told: dict[int, list[tuple[int, dt.date | None]]] = {}
    for eng_id, doc_id, day in rows:
        told.setdefault(eng_id, []).append((doc_id, _as_date(day)))
    n = 0
    for eng_id, accounts_ in sorted(told.items()):
        days = {day for _doc, day in accounts_}
        if len(days) != 1 or None in days:
            continue
        day = days.pop()
        docs = ", ".join(str(x) for x in sorted({doc for doc, _day in accounts_}))
        reason = (
            f"the day {day.isoformat()} that the account of the meeting it was joined with "
            f"(document {docs}) gives"
        )
        conn.execute(e.update().where(e.c.id == eng_id).values(date=day, date_reason=reason))
        n += 1
    return n


def _as_date(v: object) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _relative(
    text: str, engagement: dict, published: dt.date | None, url: str | None, original: str | None
) -> tuple[dt.date, str] | None:
    """ "Met today" (yesterday, this morning) in the engagement's sentence: the day the
    page was published, from its date line, else the day its URL (or its original's)
    gives in full. Last-Modified and index dates are not the day of writing."""
    m = None
    for p in engagement.get("participants") or []:
        span = p.get("span")
        if isinstance(span, list) and span and isinstance(span[0], int):
            m = _RELATIVE.search(text, *_sentence(text, span[0]))
            if m:
                break
    if m is None:
        return None
    base, why = None, ""
    if published:
        base, why = published, f"the published date {published.isoformat()}"
    else:
        for u, said in ((url, "the URL"), (original, "the URL of the original it cites")):
            day = url_day(u)
            if day:
                base, why = day, f"{said} ({day.isoformat()})"
                break
    if base is None:
        return None
    word = m.group(1).lower()
    day = base - dt.timedelta(days=1) if word == "yesterday" else base
    return day, f"'{m.group(1)}' in its sentence, the day from {why}"


def _first_sentence(text: str, engagement: dict) -> tuple[int, int] | None:
    spans = [
        p["span"][0]
        for p in engagement.get("participants") or []
        if isinstance(p.get("span"), list) and p["span"] and p["span"][0] is not None
    ]
    if not spans:
        return None
    return _sentence(text, min(spans))


#: days a term of office may be off by in the gazetteer (a swearing-in a day or two
#: from the appointment, a readout of the last day in office)
TERM_SLACK_DAYS = 3


def _serving(h: Holder, when: dt.date) -> bool:
    slack = dt.timedelta(days=TERM_SLACK_DAYS)
    start, end = h.start, h.end_at_latest
    return (start is None or start - slack <= when) and (end is None or when <= end + slack)


#: years a readout without any year may be from
FIRST_YEAR, LAST_YEAR = 1990, 2039


def tenure_year(month: int, day: int, engagement: dict) -> int | None:
    """The one year in which the day falls within a known term of office of every
    participant found by full name in ``gazetteer/office_holders.tsv`` (any office of
    theirs), or None when no one is found or several years fit."""
    years = tenure_years(month, day, engagement)
    return next(iter(years)) if years is not None and len(years) == 1 else None


def _terms(name: str) -> list:
    """Every row of ``office_holders.tsv`` of the person a name (or alias) finds: an alias
    written on one row ("Josep Borrell Fontelles") finds the person's other offices too."""
    by_name, _ = name_index()
    hs = by_name.get(fold(name).strip()) or []
    names = {fold(h.name) for h in hs}
    more = [h for n in names for h in by_name.get(n, []) if h not in hs]
    return hs + more


def _office_words(office: str) -> set[str]:
    return set(_WORD.findall(office)) - {"of", "for", "the", "and"}


def tenure_years(month: int, day: int, engagement: dict) -> set[int] | None:
    """The years in which the day falls within a known term of office of every
    participant found by full name (None when no one is found)."""
    terms = []
    for p in engagement.get("participants") or []:
        hs = _terms(p.get("name") or "")
        if not hs:
            continue
        if p.get("country"):
            hs = [h for h in hs if h.iso3 in (p["country"], None)]
        # the office the readout gives them, when it is one of theirs ("Foreign Affairs
        # Minister" is the Minister for Foreign Affairs)
        title = set(_WORD.findall(fold(p.get("title") or "")))
        held = [h for h in hs if _office_words(fold(h.office)) <= title]
        hs = held or hs
        if hs:
            terms.append(hs)
    if not terms:
        return None
    fits = set()
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        when = _safe(y, month, day)
        if when is not None and all(any(_serving(h, when) for h in hs) for hs in terms):
            fits.add(y)
    return fits


_WEEKDAY_BEFORE = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*(?:the\s+)?$", re.IGNORECASE
)
_WEEKDAY_AFTER = re.compile(r"^[^()]{0,12}\((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)", re.I)
#: 4月12日(木曜日), 4月12日（木）: Monday first, as :data:`WEEKDAYS`
_JA_WEEKDAY_AFTER = re.compile(r"\s*[(（]([月火水木金土日])(?:曜日?)?[)）]")
_JAWEEKDAYS = "月火水木金土日"


def weekday_of(text: str, mention) -> int | None:  # noqa: ANN001
    """The weekday written with a day: "Tuesday, March 26", "March 26 (Tue)"."""
    m = _WEEKDAY_BEFORE.search(text[max(0, mention.start - 16) : mention.start])
    if m:
        return next(i for i, w in enumerate(WEEKDAYS) if w.startswith(m.group(1).lower()))
    m = _WEEKDAY_AFTER.search(text[mention.start : mention.end + 14])
    if m:
        return next(i for i, w in enumerate(WEEKDAYS) if w.startswith(m.group(1).lower()))
    m = _JA_WEEKDAY_AFTER.match(text, mention.end, mention.end + 8)
    if m:
        return _JAWEEKDAYS.index(m.group(1))
    return None


#: days before a conference's first day or after its last that a meeting "on its
#: margins" may be held (arrivals the evening before, departures the day after)
CONFERENCE_SLACK_DAYS = 1


def conference_years(
    month: int, day: int, texts: list[str]
) -> tuple[set[int], dict[int, str]] | None:
    """The years in which a known edition of the rotating conference the texts name
    (``conferences.tsv`` rows with a series) was held on the day (with
    :data:`CONFERENCE_SLACK_DAYS`), each with its edition (not checked against the
    engagement's place, which the extractor may have taken from the visit around it); None when no such conference is named or no edition fits (an
    edition missing from ``conference_hosts.tsv`` says nothing)."""
    slack = dt.timedelta(days=CONFERENCE_SLACK_DAYS)
    for conf in gazetteer.conferences():
        if not conf.series or not any(t_ and conf.regex.search(t_) for t_ in texts):
            continue
        editions: dict[int, str] = {}
        for y in range(FIRST_YEAR, LAST_YEAR + 1):
            when = _safe(y, month, day)
            if when is None:
                continue
            for city, _iso3, start, end in gazetteer.conference_host(conf.series, y):
                if not start:
                    continue
                first = dt.date.fromisoformat(start)
                last = dt.date.fromisoformat(end) if end else first
                if first - slack <= when <= last + slack:
                    editions[y] = f"the {conf.name} in {city} ({start} to {end or start})"
        if editions:
            return set(editions), editions
    return None


#: days a readout may be published after its meeting, or a page's date line precede the
#: meeting, for the bounds a site's numbering gives: 186 of the 190 dated readouts of
#: ../shared/corpus and eval/dev with a date line were published within 5 days, three
#: within 43 and one 3.7 years later (that page's site numbering then shows it out of
#: order, and the rule is not used)
PUBLISH_LAG_DAYS = 45
#: dated pages of one numbered series (before this page's check) needed to trust that the
#: site numbers its pages in the order it publishes them
MIN_NUMBERED_PAGES = 3

_NUMBERED = re.compile(
    r"^(?:(?P<pre>[A-Za-z][A-Za-z0-9]*?[_-])|(?P<slug>[A-Za-z0-9-]*-))?(?P<num>\d{3,})"
    r"(?:\.[A-Za-z]{2,5})?$"
)


def site_number(url: str | None) -> tuple[str, str, int] | None:
    """(series key, URL prefix to look its pages up by, number) of a page its site
    numbers: ``/press/release/press4e_000660.html``, ``/node/4435``,
    ``/Article/3265802/slug``, ``/slug-words-711087/``."""
    if not url:
        return None
    m = re.match(r"^(https?://)([^/?#]+)([^?#]*)", url)
    if not m:
        return None
    host = m.group(2).lower().removeprefix("www.")
    segs = m.group(3).split("/")
    for i in range(len(segs) - 1, -1, -1):
        n = _NUMBERED.match(segs[i])
        if not n or re.fullmatch(r"(?:19|20)\d\d", segs[i]):
            continue
        head = "/".join(segs[:i]) + "/"
        pre = n.group("pre") or ("*-" if n.group("slug") else "")
        lookup = m.group(1) + m.group(2) + head + (n.group("pre") or "")
        return f"{host}{head}{pre}", lookup, int(n.group("num"))
    return None


def numbering_bounds(
    conn: Connection, doc_id: int, url: str | None
) -> tuple[dt.date | None, dt.date | None, str] | None:
    """Bounds on the day of a page its site numbers, from the dated pages of the same
    series in the archive numbered just before and after it, when the series (at least
    :data:`MIN_NUMBERED_PAGES` dated pages) is in date order."""
    me = site_number(url)
    if me is None:
        return None
    key, lookup, num = me
    d, e = t.documents, t.engagements
    given = (
        sa.select(sa.func.min(e.c.date))
        .where(e.c.document_id == d.c.id, e.c.date_reason.is_(None))
        .scalar_subquery()
    )
    rows = conn.execute(
        sa.select(d.c.url, d.c.published, given.label("day")).where(
            d.c.id != doc_id,
            d.c.superseded_by.is_(None),
            d.c.url.like(_like_prefix(lookup), escape="\\"),
        )
    ).all()
    seq = []
    for r in rows:
        other = site_number(r.url)
        day = _as_date(r.published) or _as_date(r.day)
        if other and other[0] == key and day is not None and other[2] != num:
            seq.append((other[2], day, r.url))
    if len(seq) < MIN_NUMBERED_PAGES:
        return None
    seq.sort()
    lag = dt.timedelta(days=PUBLISH_LAG_DAYS)
    if any(b[1] < a[1] - lag for a, b in zip(seq, seq[1:], strict=False)):
        return None  # not in date order: the numbering says nothing
    before = [x for x in seq if x[0] < num]
    after = [x for x in seq if x[0] > num]
    if not before and not after:
        return None
    lo = before[-1][1] - lag if before else None
    hi = after[0][1] + lag if after else None
    said = []
    if before:
        said.append(f"after {_tail(before[-1][2])} of {before[-1][1].isoformat()}")
    if after:
        said.append(f"before {_tail(after[0][2])} of {after[0][1].isoformat()}")
    return lo, hi, " and ".join(said)


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for the URLs that start with ``prefix`` (escape ``\\``)."""
    return prefix.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"


def _tail(url: str) -> str:
    return [x for x in re.sub(r"[?#].*$", "", url).split("/") if x][-1]


def year_by_evidence(
    conn: Connection, doc_id: int, url: str | None, text: str, mention, engagement: dict
) -> tuple[int, str] | None:  # noqa: ANN001
    """The one year that the terms of office of the participants, the weekday written
    with the day, the editions of the conference named, and the page's place in its
    site's numbering all allow, with what said so; None unless exactly one fits and
    something other than the weekday narrowed it."""
    month, day = mention.month, mention.day
    years = {y for y in range(FIRST_YEAR, LAST_YEAR + 1) if _safe(y, month, day)}
    said: list[str] = []
    narrowed = False
    tenure = tenure_years(month, day, engagement)
    if tenure is not None:
        years &= tenure
        narrowed = True
        said.append("in which every named participant held office (gazetteer/office_holders.tsv)")
    s = _first_sentence(text, engagement)
    conf = conference_years(
        month, day, [engagement.get("occasion") or "", text[s[0] : s[1]] if s else ""]
    )
    if conf is not None and years & conf[0]:
        years &= conf[0]
        narrowed = True
        if len(years) == 1:
            said.append(f"in which {conf[1][next(iter(years))]} was held on that day")
    bounds = numbering_bounds(conn, doc_id, url)
    if bounds is not None:
        lo, hi, where = bounds
        inside = {
            y
            for y in years
            if (lo is None or lo <= dt.date(y, month, day))
            and (hi is None or dt.date(y, month, day) <= hi)
        }
        if inside != years:
            years = inside
            narrowed = True
            said.append(f"that the page's place in its site's numbering allows ({where})")
    wd = weekday_of(text, mention)
    if wd is not None:
        years = {y for y in years if dt.date(y, month, day).weekday() == wd}
        said.append(f"in which {calendar.month_name[month]} {day} was a {WEEKDAYS[wd].title()}")
    if not narrowed or len(years) != 1:
        return None
    return next(iter(years)), " and ".join(said)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def other_account(
    conn: Connection, eng_id: int, doc_id: int, month: int, day: int
) -> tuple[int, int] | None:
    """(year, document) of the dated accounts in other documents of a meeting on this
    day of the year (±1 day) with at least two of this engagement's participants (by
    family name and country), when they all give one year."""
    p, e = t.participants, t.engagements
    mine = {
        (fam.lower(), c)
        for fam, c in conn.execute(
            sa.select(p.c.family_name, p.c.country).where(
                p.c.engagement_id == eng_id, p.c.family_name.is_not(None)
            )
        )
        if fam
    }
    if len(mine) < 2:
        return None
    fams = sorted({f for f, _c in mine})
    rows = conn.execute(
        sa.select(e.c.id, e.c.document_id, e.c.date, p.c.family_name, p.c.country)
        .join(p, p.c.engagement_id == e.c.id)
        .where(
            e.c.document_id != doc_id,
            e.c.date.is_not(None),
            sa.func.lower(p.c.family_name).in_(fams),
            sa.or_(
                *(
                    sa.and_(sa.extract("month", e.c.date) == m, sa.extract("day", e.c.date) == d)
                    for m, d in _days_around(month, day)
                )
            ),
        )
    ).all()
    shared: dict[int, set] = {}
    info: dict[int, tuple[int, dt.date]] = {}
    for r in rows:
        if (r.family_name.lower(), r.country) in mine:
            shared.setdefault(r.id, set()).add(r.family_name.lower())
            d = r.date if isinstance(r.date, dt.date) else dt.date.fromisoformat(str(r.date))
            info[r.id] = (r.document_id, d)
    hits = set()
    for eid, fam in shared.items():
        if len(fam) < 2:
            continue
        other_doc, d = info[eid]
        for delta in (-1, 0, 1):
            x = d + dt.timedelta(days=delta)
            if (x.month, x.day) == (month, day):
                hits.add((d.year, other_doc))
    years = {y for y, _d in hits}
    if len(years) != 1:
        return None
    return min(hits)


def _days_around(month: int, day: int) -> list[tuple[int, int]]:
    """The (month, day)s of the days at most one day from this day of the year, in a
    leap year or not (the dated accounts :func:`other_account` may compare)."""
    out = set()
    for year in (2023, 2024):
        on = _safe(year, month, day)
        if on is not None:
            out |= {((x := on + dt.timedelta(days=k)).month, x.day) for k in (-1, 0, 1)}
    return sorted(out)


def _families(conn: Connection, where: sa.ColumnElement) -> dict[int, tuple[int, set]]:
    """{engagement id: (document id, {(family name in lower case, country)})} of the
    engagements ``where`` selects, as :func:`other_account` compares participants."""
    p, e = t.participants, t.engagements
    out: dict[int, tuple[int, set]] = {}
    for eid, doc, fam, country in conn.execute(
        sa.select(e.c.id, e.c.document_id, p.c.family_name, p.c.country)
        .join(p, p.c.engagement_id == e.c.id)
        .where(where, p.c.family_name.is_not(None))
    ):
        if fam:
            out.setdefault(eid, (doc, set()))[1].add((fam.lower(), country))
    return out


def refill_related(conn: Connection, doc_ids: int | list[int]) -> None:
    """Date again the undated engagements of other documents that a dated engagement of
    these documents may give their year (:func:`other_account`: two or more of its
    participants, by family name and country, in another document): only those, once
    for a whole batch of documents, and not every undated engagement naming someone."""
    e = t.engagements
    docs = [doc_ids] if isinstance(doc_ids, int) else sorted(set(doc_ids))
    if not docs:
        return
    for doc_id in docs:
        # the site's numbered series: a dated page may give its neighbours their year
        url = conn.execute(sa.select(t.documents.c.url).where(t.documents.c.id == doc_id)).scalar()
        me = site_number(url)
        if me is None:
            continue
        d = t.documents
        series = conn.execute(
            sa.select(d.c.id, d.c.url)
            .join(e, e.c.document_id == d.c.id)
            .where(
                e.c.date.is_(None),
                d.c.id != doc_id,
                d.c.url.like(_like_prefix(me[1]), escape="\\"),
            )
            .distinct()
        ).all()
        for other, other_url in series:
            if (site_number(other_url) or ("",))[0] == me[0]:
                fill(conn, other)
    dated: dict[int, tuple[int, set]] = {}
    for i in range(0, len(docs), SQL_IN_CHUNK):
        part = docs[i : i + SQL_IN_CHUNK]
        dated.update(_families(conn, sa.and_(e.c.document_id.in_(part), e.c.date.is_not(None))))
    fams = sorted({f for _doc, pairs in dated.values() for f, _c in pairs})
    if not fams:
        return
    undated: dict[int, tuple[int, set]] = {}
    for i in range(0, len(fams), SQL_IN_CHUNK):
        part = fams[i : i + SQL_IN_CHUNK]
        where = sa.and_(
            e.c.date.is_(None),
            e.c.id.in_(
                sa.select(t.participants.c.engagement_id).where(
                    sa.func.lower(t.participants.c.family_name).in_(part)
                )
            ),
        )
        undated.update(_families(conn, where))
    # who a dated account names, by family name: which of them an undated one shares
    by_family: dict[tuple[str, object], list[int]] = {}
    for eid, (_doc, pairs) in dated.items():
        for pair in pairs:
            by_family.setdefault(pair, []).append(eid)
    todo: dict[int, set[int]] = {}
    for uid, (udoc, pairs) in undated.items():
        shared: dict[int, set[str]] = {}
        for pair in pairs:
            for eid in by_family.get(pair, ()):
                if dated[eid][0] != udoc:
                    shared.setdefault(eid, set()).add(pair[0])
        if any(len(fams_) >= 2 for fams_ in shared.values()):
            todo.setdefault(udoc, set()).add(uid)
    for doc in sorted(todo):
        fill(conn, doc, only=todo[doc])


#: values per SQL ``IN (...)`` list (well under SQLite's 32,766 variables and quick to
#: plan on PostgreSQL; the batches of an ingest stay below it)
SQL_IN_CHUNK = 500
