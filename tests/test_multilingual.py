"""Japanese and Russian building blocks: era dates, durations, counts, romanisation,
inflected names, and that English documents never load the tokenisers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from communique.extract import japanese as ja
from communique.extract import russian as ru
from communique.extract.pipeline import extract
from communique.extract.romanise import cyrillic, hepburn


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("平成31年2月16日\n日露外相会談", "2019-02-16"),
        ("令和元年5月30日", "2019-05-30"),
        ("令和2年2月15日", "2020-02-15"),
        ("平成28年12月15日日露首脳会談", "2016-12-15"),
        ("令和６年９月２１日", "2024-09-21"),
        ("2019年4月2日", "2019-04-02"),
    ],
)
def test_era_date_lines(text: str, iso: str) -> None:
    assert ja.parse_date_line(text)[0] == dt.date.fromisoformat(iso)


def test_an_era_year_alone_is_not_a_day() -> None:
    assert ja.parse_date_line("令和2年の外交青書") == (None, None)


def test_days_against_the_date_line() -> None:
    anchor = dt.date(2014, 2, 1)
    assert ja.resolve_day(None, 8, anchor, "翌") == dt.date(2014, 2, 8)
    assert ja.resolve_day(12, 20, dt.date(2020, 1, 5)) == dt.date(2019, 12, 20)
    text = "本15日午後8時30分から約25分間"
    assert ja.find_day(text, 0, len(text), dt.date(2017, 9, 15))[0] == dt.date(2017, 9, 15)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("日露外相会談を約1時間40分実施しました", 100),
        ("午後8時30分から約25分間,河野大臣は", 25),
        ("(ワーキングディナーを含め,約2時間30分)", 150),
        ("約3時間にわたって", 180),
        ("現地時間15日15時~16時30分", None),
        ("約１時間", 60),
    ],
)
def test_japanese_durations(text: str, minutes: int | None) -> None:
    got = ja.find_duration(text, 0, len(text))
    assert (got[0] if got else None) == minutes


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Переговоры продолжались около полутора часов.", 90),
        ("Встреча длилась 2 часа 15 минут.", 135),
        ("Разговор продолжался около часа.", 60),
        ("В 2019 году было 3 часа разницы.", None),
    ],
)
def test_russian_durations(text: str, minutes: int | None) -> None:
    got = ru.find_duration(text, 0, len(text))
    assert (got[0] if got else None) == minutes


def test_japanese_counts_and_rounds() -> None:
    t = "河野大臣とラヴロフ外相が会談するのは今回で通算9回目であり"
    assert ja.find_ordinals(t, 0, len(t), t) == [
        {"number": 9, "scope": "total", "text": "今回で通算9回目"}
    ]
    t = "茂木大臣とラヴロフ外相は4度目の日露外相会談を約1時間実施した"
    assert ja.find_ordinals(t, 0, len(t), t)[0]["number"] == 4
    t = "本年3回目の首脳会談"
    assert ja.find_ordinals(t, 0, len(t), t) == [
        {"number": 3, "scope": "year", "text": "本年3回目"}
    ]
    t = "平和条約について第2回目の交渉となりました。"
    assert ja.find_round(t, 0, len(t)) == {
        "number": 2,
        "of": "negotiations regarding a peace treaty",
    }
    t = "第4回日露外務・防衛閣僚協議(「2+2」)を行った"
    assert ja.find_series(t, 0, len(t), t.index("を行"))["number"] == 4
    t = "第55回ミュンヘン安全保障会議に出席し,会談を行った"
    assert ja.find_series(t, 0, len(t), t.index("を行")) is None


def test_russian_first_meeting() -> None:
    t = "пообщаться в ходе нашей первой – наверное, не такой продолжительной – встречи"
    assert ru.find_ordinals(t, 0, len(t))[0]["number"] == 1


@pytest.mark.parametrize(
    ("kana", "latin"),
    [("コウノ", "Kono"), ("ゲンバ", "Gemba"), ("ハットリ", "Hattori"), ("おおの", "Ono"),
     ("シンゾウ", "Shinzo"), ("キシダ フミオ", "Kishida Fumio")],
)  # fmt: skip
def test_hepburn(kana: str, latin: str) -> None:
    assert hepburn(kana) == latin


@pytest.mark.parametrize(
    ("cyr", "latin"),
    [("Шойгу", "Shoygu"), ("Лавров", "Lavrov"), ("Ельцин", "Yeltsin"), ("Юрий", "Yuriy"),
     ("Соловьёв", "Solovyov"), ("Хайко Маас", "Khayko Maas")],
)  # fmt: skip
def test_bgn_pcgn(cyr: str, latin: str) -> None:
    assert cyrillic(cyr) == latin


@pytest.mark.parametrize(
    ("text", "family", "iso"),
    [
        ("Состоялась встреча с Премьер-министром Японии Синдзо Абэ.", "Abe", "JPN"),
        ("Президент передал привет Лаврову.", "Lavrov", "RUS"),
        ("Президент поздравил Юкио Хатояму с победой.", "Hatoyama", "JPN"),
        ("переговоры с Федеральным министром иностранных дел ФРГ Х.Маасом", "Maas", "DEU"),
        ("встреча с Премьер-министром Японии Таро Асо", "Aso", "JPN"),
    ],
)
def test_inflected_russian_names(text: str, family: str, iso: str) -> None:
    people = ru.find_people(text, 0, len(text), None)
    assert (family, iso) in {(p.family, p.country) for p in people}


def test_a_surname_the_gazetteer_lacks_is_romanised_from_its_lemma() -> None:
    text = "Состоялась встреча с Министром иностранных дел России Ивановым."
    people = ru.find_people(text, 0, len(text), dt.date(1999, 1, 1))
    assert [(p.name, p.country) for p in people] == [("Igor Ivanov", "RUS")]  # in office then
    text = "встреча с губернатором Петровым"
    assert [p.family for p in ru.find_people(text, 0, len(text), None)] == ["Petrov"]


def test_japanese_names_across_scripts() -> None:
    t = "河野太郎外務大臣は,ラヴロフ,セルゲイ・ヴィクトロヴィチ・ロシア連邦外務大臣と会談した。"
    people = ja.find_people(t, 0, len(t), dt.date(2017, 9, 1))
    assert [(p.name, p.family, p.country) for p in people] == [
        ("Taro Kono", "Kono", "JPN"),
        ("Sergey Lavrov", "Lavrov", "RUS"),
    ]
    # 河野 in 1999 was Yohei Kono (office holders' dates decide)
    t = "河野外務大臣は会談した。"
    assert ja.find_people(t, 0, len(t), dt.date(2000, 6, 1))[0].name == "Yohei Kono"


def test_japanese_names_the_gazetteer_lacks() -> None:
    # a katakana name: the Latin of MOFA's own English in parentheses
    t = "ジョン・スミス英国外務大臣(Rt Hon Mr John Smith, Foreign Secretary)と会談した。"
    p = ja.find_people(t, 0, len(t), None)[0]
    assert (p.family, p.country, p.native) == ("Smith", "GBR", "スミス")
    # a kanji name: Hepburn from the tokeniser's reading
    t = "小野寺五典防衛大臣と田中一郎外務副大臣が会談した。"
    fams = [p.family for p in ja.find_people(t, 0, len(t), dt.date(2018, 1, 1))]
    assert fams == ["Onodera", "Tanaka"]


def test_english_documents_do_not_load_the_tokenisers(tmp_path) -> None:
    code = (
        "import sys; from communique.extract.pipeline import extract;"
        "extract('On 16 February, Foreign Minister Taro Kono held a meeting with "
        "Foreign Minister Sergey Lavrov of Russia in Munich.');"
        "print(sorted(m for m in ('fugashi', 'pymorphy3', 'razdel', "
        "'communique.extract.japanese', 'communique.extract.russian') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_japanese_document_through_the_pipeline() -> None:
    text = (
        "令和2年2月15日\n日露外相会談\n"
        "2月15日,ドイツ・ミュンヘンにおいて,茂木大臣とラヴロフ外相は4度目の日露外相会談を"
        "約1時間実施しました。\n速やかに次官級協議を開催することで一致しました。"
    )
    r = extract(text)
    assert r["document"]["language"] == "ja"
    (e,) = r["engagements"]
    assert e["date"] == "2020-02-15" and e["duration_minutes"] == 60
    assert e["place"] == {"name": "Munich", "country": "DEU"}
    assert [p["family_name"] for p in e["participants"]] == ["Motegi", "Lavrov"]
    assert e["ordinals"][0]["number"] == 4
    assert [f["name"] for f in e["follow_ups"]] == ["次官級協議を開催"]


@pytest.mark.parametrize(
    ("cyr", "latin"),
    [("Хасимото", "Hashimoto"), ("Коидзуми", "Koizumi"), ("Обути", "Obuchi"),
     ("Синдзо", "Shinzo"), ("Дзюнъитиро", "Junichiro")],
)  # fmt: skip
def test_japanese_names_in_russian_back_to_hepburn(cyr: str, latin: str) -> None:
    from communique.extract.romanise import polivanov

    assert polivanov(cyr) == latin


def test_a_japanese_name_the_russian_gazetteer_lacks_is_read_back_from_polivanov() -> None:
    text = "встреча с Премьер-министром Японии Кэнтаро Сасаямой"
    (p,) = ru.find_people(text, 0, len(text), None)
    assert (p.family, p.country) == ("Sasayama", "JPN")


def test_russian_mid_title_gives_date_place_and_counterpart() -> None:
    text = (
        "Выступление Министра иностранных дел России С.В.Лаврова в ходе пресс-конференции по "
        "итогам переговоров с Министром иностранных дел Японии Т.Коно, Москва, 31 июля 2018 года\n"
        "Мы провели с моим японским коллегой полезные переговоры. Это уже наша четвертая встреча "
        "в этом году.\nВопрос: Планируется ли визит в Японию?\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["date"] == "2018-07-31"
    assert e["place"] == {"name": "Moscow", "country": "RUS"}
    assert {(p["family_name"], p["country"]) for p in e["participants"]} == {
        ("Lavrov", "RUS"),
        ("Kono", "JPN"),
    }
    assert e["ordinals"][0]["scope"] == "year"
    assert e["follow_ups"] == []  # a journalist's question promises nothing


def test_korean_and_chinese_names_from_the_reading_the_page_gives() -> None:
    t = "岩屋外務大臣は,金三(キム・サム)韓国外交部長官及び張三(ジャン・サン)中国外交部副部長と会談した。"
    people = ja.find_people(t, 0, len(t), None)
    assert [(p.family, p.country, p.native) for p in people[1:]] == [
        ("Kim", "KOR", "金三"),
        ("Zhang", "CHN", "張三"),
    ]


def test_first_meeting_and_first_since() -> None:
    t = "両外相にとって初めての会談となりました"
    assert ja.find_ordinals(t, 0, len(t), t)[0]["number"] == 1
    t = "就任後初の日露首脳会談"
    assert ja.find_ordinals(t, 0, len(t), t) == []


def test_days_relative_to_the_date_line() -> None:
    t = "昨日,茂木大臣は会談を行いました。"
    assert ja.find_day(t, 0, len(t), dt.date(2020, 2, 16))[0] == dt.date(2020, 2, 15)
    text = "14.06.2019\nВчера состоялась встреча Владимира Путина с Синдзо Абэ.\n"
    (e,) = extract(text)["engagements"]
    assert e["date"] == "2019-06-13"


def test_follow_ups_are_meetings_to_come() -> None:
    head = "令和元年6月1日\n6月1日,河野外務大臣は,ラヴロフ・ロシア外務大臣と会談を行いました。\n"
    cases = {
        "両外相は,次回の日露外相会談を本年後半にモスクワで開催することで一致しました。": [
            ("次回の日露外相会談", "本年後半")
        ],
        "両外相は,日露間の協議を加速することで一致しました。": [],
        "両外相は,1月の首脳会談での合意を着実に実施することで一致しました。": [],
        "両外相は,6月29日の首脳会談に向けて準備を進めることを確認しました。": [
            ("首脳会談", "6月29日")
        ],
    }
    for body, want in cases.items():
        (e,) = extract(head + body)["engagements"]
        assert [(f["name"], f["date_text"]) for f in e["follow_ups"]] == want, body


def test_occasions_in_both_languages() -> None:
    t = "2月16日,ミュンヘン安全保障会議の機会に,河野大臣とラヴロフ外相が会談を実施しました。"
    name, series, words, _span = ja.find_occasion(t, 0, len(t))
    assert (name, words) == ("Munich Security Conference", "ミュンヘン安全保障会議")
    assert ja._venue(series, dt.date(2019, 2, 16)) == {"name": "Munich", "country": "DEU"}
    t = "G20ブエノスアイレス・サミットの際の日露首脳会談"
    assert ja.find_occasion(t, 0, len(t))[0] == "G20 Buenos Aires Summit"
    t = "Владимир Путин встретился с Синдзо Абэ на полях саммита «Группы двадцати»."
    assert ru.find_occasion(t, 0, len(t))[0] == "G20 Summit"
    t = "Договорились о следующей встрече на саммите АТЭС в Сингапуре."
    assert ru.find_occasion(t, 0, len(t)) is None  # a meeting to come, not this one's occasion


def test_publisher_from_the_page_address_else_the_language() -> None:
    text = "Состоялся телефонный разговор Владимира Путина с Премьер-министром Японии Синдзо Абэ."
    assert extract(text)["document"]["publisher"] == "RUS"
    assert extract(text, source="https://www.mofa.go.jp/a.html")["document"]["publisher"] == "JPN"


def test_declined_names_the_dictionary_does_not_know_and_a_capital_preposition() -> None:
    t = "переговоры с Федеральным канцлером Германии Олафом Шольцем"
    assert [(p.family, p.country) for p in ru.find_people(t, 0, len(t), None)] == [
        ("Scholz", "DEU")
    ]
    t = "В Кремле состоялись переговоры Владимира Путина с Премьер-министром Японии Синдзо Абэ."
    assert ru.find_place(t, 0, len(t))[0] == {"name": "Moscow", "country": "RUS"}


def test_a_lead_naming_nobody_takes_its_people_from_the_next_sentences() -> None:
    text = (
        "令和元年6月29日\n日露首脳会談\n6月29日,G20大阪サミットの機会に,日露首脳会談が行われました。\n"
        "安倍総理から,プーチン大統領に対し,歓迎の意を表しました。"
    )
    (e,) = extract(text)["engagements"]
    assert e["occasion"] == "G20 Osaka Summit" and e["place"]["country"] == "JPN"
    assert [(p["family_name"], p["country"]) for p in e["participants"]] == [
        ("Abe", "JPN"),
        ("Putin", "RUS"),
    ]


def test_the_prime_minister_named_only_by_office() -> None:
    (e,) = extract("令和元年6月29日\n6月29日,総理は,プーチン・ロシア大統領と会談を行いました。")[
        "engagements"
    ]
    assert [(p["family_name"], p["country"], p.get("unnamed")) for p in e["participants"]] == [
        ("", "JPN", True),
        ("Putin", "RUS", None),
    ]


def test_a_japanese_page_without_a_meeting_says_so() -> None:
    r = extract("令和2年1月1日\n新年の挨拶\n本年もよろしくお願い申し上げます。")
    assert r["engagements"] == []
    assert any("no meeting" in w for w in r["warnings"])


def test_english_names_of_follow_ups_when_every_word_is_known() -> None:
    assert ja.gloss("第15回日露戦略対話", None) == "15th Japan-Russia Strategic Dialogue"
    assert ja.gloss("ラヴロフ外相の訪日", dt.date(2020, 2, 15)) == "Lavrov's visit to Japan"
    assert ja.gloss("次回の日露外相会談", None) == "next Japan-Russia Foreign Ministers' Meeting"
    assert ja.gloss("本年日本が主催する東京閣僚級会合", None) is None  # words it lacks


def test_a_career_office_after_a_ministers_family_name_is_someone_else() -> None:
    t = "本年中の河野統合幕僚長の訪露に向け調整することで一致しました。"
    assert [p.name for p in ja.find_people(t, 0, len(t), dt.date(2018, 7, 31))] != ["Taro Kono"]


def test_kanji_counts() -> None:
    assert [ja.kanji_number(x) for x in ("二", "十", "十五", "二十四")] == [2, 10, 15, 24]
    t = "二度目の日露外相会談"
    assert ja.find_ordinals(t, 0, len(t), t)[0]["number"] == 2
    t = "通算二十四回目の首脳会談となる"
    assert ja.find_ordinals(t, 0, len(t), t)[0]["number"] == 24


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Переговоры прошли в Ново-Огарёве.", "Novo-Ogaryovo"),
        ("Встреча состоялась в резиденции «Бочаров ручей».", "Sochi"),
        ("в Берлине состоялась встреча", "Berlin"),
    ],
)
def test_russian_declined_cities_and_venues(text: str, city: str) -> None:
    assert ru.find_place(text, 0, len(text))[0]["name"] == city


def test_a_past_meetings_city_is_not_the_place() -> None:
    t = "Мы встречались в прошлый раз в Москве."
    assert ru.find_place(t, 0, len(t)) is None


def test_a_second_meeting_of_the_same_visit_shares_its_city() -> None:
    text = (
        "平成29年4月27日\n4月27日,安倍総理大臣は,モスクワを訪問し,プーチン大統領と首脳会談を行いました。"
        "また,同日,安倍総理は,メドヴェージェフ首相とも会談を行いました。"
    )
    first, second = extract(text)["engagements"]
    assert [p["family_name"] for p in second["participants"]] == ["Abe", "Medvedev"]
    assert first["place"] == second["place"] == {"name": "Moscow", "country": "RUS"}


def test_english_readouts_keep_the_english_stages() -> None:
    """Every English readout of the dev set and the corpus is read by the English stages,
    untouched by the Japanese and Russian ones (their output cannot change)."""
    from _contract import CORPUS, DEV, need_shared
    from communique.document import to_document

    need_shared(DEV)
    files = sorted(DEV.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    assert len(files) > 200
    langs = {p.name: to_document(p.read_text("utf-8")).language for p in files}
    assert not {n: lang for n, lang in langs.items() if lang in ("ja", "ru")}


def test_the_pair_of_a_russian_page_outweighs_passing_mentions() -> None:
    counts = ru._country_counts(
        "развитие российско-японских отношений и японо-российского сотрудничества; США, США"
    )
    assert counts["JPN"] > counts["USA"] and counts["RUS"] > counts["USA"]


def test_russian_days_of_the_meeting_and_of_the_next_one() -> None:
    text = (
        "10.11.2019\n9 ноября состоялась встреча Сергея Лаврова с Тосимицу Мотэги. Договорились, "
        "что следующая встреча министров состоится 15 декабря в Москве.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["date"] == "2019-11-09" and e["place"] is None
    assert [(f["date"], f["date_text"]) for f in e["follow_ups"]] == [("2019-12-15", "15 декабря")]


def test_a_counterpart_named_only_by_office() -> None:
    (e,) = extract("令和元年6月1日\n6月1日,河野外務大臣は,ロシア外相と会談を行いました。")[
        "engagements"
    ]
    assert [(p["family_name"], p["country"]) for p in e["participants"]] == [
        ("Kono", "JPN"),
        ("", "RUS"),
    ]


def test_a_huge_japanese_page_is_read_up_to_the_scan_limit() -> None:
    from communique.extract.nonenglish import MAX_SCAN_CHARS

    one = "令和2年2月15日\n2月15日,茂木大臣とラヴロフ外相は日露外相会談を約1時間実施しました。\n"
    r = extract(one + "両外相は意見交換を行いました。\n" * (MAX_SCAN_CHARS // 10))
    assert len(r["engagements"]) == 1
    assert any("looked for in the first" in w for w in r["warnings"])


@pytest.mark.parametrize(
    ("english", "katakana", "same"),
    [
        ("Tillerson", "ティラソン", True),
        ("Steinmeier", "シュタインマイヤー", True),
        ("Scholz", "ショルツ", True),
        ("Lavrov", "ラブロフ", True),
        ("Blinken", "ブリンケン", True),
        ("Blinken", "ラブロフ", False),
        ("Pompeo", "ティラソン", False),
    ],
)
def test_a_katakana_transcription_sounds_like_its_english_spelling(
    english: str, katakana: str, same: bool
) -> None:
    from communique.extract.romanise import sound_key

    keys = {sound_key(english, english=True, silent_r=r) for r in (True, False)}
    assert (sound_key(hepburn(katakana)) in keys) is same


def test_a_foreign_minister_named_only_in_katakana_is_the_holder_of_the_day() -> None:
    text = (
        "日米外相立ち話\n\n平成29年4月28日\n\n4月28日午前9時20分から約5分間，岸田文雄外務大臣は，"
        "国連本部において，レックス・ティラソン米国務長官と立ち話を行いました。\n"
    )
    (e,) = extract(text)["engagements"]
    people = {p["family_name"]: p for p in e["participants"]}
    assert set(people) == {"Kishida", "Tillerson"}
    assert (
        people["Tillerson"]["name"] == "Rex Tillerson" and people["Tillerson"]["country"] == "USA"
    )
    assert e["duration_minutes"] == 5


def test_a_name_joined_by_an_equals_sign_before_a_country_s_long_name() -> None:
    text = (
        "日独外相会談\n\n平成28年4月10日\n\n4月10日22時20分から約40分間，岸田文雄外務大臣は，"
        "フランク=ヴァルター・シュタインマイヤー・ドイツ連邦共和国外務大臣との間で会談を行いました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Kishida", "Steinmeier"}


def test_a_japanese_news_report_tells_the_meeting_and_its_outcome_in_one_sentence() -> None:
    # news style: 会談し, followed in the same sentence by what was agreed
    text = (
        "日中外相が会談\n"
        "岩屋外務大臣は、訪問先の中国で王毅外相と会談し、来年の早い時期に王外相が日本を"
        "訪問し、閣僚を交えた「ハイレベル経済対話」を開催することで一致しました。\n"
        "会談はおよそ2時間行われました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Iwaya", "Wang"}
    assert e["place"] == {"name": None, "country": "CHN"}
    names = [f["name"] for f in e["follow_ups"]]
    assert "ハイレベル経済対話" in names  # the quoted name, not "協議する「..." or "...」を開催"


def test_a_meeting_held_in_a_city_s_hotel_and_korean_names_in_katakana() -> None:
    text = (
        "三か国外相会談\n"
        "日中韓3カ国の外相会談が大阪市内のホテルで開かれ、協力を進めることで一致しました。\n"
        "会談には、岩屋外相と中国の王毅外相、韓国のキム・ミンス外相が出席しました。\n"
        "キム・ミンス外相は、その後記者団に語りました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["place"]["name"] == "Osaka"
    people = {p["family_name"]: p["country"] for p in e["participants"]}
    # the family name comes first in a Korean name, and the second mention is the same man
    assert people == {"Iwaya": "JPN", "Wang": "CHN", "Kim": "KOR"}
    assert not [f for f in e["follow_ups"] if "外相会談" in f["name"]]  # the meeting held


def test_a_ministry_readout_with_plans_in_its_meeting_sentence_is_read_as_before() -> None:
    # in a ministry's readout the meeting has a sentence of its own; a sentence that tells
    # a meeting and a plan is about the plan, so the news reading is only a fallback
    text = (
        "日米外相会談\n\n令和3年5月3日\n\n"
        "5月3日,茂木敏充外務大臣は,ロンドンにおいて,ブリンケン米国務長官と会談を行いました。\n"
        "両外相は,近く日米韓外相会合を開催するため調整することで一致しました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Motegi", "Blinken"}


def test_russian_news_a_spokesman_is_a_source_and_an_agreed_meeting_is_a_follow_up() -> None:
    text = (
        "Президент России Владимир Путин провел телефонный разговор с Президентом Казахстана "
        "Касым-Жомартом Токаевым.\n\n"
        "По словам пресс-секретаря Президента РФ Дмитрия Пескова, стороны достигли "
        "договоренности о проведении в ближайшее время встречи Путина и Токаева.\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Putin", "Tokayev"}
    (f,) = e["follow_ups"]
    assert f["name"] == "встречи Путина и Токаева"
    assert f["date_text"] == "в ближайшее время"


def test_russian_decimal_hours() -> None:
    text = "Переговоры продолжались более 2,5 часа."
    assert ru.find_duration(text, 0, len(text))[0] == 150


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Глава МИД России Сергей Лавров провел переговоры с министром иностранных дел "
            "Индии в штаб-квартире ООН.",
            {"name": "New York", "country": "USA"},
        ),
        (
            "Сергей Лавров провел встречу с госсекретарем США Марко Рубио, которая прошла "
            "в турецком Анталье.",
            {"name": None, "country": "TUR"},
        ),
    ],
)
def test_russian_places_a_venue_and_a_city_in_a_country_s_adjective(text: str, place: dict) -> None:
    assert ru.find_place(text, 0, len(text))[0] == place


def test_a_japanese_news_report_with_plans_in_the_meeting_sentence_and_a_first_meeting() -> None:
    text = (
        "高市総理大臣は10月31日、韓国の李在明大統領と初めてとなる日韓首脳会談を行い、"
        "首脳同士の往来を続けるため調整を進めることを確認しました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["country"] for p in e["participants"]} == {"JPN", "KOR"}
    assert e["ordinals"][0]["number"] == 1


def test_an_announced_meeting_in_japanese_news_is_no_engagement() -> None:
    text = (
        "官房長官によると、ベトナムの首相は来月5日から日本を訪れ、"
        "総理大臣と首脳会談を行う予定だということです。\n"
    )
    assert extract(text)["engagements"] == []


def test_a_japanese_news_report_where_the_ministry_style_finds_only_one_side() -> None:
    # "会談は…行われ" tells more of the meeting already told, not another meeting, and a
    # short Korean surname read alone is no Japanese person
    text = (
        "ジュネーブを訪問している上川外務大臣は、韓国の朴振外相と初めて会談し、"
        "連携することで一致しました。\n"
        "会談は昼食会形式でおよそ1時間行われ、冒頭、朴外相から祝意が示されました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"]: p["country"] for p in e["participants"]} == {
        "Kamikawa": "JPN",
        "Park": "KOR",
    }
    assert e["duration_minutes"] == 60 and e["ordinals"][0]["number"] == 1


def test_a_person_named_again_without_a_country_takes_the_first_mention_s() -> None:
    text = (
        "3か国の外相会議は東京都内で開かれ、韓国のチョ・テヨル外相が出席します。\n"
        "これを前に、石破総理大臣は21日、チョ外相と面会しました。\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"]: p["country"] for p in e["participants"]} == {
        "Ishiba": "JPN",
        "Cho": "KOR",
    }


def test_a_mid_readout_with_initials_a_long_country_and_names_matched_by_sound() -> None:
    text = (
        "О встрече Министра иностранных дел России С.В.Лаврова с Министром иностранных дел "
        "Республики Индии С.Джайшанкаром\n\n"
        "10 июля 2020 года в Москве состоялась встреча Министра иностранных дел Российской "
        "Федерации С.В.Лаврова с Министром иностранных дел Республики Индии С.Джайшанкаром.\n\n"
        "Министры договорились о проведении двусторонней встречи на полях саммита "
        "во второй половине года.\n"
    )
    (e,) = extract(text)["engagements"]
    people = {p["family_name"]: p["country"] for p in e["participants"]}
    assert people == {"Lavrov": "RUS", "Jaishankar": "IND"}
    (f,) = e["follow_ups"]
    assert f["date_text"] == "во второй половине года"
