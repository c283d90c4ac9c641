"""Argument types shared by the commands, so that a mistake on the command line is one
line on stderr and exit code 2 (:data:`communique.errors.EXIT_USAGE`), never a
traceback, an "internal error" or a silent empty answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import NoReturn

from communique.errors import EXIT_USAGE, UsageError

#: the highest TCP port number
MAX_PORT = 65535


class OneLineParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line (argparse prints the whole usage
    first, many lines for ``query``), naming where the usage is."""

    def error(self, message: str) -> NoReturn:
        print(
            f"{self.prog}: error: {message} (usage: {self.prog} --help)",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)


def iso_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` (a real day)."""
    try:
        if len(text.strip()) != 10:
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _whole_number(text: str, *, what: str = "a whole number") -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None


def _at_least(text: str, low: int, complaint: str) -> int:
    """A whole number of ``low`` or more; else ``complaint`` with the number in ``{}``."""
    n = _whole_number(text)
    if n < low:
        raise argparse.ArgumentTypeError(complaint.format(n))
    return n


def non_negative_int(text: str) -> int:
    return _at_least(text, 0, "must be 0 or more, not {}")


def positive_int(text: str) -> int:
    """A count of 1 or more (documents per transaction, worker processes)."""
    return workers(text)


def workers(text: str) -> int:
    """A number of worker processes, 1 or more."""
    return _at_least(text, 1, "give 1 or more, not {}")


def port(text: str) -> int:
    """A TCP port, 0 (any free port, announced once bound) to 65535."""
    n = _whole_number(text, what="a port number")
    if not 0 <= n <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"port {n} is out of range (0-{MAX_PORT}; 0 picks a free port)"
        )
    return n


def non_empty(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty")
    return text


def output_file(path: str | None) -> None:
    """Refuse, before any work, an output file whose folder does not exist or that is a
    folder itself."""
    if not path:
        return
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder; give a file name to write to")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise UsageError(f"{path}: folder {parent} does not exist")


def db_arg(p: argparse.ArgumentParser) -> None:
    """``--db URL``: the archive every command that opens one takes."""
    p.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="archive database URL (sqlite:///archive.db, postgresql://user@host/db); "
        "default $COMMUNIQUE_DB or sqlite:///communique.db",
    )


def sources_args(p: argparse.ArgumentParser, *, source: str, sources: str) -> None:
    """``--source URL`` (the web address of the one file given) and ``--sources
    FILE.tsv`` (file names and their URLs), with each command's own help."""
    p.add_argument("--source", metavar="URL", help=source)
    p.add_argument("--sources", metavar="FILE.tsv", help=sources)
