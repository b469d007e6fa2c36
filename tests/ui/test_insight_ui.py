"""The dashboard page: painted from the cache off the UI thread, refreshed after writes, bars list customers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_complaint, add_customer, add_orders, background_book

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.insight import InsightService


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=20000)


@pytest.fixture
def book(ctx):
    """30 steady buyers, a lapsed big buyer and an overdue complaint."""
    ids = background_book(ctx)
    lapsed = add_customer(ctx, "lapsed", owner="王磊", lead_source="referral")
    add_orders(ctx, lapsed, [200 + 14 * j for j in range(12)], 90000)
    add_complaint(ctx, ids[0], hours_ago=100, deadline_hours=24)
    return ids


@pytest.fixture
def window(book, qtbot, services, runner, settings):
    """The main window on the book above (made after it: the call list fits the book at start)."""
    from crm_desktop.ui.shell.main_window import MainWindow

    w = MainWindow(services, runner, settings, db_label="test.sqlite")
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: runner.pending == 0)
    return w


@pytest.fixture
def feature(window):
    from crm_desktop.ui.insight.feature import InsightFeature

    return window.feature(InsightFeature)


def _open(qtbot, window, feature):
    window.show_page(feature.page)
    qtbot.waitUntil(lambda: feature.page.figures is not None and not feature.page.refreshing, timeout=20000)
    _idle(qtbot, window)


def test_the_window_starts_without_importing_the_charts():
    """QtCharts is imported when the dashboard is first shown, never at start."""
    code = ("import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from crm_desktop.db.database import open_database\n"
            "from crm_desktop.services import Services\n"
            "from crm_desktop.services.context import ServiceContext\n"
            "from crm_desktop.ui.shell.main_window import MainWindow\n"
            "from crm_desktop.ui.shell.settings import AppSettings\n"
            "from crm_desktop.ui.shell.tasks import TaskRunner\n"
            "import tempfile, pathlib\n"
            "d = pathlib.Path(tempfile.mkdtemp())\n"
            "db = open_database(d / 'b.sqlite')\n"
            "r = TaskRunner()\n"
            "w = MainWindow(Services(ServiceContext(db)), r, AppSettings(d / 's.ini'))\n"
            "print('PySide6.QtCharts' in sys.modules, 'crm_desktop.ui.insight.charts' in sys.modules)\n"
            "r.shutdown()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


def test_view_dashboard_shows_the_page_and_paints_every_chart(qtbot, window, feature):
    """View › Dashboard brings the page up; the charts and the decile table are drawn from the figures."""
    action = next(a for a in window.menus["view"].actions() if a.objectName() == "action_show_dashboard")
    action.trigger()
    assert window.pages.currentWidget() is feature.page
    qtbot.waitUntil(lambda: feature.page.figures is not None, timeout=20000)
    _idle(qtbot, window)
    charts = feature.page.charts
    assert charts.decile_model.rowCount() == 10
    assert charts.views["segments"].chart().series()[0].count() == 2  # today, a month ago
    assert "31 buying customers of 31" in feature.page.summary.text()
    assert feature.page.export_button.isEnabled()


def test_first_paint_reads_the_cache_without_refitting(qtbot, services, window, feature, monkeypatch):
    """With today's figures cached, showing the page reads them and fits nothing."""
    services.get(InsightService).refresh()
    fits = []
    monkeypatch.setattr(feature.service, "refresh", lambda *a, **k: fits.append(1))
    _open(qtbot, window, feature)
    assert fits == [] and feature.page.figures.buyers == 31


def test_an_order_written_refreshes_the_shown_dashboard_in_the_background(qtbot, window, feature, ctx, book):
    """An order's Changes mark the figures stale; the shown page recomputes them on the worker."""
    _open(qtbot, window, feature)
    before = feature.page.figures
    add_orders(ctx, book[3], [0.1], 10_000_000)
    window.notify_changed(Changes.of(Kind.ORDER, customers=[book[3]]))
    qtbot.waitUntil(lambda: feature.page.figures is not before and not feature.page.refreshing, timeout=20000)
    assert feature.page.figures.months[-1].revenue >= before.months[-1].revenue + 10_000_000


def test_a_snooze_does_not_refresh_the_dashboard(qtbot, window, feature):
    """A snooze changes nothing the dashboard counts."""
    _open(qtbot, window, feature)
    before = feature.page.figures
    window.notify_changed(Changes.of(Kind.SNOOZE, customers=["x"]))
    _idle(qtbot, window)
    assert feature.page.figures is before and not feature.page.stale


def test_a_click_on_the_top_decile_lists_exactly_its_customers(qtbot, window, feature):
    """The decile table's first row → the Customers page shows the top decile's customers, and says so."""
    _open(qtbot, window, feature)
    expected = set(feature.service.members("decile", "1"))
    feature.page.charts.click_decile(1)
    _idle(qtbot, window)
    assert window.pages.currentIndex() == 0
    panel = window.list_panel
    shown = {panel.model.id_at(r) for r in range(panel.model.rowCount())}
    assert shown == expected and len(shown) == feature.page.figures.deciles[0].customers
    assert panel.subset_bar.isVisible() and "decile group 1" in panel.subset_label.text()
    panel.subset_clear.click()
    _idle(qtbot, window)
    assert panel.model.rowCount() == 31 and not panel.subset_bar.isVisible()


def test_a_click_on_a_segment_or_stage_bar_lists_its_customers(qtbot, window, feature):
    """A bar of the segments or lifecycle chart selects the customers it counts."""
    _open(qtbot, window, feature)
    f = feature.page.figures
    stage = next(g for g in f.stages if g.customers)
    feature.page.charts.bar_clicked.emit("stage", stage.group, stage.group)
    _idle(qtbot, window)
    assert window.list_panel.model.rowCount() == stage.customers
    segment = next(g for g in f.segments if g.customers)
    feature.page.charts.bar_clicked.emit("segment", segment.group, segment.group)
    _idle(qtbot, window)
    assert window.list_panel.model.rowCount() == segment.customers


def test_decile_model_passes_the_model_tester(qtmodeltester, qtbot, window, feature):
    """The decile table's model is a well-behaved Qt model."""
    _open(qtbot, window, feature)
    qtmodeltester.check(feature.page.charts.decile_model)
    qtmodeltester.check(feature.page.charts.sources_model)


def test_every_chart_saves_a_png_and_its_data(qtbot, window, feature, tmp_path):
    """Each chart's picture is a PNG; each chart's data is a table with a header row."""
    from crm_desktop.ui.insight.charts import CHART_NAMES
    from crm_desktop.ui.insight.tables import chart_table

    _open(qtbot, window, feature)
    for name in CHART_NAMES:
        path = tmp_path / f"{name}.png"
        assert feature.page.charts.boxes[name].save_png(str(path))
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        headers, rows = chart_table(name, feature.page.figures)
        assert headers and all(len(r) == len(headers) for r in rows)


def test_week_sentences_use_plural_forms():
    """"1 customer placed their first order", not "1 customer(s)"."""
    from crm_desktop.ui.insight.tables import week_sentence

    assert week_sentence("new_buyers", 1) == "1 customer placed their first order."
    assert week_sentence("new_buyers", 3) == "3 customers placed their first order."
    assert week_sentence("nonsense", 3) == ""


def test_each_clickable_chart_offers_a_call_session_through_a_group(qtbot, window, feature):
    """The "Call…" button of the deciles, segments and lifecycle lists their groups with counts; choosing one
    starts a call session through exactly its customers (less the do-not-contact), named after it."""
    from crm_desktop.ui.calllist.feature import CallListFeature
    from crm_desktop.ui.insight.calling import CALLABLE_CHARTS

    _open(qtbot, window, feature)
    calls = feature.page.calls
    for name in CALLABLE_CHARTS:
        assert calls.buttons[name].isEnabled() and calls.buttons[name].menu().actions()
    menu = calls.buttons["deciles"].menu()
    top = next(a for a in menu.actions() if a.objectName() == "insight_call_decile_1")
    n = feature.page.figures.deciles[0].customers
    assert top.text() == f"decile group 1 (十分制): {n} customer" + ("s" if n != 1 else "")
    top.trigger()
    panel = window.feature(CallListFeature).panel
    qtbot.waitUntil(lambda: panel.session is not None and not panel.loading and window.runner.pending == 0,
                    timeout=20000)
    assert {e.customer_id for e in panel.model.entries} == set(feature.service.members("decile", "1"))
    assert panel.session_bar.label.text().startswith("Calling: decile group 1 (十分制) · 0 of ")
    stage = next(a for a in calls.buttons["lifecycle"].menu().actions())
    stage.trigger()
    _idle(qtbot, window)
    key = stage.objectName().removeprefix("insight_call_stage_")
    qtbot.waitUntil(lambda: panel.session is not None and panel.session.ids == feature.service.members("stage", key))


def test_the_decile_tables_context_menu_calls_the_row_under_the_pointer(qtbot, window, feature):
    """A right click on a decile row offers "Call these customers" for that group."""
    _open(qtbot, window, feature)
    view = feature.page.charts.decile_view
    view.customContextMenuRequested.emit(view.visualRect(view.model().index(1, 0)).center())
    menu = feature.page.calls.last_menu
    assert menu is not None and [a.objectName() for a in menu.actions()] == ["insight_call_decile_2"]
    assert menu.actions()[0].text() == "Call these customers"
    menu.close()
