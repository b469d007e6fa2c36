"""Call sessions through a chosen set of customers: who is in, who is left out, the order, done marks."""

from __future__ import annotations

import math
from datetime import UTC, timedelta

import pytest
from calllist_book import add_customer, add_interaction, add_orders, background_book

from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import render_reason
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.calllist_session import SessionRow, session_order


@pytest.fixture
def svc(ctx):
    return CallListService(ctx, tz=UTC)


def _ids(session):
    return [e.customer_id for e in session.entries]


def test_order_puts_todays_reasons_first_then_value_then_done():
    """Pure ranking: reasons by score, then the rest by expected value (NaN as none), done ones last."""
    rows = [SessionRow("a", "Anna", 0.0, 500.0, False), SessionRow("b", "Bob", 80.0, 1.0, False),
            SessionRow("c", "Carl", 0.0, math.nan, False), SessionRow("e", "Eve", 150.0, 0.0, True),
            SessionRow("f", "Finn", 120.0, 0.0, False), SessionRow("g", "Gus", 0.0, 900.0, False)]
    assert [r.customer_id for r in session_order(rows)] == ["f", "b", "g", "a", "c", "e"]


def test_order_ties_by_name():
    """Equal scores read in name order, so the list does not shuffle between builds."""
    rows = [SessionRow("2", "Zoe", 0.0, 10.0, False), SessionRow("1", "Amy", 0.0, 10.0, False)]
    assert [r.name for r in session_order(rows)] == ["Amy", "Zoe"]


def test_every_contactable_customer_of_the_set_is_in_and_the_others_are_counted(ctx, svc):
    """All of the set is listed, not only the top of the day; do-not-contact and snoozed ones are counted."""
    ids = [add_customer(ctx, f"c{k}") for k in range(40)]
    dnc = [add_customer(ctx, f"dnc{k}", do_not_contact=True) for k in range(3)]
    snoozed = add_customer(ctx, "sleepy")
    svc.snooze(snoozed, ctx.now() + timedelta(days=2))
    outside = add_customer(ctx, "outside")
    session = svc.session([*ids, *dnc, snoozed, "no-such-id", ids[0]], "My list")
    assert sorted(_ids(session)) == sorted(ids) and outside not in _ids(session)
    assert session.left_out == {d.WHY_DO_NOT_CONTACT: 3, d.WHY_SNOOZED: 1}
    assert [e.rank for e in session.entries] == list(range(1, 41)) and session.done == 0


def test_customers_without_reasons_say_why_they_are_in_with_their_value(ctx, svc):
    """Nothing to call about today: "In “title”" and the value line (expected value and P(active), or no orders yet)."""
    background_book(ctx)
    buyer = add_customer(ctx, "Bea")
    add_orders(ctx, buyer, [10, 40, 70], 20000)
    add_interaction(ctx, buyer, 1)  # resting after a call: no value reasons today
    prospect = add_customer(ctx, "Pat")
    session = svc.session([buyer, prospect], "My sleeping MVCs")
    by = {e.customer_id: e for e in session.entries}
    texts = [render_reason(r) for r in by[buyer].reasons]
    assert texts[0] == "In “My sleeping MVCs”"
    assert texts[1].startswith("expected ¥") and "in 12 months (P(active) " in texts[1]
    assert [render_reason(r) for r in by[prospect].reasons] == ["In “My sleeping MVCs”", "no orders yet"]
    assert _ids(session) == [buyer, prospect], "then by expected value: the buyer before the prospect"


def test_ranked_like_the_call_list_reasons_first(ctx, svc):
    """Customers with today's reasons come first by the call list's score and with its reasons; a resting one
    without commitments follows with the others."""
    background_book(ctx)
    big = add_customer(ctx, "Big")
    add_orders(ctx, big, [2 + 7 * j for j in range(40)], 300000)
    late = add_customer(ctx, "Late")
    add_interaction(ctx, late, 30, next_due_days_ago=5, step="send samples")
    plain = add_customer(ctx, "Plain")
    add_orders(ctx, plain, [100, 200], 1000)
    add_interaction(ctx, plain, 1)  # resting: keeps only commitments, and has none
    session = svc.session([plain, big, late], "Set")
    daily = {e.customer_id: e for e in svc.build(top_n=1000)}
    assert _ids(session) == sorted([late, big], key=lambda c: -daily[c].score) + [plain]
    for e in session.entries[:2]:
        assert e.score == pytest.approx(daily[e.customer_id].score)
        assert e.reasons == daily[e.customer_id].reasons
    assert session.entries[2].reasons[0].kind == d.IN_SESSION


def test_contacted_since_the_start_is_done_and_goes_last(ctx, svc):
    """A contact at or after the session's start marks the customer done, and so does being logged in it."""
    a, b, c = (add_customer(ctx, n) for n in ("Anna", "Bob", "Carl"))
    started = ctx.now()
    add_interaction(ctx, a, 0)
    session = svc.session([a, b, c], "Set", started_at=started, done_ids=[c])
    assert _ids(session) == [b, a, c]
    assert [e.done for e in session.entries] == [False, True, True] and session.done == 2
    earlier = svc.session([a, b, c], "Set", started_at=started + timedelta(minutes=1))
    assert earlier.done == 0, "a contact before the session began does not count"
