"""The output contract on real readouts: schema, spans, and the reference readout's facts.

Every corpus document goes through the installed console script once (one batch run,
``--format jsonl``); the reference readout (Kono and Lavrov in Munich, 2019) is checked
fact by fact against its gold record, one test per fact.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from _contract import (
    CORPUS,
    REFERENCE,
    corpus_files,
    jsonl,
    need_shared,
    run_cli,
    schema_errors,
    span_problems,
    span_text,
)

CORPUS_FILES = corpus_files()


@pytest.fixture(scope="module")
def corpus_results() -> dict[str, dict[str, Any]]:
    need_shared(CORPUS)
    proc = run_cli("extract", "--format", "jsonl", *CORPUS_FILES)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    results = jsonl(proc.stdout)
    by_name = {r["document"]["source"].rsplit("/", 1)[-1]: r for r in results}
    assert len(by_name) == len(CORPUS_FILES)
    return by_name


@pytest.mark.parametrize("name", [p.name for p in CORPUS_FILES])
def test_corpus_output_matches_schema(corpus_results: dict[str, dict[str, Any]], name: str) -> None:
    errors = schema_errors(corpus_results[name])
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", [p.name for p in CORPUS_FILES])
def test_corpus_spans_lie_inside_the_text(
    corpus_results: dict[str, dict[str, Any]], name: str
) -> None:
    problems = span_problems(corpus_results[name])
    assert not problems, "\n".join(problems)


def test_corpus_text_is_the_file_text(corpus_results: dict[str, dict[str, Any]]) -> None:
    """Plain-text readouts keep their text: spans index what a reader sees."""
    for path in CORPUS_FILES:
        text = corpus_results[path.name]["document"]["text"]
        assert text.strip() == path.read_text("utf-8").replace("\u00a0", " ").strip(), path.name


def test_corpus_engagements_are_found(corpus_results: dict[str, dict[str, Any]]) -> None:
    """A smoke floor: most of the corpus is readouts of meetings."""
    with_engagements = sum(1 for r in corpus_results.values() if r["engagements"])
    assert with_engagements >= 0.8 * len(corpus_results)


def test_unnamed_principal_is_schema_valid() -> None:
    """The schema types names as strings, so an unnamed principal ("The Prime Minister met
    ...") is written with name "" and unnamed: true (GUIDELINES.md's null scores the same)."""
    from communique import extract

    r = extract(
        "PM meeting with President of Kenya: 12 May 2023\n\nThe Prime Minister met President "
        "William Ruto of Kenya in Downing Street today.",
        source="https://www.gov.uk/government/news/pm-meeting-with-president-of-kenya",
    )
    assert not schema_errors(r)
    unnamed = [p for p in r["engagements"][0]["participants"] if p.get("unnamed")]
    assert len(unnamed) == 1 and unnamed[0]["name"] == "" and unnamed[0]["country"] == "GBR"


def test_schema_checks_date_formats() -> None:
    """The validator used here really checks ``format: date`` (not just annotates it)."""
    bad = {
        "document": {
            "source": "",
            "title": None,
            "published": "2019-02-30",
            "publisher": None,
            "language": "en",
            "text": "",
        },
        "engagements": [],
    }
    assert any("date" in e for e in schema_errors(bad))


# --------------------------------------------------------------------------- reference


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    need_shared(REFERENCE)
    proc = run_cli("extract", "--format", "json", REFERENCE)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def ref_eng(reference: dict[str, Any]) -> dict[str, Any]:
    assert len(reference["engagements"]) == 1, [e["name"] for e in reference["engagements"]]
    return reference["engagements"][0]


def test_reference_is_schema_valid_with_spans_inside(reference: dict[str, Any]) -> None:
    assert schema_errors(reference, relaxed=False) == []
    assert span_problems(reference) == []


def test_reference_document(reference: dict[str, Any]) -> None:
    doc = reference["document"]
    assert doc["published"] == "2019-02-16"
    assert doc["publisher"] == "JPN"
    assert doc["language"] == "en"
    assert doc["source"] == str(REFERENCE)


def test_reference_participants(reference: dict[str, Any], ref_eng: dict[str, Any]) -> None:
    people = {p["family_name"]: p for p in ref_eng["participants"]}
    assert set(people) == {"Kono", "Lavrov"}
    assert people["Kono"]["name"] == "Taro Kono"
    assert people["Kono"]["country"] == "JPN"
    assert people["Lavrov"]["name"] == "Sergey Viktorovich Lavrov"
    assert people["Lavrov"]["country"] == "RUS"
    # the spans cover the names as written ("Mr. Lavrov, Sergey Viktorovich" is inverted)
    for p in people.values():
        written = span_text(reference, p["span"])
        for part in p["name"].split():
            assert part in written, (part, written)


def test_reference_date_and_mode(reference: dict[str, Any], ref_eng: dict[str, Any]) -> None:
    assert ref_eng["date"] == "2019-02-16"
    assert ref_eng["mode"] == "in_person"
    assert span_text(reference, ref_eng["evidence"]["date"]) == "February 16"


def test_reference_place(ref_eng: dict[str, Any]) -> None:
    place = ref_eng["place"]
    assert place is not None
    assert (place["name"], place["country"]) == ("Munich", "DEU")
    assert place.get("reason")


def test_reference_occasion(reference: dict[str, Any], ref_eng: dict[str, Any]) -> None:
    assert ref_eng["occasion"] == "Munich Security Conference"
    assert "Munich Security Conference" in span_text(reference, ref_eng["evidence"]["occasion"])


def test_reference_duration(reference: dict[str, Any], ref_eng: dict[str, Any]) -> None:
    assert ref_eng["duration_minutes"] == 100
    written = span_text(reference, ref_eng["evidence"]["duration_minutes"])
    assert re.search(r"1 hour and 40 minutes", written), written


def test_reference_round(ref_eng: dict[str, Any]) -> None:
    assert ref_eng["round"] == {"number": 2, "of": "negotiations regarding a peace treaty"}


def test_reference_ordinals(reference: dict[str, Any], ref_eng: dict[str, Any]) -> None:
    assert [(o["number"], o["scope"]) for o in ref_eng["ordinals"]] == [(9, "total")]
    assert "ninth meeting" in span_text(reference, ref_eng["ordinals"][0]["span"])


def test_reference_follow_up_strategic_dialogue(
    reference: dict[str, Any], ref_eng: dict[str, Any]
) -> None:
    dialogue = [f for f in ref_eng["follow_ups"] if "Strategic Dialogue" in f["name"]]
    assert len(dialogue) == 1, [f["name"] for f in ref_eng["follow_ups"]]
    fu = dialogue[0]
    assert fu["name"] == "15th Japan-Russia Strategic Dialogue"
    assert fu["date"] == "2019-04-02"
    assert fu["date_text"] == "on April 2"
    assert "Strategic Dialogue" in span_text(reference, fu["span"])
