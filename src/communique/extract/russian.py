"""Russian readouts (Kremlin, MID): engagements with the same record as English ones.

The structure of a Russian readout: a lead ("Состоялась встреча Владимира Путина с
Премьер-министром Японии Синдзо Абэ.") or a title, often followed by the transcript of the
opening remarks, one speaker a paragraph ("В.Путин:", "С.Абэ (как переведено):"). One page
reports one meeting: its principals are the people the lead names and the speakers.

Names are inflected ("с Синдзо Абэ", "Лаврову", "Хатояму"): every capitalised word is
lemmatised by pymorphy3 and looked up in ``gazetteer/native_names.tsv``; people it lacks
are romanised (BGN/PCGN). Countries come from the gazetteer, from a title's genitive
("Премьер-министром Японии") or, for a principal the page does not name, from the
publisher (the Kremlin's own side) or the country the page names most.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from communique.document import Document
from communique.extract import holders, romanise
from communique.extract.morphology import ru_lemmas, ru_sentences, ru_tags
from communique.extract.nonenglish import (
    FollowUp,
    Person,
    Record,
    add_follow_up,
    lookup,
    publisher_of,
    result,
    scan_of,
)
from communique.gazetteer import native

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "мая": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_MONTH = r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_DATE_DOTS = re.compile(r"\b(\d{1,2})\.(\d{2})\.(\d{4})\b")
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})")
#: the date line is looked for in the first this many characters
DATE_LINE_CHARS = 300
#: the date line is one of the first lines (a date further down is a date in the story)
DATE_LINES = 3
#: how far into the page a telephone or video conference is looked for
MODE_SCAN_CHARS = 1500
#: the lead: principals named here took part (speakers aside)
LEAD_CHARS = 600

_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:[A-ZА-ЯЁ]\.\s?){1,2}(?P<fam>[А-ЯЁ][А-ЯЁа-яё\-]+)(?:\s*\([^)]{0,40}\))?:"
)
_MEETING = re.compile(
    r"встреч|переговор|разговор|бесед|встретил|встретились|видеть|приветствовать|добро пожаловать|"
    r"контакт|заседани|консультаци",
    re.I,
)
_PHONE = re.compile(r"телефонн\w+ разговор|по телефону", re.I)
_VIDEO = re.compile(r"видеоконференц|в режиме видео|по видеосвязи|онлайн", re.I)
_FUTURE = re.compile(
    r"следующ|предстоящ|будущ|планиру|намечен|состоится|будет|к визиту|договорились|условились|"
    r"рассчитыва|приглас|договор[её]нност|пройд[её]т",
    re.I,
)


def _country(words: str) -> str | None:
    """ISO3 of a country named in any case ("Японии", "ФРГ", "Российской Федерации")."""
    forms = native.countries("ru")
    if words in forms:
        return forms[words]
    lem = " ".join(ru_lemmas(w)[0] for w in words.split())
    for form, iso in forms.items():
        if lem == " ".join(ru_lemmas(w)[0] for w in form.split()) or lem == form.lower():
            return iso
    for word in dict.fromkeys((words.split()[0], words.split()[-1])):
        # "Японии ...", "Арабской Республики Египет": the country's own word
        for le in ru_lemmas(word):
            for form, iso in forms.items():
                if le == form.lower():
                    return iso
    return None


def _adjective_country(word: str) -> str | None:
    adj = native.country_adjectives()
    for le in ru_lemmas(word):
        if le in adj:
            return adj[le]
    return None


def parse_date_line(text: str) -> dt.date | None:
    head = "\n".join(text[:DATE_LINE_CHARS].splitlines()[:DATE_LINES])
    m = _DATE_DOTS.search(head)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    m = _DATE_WORDS.search(head)
    if m:
        mon = next(v for k, v in MONTHS.items() if m.group(2).startswith(k))
        try:
            return dt.date(int(m.group(3)), mon, int(m.group(1)))
        except ValueError:
            pass
    return None


#: case endings of declined foreign surnames, longest first ("Шольцем" -> "Шольц")
_ENDINGS = ("ым", "ом", "ем", "ой", "ей", "ою", "у", "ю", "а", "я", "е")


def _stems(word: str) -> list[str]:
    """Nominatives a declined surname may have when the dictionary does not know it."""
    low = word.lower()
    out = []
    for end in _ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[: -len(end)]
            out += [stem, stem + "а"]
    return out


def _person(
    fam_word: str,
    given: str | None,
    start: int,
    end: int,
    when: dt.date | None,
    country: str | None,
) -> Person | None:
    """A principal from an inflected family name (and given name), if the text names one."""
    fams = tuple(dict.fromkeys((*ru_lemmas(fam_word), *_stems(fam_word))))
    full = None
    if given:
        for g in ru_lemmas(given):
            for f in fams:
                full = lookup("ru", full=f"{g} {f}", when=when)
                if full:
                    break
            if full:
                break
    known = full
    if known is None:
        for f in (fam_word, *fams):
            known = lookup("ru", family=f, country=country, when=when) or lookup(
                "ru", family=f.capitalize(), country=country, when=when
            )
            if known:
                break
    if known:
        p = Person(known.name, known.family, fam_word, known.iso3, (start, end))
        p.reason = f"{known.name} (native names gazetteer)"
        return p
    if country and country != "JPN":
        sounds = holders.by_sound(
            _as_heard(romanise.cyrillic(fams[0].capitalize())), "", country, when
        )
        if sounds is not None:
            # "С.Джайшанкар", an Indian minister in 2020: the holder of the day whose
            # English name the Russian spelling transcribes
            p = Person(sounds.name, sounds.family, fam_word, sounds.iso3, (start, end))
            p.reason = f"{sounds.name}, {sounds.office} (office holders gazetteer, by sound)"
            return p
    tags = ru_tags(fam_word)
    if "Surn" not in tags and country is None:
        return None  # a capitalised word that is no surname, with no title naming a country
    lemma = next(
        (f for f in fams if f != fam_word.lower()), fam_word.lower()
    )  # the nominative of a surname
    if country == "JPN":  # Japanese names are spelt by Polivanov's system
        fam = next(
            (x for x in map(romanise.polivanov, ru_lemmas(fam_word)) if x),
            romanise.cyrillic(lemma.capitalize()),
        )
        given_lat = (romanise.polivanov(given) or romanise.cyrillic(given)) if given else ""
    else:
        fam = romanise.cyrillic(lemma.capitalize())
        given_lat = romanise.cyrillic(ru_lemmas(given)[0].capitalize()) if given else ""
    p = Person(f"{given_lat} {fam}".strip(), fam, fam_word, country, (start, end))
    p.reason = "romanised (BGN/PCGN) from the lemma of the family name"
    return p


def _as_heard(latin: str) -> str:
    """A BGN/PCGN romanisation respelt as English hears it, for matching by sound:
    Dzhayshankar -> Jayshankar, Khakan -> Hakan."""
    for a, b in (("Dzh", "J"), ("dzh", "j"), ("Kh", "H"), ("kh", "h"), ("Zh", "J"), ("zh", "j")):
        latin = latin.replace(a, b)
    return latin


#: how far before a name its title may begin: "Министром иностранных дел Арабской
#: Республики Египет С.Шукри" is 53 characters
TITLE_WINDOW_CHARS = 80
#: "Министром иностранных дел Японии Т.Мотэги": the country of the title before a name
_TITLE_BEFORE = re.compile(
    r"(?:министр\w*(?:\s+иностранных\s+дел|\s+обороны)?|президент\w*|канцлер\w*|"
    r"премьер-министр\w*|глав\w+\s+(?:правительства|государства))\s+"
    r"((?:(?-i:[А-ЯЁ])[\w\-]+\s+){0,2}(?-i:[А-ЯЁ])[\w\-]+)\s*(?:(?-i:[А-ЯЁ])\.\s?)*$",
    re.I,
)
_CAP = re.compile(r"(?:(?P<ini>[А-ЯЁ])\.\s?)?(?P<w>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")


#: capitalised words that are offices or forms of address, never names (lemmas)
_OFFICE_WORDS = frozenset(
    [
        "президент",
        "премьер-министр",
        "министр",
        "председатель",
        "канцлер",
        "глава",
        "король",
        "королева",
        "принц",
        "господин",
        "госпожа",
        "генеральный",
        "секретарь",
        "губернатор",
        "посол",
        "мэр",
        "уважаемый",
        "уважаемая",
        "федеральный",
        "федеральная",
    ]
)


def _not_a_name(word: str) -> bool:
    if _country(word) or word in native.organizations("ru"):
        return True
    return any(le in _OFFICE_WORDS for le in ru_lemmas(word)[:2])


def find_people(text: str, s: int, e: int, when: dt.date | None) -> list[Person]:
    """Named principals in ``text[s:e]``: a capitalised word, or two in a row (given, family)."""
    caps = [m for m in _CAP.finditer(text, s, e)]
    out: list[Person] = []
    used = -1
    for i, m in enumerate(caps):
        if i <= used:
            continue
        w = m.group("w")
        if _not_a_name(w):
            continue
        before = text[max(0, m.start() - TITLE_WINDOW_CHARS) : m.start()]
        tm = _TITLE_BEFORE.search(before)
        cty = _country(tm.group(1)) if tm else None
        nxt = caps[i + 1] if i + 1 < len(caps) else None
        p = None
        if (
            nxt
            and re.fullmatch(r"\s+", text[m.end() : nxt.start()])
            and not nxt.group("ini")
            and not _not_a_name(nxt.group("w"))
        ):
            p = _person(nxt.group("w"), w, nxt.start("w"), nxt.end("w"), when, cty)
            if p:
                used = i + 1
        if p is None:
            p = _person(w, None, m.start("w"), m.end("w"), when, cty)
        if p:
            if p.country is None:
                p.country = cty
            out.append(p)
    uniq: list[Person] = []
    for p in out:
        if not any(q.key == p.key for q in uniq):
            uniq.append(p)
    return uniq


def speakers(text: str, when: dt.date | None) -> list[Person]:
    out = []
    for m in _SPEAKER.finditer(text):
        fam = m.group("fam")
        fam = fam if not fam.isupper() else fam.capitalize()
        p = _person(fam, None, m.start("fam"), m.end("fam"), when, None)
        if p and not any(q.key == p.key for q in out):
            out.append(p)
    return out


#: endings of the adjectives a country's name makes (японский, японских, японо-)
_ADJ_ENDINGS = ("ий", "ой", "ая", "ие", "их", "ими", "ым", "ую", "ого", "ом", "ому", "ых", "ые")
#: "российско-японских отношений": the pair of the page outweighs a passing mention
PAIR_WEIGHT = 3


def _country_counts(text: str) -> Counter[str]:
    """How often each country is named, by name or adjective; pair adjectives weigh more."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"[А-ЯЁ]{2,4}\b|[А-ЯЁа-яё][а-яё]+(?:-[а-яё]+)?", text[:20000]):
        w = m.group(0)
        if "-" in w:
            for part in w.split("-"):
                forms = [part]
                if part.endswith("о"):  # японо-, российско-, германо-
                    forms += [part[:-1] + "ский", part[:-1] + "ий"]
                isos = (_adjective_country(f) for f in forms if f.endswith(_ADJ_ENDINGS))
                iso = next((x for x in isos if x), None)
                if iso:
                    counts[iso] += PAIR_WEIGHT
            continue
        if w[0].isupper():
            iso = _country(w)
            if iso:
                counts[iso] += 1
                continue
        iso = _adjective_country(w) if w.endswith(_ADJ_ENDINGS) else None
        if iso:
            counts[iso] += 1
    return counts


def find_place(text: str, s: int, e: int) -> tuple[dict, tuple[int, int]] | None:
    for m in re.finditer(r"\b(?:[Вв]|[Вв]о)\s+(?P<c>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?)", text[s:e]):
        before = text[max(0, s + m.start() - 30) : s + m.start()]
        if _FUTURE.search(text[max(0, s + m.start() - 60) : s + m.start()]) or re.search(
            r"прошл(?:ый|ого|ом|ой|ую|ые|ых|ым)\b|уже состоял|после|был\w*\b[^.!?]{0,30}$|"
            r"саммит\w*\s*$",
            before,
            re.I,
        ):
            continue
        hit = _city(m.group("c"))
        if hit:
            return {"name": hit[0], "country": hit[1]}, (s + m.start("c"), s + m.end("c"))
    return _venue(text, s, e) or _city_of_a_country(text, s, e)


def _city_of_a_country(text: str, s: int, e: int) -> tuple[dict, tuple[int, int]] | None:
    """ "прошла в финском Рованиеми": a city no list holds, in the country its adjective
    names (the city is left unnamed: its declined form is no sure spelling)."""
    rx = r"\b(?:[Вв]|[Вв]о)\s+(?P<a>[а-яё]+[сц]к(?:ом|ой))\s+(?P<c>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?)"
    for m in re.finditer(rx, text[s:e]):
        if _FUTURE.search(text[max(0, s + m.start() - 60) : s + m.start()]):
            continue
        iso = _adjective_country(m.group("a"))
        if iso:
            hit = _city(m.group("c"))
            return {"name": hit[0] if hit else None, "country": iso}, (
                s + m.start("a"),
                s + m.end("c"),
            )
    return None


def _city(word: str) -> tuple[str, str] | None:
    """The city a declined name stands for (Москве, Берлине, Ново-Огарёве, Казани)."""
    cities = native.cities("ru")
    cands = [word, *ru_lemmas(word)]
    if word[-1:] in "еиуюы":
        cands += [word[:-1], word[:-1] + "о", word[:-1] + "а", word[:-1] + "ь", word[:-1] + "я"]
    for le in cands:
        hit = cities.get(le) or cities.get(le.capitalize()) or cities.get(le.title())
        if hit:
            return hit
    return None


@functools.lru_cache(maxsize=1)
def _venue_patterns() -> list[tuple[re.Pattern[str], tuple[str, str]]]:
    """Multi-word venues ("Бочаров Ручей", "Константиновский дворец") matched by stems."""
    out = []
    for form, hit in native.cities("ru").items():
        words = form.split()
        if len(words) > 1:
            rx = r"\s+".join(re.escape(w[: max(3, len(w) - 2)]) + r"\w*" for w in words)
            out.append((re.compile(rx, re.I), hit))
    return out


def _venue(text: str, s: int, e: int) -> tuple[dict, tuple[int, int]] | None:
    for rx, hit in _venue_patterns():
        m = rx.search(text, s, e)
        if m:
            return {"name": hit[0], "country": hit[1]}, m.span()
    return None


_GREETING = re.compile(
    r"(?:добро пожаловать|приветствовать|поприветствовать|рад\w* (?:Вас|вас|тебя) видеть|"
    r"здесь,?|встречаемся|принимать|принять)[^.!?\n]{0,30}?\s(?:в|во)\s+"
    r"(?P<c>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?)",
    re.I,
)


def find_dateline_place(text: str) -> tuple[dict, tuple[int, int]] | None:
    """ "..., Москва, 31 июля 2018 года" at the end of a MID title."""
    first = text.split("\n", 1)[0]
    m = re.search(r"(?P<c>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?),\s*\d{1,2}\s+" + _MONTH, first)
    if m:
        hit = native.cities("ru").get(m.group("c"))
        if hit:
            return {"name": hit[0], "country": hit[1]}, m.span("c")
    return None


def find_greeting_place(text: str, s: int, e: int) -> tuple[dict, tuple[int, int]] | None:
    """ "Рад приветствовать Вас в Москве", "здесь, в Осаке": where the host welcomes."""
    for m in _GREETING.finditer(text, s, e):
        if re.search(r"после|прошл|был|следующ", m.group(0), re.I):
            continue  # "здесь после нашей встречи в Москве": another meeting's city
        hit = _city(m.group("c"))
        if hit:
            return {"name": hit[0], "country": hit[1]}, m.span("c")
    return None


def _assign(p: Person, iso: str) -> None:
    """Give a stateless speaker its country; a Japanese name is read back from Polivanov."""
    p.country = iso
    p.reason = "the other country of the page (named only as a speaker)"
    if iso == "JPN":
        fam = romanise.polivanov(p.native) or p.family
        p.name, p.family = fam, fam


def find_occasion(text: str, s: int, e: int) -> tuple[str, str, str, tuple[int, int]] | None:
    for conf in native.conferences("ru"):
        for m in conf.regex.finditer(text, s, e):
            before = text[max(0, m.start() - 40) : m.start()]
            if _FUTURE.search(before):
                continue
            return conf.name, conf.series, m.group(0), m.span()
    return None


_HOURS = {
    "полутора": 90, "получаса": 30, "часа": 60, "часу": 60, "двух": 120, "трех": 180,
    "трёх": 180, "четырех": 240, "четырёх": 240, "пяти": 300,
}  # fmt: skip
_DURATION = re.compile(
    r"(?:около|более|почти|примерно|свыше)?\s*(?:(?P<n>\d{1,2})(?:[,.](?P<tenth>\d))?\s+час\w*(?:\s+(?P<m>\d{1,2})\s+минут\w*)?|"
    r"(?P<w>полутора|получаса|двух|тр[её]х|четыр[её]х|пяти)\s*(?:час\w*)?|(?P<mins>\d{1,3})\s+минут\w*|(?<=около )часа)",
    re.I,
)


def find_duration(text: str, s: int, e: int) -> tuple[int, tuple[int, int]] | None:
    for m in _DURATION.finditer(text, s, e):
        if not m.group(0).strip():
            continue
        ctx = text[max(0, m.start() - 80) : m.end() + 80]
        if not re.search(r"встреч|переговор|разговор|бесед|продолж", ctx, re.I):
            continue
        if m.group("n"):
            v = int(m.group("n")) * 60 + int(m.group("tenth") or 0) * 6 + int(m.group("m") or 0)
        elif m.group("w"):
            v = _HOURS.get(m.group("w").lower(), 0)
        elif m.group("mins"):
            v = int(m.group("mins"))
        else:
            v = 60
        if v:
            return v, m.span()
    return None


#: "the first meeting since 2020", "in this format": not the n-th meeting of the two
_SINCE = re.compile(
    r"\s*(?:после|с тех пор|с \d{4}|за последн|в (?:таком|этом|новом) формате|в качестве)", re.I
)
_ORDINAL_WORDS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
    "восьм": 8, "девят": 9, "десят": 10,
}  # fmt: skip


def find_ordinals(text: str, s: int, e: int) -> list[dict]:
    m = re.search(
        r"(?:наш\w*|эт\w*)\s+(?P<w>перв|втор|трет|четверт|пят)\w*(?:\s*[–—-]\s*[^.!?]{0,80}?)?\s+встреч\w*",
        text[s:e],
        re.I,
    )
    if m and not _SINCE.match(text[s + m.end() : s + m.end() + 60]):
        n = _ORDINAL_WORDS[m.group("w").lower()]
        return [{"number": n, "scope": _scope(text, s + m.end()), "text": m.group(0)}]
    m = re.search(r"(?P<n>\d{1,2})-?(?:я|й)\s+(?:по сч[её]ту\s+)?встреч\w*", text[s:e])
    if m and not _SINCE.match(text[s + m.end() : s + m.end() + 60]):
        return [
            {"number": int(m.group("n")), "scope": _scope(text, s + m.end()), "text": m.group(0)}
        ]
    m = re.search(
        r"встреч\w*[^.!?]{0,40}?\s(?:уже\s+)?в\s+(?P<w>втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)\w*\s+раз",
        text[s:e],
        re.I,
    )
    if m:
        n = _ORDINAL_WORDS[m.group("w").lower()]
        return [{"number": n, "scope": "total", "text": m.group(0)}]
    return []


def _scope(text: str, end: int) -> str:
    """ "четвертая встреча в этом году": counted within the year."""
    after = text[end : end + 30]
    return (
        "year"
        if re.match(r"\s*(?:в|за)\s+(?:этом|текущем|нынешнем)\s+году|\s*за год", after)
        else "total"
    )


def find_round(text: str, s: int, e: int) -> dict | None:
    """ "второй раунд переговоров по мирному договору": the n-th round of a negotiation."""
    m = re.search(
        r"(?:(?P<n>\d{1,2})-?(?:й|ий)|(?P<w>перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)\w*)"
        r"\s+раунд\w*\s+(?P<of>переговор\w*(?:\s+[^\s,.;:!?]+){0,4})",
        text[s:e],
        re.I,
    )
    if not m:
        return None
    n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS[m.group("w").lower()]
    return {"number": n, "of": m.group("of")}


_FU = re.compile(
    r"(?P<phrase>(?:следующ\w+\s+)?(?:визит\w*|встреч\w*|переговор\w*|саммит\w*|заседани\w*|консультаци\w*|раунд\w*)"
    r"(?:\s+(?!(?<!полях\s)(?:визит|встреч|переговор|саммит)\w*)(?!в\s+(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре))"
    r"(?!(?:во|в)\s+(?:второй|первой)\s+половине)(?!до\s+конца)"
    r"[^\s,.;:!?()]+){0,10})",
    re.I,
)
_FU_WHEN = re.compile(
    r"в\s+(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
    r"(?:\s+(?:этого|текущего|следующего|будущего)\s+года)?|в\s+ближайшее\s+время|в\s+следующем\s+году|"
    r"(?:во|в)\s+(?:второй|первой)\s+половине\s+(?:(?:этого|текущего|следующего|будущего)\s+)?года|"
    r"до\s+конца\s+(?:(?:этого|текущего)\s+)?года|"
    r"\b\d{1,2}\s+" + _MONTH,
    re.I,
)


#: "договорённость о проведении в ближайшее время встречи": a meeting agreed on
_AGREED_TO_HOLD = re.compile(
    r"(?:о|об)\s+(?:проведении|организации)(?:\s+в\s+ближайшее\s+время)?"
    r"(?:\s+[а-яё]+(?:ой|ей|ого|его))?\s*$",
    re.I,
)


def find_follow_ups(text: str, s: int, e: int, anchor: dt.date | None = None) -> list[FollowUp]:
    out: list[FollowUp] = []
    for a, b in ru_sentences(text[s:e]):
        sent = text[s + a : s + b]
        if not _FUTURE.search(sent):
            continue
        line = text[text.rfind("\n", 0, s + a) + 1 : s + a + 1]
        if re.match(r"\s*Вопрос", line) or sent.rstrip().endswith("?"):
            continue  # a journalist's question promises nothing
        for m in _FU.finditer(sent):
            phrase = m.group("phrase")
            before = sent[max(0, m.start() - 12) : m.start()]
            if re.search(
                r"[Вв]ашего|сегодняшн|прошл|состоявш|во время|в ходе|в рамках", before + phrase[:20]
            ):
                continue
            agreed = _AGREED_TO_HOLD.search(sent[: m.start()])
            if not re.search(r"следующ|визит|саммит|раунд", phrase, re.I) and not (
                _FUTURE.search(before) or agreed
            ):
                continue
            if re.match(r"(?:встреч|переговор)\w*$", phrase.strip(), re.I):
                continue
            # "встречи Путина и Кучмы": an и between two names stays in the phrase
            phrase = re.split(
                r"\s+(?:а также|и(?!\s+[А-ЯЁ])|но|что|который|которые|чтобы)\s+", phrase
            )[0]
            words = phrase.split()
            for k, w in enumerate(words[1:], start=1):
                if ru_tags(w) & {"VERB", "INFN", "NPRO", "Apro", "PRTF", "ADVB"}:
                    phrase = " ".join(words[:k])
                    break
            phrase = re.sub(r"\s+(?:в|на|с|по|к)$", "", phrase.strip())
            when = _FU_WHEN.search(sent[m.start() :]) or _FU_WHEN.search(
                sent[max(0, m.start() - 24) : m.start()]  # "в ближайшее время встречи"
            )
            item = FollowUp(phrase, (s + a + m.start(), s + a + m.start() + len(phrase)))
            item.date_text = when.group(0) if when else None
            day = re.match(r"(\d{1,2})\s+" + _MONTH, item.date_text or "")
            if day and anchor:  # "15 декабря": the next such day after the date line
                mon = next(v for k, v in MONTHS.items() if day.group(2).startswith(k))
                try:
                    d = dt.date(anchor.year, mon, int(day.group(1)))
                    item.date = d if d >= anchor else d.replace(year=anchor.year + 1)
                except ValueError:
                    item.date = None
            add_follow_up(out, item)
    return out


def extract(doc: Document) -> dict:
    warnings = [w for w in doc.warnings if not w.startswith("language looks like")]
    text = scan_of(doc.text, warnings)
    anchor = dt.date.fromisoformat(doc.published) if doc.published else parse_date_line(text)
    if anchor and not doc.published:
        doc.published = anchor.isoformat()
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    doc.title = doc.title or first
    doc.publisher = doc.publisher or publisher_of(doc, "RUS")
    records: list[Record] = []
    if _MEETING.search(text[:4000]):
        rec = _record(text, anchor, doc.publisher)
        if rec:
            records.append(rec)
    return result(doc, text, records, warnings)


def _record(text: str, anchor: dt.date | None, publisher: str | None) -> Record | None:
    lead_e = _lead_end(text)
    people = _sides(text, lead_e, anchor, publisher)
    if len(people) < 2:
        return None
    rec = Record(people)
    head = text[: max(lead_e, MODE_SCAN_CHARS)]
    if _PHONE.search(text[:lead_e]) or re.search(
        r"телефонн\w+ разговор", text[:MODE_SCAN_CHARS], re.I
    ):
        rec.mode = "telephone"
    elif _VIDEO.search(head):
        rec.mode = "video"
    rec.name = text[: text.find("\n")].strip() if "\n" in text else None
    _date(rec, text, lead_e, anchor)
    scan_e = min(len(text), 2500)
    occ = find_occasion(text, 0, scan_e)
    if occ:
        rec.occasion, rec.occasion_native = occ[0], occ[2]
        rec.evidence["occasion"] = list(occ[3])
    if rec.mode == "in_person":
        pl = (
            find_dateline_place(text)
            or find_place(text, 0, lead_e)
            or find_greeting_place(text, 0, scan_e)
        )
        if pl:
            rec.place = pl[0]
            rec.evidence["place"] = list(pl[1])
            if rec.occasion and "{city}" not in rec.occasion and rec.occasion.endswith("Summit"):
                rec.occasion = rec.occasion.replace(" Summit", f" {pl[0]['name']} Summit")
    dur = find_duration(text, 0, scan_e)
    if dur:
        rec.duration = dur[0]
        rec.evidence["duration_minutes"] = list(dur[1])
    rec.ordinals = find_ordinals(text, 0, scan_e)
    rec.round = find_round(text, 0, scan_e)
    rec.follow_ups = find_follow_ups(text, 0, len(text), anchor)
    return rec


def _lead_end(text: str) -> int:
    """Where the lead ends: after LEAD_CHARS, at a sentence's end, or at the first
    speaker line."""
    sents = ru_sentences(text[: LEAD_CHARS + 400])
    lead_e = next(
        (b for a, b in sents if b >= min(LEAD_CHARS, len(text))), min(len(text), LEAD_CHARS)
    )
    lead_e = min(lead_e, len(text))
    # the lead: up to the first speaker line
    sp = _SPEAKER.search(text)
    if sp and sp.start() < lead_e:
        lead_e = max(sp.start(), 1)
    return lead_e


def _sides(text: str, lead_e: int, anchor: dt.date | None, publisher: str | None) -> list[Person]:
    """The people of the lead and the speakers, with the sides the page leaves implicit
    (the publisher's own principal, the country the text names most)."""
    people = [p for p in find_people(text, 0, lead_e, anchor) if not _is_source(text, p)]
    for p in speakers(text, anchor):
        if not any(q.key == p.key for q in people):
            people.append(p)
    isos = {p.country for p in people if p.country}
    stateless = [p for p in people if p.country is None and not p.organization]
    if publisher and publisher not in isos and len(stateless) == 1 and len(isos) == 1:
        stateless[0].country = publisher  # the host the page names, whom the gazetteer lacks
        stateless[0].reason = "the publisher's own principal (not in the gazetteer)"
        isos.add(publisher)
    if publisher and publisher not in isos:
        people.append(
            Person(
                "",
                "",
                "",
                publisher,
                (0, 0),
                unnamed=True,
                reason="the publisher's own principal (named only by office)",
            )
        )
        isos.add(publisher)
    if len(isos) < 2:
        counts = _country_counts(text)
        other = [iso for iso, _n in counts.most_common() if iso not in isos]
        stateless = [p for p in people if p.country is None and not p.unnamed]
        if other and len(stateless) == 1:
            # the one speaker the gazetteer lacks speaks for the other country of the page
            _assign(stateless[0], other[0])
        elif other:
            people.append(
                Person(
                    "",
                    "",
                    "",
                    other[0],
                    (0, 0),
                    unnamed=True,
                    reason="named only by office; the country the text names most",
                )
            )
    if len({p.country for p in people if p.country}) >= 2:
        # a person the page gives no country while two sides are known is only mentioned
        # ("the 'Ostpolitik' of Chancellor Brandt")
        people = [p for p in people if p.country or p.organization]
    return people


#: who tells of the meeting rather than met: "по словам пресс-секретаря ... Громова",
#: "сообщил помощник президента", "со ссылкой на"
_SOURCE = re.compile(
    r"(?:по словам|со ссылкой на|как (?:сообщил|заявил|рассказал)\w*|пресс-секретар\w*|"
    r"представител\w* МИД|официальн\w+ представител\w*|помощник\w*)[^.!?;:]{0,40}$",
    re.I,
)


def _is_source(text: str, p: Person) -> bool:
    """Whether ``p`` is named as the source of the news, not as one who met."""
    return bool(_SOURCE.search(text, max(0, p.span[0] - 60), p.span[0]))


def _date(rec: Record, text: str, lead_e: int, anchor: dt.date | None) -> None:
    """The day the lead gives (not of a meeting to come), else the date line's."""
    day = None
    for a, b in ru_sentences(text[:lead_e]):
        if not _FUTURE.search(text[a:b]):  # "следующая встреча состоится 15 декабря"
            day = re.compile(r"\b(?P<d>\d{1,2})\s+" + _MONTH + r"(?!\s+\d{4})").search(text, a, b)
            if day:
                break
    if anchor and day:
        mon = next(v for k, v in MONTHS.items() if day.group(2).startswith(k))
        try:
            rec.date = dt.date(anchor.year, mon, int(day.group("d")))
            rec.evidence["date"] = list(day.span())
        except ValueError:
            rec.date = None
    if anchor and rec.date is None:
        yesterday = re.search(r"\bвчера\b", text[:lead_e], re.I)
        rec.date = anchor - dt.timedelta(days=1) if yesterday else anchor
        rec.reasons["date"] = "the date line (a Kremlin or MID page is dated the day it reports)"
