"""The tiny language guesser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from communique.html import html_to_text
from communique.language import detect_language
from communique.sources import read_path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def test_every_corpus_file_is_english() -> None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        pytest.skip("shared corpus not available")
    wrong = {}
    for path in files:
        text, _ = read_path(path)
        tag, confidence = detect_language(text)
        if tag != "en" or confidence < 0.5:
            wrong[path.name] = (tag, confidence)
    assert wrong == {}


def test_dev_gold_example_is_english() -> None:
    path = SHARED / "eval" / "dev" / "mofa_jp_ru_2019_02_16.txt"
    if not path.is_file():
        pytest.skip("shared dev set not available")
    tag, confidence = detect_language(read_path(path)[0])
    assert tag == "en" and confidence > 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\u6cb3\u91ce\u5916\u52d9\u5927\u81e3\u306f\u3001\u30e9\u30d6\u30ed\u30d5\u30fb\u30ed\u30b7\u30a2"
            "\u5916\u76f8\u3068\u7d041\u6642\u959340\u5206\u4f1a\u8ac7\u3092\u884c\u3044\u307e\u3057\u305f\u3002",
            "ja",
        ),
        (
            "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 "
            "\u0434\u0435\u043b \u0420\u043e\u0441\u0441\u0438\u0438 \u043f\u0440\u043e\u0432\u0451\u043b "
            "\u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0441 \u043c\u0438\u043d\u0438\u0441\u0442\u0440\u043e\u043c "
            "\u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u042f\u043f\u043e\u043d\u0438\u0438.",
            "ru",
        ),
        (
            "\u738b\u6bc5\u5916\u957f\u5728\u4e1c\u4eac\u4f1a\u89c1\u65e5\u672c\u524d\u9996\u76f8\u3002",
            "zh",
        ),
        (
            "\uc678\uad50\ubd80 \uc7a5\uad00\uc740 \uc77c\ubcf8 \uc678\ubb34\uc0c1\uacfc \ud68c\ub2f4\uc744 \uac00\uc84c\ub2e4.",
            "ko",
        ),
        (
            "\u0627\u0644\u062a\u0642\u0649 \u0648\u0632\u064a\u0631 \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629 \u0628\u0646\u0638\u064a\u0631\u0647.",
            "ar",
        ),
    ],
)
def test_other_scripts_are_not_english(text: str, expected: str) -> None:
    tag, confidence = detect_language(text)
    assert tag == expected
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre des Affaires \u00e9trang\u00e8res a rencontr\u00e9 son homologue japonais \u00e0 Paris. "
            "Les deux ministres ont discut\u00e9 de la situation dans la r\u00e9gion et de la coop\u00e9ration "
            "entre les deux pays.",
            "fr",
        ),
        (
            "Der Au\u00dfenminister hat sich mit seinem japanischen Amtskollegen in Berlin getroffen. Die "
            "beiden Minister sprachen \u00fcber die Lage in der Region und die Zusammenarbeit zwischen den "
            "beiden L\u00e4ndern.",
            "de",
        ),
        (
            "El ministro de Asuntos Exteriores se reuni\u00f3 con su hom\u00f3logo japon\u00e9s en Madrid. Los "
            "dos ministros hablaron sobre la situaci\u00f3n en la regi\u00f3n y la cooperaci\u00f3n entre los dos "
            "pa\u00edses.",
            "es",
        ),
    ],
)
def test_other_latin_languages_are_not_english(text: str, expected: str) -> None:
    assert detect_language(text)[0] == expected


def test_english_sentence() -> None:
    tag, confidence = detect_language(
        "On February 16, the two ministers held a meeting for about an hour and confirmed that "
        "the negotiations will continue in the near future."
    )
    assert tag == "en" and confidence > 0.5


def test_english_with_a_japanese_name_in_it() -> None:
    text = (
        "The Prime Minister visited the shrine (\u9756\u56fd\u795e\u793e) and then met the Governor of "
        "Tokyo, with whom he discussed the preparations for the summit in the autumn."
    )
    assert detect_language(text)[0] == "en"


def test_undetermined() -> None:
    assert detect_language("") == ("und", 0.0)
    assert detect_language("12:30 -- 2019/02/16 !!!") == ("und", 0.0)
    tag, confidence = detect_language("Xqzt blorp vrrk snee twop")
    assert tag == "und" and confidence < 0.5


def test_short_english_title_is_weak() -> None:
    tag, confidence = detect_language("Meeting of the Foreign Ministers")
    assert tag == "en" and confidence < 0.5


def test_html_fixtures() -> None:
    for name, expected in (
        ("shift_jis_mofa.html", "ja"),
        ("mofa_jp_ru_meeting.html", "en"),
        ("govuk_pm_meeting.html", "en"),
        ("state_readout.html", "en"),
        ("fmprc_wang_yi_meeting.html", "en"),
    ):
        text, _ = html_to_text(read_path(FIXTURES / name)[0])
        assert detect_language(text)[0] == expected, name


def test_long_text_is_fast() -> None:
    text = "The two ministers agreed to meet again in the near future. " * 200_000  # 12 MB
    start = time.perf_counter()
    assert detect_language(text)[0] == "en"
    assert time.perf_counter() - start < 0.5
