"""The "Today's calls" dock: rows with reasons, Enter opens, Ctrl+L logs and moves on, D and S snooze."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_complaint, add_customer, add_interaction

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.ui.calllist.feature import CallListFeature


def _book(ctx):
    a = add_customer(ctx, "Anna")
    b = add_customer(ctx, "Bob")
    c = add_customer(ctx, "Carl")
    add_complaint(ctx, a, hours_ago=5, deadline_hours=4)
    add_interaction(ctx, b, 9, next_due_days_ago=3, step="send the quote")
    add_interaction(ctx, c, 9, next_due_days_ago=1, step="ring again")
    return a, b, c


def _panel(qtbot, window):
    feature = window.feature(CallListFeature)
    panel = feature.panel
    feature.dock.show()
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.loading and window.runner.pending == 0, timeout=10000)
    return panel


def test_rows_show_names_reasons_and_colour(qtbot, window, ctx, qtmodeltester):
    """Rows list rank, name and reasons; an overdue complaint is coloured; the model passes the model tester."""
    a, b, c = _book(ctx)
    panel = _panel(qtbot, window)
    model = panel.model
    qtmodeltester.check(model)
    assert [e.customer_id for e in model.entries] == [a, b, c]
    first = model.data(model.index(0, 0))
    assert first.startswith("1. Anna") and "unanswered for 5 h (deadline 4 h)" in first
    assert "follow-up due 3 days ago: send the quote" in model.data(model.index(1, 0))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    toggle = next(a for a in window.menus["view"].actions() if a.objectName() == "action_toggle_calllist")
    assert toggle.text().replace("&", "") == "Today's calls"


def test_enter_opens_and_ctrl_l_logs_then_moves_on(qtbot, window, ctx, monkeypatch):
    """Enter opens the current customer; Ctrl+L logs through the window's log_contact and the list moves to the
    next one."""
    a, b, c = _book(ctx)
    panel = _panel(qtbot, window)
    opened, logged = [], []
    monkeypatch.setattr(window, "open_customer", lambda cid, tab=None: opened.append(cid))

    def log_contact(cid, then):
        logged.append(cid)
        add_interaction(ctx, cid, 0.001)  # what the timeline's dialog would write
        window.notify_changed(Changes.of(Kind.INTERACTION, customers=[cid]))
        then(True)

    window.provide_log_contact(log_contact)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(1, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened == [b]
    qtbot.keyClick(panel.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert logged == [b]
    assert panel.current_id() == c
    qtbot.waitUntil(lambda: not panel.loading and window.runner.pending == 0, timeout=10000)
    assert b in [e.customer_id for e in panel.model.entries]  # its follow-up is still open
    assert panel.current_id() == c


def test_ctrl_l_without_timeline_opens_the_customer(qtbot, window, ctx, monkeypatch):
    """When no feature logs contacts, Ctrl+L opens the customer, says so, and moves on."""
    a, b, c = _book(ctx)
    panel = _panel(qtbot, window)
    window.provide_log_contact(None)
    opened = []
    monkeypatch.setattr(window, "open_customer", lambda cid, tab=None: opened.append(cid))
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened == [a] and "not available" in panel.status.text()
    assert panel.current_id() == b


def test_d_and_s_snooze_and_leave_the_list(qtbot, window, ctx, services):
    """D (done for today) and S (a week) snooze the customer; the row leaves and the next one is selected."""
    from crm_desktop.services.calllist import CallListService

    a, b, c = _book(ctx)
    panel = _panel(qtbot, window)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_D)
    assert panel.current_id() == b and a not in [e.customer_id for e in panel.model.entries]
    qtbot.keyClick(panel.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not panel.loading and window.runner.pending == 0, timeout=10000)
    assert [e.customer_id for e in panel.model.entries] == [c]
    svc = services.get(CallListService)
    assert svc.why_not(a).explanations[0].kind == "snoozed"
    until_b = svc.why_not(b).explanations[0].params["until"]
    assert (until_b - ctx.now()).days >= 7


def test_why_not_action_shows_the_explanation(qtbot, window, ctx, monkeypatch):
    """The Customer menu's why-not action explains the selected customer."""
    from crm_desktop.ui.calllist import feature as calllist_feature

    a = add_customer(ctx, "Anna", do_not_contact=True)
    shown = []
    monkeypatch.setattr(calllist_feature.QMessageBox, "information", lambda *args: shown.append(args[2]))
    window.set_current_customer(a)
    window.feature(CallListFeature).why_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "do-not-contact" in shown[0]
