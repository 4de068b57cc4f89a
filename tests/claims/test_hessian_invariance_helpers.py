"""Unit tests for the private helpers of geomcheck.claims.hessian_invariance (source 003)."""

import sympy as sp

from geomcheck.claims.hessian_invariance import _common as hi
from geomcheck.claims.hessian_invariance import riemannian_hessian as rh


def test_rat_zero_decides_rational_identities():
    x, y = sp.symbols("x y")
    assert hi._rat_zero((x + y) ** 2 - x**2 - 2 * x * y - y**2)
    assert hi._rat_zero(1 / (x - 1) - 1 / (x + 1) - 2 / (x**2 - 1))
    assert not hi._rat_zero(x / (x + 1) - 1)
    assert not hi._rat_zero(sp.Rational(1, 3))
    assert hi._rat_zero(sp.Integer(0))


def test_zero_with_undefined_functions():
    t = sp.Symbol("t")
    g = sp.Function("g")(t)
    f = sp.Function("f")
    chain = sp.diff(f(g), t) - sp.diff(f(g), g) * sp.diff(g, t)
    assert hi._zero(chain)
    assert not hi._zero(sp.diff(f(g), t) - sp.diff(f(g), g))
    # the same atom is frozen to the same symbol, different atoms to different symbols
    a, b = hi._freeze([sp.diff(g, t), sp.diff(g, t) + sp.diff(g, t, 2)])
    assert (b - a).free_symbols and not (b - a).has(sp.Derivative)


def test_inv_small_is_the_inverse():
    M = hi._sym_matrix("m", 3)
    prod = (hi._inv_small(M) * M).applyfunc(sp.cancel)
    assert prod == sp.eye(3)
    assert hi._inv_small(hi._J3) * hi._J3 == sp.eye(3)
    assert hi._G3.is_positive_definite


def test_christoffel_of_the_sphere_and_first_kind():
    th, ph = sp.symbols("theta phi", positive=True)
    g = sp.diag(1, sp.sin(th) ** 2)
    G = hi._christoffel(g, (th, ph))
    assert sp.simplify(G[0][1][1] + sp.sin(th) * sp.cos(th)) == 0
    assert sp.simplify(G[1][0][1] - sp.cos(th) / sp.sin(th)) == 0
    assert G[0][0][0] == 0 and G[1][1][1] == 0
    # lowering the second-kind symbols gives the first-kind ones
    x, y = sp.symbols("x y", positive=True)
    h = sp.eye(2) / y**2
    G2, fk = hi._christoffel(h, (x, y)), hi._first_kind(h, (x, y))
    for l in range(2):
        for i in range(2):
            for j in range(2):
                assert sp.simplify(sum(h[l, k] * G2[k][i][j] for k in range(2)) - fk[l][i][j]) == 0


def test_printed_connection_law_reproduces_polar_christoffels():
    zero = [[[0] * 2 for _ in range(2)] for _ in range(2)]
    law = rh._printed_gamma_law(zero, hi.TH, hi.POLAR, (hi.R, hi.PHI))
    assert sp.simplify(law[0][1][1] + hi.R) == 0
    assert sp.simplify(law[1][0][1] - 1 / hi.R) == 0
    assert sp.simplify(law[0][0][0]) == 0


def test_eigs_sorted_and_exact():
    assert hi._eigs(sp.Matrix([[8, 0], [0, 2]])) == [2, 8]
    e = hi._eigs(sp.Matrix([[2, 4], [4, 10]]))
    assert [sp.simplify(v - w) for v, w in zip(e, [6 - 4 * sp.sqrt(2), 6 + 4 * sp.sqrt(2)])] == [0, 0]
    assert hi._eigs(sp.Matrix([[1, 1], [1, 1]])) == [0, 2]


def test_generic_chain_rule_data_is_consistent():
    G = hi._generic(2)
    # the calculus Hessian of L o theta differs from K^T H K by the gradient term, which is nonzero generically
    diff = G.Hd - G.K.T * G.hess * G.K
    assert not hi._all_zero(diff)
    extra = sp.Matrix(2, 2, lambda i, j: sum(G.grad[o] * G.D2[o][i][j] for o in range(2)))
    assert hi._all_zero(diff - extra)


def test_maps_and_inverses():
    back = [sp.expand(c.subs(dict(zip(hi.PS, hi.PHI_FWD)), simultaneous=True)) for c in hi.PHI_INV]
    assert back == [hi.T1, hi.T2]
    assert hi._K(hi.SHEAR).det() == 1
    Q = hi._K(hi.ROT)
    assert Q.T * Q == sp.eye(2)
