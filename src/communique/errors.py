"""One catalogue of the errors communique reports, with stable codes and exit codes.

Every error a user can meet is a :class:`CommuniqueError` with a code from
:data:`CODES`; the command line prints it as one line (``communique: FILE: E102
binary file ...``) and never a traceback.
"""

from __future__ import annotations

#: Exit codes of the command line (documented in README.md).
EXIT_OK = 0
EXIT_SOME_FAILED = 1  # at least one input could not be read; the others were processed
EXIT_USAGE = 2  # bad arguments
EXIT_INTERNAL = 3  # a bug: an unexpected exception, reported in one line

CODES: dict[str, str] = {
    "E001": "bad usage: an argument out of range, malformed or naming nothing in the archive",
    "E101": "file not found",
    "E102": "binary file, not text or HTML",
    "E103": "file too large",
    "E104": "cannot read file",
    "E105": "not a directory",
    "E106": "bad sources file (file name, tab, URL a line)",
    "E108": "extraction took longer than its time budget (the document is kept as failed)",
    "E201": "database error",
    "E301": "internal error",
    "E501": "no cluster: Dask is not installed or its scheduler cannot be reached",
}


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
