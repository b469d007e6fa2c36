"""The value analysis a dashboard shows, computed from one scoring run (pure numpy, ``as_of`` passed in).

* :func:`decile_table` — 十分制: per value group, customers, revenue, share, cumulative share,
  average order and mean P(active);
* :func:`pareto_curve` — share of value held by the top x % of customers, and the share at 20 %;
* :func:`group_summary` — counts and value per segment or lifecycle stage (in a given order);
* :func:`movement` — how many customers went from one segment (or stage) to another between two runs;
* :func:`monthly_sales` — revenue per calendar month for the last N months and the same months a year before,
  split into first orders (new customers) and repeat orders;
* :func:`sums_by` — customers and revenue per label (lead source, owner …);
* :func:`expected_revenue_within` — the repeat purchases the model expects per customer in the next days
  (what a sales target's forecast adds to the open pipeline).

Money is in minor units (floats from the scoring arrays, ints from orders); nothing here formats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from crm_desktop.scoring import BookScores


@dataclass(frozen=True)
class DecileRow:
    """One 十分制 group: ``decile`` 1 = the most valuable tenth (by expected value over the horizon)."""

    decile: int
    customers: int
    revenue: float  # spent so far (minor units)
    expected_value: float  # over the horizon
    share: float  # of the expected value of everyone with orders
    cumulative_share: float
    average_order: float  # revenue / orders
    p_alive: float  # mean


def decile_table(decile: ArrayLike, total_spent: ArrayLike, n_orders: ArrayLike, expected_value: ArrayLike,
                 p_alive: ArrayLike, n_bins: int = 10) -> list[DecileRow]:
    """The decile table (deciles from :func:`crm_desktop.scoring.segments.deciles`; 0 = prospect, left out)."""
    dec = np.asarray(decile, int)
    spent = np.asarray(total_spent, float)
    orders = np.asarray(n_orders, float)
    ev = np.asarray(expected_value, float)
    pa = np.asarray(p_alive, float)
    total_ev = float(ev[dec > 0].sum())
    rows, cumulative = [], 0.0
    for d in range(1, n_bins + 1):
        sel = dec == d
        n = int(sel.sum())
        value = float(ev[sel].sum())
        share = value / total_ev if total_ev > 0 else 0.0
        cumulative += share
        order_count = float(orders[sel].sum())
        rows.append(DecileRow(
            decile=d, customers=n, revenue=float(spent[sel].sum()), expected_value=value, share=share,
            cumulative_share=min(cumulative, 1.0),
            average_order=float(spent[sel].sum()) / order_count if order_count else 0.0,
            p_alive=float(pa[sel].mean()) if n else 0.0))
    return rows


@dataclass(frozen=True)
class ParetoCurve:
    """``customer_share[i]`` of the customers (best first) hold ``value_share[i]`` of the value;
    ``at_20`` is the share the top 20 % hold (the 80/20 mark)."""

    customer_share: tuple[float, ...]
    value_share: tuple[float, ...]
    at_20: float


def pareto_curve(values: ArrayLike, points: int = 101, mask: ArrayLike | None = None) -> ParetoCurve:
    """The Pareto curve of *values* (customers in *mask*), sampled at *points* shares from 0 to 1."""
    v = np.asarray(values, float).ravel()
    if mask is not None:
        v = v[np.asarray(mask, bool).ravel()]
    v = np.sort(v[np.isfinite(v) & (v > 0)])[::-1]
    xs = np.linspace(0.0, 1.0, points)
    if v.size == 0:
        return ParetoCurve(tuple(xs), tuple(np.zeros(points)), 0.0)
    cum = np.concatenate([[0.0], np.cumsum(v)]) / v.sum()
    # share of customers x → the first ceil(x·n) customers
    k = np.ceil(xs * v.size - 1e-9).astype(int)
    ys = cum[np.clip(k, 0, v.size)]
    at = cum[min(int(np.ceil(0.2 * v.size - 1e-9)), v.size)]
    return ParetoCurve(tuple(float(x) for x in xs), tuple(float(y) for y in ys), float(at))


@dataclass(frozen=True)
class GroupRow:
    """Customers in one segment or stage, their value so far and expected over the horizon."""

    group: str
    customers: int
    revenue: float
    expected_value: float


def group_summary(groups: ArrayLike, total_spent: ArrayLike, expected_value: ArrayLike,
                  order: tuple[str, ...]) -> list[GroupRow]:
    """One row per name of *order* (a segment or lifecycle stage), in that order, zeros included."""
    g = np.asarray(groups).astype(str)
    spent = np.asarray(total_spent, float)
    ev = np.asarray(expected_value, float)
    return [GroupRow(name, int((g == name).sum()), float(spent[g == name].sum()), float(ev[g == name].sum()))
            for name in order]


def movement(before: dict[str, str], after: dict[str, str]) -> dict[tuple[str, str], int]:
    """(from, to) → how many customers moved, for customers in both runs whose group changed."""
    moved: dict[tuple[str, str], int] = {}
    for cid, now in after.items():
        was = before.get(cid)
        if was is not None and was != now:
            moved[(was, now)] = moved.get((was, now), 0) + 1
    return moved


@dataclass(frozen=True)
class MonthRow:
    """Revenue of one calendar month (``year``, ``month``) and of the same month a year before; first orders of
    a customer count as new business, the others as repeat business."""

    year: int
    month: int
    revenue: int
    new_revenue: int
    repeat_revenue: int
    last_year: int


def monthly_sales(customer_index: ArrayLike, order_days: ArrayLike, amounts_minor: ArrayLike, as_of_day: float,
                  months: int = 12) -> list[MonthRow]:
    """Revenue for the *months* calendar months up to the one holding *as_of_day* (days since 1970-01-01)."""
    idx = np.asarray(customer_index, int)
    days = np.asarray(order_days, float)
    amounts = np.asarray(amounts_minor, np.int64)
    first_day = np.full(idx.max() + 1 if idx.size else 0, np.inf)
    if idx.size:
        np.minimum.at(first_day, idx, days)
    is_first = days == first_day[idx] if idx.size else np.zeros(0, bool)
    month_no = _month_numbers(days)
    end = _month_number(as_of_day)
    out = []
    for m in range(end - months + 1, end + 1):
        sel = month_no == m
        year, month = divmod(m, 12)
        out.append(MonthRow(year, month + 1, int(amounts[sel].sum()), int(amounts[sel & is_first].sum()),
                            int(amounts[sel & ~is_first].sum()), int(amounts[month_no == m - 12].sum())))
    return out


def _month_number(day: float) -> int:
    d = date.fromordinal(date(1970, 1, 1).toordinal() + int(np.floor(day)))
    return d.year * 12 + d.month - 1


def _month_numbers(days: ArrayLike) -> np.ndarray:
    as_dates = (np.floor(np.asarray(days, float)).astype("int64")).astype("datetime64[D]")
    months = as_dates.astype("datetime64[M]").astype(int)  # months since 1970-01
    return months + 1970 * 12


@dataclass(frozen=True)
class LabelRow:
    """Customers and revenue carrying one label (a lead source, an owner)."""

    label: str
    customers: int
    buying_customers: int
    revenue: float


def sums_by(labels: ArrayLike, total_spent: ArrayLike, has_orders: ArrayLike) -> list[LabelRow]:
    """One row per distinct label, most revenue first ("" for customers without one)."""
    lab = np.asarray(labels).astype(str)
    spent = np.asarray(total_spent, float)
    has = np.asarray(has_orders, bool)
    rows = [LabelRow(name, int((lab == name).sum()), int(((lab == name) & has).sum()), float(spent[lab == name].sum()))
            for name in np.unique(lab)]
    return sorted(rows, key=lambda r: (-r.revenue, r.label))


def expected_revenue_within(scores: BookScores, days: float) -> np.ndarray:
    """Per customer, the revenue (minor units) the model expects from repeat purchases in the next *days*:
    BG/NBD's conditional expected purchases over that window (paper eq. 10) times the expected order value;
    under the RFM fallback, the horizon's expected purchases scaled to the window.  0 for prospects."""
    from crm_desktop.scoring.bgnbd import BGNBDParams, conditional_expected_purchases

    has = np.asarray(scores.has_orders, bool)
    if days <= 0 or not has.any():
        return np.zeros(has.shape, dtype=float)
    if scores.r is not None and scores.alpha is not None and scores.a is not None and scores.b is not None:
        params = BGNBDParams(scores.r, scores.alpha, scores.a, scores.b)
        t = days / float(scores.time_unit_days)
        purchases = conditional_expected_purchases(params, t, scores.frequency, scores.recency, scores.T)
    else:
        purchases = np.asarray(scores.expected_purchases, float) * (days / max(1.0, float(scores.horizon_days)))
    out = np.where(has, np.nan_to_num(purchases) * np.asarray(scores.expected_order_value, float), 0.0)
    return np.maximum(out, 0.0)
