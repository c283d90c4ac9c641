"""One catalogue of the errors communique reports, with stable codes and exit codes.

Every error a user can meet is a :class:`CommuniqueError` with a code from
:data:`CODES`; the command line prints it as one line (``communique: FILE: E102
binary file ...``) and never a traceback.
"""

from __future__ import annotations

import sys

#: Exit codes of the command line (documented in README.md).
EXIT_OK = 0
EXIT_SOME_FAILED = 1  # at least one input could not be read; the others were processed
EXIT_USAGE = 2  # bad arguments
EXIT_INTERNAL = 3  # a bug: an unexpected exception, reported in one line

#: Every code communique reports, raised or printed anywhere in the package (a test
#: checks both directions: each code used is listed here, each listed code is used).
#: E0xx usage, E1xx input, E2xx archive, E3xx internal, E4xx server, E5xx cluster.
CODES: dict[str, str] = {
    "E001": "bad usage: an argument out of range, malformed or naming nothing in the archive",
    "E101": "file not found",
    "E102": "binary file, not text or HTML",
    "E103": "file too large",
    "E104": "cannot read file",
    "E105": "not a directory",
    "E106": "bad sources file (file name, tab, URL a line)",
    "E107": "not an http(s) URL (a crawl's start page)",
    "E108": "extraction took longer than its time budget (the document is kept as failed)",
    "E201": "database error: no archive at the path, the database cannot be reached or failed",
    "E202": "the archive's schema is newer than this communique knows (upgrade communique)",
    "E203": "the archive is read-only",
    "E204": "not a database URL, or a database other than SQLite and PostgreSQL",
    "E205": "disk full: nothing written",
    "E206": "not a date (use YYYY-MM-DD)",
    "E208": "a search query that cannot be run (empty, or excluding words only)",
    "E301": "internal error",
    "E401": "the server cannot listen on the host and port given",
    "E501": "no cluster: Dask is not installed or its scheduler cannot be reached",
}


def print_error(message: str) -> None:
    """One line on stderr, as every command reports an error: ``communique: MESSAGE``
    (the message names the file first when there is one, then the code)."""
    print(f"communique: {message}", file=sys.stderr, flush=True)


class CommuniqueError(Exception):
    """An error with a stable code and a one-line message."""

    def __init__(self, code: str, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.source = source

    def one_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        text = " ".join(self.message.split())
        return f"{where}{self.code} {text}"


class InputError(CommuniqueError):
    """The input cannot be read as a document (missing, binary, too large)."""


class UsageError(CommuniqueError):
    """A command that cannot mean anything (an unknown code, an inverted range, a port out of
    range, a folder that does not exist): one line on stderr and exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__("E001", message)
