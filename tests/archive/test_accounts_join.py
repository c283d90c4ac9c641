"""Accounts of one meeting by different governments become one event; different meetings
of the same day stay apart. Hand-written records, and the real readouts."""

from __future__ import annotations

import random
import shutil

import pytest
from records import add_document, engagement, person

from communique.archive import accounts
from communique.ingest import Archive

BIDEN_US = person("Joseph R. Biden, Jr.", "Biden", "President of the United States", "USA")
BIDEN_UK = person("Joe Biden", "Biden", "President", "USA")
STARMER = person("Keir Starmer", "Starmer", "Prime Minister of the United Kingdom", "GBR")
UK_PM = person("", None, "Prime Minister", "GBR")
MACRON = person("Emmanuel Macron", "Macron", "President of the French Republic", "FRA")
HAYASHI = person("Yoshimasa Hayashi", "Hayashi", "Minister for Foreign Affairs of Japan", "JPN")
HAYASHI_KR = person("HAYASHI Yoshimasa", "Hayashi", "Minister for Foreign Affairs", "JPN")
BLINKEN = person("Antony J. Blinken", "Blinken", "Secretary of State", "USA")
AUSTIN = person("Lloyd J. Austin III", "Austin", "Secretary of Defense", "USA")
PARK = person("Park Jin", "Park", "Minister of Foreign Affairs", "KOR")
G7 = [
    HAYASHI,
    BLINKEN,
    person("James Cleverly", "Cleverly", "Foreign Secretary", "GBR"),
    person("Catherine Colonna", "Colonna", "Minister for Europe and Foreign Affairs", "FRA"),
    person("Annalena Baerbock", "Baerbock", "Federal Foreign Minister", "DEU"),
    person("Antonio Tajani", "Tajani", "Minister of Foreign Affairs", "ITA"),
    person("Melanie Joly", "Joly", "Minister of Foreign Affairs", "CAN"),
]


@pytest.fixture
def archive(db_url):  # noqa: ANN001, ANN201
    a = Archive(db_url)
    yield a
    a.close()


def _events(a) -> list[list[int]]:  # noqa: ANN001
    """Each event's documents, sorted."""
    return sorted(sorted({x["document_id"] for x in e["accounts"]}) for e in a.engagements())


def test_two_governments_one_meeting_across_time_zones_and_spellings(archive):
    us = add_document(
        archive,
        [
            engagement(
                "2024-07-10", [BIDEN_US, STARMER], place={"name": "Washington", "country": "USA"}
            )
        ],
        publisher="USA",
    )
    uk = add_document(
        archive,
        [
            engagement(
                "2024-07-09", [UK_PM, BIDEN_UK], place={"name": "White House", "country": "USA"}
            )
        ],
        publisher="GBR",
    )
    archive.relink()
    assert _events(archive) == [[us, uk]]


def test_meetings_of_the_same_day_stay_apart(archive):
    day = "2023-04-17"
    docs = [
        add_document(archive, [engagement(day, [HAYASHI, BLINKEN])], publisher="JPN"),
        add_document(archive, [engagement(day, [HAYASHI_KR, AUSTIN])], publisher="USA"),
        # the G7 meeting and a bilateral on its margins, the same day and city
        add_document(archive, [engagement(day, G7, name="G7 Foreign Ministers' Meeting")]),
        add_document(archive, [engagement(day, [BIDEN_US, STARMER])], publisher="USA"),
        add_document(archive, [engagement(day, [BIDEN_UK, MACRON])], publisher="FRA"),
        # the same two people by phone from one place and in person in another
        add_document(
            archive,
            [engagement(day, [HAYASHI, PARK], place={"name": "Seoul", "country": "KOR"})],
            publisher="KOR",
        ),
        add_document(
            archive,
            [engagement(day, [HAYASHI, PARK], place={"name": "Tokyo", "country": "JPN"})],
            publisher="JPN",
        ),
    ]
    archive.relink()
    assert _events(archive) == [[d] for d in docs]


def test_an_undated_account_joins_the_one_event_it_agrees_with(archive):
    jp = add_document(
        archive,
        [engagement("2021-01-27", [HAYASHI, BLINKEN], mode="telephone")],
        publisher="JPN",
    )
    # another call of the same two, told by the US only: the undated US account is not it
    us_later = add_document(
        archive,
        [engagement("2021-07-23", [HAYASHI, BLINKEN], mode="telephone")],
        publisher="USA",
    )
    # their meeting in person is not a call
    add_document(archive, [engagement("2021-03-16", [HAYASHI, BLINKEN])], publisher="USA")
    undated = add_document(
        archive,
        [engagement(None, [BLINKEN, HAYASHI_KR], mode="telephone")],
        publisher="USA",
        published=None,
    )
    archive.relink()
    ev = _events(archive)
    assert [jp, undated] in ev and [us_later] in ev


def test_an_undated_account_with_two_candidates_stays_alone(archive):
    add_document(archive, [engagement("2021-01-27", [HAYASHI, BLINKEN])], publisher="JPN")
    add_document(archive, [engagement("2021-03-16", [HAYASHI, BLINKEN])], publisher="JPN")
    undated = add_document(
        archive, [engagement(None, [BLINKEN, HAYASHI])], publisher="USA", published=None
    )
    archive.relink()
    assert [undated] in _events(archive)


PAIRS = [
    ("auswaertiges_0001.txt", "mod_0001.txt"),
    ("mofa_0013.txt", "state_0005.txt"),
]
#: the same two leaders at the White House twice: Starmer's meeting with Biden of 9 July
#: 2024 (govuk_0002) and that of 13 September 2024 (whitehouse_0001, dated by the
#: original White House URL its republished page cites)
APART = [("govuk_0002.txt", "whitehouse_0001.txt")]


def test_real_cross_publisher_pairs_join(db_url, corpus, tmp_path):
    dev = corpus.parent / "eval" / "dev"
    if not (dev / "SOURCES.tsv").is_file():
        pytest.skip("../shared/eval/dev not available")
    one, two = tmp_path / "corpus", tmp_path / "dev"
    one.mkdir(), two.mkdir()
    for a, b in PAIRS + APART:
        for n in (a, b):
            src = corpus / n if (corpus / n).exists() else dev / n
            shutil.copy(src, (one if src.parent == corpus else two) / n)
    from communique.sources import read_sources_tsv

    sources = {
        **read_sources_tsv(corpus / "SOURCES.tsv"),
        **read_sources_tsv(dev / "SOURCES.tsv"),
    }
    with Archive(db_url) as a:
        a.ingest([str(one), str(two)], sources=sources)
        by_doc: dict[str, set[int]] = {}
        for e in a.engagements():
            for acc in e["accounts"]:
                by_doc.setdefault(acc["url"], set()).add(e["id"])
    for x, y in PAIRS:
        assert by_doc[sources[x]] & by_doc[sources[y]], (x, y)
    for x, y in APART:
        assert not by_doc[sources[x]] & by_doc[sources[y]], (x, y)


def test_an_undated_meeting_of_two_is_not_their_two_plus_two(archive):
    """Blinken and Hayashi meeting alone (no date) is not the dated 2+2 where they met
    with the defence ministers, even when that is the only meeting of theirs on file."""
    hamada = person("Yasukazu Hamada", "Hamada", "Minister of Defense of Japan", "JPN")
    two_plus_two = add_document(
        archive,
        [engagement("2023-01-11", [HAYASHI, hamada, BLINKEN, AUSTIN], name="Japan-U.S. 2+2")],
        publisher="JPN",
    )
    alone = add_document(
        archive, [engagement(None, [BLINKEN, HAYASHI_KR])], publisher="USA", published=None
    )
    archive.relink()
    assert _events(archive) == [[two_plus_two], [alone]]


def test_the_cheap_test_of_the_same_people_never_rules_out_an_account_that_joins():
    # batch linking looks only at the accounts accounts.may_be_same_people lets through:
    # it must let through every pair accounts.same_people would join
    names = ["Kishida", "Lavrov", "Wang Yi", "Wang", "Blinken", "Antony Blinken", None]
    rng = random.Random(3)

    def parts() -> list[accounts.Part]:
        out = []
        for _ in range(rng.randrange(1, 4)):
            name = rng.choice(names)
            actor = rng.choice(["JPN", "RUS", "CHN", "USA", None])
            out.append(accounts.part(name, None, actor, rng.choice([None, 1, 2])))
        return out

    joined = 0
    for i in range(3000):
        a = accounts.Record(i, 1, None, {}, parts=parts())
        b = accounts.Record(i + 1, 2, None, {}, parts=parts())
        if accounts.same_people(a, b):
            joined += 1
            assert accounts.may_be_same_people(a.parts, b.parts)
    assert joined > 20  # the draw held pairs that join, not only others
    kishida_lavrov = [
        accounts.part("Kishida", None, "JPN", None),
        accounts.part("Lavrov", None, "RUS", None),
    ]
    kishida_wang = [
        accounts.part("Kishida", None, "JPN", None),
        accounts.part("Wang Yi", None, "CHN", None),
    ]
    assert not accounts.may_be_same_people(kishida_lavrov, kishida_wang)
    assert not accounts.may_be_same_people(kishida_lavrov, kishida_lavrov[:1])
