"""The main job (``pip install .`` then ``geomcheck verify``) must run without the test extras.

``geomcheck.testing`` needs hypothesis, ``geomcheck landscape`` matplotlib and scikit-learn: none
of them is a runtime dependency, so no claim may import them (found by the README's first command
in a fresh venv: two claims imported ``geomcheck.testing.charts``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[1] / "geomcheck" / "claims"
EXTRAS = ("hypothesis", "matplotlib", "sklearn", "geomcheck.testing", "geomcheck.landscape.plots")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # relative: resolve against the package of the file
                pkg = path.relative_to(CLAIMS.parents[1]).with_suffix("").parts[:-node.level]
                names.add(".".join(pkg + tuple(node.module.split("."))))
            else:
                names.add(node.module)
    return names


def test_no_claim_module_imports_a_test_or_plot_extra() -> None:
    bad = {str(p.relative_to(CLAIMS)): sorted(n for n in _imports(p) if n.startswith(EXTRAS))
           for p in CLAIMS.rglob("*.py")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_dinh_claims_run_with_the_extras_blocked() -> None:
    code = (
        "import sys\n"
        "for m in ('hypothesis', 'matplotlib', 'sklearn'): sys.modules[m] = None\n"
        "from geomcheck.claims.registry import find_claim\n"
        "from geomcheck.claims.model import Context\n"
        "from geomcheck.claims.runner import run_claims\n"
        "res = run_claims([find_claim('003-dinh-flatness'), find_claim('002-sec1-dinh-not-invariant')], ctx=Context(), jobs=1)\n"
        "bad = [(r.claim_id, r.error) for r in res if r.error]\n"
        "assert not bad, bad\n"
        "print('ok', [r.verdict.name for r in res])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                         cwd=str(CLAIMS.parents[1]))
    assert out.returncode == 0, out.stderr[-3000:]
    assert "ok ['TRUE', 'TRUE']" in out.stdout
