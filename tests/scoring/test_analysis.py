"""The dashboard's value analysis: deciles, the Pareto curve, groups, movement, months, labels."""

from datetime import date

import numpy as np
import pytest

from crm_desktop.scoring.analysis import decile_table, group_summary, monthly_sales, movement, pareto_curve, sums_by
from crm_desktop.scoring.segments import deciles


def _day(y, m, d):
    return float(date(y, m, d).toordinal() - date(1970, 1, 1).toordinal())


def test_decile_table_shares_add_up_and_the_top_group_is_worth_most():
    """Ten groups of ten customers: shares sum to 1, the cumulative share ends at 1, group 1 holds the most."""
    ev = np.arange(100, 0, -1, dtype=float)  # customer 0 is worth most
    dec = deciles(ev, ev > 0)
    spent = ev * 2
    orders = np.full(100, 4)
    rows = decile_table(dec, spent, orders, ev, np.linspace(1, 0.1, 100))
    assert [r.customers for r in rows] == [10] * 10
    assert rows[0].expected_value == sum(range(91, 101))
    assert sum(r.share for r in rows) == pytest.approx(1.0)
    assert rows[-1].cumulative_share == pytest.approx(1.0)
    assert rows[0].average_order == pytest.approx(rows[0].revenue / 40)
    assert rows[0].p_alive > rows[-1].p_alive


def test_prospects_are_left_out_of_the_deciles():
    """Customers without orders (decile 0) count in no group."""
    rows = decile_table([1, 0, 0], [500, 0, 0], [2, 0, 0], [900.0, 0, 0], [0.9, 0, 0])
    assert sum(r.customers for r in rows) == 1 and rows[0].share == 1.0


def test_pareto_curve_reaches_the_eighty_twenty_mark():
    """Two of ten customers holding 80 % of the value: the curve reads 0.8 at 20 %."""
    values = [40, 40] + [2.5] * 8
    curve = pareto_curve(values, points=11)
    assert curve.at_20 == pytest.approx(0.8)
    assert curve.value_share[2] == pytest.approx(0.8) and curve.customer_share[2] == pytest.approx(0.2)
    assert curve.value_share[0] == 0.0 and curve.value_share[-1] == pytest.approx(1.0)
    assert pareto_curve([]).at_20 == 0.0


def test_groups_keep_their_order_and_zeros():
    """A summary has a row for every group asked for, in that order, also the empty ones."""
    rows = group_summary(["MVC", "migrator", "MVC"], [100, 5, 50], [300.0, 1.0, 80.0], ("MVC", "MGC", "BZ", "migrator"))
    assert [(r.group, r.customers) for r in rows] == [("MVC", 2), ("MGC", 0), ("BZ", 0), ("migrator", 1)]
    assert rows[0].expected_value == 380.0


def test_movement_counts_who_changed_group():
    """Only customers in both runs whose group changed are counted, by (from, to)."""
    before = {"a": "active", "b": "active", "c": "dormant", "d": "new"}
    after = {"a": "at_risk", "b": "active", "c": "active", "e": "new"}
    assert movement(before, after) == {("active", "at_risk"): 1, ("dormant", "active"): 1}


def test_monthly_sales_splits_new_and_repeat_and_compares_last_year():
    """Each month's revenue, its first orders and repeat orders, and the same month a year before."""
    idx = [0, 0, 1, 1]
    days = [_day(2025, 11, 3), _day(2026, 10, 5), _day(2026, 11, 2), _day(2026, 11, 20)]
    amounts = [1000, 2000, 300, 700]
    rows = monthly_sales(idx, days, amounts, _day(2026, 11, 23), months=2)
    assert [(r.year, r.month) for r in rows] == [(2026, 10), (2026, 11)]
    october, november = rows
    assert (october.revenue, october.new_revenue, october.repeat_revenue) == (2000, 0, 2000)
    assert (november.revenue, november.new_revenue, november.repeat_revenue) == (1000, 300, 700)
    assert november.last_year == 1000 and october.last_year == 0


def test_sums_by_label_most_revenue_first():
    """Customers, buyers and revenue per lead source, the richest source first."""
    rows = sums_by(["trade_fair", "referral", "trade_fair", ""], [100, 900, 0, 50], [True, True, False, True])
    assert [(r.label, r.customers, r.buying_customers, r.revenue) for r in rows] == [
        ("referral", 1, 1, 900.0), ("trade_fair", 2, 1, 100.0), ("", 1, 1, 50.0)]
