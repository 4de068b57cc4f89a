"""The exceptions geomcheck raises for input it cannot turn into a correct answer.

One module for every layer (numeric, symbolic, operators, estimators), importing neither torch
nor SymPy, so ``except geomcheck.SizeLimitError`` catches a refusal of either stack.
"""

from __future__ import annotations

__all__ = ["InvalidInputError", "UnrepresentableError", "SizeLimitError"]


class InvalidInputError(ValueError):
    """Raised when a computation is given input it cannot turn into a correct number; the message
    names the argument and the problem."""


class UnrepresentableError(InvalidInputError):
    """Raised when the inputs are finite but the true answer overflows the dtype (its magnitude
    exceeds the largest finite number); never replaced by ``inf`` or NaN.  (A true answer below
    the normal range is rounded by IEEE gradual underflow to a subnormal number or zero.)"""


class SizeLimitError(InvalidInputError):
    """Raised before a computation (numeric or symbolic) whose estimated memory or time exceeds a
    documented limit; the message says what to use instead and which keyword
    (``allow_large=True``) lifts the limit."""
