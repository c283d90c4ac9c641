"""Why the undated engagements of an archive are undated, by reason and by publisher.

    .venv/bin/python benchmarks/undated.py a.db

Reads the SQLite file an ingest wrote (see measure_archive.py for how to build one) and
prints the undated share (one document per distinct text: the archive keeps one), then
the undated engagements grouped by why the dating rules left them so
(``dating.why_undated``: a range or a day whose year nothing gives, only a relative
day, only a month, days only elsewhere, nothing at all) and by publisher, each with its
address, and the engagements dated by a range of days.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from communique.archive import dating


def main(path: str) -> None:
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = c.execute("SELECT count(*) FROM engagements").fetchone()[0]
    texts = c.execute("SELECT count(DISTINCT text_hash), count(*) FROM documents").fetchone()
    rows = c.execute(
        "SELECT e.id, e.position, coalesce(d.url, d.source), d.publisher, x.result "
        "FROM engagements e JOIN documents d ON d.id = e.document_id "
        "JOIN extractions x ON x.id = e.extraction_id WHERE e.date IS NULL ORDER BY 3, 2"
    ).fetchall()
    print(f"documents {texts[1]} (distinct texts {texts[0]})")
    print(f"undated engagements {len(rows)} of {total} ({100 * len(rows) / max(total, 1):.1f} %)")
    why: dict[str, list[str]] = defaultdict(list)
    by_publisher: Counter[str] = Counter()
    for eid, pos, where, publisher, raw in rows:
        result = json.loads(raw) if isinstance(raw, str) else raw or {}
        engs = result.get("engagements") or []
        text = (result.get("document") or {}).get("text") or ""
        reason = (
            dating.why_undated(text, engs[pos], only=len(engs) == 1)
            if pos < len(engs)
            else "no record"
        )
        pub = publisher or f"? ({urlsplit(where).netloc or where})"
        why[reason].append(f"#{eid} [{pub}] {where}")
        by_publisher[pub] += 1
    for reason, items in sorted(why.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(items):3d}  {reason}")
        for item in items:
            print(f"       {item}")
    print("by publisher: " + ", ".join(f"{p} {n}" for p, n in by_publisher.most_common()))
    ranged = c.execute(
        "SELECT count(*) FROM engagements WHERE date_precision = ?", (dating.RANGE,)
    ).fetchone()[0]
    print(f"dated by a range of days {ranged}")


if __name__ == "__main__":
    main(sys.argv[1])
