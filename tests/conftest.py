"""Shared pytest configuration: Hypothesis profiles and the ``gpu`` marker.

Profiles (choose with the environment variable ``HYPOTHESIS_PROFILE``, default ``ci``):

* ``ci`` — derandomised (same examples every run), no deadline, few examples per property so
  the whole suite stays fast on two cores;
* ``thorough`` — randomised, 1000 examples per property, for local soak runs.

Tests marked ``@pytest.mark.gpu`` are skipped when ``torch.cuda.is_available()`` is false.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=20,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    derandomize=False,
    deadline=None,
    max_examples=1000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gpu: tests that need CUDA (skipped without it)")
    # torch's forward-mode AD loads its jvp decompositions through torch.jit.script on first use
    config.addinivalue_line(
        "filterwarnings", "ignore:`torch.jit.script` is deprecated:DeprecationWarning"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    gpu_items = [item for item in items if "gpu" in item.keywords]
    if not gpu_items:
        return
    import torch

    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs CUDA (torch.cuda.is_available() is False)")
    for item in gpu_items:
        item.add_marker(skip)
