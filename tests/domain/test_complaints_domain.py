"""The complaint status flow, deadlines per severity, due states, filters and figures (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintFilter, ComplaintRow, ComplaintSettings, IllegalTransition

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
H = timedelta(hours=1)


def row(id="a1b2c3d4" + "0" * 24, status="new", severity="medium", opened=T0, answered=None, resolved=None,
        category="quality", owner="李娜", name="张伟", satisfaction=None,
        description="货物破损") -> ComplaintRow:
    st = ComplaintSettings()
    return ComplaintRow(id, "cust", name, opened, "phone", category, severity, status, owner, description,
                        d.response_due(opened, severity, st), d.resolve_due(opened, severity, st), answered,
                        resolved, None, "", satisfaction)


@pytest.mark.parametrize("frm,to", [("new", "acknowledged"), ("new", "in_progress"), ("new", "resolved"),
                                    ("acknowledged", "in_progress"), ("acknowledged", "resolved"),
                                    ("in_progress", "resolved"), ("resolved", "closed"),
                                    ("resolved", "in_progress"), ("closed", "in_progress")])
def test_allowed_transitions_pass(frm, to):
    """Every forward step and both reopenings are allowed."""
    d.check_transition(frm, to)
    assert d.transition_error(frm, to) is None


@pytest.mark.parametrize("frm,to,words", [
    ("new", "closed", "Resolve the complaint before closing it."),
    ("in_progress", "closed", "Resolve the complaint before closing it."),
    ("in_progress", "new", "cannot go back to “new”"),
    ("closed", "resolved", "A closed complaint can only be reopened."),
    ("resolved", "acknowledged", "can only be closed or reopened"),
    ("in_progress", "acknowledged", "already being worked on"),
    ("resolved", "resolved", "already has this status"),
    ("new", "lost", "“lost” is not a complaint status."),
])
def test_illegal_transitions_are_refused_with_a_message(frm, to, words):
    """Backwards moves, closing before resolving and unknown statuses raise IllegalTransition with a sentence."""
    with pytest.raises(IllegalTransition) as info:
        d.check_transition(frm, to)
    assert words in str(info.value)


def test_every_pair_is_either_allowed_or_explained():
    """The table covers every (from, to) pair: allowed, or refused with a message."""
    for frm in d.STATUSES:
        for to in d.STATUSES:
            allowed = to in d.next_statuses(frm)
            assert (d.transition_error(frm, to) is None) == allowed


@pytest.mark.parametrize("severity,answer_h,resolve_h", [("critical", 4, 24), ("high", 8, 72),
                                                         ("medium", 24, 168), ("low", 48, 336)])
def test_default_deadlines_per_severity(severity, answer_h, resolve_h):
    """Defaults: critical answer 4 h / resolve 1 day … low answer 2 days / resolve 2 weeks."""
    st = ComplaintSettings()
    assert d.response_due(T0, severity, st) == T0 + answer_h * H
    assert d.resolve_due(T0, severity, st) == T0 + resolve_h * H


def test_edited_deadlines_apply():
    """Edited settings change the computed deadlines."""
    st = ComplaintSettings(response_hours={**d.DEFAULT_RESPONSE_HOURS, "critical": 1},
                           resolve_hours={**d.DEFAULT_RESOLVE_HOURS, "critical": 6})
    assert d.response_due(T0, "critical", st) == T0 + H
    assert d.resolve_due(T0, "critical", st) == T0 + 6 * H


def test_due_state_across_answer_and_resolve():
    """Until answered the answer deadline counts; then the resolve deadline; states move with now."""
    r = row(severity="critical")  # answer by T0+4h, resolve by T0+24h
    assert r.due(T0 + H) == d.DueState("answer", "ok", 3 * 3600)
    assert r.due(T0 + 3.5 * H).state == "soon"  # 0.5 h of a 4 h window left
    assert r.due(T0 + 7 * H) == d.DueState("answer", "overdue", 3 * 3600)
    answered = row(severity="critical", status="in_progress", answered=T0 + 2 * H)
    assert answered.due(T0 + 7 * H) == d.DueState("resolve", "ok", 17 * 3600)
    assert answered.due(T0 + 26 * H) == d.DueState("resolve", "overdue", 2 * 3600)
    done = row(severity="critical", status="resolved", answered=T0 + H, resolved=T0 + 30 * H)
    assert done.due(T0 + 99 * H) == d.DueState("done", "late", 6 * 3600)


def test_open_complaint_flags_and_durations():
    """open_complaint evaluates overdue flags, overdue seconds and time open at now."""
    oc = d.open_complaint(row(severity="high"), T0 + 10 * H)
    assert (oc.answered, oc.response_overdue, oc.resolve_overdue, oc.overdue) == (False, True, False, True)
    assert oc.overdue_seconds == 2 * 3600 and oc.due_in_seconds == -2 * 3600 and oc.open_seconds == 10 * 3600
    assert oc.number == "A1B2C3"


def test_filter_and_due_sort():
    """Filters combine (status, overdue, owner, category, severity, period, text); most urgent first."""
    now = T0 + 30 * H
    rows = [row(id="01" + "0" * 30, severity="critical"),                       # answer overdue
            row(id="02" + "0" * 30, severity="low", owner="王磊"),               # answer due at +48h
            row(id="03" + "0" * 30, status="closed", resolved=T0 + H, answered=T0 + H),
            row(id="04" + "0" * 30, severity="medium", category="billing", opened=T0 - 40 * 24 * H)]
    ids = lambda f: [r.id[:2] for r in sorted(rows, key=d.due_sort_key) if d.matches(r, f, now)]  # noqa: E731
    assert ids(ComplaintFilter()) == ["04", "01", "02"]
    assert ids(ComplaintFilter(status="all")) == ["04", "01", "02", "03"]
    assert ids(ComplaintFilter(due="overdue")) == ["04", "01"]
    assert ids(ComplaintFilter(owner="王磊")) == ["02"]
    assert ids(ComplaintFilter(category="billing")) == ["04"]
    assert ids(ComplaintFilter(severity="critical")) == ["01"]
    assert ids(ComplaintFilter(opened_after=T0 - 7 * 24 * H)) == ["01", "02"]
    assert ids(ComplaintFilter(status="closed")) == ["03"]
    assert ids(ComplaintFilter(text="03")) == []  # closed, hidden by the open filter
    assert ids(ComplaintFilter(text="张")) == ["04", "01", "02"]


def test_figures_on_a_known_set():
    """Figures: counts, medians of answer and resolve times, share in time, average satisfaction."""
    now = T0 + 100 * H
    rows = [row(id="1" * 32, status="closed", severity="critical", answered=T0 + 2 * H, resolved=T0 + 20 * H,
                satisfaction=4),                                                   # in time (24 h)
            row(id="2" * 32, status="resolved", severity="critical", answered=T0 + 6 * H, resolved=T0 + 30 * H),
            row(id="3" * 32, status="closed", severity="high", answered=T0 + 4 * H, resolved=T0 + 10 * H,
                satisfaction=2),
            row(id="4" * 32, status="in_progress", severity="critical", answered=T0 + H),  # resolve overdue
            row(id="5" * 32, status="new", severity="low")]                            # answer overdue (48 h)
    f = d.figures_of("all", "", rows, now)
    assert (f.total, f.open, f.overdue) == (5, 2, 2)
    assert f.median_answer_s == 3 * 3600  # 1, 2, 4, 6 h
    assert f.median_resolve_s == 20 * 3600  # 10, 20, 30 h
    assert f.resolved_in_time == pytest.approx(2 / 3)
    assert f.avg_satisfaction == 3.0
    empty = d.figures_of("category", "x", [], now)
    assert (empty.total, empty.median_answer_s, empty.resolved_in_time, empty.avg_satisfaction) == (0, None, None, None)


def test_validation_messages():
    """Empty description, future opening and an unknown severity are refused, one error per field."""
    bad = d.ComplaintInput("c", T0 + 2 * H, "  ", severity="huge")
    fields = [e.field for e in d.validate_complaint(bad, T0)]
    assert fields == ["description", "opened_at", "severity"]
    assert d.validate_complaint(d.ComplaintInput("c", T0, "ok"), T0) == []


def test_settings_validation():
    """Deadlines must be 1..8760 h with resolve ≥ answer; categories unique and short."""
    st = ComplaintSettings(response_hours={**d.DEFAULT_RESPONSE_HOURS, "low": 400}, custom_categories=("x", "X"))
    fields = [e.field for e in d.validate_settings(st)]
    assert fields == ["resolve_hours.low", "custom_categories"]
    assert ComplaintSettings(custom_categories=("包装",)).categories == d.DEFAULT_CATEGORIES + ("包装",)
