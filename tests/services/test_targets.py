"""Sales targets: the team setting, and a month's forecast (achieved + weighted pipeline + expected repeat)."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from calllist_book import add_customer, add_interaction, add_orders, background_book

from crm_desktop.domain import targets as d
from crm_desktop.domain.deals import DealInput
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.deals import DealService
from crm_desktop.services.targets import TargetOutOfRange, TargetService


@pytest.fixture
def svc(ctx):
    calllist = CallListService(ctx, tz=UTC)
    return TargetService(ctx, calllist, DealService(ctx))


def test_targets_are_a_team_setting_per_month_and_person(svc):
    """Set, change and remove targets; a bad amount gets one sentence; junk in the setting is dropped."""
    svc.set_target("2026-12", "", 50_000_000)
    svc.set_target("2026-12", "王磊", 20_000_000)
    assert svc.targets() == {"2026-12": {"": 50_000_000, "王磊": 20_000_000}}
    assert not svc.set_target("2026-12", "王磊", 20_000_000)  # unchanged: nothing written
    svc.set_target("2026-12", "王磊", 0)
    assert svc.targets() == {"2026-12": {"": 50_000_000}}
    with pytest.raises(TargetOutOfRange):
        svc.set_target("2026-12", "", -1)
    assert d.targets_from_json({"2026-13": {"": 5}, "2026-11": {"": True, "a": 3, "b": "x"}, "x": 1}) == {
        "2026-11": {"a": 3}}


def test_the_forecast_adds_the_month_so_far_the_weighted_pipeline_and_expected_repeats(ctx, svc, clock):
    """王磊's month: his customers' orders this month, his deal closing this month at its stage's chance, and
    what the model expects his regular buyers to reorder in the rest of the month; the customers to call are
    his most likely repeaters not contacted this week; the team's month counts everyone's."""
    background_book(ctx)
    month = d.month_key(clock().astimezone(UTC).date())
    start, _end = d.month_bounds(month, UTC)
    regular = add_customer(ctx, "Regular", owner="王磊")
    add_orders(ctx, regular, [14 * j + 3 for j in range(20)], 50_000)
    called = add_customer(ctx, "Called", owner="王磊")
    add_orders(ctx, called, [14 * j + 4 for j in range(20)], 50_000)
    add_interaction(ctx, called, 1)
    other = add_customer(ctx, "Other", owner="陈静")
    add_orders(ctx, other, [14 * j + 5 for j in range(20)], 50_000)
    days_in = (clock() - start).days
    svc.set_target(month, "王磊", 10_000_000)
    deals = svc.deals
    deal = deals.create(DealInput(regular, title="年度采购", amount="20000", owner="王磊",
                                  expected_close=(clock() + timedelta(days=1)).date())).id
    deals.move(deal, "proposal")
    later = deals.create(DealInput(regular, title="明年", amount="90000", expected_close=date(2099, 1, 1))).id
    assert later
    p = svc.progress("王磊")
    mine_this_month = sum(50_000 for j in range(20) if 14 * j + 3 <= days_in) + \
        sum(50_000 for j in range(20) if 14 * j + 4 <= days_in)
    assert p.achieved == mine_this_month and p.target == 10_000_000
    assert p.pipeline == 1_000_000  # ¥20,000 in Proposal at 50 %; next year's deal is not this month's
    assert p.repeat > 0 and p.forecast == p.achieved + p.pipeline + p.repeat
    assert p.gap == max(0, 10_000_000 - p.forecast)
    names = [r.name for r in p.repeaters]
    assert "Regular" in names and "Called" not in names and "Other" not in names
    team = svc.progress()
    assert team.achieved >= p.achieved and team.repeat > p.repeat and team.target == 0 and team.gap == 0
