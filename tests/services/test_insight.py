"""The dashboard's figures: built from the call list's scoring run, cached per day in the book."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from calllist_book import add_complaint, add_customer, add_orders, background_book

from crm_desktop.db import insight as q
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.scoring import score_book
from crm_desktop.services import Services
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.insight import (
    FIGURES_VERSION,
    SEGMENTS,
    STAGES,
    InsightService,
    from_json,
    members_of,
    to_json,
    week_notes,
)


@pytest.fixture
def book(ctx):
    """30 steady buyers with owners and lead sources, a lapsed big buyer, a prospect and an open complaint."""
    ids = background_book(ctx)
    lapsed = add_customer(ctx, "lapsed", owner="王磊", lead_source="referral")
    add_orders(ctx, lapsed, [200 + 14 * j for j in range(12)], 90000)
    prospect = add_customer(ctx, "prospect", lead_source="trade_show")
    add_complaint(ctx, ids[0], hours_ago=100, deadline_hours=24)
    return {"steady": ids, "lapsed": lapsed, "prospect": prospect}


@pytest.fixture
def insight(services):
    return services.get(InsightService)


def test_services_share_one_scoring_run_with_the_call_list(services, insight, book, monkeypatch):
    """The dashboard reads the call list's day fit: building figures after the list fits nothing again."""
    calllist = services.get(CallListService)
    assert insight.calllist is calllist
    calllist.build()
    calls = []
    monkeypatch.setattr("crm_desktop.services.calllist.score_book",
                        lambda *a, **k: calls.append(1) or pytest.fail("fitted a second time"))
    figures = insight.refresh()
    assert figures.customers == 32 and calls == []


def test_figures_hold_every_part_of_the_dashboard(insight, book, ctx):
    """Deciles, Pareto, segments, stages, months, owners, sources, complaints: all there and consistent."""
    f = insight.refresh()
    assert f.buyers == 31 and f.customers == 32
    assert [r.decile for r in f.deciles] == list(range(1, 11))
    assert sum(r.customers for r in f.deciles) == 31
    assert f.deciles[-1].cumulative_share == pytest.approx(1.0)
    assert f.pareto_x[0] == 0.0 and f.pareto_y[-1] == pytest.approx(1.0) and 0.2 <= f.pareto_at_20 <= 1.0
    assert tuple(g.group for g in f.segments) == SEGMENTS and sum(g.customers for g in f.segments) == 31
    assert tuple(g.group for g in f.stages) == STAGES and sum(g.customers for g in f.stages) == 32
    assert {g.group: g.customers for g in f.stages}["prospect"] == 1
    assert len(f.months) == 12 and f.new_revenue + f.repeat_revenue == sum(m.revenue for m in f.months)
    assert {o.label for o in f.owners} >= {"王磊"}
    assert {s.label: s.customers for s in f.sources}["trade_show"] == 1
    assert {s.label: s.buying_customers for s in f.sources}["trade_show"] == 0
    assert f.complaints_open == 1 and f.complaints_overdue == 1
    assert [c.severity for c in f.complaints][:1] == ["low"] and f.sla_kept is None
    assert f.day == ctx.now().astimezone().date().isoformat() and f.currency == "CNY"


def test_the_lapsed_big_buyer_is_in_the_at_risk_or_later_stages(insight, book):
    """A customer who bought every two weeks and stopped 200 days ago is not 'active' on the dashboard."""
    insight.refresh()
    lapsed_stage = insight.customer_scores(book["lapsed"]).stage
    assert lapsed_stage in ("at_risk", "dormant", "lost")
    assert book["lapsed"] in insight.members("stage", lapsed_stage)


def test_members_of_a_bar_are_exactly_the_customers_counted_in_it(insight, book):
    """Clicking a decile, segment or stage selects as many customers as its bar counts, best first."""
    f = insight.refresh()
    for r in f.deciles:
        assert len(insight.members("decile", str(r.decile))) == r.customers
    for g in f.segments:
        assert len(insight.members("segment", g.group)) == g.customers
    for g in f.stages:
        assert len(insight.members("stage", g.group)) == g.customers
    assert insight.members("decile", "x") == [] and insight.members("colour", "red") == []


def test_an_order_today_keeps_last_weeks_and_last_months_runs_but_an_old_order_does_not(insight, book, ctx,
                                                                                        monkeypatch):
    """The comparison runs depend only on orders before their day: today's order reuses them."""
    import crm_desktop.services.insight as module

    insight.refresh()
    runs = []
    real = module._comparison
    monkeypatch.setattr(module, "_comparison", lambda *a: runs.append(a[2]) or real(*a))
    add_orders(ctx, book["prospect"], [0.1])
    insight.invalidate(Changes.of(Kind.ORDER, customers=[book["prospect"]]))
    assert insight.refresh().buyers == 32 and runs == []
    add_orders(ctx, book["prospect"], [45])
    insight.invalidate(Changes.of(Kind.ORDER, customers=[book["prospect"]]))
    insight.refresh()
    assert sorted(runs) == [7, 30]


def test_figures_are_cached_in_the_book_and_read_back_for_the_first_paint(services, ctx, book, clock):
    """A new service (a restart) reads today's figures from the database without fitting anything."""
    first = services.get(InsightService).refresh()
    fresh = InsightService(ctx)
    cached = fresh.cached()
    assert cached is not None and cached.current and cached.figures == first


def test_a_write_after_caching_makes_the_cached_figures_not_current(services, ctx, book):
    """An order written after the figures were cached: the cache is still shown, but marked stale."""
    services.get(InsightService).refresh()
    add_orders(ctx, book["prospect"], [1])
    cached = InsightService(ctx).cached()
    assert cached is not None and not cached.current


def test_yesterdays_cache_is_not_current_today(services, ctx, book, clock):
    """Figures cached yesterday are shown at first paint but recomputed."""
    services.get(InsightService).refresh()
    clock.value += timedelta(days=1)
    cached = InsightService(ctx).cached()
    assert cached is not None and not cached.current


def test_a_cached_row_of_another_version_or_garbage_is_rebuilt_not_read(services, ctx, book):
    """The cache is derived: a row that does not parse as this version's figures reads as no cache."""
    f = services.get(InsightService).refresh()
    data = json.loads(to_json(f))
    data["version"] = FIGURES_VERSION + 1
    with ctx.db.writing() as tx:
        q.store_figures(tx, f.day, q.fingerprint(tx), f.built_at, json.dumps(data))
    assert InsightService(ctx).cached() is None
    with ctx.db.writing() as tx:
        q.store_figures(tx, f.day, q.fingerprint(tx), f.built_at, "{not json")
    assert InsightService(ctx).cached() is None
    assert from_json('{"version": 1, "day": 3}') is None


def test_only_the_newest_days_are_kept(ctx, clock):
    """The cache keeps the last few days, not one row per day forever."""
    with ctx.db.writing() as tx:
        for day in range(1, 8):
            q.store_figures(tx, f"2026-11-0{day}", "fp", clock(), "{}")
        assert [r[0] for r in tx.exec_driver_sql("SELECT day FROM insight_figures ORDER BY day")] == \
            ["2026-11-05", "2026-11-06", "2026-11-07"]


def test_json_round_trip_keeps_every_field(insight, book):
    """What is cached reads back equal."""
    f = insight.refresh()
    assert from_json(to_json(f)) == f


def test_invalidate_follows_the_kinds_that_change_figures(insight, book):
    """Orders, customers, complaints and settings make the figures stale; a snooze does not."""
    insight.refresh()
    assert not insight.invalidate(Changes.of(Kind.SNOOZE, customers=["x"]))
    assert insight.invalidate(Changes.of(Kind.ORDER, customers=["x"]))
    assert not insight.calllist.has_fit_for()


def test_customer_scores_describe_one_customer(insight, book):
    """The card's line: segment, decile, stage, P(active), usual gap and expected value of a steady buyer."""
    s = insight.customer_scores(book["steady"][29])
    assert s is not None and s.has_orders and 1 <= s.decile <= 10 and s.segment in SEGMENTS
    assert 0.0 <= s.p_alive <= 1.0 and s.gap_is_own and 14 <= s.usual_gap_days <= 35
    assert s.expected_value > 0 and s.horizon_months == 12 and s.currency == "CNY"
    assert insight.customer_scores("no-such-customer") is None
    prospect = insight.customer_scores(book["prospect"])
    assert prospect is not None and not prospect.has_orders and prospect.stage == "prospect"


def test_empty_book_has_empty_figures(services):
    """No customers: figures with zero counts, not an error."""
    f = services.get(InsightService).refresh()
    assert f.customers == 0 and f.buyers == 0 and all(r.customers == 0 for r in f.deciles)
    assert f.pareto_at_20 == 0.0 and f.week == ()


def test_week_notes_count_what_changed():
    """Customers who were active a week ago and are at risk now, new buyers, and those who came back."""
    import numpy as np

    ids = np.array(["a", "b", "c"], dtype=object)
    # a: bought every 10 days until 40 days ago; b: one order 5 days ago (new); c: came back after 300 days
    idx = [0] * 10 + [1] + [2, 2, 2, 2]
    days = [20000 - 40 - 10 * k for k in range(10)] + [19995] + [19300, 19310, 19320, 19997]
    amounts = [1000] * len(idx)
    now = score_book(ids, idx, days, amounts, 20000.0, min_customers=1, min_repeat_buyers=1)
    before = score_book(ids, idx, days, amounts, 19993.0, min_customers=1, min_repeat_buyers=1)
    orders = replace_arrays(ids, idx, days, amounts)
    notes = {n.kind: n.customers for n in week_notes(now, before, orders)}
    assert notes.get("new_buyers") == 1
    assert notes.get("came_back") == 1


def replace_arrays(ids, idx, days, amounts):
    import numpy as np

    from crm_desktop.db.calllist import OrderArrays

    return OrderArrays(ids, np.asarray(idx), np.asarray(days, float), np.asarray(amounts, np.int64), "CNY")


def test_members_of_orders_by_expected_value():
    """The customers of a bar come best first; prospects are in no segment."""
    from types import SimpleNamespace

    import numpy as np

    s = SimpleNamespace(customer_ids=np.array(["a", "b", "c", "p"], dtype=object),
                        decile=np.array([1, 1, 2, 0]), segment=np.array(["MVC", "MVC", "MGC", "migrator"]),
                        lifecycle=np.array(["active", "active", "active", "prospect"]),
                        has_orders=np.array([True, True, True, False]), expected_value=np.array([5.0, 9.0, 1.0, 0.0]))
    assert members_of(s, "decile", "1") == ["b", "a"]
    assert members_of(s, "stage", "active") == ["b", "a", "c"]
    assert members_of(s, "segment", "migrator") == []
    assert members_of(s, "stage", "prospect") == ["p"]


def test_dashboard_service_is_made_by_services_with_its_dependencies(ctx):
    """Services.get builds the dashboard service around the shared call list and complaints services."""
    services = Services(ctx)
    insight = services.get(InsightService)
    assert insight is services.get(InsightService)
    assert insight.calllist is services.get(CallListService)


def test_relationship_stages_stand_beside_what_customers_buy(tmp_path, clock):
    """The relationship figure counts customers per stage set by hand (and those without one) by what they
    buy; a click on a stage lists its customers, most valuable first; the cache keeps it."""
    from crm_desktop.services.insight_extra import relationship_figures, relationship_members

    class Scores:
        customer_ids = __import__("numpy").array(["a", "b", "c", "d"], dtype=object)
        lifecycle = __import__("numpy").array(["active", "dormant", "prospect", "at_risk"])
        expected_value = __import__("numpy").array([5.0, 1.0, 0.0, 9.0])

    stages = {"a": "commitment", "b": "commitment", "d": "exploration"}
    labels = {cid: ("", "", stage) for cid, stage in stages.items()}
    figures = {r.stage: r for r in relationship_figures(Scores, labels)}
    assert (figures["commitment"].buying, figures["commitment"].stopped) == (1, 1)
    assert figures["exploration"].slipping == 1 and figures[""].prospect == 1
    assert "awareness" not in figures  # nobody there
    assert relationship_members(Scores, stages, "commitment") == ["a", "b"]
    assert relationship_members(Scores, stages, "") == ["c"]


def test_the_customers_labels_are_read_again_only_after_a_customer_write(insight, book, ctx, customers,
                                                                         monkeypatch):
    """An order keeps the owners, lead sources and stages read before; a customer edit reads them again, so
    the sales by owner follow a handover."""
    from crm_desktop.db import insight as q

    reads = []
    real = q.customer_labels
    monkeypatch.setattr(q, "customer_labels", lambda tx: reads.append(1) or real(tx))
    insight.refresh()
    add_orders(ctx, book["prospect"], [0.1])
    insight.invalidate(Changes.of(Kind.ORDER, customers=[book["prospect"]]))
    insight.refresh()
    assert len(reads) == 1
    data = customers.get(book["lapsed"]).to_input()
    data.owner = "陈静"
    insight.invalidate(customers.update(book["lapsed"], data))
    figures = insight.refresh()
    assert len(reads) == 2 and "陈静" in {o.label for o in figures.owners}
