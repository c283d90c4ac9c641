"""The forms the extractor claims to read, on small readouts written for these tests.

Every readout here is invented: real offices and office holders, but sentences written
for the test (no text copied from a real page). Each test checks one form or feature;
a form the extractor gets wrong today is a strict xfail whose reason says what it does
instead (it fails loudly once fixed, so the mark can be removed).
"""

from __future__ import annotations

from typing import Any

import pytest

import communique
from _contract import schema_errors, span_problems, span_text


def extract(text: str, **kwargs: Any) -> dict[str, Any]:
    result = communique.extract(text, **kwargs)
    # every result here also keeps the contract
    assert schema_errors(result) == []
    assert span_problems(result) == []
    return result


def only(result: dict[str, Any]) -> dict[str, Any]:
    engs = result["engagements"]
    assert len(engs) == 1, [[p["name"] for p in e["participants"]] for e in engs]
    return engs[0]


def person(result: dict[str, Any], family: str) -> dict[str, Any]:
    eng = only(result)
    found = [p for p in eng["participants"] if p["family_name"] == family]
    assert found, [(p["name"], p["family_name"]) for p in eng["participants"]]
    return found[0]


def families(eng: dict[str, Any]) -> set[tuple[str | None, str | None]]:
    return {(p["family_name"], p["country"]) for p in eng["participants"]}


def readout(title: str, date_line: str, *paragraphs: str) -> str:
    return "\n\n".join([title, date_line, *paragraphs]) + "\n"


# --------------------------------------------------------------------------- names


def test_mr_given_name_family_name() -> None:
    r = extract(
        readout(
            "Japan-Russia Foreign Ministers' Meeting",
            "March 3, 2018",
            "On March 3, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            "with Mr. Sergey Lavrov, Minister of Foreign Affairs of Russia, in Tokyo.",
        )
    )
    kono = person(r, "Kono")
    assert (kono["name"], kono["country"]) == ("Taro Kono", "JPN")
    assert "Taro Kono" in span_text(r, kono["span"])
    assert kono["title"] == "Minister for Foreign Affairs of Japan"


def test_family_name_in_capitals_first() -> None:
    r = extract(
        readout(
            "Japan-Germany Summit Meeting",
            "October 5, 2022",
            "On October 5, Mr. KISHIDA Fumio, Prime Minister of Japan, held a summit meeting "
            "with Mr. Olaf Scholz, Federal Chancellor of Germany, in Berlin.",
        )
    )
    kishida = person(r, "Kishida")
    assert (kishida["name"], kishida["country"]) == ("Fumio Kishida", "JPN")
    assert "KISHIDA Fumio" in span_text(r, kishida["span"])


def test_family_name_comma_given_name_and_patronymic() -> None:
    r = extract(
        readout(
            "Japan-Russia Foreign Ministers' Meeting",
            "July 20, 2018",
            "On July 20, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            "with Mr. Lavrov, Sergey Viktorovich, Minister of Foreign Affairs of the Russian "
            "Federation, in Moscow.",
        )
    )
    lavrov = person(r, "Lavrov")
    assert (lavrov["name"], lavrov["country"]) == ("Sergey Viktorovich Lavrov", "RUS")
    written = span_text(r, lavrov["span"])
    assert "Lavrov, Sergey Viktorovich" in written


def test_his_excellency_mr_full_name() -> None:
    r = extract(
        readout(
            "Japan-Russia Foreign Ministers' Meeting",
            "July 20, 2018",
            "On July 20, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            "with H.E. Mr. Sergey Viktorovich Lavrov, Minister of Foreign Affairs of the "
            "Russian Federation, in Moscow.",
        )
    )
    lavrov = person(r, "Lavrov")
    assert (lavrov["name"], lavrov["country"]) == ("Sergey Viktorovich Lavrov", "RUS")
    assert "Sergey Viktorovich Lavrov" in span_text(r, lavrov["span"])


def test_doctor_with_chinese_name_order() -> None:
    r = extract(
        readout(
            "U.S.-China High-Level Talks",
            "June 17, 2020",
            "On June 17, Secretary of State Michael R. Pompeo met with Dr. Yang Jiechi, "
            "Director of the Office of the Central Foreign Affairs Commission of China, "
            "in Honolulu.",
        )
    )
    yang = person(r, "Yang")
    assert (yang["name"], yang["country"]) == ("Yang Jiechi", "CHN")
    assert "Yang Jiechi" in span_text(r, yang["span"])


def test_office_before_full_name_with_initial() -> None:
    r = extract(
        readout(
            "Secretary Blinken's Meeting with Indian External Affairs Minister",
            "March 2, 2023",
            "Secretary of State Antony J. Blinken met with Indian External Affairs Minister "
            "Dr. Subrahmanyam Jaishankar in New Delhi today.",
        )
    )
    blinken = person(r, "Blinken")
    assert blinken["name"] in ("Antony J. Blinken", "Antony Blinken")
    assert blinken["country"] == "USA"
    assert blinken["title"].startswith("Secretary")
    assert "Antony J. Blinken" in span_text(r, blinken["span"])
    assert ("Jaishankar", "IND") in families(only(r))


def test_office_is_the_fullest_one_written() -> None:
    r = extract(
        readout(
            "Secretary Blinken's Meeting with Indian External Affairs Minister",
            "March 2, 2023",
            "Secretary of State Antony J. Blinken met with Indian External Affairs Minister "
            "Dr. Subrahmanyam Jaishankar in New Delhi today.",
        )
    )
    assert person(r, "Blinken")["title"] == "Secretary of State"


def test_office_with_and_is_kept_whole() -> None:
    r = extract(
        readout(
            "Japan-France Foreign Ministers' Meeting",
            "January 9, 2019",
            "On January 9, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            "with Mr. Jean-Yves Le Drian, Minister for Europe and Foreign Affairs of France, "
            "in Paris.",
        )
    )
    assert person(r, "Le Drian")["title"] == "Minister for Europe and Foreign Affairs of France"


def test_nationality_adjective_office_family_name() -> None:
    r = extract(
        readout(
            "Readout of the Secretary's Meeting",
            "April 2, 2021",
            "On April 2, Secretary of State Antony J. Blinken met with Japanese Foreign "
            "Minister Motegi. They discussed the alliance.",
        )
    )
    motegi = person(r, "Motegi")
    assert motegi["country"] == "JPN"
    assert "Motegi" in span_text(r, motegi["span"])
    assert families(only(r)) == {("Blinken", "USA"), ("Motegi", "JPN")}


@pytest.mark.parametrize("tail", ["in Washington on April 2", "on April 2", "today"])
def test_nationality_adjective_office_family_name_then_more(tail: str) -> None:
    r = extract(
        readout(
            "Readout of the Secretary's Meeting",
            "April 2, 2021",
            "Secretary of State Antony J. Blinken met with Japanese Foreign Minister Motegi "
            f"{tail}. They discussed the alliance.",
        )
    )
    assert families(only(r)) == {("Blinken", "USA"), ("Motegi", "JPN")}


def test_honorific_name_then_place() -> None:
    r = extract(
        readout(
            "Japan-UK Foreign Ministers' Meeting",
            "January 10, 2019",
            "Mr. Taro Kono, Minister for Foreign Affairs of Japan, met with Mr. Jeremy Hunt in "
            "London. The two ministers discussed trade.",
        )
    )
    assert {p["family_name"] for p in only(r)["participants"]} == {"Kono", "Hunt"}


def test_unnamed_prime_minister_on_gov_uk() -> None:
    r = extract(
        readout(
            "PM meeting with President of Kenya: 12 May 2023",
            "The Prime Minister met President William Ruto of Kenya in Downing Street today. "
            "They discussed trade and investment between the two countries.",
        ),
        source="https://www.gov.uk/government/news/pm-meeting-with-president-of-kenya",
    )
    assert r["document"]["publisher"] == "GBR"
    eng = only(r)
    # no name: null as GUIDELINES.md says, or "" (what fits the schema's type: string)
    unnamed = [p for p in eng["participants"] if not p["name"]]
    assert len(unnamed) == 1
    assert unnamed[0]["name"] in (None, "")
    assert unnamed[0]["family_name"] in (None, "")
    assert unnamed[0]["country"] == "GBR"
    assert unnamed[0].get("country_reason")
    assert "Prime Minister" in span_text(r, unnamed[0]["span"])
    assert ("Ruto", "KEN") in families(eng)
    assert eng["date"] == "2023-05-12"


# --------------------------------------------------------------------------- modes, durations


def test_telephone_talk_with_start_time_and_minutes() -> None:
    r = extract(
        readout(
            "Japan-Australia Foreign Ministers' Telephone Talk",
            "May 14, 2020",
            "On May 14, commencing at 4:35 p.m. for approximately 50 minutes, Mr. Toshimitsu "
            "Motegi, Minister for Foreign Affairs of Japan, held a telephone talk with Senator "
            "the Hon. Marise Payne, Minister for Foreign Affairs of Australia.",
        )
    )
    eng = only(r)
    assert eng["mode"] == "telephone"
    assert eng["place"] is None
    assert eng["duration_minutes"] == 50
    assert eng["date"] == "2020-05-14"
    assert families(eng) == {("Motegi", "JPN"), ("Payne", "AUS")}
    assert "50 minutes" in span_text(r, eng["evidence"]["duration_minutes"])


def test_video_conference() -> None:
    r = extract(
        readout(
            "Japan-India Foreign Ministers' Video Conference",
            "July 8, 2020",
            "On July 8, from 5:00 p.m. for about one hour, Mr. Toshimitsu Motegi, Minister for "
            "Foreign Affairs of Japan, held a video conference with Dr. Subrahmanyam Jaishankar, "
            "Minister of External Affairs of India.",
        )
    )
    eng = only(r)
    assert eng["mode"] == "video"
    assert eng["place"] is None
    assert eng["duration_minutes"] == 60
    assert families(eng) == {("Motegi", "JPN"), ("Jaishankar", "IND")}


def test_courtesy_call() -> None:
    r = extract(
        readout(
            "Courtesy Call on Prime Minister Kishida by the Secretary of State",
            "November 12, 2022",
            "On November 12, commencing at 10:00 a.m. for about 30 minutes, Mr. Antony J. "
            "Blinken, Secretary of State of the United States, paid a courtesy call on "
            "Mr. KISHIDA Fumio, Prime Minister of Japan, in Tokyo.",
        )
    )
    eng = only(r)
    assert eng["mode"] == "in_person"
    assert eng["date"] == "2022-11-12"
    assert eng["duration_minutes"] == 30
    assert families(eng) == {("Blinken", "USA"), ("Kishida", "JPN")}
    assert eng["place"] is not None and eng["place"]["country"] == "JPN"


@pytest.mark.parametrize(
    "phrase",
    [
        "for about four hours including the working lunch",
        "for about four hours (including the working lunch)",
    ],
)
def test_working_lunch_counted_in_duration(phrase: str) -> None:
    r = extract(
        readout(
            "Japan-France Foreign Ministers' Meeting",
            "January 9, 2019",
            "On January 9, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            f"with Mr. Jean-Yves Le Drian, Minister for Europe and Foreign Affairs of France, "
            f"in Paris {phrase}. The two ministers confirmed close cooperation.",
        )
    )
    eng = only(r)
    assert eng["duration_minutes"] == 240
    assert families(eng) == {("Kono", "JPN"), ("Le Drian", "FRA")}


def test_hours_and_minutes_add_up() -> None:
    r = extract(
        readout(
            "Japan-Russia Foreign Ministers' Meeting",
            "March 3, 2021",
            "On March 3, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting "
            "with Mr. Sergey Lavrov, Minister of Foreign Affairs of Russia, in Tokyo. The "
            "meeting lasted approximately 1 hour and 10 minutes.",
        )
    )
    assert only(r)["duration_minutes"] == 70


# --------------------------------------------------------------------------- dates


def test_follow_up_on_a_day_later_in_the_year() -> None:
    r = extract(
        readout(
            "Japan-Korea Foreign Ministers' Meeting",
            "February 20, 2019",
            "On February 20, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a "
            "meeting with Ms. Kang Kyung-wha, Minister of Foreign Affairs of the Republic of "
            "Korea, in Tokyo. The two ministers confirmed that the 12th Japan-Korea Strategic "
            "Dialogue will be held on April 2 in Seoul.",
        )
    )
    eng = only(r)
    assert eng["date"] == "2019-02-20"
    dialogue = [f for f in eng["follow_ups"] if "Strategic Dialogue" in f["name"]]
    assert len(dialogue) == 1, eng["follow_ups"]
    assert dialogue[0]["date"] == "2019-04-02"
    assert dialogue[0]["date_text"] == "on April 2"


def test_follow_up_in_january_of_a_december_readout() -> None:
    r = extract(
        readout(
            "Japan-Korea Foreign Ministers' Meeting",
            "December 10, 2019",
            "On December 10, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, "
            "held a meeting with Ms. Kang Kyung-wha, Minister of Foreign Affairs of the Republic "
            "of Korea, in Tokyo. The two ministers agreed that the Japan-Korea summit meeting "
            "will be held in January.",
        )
    )
    eng = only(r)
    assert eng["date"] == "2019-12-10"
    summit = [f for f in eng["follow_ups"] if "summit" in f["name"].lower()]
    assert len(summit) == 1, eng["follow_ups"]
    # a month but no day: no date, the words kept
    assert summit[0]["date"] is None
    assert "January" in summit[0]["date_text"]


def test_follow_up_on_a_january_day_of_a_december_readout_is_next_year() -> None:
    r = extract(
        readout(
            "Japan-Korea Foreign Ministers' Meeting",
            "December 10, 2019",
            "On December 10, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, "
            "held a meeting with Ms. Kang Kyung-wha, Minister of Foreign Affairs of the Republic "
            "of Korea, in Tokyo. The two ministers agreed to hold the next foreign ministers' "
            "meeting on January 15.",
        )
    )
    eng = only(r)
    assert [f["date"] for f in eng["follow_ups"]] == ["2020-01-15"]


def test_past_december_day_in_a_january_readout_is_last_year() -> None:
    r = extract(
        readout(
            "Japan-Germany Foreign Ministers' Meeting",
            "January 5, 2020",
            "On December 28, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, held "
            "a meeting with Mr. Heiko Maas, Federal Minister for Foreign Affairs of Germany, in "
            "Berlin.",
        )
    )
    eng = only(r)
    assert eng["date"] == "2019-12-28"
    assert eng["place"] is not None
    assert (eng["place"]["name"], eng["place"]["country"]) == ("Berlin", "DEU")


# --------------------------------------------------------------------------- counting


VISIT_TITLE = "Foreign Minister Motegi's Visit to Viet Nam"
COURTESY_CALL = (
    "On August 22, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, who is "
    "visiting Viet Nam, paid a courtesy call on H.E. Mr. Nguyen Xuan Phuc, Prime Minister of "
    "the Socialist Republic of Viet Nam, for about 30 minutes."
)
MEETING = (
    "Following the courtesy call, Minister Motegi held a meeting with H.E. Mr. Pham Binh Minh, "
    "Deputy Prime Minister and Minister of Foreign Affairs of Viet Nam, for about 90 minutes."
)


def _by_counterpart(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    engs = result["engagements"]
    assert len(engs) == 2, [[p["name"] for p in e["participants"]] for e in engs]
    out = {}
    for eng in engs:
        fams = {p["family_name"] for p in eng["participants"]}
        assert "Motegi" in fams
        (other,) = fams - {"Motegi"}
        out[other] = eng
    return out


def test_visit_with_courtesy_call_and_meeting_is_two_engagements() -> None:
    r = extract(readout(VISIT_TITLE, "August 22, 2020", COURTESY_CALL, MEETING))
    by = _by_counterpart(r)
    assert set(by) == {"Nguyen", "Pham"}
    for eng in by.values():
        assert eng["date"] == "2020-08-22"
        assert eng["mode"] == "in_person"
        assert eng["place"] is not None and eng["place"]["country"] == "VNM"
    assert by["Nguyen"]["duration_minutes"] == 30
    assert by["Pham"]["duration_minutes"] == 90


def test_visit_in_one_paragraph_keeps_each_duration() -> None:
    r = extract(readout(VISIT_TITLE, "August 22, 2020", f"{COURTESY_CALL} {MEETING}"))
    by = _by_counterpart(r)
    assert by["Nguyen"]["duration_minutes"] == 30
    assert by["Pham"]["duration_minutes"] == 90


def test_announcement_of_a_future_meeting_has_no_engagement() -> None:
    r = extract(
        readout(
            "Visit to Japan by the Foreign Minister of Canada",
            "March 1, 2019",
            "Ms. Chrystia Freeland, Minister of Foreign Affairs of Canada, will visit Japan "
            "from March 10 to 12. During her stay, she is scheduled to hold a meeting with "
            "Mr. Taro Kono, Minister for Foreign Affairs of Japan.",
        )
    )
    assert r["engagements"] == []


def test_press_conference_opener_has_no_engagement() -> None:
    r = extract(
        readout(
            "Press Conference by Foreign Minister Kono",
            "March 1, 2019",
            "Opening Remarks",
            "Minister Kono: Good afternoon. I have two announcements today. First, I will "
            "visit Canada next week. Second, Japan will host a symposium on maritime security.",
        )
    )
    assert r["engagements"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "This was the third time this year and the sixth time in total that the two "
        "ministers have met.",
        "The two ministers met for the third time this year, sixth time in total.",
    ],
)
def test_ordinals_this_year_and_in_total(sentence: str) -> None:
    r = extract(
        readout(
            "Japan-Australia Foreign Ministers' Meeting",
            "September 5, 2019",
            "On September 5, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a "
            "meeting with Senator the Hon. Marise Payne, Minister for Foreign Affairs of "
            f"Australia, in Bangkok. {sentence}",
        )
    )
    eng = only(r)
    assert sorted((o["number"], o["scope"]) for o in eng["ordinals"]) == [(3, "year"), (6, "total")]
    for o in eng["ordinals"]:
        if "span" in o:
            assert ("third" if o["scope"] == "year" else "sixth") in span_text(r, o["span"])


STRATEGIC_DIALOGUE = readout(
    "Japan-China Strategic Dialogue",
    "April 10, 2019",
    "On April 10, Mr. Takeo Akiba, Vice-Minister for Foreign Affairs of Japan, held the 15th "
    "Japan-China Strategic Dialogue with Mr. Le Yucheng, Vice Minister of Foreign Affairs of "
    "China, in Beijing.",
)


def test_strategic_dialogue_is_the_engagement() -> None:
    eng = only(extract(STRATEGIC_DIALOGUE))
    assert families(eng) == {("Akiba", "JPN"), ("Le", "CHN")}
    assert eng["date"] == "2019-04-10"
    assert eng["name"] and "Strategic Dialogue" in eng["name"]


def test_strategic_dialogue_series_number() -> None:
    eng = only(extract(STRATEGIC_DIALOGUE))
    assert [(o["number"], o["scope"]) for o in eng["ordinals"]] == [(15, "series")]


def test_strategic_dialogue_reported_in_the_passive() -> None:
    r = extract(
        readout(
            "Japan-China Strategic Dialogue",
            "April 10, 2019",
            "On April 10, the 15th Japan-China Strategic Dialogue was held in Beijing between "
            "Mr. Takeo Akiba, Vice-Minister for Foreign Affairs of Japan, and Mr. Le Yucheng, "
            "Vice Minister of Foreign Affairs of China.",
        )
    )
    eng = only(r)
    assert families(eng) == {("Akiba", "JPN"), ("Le", "CHN")}
    assert (15, "series") in [(o["number"], o["scope"]) for o in eng["ordinals"]]
