"""People: names, honorifics, titles and the country each speaks for.

Needs: text, tokens, gazetteers (title words, countries, organisations, name lists).
Adds: :class:`Mention` (one place a person is named or referred to by office) and
:class:`Entity` (the mentions of one person joined by family name or office), each
with spans.

Forms handled: "Mr. Taro Kono, Minister for Foreign Affairs of Japan"; "Mr. KISHIDA
Fumio" (family name in capitals); "Mr. Lavrov, Sergey Viktorovich" (family, given
patronymic); "H.E. Mr. Sergey Viktorovich Lavrov"; "Secretary of State Antony J.
Blinken"; "Japanese Foreign Minister Motegi"; "The Prime Minister" (named by office
only); "Minister Kono" (family name only, joined to the full mention).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from communique.extract import holders, names
from communique.extract.names import PARTICLES as _PARTICLES
from communique.extract.text import SPEAKER_LABEL
from communique.extract.tokens import Token, tokenize
from communique.gazetteer import lexicon as lx
from communique.util.date_mentions import MONTHS, WEEKDAYS
from communique.util.text import fold

#: longest name, in tokens ("Sergey Viktorovich Lavrov", "Antony J. Blinken", "Abdullah II")
MAX_NAME_TOKENS = 4
_SUFFIXES = frozenset(["ii", "iii", "iv", "jr", "jr.", "sr", "sr.", "mp", "qc", "kc", "obe", "cbe"])
#: a hyphenated part of an Arabic name that a name's length does not count ("Al-Sabah")
_AL_PART = re.compile(r"(?:al|el|bin|ibn|abu|bint)-\w")
#: particles of Arabic names, whose chains of forebears run one name longer ("Sabah
#: Khalid Al Hamad Al Mubarak Al Sabah")
_ARABIC_PARTICLES = frozenset({"al", "bin", "bint", "ibn"})
_CONNECT = frozenset({"of", "for", "the", "and", "to", "on", "in", "at"})


@dataclass
class Mention:
    start: int
    end: int
    name: str | None  # given-name-first display name, None when named by office only
    family: str | None
    title: str | None
    country: str | None
    organization: str | None = None
    #: "name" (a name was written) or "office" (only an office: "the Prime Minister")
    kind: str = "name"
    #: the span of the title phrase, when one was written
    title_span: tuple[int, int] | None = None
    entity: int = -1
    #: written as a possessive ("Minister Motegi's visit"): a person mentioned, not met
    possessive: bool = False


@dataclass
class Entity:
    id: int
    name: str | None
    family: str | None
    title: str | None
    country: str | None
    organization: str | None
    mentions: list[Mention] = field(default_factory=list)
    country_reason: str | None = None
    #: why a principal the text names only by office has a name (the office holders gazetteer)
    name_reason: str | None = None
    #: who held the office of a principal left unnamed, by the gazetteer (not the text)
    office_holder: dict[str, str] | None = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def key(self) -> str:
        return (self.family or self.title or "?").lower()

    def short(self) -> str:
        """ "Prime Minister Abe", "Minister Lavrov": office head and family name."""
        head = _title_head(self.title)
        fam = self.family or ""
        if self.name and fam:
            fam = names.family_by_convention(self.name, fam, self.country)
        return " ".join(x for x in (head, fam) if x) or (self.name or "")


def _title_head(title: str | None) -> str | None:
    if not title:
        return None
    low = title.lower()
    for h in (
        "prime minister",
        "president",
        "foreign minister",
        "secretary of state",
        "foreign secretary",
        "chancellor",
        "king",
        "emperor",
        "premier",
        "minister",
        "secretary",
        "ambassador",
    ):
        if h in low:
            return " ".join(w.capitalize() if w not in ("of",) else w for w in h.split())
    return None


# -- token classes ------------------------------------------------------------------


def _is_honorific(toks: list[Token], i: int) -> int:
    """Length in tokens of an honorific starting at i (0 when none)."""
    hons = lx.honorifics()
    for multi, role in lx.multiword_index().get(toks[i].lower, ()):
        n = len(multi)
        if role == "honorific" and tuple(t.lower for t in toks[i : i + n]) == multi:
            return n
    t = toks[i]
    if t.lower in hons and (t.is_cap or t.lower.startswith("h.e")):
        # "Hon" etc. need a capital; a bare "Sir" too
        return 1
    return 0


def _head_len(toks: list[Token], i: int) -> int:
    for multi, role in lx.multiword_index().get(toks[i].lower, ()):
        n = len(multi)
        if role == "head" and tuple(t.lower for t in toks[i : i + n]) == multi:
            return n
    return 1 if toks[i].lower in lx.heads() else 0


def _nameable(t: Token, nxt: Token | None = None) -> bool:
    if nxt is not None and nxt.is_word and f"{t.lower} {nxt.lower}" in lx.country_forms():
        return False  # "Great Britain", "New Zealand"
    if t.is_initial:
        return True
    if not t.is_word or not t.is_cap:
        return False
    low = t.lower[:-2] if t.lower.endswith(("'s", "’s")) else t.lower
    if low in lx.title_vocab() or low in lx.not_names() or low in lx.honorifics():
        return False
    if low in lx.country_forms():
        return False
    # "Japan-born", "Minister-Designate", "President-elect" are not names
    first = low.split("-")[0]
    return "-" not in low or (first not in lx.country_forms() and first not in lx.title_vocab())


#: words written with a full stop that do not end a sentence
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "jr.", "sr.", "st.", "gen.", "lt.", "col.", "prof.", "amb.",
     "hon.", "rt.", "h.e.", "u.s.", "u.k.", "u.n.", "capt.", "adm."}
)  # fmt: skip


def _ends_sentence(word: str) -> bool:
    low = word.lower()
    if not low.endswith(".") or low in _ABBREVIATIONS or low in lx.honorifics():
        return False  # (a rank's abbreviation: "H.E. LTG. SUON SAMNANG")
    core = low.rstrip(".")
    return len(core) > 2 and "." not in core  # not "J.", "L.P.", "U.S."


def _chain_ok(t: Token) -> bool:
    """Tokens that may stand inside a run of title-and-name words."""
    return t.is_word and (
        t.is_cap or t.lower in _CONNECT or t.lower in _PARTICLES or t.lower in _LOWER_HEADS
    )


#: office nouns written in lower case that still introduce a name ("his Japanese counterpart X")
_LOWER_HEADS = frozenset({"counterpart", "minister"})


# -- the scanner --------------------------------------------------------------------


#: a stretch of words that may hold a name or a title: capitalised words and the small
#: words that join them ("of", "for", "de", "bin", "counterpart"); everything else is
#: skipped before tokenising (a superset: the chain rules below decide)
_REGION = re.compile(
    r"(?:(?:[^\W\d_a-z][^\s,;:()\[\]\"“”]*|(?:of|for|the|and|to|on|in|at|de|da|di|del|della|van|von|der|den|"
    r"ter|bin|binti|bint|al|el|la|le|dos|das|du|counterpart|minister)\b)[ \t]*)+"
)


#: an office written in lower case, as news agencies write it ("Uzbek foreign minister
#: Vladimir Norov", "Vladimir Norov, Uzbekistan's foreign minister,"): read as the
#: capitalised title it stands for
_LOWER_OFFICE = re.compile(
    r"(?<![\w\-])(?<!former\s)(?<!late\s)(?<!then\s)(?<!ex-)"
    r"(?:(?:acting|deputy|vice)\s+)?(?:(?:foreign|defen[cs]e|prime|finance|trade|interior|home|economy|energy)\s+"
    r"(?:minister|secretary)|president|chancellor|premier|vice[- ]president|secretary[- ]general|"
    r"[Ss]ecretary\s+of\s+state|external\s+affairs\s+minister|"
    # news: "EU foreign policy chief X", "China's top diplomat X"
    r"(?:foreign\s+policy|diplomatic|security\s+policy)\s+chief|top\s+diplomat|"
    # "NATO chief X", "UN chief X": the head of the organisation whose acronym precedes
    r"(?<=[A-Z]{2}\s)chief)"
    r"(?=\s+(?:[A-Z][a-z]|H\.E)|(?P<appos>\s*[,;)]|\s+(?:held|met|said|received|spoke|hosted|called|"
    r"discussed|visited|told|was|is|has|had|will|and)\b))"
)
#: before an office written after a name, what makes it that person's title: a country
#: or its adjective ("the acting Uzbek foreign minister", "Uzbekistan's foreign minister")
_OFFICE_OWNER = re.compile(r"(?:[A-Z][\w\-]+|['’]s)\s+$")


#: an organisation's acronym inside a title, before the name: "Secretary of the Mongolian
#: National Security Council (MNSC) Tsagaandari Enkhutuvshin"
_TITLE_ACRONYM = re.compile(r"(?<=[A-Za-z]\s)\([A-Z]{2,8}\)(?=\s+[A-Z][a-z])")


#: an editor's bracketed given names after a title: "Foreign Minister (Shah Mehmood) Qureshi"
_BRACKETED_GIVEN = re.compile(
    r"(?<=[a-z]\s)\((?P<given>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\)(?=\s+[A-Z][a-z])"
)


#: an Arabic article written in lower case inside a name: "Riyad al-Maliki" (read as
#: "Al-Maliki", a name word)
_LOWER_ARTICLE = re.compile(r"\b([A-Z][a-z]+\s+)(al|el|ad|an|ar|as|ash|at|az)(?=-[A-Z])")


#: two offices joined by a slash into one title: "High Representative/Vice-President"
_TITLE_SLASH = re.compile(
    r"\b(Representative|President|Minister|Secretary|Commissioner|Chair|Chairperson|Chairman)/(?=[A-Z])"
)


_MALAY_DATO = re.compile(r"\bDato['’](?=\s)")


def _office_view(text: str) -> str:
    """``text`` with lower-case offices capitalised, acronyms inside titles blanked and
    the brackets of bracketed given names opened (same length, same offsets)."""
    if _TITLE_ACRONYM.search(text):
        text = _TITLE_ACRONYM.sub(lambda m: " " * len(m.group(0)), text)
    if "-" in text and _LOWER_ARTICLE.search(text):
        text = _LOWER_ARTICLE.sub(lambda m: m.group(1) + m.group(2).capitalize(), text)
    if "/" in text and _TITLE_SLASH.search(text):
        text = _TITLE_SLASH.sub(r"\1 ", text)  # "High Representative/Vice-President X": one title
    if "Dato" in text:
        # the Malay honorific "Dato'" read as one word: "Dato' Seri Anwar" -> "Dato  Seri"
        text = _MALAY_DATO.sub("Dato ", text)
    if "(" in text and _BRACKETED_GIVEN.search(text):
        text = _BRACKETED_GIVEN.sub(lambda m: f" {m.group('given')} ", text)
    if not _LOWER_OFFICE.search(text):
        return text

    def up(m: re.Match) -> str:
        if m.group("appos") is not None and not _OFFICE_OWNER.search(text, 0, m.start()):
            return m.group(0)
        return re.sub(r"\b(?!of\b)([a-z])", lambda w: w.group(1).upper(), m.group(0))

    return _LOWER_OFFICE.sub(up, text)


#: capitalised words right before a title ("NATO ", "AU ")
_ORG_BEFORE = re.compile(r"(?<![\w.’'])((?:[A-Z][\w\-]*[ \t]+){1,4})$")


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    end = len(text) if end is None else end
    text = _office_view(text)
    mentions: list[Mention] = []
    for region in _REGION.finditer(text, start, end):
        if not any(c.isupper() for c in region.group(0)):
            continue
        toks = tokenize(text, region.start(), region.end())
        _chains(text, toks, mentions)
    _attach_appositives(text, [], mentions)
    for m in mentions:
        if m.title and m.country is None and m.organization is None:
            _country_after_title(text, m)
        if m.country is None and m.organization is None:
            side = _FROM_SIDE.match(text, m.end)
            if side:  # "Zoran Jankovic from Montenegro's side"
                m.country = lx.lookup_country([side.group(1).lower()])
        if m.title and m.country is None and m.organization is None:
            owner = _POSSESSOR.search(text, max(0, m.start - 40), m.start)
            if owner:  # "Egypt's foreign minister held talks": Egypt's
                m.country = lx.lookup_country([owner.group(1).lower()])
        if m.title and m.country is None and m.organization is None:
            # "NATO Secretary General X", "AU Commission Chairperson X": the organisation
            # written before the title
            before = _ORG_BEFORE.search(text, max(0, m.start - 60), m.start)
            if before:
                words = before.group(1).lower().split()
                for k in range(len(words)):
                    org = lx.find_organization(words[k:])
                    if org and lx.find_organization_span(words[k:])[1] == len(words) - k:
                        m.organization = org
                        break
    return mentions


#: a title that goes on after a comma with more portfolios before its country:
#: "Minister of Foreign Affairs, International Trade and Worship of Argentina"
_TITLE_GOES_ON = re.compile(
    r"(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w\-’']*(?:\s+(?:and|&|[A-Z][\w\-’']*))*){1,4}?"
    r"\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w\-’'.]*(?:\s+(?:of\s+)?[A-Z][\w\-’'.]*){0,4})"
)


def _country_after_title(text: str, m: Mention) -> None:
    """The country of a title whose portfolios run on after a comma ("..., International
    Trade and Worship of Argentina"), when the name or title ends where they start."""
    title_end = m.title_span[1] if m.title_span else m.end
    last = (m.title or "").split()[-1:]
    if title_end != m.end or (last and last[0].lower() in _ORGANISATION_HEADS):
        return  # (an organisation's head has no country: "... and Foreign Minister X of Y")
    tm = _TITLE_GOES_ON.match(text, m.end, min(len(text), m.end + 120))
    if tm is None:
        return
    words = [w.lower() for w in tm.group("c").split()]
    found = lx.find_countries(words)
    if found and found[0][0] == 0:
        m.country = found[0][2]


def _chains(text: str, toks: list[Token], mentions: list[Mention]) -> None:
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not (t.is_word and (t.is_cap or t.lower in ("the",) or t.lower in _LOWER_HEADS)) and (
            not t.lower.startswith("h.e")
        ):
            i += 1
            continue
        # a chain: capitalised words with connectors, no punctuation except "."
        j = i
        while j < n and (_chain_ok(toks[j]) or _is_honorific(toks, j)):
            if toks[j].lower in _CONNECT and not (
                j + 1 < n
                and (
                    toks[j + 1].is_cap
                    or (toks[j + 1].lower == "the" and j + 2 < n and toks[j + 2].is_cap)
                )
            ):
                break
            if toks[j].lower == "and" and (
                not _title_follows(toks, j + 1) or toks[j - 1].lower in _ORGANISATION_HEADS
            ):
                break  # "The Secretary-General and Foreign Minister X": two people
            # two spaces or a line break between tokens end the chain
            if j > i and "\n" in text[toks[j - 1].end : toks[j].start]:
                break
            # "... on Prime Minister Hun Sen. Prime Minister Hun Sen thanked": a full stop
            # after a word (not an initial or an abbreviation) ends the sentence
            if j > i and _ends_sentence(toks[j - 1].text):
                break
            j += 1
        if j == i:
            i += 1
            continue
        mentions.extend(_mentions_in_chain(text, toks, i, j))
        i = j


_ABBREV_HEADS = frozenset({"pm", "fm", "cs"})
#: an international organisation's head, an office no one holds with a national one
_ORGANISATION_HEADS = frozenset({"secretary-general", "director-general"})


def _name_next(toks: list[Token], k: int, j: int) -> bool:
    return k < j and _nameable(toks[k])


def _title_begin(toks: list[Token], i: int, head: int) -> int:
    """Walk back from an office noun over the words of its title ("Japanese Deputy ...")."""
    b = head
    while b > i:
        t = toks[b - 1]
        low = t.lower
        if low == "and":
            break  # "Japan and Minister Kishida": two things, not one title
        if (
            low in lx.title_vocab()
            or low in lx.country_forms()
            or (low.split("-")[0] in lx.country_forms())
        ):
            b -= 1
            continue
        if t.text.startswith("(") or (low in _CONNECT and low != "and"):
            b -= 1
            continue
        break
    while b < head and toks[b].lower in _CONNECT:
        b += 1
    return b


def _particles_then_name(toks: list[Token], r: int, j: int) -> bool:
    """Whether the particles from ``r`` lead to a name before ``j`` ("de la Fuente")."""
    while r < j and toks[r].lower in _PARTICLES:
        r += 1
    return r < j and _nameable(toks[r])


def _title_follows(toks: list[Token], k: int) -> bool:
    """After "and": does a title go on ("Deputy Prime Minister and Minister for ...")?"""
    if k < len(toks) and _is_honorific(toks, k):
        return False  # "... of the United Mexican States and Mr. HAYASHI": another person
    for n, t in enumerate(toks[k : k + 4]):
        if t.lower in lx.heads() or t.lower.split("-")[0] in lx.heads():
            return True  # "... and Foreign Minister-Designate X"
        if not (t.is_cap and t.lower in lx.title_vocab()):
            # "Minister for Europe and Foreign Affairs of France": title words, then "of";
            # "... and Foreign Affairs Jean-Noël Barrot": title words, then a name;
            # "... for Foreign Affairs and Security Policy, Mr. X": title words, then the
            # comma of an apposition
            return n > 0 and (t.lower == "of" or t.text == "," or _nameable(t))
    # title words up to the end of the run of words (a comma ends it): "... for Foreign
    # Affairs and Security Policy, Mr. X"
    return 0 < len(toks) - k < 4


def _mentions_in_chain(text: str, toks: list[Token], i: int, j: int) -> list[Mention]:
    """A chain may hold: [title] [honorific] NAME, or a title alone."""
    out: list[Mention] = []
    k = i
    title_start: int | None = None
    has_head = False
    has_hon = False
    lowers = [t.lower for t in toks[i:j]]
    placey = set()
    for a, b, _iso in lx.find_countries(lowers):
        placey.update(range(i + a, i + b))
    while k < j:
        if k in placey:
            k += 1
            continue
        hl = _is_honorific(toks, k)
        if hl:
            has_hon = True
            k += hl
            continue
        h = _head_len(toks, k)
        if (
            h
            and (toks[k].is_cap or toks[k].lower in _LOWER_HEADS)
            and not (
                toks[k].is_allcaps
                and toks[k].lower in _ABBREV_HEADS
                and not _name_next(toks, k + h, j)
            )
        ):
            has_head = True
            if title_start is None:
                title_start = _title_begin(toks, i, k)
            k += h
            continue
        if _nameable(toks[k], toks[k + 1] if k + 1 < j else None):
            r, possessive = _name_run(toks, k, j, placey)
            run = toks[k:r]
            after_prep = _after_preposition(toks, i, k, has_head, has_hon)
            ends_chain = possessive or r == j or toks[r].lower in _CONNECT
            if (
                (has_head or has_hon)
                # particles do not count: "Abdullah bin Zayed Al Nahyan" is three words long,
                # nor Arabic names' "Al-" parts ("Sabah Khaled Al-Hamad Al-Mubarak Al-Sabah")
                and 1
                <= sum(t.lower not in _PARTICLES and not _AL_PART.match(t.lower) for t in run)
                <= MAX_NAME_TOKENS + any(t.lower in _ARABIC_PARTICLES for t in run)
                and ends_chain
                and not after_prep
            ):
                tstart = title_start if title_start is not None else None
                out.append(_make_mention(text, toks, tstart, k, r, has_hon))
                out[-1].possessive = possessive
                title_start = None
                has_head = has_hon = False
                k = r
                continue
            # not a name: maybe part of the title ("Boao Forum"); go on
            k = r
            continue
        k += 1
    if has_head and title_start is not None and not out:
        # a title with no name: "The Prime Minister", "President of the Republic of Korea"
        office = _office_mention(text, toks, title_start, j)
        if office is not None:
            out.append(office)
    return out


def _after_preposition(toks: list[Token], i: int, k: int, has_head: bool, has_hon: bool) -> bool:
    """Whether the capitalised words at ``k`` follow a preposition of the chain begun at
    ``i``: a place or an event ("Ambassador to Japan", "counterpart at the G20 Summit"),
    not the name of the office's holder."""
    prev = toks[k - 1].lower if k > i else None
    before = toks[k - 2].lower if k > i + 1 else None
    if prev in ("to", "at", "in", "on", "for", "of") and not has_hon:
        return True
    if prev == "the" and before == "of" and has_head:
        # "Minister of Foreign Affairs of the Socialist Repulic of ...": a state's name
        return True
    # "his French counterpart at the G20 Summit": an event, not a name
    return prev == "the" and before in ("to", "at", "in", "on", "for") and not has_hon


def _holders_surname(given: Token, t: Token) -> bool:
    """A word that is mostly no name ("May") ending the full name of an office holder
    the gazetteer lists ("Theresa May")."""
    return (
        t.is_cap
        and t.lower in lx.not_names()
        and f"{given.lower} {t.lower}" in holders.full_names()
    )


def _name_run(toks: list[Token], k: int, j: int, placey: set[int]) -> tuple[int, bool]:
    """Where the run of name tokens from ``k`` ends (before ``j``), and whether its last
    word is a possessive ("Motegi's")."""
    r = k
    while (
        r < j
        and r not in placey
        and (
            _nameable(toks[r], toks[r + 1] if r + 1 < j else None)
            or (toks[r].lower in _PARTICLES and _particles_then_name(toks, r, j))
            or (toks[r].lower.rstrip(".") in _SUFFIXES and r > k)
            or (r > k and _holders_surname(toks[r - 1], toks[r]))
        )
    ):
        r += 1
        if re.search(r"[’']s$", toks[r - 1].lower):
            return r, True
    return r, False


def _office_mention(text: str, toks: list[Token], title_start: int, j: int) -> Mention | None:
    """A title with no name, from ``title_start`` to the chain's end; "his French
    counterpart" ends there ("... counterpart in Rome", "at the G20 Summit": where they
    met, not part of the office)."""
    for c in range(title_start, j - 1):
        if toks[c].lower == "counterpart" and toks[c + 1].lower in _AFTER_COUNTERPART:
            j = c + 1
            break
        if c > title_start and toks[c].lower in ("on", "in") and toks[c + 1].lower in _WHEN_WORDS:
            j = c  # "Turkish Foreign Minister on Saturday spoke with ...": when, not the office
            break
        if (
            c > title_start + 1
            and toks[c].lower == "in"
            and toks[c - 2].lower == "to"
            and toks[c + 1].lower in _CITY_WORDS()
        ):
            j = c  # "the Indian Ambassador to Vietnam in Hanoi": where they met, not the office
            break
    s, e = toks[title_start].start, toks[j - 1].end
    title = _clean_title(text[s:e])
    if not title:
        return None
    country, org = _country_of_title(toks[title_start:j], toks, title_start)
    return Mention(s, e, None, None, title, country, org, kind="office", title_span=(s, e))


#: a day or month after "on"/"in" ends an office: when the meeting was
_WHEN_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)

#: words after "counterpart" that start where or when the meeting was, not the office
_AFTER_COUNTERPART = frozenset(("at", "in", "on", "during", "from", "to", "for"))

#: a title's last word that belongs to what follows it ("Minister of")
_DANGLING = frozenset(("of", "for", "the", "and", "to", "on", "in"))


def _clean_title(s: str) -> str:
    s = re.sub(r"^(?:the|The|former|Former)\s+", "", s.strip())
    # ``re.sub(r"\s+(?:of|...)$", "", s)`` without its backtracking (quadratic in a run
    # of whitespace: 60,000 spaces took 30 s): the last word, when dangling, goes with
    # the whitespace before it
    i = len(s)
    while i > 0 and not s[i - 1].isspace():
        i -= 1
    if i > 0 and s[i:] in _DANGLING:
        s = s[:i].rstrip()
    return " ".join(s.split())


def _make_mention(
    text: str, toks: list[Token], title_i: int | None, k: int, r: int, has_hon: bool
) -> Mention:
    run = toks[k:r]
    words = [t.text for t in run]
    words[-1] = re.sub(r"[’']s$", "", words[-1])
    stop = 1 if _ends_sentence(words[-1]) else 0  # "... Prime Minister Hun Sen."
    if stop:
        words[-1] = words[-1][:-1]
    name, family = names.normalise(words)
    title = None
    title_span = None
    country = None
    org = None
    if title_i is not None:
        # the title ends before the honorific or the name
        te = k
        while te > title_i and (_is_honorific(toks, te - 1) or toks[te - 1].lower in _CONNECT):
            te -= 1
        if te > title_i:
            s, e = toks[title_i].start, toks[te - 1].end
            title = _clean_title(text[s:e])
            title_span = (s, e)
            country, org = _country_of_title(toks[title_i:te], toks, title_i)
    # an adjective right before the title: "Japanese Foreign Minister Motegi"
    first = title_i if title_i is not None else k
    while first > 0 and _is_honorific(toks, first - 1):
        first -= 1
    if country is None and first > 0:
        prev = toks[first - 1]
        iso = lx.adjective_forms().get(re.sub(r"[’']s$", "", prev.lower))
        if iso and prev.is_cap and "\n" not in text[prev.end : toks[first].start]:
            country = iso
    start = toks[title_i].start if title_i is not None else toks[k].start
    # honorifics before the name belong to the mention's span
    h = k
    while h > 0 and _is_honorific(toks, h - 1):
        h -= 1
    if title_i is None:
        start = toks[h].start
    # "Mr. Yasuo Fukuda of Japan"
    if country is None and r + 1 < len(toks) and toks[r].lower == "of":
        found = lx.find_countries([t.lower for t in toks[r + 1 : r + 1 + lx.MAX_FORM_WORDS]])
        if found and found[0][0] in (0, 1):
            country = found[0][2]
    return Mention(
        start, toks[r - 1].end - stop, name, family, title, country, org, "name", title_span
    )


def _country_of_title(
    ttoks: list[Token], toks: list[Token], offset: int
) -> tuple[str | None, str | None]:
    lowers = [t.lower for t in ttoks]
    org = lx.find_organization_span(lowers)
    for a, _b, iso in lx.find_countries(lowers):
        if org and org[0] <= a < org[1]:
            continue  # "Secretary General of the Organization of American States": its own
        if a > 0 and lowers[a - 1] in ("to", "in"):
            continue  # "Ambassador to Kenya": the destination, not the nationality
        if a > 0 and lowers[a - 1] == "for" and lx.find_organization(lowers[: a - 1]):
            continue  # "the United Nations Representative for Afghanistan": the UN's
        if a > 1 and lowers[a - 1] == "the" and lowers[a - 2] in ("to", "in"):
            continue
        return iso, None
    return None, lx.find_organization(lowers)


#: a style written before a name that is no office ("H.H. Sheikh", "Prince"): an office
#: in apposition after the name is the person's title
_STYLE = re.compile(
    r"^(?:H\.\s?H\.\s*|His\s+Highness\s+|HRH\s+)?(?:Sheikh|Shaikh|Prince|Princess|Sheikha|Emir)?\s*$|"
    r"^(?:H\.\s?H\.|His\s+Highness|HRH)(?:\s+(?:Sheikh|Shaikh|Prince|Sheikha))?$",
    re.I,
)


#: an office set off before a name it introduces: "..., the President of Sri Lanka, Mr.Y"
_INTRODUCES_NEXT = re.compile(r",\s*(?:Mr|Ms|Mrs|Dr|H\.\s?E)\.?\s*[A-Z]")


def _attach_appositives(text: str, toks: list[Token], mentions: list[Mention]) -> None:
    """Join "NAME, TITLE" (and "Lavrov, Sergey Viktorovich, TITLE") into one mention."""
    if not mentions:
        return
    by_start = {m.start: m for m in mentions}
    ordered = sorted(mentions, key=lambda m: m.start)
    drop: set[int] = set()
    for idx, m in enumerate(ordered):
        if m.kind != "name" or id(m) in drop:
            continue
        rest = text[m.end : m.end + 200]
        # patronymic form: "Mr. Lavrov, Sergey Viktorovich, Minister ..."
        pm = re.match(r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+", rest)
        if pm and m.name and " " not in m.name and m.title is None:
            given = pm.group(1).split()
            if not any(w.lower() in lx.title_vocab() or w.lower() in lx.not_names() for w in given):
                m.name = " ".join([*given, m.name])
                m.end = m.end + pm.end(1)
                rest = text[m.end : m.end + 200]
        am = re.match(r",?\s*(?:the\s+|former\s+)?", rest)
        nxt = ordered[idx + 1] if idx + 1 < len(ordered) else None
        styled = m.title is not None and _STYLE.match(m.title) is not None
        if (
            am
            and rest.startswith(",")
            and (m.title is None or styled)
            and nxt is not None
            and nxt.kind == "office"
            and nxt.start - m.end <= am.end() + 1
            # "X, the President of Sri Lanka, Mr. Y": the office is the next person's
            and not _INTRODUCES_NEXT.match(text, nxt.end)
        ):
            if styled:
                # "Prince Faisal bin Farhan, Foreign Minister of ...": the office is the title
                m.title, m.title_span = None, None
            if m.title is None:
                m.title = nxt.title
                m.title_span = nxt.title_span
            if m.country is None:
                m.country = nxt.country
            if m.organization is None:
                m.organization = nxt.organization
            m.end = nxt.end
            drop.add(id(nxt))
    if drop:
        mentions[:] = [m for m in mentions if id(m) not in drop]
    del by_start
    _name_title_pairs(text, toks, mentions)


#: the side a person is on: "X from Azerbaijan's side", "Y from the Turkish side"
_FROM_SIDE = re.compile(r"\s+from\s+(?:the\s+)?([A-Z][\w\-]+)(?:['’]s)?\s+side\b")
#: a country's possessive right before a title: "Brazil's Minister of ..."
#: "Egypt's foreign minister", "Turkey's new Foreign Minister": whose office, with a word
#: on its holder's tenure between
_POSSESSOR = re.compile(
    r"\b([A-Z][\w\-]+)['’]s\s+"
    r"(?:(?:new|newly[\s\-](?:appointed|elected)|incoming|outgoing|acting|interim|then)\s+)?$"
)

_NAME_RUN = re.compile(
    # a capital, then letters of any alphabet ("Mircea Geoană", "Šimonytė")
    r"((?:[^\W\d_a-z][^\W\d_’'\-]*(?:[’'\-][^\W\d_]+)*|[A-Z]\.)"
    r"(?:\s+(?:[^\W\d_a-z][^\W\d_’'\-]*(?:[’'\-][^\W\d_]+)*|[A-Z]\.|de|van|von|der|den|da|di|del|della|dos|das|du|bin|al)){1,4})$"
)


#: portfolios listed after a minister's title, each ", Words and Words": at least one
#: "and" or a ministry word, so that a name is never taken for one
_PORTFOLIOS = re.compile(
    r"(?:,\s+(?=[A-Z][^,;.()]{0,60}?(?:\band\b|&|\b(?:Affairs|Cooperation|Trade|Development|Expatriates|"
    r"Immigration|Abroad|Diaspora|Integration|Worship|Commerce|Industry|Investment)\b))"
    # "... and Moroccans abroad": a portfolio of citizens abroad, in lower case
    r"[A-Z][\w\-’']*(?:\s+(?:and|&|of|for|the|abroad|[A-Z][\w\-’']*))*){1,3}(?=,)"
)


#: a name found next to an office: (start, end, words written, the mention's end, whether
#: the title comes first)
_Beside = tuple[int, int, str, int, bool]


def _name_title_pairs(text: str, toks: list[Token], mentions: list[Mention]) -> None:
    """ "Fumio Kishida, the Prime Minister of Japan" and "Secretary of State ..., Nobukatsu
    Kanehara": a bare name next to an office becomes a named mention with that title."""
    covered = [(m.start, m.end) for m in mentions]
    added: list[Mention] = []
    drop: set[int] = set()
    for m in mentions:
        if m.kind != "office":
            continue
        cand = _name_before_office(text, m, covered) or _name_after_office(text, m)
        if cand is None:
            # "Foreign Minister of Japan, H.E. Ms. Yoko Kamikawa": the office names the mention after it
            after = text[m.end : m.end + 4]
            if after.startswith(","):
                nxt = next(
                    (x for x in mentions if x.kind == "name" and 0 < x.start - m.end <= 3), None
                )
                if nxt is not None and nxt.title is None:
                    _take_title(nxt, m)
                    nxt.start = m.start
                    drop.add(id(m))
                elif nxt is not None and nxt.country is None and nxt.organization is None:
                    # "her Pakistani counterpart, Foreign Minister Ali Khan": whose minister
                    nxt.country, nxt.organization = m.country, m.organization
            continue
        s0, e0, written, end, title_first = cand
        if any(a < e0 and s0 < b for a, b in covered):
            same = next((x for x in mentions if x.kind == "name" and x.start == s0), None)
            if title_first and same is not None and same.title is None:
                # "the Prime Minister, Justin Trudeau, spoke": the name already read is
                # the person the office is
                _take_title(same, m)
                drop.add(id(m))
            elif (
                title_first
                and same is not None
                and m.kind == "office"
                and same.country is None
                and same.organization is None
            ):
                # "her Pakistani counterpart, Foreign Minister Ali Khan": whose minister
                same.country, same.organization = m.country, m.organization
            continue
        words = written.split()
        if any(
            w.lower() in lx.not_names()
            or w.lower() in lx.title_vocab()
            or w.lower() in lx.country_forms()
            for w in words
        ):
            continue
        if all(w.lower() in _CITY_WORDS() for w in words):
            continue  # "Tokyo, Prime Minister ...", not "Santiago Cafiero, Minister ..."
        name, family = names.normalise(words)
        start = m.start if title_first else s0
        added.append(
            Mention(
                start, end, name, family, m.title, m.country, m.organization, "name", m.title_span
            )
        )
        covered.append((s0, e0))
        drop.add(id(m))
    if added:
        mentions[:] = [x for x in mentions if id(x) not in drop] + added
        mentions.sort(key=lambda x: x.start)


def _take_title(named: Mention, office: Mention) -> None:
    """A named mention takes the title (and country) of the office written beside it."""
    named.title, named.title_span = office.title, office.title_span
    named.country = named.country or office.country
    named.organization = named.organization or office.organization


def _name_before_office(text: str, m: Mention, covered: list[tuple[int, int]]) -> _Beside | None:
    """ "Fumio Kishida, the Prime Minister of Japan": the name before an office (and the
    office's organisation or country written between them, given to ``m``)."""
    before = text[max(0, m.start - 60) : m.start]
    bm = re.search(
        r"(?:^|[\s(])"
        + _NAME_RUN.pattern[:-1]
        + r",\s+(?:the\s+|former\s+)?(?:acting\s+|interim\s+)?(?P<acr>[A-Z][A-Z.]{1,7}\s+)?(?P<poss>[A-Z][\w\-]+['’]s\s+)?$",
        before,
    )
    if bm and "\n" in bm.group(1):
        return None  # "Ottawa, Ontario\n\nToday, the Prime Minister": lines, not a name
    if bm and bm.group("acr"):
        # "Mircea Geoană, NATO Deputy Secretary General": the organisation before the title
        org = lx.find_organization([bm.group("acr").strip().lower()])
        iso = lx.lookup_country([bm.group("acr").strip().lower()])
        if org is None and iso is None:
            return None
        if m.organization is None and m.country is None:
            m.organization, m.country = org, iso
    if bm and bm.group("poss") and m.country is None and m.organization is None:
        # "Vladimir Norov, Uzbekistan's Foreign Minister": the country before the title
        m.country = lx.lookup_country([bm.group("poss").strip().lower()[:-2]])
    if not bm:
        return None
    s0 = m.start - len(before) + bm.start(1)
    if any(a < s0 + len(bm.group(1)) and s0 < b for a, b in covered):
        # "Minister Takisawa, Secretary of State ..., Nobukatsu Kanehara": the name
        # before is someone else's; the title is the name's after it
        return None
    return s0, s0 + len(bm.group(1)), bm.group(1), m.end, False


def _name_after_office(text: str, m: Mention) -> _Beside | None:
    """ "Secretary of State ..., Nobukatsu Kanehara": the name after an office and the
    portfolios it goes on with ("Minister of Foreign Affairs, African Cooperation and
    Moroccan Expatriates, Nasser Bourita"; whose minister is given to ``m``)."""
    skip = _PORTFOLIOS.match(text, m.end, min(len(text), m.end + 160))
    at = skip.end() if skip else m.end
    if skip and m.country is None and m.organization is None:
        # "... and Moroccan Expatriates", "... and Egyptians Abroad": whose minister
        for w in re.findall(r"[A-Z][a-z]+", skip.group(0)):
            iso = lx.lookup_country([w.lower()]) or lx.lookup_country([w.lower()[:-1]])
            if iso:
                m.country = iso
                break
    after = text[at : at + 60]
    am = re.match(
        r",\s+"
        + _NAME_RUN.pattern[:-1]
        # not ending on a middle initial: "Donald J. Trump", not "Donald J"
        + r"(?<!\s[A-Z])(?=\s*(?:,|\band\b|\.|;|\s+(?:held|met|said|was|is|has|had|will|[a-z]{2,}ed)\b))",
        after,
    )
    if not am:
        return None
    s0 = at + am.start(1)
    owner = _POSSESSOR.search(text, max(0, m.start - 40), m.start)
    if owner and m.country is None and m.organization is None:
        # "Brazil's Minister of Foreign Affairs, Ana Lima": whose minister
        m.country = lx.lookup_country([owner.group(1).lower()])
    return s0, s0 + len(am.group(1)), am.group(1), s0 + len(am.group(1)), True


def _CITY_WORDS() -> frozenset[str]:
    return lx.city_words()


# -- bare names -----------------------------------------------------------------------


class Spans:
    """Fixed (start, end) spans asked "does one contain x / overlap [s, e)?" in log time
    (a scan of every span per question was quadratic on 20,000 names)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to here
        top = -1
        for _, b in ordered:
            top = max(top, b)
            self.reach.append(top)

    def covers(self, x: int) -> bool:
        """``any(a <= x < b for a, b in spans)``"""
        i = bisect_right(self.starts, x)
        return i > 0 and self.reach[i - 1] > x

    def overlaps(self, s: int, e: int) -> bool:
        """``any(a < e and s < b for a, b in spans)``"""
        i = bisect_left(self.starts, e)
        return i > 0 and self.reach[i - 1] > s


_BARE = re.compile(
    r"\b(?=([A-Z][a-z]+(?:[-'][A-Za-z]+)?)[ \t]+([A-Z][a-z]+(?:[-'][A-Za-z]+)?)"
    r"(?:[ \t]+([A-Z][a-z]+(?:[-'][A-Za-z]+)?))?\b)"
)


def find_bare_mentions(
    text: str, known: dict[str, str], taken: list[tuple[int, int]]
) -> list[Mention]:
    """Full names written without title or honorific that the gazetteer of office
    holders knows ("Vladimir Putin and Shinzo Abe made statements")."""
    out: list[Mention] = []
    end_of_last = -1
    spans = Spans(taken)
    for m in _BARE.finditer(text):
        s0 = m.start(1)
        if s0 < end_of_last:
            continue
        for k in (3, 2):
            if not m.group(k):
                continue
            e0 = m.end(k)
            if spans.overlaps(s0, e0):
                break
            words = [m.group(x) for x in range(1, k + 1)]
            iso = known.get(" ".join(words).lower())
            if iso is None:
                continue
            name, family = names.normalise(words)
            out.append(Mention(s0, e0, name, family, None, iso or None, None, "name"))
            end_of_last = e0
            break
    return out


#: a full name written bare right after "and" or right before it, beside a person
#: ("Elmar Mammadyarov and Edward Nalbandian met"): two or three capitalised words
_AND_BARE = re.compile(
    r"\band[ \t]+((?:[A-Z][a-z]+(?:[-'][A-Za-z]+)?[ \t]+){1,2}[A-Z][a-z]+(?:[-'][A-Za-z]+)?)\b(?![ \t]*[A-Z(])"
)
_BARE_AND = re.compile(
    r"(?:^|(?<=[\s,;(]))((?:[A-Z][a-z]+(?:[-'][A-Za-z]+)?[ \t]+){1,2}[A-Z][a-z]+(?:[-'][A-Za-z]+)?)[ \t]+and\b"
)


def find_coordinated_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Full names written bare and joined by "and" to a person already found, whom no
    gazetteer knows ("Elmar Mammadyarov and Edward Nalbandian"): like is joined with like.
    A sequence is a name only when no word of it is a title, a country, a city, an
    organisation's, a month or a word the name lists rule out."""
    named = [m for m in mentions if m.kind == "name"]
    if not named:
        return []
    spans = Spans([(m.start, m.end) for m in mentions])
    ends = {m.end for m in named}
    starts = {m.start for m in named}
    out: list[Mention] = []
    for rx, beside in ((_AND_BARE, "before"), (_BARE_AND, "after")):
        for m in rx.finditer(text):
            s0, e0 = m.start(1), m.end(1)
            if spans.overlaps(s0, e0):
                continue
            # the person found sits right before "and ..." or right after "... and"
            near = (
                range(m.start() - 3, m.start() + 1)
                if beside == "before"
                else range(m.end(), m.end() + 3)
            )
            if not any(x in (ends if beside == "before" else starts) for x in near):
                continue
            words = m.group(1).split()
            if not plain_name(words):
                continue
            name, family = names.normalise(words)
            out.append(Mention(s0, e0, name, family, None, None, None, "name"))
    return out


def plain_name(words: list[str]) -> bool:
    """Whether capitalised ``words`` can only be a person's name."""
    lowers = [w.lower() for w in words]
    blocked = lx.title_vocab() | lx.not_names() | lx.city_words()
    if any(w in blocked or w in MONTHS or w in WEEKDAYS for w in lowers):
        return False
    if any(
        " ".join(lowers[i:j]) in lx.city_names()
        for i in range(len(lowers))
        for j in range(i + 1, len(lowers) + 1)
    ):
        return False
    return not lx.find_countries(lowers) and lx.find_organization_span(lowers) is None


# -- entities -------------------------------------------------------------------------

_OFFICE_KEYS = (
    (
        "PM",
        re.compile(
            r"\bprime minister\b|\bpremier\b|\btaoiseach\b|\bchancellor\b(?!.*exchequer)|\bpm\b",
            re.I,
        ),
    ),
    (
        "FM",
        re.compile(
            r"\bforeign minister|minister (?:for|of) (?:the )?foreign|\bforeign secretary|secretary of state\b"
            r"(?! at)|external affairs minister|minister of external affairs|minister for external|"
            r"minister (?:of|for) external relations",
            re.I,
        ),
    ),
    (
        "DM",
        re.compile(
            r"defen[cs]e minister|minister (?:of|for) (?:national )?defen[cs]e|"
            r"secretary of defen[cs]e|defen[cs]e secretary",
            re.I,
        ),
    ),
    (
        "PRES",
        re.compile(r"^(?:the\s+)?president\b(?! of the (?:european|general|un|security))", re.I),
    ),
    ("KING", re.compile(r"\bking\b|\bemperor\b|\bqueen\b|\bsultan\b|\bemir\b", re.I)),
    # the heads of international organisations ("The Secretary-General met ..."), one key
    # per office: a Secretary-General and a High Representative are two people
    ("SG", re.compile(r"^(?:the\s+)?secretary[- ]general\b", re.I)),
    ("HR", re.compile(r"^(?:the\s+)?high representative\b", re.I)),
    ("DG", re.compile(r"^(?:the\s+)?director[- ]general\b", re.I)),
    # "The Chairperson of the African Union Commission received ..."
    ("CHAIR", re.compile(r"^(?:the\s+)?chair(?:person|man|woman)\b", re.I)),
)


#: offices written alone that stand for one person ("The Secretary met ...")
BARE_OFFICES = frozenset(
    {"secretary", "minister", "president", "chancellor", "premier", "taoiseach", "tánaiste"}
)

_PLURAL_OFFICE = re.compile(
    r"\b(?:ministers|secretaries|leaders|presidents|ambassadors|officials|delegations|heads|members|envoys)\b",
    re.I,
)


def office_key(title: str | None) -> str | None:
    if not title:
        return None
    low = title.lower()
    if "former" in low or "deputy" in low or "vice" in low:
        return None
    for key, rx in _OFFICE_KEYS:
        if rx.search(low):
            return key
    return None


def _fold(s: str) -> str:
    return fold(s)


def _other_given_name(known: str | None, name: str | None, family: str | None) -> bool:
    """Whether two full names share the family name but not the given name."""
    if not known or not name or not family:
        return False
    fam = _fold(family).split()

    def given(full: str) -> list[str]:
        return [w for w in _fold(full).split() if w not in fam and len(w.rstrip(".")) > 1]

    a, b = given(known), given(name)
    return bool(a and b) and not (set(a) & set(b)) and a[0][:1] != b[0][:1]


def _bare_title(title: str | None) -> str:
    """A title without the country or adjective before it ("UK Foreign Secretary" ->
    "foreign secretary")."""
    words = (title or "").lower().split()
    while words and (
        words[0] in ("the", "former")
        or re.sub(r"[’']s$", "", words[0]) in lx.adjective_forms()
        or words[0] in lx.country_forms()
    ):
        words = words[1:]
    return " ".join(words)


def build_entities(mentions: list[Mention]) -> list[Entity]:
    """Join mentions of one person: same family name, or the same office named alone."""
    entities: list[Entity] = []
    by_name = _ByName(entities)
    ordered = sorted(mentions, key=lambda x: x.start)
    for m in ordered:
        if m.kind == "name" and m.family:
            by_name.join(m)
    # names and titles no longer change below, and entities made below have no name
    by_office = _ByOffice(entities)
    for m in ordered:
        if m.kind == "office":
            by_office.join(m)
    return entities


def _given(e: Entity) -> str | None:
    return _fold(e.name.split()[0]) if e.name and e.name.split() else None


def _surname(e: Entity) -> str | None:
    words = e.name.split() if e.name else []
    return _fold(words[-1]) if len(words) > 2 else None


def _first(
    index: dict[str, list[Entity]], word: Callable[[Entity], str | None], key: str
) -> Entity | None:
    """The first entity (in entity order) whose ``word`` is ``key`` now."""
    return min((e for e in index.get(key, ()) if word(e) == key), key=lambda e: e.id, default=None)


class _ByName:
    """Joins the mentions that write a name to the entity of the same person.

    Its indexes keep the joins near-linear (scans of every entity were quadratic: 20,000
    distinct names took minutes); each gives what the scan gave: the first entity, in
    entity order, that the scan's condition holds for now.
    """

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.by_family: dict[str, Entity] = {}
        self.by_last_word: dict[str, Entity] = {}  # the first family key ending " word"
        self.by_given: dict[str, list[Entity]] = {}  # entities whose name began with the word
        self.by_surname: dict[str, list[Entity]] = {}  # ... whose name of 3+ words ended with it

    def index(self, e: Entity) -> None:
        if _given(e) is not None:
            self.by_given.setdefault(_given(e), []).append(e)
        if _surname(e) is not None:
            self.by_surname.setdefault(_surname(e), []).append(e)

    def new(self, m: Mention) -> Entity:
        ent = Entity(len(self.entities), m.name, m.family, m.title, m.country, m.organization)
        self.entities.append(ent)
        return ent

    def join(self, m: Mention) -> None:
        assert m.family is not None
        key = _fold(m.family)
        ent = self.by_family.get(key)
        if ent is not None and _other_given_name(ent.name, m.name, m.family):
            # "Mahinda Rajapaksa" and "Basil Rajapaksa": one family, two people
            ent = self.new(m)
            self.index(ent)
        elif ent is None:
            ent = self.written_otherwise(m, key)
            if ent is None:
                # a family-only mention may be the given name's owner written in the other order
                ent = self.new(m)
                self.by_family[key] = ent
                if " " in key:
                    self.by_last_word.setdefault(key.rsplit(" ", 1)[1], ent)
                self.index(ent)
            else:
                self.fill(ent, m)
        else:
            self.fill(ent, m)
        m.entity = ent.id
        ent.mentions.append(m)

    def written_otherwise(self, m: Mention, key: str) -> Entity | None:
        """The entity of a person whose family name ``m`` writes otherwise than before."""
        ent = None
        if " " not in key:
            # "Secretary Rosario" after "Albert F. del Rosario"; "Minister Patriota" after
            # "Antonio de Aguiar Patriota" (whose written family name was "de Aguiar")
            ent = self.by_last_word.get(key) or _first(self.by_surname, _surname, key)
        if ent is None and (not m.name or m.name == m.family):
            # "Foreign Minister Kasit" after "Mr. Kasit Piromya": some name people by given name
            ent = _first(self.by_given, _given, key)
        if ent is None and m.name and len(m.name.split()) >= 2:
            # "Josep Borrell" and "Josep Borrell Fontelles": one given name, and one's family
            # name among the other's names (a second surname written or left out)
            words = set(_fold(m.name).split())
            fam = set(key.split())
            ent = min(
                (
                    e
                    for e in self.by_given.get(_fold(m.name.split()[0]), ())
                    if e.name
                    and len(e.name.split()) >= 2
                    and len(e.name.split()) != len(m.name.split())
                    and (fam <= set(_fold(e.name).split()) or set(_fold(e.family).split()) <= words)
                ),
                key=lambda e: e.id,
                default=None,
            )
        return ent

    def fill(self, ent: Entity, m: Mention) -> None:
        """What ``m`` writes more fully than the entity's earlier mentions."""
        if m.name and (not ent.name or len(m.name.split()) > len(ent.name.split())):
            ent.name = m.name
            self.index(ent)
        if m.title and (ent.title is None or len(m.title) > len(ent.title)):
            ent.title = (
                m.title
            )  # the fullest office written ("Secretary of State", not "Secretary")
        if ent.country is None and m.country:
            ent.country = m.country
        if ent.organization is None and m.organization:
            ent.organization = m.organization


class _ByOffice:
    """Joins the mentions that write only an office to the person who holds it.

    Indexes: the named entities by title, bare title and title word, the nameless by
    title, and every entity by office, in entity order (added to as entities are made).
    """

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.by_title: dict[str, list[Entity]] = {}
        self.by_bare_title: dict[str, list[Entity]] = {}
        self.by_title_word: dict[str, list[Entity]] = {}
        self.nameless_by_title: dict[str, Entity] = {}
        self.by_office: dict[str, list[Entity]] = {}
        for e in entities:
            if e.name and e.title:
                self.by_title.setdefault(e.title.lower(), []).append(e)
                self.by_bare_title.setdefault(_bare_title(e.title), []).append(e)
                for word in dict.fromkeys(e.title.lower().split()):
                    self.by_title_word.setdefault(word, []).append(e)
            self.add_office(e)

    def add_office(self, e: Entity) -> None:
        if e.name is None:
            self.nameless_by_title.setdefault((e.title or "").lower(), e)
        k = office_key(e.title)
        if k is not None:
            self.by_office.setdefault(k, []).append(e)

    def new(self, m: Mention) -> Entity:
        ent = Entity(len(self.entities), None, None, m.title, m.country, m.organization)
        self.entities.append(ent)
        self.add_office(ent)
        return ent

    def join(self, m: Mention) -> None:
        if _PLURAL_OFFICE.search(m.title or ""):
            return  # "the two Foreign Ministers" is not one person
        exact = self.by_title.get((m.title or "").lower(), []) or self.by_bare_title.get(
            # "The Foreign Secretary" after "UK Foreign Secretary James Cleverly"
            _bare_title(m.title),
            [],
        )
        # "the Indian foreign minister" is not the Russian Foreign Minister named before
        exact = [e for e in exact if m.country is None or e.country in (None, m.country)]
        ent: Entity | None = exact[0] if len(exact) == 1 else None
        key = office_key(m.title)
        if ent is None and key is None and (m.title or "").lower() in BARE_OFFICES:
            # "The Secretary": the one named person with that word in their title, else
            # someone of its own (the publisher's principal, decided later)
            word = (m.title or "").lower()
            named = self.by_title_word.get(word, [])
            if len(named) > 1:
                return
            ent = named[0] if named else self.nameless_by_title.get(word) or self.new(m)
        elif (
            ent is None
            and key is None
            and m.country
            and (m.title or "").lower().endswith("counterpart")
        ):
            # "with his Qatari counterpart": someone of that country, unnamed
            ent = Entity(len(self.entities), None, None, m.title, m.country, m.organization)
            self.entities.append(ent)
        elif ent is None and key is None and m.country and "ambassador" in (m.title or "").lower():
            # "the Indian Ambassador to Vietnam ... Ambassador Harish Parvathaneni": the one
            # named ambassador not known to be of another country
            named = [
                e
                for e in self.by_title_word.get("ambassador", [])
                if e.country in (None, m.country)
            ]
            if len(named) != 1:
                return
            ent = named[0]
            ent.country = ent.country or m.country
        elif ent is None:
            if key is None:
                return
            same = [
                e
                for e in self.by_office.get(key, ())
                if m.country is None or e.country in (None, m.country)
            ]
            named_same = [e for e in same if e.name]
            if len(named_same) > 1:
                return
            ent = named_same[0] if named_same else same[0] if same else self.new(m)
        if ent.country is None and ent.organization is None and m.organization:
            # "The Secretary-General of ASEAN ... Secretary-General Kao": the office's
            # organisation is the holder's (a country is left to the later stages, which
            # know the office holders)
            ent.organization = m.organization
        m.entity = ent.id
        ent.mentions.append(m)


def find_speakers(text: str, known: dict[str, str], taken: list[tuple[int, int]]) -> list[Mention]:
    """Speakers of a transcript ("SECRETARY BLINKEN:", "MARISE PAYNE:") as mentions."""
    out: list[Mention] = []
    spans = Spans(taken)
    for m in SPEAKER_LABEL.finditer(text[:50000]):
        s0, e0 = m.start(1), m.end(1)
        if spans.covers(s0):
            continue
        label = m.group(1)
        words = label.split()
        if any(w.lower() in lx.heads() for w in words):
            continue  # a titled label is found by find_mentions already
        if not 2 <= len(words) <= 3 or any(
            w.lower() in lx.not_names() or w.lower() in lx.title_vocab() for w in words
        ):
            continue
        name, family = names.normalise([w.capitalize() for w in words])
        iso = known.get(name.lower()) or None
        out.append(Mention(s0, e0, name, family, None, iso, None, "name"))
    return out


_ACRO = re.compile(r"\b[A-Z]{2,5}\b")


def find_acronyms(text: str, entities: list[Entity], mentions: list[Mention]) -> list[Mention]:
    """ "EAM held talks ...": an acronym of a person's office ("External Affairs Minister")
    stands for that person when exactly one person holds such an office."""
    acros: dict[str, list[Entity]] = {}
    for e in entities:
        if not e.name or not e.title:
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", e.title) if w.lower() not in _CONNECT]
        if 2 <= len(words) <= 5:
            acros.setdefault("".join(w[0].upper() for w in words), []).append(e)
    if not acros:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for m in _ACRO.finditer(text):
        owners = acros.get(m.group(0))
        if not owners or len(owners) != 1 or any(a <= m.start() < b for a, b in taken):
            continue
        e = owners[0]
        mm = Mention(
            m.start(), m.end(), e.name, e.family, e.title, e.country, e.organization, "name"
        )
        mm.entity = e.id
        e.mentions.append(mm)
        out.append(mm)
    return out
