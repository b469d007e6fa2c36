"""A call session in the "Today's calls" dock: the bar, done marks, the keys, and the way back."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_complaint, add_customer, add_interaction

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.ui.calllist.feature import CallListFeature


def _settle(qtbot, window, panel):
    qtbot.waitUntil(lambda: not panel.loading and window.runner.pending == 0, timeout=10000)


def _book(ctx):
    """Anna has an overdue complaint (on today's list); Bob, Carl and Dora have nothing due; Eve opted out."""
    a = add_customer(ctx, "Anna")
    add_complaint(ctx, a, hours_ago=5, deadline_hours=4)
    others = [add_customer(ctx, n) for n in ("Bob", "Carl", "Dora")]
    eve = add_customer(ctx, "Eve", do_not_contact=True)
    return a, others, eve


def _session(qtbot, window, ids, title="My sleeping MVCs"):
    feature = window.feature(CallListFeature)
    panel = feature.panel
    _settle(qtbot, window, panel)
    assert window.call_customers(ids, title)
    _settle(qtbot, window, panel)
    return feature, panel


def _ids(panel):
    return [e.customer_id for e in panel.model.entries]


def test_a_session_replaces_todays_list_and_says_how_far_along(qtbot, window, ctx):
    """The dock lists the whole set (reasons first), says "Calling: … · 0 of 4 done" and who was left out;
    today's "whose" switch is hidden while the session runs."""
    a, others, eve = _book(ctx)
    feature, panel = _session(qtbot, window, [*others, a, eve])
    assert _ids(panel) == [a, *sorted(others, key=lambda c: panel.model.entries[_ids(panel).index(c)].name)]
    assert panel.session_bar.label.text() == "Calling: My sleeping MVCs · 0 of 4 done"
    assert panel.session_bar.left_out.text() == "1 left out: do not contact"
    assert not panel.whose_box.isVisibleTo(panel) and feature.dock.isVisible()
    bob = panel.model.data(panel.model.index(1, 0))
    assert bob.startswith("2. Bob") and "In “My sleeping MVCs”" in bob and "no orders yet" in bob
    assert panel.status.text() == "4 customers in this session"


def test_ctrl_l_marks_done_and_moves_on_and_done_stays_after_a_refresh(qtbot, window, ctx):
    """Logging the first marks it done (✓, at the end) and makes the next current; a later write's rebuild
    keeps it done and the count says so."""
    a, others, eve = _book(ctx)
    _, panel = _session(qtbot, window, [a, *others])

    def log_contact(cid, then):
        add_interaction(ctx, cid, 0)  # what the timeline's dialog writes: a contact now
        window.notify_changed(Changes.of(Kind.INTERACTION, customers=[cid]))
        then(True)

    window.provide_log_contact(log_contact)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    second = _ids(panel)[1]
    qtbot.keyClick(panel.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot, window, panel)
    assert panel.current_id() == second
    assert _ids(panel)[-1] == a and panel.model.entries[-1].done
    assert panel.model.data(panel.model.index(3, 0)).startswith("✓ Anna")
    assert panel.model.data(panel.model.index(3, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert panel.session_bar.label.text().endswith("· 1 of 4 done")
    window.notify_changed(Changes.of(Kind.CUSTOMER, customers=[second]))
    _settle(qtbot, window, panel)
    assert panel.model.entries[-1].customer_id == a and panel.model.entries[-1].done
    assert panel.session_bar.label.text().endswith("· 1 of 4 done")


def test_d_snoozes_out_of_the_session_and_undo_brings_them_back(qtbot, window, ctx):
    """D takes the customer out of the session (counted as snoozed); Undo puts them back."""
    a, others, eve = _book(ctx)
    _, panel = _session(qtbot, window, others)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    first = panel.current_id()
    qtbot.keyClick(panel.view, Qt.Key.Key_D)
    _settle(qtbot, window, panel)
    assert first not in _ids(panel) and len(_ids(panel)) == 2
    assert panel.session_bar.left_out.text() == "1 left out: snoozed"
    window.undo_stack.undo()
    _settle(qtbot, window, panel)
    assert first in _ids(panel) and panel.session_bar.left_out.text() == ""


def test_back_to_todays_calls_ends_the_session(qtbot, window, ctx):
    """"Back to today's calls" shows today's list (only Anna has a reason) and hides the bar."""
    a, others, eve = _book(ctx)
    _, panel = _session(qtbot, window, others)
    qtbot.mouseClick(panel.session_bar.back, Qt.MouseButton.LeftButton)
    _settle(qtbot, window, panel)
    assert panel.session is None and _ids(panel) == [a]
    assert not panel.session_bar.isVisibleTo(panel) and panel.whose_box.isVisibleTo(panel)


def test_the_lists_subset_bar_and_the_customer_menu_call_the_customers_shown(qtbot, window, ctx):
    """"Call these customers" on the subset bar starts a session named after the subset; Customer › Call the
    customers in this list names it after the filters."""
    a, others, eve = _book(ctx)
    feature = window.feature(CallListFeature)
    panel = feature.panel
    lst = window.list_panel
    window.customers.invalidate()  # the book was written behind the service's back
    lst.show_only(others[:2], "decile group 1 (十分制)")
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2)
    assert lst.subset_call.isVisibleTo(lst)
    qtbot.mouseClick(lst.subset_call, Qt.MouseButton.LeftButton)
    _settle(qtbot, window, panel)
    assert sorted(_ids(panel)) == sorted(others[:2])
    assert panel.session_bar.label.text().startswith("Calling: decile group 1 (十分制) · 0 of 2")
    lst.show_only(None)
    lst.dnc.setCurrentIndex(2)  # only those who opted out: Eve
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1)
    assert feature.call_list_action.shortcut().toString() == "Ctrl+Shift+L"
    feature.call_list_action.trigger()
    _settle(qtbot, window, panel)
    assert _ids(panel) == [] and panel.status.text() == "Nobody in this set may be called."
    assert panel.session_bar.label.text() == "Calling: Customer list: Do not contact · 0 of 0 done"
    assert panel.session_bar.left_out.text() == "1 left out: do not contact"


def test_a_set_bigger_than_a_session_is_cut_to_its_first_customers_and_says_so(qtbot, window, ctx):
    """A set of more than SESSION_LIMIT customers: the session holds the first of them, in the set's order."""
    from crm_desktop.ui.calllist.session import SESSION_LIMIT

    a, others, eve = _book(ctx)
    big = [*others, *(f"gone{k:05d}" for k in range(SESSION_LIMIT))]
    _, panel = _session(qtbot, window, big)
    assert len(panel.session.ids) == SESSION_LIMIT and panel.session.ids[:3] == others
    assert sorted(_ids(panel)) == sorted(others)
    assert panel.session_bar.left_out.text() == f"only the first 10,000 of {len(big):,}"
