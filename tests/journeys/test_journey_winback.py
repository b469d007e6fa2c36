"""The salesperson's win-back morning: View › Win back lists the big spender who stopped buying, the team
setting puts them on today's calls, the first call asks why they left, and the dashboard counts it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_customer, add_orders, background_book
from person import press
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QListView, QPlainTextEdit, QTableView

from crm_desktop.domain.calllist import WIN_BACK


@pytest.fixture
def winback_book(tmp_path, clock):
    """30 steady buyers of 王磊 and 老王贸易, who bought ¥9,000 every two weeks and stopped 400 days ago."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext

    path = tmp_path / "winback.sqlite"
    db = open_database(path, create=True)
    ctx = ServiceContext(db, user="王磊", now=clock)
    background_book(ctx)
    lost = add_customer(ctx, "老王贸易", owner="王磊")
    add_orders(ctx, lost, [400 + 14 * j for j in range(12)], 900000)
    db.close()
    return path, lost


def _bar_centre(view, series, index, value):
    """Where a person clicks bar *index* (of *value*) of a horizontal bar chart, in the view's viewport."""
    chart = view.chart()
    point = chart.mapToPosition(QPointF(value / 2.0, index), series)
    return view.mapFromScene(chart.mapToScene(point))


def test_win_back_page_call_list_first_call_and_dashboard(launch_app, winback_book):
    """The lost big spender is on the Win back page; "Include win-back customers" lists them on today's calls
    with a win-back reason; Ctrl+L on the page asks why they left (competitor); the dashboard's "Why customers
    left" shows 1 under competitor, and a click on that bar lists that customer."""
    path, lost = winback_book
    person = launch_app(path)
    person.choose("view", "show_winback")
    table = person.find(QTableView, "winbackTable")
    person.wait(lambda: table.model().rowCount() == 1, timeout=30000)
    person.idle()
    assert table.model().index(0, 0).data() == "老王贸易"
    assert table.model().index(0, 7).data() == "not asked yet"
    assert "ranked by spent so far × P(active)" in person.find(QLabel, "winbackExplain").text()

    calls = person.find(QListView, "calllistView")
    person.wait(lambda: calls.model().rowCount() > 0, timeout=30000)
    assert all(e.customer_id != lost for e in calls.model().entries)

    def include(dialog):
        box = dialog.findChild(QCheckBox, "setting_include_winback")
        assert not box.isChecked()
        person.click(box)
        press("ok")(dialog)

    person.expect(include)
    person.choose("settings", "calllist_settings")
    person.wait_answered()
    person.idle()
    person.wait(lambda: any(e.customer_id == lost for e in calls.model().entries), timeout=30000)
    entry = next(e for e in calls.model().entries if e.customer_id == lost)
    assert any(r.kind == WIN_BACK for r in entry.reasons)
    assert "so far: win back" in calls.model().index(calls.model().entries.index(entry), 0).data()

    def why(dialog):
        assert dialog.objectName() == "logContactDialog"
        person.type("他们转向了别家", dialog.findChild(QPlainTextEdit))
        churn = dialog.findChild(QComboBox, "churnReason")
        assert churn.isVisible()
        churn.setFocus()
        churn.setCurrentIndex(churn.findText("Went to a competitor"))
        press("save")(dialog)

    person.choose("view", "show_winback")
    person.idle()
    person.click_row(table, 0)
    person.expect(why)
    person.shortcut("Ctrl+L")
    person.wait_answered()
    person.idle()
    person.wait(lambda: table.model().index(0, 7).data() == "Went to a competitor", timeout=20000)

    from crm_desktop.ui.insight.feature import InsightFeature

    person.choose("view", "show_dashboard")
    page = person.window.feature(InsightFeature).page
    person.wait(lambda: page.figures is not None and not page.refreshing
                and any(c.reason == "competitor" and c.customers == 1 for c in page.figures.churn), timeout=30000)
    person.idle()
    view = page.charts.views["churn"]
    page.scroll_area.ensureWidgetVisible(view)
    person.idle()
    series = view.chart().series()[0]
    reasons = [c.reason for c in reversed(page.figures.churn)]
    i = reasons.index("competitor")
    assert series.barSets()[0].at(i) == 1
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _bar_centre(view, series, i, 1))
    person.idle()
    assert person.window.pages.currentIndex() == 0
    customers = person.find(QTableView, "customerTable")
    person.wait(lambda: customers.model().rowCount() == 1)
    assert customers.model().id_at(0) == lost
    assert "Went to a competitor" in person.find(QLabel, "customerSubset").text()
    person.finish()
