"""Claims of 003: blog post "The Invariance of the Hessian and Its Eigenvalues, Determinant, and Trace".

Every check derives the truth (exact SymPy with concrete maps and with generic maps built from
undefined functions, the jet ring for graph curvature, the reparametrization engine) and compares
it with the text.  Notation of the post: ``phi: theta -> psi``, ``J = d psi / d theta`` (vectors
transform as ``v~ = J v``), so ``K := d theta / d psi = J^{-1}``.  The engine's
:func:`~geomcheck.symbolic.reparam.jacobian` is ``d x_old / d y_new`` = the post's ``J^{-1}``.

Helpers shared by the sections (:mod:`._common`): :func:`_freeze` / :func:`_zero` (exact zero test of
expressions with derivatives of undefined functions), :func:`_christoffel` (first-principles
Levi-Civita symbols), :func:`_generic` (a generic map ``theta(psi)`` and loss ``L`` in ``d``
dimensions), :func:`_eigs` (exact sorted spectra).

One module per section of the source, imported here in the document's order (the registry lists the
claims in registration order): :mod:`.introduction`, :mod:`.bilinear_map`, :mod:`.non_invariance`,
:mod:`.riemannian_hessian`, :mod:`.invariance`, :mod:`.tensor_analysis`; the source, the claim set
and the helpers shared by several sections are in :mod:`._common`.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a section registers its claims
    introduction,
    bilinear_map,
    non_invariance,
    riemannian_hessian,
    invariance,
    tensor_analysis,
)
from ._common import CLAIMS, SOURCE

__all__ = ["CLAIMS", "SOURCE"]
