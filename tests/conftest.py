"""Fixtures every test folder may use."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable

import pytest


def _decodes(run: Callable[[], object]) -> int:
    profile = cProfile.Profile()
    profile.enable()
    try:
        run()
    finally:
        profile.disable()
    return sum(
        calls[1]
        for (filename, _line, name), calls in pstats.Stats(profile).stats.items()
        if name == "decode_bytes" and filename.endswith("communique/sources.py")
    )


@pytest.fixture
def decodes() -> Callable[[Callable[[], object]], int]:
    """How many times a call makes ``communique.sources.decode_bytes`` decode bytes in
    this process (counted by the profiler)."""
    return _decodes
