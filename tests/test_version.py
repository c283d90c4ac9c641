"""``communique.__version__`` has one home, and ``import communique`` stays light: the
extractor is loaded on the first use of ``communique.extract``, not before."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import communique
from communique.version import __version__


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(out.stdout)


def test_import_communique_loads_no_extractor():
    got = _run(
        "import json, sys, communique\n"
        "v = communique.__version__\n"
        "print(json.dumps({'version': v, 'modules': sorted(m for m in sys.modules"
        " if m == 'communique' or m.startswith('communique.'))}))"
    )
    assert got["version"] == __version__
    assert got["modules"] == ["communique", "communique.version"]


def test_extract_is_the_function_whatever_was_imported_first():
    got = _run(
        "import json, communique.extract.dates, communique\n"
        "from communique.extract.pipeline import extract as real\n"
        "from communique import extract\n"
        "r = communique.extract('The Foreign Minister met Sergey Lavrov in Moscow on 3 May 2023.')\n"
        "print(json.dumps({'same': extract is real and communique.extract is real,"
        " 'engagements': len(r['engagements'])}))"
    )
    assert got == {"same": True, "engagements": 1}


def test_the_distribution_reads_the_same_version():
    assert importlib.metadata.version("communique") == communique.__version__ == __version__
