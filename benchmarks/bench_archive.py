"""Archive benchmark: ingest throughput (documents/s) into SQLite and PostgreSQL over a
corpus, and latency of "all engagements between two countries" on a generated archive of
100,000 engagements (target p95 < 50 ms on SQLite). A script, not a test.

    .venv/bin/python benchmarks/bench_archive.py --corpus ../shared/corpus [--json]
        [--engagements 100000] [--repeats 50] [--pg-url postgresql://...] [--no-pg]
        [--no-ingest] [--sqlite-archive PATH] [--keep]

The query is timed in four forms, each labelled in the output: the default call (every
matching engagement as a full object), the first page of 50 full objects with the total
(what a UI or an API needs), every engagement with ``fields="summary"``, and the total
alone.

PostgreSQL: ``--pg-url``, else a throwaway server started from the Debian binaries
(``/usr/lib/postgresql/*/bin``) when present, else skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "archive"))

import sqlalchemy as sa  # noqa: E402

from communique.archive import db, store  # noqa: E402
from communique.ingest import Archive  # noqa: E402

COUNTRIES = [
    "JPN",
    "USA",
    "RUS",
    "CHN",
    "KOR",
    "GBR",
    "FRA",
    "DEU",
    "IND",
    "AUS",
    "CAN",
    "ITA",
    "IDN",
    "VNM",
    "PHL",
    "THA",
    "SGP",
    "MYS",
    "BRA",
    "MEX",
    "TUR",
    "SAU",
    "ARE",
    "EGY",
    "ZAF",
    "KEN",
    "NGA",
    "POL",
    "UKR",
    "NZL",
]
WEIGHTS = [
    30,
    25,
    8,
    12,
    10,
    9,
    8,
    8,
    7,
    7,
    5,
    5,
    4,
    4,
    3,
    3,
    3,
    3,
    3,
    2,
    3,
    2,
    2,
    2,
    2,
    1,
    1,
    2,
    3,
    2,
]


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def bench_ingest(url: str, corpus: Path) -> dict:
    files = sorted(corpus.glob("*.txt"))
    with Archive(url) as a:
        t0 = time.perf_counter()
        r = a.ingest([str(p) for p in files], relink=False)
        t1 = time.perf_counter()
        a.relink()
        t2 = time.perf_counter()
        r2 = a.ingest([str(p) for p in files])
        t3 = time.perf_counter()
    n = len(files)
    return {
        "documents": n,
        "stored": r.count("stored"),
        "ingest_s": round(t1 - t0, 3),
        "docs_per_s": round(n / (t1 - t0), 1),
        "relink_s": round(t2 - t1, 3),
        "docs_per_s_with_relink": round(n / (t2 - t0), 1),
        "reingest_skip_docs_per_s": round(len(r2.outcomes) / (t3 - t2), 1),
    }


def generate(url: str, n_eng: int, seed: int = 7) -> dict:
    """Realistic rows through the storage layer: two-party meetings of ministers and
    leaders of weighted countries over 25 years, two engagements per document, some
    told by both sides (accounts), some with ordinals, rounds and follow-ups."""
    rng = random.Random(seed)
    people = {
        c: [
            (f"Given{c}{i} Family{c}{i}", f"Family{c}{i}", t)
            for i, t in enumerate(
                [
                    "Prime Minister",
                    "Minister for Foreign Affairs",
                    "Minister of Defense",
                    "President",
                ]
            )
        ]
        for c in COUNTRIES
    }
    start = dt.date(2000, 1, 1)
    t0 = time.perf_counter()
    with Archive(url) as a:
        made = 0
        batch = []
        doc_n = 0
        while made < n_eng:
            a_c, b_c = rng.choices(COUNTRIES, WEIGHTS, k=2)
            if a_c == b_c:
                continue
            day = start + dt.timedelta(days=rng.randrange(9000))
            engs = []
            for _ in range(2):
                pa, pb = rng.choice(people[a_c]), rng.choice(people[b_c])
                engs.append(
                    {
                        "name": f"{a_c}-{b_c} Meeting",
                        "mode": rng.choice(["in_person", "in_person", "telephone", "video"]),
                        "date": day.isoformat(),
                        "end_date": None,
                        "place": {"name": None, "country": rng.choice([a_c, b_c])},
                        "occasion": None,
                        "duration_minutes": rng.choice([None, 30, 45, 60, 90]),
                        "participants": [
                            {
                                "name": pa[0],
                                "family_name": pa[1],
                                "title": pa[2],
                                "country": a_c,
                                "organization": None,
                            },
                            {
                                "name": pb[0],
                                "family_name": pb[1],
                                "title": pb[2],
                                "country": b_c,
                                "organization": None,
                            },
                        ],
                        "round": None,
                        "ordinals": [
                            {"number": rng.randint(1, 20), "scope": "total", "text": "n-th meeting"}
                        ]
                        if rng.random() < 0.05
                        else [],
                        "topics": ["Bilateral relations"],
                        "outcomes": [
                            {
                                "kind": "agreed",
                                "text": "agreed to cooperate",
                                "actors": [a_c, b_c],
                                "topic": None,
                            }
                        ],
                        "follow_ups": [],
                    }
                )
                day += dt.timedelta(days=rng.randint(3, 40))
            doc_n += 1
            src = f"generated://{doc_n}"
            result = {
                "document": {
                    "source": src,
                    "title": f"{a_c}-{b_c}",
                    "published": engs[0]["date"],
                    "publisher": a_c,
                    "language": "en",
                    "text": f"{a_c} {b_c} meeting {doc_n}",
                },
                "engagements": engs,
            }
            batch.append((src, result))
            made += len(engs)
            if len(batch) >= 2000 or made >= n_eng:
                with db.write_tx(a.engine) as conn:
                    items = []
                    for s, res in batch:
                        raw = s.encode()
                        did = store.insert_document(
                            conn,
                            source=s,
                            content_hash=hashlib.sha256(raw).hexdigest(),
                            raw=raw,
                            content_type="text/plain",
                            result=res,
                            error=None,
                        )
                        eid = conn.execute(
                            store.t.extractions.insert().returning(store.t.extractions.c.id),
                            {
                                "document_id": did,
                                "extractor_version": "generated",
                                "created_at": store._now(),
                                "result": res,
                            },
                        ).scalar_one()
                        items.append((did, eid, res))
                    store.insert_records(conn, items)
                    store.bump_data_version(conn)
                batch = []
        t1 = time.perf_counter()
        a.relink()
        t2 = time.perf_counter()
        if a.engine.dialect.name == "postgresql":
            # autovacuum analyzes freshly loaded tables within a minute or so; until then
            # the planner has no statistics. Time the steady state, not that minute.
            with a.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
    return {
        "engagements": made,
        "documents": doc_n,
        "insert_s": round(t1 - t0, 1),
        "relink_s": round(t2 - t1, 1),
    }


#: the query variants timed, in the order printed: (key, label, call returning rows)
QUERIES = (
    (
        "full_all",
        "default: all, full objects",
        lambda a, pair: a.engagements(between=pair),
    ),
    (
        "full_page50",
        "first page of 50, full objects + total",
        lambda a, pair: a.engagements_page(between=pair, limit=50)["engagements"],
    ),
    (
        "summary_all",
        "all, fields='summary'",
        lambda a, pair: a.engagements(between=pair, fields="summary"),
    ),
    (
        "count",
        "total only (count_engagements)",
        lambda a, pair: [None] * a.count_engagements(between=pair),
    ),
)


def bench_query(url: str, repeats: int, pair: tuple[str, str]) -> dict:
    """p50/p95 of each variant of "all engagements between two countries"; the variants
    take turns within each repeat, so a busy moment of the machine hits them alike."""
    times: dict[str, list[float]] = {k: [] for k, _, _ in QUERIES}
    rows: dict[str, int] = {}
    with Archive(url, create=False) as a:
        for k, _, f in QUERIES:  # warm: statement caches, pages
            rows[k] = len(f(a, pair))
        total = a.count_engagements(between=pair)
        for _ in range(repeats):
            for k, _, f in QUERIES:
                t0 = time.perf_counter()
                rows[k] = len(f(a, pair))
                times[k].append((time.perf_counter() - t0) * 1000)
    variants = {
        k: {
            "label": label,
            "rows": rows[k],
            "p50_ms": round(_pct(times[k], 0.5), 2),
            "p95_ms": round(_pct(times[k], 0.95), 2),
        }
        for k, label, _ in QUERIES
    }
    return {
        "pair": "-".join(pair),
        "results": total,
        # the default call (all rows, full objects), as reported before the variants
        "p50_ms": variants["full_all"]["p50_ms"],
        "p95_ms": variants["full_all"]["p95_ms"],
        "repeats": repeats,
        "variants": variants,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus")
    )
    ap.add_argument("--engagements", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=50)
    ap.add_argument("--pair", nargs=2, default=["JPN", "RUS"])
    ap.add_argument("--pg-url", default=None)
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--no-ingest", action="store_true", help="skip the corpus ingest timing")
    ap.add_argument(
        "--sqlite-archive",
        metavar="PATH",
        help="the generated SQLite archive: reused when PATH exists (no generation, "
        "migrated to the current schema), else generated there and kept",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    out: dict = {"ingest": {}, "generated": {}, "query": {}}
    server = None

    def sqlite_url(name: str) -> str:
        if name == "gen" and args.sqlite_archive:
            return f"sqlite:///{Path(args.sqlite_archive).resolve()}"
        return f"sqlite:///{tmp / name}.db"

    backends = {"sqlite": sqlite_url}
    if not args.no_pg:
        if args.pg_url:
            backends["postgresql"] = lambda name: args.pg_url
        else:
            try:
                from conftest import PgServer, _pg_bin

                if _pg_bin():
                    server = PgServer(_pg_bin())
                    server.start()
                    made = {}
                    backends["postgresql"] = lambda name: made.setdefault(name, server.create_db())
            except Exception as e:  # noqa: BLE001
                print(f"PostgreSQL skipped: {e}", file=sys.stderr)
    try:
        for name, url_of in backends.items():
            if corpus.is_dir() and not args.no_ingest:
                out["ingest"][name] = bench_ingest(url_of("ingest"), corpus)
            reuse = name == "sqlite" and args.sqlite_archive and Path(args.sqlite_archive).exists()
            if reuse:
                with Archive(url_of("gen"), create=False) as a, db.read_tx(a.engine) as conn:
                    n_eng, n_doc = (
                        conn.execute(sa.select(sa.func.count()).select_from(tb)).scalar_one()
                        for tb in (store.t.engagements, store.t.documents)
                    )
                out["generated"][name] = {
                    "engagements": n_eng,
                    "documents": n_doc,
                    "insert_s": "reused",
                    "relink_s": "-",
                }
            else:
                out["generated"][name] = generate(url_of("gen"), args.engagements)
            out["query"][name] = bench_query(url_of("gen"), args.repeats, tuple(args.pair))
    finally:
        if server:
            server.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    if out["ingest"]:
        print(
            f"{'backend':<11} {'docs':>5} {'ingest docs/s':>14} {'+relink docs/s':>15} {'re-ingest docs/s':>17}"
        )
        for name, r in out["ingest"].items():
            print(
                f"{name:<11} {r['documents']:>5} {r['docs_per_s']:>14} {r['docs_per_s_with_relink']:>15} {r['reingest_skip_docs_per_s']:>17}"
            )
        print()
    print(f"{'backend':<11} {'engagements':>11} {'build s':>8} {'relink s':>9}")
    for name, g in out["generated"].items():
        print(f"{name:<11} {g['engagements']:>11} {g['insert_s']:>8} {g['relink_s']:>9}")
    for name, q in out["query"].items():
        print(
            f"\n{name}: all engagements between {q['pair']} ({q['results']} of them), "
            f"{q['repeats']} repeats"
        )
        print(f"  {'query':<42} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8}")
        for v in q["variants"].values():
            print(f"  {v['label']:<42} {v['rows']:>5} {v['p50_ms']:>8} {v['p95_ms']:>8}")
    sq = out["query"].get("sqlite")
    if sq:
        print("\nSQLite target p95 < 50 ms:")
        for v in sq["variants"].values():
            verdict = "met" if v["p95_ms"] < 50 else "NOT met"
            print(f"  {v['label']:<42} p95 {v['p95_ms']:>7} ms  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
