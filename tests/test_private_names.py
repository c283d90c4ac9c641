"""No private name is used across packages: a name starting with ``_`` (not a dunder) is
neither imported from another package nor read as an attribute of a module of another
package, nor called as a private method of another package's class (an attribute whose
private name only other packages' classes define: ``archive._read()`` outside the
archive). A package here is a top-level module or package of communique
(``communique.archive`` with ``archive.read``; ``communique.cli``)."""

from __future__ import annotations

import ast
from pathlib import Path

from test_dependency_rule import PACKAGE, _module_name

#: Uses in the modules the one ingest path rewrites (archive/store.py, link.py, the
#: crawl's modules and fetch/, branch ``ingest``) and in extract/ (being restructured):
#: none today. May only shrink: the test fails when a use listed here is gone.
ALLOWED: set[str] = set()


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _modules(root: Path) -> dict[str, ast.Module]:
    return {
        _module_name(p, root): ast.parse(p.read_text(encoding="utf-8"))
        for p in sorted((root / "communique").rglob("*.py"))
    }


def private_members(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    """private attribute name -> the packages whose classes define it (methods, class
    attributes, ``self._x = ...``)."""
    out: dict[str, set[str]] = {}
    for module, tree in trees.items():
        pkg = package_of(module)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ClassDef):
                for b in node.body:
                    if isinstance(b, ast.FunctionDef | ast.AsyncFunctionDef):
                        names.append(b.name)
                    elif isinstance(b, ast.Assign | ast.AnnAssign):
                        targets = b.targets if isinstance(b, ast.Assign) else [b.target]
                        names += [t.id for t in targets if isinstance(t, ast.Name)]
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                names.append(node.attr)
            for name in names:
                if _private(name):
                    out.setdefault(name, set()).add(pkg)
    return out


def cross_package_uses(trees: dict[str, ast.Module]) -> list[str]:
    members = private_members(trees)
    found: list[str] = []
    for module, tree in trees.items():
        pkg = package_of(module)
        bound: dict[str, str] = {}  # local name -> the communique module it is
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("communique"):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    if full in trees:
                        bound[a.asname or a.name] = full
                    elif _private(a.name) and package_of(node.module) != pkg:
                        found.append(f"{module}:{node.lineno} imports {full}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("communique") and a.asname:
                        bound[a.asname] = a.name
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                continue
            v = node.value
            if isinstance(v, ast.Name) and v.id in bound:
                if package_of(bound[v.id]) != pkg:
                    found.append(f"{module}:{node.lineno} uses {bound[v.id]}.{node.attr}")
            elif isinstance(v, ast.Name) and v.id in ("self", "cls"):
                continue
            else:
                owners = members.get(node.attr, set())
                if owners and pkg not in owners:
                    where = ", ".join(sorted(owners))
                    found.append(
                        f"{module}:{node.lineno} uses {ast.unparse(v)}.{node.attr} ({where})"
                    )
    return found


def test_no_private_name_used_across_packages():
    found = cross_package_uses(_modules(PACKAGE.parent))
    assert sorted(f for f in found if f.split(" ", 1)[1] not in ALLOWED) == []
    gone = sorted(a for a in ALLOWED if not any(f.split(" ", 1)[1] == a for f in found))
    assert gone == [], "these uses are gone: take them off ALLOWED"


def test_the_check_can_fail(tmp_path):
    pkg = tmp_path / "communique"
    (pkg / "archive").mkdir(parents=True)
    (pkg / "web").mkdir()
    for p in (pkg / "__init__.py", pkg / "archive" / "__init__.py", pkg / "web" / "__init__.py"):
        p.write_text("", encoding="utf-8")
    (pkg / "archive" / "api.py").write_text(
        "class Archive:\n    def _read(self):\n        return 1\n\ndef _helper():\n    return 2\n",
        encoding="utf-8",
    )
    (pkg / "web" / "pages.py").write_text(
        "from communique.archive import api\n"
        "from communique.archive.api import _helper\n"
        "def page(archive):\n"
        "    return archive._read() + api._helper() + _helper()\n",
        encoding="utf-8",
    )
    found = cross_package_uses(_modules(tmp_path))
    assert found == [
        "communique.web.pages:2 imports communique.archive.api._helper",
        "communique.web.pages:4 uses archive._read (communique.archive)",
        "communique.web.pages:4 uses communique.archive.api._helper",
    ]
