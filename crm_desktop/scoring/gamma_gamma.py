"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves").

A customer's order values are Gamma(p, ν) with ν ~ Gamma(q, γ) across
customers, independent of the purchase process. Fitted on repeat buyers only
(frequency x > 0) with m = mean value of the repeat purchases (lifetimes'
``monetary_value``), maximising

    ln L = lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln γ + (px-1) ln m + px ln x - (px+q) ln(γ + m x)

(the form lifetimes uses) over log p, log q, log γ with -Σ ln L / n +
penalizer · (p² + q² + γ²) as objective. Before fitting, amounts are divided
by their median so the optimiser works on numbers near 1 (γ is multiplied back
afterwards); with penalizer > 0 the penalty therefore applies to γ in those
scaled units.

Conditional expected average order value (paper eq. 5):

    E[M | x, m] = (q-1)/(px+q-1) · γp/(q-1) + px/(px+q-1) · m,

a weighted mean of the population mean γp/(q-1) and the customer's own mean;
it needs q > 1 (otherwise the population mean is infinite).

CLV (:func:`customer_lifetime_value`) follows lifetimes'
``customer_lifetime_value`` exactly: for months k = 1..n_months it takes the
expected purchases in month k, ΔE_k = E[Y(k·L)] - E[Y((k-1)·L)] with L =
``periods_per_month`` time units (4.345 for weeks, 30 for days in lifetimes),
multiplies by the expected average order value and discounts by
(1 + monthly_discount_rate)^k, and sums.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from ._optim import minimize_newton
from ._special import digamma, gammaln

if TYPE_CHECKING:
    from .bgnbd import BGNBDParams


@dataclass(frozen=True)
class GammaGammaParams:
    """Fitted Gamma-Gamma model: p (shape of order values), q and gamma (shape
    and scale of the Gamma prior on the rate ν; gamma in the data's money unit);
    log_likelihood: Σ ln L at the estimate; n_customers: repeat buyers used;
    converged / iterations: optimiser status; penalizer: the L2 penalizer."""

    p: float
    q: float
    gamma: float
    log_likelihood: float = float("nan")
    n_customers: int = 0
    converged: bool = True
    iterations: int = 0
    penalizer: float = 0.0


def _ll_terms(p: float, q: float, v: float, x: np.ndarray, m: np.ndarray, lx: np.ndarray, lm: np.ndarray,
              need_grad: bool = False, uniq: tuple[np.ndarray, np.ndarray] | None = None
              ) -> tuple[np.ndarray, tuple[np.ndarray, ...] | None]:
    # the lgamma/digamma terms depend on x only: evaluate them on the unique x
    ux, inv = np.unique(x, return_inverse=True) if uniq is None else uniq
    upx = p * ux
    px = p * x
    lxmv = np.log(x * m + v)
    lg = (gammaln(upx + q) - gammaln(upx))[inv] - gammaln(np.array([q]))[0]
    ll = lg + q * np.log(v) + (px - 1.0) * lm + px * lx - (px + q) * lxmv
    if not need_grad:
        return ll, None
    dpq_u = digamma(upx + q)
    dpq = dpq_u[inv]
    g_p = x * ((dpq_u - digamma(upx))[inv] + lm + lx - lxmv)
    g_q = dpq - digamma(np.array([q]))[0] + np.log(v) - lxmv
    g_v = q / v - (px + q) / (x * m + v)
    return ll, (g_p, g_q, g_v)


def log_likelihood(params: GammaGammaParams, frequency: ArrayLike, monetary: ArrayLike) -> np.ndarray:
    """Per-customer Gamma-Gamma ln L (only meaningful for frequency > 0, monetary > 0)."""
    x = np.asarray(frequency, dtype=float)
    m = np.asarray(monetary, dtype=float)
    ll, _ = _ll_terms(params.p, params.q, params.gamma, x, m, np.log(x), np.log(m))
    return ll


def fit_gamma_gamma(frequency: ArrayLike, monetary: ArrayLike, penalizer: float = 0.0,
                    initial: tuple[float, float, float] | None = None) -> GammaGammaParams:
    """Fit p, q, γ on the customers with frequency > 0 and monetary > 0 (others are ignored).

    Raises ValueError when fewer than two such customers exist.
    ``initial`` = (p, q, gamma) in the data's money unit; default (1, 1, median m).
    """
    x = np.asarray(frequency, dtype=float).ravel()
    m = np.asarray(monetary, dtype=float).ravel()
    sel = (x > 0) & (m > 0) & np.isfinite(m)
    x, m = x[sel], m[sel]
    if x.size < 2:
        raise ValueError("need at least two repeat buyers with positive spend")
    scale = float(np.median(m))
    ms = m / scale
    lx, lm = np.log(x), np.log(ms)
    n = x.size
    pen = float(penalizer)
    uniq = np.unique(x, return_inverse=True)

    def fg(phi: np.ndarray) -> tuple[float, np.ndarray]:
        p, q, v = np.exp(phi)
        with np.errstate(all="ignore"):
            ll, g = _ll_terms(p, q, v, x, ms, lx, lm, need_grad=True, uniq=uniq)
            assert g is not None  # asked for
            theta = np.exp(phi)
            f = -float(ll.sum()) / n + pen * float(theta @ theta)
            grad = (np.array([-gi.sum() / n for gi in g]) + 2.0 * pen * theta) * theta
        return f, grad

    if initial is None:
        phi0 = np.zeros(3)
    else:
        p0, q0, v0 = initial
        phi0 = np.log([p0, q0, v0 / scale])
    res = minimize_newton(fg, phi0)
    p, q, vs = np.exp(res.x)
    v = vs * scale
    with np.errstate(all="ignore"):
        total = float(_ll_terms(p, q, v, x, m, lx, np.log(m))[0].sum())
    return GammaGammaParams(float(p), float(q), float(v), total, int(n), bool(res.converged), int(res.iterations), pen)


def conditional_expected_average_value(params: GammaGammaParams, frequency: ArrayLike,
                                       monetary: ArrayLike) -> np.ndarray:
    """E[M | x, m] (module docstring). With x = 0 it is the population mean γp/(q-1).

    Requires q > 1; raises ValueError otherwise.
    """
    p, q, v = params.p, params.q, params.gamma
    if not q > 1.0:
        raise ValueError("q <= 1: the population mean order value is infinite")
    x = np.asarray(frequency, dtype=float)
    m = np.asarray(monetary, dtype=float)
    wi = p * x / (p * x + q - 1.0)
    return (1.0 - wi) * (v * p / (q - 1.0)) + wi * np.where(x > 0, m, 0.0)


def discounted_purchase_weights(expected_fn: Callable[[np.ndarray], np.ndarray], n_months: int,
                                periods_per_month: float, monthly_discount_rate: float) -> np.ndarray:
    """Σ_k ΔE_k / (1+d)^k for k = 1..n_months, where ``expected_fn(t)`` returns E[Y(t)] per customer.

    All horizons are evaluated in one call of ``expected_fn`` with t of shape
    (n_months, 1) so the work is vectorised.
    """
    steps = np.arange(1, int(n_months) + 1, dtype=float)
    t = (steps * periods_per_month)[:, None]
    E = expected_fn(t)
    E = np.vstack([np.zeros((1, E.shape[1])), E])
    dE = np.diff(E, axis=0)
    disc = (1.0 + monthly_discount_rate) ** (-steps)
    weights: np.ndarray = np.einsum("k,kn->n", disc, dE)
    return weights


def customer_lifetime_value(
    bgnbd_params: BGNBDParams,
    gg_params: GammaGammaParams,
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
    monetary: ArrayLike,
    n_months: int = 12,
    monthly_discount_rate: float = 0.01,
    periods_per_month: float = 4.345,
) -> np.ndarray:
    """Discounted expected spend over ``n_months`` months (lifetimes' formula, module docstring).

    ``periods_per_month`` is the number of the data's time units in a month
    (lifetimes: 4.345 weeks, 30 days, 1 month).
    """
    from .bgnbd import conditional_expected_purchases

    x = np.asarray(frequency, dtype=float).ravel()
    tx = np.asarray(recency, dtype=float).ravel()
    TT = np.asarray(T, dtype=float).ravel()
    aov = conditional_expected_average_value(gg_params, x, np.asarray(monetary, dtype=float).ravel())
    weights = discounted_purchase_weights(
        lambda t: conditional_expected_purchases(bgnbd_params, t, x, tx, TT),
        n_months, periods_per_month, monthly_discount_rate,
    )
    clv: np.ndarray = aov * weights
    return clv
