"""Per-customer order summaries and RFM (recency, frequency, monetary) scores.

Inputs are flat order arrays: ``order_customer_index`` (int index into the
customer list, 0..n_customers-1), ``order_times`` and ``order_amounts_minor``
(integer amounts in minor currency units, e.g. cents). Times may be numpy
``datetime64`` values (any unit, naive = UTC) or plain numbers meaning *days*
since any fixed epoch; ``as_of`` is a ``datetime``/``date``/``datetime64`` or a
number of days on the same scale. Nothing here reads the clock.

Rules (see :func:`summarize_orders`):

* orders with an invalid customer index, a non-finite time, or a time whose
  period lies after ``as_of``'s period are ignored;
* time is cut into periods of ``period_days`` days (default 1: calendar days
  counted from the epoch); several orders in one period count as one
  "purchase occasion" with the summed amount (as lifetimes'
  ``summary_data_from_transaction_data`` does);
* ``frequency`` = number of occasions - 1 (repeat occasions), ``recency`` =
  last occasion - first occasion, ``T`` = as_of's period - first occasion,
  both in units of ``time_unit_days`` days (7 = weeks);
* ``monetary_repeat`` = mean amount of the repeat occasions (the first one
  excluded; 0 when there is none), lifetimes' ``monetary_value``.

RFM scores (:func:`rfm_scores`) are 1..n_bins (5 = best) per dimension:
R from days since the last order (fewer is better), F from the number of
orders, M from the total amount spent. Customers without orders get 0 in all
three and are left out of the ranking. Ties: see :func:`quantile_scores`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

_EPOCH = np.datetime64("1970-01-01T00:00:00", "us")


def to_days(values: ArrayLike | _dt.date) -> np.ndarray:
    """Convert datetime64 / datetime / date values or numbers to float days since 1970-01-01.

    Numbers are returned as float unchanged (they already are days). Timezone-aware
    datetimes are converted to UTC first.
    """
    if isinstance(values, _dt.datetime):
        if values.tzinfo is not None:
            values = values.astimezone(_dt.UTC).replace(tzinfo=None)
        values = np.datetime64(values, "us")
    elif isinstance(values, _dt.date):
        values = np.datetime64(values, "D")
    arr = np.asarray(values)
    if np.issubdtype(arr.dtype, np.datetime64):
        us = (arr.astype("datetime64[us]") - _EPOCH).astype(np.int64)
        out = us.astype(float) / 86_400_000_000.0
        return np.where(np.isnat(arr), np.nan, out)
    if arr.dtype == object:
        return np.array([float(to_days(v)) for v in arr.ravel()], dtype=float).reshape(arr.shape)
    return arr.astype(float)


@dataclass(frozen=True)
class OrderSummary:
    """Per-customer order facts as of a date (all arrays have length n_customers).

    has_orders: at least one valid order up to as_of.
    n_orders: number of valid orders (not collapsed).
    n_periods: distinct purchase periods (occasions).
    frequency: n_periods - 1 (0 when no orders): repeat occasions, BG/NBD's x.
    recency: time from first to last occasion, in time units (BG/NBD's t_x).
    T: time from first occasion to as_of's period, in time units (age).
    total_amount: sum of all order amounts, minor units (float64).
    monetary_repeat: mean amount of repeat occasions (0 when frequency == 0).
    first_day, last_day: day numbers (since 1970-01-01) of first and last order (NaN-free: 0 when none).
    days_since_last: as_of minus last order time in days (0 when no orders).
    time_unit_days, period_days, as_of_day: the settings used.
    """

    has_orders: np.ndarray
    n_orders: np.ndarray
    n_periods: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    T: np.ndarray
    total_amount: np.ndarray
    monetary_repeat: np.ndarray
    first_day: np.ndarray
    last_day: np.ndarray
    days_since_last: np.ndarray
    time_unit_days: float
    period_days: float
    as_of_day: float


def summarize_orders(
    n_customers: int,
    order_customer_index: ArrayLike,
    order_times: ArrayLike,
    order_amounts_minor: ArrayLike,
    as_of: ArrayLike | _dt.date,
    time_unit_days: float = 7.0,
    period_days: float = 1.0,
) -> OrderSummary:
    """Collapse orders into per-customer frequency / recency / T / monetary (rules in the module docstring)."""
    n = int(n_customers)
    if time_unit_days <= 0 or period_days <= 0:
        raise ValueError("time_unit_days and period_days must be positive")
    cidx = np.asarray(order_customer_index).astype(np.int64, copy=False).ravel()
    days = to_days(order_times).ravel()
    amounts = np.asarray(order_amounts_minor).astype(float, copy=False).ravel()
    if not (cidx.size == days.size == amounts.size):
        raise ValueError("order arrays must have the same length")
    as_of_day = float(to_days(as_of))
    as_of_period = np.floor(as_of_day / period_days)
    period = np.floor(days / period_days)
    amounts = np.where(np.isfinite(amounts), amounts, 0.0)
    ok = (cidx >= 0) & (cidx < n) & np.isfinite(days) & (period <= as_of_period)
    cidx, days, amounts, period = cidx[ok], days[ok], amounts[ok], period[ok].astype(np.int64)

    zeros = np.zeros(n)
    n_orders = np.bincount(cidx, minlength=n).astype(np.int64) if n else np.zeros(0, np.int64)
    total = np.bincount(cidx, weights=amounts, minlength=n) if n else zeros
    if cidx.size == 0:
        z = zeros.copy()
        return OrderSummary(
            n_orders > 0, n_orders, n_orders.copy(), z.copy(), z.copy(), z.copy(), total, z.copy(),
            z.copy(), z.copy(), z.copy(), float(time_unit_days), float(period_days), as_of_day,
        )

    n_periods, first_p, last_p, first_amt, order = _occasions(n, cidx, period, amounts, as_of_period)

    has = n_orders > 0
    unit = period_days / time_unit_days
    frequency = np.where(has, n_periods - 1, 0).astype(float)
    recency = np.where(has, (last_p - first_p) * unit, 0.0)
    T = np.where(has, (as_of_period - first_p) * unit, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        monetary = np.where(frequency > 0, (total - first_amt) / np.maximum(frequency, 1.0), 0.0)

    fd, ld = _first_and_last_days(n, days, cidx, order)
    first_day = np.where(has, fd, 0.0)
    last_day = np.where(has, ld, 0.0)
    days_since_last = np.where(has, np.maximum(as_of_day - last_day, 0.0), 0.0)
    return OrderSummary(
        has, n_orders, n_periods, frequency, recency, T, total, monetary,
        first_day, last_day, days_since_last, float(time_unit_days), float(period_days), as_of_day,
    )


def _occasions(n: int, cidx: np.ndarray, period: np.ndarray, amounts: np.ndarray, as_of_period: float
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Orders collapsed into purchase occasions (one per customer and period): per customer the number
    of occasions, the first and last occasion's period, the first occasion's amount; and the order of
    the orders by (customer, period)."""
    # sort by (customer, period) through one int64 key
    pmin = int(period.min())
    span = int(as_of_period) - pmin + 1
    key = cidx * span + (period - pmin)
    order = np.argsort(key, kind="stable")
    key_s = key[order]
    amt_s = amounts[order]
    new_occ = np.empty(key_s.size, dtype=bool)
    new_occ[0] = True
    np.not_equal(key_s[1:], key_s[:-1], out=new_occ[1:])
    occ_start = np.flatnonzero(new_occ)
    occ_amount = np.add.reduceat(amt_s, occ_start)
    occ_key = key_s[occ_start]
    occ_cust = occ_key // span
    occ_period = occ_key % span + pmin

    n_periods = np.bincount(occ_cust, minlength=n).astype(np.int64)
    new_cust = np.empty(occ_cust.size, dtype=bool)
    new_cust[0] = True
    np.not_equal(occ_cust[1:], occ_cust[:-1], out=new_cust[1:])
    cstart = np.flatnonzero(new_cust)
    custs = occ_cust[cstart]
    first_p = np.zeros(n)
    last_p = np.zeros(n)
    first_amt = np.zeros(n)
    first_p[custs] = occ_period[cstart]
    cend = np.append(cstart[1:], occ_cust.size) - 1
    last_p[custs] = occ_period[cend]
    first_amt[custs] = occ_amount[cstart]
    return n_periods, first_p, last_p, first_amt, order


def _first_and_last_days(n: int, days: np.ndarray, cidx: np.ndarray,
                         order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per customer the day of the first and of the last order (0 when none); *order* sorts by customer."""
    days_s = days[order]
    cust_s = cidx[order]
    ostart = np.flatnonzero(np.r_[True, cust_s[1:] != cust_s[:-1]])
    fd = np.zeros(n)
    ld = np.zeros(n)
    fd[cust_s[ostart]] = np.minimum.reduceat(days_s, ostart)
    ld[cust_s[ostart]] = np.maximum.reduceat(days_s, ostart)
    return fd, ld


def quantile_scores(values: ArrayLike, n_bins: int = 5, mask: ArrayLike | None = None) -> np.ndarray:
    """Scores 1..n_bins by mid-rank percentile (n_bins = highest values); 0 outside ``mask``.

    Rule: for each customer in ``mask``, let below = #values strictly smaller and
    equal = #values equal (itself included), out of m customers in ``mask``;
    percentile = (below + equal/2) / m; score = min(n_bins, floor(percentile * n_bins) + 1).
    Equal values therefore always get the same score (deterministic, order
    independent), and m distinct values spread evenly (m = n_bins gives 1..n_bins).
    """
    v = np.asarray(values, dtype=float).ravel()
    if n_bins < 1:
        raise ValueError("n_bins must be >= 1")
    mask = np.ones(v.size, bool) if mask is None else np.asarray(mask, bool).ravel()
    out = np.zeros(v.size, dtype=np.int64)
    sel = v[mask]
    m = sel.size
    if m == 0:
        return out
    sel = np.where(np.isfinite(sel), sel, np.where(sel > 0, np.finfo(float).max, -np.finfo(float).max))
    srt = np.sort(sel)
    below = np.searchsorted(srt, sel, side="left")
    upto = np.searchsorted(srt, sel, side="right")
    pct = (below + 0.5 * (upto - below)) / m
    out[mask] = np.minimum(n_bins, np.floor(pct * n_bins).astype(np.int64) + 1)
    return out


@dataclass(frozen=True)
class RFMScores:
    """recency_score, frequency_score, monetary_score: 1..n_bins (0 = no orders);
    total: their sum (0 or 3..3*n_bins); n_bins: the bin count used."""

    recency_score: np.ndarray
    frequency_score: np.ndarray
    monetary_score: np.ndarray
    total: np.ndarray
    n_bins: int


def rfm_scores(summary: OrderSummary, n_bins: int = 5) -> RFMScores:
    """RFM scores from an :class:`OrderSummary` (rules in the module docstring)."""
    has = summary.has_orders
    r = quantile_scores(-summary.days_since_last, n_bins, has)
    f = quantile_scores(summary.n_orders, n_bins, has)
    m = quantile_scores(summary.total_amount, n_bins, has)
    return RFMScores(r, f, m, r + f + m, int(n_bins))
