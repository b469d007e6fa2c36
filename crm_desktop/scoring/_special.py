"""Vectorised special functions in plain numpy (no scipy in the frozen app).

* :func:`gammaln` -- ln Γ(x) for x > 0 (shift to x >= 15, then Stirling series;
  absolute error around 1e-14).
* :func:`digamma` -- ψ(x) for x > 0 (same shift, asymptotic series).
* :func:`bgnbd_expected_core` -- the part of the BG/NBD conditional expectation
  that needs the Gauss hypergeometric function 2F1, evaluated through Euler's
  transformation so that the series always has small numerator parameters.
* :func:`hyp2f1` -- general 2F1(a, b; c; z) for real parameters and 0 <= z < 1,
  built on the same machinery (used in tests and for documentation).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

_SHIFT = 15
_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
# Stirling coefficients B_{2k} / (2k (2k-1)) for k = 1..6
_STIRLING = (1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0)
# digamma asymptotic coefficients B_{2k} / (2k) for k = 1..6
_DIGAMMA = (1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0, -691.0 / 32760.0)


def gammaln(x: ArrayLike) -> np.ndarray:
    """ln Γ(x) for positive real x, elementwise (float64 array out)."""
    x = np.asarray(x, dtype=float)
    small = x < _SHIFT
    y = np.where(small, x + _SHIFT, x)
    prod_log: np.ndarray | float
    if np.any(small):
        prod_log = np.zeros_like(x)
        # ln(x (x+1) ... (x+14)) done as a sum of logs (stable for tiny x)
        for k in range(_SHIFT):
            prod_log += np.log(np.where(small, x + k, 1.0))
    else:
        prod_log = 0.0
    inv = 1.0 / y
    inv2 = inv * inv
    series: np.ndarray | float = 0.0
    for c in reversed(_STIRLING):
        series = series * inv2 + c
    out: np.ndarray = (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + series * inv - prod_log
    return out


def digamma(x: ArrayLike) -> np.ndarray:
    """ψ(x) = d ln Γ(x) / dx for positive real x, elementwise."""
    x = np.asarray(x, dtype=float)
    small = x < _SHIFT
    y = np.where(small, x + _SHIFT, x)
    corr = np.zeros_like(x)
    if np.any(small):
        for k in range(_SHIFT):
            corr += np.where(small, 1.0 / (x + k), 0.0)
    inv = 1.0 / y
    inv2 = inv * inv
    series: np.ndarray | float = 0.0
    for c in reversed(_DIGAMMA):
        series = series * inv2 + c
    out: np.ndarray = np.log(y) - 0.5 * inv - series * inv2 - corr
    return out


def _tail_series(A: float, B: float, C: ArrayLike, z: ArrayLike, max_terms: int = 20000,
                 rtol: float = 1e-17) -> np.ndarray:
    """G = Σ_{n>=1} (A)_n (B+1)_{n-1} / ((C)_n n!) z^n, vectorised over C and z.

    A and B are scalars, C and z arrays of one shape, 0 <= z < 1. The sum runs
    per element until the remaining tail (bounded by the current term times
    ρ/(1-ρ), ρ the term ratio) is below ``rtol`` times the partial sum; the set
    of unfinished elements shrinks as they converge. An element still going
    after ``max_terms`` terms (only for z within ~1e-3 of 1) gets the geometric
    tail estimate added.
    """
    C = np.asarray(C, dtype=float)
    z = np.asarray(z, dtype=float)
    shape = np.broadcast(C, z).shape
    C = np.broadcast_to(C, shape).ravel()
    z = np.broadcast_to(z, shape).ravel()
    total = np.zeros(C.shape)
    if total.size == 0:
        return total.reshape(shape)
    term = A * z / C
    total += term
    idx = np.arange(C.size)
    Ca, za, ta, sa = C, z, term, total.copy()
    n = 1
    while idx.size:
        ratio = (A + n) * (B + n) * za / ((Ca + n) * (n + 1))
        ta = ta * ratio
        sa = sa + ta
        n += 1
        rho = np.maximum(np.abs(ratio), za)
        with np.errstate(divide="ignore", invalid="ignore"):
            tail = np.abs(ta) * rho / (1.0 - rho)
        done = (np.abs(ratio) < 1.0) & (tail <= rtol * np.abs(sa) + 1e-300)
        if n >= max_terms:
            est = np.where(rho < 1.0, ta * rho / (1.0 - rho), 0.0)
            sa = sa + est
            done = np.ones_like(done)
        if done.any():
            total[idx[done]] = sa[done]
            keep = ~done
            idx, Ca, za, ta, sa = idx[keep], Ca[keep], za[keep], ta[keep], sa[keep]
    return total.reshape(shape)


def bgnbd_expected_core(r: float, alpha: float, a: float, b: float, x: ArrayLike, T: ArrayLike,
                        t: ArrayLike) -> np.ndarray:
    """(a+b+x-1)/(a-1) * [1 - ((α+T)/(α+T+t))^(r+x) * 2F1(r+x, b+x; a+b+x-1; z)].

    z = t / (α+T+t). With Euler's transformation 2F1(a',b';c';z) =
    (1-z)^(c'-a'-b') 2F1(c'-a', c'-b'; c'; z) the bracket becomes
    1 - (1-z)^(a-1) F(A, a-1; C; z) with A = a+b-1-r and C = a+b+x-1, whose
    numerator parameters do not grow with x. Writing F = 1 + (a-1) G, the
    quotient by (a-1) is computed without the 1/(a-1) singularity:

        C * ( -expm1((a-1) ln(1-z)) / (a-1)  -  (1-z)^(a-1) * G ).

    This is the numerator of BG/NBD's conditional expectation (equation 10 of
    Fader, Hardie & Lee 2005); with x = T = 0 it is the unconditional E[X(t)].
    Arrays broadcast against each other.
    """
    x = np.asarray(x, dtype=float)
    T = np.asarray(T, dtype=float)
    t = np.asarray(t, dtype=float)
    z = t / (alpha + T + t)
    C = a + b + x - 1.0
    B = a - 1.0
    A = a + b - 1.0 - r
    L = np.log1p(-z)
    if abs(B) < 1e-12:
        first = -L * (1.0 + 0.5 * B * L)
    else:
        first = -np.expm1(B * L) / B
    G = _tail_series(A, B, C, z)
    core: np.ndarray = C * (first - np.exp(B * L) * G)
    return core


def hyp2f1(a: float, b: float, c: float, z: ArrayLike) -> np.ndarray:
    """Gauss hypergeometric 2F1(a, b; c; z) for scalar real a, b, c and 0 <= z < 1.

    Uses Euler's transformation (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) when that
    makes the numerator parameters smaller, then the power series with the
    convergence test of :func:`_tail_series`. c must not be 0, -1, -2, ...
    """
    z = np.asarray(z, dtype=float)
    pref = np.ones_like(z)
    if abs(c - a) + abs(c - b) < abs(a) + abs(b):
        pref = np.exp((c - a - b) * np.log1p(-z))
        a, b = c - a, c - b
    # 2F1 = 1 + Σ_{n>=1} (a)_n (b)_n/((c)_n n!) z^n = 1 + b * G with
    # G = Σ (a)_n (b+1)_{n-1}/((c)_n n!) z^n, the series of _tail_series.
    if b == 0 or a == 0:
        return pref * 1.0
    G = _tail_series(a, b, np.full(z.shape, float(c)), z)
    return pref * (1.0 + b * G)
