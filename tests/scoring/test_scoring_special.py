"""Vectorised special functions against the standard library and (when present) scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest

from crm_desktop.scoring._special import bgnbd_expected_core, digamma, gammaln, hyp2f1


def test_gammaln_matches_math_lgamma():
    """gammaln agrees with math.lgamma to 1e-12 absolute over tiny to large arguments."""
    x = np.concatenate([np.geomspace(1e-8, 1.0, 200), np.linspace(1.0, 50.0, 300), np.geomspace(50.0, 1e8, 100)])
    ref = np.array([math.lgamma(v) for v in x])
    assert np.max(np.abs(gammaln(x) - ref) / np.maximum(1.0, np.abs(ref))) < 1e-12


def test_digamma_matches_difference_of_lgamma():
    """digamma is the derivative of lgamma (central difference check) and ψ(1) = -Euler's constant."""
    x = np.linspace(0.05, 80.0, 400)
    h = 1e-5
    num = np.array([(math.lgamma(v + h) - math.lgamma(v - h)) / (2 * h) for v in x])
    assert np.max(np.abs(digamma(x) - num)) < 1e-6
    assert abs(float(digamma(np.array([1.0]))[0]) + 0.5772156649015329) < 1e-13


def test_hyp2f1_matches_scipy():
    """hyp2f1 matches scipy.special.hyp2f1 to 1e-10 relative for z in [0, 0.999]."""
    sp = pytest.importorskip("scipy.special")
    z = np.linspace(0.0, 0.999, 300)
    for a, b, c in [(0.24, 2.4, 2.2), (5.2, 7.4, 7.2), (100.2, 102.4, 102.2), (3.0, -0.2, 3.2), (1.5, 2.5, 0.5)]:
        assert np.max(np.abs(hyp2f1(a, b, c, z) / sp.hyp2f1(a, b, c, z) - 1)) < 1e-10


def test_bgnbd_core_matches_closed_form_with_scipy_2f1():
    """The Euler-transformed BG/NBD expectation core equals the paper's formula with scipy's 2F1."""
    sp = pytest.importorskip("scipy.special")
    r, al, a, b = 0.243, 4.414, 0.793, 2.426
    x = np.arange(0, 80, dtype=float)
    T = np.linspace(0.0, 60.0, x.size)
    for t in (0.5, 39.0, 52.0, 300.0):
        z = t / (al + T + t)
        ref = (a + b + x - 1) / (a - 1) * (
            1 - sp.hyp2f1(r + x, b + x, a + b + x - 1, z) * ((al + T) / (al + T + t)) ** (r + x)
        )
        assert np.max(np.abs(bgnbd_expected_core(r, al, a, b, x, T, t) / ref - 1)) < 1e-9


def test_bgnbd_core_is_finite_at_a_equal_one_and_z_near_one():
    """No division by a-1: a = 1 exactly and z close to 1 still give finite positive values."""
    v = bgnbd_expected_core(0.5, 0.01, 1.0, 3.0, np.array([0.0, 2.0, 30.0]), np.array([0.0, 1.0, 5.0]), 200.0)
    assert np.all(np.isfinite(v)) and np.all(v > 0)
