"""No function over MAX_LINES lines: a longer one does several things, each of which
deserves a name (issue 12). Enforced everywhere in ``extract/``; elsewhere in the package
(migrations aside) the functions still longer are listed by name below, and the list may
only shrink: an entry that is no longer long must be taken off."""

from __future__ import annotations

import ast
from pathlib import Path

#: the longest a function may be, its decorators, signature and docstring included
MAX_LINES = 80
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "communique"
#: functions outside extract/ still over MAX_LINES ("path:qualified name"), to be split
#: by the work on their packages; never add to this list
ALLOWED = frozenset({})


def _functions(tree: ast.AST, prefix: str = ""):  # noqa: ANN202
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def long_functions(root: Path) -> dict[str, int]:
    """Every function under ``root`` (migrations left out) longer than MAX_LINES, as
    "path:qualified name" -> lines."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if "/migrations/" in f"/{rel}":
            continue
        for name, node in _functions(ast.parse(path.read_text("utf-8"))):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            lines = node.end_lineno - first + 1
            if lines > MAX_LINES:
                out[f"{rel}:{name}"] = lines
    return out


def test_no_function_in_extract_is_over_the_limit():
    found = {k: v for k, v in long_functions(PACKAGE).items() if k.startswith("extract/")}
    assert found == {}


def test_no_function_elsewhere_is_over_the_limit_unless_listed():
    found = long_functions(PACKAGE)
    assert sorted(set(found) - ALLOWED) == []
    assert not any(k.startswith("extract/") for k in ALLOWED)


def test_the_allow_list_only_names_functions_still_over_the_limit():
    found = long_functions(PACKAGE)
    stale = sorted(ALLOWED - set(found))
    assert stale == [], f"take these off ALLOWED, they are now short or gone: {stale}"


def test_the_measure_counts_a_long_function(tmp_path: Path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (tmp_path / "m.py").write_text(
        f"class C:\n    @staticmethod\n    def long():\n{body.replace('    ', '        ')}\n"
        f"def short():\n    return 1\n",
        "utf-8",
    )
    assert long_functions(tmp_path) == {"m.py:C.long": MAX_LINES + 2}
