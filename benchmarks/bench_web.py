"""Reader benchmark: latency of the relations page and the search page, and requests/s
under concurrent load, on a generated archive of 100,000 engagements. A script, not a test.

    .venv/bin/python benchmarks/bench_web.py [--engagements 100000] [--requests 200]
        [--load-requests 2000] [--load-seconds 30] [--concurrency 8] [--db PATH] [--json]

The archive is generated directly through SQLAlchemy into the archive's tables
(documents with their full-text index, extractions, events, engagements, participants,
persons, countries, tracks, ordinals, follow-ups): two-party meetings of weighted
countries over 25 years, some told by both sides. ``communique serve`` then runs in its
own process on a free loopback port; latencies are measured one request at a time from
this process over a kept-alive connection, and the load comes from a second process
(``--load-worker``) running ``--concurrency`` connections until ``--load-requests`` are
done or ``--load-seconds`` have passed. Target: p95 under 100 ms for pages, first visits
of a pair included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

COUNTRIES = ["JPN", "USA", "RUS", "CHN", "KOR", "GBR", "FRA", "DEU", "IND", "AUS"]
COUNTRIES += ["CAN", "ITA", "IDN", "VNM", "PHL", "THA", "SGP", "MYS", "BRA", "MEX"]
COUNTRIES += ["TUR", "SAU", "ARE", "EGY", "ZAF", "KEN", "NGA", "POL", "UKR", "NZL"]
WEIGHTS = [30, 25, 8, 12, 10, 9, 8, 8, 7, 7, 5, 5, 4, 4, 3, 3, 3, 3, 3, 2]
WEIGHTS += [3, 2, 2, 2, 2, 1, 1, 2, 3, 2]
OFFICES = [
    ("Prime Minister", 4),
    ("President", 3),
    ("Minister for Foreign Affairs", 6),
    ("Minister of Defense", 3),
    ("Vice Minister for Foreign Affairs", 3),
    ("Ambassador", 2),
]
TOPICS = [
    "peace treaty",
    "trade",
    "security",
    "energy",
    "climate change",
    "maritime order",
    "nuclear non-proliferation",
    "economic cooperation",
    "investment",
    "tourism",
    "education",
    "health",
    "cyber security",
    "space",
    "agriculture",
    "fisheries",
    "infrastructure",
    "digital economy",
    "counter-terrorism",
    "regional situation",
    "human rights",
    "development assistance",
    "supply chains",
    "semiconductors",
    "critical minerals",
    "visa facilitation",
    "people-to-people exchange",
    "defence exchanges",
    "disaster relief",
    "humanitarian assistance",
]
CITIES = {
    "JPN": "Tokyo",
    "USA": "Washington",
    "RUS": "Moscow",
    "CHN": "Beijing",
    "KOR": "Seoul",
    "GBR": "London",
    "FRA": "Paris",
    "DEU": "Berlin",
    "IND": "New Delhi",
    "AUS": "Canberra",
}


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


# ------------------------------------------------------------------ generating the archive


def generate(path: str, n_eng: int, seed: int = 11) -> dict:
    """Rows straight into the archive's tables (schema from the migrations)."""
    from communique.archive import db, people
    from communique.archive import schema as t
    from communique.gazetteer import ranks
    from communique.ingest import Archive

    rng = random.Random(seed)
    t0 = time.perf_counter()
    archive = Archive(f"sqlite:///{path}")  # creates and migrates the schema
    engine = archive.engine
    persons: dict[str, list[dict]] = {}
    person_rows, name_rows, office_rows = [], [], []
    pid = 0
    for c in COUNTRIES:
        persons[c] = []
        for office, k in OFFICES:
            for i in range(k):
                pid += 1
                name = f"{c.capitalize()}given{i} {office.split()[0]}{c.lower()}{pid}"
                start = dt.date(2000, 1, 1) + dt.timedelta(days=i * 9000 // max(k, 1))
                p = {"id": pid, "name": name, "title": f"{office} of {c}", "country": c}
                p["from"], p["to"] = start, start + dt.timedelta(days=9000 // max(k, 1))
                persons[c].append(p)
                fam = name.split()[1]
                person_rows.append(
                    {
                        "id": pid,
                        "key": f"{fam.lower()}|{name.split()[0].lower()}",
                        "name": name,
                        "family_name": fam,
                        "country": c,
                    }
                )
                name_rows.append({"person_id": pid, "form": name, "folded": people.fold(name)})
                office_rows.append(
                    {
                        "person_id": pid,
                        "office": p["title"],
                        "country": c,
                        "first_seen": p["from"],
                        "last_seen": p["to"],
                    }
                )
    docs, exts, events, engs, parts, ecs, eps, ords, fus = ([] for _ in range(9))
    tracks, members = [], []
    track_ids: dict[tuple[str, str], int] = {}
    track_counts: dict[int, int] = {}
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    made = ev_id = doc_id = 0
    while made < n_eng:
        a_c, b_c = rng.choices(COUNTRIES, WEIGHTS, k=2)
        if a_c == b_c:
            continue
        ev_id += 1
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9300))
        pa = [p for p in persons[a_c] if p["from"] <= day <= p["to"]] or persons[a_c]
        pb = [p for p in persons[b_c] if p["from"] <= day <= p["to"]] or persons[b_c]
        who = [rng.choice(pa), rng.choice(pb)]
        mode = rng.choices(["in_person", "telephone", "video"], [7, 2, 1])[0]
        place_c = rng.choice([a_c, b_c]) if mode == "in_person" else None
        city = CITIES.get(place_c) if place_c else None
        topics = rng.sample(TOPICS, 3)
        name = f"{a_c}-{b_c} {'Summit Meeting' if 'President' in who[0]['title'] or 'Prime' in who[0]['title'] else 'Meeting'}"
        series = None
        if rng.random() < 0.1:
            key = (min(a_c, b_c), max(a_c, b_c))
            if key not in track_ids:
                track_ids[key] = len(track_ids) + 1
                tracks.append(
                    {
                        "id": track_ids[key],
                        "key": f"{key[0]}-{key[1]} strategic dialogue",
                        "name": f"{key[0]}-{key[1]} Strategic Dialogue",
                        "kind": "series",
                    }
                )
            tid = track_ids[key]
            track_counts[tid] = track_counts.get(tid, 0) + 1
            series = (tid, track_counts[tid])
            members.append(
                {"track_id": tid, "event_id": ev_id, "number": series[1], "position": series[1]}
            )
        n_acc = 2 if rng.random() < 0.15 and made + 2 <= n_eng else 1
        events.append(
            {
                "id": ev_id,
                "date": day,
                "end_date": None,
                "mode": mode,
                "name": name,
                "place_name": city,
                "place_country": place_c,
                "occasion": None,
                "duration_minutes": rng.choice([None, 30, 45, 60, 90]),
                "round_number": None,
                "round_of": None,
                "n_accounts": n_acc,
                "level": ranks.highest(p["title"] for p in who),  # as linking stores it
            }
        )
        for c in sorted({a_c, b_c}):
            ecs.append({"country": c, "event_id": ev_id})
        for p in who:
            eps.append({"person_id": p["id"], "event_id": ev_id})
        for acc in range(n_acc):
            doc_id += 1
            made += 1
            pub = (a_c, b_c)[acc]
            head = f"{name}\n\n{day:%B} {day.day}, {day.year}\n\n"
            s1 = (
                f"On {day:%B} {day.day}, {who[0]['title']} {who[0]['name']} held a "
                f"{'telephone talk' if mode == 'telephone' else 'meeting'} with "
                f"{who[1]['title']} {who[1]['name']}" + (f" in {city}" if city else "") + ". "
            )
            body = " ".join(
                f"{i + 1}. {tp.capitalize()}\n\nThe two sides exchanged views on {tp} and "
                f"agreed to continue close communication on {rng.choice(TOPICS)}."
                for i, tp in enumerate(topics)
            )
            text = head + s1 + "\n\n" + body + "\n"
            p0 = text.index(who[0]["title"])
            p1 = text.index(who[1]["title"], p0 + 1)
            rec = {
                "name": name,
                "mode": mode,
                "date": day.isoformat(),
                "end_date": None,
                "place": {"name": city, "country": place_c} if place_c else None,
                "occasion": None,
                "duration_minutes": events[-1]["duration_minutes"],
                "participants": [
                    {
                        "name": p["name"],
                        "family_name": p["name"].split()[1],
                        "title": p["title"],
                        "country": p["country"],
                        "organization": None,
                        "span": [s, s + len(p["title"]) + 1 + len(p["name"])],
                    }
                    for p, s in zip(who, (p0, p1), strict=True)
                ],
                "round": None,
                "ordinals": [],
                "topics": [tp.capitalize() for tp in topics],
                "outcomes": [],
                "follow_ups": [],
                "evidence": {"name": [0, len(name)]},
            }
            docs.append(
                {
                    "id": doc_id,
                    "source": f"https://example.org/{pub.lower()}/{doc_id}",
                    "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                    "raw": None,
                    "content_type": "text/plain",
                    "text": text,
                    "title": name,
                    "published": day,
                    "publisher": pub,
                    "language": "en",
                    "fetched_at": now,
                    "error": None,
                }
            )
            exts.append(
                {
                    "id": doc_id,
                    "document_id": doc_id,
                    "extractor_version": "generated",
                    "created_at": now,
                    "result": {"document": {"title": name, "text": text}, "engagements": [rec]},
                }
            )
            engs.append(
                {
                    "id": doc_id,
                    "document_id": doc_id,
                    "extraction_id": doc_id,
                    "position": 0,
                    "name": name,
                    "mode": mode,
                    "date": day,
                    "end_date": None,
                    "place_name": city,
                    "place_country": place_c,
                    "occasion": None,
                    "duration_minutes": events[-1]["duration_minutes"],
                    "round_number": None,
                    "round_of": None,
                    "event_id": ev_id,
                }
            )
            for i, p in enumerate(who):
                parts.append(
                    {
                        "engagement_id": doc_id,
                        "position": i,
                        "name": p["name"],
                        "family_name": p["name"].split()[1],
                        "title": p["title"],
                        "country": p["country"],
                        "organization": None,
                        "span_start": rec["participants"][i]["span"][0],
                        "span_end": rec["participants"][i]["span"][1],
                        "person_id": p["id"],
                        "resolution": "name",
                    }
                )
            if acc == 0 and series:
                ords.append(
                    {
                        "engagement_id": doc_id,
                        "number": series[1],
                        "scope": "series",
                        "text": f"the {series[1]}th Strategic Dialogue",
                    }
                )
            elif acc == 0 and rng.random() < 0.04:
                ords.append(
                    {
                        "engagement_id": doc_id,
                        "number": rng.randint(1, 30),
                        "scope": "total",
                        "text": "their n-th meeting",
                    }
                )
            if acc == 0 and rng.random() < 0.1:
                later = day + dt.timedelta(days=rng.randint(20, 400))
                fus.append(
                    {
                        "engagement_id": doc_id,
                        "position": 0,
                        "name": f"visit to {CITIES.get(b_c, b_c)}",
                        "date": later if rng.random() < 0.5 else None,
                        "date_text": f"in {later:%B}",
                        "place_name": None,
                        "place_country": b_c,
                        "participants": [],
                    }
                )
    t1 = time.perf_counter()
    with db.write_tx(engine) as conn:
        for table, rows in (
            (t.persons, person_rows),
            (t.person_names, name_rows),
            (t.person_offices, office_rows),
            (t.documents, docs),
            (t.extractions, exts),
            (t.events, events),
            (t.engagements, engs),
            (t.participants, parts),
            (t.event_countries, ecs),
            (t.event_persons, eps),
            (t.tracks, tracks),
            (t.track_members, members),
            (t.ordinals, ords),
            (t.follow_ups, fus),
        ):
            for i in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[i : i + 5000])
        for key in ("data_version", "linked_version"):
            conn.execute(
                t.archive_state.update().where(t.archive_state.c.key == key).values(value=1)
            )
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    archive.close()
    t2 = time.perf_counter()
    return {
        "engagements": made,
        "events": ev_id,
        "documents": doc_id,
        "generate_s": round(t1 - t0, 1),
        "insert_s": round(t2 - t1, 1),
        "size_mb": round(os.path.getsize(path) / 2**20, 1),
    }


# ------------------------------------------------------------------ requests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int]:
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return r.status, len(body)


def relation_paths(rng: random.Random, n: int) -> list[str]:
    top = [c for c, w in zip(COUNTRIES, WEIGHTS, strict=True) if w >= 7]
    out = []
    for _ in range(n):
        a, b = rng.sample(top, 2)
        out.append(f"/relations/{a}-{b}")
    return out


def search_paths(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        q: dict[str, str] = {"q": rng.choice(TOPICS)}
        r = rng.random()
        if r < 0.3:
            q["country"] = rng.choice(COUNTRIES[:10])
        elif r < 0.5:
            q["level"] = rng.choice(["leader", "minister", "official"])
        elif r < 0.7:
            y = rng.randint(2000, 2024)
            q["since"], q["until"] = f"{y}-01-01", f"{y}-12-31"
        elif r < 0.8:
            q["mode"] = "telephone"
        out.append("/search?" + urllib.parse.urlencode(q))
    return out


def measure(port: int, paths: list[str], *, warm: bool = True) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, sizes = [], []
    for p in paths[:3] if warm else []:  # warm
        _get(conn, p)
    for p in paths:
        t0 = time.perf_counter()
        status, size = _get(conn, p)
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(size)
        if status != 200:
            raise RuntimeError(f"{p}: HTTP {status}")
    conn.close()
    return {
        "requests": len(times),
        "p50_ms": round(_pct(times, 0.5), 1),
        "p95_ms": round(_pct(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "mean_kb": round(sum(sizes) / len(sizes) / 1024, 1),
    }


def load_worker(
    port: int, paths: list[str], concurrency: int, max_requests: int, seconds: float
) -> dict:
    """Run in its own process: ``concurrency`` kept-alive connections."""
    lock = threading.Lock()
    done: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds
    counter = iter(range(max_requests))

    def run(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            p = paths[(i * 7 + k) % len(paths)]
            t0 = time.perf_counter()
            try:
                status, _ = _get(conn, p)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    done.append(ms)
                else:
                    errors[0] += 1
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=run, args=(k,)) for k in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    return {
        "concurrency": concurrency,
        "requests": len(done),
        "errors": errors[0],
        "seconds": round(wall, 1),
        "requests_per_s": round(len(done) / wall, 1),
        "p50_ms": round(_pct(done, 0.5), 1),
        "p95_ms": round(_pct(done, 0.95), 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engagements", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="measured requests per page kind")
    ap.add_argument("--load-requests", type=int, default=2000)
    ap.add_argument("--load-seconds", type=float, default=30)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--db", default=None, help="archive file (generated when missing)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--load-worker", nargs=2, metavar=("PORT", "PATHS_JSON"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.load_worker:
        port, paths_file = int(args.load_worker[0]), args.load_worker[1]
        paths = json.loads(Path(paths_file).read_text())
        print(
            json.dumps(
                load_worker(port, paths, args.concurrency, args.load_requests, args.load_seconds)
            )
        )
        return 0
    tmp = tempfile.mkdtemp(prefix="communique-bench-web-")
    path = args.db or os.path.join(tmp, "bench.db")
    gen = None
    if not os.path.exists(path):
        gen = generate(path, args.engagements)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "communique"),
            "serve",
            "--db",
            f"sqlite:///{path}",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(
                        "server did not start: "
                        + (server.stderr.read() if server.poll() is not None else "")
                    ) from None
                time.sleep(0.1)
        top = [c for c, w in zip(COUNTRIES, WEIGHTS, strict=True) if w >= 7]
        firsts = [f"/relations/{a}-{b}" for i, a in enumerate(top) for b in top[i + 1 :]]
        first_visit = measure(port, firsts, warm=False)
        rng = random.Random(5)
        rel = relation_paths(rng, args.requests)
        sea = search_paths(rng, args.requests)
        results = {
            "archive": gen or {"db": path},
            "relations_first_visit": first_visit,
            "relations": measure(port, rel),
            "search": measure(port, sea),
        }
        mixed = rel + sea
        rng.shuffle(mixed)
        paths_file = os.path.join(tmp, "paths.json")
        Path(paths_file).write_text(json.dumps(mixed))
        worker = subprocess.run(
            [
                sys.executable,
                __file__,
                "--load-worker",
                str(port),
                paths_file,
                "--concurrency",
                str(args.concurrency),
                "--load-requests",
                str(args.load_requests),
                "--load-seconds",
                str(args.load_seconds),
            ],
            capture_output=True,
            text=True,
            timeout=args.load_seconds + 120,
        )
        if worker.returncode:
            raise RuntimeError(worker.stderr)
        results["load"] = json.loads(worker.stdout)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    results["target_p95_ms"] = 100
    results["meets_target"] = all(
        results[k]["p95_ms"] < 100 for k in ("relations_first_visit", "relations", "search")
    )
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        if gen:
            print(
                f"archive: {gen['engagements']} engagements, {gen['events']} events, "
                f"{gen['documents']} documents, {gen['size_mb']} MB "
                f"(generated in {gen['generate_s']} s, written in {gen['insert_s']} s)"
            )
        print(f"{'page':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'KB':>8}")
        for k in ("relations_first_visit", "relations", "search"):
            r = results[k]
            print(
                f"{k:<22}{r['requests']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}{r['mean_kb']:>8}"
            )
        ld = results["load"]
        print(
            f"load: {ld['concurrency']} connections from a second process, {ld['requests']} requests "
            f"in {ld['seconds']} s = {ld['requests_per_s']} requests/s "
            f"(p50 {ld['p50_ms']} ms, p95 {ld['p95_ms']} ms, {ld['errors']} errors)"
        )
        print(f"target p95 < 100 ms: {'met' if results['meets_target'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
