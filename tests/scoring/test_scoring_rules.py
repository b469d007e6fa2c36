"""RFM quintiles, deciles, Pareto share, segment and lifecycle rules on small hand-made books."""

from __future__ import annotations

import numpy as np

from crm_desktop.scoring import deciles, pareto_share, quantile_scores, rfm_scores, score_book, summarize_orders
from crm_desktop.scoring.segments import LifecycleRules, SegmentRules, lifecycle_stages, usual_gaps, value_segments

AS_OF = np.datetime64("2024-03-01")


def test_quintiles_of_ten_distinct_values():
    """Ten distinct values get quintile scores 1,1,2,2,3,3,4,4,5,5 regardless of input order."""
    v = np.array([10, 3, 7, 1, 9, 2, 8, 4, 6, 5])
    s = quantile_scores(v, 5)
    assert list(s[np.argsort(v)]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    perm = np.random.default_rng(1).permutation(10)
    assert np.array_equal(quantile_scores(v[perm], 5), s[perm])


def test_quintile_ties_share_a_score():
    """Equal values always get the same score (mid-rank rule): [1,1,1,1,5] -> 3,3,3,3,5 (percentile 0.4)."""
    assert list(quantile_scores(np.array([1, 1, 1, 1, 5]), 5)) == [3, 3, 3, 3, 5]
    assert list(quantile_scores(np.array([4, 4, 4]), 5)) == [3, 3, 3]


def test_quantile_scores_bins_are_configurable_and_mask_excludes():
    """n_bins = 3 on six values gives 1,1,2,2,3,3; masked-out entries score 0."""
    v = np.arange(8.0)
    mask = np.array([True] * 6 + [False] * 2)
    assert list(quantile_scores(v, 3, mask)) == [1, 1, 2, 2, 3, 3, 0, 0]


def test_rfm_scores_on_hand_made_book():
    """Five customers with 1..5 orders, the most frequent also the most recent and biggest: scores 1..5 each;
    prospect 0."""
    cidx, when, amt = [], [], []
    for c in range(5):
        for k in range(c + 1):
            cidx.append(c)
            when.append(AS_OF - np.timedelta64(10 * (5 - c) + 30 * k, "D"))
            amt.append(1000 * (c + 1))
    s = summarize_orders(6, np.array(cidx), np.array(when), np.array(amt), AS_OF)
    r = rfm_scores(s, 5)
    assert list(r.recency_score) == [1, 2, 3, 4, 5, 0]
    assert list(r.frequency_score) == [1, 2, 3, 4, 5, 0]
    assert list(r.monetary_score) == [1, 2, 3, 4, 5, 0]
    assert list(r.total) == [3, 6, 9, 12, 15, 0]


def test_summary_collapses_same_day_orders_and_uses_as_of():
    """Two orders on one day count as one occasion with summed amount; T and recency in weeks from as_of."""
    when = np.array(["2024-01-05", "2024-01-05", "2024-01-19", "2024-02-02"], dtype="datetime64[D]")
    s = summarize_orders(1, np.zeros(4, int), when, np.array([100, 200, 400, 600]), AS_OF)
    assert s.n_orders[0] == 4 and s.n_periods[0] == 3 and s.frequency[0] == 2
    assert s.recency[0] == 4.0 and s.T[0] == 8.0  # 28 days, 56 days
    assert s.monetary_repeat[0] == 500.0 and s.total_amount[0] == 1300.0
    assert s.days_since_last[0] == 28.0


def test_deciles_of_twenty_values():
    """Twenty distinct values: the two largest are decile 1, the two smallest decile 10."""
    v = np.arange(20.0)
    d = deciles(v)
    assert list(d[::-1]) == [k for k in range(1, 11) for _ in range(2)]


def test_pareto_share():
    """Top-20 % share: all value in one of five customers = 1.0, equal values = 0.2, empty or non-positive = 0.0."""
    assert pareto_share(np.array([100.0, 0, 0, 0, 0])) == 1.0
    assert abs(pareto_share(np.full(10, 7.0)) - 0.2) < 1e-12
    assert abs(pareto_share(np.array([50.0, 30, 10, 5, 5, 0, 0, 0, 0, 0])) - 0.8) < 1e-12
    assert pareto_share(np.array([])) == 0.0
    assert pareto_share(np.array([-1.0, 0.5])) == 0.0


def test_value_segments_rules():
    """BZ when net value < 0, MVC = top 20 % by net value, MGC = net >= historical spend, else migrator."""
    has = np.array([True] * 10 + [False])
    ev = np.array([1000.0, 900, 50, 40, 30, 20, 10, 5, 300, 60, 0])
    ep = np.array([10.0, 9, 1, 1, 1, 1, 1, 0.1, 3, 1, 0])
    hist = np.array([5000.0, 5000, 10, 100, 100, 100, 100, 100, 100, 100, 0])
    rules = SegmentRules(cost_per_order=8.0, cost_per_customer=0.0, mvc_share=0.2, mgc_ratio=1.0)
    seg = value_segments(has, ev, ep, hist, rules)
    # net = ev - 8*ep: [920, 828, 42, 32, 22, 12, 2, 4.2, 276, 52]; none < 0
    assert list(seg) == ["MVC", "MVC", "MGC", "migrator", "migrator", "migrator", "migrator", "migrator", "MGC",
                         "migrator", "migrator"]
    rules = SegmentRules(cost_per_order=8.0, cost_per_customer=10.0)
    seg = value_segments(has, ev, ep, hist, rules)
    assert seg[6] == "BZ" and seg[7] == "BZ" and seg[10] == "migrator"


def test_usual_gaps():
    """Own gap = recency/frequency in days; one-timers get the median own gap (or 30 days if none)."""
    gap, own = usual_gaps(np.array([2.0, 4.0, 0.0, 0.0]), np.array([6.0, 4.0, 0.0, 0.0]), 7.0,
                          np.array([True, True, True, False]))
    assert list(gap) == [21.0, 7.0, 14.0, 14.0] and list(own) == [True, True, False, False]
    gap, _ = usual_gaps(np.array([0.0]), np.array([0.0]), 7.0, np.array([True]))
    assert list(gap) == [30.0]


def test_lifecycle_rules():
    """Each stage from hand-set inputs: prospect, new, active, at_risk, dormant, lost (ratio and P(alive) routes)."""
    has = np.array([False, True, True, True, True, True, True, True])
    first = np.array([0.0, 10, 400, 400, 400, 400, 400, 400])
    last = np.array([0.0, 10, 14, 35, 63, 90, 7, 7])  # gap 21 days: ratios 0.67, 1.67, 3, 4.3, 0.33, 0.33
    gap = np.full(8, 21.0)
    pa = np.array([0.0, 1.0, 0.95, 0.95, 0.95, 0.95, 0.5, 0.1])
    st = lifecycle_stages(has, first, last, gap, pa, LifecycleRules())
    assert list(st) == ["prospect", "new", "active", "at_risk", "dormant", "lost", "at_risk", "lost"]


def test_score_book_hand_made_book_every_three_weeks():
    """'Usually orders every 3 weeks; nothing for 9 weeks' is dormant; a prospect stays prospect; as_of is honoured."""
    cidx = np.array([0, 0, 0, 1, 1, 1, 1])
    when = AS_OF - np.array([105, 84, 63, 49, 28, 7, 0], dtype="timedelta64[D]")
    res = score_book(np.array(["a", "b", "c"]), cidx, when, np.array([1000] * 7), AS_OF)
    assert res.used_fallback
    assert res.usual_gap_days[0] == 21.0 and res.days_since_last_order[0] == 63.0
    assert list(res.lifecycle) == ["dormant", "active", "prospect"]
    assert res.decile[2] == 0 and res.rfm_total[2] == 0
    later = score_book(np.array(["a", "b", "c"]), cidx, when, np.array([1000] * 7), AS_OF + np.timedelta64(70, "D"))
    assert later.lifecycle[1] in ("dormant", "lost") and later.days_since_last_order[1] == 70.0
