"""ComplaintService: recording, status flow, history, reopen deadlines, follow-up, satisfaction, settings, figures."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import text

from crm_desktop.db.people import person_id_for
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.complaints import ComplaintFilter, ComplaintInput, ComplaintSettings, IllegalTransition
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.complaints import ComplaintService, InvalidComplaint

H = timedelta(hours=1)


@pytest.fixture
def svc(services):
    return services.get(ComplaintService)


@pytest.fixture
def anna(customers):
    return customers.create(CustomerInput(name="Anna Lee", phone="13800000001")).id


def _record(svc, customer_id, clock, severity="critical", **kw):
    return svc.create(ComplaintInput(customer_id, clock(), kw.pop("description", "Box arrived broken"),
                                     severity=severity, **kw)).id


def test_record_sets_deadlines_owner_and_first_event(svc, anna, clock, ctx):
    """A new complaint gets deadlines from its severity, the user as owner, and a None → new event."""
    created = svc.create(ComplaintInput(anna, clock(), "Box arrived broken", severity="critical", channel="wechat",
                                        category="delivery"))
    assert created.changes == Changes.of(Kind.COMPLAINT, customers=[anna])
    cid = created.id
    row = svc.get(cid)
    assert (row.status, row.owner, row.channel, row.category) == ("new", "李娜", "wechat", "delivery")
    assert row.response_due_at == clock() + 4 * H and row.resolve_due_at == clock() + 24 * H
    assert row.customer_name == "Anna Lee" and row.number == cid[:6].upper()
    assert svc.history(cid) == [(clock(), "李娜", None, "new", "")]


def test_invalid_input_is_refused_and_nothing_saved(svc, anna, clock, ctx):
    """An empty description is refused with a sentence; no row is written."""
    with pytest.raises(InvalidComplaint) as info:
        _record(svc, anna, clock, description=" ")
    assert "Describe the complaint" in str(info.value)
    with ctx.db.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM complaint")).scalar() == 0


def test_status_flow_writes_history_and_first_answer(svc, anna, clock):
    """Each change is kept (when, who, from, to, note); the first move out of new is the first answer."""
    cid = _record(svc, anna, clock)
    clock.value += H
    svc.change_status(cid, "acknowledged", "Called back, apologised")
    clock.value += H
    svc.change_status(cid, "in_progress")
    row = svc.get(cid)
    assert row.first_response_at == clock() - H
    hist = svc.history(cid)
    assert [(h[2], h[3]) for h in hist] == [(None, "new"), ("new", "acknowledged"), ("acknowledged", "in_progress")]
    assert hist[1][4] == "Called back, apologised" and hist[1][1] == "李娜"


def test_illegal_transition_refused_and_nothing_changes(svc, anna, clock):
    """Closing a new complaint raises with a message; status and history stay as they were."""
    cid = _record(svc, anna, clock)
    with pytest.raises(IllegalTransition, match="Resolve the complaint before closing it"):
        svc.change_status(cid, "closed")
    assert svc.get(cid).status == "new" and len(svc.history(cid)) == 1


def test_resolve_needs_a_resolution_and_schedules_the_followup(svc, anna, clock, ctx):
    """Resolve without a resolution is refused; with one, a linked follow-up call is due 3 days later."""
    cid = _record(svc, anna, clock, channel="email")
    clock.value += 2 * H
    with pytest.raises(InvalidComplaint, match="Describe the resolution"):
        svc.change_status(cid, "resolved")
    moved = svc.change_status(cid, "resolved", resolution="Sent a new box")
    fid = moved.followup_id
    assert moved.changes == Changes.of(Kind.COMPLAINT, Kind.INTERACTION, customers=[anna])
    row = svc.get(cid)
    assert (row.status, row.resolved_at, row.resolution, row.first_response_at) == (
        "resolved", clock(), "Sent a new box", clock())
    with ctx.db.engine.connect() as c:
        i = c.execute(text("SELECT customer_id, owner, channel, summary, next_step, next_due_at, next_done, "
                           "complaint_id, occurred_at FROM interaction WHERE id = :i"), {"i": fid}).one()
    assert i[:5] == (anna, person_id_for("李娜"), "email", "Complaint resolved: Sent a new box",
                     "Ask whether the customer is satisfied with the resolution")
    assert i[5].startswith((clock() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"))
    assert (i[6], i[7]) == (0, cid)


def test_reopen_recomputes_the_resolve_deadline_and_closes_the_followup(svc, anna, clock, ctx):
    """Reopen → in progress; resolve deadline = reopening + window; answer deadline kept; open call marked done."""
    cid = _record(svc, anna, clock, severity="high")  # answer 8 h, resolve 72 h
    opened = clock()
    clock.value += 10 * H
    fid = svc.change_status(cid, "resolved", resolution="Refunded").followup_id
    clock.value += 50 * H
    svc.change_status(cid, "in_progress", "Customer says the refund never arrived")
    row = svc.get(cid)
    assert row.status == "in_progress" and row.resolved_at is None
    assert row.resolve_due_at == clock() + 72 * H
    assert row.response_due_at == opened + 8 * H and row.first_response_at == opened + 10 * H
    with ctx.db.engine.connect() as c:
        assert c.execute(text("SELECT next_done FROM interaction WHERE id = :i"), {"i": fid}).scalar() == 1
    # a later severity edit keeps counting the resolve window from the reopening
    edited = svc.update(cid, ComplaintInput(anna, opened, "Box arrived broken", severity="critical"))
    assert edited == Changes.of(Kind.COMPLAINT, customers=[anna])
    assert not svc.update(cid, ComplaintInput(anna, opened, "Box arrived broken", severity="critical"))
    assert svc.get(cid).resolve_due_at == clock() + 24 * H
    assert svc.get(cid).response_due_at == opened + 4 * H


def _open_calls(ctx, cid):
    with ctx.db.engine.connect() as c:
        return c.execute(text("SELECT COUNT(*) FROM interaction WHERE complaint_id = :c AND next_done = 0 "
                              "AND next_due_at IS NOT NULL"), {"c": cid}).scalar()


def test_record_satisfaction_closes_a_resolved_complaint(svc, anna, clock, ctx):
    """A score 1–5 is stored on the complaint (no words in the event note); the resolved complaint is closed
    and its satisfaction call is done; 0 and 6 are refused."""
    cid = _record(svc, anna, clock)
    svc.change_status(cid, "resolved", resolution="Replaced")
    assert _open_calls(ctx, cid) == 1
    clock.value += timedelta(days=3)
    with pytest.raises(InvalidComplaint, match="from 1 to 5"):
        svc.record_satisfaction(cid, 6)
    assert svc.record_satisfaction(cid, 4) == Changes.of(Kind.COMPLAINT, Kind.INTERACTION, customers=[anna])
    row = svc.get(cid)
    assert (row.status, row.satisfaction, row.closed_at) == ("closed", 4, clock())
    assert svc.history(cid)[-1][2:] == ("resolved", "closed", "")
    assert _open_calls(ctx, cid) == 0


def test_resolving_with_the_score_closes_at_once_without_a_call(svc, anna, clock, ctx):
    """A score given in the resolve dialog: resolved then closed in one step, no satisfaction call scheduled."""
    cid = _record(svc, anna, clock)
    clock.value += H
    assert svc.change_status(cid, "resolved", "Fixed on the phone", resolution="Replaced the part",
                             satisfaction=5).followup_id is None
    row = svc.get(cid)
    assert (row.status, row.satisfaction, row.resolution) == ("closed", 5, "Replaced the part")
    assert row.resolved_at == clock() and row.closed_at is not None
    assert [(h[2], h[3], h[4]) for h in svc.history(cid)] == [
        (None, "new", ""), ("new", "resolved", "Fixed on the phone"), ("resolved", "closed", "")]
    assert _open_calls(ctx, cid) == 0


def test_closing_with_the_score_stores_it_and_answers_the_call(svc, anna, clock, ctx):
    """Resolved → closed with a score keeps it and marks the satisfaction call done; without one, the call stays."""
    first, second = _record(svc, anna, clock), _record(svc, anna, clock, description="Late again")
    for cid in (first, second):
        svc.change_status(cid, "resolved", resolution="Refunded")
    svc.change_status(first, "closed", satisfaction=2)
    svc.change_status(second, "closed")
    assert (svc.get(first).status, svc.get(first).satisfaction, _open_calls(ctx, first)) == ("closed", 2, 0)
    assert (svc.get(second).status, svc.get(second).satisfaction, _open_calls(ctx, second)) == ("closed", None, 1)


def test_a_score_belongs_to_resolving_or_closing(svc, anna, clock):
    """A score on acknowledging is refused with a sentence, nothing changes; a reopen clears the score."""
    cid = _record(svc, anna, clock)
    with pytest.raises(InvalidComplaint, match="resolved or closed"):
        svc.change_status(cid, "acknowledged", satisfaction=4)
    assert svc.get(cid).status == "new"
    svc.change_status(cid, "resolved", resolution="Replaced", satisfaction=1)
    svc.change_status(cid, "in_progress", "Still broken")
    assert (svc.get(cid).status, svc.get(cid).satisfaction) == ("in_progress", None)


def test_texts_the_app_wrote_read_in_the_readers_language():
    """A score note of an earlier version ("Customer satisfaction: 4/5", or its Chinese) and the satisfaction
    call's English summary and step are shown translated; a person's own text is shown as typed."""
    from crm_desktop.services.complaints import stored_text

    chinese = {"Customer satisfaction: {score}/5": "客户满意度：{score}/5",
               "Complaint resolved: {resolution}": "投诉已解决：{resolution}",
               "Ask whether the customer is satisfied with the resolution": "询问客户是否满意"}

    def zh(_context, text):
        return chinese.get(text, text)

    assert stored_text("Customer satisfaction: 4/5", zh) == "客户满意度：4/5"
    assert stored_text("客户满意度：3/5", lambda _c, t: t) == "Customer satisfaction: 3/5"
    assert stored_text("Complaint resolved: 补发新货\n并道歉", zh) == "投诉已解决：补发新货\n并道歉"
    assert stored_text("Ask whether the customer is satisfied with the resolution", zh) == "询问客户是否满意"
    assert stored_text("Customer satisfaction: 4/5 but wants a call", zh) == \
        "Customer satisfaction: 4/5 but wants a call"
    assert stored_text("", zh) == ""


def test_followup_completion_records_satisfaction_through_the_followups_service(svc, anna, clock, ctx):
    """Completing the satisfaction follow-up with a score (follow-ups service) lands on the complaint."""
    from crm_desktop.services.followups import FollowUpService

    cid = _record(svc, anna, clock)
    fid = svc.change_status(cid, "resolved", resolution="Replaced").followup_id
    result = FollowUpService(ctx).complete(fid, None, satisfaction=5)
    assert result.satisfaction is True
    assert result.changes == Changes.of(Kind.INTERACTION, Kind.COMPLAINT, customers=[anna])
    assert svc.get(cid).satisfaction == 5


def test_open_complaints_for_the_call_list(svc, anna, customers, clock):
    """open_complaints(now) lists open ones only, most urgent first, with overdue flags and durations."""
    bob = customers.create(CustomerInput(name="Bob", phone="13800000002")).id
    late = _record(svc, anna, clock, severity="critical")
    clock.value += H
    fine = _record(svc, bob, clock, severity="low")
    done = _record(svc, bob, clock, severity="low")
    svc.change_status(done, "resolved", resolution="ok")
    now = clock() + 5 * H
    rows = svc.open_complaints(now)
    assert [r.complaint_id for r in rows] == [late, fine]
    assert rows[0].response_overdue and rows[0].overdue_seconds == 2 * 3600 and rows[0].open_seconds == 6 * 3600
    assert not rows[1].overdue and rows[1].due_in_seconds == 43 * 3600 and rows[1].customer_name == "Bob"
    assert svc.counts(now) == (2, 1)


def test_settings_travel_as_team_settings_with_defaults(svc, anna, clock, ctx):
    """Edited deadlines, follow-up days and categories are Setting rows; new complaints use them."""
    assert svc.settings() == ComplaintSettings()
    st = ComplaintSettings(response_hours={"critical": 1, "high": 8, "medium": 24, "low": 48},
                           resolve_hours={"critical": 5, "high": 72, "medium": 168, "low": 336},
                           followup_days=7, custom_categories=("包装",))
    assert svc.save_settings(st) == Changes.of(Kind.SETTING)
    assert not svc.save_settings(st)  # nothing changed: no new stamps
    assert svc.settings() == st
    with ctx.db.engine.connect() as c:
        keys = {r[0] for r in c.execute(text("SELECT key FROM setting"))}
    assert {"complaints.response_hours.critical", "complaints.followup_days", "complaints.categories"} <= keys
    cid = _record(svc, anna, clock, category="包装")
    assert svc.get(cid).response_due_at == clock() + H
    with pytest.raises(InvalidComplaint):
        svc.save_settings(ComplaintSettings(followup_days=-1))


def test_query_filters_the_cached_book_and_sees_writes(svc, anna, clock):
    """query() filters the in-memory book; a write through the service refreshes it."""
    a = _record(svc, anna, clock, severity="critical")
    assert [r.id for r in svc.query(ComplaintFilter())] == [a]
    b = _record(svc, anna, clock, severity="low", category="billing")
    assert [r.id for r in svc.query(ComplaintFilter())] == [a, b]
    assert [r.id for r in svc.query(ComplaintFilter(category="billing"))] == [b]
    assert [r.id for r in svc.query(ComplaintFilter(due="overdue"), now=clock() + 5 * H)] == [a]
    assert {r.id for r in svc.for_customer(anna)} == {a, b}


def test_figures_by_category_and_month(svc, anna, clock):
    """Figures come as all, then per category, then per month of opening (UTC here)."""
    a = _record(svc, anna, clock, severity="critical", category="quality")
    clock.value += 2 * H
    svc.change_status(a, "resolved", resolution="fixed")
    svc.record_satisfaction(a, 5)
    clock.value -= timedelta(days=40)
    _record(svc, anna, clock, severity="low", category="billing")
    clock.value += timedelta(days=40)
    figs = svc.figures(clock(), tz=UTC)
    assert [(f.group, f.key, f.total) for f in figs] == [
        ("all", "", 2), ("category", "quality", 1), ("category", "billing", 1),
        ("month", "2026-11", 1), ("month", "2026-10", 1)]
    assert figs[1].median_resolve_s == 2 * 3600 and figs[1].resolved_in_time == 1.0 and figs[1].avg_satisfaction == 5
    assert figs[0].overdue == 1  # the billing one: unanswered for 40 days


def test_fast_filter_agrees_with_the_domain_rule(svc, customers, clock):
    """The precomputed-column filter returns exactly what domain.matches lets through, for many filters."""
    import itertools
    import random

    from crm_desktop.domain import complaints as d

    rng = random.Random(3)
    cids = [customers.create(CustomerInput(name=n, phone=f"1380000001{i}")).id for i, n in enumerate(("张伟", "Bob"))]
    start = clock.value
    for _ in range(60):
        clock.value = start - timedelta(hours=rng.uniform(0, 400))
        cid = svc.create(ComplaintInput(rng.choice(cids), clock(), rng.choice(("broken", "late", "wrong bill")),
                                        severity=rng.choice(d.SEVERITIES), category=rng.choice(("quality", "billing")),
                                        owner=rng.choice(("李娜", "王磊")))).id
        clock.value = start
        for to in rng.choice(((), ("acknowledged",), ("in_progress", "resolved"), ("resolved", "closed"))):
            svc.change_status(cid, to, resolution="done" if to == "resolved" else None)
    now = start + 30 * H
    rows = svc.all_rows()
    for status, due, owner, cat, text_ in itertools.product(("open", "all", "resolved"),
                                                            ("any", "overdue", "attention"),
                                                            (None, "王磊"), (None, "billing"), ("", "张", "LATE")):
        f = ComplaintFilter(status=status, due=due, owner=owner, category=cat, text=text_,
                            opened_after=now - timedelta(days=10) if text_ == "张" else None)
        assert svc.query(f, now) == [r for r in rows if d.matches(r, f, now)], f
