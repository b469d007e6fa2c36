"""The Dashboard page: the value analysis of the book, painted from the cached figures, refreshed behind.

The page imports the charts (QtCharts) only when it is first shown, so the window starts without them.
First paint: :meth:`InsightService.cached` (one row of the book) on the task runner; when those
figures are not today's or no longer match the book, a refresh runs in the background (a long job
with progress in the status bar) and the charts are redrawn when it is back.  A write that changes
the figures marks the page stale; it refreshes at once when shown, else the next time it is.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.insight import Cached, Figures, InsightService
from crm_desktop.ui.insight.texts import money, number
from crm_desktop.ui.shell.labels import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

MODEL_TEXTS = {
    "bgnbd+gamma-gamma": QT_TRANSLATE_NOOP("insight", "BG/NBD and Gamma-Gamma models"),
    "bgnbd+mean-order-value": QT_TRANSLATE_NOOP("insight", "BG/NBD model and each customer's average order"),
    "rfm-fallback": QT_TRANSLATE_NOOP("insight", "a simple rule on recency and rhythm (too few orders for the models)"),
}


class DashboardPage(QWidget):
    """The Dashboard page (see the module docstring).  ``figures``: what is drawn now (None before)."""

    bar_clicked = Signal(str, str, str)  # kind, key, title: the customers behind a bar are wanted
    call_requested = Signal(str, str, str)  # kind, key, title: a call session through a bar's customers
    export_requested = Signal(str, str)  # chart name, "png" or "xlsx"
    winback_requested = Signal()  # the win-back line was clicked: the Win back page is wanted

    def __init__(self, service: InsightService, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self.service = service
        self.runner = runner
        self.figures: Figures | None = None
        self.charts: Any = None
        self.calls: Any = None
        """The "Call…" buttons (:class:`~crm_desktop.ui.insight.calling.CallMenus`), made with the charts."""
        self.stale = True
        self.loaded = False
        self.refreshing = False
        self._again = False
        self.on_painted: Callable[[], None] | None = None
        """Called after each paint (tests and the benchmark wait for it)."""

        self.summary = QLabel(translate("insight", "Reading the figures…"), self)
        self.summary.setObjectName("insight_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton(translate("insight", "Refresh"), self)
        self.refresh_button.setObjectName("insight_refresh")
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("insight_export")
        self.export_button.setText(translate("insight", "Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_menu.setObjectName("insight_export_menu")
        self.export_button.setMenu(self.export_menu)
        self.export_button.setEnabled(False)
        self.winback_button = QPushButton(self)
        self.winback_button.setObjectName("insight_winback")
        self.winback_button.setFlat(True)
        self.winback_button.setStyleSheet("color: #ef6c00; font-weight: bold; text-align: left")
        self.winback_button.setToolTip(translate(
            "insight", "Lost or dormant customers who spent a lot (MVC, MGC or the top three deciles by money spent), "
                       "with what they spent so far. Click to open the Win back page."))
        self.winback_button.clicked.connect(self.winback_requested)
        self.winback_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.winback_button)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("insight_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.scroll_area, 1)

    # --- loading -------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.load()
        elif self.stale:
            self.refresh()

    def load(self) -> None:
        """First paint: the cached figures (then a refresh when they are not current)."""
        self.loaded = True
        service = self.service
        self.runner.run(service.cached, self._cached, self._failed, urgent=True)

    def _cached(self, cached: Cached | None) -> None:
        if cached is not None:
            self.show_figures(cached.figures, current=cached.current)
        if cached is None or not cached.current:
            self.refresh()
        else:
            self.stale = False

    def refresh(self) -> None:
        """Compute the figures again in the background (once at a time; a request meanwhile runs after)."""
        if self.refreshing:
            self._again = True
            return
        self.refreshing = True
        self.stale = False
        self._again = False
        if self.figures is None:
            self.summary.setText(html.escape(translate("insight", "Computing the figures…")))
        service = self.service
        self.runner.run_long(
            translate("insight", "Computing the dashboard"),
            lambda p: service.refresh(progress=p.report),
            self._refreshed,
            self._failed,
        )

    def _refreshed(self, figures: Figures) -> None:
        self.refreshing = False
        self.show_figures(figures, current=True)
        if self._again:
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.refreshing = False
        self.summary.setText(html.escape(error_text(exc)))

    def mark_stale(self) -> None:
        """A write changed what the figures count: refresh now if shown, else when next shown."""
        self.stale = True
        if self.isVisible() and self.loaded:
            self.refresh()

    # --- drawing ---------------------------------------------------------------------------
    def ensure_charts(self) -> Any:
        """The charts widget, made (and QtCharts imported) on first use."""
        if self.charts is None:
            from crm_desktop.ui.insight.calling import CallMenus
            from crm_desktop.ui.insight.charts import CHART_NAMES, DashboardCharts, chart_title

            self.charts = DashboardCharts(self.scroll_area)
            self.charts.bar_clicked.connect(self.bar_clicked)
            self.calls = CallMenus(self.charts)
            self.calls.call_requested.connect(self.call_requested)
            self.scroll_area.setWidget(self.charts)
            for name in CHART_NAMES:
                title = chart_title(name)
                png = QAction(translate("insight", "{chart}: picture (PNG)…").format(chart=title), self.export_menu)
                png.setObjectName(f"insight_png_{name}")
                png.triggered.connect(lambda _c=False, n=name: self.export_requested.emit(n, "png"))
                xlsx = QAction(translate("insight", "{chart}: data (.xlsx)…").format(chart=title), self.export_menu)
                xlsx.setObjectName(f"insight_xlsx_{name}")
                xlsx.triggered.connect(lambda _c=False, n=name: self.export_requested.emit(n, "xlsx"))
                self.export_menu.addAction(png)
                self.export_menu.addAction(xlsx)
        return self.charts

    def show_figures(self, figures: Figures, current: bool = True) -> None:
        self.figures = figures
        self.ensure_charts().set_figures(figures)
        self.calls.set_figures(figures)
        self.export_button.setEnabled(True)
        self.summary.setText(summary_html(figures, current))
        self.winback_button.setText(translate("insight", "Win back: %Ln customer(s) worth {spent}", "",
                                              figures.winback_customers).format(
            spent=money(figures.winback_spent, figures.currency)))
        self.winback_button.setVisible(figures.winback_customers > 0)
        if self.on_painted is not None:
            self.on_painted()


def summary_html(f: Figures, current: bool) -> str:
    """The line above the charts: whose figures, of when, from which model."""
    day = QLocale().toString(_date(f.day), QLocale.FormatType.ShortFormat)
    model = QCoreApplication.translate("insight", MODEL_TEXTS[f.model]) if f.model in MODEL_TEXTS else f.model
    text = translate(
        "insight",
        "Figures of {day}: {buyers} buying customers of {customers}; expected values over {months} months "
        "from {model}.",
    ).format(day=day, buyers=number(f.buyers), customers=number(f.customers), months=f.horizon_months, model=model)
    if not current:
        text += " " + translate("insight", "Updating…")
    return html.escape(text)


def _date(day: str) -> Any:
    from datetime import date

    return date.fromisoformat(day)
