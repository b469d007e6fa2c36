"""The win-back page: read off the UI thread, follows "whose" and writes, opens cards, sets churn reasons."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_customer, add_orders, background_book
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.timeline import TimelineService
from crm_desktop.services.winback import WinBackService


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=20000)


@pytest.fixture
def book(ctx):
    """30 steady buyers and two big buyers who stopped long ago (王磊's and 张伟's)."""
    background_book(ctx)
    big = add_customer(ctx, "大客户", owner="王磊")
    add_orders(ctx, big, [400 + 14 * j for j in range(12)], 900000)
    other = add_customer(ctx, "老客户", owner="张伟")
    add_orders(ctx, other, [300 + 14 * j for j in range(12)], 500000)
    return {"big": big, "other": other}


@pytest.fixture
def window(book, qtbot, services, runner, settings):
    from crm_desktop.ui.shell.main_window import MainWindow

    w = MainWindow(services, runner, settings, db_label="test.sqlite")
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: runner.pending == 0)
    return w


@pytest.fixture
def feature(window):
    from crm_desktop.ui.winback.feature import WinBackFeature

    return window.feature(WinBackFeature)


def _open(qtbot, window, feature):
    window.set_whose(None)
    window.show_page(feature.page)
    _idle(qtbot, window)


def test_the_page_lists_the_win_back_customers_with_their_facts(qtbot, window, feature, book):
    """Shown: both stopped big buyers, best first, with owner, money, P(active) and "not asked yet"."""
    _open(qtbot, window, feature)
    model = feature.page.model
    assert {r.customer_id for r in model.rows} == {book["big"], book["other"]}
    assert [r.rank_value for r in model.rows] == sorted((r.rank_value for r in model.rows), reverse=True)
    row = next(i for i, r in enumerate(model.rows) if r.customer_id == book["big"])
    cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert cells[0] == "大客户" and cells[1] == "王磊" and cells[4].startswith("¥")
    assert cells[7] == "not asked yet"
    assert "× P(active)" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "2 customers to win back" in feature.page.status.text()


def test_the_whose_switch_limits_the_list(qtbot, window, feature, book):
    """A colleague's list: only their customers."""
    _open(qtbot, window, feature)
    window.set_whose("张伟")
    _idle(qtbot, window)
    assert [r.customer_id for r in feature.page.model.rows] == [book["other"]]


def test_enter_opens_the_card(qtbot, window, feature, book):
    """Enter on a row shows that customer's card on the Customers page."""
    _open(qtbot, window, feature)
    view = feature.page.view
    view.setFocus()
    view.setCurrentIndex(feature.page.model.index(0, 0))
    wanted = feature.page.model.rows[0].customer_id
    qtbot.keyClick(view, Qt.Key.Key_Return)
    _idle(qtbot, window)
    assert window.pages.currentIndex() == 0 and window.current_customer_id() == wanted


def test_set_churn_reason_saves_it_and_undo_takes_it_back(qtbot, window, feature, book, services, monkeypatch):
    """"Set churn reason…" → competitor is saved and shown; Ctrl+Z forgets it again."""
    _open(qtbot, window, feature)
    page = feature.page
    page.view.setCurrentIndex(page.model.index(next(i for i, r in enumerate(page.model.rows)
                                                    if r.customer_id == book["big"]), 0))

    def pick(dialog):
        dialog.choice.setCurrentIndex(dialog.choice.findData("competitor"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("crm_desktop.ui.winback.page.ChurnReasonDialog.exec", pick)
    page.churn_button.click()
    _idle(qtbot, window)
    svc = services.get(WinBackService)
    assert svc.churn_reason(book["big"]) == "competitor"
    row = next(r for r in page.model.rows if r.customer_id == book["big"])
    assert row.churn_reason == "competitor"
    window.undo_stack.undo()
    _idle(qtbot, window)
    assert svc.churn_reason(book["big"]) is None


def test_a_write_elsewhere_reloads_the_page_when_shown_again(qtbot, window, feature, book, services):
    """A reason set outside the page (a merge, another panel) is on the page the next time it is shown."""
    _open(qtbot, window, feature)
    window.pages.setCurrentIndex(0)
    services.get(WinBackService).set_churn_reason(book["other"], "price")
    window.notify_changed(Changes.of(Kind.CUSTOMER, customers=[book["other"]]))
    _idle(qtbot, window)
    assert feature.stale
    window.show_page(feature.page)
    _idle(qtbot, window)
    assert next(r for r in feature.page.model.rows if r.customer_id == book["other"]).churn_reason == "price"


def _in_dialog(fn):
    """Run *fn(dialog)* once the modal dialog is up."""
    def go():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, go)
            return
        fn(dialog)
    QTimer.singleShot(0, go)


def _log_from_page(qtbot, window, feature, customer_id, fill):
    page = feature.page
    page.view.setCurrentIndex(page.model.index(next(i for i, r in enumerate(page.model.rows)
                                                    if r.customer_id == customer_id), 0))
    seen = []

    def go(dialog):
        seen.append(dialog)
        fill(dialog)

    _in_dialog(go)
    page.log_button.click()
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=20000)
    _idle(qtbot, window)
    return seen[0]


def test_the_first_call_asks_why_and_saves_it_with_the_contact_in_one_undo(qtbot, window, feature, book, services):
    """Logging a call to a win-back customer without a reason asks it; the contact and the reason are saved,
    the card says it, and one Ctrl+Z takes both back."""
    _open(qtbot, window, feature)

    def fill(dialog):
        assert dialog.churn.isVisibleTo(dialog)
        dialog.summary.setPlainText("他们换了供应商")
        dialog.churn.setCurrentIndex(dialog.churn.findData("competitor"))
        dialog.save()

    _log_from_page(qtbot, window, feature, book["big"], fill)
    winback, timeline = services.get(WinBackService), services.get(TimelineService)
    assert winback.churn_reason(book["big"]) == "competitor"
    assert [e.body for e in timeline.page(book["big"], kinds={"interaction"}).entries] == ["他们换了供应商"]
    assert next(r for r in feature.page.model.rows if r.customer_id == book["big"]).churn_reason == "competitor"
    window.set_current_customer(book["big"])
    _idle(qtbot, window)
    assert feature.card_line.text() == "Why they stopped buying: Went to a competitor"
    window.undo_stack.undo()
    _idle(qtbot, window)
    assert winback.churn_reason(book["big"]) is None
    assert timeline.page(book["big"], kinds={"interaction"}).entries == ()


def test_a_call_that_reached_nobody_leaves_the_reason_unasked_and_a_known_reason_is_not_asked(
        qtbot, window, feature, book, services):
    """"Not said" saves only the contact; once a reason is known the picker is not shown."""
    _open(qtbot, window, feature)

    def unanswered(dialog):
        dialog.summary.setPlainText("没人接")
        dialog.save()

    _log_from_page(qtbot, window, feature, book["big"], unanswered)
    winback = services.get(WinBackService)
    assert winback.churn_reason(book["big"]) is None
    winback.set_churn_reason(book["big"], "price")
    shown = []

    def known(dialog):
        shown.append(dialog.churn.isVisibleTo(dialog))
        dialog.reject()

    _log_from_page(qtbot, window, feature, book["big"], known)
    assert shown == [False]


def test_the_dashboard_shows_why_customers_left_and_the_win_back_line(qtbot, window, feature, book, services):
    """A reason set → "Why customers left" shows 1 under it and its bar lists that customer; the win-back line
    names both customers and opens the page."""
    from crm_desktop.ui.insight.feature import InsightFeature

    services.get(WinBackService).set_churn_reason(book["big"], "competitor")
    window.notify_changed(Changes.of(Kind.CUSTOMER, customers=[book["big"]]))
    dash = window.feature(InsightFeature).page
    window.show_page(dash)
    qtbot.waitUntil(lambda: dash.figures is not None and not dash.refreshing, timeout=20000)
    _idle(qtbot, window)
    chart = dash.charts.views["churn"].chart()
    bars = chart.series()[0].barSets()[0]
    reasons = [r.reason for r in reversed(dash.figures.churn)]
    assert bars.at(reasons.index("competitor")) == 1 and sum(bars.at(i) for i in range(bars.count())) == 1
    assert dash.winback_button.isVisible() and "Win back: 2 customers worth ¥" in dash.winback_button.text()
    assert dash.charts.views["complaint_months"].chart().series()[0].count() == 2
    bars.clicked.emit(reasons.index("competitor"))
    _idle(qtbot, window)
    assert window.pages.currentIndex() == 0
    assert [window.list_panel.model.id_at(r) for r in range(window.list_panel.model.rowCount())] == [book["big"]]
    window.show_page(dash)
    dash.winback_button.click()
    assert window.pages.currentWidget() is feature.page


def test_the_win_back_model_passes_the_model_tester(qtmodeltester, qtbot, window, feature):
    """The page's table model is a well-behaved Qt model."""
    _open(qtbot, window, feature)
    assert feature.page.model.rowCount() == 2
    qtmodeltester.check(feature.page.model)


def test_the_relationship_chart_sets_the_stage_beside_the_buying_and_lists_a_stage(qtbot, window, feature, book,
                                                                                   services):
    """A big spender who stopped buying, set at Commitment by hand, counts as "stopped" under Commitment on
    the dashboard's relationship chart; clicking that bar lists exactly them."""
    from crm_desktop.ui.insight.feature import InsightFeature

    data = services.customers.get(book["big"]).to_input()
    data.relationship_stage = "commitment"
    window.notify_changed(services.customers.update(book["big"], data))
    dash = window.feature(InsightFeature).page
    window.show_page(dash)
    qtbot.waitUntil(lambda: dash.figures is not None and not dash.refreshing, timeout=20000)
    _idle(qtbot, window)
    stages = [r.stage for r in reversed(dash.figures.relationship)]
    series = dash.charts.views["relationship"].chart().series()[0]
    stopped = series.barSets()[3]
    i = stages.index("commitment")
    note = dash.charts.boxes["relationship"].note.text()
    assert stopped.at(i) == 1 and "1 customer at Commitment or Expansion stopped" in note
    stopped.clicked.emit(i)
    _idle(qtbot, window)
    assert window.pages.currentIndex() == 0
    assert [window.list_panel.model.id_at(r) for r in range(window.list_panel.model.rowCount())] == [book["big"]]
