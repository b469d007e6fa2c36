"""The value dashboard in the main window: ``install(window)`` adds

* a **Dashboard** page (View › Dashboard, Ctrl+D): the Pareto curve and the decile table, segments,
  lifecycle, sales by month and by owner, lead-source yield, complaints (by severity, category and month),
  why customers left, the win-back list's size (a click opens the Win back page) and the last week in words;
  a click on a decile, a segment, a stage or a churn reason lists those customers on the Customers page, and
  a "Call…" button (or the decile table's context menu) starts a call session through them; each chart
  can be saved as a picture (PNG) and its data as a spreadsheet (.xlsx);
* columns in the customer list: segment, decile, lifecycle stage, expected value, P(active) and RFM,
  sortable (the sort runs on the worker, as every search does);
* a line on the customer card: segment, decile, lifecycle stage, P(active), their usual rhythm and the
  expected value, each with a tooltip saying how it was computed (:mod:`crm_desktop.ui.insight.card_line`);
* after every write whose changes touch orders, customers, complaints or settings, the figures are
  marked stale and recomputed in the background (never on the UI thread).

The page imports QtCharts only when first shown (see :mod:`crm_desktop.ui.insight.page`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from crm_desktop.domain.changes import Changes
from crm_desktop.services.export import write_table
from crm_desktop.services.insight import InsightService
from crm_desktop.ui.insight.card_line import CardScores
from crm_desktop.ui.insight.page import DashboardPage
from crm_desktop.ui.insight.texts import score_text
from crm_desktop.ui.shell.files import choose_save

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class InsightFeature(QObject):
    """The wiring between the window, the dashboard page and the service (``window.feature(InsightFeature)``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: InsightService = window.services.get(InsightService)
        self.page = DashboardPage(self.service, window.runner)
        window.add_page(self.page, translate("insight", "Dashboard"))
        self.show_action = QAction(translate("insight", "&Dashboard"), window)
        self.show_action.setObjectName("action_show_dashboard")
        self.show_action.setShortcut(QKeySequence("Ctrl+D"))
        self.show_action.triggered.connect(lambda _c=False: window.show_page(self.page))
        window.add_actions("view", [self.show_action], separate=False)
        self.page.bar_clicked.connect(self.show_customers)
        self.page.call_requested.connect(self.call_customers)
        self.page.export_requested.connect(self.export)
        self.page.winback_requested.connect(self.show_winback)
        window.data_changed.connect(self.on_data_changed)
        self.last_export: str | None = None
        self.card = CardScores(window, self.service)
        self.load_scores()

    def on_data_changed(self, changes: Changes) -> None:
        if self.service.invalidate(changes):
            self.page.mark_stale()
            self.card.load()
            self.load_scores()

    def load_scores(self) -> None:
        """Today's scores into the customer list's columns (computed on the worker, where the list sorts)."""
        service, customers, model = self.service, self.window.customers, self.window.list_panel.model

        def job() -> tuple[Any, str]:
            table = service.score_table()
            customers.set_scores(table)
            return table, service.calllist.day_fit().currency

        def done(result: tuple[Any, str]) -> None:
            table, currency = result
            model.set_scores(table, lambda column, s: score_text(column, s, currency))

        self.window.runner.run(job, done, lambda _exc: None)

    def show_customers(self, kind: str, key: str, title: str) -> None:
        """The customers behind a bar, in the customer list (their ids come from the worker)."""
        service = self.service
        self.window.runner.run(lambda: service.members(kind, key),
                               lambda ids: self.window.show_customers(ids, title),
                               lambda exc: self.window.show_error(exc, translate("insight", "Dashboard")),
                               urgent=True)

    def call_customers(self, kind: str, key: str, title: str) -> None:
        """A call session through the customers behind a bar (their ids come from the worker)."""
        service = self.service
        self.window.runner.run(lambda: service.members(kind, key),
                               lambda ids: self.window.call_customers(ids, title),
                               lambda exc: self.window.show_error(exc, translate("insight", "Dashboard")),
                               urgent=True)
    def show_winback(self) -> None:
        """The Win back page, in front."""
        from crm_desktop.ui.winback.feature import WinBackFeature

        self.window.show_page(self.window.feature(WinBackFeature).page)

    def export(self, name: str, kind: str) -> None:
        """Save chart *name* as a picture (``kind`` "png") or its data as a spreadsheet ("xlsx")."""
        page = self.page
        if page.figures is None or page.charts is None:
            return
        from crm_desktop.ui.insight.charts import chart_title
        from crm_desktop.ui.insight.tables import chart_table

        title = chart_title(name)
        if kind == "png":
            chosen = choose_save(self.window, "insight", translate("insight", "Save the chart as a picture"),
                                 f"{name}.png", [translate("insight", "PNG pictures (*.png)")], ".png")
            if chosen is None:
                return
            path = chosen[0]
            if page.charts.boxes[name].save_png(path):
                self._saved(path)
            else:
                self.window.show_error(OSError(translate("insight", "Cannot write “{path}”.").format(path=path)),
                                       title)
            return
        chosen = choose_save(self.window, "insight", translate("insight", "Save the chart's data"),
                             f"{name}.xlsx", [translate("insight", "Excel workbooks (*.xlsx)")], ".xlsx")
        if chosen is None:
            return
        path = chosen[0]
        headers, rows = chart_table(name, page.figures)
        self.window.runner.run(lambda: write_table(path, headers, rows), lambda _n: self._saved(path),
                               lambda exc: self.window.show_error(exc, title), urgent=True)

    def _saved(self, path: str) -> None:
        self.last_export = path
        self.window.statusBar().showMessage(translate("insight", "Saved {path}").format(path=path), 8000)


def install(window: Any) -> InsightFeature:
    """Add the dashboard to *window* (see the module docstring)."""
    return InsightFeature(window)
