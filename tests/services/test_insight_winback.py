"""The dashboard's churn, win-back and complaint-breakdown figures, from the cached figures object."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from calllist_book import add_complaint, add_customer, add_orders, background_book

from crm_desktop.db import insight as q
from crm_desktop.domain.complaints import ComplaintRow
from crm_desktop.services.insight import FIGURES_VERSION, InsightService, from_json, to_json
from crm_desktop.services.insight_extra import complaint_breakdown
from crm_desktop.services.winback import REASONS, WinBackService


@pytest.fixture
def book(ctx):
    """30 steady buyers, two big buyers who stopped long ago, an open complaint."""
    steady = background_book(ctx)
    big = add_customer(ctx, "big", owner="王磊")
    add_orders(ctx, big, [400 + 14 * j for j in range(12)], 900000)
    other = add_customer(ctx, "other", owner="王磊")
    add_orders(ctx, other, [300 + 14 * j for j in range(12)], 500000)
    add_complaint(ctx, steady[0], hours_ago=100, deadline_hours=24)
    return {"steady": steady, "big": big, "other": other}


def test_churn_reasons_and_the_win_back_list_reach_the_figures_and_their_clicks(services, ctx, book):
    """A reason set for a customer counts under it with their spend; the win-back size is there; a click on
    the reason and on the win-back line lists those customers."""
    insight, winback = services.get(InsightService), services.get(WinBackService)
    winback.set_churn_reason(book["big"], "competitor")
    f = insight.refresh()
    by = {c.reason: c for c in f.churn}
    assert tuple(by) == REASONS
    assert by["competitor"].customers == 1 and by["competitor"].spent == 12 * 900000
    assert sum(c.customers for c in f.churn) == 1
    assert f.winback_customers == 2 and f.winback_spent == 12 * 900000 + 12 * 500000
    assert insight.members("churn", "competitor") == [book["big"]]
    assert insight.members("churn", "price") == []
    assert set(insight.members("winback", "")) == {book["big"], book["other"]}


def test_a_reason_set_after_the_figures_makes_the_cache_stale(services, ctx, book):
    """Setting a churn reason stamps the customer: the cached row no longer matches the book."""
    insight, winback = services.get(InsightService), services.get(WinBackService)
    insight.refresh()
    assert insight.cached().current
    winback.set_churn_reason(book["other"], "price")
    insight.invalidate(None)
    assert not insight.cached().current


def test_complaint_categories_and_months_are_in_the_figures(services, ctx, book):
    """The open complaint counts in its category and in this month's opened column; 12 months end today."""
    f = services.get(InsightService).refresh()
    assert sum(c.total for c in f.complaint_categories) == 1 and sum(c.open for c in f.complaint_categories) == 1
    assert len(f.complaint_months) == 12
    opened_month = (ctx.now() - timedelta(hours=100)).astimezone()
    last = f.complaint_months[-1]
    assert (last.year, last.month) == (ctx.now().astimezone().year, ctx.now().astimezone().month)
    assert sum(m.opened for m in f.complaint_months) == 1
    assert next(m for m in f.complaint_months
                if (m.year, m.month) == (opened_month.year, opened_month.month)).opened == 1


def _row(category, opened, resolved=None):
    return ComplaintRow(id="x", customer_id="c", customer_name="n", opened_at=opened, channel="phone",
                        category=category, severity="low", status="resolved" if resolved else "new", owner="",
                        description="", response_due_at=None, resolve_due_at=None, first_response_at=None,
                        resolved_at=resolved, closed_at=None, resolution="", satisfaction=None)


def test_complaint_breakdown_counts_opened_and_resolved_by_month_and_keeps_the_teams_category_order():
    """Team categories first in their order, others after; a complaint opened in March and resolved in
    April counts in both months; older than 12 months counts in no month but in its category."""
    rows = [_row("delivery", datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 4, 2, tzinfo=UTC)),
            _row("quality", datetime(2026, 4, 9, tzinfo=UTC)),
            _row("zzz", datetime(2024, 1, 9, tzinfo=UTC))]
    cats, months = complaint_breakdown(rows, ["quality", "delivery", "billing"], date(2026, 11, 30), UTC)
    assert [(c.category, c.total, c.open) for c in cats] == [("quality", 1, 1), ("delivery", 1, 0), ("zzz", 1, 1)]
    assert [(m.year, m.month) for m in months][0] == (2025, 12) and (months[-1].year, months[-1].month) == (2026, 11)
    by = {(m.year, m.month): (m.opened, m.resolved) for m in months}
    assert by[(2026, 3)] == (1, 0) and by[(2026, 4)] == (1, 1) and sum(o for o, _ in by.values()) == 2


def test_figures_of_the_old_version_are_rebuilt_never_misread(services, ctx, book):
    """The new parts round-trip through the cache's JSON; a row of version 1 is not read."""
    f = services.get(InsightService).refresh()
    back = from_json(to_json(f))
    assert back == f and FIGURES_VERSION == 3
    old = json.loads(to_json(f))
    old["version"] = 1
    for name in ("churn", "winback_customers", "winback_spent", "complaint_categories", "complaint_months"):
        old.pop(name)
    assert from_json(json.dumps(old)) is None
    with ctx.db.writing() as tx:
        q.store_figures(tx, f.day, q.fingerprint(tx), ctx.now(), json.dumps(old))
    assert services.get(InsightService).__class__(ctx).cached() is None
