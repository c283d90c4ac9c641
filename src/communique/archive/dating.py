"""Dates the extractor could not finish: a day in the text, a year from the document.

Readouts often give only a day ("On November 3, ...") and leave the year to the page
around them. Where the extractor had no year it leaves the engagement undated; the
archive knows more about the document (its URL, published date, the crawl's
Last-Modified), so it completes the date there: the day written in the engagement's own
sentence (else, for a readout of one engagement, the first day in its opening lines),
the year from the first of

1. the document's published date (its date line),
2. a date in its URL (``/2022/11/``, ``2019-02-16``, ``20190216``),
3. the date the crawled index page listed it, then the crawl's Last-Modified header,

resolved as the extractor resolves days (the latest such day not after the anchor, with
its slack for time zones). The engagement keeps the reason (``date_reason``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from communique.archive import schema as t

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


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return start + 1, (min(ends) if ends else len(text))


def day_in_text(text: str, engagement: dict, *, only: bool) -> tuple[object, str] | None:
    """The day mention for an engagement: in the sentence of its first participant (or
    its first evidence span), else, when ``only`` (the readout's one engagement), the
    first day in the readout's opening."""
    from communique.extract.dates import find_dates

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
    if spans:
        s, e = _sentence(text, min(spans))
        found = find_dates(text, s, e)
        if found:
            return found[0], "its sentence"
    if only:
        found = find_dates(text, 0, min(len(text), OPENING_CHARS))
        if found:
            return found[0], "the readout's opening"
    return None


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


def fill(conn: Connection, doc_id: int, only: set[int] | None = None) -> int:
    """Date the document's undated engagements (those of ``only`` when given) where its
    text gives the day; how many."""
    e, d = t.engagements, t.documents
    undated = conn.execute(
        sa.select(e.c.id, e.c.position, e.c.extraction_id).where(
            e.c.document_id == doc_id, e.c.date.is_(None)
        )
    ).all()
    if only is not None:
        undated = [r for r in undated if r.id in only]
    if not undated:
        return 0
    doc = conn.execute(sa.select(d.c.url, d.c.published).where(d.c.id == doc_id)).one()
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
    found = anchors(doc.published, doc.url, lm, listed)
    results = {}
    n = 0
    for r in undated:
        if r.extraction_id not in results:
            results[r.extraction_id] = conn.execute(
                sa.select(t.extractions.c.result).where(t.extractions.c.id == r.extraction_id)
            ).scalar_one()
        result = results[r.extraction_id] or {}
        engs = result.get("engagements") or []
        text = (result.get("document") or {}).get("text") or ""
        if r.position >= len(engs) or not text:
            continue
        hit = day_in_text(text, engs[r.position], only=len(engs) == 1)
        if hit is None:
            continue
        mention, where = hit
        if mention.year is not None:
            day, reason = mention.resolve(None), f"'{mention.text}' in {where}"
        elif found:
            anchor, why = found[0]
            day = mention.resolve(anchor)
            reason = f"the day '{mention.text}' in {where}, the year from {why}"
        else:
            year = tenure_year(mention.month, mention.day, engs[r.position])
            if year is not None:
                reason = (
                    f"the day '{mention.text}' in {where}, the year the only one in which "
                    "every named participant held office (gazetteer/office_holders.tsv)"
                )
            else:
                other = other_account(conn, r.id, doc_id, mention.month, mention.day)
                if other is None:
                    continue
                year, other_doc = other
                reason = (
                    f"the day '{mention.text}' in {where}, the year from another account of "
                    f"the meeting (document {other_doc})"
                )
            day = _safe(year, mention.month, mention.day)
        if day is None:
            continue
        conn.execute(e.update().where(e.c.id == r.id).values(date=day, date_reason=reason))
        n += 1
    return n


#: days a term of office may be off by in the gazetteer (a swearing-in a day or two
#: from the appointment, a readout of the last day in office)
TERM_SLACK_DAYS = 3


def _serving(h, when: dt.date) -> bool:  # noqa: ANN001
    from communique.extract.holders import _date

    slack = dt.timedelta(days=TERM_SLACK_DAYS)
    start, end = _date(h.start, first=True), _date(h.end, first=False)
    return (start is None or start - slack <= when) and (end is None or when <= end + slack)


#: years a readout without any year may be from
FIRST_YEAR, LAST_YEAR = 1990, 2039


def tenure_year(month: int, day: int, engagement: dict) -> int | None:
    """The one year in which the day falls within a known term of office of every
    participant found by full name in ``gazetteer/office_holders.tsv`` (any office of
    their country), or None when no one is found or several years fit."""
    from communique.extract.holders import _index, fold

    by_name, _ = _index()
    terms = []
    for p in engagement.get("participants") or []:
        hs = by_name.get(fold(p.get("name") or "").strip())
        if not hs:
            continue
        if p.get("country"):
            hs = [h for h in hs if h.iso3 in (p["country"], None)]
        # the office the readout gives them, when it is one of theirs
        title = fold(p.get("title") or "")
        held = [h for h in hs if fold(h.office) in title]
        hs = held or hs
        if hs:
            terms.append(hs)
    if not terms:
        return None
    fits = []
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        try:
            when = dt.date(y, month, day)
        except ValueError:
            continue
        if all(any(_serving(h, when) for h in hs) for hs in terms):
            fits.append(y)
    return fits[0] if len(fits) == 1 else None


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
