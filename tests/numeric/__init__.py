"""Tests of :mod:`geomcheck.numeric` and :mod:`geomcheck.testing`."""
