"""Latin spellings for names the gazetteer lacks.

* Japanese: modified Hepburn from a katakana reading (the tokeniser's, for kanji), as
  Japan's passports and MOFA's English pages write names: long vowels unmarked
  (コウノ -> Kono, オオノ -> Ono), ``n`` as ``m`` before b, m, p (ゲンバ -> Gemba), a small
  ッ doubling the next consonant (ハットリ -> Hattori).
* Russian: BGN/PCGN-style romanisation without diacritics or soft and hard signs
  (Шойгу -> Shoygu, Лавров -> Lavrov, Ельцин -> Yeltsin).
"""

from __future__ import annotations

import re

_KANA = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "シェ": "she", "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che", "ニャ": "nya",
    "ニュ": "nyu", "ニョ": "nyo", "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya",
    "ミュ": "myu", "ミョ": "myo", "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya",
    "ギュ": "gyu", "ギョ": "gyo", "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ジェ": "je",
    "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
    "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve",
    "ヴォ": "vo", "ツァ": "tsa", "トゥ": "tu", "ドゥ": "du",
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku",
    "ケ": "ke", "コ": "ko", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to", "ナ": "na", "ニ": "ni",
    "ヌ": "nu", "ネ": "ne", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he",
    "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya",
    "ユ": "yu", "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge",
    "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo", "ダ": "da",
    "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu",
    "ベ": "be", "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu",
    "ョ": "yo",
}  # fmt: skip


def _to_katakana(s: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in s)


def hepburn(kana: str) -> str:
    """Modified Hepburn of a kana string, capitalised: ``コウノ`` -> ``Kono``."""
    s = _to_katakana(kana).replace("・", " ").replace("＝", "-")
    out: list[str] = []
    i = 0
    double = False
    while i < len(s):
        c = s[i]
        if c == "ッ":
            double = True
            i += 1
            continue
        if c == "ー":
            i += 1
            continue
        if c == "ン":
            nxt = s[i + 1 : i + 2]
            syl = _KANA.get(nxt, "")
            out.append("m" if syl[:1] in ("b", "m", "p") else "n")
            i += 1
            continue
        syl = _KANA.get(s[i : i + 2]) or _KANA.get(c)
        step = 2 if _KANA.get(s[i : i + 2]) else 1
        if syl is None:
            out.append(c)
            i += 1
            continue
        if double:
            out.append("t" if syl.startswith("ch") else syl[0])
            double = False
        out.append(syl)
        i += step
    text = "".join(out)
    # long vowels are not marked: ou, oo, uu -> o, o, u (Kōno -> Kono)
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_VOWELS = set("аеёиоуыэюяьъй")


def cyrillic(text: str) -> str:
    """BGN/PCGN-style Latin of Russian Cyrillic: ``Ельцин`` -> ``Yeltsin``."""
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if low not in _CYR:
            out.append(ch)
            prev = ""
            continue
        lat = _CYR[low]
        if low == "е" and (not prev or prev in _VOWELS):
            lat = "ye"
        if ch != low and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev = low if low.isalpha() else ""
    return "".join(out).replace("yy", "y")


#: Russian (Polivanov) spellings of Japanese syllables back to Hepburn (longest first)
_POLIVANOV = sorted(
    {
        "дзюн": "jun", "дзю": "ju", "дзё": "jo", "дзя": "ja", "дзи": "ji", "дзу": "zu",
        "дзэ": "ze", "дзо": "zo", "дза": "za", "сю": "shu", "сё": "sho", "ся": "sha", "си": "shi",
        "тю": "chu", "тё": "cho", "тя": "cha", "ти": "chi", "цу": "tsu", "кю": "kyu", "кё": "kyo",
        "кя": "kya", "рю": "ryu", "рё": "ryo", "ря": "rya", "гю": "gyu", "гё": "gyo", "ню": "nyu",
        "нё": "nyo", "хё": "hyo", "мё": "myo", "бё": "byo", "пё": "pyo", "ка": "ka", "ки": "ki",
        "ку": "ku", "кэ": "ke", "ке": "ke", "ко": "ko", "са": "sa", "су": "su", "сэ": "se",
        "се": "se", "со": "so", "та": "ta", "тэ": "te", "те": "te", "то": "to", "на": "na",
        "ни": "ni", "ну": "nu", "нэ": "ne", "не": "ne", "но": "no", "ха": "ha", "хи": "hi",
        "фу": "fu", "хэ": "he", "хе": "he", "хо": "ho", "ма": "ma", "ми": "mi", "му": "mu",
        "мэ": "me", "ме": "me", "мо": "mo", "я": "ya", "ю": "yu", "ё": "yo", "ра": "ra",
        "ри": "ri", "ру": "ru", "рэ": "re", "ре": "re", "ро": "ro", "ва": "wa", "га": "ga",
        "ги": "gi", "гу": "gu", "гэ": "ge", "ге": "ge", "го": "go", "да": "da", "дэ": "de",
        "де": "de", "до": "do", "ба": "ba", "би": "bi", "бу": "bu", "бэ": "be", "бе": "be",
        "бо": "bo", "па": "pa", "пи": "pi", "пу": "pu", "пэ": "pe", "пе": "pe", "по": "po",
        "а": "a", "и": "i", "у": "u", "э": "e", "е": "e", "о": "o", "й": "i", "н": "n", "ъ": "",
    }.items(),
    key=lambda kv: -len(kv[0]),
)  # fmt: skip


def polivanov(word: str) -> str | None:
    """Hepburn of a Japanese name in Russian (Polivanov) spelling, or None when the word is
    not made of Japanese syllables: ``Хасимото`` -> ``Hashimoto``, ``Коидзуми`` -> ``Koizumi``."""
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        for cyr, lat in _POLIVANOV:
            if low.startswith(cyr, i):
                out.append(lat)
                i += len(cyr)
                break
        else:
            return None
    text = "".join(out)
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text[:1].upper() + text[1:] if text else None


#: spellings that a Japanese transcription of an English-written name turns into one
#: sound, in order (digraphs first); both sides are folded through these before vowels,
#: "h", "w" and "y" go and doubled letters collapse
_SOUND_RULES = (
    ("sch", "s"), ("sh", "s"), ("ch", "t"), ("th", "s"), ("ph", "b"), ("ts", "s"),
    ("tz", "s"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("z", "s"), ("l", "r"), ("v", "b"),
    ("f", "b"),
)  # fmt: skip


def sound_key(latin: str, *, english: bool = False, silent_r: bool = True) -> str:
    """A rough consonant skeleton on which an English spelling and the Hepburn
    romanisation of its katakana transcription agree ("Tillerson" and "Tirason": trsn;
    "Steinmeier" and "Shutaimmaiya": stnm). ``english``: the spelling is the name's own,
    so a soft c or g is an s or a j, a final "ng" one n, and (``silent_r``) an r before a
    consonant or at the end is silent, as katakana writes English names (not Hindi ones:
    "Jaishankar", Jaishankaru)."""
    s = "".join(ch for ch in latin.lower() if ch.isalpha() and ch.isascii())
    if english:
        if silent_r:
            s = re.sub(r"r(?![aeiouy])", "", s)
        s = re.sub(r"c(?=[eiy])", "s", s)
        s = re.sub(r"g(?=[eiy])", "j", s)
        s = re.sub(r"ng$", "n", s)
    else:
        s = re.sub(r"m(?=[bmp])", "n", s)  # Hepburn writes ン as m before b, m, p
    for a, b in _SOUND_RULES:
        s = s.replace(a, b)
    s = s.replace("c", "k")
    s = re.sub(r"m(?=[bp])", "n", s)
    s = re.sub(r"[aeiouhwy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)
