"""004, Abstract."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ..model import Context, Outcome, Verdict
from ._common import _densenet_params, _mc_str, _mean_kappa_mc, _resnet_cifar_params, add
from .shared import _expected_hessian_exact, _proportional, _saddles_rarely, _trace_estimate_no_hvp


@add("004-abs-saddles-rarely-identified", location="Abstract",
     quote=r"""We show that saddle points in the original space are rarely
correctly identified as such in lower-dimensional representations if random projections are used.""",
     expected=Verdict.AMBIGUOUS, kind="probability")
def _abs_rarely(ctx: Context) -> Outcome:
    return _saddles_rarely("004-abs-saddles-rarely-identified", ctx)


@add("004-abs-expected-curvature-proportional", location="Abstract",
     quote=r"""In
such projections, the expected curvature in a lower-dimensional representation is proportional to
the mean curvature in the original loss space.""",
     expected=Verdict.TRUE, kind="verbal")
def _abs_prop(ctx: Context) -> Outcome:
    return _proportional("004-abs-expected-curvature-proportional", ctx)


@add("004-abs-mean-curvature-determines", location="Abstract",
     quote=r"""Hence, the mean curvature in the original loss space
determines if saddle points appear, on average, as either minima, maxima, or almost flat regions.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _abs_determines(ctx: Context) -> Outcome:
    cid = "004-abs-mean-curvature-determines"
    n_mc = 400_000 if ctx.thorough else 100_000
    H, EA, EB, EC = _expected_hessian_exact(3)
    km = _mean_kappa_mc(cid, ctx, 510, 490, n_mc, 1)        # tr H = 20 > 0
    kp = _mean_kappa_mc(cid, ctx, 490, 510, n_mc, 0)        # tr H = -20 < 0
    lim_minus = 20 - sp.sqrt(sp.pi * 1000 / 2)
    ok_b = km.mean + 4 * km.stderr < 0 and kp.mean - 4 * kp.stderr > 0
    ok_a = sp.expand(EA - H.trace()) == 0 and EB == 0
    return Outcome(
        Verdict.AMBIGUOUS if (ok_a and ok_b) else Verdict.NOT_CHECKABLE,
        "true if one averages the projected Hessian (E[H_ab] = tr(H) I); false if one averages the principal curvatures: "
        f"with 510 (+1) and 490 (-1) eigenvalues H > 0 but E[kappa_-] = {km.mean:.3g} < 0 (appears as a saddle on average)",
        correction=r"$\mathbb E[H_{\alpha,\beta}]=N\mathcal H\,I_2$ (sign of $\mathcal H$ decides); but $\mathbb E[\kappa_\pm]\approx\mathrm{tr}H\pm\sqrt{\pi\,\mathrm{tr}(H^2)/2}$, "
                   r"so averaged principal curvatures show a saddle whenever $|\mathrm{tr}H|<\sqrt{\pi\,\mathrm{tr}(H^2)/2}$.",
        evidence={"E[A]": str(EA), "E[B]": str(EB), "E[kappa_-]_510_490": km.as_evidence(), "E[kappa_+]_490_510": kp.as_evidence(),
                  "limit_E[kappa_-]_510_490": str(lim_minus), "limit_float": float(lim_minus), "reading_b_fails": ok_b},
        latex=(r"Reading (a), average of the projected Hessian: $\mathbb E[H_{\alpha,\beta}]=\mathrm{tr}(H)I_2=N\mathcal H I_2$ exactly, so $\mathcal H>0,<0,=0$ gives "
               r"minimum, maximum, flat: true. Reading (b), average of the projected principal curvatures: in the large-$N$ limit "
               r"$\kappa_\pm=g\pm\sqrt{h^2+B^2}$ with $g\sim\mathcal N(t,F)$ and $\sqrt{h^2+B^2}$ Rayleigh($\sqrt F$), so "
               r"$\mathbb E[\kappa_\pm]=t\pm\sqrt{\pi F/2}$. For $H$ with $510$ eigenvalues $+1$ and $490$ eigenvalues $-1$ ($\mathcal H>0$): "
               f"$\\mathbb E[\\kappa_-]\\to 20-\\sqrt{{500\\pi}}\\approx{float(lim_minus):.2f}$, Monte Carlo ${_mc_str(km)}$; with the signs swapped "
               f"$\\mathbb E[\\kappa_+]={_mc_str(kp)}>0$: such saddles appear as saddles, not as minima or maxima. The paper itself (Sec.~2.3.1) shows the two averages differ."),
    )


@add("004-abs-trace-without-hvp", location="Abstract",
     quote=r"""We use the connection between expected curvature and mean curvature (i.e., the normalized Hessian
trace) to estimate the trace of Hessians without calculating the Hessian or Hessian-vector products
as in Hutchinson’s method.""",
     expected=Verdict.TRUE, kind="algorithm")
def _abs_trace(ctx: Context) -> Outcome:
    return _trace_estimate_no_hvp("004-abs-trace-without-hvp", ctx)


@add("004-abs-7e6-parameters", location="Abstract",
     quote=r"""on different image classifiers with up to about 7 × 106 parameters.""",
     expected=Verdict.TRUE, kind="numeric")
def _abs_7e6(ctx: Context) -> Outcome:
    dn, rn = _densenet_params(), _resnet_cifar_params()
    ok = abs(Fraction(dn, 7 * 10 ** 6) - 1) < Fraction(1, 100) and rn < dn
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"largest model: DenseNet-121 with 6,956,298 parameters (recomputed: {dn}) = 0.994 x 7e6 ('7 x 106' is the PDF's 7 x 10^6)",
        correction=None if ok else "see evidence",
        evidence={"densenet121_cifar": dn, "resnet56": rn, "ratio_to_7e6": str(Fraction(dn, 7 * 10 ** 6))},
        latex=(f"The larger network (Sec.~3) has $6\\,956\\,298$ parameters (recomputed from the architecture: ${dn}$), "
               r"i.e.\ $0.994\times7\cdot10^6$; the extracted ``$7\times106$'' is $7\times10^6$."),
    )
