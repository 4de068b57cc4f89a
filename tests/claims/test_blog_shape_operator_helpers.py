"""Unit tests for the private helpers of the 000/001 claims modules (blog post on the shape operator)."""

import sympy as sp

from geomcheck.claims.blog_shape_operator import _common as b0
from geomcheck.claims import blog_shape_operator_text as b1

x, y = sp.symbols("x y", real=True)


# ----------------------------------------------------------------------------- 001: rendering comparison


def test_strip_math_removes_inline_and_display_formulas():
    prose, formulas = b1.strip_math(r"an $n$-dimensional set \[a = b\] of $\ell$.")
    assert b1.tokens(prose) == ["an", "-", "dimensional", "set", "of", "."]
    assert [f["formula"] for f in formulas] == ["$n$", r"\[a = b\]", r"$\ell$"]
    assert [f["display"] for f in formulas] == [False, True, False]


def test_tokens_normalise_mojibake_and_typographic_punctuation():
    assert b1.tokens("the “curvature matrix” of geometry—especially") == b1.tokens(
        "the âcurvature matrixâ of geometryâespecially")
    assert b1.tokens("Landscape’s") == b1.tokens("Landscapeâs")


def test_essential_formulas():
    _, fs = b1.strip_math(r"of $\ell$ at $\theta \in \R^d$, a $d$-dimensional $M$ with $\kappa_1 = 0$, dimension $\geq 2$ \[x\]")
    assert [b1.essential(f) for f in fs] == [False, False, True, False, True, True, True]


def test_compare_rendering_faithful_with_referents_dropped():
    seg = r"the second partial derivatives of $\ell$ at a point $\theta$ form a matrix."
    cmp = b1.compare_rendering(seg, "the second partial derivatives of at a point form a matrix.")
    assert cmp["same_prose"] and not cmp["dropped_essential"] and cmp["dropped"] == [r"$\ell$", r"$\theta$"]


def test_compare_rendering_detects_a_changed_word_and_garbling():
    seg = r"principal curvatures of $L$ are intrinsic."
    cmp = b1.compare_rendering(seg, "principal curvatures of are not intrinsic.")
    assert not cmp["same_prose"]
    assert cmp["changes"] == [{"op": "insert", "000": "", "001": "not"}]
    garbled = b1.compare_rendering(r"let $\theta_*$ be critical", r"let \theta__ be critical")
    assert not garbled["same_prose"]


def test_compare_rendering_flags_a_dropped_display():
    seg = "is given by\n\n\\[h = N^{d+1} H\\]\n\nWhere"
    cmp = b1.compare_rendering(seg, "is given by\nWhere")
    assert cmp["same_prose"] and cmp["dropped_essential"] == [r"\[h = N^{d+1} H\]"]


def test_rendering_claims_fall_back_to_the_000_verdict_only_when_faithful():
    from geomcheck.claims import Context
    # a faithful, pure-prose statement inherits the (FALSE) verdict of the 000 claim ...
    out = b1.CLAIMS.claims["001-depends-on-parametrization"].check(Context())
    assert out.verdict.value == "FALSE" and out.correction
    # ... a statement whose formula is gone is AMBIGUOUS even though the 000 claim is TYPO
    assert b1.CLAIMS.claims["001-prop1"].check(Context()).verdict.value == "AMBIGUOUS"


# ----------------------------------------------------------------------------- 000: exact geometry helpers


def test_shape_graph_of_the_unit_sphere_cap():
    # upper hemisphere z = sqrt(1 - x^2 - y^2): upward normal points outward, s = -I; downward: +I
    f = sp.sqrt(1 - x**2 - y**2)
    pt = (sp.Rational(3, 13), sp.Rational(4, 13))  # 1 - 9/169 - 16/169 = 144/169
    assert b0._shape_graph(f, (x, y), pt) == -sp.eye(2)
    assert b0._shape_graph(f, (x, y), pt, downward=True) == sp.eye(2)


def test_shape_graph_matches_the_closed_form_off_critical_points():
    f = x**2 + y**2
    s = b0._shape_graph(f, (x, y), (1, 1))
    assert b0._sorted_eigs(s) == [sp.Rational(2, 27), sp.Rational(2, 3)]


def test_rational_frame_is_orthonormal_and_tangent():
    d = b0._frame_data()
    assert d["frame_ok"]
    assert d["s_E"] == d["s_E"].T and d["s"] != d["s"].T


def test_relu_rescaling_example():
    r = b0._relu_rescaling()
    assert r["same_function"]
    assert all(p["critical"] for p in r["points"].values())
    assert r["points"]["1"]["eigs"] == [0, 4] and r["points"]["2"]["eigs"] == [0, sp.Rational(17, 2)]


def test_plane_and_cylinder_curvatures():
    pc = b0._plane_cylinder()
    for d in pc["cylinder"].values():
        assert d["down"] == [0, 1] and d["up"] == [-1, 0] and d["gauss_down"] == 0
    ok, _ = b0._cylinder_isometry()
    assert ok
