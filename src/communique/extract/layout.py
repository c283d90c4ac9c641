"""Layout: title, date line, headings and the publisher.

Needs: the document text (and HTML metadata when there was HTML). Adds: ``title``,
``published`` (the date line, the anchor for relative dates), ``headings`` (section
headings with spans, which become topics) and ``publisher`` (ISO3 of the issuing
government, with the reason it was chosen).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from communique.extract import dates, publishers
from communique.gazetteer import lexicon as lx

#: a line this long is a paragraph of the body (captions and labels above it are shorter)
FIRST_PARAGRAPH_CHARS = 100
#: how many non-empty lines at the top of a page count as its header (title, date line)
HEADER_LINES = 12

_EVENT_WORDS = re.compile(
    r"\b(?:meeting|meets?|talks?|summit|visit|call|dialogue|consultations?|conference|"
    r"conversation|readout|lunch|dinner|audience|2\+2)\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"(?:^|\s)[>›»/]\s|^(?:home|press releases?|news|countries & regions)$", re.I
)
_CAPTION = re.compile(
    r"^\(?photo|\bwho\s+(?:talk|shake|shook|are|is)\b|\bshaking\s+hands\b|\bshake\s+hands\b|"
    r"\bphoto\s+session\b|^image\b|\bbefore\s+the\s+meeting\b|^\d+\.\s",
    re.I,
)
_DIGIT = re.compile(r"\d")
_SECTION_LABEL = re.compile(r"^[\w .’'&-]+ Relations$")
_CAPTION_TAIL = re.compile(r"\s*[(（][^()]{1,40}[)）]\s*$")
_TITLE_DATE_TAIL = re.compile(r"\s*[:,–-]\s*\d{1,2}\s+\w+\s+\d{4}\s*$")


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    text: str
    level: int


@dataclass(frozen=True)
class Layout:
    title: str | None
    title_span: tuple[int, int] | None
    published: dt.date | None
    published_span: tuple[int, int] | None
    headings: list[Heading]
    publisher: str | None
    publisher_reason: str | None
    #: where the body starts (after title and date line)
    body_start: int
    #: the international organisation whose site published the page ("United Nations")
    publisher_org: str | None = None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        s = pos
        pos += len(line) + 1
        st = line.strip()
        if st:
            lead = len(line) - len(line.lstrip())
            out.append((s + lead, s + lead + len(st), st))
    return out


def _is_date_line(line: str) -> bool:
    if len(line) > 80 or not _DIGIT.search(line):
        return False
    found = dates.find_dates(line)
    if not found:
        return False
    rest = line
    for d in found:
        rest = rest.replace(d.text, "")
    return len(re.sub(r"[\W\d]|AM|PM|EDT|EST|UTC|GMT|JST", "", rest)) <= 12


def find_title(
    text: str, meta_title: str | None = None
) -> tuple[str | None, tuple[int, int] | None]:
    lines = _lines(text)[:HEADER_LINES]
    best = None
    best_score = -1.0
    for rank, (s, e, line) in enumerate(lines):
        if _is_date_line(line) or _BREADCRUMB.search(line) or len(line) < 8 or len(line) > 220:
            continue
        score = 1.0 - rank * 0.05
        if _EVENT_WORDS.search(line):
            score += 1.0
        if _SECTION_LABEL.match(line):
            score -= 0.8
        if line.endswith(".") and len(line) > 120:
            score -= 1.0
        if _CAPTION.search(line):
            score -= 1.5
        if meta_title and line.lower() in meta_title.lower():
            score += 0.5
        if score > best_score:
            best, best_score = (s, e, line), score
    if best is None:
        return (meta_title.strip() if meta_title else None), None
    s, e, line = best
    title = _CAPTION_TAIL.sub("", line)
    title = _TITLE_DATE_TAIL.sub("", title).strip()
    return title, (s, s + len(title))


def find_published(
    text: str, meta_published: str | None = None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """The date line: a line that is only a date at the top (or foot) of the page, else
    the first full date in the header, else the first in the text."""
    if meta_published:
        d = dates.parse_iso(meta_published)
        if d:
            return d, None
    lines = _lines(text)
    head = lines[:HEADER_LINES]
    foot = lines[-8:] if len(lines) > HEADER_LINES else []
    for group in (head, list(reversed(foot))):
        for s, e, line in group:
            if _is_date_line(line):
                for d in dates.find_dates(text, s, e):
                    if d.year is not None:
                        return d.resolve(None), (d.start, d.end)
    header_end = head[-1][1] if head else 0
    for d in dates.find_dates(text, 0, header_end):
        if d.year is not None:
            return d.resolve(None), (d.start, d.end)
    for d in dates.find_dates(text):
        if d.year is not None:
            return d.resolve(None), (d.start, d.end)
    return None, None


def date_heading_before(text: str, pos: int, body_start: int) -> dates.DateMention | None:
    """The nearest line above ``pos`` that is only a date ("August 1 (Fri)"): an itinerary day."""
    best = None
    for s, e, line in _lines(text[:pos]):
        if s < body_start:
            continue
        if _is_date_line(line):
            found = dates.find_dates(text, s, e)
            if found:
                best = found[0]
    return best


_HEADING = re.compile(
    r"^(?P<num>(?:\d{1,2}|[IVX]{1,4})[.)]?|\(\d{1,2}\)|[A-Z][.)]|[-•▪■◆])?\s*(?P<body>[^\n]{3,90})$"
)


def find_headings(text: str, body_start: int) -> list[Heading]:
    """Section headings: short lines with no final full stop, numbered or standing alone."""
    out = []
    lines = _lines(text)
    # headings stand in the body: after its first full paragraph, not among the captions
    # and labels above it ("Japan-Russia Foreign Ministers' Meeting(handshake)")
    first_para = next(
        (s for s, _e, line in lines if s >= body_start and len(line) > FIRST_PARAGRAPH_CHARS),
        body_start,
    )
    for s, _e, line in lines:
        if s < first_para:
            continue
        m = _HEADING.match(line)
        if not m:
            continue
        body = m.group("body").strip()
        if body.endswith((".", ":", ",", ";")) or len(body.split()) > 12 or not body[:1].isupper():
            continue
        if body.lower().startswith(("back to", "photo", "(photo", "print", "share", "page top")):
            continue
        if _is_date_line(body) or re.search(r"[.!?]\s+[A-Z]", body):
            continue
        num = m.group("num")
        level = 2 if num and (num.startswith("(") or num in "-•▪■◆") else 1
        if num is None:
            level = 1
        bs = s + line.index(body)
        out.append(Heading(bs, bs + len(body), body, level))
    return out


#: a line (after its indentation) naming a relations section; ``^`` in MULTILINE mode
#: rather than ``(?:^|\n)\s*``, which retried a whole run of blank lines from each of
#: its newlines (50,000 trailing newlines: 43 s); the same matches, linear
_RELATIONS = re.compile(
    r"^[^\S\n]*(?:Back to\s+)?(?P<a>[A-Z][\w.’' ]+?)[-–](?P<b>[A-Z][\w.’' ]+?)\s+Relations\b",
    re.MULTILINE,
)
_COMPOUND = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[-–]([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\s+and\s+(?:the\s+)?([A-Z][\w.]+)"
)
_MINISTRY = re.compile(
    r"\b(?:Ministry of Foreign Affairs|Foreign Ministry|Embassy|Government|Office of the President|"
    r"Prime Minister's Office|(?<!, )President)\s*(?:,\s*|\s+of\s+(?:the\s+)?|\s+)(?P<c>[A-Z][\w.]+(?:\s[A-Z][\w.]+){0,3})",
)


def _iso(name: str) -> str | None:
    """ISO3 of a country named by ``name`` or by its first or last words ("Eighth Japan")."""
    words = name.lower().split()
    for k in range(len(words), 0, -1):
        iso = lx.lookup_country(words[:k]) or lx.lookup_country(words[-k:])
        if iso:
            return iso
    return None


def find_publisher(
    text: str, source: str | None, title: str | None
) -> tuple[str | None, str | None]:
    """The issuing government: the source's web domain, else what the page says of itself."""
    for url in [source or "", *re.findall(r"https?://[^\s\"'<>)]+", text[:20000])]:
        iso = publishers.by_url(url)
        if iso:
            return iso, f"web domain of {url[:80]}"
    m = _RELATIONS.search(text)
    if m:
        iso = _iso(m.group("a"))
        if iso:
            return iso, f"section '{m.group(0).strip()}' names {m.group('a')} first"
    for m in _MINISTRY.finditer(text[:3000] + "\n" + text[-1500:]):
        iso = _iso(m.group("c"))
        if iso:
            return iso, f"'{m.group(0).strip()}'"
    votes: Counter[str] = Counter()
    partner: dict[str, str] = {}
    head = text[:4000]
    pairs = [*_COMPOUND.finditer(head), *_BETWEEN.finditer(head)]
    if title:
        pairs += [m for m in [_COMPOUND.search(title)] if m] * 2
    for m in pairs:
        a, b = _iso(m.group(1)), _iso(m.group(2))
        if a and b and a != b:
            votes[a] += 1
            partner.setdefault(a, b)
    if votes:
        iso, n = votes.most_common(1)[0]
        # "The Prime Minister met Joe Biden, President of the United States ... the US-UK
        # relationship": the country whose official the text introduces as foreign is the
        # other side, whatever order the pair is written in
        foreign = {_iso(x.group("c")) for x in _OFFICIAL_OF.finditer(head)}
        if iso in foreign and partner.get(iso) and partner[iso] not in foreign:
            return (
                partner[iso],
                f"the other country of the pair '{iso}-{partner[iso]}' (the text's official of {iso} is the counterpart)",
            )
        return iso, f"named first in {n} country pair(s) such as 'X-Y' or 'between X and Y'"
    return None, None


#: an official introduced by country: "Joe Biden, President of the United States"
_OFFICIAL_OF = re.compile(
    r"\b(?:President|Prime\s+Minister|Chancellor|Premier|King|Emir|Minister|Secretary)\s+of\s+(?:the\s+)?"
    r"(?P<c>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})"
)


def analyse(text: str, *, source: str | None = None, meta: dict[str, str] | None = None) -> Layout:
    meta = meta or {}
    title, title_span = find_title(text, meta.get("title"))
    published, pspan = find_published(text, meta.get("published"))
    body_start = max(title_span[1] if title_span else 0, pspan[1] if pspan else 0)
    if body_start > len(text) // 2:
        body_start = 0
    headings = find_headings(text, body_start)
    org = publishers.organisation_by_url(source or "")
    if org:
        # an organisation's own site ("un.org"): its principal is the organisation's, not
        # the government the text names most
        publisher, reason = None, None
    else:
        publisher, reason = find_publisher(text, source, title)
    return Layout(title, title_span, published, pspan, headings, publisher, reason, body_start, org)


_COUNTRY_WORD = re.compile(r"\b[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*){0,3}")


def country_counts(text: str) -> Counter[str]:
    """How often each country is named (names, forms and adjectives) in ``text``."""
    counts: Counter[str] = Counter()
    for m in _COUNTRY_WORD.finditer(text[:20000]):
        words = [re.sub(r"[’']s$", "", w) for w in m.group(0).lower().split()]
        for _a, _b, iso in lx.find_countries(words):
            counts[iso] += 1
    return counts
