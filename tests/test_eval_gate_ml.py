"""The quality gate for Japanese and Russian readouts (``../shared/eval/dev-ml``): overall
F1 at or above ``quality_floor_ml.txt``, every output valid against the schema with its
spans inside the text, and the held-out part (``heldout_ml.txt``, frozen before any rule
was written) still scored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from _contract import SHARED, eval_scores, need_shared, run_cli, schema_errors, span_problems
from test_eval_gate import read_floor

DEV_ML = SHARED / "eval" / "dev-ml"
HERE = Path(__file__).resolve().parent
FLOOR = read_floor(HERE / "quality_floor_ml.txt")
HELDOUT = [
    line.strip()
    for line in (HERE / "heldout_ml.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def ml_files() -> list[Path]:
    need_shared(DEV_ML)
    return sorted(DEV_ML.glob("*.txt"))


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return eval_scores(DEV_ML)


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, Any]]:
    from communique.extract.pipeline import extract

    return {p.stem: extract(p.read_text("utf-8"), source=p.name) for p in ml_files()}


def test_dev_ml_f1_is_at_or_above_the_floor(report: dict[str, Any]) -> None:
    f1 = report["overall"]["f1"]
    assert f1 >= FLOOR, (
        f"overall F1 on dev-ml fell to {f1:.4f}, below the floor {FLOOR}; per field: "
        + ", ".join(f"{k} {v['f1']:.3f}" for k, v in report["fields"].items())
    )
    assert report["missing_predictions"] == []


def test_heldout_list_names_real_documents() -> None:
    names = {p.stem for p in ml_files()}
    assert HELDOUT and set(HELDOUT) <= names
    for lang in ("ja_", "ru_"):
        assert any(n.startswith(lang) for n in HELDOUT)


def test_every_dev_ml_output_is_schema_valid(outputs: dict[str, dict[str, Any]]) -> None:
    for name, result in outputs.items():
        assert schema_errors(result) == [], name
        assert span_problems(result) == [], name
        assert result["document"]["language"] in ("ja", "ru"), name
        assert result["engagements"], f"{name}: no engagement"


def test_photo_captions_are_not_engagements(outputs: dict[str, dict[str, Any]]) -> None:
    # ja_mofa_0001 opens with three captions (日露外相会談(入場), (握手), (協議)): one meeting
    assert len(outputs["ja_mofa_0001"]["engagements"]) == 1


def test_japanese_and_english_accounts_can_be_joined(outputs: dict[str, dict[str, Any]]) -> None:
    """The same date, Latin family names and ISO3 countries as the English page."""
    need_shared(SHARED / "eval" / "dev" / "mofa_jp_ru_2019_02_16.txt")
    from communique.extract.pipeline import extract

    en_path = SHARED / "eval" / "dev" / "mofa_jp_ru_2019_02_16.txt"
    en = extract(en_path.read_text("utf-8"), source=en_path.name)["engagements"][0]
    ja = outputs["ja_mofa_0001"]["engagements"][0]
    assert ja["date"] == en["date"] == "2019-02-16"

    def people(e: dict[str, Any]) -> set[tuple[str, str]]:
        return {(p["family_name"], p["country"]) for p in e["participants"]}

    assert people(ja) == people(en) == {("Kono", "JPN"), ("Lavrov", "RUS")}
    assert {p["name_native"] for p in ja["participants"]} == {"河野", "ラヴロフ"}


def test_english_and_japanese_accounts_become_one_engagement(tmp_path: Path) -> None:
    """Ingested into a real SQLite archive, the English and Japanese pages of 16 February
    2019 are one engagement with two accounts; another Japanese meeting stays apart."""
    en = SHARED / "eval" / "dev" / "mofa_jp_ru_2019_02_16.txt"
    need_shared(en)
    db = f"sqlite:///{tmp_path / 'archive.db'}"
    other = DEV_ML / "ja_mofa_0018.txt"  # Motegi and Lavrov, 15 February 2020
    proc = run_cli("ingest", "--db", db, "--quiet", en, DEV_ML / "ja_mofa_0001.txt", other)
    assert proc.returncode == 0, proc.stderr
    out = run_cli("query", "--db", db, "--between", "JPN", "RUS", "--format", "json")
    assert out.returncode == 0, out.stderr
    found = {e["date"]: e for e in json.loads(out.stdout)}
    assert set(found) == {"2019-02-16", "2020-02-15"}
    sources = sorted(Path(a["source"]).name for a in found["2019-02-16"]["accounts"])
    assert sources == ["ja_mofa_0001.txt", "mofa_jp_ru_2019_02_16.txt"]
    assert len(found["2020-02-15"]["accounts"]) == 1
