"""Print a random sample of an archive's people with what a reader needs to judge each
one strictly (for the person precision figure in README.md):

    .venv/bin/python benchmarks/people_sample.py sqlite:///archive.db [N] [SEED]

A person counts as right only when it is one real human (not a fragment, not two
people), holds every mention of that human (no second person for them), has the family
name of the person's own convention and the right country (an international
organisation's official with none is right).
"""

from __future__ import annotations

import random
import sys

from communique.ingest import Archive

#: the sample size and seed of the figures in README.md
SAMPLE = 50
SEED = 10


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else "sqlite:///communique.db"
    n = int(argv[2]) if len(argv) > 2 else SAMPLE
    seed = int(argv[3]) if len(argv) > 3 else SEED
    with Archive(url, create=False) as a:
        people = a.persons()
        pick = sorted(random.Random(seed).sample([p["id"] for p in people], min(n, len(people))))
        by_id = {p["id"]: p for p in people}
        for pid in pick:
            p = by_id[pid]
            print(f"{pid:5} {p['name']!r:38} family={p['family_name']!r:20} {p['country']}")
            seen = set()
            for m in a.person_mentions(pid):
                k = (m["form"], m["title"], m["country"])
                if k not in seen:
                    seen.add(k)
                    print(f"        {m['form']!r} | {m['title']} | {m['country']}")
        print(f"{len(pick)} of {len(people)} people (seed {seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
