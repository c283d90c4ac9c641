"""The foundation layer's shared helpers: one home each (issue 12)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from communique.gazetteer import files
from communique.gazetteer.holders import name_index, office_holders, term_date
from communique.util.dates import as_date, day_text, iso
from communique.util.text import fold

SRC = Path(__file__).resolve().parents[1] / "src" / "communique"


def test_only_gazetteer_files_opens_gazetteer_data():
    """Every loader of a gazetteer file goes through :func:`communique.gazetteer.files.read`:
    no other module asks ``importlib.resources`` for the gazetteer package's files, and
    no other module of the gazetteer package imports ``importlib.resources`` at all."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "gazetteer" / "files.py":
            continue
        where = path.relative_to(SRC)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "files"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "communique.gazetteer"
            ):
                offenders.append(f"{where}:{node.lineno}")
            if (
                where.parts[0] == "gazetteer"
                and isinstance(node, ast.ImportFrom | ast.Import)
                and "importlib" in ast.unparse(node)
            ):
                offenders.append(f"{where}:{node.lineno}")
    assert offenders == []


def test_records_and_a_missing_file():
    lines = list(files.records("countries.tsv"))
    assert lines and set(lines[0]) == {"iso3", "name", "forms", "adjectives"}
    with pytest.raises(FileNotFoundError):
        files.read("no_such_file.tsv")
    assert files.read("no_such_file.tsv", missing_ok=True) == ""
    assert files.cells("no_such_file.tsv", missing_ok=True) == []


def test_data_lines_skip_comments_before_the_header():
    lines = files.data_lines("name_conventions.tsv")
    assert not lines[0].startswith("#")
    assert all(not ln.startswith("#") and ln.strip() for ln in lines)


def test_split():
    assert files.split(" a | b ||c ") == ("a", "b", "c")


def test_iso():
    assert iso(dt.date(2024, 2, 29)) == "2024-02-29"
    assert iso(dt.datetime(2024, 2, 29, 10, 5)) == "2024-02-29T10:05:00"
    assert iso("2024-02-29") == "2024-02-29"
    assert iso(None) is None


def test_as_date_and_day_text():
    assert as_date("2024-02-29T10:00:00") == dt.date(2024, 2, 29)
    assert as_date(dt.datetime(2024, 2, 29, 23, 0)) == dt.date(2024, 2, 29)
    assert as_date("not a date") is None
    assert as_date(None) is None
    assert day_text(dt.datetime(2024, 2, 29, 23, 0)) == "2024-02-29"
    assert day_text("2024-02-29 10:00") == "2024-02-29"
    assert day_text("") is None


def test_fold():
    assert fold("Casaubón O’Brien") == "casaubon o'brien"


def test_term_date():
    assert term_date("2020") == dt.date(2020, 1, 1)
    assert term_date("2020", first=False) == dt.date(2020, 12, 31)
    assert term_date("2020-02", first=False) == dt.date(2020, 2, 28)
    assert term_date("2020-02-13", first=False) == dt.date(2020, 2, 13)
    assert term_date("") is None
    assert term_date("20x0-13") is None


def test_office_holders_parsed_once_for_everyone():
    holders = office_holders()
    assert office_holders() is holders  # cached: the file is parsed once
    lavrov = [h for h in holders if h.family == "Lavrov" and h.iso3 == "RUS"]
    assert lavrov and all(h.start is not None for h in lavrov)
    by_name, by_family = name_index()
    assert any(h.family == "Lavrov" for h in by_family["lavrov"])
    assert by_name["sergey lavrov"][0].iso3 == "RUS"
