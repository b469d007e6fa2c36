"""The call list's ranking math on plain values (no database): reasons and their scores."""

from datetime import UTC, date, datetime, timedelta

from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListSettings
from crm_desktop.domain.complaints import ComplaintRow, open_complaint
from crm_desktop.services import calllist_ranking as ranking

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ST = CallListSettings()


def _complaint(hours_open: float, answer_in: float | None, resolve_in: float | None, answered: bool = False):
    opened = NOW - timedelta(hours=hours_open)
    row = ComplaintRow("abcdef0123456789" * 2, "c1", "Anna", opened, "phone", "other", "high", "new", "", "",
                       None if answer_in is None else opened + timedelta(hours=answer_in),
                       None if resolve_in is None else opened + timedelta(hours=resolve_in),
                       opened + timedelta(hours=1) if answered else None, None, None, "", None)
    return open_complaint(row, NOW)


def test_an_overdue_complaint_weighs_more_the_later_it_is_up_to_three_times():
    """Past the deadline the weight grows by 2 % an hour, at most threefold; within it, the open weight."""
    a_bit = ranking.complaint_reason(_complaint(5, 4, 48), ST)
    very = ranking.complaint_reason(_complaint(400, 4, 48), ST)
    within = ranking.complaint_reason(_complaint(2, 4, 48), ST)
    assert a_bit.kind == d.COMPLAINT_OVERDUE and a_bit.score == ST.w_complaint_overdue * 1.02
    assert very.score == ST.w_complaint_overdue * 3.0
    assert within.kind == d.COMPLAINT_OPEN and within.score == ST.w_complaint_open
    assert a_bit.params["deadline_hours"] == 4.0 and a_bit.params["ref"] == "ABCDEF"


def test_an_answered_complaint_counts_against_its_resolve_deadline():
    """Once answered, the answer deadline no longer matters: the resolve deadline does."""
    r = ranking.complaint_reason(_complaint(10, 4, 48, answered=True), ST)
    assert r.kind == d.COMPLAINT_OPEN and r.params["deadline_hours"] == 48.0 and r.params["answered"]


def test_a_follow_up_weighs_more_each_day_overdue():
    """Due today counts the follow-up weight; each day overdue adds a tenth, at most threefold."""
    end = d.epoch_days(datetime(2026, 11, 24, tzinfo=UTC))
    today = ranking.followup_reason("i1", "send the offer", end - 0.5, end, 100.0)
    late = ranking.followup_reason("i2", "", end - 4.5, end, 100.0)
    assert (today.params["days_overdue"], today.score) == (0, 100.0)
    assert late.params["days_overdue"] == 4 and abs(late.score - 140.0) < 1e-9


def test_only_the_strongest_event_of_each_kind_within_the_lookahead_counts():
    """Two contacts' birthdays give one contact-birthday reason (the nearer); a date past the lookahead none."""
    events = [("c1", d.CONTACT_BIRTHDAY, date(1980, 11, 23), "王芳"),
              ("c1", d.CONTACT_BIRTHDAY, date(1985, 11, 25), "李雷"),
              ("c2", d.BIRTHDAY, date(1990, 12, 20), "")]
    reasons = ranking.event_reasons(events, date(2026, 11, 23), ST)
    assert list(reasons) == ["c1"]
    (r,) = reasons["c1"]
    assert r.params == {"days": 0, "name": "王芳"} and r.score == ST.w_contact_birthday * 2
