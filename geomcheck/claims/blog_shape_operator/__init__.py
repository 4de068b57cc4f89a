"""Claims of 000: blog post "Hessian and Curvatures in Machine Learning: A Differential-Geometric
View" (LaTeX source form).

Every check derives the truth itself (jet-ring identities, exact SymPy, exact rational examples)
and compares it with what is printed.  Conventions: :mod:`geomcheck.conventions` (upward normal,
``h_ij = <d_i d_j X, N>``, ``s = g^{-1} h``, mean curvature = tr(s)/n).  By the labelling rule
(:mod:`geomcheck.claims.model`) a claim is judged under the convention the post fixes for it: the
downward normal its plane/half-cylinder sentence states, the upward normal the proof of Proposition 2
picks, the average its definition of the mean curvature gives.

Helpers shared by the sections (:mod:`._common`): ``_prove_all_n`` (exact jet proof up to the
invariant-theory bound), ``_shape_graph`` the exact shape operator of a concrete graph,
``_plane_cylinder`` the two surfaces of the post's example, ``_relu_rescaling`` the Dinh et al.
rescaling example, ``_frame_data`` an exact rational orthonormal frame at a non-critical point.

One module per section of the source, imported here in the document's order (the registry lists the
claims in registration order): :mod:`.introduction`, :mod:`.hypersurfaces`, :mod:`.shape_operator`,
:mod:`.principal_curvatures`, :mod:`.proposition_1`, :mod:`.proposition_2`, :mod:`.flatness`; the
source, the claim set and the helpers shared by several sections are in :mod:`._common`.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a section registers its claims
    introduction,
    hypersurfaces,
    shape_operator,
    principal_curvatures,
    proposition_1,
    proposition_2,
    flatness,
)
from ._common import CLAIMS, SOURCE

__all__ = ["CLAIMS", "SOURCE"]
