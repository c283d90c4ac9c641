"""Stages as data: a pipeline is a declared list of named functions over one context.

A stage declares the attributes it ``needs`` (given as input or added by an earlier
stage) and those it ``adds`` (the only attributes it writes, new or in place), as spaCy's
pipeline components declare ``requires`` and ``assigns``. The extractor
(``extract.pipeline.STAGES``, ``extract.fields.FIELDS``) and the archive's linking
(``archive.link.STEPS``) are such lists; :func:`undeclared_needs` is what their tests
check.

Foundation layer: imports nothing of communique's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

C = TypeVar("C")


@dataclass(frozen=True)
class Stage(Generic[C]):
    """One step of a pipeline: ``run`` reads ``needs`` and writes only ``adds``."""

    name: str
    needs: frozenset[str]
    adds: frozenset[str]
    run: Callable[[C], None]


def stage(name: str, needs: str, adds: str, run: Callable[[C], None]) -> Stage[C]:
    """A stage whose needs and adds are written as space-separated attribute names."""
    return Stage(name, frozenset(needs.split()), frozenset(adds.split()), run)


def run_stages(stages: Sequence[Stage[C]], ctx: C) -> C:
    """Run ``stages`` in order over ``ctx``; returns ``ctx``."""
    for st in stages:
        st.run(ctx)
    return ctx


def undeclared_needs(stages: Sequence[Stage[Any]], inputs: frozenset[str]) -> list[str]:
    """The needs no earlier stage adds and no input gives ("stage: attribute"), in order."""
    have = set(inputs)
    missing = []
    for st in stages:
        missing += [f"{st.name}: {n}" for n in sorted(st.needs - have)]
        have |= st.adds
    return missing
