"""The quality gate: overall F1 on the dev gold set stays at or above a pinned floor,
and ``communique eval`` reports the same figures as the shared scorer ``score.py`` on
the same predictions (extracted with ``extract --format jsonl`` and split per document
with ``split_jsonl.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _contract import DEV, SHARED, dev_files, eval_scores, need_shared, run_cli

FLOOR_FILE = Path(__file__).resolve().parent / "quality_floor.txt"
SCORE_PY = SHARED / "eval" / "score.py"
SPLIT_JSONL = SHARED / "eval" / "split_jsonl.py"


def read_floor(path: Path = FLOOR_FILE) -> float:
    """The one number in ``quality_floor.txt`` (lines starting with ``#`` are comments)."""
    values = [
        line.strip()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(values) == 1, f"{path} should hold exactly one number, got {values}"
    return float(values[0])


DEV_F1_FLOOR = read_floor()


@pytest.fixture(scope="module")
def eval_report() -> dict[str, Any]:
    return eval_scores(DEV)


@pytest.fixture(scope="module")
def score_py_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    need_shared(SCORE_PY)
    need_shared(SPLIT_JSONL)
    pred = tmp_path_factory.mktemp("pred")
    sources = DEV / "SOURCES.tsv"
    extracted = run_cli("extract", "--format", "jsonl", "--sources", sources, *dev_files())
    assert "Traceback" not in extracted.stderr
    assert extracted.returncode == 0, extracted.stderr
    subprocess.run(
        [sys.executable, str(SPLIT_JSONL), str(pred)],
        input=extracted.stdout,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    assert len(list(pred.glob("*.json"))) == len(dev_files())
    scored = subprocess.run(
        [sys.executable, str(SCORE_PY), str(DEV), str(pred), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    return json.loads(scored.stdout)


def test_floor_is_sane() -> None:
    assert 0.0 < DEV_F1_FLOOR <= 1.0


def test_dev_f1_is_at_or_above_the_floor(eval_report: dict[str, Any]) -> None:
    f1 = eval_report["overall"]["f1"]
    assert f1 >= DEV_F1_FLOOR, (
        f"overall F1 on the dev set fell to {f1:.4f}, below the floor {DEV_F1_FLOOR} "
        f"({FLOOR_FILE.name}); per field: "
        + ", ".join(f"{k} {v['f1']:.3f}" for k, v in eval_report["fields"].items())
    )
    assert eval_report["missing_predictions"] == []


def test_eval_agrees_with_score_py(
    eval_report: dict[str, Any], score_py_report: dict[str, Any]
) -> None:
    assert score_py_report["missing_predictions"] == []
    assert eval_report["overall"]["f1"] == pytest.approx(
        score_py_report["overall"]["f1"], abs=1e-12
    )
    for key in ("precision", "recall"):
        assert eval_report["overall"][key] == pytest.approx(
            score_py_report["overall"][key], abs=1e-12
        )
    assert set(eval_report["fields"]) == set(score_py_report["fields"])
    for field, row in score_py_report["fields"].items():
        ours = eval_report["fields"][field]
        assert (ours["tp"], ours["fp"], ours["fn"]) == (row["tp"], row["fp"], row["fn"]), field


def test_min_f1_gate_of_the_cli() -> None:
    need_shared(DEV)
    proc = run_cli("eval", DEV, "--min-f1", "1.01")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "below the floor" in lines[0], proc.stderr
