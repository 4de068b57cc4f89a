"""Measured relative error of the scaled curvature kernels vs mpmath (>= 50 digits) over |grad f| in {0, 1e-150, 1, 1e75, 1e150} x max|H| in {1e-150, 1, 1e150}, definite H, d = 2, 8, 64, 1000.

References: tests/numeric/mp_reference.py (expanded closed forms, Cholesky-congruent shape operator). Run from the repository root: python benchmarks/extreme_accuracy.py (d = 1000 takes ~7 min on one core)."""
import sys, time
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
import mpmath, torch
import geomcheck.numeric as gn
from geomcheck.testing.extreme import make_extreme
from tests.numeric import mp_reference as ref
TINY, BIG = torch.finfo(torch.float64).tiny, torch.finfo(torch.float64).max
def rel(v, r):
    if abs(r) > BIG: return "overflow"
    if abs(r) < TINY: return "subnormal"
    return float(abs(mpmath.mpf(float(v)) - r) / abs(r))
print(f"torch {torch.__version__}; errors = |kernel - mpmath| / |mpmath| (kappa: normwise); definite H")
for d in (2, 8, 64, 1000):
    worst = {"S": 0.0, "mean": 0.0, "gauss": 0.0, "kappa": 0.0}; n = 0; notes = set(); t0 = time.time()
    for a in (None, -150.0, 0.0, 75.0, 150.0):
        for b in (-150.0, 0.0, 150.0):
            for structure in (("dense", "gradient_aligned", "axis") if d <= 64 else ("dense",)):
                e = make_extreme(d, a, b, structure, 7, definite=1)
                s_ref, m_ref = ref.scalar_and_mean(e.grad, e.hess)
                for name, fn, r in (("S", gn.scalar_curvature, s_ref), ("mean", gn.mean_curvature, m_ref)):
                    if abs(r) > BIG:
                        try: fn(e.grad, e.hess); notes.add(f"{name}: overflow NOT raised!")
                        except gn.UnrepresentableError: notes.add(f"{name}: overflow raised")
                        continue
                    x = rel(fn(e.grad, e.hess), r)
                    if isinstance(x, float): worst[name] = max(worst[name], x)
                    else: notes.add(f"{name}: {x}")
                if d <= 64:
                    diag = make_extreme(d, a, b, "diagonal", 7, definite=1) if d > 8 else e
                    g_ref = ref.gauss_curvature(diag.grad, diag.hess)
                    if abs(g_ref) > BIG:
                        try: gn.gauss_curvature(diag.grad, diag.hess); notes.add("gauss: overflow NOT raised!")
                        except gn.UnrepresentableError: notes.add("gauss: overflow raised")
                    else:
                        x = rel(gn.gauss_curvature(diag.grad, diag.hess), g_ref)
                        if isinstance(x, float): worst["gauss"] = max(worst["gauss"], x)
                        else: notes.add(f"gauss: {x}")
                if d <= 8:
                    k_ref = ref.principal_curvatures(e.grad, e.hess)
                    top = max(abs(k) for k in k_ref)
                    if top > BIG: notes.add("kappa overflow"); continue
                    k = gn.principal_curvatures(e.grad, e.hess).tolist()
                    if top >= TINY:
                        worst["kappa"] = max(worst["kappa"], float(max(abs(mpmath.mpf(x) - y) for x, y in zip(k, k_ref)) / top))
                n += 1
    print(f"d={d:5d} cases={n:3d} max rel err: S {worst['S']:.1e}  mean {worst['mean']:.1e}  gauss {worst['gauss']:.1e}  kappa(normwise) {worst['kappa']:.1e}  ({time.time()-t0:.0f} s) notes: {sorted(notes)}", flush=True)
