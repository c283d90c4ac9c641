"""A readout no time budget lets through, for the tests of the per-document budget
(``extract``, ``ingest``, ``crawl`` and ``POST /api/ingest``).

Not a test module; the tests import it as ``budget_texts`` because pytest puts this
folder on ``sys.path`` (as ``_contract``).
"""

from __future__ import annotations

import random


def meeting_soup(n: int = 300) -> str:
    """``n`` meetings between new random names: about half a second of extraction, far
    over a 0.02 s budget (random, so the worker has cached nothing of them)."""
    rnd = random.Random()

    def name() -> str:
        return "".join(rnd.choice("bcdfgklmnprstvz") + rnd.choice("aeiou") for _ in "abc")

    return " ".join(
        f"Foreign Minister {name().capitalize()} {name().capitalize()} met Mr. "
        f"{name().capitalize()} {name().capitalize()} in Tokyo on May {rnd.randint(1, 28)}, 2024."
        for _ in range(n)
    )
