"""Deciles, Pareto share, value segments and lifecycle stages.

Value segments (:func:`value_segments`), decided in this order for customers
with at least one order (customers without orders are always ``migrator``:
there is nothing to value yet):

1. ``BZ`` (below zero): net future value < 0, where
   net = expected_value - cost_per_order · expected_purchases - cost_per_customer
   (costs in the same money unit as expected_value, over the same horizon;
   both default 0, so nobody is BZ unless a cost to serve is given).
2. ``MVC`` (most valuable: keep): among the rest, the top ``mvc_share``
   (default 0.20) of customers with orders ranked by net future value
   (ties: equal values are all in or all out, using the decile rule below;
   a customer is MVC when its percentile from the top, computed like
   :func:`deciles`, is <= mvc_share).
3. ``MGC`` (most growable): among the rest, net future value >=
   ``mgc_ratio`` (default 1.0) × historical value (total spent so far), i.e.
   the model expects at least as much over the horizon as they have spent in
   their whole history so far.
4. ``migrator``: everyone else.

Lifecycle stages (:func:`lifecycle_stages`), first matching rule wins:

1. ``prospect``: no orders.
2. ``new``: first order at most ``new_days`` (default 30) days before as_of.
3. ``lost``: P(alive) < ``p_lost`` (0.15) or overdue ratio >= ``lost_ratio`` (4.0).
4. ``dormant``: P(alive) < ``p_dormant`` (0.40) or overdue ratio >= ``dormant_ratio`` (2.5).
5. ``at_risk``: P(alive) < ``p_at_risk`` (0.70) or overdue ratio >= ``at_risk_ratio`` (1.5).
6. ``active``: everything else.

The overdue ratio is days since the last order divided by the customer's
usual gap between orders (:func:`usual_gaps`): "usually orders every 3 weeks;
nothing for 9 weeks" is a ratio of 3, i.e. ``dormant`` with the defaults.
BG/NBD gives P(alive) = 1 to one-time buyers, so for them the ratio decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .rfm import quantile_scores

SEGMENTS = ("MVC", "MGC", "BZ", "migrator")
STAGES = ("prospect", "new", "active", "at_risk", "dormant", "lost")


def deciles(values: ArrayLike, mask: ArrayLike | None = None, n_bins: int = 10) -> np.ndarray:
    """Decile 1..n_bins by value, 1 = highest values; 0 outside ``mask``.

    Rule: decile = n_bins + 1 - score, with score from
    :func:`crm_desktop.scoring.rfm.quantile_scores` (mid-rank percentile, so
    equal values share a decile and 10 distinct values get 1..10).
    """
    s = quantile_scores(values, n_bins, mask)
    return np.where(s > 0, n_bins + 1 - s, 0)


def pareto_share(values: ArrayLike, top_share: float = 0.20, mask: ArrayLike | None = None) -> float:
    """Share of the total value held by the top ``top_share`` of customers.

    The top k = ceil(top_share · n) customers by value (n customers in
    ``mask``) are taken; share = their sum / total sum. Returns 0.0 when
    n = 0 or the total is not positive (never NaN).
    """
    v = np.asarray(values, dtype=float).ravel()
    if mask is not None:
        v = v[np.asarray(mask, bool).ravel()]
    v = v[np.isfinite(v)]
    n = v.size
    total = float(v.sum()) if n else 0.0
    if n == 0 or not total > 0:
        return 0.0
    k = int(np.ceil(top_share * n - 1e-9))
    k = min(max(k, 0), n)
    top = np.partition(v, n - k)[n - k:] if k else v[:0]
    return float(top.sum() / total)


def usual_gaps(frequency: ArrayLike, recency: ArrayLike, time_unit_days: float, has_orders: ArrayLike,
               default_gap_days: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Usual gap between orders, in days, and whether it is the customer's own.

    Own gap = recency / frequency (mean time between purchase occasions) for
    customers with frequency > 0. Everyone else gets ``default_gap_days``,
    which defaults to the median own gap of the book, or 30 days when nobody
    has bought twice. Returns (gap_days, is_own).
    """
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    own = (x > 0) & np.asarray(has_orders, bool)
    gap = np.zeros(x.shape)
    gap[own] = tx[own] / x[own] * time_unit_days
    if default_gap_days is None:
        pos = gap[own & (gap > 0)]
        default_gap_days = float(np.median(pos)) if pos.size else 30.0
    gap = np.where(own & (gap > 0), gap, default_gap_days)
    return gap, own


@dataclass(frozen=True)
class LifecycleRules:
    """Thresholds of :func:`lifecycle_stages` (defaults documented in the module docstring)."""

    new_days: float = 30.0
    p_lost: float = 0.15
    p_dormant: float = 0.40
    p_at_risk: float = 0.70
    lost_ratio: float = 4.0
    dormant_ratio: float = 2.5
    at_risk_ratio: float = 1.5


def lifecycle_stages(has_orders: ArrayLike, days_since_first: ArrayLike, days_since_last: ArrayLike,
                     usual_gap_days: ArrayLike, p_alive: ArrayLike, rules: LifecycleRules | None = None) -> np.ndarray:
    """Lifecycle stage per customer as strings (rules in the module docstring)."""
    rules = rules or LifecycleRules()
    has = np.asarray(has_orders, bool)
    first = np.asarray(days_since_first, float)
    last = np.asarray(days_since_last, float)
    gap = np.maximum(np.asarray(usual_gap_days, float), 1e-9)
    pa = np.asarray(p_alive, float)
    ratio = last / gap
    conds = [
        ~has,
        first <= rules.new_days,
        (pa < rules.p_lost) | (ratio >= rules.lost_ratio),
        (pa < rules.p_dormant) | (ratio >= rules.dormant_ratio),
        (pa < rules.p_at_risk) | (ratio >= rules.at_risk_ratio),
    ]
    choices = ["prospect", "new", "lost", "dormant", "at_risk"]
    return np.select(conds, choices, default="active").astype("<U8")


@dataclass(frozen=True)
class SegmentRules:
    """Parameters of :func:`value_segments` (module docstring)."""

    cost_per_order: float = 0.0
    cost_per_customer: float = 0.0
    mvc_share: float = 0.20
    mgc_ratio: float = 1.0


def net_value(expected_value: ArrayLike, expected_purchases: ArrayLike,
              rules: SegmentRules | None = None) -> np.ndarray:
    """expected_value - cost_per_order · expected_purchases - cost_per_customer."""
    rules = rules or SegmentRules()
    return (
        np.asarray(expected_value, float)
        - rules.cost_per_order * np.asarray(expected_purchases, float)
        - rules.cost_per_customer
    )


def value_segments(has_orders: ArrayLike, expected_value: ArrayLike, expected_purchases: ArrayLike,
                   historical_value: ArrayLike, rules: SegmentRules | None = None) -> np.ndarray:
    """MVC / MGC / BZ / migrator per customer (rules in the module docstring)."""
    rules = rules or SegmentRules()
    has = np.asarray(has_orders, bool)
    net = net_value(expected_value, expected_purchases, rules)
    hist = np.asarray(historical_value, float)
    out = np.full(has.shape, "migrator", dtype="<U8")
    bz = has & (net < 0)
    out[bz] = "BZ"
    rest = has & ~bz
    m = int(has.sum())
    if m:
        # percentile from the top (mid-rank, among all customers with orders)
        v = np.where(np.isfinite(net), net, 0.0)[has]
        srt = np.sort(v)
        above = m - np.searchsorted(srt, v, side="right")
        equal = np.searchsorted(srt, v, side="right") - np.searchsorted(srt, v, side="left")
        pct_top = np.zeros(has.shape)
        pct_top[has] = (above + 0.5 * equal) / m
        mvc = rest & (pct_top <= rules.mvc_share)
        out[mvc] = "MVC"
        mgc = rest & ~mvc & (net >= rules.mgc_ratio * hist)
        out[mgc] = "MGC"
    return out
