"""Deals through the service: creating, moving through the stages, undoing a move, the stages setting,
the timeline's stage changes and quiet deals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_desktop.domain import deals as d
from crm_desktop.domain.changes import Kind
from crm_desktop.domain.deals import DealInput, DealSettings, Stage
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.deals import DealService, InvalidDeal, InvalidStages, LostReasonMissing
from crm_desktop.services.timeline import ContactLogInput, TimelineService


@pytest.fixture
def deals(services):
    return services.get(DealService)


@pytest.fixture
def cid(customers):
    return customers.create(CustomerInput(name="张伟", phone="13800138000")).id


def test_a_new_deal_is_in_the_first_open_stage_with_its_amount(deals, cid, clock):
    """A deal typed with "12,800.50" keeps 1280050 fen, the user as owner, and sits in 初步接洽 on the board."""
    made = deals.create(DealInput(cid, title="年度采购", amount="12,800.50"))
    assert made.changes.touches(Kind.DEAL) and made.changes.touches_customer(cid)
    row = deals.get(made.id)
    assert (row.amount_minor, row.currency, row.stage, row.owner) == (1280050, "CNY", "contact", "李娜")
    _st, cols = deals.board()
    assert [r.id for r in cols["contact"]] == [made.id]
    assert row.days_in_stage(clock() + timedelta(days=3)) == 3


def test_bad_input_is_refused_field_by_field(deals, cid):
    """No title and a bad amount: both fields named, nothing saved."""
    with pytest.raises(InvalidDeal) as caught:
        deals.create(DealInput(cid, title=" ", amount="lots"))
    assert {e.field for e in caught.value.errors} == {"title", "amount"}
    assert deals.for_customer(cid) == []


def test_moving_writes_history_and_undo_puts_it_back(deals, cid, clock):
    """A move changes the stage and adds a history row; undo restores the stage, its date and the history."""
    deal = deals.create(DealInput(cid, title="年度采购")).id
    since = deals.get(deal).stage_since
    clock.value += timedelta(days=2)
    moved = deals.move(deal, "needs")
    assert deals.get(deal).stage == "needs"
    assert [(c.from_stage, c.to_stage) for c in deals.history(deal)] == [(None, "contact"), ("contact", "needs")]
    _st, cols = deals.board()
    assert [r.id for r in cols["needs"]] == [deal] and cols["contact"] == []
    deals.undo_move(moved.undo)
    row = deals.get(deal)
    assert (row.stage, row.stage_since) == ("contact", since)
    assert [c.to_stage for c in deals.history(deal)] == ["contact"]
    assert [r.id for r in deals.board()[1]["contact"]] == [deal]


def test_lost_needs_a_reason_and_won_does_not(deals, cid):
    """Lost without a reason is refused with a sentence; with one it closes the deal off the board; Won closes too."""
    a = deals.create(DealInput(cid, title="A")).id
    b = deals.create(DealInput(cid, title="B")).id
    with pytest.raises(LostReasonMissing):
        deals.move(a, "lost")
    deals.move(a, "lost", "price")
    deals.move(b, "won")
    rows = {r.id: r for r in deals.for_customer(cid)}
    assert (rows[a].lost_reason, rows[a].closed_at is not None) == ("price", True)
    assert (rows[b].lost_reason, rows[b].closed_at is not None) == (None, True)
    assert all(not col for col in deals.board()[1].values())


def test_stages_are_a_team_setting(deals, cid):
    """Renamed and added stages are stored and read back; a deal of a removed stage shows in the first column."""
    deal = deals.create(DealInput(cid, title="A", stage="negotiation")).id
    st = DealSettings((Stage("contact", "初次拜访"), Stage("trial", "试用", usual_days=14), Stage("won", outcome=d.WON),
                       Stage("lost", outcome=d.LOST)))
    assert deals.save_settings(st).touches(Kind.SETTING)
    fresh = DealService(deals.ctx)
    assert [s.label() for s in fresh.settings().stages] == ["初次拜访", "试用", "Won", "Lost"]
    assert [r.id for r in fresh.board()[1]["contact"]] == [deal]
    with pytest.raises(InvalidStages):
        deals.save_settings(DealSettings((Stage("won", outcome=d.WON), Stage("lost", outcome=d.LOST))))


def test_timeline_shows_stage_changes(deals, cid, ctx, clock):
    """The customer's timeline has an entry per stage change, newest first, with the deal's title."""
    deal = deals.create(DealInput(cid, title="年度采购", amount="5000")).id
    clock.value += timedelta(hours=1)
    deals.move(deal, "proposal")
    entries = [e for e in TimelineService(ctx).page(cid).entries if e.kind == "deal"]
    assert [(e.from_status, e.outcome, e.body) for e in entries] == [("contact", "proposal", "年度采购"),
                                                                     (None, "contact", "年度采购")]
    assert entries[0].amount_minor == 500000


def test_a_deal_of_a_deleted_customer_is_refused(deals, cid, customers):
    """A deal for a customer who is gone says so in one sentence."""
    customers.delete(cid)
    with pytest.raises(UserError):
        deals.create(DealInput(cid, title="A"))


def test_quiet_deal_appears_and_goes_away_after_a_contact(deals, cid, ctx, clock):
    """In Proposal for 6 days without contact (usually 5): quiet; a logged contact today ends it."""
    deal = deals.create(DealInput(cid, title="年度采购", stage="proposal")).id
    clock.value += timedelta(days=6)
    quiet = deals.quiet_deals()
    assert [(q.deal.id, q.days_in_stage, q.usual.days, q.usual.sample) for q in quiet] == [(deal, 6, 5.0, 0)]
    TimelineService(ctx).log_contact(ContactLogInput(customer_id=cid, summary="电话跟进", occurred_at=clock()))
    assert deals.quiet_deals() == []


def test_usual_days_are_learned_from_closed_deals(deals, cid, clock):
    """Five closed deals that spent 2 days in Proposal make 2 days the usual time (sample 5)."""
    start = clock.value
    for i in range(5):
        clock.value = start
        deal = deals.create(DealInput(cid, title=f"D{i}", stage="proposal")).id
        clock.value = start + timedelta(days=2)
        deals.move(deal, "won")
    usual = deals.usual_days()
    assert (usual["proposal"].days, usual["proposal"].sample) == (2.0, 5)
    assert usual["needs"] == d.UsualDays(7.0, 0)


def test_a_deleted_deal_leaves_the_board_and_comes_back(deals, cid):
    """Deleting tombstones the deal (off the board and the customer's tab); bringing it back restores both."""
    deal = deals.create(DealInput(cid, title="年度采购")).id
    assert deals.delete(deal).touches_customer(cid)
    assert deals.for_customer(cid) == [] and not deals.board()[1]["contact"]
    deals.delete(deal, False)
    assert [r.id for r in deals.for_customer(cid)] == [deal]
    assert [r.id for r in deals.board()[1]["contact"]] == [deal]


def test_win_rates_are_learned_from_closed_deals_and_weigh_the_pipeline(deals, cid, clock):
    """Until enough closed deals went through Proposal its setting (50 %) counts; after 3 of 4 were won there
    (min_history 4) it is 75 %, and an open ¥10,000 deal in Proposal weighs ¥7,500 in the pipeline."""
    deals.save_settings(DealSettings(min_history=4))
    open_one = deals.create(DealInput(cid, title="open", amount="10000")).id
    deals.move(open_one, "proposal")
    assert deals.win_rates()["proposal"] == d.WinRate(50.0, 0, False)
    for k, won in enumerate((True, True, True, False)):
        made = deals.create(DealInput(cid, title=f"d{k}", amount="1")).id
        deals.move(made, "proposal")
        clock.value += timedelta(days=1)
        deals.move(made, "won" if won else "lost", None if won else "price")
    assert deals.win_rates()["proposal"] == d.WinRate(75.0, 4, True)
    assert deals.pipeline() == [d.Pipeline("CNY", 1, 1_000_000, 750_000)]
    deals.move(open_one, "negotiation")  # an open move teaches nothing new: the learned rates are kept
    assert deals.win_rates()["negotiation"] == d.WinRate(70.0, 0, False)
    from crm_desktop.db import deals as q

    with deals.ctx.db.reading() as tx:  # the SQL aggregate counts what the history says
        counted = q.stage_outcomes(tx, "won", ["won", "lost"])
        changes, closed = q.closed_history(tx, ["won", "lost"])
    assert counted == d.stage_outcomes(deals.settings(), changes, closed)
