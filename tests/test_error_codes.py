"""One catalogue of error codes (``communique.errors.CODES``), checked both ways against
the code: every code raised or printed anywhere is listed, every listed code is used,
and README.md's table names them all."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from communique.errors import CODES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "communique"
CODE = re.compile(r"\bE\d{3}\b")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (prose about codes, not a use of one)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _catalogue_keys(tree: ast.AST) -> set[int]:
    """ids of the keys of the ``CODES`` dict itself."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(isinstance(x, ast.Name) and x.id == "CODES" for x in targets)
            if named and isinstance(node.value, ast.Dict):
                out |= {id(k) for k in node.value.keys}
    return out


def codes_used() -> dict[str, list[str]]:
    """code -> the places (file:line) whose strings (f-strings included, docstrings and
    comments not) carry it."""
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _catalogue_keys(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in skip:
                    continue
                for code in CODE.findall(node.value):
                    used.setdefault(code, []).append(f"{path.relative_to(SRC)}:{node.lineno}")
    return used


def test_every_code_used_is_in_the_catalogue():
    missing = {c: where for c, where in codes_used().items() if c not in CODES}
    assert missing == {}


def test_every_catalogued_code_is_used():
    used = codes_used()
    assert sorted(c for c in CODES if c not in used) == []


def test_readme_table_lists_every_code_with_its_meaning():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(E\d{3})` \| (.+?) \|$", readme, flags=re.MULTILINE))
    assert sorted(rows) == sorted(CODES)
    for code, meaning in CODES.items():
        assert rows[code] == meaning, code


def test_a_code_in_a_docstring_does_not_count_as_used():
    tree = ast.parse('"""E999 in prose"""\nx = f"{y}: E998 raised"\n')
    skip = _docstrings(tree)
    found = [
        c
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
        for c in CODE.findall(n.value)
    ]
    assert found == ["E998"]
