"""Shared helpers of the contract tests: the schema, span checks, the console script.

Not a test module (pytest collects only ``test_*.py``); the tests import it as
``_contract`` because pytest puts this folder on ``sys.path``.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

#: ``../shared`` beside the project: the real readouts, the gold set and the scorer.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
DEV = SHARED / "eval" / "dev"
REFERENCE = DEV / "mofa_jp_ru_2019_02_16.txt"

#: Generous limit for one run of the console script (the whole corpus takes ~3 s).
CLI_TIMEOUT = 120


def need_shared(path: Path) -> Path:
    """``path`` when it exists, else skip the test (a checkout without ``../shared``)."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def dev_files() -> list[Path]:
    return sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


# --------------------------------------------------------------------------- schema


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The schema shipped in the package (the contract of ``extract --format json``)."""
    text = (
        resources.files("communique").joinpath("schema/extraction.schema.json").read_text("utf-8")
    )
    return json.loads(text)


def relaxed_schema() -> dict[str, Any]:
    """The schema with the one change GUIDELINES.md implies: a principal the text does not
    name has ``"name": null, "family_name": null``, which the schema (``type: string``)
    refuses (the extractor writes ``""`` instead). Only
    ``test_schema_contract.test_schema_admits_an_unnamed_principal`` uses it; every other
    check validates against the schema as shipped."""
    out = copy.deepcopy(schema())
    props = out["$defs"]["person"]["properties"]
    for key in ("name", "family_name"):
        props[key]["type"] = ["string", "null"]
    return out


@functools.lru_cache(maxsize=2)
def validator(*, relaxed: bool = False) -> Draft202012Validator:
    s = relaxed_schema() if relaxed else schema()
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(result: dict[str, Any], *, relaxed: bool = False) -> list[str]:
    return [
        f"{e.json_path}: {e.message[:200]}"
        for e in sorted(validator(relaxed=relaxed).iter_errors(result), key=lambda e: e.json_path)
    ]


# --------------------------------------------------------------------------- spans


def spans(result: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every span of a result: (where, span) for participants, ordinals, outcomes,
    follow-ups (and their participants) and evidence values."""
    for i, eng in enumerate(result.get("engagements", [])):
        at = f"engagements[{i}]"
        for j, p in enumerate(eng.get("participants", [])):
            if "span" in p:
                yield f"{at}.participants[{j}]", p["span"]
        for j, o in enumerate(eng.get("ordinals", [])):
            if "span" in o:
                yield f"{at}.ordinals[{j}]", o["span"]
        for j, o in enumerate(eng.get("outcomes", [])):
            if "span" in o:
                yield f"{at}.outcomes[{j}]", o["span"]
        for j, f in enumerate(eng.get("follow_ups", [])):
            if "span" in f:
                yield f"{at}.follow_ups[{j}]", f["span"]
            for k, p in enumerate(f.get("participants") or []):
                if "span" in p:
                    yield f"{at}.follow_ups[{j}].participants[{k}]", p["span"]
        for key, span in (eng.get("evidence") or {}).items():
            yield f"{at}.evidence.{key}", span


def span_problems(result: dict[str, Any]) -> list[str]:
    """Spans that are not a non-empty, non-blank slice inside ``document.text``."""
    text = result["document"]["text"]
    bad = []
    for where, span in spans(result):
        ok = (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
            and 0 <= span[0] < span[1] <= len(text)
            and text[span[0] : span[1]].strip() != ""
        )
        if not ok:
            bad.append(f"{where} = {span!r} (text has {len(text)} characters)")
    return bad


def span_text(result: dict[str, Any], span: list[int]) -> str:
    return result["document"]["text"][span[0] : span[1]]


# --------------------------------------------------------------------------- the CLI


@functools.lru_cache(maxsize=1)
def cli_path() -> str:
    """The installed ``communique`` console script of this interpreter's environment."""
    beside = Path(sys.executable).parent / "communique"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("communique")
    if found is None:
        pytest.skip("the communique console script is not installed (pip install -e .)")
    return found


def run_cli(
    *args: str | os.PathLike, cwd: Path | None = None, timeout: float = CLI_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run ``communique ARGS`` for real; stdout and stderr decoded as UTF-8."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [cli_path(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


def eval_scores(gold_dir: Path) -> dict[str, Any]:
    """``communique eval GOLD_DIR --json``, run for real: the scores (skips the test when
    the folder is not there)."""
    need_shared(gold_dir)
    proc = run_cli("eval", gold_dir, "--json")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]
