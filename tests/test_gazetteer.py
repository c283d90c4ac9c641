"""Gazetteer data files: they parse, they agree with each other, and spot checks hold."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pytest

from communique import gazetteer as gz

DATA_FILES = {
    "countries.tsv": ["iso3", "name", "forms", "adjectives"],
    "organizations.tsv": ["name", "forms", "kind"],
    "cities.tsv": ["name", "iso3", "forms"],
    "conferences.tsv": ["name", "patterns", "city", "iso3", "fixed", "note"],
    "conference_hosts.tsv": ["series", "year", "city", "iso3", "start", "end"],
    "offices.tsv": ["pattern", "level", "kind"],
}


def _rows(name: str) -> list[list[str]]:
    text = resources.files("communique.gazetteer").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def _conference(text: str) -> gz.Conference | None:
    """The first conference (in file order) whose pattern occurs in ``text``."""
    return next((c for c in gz.conferences() if c.regex.search(text)), None)


def _office(text: str) -> gz.Office | None:
    """The office whose pattern gives the longest match, ties going to file order."""
    best: tuple[int, gz.Office] | None = None
    for office in gz.offices():
        m = office.regex.search(text)
        if m and (best is None or len(m.group(0)) > best[0]):
            best = (len(m.group(0)), office)
    return best[1] if best else None


# --- every file parses ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_file_has_header_and_rectangular_rows(name: str) -> None:
    rows = _rows(name)
    assert rows[0] == DATA_FILES[name]
    assert len(rows) > 1
    for lineno, row in enumerate(rows[1:], start=2):
        assert len(row) == len(rows[0]), f"{name}:{lineno}"
        assert all(cell == cell.strip() for cell in row), f"{name}:{lineno} stray whitespace"


def test_loaders_return_data() -> None:
    assert len(gz.countries()) >= 249
    assert len(gz.cities()) >= 400
    assert len(gz.conferences()) >= 40
    assert len(gz.offices()) >= 40
    assert len(gz.organizations()) >= 50


# --- consistency ------------------------------------------------------------------------


def test_no_duplicate_iso3() -> None:
    codes = [row[0] for row in _rows("countries.tsv")[1:]]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_required_countries_present() -> None:
    for code in ["TWN", "XKX", "PSE", "HKG", "VAT", "USA", "CHN", "RUS", "SSD", "PRK"]:
        assert code in gz.countries()


def test_country_forms_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in gz.countries().values():
        for form in (country.name, *country.forms):
            owners[form.lower()].add(country.iso3)
    clashes = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert clashes == {}


def test_every_iso3_reference_exists() -> None:
    known = set(gz.countries())
    for name in ["cities.tsv", "conference_hosts.tsv"]:
        header, *rows = _rows(name)
        col = header.index("iso3")
        assert {row[col] for row in rows} <= known, name
    for conf in gz.conferences():
        assert conf.iso3 is None or conf.iso3 in known, conf.name


def test_fixed_conferences_have_a_known_city() -> None:
    cities = gz.cities()
    for conf in gz.conferences():
        if conf.fixed:
            assert conf.city and conf.iso3, conf.name
            assert cities[conf.city.lower()].iso3 == conf.iso3, conf.name
        else:
            assert conf.city is None and conf.iso3 is None, conf.name


def test_hosts_are_known_cities_and_series() -> None:
    cities = gz.cities()
    series = {c.series for c in gz.conferences() if c.series}
    header, *rows = _rows("conference_hosts.tsv")
    for series_id, year, city, iso3, start, end in rows:
        assert series_id in series, series_id
        assert 2000 <= int(year) <= 2025
        assert cities[city.lower()].iso3 == iso3, (series_id, year, city)
        for day in (start, end):
            if day:
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", day)
                assert day[:4] in {year, str(int(year) + 1)}
        if start and end:
            assert start <= end


def test_offices_levels_and_kinds() -> None:
    for office in gz.offices():
        assert office.level in {"leader", "minister", "official"}
        assert office.kind in {"head", "foreign", "defence", "other"}


def test_organizations_kind() -> None:
    assert {row[2] for row in _rows("organizations.tsv")[1:]} == {"org"}


# --- spot checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "iso3"),
    [
        ("the Russian Federation", "RUS"),
        ("Russian", "RUS"),
        ("ROK", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Korean", "KOR"),
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("Japanese", "JPN"),
        ("U.S.", "USA"),
        ("American", "USA"),
        ("the United States", "USA"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Federal Republic of Germany", "DEU"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Czech Republic", "CZE"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Emirati", "ARE"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("Dutch", "NLD"),
        ("Kenyan", "KEN"),
        ("Congolese", "COD"),
        ("the Kingdom of Saudi Arabia", "SAU"),
        ("the Philippines", "PHL"),
    ],
)
def test_country_forms(form: str, iso3: str) -> None:
    assert gz.country_forms()[form.lower()] == iso3


def test_acronyms_are_flagged_case_sensitive() -> None:
    assert {"us", "who", "un", "eu"} <= gz.case_sensitive_forms()
    assert "russia" not in gz.case_sensitive_forms()


@pytest.mark.parametrize(
    ("form", "name", "iso3"),
    [
        ("Tokyo", "Tokyo", "JPN"),
        ("Saint Petersburg", "St Petersburg", "RUS"),
        ("Washington, D.C.", "Washington", "USA"),
        ("Delhi", "New Delhi", "IND"),
        ("Borgo Egnazia", "Apulia", "ITA"),
        ("Carbis Bay", "Cornwall", "GBR"),
        ("Nur-Sultan", "Astana", "KAZ"),
    ],
)
def test_cities(form: str, name: str, iso3: str) -> None:
    assert gz.cities()[form.lower()] == gz.City(name, iso3)


def test_cities_leave_out_common_words() -> None:
    for word in ["nice", "mobile", "male", "split", "victoria", "reading"]:
        assert word not in gz.cities()


def test_organizations() -> None:
    orgs = gz.organizations()
    assert orgs["u.n."] == "United Nations"
    assert orgs["eu"] == "European Union"
    assert orgs["european commission"] == "European Commission"
    assert orgs["nato"] == "NATO"
    assert orgs["imf"] == "International Monetary Fund"


def test_munich_security_conference_is_fixed() -> None:
    conf = _conference("on the margins of the Munich Security Conference")
    assert conf is not None
    assert (conf.name, conf.city, conf.iso3, conf.fixed) == (
        "Munich Security Conference",
        "Munich",
        "DEU",
        True,
    )


@pytest.mark.parametrize(
    ("text", "name", "series"),
    [
        ("on the occasion of the UN General Assembly", "UN General Assembly", None),
        ("on the sidelines of UNGA 78", "UN General Assembly", None),
        ("at the Eastern Economic Forum", "Eastern Economic Forum", None),
        (
            "at the St. Petersburg International Economic Forum",
            "St Petersburg International Economic Forum",
            None,
        ),
        (
            "in Davos for the World Economic Forum Annual Meeting",
            "World Economic Forum Annual Meeting",
            None,
        ),
        ("at Summer Davos", "Annual Meeting of the New Champions", None),
        ("at the Shangri-La Dialogue", "Shangri-La Dialogue", None),
        ("at NATO Headquarters", "NATO Headquarters", None),
        ("on the margins of the G20 Summit", "G20 Summit", "G20"),
        ("at the G20 New Delhi Summit", "G20 Summit", "G20"),
        ("during the G7 Hiroshima Summit", "G7 Summit", "G7"),
        ("at the G7 Foreign Ministers’ Meeting", "G7 Foreign Ministers' Meeting", "G7-FM"),
        (
            "on the margins of the G20 Foreign Ministers' Meeting",
            "G20 Foreign Ministers' Meeting",
            "G20-FM",
        ),
        ("at the APEC Economic Leaders' Meeting", "APEC Economic Leaders' Meeting", "APEC"),
        (
            "at the ASEAN-related Foreign Ministers' Meetings",
            "ASEAN Foreign Ministers' Meeting",
            "ASEAN-FM",
        ),
        (
            "on the margins of the East Asia Summit",
            "ASEAN Summit / East Asia Summit",
            "ASEAN-SUMMIT",
        ),
        ("at the NATO Summit in Vilnius", "NATO Summit", "NATO"),
        ("at COP28", "UN Climate Change Conference (COP)", "COP"),
        (
            "at the Japan-China-ROK Trilateral Summit",
            "Japan-China-ROK Trilateral Summit",
            "Japan-China-ROK",
        ),
        ("at the BRICS Summit", "BRICS Summit", "BRICS"),
        ("at the SCO Summit", "SCO Summit", "SCO"),
        ("at TICAD 8", "TICAD", "TICAD"),
    ],
)
def test_conference_patterns(text: str, name: str, series: str | None) -> None:
    conf = _conference(text)
    assert conf is not None, text
    assert conf.name == name
    assert conf.series == series


def test_conference_patterns_need_word_boundaries() -> None:
    assert _conference("the escape route was described") is None
    assert _conference("He said cooperation would grow") is None


@pytest.mark.parametrize(
    ("series", "year", "city", "iso3"),
    [
        ("G20", 2023, "New Delhi", "IND"),
        ("G7", 2024, "Apulia", "ITA"),
        ("G7", 2023, "Hiroshima", "JPN"),
        ("APEC", 2023, "San Francisco", "USA"),
        ("NATO", 2023, "Vilnius", "LTU"),
        ("COP", 2023, "Dubai", "ARE"),
        ("BRICS", 2024, "Kazan", "RUS"),
    ],
)
def test_conference_host(series: str, year: int, city: str, iso3: str) -> None:
    hosts = gz.conference_host(series, year)
    assert (city, iso3) in [(h[0], h[1]) for h in hosts]


def test_conference_host_details() -> None:
    assert gz.conference_host("G7", 2024) == [("Apulia", "ITA", "2024-06-13", "2024-06-15")]
    assert gz.cities()["borgo egnazia"].name == "Apulia"
    assert len(gz.conference_host("G7-FM", 2023)) == 2
    assert gz.conference_host("G7", 2020) == []
    assert gz.conference_host("no such series", 2023) == []


@pytest.mark.parametrize(
    ("text", "level", "kind"),
    [
        ("Prime Minister Kishida", "leader", "head"),
        ("Deputy Prime Minister Marles", "minister", "other"),
        ("President Biden", "leader", "head"),
        ("Vice President Harris", "leader", "other"),
        ("Foreign Minister Wang Yi", "minister", "foreign"),
        ("Minister for Foreign Affairs Penny Wong", "minister", "foreign"),
        ("Minister for Europe and Foreign Affairs", "minister", "foreign"),
        ("External Affairs Minister Jaishankar", "minister", "foreign"),
        ("Secretary of State Blinken", "minister", "foreign"),
        ("Deputy Secretary of State Campbell", "official", "foreign"),
        ("Vice Foreign Minister", "official", "foreign"),
        ("Defense Minister Austin", "minister", "defence"),
        ("Secretary of Defense Austin", "minister", "defence"),
        ("Minister of National Defense", "minister", "defence"),
        ("Minister of Finance", "minister", "other"),
        ("Chancellor Scholz", "leader", "head"),
        ("Crown Prince Mohammed bin Salman", "leader", "head"),
        ("UN Secretary-General Guterres", "official", "other"),
        ("Director-General Grossi", "official", "other"),
        ("Ambassador Emanuel", "official", "other"),
        (
            "High Representative of the Union for Foreign Affairs and Security Policy",
            "minister",
            "foreign",
        ),
    ],
)
def test_offices(text: str, level: str, kind: str) -> None:
    office = _office(text)
    assert office is not None, text
    assert (office.level, office.kind) == (level, kind)


def test_loaders_are_cached() -> None:
    assert gz.countries() is gz.countries()
    assert gz.conferences() is gz.conferences()
