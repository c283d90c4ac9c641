"""The pipeline's direction, enforced: every internal import in ``src/communique`` (at
the top of a module or inside a function) goes down the layers, the packages import one
another without a cycle, and an import made inside a function says why (start-up time).

Layers, lowest first (a module may import its own layer's modules and any lower layer's;
layers on one line are siblings and import neither each other nor anything above)::

    foundation   version, errors, util, gazetteer, names, workers
    input        sources, pagetree, html, language, document
    fetch | extract (+ evaluation, the extractor's scorer)
    archive
    ingest
    formats      citation, iCalendar, CSV rows, summaries: what web and export share
    web | export
    cli          cli.py, every package's cli.py, arguments.py, demo.py, and the package
                 itself (``communique.extract``, the public function, loaded lazily)

Where a module belongs: ``communique.X...`` is in X's layer, except a module named
``cli`` (in any package), which is in ``cli``: the command line reaches every layer.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src"
PACKAGE = ROOT / "communique"

LAYERS: list[tuple[str, ...]] = [
    ("foundation",),
    ("input",),
    ("fetch", "extract"),
    ("archive",),
    ("ingest",),
    ("formats",),
    ("web", "export"),
    ("cli",),
]
#: the layer of each top-level module or package of communique
MEMBERS: dict[str, str] = {
    "version": "foundation",
    "errors": "foundation",
    "util": "foundation",
    "gazetteer": "foundation",
    "names": "foundation",
    "workers": "foundation",
    "sources": "input",
    "pagetree": "input",
    "html": "input",
    "language": "input",
    "document": "input",
    "fetch": "fetch",
    "extract": "extract",
    "evaluation": "extract",
    "archive": "archive",
    "ingest": "ingest",
    "formats": "formats",
    "web": "web",
    "export": "export",
    "cli": "cli",
    "arguments": "cli",
    "demo": "cli",
}
RANK = {layer: i for i, line in enumerate(LAYERS) for layer in line}

#: Imports allowed to go up the layers or between siblings, left out of the package
#: graph's cycle check: none since the one ingest path (issue 12) took the crawler's
#: writes out of fetch and the decoding out of the archive. This list may only shrink:
#: the test fails when an edge listed here no longer exists.
ALLOWED_BACKWARD: set[tuple[str, str]] = set()

#: In-function imports without a start-up comment: none. May only shrink, as the list
#: above.
ALLOWED_UNEXPLAINED: set[tuple[str, str]] = set()

#: what an in-function import's comment must say (on its line or in the comment lines
#: and imports right above it)
REASON = re.compile(r"start-?up", re.IGNORECASE)


@dataclass(frozen=True)
class Import:
    importer: str  # module name
    imported: str  # module name (the deepest module the statement names)
    line: int
    in_function: bool
    explained: bool  # a start-up comment goes with it


def _module_name(path: Path, root: Path | None = None) -> str:
    parts = list(path.relative_to(root or ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _target(module: str, name: str | None) -> str:
    """``from module import name``: the module ``module.name`` when there is one."""
    if name and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    return module


def _explained(lines: list[str], lineno: int) -> bool:
    """A start-up comment on the import's line or in the run of comment, import and blank
    lines right above it."""
    i = lineno - 1
    if REASON.search(lines[i]):
        return True
    i -= 1
    while i >= 0:
        text = lines[i].strip()
        if text.startswith("#"):
            if REASON.search(text):
                return True
        elif text and not text.startswith(("from ", "import ")):
            return False  # (a blank line between groups of imports goes on)
        i -= 1
    return False


def imports_of(path: Path) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            targets: list[str] = []
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join(up + ([child.module] if child.module else []))
                if base == "communique" or base.startswith("communique."):
                    targets = [_target(base, a.name) for a in child.names]
            elif isinstance(child, ast.Import):
                targets = [a.name for a in child.names if a.name.startswith("communique")]
            for target in dict.fromkeys(targets):
                explained = in_function and _explained(lines, child.lineno)
                out.append(Import(me, target, child.lineno, in_function, explained))
            visit(child, inside)

    visit(ast.parse(source), False)
    return out


def all_imports() -> list[Import]:
    return [i for path in sorted(PACKAGE.rglob("*.py")) for i in imports_of(path)]


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[-1] == "cli":
        return "cli"
    return MEMBERS[parts[1]]


def unit_of(module: str) -> str:
    """The node of the package graph: a top-level module or package, or a cli module."""
    parts = module.split(".")
    if len(parts) == 1 or parts[-1] == "cli":
        return module
    return ".".join(parts[:2])


def allowed(imp: Import) -> bool:
    a, b = layer_of(imp.importer), layer_of(imp.imported)
    return a == b or RANK[a] > RANK[b]


def test_every_module_has_a_layer():
    unknown = sorted({m.split(".")[1] for m in MODULES if "." in m} - set(MEMBERS))
    assert unknown == []


def test_imports_go_down_the_layers():
    edges = {(i.importer, i.imported) for i in all_imports()}
    wrong = sorted(
        f"{i.importer}:{i.line} ({layer_of(i.importer)}) imports {i.imported}"
        f" ({layer_of(i.imported)})"
        for i in all_imports()
        if not allowed(i) and (i.importer, i.imported) not in ALLOWED_BACKWARD
    )
    assert wrong == []
    gone = sorted(ALLOWED_BACKWARD - edges)
    assert gone == [], "these allowed edges are gone: take them off ALLOWED_BACKWARD"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state:
                found = walk(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = walk(n)
            if found:
                return found
    return None


def package_graph(*, with_allowed: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for i in all_imports():
        if not with_allowed and (i.importer, i.imported) in ALLOWED_BACKWARD:
            continue
        a, b = unit_of(i.importer), unit_of(i.imported)
        if a != b:
            graph.setdefault(a, set()).add(b)
    return graph


def test_no_cycle_between_packages():
    assert _cycle(package_graph(with_allowed=False)) is None


def test_the_allowed_edges_are_the_only_cycle_left():
    """No cycle even with the allowed edges (there are none left)."""
    found = _cycle(package_graph(with_allowed=True))
    assert found is None


def test_imports_inside_functions_say_why():
    found = {(i.importer, i.imported) for i in all_imports() if i.in_function}
    unexplained = sorted(
        f"{i.importer}:{i.line} imports {i.imported}"
        for i in all_imports()
        if i.in_function and not i.explained and (i.importer, i.imported) not in ALLOWED_UNEXPLAINED
    )
    assert unexplained == []
    gone = sorted(ALLOWED_UNEXPLAINED - found)
    assert gone == [], "these imports are gone: take them off ALLOWED_UNEXPLAINED"


def in_function_imports_of(path: Path) -> list[tuple[int, str]]:
    """Every import statement inside a function, of any package (the standard library's,
    a third party's, communique's): (line, what it imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    out.append((node.lineno, ", ".join(a.name for a in node.names)))
                elif isinstance(node, ast.ImportFrom):
                    out.append((node.lineno, "." * node.level + (node.module or "")))
    return sorted(set(out))


def test_no_package_is_imported_inside_a_function_without_saying_why():
    """Not only communique's modules: a standard or third-party import inside a function
    is there for start-up time (uvicorn, alembic, rich, pypdf ...) and says so; others
    belong at the top of the module."""
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, what in in_function_imports_of(path):
            if not _explained(lines, line):
                unexplained.append(f"{path.relative_to(ROOT)}:{line} imports {what}")
    assert unexplained == []


def test_the_archive_links_from_what_extraction_produced():
    """The layers let the archive import the extractor; it does not (issue 12): linking
    reads the stored records, and what it shares with the extractor (the sentence
    splitter, the gazetteer look-ups, stages as data) is in the foundation layer."""
    found = sorted(
        f"{i.importer}:{i.line} imports {i.imported}"
        for i in all_imports()
        if unit_of(i.importer) == "communique.archive"
        and unit_of(i.imported) in ("communique.extract", "communique.evaluation")
    )
    assert found == []


def test_the_checks_can_fail(tmp_path):
    """The reader of imports sees a backward import, an in-function import with and
    without its comment, and a cycle."""
    fake = tmp_path / "communique" / "gazetteer" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text(
        "from communique.web import app\n"
        "def f():\n"
        "    # loaded here for start-up time\n"
        "    from communique.extract import pipeline\n"
        "    from communique.archive import db\n"
        "def g():\n"
        "    from communique import cli\n",
        encoding="utf-8",
    )
    global ROOT
    saved = ROOT
    ROOT = tmp_path
    try:
        found = imports_of(fake)
    finally:
        ROOT = saved
    assert [(i.imported, i.in_function, i.explained) for i in found] == [
        ("communique.web.app", False, False),
        ("communique.extract.pipeline", True, True),
        ("communique.archive.db", True, True),
        ("communique.cli", True, False),
    ]
    assert not allowed(found[0])
    other = tmp_path / "other.py"
    other.write_text("def h():\n    x = 1\n    import bisect\n    return x\n", encoding="utf-8")
    assert in_function_imports_of(other) == [(3, "bisect")]
    assert not _explained(other.read_text().splitlines(), 3)
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) is None
