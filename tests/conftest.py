"""Fixtures every test folder may use."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import pytest


def _decodes(run: Callable[[], object]) -> int:
    """Calls of ``communique.sources.decode_bytes`` while ``run`` runs, in this thread and
    in the threads it starts."""
    from communique import sources

    target = sources.decode_bytes.__code__
    calls = []

    def count(frame, event, _arg):  # noqa: ANN001, ANN202
        if event == "call" and frame.f_code is target:
            calls.append(1)

    threading.setprofile(count)
    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    return len(calls)


@pytest.fixture
def decodes() -> Callable[[Callable[[], object]], int]:
    """How many times a call makes ``communique.sources.decode_bytes`` decode bytes in
    this process (counted by the profiler)."""
    return _decodes
