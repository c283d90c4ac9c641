"""Sanity checks for the people-related gazetteer data files.

These tests read the TSV files directly with ``csv`` so they do not depend on
the gazetteer loader module.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

GAZ = Path(__file__).resolve().parents[1] / "src" / "communique" / "gazetteer"

OFFICE_HOLDERS = GAZ / "office_holders.tsv"
FAMILY_NAMES = GAZ / "family_names.tsv"
GIVEN_NAMES_JA = GAZ / "given_names_ja.tsv"
PUBLISHERS = GAZ / "publishers.tsv"

ISO3 = re.compile(r"[A-Z]{3}")
DATE_RE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
CULTURES = {"ja", "zh", "ko", "vi", "km"}


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == columns, f"{path.name}: header {header!r}"
        rows = []
        for lineno, fields in enumerate(reader, start=2):
            assert len(fields) == len(columns), f"{path.name}:{lineno}: {fields!r}"
            assert all(f == f.strip() for f in fields), f"{path.name}:{lineno}: stray whitespace"
            rows.append(dict(zip(columns, fields, strict=True)))
    return rows


def parse_date(value: str) -> date:
    assert DATE_RE.fullmatch(value), value
    if len(value) == 7:
        value += "-01"
    return date.fromisoformat(value)


@pytest.fixture(scope="module")
def holders() -> list[dict[str, str]]:
    return read_tsv(
        OFFICE_HOLDERS,
        ["name", "family_name", "aliases", "iso3", "office", "start", "end"],
    )


@pytest.fixture(scope="module")
def family_names() -> list[dict[str, str]]:
    return read_tsv(FAMILY_NAMES, ["family_name", "culture"])


@pytest.fixture(scope="module")
def given_names() -> list[dict[str, str]]:
    return read_tsv(GIVEN_NAMES_JA, ["given_name"])


@pytest.fixture(scope="module")
def publishers() -> list[dict[str, str]]:
    return read_tsv(PUBLISHERS, ["domain", "iso3", "publisher"])


def find(holders, family, iso3, office_part):
    return [
        r
        for r in holders
        if r["family_name"] == family and r["iso3"] == iso3 and office_part in r["office"]
    ]


# --- office_holders.tsv -------------------------------------------------------


def test_office_holders_size(holders):
    assert len(holders) >= 1500


def test_office_holders_fields(holders):
    for r in holders:
        assert r["name"], r
        assert r["family_name"], r
        assert r["office"], r
        assert r["iso3"] == "" or ISO3.fullmatch(r["iso3"]), r
        for alias in r["aliases"].split("|") if r["aliases"] else []:
            assert alias and alias == alias.strip(), r


def test_office_holders_dates(holders):
    for r in holders:
        start = parse_date(r["start"])
        if r["end"]:
            assert start <= parse_date(r["end"]), r


def test_office_holders_no_duplicates(holders):
    keys = [(r["name"], r["iso3"], r["office"], r["start"]) for r in holders]
    assert len(keys) == len(set(keys))


def test_international_offices_have_no_iso3(holders):
    for r in holders:
        office = r["office"]
        if "European Commission" in office or "Secretary-General of the United Nations" in office:
            assert r["iso3"] == "", r


def test_lavrov(holders):
    rows = find(holders, "Lavrov", "RUS", "Foreign Affairs")
    assert len(rows) == 1
    assert rows[0]["start"] == "2004-03-09"
    assert rows[0]["end"] == ""
    assert "Sergei Lavrov" in rows[0]["aliases"].split("|")


def test_kishida(holders):
    pm = find(holders, "Kishida", "JPN", "Prime Minister")
    assert [(r["start"], r["end"]) for r in pm] == [("2021-10-04", "2024-10-01")]
    fm = find(holders, "Kishida", "JPN", "Foreign Affairs")
    assert [(r["start"], r["end"]) for r in fm] == [("2012-12-26", "2017-08-03")]
    assert "Kishida Fumio" in pm[0]["aliases"].split("|")


def test_wang_yi(holders):
    rows = find(holders, "Wang", "CHN", "Minister of Foreign Affairs")
    assert {r["name"] for r in rows} == {"Wang Yi"}
    assert any(r["end"] == "" for r in rows)


def test_us_secretaries_of_state(holders):
    rows = sorted(
        (r for r in holders if r["iso3"] == "USA" and r["office"] == "Secretary of State"),
        key=lambda r: r["start"],
    )
    names = [r["family_name"] for r in rows]
    assert names[-3:] == ["Pompeo", "Blinken", "Rubio"]


def test_one_current_japanese_prime_minister(holders):
    current = [
        r
        for r in holders
        if r["iso3"] == "JPN" and r["office"] == "Prime Minister" and r["end"] == ""
    ]
    assert len(current) == 1


def test_no_overlapping_terms_same_office(holders):
    """Within one country and office, terms of different people must not overlap."""
    by_office: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for r in holders:
        if not r["iso3"] or r["office"].startswith(("Acting", "Vice", "Minister of State")):
            continue
        start = parse_date(r["start"])
        end = parse_date(r["end"]) if r["end"] else date(9999, 12, 31)
        by_office.setdefault((r["iso3"], r["office"]), []).append((start, end, r["name"]))
    problems = []
    for key, terms in by_office.items():
        terms.sort()
        for (_s1, e1, n1), (s2, _e2, n2) in zip(terms, terms[1:], strict=False):
            # allow a few weeks' slack for month-precision dates and handovers
            if n1 != n2 and (e1 - s2).days > 31:
                problems.append((key, n1, n2))
    assert not problems, problems


# --- family_names.tsv / given_names_ja.tsv ----------------------------------


def test_family_names(family_names):
    assert len(family_names) >= 800
    pairs = [(r["family_name"], r["culture"]) for r in family_names]
    assert len(pairs) == len(set(pairs))
    for name, culture in pairs:
        assert culture in CULTURES
        assert name and name[0].isupper(), name
    index = set(pairs)
    for name in ("Motegi", "Kishida", "Abe", "Kono", "Hayashi", "Iwaya", "Gemba"):
        assert (name, "ja") in index, name
    assert ("Wang", "zh") in index
    assert ("Xi", "zh") in index
    assert ("Kim", "ko") in index
    assert ("Yoon", "ko") in index
    assert ("Nguyen", "vi") in index
    assert ("Pham", "vi") in index


def test_given_names_ja(given_names):
    names = [r["given_name"] for r in given_names]
    assert len(names) >= 400
    assert len(names) == len(set(names))
    for name in ("Toshimitsu", "Fumio", "Taro", "Shinzo", "Yoko"):
        assert name in names
    assert "Motegi" not in names


def test_japanese_holders_names_covered(holders, family_names, given_names):
    ja_family = {r["family_name"] for r in family_names if r["culture"] == "ja"}
    ja_given = {r["given_name"] for r in given_names}
    for r in holders:
        parts = r["name"].split()
        if r["iso3"] == "JPN" and len(parts) == 2:
            assert r["family_name"] in ja_family, r
            assert parts[0] in ja_given, r


# --- publishers.tsv -------------------------------------------------------------


def test_publishers(publishers):
    assert len(publishers) >= 150
    domains = [r["domain"] for r in publishers]
    assert len(domains) == len(set(domains))
    for r in publishers:
        assert DOMAIN.fullmatch(r["domain"]), r
        assert r["iso3"] == "" or ISO3.fullmatch(r["iso3"]), r
        assert r["publisher"], r
    index = {r["domain"]: r["iso3"] for r in publishers}
    assert index["mofa.go.jp"] == "JPN"
    assert index["state.gov"] == "USA"
    assert index["fmprc.gov.cn"] == "CHN"
    assert index["mid.ru"] == "RUS"
    assert index["eeas.europa.eu"] == ""
