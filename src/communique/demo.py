"""`communique demo`: extract the bundled sample corpus and print what was found.

The sample corpus (``samples/corpus``) restates real meetings in the project's own
words; ``samples/SOURCES.tsv`` names each meeting's public source.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from communique.errors import EXIT_OK, EXIT_SOME_FAILED

#: where the sample corpus lives in a source checkout
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"


def run_demo(args: argparse.Namespace) -> int:
    from communique.cli import _extract_path, summary_line
    from communique.errors import CommuniqueError

    folder = Path(getattr(args, "samples", None) or SAMPLES)
    files = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html", ".htm"))
    if not files:
        print(f"communique: {folder}: E105 no sample corpus found")
        return EXIT_SOME_FAILED
    t0 = time.perf_counter()
    n_eng = n_fu = 0
    failed = 0
    for path in files:
        try:
            result = _extract_path(str(path))
        except CommuniqueError as e:
            print(f"communique: {e.one_line()}")
            failed += 1
            continue
        n_eng += len(result["engagements"])
        n_fu += sum(len(e["follow_ups"]) for e in result["engagements"])
        print(summary_line(result))
    dt = time.perf_counter() - t0
    print(
        f"\n{len(files)} documents, {n_eng} engagements, {n_fu} follow-ups in {dt:.2f} s"
        f" ({len(files) / dt:.0f} documents/s); {failed} failed"
    )
    return EXIT_OK if not failed else EXIT_SOME_FAILED
