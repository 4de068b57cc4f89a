"""000, Introduction."""

from __future__ import annotations

import sympy as sp
from ...symbolic import graph_jets as gj
from ..model import Context, Outcome, Verdict
from ..registry import source_text
from ._common import _fmt, _hess, _ltx, _prove_all_n, _shape_graph, _sorted_eigs, add, SOURCE, t1, t2
from ..tools import matrix_pairs


@add("000-hessian-def", location="Introduction, paragraph 1",
     quote=r"""Assuming the standard basis for $\R^d$, from calculus we know that the second partial derivatives of $\ell$ at a point $\theta \in \R^d$ form a matrix called the Hessian matrix at $\theta$.""",
     expected=Verdict.TRUE, kind="definition")
def _hessian_def(ctx: Context) -> Outcome:
    ell = t1**3 * t2 + sp.sin(t1 * t2)
    H = sp.hessian(ell, (t1, t2))
    symmetric = sp.simplify(H[0, 1] - H[1, 0]) == 0
    # the basis matters: theta = B theta' turns the Hessian into B^T H B (a congruence)
    ell2 = t1**2 + t2**2
    B = sp.Matrix([[1, 1], [0, 1]])
    s1, s2 = sp.symbols("s1 s2", real=True)
    ell2_new = ell2.subs({t1: s1 + s2, t2: s2}, simultaneous=True)
    H_std = sp.hessian(ell2, (t1, t2))
    H_new = sp.hessian(ell2_new, (s1, s2))
    congruence = H_new == B.T * H_std * B
    e_std, e_new = _sorted_eigs(H_std), _sorted_eigs(H_new)
    ok = symmetric and congruence and e_std != e_new
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the matrix of second partials (symmetric by Schwarz) in the standard basis; the qualifier matters: another basis gives B^T H B",
        correction=None if ok else "the Hessian matrix is basis dependent",
        evidence={"schwarz_symmetric": symmetric, "H_standard_eigs": _fmt(e_std), "H_in_basis_b1=(1,0),b2=(1,1)": str(H_new),
                  "eigs_in_that_basis": _fmt(e_new)},
        latex=(r"$\nabla^2\ell$ is the matrix $(\partial_i\partial_j\ell)$, symmetric for $C^2$ losses (checked exactly for "
               r"$\ell=\theta_1^3\theta_2+\sin\theta_1\theta_2$). The qualifier ``standard basis'' is needed: in the basis "
               r"$b_1=(1,0), b_2=(1,1)$ the Hessian of $\theta_1^2+\theta_2^2$ is "
               f"$B^\\top(2I)B={sp.latex(H_new)}$ with eigenvalues ${_ltx(e_new)}$ instead of ${_ltx(e_std)}$ (a congruence, not a similarity)."),
        rule=None if ok else 'counterexample',
    )


@add("000-curvature-matrix-of-L", location="Introduction, paragraph 2, sentence 1",
     quote=r"""Often, one calls the Hessian matrix the “curvature matrix” of $L$ at $\theta$ [1, 2, etc.].""",
     expected=Verdict.TYPO, kind="verbal")
def _curv_matrix_L(ctx: Context) -> Outcome:
    text = source_text(SOURCE.file)
    here = text.find("“curvature matrix” of $L$")
    defined = text.find(r"the graph $L := \{ (\theta, \ell(\theta)) : \theta \in \R^d \}")
    # a point of L has d+1 coordinates; theta has d; the Hessian is that of ell (d x d)
    d = 3
    ths = sp.symbols("q1:4", real=True)
    ell = sp.Function("ell", real=True)(*ths)
    point_of_L = sp.Matrix(list(ths) + [ell])
    hess = sp.hessian(ell, ths)
    mismatch = point_of_L.shape[0] == d + 1 and hess.shape == (d, d)
    ok = 0 <= here < defined and mismatch
    verdict = Verdict.TYPO if ok else Verdict.TRUE
    return Outcome(
        verdict,
        "L (defined later as the graph in R^{d+1}) should be the loss ell: the Hessian is that of ell at theta in R^d",
        rule={Verdict.TYPO: 'symbol', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"one calls the Hessian matrix the ``curvature matrix'' of $\ell$ at $\theta$",
        evidence={"sentence_offset": here, "definition_of_L_offset": defined, "dim_point_of_L": d + 1, "hessian_shape": [d, d]},
        latex=(r"The symbol $L$ is not defined at this point; later it is the graph $L=\{(\theta,\ell(\theta))\}\subset\mathbb{R}^{d+1}$, "
               r"whose points are not $\theta\in\mathbb{R}^d$. The Hessian at $\theta$ is the $d\times d$ matrix of the loss $\ell$, so "
               r"the intended symbol is $\ell$ (the rest of the paragraph uses $\ell$)."),
    )


@add("000-eigenspectrum-curvatures", location="Introduction, paragraph 2, sentence 2",
     quote=r"""Indeed, it is well-justified since as we have learned in calculus, the eigenspectrum of this Hessian matrix represents the curvatures of the loss landscape of $\ell$ at $\theta$.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _eigenspectrum(ctx: Context) -> Outcome:
    # reading (a)/(b): equality / proportionality at a general point
    f = t1**2 + t2**2
    pt = (1, 1)  # grad = (2, 2): 1 + |grad|^2 = 9
    H = sp.hessian(f, (t1, t2)).subs({t1: 1, t2: 1})
    kappa = _sorted_eigs(_shape_graph(f, (t1, t2), pt))
    h_eigs = _sorted_eigs(H)
    equal = kappa == h_eigs
    proportional = sp.simplify(kappa[0] * h_eigs[1] - kappa[1] * h_eigs[0]) == 0
    # reading (c): equality at critical points, every n (jet identity s = H at grad = 0)
    res_crit = _prove_all_n(lambda A: matrix_pairs([[A.at_critical_point(e) for e in r] for r in gj.shape_operator_cf(A)],
                                                    _hess(A)), 2)
    # reading (d): the signs (inertia) always agree: s = w g^{-1} H is similar to w g^{-1/2} H g^{-1/2}
    f2 = 2 * t1 + 2 * t2 + t1**2 / 2 + 3 * t1 * t2 - t2**2
    H2 = sp.hessian(f2, (t1, t2))
    k2 = _sorted_eigs(_shape_graph(f2, (t1, t2), (0, 0)))
    e2 = _sorted_eigs(H2)
    same_signs = [sp.sign(e) for e in k2] == [sp.sign(e) for e in e2] and \
        [sp.sign(e) for e in kappa] == [sp.sign(e) for e in h_eigs]
    readings = {"(a) eigenvalues = principal curvatures everywhere": equal,
                "(b) proportional to the principal curvatures": proportional,
                "(c) equal at critical points (every n)": res_crit.holds_for_all_n,
                "(d) same signs (inertia) everywhere": same_signs}
    verdict = Verdict.AMBIGUOUS if (not equal and not proportional and res_crit.holds_for_all_n and same_signs) else Verdict.FALSE
    return Outcome(
        verdict,
        "vague: Hessian eigenvalues equal the principal curvatures only at critical points; elsewhere only their signs agree",
        rule={Verdict.AMBIGUOUS: 'readings', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"at a critical point of $\ell$ the Hessian eigenvalues are the principal curvatures of the graph; elsewhere the principal curvatures are the eigenvalues of $(1+|\nabla\ell|^2)^{-1/2}(I+\nabla\ell\nabla\ell^\top)^{-1}\nabla^2\ell$",
        evidence={"readings": readings, "ell": "theta1^2+theta2^2 at (1,1)", "hessian_eigs": _fmt(h_eigs),
                  "principal_curvatures": _fmt(kappa), "critical_point_proof": res_crit.evidence(),
                  "saddle_example": {"ell": str(f2), "hessian_eigs": _fmt(e2), "principal_curvatures": _fmt(k2)}},
        latex=(r"Readings tested. (a) equality: for $\ell=\theta_1^2+\theta_2^2$ at $(1,1)$ the Hessian eigenvalues are "
               f"${_ltx(h_eigs)}$ but the principal curvatures of the graph are ${_ltx(kappa)}$ (false). "
               r"(b) proportionality: the ratios differ (false). (c) at critical points $s=\nabla^2\ell$ exactly "
               r"(jet identity, every $n$): true. (d) inertia: $s=w\,g^{-1}\nabla^2\ell$ is similar to "
               r"$w\,g^{-1/2}\nabla^2\ell\,g^{-1/2}$, congruent to $\nabla^2\ell$, so by Sylvester's law the signs agree "
               f"(saddle example ${sp.latex(f2)}$ at $0$: ${_ltx(e2)}$ vs ${_ltx(k2)}$): true. The statement is true only in readings (c)/(d)."),
    )
