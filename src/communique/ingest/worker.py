"""Extraction of one document within a time budget, in a worker process.

Every path that stores a document (``ingest``, ``crawl``, ``reextract``, ``POST
/api/ingest``) extracts through :func:`extract_within`. The extraction runs in one
long-lived child process (started on first use, reused for every document); when a
document takes longer than :data:`EXTRACT_BUDGET_S`, the child is killed, the
document fails with ``E108`` and a reason (stored with the document, so ``reextract``
tries it again), and the next document gets a fresh child. The batch never blocks.

Why a process and not a signal-based timer: a signal reaches only the main thread
(the reader's ingest API extracts in a thread pool, the crawler next to its fetching
threads), and it cannot interrupt C code (a pathological lexbor parse); a process can
always be killed, from any thread. The child is a fresh interpreter running this module
(``python -m communique.ingest.worker``: not a fork of a threaded parent that may hold
locks, and not multiprocessing's ``spawn``, which imports the parent's main script again
and fails in a script without a ``__main__`` guard); jobs and replies are pickled over
its stdin and stdout, and it exits when the parent does (its stdin closes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

from communique.errors import CommuniqueError

#: seconds one document may take to extract; the slowest readout of the corpus takes
#: under 1 s and the crafted worst cases of issue 15 under 2 s after their fixes
EXTRACT_BUDGET_S = 30.0
#: added to the budget of a fresh child's first document (its start: imports and
#: gazetteers take about 0.6 s on an idle machine, several times that on a loaded one)
START_ALLOWANCE_S = 20.0


class ExtractionTimeout(CommuniqueError):
    def __init__(self, seconds: float, *, stored: bool = True) -> None:
        then = (
            "(the document is kept; reextract tries it again)"
            if stored
            else "(the other inputs go on)"
        )
        super().__init__(
            "E108", f"extraction took longer than {seconds:g} s and was stopped {then}"
        )


def _serve() -> None:  # pragma: no cover - runs in the child
    jobs = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print goes to stderr, not into the replies
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        content, source, warnings, url_known, url = job
        try:
            reply = ("ok", extract_here(content, source, warnings, url_known=url_known, url=url))
        except CommuniqueError as e:
            reply = ("error", (e.code, e.message))
        except Exception as e:  # an extractor bug: reported like one in the parent
            reply = ("bug", (type(e).__name__, str(e)))
        replies.send(reply)


def extract_here(
    content: str,
    source: str,
    warnings: list[str] | None = None,
    *,
    url_known: bool = True,
    url: str | None = None,
) -> tuple[dict, str | None]:
    """The extraction result and the page's own URL (``<link rel="canonical">`` or
    ``og:url``), in this process however long it takes; when ``url_known`` is false and
    the page names its URL, the extractor reads the page as coming from that URL (its
    publisher's domain, the date in it). ``url``: the page's address when known apart
    from ``source`` (``extract --source``). Here and not in the store, so the worker
    starts without SQLAlchemy (0.6 s of each ``communique extract``)."""
    # loaded here, in the child, for start-up time: the parent and ``communique --help``
    # start without the extractor
    from communique.archive import provenance
    from communique.document import to_document
    from communique.extract.pipeline import extract_document

    doc = to_document(content, source=source, url=url)
    doc.warnings[:0] = list(warnings or [])
    canonical = doc.meta.get("canonical")
    canonical = canonical if provenance.is_url(canonical) else None
    if canonical and not url_known:
        doc.source = canonical
    return extract_document(doc), canonical


class _Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "communique.ingest.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.jobs = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.replies = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.warm = False

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.jobs.close()
        self.replies.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def extract_within(
    content: str,
    source: str,
    warnings: list[str] | None,
    budget: float | None = None,
    *,
    url_known: bool = True,
    url: str | None = None,
    stored: bool = True,
) -> tuple[dict, str | None]:
    """What :func:`extract_here` returns (the extraction and
    the page's own URL), or :class:`ExtractionTimeout` after ``budget`` seconds
    (``stored``: its message says the document is kept for ``reextract``; the
    ``extract`` command, which stores nothing, says the other inputs go on)."""
    global _worker
    seconds = EXTRACT_BUDGET_S if budget is None else budget
    with _lock:  # one document at a time: extraction is CPU-bound
        if _worker is None or not _worker.alive():
            if _worker is not None:
                _worker.stop()
            _worker = _Worker()
        w = _worker
        started = time.monotonic()
        try:
            w.jobs.send((content, source, list(warnings or []), url_known, url))
            # the child's first document also pays for its start (imports, gazetteers)
            ready = w.replies.poll(seconds + (0.0 if w.warm else START_ALLOWANCE_S))
            reply = w.replies.recv() if ready else None
        except (EOFError, OSError, BrokenPipeError):
            reply = ("died", None)
        if reply is None or reply[0] == "died":
            w.stop()
            _worker = None
            if reply is None:
                raise ExtractionTimeout(seconds, stored=stored)
            raise RuntimeError(
                f"the extraction process died after {time.monotonic() - started:.1f} s"
            )
        w.warm = True
    kind, value = reply
    if kind == "ok":
        return value
    if kind == "error":
        raise CommuniqueError(value[0], value[1])
    # an extractor bug, raised under its own name ("ValueError: boom") for the message
    raise type(value[0], (RuntimeError,), {})(value[1])


if __name__ == "__main__":
    _serve()
