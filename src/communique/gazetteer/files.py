"""The one place a gazetteer data file is read.

Every loader of ``gazetteer/*.tsv`` (and ``*.txt``) goes through :func:`read`, so the
files are found the same way in a source checkout and in an installed wheel, and one
convention holds for all of them: a line opening with ``#`` is a comment, blank lines
are skipped, the first other line is the header.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources

#: the package the data files are installed in
PACKAGE = "communique.gazetteer"


def read(filename: str, *, missing_ok: bool = False) -> str:
    """The text of a gazetteer data file ("" for a missing one when ``missing_ok``)."""
    try:
        return resources.files(PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return ""
        raise


def data_lines(filename: str, *, missing_ok: bool = False) -> list[str]:
    """The lines of a file that are neither blank nor comments, header first."""
    text = read(filename, missing_ok=missing_ok)
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def cells(filename: str, *, missing_ok: bool = False) -> list[list[str]]:
    """The rows after the header, split at tabs (cells as written, not stripped)."""
    return list(csv.reader(data_lines(filename, missing_ok=missing_ok)[1:], delimiter="\t"))


def records(filename: str) -> Iterator[dict[str, str]]:
    """The rows as dicts keyed by the header line, cells stripped; a row with another
    number of cells than the header is an error naming the file and line."""
    lines = read(filename).splitlines()
    header = lines[0].split("\t")
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(
                f"{filename}:{lineno}: expected {len(header)} columns, got {len(cells)}"
            )
        yield {key: value.strip() for key, value in zip(header, cells, strict=True)}


def split(value: str) -> tuple[str, ...]:
    """The parts of a ``|``-separated cell, stripped, empty parts dropped."""
    return tuple(part.strip() for part in value.split("|") if part.strip())
