"""Every core: ``extract`` and ``ingest`` with 1 and 2 worker processes over the shared
corpus copied ten times, ``ingest`` on one worker with batched writes and with one
transaction per document (``--batch-size 1``), the reader's throughput at 16 concurrent
clients with 1 and 2 server workers, and ``ingest``'s peak memory at the corpus copied
once and ten times, side by side in one run, printed as ratios. A script, not a test.

    .venv/bin/python benchmarks/bench_scale.py --corpus ../shared/corpus [--copies 10]
        [--engagements 100000] [--clients 16] [--load-seconds 20] [--json]
        [--batch-sizes 1,8,16,32,64,128]   (only ingest on one worker at each batch size)
        [--memory]   (only one-worker ingest at x1 and x10: docs/s and peak memory)

Each figure is the wall time of the real command line (``communique extract --format
jsonl --workers N``, ``communique ingest --workers N`` into a fresh SQLite file, linking
included), so start-up counts as a user sees it; peak memory is the ingest process's
own maximum resident set (``wait4``), its extraction processes not included. With
``--workers 1`` a file is extracted (in the time-budget child of
``communique.ingest.worker``) and then stored and linked, one core's work at a time;
``--workers 2`` has two extraction processes while the ingesting process writes and
links, so the writer overlaps extraction. The reader is ``communique serve
--workers N`` over the generated archive of ``bench_web.py`` (100,000 engagements),
loaded from a second process (``bench_web.py --load-worker``) with ``--clients``
kept-alive connections asking for relations and search pages. On a 2-core machine the
load generator shares the cores with the server, so the reader's ratio is a floor.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent / "communique"


def copies(corpus: Path, n: int, into: Path) -> list[str]:
    """The corpus's readouts ``n`` times, each copy in its own folder under its own name
    and with a last line naming the copy: the archive keeps one document per text, so
    identical copies would be stored once (as aliases) and not measure storing."""
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    out = []
    for i in range(n):
        d = into / f"copy{i:02d}"
        d.mkdir(parents=True)
        for f in files:
            dest = d / f"c{i:02d}_{f.name}"
            text = f.read_text(encoding="utf-8", errors="replace")
            dest.write_text(f"{text.rstrip()}\n\n(benchmark copy {i})\n", encoding="utf-8")
            out.append(str(dest))
    return out


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MiB of the process itself)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            tail = err.read()[-500:].decode(errors="replace")
            raise RuntimeError(f"{' '.join(cmd[:3])}: exit {proc.returncode}: {tail}")
    return wall, usage.ru_maxrss / 1024  # KiB on Linux


def bench_extract(files: list[str], workers: int) -> dict:
    wall, _rss = timed(
        [str(BIN), "extract", "--format", "jsonl", "--workers", str(workers), *files]
    )
    return {
        "workers": workers,
        "seconds": round(wall, 2),
        "docs_per_s": round(len(files) / wall, 1),
    }


def bench_ingest(root: Path, n: int, workers: int, tmp: Path, batch: int | None = None) -> dict:
    db = tmp / f"ingest{workers}-{batch}-{n}.db"
    cmd = [str(BIN), "ingest", "-q", "--db", f"sqlite:///{db}", "--workers", str(workers)]
    if batch is not None:
        cmd += ["--batch-size", str(batch)]
    wall, rss = timed([*cmd, str(root)])
    return {
        "workers": workers,
        "batch_size": batch,
        "documents": n,
        "seconds": round(wall, 2),
        "docs_per_s": round(n / wall, 1),
        "peak_rss_mib": round(rss, 1),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_reader(db: str, workers: int, paths_file: str, clients: int, seconds: float) -> dict:
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN), "serve", "--db", f"sqlite:///{db}", "--port", str(port)]
        + ["--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # every worker answers before the load starts
            try:
                import urllib.request

                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)
        time.sleep(2 * workers)  # the other workers load their modules
        # a first, unmeasured load: every worker builds its caches of the archive
        _load(port, paths_file, clients, min(5.0, seconds / 4))
        load = _load(port, paths_file, clients, seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return {"workers": workers, **load}


def _load(port: int, paths_file: str, clients: int, seconds: float) -> dict:
    """``bench_web.py --load-worker``'s figures for one load of the server."""
    worker = subprocess.run(
        [sys.executable, str(HERE / "bench_web.py"), "--load-worker", str(port), paths_file]
        + ["--concurrency", str(clients), "--load-requests", "1000000"]
        + ["--load-seconds", str(seconds)],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    if worker.returncode:
        raise RuntimeError(worker.stderr[-1000:])
    return json.loads(worker.stdout)


def _memory_only(root: Path, n: int, copies_: int, tmp: Path) -> int:
    """One-worker ingest (default batch size, linking included) of one copy, then of
    every copy: docs/s and the ingesting process's peak memory."""
    one_copy = root / "copy00"
    one = bench_ingest(one_copy, len(list(one_copy.iterdir())), 1, tmp)
    many = bench_ingest(root, n, 1, tmp)
    for label, r in ((" x1", one), (f"x{copies_}", many)):
        print(
            f"ingest {label} ({r['documents']:5d} readouts): {r['docs_per_s']:7.1f} docs/s "
            f"({r['seconds']} s), peak RSS {r['peak_rss_mib']:6.1f} MiB"
        )
    ratio = many["peak_rss_mib"] / one["peak_rss_mib"]
    la = os.getloadavg()
    print(f"memory ratio x{copies_}/x1: {ratio:.2f}x; load average {la[0]:.2f} {la[1]:.2f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--engagements", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--load-seconds", type=float, default=20)
    ap.add_argument("--db", default=None, help="reader archive (generated when missing)")
    ap.add_argument(
        "--batch-sizes",
        default=None,
        metavar="N,N,...",
        help="only ingest on one worker at each of these batch sizes (calibration)",
    )
    ap.add_argument(
        "--memory",
        action="store_true",
        help="only one-worker ingest at the corpus copied once and --copies times "
        "(docs/s and peak memory)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"bench_scale: {corpus}: no corpus here (--corpus)", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-scale-"))
    try:
        root = tmp / "corpus"
        files = copies(corpus, args.copies, root)
        if args.batch_sizes:
            for b in (int(x) for x in args.batch_sizes.split(",")):
                r = bench_ingest(root, len(files), 1, tmp, batch=b)
                print(f"batch size {b:4d}: {r['docs_per_s']:7.1f} docs/s ({r['seconds']} s)")
            return 0
        if args.memory:
            return _memory_only(root, len(files), args.copies, tmp)
        res: dict = {"cores": os.cpu_count(), "documents": len(files)}
        res["extract"] = [bench_extract(files, w) for w in (1, 2)]
        res["ingest"] = [bench_ingest(root, len(files), w, tmp) for w in (1, 2)]
        res["batching"] = [bench_ingest(root, len(files), 1, tmp, batch=1), res["ingest"][0]]
        one_copy = root / "copy00"
        n1 = len(list(one_copy.iterdir()))
        res["memory"] = [bench_ingest(one_copy, n1, 1, tmp), res["ingest"][0]]
        sys.path.insert(0, str(HERE))
        import bench_web

        db = args.db or str(tmp / "reader.db")
        if not os.path.exists(db):
            bench_web.generate(db, args.engagements)
        rng = random.Random(5)
        paths = bench_web.relation_paths(rng, 200) + bench_web.search_paths(rng, 200)
        rng.shuffle(paths)
        paths_file = tmp / "paths.json"
        paths_file.write_text(json.dumps(paths))
        res["reader"] = [
            bench_reader(db, w, str(paths_file), args.clients, args.load_seconds) for w in (1, 2)
        ]
        res["engagements"] = args.engagements
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for k, unit in (
        ("extract", "docs_per_s"),
        ("ingest", "docs_per_s"),
        ("batching", "docs_per_s"),
        ("reader", "requests_per_s"),
        ("memory", "peak_rss_mib"),
    ):
        one, two = res[k]
        res[f"{k}_ratio"] = round(two[unit] / one[unit], 2) if one[unit] else None
    res["load_average"] = os.getloadavg()
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    n = res["documents"]
    print(f"{n} readouts ({args.copies} copies of {corpus}); {res['cores']} cores")
    for k, label in (("extract", "extract"), ("ingest", "ingest (SQLite, linking)")):
        one, two = res[k]
        print(
            f"{label:34s} 1 worker {one['docs_per_s']:7.1f} docs/s    2 workers "
            f"{two['docs_per_s']:7.1f} docs/s   ratio {res[k + '_ratio']:.2f}x"
        )
    one, two = res["batching"]
    print(
        f"{'ingest, 1 worker':34s} --batch-size 1 {one['docs_per_s']:7.1f} docs/s  batched "
        f"{two['docs_per_s']:7.1f} docs/s   ratio {res['batching_ratio']:.2f}x"
    )
    one, two = res["reader"]
    print(
        f"{'reader, ' + str(args.clients) + ' clients':34s} 1 worker {one['requests_per_s']:7.1f} "
        f"req/s    2 workers {two['requests_per_s']:7.1f} req/s    ratio "
        f"{res['reader_ratio']:.2f}x  (p95 {one['p95_ms']} / {two['p95_ms']} ms; "
        f"{args.engagements:,} engagements)"
    )
    one, ten = res["memory"]
    print(
        f"{'ingest peak RSS, 1 worker':34s} x1 ({one['documents']}) {one['peak_rss_mib']:6.1f} MiB "
        f"   x{args.copies} ({ten['documents']}) {ten['peak_rss_mib']:6.1f} MiB  ratio "
        f"{res['memory_ratio']:.2f}x"
    )
    la = res["load_average"]
    print(f"load average at the end: {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
