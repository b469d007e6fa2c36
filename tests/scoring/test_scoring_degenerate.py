"""Degenerate books: finite results everywhere and the RFM fallback flag."""

from __future__ import annotations

import numpy as np

from crm_desktop.scoring import score_book

AS_OF = np.datetime64("2024-03-01")
FLOAT_FIELDS = ("p_alive", "expected_purchases", "expected_value", "expected_order_value", "usual_gap_days",
                "frequency", "recency", "T", "monetary", "total_spent", "days_since_last_order")


def assert_finite(res, n):
    """Every per-customer array has length n and no NaN/inf; scalars are finite."""
    for name in FLOAT_FIELDS:
        arr = getattr(res, name)
        assert arr.shape == (n,), name
        assert np.all(np.isfinite(arr)), name
    assert np.isfinite(res.pareto_share_expected) and np.isfinite(res.pareto_share_historical)
    for name in ("decile", "rfm_total", "segment", "lifecycle"):
        assert getattr(res, name).shape == (n,)


def days(*offsets):
    """Dates as_of + offsets (days)."""
    return AS_OF + np.array(offsets, dtype="timedelta64[D]")


def test_zero_customers():
    """A book with no customers and no orders returns empty arrays and the fallback."""
    res = score_book(np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([], dtype="datetime64[D]"),
                     np.array([], dtype=np.int64), AS_OF)
    assert_finite(res, 0)
    assert res.model == "rfm-fallback" and res.fallback_reason == "no customers"
    assert res.r is None and res.p is None


def test_customers_without_orders():
    """Only prospects: everything zero, stage prospect, fallback flagged."""
    res = score_book(np.arange(3), np.array([], dtype=np.int64), np.array([], dtype="datetime64[D]"),
                     np.array([], dtype=np.int64), AS_OF)
    assert_finite(res, 3)
    assert res.used_fallback and "no customer has orders" in res.fallback_reason
    assert list(res.lifecycle) == ["prospect"] * 3 and np.all(res.expected_value == 0)


def test_one_customer():
    """One customer with three orders: finite scores via the fallback."""
    res = score_book(np.array([42]), np.zeros(3, dtype=np.int64), days(-50, -30, -10), np.array([1000, 2000, 3000]),
                     AS_OF)
    assert_finite(res, 1)
    assert res.used_fallback and "customers with orders" in res.fallback_reason
    assert res.frequency[0] == 2 and res.p_alive[0] > 0


def test_everyone_bought_once():
    """Fifty one-time buyers: no repeat buyers, so the fallback with that reason."""
    n = 50
    rng = np.random.default_rng(0)
    res = score_book(np.arange(n), np.arange(n), days(*(-rng.integers(1, 300, n))), rng.integers(100, 10_000, n), AS_OF)
    assert_finite(res, n)
    assert res.used_fallback and res.fallback_reason == "no repeat buyers"


def test_all_bought_on_as_of_day():
    """Everyone's orders (several each) fall on as_of's day: T = 0 for all, fallback, finite."""
    n = 30
    cidx = np.repeat(np.arange(n), 3)
    res = score_book(np.arange(n), cidx, days(*([0] * cidx.size)), np.full(cidx.size, 500), AS_OF)
    assert_finite(res, n)
    assert res.used_fallback and res.fallback_reason == "no repeat buyers"  # same-day orders collapse
    assert np.all(res.lifecycle == "new")


def test_all_first_orders_in_as_of_period_with_weekly_periods():
    """Weekly periods with all orders inside as_of's week: no repeat periods, so fallback, finite."""
    n = 20
    cidx = np.repeat(np.arange(n), 2)
    res = score_book(np.arange(n), cidx, days(*([0, -1] * n)), np.full(cidx.size, 500), AS_OF, period_days=7.0)
    assert_finite(res, n)
    assert res.used_fallback


def test_huge_amounts():
    """Amounts near 1e15 minor units still give a fitted model or a fallback with finite values."""
    rng = np.random.default_rng(3)
    n, m = 200, 1500
    cidx = rng.integers(0, n, m)
    res = score_book(np.arange(n), cidx, days(*(-rng.integers(0, 400, m))), rng.integers(10**14, 10**15, m), AS_OF)
    assert_finite(res, n)
    assert res.model in ("bgnbd+gamma-gamma", "bgnbd+mean-order-value", "rfm-fallback")
    assert np.all(res.expected_value >= 0) and res.expected_value.max() > 1e13


def test_uniform_random_book_falls_back_or_fits_finitely():
    """A book with no heterogeneity (uniform random orders) never yields NaN whatever the fit does."""
    rng = np.random.default_rng(5)
    n, m = 500, 5000
    res = score_book(np.arange(n), rng.integers(0, n, m), days(*(-rng.integers(0, 700, m))), rng.integers(1, 100, m),
                     AS_OF)
    assert_finite(res, n)
    assert res.used_fallback == (res.fallback_reason != "")


def test_bad_orders_are_ignored():
    """Orders after as_of, with an out-of-range customer index or NaT are dropped, not fatal."""
    cidx = np.array([0, 0, 1, 5, -1, 1])
    when = np.array(["2024-01-01", "2024-05-01", "2024-02-01", "2024-02-01", "2024-02-01", "NaT"],
                    dtype="datetime64[D]")
    res = score_book(np.arange(2), cidx, when, np.array([100, 200, 300, 400, 500, 600]), AS_OF)
    assert_finite(res, 2)
    assert list(res.n_orders) == [1, 1] and list(res.total_spent) == [100.0, 300.0]
