"""Japanese readouts (MOFA, Kantei): engagements with the same record as English ones.

The structure of a Japanese readout: a date line in an era year (平成31年2月16日), a title
(日露外相会談), photo captions (日露外相会談(握手), 写真:...; never engagements), then a
lead sentence that says who held what with whom, when, where and for how long
(2月16日,ミュンヘン安全保障会議の機会に,河野大臣とラヴロフ外相が日露外相会談を約1時間40分
実施しました), and numbered points; agreements on future meetings close it (...ことで一致).

Stages: date line -> lead sentences (a past verb after a meeting noun) -> people in them
(known names from ``gazetteer/native_names.tsv``; others by the tokeniser's person names
or katakana names before a title, romanised) -> date, mode, place, occasion, duration,
ordinals, round from the lead -> follow-ups from sentences that agree on future meetings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from communique.document import Document
from communique.extract import holders, romanise
from communique.extract.morphology import ja_words
from communique.extract.nonenglish import (
    FollowUp,
    Person,
    Record,
    add_follow_up,
    fold_digits,
    lookup,
    publisher_of,
    result,
    scan_of,
)
from communique.gazetteer import conference_host, conferences, native
from communique.gazetteer import countries as country_names
from communique.names import FAMILY_FIRST, conventions

#: how far after a lead that names nobody its people are looked for
LEAD_PEOPLE_CHARS = 400
#: first year of each era, minus one (平成1年 = 1989)
ERA_OFFSET = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
#: the date line is looked for in the first this many characters
DATE_LINE_CHARS = 400

_ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d{1,2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_WEST_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MD = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_DAY = re.compile(r"(?:(本|翌|同|前)\s?)?(?<![\d月])(\d{1,2})日(?!間)")

#: titles after a name (gazetteer/native_titles.tsv), longest first in the alternation
_TITLES = sorted(native.titles("ja"), key=len, reverse=True)
_TITLE = "(?:" + "|".join(map(re.escape, _TITLES)) + ")"
#: "the two leaders", "both ministers": the people already named
_BOTH = re.compile(r"両(?:首脳|外相|大臣|者|国首脳|次官)")

_EVENT = r"(?:電話会談|立ち話|テレビ会談|テレビ会議|ビデオ会議|オンライン会談|首脳会談等|会談|会合|協議|対話|表敬|懇談|意見交換|「2\+2」|夕食会|昼食会|朝食会|会食|面会|面談)"
_PAST_VERB = r"(?:を|が|も)?[^。]{0,24}?(?:行いました|行った|行い|行われ|実施しました|実施した|実施し|開催され|開催しました|開催した|受けました|受けた|しました|したところ|した)"
_PAST = f"(?:{_PAST_VERB})"
_TRIGGER = re.compile(_EVENT + r"(?:\([^)]{0,20}\))?" + _PAST)
#: news style, tried when a readout has no meeting in the ministries' style: 外相と会談し,
#: 外相会談が東京都内で開かれ
_NEWS_TRIGGER = re.compile(
    _EVENT + r"(?:\([^)]{0,20}\))?(?:が[^。、,]{0,12}開かれ|し(?=[、,])|" + _PAST_VERB + ")"
)
#: a sentence that plans rather than reports
_FUTURE = re.compile(
    r"予定|ことで一致|こととな|調整|期待|招待|目指|向け|念頭|見込み|べく|ましょう|たい"
)
#: how far past a meeting's verb a plan still belongs to it in a news report (会談を
#: 行いたい, 会談を行う予定): たい/予定/見込み plus a particle or two
FUTURE_TAIL_CHARS = 6
#: references to earlier meetings
_EARLIER = re.compile(r"前回|これまで|昨年|先般|先月|先週|前日|以前|当時|経緯|去る")
_REFERENCE = re.compile(r"[\[【]参考[\]】]")

_DURATION = re.compile(
    r"(?<![午時\d])(?:約|およそ)?(\d{1,2})時間(半)?(?:(\d{1,2})分)?(?:間)?(?!\d)|(?<![時\d])(?:約|およそ)?(\d{1,3})分(?:間)?"
)
_CLOCK_AFTER = re.compile(r"^(?:から|~|～|〜|頃|ごろ)")


def _sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans: split at 。, at line ends and at list bullets."""
    out = []
    s = start
    for m in re.finditer(r"。|\n", text[start:]):
        e = start + m.end()
        if text[s:e].strip():
            out.append((s, e))
        s = e
    if text[s:].strip():
        out.append((s, len(text)))
    return out


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


# ---------------------------------------------------------------------------- dates


def era_date(m: re.Match[str]) -> tuple[int, int | None, int | None]:
    era, y, mo, d = m.group(1), m.group(2), m.group(3), m.group(4)
    year = ERA_OFFSET[era] + (1 if y == "元" else int(y))
    return year, int(mo) if mo else None, int(d) if d else None


def parse_date_line(text: str) -> tuple[dt.date | None, tuple[int, int] | None]:
    """The date line: 平成31年2月16日 or 2019年2月16日 near the top."""
    head = fold_digits(text[:DATE_LINE_CHARS])
    for rx in (_ERA_DATE, _WEST_DATE):
        for m in rx.finditer(head):
            if rx is _ERA_DATE:
                y, mo, d = era_date(m)
            else:
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if mo and d:
                try:
                    return dt.date(y, mo, d), m.span()
                except ValueError:
                    continue
    return None, None


def resolve_day(
    month: int | None, day: int, anchor: dt.date | None, prefix: str | None = None
) -> dt.date | None:
    """A day the text gives without a year, read against the date line."""
    if anchor is None:
        return None
    if prefix == "翌" and month is None:
        base = anchor
        try:
            cand = base.replace(day=day)
        except ValueError:
            return None
        return cand
    mo = month or anchor.month
    year = anchor.year
    try:
        d = dt.date(year, mo, day)
    except ValueError:
        return None
    if month is not None and (d - anchor).days > 200:
        d = d.replace(year=year - 1)
    elif month is not None and (anchor - d).days > 200:
        d = d.replace(year=year + 1)
    return d


def find_day(
    text: str, s: int, e: int, anchor: dt.date | None
) -> tuple[dt.date, tuple[int, int]] | None:
    """The first day named in ``text[s:e]``: 2月16日, 本15日, 5日."""
    seg = fold_digits(text[s:e])
    m = _MD.search(seg)
    if m:
        d = resolve_day(int(m.group(1)), int(m.group(2)), anchor)
        if d:
            return d, (s + m.start(), s + m.end())
    for m in _DAY.finditer(seg):
        if seg[max(0, m.start() - 1) : m.start()].isdigit():
            continue
        d = resolve_day(None, int(m.group(2)), anchor, m.group(1))
        if d:
            return d, (s + m.start(), s + m.end())
    m = re.search(r"本日|今日|昨日", seg)
    if m and anchor:  # days said relative to the date line
        d = anchor - dt.timedelta(days=1) if m.group(0) == "昨日" else anchor
        return d, (s + m.start(), s + m.end())
    return None


# ---------------------------------------------------------------------------- people


@functools.lru_cache(maxsize=1)
def _countries_rx() -> str:
    forms = sorted(native.countries("ja"), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, forms)) + ")"


@functools.lru_cache(maxsize=1)
def _orgs_rx() -> str:
    forms = sorted(native.organizations("ja"), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, forms)) + ")"


_KATA = r"[ァ-ヴー]+"
_READING = r"(?:\([ぁ-ん・\s]+\))?"


def _country_of_prefix(s: str) -> str | None:
    if not s:
        return None
    s = s.strip("・の ")
    forms = native.countries("ja")
    if s in forms:
        return forms[s]
    if s in native.country_abbreviations():
        return native.country_abbreviations()[s]
    return None


def find_people(text: str, s: int, e: int, anchor: dt.date | None) -> list[Person]:
    """Named principals in ``text[s:e]``, in order, each once."""
    found: list[Person] = []
    taken: list[tuple[int, int]] = []
    _katakana_people(text, s, e, anchor, found, taken)
    _kanji_people(text, s, e, anchor, found, taken)
    # then the tokeniser's person names before a title
    found += _read_people(text, s, e, taken)
    taken += [p.span for p in found]
    found += _tokeniser_people(text, s, e, taken, anchor)
    found = [p for p in found if not _MENTIONED_ONLY.match(_after_title(text, p.span[1]))]
    found.sort(key=lambda p: p.span[0])
    out: list[Person] = []
    for p in found:
        if not any(q.key == p.key for q in out):
            out.append(p)
    return out


def _katakana_people(
    text: str,
    s: int,
    e: int,
    anchor: dt.date | None,
    found: list[Person],
    taken: list[tuple[int, int]],
) -> None:
    """Foreigners' names in katakana: [country の] NAME[,GIVEN] [・][country|org] title
    (added to ``found``, their spans to ``taken``)."""
    seg = text[s:e]
    countries = _countries_rx()
    abbrev = "(?:" + "|".join(map(re.escape, native.country_abbreviations())) + ")"
    orgs = _orgs_rx()
    kata = re.compile(
        rf"(?P<pre>{countries}の)?(?P<name>{_KATA}(?:[・＝=]{_KATA})*(?:,{_KATA}(?:[・]{_KATA})*)?)"
        rf"(?P<paren>\s*\([^()]*\))?・?(?:(?P<cty>{countries}|{abbrev})?(?P<title>{_TITLE})"
        rf"|(?P<org>{orgs})(?:\([^()]*\))?(?P<otitle>{_TITLE})?)"
    )
    for m in kata.finditer(seg):
        name = m.group("name")
        segs = name.split("・")
        cty = _country_of_prefix(m.group("cty") or "") or _country_of_prefix(m.group("pre") or "")
        while len(segs) > 1 and segs[-1] in native.countries("ja"):
            cty = cty or native.countries("ja")[segs[-1]]  # ラヴロフ・ロシア連邦外務大臣
            segs.pop()
        name = "・".join(segs)
        if name in native.countries("ja") or len(name.replace("・", "")) < 2:
            continue
        if cty is None:  # named again without the country: the first mention's
            cty = next((q.country for q in found if q.native and q.native in segs), None)
        org = native.organizations("ja").get(m.group("org") or "")
        if "," in name:
            family_native, given_native = name.split(",", 1)
            full_native = f"{given_native}・{family_native}"
        else:
            family_first = conventions().get(cty or "") == FAMILY_FIRST
            family_native = name.split("・")[0 if family_first else -1]
            full_native = name
        known = lookup("ja", full=full_native, family=family_native, country=cty, when=anchor)
        if known is None:
            known = lookup("ja", full=full_native, family=family_native, when=anchor)
            if known and cty and known.iso3 != cty:
                known = None
        start = s + m.start("name")
        end = start + len(name)
        if known:
            p = Person(known.name, known.family, family_native, known.iso3, (start, end))
            p.reason = f"{known.name} (native names gazetteer)"
        else:
            latin = _latin_from_paren(text[end : end + 80])
            if latin:
                given, fam = latin
            else:
                fam, given = _kana_parts(family_native, full_native, cty)
            sounds = None if latin else holders.by_sound(fam, given, cty, anchor)
            if sounds is not None:
                # "レックス・ティラソン米国務長官": the holder of the day whose English
                # name the katakana transcribes
                p = Person(sounds.name, sounds.family, family_native, sounds.iso3, (start, end))
                p.reason = f"{sounds.name}, {sounds.office} (office holders gazetteer, by sound)"
            else:
                shown = (
                    f"{fam} {given}"
                    if conventions().get(cty or "") == FAMILY_FIRST
                    else f"{given} {fam}"
                )
                p = Person(shown.strip(), fam, family_native, cty, (start, end))
        p.title = m.group("title") or m.group("otitle") or m.group("org")
        if org and p.country is None:
            p.organization = org
        found.append(p)
        taken.append((start, end))


def _kana_parts(family_native: str, full_native: str, iso3: str | None) -> tuple[str, str]:
    """Family and given names, romanised, of a katakana name no list knows: the last part
    is the family name, but for a people who write the family name first
    (チョ・テヨル of Korea) it is the first."""
    parts = full_native.split("・")
    if len(parts) > 1 and conventions().get(iso3 or "") == FAMILY_FIRST:
        return _family_reading(parts[0], iso3), romanise.hepburn("".join(parts[1:]))
    fam = romanise.hepburn(family_native)
    given = romanise.hepburn(full_native.rsplit("・", 1)[0]) if len(parts) > 1 else ""
    return fam, given


def _kanji_people(
    text: str,
    s: int,
    e: int,
    anchor: dt.date | None,
    found: list[Person],
    taken: list[tuple[int, int]],
) -> None:
    """Names in kanji: known full names, and known family names before a title (added to
    ``found``, their spans to ``taken``)."""
    seg = text[s:e]
    countries = _countries_rx()
    for form in _kanji_forms():
        for m in re.finditer(re.escape(form), seg):
            start, end = s + m.start(), s + m.end()
            if any(a <= start < b or a < end <= b for a, b in taken):
                continue
            after = seg[m.end() :]
            is_full = _is_full(form)
            direct = re.match(rf"{_READING}・?(?P<cty>{countries})?{_TITLE}", after)
            with_given = re.match(
                rf"(?P<g>[一-龥々]{{1,3}}){_READING}・?(?P<cty>{countries})?{_TITLE}", after
            )
            title_m = direct or with_given
            if not is_full and title_m is None:
                continue
            if not is_full and _CAREER.search(title_m.group(0)):
                continue  # 河野統合幕僚長: a general or a diplomat, not the minister of that name
            cty = _country_of_prefix(title_m.group("cty") or "") if title_m else None
            if is_full or direct:
                known = lookup("ja", full=form, family=form, country=cty, when=anchor)
            else:
                # 田中一郎外務副大臣: a known family name with another given name is someone else
                known = lookup("ja", full=form + with_given.group("g"), country=cty, when=anchor)
                if known:
                    end += len(with_given.group("g"))
            if known is None:
                continue
            p = Person(known.name, known.family, text[start:end], known.iso3, (start, end))
            p.reason = f"{known.name} (native names gazetteer)"
            tm = re.match(rf"{_READING}・?(?:{countries})?(?P<t>{_TITLE})", text[end : end + 40])
            p.title = tm.group("t") if tm else None
            found.append(p)
            taken.append((start, end))


#: a leader whose letter or message is conveyed, staff who sit in: mentioned, not principals
_MENTIONED_ONLY = re.compile(
    r"(?:から|へ|に)?の?(?:親書|メッセージ|書簡|祝意|伝言)|(?:が|も)?同席|によろしく"
)


def _after_title(text: str, end: int) -> str:
    m = re.match(
        rf"[^\s、,。]{{0,8}}?(?:\([^()]*\))?{_TITLE}(?:\([^()]*\))?", text[end : end + 120]
    )
    return text[end + (m.end() if m else 0) : end + 140]


#: career offices (military, diplomatic, civil service) that no minister in the gazetteer
#: holds: a known minister's family name before one of them is another person
_CAREER = re.compile(r"幕僚長|参謀総長|陸幕長|海幕長|空幕長|大使|総領事|局長|審議官|課長|司令官")


@functools.lru_cache(maxsize=1)
def _kanji_forms() -> tuple[str, ...]:
    forms = set()
    for p in native.people():
        if p.lang != "ja":
            continue
        for f in p.full_forms + p.family_forms:
            if re.fullmatch(r"[一-龥々]+", f):
                forms.add(f)
    return tuple(sorted(forms, key=len, reverse=True))


def _is_full(form: str) -> bool:
    return any(form in p.full_forms for p in native.people() if p.lang == "ja")


def _latin_from_paren(s: str) -> tuple[str, str] | None:
    """MOFA's English in parentheses: "(Mr. Lavrov, Sergey Viktorovich, Minister ...)" or
    "(H.E. Mr. Narendra Modi, Prime Minister of India)" -> (given, family)."""
    m = re.search(r"\((?P<en>[^()]*[A-Za-z]{2}[^()]*)\)", s)
    if not m or re.search(
        r"[ァ-ヴ一-龥]{2,}[^()]*$", s[: m.start()].split(")")[-1] if ")" in s[: m.start()] else ""
    ):
        return None
    en = re.sub(
        r"\b(?:H\.E\.|Rt\.? Hon\.?|The Honorable|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)\s*", "", m.group("en")
    )
    parts = [x.strip() for x in en.split(",")]
    if not parts or not parts[0]:
        return None
    first = parts[0].split()
    if len(first) == 1 and len(parts) > 1 and re.fullmatch(r"[A-Z][\w'\- ]+", parts[1]):
        return parts[1], first[0]  # "Lavrov, Sergey Viktorovich"
    if len(first) >= 2 and all(w[:1].isupper() for w in first):
        return " ".join(first[:-1]), first[-1]
    return None


def _family_reading(reading: str, iso3: str | None) -> str:
    """A Korean or Chinese family name from its katakana reading: キム -> Kim (as those
    governments write it), else its Hepburn romanisation."""
    culture = {"KOR": "ko", "PRK": "ko", "CHN": "zh", "TWN": "zh"}.get(iso3 or "", "")
    return native.family_readings().get((culture, reading)) or romanise.hepburn(reading)


def _read_people(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[Person]:
    """Korean and Chinese names the gazetteer lacks, with their reading after them:
    趙兌烈(チョ・テヨル)韓国外交部長官 -> Cho (family name first)."""
    rx = re.compile(
        rf"(?P<k>[一-龥]{{2,4}})\((?P<r>[ァ-ヴー]+(?:・[ァ-ヴー]+)+)\)・?(?P<cty>{_countries_rx()})?"
        rf"(?P<t>{_TITLE})"
    )
    out = []
    for m in rx.finditer(text, s, e):
        if any(a <= m.start() < b for a, b in taken):
            continue
        parts = m.group("r").split("・")
        iso = _country_of_prefix(m.group("cty") or "")
        fam = _family_reading(parts[0], iso)
        given = "".join(romanise.hepburn(x).lower() for x in parts[1:]).capitalize()
        p = Person(f"{fam} {given}", fam, m.group("k"), iso, m.span("k"), title=m.group("t"))
        p.reason = "a name read from the reading the page gives after it"
        out.append(p)
    return out


def _tokeniser_people(
    text: str, s: int, e: int, taken: list[tuple[int, int]], anchor: dt.date | None
) -> list[Person]:
    """Japanese names the gazetteer lacks: MeCab's 人名 words before a title."""
    seg = text[s:e]
    words = ja_words(seg)
    out: list[Person] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.pos[1] == "固有名詞" and w.pos[2] == "人名" and w.pos[3] == "姓":
            fam_w = w
            given_w = words[i + 1] if i + 1 < len(words) and words[i + 1].pos[3] == "名" else None
            end_w = given_w or fam_w
            after = seg[end_w.end :]
            tm = re.match(rf"{_READING}・?(?:{_countries_rx()})?(?P<t>{_TITLE})", after)
            start, end = s + fam_w.start, s + end_w.end
            if tm and not any(a <= start < b for a, b in taken):
                fam = romanise.hepburn(fam_w.reading or fam_w.surface)
                given = romanise.hepburn(given_w.reading) if given_w and given_w.reading else ""
                p = Person(f"{given} {fam}".strip(), fam, text[start:end], "JPN", (start, end))
                p.title = tm.group("t")
                p.reason = "a Japanese name before a title; romanised from the tokeniser's reading"
                out.append(p)
            i += 2 if given_w else 1
            continue
        i += 1
    return out


# ---------------------------------------------------------------------------- fields


def find_duration(text: str, s: int, e: int) -> tuple[int, tuple[int, int]] | None:
    seg = fold_digits(text[s:e])
    for m in _DURATION.finditer(seg):
        if _CLOCK_AFTER.match(seg[m.end() :]):
            continue
        if re.search(r"(?:午前|午後|時間)\s*$", seg[: m.start()]) and m.group(4):
            continue
        if m.group(1):
            minutes = int(m.group(1)) * 60 + (30 if m.group(2) else 0) + int(m.group(3) or 0)
        else:
            minutes = int(m.group(4))
            # "20分間" alone is a duration; "8時30分" a clock time (excluded above)
            if seg[max(0, m.start() - 1) : m.start()] == "時":
                continue
        return minutes, (s + m.start(), s + m.end())
    return None


def find_occasion(text: str, s: int, e: int) -> tuple[str, str, str, tuple[int, int]] | None:
    """(English name, series, native words, span) of a recurring meeting named here."""
    seg = fold_digits(text[s:e])
    best = None
    for conf in native.conferences("ja"):
        m = conf.regex.search(seg)
        if not m:
            continue
        name = conf.name
        if "{city}" in name:
            city = native.cities("ja").get(m.group("city") or "")
            if city is None:
                continue
            name = name.replace("{city}", city[0])
        if best is None or m.start() < best[3][0] - s:
            best = (name, conf.series, m.group(0), (s + m.start(), s + m.end()))
    return best


def find_place(
    text: str, s: int, e: int, *, visits: bool = False
) -> tuple[dict, tuple[int, int]] | None:
    """A city (or only a country) where the meeting took place, as the lead says it."""
    seg = text[s:e]
    cities = native.cities("ja")
    forms = sorted(cities, key=len, reverse=True)
    rx = re.compile(
        r"(?:(?P<cty>[ァ-ヴー]+|[一-龥]{2,3})・)?(?P<city>"
        + "|".join(map(re.escape, forms))
        + r")(?:市|都)?(?:内の?[一-龥ァ-ヴー]{0,6})?(?=において|にて|で(?!の会談)|を訪問|を訪れ|訪問中|開催|に到着)"
    )
    for m in rx.finditer(seg):
        name, iso = cities[m.group("city")]
        return {"name": name, "country": iso}, (s + m.start("city"), s + m.end("city"))
    # ドイツ・ボンにおいて: a city the gazetteer lacks, in a country it knows
    m = re.search(r"(?P<c>" + _countries_rx() + r")・[ァ-ヴー]{2,}(?:市)?(?=において|にて|で)", seg)
    if m:
        iso = native.countries("ja")[m.group("c")]
        return {"name": None, "country": iso}, (s + m.start("c"), s + m.end("c"))
    m = re.search(r"(?P<c>" + _countries_rx() + r")(?:を訪問中|訪問中|において|で開催)", seg)
    m = m or re.search(r"訪問先の(?P<c>" + _countries_rx() + r")", seg)
    if m:
        iso = native.countries("ja")[m.group("c")]
        return {"name": None, "country": iso}, (s + m.start("c"), s + m.end("c"))
    # 訪日中のラヴロフ外相: a visitor to Japan met there (訪露中: in Russia, ...)
    m = re.search(r"(?:訪(?P<a>[日露中米韓印英独仏豪])|来(?P<b>日))中", seg) if visits else None
    if m:
        iso = native.country_abbreviations().get(m.group("a") or m.group("b"))
        if iso:
            return {"name": None, "country": iso}, (s + m.start(), s + m.end())
    return None


_ORD_TOTAL = re.compile(
    r"(?:通算|今回で通算|今回で|今回が)(\d{1,3})(?:回目|度目)|(?<!本年)(?<!今年)(?<!年内)(?<!\d)(\d{1,3})(?:度目|回目)(?:の|となる)(?:[^。、,]{0,12})?(?:会談|会合|協議)"
)
_FIRST = re.compile(
    r"初(?:めて)?(?:の|となる)(?:[日一-龥ァ-ヴー・]{0,8})?(?:会談|会合)|初会談|初めて会談"
)
_ORD_YEAR = re.compile(r"(?:本年|今年|年内)(?:に入って)?(\d{1,2})(?:回目|度目)")
_ROUND = re.compile(
    r"(?:第(\d{1,2})回目?|(\d{1,2})回目)(?:の|となる)(?P<of>[^。,、]{0,12}?)?交渉|交渉の第(\d{1,2})(?:回|ラウンド)"
)


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def kanji_number(s: str) -> int | None:
    """二 -> 2, 十五 -> 15, 二十四 -> 24 (counts as MOFA writes them in kanji)."""
    if not s or any(c not in _KANJI_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _arabic_counts(seg: str) -> str:
    """二度目 -> 2度目, 第十五回 -> 第15回 (the length changes: only for reading numbers)."""
    return re.sub(
        r"(?<=第)[〇一二三四五六七八九十]+(?=回)|[〇一二三四五六七八九十]+(?=度目|回目)",
        lambda m: str(kanji_number(m.group(0))),
        seg,
    )


def find_ordinals(text: str, s: int, e: int, whole: str) -> list[dict]:
    seg = _arabic_counts(fold_digits(text[s:e]))
    out: list[dict] = []
    m = _ORD_TOTAL.search(seg) or re.search(
        r"今回で(?:通算)?(\d{1,3})(?:回目|度目)(?![^。、,]{0,6}訪)", fold_digits(whole)
    )
    if m:
        n = int(next(g for g in m.groups() if g))
        out.append({"number": n, "scope": "total", "text": m.group(0)})
    m = _ORD_YEAR.search(seg)
    if m:
        out.append({"number": int(m.group(1)), "scope": "year", "text": m.group(0)})
    m = _FIRST.search(seg)
    if (
        m
        and not out
        and not re.search(r"(?:就任|以来|ぶり|後|対面|本年|今年)\S{0,2}$", seg[: m.start()])
    ):
        out.append({"number": 1, "scope": "total", "text": m.group(0)})  # their first meeting
    return out


def find_series(text: str, s: int, e: int, trigger_at: int) -> dict | None:
    """第4回日露外務・防衛閣僚協議を行った: the engagement's own number in its series."""
    seg = fold_digits(text[s : trigger_at + 40])
    for m in re.finditer(r"第(\d{1,3})回(?P<n>[^。,、第]{1,30}?" + _EVENT + r")", seg):
        if not re.search(_EVENT + r"(?:\([^)]*\))?" + _PAST, seg[m.start("n") :]):
            continue
        if find_occasion(m.group("n"), 0, len(m.group("n"))):
            continue  # 第55回ミュンヘン安全保障会議: the occasion's number
        return {"number": int(m.group(1)), "scope": "series", "text": m.group(0)}
    return None


def find_round(text: str, s: int, e: int) -> dict | None:
    seg = _arabic_counts(fold_digits(text[s:e]))
    m = _ROUND.search(seg)
    if not m:
        return None
    n = int(m.group(1) or m.group(2) or m.group(3))
    before = seg[max(0, m.start() - 20) : m.start()]
    topic = re.search(r"([一-龥ァ-ヴー]+)(?:について|に関する)?\s*$", before)
    of = (topic.group(1) + "交渉") if topic else "交渉"
    if "平和条約" in of:
        of = "negotiations regarding a peace treaty"
    return {"number": n, "of": of}


# ---------------------------------------------------------------------------- engagements

#: a meeting listed by its name only: 日韓外相会談, 日・エジプト外相会談, 日独仏カナダ外相非公式夕食会
_LISTED = re.compile(
    r"(?P<day>\d{1,2}日に)?日(?P<others>(?:・?(?:[ァ-ヴー]+|[露米中韓英独仏伊加豪印西比越泰星尼]))+)"
    r"(?P<kind>外相|首脳|防衛相|外相非公式)(?:会談|夕食会|昼食会|会合)"
)


def _list_of_meetings(seg: str) -> list[re.Match[str]]:
    """The longest run of meetings named one after another (日韓外相会談,日・エジプト外相会談,...)."""
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in _LISTED.finditer(seg):
        if run and not re.fullmatch(r"[,、\s]*", seg[run[-1].end() : m.start()]):
            run = []
        run.append(m)
        if len(run) > len(best):
            best = list(run)
    return best


def _others(s: str) -> list[str]:
    out = []
    abbrev = native.country_abbreviations()
    forms = native.countries("ja")
    for part in re.findall(r"[ァ-ヴー]+|[露米中韓英独仏伊加豪印西比越泰星尼]", s):
        iso = forms.get(part) or abbrev.get(part)
        if iso and iso not in out:
            out.append(iso)
    return out


def extract(doc: Document) -> dict:
    warnings = [w for w in doc.warnings if not w.startswith("language looks like")]
    text = scan_of(doc.text, warnings)
    anchor, dspan = parse_date_line(text)
    if doc.published:
        anchor = dt.date.fromisoformat(doc.published)
    title = _title(text, dspan)
    doc.title = doc.title or title
    doc.publisher = doc.publisher or publisher_of(doc, "JPN")
    if anchor and not doc.published:
        doc.published = anchor.isoformat()
    ref = _REFERENCE.search(text)
    limit = ref.start() if ref else len(text)
    sents = _sentences(text[:limit])
    records, trig_sents = _meetings(text, sents, limit, anchor, title, doc, news=False)
    if _named_sides(records) < 2:
        # no meeting of two named sides told in a ministry's style: a news report's
        news = _meetings(text, sents, limit, anchor, title, doc, news=True)
        if _named_sides(news[0]) > _named_sides(records):
            records, trig_sents = news
    if any(p.country is None and p.family for r in records for p in r.participants):
        _countries_of_names_again(records, find_people(text, 0, limit, anchor))
    for prev, rec in zip(records, records[1:], strict=False):
        if rec.place is None and rec.mode == "in_person" and prev.place and rec.date == prev.date:
            rec.place = prev.place  # "同日,...とも会談": the same visit's city
            rec.reasons["place"] = "the place of the meeting told before it on the same day"
    if records:
        _follow_ups(text, records[0], trig_sents[0][1] if trig_sents else 0, limit, anchor)
    return result(doc, text, records, warnings)


#: a sentence about the meeting already told: "会談は朝食会形式でおよそ1時間行われ"
_TOLD_AGAIN = re.compile(r"(?:この|同|今回の|両[^\s、,]{1,3}の)?(?:会談|会合|協議)は")


def _more_of(rec: Record, text: str, s: int, e: int) -> None:
    """What a sentence about the meeting already told adds to it: its length."""
    if rec.duration is None:
        dur = find_duration(text, s, e)
        if dur:
            rec.duration = dur[0]
            rec.evidence["duration_minutes"] = list(dur[1])


def _named_sides(records: list[Record]) -> int:
    """How many named people the best-told meeting of ``records`` has."""
    return max((sum(1 for p in r.participants if p.family) for r in records), default=0)


def _countries_of_names_again(records: list[Record], everyone: list[Person]) -> None:
    """A person named again without a country (チョ外相) is of the country the text gave
    the same name before (韓国のチョ・テヨル外相)."""
    for r in records:
        for p in r.participants:
            if p.country is None and p.family:
                same = {q.country for q in everyone if q.family == p.family and q.country}
                if len(same) == 1:
                    p.country = same.pop()
                    p.reason = "the country the text gave the same name before"


def _meetings(
    text: str,
    sents: list[tuple[int, int]],
    limit: int,
    anchor: dt.date | None,
    title: str | None,
    doc: Document,
    news: bool,
) -> tuple[list[Record], list[tuple[int, int]]]:
    """The meetings the sentences report as held, with their sentences. A ministry's
    readout tells its meeting in a sentence of its own (会談を行いました), and a sentence
    with plans in it is about the plans; a news report tells the meeting and what came of
    it in one sentence (王毅外相と会談し,...で一致しました), so with ``news`` only what
    precedes the meeting's verb must be free of plans."""
    trigger = _NEWS_TRIGGER if news else _TRIGGER
    records: list[Record] = []
    trig_sents: list[tuple[int, int]] = []
    unnamed_lead: tuple[int, int, int] | None = None
    for s, e in sents:
        seg = text[s:e]
        if (
            "。" not in seg
            and not re.search(r"ました|した$|た。", seg.strip())
            and (not trigger.search(seg) or len(seg.strip()) < 30)
        ):
            continue  # captions and headings
        m = trigger.search(seg)
        if (
            not m
            or _FUTURE.search(seg, 0, m.end() + FUTURE_TAIL_CHARS if news else len(seg))
            or _EARLIER.search(seg[: m.start()])
        ):
            continue
        listed = _list_of_meetings(fold_digits(seg))
        if len(listed) >= 2:
            records += _listed(text, s, e, listed, anchor, records)
            continue
        if records and _TOLD_AGAIN.match(seg.strip()):
            _more_of(records[-1], text, s, e)  # "会談はおよそ1時間行われ": the same meeting
            continue
        people = find_people(text, s, e, anchor)
        if records and not _new_people(people, records):
            continue  # the same meeting told again ("両首脳は会談を行い")
        if not people:
            if unnamed_lead is None or "。" not in text[unnamed_lead[0] : unnamed_lead[1]]:
                unnamed_lead = (s, e, m.start() + s)  # a sentence rather than a headline
            continue
        rec = _record(text, s, e, m.start() + s, people, anchor, title, doc)
        records.append(rec)
        trig_sents.append((s, s + m.end() if news else e))  # news: plans follow in the sentence
    if not records and unnamed_lead:
        # "日露首脳会談が行われました。": the people are named in the sentences after it
        s, e, at = unnamed_lead
        people = find_people(text, s, min(limit, e + LEAD_PEOPLE_CHARS), anchor)
        records.append(_record(text, s, e, at, people, anchor, title, doc))
        trig_sents.append((s, e))
    return records, trig_sents


def _title(text: str, dspan: tuple[int, int] | None) -> str | None:
    for line in text.splitlines()[:4]:
        line = line.strip()
        if line and not _ERA_DATE.fullmatch(fold_digits(line)) and not _CAPTION.search(line):
            return line
    return None


#: photo captions: 写真:..., (握手), 握手する両首脳, (写真提供:...)
_CAPTION = re.compile(r"写真|\((?:握手|入場|協議|会談|冒頭)\)|握手|挨拶を交わす|両首脳|両外相")


def _new_people(people: list[Person], records: list[Record]) -> bool:
    known = {p.key for r in records for p in r.participants}
    return any(p.key not in known for p in people)


def _listed(
    text: str,
    s: int,
    e: int,
    listed: list[re.Match[str]],
    anchor: dt.date | None,
    records: list[Record],
) -> list[Record]:
    """One engagement per meeting a sentence lists (河野大臣は...15日に日韓外相会談,...を実施)."""
    people = find_people(text, s, e, anchor)
    japanese = [p for p in people if p.country == "JPN"][:1]
    if not japanese:
        jp = Person("", "", "", "JPN", (s, s), unnamed=True)
        japanese = [jp]
    day = None
    out = []
    occ = find_occasion(text, 0, len(text)) if records == [] else None
    for m in listed:
        if m.group("day"):
            day = resolve_day(None, int(m.group("day")[:-2]), anchor)
        parts = list(japanese)
        for iso in _others(m.group("others")):
            if iso == "JPN":
                continue
            parts.append(Person("", "", "", iso, (s + m.start(), s + m.end()), unnamed=True))
        rec = Record(parts, name=m.group(0).split("に", 1)[-1] if m.group("day") else m.group(0))
        rec.date = day or anchor
        if occ:
            rec.occasion, rec.occasion_native = occ[0], occ[2]
            rec.place = _venue(occ[1], rec.date)
        rec.evidence["name"] = [s + m.start(), s + m.end()]
        out.append(rec)
    return out


def _venue(series: str, when: dt.date | None) -> dict | None:
    """The venue of a recurring meeting: fixed (Munich) or the host of that year."""
    for c in conferences():
        if c.name == series and c.fixed and c.iso3:
            return {"name": c.city, "country": c.iso3}
    if when:
        hosts = conference_host(series, when.year)
        if len(hosts) == 1:
            city, iso, _s, _e = hosts[0]
            return {"name": city, "country": iso}
    return None


def _record(
    text: str,
    s: int,
    e: int,
    trigger_at: int,
    people: list[Person],
    anchor: dt.date | None,
    title: str | None,
    doc: Document,
) -> Record:
    rec = Record(list(people))
    ps, pe = _paragraph(text, s)
    lead_e = max(e, pe)
    seg = text[s:e]
    # mode
    head = seg + (title or "")
    if re.search(r"電話会談|電話で|電話による", head):
        rec.mode = "telephone"
    elif re.search(r"テレビ会談|テレビ会議|ビデオ会議|オンライン", head):
        rec.mode = "video"
    # name
    nm = re.search(r"[^\s,、。・]*?" + _EVENT, text[s : trigger_at + 20])
    rec.name = (
        title if title and re.search(_EVENT + r"|会議", title) else (nm.group(0) if nm else None)
    )
    _date_and_duration(rec, text, s, e, lead_e, anchor)
    _occasion_and_place(rec, text, s, e, lead_e, title)
    # ordinals and round
    rec.ordinals = find_ordinals(text, s, lead_e, text)
    ser = find_series(text, s, e, trigger_at)
    if ser:
        rec.ordinals.append(ser)
    rnd = find_round(text, s, lead_e)
    if rnd:
        rec.round = rnd
    _unnamed_sides(rec, text, s, seg, doc)
    return rec


def _date_and_duration(
    rec: Record, text: str, s: int, e: int, lead_e: int, anchor: dt.date | None
) -> None:
    """The meeting's day (the lead's, else the date line's) and its length."""
    # date
    day = find_day(text, s, e, anchor)
    if day:
        rec.date = day[0]
        rec.evidence["date"] = list(day[1])
    elif anchor:
        rec.date = anchor
        rec.reasons["date"] = "the date line (the lead names no other day)"
    # duration: the lead paragraph, else a past meeting "約3時間にわたって首脳会談を行いました"
    dur = find_duration(text, s, lead_e)
    if dur is None:
        m = re.search(
            r"(?:約|およそ)\d{1,2}時間(?:\d{1,2}分)?(?:にわたって|にわたり)[^。]{0,8}会談を行",
            fold_digits(text),
        )
        if m:
            dur = find_duration(text, m.start(), m.end())
    if dur:
        rec.duration = dur[0]
        rec.evidence["duration_minutes"] = list(dur[1])


def _occasion_and_place(
    rec: Record, text: str, s: int, e: int, lead_e: int, title: str | None
) -> None:
    """The occasion and, for a meeting in person, the place."""
    # occasion: the lead sentence, else the title
    occ = find_occasion(text, s, e)
    if occ is None and title:
        t0 = text.find(title)
        occ = find_occasion(text, t0, t0 + len(title)) if t0 >= 0 else None
    if occ:
        rec.occasion, rec.occasion_native = occ[0], occ[2]
        rec.evidence["occasion"] = list(occ[3])
    # place
    if rec.mode == "in_person":
        pl = find_place(text, s, e, visits=True)
        if pl is None:
            for cs, ce in _clauses(text, s, lead_e):
                if not _FUTURE.search(text[cs:ce]) and not re.search(r"次回|今後", text[cs:ce]):
                    pl = find_place(text, cs, ce)
                    if pl:
                        break
        if (pl is None or pl[0]["name"] is None) and occ:
            venue = _venue(occ[1], rec.date)
            if venue and (pl is None or pl[0]["country"] == venue["country"]):
                pl = (venue, occ[3])
        if pl:
            rec.place = pl[0]
            rec.evidence["place"] = list(pl[1])


def _unnamed_sides(rec: Record, text: str, s: int, seg: str, doc: Document) -> None:
    """Participants the text names only by office or leaves implicit."""
    # a counterpart named only by office: ...,ロシア外相と会談を行いました
    isos = {p.country for p in rec.participants}
    for m in re.finditer(
        rf"(?<![ァ-ヴー・])(?P<c>{_countries_rx()})の?(?P<t>{_TITLE})(?=と|との|を|から)", seg
    ):
        iso = native.countries("ja")[m.group("c")]
        if iso not in isos:
            p = Person(
                "", "", "", iso, (s + m.start(), s + m.end()), title=m.group("t"), unnamed=True
            )
            p.reason = f"named only by office ('{m.group(0)}')"
            rec.participants.append(p)
            isos.add(iso)
    # an unnamed counterpart: 日X... in the name when only one side is named
    pair = re.search(
        r"日(?P<o>[露米中韓英独仏伊加豪印西比越泰星尼]+)|日・(?P<k>[ァ-ヴー]+)", rec.name or ""
    )
    other = _others(pair.group("o") or pair.group("k")) if pair else []
    if len(other) == 1:
        for iso in other:
            if iso not in isos and len(isos) < 2:
                rec.participants.append(Person("", "", "", iso, (s, s), unnamed=True))
                isos.add(iso)
    if doc.publisher and doc.publisher not in isos and re.search(r"総理|首相|大臣|外相|次官", seg):
        # "総理は,...大統領と会談": the publisher's own principal, named only by office
        p = Person("", "", "", doc.publisher, (s, s), unnamed=True)
        p.reason = "named only by office; the publisher's own"
        rec.participants.insert(0, p)


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    start = s
    for m in re.finditer(r"[,、。()()]", text[s:e]):
        out.append((start, s + m.start()))
        start = s + m.end()
    out.append((start, e))
    return [(a, b) for a, b in out if b > a]


# ---------------------------------------------------------------------------- follow-ups

_FU_EVENT = r"(?:訪日|訪露|訪中|訪米|訪韓|訪印|国賓訪問|公式訪問|訪問|訪れ|首脳会談|外相会談|会談|会合|協議|対話|交渉|サミット|首脳会議|委員会|作業部会|部会|「2\+2」|会える)"
#: things planned that are not meetings of officials
_NOT_FU = re.compile(r"訓練|寄港|墓参|開会式|軍楽祭|展示|観光|ツアー|事業|プロジェクト")
#: ongoing processes and this meeting itself, not a future meeting
_ONGOING = re.compile(
    r"^(?:今後|今次|今回|同|右|本(?:会談|会合|対話|協議)|この|その)|今後|政治対話|継続"
)
_WHEN = re.compile(
    r"(?:\d{1,2}月(?:上旬|中旬|下旬)|\d{1,2}月(?:\d{1,2}日)?|翌\d{1,2}日|\d{1,2}日|来週|来月|来年[春夏秋冬]?|本年(?:中|後半|前半)?|年内|年明け|"
    r"[春夏秋冬](?![一-龥])|近く|早期に|早期の|できる限り早期に|速やかに|近いうちに|\d{1,2}月(?:上旬|中旬|下旬))"
)
_AGREE = re.compile(r"一致|予定|調整|期待|確認|招待|目指|向け|念頭|合意|したい|べく|許せば")
#: words a meeting's noun phrase runs on over, right to left
_CONNECTORS = (
    "に関する",
    "との間で",
    "としての",
    "における",
    "が主催する",
    "の際にも",
    "の際に",
    "際に",
    "明け",
)
#: a gap this short between two meeting nouns of one clause joins them (訪日し次回の交渉)
JOIN_GAP_CHARS = 12


def _follow_ups(text: str, rec: Record, start: int, limit: int, anchor: dt.date | None) -> None:
    for s, e in _sentences(text[:limit], start):
        seg = fold_digits(text[s:e])
        if not _AGREE.search(seg):
            continue
        for cs, ce in _fu_clauses(seg):
            clause = seg[cs:ce]
            spans: list[tuple[int, int]] = []
            for m in re.finditer(_FU_EVENT, clause):
                if re.match(r"する|して|した(?!い)", clause[m.end() :]) and not re.match(
                    r"し(?:ます|まし)", clause[m.end() :]
                ):
                    continue  # a verb (経済協力を協議する), not the name of a meeting
                ps, pe = _phrase_start(clause, m.start()), m.end()
                tail = re.match(
                    r"」?(?:は|を)(?:[一-龥ァ-ヴー]{1,8}(?:で|において))?開催", clause[pe:]
                )
                if tail:
                    pe += tail.end()
                if (
                    spans
                    and ps - spans[-1][1] <= JOIN_GAP_CHARS
                    and m.start() - spans[-1][1] <= JOIN_GAP_CHARS
                ):
                    spans[-1] = (spans[-1][0], pe)
                else:
                    spans.append((ps, pe))
            for ps, pe in spans:
                item = _follow_up(seg, cs, clause, ps, pe, rec, anchor)
                if item:
                    item.span = (s + cs + ps, s + cs + pe)
                    add_follow_up(rec.follow_ups, item)


def _follow_up(
    seg: str, cs: int, clause: str, ps: int, pe: int, rec: Record, anchor: dt.date | None
) -> FollowUp | None:
    phrase = clause[ps:pe]
    tail = clause[pe : pe + 16]
    if re.match(
        r"[^。]{0,12}(?:成功裏|大成功|であった|が行われ|が実施され|に感謝|を歓迎|を継続)", tail
    ) or re.match(r"が[^。、,]{0,10}(?:開かれ|開催され)(?:ました|た|[、,]|$)", tail):
        return None  # the meeting that took place (外相会談が東京都内で開かれ,)
    if re.match(r"(?:で|に|における)?の?(?:合意|成果|結果|議論|やり取り)", tail):
        return None  # what an earlier meeting agreed or achieved
    if re.match(r"を(?:加速|推進|進め|深化|活性化|強化)", tail):
        return None  # an ongoing process spurred on, not a meeting to come
    if re.match(r"(?:におきましては|においては|では)", tail):
        return None  # what was said at a meeting, not a meeting to come
    if _NOT_FU.search(phrase) or _ONGOING.search(phrase):
        return None
    if _EARLIER.search(clause[:pe]) or re.search(
        r"行われた|実施された|開催された", clause[max(0, ps - 10) : ps]
    ):
        return None
    core = re.sub(r"^[\d月日翌]+[にの]?", "", phrase)
    if re.fullmatch(r"(?:の)?(?:訪問|会談|協議|対話|交渉|会合|訪れ|会える)", core):
        return None  # a bare noun says nothing of which meeting
    if phrase.endswith("交渉") and not re.search(r"次回|間の|第\d", phrase):
        return None  # the negotiations themselves go on; only a named round is a meeting
    if (
        rec.occasion_native
        and rec.occasion_native in phrase
        and not re.search(r"会談|会える", phrase)
    ):
        return None
    near = list(_WHEN.finditer(clause[max(0, ps - 16) : pe]))
    after = re.match(r"」?を(?P<w>[^。,、]{1,10}?)に", clause[pe : pe + 14])
    if not near and after:
        near = list(_WHEN.finditer(after.group("w")))  # 次回会談を本年後半にモスクワで
    if not near:
        prev = seg[:cs].rsplit(",", 2)[-2:] if cs else []
        near = list(_WHEN.finditer(",".join(prev)))
    when = near[-1] if near else None
    date = None
    date_text = when.group(0) if when else None
    if when:
        dm = re.fullmatch(r"(?:(\d{1,2})月)?(\d{1,2})日", when.group(0))
        nm = re.fullmatch(r"翌(\d{1,2})日", when.group(0))
        if nm:
            date = resolve_day(None, int(nm.group(1)), anchor, "翌")
        elif dm:
            date = resolve_day(int(dm.group(1)) if dm.group(1) else None, int(dm.group(2)), anchor)
        if date and anchor and date < anchor:
            return None  # a day before the date line: an earlier meeting
        mm = re.fullmatch(r"(\d{1,2})月", when.group(0))
        if mm and anchor and int(mm.group(1)) <= anchor.month and not re.search(r"来年", clause):
            return None  # "1月の会談": this year's earlier month
    name = re.sub(r"\([ぁ-ん・\s]+\)", "", phrase)  # readings in parentheses
    lead = _WHEN.match(name)
    if lead and re.match(r"[にの]", name[lead.end() :]):
        name = name[lead.end() + 1 :]  # the time words are date_text
    if name.startswith("「") and "」" in name:
        name = name[1 : name.index("」")]  # 「ハイレベル経済対話」を開催: the name quoted
    name = name.strip(",、 「」")
    item = FollowUp(name, (0, 0), date, date_text)
    item.english = gloss(name, anchor)
    return item


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def gloss(phrase: str, anchor: dt.date | None) -> str | None:
    """An English name for a follow-up when every word of it is known, else None:
    第15回日露戦略対話 -> "15th Japan-Russia Strategic Dialogue", ラヴロフ外相の訪日 ->
    "Lavrov's visit to Japan"."""
    glossary = native.glossary("ja")
    nouns = sorted(glossary, key=len, reverse=True)
    people = {p.span[0]: p for p in find_people(phrase, 0, len(phrase), anchor)}
    names = country_names()
    owner: str | None = None
    out: list[str] = []
    i = 0
    while i < len(phrase):
        rest = phrase[i:]
        p = people.get(i)
        if p is not None and p.family:
            i = p.span[1]
            tm = re.match(rf"{_READING}・?(?:{_countries_rx()})?{_TITLE}", phrase[i:])
            i += tm.end() if tm else 0
            if out:
                out.append(f"with {p.family}")
            else:
                owner = p.family
            i += 1 if phrase[i : i + 1] in ("の", "が") else 0
            continue
        m = re.match(r"第(\d{1,3})回目?の?", rest)
        if m:
            out.append(_ordinal(int(m.group(1))))
            i += m.end()
            continue
        m = re.match(r"次回の?", rest)
        if m:
            out.append("next")
            i += m.end()
            continue
        m = re.match(r"日・?(?P<o>(?:[露米中韓英独仏伊加豪印]|EU)+)", rest)
        if m:
            others = _others(m.group("o"))
            parts = (
                ["Japan"]
                + [names[x].name for x in others]
                + (["EU"] if "EU" in m.group("o") else [])
            )
            out.append("-".join(parts))
            i += m.end()
            continue
        m = re.match(r"(?P<c>" + _countries_rx() + r")(?:訪問|への訪問)", rest)
        if m:
            out.append(f"visit to {names[native.countries('ja')[m.group('c')]].name}")
            i += m.end()
            continue
        noun = next((n for n in nouns if rest.startswith(n)), None)
        if noun:
            out.append(glossary[noun])
            i += len(noun)
            continue
        m = re.match(r"し|の際に,?|及び|,", rest)
        if m and out:
            out.append("and")
            i += m.end()
            continue
        m = _WHEN.match(rest)
        if m:
            i += m.end()
            i += 1 if phrase[i : i + 1] in ("の", "に") else 0
            continue
        if rest[0] in "の「」 ":
            i += 1
            continue
        return None  # a word the glossary lacks: keep the document's own words
    if not out or out[-1] == "and":
        return None
    text = " ".join(out)
    return f"{owner}'s {text}" if owner else text


def _fu_clauses(seg: str) -> list[tuple[int, int]]:
    """Clauses of a sentence at 、,; a visit joined to its meeting by し, の際に, 前に stays one."""
    out = []
    start = 0
    for m in re.finditer(r"[,、。]|\((?![ぁ-ん・\s]+\))|(?<![ぁ-ん])\)|及び|また", seg):
        before = seg[max(0, m.start() - 3) : m.start()]
        if m.group(0) in ",、" and re.search(r"(?:し|の際に|際に|前に|訪れ)$", before):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(seg)))
    return [(a, b) for a, b in out if b > a]


def _phrase_start(clause: str, end: int) -> int:
    """Walk left over the noun phrase of a meeting: names, の, dates, 「」, katakana, kanji."""
    i = end
    while i > 0:
        c = clause[i - 1]
        if re.match(r"[一-龥々ァ-ヴー・「」+\dA-Za-z]", c) or c == "の":
            i -= 1
            continue
        if c == ")":
            j = clause.rfind("(", 0, i)
            if j >= 0 and re.fullmatch(r"[ぁ-ん・\s]+", clause[j + 1 : i - 1]):
                i = j  # a reading in parentheses: 習近平(しゅう・きんぺい)
                continue
        con = next((x for x in _CONNECTORS if clause[:i].endswith(x)), None)
        if con:
            i -= len(con)
            continue
        if c == "を" and clause[i : i + 1] == "訪":
            i -= 1
            continue
        if c == "が" and i >= 2 and clause[i - 2] in "官相臣領席":
            i -= 1
            continue
        break
    sub = clause[i:end]
    m = re.match(r"^(?:の|に|を|は|で)+", sub)
    if m:
        i += m.end()
    return i
