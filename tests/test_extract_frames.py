"""Engagements told in the frames other governments use (issue 9): calls received,
views exchanged, co-chairs, a narrator's "I travelled ... to meet", heads of
international organisations named only by office, "spoke to" as a call, and the
publisher read from any government's web domain. Texts are written for the tests."""

from __future__ import annotations

from typing import Any

from communique import extract
from communique.extract.publishers import by_url
from communique.util.sentences import sentences


def engagements(text: str, **kw: Any) -> list[dict[str, Any]]:
    return extract(text, **kw)["engagements"]


def who(eng: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    return {(p["family_name"], p["country"], p["organization"]) for p in eng["participants"]}


def test_a_telephone_call_received() -> None:
    (e,) = engagements(
        "Lahore, 3 March 2022: Foreign Minister Bilawal Bhutto received a telephone call "
        "from the Foreign Minister of Norway, Ms. Anniken Huitfeldt, today."
    )
    assert e["mode"] == "telephone" and e["date"] == "2022-03-03"
    assert {("Bhutto", "NOR", None), ("Huitfeldt", "NOR", None)} != who(e)
    assert ("Huitfeldt", "NOR", None) in who(e)


def test_views_exchanged_and_a_co_chaired_meeting() -> None:
    (e,) = engagements(
        "On 9 June 2021, Foreign Minister Marise Payne exchanged views with Indian External "
        "Affairs Minister Subrahmanyam Jaishankar."
    )
    assert {f for f, _c, _o in who(e)} == {"Payne", "Jaishankar"}
    (e,) = engagements(
        "On 2 July 2019, Minister Rita Ribeiro and Finnish Foreign Minister Pekka Haavisto "
        "co-chaired the Joint Commission."
    )
    assert {f for f, _c, _o in who(e)} == {"Ribeiro", "Haavisto"}


def test_the_narrator_of_an_answer_met_someone() -> None:
    (e,) = engagements(
        "Written answers\n\nI travelled to Paris on 4 March to meet with the French Minister "
        "for Europe and Foreign Affairs Jean-Noël Barrot.",
        published="2025-04-10",
        url="https://www.oireachtas.ie/en/debates/question/2025-04-10/7/",
    )
    assert e["date"] == "2025-03-04"
    assert ("Barrot", "FRA", None) in who(e)
    assert ("", "IRL", None) in who(e)  # the narrator: the publisher's own, unnamed


def test_the_head_of_an_organisation_named_by_office() -> None:
    text = (
        "Readout of the Secretary-General's meeting with the Prime Minister of Fiji\n"
        "12 May 2024\nAntónio Guterres, Secretary-General\n\n"
        "The Secretary-General met with Prime Minister Sitiveni Rabuka of Fiji."
    )
    (e,) = engagements(text, url="https://www.un.org/sg/en/content/sg/readout/2024-05-12/x")
    sg = next(p for p in e["participants"] if p["organization"])
    assert sg["organization"] == "United Nations" and sg["country"] is None
    assert sg["family_name"] == "Guterres"  # the byline names him


def test_an_unnamed_principal_stays_unnamed_with_the_gazetteers_answer_beside() -> None:
    (e,) = engagements(
        "The Prime Minister spoke to Chancellor Olaf Scholz this afternoon.",
        published="2023-05-02",
        url="https://www.gov.uk/government/news/pm-call-with-chancellor-scholz",
    )
    assert e["mode"] == "telephone"  # "spoke to", no sign of a meeting in person
    pm = next(p for p in e["participants"] if not p["name"])
    assert pm["country"] == "GBR"
    assert pm["office_holder"]["family_name"] == "Sunak"


def test_spoke_with_during_a_visit_is_a_meeting() -> None:
    (e,) = engagements(
        "During his visit to Canberra on 7 August 2023, Secretary Antony Blinken spoke with "
        "Foreign Minister Penny Wong about the Pacific."
    )
    assert e["mode"] == "in_person"


def test_the_publisher_of_a_government_domain_under_any_country_code() -> None:
    assert by_url("https://www.mfa.gov.il/MFA/PressRoom/x") == "ISR"
    assert by_url("https://www.gob.mx/sre/prensa/x") == "MEX"
    assert by_url("https://www.diplomatie.gouv.fr/en/x") == "FRA"
    assert by_url("https://www.mzv.cz/jnp/en/x") == "CZE"
    assert by_url("https://www.news-site.com/x") is None


def test_titles_in_other_governments_styles() -> None:
    from communique.extract.people import find_mentions

    def one(text: str) -> tuple[str | None, str | None]:
        (m,) = [m for m in find_mentions(text) if m.kind == "name"]
        return m.family, m.country

    # a name before a title whose portfolios run on after a comma
    assert one(
        "Santiago Cafiero, Minister of Foreign Affairs, International Trade and Worship of "
        "Argentina, arrived."
    ) == ("Cafiero", "ARG")
    # "and" inside a title, the name after it
    assert one("We met the French Minister for Europe and Foreign Affairs Jean-Noël Barrot.") == (
        "Barrot",
        "FRA",
    )
    # "his counterpart X", "her Chilean counterpart X"
    assert one("He met his Chilean counterpart Alberto van Klaveren.") == ("van Klaveren", "CHL")
    assert one("She then met her counterpart Alberto van Klaveren.")[0] == "van Klaveren"


def follow_ups(text: str, **kw: Any) -> list[str]:
    return [f["name"] for e in engagements(text, **kw) for f in e["follow_ups"]]


def test_follow_ups_carry_their_purpose_and_their_people() -> None:
    names = follow_ups(
        "On 3 April 2012, Foreign Minister Koichiro Gemba met Foreign Minister Yang Jiechi. "
        "He stated that Prime Minister Yoshihiko Noda's visit to China in May this year for "
        "the Trilateral Summit Meeting of Japan, China and the ROK would be important."
    )
    assert any("Noda" in n and "Trilateral Summit" in n for n in names), names
    names = follow_ups(
        "On 5 May 2023, Prime Minister Rishi Sunak spoke to Prime Minister Fumio Kishida. "
        "Both leaders looked forward to meeting in person soon."
    )
    assert any("Sunak" in n and "Kishida" in n for n in names), names


def test_follow_ups_resumed_worked_towards_and_ahead_of() -> None:
    names = follow_ups(
        "On 2 May 2011, Minister Takeaki Matsumoto met Minister Maite Nkoana-Mashabane. "
        "They agreed to keep working for President Jacob Zuma's visit to Japan. Minister "
        "Matsumoto stated that negotiations on the fisheries agreement should be resumed "
        "at an early date."
    )
    assert any("Zuma" in n and "Japan" in n for n in names), names
    assert any(n.startswith("resumption of negotiations on the fisheries") for n in names)
    (e,) = engagements(
        "On 10 March 2021, Minister Toshimitsu Motegi held a telephone talk with Foreign "
        "Minister Retno Marsudi, ahead of the Japan-Indonesia Foreign and Defense Ministerial "
        "Meeting to be held on March 30."
    )
    assert [(f["date"]) for f in e["follow_ups"] if "Defense" in f["name"]] == ["2021-03-30"]


def test_places_from_a_line_above_the_date_and_a_host_city() -> None:
    (e,) = engagements(
        "Readout of the Secretary-General's meeting with the Foreign Minister of Chile\n"
        "New York\n\n21 September 2023\n\n"
        "The Secretary-General met with Foreign Minister Alberto van Klaveren of Chile.",
        url="https://www.un.org/sg/en/content/sg/readout/2023-09-21/x",
    )
    assert e["place"]["country"] == "USA"
    (e,) = engagements(
        "On 2 May 2019, Secretary Mike Pompeo met Foreign Minister Stef Blok in The Hague."
    )
    assert e["place"]["country"] == "NLD"


def test_joined_virtually_by_others_and_together_with() -> None:
    (e,) = engagements(
        "Foreign Minister Annalena Baerbock met Japanese Minister for Foreign Affairs Yoshimasa "
        "Hayashi in Münster on 3 November 2022 and held consultations in the 2+2 format "
        "together with Minister of Defence Christine Lambrecht and her Japanese counterpart "
        "Yasukazu Hamada, both of whom joined the meeting virtually."
    )
    assert e["mode"] == "in_person"
    assert {f for f, _c, _o in who(e)} == {"Baerbock", "Hayashi", "Lambrecht", "Hamada"}


def test_news_style_weekdays_numeric_date_lines_and_earlier_meetings() -> None:
    (e,) = engagements(
        "Minister holds talks in Samarkand\n\nPTI | New Delhi | Updated: 14-04-2023 09:10 IST\n\n"
        "Russian Foreign Minister Sergey Lavrov on Thursday held talks with his Chinese "
        "counterpart Qin Gang in Uzbekistan's Samarkand. Lavrov had previously met Qin Gang on "
        "the sidelines of the G20 Foreign Ministers' Meeting in New Delhi in March."
    )
    assert e["date"] == "2023-04-13"  # the Thursday before the date line
    assert e["place"]["country"] == "UZB"  # not the earlier meeting's New Delhi
    assert e["occasion"] is None


def test_counterparts_named_only_by_country() -> None:
    engs = engagements(
        "On 10 May 2023, Foreign Minister Penny Wong met her counterparts from India and "
        "Indonesia in Jakarta."
    )
    assert [sorted(c for _f, c, _o in who(e)) for e in engs] == [["AUS", "IND"], ["AUS", "IDN"]]
    other = next(p for p in engs[0]["participants"] if p["country"] == "IND")
    assert other["name"] == "" and other.get("unnamed")
    (e,) = engagements(
        "On 6 March 2021, Secretary of State Antony Blinken met with his counterparts from "
        "France, Germany, and the United Kingdom in a video teleconference."
    )
    assert e["mode"] == "video"
    assert sorted(c for _f, c, _o in who(e)) == ["DEU", "FRA", "GBR", "USA"]


def test_a_hyphenated_title_is_not_a_name() -> None:
    (e,) = engagements(
        "On 20 May 2021, Secretary Antony Blinken met with Colombian Vice President and Foreign "
        "Minister-Designate Marta Lucía Ramírez at the Department of State."
    )
    assert ("Ramírez", "COL", None) in who(e)


def test_a_bare_office_opening_a_sentence_and_a_list_of_counterparts() -> None:
    engs = engagements(
        "Press Statement\nWashington, DC\nJanuary 19, 2003\n\nThe Secretary this evening met "
        "with Foreign Minister Tang of China, Foreign Minister de Villepin of France, and "
        "Foreign Secretary Derbez of Mexico.",
        url="https://www.state.gov/r/pa/prs/ps/2003/x.htm",
    )
    assert len(engs) == 3
    assert all(("", "USA", None) in who(e) for e in engs)


def test_remarks_of_an_organisation_and_we_will_meet_again() -> None:
    text = (
        "New York, 23 September 2013\n\nRemarks by EU High Representative Catherine Ashton "
        "following her meeting with Iranian Foreign Minister Mohammad Javad Zarif\n\n"
        "I've just had my first meeting with Foreign Minister Zarif. We have agreed that we, he "
        "and I, will meet with our teams in Geneva in October."
    )
    (e,) = engagements(text)
    ashton = next(p for p in e["participants"] if p["family_name"] == "Ashton")
    assert ashton["organization"] == "European Union" and ashton["country"] is None
    names = [f["name"] for f in e["follow_ups"]]
    assert any("Ashton" in n and "Zarif" in n and "Geneva" in n for n in names), names


def test_a_visit_report_in_news_style() -> None:
    engs = engagements(
        "External Affairs Minister S Jaishankar called on President Gotabaya Rajapaksa today in "
        "Colombo. He also called on Prime Minister Mahinda Rajapaksa.\n\nHe began his visit by "
        "meeting Finance Minister Basil Rajapaksa this morning.",
        published="2022-03-28",
    )
    # one family, three people, three meetings
    assert sorted(p["name"] for e in engs for p in e["participants"] if p["country"] == "LKA") == [
        "Basil Rajapaksa",
        "Gotabaya Rajapaksa",
        "Mahinda Rajapaksa",
    ]


def test_scheduled_meetings_and_discussions_with_someone_are_follow_ups() -> None:
    names = follow_ups(
        "New Delhi, 6 October 2024. External Affairs Minister S Jaishankar called on Maldivian "
        "President Mohamed Muizzu. During his visit, Muizzu will hold discussions with Prime "
        "Minister Narendra Modi on bilateral issues. Muizzu is also scheduled to meet President "
        "Droupadi Murmu."
    )
    assert any("Muizzu" in n and "Modi" in n and "During" not in n for n in names), names
    assert any("Muizzu" in n and "Murmu" in n for n in names), names


def test_an_organisations_visit_report() -> None:
    engs = engagements(
        "High Representative concludes his visit to Antalya\n\nBrussels, 19/06/2021\n\n"
        "On 18 June, EU High Representative Josep Borrell concluded his two-day visit to "
        "Antalya where he participated in the South East Europe Cooperation Platform (SEECP) "
        "Summit.\n\nIn the margins of the summit, High Representative Josep Borrell met with the "
        "leaders of North Macedonia and Kosovo. During their meeting, High Representative Borrell "
        "and North Macedonian President, Stevo Pendarovski, discussed the next steps.\n\n"
        "High Representative Borrell also met with the President of Kosovo, Vjosa Osmani. They "
        "discussed the dialogue following a high level meeting this week in Brussels.",
        url="https://www.eeas.europa.eu/eeas/x_en",
    )
    assert [sorted(f for f, _c, _o in who(e)) for e in engs] == [
        ["Borrell", "Pendarovski"],
        ["Borrell", "Osmani"],
    ]
    assert [e["date"] for e in engs] == [
        "2021-06-18",
        "2021-06-18",
    ]  # the day told, not the date line
    assert [e["place"]["country"] for e in engs] == ["TUR", "TUR"]  # not Brussels
    assert engs[0]["occasion"] == "SEECP Summit"  # "the summit" named before


def test_stated_counts_and_what_is_not_one() -> None:
    from communique.extract.numbers import find_ordinals

    def total(text: str) -> int | None:
        found = [o.number for o in find_ordinals(text, 0, len(text)) if o.scope == "total"]
        return found[0] if found else None

    assert total("Minister Hayashi expressed his pleasure to hold their first talk.") == 1
    assert total("She was delighted to meet Minister Sikorski for the first time.") == 1
    assert total("It was his 25th meeting with Foreign Minister Lavrov.") == 25
    assert total("The talks, the ninth overall, lasted two hours.") == 9
    assert (
        total("He was glad to talk with President Putin for the first time in eight months.")
        is None
    )
    assert total("He was delighted to meet Borrell in person for the first time.") is None


def test_looking_forward_to_visiting_is_the_subjects_visit() -> None:
    names = follow_ups(
        "On 4 August 2018, Minister Taro Kono paid a courtesy call on Prime Minister Hun Sen. "
        "Prime Minister Hun Sen thanked Prime Minister Abe and Minister Kono for their message and "
        "mentioned that he looks forward to visiting Japan to attend the Mekong-Japan Summit "
        "Meeting in Tokyo next month. We would hope for the best circumstances for such a visit."
    )
    assert any(n.startswith("Prime Minister Hun's visit to Japan") and "Mekong" in n for n in names)
    assert not any("such a visit" in n for n in names)


def test_an_organisations_press_release_in_news_style() -> None:
    (e,) = engagements(
        "Secretary General discussed security with Greek Prime Minister\n\n"
        "Visiting Athens on Thursday (6 September 2018), NATO Secretary General Jens Stoltenberg "
        "met with Prime Minister Alexis Tsipras to discuss the implementation of decisions taken "
        "at the NATO Summit in July."
    )
    assert e["place"]["country"] == "GRC" and e["occasion"] is None
    (e,) = engagements(
        "NATO Secretary General Jens Stoltenberg and Portuguese Prime Minister António Costa "
        "discussed current security challenges in a meeting on Thursday (17 March 2016)."
    )
    assert {f for f, _c, _o in who(e)} == {"Stoltenberg", "Costa"} and e["date"] == "2016-03-17"
    engs = engagements(
        "On 9 February 2022, Prime Minister Ingrida Šimonytė met with Mircea Geoană, NATO Deputy "
        "Secretary General, and Admiral Rob Bauer, Chair of the NATO Military Committee."
    )
    geoana = next(p for e in engs for p in e["participants"] if p["family_name"] == "Geoană")
    assert geoana["organization"] == "NATO" and geoana["country"] is None


def test_a_meeting_named_by_one_side_has_the_publishers_principal_on_the_other() -> None:
    (e,) = engagements(
        "Bilateral meeting with Japanese Foreign Minister\n\nMarise Payne:\n\nGood morning, "
        "Minister, and welcome to our bilateral meeting today.",
        url="https://www.foreignminister.gov.au/minister/marise-payne/transcript/x",
    )
    assert {c for _f, c, _o in who(e)} == {"JPN", "AUS"}  # the transcript's speaker
    (e,) = engagements(
        "Bilateral meeting with Japanese Foreign Minister\n\nThe Ministers discussed trade.",
        url="https://www.gov.uk/government/news/x",
    )
    ours = next(p for p in e["participants"] if p["country"] == "GBR")
    assert ours["unnamed"] and "span" not in ours and ours["country_reason"]


def test_invited_passive_where_it_will_take_place_and_not_today() -> None:
    names = follow_ups(
        "On 3 May 2023, Foreign Minister Penny Wong met Foreign Minister Wang Yi. I think the "
        "Prime Minister has been invited to Beijing. The next high-level dialogue will take "
        "place in Washington, DC in the second half of the year. I look forward to continuing "
        "our bilateral discussion today."
    )
    assert "Prime Minister's visit to Beijing" in names, names
    assert any(n.startswith("next high-level dialogue in Washington") for n in names), names
    assert not any("today" in n for n in names)


def test_news_after_meeting_and_the_place_of_the_event_held() -> None:
    (e,) = engagements(
        "Kyiv, 4 April 2023. Ukrainian Foreign Minister Dmytro Kuleba said after meeting his "
        "Polish counterpart Zbigniew Rau that the two countries will deepen cooperation."
    )
    assert {(f, c) for f, c, _o in who(e)} == {("Kuleba", "UKR"), ("Rau", "POL")}
    (e,) = engagements(
        "Minister Subrahmanyam Jaishankar and Minister Penny Wong co-chaired the 14th "
        "India-Australia Foreign Ministers' Framework Dialogue in New Delhi on 21 December 2023."
    )
    assert e["place"]["country"] == "IND"


def test_a_venue_of_a_city_a_committee_held_and_a_place_looked_forward_to() -> None:
    (e,) = engagements(
        "PM meeting with Prime Minister Kishida of Japan\n\n12 January 2023\n\nPrime Minister "
        "Rishi Sunak hosted the Prime Minister of Japan, Fumio Kishida, at the Tower of London "
        "yesterday. The leaders discussed defence. The Prime Minister looked forward to visiting "
        "Hiroshima for the G7 in May."
    )
    assert e["place"]["country"] == "GBR" and e["date"] == "2023-01-11"
    (e,) = engagements(
        "On July 28, 2023, Defense Minister Kihara held Japan-U.S. Security Consultative Committee "
        "with Foreign Minister Kamikawa, Secretary of Defense Austin and Secretary of State "
        "Blinken in Tokyo."
    )
    assert {f for f, _c, _o in who(e)} == {"Kihara", "Kamikawa", "Austin", "Blinken"}


def test_follow_ups_in_the_forms_governments_announce_them() -> None:
    (e,) = engagements(
        "On 3 May 2023, Prime Minister Anthony Albanese met President Joko Widodo in Jakarta. "
        "The two leaders agreed that their foreign ministers would meet in Canberra later this "
        "year. The Foreign Ministers will hold the 8th Annual Dialogue on 14 June. The Prime "
        "Minister also accepted an invitation to visit Indonesia again. Ahead of the summit in "
        "Jordan in the first half of 2019, they agreed to stay in close contact."
    )
    got = {f["name"]: (f["date"], f["date_text"]) for f in e["follow_ups"]}
    assert got["8th Annual Dialogue"] == ("2023-06-14", "on 14 June")
    assert got["summit in Jordan"] == (None, "in the first half of 2019")
    assert "Prime Minister Albanese's visit to Indonesia" in got
    assert any(n.startswith("meeting of the foreign ministers of") and "Canberra" in n for n in got)


def test_remarks_it_was_a_pleasure_to_welcome() -> None:
    (e,) = engagements(
        "Remarks\n\n12 March 2023\n\nMINISTER WONG: Thank you. It was a pleasure to welcome "
        "Foreign Minister Yoshimasa Hayashi to Adelaide today for our talks.",
        url="https://www.foreignminister.gov.au/minister/penny-wong/transcript/x",
    )
    assert {c for _f, c, _o in who(e)} == {"AUS", "JPN"}
    assert e["place"]["country"] == "AUS" and e["date"] == "2023-03-12"
    assert not engagements(
        "On 3 March 2023 Minister Penny Wong said it would be a pleasure to welcome Foreign "
        "Minister Yoshimasa Hayashi to Adelaide."
    )


def test_meeting_names_are_names_not_captions_or_sentences() -> None:
    from communique.extract.fields import meeting_name

    assert meeting_name("Overview of the Japan-China Foreign Ministers' Meeting") == (
        "Japan-China Foreign Ministers' Meeting"
    )
    assert meeting_name(
        "Photo session was held before Japan-Australia Foreign Ministers' Meeting."
    ) == ("Japan-Australia Foreign Ministers' Meeting")
    assert meeting_name(
        "date 2022-05-23 Secretary Blinken's Meeting with Foreign Minister Hayashi"
    ) == ("Secretary Blinken's Meeting with Foreign Minister Hayashi")
    assert meeting_name("Readout of President Biden's Meeting with Prime Minister Kishida") == (
        "President Biden's Meeting with Prime Minister Kishida"
    )
    assert meeting_name("1 Meeting with Secretary of Foreign Affairs Ebrard") == (
        "Meeting with Secretary of Foreign Affairs Ebrard"
    )
    assert (
        meeting_name(
            "Taking into consideration the Foreign Ministers' Meeting at the end of last year, "
            "Minister Motegi conveyed his thoughts"
        )
        is None
    )
    assert meeting_name("G7 united in response to conflicts") is None


def test_a_visitor_received_by_a_host_and_meeting_a_counterpart() -> None:
    engs = engagements(
        "Visit of Foreign Minister Mevlüt Çavuşoğlu to Japan\n\nOn 12 March 2019, during his "
        "visit, Minister Mevlüt Çavuşoğlu was received by Prime Minister Shinzō Abe and met "
        "with his counterpart Foreign Minister Taro Kono. The luncheon, which was hosted by "
        "Minister Kono, was attended by business leaders.",
        url="https://www.mfa.gov.tr/x.en.mfa",
    )
    assert [sorted(f for f, _c, _o in who(e)) for e in engs] == [
        ["Abe", "Çavuşoğlu"],
        ["Kono", "Çavuşoğlu"],
    ]


def test_gulf_and_south_asian_styles() -> None:
    (e,) = engagements(
        "Abu Dhabi, 12 July 2023 (WAM) -- H.H. Sheikh Abdullah bin Zayed Al Nahyan, Minister of "
        "Foreign Affairs, received a phone call from Antony Blinken, US Secretary of State."
    )
    assert e["mode"] == "telephone"
    assert {f for f, _c, _o in who(e)} == {"Al Nahyan", "Blinken"}
    (e,) = engagements(
        "Islamabad, 5 May 2023: Foreign Minister Bilawal Bhutto Zardari held a telephonic "
        "conversation with the Foreign Minister of Türkiye Mevlüt Çavuşoğlu today."
    )
    assert e["mode"] == "telephone" and {c for _f, c, _o in who(e)} == {"PAK", "TUR"}
    (e,) = engagements(
        "Riyadh, 12 July 2023 (SPA) -- Foreign Minister Prince Faisal bin Farhan received a "
        "phone call today from Foreign Minister of Egypt Sameh Shoukry.",
        url="https://www.spa.gov.sa/x",
    )
    assert {c for _f, c, _o in who(e)} == {"SAU", "EGY"}


def test_african_and_latin_american_styles() -> None:
    (e,) = engagements(
        "Pretoria, 12 July 2023 - The Minister of International Relations and Cooperation, "
        "Dr Naledi Pandor, held bilateral political consultations with her counterpart, the "
        "Minister of Foreign Affairs of Brazil, Mr Mauro Vieira, in Pretoria today.",
        url="https://www.dirco.gov.za/x",
    )
    assert {(f, c) for f, c, _o in who(e)} == {("Pandor", "ZAF"), ("Vieira", "BRA")}
    assert e["date"] == "2023-07-12" and e["place"]["country"] == "ZAF"
    (e,) = engagements(
        "Brasília, 12 de julho de 2023 - Foreign Minister Mauro Vieira received the Foreign "
        "Minister of Chile, Alberto van Klaveren, at Itamaraty Palace on July 12."
    )
    assert e["date"] == "2023-07-12"


def test_he_looked_forward_to_visiting() -> None:
    names = follow_ups(
        "Foreign Secretary's meeting with Australian Foreign Minister Penny Wong, 1 February 2023\n"
        "The Foreign Secretary and Australian Foreign Minister Penny Wong had a warm meeting "
        "yesterday. The UK Foreign Secretary James Cleverly thanked her.\nThe Foreign Secretary "
        "highlighted the UK's commitment to the Pacific. He looked forward to visiting in the "
        "coming months.",
        url="https://www.gov.uk/government/news/x",
    )
    assert "Foreign Secretary Cleverly's visit" in names, names


def test_durations_a_total_and_its_parts_and_what_is_not_the_meeting() -> None:
    (e,) = engagements(
        "On November 19, 2016, for approximately 1 hour and 10 minutes, Prime Minister Shinzo Abe "
        "held a Japan-Russia Summit Meeting with President Vladimir Putin. The meeting consisted "
        "of an approximately 35-minute meeting with other participants present, followed by an "
        "approximately 35-minute meeting between the two leaders."
    )
    assert e["duration_minutes"] == 70
    (e,) = engagements(
        "On 6 August 2020, for approximately 2 hours, Minister Toshimitsu Motegi held a meeting "
        "with Foreign Minister Teodoro Locsin. This was followed by the signing ceremony for an "
        "exchange of notes on the loan (approximately 10 minutes) and a joint press occasion "
        "(approximately 15 minutes)."
    )
    assert e["duration_minutes"] == 120


def test_more_announced_engagements() -> None:
    names = follow_ups(
        "On 3 May 2023, Prime Minister Rishi Sunak met President Emmanuel Macron in Paris. "
        "Foreign Minister Penny Wong will travel to Tokyo next week for talks with Foreign "
        "Minister Yoshimasa Hayashi. The leaders agreed to meet again at the G20 Summit in Rio de "
        "Janeiro. Minister Wong will host Minister Hayashi in Adelaide next year. Ahead of his "
        "visit to Japan next week, the Prime Minister spoke with reporters. Japan would host the G7."
    )
    assert "Foreign Minister Wong's visit to Tokyo for talks with Foreign Minister Hayashi" in names
    assert any(n.endswith("at the G20 Summit in Rio de Janeiro") and "Macron" in n for n in names)
    assert "meeting between Foreign Minister Wong and Foreign Minister Hayashi in Adelaide" in names
    assert "Prime Minister Sunak's visit to Japan" in names
    assert "Japan hosting the G7" in names


def test_the_resumption_of_negotiations_is_a_follow_up_each() -> None:
    names = follow_ups(
        "On 9 February 2012, Foreign Minister Koichiro Gemba met Foreign Minister Yang Jiechi. "
        "Minister Gemba referred to the early resumption of negotiations on the fisheries "
        "agreement as well as bilateral maritime talks."
    )
    assert "resumption of negotiations on the fisheries agreement" in names, names
    assert "resumption of bilateral maritime talks" in names, names


def _follow_ups(sentence: str) -> dict[str, str | None]:
    (e,) = engagements(
        "On 3 May 2023, Foreign Minister Ana Lima met Foreign Minister Tomas Berg of Sweden "
        "in Lisbon. " + sentence
    )
    return {f["name"]: f["date_text"] for f in e["follow_ups"]}


def test_follow_ups_announced_as_invitations_and_expectations() -> None:
    got = _follow_ups(
        "The Swedish minister extended invitations to President Rui Costa and Minister Lima "
        "to Sweden."
    )
    assert list(got) == ["President Costa and Foreign Minister Lima's visit to Sweden"]
    got = _follow_ups(
        'Minister Lima said, "I would like to invite you to Portugal within this year."'
    )
    assert got == {"visit to Portugal at Foreign Minister Lima's invitation": "within this year"}
    got = _follow_ups(
        "They expect to hold the 5th round of the Portugal-Sweden trade negotiations at an "
        "early date next year."
    )
    assert got == {"5th round of the Portugal-Sweden trade negotiations": "at an early date"}
    got = _follow_ups(
        "Minister Berg accepted Minister Lima's invitation for an informal summit in Portugal "
        "next year."
    )
    assert got == {"informal summit in Portugal": "next year"}
    got = _follow_ups("They agreed to schedule a reciprocal visit at a mutually suitable time.")
    assert got == {"reciprocal visit": "at a mutually suitable time"}


def test_follow_ups_listed_as_exchanges_to_come() -> None:
    got = _follow_ups(
        "Both sides agreed to promote high-level exchanges in the second half of this year, "
        "including a visit to Sweden by the Prime Minister of Portugal and a holding of the "
        "Portugal-Sweden Economic Dialogue."
    )
    assert set(got) == {
        "Prime Minister of Portugal's visit to Sweden",
        "Portugal-Sweden Economic Dialogue",
    }
    # the same words about a meeting that took place are not a follow-up
    assert not _follow_ups(
        "The two ministers welcomed the progress in their cooperation, including the holding "
        "of the first Portugal-Sweden 2+2 in April."
    )


def test_follow_ups_scheduled_hosted_and_met_again() -> None:
    got = _follow_ups(
        "Minister Berg said he looked forward to the EU-Nordic Forum, which is scheduled to be "
        "held in Porto in November."
    )
    assert "EU-Nordic Forum" in got
    got = _follow_ups(
        "Minister Lima said she would work with Minister Berg for the success of the upcoming "
        "OSCE Ministerial Council."
    )
    assert list(got) == ["upcoming OSCE Ministerial Council"]
    assert _follow_ups("The two ministers agreed to meet again next year.") == {
        "meeting between Foreign Minister Lima and Foreign Minister Berg": "next year"
    }
    got = _follow_ups(
        "The foreign secretaries of both Portugal and Sweden will meet in Stockholm next month."
    )
    assert got == {
        "meeting of the foreign secretaries of both Portugal and Sweden in Stockholm": "next month"
    }
    got = _follow_ups(
        "Minister Berg will be in Porto on 21 June for talks with Prime Minister Rui Costa."
    )
    assert got == {
        "Foreign Minister Berg's visit to Porto for talks with Prime Minister Costa": "on 21 June"
    }
    assert not _follow_ups("Minister Berg will be in Porto on 21 June.")
    got = _follow_ups(
        "Minister Berg looks forward to hosting Prime Minister Rui Costa in Stockholm later this "
        "year."
    )
    assert got == {"Prime Minister Costa's visit to Stockholm": "later this year"}
    got = _follow_ups(
        "Minister Berg said he was looking forward to seeing Prime Minister Rui Costa."
    )
    assert list(got) == ["meeting between Foreign Minister Berg and Prime Minister Costa"]
    got = _follow_ups("Minister Lima is slated to undertake her first visit to Sweden this autumn.")
    assert got == {"Foreign Minister Lima's visit to Sweden": "this autumn"}
    got = _follow_ups(
        "Minister Lima hoped to work with Egypt toward COP30 which will be held under the "
        "Brazilian presidency to advance climate efforts."
    )
    assert list(got) == ["COP30 under the Brazilian presidency"]


def test_follow_ups_in_news_and_speech() -> None:
    got = _follow_ups("MINISTER BERG: We'll meet again in Brussels next month.")
    assert got == {
        "meeting between Foreign Minister Lima and Foreign Minister Berg in Brussels": "next month"
    }
    got = _follow_ups("Minister Berg said: I'll visit Lisbon in the spring.")
    assert got == {"Foreign Minister Berg's visit to Lisbon": "in the spring"}
    got = _follow_ups(
        "Minister Lima said she welcomed President Erik Lund to come to Portugal in November."
    )
    assert got == {"President Lund's visit to Portugal": "in November"}
    assert not _follow_ups("Minister Berg thanked Minister Lima for inviting him to Stockholm.")
    got = _follow_ups(
        "Minister Lima said that Minister Berg is welcome to visit Portugal at any time."
    )
    assert list(got) == ["Foreign Minister Berg's visit to Portugal"]
    got = _follow_ups(
        "Minister Berg is going to travel to Madrid next week for talks with his Spanish "
        "counterpart."
    )
    assert list(got) == [
        "Foreign Minister Berg's visit to Madrid for talks with his Spanish counterpart"
    ]
    got = _follow_ups(
        "President Rui Costa is scheduled to hold bilateral trade talks with President Erik "
        "Lund on Wednesday."
    )
    assert list(got) == ["talks between President Costa and President Lund"]


def test_follow_ups_of_commissions_and_invitations_to_attend() -> None:
    got = _follow_ups(
        "Minister Lima will deliver an invitation from President Rui Costa to President Erik "
        "Lund on a State Visit to Portugal at the end of 2024."
    )
    assert got == {"President Lund's visit to Portugal": "at the end of 2024"}
    got = _follow_ups(
        "Minister Lima said Portugal was preparing to host the next Joint Ministerial "
        "Commission (JMC) with Sweden in August 2024."
    )
    assert got == {"Joint Ministerial Commission (JMC) with Sweden": "in August 2024"}
    got = _follow_ups(
        "Minister Berg affirmed Sweden's commitment in readiness for the 4th session of the "
        "Joint Commission in 2025 in Stockholm."
    )
    # the place said after the when belongs to the event
    assert list(got) == ["4th session of the Joint Commission in Stockholm"]
    # an event someone is invited to is a follow-up, not the occasion of this meeting
    (e,) = engagements(
        "On 3 May 2023, Foreign Minister Ana Lima met Foreign Minister Tomas Berg of Sweden "
        "in Lisbon. Minister Berg welcomed Portugal's invitation to attend the proposed "
        "Atlantic Summit."
    )
    assert e["occasion"] is None
    assert [f["name"] for f in e["follow_ups"]] == ["proposed Atlantic Summit"]


def test_a_country_by_its_formal_name_after_a_city() -> None:
    (e,) = engagements(
        "On November 8, 2014, Foreign Minister Fumio Kishida held a meeting with Secretary of "
        "Foreign Affairs Albert del Rosario of the Philippines in Beijing, the People's "
        "Republic of China, where he was attending the APEC Ministerial Meeting."
    )
    assert e["place"] == {"name": "Beijing", "country": "CHN"}


def test_and_mister_begins_another_person_not_more_of_a_title() -> None:
    (e,) = engagements(
        "Photo: H.E. Mr. Marcelo Ebrard, Secretary of Foreign Affairs of the United Mexican "
        "States and Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan\n\n"
        "On September 26, 2022, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, "
        "held a meeting with H.E. Mr. Marcelo Ebrard, Secretary of Foreign Affairs of the "
        "United Mexican States."
    )
    assert {(p["family_name"], p["country"]) for p in e["participants"]} == {
        ("Hayashi", "JPN"),
        ("Ebrard", "MEX"),
    }


def test_news_agency_forms_of_meetings_and_calls() -> None:
    # offices written in lower case, before the name or after it
    (e,) = engagements(
        "date 2022-07-29 Indian External Affairs Minister Anil Mehra met Uzbek foreign minister "
        "Vladimir Norov in Tashkent."
    )
    assert who(e) == {("Mehra", "IND", None), ("Norov", "UZB", None)}
    (e,) = engagements(
        "date 2022-07-29 Indian External Affairs Minister Anil Mehra met Vladimir Norov, "
        "Uzbekistan's foreign minister, in Tashkent."
    )
    assert who(e) == {("Mehra", "IND", None), ("Norov", "UZB", None)}
    # "called" a counterpart: a telephone call
    (e,) = engagements(
        'date 2018-09-03 "Afghan Foreign Minister Salim Karimi called Foreign Minister Omar '
        'Farooq of Pakistan today and congratulated him," a statement read.'
    )
    assert e["mode"] == "telephone"
    assert {f for f, _c, _o in who(e)} == {"Karimi", "Farooq"}
    # "had a great discussion with"
    (e,) = engagements(
        "date 2023-05-21 Secretary of State Antony Blinken said he had a great discussion "
        "with External Affairs Minister Anil Mehra on the sidelines of the G7 Summit in "
        "Hiroshima."
    )
    assert {f for f, _c, _o in who(e)} == {"Blinken", "Mehra"}
    # "so-called" and "called for" are not calls
    assert not engagements(
        "date 2023-05-21 Secretary Blinken called for restraint and praised the so-called "
        "Quad Leaders."
    )


def test_an_event_named_in_full_after_its_first_noun() -> None:
    got = _follow_ups(
        "The two ministers will also hold the 2nd High-Level Dialogue and Cooperation "
        "Mechanism (HDCM) Meeting on 9 July 2023 in Porto."
    )
    assert list(got) == [
        "2nd High-Level Dialogue and Cooperation Mechanism (HDCM) Meeting in Porto"
    ]


def test_names_with_middle_initials_particles_and_a_dateline_above() -> None:
    (e,) = engagements(
        "May 14, 2018\nOttawa, Ontario\n\nToday, the Prime Minister, Justin Trudeau, spoke "
        "with the President of the United States, Donald J. Trump."
    )
    assert {(p["name"], p["family_name"], p["country"]) for p in e["participants"]} == {
        ("Justin Trudeau", "Trudeau", "CAN"),
        ("Donald J. Trump", "Trump", "USA"),
    }
    (e,) = engagements(
        "April 28, 2023\n\nPrime Minister Justin Trudeau met with the President of the "
        "European Commission, Ursula von der Leyen, at the Global Citizen NOW Summit in New York."
    )
    assert ("von der Leyen", None, "European Commission") in who(e)


def test_an_organisations_own_site_speaks_for_the_organisation() -> None:
    (e,) = engagements(
        "Readout of the Secretary-General's meeting with H.E. Mr. Irakli Garibashvili, Prime "
        "Minister of Georgia\n\nMunich, Germany, 1 February 2014\n\nThe Secretary-General met "
        "today with H.E. Mr. Irakli Garibashvili, Prime Minister of Georgia. The "
        "Secretary-General invited the Government of Georgia to the Climate Summit.",
        url="https://www.un.org/sg/en/content/sg/readout/2014-02-01/readout",
    )
    assert {(p["country"], p["organization"]) for p in e["participants"]} == {
        (None, "United Nations"),
        ("GEO", None),
    }


def test_a_meeting_between_two_named_as_the_subject_and_h_e_with_a_space() -> None:
    (e,) = engagements(
        "Luanda, 27 March 2017. The meeting in the Presidential Palace between H. E. Teodoro "
        "Mbasogo, President of Equatorial Guinea, and H. E. Jose Eduardo dos Santos, President "
        "of Angola, was the most important activity of the visit."
    )
    assert who(e) == {("Mbasogo", "GNQ", None), ("dos Santos", "AGO", None)}
    assert not engagements(
        "Luanda, 27 March 2017. The meeting between H. E. Teodoro Mbasogo, President of "
        "Equatorial Guinea, and H. E. Jose Eduardo dos Santos, President of Angola, will be "
        "held tomorrow."
    )
    (e,) = engagements(
        "Delhi, 14 February 2003. Foreign Minister of Bangladesh, Morshed Khan visited India "
        "and met Foreign Minister Yashwant Sinha."
    )
    assert ("Khan", "BGD", None) in who(e)


def test_a_summit_named_for_an_anniversary_is_a_follow_up_the_anniversary_is_not() -> None:
    got = _follow_ups(
        "They agreed to work together for the success of the Portugal-Sweden Commemorative "
        "Summit for the 50th Anniversary in December."
    )
    assert list(got) == ["Portugal-Sweden Commemorative Summit for the 50th Anniversary"]
    assert not _follow_ups("They looked forward to the 50th anniversary celebrations next year.")


def test_remarks_before_a_meeting_at_a_summit_and_a_topic_is_not_a_place() -> None:
    (e,) = engagements(
        "Remarks by President Obama and Prime Minister Abe of Japan Before Bilateral Meeting at "
        "the G20 Summit\nBilateral Meetings Pavilion\nSt. Petersburg, Russia\nSeptember 5, 2013\n"
        "PRIME MINISTER ABE: It is my great pleasure to have a bilateral meeting on the occasion "
        "of the G20 today. It was meaningful to have a telephone conversation to discuss the "
        "situation in Syria.\nPRESIDENT OBAMA: It is wonderful to see Prime Minister Abe again."
    )
    assert e["occasion"] == "G20 Summit"
    assert e["place"]["country"] == "RUS"


def test_a_meeting_in_a_three_country_format_is_one_meeting() -> None:
    (e,) = engagements(
        "June 28, 2019\nVladimir Putin took part in a meeting in the Russia-India-China (RIC) "
        "format with Prime Minister of the Republic of India Narendra Modi and President of the "
        "People's Republic of China Xi Jinping on the sidelines of the G20 summit in Osaka."
    )
    assert {f for f, _c, _o in who(e)} == {"Putin", "Modi", "Xi"}


def test_a_minister_whose_portfolios_come_before_the_name() -> None:
    (e,) = engagements(
        "Cairo, 4 March 2025 - Minister of Foreign Affairs, African Cooperation and Moroccan "
        "Expatriates, Nasser Bourita, held in-depth bilateral talks in Cairo with Minister of "
        "Foreign Affairs, Immigration and Egyptians Abroad Affairs, Badr Abdel Ati. They agreed "
        "to strengthen consultations through the holding as soon as possible of the fourth "
        "session of the Mechanism for Dialogue, Coordination and Political and Strategic "
        "Consultation."
    )
    assert who(e) == {("Bourita", "MAR", None), ("Abdel Ati", "EGY", None)}
    assert [f["name"] for f in e["follow_ups"]] == [
        "fourth session of the Mechanism for Dialogue, Coordination and Political and "
        "Strategic Consultation"
    ]


def test_a_follow_up_in_a_speakers_paragraph_belongs_to_the_speakers_meeting() -> None:
    got = extract(
        "Working visit to Germany, 1 June 2012\n\nVladimir Putin and Federal Chancellor of "
        "Germany Angela Merkel held talks in Berlin.\n\nMr Putin also met with President of the "
        "Federal Republic of Germany Joachim Gauck.\n\nFEDERAL CHANCELLOR OF GERMANY ANGELA "
        "MERKEL: We agreed to hold German-Russian interstate consultations in Kazan this "
        "October."
    )["engagements"]
    by_who = {frozenset(f for f, _c, _o in who(e)): e["follow_ups"] for e in got}
    assert [f["name"] for f in by_who[frozenset({"Putin", "Merkel"})]] == [
        "German-Russian interstate consultations in Kazan"
    ]
    assert by_who[frozenset({"Putin", "Gauck"})] == []


def test_a_sentences_subject_goes_on_and_a_recalled_meeting_is_not_this_one() -> None:
    got = extract(
        "date 2022-09-16 MANILA - Foreign Affairs Secretary Enrique Manalo spoke with United "
        "States Secretary of State Antony Blinken in a call on Thursday. Last month, Blinken "
        "visited the Philippines and met with President Ferdinand Marcos Jr."
    )["engagements"]
    assert [{f for f, _c, _o in who(e)} for e in got] == [{"Manalo", "Blinken"}]
    (e,) = extract(
        "date 2022-09-16 Secretary of State Antony Blinken visited Manila and met with "
        "President Ferdinand Marcos Jr."
    )["engagements"]
    assert {f for f, _c, _o in who(e)} == {"Blinken", "Marcos"}


def test_two_received_in_one_sentence_one_with_an_acronym_in_his_title() -> None:
    got = extract(
        "Prime Minister Nguyen Tan Dung received US Deputy Secretary of State William Burns and "
        "Secretary of the Mongolian National Security Council (MNSC) Tsagaandari Enkhutuvshin "
        "in Hanoi on Dec. 13, 2010."
    )["engagements"]
    assert sorted(sorted(f for f, _c, _o in who(e)) for e in got) == [
        ["Burns", "Nguyen"],
        ["Enkhutuvshin", "Nguyen"],
    ]


def test_a_headlines_meeting_on_the_day_the_report_gives() -> None:
    (e,) = engagements(
        "Prime Minister Nguyen Xuan Phuc holds talks with his Russian counterpart Dmitry "
        "Medvedev\n\nPrime Minister Nguyen Xuan Phuc arrived in Moscow on Monday, May 16, 2016, "
        "beginning his official visit to Russia at the invitation of Russian Premier Dmitry "
        "Medvedev.\n\nFollowing the welcoming ceremony, talks were held between the two Prime "
        "Ministers."
    )
    assert e["date"] == "2016-05-16"
    assert not engagements(
        "Prime Minister Nguyen Xuan Phuc to hold talks with Dmitry Medvedev\n\nPrime Minister "
        "Nguyen Xuan Phuc will leave for Moscow on Monday, May 16, 2016."
    )


def test_gulf_and_americas_forms() -> None:
    # a weekday in the sentence of the date line: the weekday, not the date line, is the day
    (e,) = engagements(
        "date 2022-05-17 Abu Dhabi: Sheikh Abdullah bin Zayed Al Nahyan, Minister of Foreign "
        "Affairs and International Cooperation, on Monday received US Secretary of State Antony "
        "Blinken."
    )
    assert e["date"] == "2022-05-16"
    # particles before a family name: "de la Fuente"
    (e,) = engagements(
        "Mexican Foreign Minister Juan Ramon de la Fuente and U.S. Secretary of State Marco "
        "Rubio held a working phone call on 21 March 2025. Both governments agreed that the "
        "binational working group will meet soon in Washington."
    )
    assert ("de la Fuente", "MEX", None) in who(e)
    assert [f["date_text"] for f in e["follow_ups"]] == ["soon"]
    # the occasion of an earlier meeting referred back to; a visit someone has planned
    (e,) = engagements(
        "June 17, 2022\n\nSecretary of State Antony J. Blinken spoke yesterday with Mexican "
        "Foreign Secretary Marcelo Ebrard following their conversations in Los Angeles during "
        "the Summit of the Americas. They discussed agenda items for President Lopez Obrador's "
        "planned visit to the White House in July."
    )
    assert e["occasion"] is None and e["date"] == "2022-06-16"
    assert [f["name"] for f in e["follow_ups"]] == ["President Obrador's visit to the White House"]


def test_a_style_before_the_name_and_the_office_after_it() -> None:
    (e,) = engagements(
        "ABU DHABI, 2 May 2021: H.H. Sheikh Abdullah bin Zayed Al Nahyan, Minister of Foreign "
        "Affairs of the United Arab Emirates, received Prince Faisal bin Farhan, Foreign "
        "Minister of the Kingdom of Saudi Arabia."
    )
    assert {(p["family_name"], p["country"], p["title"]) for p in e["participants"]} == {
        ("Al Nahyan", "ARE", "Minister of Foreign Affairs of the United Arab Emirates"),
        ("bin Farhan", "SAU", "Foreign Minister of the Kingdom of Saudi Arabia"),
    }


def test_a_quotation_after_said_is_the_speakers_and_remarks_after_a_meeting() -> None:
    (e,) = engagements(
        "Foreign Secretary and US Secretary of State press conference\n\n25 February 2013\n\n"
        "Speaking at the press conference today in London, Foreign Secretary William Hague "
        'said:\n"It is a great honour to welcome the 68th Secretary of State of the United '
        'States of America, John Kerry, to London today."'
    )
    assert {f for f, _c, _o in who(e)} == {"Hague", "Kerry"}
    (e,) = engagements(
        "Seoul, South Korea\nMay 26, 2010\n\nMODERATOR: Following the ROK-U.S. foreign "
        "ministers meeting, we will hear Foreign Minister Yu Myung-hwan of the Republic of "
        "Korea.\nFOREIGN MINISTER YU: During our meeting today, Secretary of State Hillary "
        "Clinton and I talked about the Korea-U.S. summit meeting scheduled for late June."
    )
    assert {f for f, _c, _o in who(e)} >= {"Yu"}
    assert [(f["name"], f["date_text"]) for f in e["follow_ups"]] == [
        ("Korea-U.S. summit meeting", "late June")
    ]


def test_african_union_forms_conferred_at_his_office_and_the_day_after_the_date_line() -> None:
    (e,) = engagements(
        "Addis Ababa, 11 July 2023 - Deputy Prime Minister and Foreign Minister, Demeke "
        "Mekonnen, earlier today conferred at his office with the Deputy Chairperson of the "
        "African Union Commission, Monique Nsanzabaganwa."
    )
    assert {f for f, _c, _o in who(e)} == {"Mekonnen", "Nsanzabaganwa"}
    (e,) = engagements(
        "date 2016-12-15 The African Union Commission (AUC) Chairperson, Dr. Nkosazana Dlamini "
        "Zuma has met with the Minister of Foreign Affairs of the Federal Democratic Republic of "
        "Ethiopia, H.E. Dr. Workneh Gebeyehu. They met at the AU Headquarters, on Tuesday, 13 "
        "December 2016."
    )
    assert e["date"] == "2016-12-13"


def test_follow_ups_of_a_visit_reports_next_legs_and_calls() -> None:
    got = _follow_ups("Following the talks, Minister Berg will proceed to Porto.")
    assert got == {"Foreign Minister Berg's visit to Porto": None}
    got = _follow_ups(
        "After Lisbon, Minister Berg travels on to Madrid for talks with Minister Rosa Diaz."
    )
    assert list(got) == ["Foreign Minister Berg's visit to Madrid for talks with Minister Diaz"]
    # a visit under way is not announced: no "then", "on", purpose or date
    assert not _follow_ups("Minister Berg travels to Lisbon with a business delegation.")
    got = _follow_ups("Minister Berg is expected to call on President Rui Costa tomorrow.")
    assert got == {"meeting between Foreign Minister Berg and President Costa": "tomorrow"}
    (e,) = engagements(
        "On 3 May 2023, Foreign Minister Ana Lima met Foreign Minister Tomas Berg of Sweden in "
        "Lisbon. Minister Berg is expected to call on President Rui Costa tomorrow."
    )
    assert e["follow_ups"][0]["date"] == "2023-05-04"  # the day after the date line
    got = _follow_ups(
        "The Minister's next stop is Madrid, where he will meet Prime Minister Ana Ruiz."
    )
    assert list(got) == ["meeting between Foreign Minister Lima and Prime Minister Ruiz"]
    got = _follow_ups("The President will fly to Oslo, where he will meet King Harald.")
    assert "meeting between The President and King Harald" in got
    got = _follow_ups(
        "Minister Berg will engage in bilateral meetings with Prime Minister Rui Costa."
    )
    assert list(got) == ["meeting between Foreign Minister Berg and Prime Minister Costa"]
    got = _follow_ups("Minister Berg is set to embark on a four-nation tour of Africa next week.")
    assert got == {"Foreign Minister Berg's visit to Africa": "next week"}
    # a meal in a guest's honour, and a site visit, are parts of a visit, not engagements
    assert not _follow_ups("Minister Lima will host a dinner in honour of Minister Berg.")
    assert not _follow_ups("Minister Berg said that he will be visiting a refugee camp on Friday.")


def test_follow_ups_scheduled_for_convened_and_met_again_when() -> None:
    got = _follow_ups("The next round of the bilateral dialogue is scheduled for the autumn.")
    assert list(got) == ["next round of the bilateral dialogue"]
    got = _follow_ups("A working-level meeting will follow in Geneva.")
    assert list(got) == ["working-level meeting in Geneva"]
    got = _follow_ups(
        "They instructed officials to open negotiations, with the first round to be held in May."
    )
    assert got == {"first round": "in May"}  # a month is a time, not a place
    got = _follow_ups("Both sides agreed to convene the Joint Economic Commission next year.")
    assert list(got) == ["Joint Economic Commission"]
    assert not _follow_ups("The ministers praised the work of the European Commission.")
    got = _follow_ups("The two sides will convene the third round of consultations in Stockholm.")
    assert list(got) == [
        "third round of consultations between Foreign Minister Lima and Foreign Minister Berg "
        "in Stockholm"
    ]
    got = _follow_ups(
        "The two leaders will hold a summit meeting on the margins of the G20 Summit."
    )
    assert list(got) == [
        "summit meeting between Foreign Minister Lima and Foreign Minister Berg on the margins "
        "of the G20 Summit"
    ]
    got = _follow_ups(
        "The ministers agreed that the Joint Committee should meet before the end of the year."
    )
    assert list(got) == ["meeting of the Joint Committee"]
    got = _follow_ups("We will take this up when we meet at the UN General Assembly in September.")
    assert list(got) == [
        "meeting between Foreign Minister Lima and Foreign Minister Berg at the UN General Assembly"
    ]
    got = _follow_ups("They agreed to stay in close contact and to meet again soon.")
    assert got == {"meeting between Foreign Minister Lima and Foreign Minister Berg": "soon"}


def test_follow_ups_as_hopes_intentions_and_welcomes() -> None:
    got = _follow_ups(
        "Minister Berg said he hoped to welcome Minister Lima again in Stockholm soon."
    )
    assert list(got) == ["Foreign Minister Lima's visit to Stockholm"]
    got = _follow_ups("MINISTER BERG: I look forward to seeing you again in Stockholm in June.")
    assert list(got) == [
        "meeting between Foreign Minister Lima and Foreign Minister Berg in Stockholm"
    ]
    got = _follow_ups("Minister Lima conveyed her intention to visit Sweden in the near future.")
    assert list(got) == ["Foreign Minister Lima's visit to Sweden"]
    got = _follow_ups(
        "Minister Lima stated that she would like to visit Sweden again at an early date."
    )
    assert list(got) == ["Foreign Minister Lima's visit to Sweden"]
    got = _follow_ups(
        "Minister Lima will welcome King Carl Gustaf to Lisbon for a state visit in May."
    )
    assert list(got) == ["King Gustaf's visit to Lisbon"]
    got = _follow_ups(
        "Minister Berg extended an invitation from the King for President Rui Costa to make a "
        "state visit to Sweden."
    )
    (name,) = got
    assert name.startswith("President") and name.endswith("Costa's visit to Sweden")
    got = _follow_ups(
        "Minister Berg extended an invitation to President Rui Costa to attend the Summit in Oslo."
    )
    assert list(got) == ["President Costa's participation in Summit in Oslo"]
    got = _follow_ups(
        "A return visit by Minister Lima to Stockholm is being planned for next year."
    )
    assert list(got) == ["Foreign Minister Lima's visit to Stockholm"]
    assert not _follow_ups(
        "The ministers recalled the visit by Minister Lima to Stockholm in 2019."
    )


def test_an_organisations_head_meeting_two_heads_of_another_at_once() -> None:
    url = "https://www.un.org/sg/en/content/sg/readout/2031-05-02/readout"
    parties = {
        (None, "United Nations"),
        ("Marta Ruiz", "European Council"),
        ("Jonas Berg", "European Union"),
    }
    # "met jointly with A, and B": one meeting of three, not one with each
    (e,) = engagements(
        "Geneva\n\n2 May 2031\n\nReadout of the Secretary-General's meeting with the President "
        "of the European Council\n\nThe Secretary-General met jointly with the President of the "
        "European Council, H.E. Ms. Marta Ruiz, and the High Representative of the European "
        "Union for Foreign Affairs and Security Policy, H.E. Mr. Jonas Berg. They discussed "
        "food security.",
        url=url,
    )
    assert {(p["name"] or None, p["organization"]) for p in e["participants"]} == parties
    assert e["place"]["name"] == "Geneva"
    # the headline names both, the body one: still one meeting of the three
    (e,) = engagements(
        "Geneva\n\n2 May 2031\n\nReadout of the Secretary-General's meeting with H.E. Ms. Marta "
        "Ruiz, President of the European Council and H.E. Mr. Jonas Berg Soler, High "
        "Representative of the EU for Foreign Affairs and Security Policy\n\nThe "
        "Secretary-General met with the President of the European Council, H.E. Ms. Marta Ruiz. "
        "They discussed food security.",
        url=url,
    )
    assert {p["organization"] for p in e["participants"]} == {
        "United Nations",
        "European Council",
        "European Union",
    }


def test_a_second_surname_left_out_is_the_same_person_and_a_date_line_at_the_end() -> None:
    (e,) = engagements(
        "On 4 June 2031, Foreign Minister Ana Lima met Foreign Minister Jorge Vidal Pardo of "
        "Uruguay in Lisbon. Minister Jorge Vidal said that trade had doubled."
    )
    assert len(e["participants"]) == 2
    (e,) = engagements(
        "Readout of the Secretary-General's meeting with the President of the Russian "
        "Federation\n\nThe Secretary-General met yesterday with H.E. Mr. Ivan Petrov, President "
        "of the Russian Federation. They discussed the situation in the Arctic.\n\n"
        "St. Petersburg, 17 June 2031\n",
        url="https://www.un.org/sg/en/content/sg/readout/2031-06-17/readout",
    )
    assert e["date"] == "2031-06-16"
    assert (e["place"]["name"], e["place"]["country"]) == ("St Petersburg", "RUS")


def test_a_news_agencys_dateline_a_recalled_meeting_and_who_will_attend() -> None:
    (e,) = engagements(
        "OSLO, May 11 (Nordpress) -- Norwegian Prime Minister Ola Berg held talks Thursday with "
        "Portuguese President Rui Costa, who is on a state visit to Norway and will attend the "
        "upcoming Arctic Circle Forum.\nBerg recalled his meeting with Costa last November on "
        "the sidelines of the G20 Summit in Rio.\nThe two leaders agreed to deepen trade ties.\n",
        published="2031-05-11",
    )
    assert (e["place"]["name"], e["place"]["country"]) == ("Oslo", "NOR")
    assert e.get("occasion") is None  # the G20 was the recalled meeting's occasion
    assert [f["name"] for f in e["follow_ups"]] == [
        "President Costa's participation in the upcoming Arctic Circle Forum"
    ]
    (e,) = engagements(
        "MADRID - Spanish Foreign Minister Ana Ruiz held talks with her Chilean counterpart "
        "Pedro Soto here Monday morning.",
        published="2031-03-03",
    )
    assert (e["place"]["name"], e["place"]["country"]) == ("Madrid", "ESP")


def test_a_transcript_with_speakers_in_title_case() -> None:
    (e,) = engagements(
        "Joint Press Conference by Prime Minister Lars Holm and President Ana Lima\n\n"
        "Oslo, 12 March 2031\n\n"
        "Prime Minister Holm: Thank you, Ana, for coming today. We had a very productive meeting "
        "this morning, and we agreed that our ministers of defence will meet in Lisbon in May.\n\n"
        "President Lima: Thank you, Lars. I will travel to Norway again in the autumn for the "
        "Arctic Summit, and we will be seeing each other in Brussels at the NATO Summit.\n"
    )
    assert {p["family_name"] for p in e["participants"]} == {"Holm", "Lima"}
    # where they met is the date line's city, not where the ministers will meet
    assert e["place"]["name"] == "Oslo"
    names = [f["name"] for f in e["follow_ups"]]
    assert any("ministers of defence" in n and "Lisbon" in n for n in names), names
    assert any(n.startswith("President Lima's visit to Norway") for n in names), names
    assert any("Brussels at the NATO Summit" in n for n in names), names


def test_a_summary_of_meetings_by_country_then_each_meeting_by_name() -> None:
    engs = engagements(
        "Lima meets ministers from Norway, Chile and the EU\n\n"
        "Portuguese Foreign Minister Ana Lima held bilateral meetings yesterday with her "
        "counterparts from Norway and Chile, as well as European Union foreign policy chief "
        "Jonas Berg.\n\n"
        "The talks took place on the sidelines of the ASEAN Regional Forum in Vientiane.\n\n"
        "At a meeting with new Norwegian Foreign Minister Ola Holm, Minister Lima congratulated "
        "Mr Holm on his appointment.\n\n"
        "During her meeting with Chilean Foreign Minister Pedro Soto, Minister Lima discussed "
        "trade.\n",
        published="2031-07-12",
    )
    # one meeting per counterpart: the summary's "counterpart from Norway" is Holm
    assert sorted(
        (p["family_name"], p["country"], p["organization"])
        for e in engs
        for p in e["participants"]
        if p["family_name"] != "Lima"
    ) == [("Berg", None, "European Union"), ("Holm", "NOR", None), ("Soto", "CHL", None)]
    assert {(e["place"]["name"], e["place"]["country"]) for e in engs} == {("Vientiane", "LAO")}


def test_an_audience_and_a_lunch_in_one_sentence_are_two_meetings() -> None:
    engs = engagements(
        "On 22 March 2031, Foreign Minister Ana Lima had an audience with King Harald of "
        "Norway and was hosted to lunch by her Norwegian counterpart, Foreign Minister Ola "
        "Holm, in Oslo."
    )
    assert sorted(
        p["family_name"] for e in engs for p in e["participants"] if p["family_name"] != "Lima"
    ) == [
        "Harald",
        "Holm",
    ]


def test_news_their_talks_after_an_invitation() -> None:
    (e,) = engagements(
        "Minister invites counterpart\n\n"
        "ROME, March 3, 2031. /Agency/. Italian Foreign Minister Carla Neri has invited her "
        "Peruvian counterpart, Foreign Minister Jorge Paz, to visit Rome to continue the "
        "dialogue, the Italian foreign ministry said on Monday after their talks in Lima."
    )
    # "their" is both people; the talks were where they were held, not where the visit goes
    assert {f for f, _c, _o in who(e)} == {"Neri", "Paz"}
    assert e["place"] == {"name": "Lima", "country": "PER"}


def test_news_call_told_after_a_quotation() -> None:
    (e,) = engagements(
        "Talks in Lisbon on 12 October\n\nJune 3, 2031\n\n"
        '"The foreign minister of Portugal has invited me to go to Lisbon on the 12th of '
        "October. So I am planning to visit Lisbon for talks with Foreign Minister (Rui "
        "Manuel) Costa,\" Spain's Foreign Minister J.L. Ortega told reporters.\n\n"
        '"We hope these talks will be useful," Ortega said after his phone conversation with '
        "Costa.\n\n"
        "The telephonic conversation lasted around half hour, officials said."
    )
    assert e["mode"] == "telephone" and e["duration_minutes"] == 30
    # initials are not a family name; a bracketed given name is part of the name
    assert {(p["name"], p["family_name"]) for p in e["participants"]} == {
        ("J.L. Ortega", "Ortega"),
        ("Rui Manuel Costa", "Costa"),
    }
    # the quotation's "I" is the minister its attribution names; one visit, dated
    (f,) = e["follow_ups"]
    assert "Ortega" in f["name"] and "Lisbon" in f["name"] and f["date"] == "2031-10-12"


def test_news_here_is_the_dateline_city_and_preparations_are_to_come() -> None:
    (e,) = engagements(
        "Nairobi, May 4, 2031 (Agency) Foreign Secretary Ann Wanjiru on Tuesday held "
        "consultations with Ghanaian Deputy Foreign Minister Kofi Mensah here ahead of "
        "President Ruto's summit with President Mahama in Ghana this weekend. The two sides "
        "discussed preparations for the meeting between the two leaders on the sidelines "
        "of the AU Summit in Accra."
    )
    assert e["place"]["name"] == "Nairobi" and e["occasion"] is None
    assert any(f["date_text"] == "this weekend" for f in e["follow_ups"])


def test_agency_reports_of_visits_and_invitations() -> None:
    (e,) = engagements(
        "Chile called one of Peru's closest partners\n\n"
        "LIMA, 4 May 2031 (Agency) - Chilean Minister of Foreign Affairs Ana Rojas met with "
        "President Luis Quispe of Peru during her visit to the country.\n\n"
        "Ms Rojas renewed the invitation of the Chilean president to visit Santiago next year."
    )
    # "called one of": a headline's verb, not a telephone call
    assert e["mode"] == "in_person"
    assert any("Santiago" in f["name"] and f["date_text"] == "next year" for f in e["follow_ups"])
    (e,) = engagements(
        "SANTIAGO, Chile, May 5. Foreign Minister Ana Rojas during her official visit to "
        "Quito was received by the President of Ecuador Jorge Vera. The guest conveyed an "
        "invitation to visit Chile from President Pablo Soto."
    )
    # "visit to Quito was received by": not a future "to"; the invitation is no place
    assert {f for f, _c, _o in who(e)} == {"Rojas", "Vera"}
    assert e["place"] == {"name": "Quito", "country": "ECU"}


def test_video_link_meeting_between_ministers_with_portfolios() -> None:
    (e,) = engagements(
        "Accra, June 2, 2031 -- The consensus was reached during a video-link meeting between "
        "Ghanaian Minister for Roads and Highways Kwame Owusu and Togo's Minister for "
        "Infrastructure and Transport Koffi Agbeko today."
    )
    assert e["mode"] == "video"
    assert {f for f, _c, _o in who(e)} == {"Owusu", "Agbeko"}


def test_names_and_offices_agencies_write() -> None:
    (e,) = engagements(
        "On 25 August 2031, President Ali Hassan received the Minister of Foreign Affairs and "
        "Expatriates of Jordan Riyad al-Khalidi."
    )
    people = {p["family_name"].lower(): p for p in e["participants"]}
    assert people["al-khalidi"]["country"] == "JOR"
    engs = engagements(
        "On 25 August 2031, President Ali Hassan received Foreign Minister Omar Nasser of "
        "Jordan. He also met Lina Haddad, the United Nations Representative for Lebanon."
    )
    haddad = next(p for e in engs for p in e["participants"] if p["family_name"] == "Haddad")
    assert haddad["country"] is None and haddad["organization"] == "United Nations"


def test_a_commission_session_its_delegations_and_its_length() -> None:
    engs = engagements(
        "DHAKA, March 29, 2031: The first session of the Bangladesh-Nepal Joint Commission "
        "was held in Kathmandu, according to a message received here on Saturday.\n\n"
        "Bangladesh's Foreign Adviser Tarek Hossain and Nepal's Minister for Foreign Affairs "
        "Sita Koirala led the delegations of their respective countries.\n\n"
        "Officials from both sides were present at the 90-minute meeting. It was followed by "
        "a 20-minute one-to-one meeting."
    )
    (e,) = engs
    assert {f for f, _c, _o in who(e)} == {"Hossain", "Koirala"}
    assert e["place"]["name"] == "Kathmandu" and e["duration_minutes"] == 110


def test_a_pleased_visitor_is_here_and_a_member_count_is_no_name() -> None:
    (e,) = engagements(
        "On 3 May 2031, Foreign Minister Ana Lima met Foreign Minister Jonas Berg of Norway on "
        "the sidelines of the 21-member Asia Dialogue meeting. Minister Berg said he was "
        "pleased to visit Japan."
    )
    assert e["occasion"] == "Asia Dialogue meeting"


def _fus_after_meeting(sentence: str) -> list[dict[str, Any]]:
    engs = engagements(
        "June 3, 2031\n\nOn June 3, Foreign Minister Ana Lima of Brazil met Foreign Minister "
        "Jonas Berg of Norway in Oslo. " + sentence,
        published="2031-06-03",
    )
    return [f for e in engs for f in e["follow_ups"]]


def test_follow_ups_of_bodies_officials_and_events() -> None:
    (f,) = _fus_after_meeting(
        "The ministers tasked their senior officials to meet within three months."
    )
    assert "senior officials" in f["name"] and f["date_text"] == "within three months"
    (f,) = _fus_after_meeting("Minister Berg confirmed his participation in the COP36 in Belem.")
    assert f["name"].startswith("Foreign Minister Berg's participation in COP36")
    (f,) = _fus_after_meeting(
        "They agreed to set up a working group on fisheries, which will hold its first meeting "
        "in August."
    )
    assert f["name"] == "first meeting of the working group on fisheries"
    (f,) = _fus_after_meeting(
        "It was agreed that the Joint Trade Committee would meet in Oslo in May."
    )
    assert f["name"] == "meeting of the Joint Trade Committee in Oslo"
    (f,) = _fus_after_meeting("The next ministerial meeting is scheduled for 14 October in Oslo.")
    assert f["date"] == "2031-10-14"


def test_follow_ups_of_the_two_who_met() -> None:
    (f,) = _fus_after_meeting("The two ministers will meet again in Geneva next week.")
    assert f["name"] == "meeting between Foreign Minister Lima and Foreign Minister Berg in Geneva"
    (f,) = _fus_after_meeting(
        "The leaders of both countries are set to meet at the BRICS summit in Kazan."
    )
    assert "BRICS summit in Kazan" in f["name"]
    (f,) = _fus_after_meeting(
        "Minister Berg expressed his readiness to receive Minister Lima in Oslo soon."
    )
    assert f["name"] == "Foreign Minister Lima's visit to Oslo"
    (f,) = _fus_after_meeting(
        "Minister Lima looked forward to welcoming Minister Berg at the G20 Summit in Rio."
    )
    assert f["name"] == "Foreign Minister Berg's participation in G20 Summit in Rio"
    # the foreign secretaries are other people than the ministers who met
    (f,) = _fus_after_meeting("The Foreign Secretaries would meet in Brasilia on June 27.")
    assert "secretaries" in f["name"].lower()


def _one(text: str) -> dict[str, Any]:
    (e,) = engagements("3 June 2031\n\n" + text, published="2031-06-03")
    return e


def test_meetings_told_with_meals_bilaterals_exchanges_and_talks_between() -> None:
    e = _one(
        "Minister Lima took part in a working lunch with the Foreign Minister of Chile, Pedro "
        "Soto, on the sidelines of the OAS General Assembly."
    )
    assert "Soto" in {f for f, _c, _o in who(e)}
    e = _one("At the NATO Summit, Prime Minister Holm held a bilateral with President Novak.")
    assert {f for f, _c, _o in who(e)} == {"Holm", "Novak"}
    e = _one("Prime Minister Holm and President Novak had a brief exchange at the summit.")
    assert {f for f, _c, _o in who(e)} == {"Holm", "Novak"}
    e = _one("Talks between Foreign Minister Lima and Foreign Minister Berg took place in Oslo.")
    assert {f for f, _c, _o in who(e)} == {"Lima", "Berg"} and e["place"]["name"] == "Oslo"
    e = _one(
        "Vice President Marta Gil and the Prime Minister of Portugal, Rui Costa, discussed "
        "trade at a meeting in Lisbon."
    )
    assert {f for f, _c, _o in who(e)} == {"Gil", "Costa"}
    e = _one("Minister Lima and Minister Berg signed an agreement after their meeting in Oslo.")
    assert {f for f, _c, _o in who(e)} == {"Lima", "Berg"}
    e = _one(
        "Minister Lima welcomed her Paraguayan counterpart, Rosa Benitez, to Brasilia for the "
        "fourth meeting of the Strategic Dialogue."
    )
    assert ("Benitez", "PRY", None) in who(e)


def test_titles_owned_by_a_country_or_an_organisation_and_talks_hosted_there() -> None:
    e = _one(
        "Brazil's Minister of Foreign Affairs, Ana Lima, today hosted the Foreign Minister of "
        "Kenya, Peter Otieno, for bilateral talks in Brasilia."
    )
    assert ("Lima", "BRA", None) in who(e) and e["place"]["name"] == "Brasília"
    e = _one(
        "During a meeting with the Secretary General of the Organization of American States, "
        "Luis Romero, Minister Lima discussed Haiti."
    )
    assert ("Romero", None, "Organization of American States") in who(e)


def test_a_visit_report_told_with_she() -> None:
    engs = engagements(
        "June 3, 2031\n\nThe Minister of Foreign Affairs of Brazil, Ana Lima, arrived in Tokyo "
        "on 2 June for a three-day official visit. On 3 June she held talks with Foreign "
        "Minister Kenji Sato. She then called on Prime Minister Hiro Tanaka. On 4 June she "
        "will travel to Osaka.",
        published="2031-06-03",
    )
    assert [sorted(f for f, _c, _o in who(e)) for e in engs] == [
        ["Lima", "Sato"],
        ["Lima", "Tanaka"],
    ]
    assert any("Lima" in f["name"] and "Osaka" in f["name"] for e in engs for f in e["follow_ups"])


def test_statements_and_remarks_in_the_first_person() -> None:
    e = _one_titled(
        "Press statement by Prime Minister Carl Holm\n\n3 June 2031\n\nToday I welcomed "
        "President Novak of Slovenia to Copenhagen. I look forward to seeing the President "
        "again at the European Council later this month."
    )
    assert {f for f, _c, _o in who(e)} == {"Holm", "Novak"}
    assert any("European Council" in f["name"] for f in e["follow_ups"])
    e = _one_titled(
        "Joint press availability\n\nJune 3, 2031\nWashington\n\nSECRETARY BROOKS: Good "
        "morning. Minister Kumar and I just concluded a productive set of talks.\n\n"
        "MINISTER KUMAR: Thank you, Dan."
    )
    assert {f for f, _c, _o in who(e)} == {"Brooks", "Kumar"}
    assert e["place"]["name"] == "Washington"


def test_follow_ups_named_with_where_and_without_when() -> None:
    names = [
        f["name"]
        for f in _fus_after_meeting(
            "Minister Lima said she looked forward to seeing Minister Berg again at the G20 in Rio."
        )
    ]
    assert names == [
        "meeting between Foreign Minister Lima and Foreign Minister Berg at the G20 in Rio"
    ]
    (f,) = _fus_after_meeting(
        "Minister Lima will host the next round of talks in Brasilia in the second half of the year."
    )
    assert f["name"] == "Foreign Minister Lima hosting the next round of talks in Brasilia"
    assert f["date_text"] == "in the second half of the year"


def _one_titled(text: str) -> dict[str, Any]:
    (e,) = engagements(text, published="2031-06-03")
    return e


def test_organisations_and_countries_written_around_titles() -> None:
    e = _one("NATO Secretary General Erik Lund met the Prime Minister of Georgia, Levan Beridze.")
    assert ("Lund", None, "NATO") in who(e)
    e = _one(
        "High Representative/Vice-President Karl Weiss held a phone call with Turkish Foreign "
        "Minister Ahmet Kaya."
    )
    assert [p["family_name"] for p in e["participants"]] == ["Weiss", "Kaya"]
    e = _one(
        "Russian Foreign Minister Igor Volkov and his Indian counterpart Rajesh Kumar discussed "
        "trade in a telephone conversation on Tuesday."
    )
    assert {f for f, _c, _o in who(e)} == {"Volkov", "Kumar"}
    e = _one(
        "Foreign Minister Ana Lima met her Pakistani counterpart, Foreign Minister Ali Khan, "
        "in New York."
    )
    assert ("Khan", "PAK", None) in who(e)


def test_an_earlier_call_is_not_this_meetings_mode_and_a_call_to_come() -> None:
    e = _one(
        "Ukrainian President Olena Bondar met German Chancellor Lukas Weber in Kyiv on Tuesday, "
        "her office said, days after the two spoke by phone."
    )
    assert e["mode"] == "in_person"
    e = _one(
        "Prime Minister Holm today spoke with President Novak of Slovenia. The leaders agreed to "
        "speak again ahead of the European Council."
    )
    (f,) = e["follow_ups"]
    assert f["name"].startswith("call between") and "European Council" in f["name"]


def test_places_named_by_an_institution_or_as_a_capital() -> None:
    e = _one(
        "Foreign Minister Ana Lima met Foreign Minister Jonas Berg of Norway at the Ministry of "
        "Foreign Affairs in Oslo."
    )
    assert e["place"]["name"] == "Oslo"
    e = _one("Foreign Minister Ana Lima met Foreign Minister Jonas Berg in the Norwegian capital.")
    assert e["place"]["country"] == "NOR"


def test_visit_report_lists_of_counterparts_and_hosts() -> None:
    engs = engagements(
        "4 June 2031\n\nForeign Minister Ana Lima visited Kenya from 2 to 4 June 2031. During the "
        "visit, she called on President William Otieno, and held meetings with Speaker of the "
        "National Assembly Grace Wambui and Cabinet Secretary for Trade John Kamau."
    )
    assert [sorted(f for f, _c, _o in who(e)) for e in engs] == [
        ["Lima", "Otieno"],
        ["Lima", "Wambui"],
        ["Kamau", "Lima"],
    ]
    # no publisher says whose minister Lima is: the host's country is the visited side's
    assert ("Otieno", "KEN", None) in who(engs[0])
    engs = engagements(
        "4 June 2031\n\nForeign Minister Ana Lima held bilateral meetings with her counterparts "
        "from Ghana, Samuel Mensah, and Senegal, Awa Ndiaye, on the margins of the AU-EU "
        "Ministerial Meeting in Brussels."
    )
    assert [p for e in engs for p in who(e) if p[0] != "Lima"] == [
        ("Mensah", "GHA", None),
        ("Ndiaye", "SEN", None),
    ]


def test_an_event_hosted_a_local_clock_and_a_call_with_no_conference() -> None:
    e = _one(
        "Foreign Minister Ana Lima met her Indian counterpart, Foreign Minister Rajesh Kumar.\n\n"
        "Minister Lima congratulated her counterpart for successfully hosting this year's G20 "
        "Foreign Ministers' Meeting."
    )
    assert e["occasion"] == "G20 Foreign Ministers' Meeting"
    assert e["place"]["country"] == "IND"
    e = _one(
        "On June 3, from 9:15 a.m. (NY time) for about 45 minutes, Foreign Minister Ana Lima "
        "held a meeting with Foreign Minister Ali Khan of Pakistan."
    )
    assert e["place"]["name"] == "New York"
    e = _one(
        "Foreign Minister Ana Lima held a telephone call with Foreign Minister Ali Khan of "
        "Pakistan. She said a resolution should be adopted at the United Nations Security "
        "Council."
    )
    assert e["occasion"] is None


def test_durations_from_clock_times_and_later_parts() -> None:
    e = _one(
        "At talks held in Lima from 16:25 to 17:10 on June 3, Foreign Minister Ana Lima "
        "exchanged views with Foreign Minister Jorge Paz of Peru."
    )
    assert e["duration_minutes"] == 45
    e = _one(
        "On June 3, from 11:55 a.m. to 12:45 p.m. and from 2:40 p.m. to 3:25 p.m local time, "
        "Foreign Minister Ana Lima held a meeting with Foreign Minister Jorge Paz of Peru."
    )
    assert e["duration_minutes"] == 95
    e = _one(
        "Foreign Minister Ana Lima held a strategic dialogue with Foreign Minister Jorge Paz of "
        "Peru for approximately 75minutes.\n\nFollowing the joint press announcement, the "
        "second half of the meeting was held for around one hour in the form of a working "
        "dinner."
    )
    assert e["duration_minutes"] == 135


def test_follow_ups_co_chaired_and_named_after_a_dash() -> None:
    (f,) = _fus_after_meeting(
        'Minister Lima said, "I am honoured to co-chair with Minister Berg the Ministerial '
        'Meeting of the Arctic Partnership."'
    )
    assert f["name"].startswith("Ministerial Meeting of the Arctic Partnership co-chaired by")
    (f,) = _fus_after_meeting(
        "Minister Lima invited Minister Berg to take part in another major gathering – the "
        "Amazon Investment Forum in May."
    )
    assert "Amazon Investment Forum" in f["name"]


def test_a_visit_hoped_for_by_an_office_written_in_lower_case() -> None:
    e = _one(
        "Foreign Minister Ana Lima had an audience with King Harald V of Norway. The king said "
        "he hopes to visit Brazil."
    )
    (f,) = e["follow_ups"]
    assert f["name"] == "King Harald's visit to Brazil"


def test_publisher_read_from_the_text_is_not_the_counterparts_country() -> None:
    e = _one_titled(
        "PM meeting with President Novak of Slovenia: 3 June 2031\n"
        "The Prime Minister met with Marko Novak, President of Slovenia, at the summit today "
        "[Tuesday 3 June 2031].\nThey discussed the strength of the Slovenia-Denmark "
        "relationship."
    )
    assert {c for _f, c, _o in who(e)} == {"SVN", "DNK"}


def test_agency_reports_with_unnamed_ministers_and_talks_in_a_city() -> None:
    e = _one(
        "CAIRO, June 3 (Agency) - Egypt's foreign minister held talks in Cairo on Tuesday with "
        "his Qatari counterpart, the Egyptian foreign ministry said."
    )
    assert {c for _f, c, _o in who(e)} == {"EGY", "QAT"}
    e = _one(
        "TOKYO, June 3 (Agency) -- Japanese Foreign Minister Kenji Sato and his South Korean "
        "counterpart Park Min-jun agreed Tuesday to step up cooperation during talks in Seoul."
        "\n\nThe two ministers also confirmed that Prime Minister Hiro Tanaka will visit South "
        "Korea later this month for a summit with President Kim Ji-ho."
    )
    assert {f for f, _c, _o in who(e)} == {"Sato", "Park"} and e["place"]["name"] == "Seoul"
    assert any("summit with President Kim" in f["name"] for f in e["follow_ups"])
    (f,) = _fus_after_meeting(
        "They agreed to meet on the sidelines of the upcoming UN General Assembly in New York."
    )
    assert "UN General Assembly" in f["name"]


def test_organisations_readouts_by_office_and_headline_country() -> None:
    r = extract(
        "Chairperson receives Foreign Minister of Senegal\n\n3 June 2031\n\nThe Chairperson of "
        "the African Union Commission received the Minister of Foreign Affairs of Senegal, Awa "
        "Ndiaye, in Addis Ababa.",
        source="https://au.int/en/pressreleases/x",
    )
    (e,) = r["engagements"]
    assert {(c, o) for _f, c, o in who(e)} == {(None, "African Union"), ("SEN", None)}
    r = extract(
        "Georgia: High Representative meets Foreign Minister\n\n3 June 2031\n\nThe High "
        "Representative met Foreign Minister Nino Kapanadze in Brussels today.",
        source="https://www.eeas.europa.eu/eeas/x_en",
    )
    (e,) = r["engagements"]
    # the organisation's seat is no one's country; the headline names the visitor's
    assert ("Kapanadze", "GEO", None) in who(e)


def test_two_follow_ups_in_one_sentence_of_a_press_conference() -> None:
    e = _one_titled(
        "Joint Press Conference\n\nOslo, 3 June 2031\n\nMINISTER BERG: It is a great pleasure to "
        "welcome my colleague Ana Lima to Oslo.\n\nMINISTER LIMA: Thank you. I have invited "
        "Minister Berg to visit Brasilia in October, and we will also meet at COP36 in Belem."
    )
    fus = {f["name"]: f["date_text"] for f in e["follow_ups"]}
    assert any("Brasilia" in n and d == "in October" for n, d in fus.items())
    assert any(
        "COP36" in n and d is None and n.startswith("meeting between") for n, d in fus.items()
    )


def test_meetings_over_a_range_of_days_have_no_single_day() -> None:
    engs = engagements(
        "9 March 2031\n\nFrom March 5 to March 7, State Secretary Eva Lund held talks with "
        "Deputy Foreign Minister Kenji Sato, Deputy Secretary General Hiro Tanaka and State "
        "Minister Aiko Mori."
    )
    assert len(engs) == 3 and {e["date"] for e in engs} == {None}


def test_consultations_told_as_an_event_then_by_their_delegations() -> None:
    e = _one(
        "On June 3, 2031, the first political consultations between the foreign ministries of "
        "Chile and Norway were held in the format of a video conference.\n\nIssues of bilateral "
        "relations were discussed at the consultations attended by Deputy Foreign Minister of "
        "Chile Pedro Soto and State Secretary of Norway Eva Lund."
    )
    assert e["mode"] == "video" and {f for f, _c, _o in who(e)} == {"Soto", "Lund"}
    e = _one(
        "SANTIAGO, 4 June 2031 (Agency) - Lima hosted the fifth round of political consultations "
        "between the foreign ministries of Chile and Peru on 3 June.\n\nThe Chilean delegation "
        "was headed by Deputy Minister Pedro Soto. The Peruvian delegation was led by Vice "
        "Minister Rosa Quispe.\n\nThe parties highlighted the preparation of the 9th session of "
        "the joint commission scheduled for October 2031."
    )
    assert {f for f, _c, _o in who(e)} == {"Soto", "Quispe"}
    assert e["place"]["name"] == "Lima"
    assert [(f["name"], f["date_text"]) for f in e["follow_ups"]] == [
        ("9th session of the joint commission", "for October 2031")
    ]
    e = _one(
        "Deputy Foreign Minister Pedro Soto from Chile's side and State Secretary Eva Lund from "
        "Norway's side took part in the political consultations."
    )
    assert who(e) == {("Soto", "CHL", None), ("Lund", "NOR", None)}


def test_joint_commissions_chaired_by_both_and_their_next_meetings() -> None:
    engs = engagements(
        "March 13, 2031\n\nForeign Minister Ana Lima and Peruvian Foreign Minister Jorge Paz "
        "chaired the ninth meeting of the Brazil-Peru Joint Commission in Lima on Wednesday. "
        "Peru will host the next JCM."
    )
    (e,) = engs
    assert {f for f, _c, _o in who(e)} == {"Lima", "Paz"}
    assert e["ordinals"][0]["number"] == 9
    assert [f["name"] for f in e["follow_ups"]] == ["Peru hosting the next JCM"]
    (f,) = _fus_after_meeting(
        "Both sides agreed on measures, especially the organisation of President Silva's visit "
        "to Norway at an appropriate time."
    )
    assert f["name"] == "President Silva's visit to Norway"
    engs = engagements(
        "March 13, 2031\n\nPresident Luis Quispe chaired the meeting of the Andean Council of "
        "Foreign Ministers in Lima."
    )
    assert engs == []  # one chair of a meeting of many


def test_indian_honorifics_are_not_names() -> None:
    e = _one(
        "Prime Minister Shri Rajesh Sharma held a telephone conversation today with the "
        "President of France, H.E. Mr. Paul Martin."
    )
    assert "Rajesh Sharma" in {p["name"] for p in e["participants"]}


def test_a_country_looking_forward_to_hosting_an_event() -> None:
    (f,) = _fus_after_meeting(
        "Minister Berg said Norway looks forward to hosting the next Arctic Council ministerial "
        "meeting."
    )
    assert f["name"] == "Norway hosting the next Arctic Council ministerial meeting"


def test_an_invitation_to_him_is_to_the_other_one_named() -> None:
    (f,) = _fus_after_meeting(
        "In his meeting with Minister Berg, President Silva invited him to visit Brazil."
    )
    assert f["name"] == "Foreign Minister Berg's visit to Brazil"


def test_rounds_held_and_marked() -> None:
    e = _one(
        "On 3 June 2031, Foreign Minister Ana Lima held the third round of the Brazil-Norway "
        "Strategic Dialogue with Foreign Minister Jonas Berg in Oslo."
    )
    assert e["round"]["number"] == 3 and {f for f, _c, _o in who(e)} == {"Lima", "Berg"}
    e = _one(
        "On 3 June 2031, Foreign Minister Ana Lima held talks with Foreign Minister Jonas Berg in "
        "Oslo, marking the seventh round of negotiations on the fisheries agreement."
    )
    assert e["round"] == {"number": 7, "of": "negotiations on the fisheries agreement"}


def test_the_publishers_prime_minister_is_not_the_other_prime_minister() -> None:
    r = extract(
        "Prime Minister's bilateral meetings at the summit\n\n10 September 2031\n\n"
        "Meeting with President of Brazil\nThe Prime Minister met President Marcos Silva of "
        "Brazil.\n\nMeeting with Prime Minister of India\nThe Prime Minister met Prime Minister "
        "Rajesh Sharma of India.",
        source="https://www.gov.uk/government/news/pm-meetings",
    )
    assert [sorted(c for _f, c, _o in who(e)) for e in r["engagements"]] == [
        ["BRA", "GBR"],
        ["GBR", "IND"],
    ]


def test_follow_ups_organised_agreed_upon_chained_and_of_a_new_body() -> None:
    assert _follow_ups(
        "The parties agreed to organize political consultations of deputy ministers "
        "in the near future."
    ) == {"political consultations of deputy ministers": "in the near future"}
    assert _follow_ups(
        "The sides agreed on a visit by the Prime Minister to Sweden at a convenient time."
    ) == {"visit by the Prime Minister to Sweden": "at a convenient time"}
    # a second event chained onto a first future one; never "talks followed by a lunch"
    assert _follow_ups(
        "Their state secretaries would meet in Stockholm in May, followed by a meeting "
        "between the ministers in August."
    ) == {
        "meeting of the state secretaries of Portugal and Sweden in Stockholm": "in May",
        "meeting between the ministers": "in August",
    }
    assert _follow_ups("The talks were followed by a working lunch.") == {}
    assert _follow_ups(
        "They agreed to set up a working group on critical minerals, which will meet in June."
    ) == {"meeting of the working group on critical minerals": "in June"}
    # invitations both ways: one follow-up, not a visit "to their states and agreed ..."
    assert _follow_ups(
        "The ministers invited each other to visit their countries and agreed to pay mutual visits."
    ) == {"mutual visits": None}


def test_the_country_an_occasion_is_held_in_beats_a_city_elsewhere_in_the_lead() -> None:
    (e,) = engagements(
        "Foreign Minister Ana Lima and her Swedish counterpart, Tomas Berg, held talks on the "
        "sidelines of the Asia Pacific Economic Cooperation meeting in Peru, the ministry said "
        "on Friday.\nIt was their first meeting since the new government in Stockholm took "
        "office last month."
    )
    assert e["place"]["country"] == "PER"


def test_news_titles_of_organisations_and_top_diplomats() -> None:
    def parts(sentence: str) -> set[tuple[str, str | None, str | None]]:
        (e,) = engagements(sentence + " in Lisbon on 3 May 2023.")
        return {(p["name"], p.get("country"), p.get("organization")) for p in e["participants"]}

    assert ("Jens Stoltenberg", None, "NATO") in parts(
        "Minister Ana Lima met NATO chief Jens Stoltenberg"
    )
    assert ("Antonio Guterres", None, "United Nations") in parts(
        "Chinese Foreign Minister Wang Yi met with UN chief Antonio Guterres"
    )
    assert ("Tomas Berg", "SWE", None) in parts(
        "Minister Ana Lima met Sweden's top diplomat Tomas Berg"
    )
    assert ("Federica Mogherini", None, "European Union") in parts(
        "Minister Ana Lima met outgoing European Union diplomatic chief Federica Mogherini"
    )
    assert ("Kristalina Georgieva", None, "International Monetary Fund") in parts(
        "Minister Ana Lima met IMF Managing Director Kristalina Georgieva"
    )


def test_counts_said_as_times_met_or_possessed_and_firsts_since_are_not_counts() -> None:
    def ords(sentence: str) -> list[tuple[int, str]]:
        (e,) = engagements(
            "Foreign Minister Ana Lima met Foreign Minister Tomas Berg of Sweden in Lisbon "
            "on 3 May 2023. " + sentence
        )
        return [(o["number"], o["scope"]) for o in e["ordinals"]]

    assert ords("This was the fourth time the two ministers have met.") == [(4, "total")]
    assert ords("It was the ministers' fifth meeting.") == [(5, "total")]
    assert ords("It was the first meeting between Lima and Berg.") == [(1, "total")]
    assert ords("It was the first meeting between Lima and Berg since Berg took office.") == []


def test_follow_up_names_stop_at_a_second_verb_and_name_the_event_where_work_goes_on() -> None:
    got = _follow_ups(
        "Minister Lima will also meet Prime Minister Ulf Kristersson and other senior leaders "
        "and review bilateral cooperation."
    )
    assert list(got) == [
        "meeting between Foreign Minister Lima and Prime Minister Kristersson and other "
        "senior leaders"
    ]
    got = _follow_ups(
        "She looked forward to developing these ideas at the Portugal-Sweden Ministerial "
        "Roundtable."
    )
    assert list(got) == ["Portugal-Sweden Ministerial Roundtable"]


def test_a_follow_up_after_a_first_predicate_belongs_to_the_clause_subject() -> None:
    got = _follow_ups(
        "Minister Lima is part of the delegation accompanying Prime Minister Rui Costa on a "
        "working visit to Sweden and will join Prime Minister Costa's meetings in Uppsala."
    )
    assert list(got) == [
        "Foreign Minister Lima's participation in Prime Minister Costa's meetings in Uppsala"
    ]


def test_a_statement_released_after_a_meeting_between_two_leaders() -> None:
    for opening in ("after a meeting between", "after meetings between", "following talks between"):
        (e,) = engagements(
            f"A joint statement was released {opening} Portuguese Prime Minister Rui Costa and "
            "Swedish Prime Minister Ulf Berg in Lisbon on 8 October 2006."
        )
        assert {p["family_name"] for p in e["participants"]} == {"Costa", "Berg"}
        assert e["date"] == "2006-10-08"


def test_bodies_that_should_hold_their_meetings_and_names_ending_at_and_agreed() -> None:
    got = _follow_ups(
        "The ministers agreed that Technical Level Working Groups should hold their meetings "
        "to identify avenues of cooperation."
    )
    assert got == {"meetings of the Technical Level Working Groups": None}
    got = _follow_ups(
        "The ministers decided to hold the Joint Commission and agreed that trade should grow."
    )
    assert list(got) == ["Joint Commission"]


def test_two_leaders_who_spoke_or_talked_without_an_object_had_a_call() -> None:
    for verb in ("spoke today regarding trade", "talked on the phone on 3 May 2023"):
        (e,) = engagements(
            f"President Ana Lima of Portugal and President Tomas Berg of Sweden {verb}."
        )
        assert {p["family_name"] for p in e["participants"]} == {"Lima", "Berg"}
        assert e["mode"] == "telephone" and e["place"] is None
    # one speaker is no engagement
    assert engagements("President Ana Lima of Portugal spoke today about the economy.") == []


def test_looking_forward_to_further_discussions_is_no_engagement_of_its_own() -> None:
    got = _follow_ups("They agreed to meet soon and looked forward to further discussions then.")
    assert len(got) == 1 and next(iter(got)).startswith("meeting")


def test_the_bare_office_of_a_person_named_before_takes_part() -> None:
    (e,) = engagements(
        "Press Availability With Foreign Minister Ana Silva After their Meeting\n\nMay 26, 2010\n\nFOREIGN MINISTER SILVA: I "
        "welcome Swedish Secretary Tomas Berg to Lisbon. During our meeting today, the Secretary "
        "and "
        "I reaffirmed the alliance."
    )
    assert {p["family_name"] for p in e["participants"]} == {"Silva", "Berg"}


def test_no_side_known_the_place_gives_no_one_its_country() -> None:
    (e,) = engagements(
        "Foreign Secretary Rui Costa met Foreign Secretary Tomas Berg in New York on "
        "23 September 1998."
    )
    assert {(p["family_name"], p["country"]) for p in e["participants"]} == {
        ("Costa", None),
        ("Berg", None),
    }
    # a visitor whose country is known: the one visited is the host
    (e,) = engagements(
        "Swedish Foreign Minister Tomas Berg visited Kenya on 23 September 1998 and called "
        "on President Rui Kamau."
    )
    assert ("Kamau", "KEN") in {(p["family_name"], p["country"]) for p in e["participants"]}


def test_the_place_of_the_event_a_meeting_was_held_at() -> None:
    def place(where: str) -> tuple[str | None, str | None]:
        (e,) = engagements(
            f"Foreign Minister Ana Lima met Foreign Minister Tomas Berg of Sweden {where} on "
            "3 May 2023."
        )
        return e["place"]["name"], e["place"]["country"]

    # the text's city before the gazetteer's host of the series that year
    assert place("on the sidelines of the BRICS summit in Kazan") == ("Kazan", "RUS")
    # an unnamed summit's place is still the meeting's
    assert place("on the sidelines of the EU-CELAC summit in Brussels") == ("Brussels", "BEL")


def test_malay_honorifics_are_no_names() -> None:
    def family(sentence: str) -> set[str]:
        (e,) = engagements(sentence + " in Lisbon on 3 May 2023.")
        return {p["family_name"] for p in e["participants"]}

    assert family("Minister Ana Lima met Malaysian Foreign Minister Dato' Seri Ali Hasan") == {
        "Lima",
        "Hasan",
    }
    assert "Ibrahim" in family("Minister Ana Lima met Malaysian Minister Datuk Seri Ali Ibrahim")
    # Vietnamese middle names stay names
    assert "Nguyen" in family("Minister Ana Lima met Vietnamese Minister Nguyen Tan Dung")


def test_a_meeting_during_a_range_of_days_has_no_day_and_state_in_lower_case() -> None:
    engs = engagements(
        "Minister meets counterparts in Munich\n\nPublished Feb 19, 2023\n\nForeign Minister Ana "
        "Lima attended the 2023 Munich Security Conference.\n\nThe conference was held from "
        "Feb. 17 to 19.\n\nHer meeting with Swedish Foreign Minister Tomas Berg was productive."
    )
    assert [e["date"] for e in engs] == [None]
    (e,) = engagements(
        "Lisbon, 6 August 2022: US Secretary of state Antony J. Blinken met with Portugal's "
        "Foreign Minister Ana Lima at a virtual meeting."
    )
    assert {p["family_name"] for p in e["participants"]} == {"Blinken", "Lima"}


def test_foreign_ministers_from_a_list_of_countries_are_counterparts_by_country() -> None:
    engs = engagements(
        "Foreign Minister Ana Lima of Portugal met with foreign ministers from Finland, Belgium "
        "and Sweden in Lisbon on 3 May 2023."
    )
    assert sorted(p["country"] for e in engs for p in e["participants"] if not p["name"]) == [
        "BEL",
        "FIN",
        "SWE",
    ]


def test_a_visit_by_someone_to_a_place_that_the_sides_agreed_on() -> None:
    got = _follow_ups(
        "The ministers agreed to maintain close communication, including through a visit by "
        "Minister Berg to Lisbon."
    )
    assert list(got) == ["Foreign Minister Berg's visit to Lisbon"]


def test_agency_styles_received_at_a_place_today_and_a_country_dateline() -> None:
    (e,) = engagements(
        "Riyadh, March 5, 2023, SPA -- Prince Faisal bin Farhan, Minister of Foreign Affairs, "
        "received at the ministry's headquarters in Riyadh today the Minister of Foreign Affairs "
        "of Portugal, Ana Lima."
    )
    assert {p["family_name"] for p in e["participants"]} >= {"Lima"} and len(e["participants"]) == 2
    (e,) = engagements(
        "KUWAIT, March 5 (KUNA) -- Kuwaiti Foreign Minister Salem Al-Sabah met on Sunday with "
        "visiting Portuguese Foreign Minister Ana Lima."
    )
    assert e["place"]["country"] == "KWT"


def test_follow_up_days_said_later_today_or_before_the_year_ends_and_the_place_after() -> None:
    assert _follow_ups(
        "Minister Berg is expected to meet President Rui Costa later in the day."
    ) == {"meeting between Foreign Minister Berg and President Costa": "later in the day"}
    assert _follow_ups("The two ministers will meet again next week in Geneva.") == {
        "meeting between Foreign Minister Lima and Foreign Minister Berg in Geneva": "next week"
    }
    assert _follow_ups("The Joint Committee will meet in the second half of 2025.") == {
        "meeting of the Joint Committee": "in the second half of 2025"
    }
    assert list(
        _follow_ups("The ministers agreed to meet again before the end of the year.").values()
    ) == ["before the end of the year"]


def test_an_appeal_to_a_country_and_a_planned_meeting_are_no_engagements() -> None:
    assert (
        engagements("Foreign Minister Ana Lima called on Sweden to respect international law.")
        == []
    )
    assert (
        engagements(
            "A meeting between Foreign Minister Ana Lima and Foreign Minister Tomas Berg of Sweden "
            "is planned for next month."
        )
        == []
    )


def test_preparing_for_an_upcoming_meeting_named_in_lower_case() -> None:
    assert list(
        _follow_ups(
            "Minister Berg said Sweden is ready to work with Portugal to prepare for the upcoming "
            "meeting of the bilateral intergovernmental committee."
        )
    ) == ["upcoming meeting of the bilateral intergovernmental committee"]


def test_remarks_before_a_meeting_at_a_summit_and_an_accepted_invitation_of_the_speaker() -> None:
    (e,) = engagements(
        "Opening remarks by President Rui Costa before the bilateral meeting with Prime "
        "Minister Ulf Kristersson of Sweden on the margins of the European Council\n\n"
        "Brussels, 23 March 2023\n\nPrime Minister, dear Ulf, welcome."
    )
    people = {p["family_name"]: p["country"] for p in e["participants"]}
    # the summit's city is no one's home: no country for the one the text leaves unsaid
    assert people == {"Costa": None, "Kristersson": "SWE"}
    got = _follow_ups("I have also accepted Tomas's invitation to visit Sweden next year.")
    assert not any(name.startswith("I have") for name in got)


def test_an_invitation_to_a_country_ends_at_the_country() -> None:
    got = _follow_ups(
        "Portugal invited Swedish leaders to Portugal and the Swedish side accepted it in principle."
    )
    assert list(got) == ["Swedish leaders' visit to Portugal"]


def test_calls_told_as_views_exchanged_by_phone_as_received_or_as_taking_place() -> None:
    for sentence in (
        "Foreign Minister Ana Lima and Foreign Minister Tomas Berg of Sweden exchanged views "
        "over the phone on 3 May 2023.",
        "Foreign Minister Ana Lima was called by Foreign Minister Tomas Berg of Sweden on "
        "3 May 2023.",
        "On 3 May 2023, a telephone conversation took place between Foreign Minister Ana Lima "
        "and Foreign Minister Tomas Berg of Sweden.",
    ):
        (e,) = engagements(sentence)
        assert e["mode"] == "telephone" and e["date"] == "2023-05-03"
        assert {p["family_name"] for p in e["participants"]} == {"Lima", "Berg"}


def test_a_visit_s_name_ends_before_its_purpose() -> None:
    text = (
        "Foreign Minister Ana Lopez met her Peruvian counterpart Jorge Ramos in Quito on "
        "Monday.\n\nThe two ministers agreed that Minister Lopez will travel to Lima to "
        "attend the Andean Community council in the spring of next year.\n"
    )
    (e,) = extract(text)["engagements"]
    names = [f["name"] for f in e["follow_ups"]]
    assert any(n.endswith("visit to Lima") or n.endswith("to Lima") for n in names), names
    assert not any("Andean" in n and "Lima" in n for n in names), names


def test_a_follow_up_over_two_days_keeps_both_in_its_time_words() -> None:
    text = (
        "May 3, 2024\n\nForeign Minister Ana Lopez held talks with Foreign Minister Jorge "
        "Ramos of Peru in Quito.\n\nUnder the agreed plan, the vice ministers would meet in "
        "Lima on June 27-28.\n"
    )
    (e,) = extract(text)["engagements"]
    (f,) = e["follow_ups"]
    assert f["date_text"] == "on June 27-28" and f["date"] == "2024-06-27"


def test_counterparts_named_by_their_countries_adjectives() -> None:
    text = (
        "March 2, 2024\n\nForeign Minister Ana Lopez of Chile met earlier in the day with her "
        "Peruvian and Bolivian counterparts on the margins of the conference.\n"
    )
    engagements = extract(text)["engagements"]
    others = sorted(
        p["country"] for e in engagements for p in e["participants"] if p["country"] != "CHL"
    )
    assert len(engagements) == 2 and others == ["BOL", "PER"]


def test_a_news_lead_whose_subject_is_the_two_who_met() -> None:
    text = (
        "Ministers discuss trade\n\nLIMA, May 4. Chile's Foreign Minister Ana Lopez and "
        "Peru's Foreign Minister Jorge Ramos discussed trade between the two countries. The meeting "
        "took place on the margins of the Pacific Alliance summit.\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Lopez", "Ramos"}


def test_two_people_who_will_discuss_something_have_not_met() -> None:
    text = "Ana Lopez and Jorge Ramos of Peru will discuss trade in Lima next week.\n"
    assert extract(text)["engagements"] == []


def test_a_numbered_dialogue_s_title_gives_the_pair_not_its_number() -> None:
    text = (
        "Fifth Chile-Peru Strategic Dialogue\n\nOn May 2, Foreign Minister Ana Lopez of "
        "Chile held the Fifth Chile-Peru Strategic Dialogue with Foreign Minister Jorge "
        "Ramos of Peru in Santiago. Minister Lopez expressed hope for holding the first "
        "meeting of the fisheries dialogue as well as the third round of tax consultations "
        "within this year.\n"
    )
    (e,) = extract(text)["engagements"]
    names = [f["name"] for f in e["follow_ups"]]
    assert names == [
        "Chile-Peru first meeting of the fisheries dialogue",
        "Chile-Peru third round of tax consultations",
    ], names
    assert e["round"] is None  # the third round is to come, not this meeting


def test_an_office_only_one_country_has_names_its_country_not_the_publisher_s() -> None:
    # a transcript with no address: the pair "China-India" would make China the
    # publisher, but only India has an External Affairs Minister
    text = (
        "Transcript of media interaction by External Affairs Minister and Chinese Foreign "
        "Minister\n\nJuly 02, 2013\n\nChinese Foreign Minister (Mr. Wang Yi): We had a good "
        "talk today on the China-India relationship.\n\nExternal Affairs Minister of India "
        "(Shri Salman Khurshid): Thank you very much.\n"
    )
    (e,) = extract(text)["engagements"]
    people = {p["family_name"]: p["country"] for p in e["participants"]}
    assert people == {"Khurshid": "IND", "Wang": "CHN"}


def test_a_secretary_general_named_only_by_office_is_of_the_organisation_the_page_names() -> None:
    text = (
        "Geneva\n\n4 March 2024\n\nReadout of the Secretary-General's meeting with Ms. Ana "
        "Lopez, Minister for Foreign Affairs of Chile\n\nThe Secretary-General met with "
        "Ms. Ana Lopez, Minister for Foreign Affairs of Chile. He thanked Chile for its "
        "support to the United Nations.\n"
    )
    (e,) = extract(text)["engagements"]
    sides = {(p["country"], p["organization"]) for p in e["participants"]}
    assert sides == {("CHL", None), (None, "United Nations")}


def test_the_secretary_general_and_a_foreign_minister_are_two_people() -> None:
    text = (
        "Geneva, 4 March 2024\n\nThe Secretary-General and Foreign Minister Ana Lopez of "
        "Chile met today.\n"
    )
    (e,) = extract(text, source="https://www.un.org/sg/en/content/readout")["engagements"]
    sides = {(p["country"], p["organization"]) for p in e["participants"]}
    assert sides == {("CHL", None), (None, "United Nations")}


def test_in_the_meeting_between_the_office_and_a_named_minister() -> None:
    text = (
        "4 March 2024\n\nIn the meeting between the Secretary-General and Chile's Minister "
        "for Foreign Affairs, Ana Lopez, the two discussed the climate summit.\n"
    )
    (e,) = extract(text, source="https://www.un.org/sg/en/content/readout")["engagements"]
    sides = {(p["country"], p["organization"]) for p in e["participants"]}
    assert sides == {("CHL", None), (None, "United Nations")}


def test_talks_held_between_countries_whose_leaders_are_named_after() -> None:
    text = (
        "Chilean President concludes visit to Peru\n\nPresident of Chile Ana Lopez concluded "
        "her state visit to Peru.\n\nDuring the visit, official talks were held between Peru "
        "and Chile. President Jorge Ramos and President Ana Lopez stressed the importance of "
        "trade.\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"Lopez", "Ramos"}


def test_an_agency_dateline_with_its_name_between_slashes_and_an_occasion_still_to_open() -> None:
    text = (
        "Ministers discuss trade\n\nLIMA, November 9. /TASS/. Chile's Foreign Minister Ana "
        "Lopez and Peru's Foreign Minister Jorge Ramos discussed trade. The meeting was held "
        "on Sunday on the sidelines of the Pacific Alliance summit due on Monday.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["place"]["name"] == "Lima" and e["place"]["country"] == "PER"
    assert e["occasion"] == "Pacific Alliance summit"


def test_consultations_named_with_capitals_and_led_by_named_heads() -> None:
    text = (
        "March 4, 2024\n\nThe 3rd Foreign Office Consultations between Chile and Peru were "
        "held via videoconference on Monday. The Chilean side was led by Ana Lopez, Vice "
        "Minister of Foreign Affairs of Chile, and the Peruvian side was led by Julio "
        "Anselmo Ramos, Vice Minister of Foreign Affairs of Peru. They agreed to explore "
        "holding of the Joint Commission at an early date.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["mode"] == "video"
    assert {p["family_name"] for p in e["participants"]} == {"Lopez", "Ramos"}
    assert [f["name"] for f in e["follow_ups"]] == ["Joint Commission"]


def test_a_leader_whose_family_name_is_a_month_and_a_modal() -> None:
    text = (
        "PM call with Prime Minister Trudeau: 18 May 2018\n\nPrime Minister Theresa May "
        "spoke this afternoon with Canadian Prime Minister Justin Trudeau ahead of the G7 "
        "summit next month.\n"
    )
    (e,) = extract(text, source="https://www.gov.uk/government/news/pm-call")["engagements"]
    assert {p["family_name"] for p in e["participants"]} == {"May", "Trudeau"}
    assert e["mode"] == "telephone" and e["date"] == "2018-05-18"


def test_welcoming_a_leader_to_a_summit_is_their_participation_in_it() -> None:
    text = (
        "PM call with Prime Minister of Chile: 3 June 2021\n\nThe Prime Minister spoke to "
        "the President of Chile Ana Lopez this morning.\n\nThe Prime Minister looked "
        "forward to welcoming President Lopez to the G7 Leaders' Summit in Cornwall next "
        "Friday.\n"
    )
    (e,) = extract(text, source="https://www.gov.uk/government/news/pm-call")["engagements"]
    (f,) = e["follow_ups"]
    assert f["name"] == "President Lopez's participation in G7 Leaders' Summit in Cornwall"
    assert f["date_text"] == "next Friday"


def test_an_office_set_off_before_the_next_name_is_that_person_s() -> None:
    text = (
        "February 11, 2012\n\nOn the invitation of President of the Republic of Peru, "
        "Mr.Jorge Ramos, the President of the Republic of Chile, Ms. Ana Lopez, paid a state "
        "visit to Peru. She held talks with President Jorge Ramos.\n"
    )
    people = {
        p["family_name"]: p["country"]
        for e in extract(text)["engagements"]
        for p in e["participants"]
    }
    assert people["Ramos"] == "PER"  # not Chile's, whose office follows his name


def test_an_ambassador_received_with_a_word_on_their_tenure() -> None:
    text = (
        "March 3, 2016\n\nDeputy Prime Minister Tran Van Long received outgoing Chilean "
        "Ambassador Ana Lopez on Thursday.\n\nLater the same day, Deputy Prime Minister Long "
        "hosted a reception for Peruvian Ambassador Jorge Ramos.\n"
    )
    sides = [
        {p["family_name"]: p["country"] for p in e["participants"]}
        for e in extract(text)["engagements"]
    ]
    assert {"Lopez": "CHL"}.items() <= sides[0].items()
    assert any({"Ramos": "PER"}.items() <= s.items() for s in sides)


def test_a_pair_with_a_new_minister_on_the_phone() -> None:
    text = (
        "June 9, 2023\n\nChilean Foreign Minister Ana Lopez and Peru's new Foreign Minister "
        "Jorge Ramos reaffirmed their readiness to cooperate during a phone conversation on "
        "Friday, the ministry said.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["mode"] == "telephone"
    assert {p["family_name"]: p["country"] for p in e["participants"]} == {
        "Lopez": "CHL",
        "Ramos": "PER",
    }


def test_a_minister_in_lower_case_after_a_nationality_names_the_person() -> None:
    text = (
        "January 20, 2018\n\nPeruvian minister Jorge Ramos held a telephonic conversation at "
        "the request of Chilean Foreign Minister Ana Lopez.\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"]: p["country"] for p in e["participants"]} == {
        "Ramos": "PER",
        "Lopez": "CHL",
    }


def test_an_unnamed_counterpart_met_somewhere_is_a_participant() -> None:
    for where in ("in Lima", "at the G20 Summit"):
        text = f"May 4, 2021\n\nMinister Ana Lopez met her Peruvian counterpart {where}.\n"
        (e,) = extract(text)["engagements"]
        assert "PER" in {p["country"] for p in e["participants"]}, where
        assert all(p["family_name"] != "G" for p in e["participants"]), where


def test_a_minister_and_his_counterpart_who_discussed() -> None:
    text = (
        "April 17, 2023\n\nChilean Foreign Minister Ana Lopez and her Peruvian counterpart, "
        "Jorge Ramos, discussed on Monday bilateral relations.\n\nThe minister will travel to "
        "Quito and her Ecuadorian counterpart will discuss trade with her.\n"
    )
    (e,) = extract(text)["engagements"]
    assert {p["family_name"]: p["country"] for p in e["participants"]} == {
        "Lopez": "CHL",
        "Ramos": "PER",
    }


def test_an_unnamed_minister_told_when_before_the_verb() -> None:
    text = (
        "January 20, 2018\n\nChilean Foreign Minister on Saturday spoke with his Peruvian "
        "counterpart on the phone.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["mode"] == "telephone"
    assert sorted(p["country"] for p in e["participants"]) == ["CHL", "PER"]


def test_a_date_line_whose_parts_are_set_off_by_dashes_names_the_city() -> None:
    text = (
        "Canada – Minister meets her Chilean counterpart\n\n"
        "March 3, 2022 – Valparaíso, Chile – Ministry of Foreign Affairs\n\n"
        "The Honourable Jane Roe, Minister of Foreign Affairs, today met with "
        "Antonia Soto, Minister of Foreign Affairs of Chile.\n"
    )
    (e,) = extract(text)["engagements"]
    assert (e["place"]["name"], e["place"]["country"]) == ("Valparaíso", "CHL")
    # a publisher's name alone after the dash is not a place
    text = text.replace("Valparaíso, Chile – ", "")
    (e,) = extract(text)["engagements"]
    assert e["place"] is None or e["place"]["name"] != "Ministry of Foreign Affairs"


def test_a_portfolio_of_citizens_abroad_in_lower_case_still_names_the_minister() -> None:
    text = (
        "March 2, 2023 - Minister of Foreign Affairs, Regional Integration and Tunisians "
        "abroad, Amal Ben Salah held talks in Tunis with her Italian counterpart, "
        "Marco Bianchi.\n"
    )
    (e,) = extract(text)["engagements"]
    named = {p["name"]: p["country"] for p in e["participants"]}
    assert named == {"Amal Ben Salah": "TUN", "Marco Bianchi": "ITA"}


def test_a_follow_up_on_the_day_after_another_date_is_dated_a_day_on() -> None:
    text = (
        "October 2, 2025\n\nForeign Minister Jane Roe held talks with Foreign Minister "
        "Marco Bianchi of Italy. Minister Roe said she hopes to hold a meeting in Rome "
        "on the day after the November 20 summit in Milan.\n"
    )
    (e,) = extract(text)["engagements"]
    (fu,) = [f for f in e["follow_ups"] if "Rome" in f["name"]]
    assert fu["date"] == "2025-11-21"
    assert fu["date_text"].startswith("on the day after")


def test_they_will_meet_again_at_a_conference_is_a_follow_up_not_the_occasion() -> None:
    head = (
        "October 2, 2025\n\nForeign Minister Jane Roe held talks with Foreign Minister "
        "Marco Bianchi of Italy. "
    )
    for tail in (
        "The two ministers will meet again at the G20 Foreign Ministers' Meeting in February.",
        "They confirmed that they would meet again at the ASEAN Regional Forum in July.",
        "The ministers look forward to meeting again at the UN General Assembly in September.",
    ):
        (e,) = extract(head + tail + "\n")["engagements"]
        assert e["occasion"] is None, tail
        (fu,) = e["follow_ups"]
        assert fu["name"].startswith("meeting between"), tail
        assert fu["date_text"].startswith("in "), tail


def test_when_a_follow_up_is_set_for_a_span_of_days_a_week_or_the_middle_of_a_year() -> None:
    head = (
        "October 2, 2025\n\nForeign Minister Jane Roe held talks with Foreign Minister "
        "Marco Bianchi of Italy. "
    )
    cases = {
        "The next meeting of the Joint Commission is scheduled for November 15-16 in Rome.": (
            "2025-11-15",
            "for November 15-16",
        ),
        "Prime Minister Ishiba will visit Italy during the first week of May.": (
            None,
            "during the first week of May",
        ),
        "The Joint Commission will be held in mid-2026.": (None, "in mid-2026"),
    }
    for tail, (date, words) in cases.items():
        (e,) = extract(head + tail + "\n")["engagements"]
        (fu,) = e["follow_ups"]
        assert (fu["date"], fu["date_text"]) == (date, words), tail


def test_an_unnamed_principal_never_takes_a_country_of_the_counterparts_listed() -> None:
    text = (
        "October 2, 2025\n\nThe Minister held bilateral meetings with his counterparts "
        "from India, Indonesia and Brazil.\n"
    )
    engagements = extract(text)["engagements"]
    assert len(engagements) == 3
    for e in engagements:
        principal, counterpart = e["participants"]
        assert principal["country"] is None  # no publisher, nothing says whose minister
        assert counterpart["country"] in ("IND", "IDN", "BRA")


def test_spoke_over_or_on_the_phone_with_is_a_call() -> None:
    for how in ("over the phone", "on the phone", "over telephone"):
        text = (
            f"October 2, 2025\n\nIndian Prime Minister Narendra Modi spoke {how} with "
            "Russian President Vladimir Putin.\n"
        )
        (e,) = extract(text)["engagements"]
        assert e["mode"] == "telephone", how
        assert sorted(p["country"] for p in e["participants"]) == ["IND", "RUS"], how


def test_a_meeting_told_in_a_phrase_before_its_subject() -> None:
    for lead in (
        "After meeting German Chancellor Friedrich Merz in Berlin,",
        "Following talks with German Chancellor Friedrich Merz,",
        "Speaking after talks with German Chancellor Friedrich Merz in Berlin,",
    ):
        text = (
            f"October 2, 2025\n\n{lead} French President Emmanuel Macron said Europe "
            "must do more.\n"
        )
        (e,) = extract(text)["engagements"]
        assert [p["family_name"] for p in e["participants"]] == ["Macron", "Merz"], lead


def test_talks_with_the_leaders_of_several_countries_are_one_meeting_with_each() -> None:
    text = (
        "October 2, 2025\n\nOn the sidelines of the summit, President William Ruto of Kenya "
        "held bilateral talks with the leaders of Ghana, Senegal and Nigeria.\n"
    )
    engagements = extract(text)["engagements"]
    assert sorted(e["participants"][1]["country"] for e in engagements) == ["GHA", "NGA", "SEN"]
    assert all(e["participants"][0]["family_name"] == "Ruto" for e in engagements)


def test_the_two_presidents_held_talks_are_the_two_just_named() -> None:
    text = (
        "April 14, 2023\n\nAt the invitation of President Xi Jinping, President Lula da Silva "
        "of Brazil paid a state visit to China. During the visit, the two Presidents held "
        "talks in Beijing.\n"
    )
    (e,) = extract(text)["engagements"]
    assert sorted(p["country"] for p in e["participants"]) == ["BRA", "CHN"]
    # one person named before: no pair to stand for
    text = "April 14, 2023\n\nPresident Lula arrived in Beijing. The two leaders held talks.\n"
    assert extract(text)["engagements"] == []


def test_a_speaker_delighted_or_glad_to_welcome_a_guest_met_them() -> None:
    for said in (
        "PRIME MINISTER ALBANESE: Thank you. It's wonderful to welcome Prime Minister "
        "Christopher Luxon to Canberra today.",
        "CHANCELLOR MERZ: Ladies and gentlemen, I am delighted to welcome President "
        "Volodymyr Zelenskyy here in Berlin.",
    ):
        (e,) = extract(f"October 2, 2025\n\n{said}\n")["engagements"]
        assert len(e["participants"]) == 2, said
    # what will be: no meeting yet
    text = (
        "October 2, 2025\n\nPrime Minister Albanese said he will be delighted to welcome "
        "Prime Minister Christopher Luxon next year.\n"
    )
    assert extract(text)["engagements"] == []


def test_offices_of_a_list_of_countries_are_unnamed_principals_of_each() -> None:
    def parts(text: str) -> list[tuple[Any, ...]]:
        return [
            tuple((p["name"] or None, p["country"], p["title"]) for p in e["participants"])
            for e in extract(f"March 3, 2021\n\n{text}\n")["engagements"]
        ]

    fm = "Foreign Minister"
    assert parts("The foreign ministers of Estonia and Georgia met on 2 March in Tallinn.") == [
        ((None, "EST", fm), (None, "GEO", fm))
    ]
    assert parts("The Estonian and Georgian foreign ministers held talks in Tallinn.") == [
        ((None, "EST", fm), (None, "GEO", fm))
    ]
    (three,) = parts("The leaders of Chile, Peru and Ecuador met in Lima.")
    assert [c for _n, c, _t in three] == ["CHL", "PER", "ECU"]
    # announced, not held; a list with more than countries in it
    assert parts("The foreign ministers of Estonia and Georgia will meet in Tallinn.") == []
    assert parts("The leaders of Chile and the Andean business council met in Lima.") == []


def test_names_in_apposition_to_offices_of_countries_take_those_countries_in_order() -> None:
    text = (
        "March 3, 2021\n\nThe foreign ministers of Estonia and Georgia, Liis Tamberg and "
        "Davit Kvirkadze, met on 2 March in Vienna.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [(p["family_name"], p["country"]) for p in e["participants"]] == [
        ("Tamberg", "EST"),
        ("Kvirkadze", "GEO"),
    ]


def test_a_bare_full_name_joined_by_and_to_a_known_person_is_a_person() -> None:
    text = "May 5, 2019\n\nSergey Lavrov and Tomas Veldran held talks in Moscow on Friday.\n"
    (e,) = extract(text)["engagements"]
    assert sorted(p["family_name"] for p in e["participants"]) == ["Lavrov", "Veldran"]
    # like is joined with like: a city, an office, a month are no people
    for other in ("Saint Petersburg", "Deputy Ministers", "New Zealand"):
        text = f"May 5, 2019\n\nSergey Lavrov and {other} held talks in Moscow on Friday.\n"
        names = [p["family_name"] for e in extract(text)["engagements"] for p in e["participants"]]
        assert not any(n and n in other for n in names), (other, names)


def test_follow_ups_both_sides_attend_resume_are_hosted_or_are_set_for_a_day_and_place() -> None:
    # an event the text ties both sides to
    assert _follow_ups("Both ministers will attend the NATO summit in Madrid in June.") == {
        "NATO summit in Madrid": "in June"
    }
    # a meeting set for a day, then a place: the place belongs to the name
    (f,) = _fus_after_meeting("The next meeting is scheduled for 12 July in Lisbon.")
    assert (f["name"], f["date"]) == ("next meeting in Lisbon", "2031-07-12")
    (f,) = _fus_after_meeting("The talks will resume in Bergen on 14 July.")
    assert (f["name"], f["date"]) == ("resumption of talks in Bergen", "2031-07-14")
    assert _follow_ups("The next Lusophone summit will be hosted by Angola in the autumn.") == {
        "next Lusophone summit": "in the autumn"
    }
    assert _follow_ups(
        "Minister Berg invited his Portuguese colleague to pay a visit to Norway at a "
        "convenient time."
    ) == {"Portuguese colleague's visit to Norway": "at a convenient time"}


def test_follow_up_names_end_where_the_words_of_when_begin() -> None:
    for when in (
        "during the first quarter of 2024",
        "at the very beginning of next year",
        "on a mutually convenient date",
        "in the second half of January 2024",
    ):
        got = _follow_ups(
            f"It was agreed to convene the next session of the Joint Commission {when}."
        )
        assert got == {"next session of the Joint Commission": when}, (when, got)


def test_an_office_of_an_organisation_gives_its_holder_the_organisation() -> None:
    text = (
        "Vientiane, July 24, 2031. The Secretary-General of ASEAN held bilateral meetings on "
        "Wednesday.\n\nIn his second meeting, Secretary-General Tran met with the Permanent "
        "Secretary of the Ministry of Foreign Affairs of Cambodia, Sok Vanna.\n"
    )
    (e,) = extract(text)["engagements"]
    tran = next(p for p in e["participants"] if p["family_name"] == "Tran")
    assert (tran["country"], tran["organization"]) == (None, "ASEAN")


def test_an_occasion_ends_at_its_acronym_or_its_weekday() -> None:
    text = (
        "Meeting in Jakarta\n2031-07-12\n\nJakarta – Foreign Minister Ana Lima of Brazil met "
        "Foreign Minister Tomas Berg of Norway on July 11 on the sidelines of the 64th ASEAN "
        "Foreign Ministers' Meeting (AMM-64) and related meetings in Jakarta.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["occasion"] == "64th ASEAN Foreign Ministers' Meeting (AMM-64)"
    text = (
        "Meetings in Vientiane\n24 July 2031\n\nVientiane – Foreign Minister Ana Lima of "
        "Brazil met Foreign Minister Tomas Berg of Norway on the sidelines of the 64th ASEAN "
        "Foreign Ministers' Meeting (AMM) on Wednesday.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["occasion"] == "64th ASEAN Foreign Ministers' Meeting (AMM)"


def test_appreciation_to_a_country_after_a_welcome_is_no_place() -> None:
    text = (
        "Minister meets Secretary-General\nJakarta, 2 September 2031 – Foreign Minister Ana "
        "Lima of Brazil today paid a courtesy call on Secretary-General of ASEAN, Tran Van "
        "Minh.\n\nSecretary-General Minh welcomed Minister Lima and expressed appreciation to "
        "Brazil for its support.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["place"]["name"] == "Jakarta", e["place"]


def test_looking_forward_to_attending_an_event_names_the_event_and_where() -> None:
    got = _follow_ups(
        "Minister Berg said that the Prime Minister is looking forward to attending the "
        "Second Nordic-Iberian Summit later this year in Madrid."
    )
    assert got == {"Second Nordic-Iberian Summit in Madrid": "later this year"}


def test_a_meeting_told_by_what_was_tackled_at_it_and_an_ambassador_to_a_country() -> None:
    text = (
        "November 28, 2031\n\nForeign Minister Ana Lima and Norway's Ambassador to Brazil "
        "Tomas Berg tackled topical subjects of the bilateral agenda at a today's meeting.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [p["family_name"] for p in e["participants"]] == ["Lima", "Berg"]


def test_a_press_conference_names_its_speaker_by_name_then_office() -> None:
    text = (
        "Press Conference by Foreign Minister Ana LIMA\nThursday, September 26, 2031, "
        "New York City, United States\n\nOpening Remarks\n\nMs. LIMA Ana, Minister of Foreign "
        "Affairs of Brazil: During this visit to New York, I held meetings with foreign "
        "ministers of ten countries.\n\nToday, I held a meeting with Foreign Minister Tomas "
        "Berg of Norway. We held in-depth discussions on the Arctic.\n\nWith Minister of "
        "Foreign Affairs Sato of Japan, we discussed trade. We also agreed to hold meetings "
        "frequently, beginning with Minister Sato's visit to Brazil for the G20 Foreign "
        "Ministers' Meeting in Rio. In addition, I hope to visit Tokyo by the end of the "
        "year.\n"
    )
    engagements = extract(text)["engagements"]
    assert [sorted(p["family_name"] for p in e["participants"]) for e in engagements] == [
        ["Berg", "Lima"],
        ["Lima", "Sato"],
    ]
    # the visit to come puts the meeting in Brazil no more than the speaker's visit to Tokyo
    assert [e["place"]["name"] for e in engagements] == ["New York", "New York"]
    names = [f["name"] for f in engagements[1]["follow_ups"]]
    assert "Minister Sato's visit to Brazil for the G20 Foreign Ministers' Meeting in Rio" in names
    # the speaker's turn goes on over paragraphs: "I" is still Lima
    assert "Minister Lima's visit to Tokyo" in names, names


def test_the_next_event_of_a_list_of_events_to_come_is_a_follow_up() -> None:
    got = _follow_ups(
        "We also talked about the Portugal-Sweden summit meeting scheduled for late June, "
        "and the 2+2 foreign and defence ministerial in late July."
    )
    assert got == {
        "Portugal-Sweden summit meeting": "late June",
        "2+2 foreign and defence ministerial": "in late July",
    }
    # a clause after "and the" is no event
    got = _follow_ups(
        "They discussed the Nordic summit meeting scheduled for late June, and the two sides "
        "agreed to keep in touch."
    )
    assert got == {"Nordic summit meeting": "late June"}


def test_gulf_agency_readouts_long_arabic_names_calls_received_and_slashed_dates() -> None:
    # a name whose chain of forebears runs five names, with "Al" particles or "Al-" parts
    text = (
        "Thursday 31/October/2024\n\nSheikh Nasser Khalid Al Hamad Al Mubarak Al Sabah, "
        "Crown Prince of the State of Kuwait received at the palace today Sayyid Badr bin "
        "Hamad Al Busaidi, Foreign Minister of Oman.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["date"] == "2024-10-31"
    assert [p["country"] for p in e["participants"]] == ["KWT", "OMN"]
    text = (
        "June 3, 2024\n\nPrince Faisal bin Farhan also met with Kuwait's Crown Prince Sheikh "
        "Nasser Khaled Al-Hamad Al-Mubarak Al-Sabah at the palace.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["participants"][1]["family_name"] == "Al-Sabah"
    # "received Monday a call from": a telephone call, the day between
    text = (
        "December 8, 2025\n\nPrime Minister Nasser Khaled received Monday a call from "
        "President Ali Youssouf of Djibouti.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["mode"] == "telephone"
    assert [p["family_name"] for p in e["participants"]] == ["Khaled", "Youssouf"]


def test_a_meeting_at_a_mission_to_the_un_gives_no_one_the_host_country() -> None:
    text = (
        "Envoy meets Greek PM\nNEW YORK, Sept 23, 2031 -- The Envoy of the Amir, Sheikh Nasser "
        "Khaled Al-Hamad received Greek Prime Minister Kyriakos Mitsotakis at the Mission to "
        "the UN in New York.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [p["country"] for p in e["participants"]] == [None, "GRC"]


def test_follow_ups_expected_in_a_city_invitations_extended_and_events_which_someone_will_attend() -> (
    None
):
    assert _follow_ups("The Swedish Crown Princess is expected in Lisbon next spring.") == {
        "Swedish Crown Princess's visit to Lisbon": "next spring"
    }
    assert _follow_ups(
        "An invitation was extended to Minister Berg to attend the Atlantic Forum in October."
    ) == {"Foreign Minister Berg's participation in Atlantic Forum": "in October"}
    (f,) = _fus_after_meeting(
        "The ministers discussed the agenda of the Atlantic Forum, which Minister Berg will "
        "attend on 12 July."
    )
    assert (f["name"], f["date"]) == ("Atlantic Forum", "2031-07-12")


def test_a_month_written_short_before_its_day_ends_no_sentence_and_dates_a_follow_up() -> None:
    assert [s.text for s in sentences("The visit is set for Sept. 6. Then they met.")] == [
        "The visit is set for Sept. 6.",
        "Then they met.",
    ]
    assert [s.text for s in sentences("They met in Jan. The next day they left.")] == [
        "They met in Jan.",
        "The next day they left.",
    ]
    # "forthcoming" is when too, but the day said later in the clause is the date
    (f,) = _fus_after_meeting(
        "They also discussed the forthcoming visit of President Rui Costa to Norway, "
        "scheduled for Sept. 6."
    )
    assert (f["date"], f["date_text"]) == ("2031-09-06", "for Sept. 6")


def test_in_a_series_of_meetings_two_who_exchanged_views_met() -> None:
    text = (
        "March 1, 2031\n\nForeign Minister Ana Lima of Brazil held a series of bilateral "
        "meetings on Wednesday on the sidelines of the G20 Foreign Ministers' Meeting in "
        "Rio.\n\nMinister Lima and Norwegian Foreign Minister Tomas Berg exchanged their "
        "views on bilateral cooperation. Minister Lima also met Foreign Minister Kenji Sato "
        "of Japan.\n"
    )
    engagements = extract(text)["engagements"]
    assert sorted(e["participants"][1]["family_name"] for e in engagements) == ["Berg", "Sato"]
    # no series: the pair is what the one meeting found discussed, not another meeting
    text = (
        "March 1, 2031\n\nForeign Minister Ana Lima of Brazil met Foreign Minister Kenji Sato "
        "of Japan in Rio.\n\nMinister Lima and Foreign Minister Tomas Berg of Norway "
        "exchanged their views by letter last year.\n"
    )
    assert len(extract(text)["engagements"]) == 1


def test_a_follow_up_at_convenient_dates_keeps_the_place_said_after() -> None:
    assert _follow_ups(
        "Both sides agreed to hold the next round of consultations at mutually convenient "
        "dates in Oslo."
    ) == {"next round of consultations in Oslo": "at mutually convenient dates"}


def test_an_office_of_one_country_is_not_the_same_office_of_another_named_before() -> None:
    text = (
        "September 10, 2031\n\nBrazil's Minister for Foreign Affairs Ana Lima held talks with Norwegian "
        "Foreign Minister Tomas Berg on Wednesday.\n\nIn addition, the Brazilian foreign "
        "minister met earlier in the day with her Uzbek and Kazakh counterparts.\n"
    )
    engagements = extract(text)["engagements"]
    assert [e["participants"][0]["family_name"] for e in engagements] == ["Lima"] * 3


def test_a_principal_in_the_city_to_attend_an_event_names_the_occasion() -> None:
    text = (
        "Brazil, Norway discuss regional stability\n2031-07-07\n\nBrasília: Foreign Minister "
        "Ana Lima of Brazil held a bilateral meeting with Foreign Minister Tomas Berg of "
        "Norway in Rio today, July 7, 2031.\n\nNorway's top diplomat is in Rio to attend the "
        "G20 Foreign Ministers Meeting.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["occasion"] == "G20 Foreign Ministers Meeting"


def test_news_agency_receptions_while_receiving_hosting_and_an_ambassador_named_later() -> None:
    text = (
        "State leader welcomes Greek Foreign Minister\n2031-08-02\n\nHÀ NỘI — President Nguyễn Văn Long expressed delight at the relations "
        "between Việt Nam and Greece while receiving Greek Foreign Minister Nikos Pappas in "
        "Hà Nội on Monday.\n\nOn the same day, Prime Minister Trần Văn Bình also received "
        "Greek minister Pappas.\n"
    )
    engagements = extract(text)["engagements"]
    assert [[p["country"] for p in e["participants"]] for e in engagements] == [
        ["VNM", "GRC"],
        ["VNM", "GRC"],
    ]
    assert engagements[0]["place"]["name"] == "Hanoi"
    text = (
        "2031-03-04\n\nForeign Minister Le Van Chau hosted a reception on March 3 for Russian "
        "First Deputy Foreign Minister Ivan Titov who is in Hanoi for the 13th Vietnam-Russia "
        "strategic dialogue.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [p["family_name"] for p in e["participants"]] == ["Le", "Titov"]
    assert e["occasion"] == "13th Vietnam-Russia strategic dialogue"
    text = (
        "February 9, 2031\n\nHanoi – Deputy Prime Minister and Foreign Minister Le Van Chau "
        "said he is happy with the progress in cooperation while hosting the Indian "
        "Ambassador to Vietnam in Hanoi on February 9.\n\nThe two countries marked the "
        "anniversary of their ties, he told Ambassador Harish Menon.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [(p["family_name"], p["country"]) for p in e["participants"]] == [
        ("Le", "VNM"),
        ("Menon", "IND"),
    ]


def test_a_mechanism_named_by_an_ordinal_and_its_acronym_is_a_follow_up() -> None:
    assert _follow_ups("The two ministers agreed to hold the 8th JCBC in Norway in 2025.") == {
        "8th JCBC in Norway": "in 2025"
    }


def test_received_today_at_a_palace_and_a_portfolio_of_human_mobility() -> None:
    text = (
        "Minister meets Chilean counterpart\nBuenos Aires, 12 April 2031\n\nArgentina's "
        "Minister of Foreign Affairs, International Trade and Worship, Santiago Ortiz, "
        "received today at the San Martín Palace the Minister of Foreign Affairs of Chile, "
        "Antonia Reyes, on her first official visit to the country.\n"
    )
    (e,) = extract(text)["engagements"]
    assert e["date"] == "2031-04-12"
    text = (
        "Quito, 27 January 2031\n\nThe Minister of Foreign Affairs of Colombia, Álvaro Ortiz, "
        "and the Minister of Foreign Affairs and Human Mobility of Ecuador, Gustavo Reyes, met "
        "in Quito to review the binational agenda.\n"
    )
    (e,) = extract(text)["engagements"]
    assert [(p["family_name"], p["country"]) for p in e["participants"]] == [
        ("Ortiz", "COL"),
        ("Reyes", "ECU"),
    ]
