"""The daily call list: ranking, each reason, exclusions, rest period, snoozes, why-not, settings, caching."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from calllist_book import add_complaint, add_contact, add_customer, add_interaction, add_orders, background_book

from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListSettings, render_reason
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.calllist import CallListService


@pytest.fixture
def svc(ctx):
    return CallListService(ctx, tz=UTC)


def texts(entry):
    return [render_reason(r) for r in entry.reasons]


def by_id(entries):
    return {e.customer_id: e for e in entries}


def test_followups_rank_by_overdue_and_read_with_numbers(ctx, svc):
    """An overdue follow-up outranks one due today; the reason says how overdue and what was promised."""
    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    add_customer(ctx, "Carl")
    add_interaction(ctx, a, 9, next_due_days_ago=2, step="send the quote")
    add_interaction(ctx, b, 9, next_due_days_ago=-0.1)  # later today
    entries = svc.build()
    assert [e.customer_id for e in entries] == [a, b]
    assert texts(entries[0]) == ["follow-up due 2 days ago: send the quote"]
    assert texts(entries[1]) == ["follow-up due today"]
    assert entries[0].rank == 1 and not entries[0].urgent, "two days late is an ordinary call, not red"


def test_only_a_step_a_week_late_or_an_overdue_complaint_is_urgent(ctx, svc):
    """Red marks rare urgency: a next step more than a week late, or a complaint past its deadline."""
    late = add_customer(ctx, "Dora")
    add_interaction(ctx, late, 20, next_due_days_ago=9, step="ring back")
    complaint = add_customer(ctx, "Eve")
    add_complaint(ctx, complaint, hours_ago=6, deadline_hours=4)
    fresh = add_customer(ctx, "Finn")
    add_interaction(ctx, fresh, 20, next_due_days_ago=3, step="send samples")
    entries = by_id(svc.build())
    assert entries[late].urgent and entries[complaint].urgent and not entries[fresh].urgent


def test_followup_due_tomorrow_or_done_is_not_listed(ctx, svc):
    """Follow-ups due after today, or already done, put nobody on the list."""
    a = add_customer(ctx, "Anna")
    add_interaction(ctx, a, 9, next_due_days_ago=-1, step="later")
    add_interaction(ctx, a, 9, next_due_days_ago=3, step="old", done=True)
    assert svc.build() == []


def test_overdue_complaint_comes_first_in_red(ctx, svc):
    """A complaint past its deadline ranks above follow-ups and reads "unanswered for 5 h (deadline 4 h)"."""
    a = add_customer(ctx, "Anna")
    c = add_customer(ctx, "Cathy")
    add_interaction(ctx, a, 9, next_due_days_ago=5, step="call back")
    cid = add_complaint(ctx, c, hours_ago=5, deadline_hours=4)
    entries = svc.build()
    assert entries[0].customer_id == c and entries[0].urgent
    assert texts(entries[0]) == [f"complaint #{cid[:6].upper()} unanswered for 5 h (deadline 4 h)"]
    assert entries[0].reasons[0].kind == d.COMPLAINT_OVERDUE


def test_open_complaint_within_deadline_and_resolved_ones(ctx, svc):
    """A complaint inside its deadline is listed (not urgent); resolved and closed ones are not."""
    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    add_complaint(ctx, a, hours_ago=2, deadline_hours=24)
    add_complaint(ctx, b, hours_ago=50, deadline_hours=4, status="resolved")
    entries = svc.build()
    assert [e.customer_id for e in entries] == [a]
    assert entries[0].reasons[0].kind == d.COMPLAINT_OPEN and not entries[0].urgent


def test_a_complaint_is_overdue_on_the_list_as_the_complaints_page_counts_it(ctx, svc):
    """Unanswered with no answer deadline but past its resolve deadline: overdue on the list, as in the status
    bar's count, and the reason names that deadline."""
    from crm_desktop.db.models import Complaint
    from crm_desktop.db.sync import insert_row
    from crm_desktop.services.complaints import ComplaintService

    a = add_customer(ctx, "Anna")
    opened = ctx.now() - timedelta(hours=30)
    with ctx.db.writing() as tx:
        insert_row(tx, Complaint, {"customer_id": a, "opened_at": opened, "status": "new",
                                   "resolve_due_at": opened + timedelta(hours=24)}, ctx.stamp())
    entries = svc.build()
    assert entries[0].reasons[0].kind == d.COMPLAINT_OVERDUE and entries[0].urgent
    assert entries[0].reasons[0].params["deadline_hours"] == 24.0
    assert ComplaintService(ctx).counts(ctx.now()) == (1, 1)


def test_valuable_customer_past_their_usual_gap_is_at_risk(ctx, svc):
    """A top spender who usually orders every 3 weeks and has bought nothing for 9 weeks gets the at-risk reason."""
    background_book(ctx)
    r = add_customer(ctx, "Rita")
    add_orders(ctx, r, [63 + 21 * j for j in range(14)], 90000)
    entries = by_id(svc.build())
    assert r in entries
    text = texts(entries[r])[0]
    assert text.startswith("usually orders every 3 weeks; nothing for 9 weeks (P(active) ")
    reason = entries[r].reasons[0]
    assert reason.kind == d.AT_RISK and 0 < reason.params["p_alive"] < 1


def test_top_value_customer_reason_names_the_value(ctx, svc):
    """The biggest expected 12-month value gets "top N % by expected 12-month value (¥…)"."""
    background_book(ctx)
    t = add_customer(ctx, "Tom")
    add_orders(ctx, t, [1 + 14 * j for j in range(25)], 500000)
    e = by_id(svc.build())[t]
    r = next(x for x in e.reasons if x.kind == d.TOP_VALUE)
    assert r.params["top_percent"] <= 10 and r.params["months"] == 12
    assert render_reason(r).startswith(f"top {r.params['top_percent']} % by expected 12-month value (¥")


def test_birthdays_and_anniversaries_within_the_lookahead(ctx, svc):
    """Birthdays within 3 days (customer's and contacts') and anniversaries are reasons; later ones are not."""
    today = ctx.now().date()
    a = add_customer(ctx, "Anna", birthday=date(1980, today.month, today.day) + timedelta(days=2))
    b = add_customer(ctx, "Bob", birthday=date(1980, today.month, today.day) + timedelta(days=5))
    c = add_customer(ctx, "Corp", anniversary=date(2016, today.month, today.day))
    add_contact(ctx, c, "Wang Wei", date(1990, today.month, today.day))
    entries = by_id(svc.build())
    assert b not in entries
    assert texts(entries[a]) == ["birthday in 2 days"]
    assert sorted(texts(entries[c])) == ["Wang Wei's birthday today", "anniversary today (10 years)"]


def test_do_not_contact_is_never_listed(ctx, svc):
    """Do-not-contact customers stay off even with an overdue complaint, and why_not says so."""
    a = add_customer(ctx, "Anna", do_not_contact=True)
    add_complaint(ctx, a, hours_ago=10, deadline_hours=4)
    assert svc.build() == []
    why = svc.why_not(a)
    assert not why.on_list and why.explanations[0].kind == d.WHY_DO_NOT_CONTACT
    assert why.candidate_reasons[0].kind == d.COMPLAINT_OVERDUE


def test_rest_period_after_a_contact(ctx, svc):
    """Contacted within the rest period: off the list for birthdays; still on it for a due follow-up."""
    today = ctx.now().date()
    bday = date(1980, today.month, today.day)
    a = add_customer(ctx, "Anna", birthday=bday)
    b = add_customer(ctx, "Bob", birthday=bday)
    c = add_customer(ctx, "Carl", birthday=bday)
    add_interaction(ctx, a, 1)
    add_interaction(ctx, b, 4)
    add_interaction(ctx, c, 1, next_due_days_ago=0.1, step="ring again")
    entries = by_id(svc.build())
    assert a not in entries and b in entries
    assert [r.kind for r in entries[c].reasons] == [d.FOLLOWUP]  # the birthday waits out the rest
    why = svc.why_not(a)
    assert why.explanations[0].kind == d.WHY_RESTING
    assert render_reason(why.explanations[0]) == "Contacted 1 days ago; resting for 3 days after a contact."


def test_snoozes_done_for_today_and_a_week(ctx, svc, clock):
    """D snoozes until tomorrow, S for a week; the customer comes back when the snooze ends."""
    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    add_complaint(ctx, a, hours_ago=1, deadline_hours=48)
    add_complaint(ctx, b, hours_ago=1, deadline_hours=48)
    snoozed = svc.done_for_today(a)
    until = snoozed.until
    assert svc.snooze_week(b).changes == Changes.of(Kind.SNOOZE, customers=[b])
    assert until == (ctx.now() + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    assert snoozed.changes == Changes.of(Kind.SNOOZE, customers=[a])
    assert svc.build() == []
    why = svc.why_not(a)
    assert why.explanations[0].kind == d.WHY_SNOOZED and why.explanations[0].params["until"] == until
    clock.value = until + timedelta(hours=9)
    assert [e.customer_id for e in svc.build()] == [a]
    clock.value = clock.value + timedelta(days=7)
    assert {e.customer_id for e in svc.build()} == {a, b}


def test_why_not_nothing_due_below_cut_and_on_list(ctx, svc):
    """why_not explains: nothing to call about, ranked below the cut, or on the list at its rank."""
    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    n = add_customer(ctx, "Nobody")
    add_interaction(ctx, a, 9, next_due_days_ago=3)
    add_interaction(ctx, b, 9, next_due_days_ago=1)
    svc.save_settings(CallListSettings(top_n=1))
    assert [e.customer_id for e in svc.build()] == [a]
    assert svc.why_not(a).explanations[0].params == {"rank": 1, "top_n": 1}
    below = svc.why_not(b).explanations[0]
    assert below.kind == d.WHY_BELOW_CUT and below.params["rank"] == 2
    assert render_reason(below) == "Ranks #2; the list shows only the top 1."
    assert svc.why_not(n).explanations[0].kind == d.WHY_NOTHING_DUE
    assert svc.why_not("0" * 32).explanations[0].kind == d.WHY_NOT_FOUND


def test_settings_defaults_storage_and_clamping(ctx, svc):
    """Settings default when unset, are stored as team Setting rows, and clamp out-of-range values."""
    from sqlalchemy import text

    assert svc.settings() == CallListSettings()
    assert svc.save_settings(CallListSettings(top_n=5, rest_days=7.0, w_followup=0.0, max_reasons=9))
    other = CallListService(ctx)
    assert other.settings().top_n == 5 and other.settings().rest_days == 7.0 and other.settings().max_reasons == 3
    with ctx.db.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT key, value FROM setting")).fetchall())
    assert rows["calllist.top_n"] == "5" and "calllist.w_growth" not in rows
    assert not svc.save_settings(svc.settings())


def test_top_n_limits_and_max_reasons(ctx, svc):
    """At most top_n rows and at most three reasons per row, strongest first."""
    today = ctx.now().date()
    ids = [add_customer(ctx, f"c{k}", birthday=date(1980, today.month, today.day)) for k in range(5)]
    add_interaction(ctx, ids[0], 9, next_due_days_ago=1)
    add_complaint(ctx, ids[0], hours_ago=3, deadline_hours=1)
    add_contact(ctx, ids[0], "Li", date(1990, today.month, today.day))
    add_customer(ctx, "Anniv", anniversary=date(2000, today.month, today.day))
    entries = svc.build(top_n=3)
    assert len(entries) == 3 and entries[0].customer_id == ids[0]
    assert len(entries[0].reasons) == 3
    assert [r.score for r in entries[0].reasons] == sorted((r.score for r in entries[0].reasons), reverse=True)


def test_rebuild_after_a_logged_contact_uses_the_cache(ctx, svc, monkeypatch):
    """After a logged contact the list updates without refitting the scores (new interactions found by rowid)."""
    from crm_desktop.db.models import Interaction
    from crm_desktop.db.sync import update_row

    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    fu = add_interaction(ctx, a, 9, next_due_days_ago=2, step="send the quote")
    add_interaction(ctx, b, 9, next_due_days_ago=1)
    assert [e.customer_id for e in svc.build()] == [a, b]
    import crm_desktop.services.calllist as mod

    monkeypatch.setattr(mod, "score_book", lambda *a, **k: pytest.fail("scores were refitted"))
    with ctx.db.engine.begin() as conn:
        update_row(conn, Interaction, fu, {"next_done": True}, ctx.stamp())
    add_interaction(ctx, a, 0.01)  # the logged call, found through its rowid
    assert [e.customer_id for e in svc.build()] == [b]
    add_interaction(ctx, b, 20, next_due_days_ago=0.5)
    svc.touch([b])
    assert [e.customer_id for e in svc.build()] == [b]


def test_invalidate_orders_refits(ctx, svc):
    """Changes touching orders drop the fitted scores; contacts, customers, complaints and snoozes keep them."""
    svc.build()
    assert svc.has_fit_for()
    for kind in (Kind.INTERACTION, Kind.CUSTOMER, Kind.CONTACT, Kind.COMPLAINT, Kind.SNOOZE, Kind.TAG):
        svc.invalidate(Changes.of(kind, customers=None))
        assert svc.has_fit_for(), kind
    svc.invalidate(Changes.of(Kind.ORDER, customers=["someone"]))
    assert not svc.has_fit_for()
    svc.build()
    svc.invalidate()  # anything may have changed
    assert not svc.has_fit_for()


def test_a_merge_of_duplicates_that_moves_orders_refits_the_scores(ctx, svc):
    """The Changes of a duplicate merge name the moved orders, so the kept record is scored with them."""
    from crm_desktop.services.dedupe import DedupeService

    keep = add_customer(ctx, "Anna")
    lose = add_customer(ctx, "Anna B")
    add_orders(ctx, lose, [400, 300, 200, 100, 60, 30])
    before = svc.why_not(keep).explanations[0]
    assert before.kind == d.WHY_NOTHING_DUE and before.params["stage"] == "prospect"
    result = DedupeService(ctx).merge(keep, lose)
    assert result.changes.touches(Kind.ORDER) and result.changes.touches_customer(keep)
    svc.invalidate(result.changes)
    assert not svc.has_fit_for()
    after = svc.why_not(keep).explanations[0]
    assert not (after.kind == d.WHY_NOTHING_DUE and after.params["stage"] == "prospect")


def test_next_steps_are_reread_for_the_customers_a_change_names(ctx, svc):
    """A next step marked done elsewhere leaves the list once its Changes (naming the customer) are passed on."""
    from crm_desktop.services.timeline import TimelineService

    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    step = add_interaction(ctx, a, 2, next_due_days_ago=1)
    add_interaction(ctx, b, 2, next_due_days_ago=1)
    assert {e.customer_id for e in svc.build()} == {a, b}
    done = TimelineService(ctx).set_steps_done(a, [step], True)
    assert done == Changes.of(Kind.INTERACTION, customers=[a])
    svc.invalidate(done)
    assert [e.customer_id for e in svc.build()] == [b]


def test_empty_and_tiny_books_never_fail(ctx, svc):
    """No customers, or one customer with one order, give an empty list and a why-not, not an error."""
    assert svc.build() == []
    a = add_customer(ctx, "Anna")
    add_orders(ctx, a, [3])
    assert svc.build() == []
    assert svc.why_not(a).explanations[0].kind == d.WHY_NOTHING_DUE


def test_a_quiet_deal_is_a_reason_until_someone_calls(ctx, svc, clock):
    """A deal in Proposal/quote for 12 days with no contact (usually 5) puts its customer on the list with the
    deal's reason and the sample in its tooltip; logging a contact takes it off; it ranks below an overdue
    follow-up's 100 (weight 60 × 1.7)."""
    from crm_desktop.domain.deals import DealInput
    from crm_desktop.services.deals import DealService
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    add_interaction(ctx, b, 9, next_due_days_ago=2, step="send the quote")
    start = clock.value
    clock.value = start - timedelta(days=12)
    DealService(ctx).create(DealInput(a, title="Annual supply", stage="proposal"))
    clock.value = start
    entries = svc.build()
    assert [e.customer_id for e in entries] == [b, a]
    assert texts(entries[1]) == ["in Proposal/quote for 12 days; deals usually move on within 5 days"]
    reason = entries[1].reasons[0]
    assert reason.kind == d.QUIET_DEAL and reason.score == pytest.approx(60 * 1.7)
    assert d.reason_tooltip(reason) == ("Deal “Annual supply”: the usual time is the team's setting for this stage "
                                        "(fewer than 5 closed deals went through it so far).")
    TimelineService(ctx).log_contact(ContactLogInput(customer_id=a, summary="called", occurred_at=clock()))
    svc.invalidate(Changes.of(Kind.INTERACTION, customers=[a]))
    assert a not in by_id(svc.build())
    assert all(r.kind != d.QUIET_DEAL for r in svc.why_not(a).candidate_reasons)  # not just resting: not quiet


def test_quiet_deals_are_found_once_a_day_and_again_for_who_was_called(ctx, svc, clock, monkeypatch):
    """The day's quiet deals are found once; a logged contact re-reads only that customer's deals; a deal
    written elsewhere is seen after the window says deals changed."""
    from crm_desktop.domain.deals import DealInput
    from crm_desktop.services.deals import DealService
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    a, b, c = add_customer(ctx, "Anna"), add_customer(ctx, "Bob"), add_customer(ctx, "Carl")
    start = clock.value
    clock.value = start - timedelta(days=12)
    for cid in (a, b):
        DealService(ctx).create(DealInput(cid, title="Annual supply", stage="proposal"))
    clock.value = start
    assert {a, b} <= set(by_id(svc.build()))
    reads = []
    original = DealService.quiet_deals
    monkeypatch.setattr(DealService, "quiet_deals",
                        lambda self, now=None, customer_ids=None: reads.append(customer_ids) or
                        original(self, now, customer_ids))
    svc.build()
    assert reads == []  # the day's quiet deals are kept
    TimelineService(ctx).log_contact(ContactLogInput(customer_id=a, summary="called", occurred_at=clock()))
    svc.invalidate(Changes.of(Kind.INTERACTION, customers=[a]))
    listed = by_id(svc.build())
    assert reads == [{a}] and a not in listed and b in listed
    clock.value = start - timedelta(days=12)
    DealService(ctx).create(DealInput(c, title="Trial", stage="proposal"))
    clock.value = start
    svc.invalidate(Changes.of(Kind.DEAL, customers=[c]))
    assert c in by_id(svc.build()) and reads[-1] is None


def test_the_cost_to_serve_makes_bz_customers_and_the_segment_rules_are_the_teams(ctx, svc, clock):
    """With no cost to serve nobody is BZ; a yearly cost above a small buyer's expected value makes them BZ
    in the scores every page uses, and the MVC share is the team's setting."""
    from datetime import timedelta

    small = add_customer(ctx, "Small")
    add_orders(ctx, small, [400, 300], amount_minor=500)
    big = add_customer(ctx, "Big")
    add_orders(ctx, big, [d for d in range(5, 360, 14)], amount_minor=90000)
    now = clock()
    scores, _ = svc.scores(now)
    seg = dict(zip(scores.customer_ids.tolist(), scores.segment.tolist(), strict=True))
    assert "BZ" not in seg.values()
    svc.save_settings(CallListSettings(cost_per_customer_year=50.0, mvc_share=0.5))
    scores, _ = svc.scores(now + timedelta(seconds=1))
    seg = dict(zip(scores.customer_ids.tolist(), scores.segment.tolist(), strict=True))
    assert seg[small] == "BZ" and seg[big] == "MVC"


def test_committed_customer_who_stopped_buying_is_a_stage_mismatch(ctx, svc):
    """承诺 but dormant: the relationship stage and the buying disagree, which is a reason to call — until the
    stage is changed; an active committed customer is no mismatch."""
    background_book(ctx)
    lapsed = add_customer(ctx, "Lapsed", relationship_stage="commitment")
    add_orders(ctx, lapsed, [200 + 21 * j for j in range(6)], 3000)
    steady = add_customer(ctx, "Steady", relationship_stage="commitment")
    add_orders(ctx, steady, [2 + 21 * j for j in range(10)], 3000)
    entries = by_id(svc.build(top_n=100))
    mismatch = [r for r in entries[lapsed].reasons if r.kind == d.STAGE_MISMATCH]
    assert mismatch and mismatch[0].params["stage"] == "commitment"
    assert mismatch[0].params["lifecycle"] in ("dormant", "lost")
    assert render_reason(mismatch[0]).startswith("stage “commitment”, but ")
    assert steady not in entries or all(r.kind != d.STAGE_MISMATCH for r in entries[steady].reasons)
    assert any(r.kind == d.STAGE_MISMATCH for r in svc.why_not(lapsed).candidate_reasons)
    with ctx.db.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE customer SET relationship_stage = 'dissolution' WHERE id = :c"), {"c": lapsed})
    svc.invalidate(Changes.of(Kind.CUSTOMER, customers=[lapsed]))
    after = by_id(svc.build(top_n=100)).get(lapsed)
    assert after is None or all(r.kind != d.STAGE_MISMATCH for r in after.reasons)
