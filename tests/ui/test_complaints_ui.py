"""The Complaints page, the customer's Complaints tab, dialogs, status-bar counts and figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.complaints import ComplaintInput
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.ui.complaints.feature import ComplaintsFeature
from crm_desktop.ui.complaints.table import ComplaintTableModel, due_text, duration_text, sort_rows

H = timedelta(hours=1)
COMPLAINTS = Changes.of(Kind.COMPLAINT, customers=None)


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


def _with_dialog(qtbot, window, act):
    """Run *act* on the dialog the next action opens (dialogs are modal: exec() blocks)."""
    done = []
    feature = window.feature(ComplaintsFeature)

    def poll():
        dialog = feature.last_dialog
        if dialog is not None and dialog.isVisible():
            act(dialog)
            done.append(True)
        else:
            QTimer.singleShot(10, poll)

    feature.last_dialog = None
    QTimer.singleShot(0, poll)
    return done


@pytest.fixture
def complaints(window):
    """The window's complaints feature."""
    return window.feature(ComplaintsFeature)


@pytest.fixture
def anna(window, customers):
    cid = customers.create(CustomerInput(name="Anna Lee", phone="13800000001")).id
    window.after_save(cid)
    return cid


def test_model_passes_the_model_tester_and_colours_overdue(qtmodeltester, services, customers, clock):
    """The table model is a valid Qt model; an overdue complaint shows red words and a red background."""
    svc = services.get(ComplaintService)
    cid = customers.create(CustomerInput(name="Bob", phone="13800000002")).id
    svc.create(ComplaintInput(cid, clock() - 7 * H, "Late delivery", severity="critical"))
    svc.create(ComplaintInput(cid, clock(), "Rude driver", severity="low"))
    model = ComplaintTableModel(clock)
    model.set_rows(svc.all_rows())
    qtmodeltester.check(model)
    due = model.column_of("due")
    assert model.data(model.index(0, due)) == "answer overdue by 3 h"
    assert model.data(model.index(0, due), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, due)) == "answer due in 2 d"
    with_sort = []
    model.sort_requested.connect(lambda: with_sort.append(model.sorting))
    model.sort(model.column_of("severity"), Qt.SortOrder.AscendingOrder)
    assert with_sort == [("severity", False)]
    assert [r.severity for r in model.rows] == ["critical", "low"], "the model itself does not sort"
    model.set_rows(model.sorted_rows(model.rows))
    assert [r.severity for r in model.rows] == ["low", "critical"]
    assert [r.severity for r in sort_rows(model.rows, "severity", descending=True)] == ["critical", "low"]
    qtmodeltester.check(model)


def test_duration_words():
    """Durations read as minutes, hours or days."""
    assert (duration_text(600), duration_text(3 * 3600), duration_text(5 * 86400)) == ("10 min", "3 h", "5 d")
    from crm_desktop.domain.complaints import DueState
    assert due_text(DueState("resolve", "overdue", 7200)) == "resolve overdue by 2 h"
    assert due_text(DueState("done", "in_time")) == "resolved in time"


def test_record_advance_and_resolve_through_the_panel(qtbot, window, anna, clock, ctx, complaints):
    """Record from the customer's tab, acknowledge and resolve on the page; counts, history and follow-up follow."""
    feature = complaints
    _idle(qtbot, window)
    window.open_customer(anna, feature.tab)
    _idle(qtbot, window)
    assert feature.tab.customer_id == anna

    def fill(dialog):
        dialog.description.setPlainText("箱子破损了")
        dialog.severity.setCurrentIndex(dialog.severity.findData("critical"))
        dialog.category.setCurrentIndex(dialog.category.findData("delivery"))
        dialog.accept()

    done = _with_dialog(qtbot, window, fill)
    feature.tab.new_button.click()
    qtbot.waitUntil(lambda: bool(done))
    _idle(qtbot, window)
    assert feature.tab.model.rowCount() == 1
    row = feature.tab.model.rows[0]
    assert (row.severity, row.category, row.status) == ("critical", "delivery", "new")
    assert feature.count_label.text() == "Complaints: 1 open"

    # time passes: the answer deadline (4 h) is missed; the status bar says so in red
    clock.value += 5 * H
    feature.refresh_counts()
    _idle(qtbot, window)
    assert feature.count_label.text() == "Complaints: 1 open, 1 overdue"

    panel = feature.panel
    window.pages.setCurrentWidget(feature.page)
    panel.due_box.setCurrentIndex(panel.due_box.findData("overdue"))
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [row.id]
    assert panel.model.data(panel.model.index(0, panel.model.column_of("due"))) == "answer overdue by 1 h"
    assert panel.select(row.id)
    assert not panel.action_bar.buttons["closed"].isEnabled()

    def acknowledge(dialog):
        dialog.note.setPlainText("Called, apologised")
        dialog.accept()

    done = _with_dialog(qtbot, window, acknowledge)
    panel.action_bar.buttons["acknowledged"].click()
    qtbot.waitUntil(lambda: bool(done))
    _idle(qtbot, window)
    assert feature.service.get(row.id).first_response_at == clock()
    assert panel.model.rows == []  # answered: no longer overdue
    panel.due_box.setCurrentIndex(0)
    _idle(qtbot, window)
    assert panel.select(row.id) and panel.current_row().status == "acknowledged"

    def resolve_empty_then_filled(dialog):
        dialog.accept()  # no resolution: refused (on the worker), the dialog stays open with a sentence
        qtbot.waitUntil(lambda: "Describe the resolution" in dialog.error.text())
        assert dialog.isVisible() and dialog.error.isVisible()
        dialog.resolution.setPlainText("Sent a new one by courier")
        dialog.accept()

    done = _with_dialog(qtbot, window, resolve_empty_then_filled)
    panel.action_bar.buttons["resolved"].click()
    qtbot.waitUntil(lambda: bool(done))
    _idle(qtbot, window)
    got = feature.service.get(row.id)
    assert (got.status, got.resolution) == ("resolved", "Sent a new one by courier")
    assert [h[3] for h in feature.service.history(row.id)] == ["new", "acknowledged", "resolved"]
    assert feature.count_label.text() == ""
    followups = feature.service.ctx.db.engine.connect().exec_driver_sql(
        "SELECT next_step, complaint_id FROM interaction WHERE complaint_id = ?", (row.id,)).fetchall()
    assert followups == [("Ask whether the customer is satisfied with the resolution", row.id)]


def test_double_click_opens_the_customer_with_the_complaint_selected(qtbot, window, anna, customers, clock,
                                                                     complaints):
    """Double-click on the page shows the customer on the Complaints tab with that complaint selected."""
    svc = complaints.service
    svc.create(ComplaintInput(anna, clock() - H, "first"))
    target = svc.create(ComplaintInput(anna, clock(), "second", severity="critical")).id
    window.notify_changed(COMPLAINTS)
    _idle(qtbot, window)
    panel = complaints.panel
    window.show_page(complaints.page)
    r = panel.model.row_of(target)
    panel.view.doubleClicked.emit(panel.model.index(r, 1))
    _idle(qtbot, window)
    assert window.pages.currentIndex() == 0
    assert window.customer_tabs.currentWidget() is complaints.tab
    assert window.current_customer_id() == anna
    assert complaints.tab.current_row().id == target


def test_filters_by_owner_category_severity_and_text(qtbot, window, anna, clock, complaints):
    """Mine by default, like today's calls; each filter narrows the page; the count label follows."""
    svc = complaints.service
    a = svc.create(ComplaintInput(anna, clock(), "broken lid", category="quality", severity="high")).id
    b = svc.create(ComplaintInput(anna, clock(), "invoice wrong", category="billing", owner="王磊")).id
    window.notify_changed(COMPLAINTS)
    _idle(qtbot, window)
    panel = complaints.panel
    assert panel.owner_box.currentText() == "Mine" and [r.id for r in panel.model.rows] == [a]
    panel.owner_box.setCurrentIndex(panel.owner_box.findData(None))
    _idle(qtbot, window)
    assert {r.id for r in panel.model.rows} == {a, b}
    panel.owner_box.setCurrentIndex(panel.owner_box.findData("王磊"))
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [b]
    panel.owner_box.setCurrentIndex(0)
    panel.category_box.setCurrentIndex(panel.category_box.findData("quality"))
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [a]
    panel.category_box.setCurrentIndex(0)
    panel.severity_box.setCurrentIndex(panel.severity_box.findData("medium"))
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [b]
    panel.severity_box.setCurrentIndex(0)
    panel.search.setText("invoice")
    qtbot.waitUntil(lambda: [r.id for r in panel.model.rows] == [b], timeout=3000)
    assert panel.count_label.text() == "1 complaint"


def test_illegal_transition_is_refused_with_a_message(qtbot, window, anna, clock, monkeypatch, complaints):
    """Asking to close a new complaint shows the refusal and changes nothing."""
    svc = complaints.service
    cid = svc.create(ComplaintInput(anna, clock(), "x")).id
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    complaints.change_status(svc.get(cid), "closed")
    assert shown == ["Resolve the complaint before closing it."]
    assert svc.get(cid).status == "new"


def test_settings_dialog_saves_team_settings(qtbot, window, anna, clock, complaints):
    """Editing the critical answer deadline in the dialog applies to the next complaint."""
    def edit(dialog):
        dialog.response["critical"].setValue(2)
        dialog.categories.setPlainText("包装\n")
        dialog.accept()

    done = _with_dialog(qtbot, window, edit)
    complaints.settings_action.trigger()
    qtbot.waitUntil(lambda: bool(done))
    _idle(qtbot, window)
    svc = complaints.service
    assert svc.settings().response_hours["critical"] == 2 and svc.settings().custom_categories == ("包装",)
    cid = svc.create(ComplaintInput(anna, clock(), "x", severity="critical", category="包装")).id
    assert svc.get(cid).response_due_at == clock() + 2 * H


def test_figures_table_shows_all_categories_and_months(qtbot, window, anna, clock, qtmodeltester, complaints):
    """The Figures tab lists all complaints, then categories and months, with measured values."""
    svc = complaints.service
    cid = svc.create(ComplaintInput(anna, clock() - 3 * H, "x", category="billing")).id
    svc.change_status(cid, "resolved", resolution="credited")
    svc.record_satisfaction(cid, 5)
    window.notify_changed(COMPLAINTS)
    window.show_page(complaints.page)
    complaints.page.setCurrentWidget(complaints.figures)
    _idle(qtbot, window)
    model = complaints.figures.model
    qtmodeltester.check(model)
    texts = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert texts[0] == ["All complaints", "1", "0", "0", "3 h", "3 h", "100 %", "5.0"]
    assert texts[1][0] == "Category: Price / billing"
    assert texts[2][0].startswith("Month: 2026-11")


def test_medium_severity_is_not_shown_as_a_company_size(qapp):
    """"medium" is both a severity and a company size; each keeps its own label."""
    from crm_desktop.ui.shell.labels import label, severity_label

    assert severity_label("medium") == "Medium"
    assert label("medium").startswith("Medium (")


def test_a_header_click_sorts_on_the_worker(qtbot, window, anna, clock, complaints, monkeypatch):
    """Sorting the page by a column happens on the task runner's thread, and the page then shows the rows in
    that order (a sort of 50,000 rows must not freeze the window)."""
    import threading

    from crm_desktop.ui.complaints import table

    svc = complaints.service
    low = svc.create(ComplaintInput(anna, clock() - H, "scratch", severity="low")).id
    critical = svc.create(ComplaintInput(anna, clock(), "fire", severity="critical")).id
    window.notify_changed(COMPLAINTS)
    _idle(qtbot, window)
    panel = complaints.panel
    threads = set()
    key = table.SORT_KEYS["severity"]

    def severity(row):
        threads.add(threading.current_thread() is threading.main_thread())
        return key(row)

    monkeypatch.setitem(table.SORT_KEYS, "severity", severity)
    panel.view.horizontalHeader().setSortIndicator(panel.model.column_of("severity"), Qt.SortOrder.DescendingOrder)
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [critical, low]
    assert threads == {False}
    panel.view.horizontalHeader().setSortIndicator(panel.model.column_of("severity"), Qt.SortOrder.AscendingOrder)
    _idle(qtbot, window)
    assert [r.id for r in panel.model.rows] == [low, critical]


def test_the_panels_keep_qwidget_actions(complaints):
    """The page and the customer's tab keep QWidget.actions(): their button bar has its own name."""
    for widget in (complaints.panel, complaints.tab):
        assert widget.actions() == []
        edit = widget.action_bar.edit_button
        assert edit.objectName() == "complaint_edit" and widget.isAncestorOf(edit)
