"""Customer scoring for crm-desktop: RFM, BG/NBD, Gamma-Gamma, deciles, segments, lifecycle.

Pure numpy + standard library (no scipy, pandas, Qt or database), pure
functions: everything time-dependent takes ``as_of``. The one-call entry point
is :func:`score_book`; the building blocks live in :mod:`.rfm`, :mod:`.bgnbd`,
:mod:`.gamma_gamma` and :mod:`.segments`.

Model choice in :func:`score_book` (reported in ``BookScores.model``):

* ``"bgnbd+gamma-gamma"``: BG/NBD for purchases, Gamma-Gamma for order value.
* ``"bgnbd+mean-order-value"``: BG/NBD fitted but Gamma-Gamma not usable
  (fewer than ``min_repeat_buyers`` repeat buyers with positive spend, no
  convergence, or q <= 1); the expected order value is then the customer's
  own mean order value. ``spend_fallback_reason`` says why.
* ``"rfm-fallback"``: BG/NBD not usable: no customers, fewer than
  ``min_customers`` customers with orders, fewer than ``min_repeat_buyers``
  repeat buyers, every first order in the as_of period (all T = 0), a fit that
  did not converge or reached absurd parameters, or non-finite predictions.
  ``fallback_reason`` says which. The heuristic used instead (not a
  probability model): with s = days since the last order and g = usual gap
  (:func:`.segments.usual_gaps`), p_alive = min(1, exp(-(s/g - 1) / 2))
  (1 up to one usual gap, 0.37 at three gaps);
  expected_purchases = p_alive · horizon_days / g; expected order value = own
  mean order value; expected_value = expected_purchases · order value · the
  mean monthly discount factor over the horizon.

Customers without orders (prospects) get p_alive = expected_purchases =
expected_value = 0 in every mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import ArrayLike

from . import bgnbd, gamma_gamma, rfm, segments
from ._special import bgnbd_expected_core
from .bgnbd import BGNBDParams, compress_rows, conditional_probability_alive, fit_bgnbd
from .gamma_gamma import GammaGammaParams, conditional_expected_average_value, fit_gamma_gamma
from .rfm import OrderSummary, quantile_scores, rfm_scores, summarize_orders, to_days
from .segments import LifecycleRules, SegmentRules, deciles, lifecycle_stages, pareto_share, usual_gaps, value_segments

__all__ = [
    "BookScores",
    "score_book",
    "BGNBDParams",
    "GammaGammaParams",
    "LifecycleRules",
    "SegmentRules",
    "OrderSummary",
    "summarize_orders",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "rfm_scores",
    "quantile_scores",
    "deciles",
    "pareto_share",
    "to_days",
    "bgnbd",
    "gamma_gamma",
    "rfm",
    "segments",
]

MONTH_DAYS = 30.415  # 4.345 weeks, lifetimes' month for weekly data


@dataclass(frozen=True)
class BookScores:
    """Result of :func:`score_book`. Money is in minor units (float64), times in days unless noted.

    Model-level fields:
      model: "bgnbd+gamma-gamma", "bgnbd+mean-order-value" or "rfm-fallback".
      fallback_reason: why BG/NBD was not used ("" when it was).
      spend_fallback_reason: why Gamma-Gamma was not used ("" when it was).
      r, alpha, a, b: BG/NBD parameters (alpha per time unit); None when not fitted.
      bgnbd_log_likelihood: Σ ln L at the estimate; None when not fitted.
      p, q, gamma: Gamma-Gamma parameters (gamma in minor units); None when not fitted.
      gg_log_likelihood: Σ ln L of Gamma-Gamma; None when not fitted.
      time_unit_days, period_days: time unit of frequency/recency/T and purchase-period length.
      horizon_days, n_months, monthly_discount_rate: the CLV horizon and discounting used.
      as_of_day: as_of in days since 1970-01-01.
      pareto_share_expected / pareto_share_historical: share of expected_value /
        total_spent held by the top 20 % of customers with orders.

    Per-customer arrays (length n_customers, aligned with customer_ids):
      has_orders, n_orders; frequency (repeat purchase periods), recency and T
      (time units, see :mod:`.rfm`); monetary (mean repeat-period value);
      total_spent; days_since_first_order, days_since_last_order (0 for prospects);
      usual_gap_days and usual_gap_is_own (see :func:`.segments.usual_gaps`);
      p_alive; expected_purchases over horizon_days; expected_order_value;
      expected_value (discounted expected spend over the horizon, i.e. CLV);
      decile (1 = top 10 % by expected_value, 0 = prospect); segment
      ("MVC", "MGC", "BZ", "migrator"); lifecycle ("prospect", "new", "active",
      "at_risk", "dormant", "lost"); rfm_recency, rfm_frequency, rfm_monetary
      (1..n_rfm_bins, 0 = prospect) and rfm_total.
    """

    customer_ids: np.ndarray
    model: str
    fallback_reason: str
    spend_fallback_reason: str
    r: float | None
    alpha: float | None
    a: float | None
    b: float | None
    bgnbd_log_likelihood: float | None
    p: float | None
    q: float | None
    gamma: float | None
    gg_log_likelihood: float | None
    time_unit_days: float
    period_days: float
    horizon_days: float
    n_months: int
    monthly_discount_rate: float
    as_of_day: float
    pareto_share_expected: float
    pareto_share_historical: float
    has_orders: np.ndarray
    n_orders: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    T: np.ndarray
    monetary: np.ndarray
    total_spent: np.ndarray
    days_since_first_order: np.ndarray
    days_since_last_order: np.ndarray
    usual_gap_days: np.ndarray
    usual_gap_is_own: np.ndarray
    p_alive: np.ndarray
    expected_purchases: np.ndarray
    expected_order_value: np.ndarray
    expected_value: np.ndarray
    decile: np.ndarray
    segment: np.ndarray
    lifecycle: np.ndarray
    rfm_recency: np.ndarray
    rfm_frequency: np.ndarray
    rfm_monetary: np.ndarray
    rfm_total: np.ndarray

    @property
    def used_fallback(self) -> bool:
        """True when BG/NBD was not used (model == "rfm-fallback")."""
        return self.model == "rfm-fallback"


def _try_bgnbd(s: OrderSummary, penalizer: float, min_customers: int,
               min_repeat_buyers: int) -> tuple[BGNBDParams | None, str]:
    """(params, reason): params None with a reason when BG/NBD is not usable."""
    has = s.has_orders
    n_with = int(has.sum())
    n_rep = int((s.frequency[has] > 0).sum())
    if s.has_orders.size == 0:
        return None, "no customers"
    if n_with == 0:
        return None, "no customer has orders"
    if n_with < min_customers:
        return None, f"only {n_with} customers with orders (BG/NBD needs {min_customers})"
    if n_rep == 0:
        return None, "no repeat buyers"
    if n_rep < min_repeat_buyers:
        return None, f"only {n_rep} repeat buyers (BG/NBD needs {min_repeat_buyers})"
    if not float(s.T[has].max()) > 0:
        return None, "every first order is in the as_of period (all T = 0)"
    try:
        params = fit_bgnbd(s.frequency[has], s.recency[has], s.T[has], penalizer=penalizer)
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:  # pragma: no cover - defensive
        return None, f"BG/NBD fit failed: {exc}"
    vals = np.array([params.r, params.alpha, params.a, params.b])
    if not params.converged or not np.all(np.isfinite(vals)) or np.any(vals <= 1e-8) or np.any(vals >= 1e8):
        return None, "BG/NBD fit did not converge to usable parameters"
    return params, ""


def _try_gamma_gamma(s: OrderSummary, penalizer: float,
                     min_repeat_buyers: int) -> tuple[GammaGammaParams | None, str]:
    sel = s.has_orders & (s.frequency > 0) & (s.monetary_repeat > 0)
    n = int(sel.sum())
    if n < max(2, min_repeat_buyers):
        return None, f"only {n} repeat buyers with positive spend"
    try:
        params = fit_gamma_gamma(s.frequency[sel], s.monetary_repeat[sel], penalizer=penalizer)
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:  # pragma: no cover - defensive
        return None, f"Gamma-Gamma fit failed: {exc}"
    vals = np.array([params.p, params.q, params.gamma])
    if not params.converged or not np.all(np.isfinite(vals)) or np.any(vals <= 0):
        return None, "Gamma-Gamma fit did not converge"
    if not params.q > 1.0:
        return None, "Gamma-Gamma q <= 1 (infinite mean order value)"
    return params, ""


def score_book(
    customer_ids: ArrayLike,
    order_customer_index: ArrayLike,
    order_times: ArrayLike,
    order_amounts_minor: ArrayLike,
    as_of: ArrayLike | date,
    *,
    time_unit_days: float = 7.0,
    period_days: float = 1.0,
    horizon_days: float = 365.0,
    discount_rate_annual: float = 0.10,
    penalizer: float = 0.0,
    gg_penalizer: float = 0.0,
    n_rfm_bins: int = 5,
    segment_rules: SegmentRules | None = None,
    lifecycle_rules: LifecycleRules | None = None,
    min_customers: int = 10,
    min_repeat_buyers: int = 3,
) -> BookScores:
    """Score every customer of a book as of ``as_of`` (see the module docstring and :class:`BookScores`).

    customer_ids: any array of n customer ids (returned as given);
    order_customer_index: per order, index into customer_ids; order_times:
    datetime64 or days (see :mod:`.rfm`); order_amounts_minor: integer minor units.
    Orders after as_of's period are ignored. CLV uses n_months =
    max(1, round(horizon_days / 30.415)) monthly steps of 30.415 days and the
    monthly rate (1 + discount_rate_annual)^(1/12) - 1 (lifetimes' formula).
    """
    ids = np.asarray(customer_ids)
    n = int(ids.shape[0]) if ids.ndim else 0
    s = summarize_orders(n, order_customer_index, order_times, order_amounts_minor, as_of, time_unit_days, period_days)
    has = s.has_orders
    horizon = _Horizon(time_unit_days, horizon_days, discount_rate_annual)
    gap_days, gap_own = usual_gaps(s.frequency, s.recency, time_unit_days, has)
    with np.errstate(divide="ignore", invalid="ignore"):
        own_aov = np.where(s.n_orders > 0, s.total_amount / np.maximum(s.n_orders, 1), 0.0)

    bg, reason = _try_bgnbd(s, penalizer, min_customers, min_repeat_buyers)
    gg, spend_reason = (None, "BG/NBD not used") if bg is None else _try_gamma_gamma(s, gg_penalizer, min_repeat_buyers)
    predicted = _model_predictions(s, bg, gg, own_aov, horizon) if bg is not None else None
    if bg is not None and predicted is None:
        bg, reason, spend_reason = None, "non-finite BG/NBD predictions", "BG/NBD not used"
    if bg is None or predicted is None:
        gg = None
        predicted = _fallback_predictions(s, gap_days, own_aov, horizon)
        model = "rfm-fallback"
    else:
        model = "bgnbd+gamma-gamma" if gg is not None else "bgnbd+mean-order-value"

    days_since_first = np.where(has, np.maximum(s.as_of_day - s.first_day, 0.0), 0.0)
    rfm_s = rfm_scores(s, n_rfm_bins)
    exp_value, exp_purch = predicted.expected_value, predicted.expected_purchases
    return BookScores(
        customer_ids=ids, model=model,
        fallback_reason=reason if bg is None else "", spend_fallback_reason=spend_reason if gg is None else "",
        r=_opt(bg.r if bg else None), alpha=_opt(bg.alpha if bg else None),
        a=_opt(bg.a if bg else None), b=_opt(bg.b if bg else None),
        bgnbd_log_likelihood=_opt(bg.log_likelihood if bg else None),
        p=_opt(gg.p if gg else None), q=_opt(gg.q if gg else None), gamma=_opt(gg.gamma if gg else None),
        gg_log_likelihood=_opt(gg.log_likelihood if gg else None),
        time_unit_days=float(time_unit_days), period_days=float(period_days), horizon_days=float(horizon_days),
        n_months=horizon.n_months, monthly_discount_rate=float(horizon.monthly), as_of_day=s.as_of_day,
        pareto_share_expected=pareto_share(exp_value, 0.20, has),
        pareto_share_historical=pareto_share(s.total_amount, 0.20, has),
        has_orders=has, n_orders=s.n_orders, frequency=s.frequency, recency=s.recency, T=s.T,
        monetary=s.monetary_repeat, total_spent=s.total_amount, days_since_first_order=days_since_first,
        days_since_last_order=s.days_since_last, usual_gap_days=gap_days, usual_gap_is_own=gap_own,
        p_alive=predicted.p_alive, expected_purchases=exp_purch, expected_order_value=predicted.order_value,
        expected_value=exp_value, decile=deciles(exp_value, has),
        segment=value_segments(has, exp_value, exp_purch, s.total_amount, segment_rules),
        lifecycle=lifecycle_stages(has, days_since_first, s.days_since_last, gap_days, predicted.p_alive,
                                   lifecycle_rules),
        rfm_recency=rfm_s.recency_score, rfm_frequency=rfm_s.frequency_score, rfm_monetary=rfm_s.monetary_score,
        rfm_total=rfm_s.total,
    )


def _opt(v: float | None) -> float | None:
    return None if v is None else float(v)


@dataclass(frozen=True)
class _Horizon:
    """The CLV horizon: ``n_months`` monthly steps of :data:`MONTH_DAYS`, the ``monthly`` discount rate
    ((1 + annual)^(1/12) - 1, lifetimes' formula) and months per time unit ``ppm``."""

    time_unit_days: float
    horizon_days: float
    discount_rate_annual: float

    @property
    def n_months(self) -> int:
        return max(1, int(round(self.horizon_days / MONTH_DAYS)))

    @property
    def monthly(self) -> float:
        return float((1.0 + self.discount_rate_annual) ** (1.0 / 12.0)) - 1.0

    @property
    def ppm(self) -> float:
        return MONTH_DAYS / self.time_unit_days

    def discounts(self) -> np.ndarray:
        """The discount factor of each month of the horizon."""
        return (1.0 + self.monthly) ** (-np.arange(1, self.n_months + 1, dtype=float))


@dataclass(frozen=True)
class _Predictions:
    """Per customer: P(alive), expected purchases over the horizon, expected value (CLV), order value."""

    p_alive: np.ndarray
    expected_purchases: np.ndarray
    expected_value: np.ndarray
    order_value: np.ndarray


def _model_predictions(s: OrderSummary, bg: BGNBDParams, gg: GammaGammaParams | None, own_aov: np.ndarray,
                       h: _Horizon) -> _Predictions | None:
    """BG/NBD (× Gamma-Gamma, or the own mean order value) predictions; None when any is not finite."""
    n, has = s.has_orders.shape[0], s.has_orders
    idx = np.flatnonzero(has)
    x, tx, TT = s.frequency[idx], s.recency[idx], s.T[idx]
    with np.errstate(all="ignore"):
        pa = conditional_probability_alive(bg, x, tx, TT)
        (ux, uT), _, inv = compress_rows(x, TT)
        t_grid = np.append(np.arange(1, h.n_months + 1) * h.ppm, h.horizon_days / h.time_unit_days)[:, None]
        core = bgnbd_expected_core(bg.r, bg.alpha, bg.a, bg.b, ux[None, :], uT[None, :], t_grid)
        core = core[:, inv] * pa[None, :]
        horizon_purch = core[-1]
        cum = np.vstack([np.zeros((1, idx.size)), core[:-1]])
        weights = np.einsum("k,kn->n", h.discounts(), np.diff(cum, axis=0))
        aov_has = conditional_expected_average_value(gg, x, s.monetary_repeat[idx]) if gg is not None else own_aov[idx]
        val = aov_has * weights
    if not (np.all(np.isfinite(pa)) and np.all(np.isfinite(horizon_purch)) and np.all(np.isfinite(val))):
        return None
    out = _Predictions(np.zeros(n), np.zeros(n), np.zeros(n), np.where(has, own_aov, 0.0))
    out.p_alive[idx] = pa
    out.expected_purchases[idx] = np.maximum(horizon_purch, 0.0)
    out.expected_value[idx] = val
    out.order_value[idx] = aov_has
    return out


def _fallback_predictions(s: OrderSummary, gap_days: np.ndarray, own_aov: np.ndarray, h: _Horizon) -> _Predictions:
    """The RFM heuristic of the module docstring, used when BG/NBD is not."""
    has = s.has_orders
    with np.errstate(all="ignore"):
        ratio = s.days_since_last / np.maximum(gap_days, 1e-9)
        pa = np.minimum(1.0, np.exp(-(ratio - 1.0) / 2.0))
        ep = pa * h.horizon_days / np.maximum(gap_days, 1e-9)
        ev = ep * own_aov * float(np.mean(h.discounts()))
    return _Predictions(np.where(has & np.isfinite(pa), pa, 0.0), np.where(has & np.isfinite(ep), ep, 0.0),
                        np.where(has & np.isfinite(ev), ev, 0.0), np.where(has, own_aov, 0.0))
