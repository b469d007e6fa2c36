"""BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").

Each customer buys at a Poisson rate λ ~ Gamma(r, α) while alive and, after
each repeat purchase, drops out with probability p ~ Beta(a, b). Data per
customer: x = repeat purchases (``frequency``), t_x = time of the last repeat
purchase since the first one (``recency``), T = time since the first purchase
(age); all times in one unit (weeks for CDNOW). Use
:func:`crm_desktop.scoring.rfm.summarize_orders` to build them from orders.

Fitting (:func:`fit_bgnbd`) maximises the likelihood of equation (6) of the
paper. Like lifetimes' ``BetaGeoFitter``:

* times are first divided by max(T), so the optimiser sees values in [0, 1];
  α is scaled back afterwards;
* the objective is -Σ w·ll / Σ w + penalizer · (r² + α² + a² + b²) in those
  scaled units (``penalizer`` defaults to 0, i.e. plain maximum likelihood);
* parameters are optimised as logarithms.

Customers are compressed to unique (x, t_x, T) rows with weights, and
lnΓ(r+x) - lnΓ(r) = Σ_{k<x} ln(r+k), ln B(a, b+x) - ln B(a, b) =
Σ_{k<x} ln((b+k)/(a+b+k)) are taken from cumulative sums over k, so no
vectorised lgamma is needed. The gradient is analytic and the optimiser a
damped Newton method (:mod:`._optim`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._optim import minimize_newton
from ._special import bgnbd_expected_core


@dataclass(frozen=True)
class BGNBDParams:
    """Fitted BG/NBD model.

    r, alpha: shape and rate of the Gamma distribution of purchase rates
        (alpha in the time unit of the data: mean rate r/alpha per unit).
    a, b: Beta distribution of the drop-out probability after a purchase.
    log_likelihood: Σ_i ln L_i at the estimate (unpenalised, original time unit).
    n_customers: customers used in the fit.
    converged: the optimiser's convergence test passed.
    iterations: optimiser iterations.
    penalizer: the L2 penalizer used.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = float("nan")
    n_customers: int = 0
    converged: bool = True
    iterations: int = 0
    penalizer: float = 0.0


def compress_rows(*columns: ArrayLike) -> tuple[tuple[np.ndarray, ...], np.ndarray, np.ndarray]:
    """Unique rows of equally long 1-d columns.

    Returns (unique_columns (tuple of arrays), counts, inverse) with
    ``unique_columns[j][inverse] == columns[j]``.
    """
    cols = [np.asarray(c, dtype=float).ravel() for c in columns]
    n = cols[0].size
    if n == 0:
        return tuple(c.copy() for c in cols), np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.lexsort(tuple(reversed(cols)))
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for c in cols:
        cs = c[order]
        change[1:] |= cs[1:] != cs[:-1]
    starts = np.flatnonzero(change)
    group = np.cumsum(change) - 1
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = group
    counts = np.diff(np.append(starts, n))
    uniq = tuple(c[order][starts] for c in cols)
    return uniq, counts, inverse


def _cum0(v: np.ndarray) -> np.ndarray:
    out = np.empty(v.size + 1)
    out[0] = 0.0
    np.cumsum(v, out=out[1:])
    return out


def _loglik_terms(r: float, alpha: float, a: float, b: float, x: np.ndarray, tx: np.ndarray, T: np.ndarray,
                  need_grad: bool = False) -> tuple[np.ndarray, tuple[np.ndarray, ...] | None]:
    """Per-row ln L and (optionally) its gradient w.r.t. (r, alpha, a, b)."""
    xi = x.astype(np.int64)
    xmax = int(np.max(xi)) if xi.size else 0
    k = np.arange(xmax, dtype=float)
    lr = _cum0(np.log(r + k))
    lb = _cum0(np.log(b + k))
    lab = _cum0(np.log(a + b + k))
    A1 = lr[xi] + r * np.log(alpha)
    A2 = lb[xi] - lab[xi]
    la_T = np.log(alpha + T)
    la_t = np.log(alpha + tx)
    rx = r + x
    pos = xi > 0
    bx1 = b + np.maximum(x, 1.0) - 1.0
    A3 = -rx * la_T
    A4 = np.log(a) - np.log(bx1) - rx * la_t
    m = np.where(pos, np.maximum(A3, A4), A3)
    e3 = np.exp(A3 - m)
    e4 = np.where(pos, np.exp(A4 - m), 0.0)
    s = e3 + e4
    ll = A1 + A2 + m + np.log(s)
    if not need_grad:
        return ll, None
    w3 = e3 / s
    w4 = e4 / s
    dr = _cum0(1.0 / (r + k))
    db = _cum0(1.0 / (b + k))
    dab = _cum0(1.0 / (a + b + k))
    g_r = dr[xi] + np.log(alpha) - w3 * la_T - w4 * la_t
    g_al = r / alpha - rx * (w3 / (alpha + T) + w4 / (alpha + tx))
    g_a = -dab[xi] + w4 / a
    g_b = db[xi] - dab[xi] - w4 / bx1
    return ll, (g_r, g_al, g_a, g_b)


def log_likelihood(params: BGNBDParams, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> np.ndarray:
    """Per-customer BG/NBD log-likelihood ln L(r, α, a, b | x, t_x, T)."""
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    TT = np.asarray(T, dtype=float)
    ll, _ = _loglik_terms(params.r, params.alpha, params.a, params.b, x.ravel(), tx.ravel(), TT.ravel())
    return ll.reshape(x.shape)


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike, weights: ArrayLike | None = None,
              penalizer: float = 0.0, initial: tuple[float, float, float, float] | None = None) -> BGNBDParams:
    """Maximum-likelihood BG/NBD fit (method in the module docstring).

    frequency must be whole numbers >= 0, 0 <= recency <= T, recency == 0 when
    frequency == 0, and max(T) > 0; a ValueError is raised otherwise. The result
    says whether the optimiser converged; callers decide what to do if not.
    ``initial`` = (r, alpha, a, b) in the data's time unit, default all 1.
    """
    x = np.asarray(frequency, dtype=float).ravel()
    tx = np.asarray(recency, dtype=float).ravel()
    TT = np.asarray(T, dtype=float).ravel()
    w_in = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float).ravel()
    if x.size == 0:
        raise ValueError("no customers")
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must be whole numbers >= 0")
    if np.any(tx < 0) or np.any(tx > TT + 1e-12) or np.any(tx[x == 0] != 0):
        raise ValueError("need 0 <= recency <= T and recency == 0 when frequency == 0")
    tmax = float(TT.max())
    if not np.isfinite(tmax) or tmax <= 0:
        raise ValueError("max(T) must be positive")
    scale = 1.0 / tmax
    (ux, utx, uT), counts, inv = compress_rows(x, tx * scale, TT * scale)
    uw = np.bincount(inv, weights=w_in, minlength=ux.size)
    W = float(uw.sum())
    pen = float(penalizer)

    def fg(phi: np.ndarray) -> tuple[float, np.ndarray]:
        r, al, a, b = np.exp(phi)
        with np.errstate(all="ignore"):
            ll, g = _loglik_terms(r, al, a, b, ux, utx, uT, need_grad=True)
            assert g is not None  # asked for
            theta = np.exp(phi)
            f = -float(np.einsum("i,i->", uw, ll)) / W + pen * float(theta @ theta)
            grad = np.array([-float(np.einsum("i,i->", uw, gi)) / W for gi in g]) + 2.0 * pen * theta
            grad = grad * theta
        return f, grad

    if initial is None:
        phi0 = np.zeros(4)
    else:
        r0, al0, a0, b0 = initial
        phi0 = np.log([r0, al0 * scale, a0, b0])
    res = minimize_newton(fg, phi0)
    r, al_s, a, b = np.exp(res.x)
    alpha = al_s / scale
    with np.errstate(all="ignore"):
        ll, _ = _loglik_terms(r, alpha, a, b, ux, utx / scale, uT / scale)
        total_ll = float(np.einsum("i,i->", uw, ll))
    return BGNBDParams(
        float(r), float(alpha), float(a), float(b), total_ll, int(round(W)), bool(res.converged),
        int(res.iterations), pen,
    )


def conditional_probability_alive(params: BGNBDParams, frequency: ArrayLike, recency: ArrayLike,
                                  T: ArrayLike) -> np.ndarray:
    """P(alive | x, t_x, T) = 1 / (1 + [x>0] · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)).

    Computed in log space; customers with x = 0 are alive with probability 1
    under BG/NBD (nobody can drop out before a repeat purchase).
    """
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    TT = np.asarray(T, dtype=float)
    log_div = (r + x) * (np.log(alpha + TT) - np.log(alpha + tx)) + np.log(a) - np.log(b + np.maximum(x, 1.0) - 1.0)
    p = np.exp(-np.logaddexp(0.0, log_div))
    return np.where(x > 0, p, 1.0)


def conditional_expected_purchases(params: BGNBDParams, t: ArrayLike, frequency: ArrayLike, recency: ArrayLike,
                                   T: ArrayLike) -> np.ndarray:
    """E[Y(t) | x, t_x, T]: expected repeat purchases in the next t time units (paper eq. 10).

    = (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))]
      / (1 + [x>0] · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)),
    with 2F1 evaluated as described in :func:`._special.bgnbd_expected_core`.
    t may be a scalar or broadcast against the customer arrays.
    """
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    TT = np.asarray(T, dtype=float)
    num = bgnbd_expected_core(r, alpha, a, b, x, TT, t)
    expected: np.ndarray = num * conditional_probability_alive(params, x, tx, TT)
    return expected


def expected_purchases(params: BGNBDParams, t: ArrayLike) -> np.ndarray:
    """E[X(t)]: expected purchases in (0, t] of a new customer (paper eq. 9)."""
    t = np.asarray(t, dtype=float)
    return bgnbd_expected_core(params.r, params.alpha, params.a, params.b, np.zeros_like(t), np.zeros_like(t), t)
