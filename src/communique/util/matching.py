"""Greedy one-to-one matching, shared by the scorer (gold against predicted records) and
the archive (the participants two accounts share)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def greedy_matches(left: Sequence[A], right: Sequence[B], same: Callable[[A, B], bool]) -> int:
    """How many items of ``left`` find a partner in ``right``: each in turn takes the
    first item of ``right`` not yet taken for which ``same`` holds."""
    used: set[int] = set()
    matched = 0
    for a in left:
        for j, b in enumerate(right):
            if j not in used and same(a, b):
                used.add(j)
                matched += 1
                break
    return matched
