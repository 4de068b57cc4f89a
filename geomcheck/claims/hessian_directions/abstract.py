"""004, Abstract."""

from __future__ import annotations

from fractions import Fraction

from ..model import Context, Outcome, Verdict
from ._common import _densenet_params, _resnet_cifar_params, add
from .shared import _appear_on_average, _proportional, _saddles_rarely, _trace_estimate_no_hvp


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
     expected=Verdict.TRUE, kind="verbal")
def _abs_determines(ctx: Context) -> Outcome:
    return _appear_on_average(ctx)


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
