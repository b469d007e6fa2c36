"""Deals on the Dashboard: "Why deals were lost" — the deals lost in the last year per reason (price,
competitor, timing, no budget, other — asked when a deal moves to Lost), their amount in the tooltip, the
most common reason in the note — and beside it this month's target (achieved, forecast, gap and who to call,
as on the Deals page).  ``install(window)`` puts the box under the dashboard's charts once they exist and draws
it whenever the Dashboard is shown after deals changed; the figures come from the worker.  QtCharts is
imported on first drawing, as the dashboard's own charts are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.deal_figures import DealFigures, LostReasons
from crm_desktop.services.orders import format_amount
from crm_desktop.services.targets import TargetService
from crm_desktop.ui.deals.dialog import lost_reason_label
from crm_desktop.ui.deals.feature import DealsFeature
from crm_desktop.ui.deals.targets import TargetStrip
from crm_desktop.ui.insight.feature import InsightFeature
from crm_desktop.ui.shell.labels import error_text

if TYPE_CHECKING:
    from crm_desktop.ui.insight.charts import ChartBox

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""
NAME = "lost_deals"


def draw(box: ChartBox, figures: LostReasons) -> None:
    """The bars of *figures* (first reason on top) and the note under them."""
    from PySide6.QtCharts import QBarCategoryAxis, QChartView, QHorizontalBarSeries, QValueAxis

    from crm_desktop.ui.insight.charts import ORANGE, _bar_set, _chart, _count_axis

    rows = list(reversed(figures.rows))  # a horizontal bar chart draws its first category at the bottom
    series = QHorizontalBarSeries()
    bars = _bar_set(translate("insight", "Deals"), ORANGE, [r.deals for r in rows])
    bars.hovered.connect(lambda on, i: box.setToolTip(translate("insight", "{reason}: %n deal(s) worth {amount}",
                                                                "", rows[i].deals).format(
        reason=lost_reason_label(rows[i].reason), amount=format_amount(rows[i].amount_minor, figures.currency))
        if on else ""))
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideBase)
    chart = _chart()
    chart.addSeries(series)
    cats = QBarCategoryAxis()
    cats.append([lost_reason_label(r.reason) for r in rows])
    values = QValueAxis()
    _count_axis(values, max([r.deals for r in rows] + [0]))
    chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(cats)
    series.attachAxis(values)
    chart.legend().setVisible(False)
    view = box.body
    if isinstance(view, QChartView):
        old = view.chart()
        view.setChart(chart)
        old.deleteLater()
    top = max(figures.rows, key=lambda r: (r.deals, r.amount_minor), default=None)
    if top is None or not figures.total:
        text = translate("insight", "No deal was lost in the last year.")
    else:
        text = translate("insight", "%n deal(s) lost in the last year; most often: {reason} ({amount}).", "",
                         figures.total).format(reason=lost_reason_label(top.reason),
                                               amount=format_amount(top.amount_minor, figures.currency))
    box.note.setText(text)


class LostReasonsFeature(QObject):
    """The box and its refreshing (``window.feature(LostReasonsFeature)``); ``box`` is None until drawn."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: DealFigures = window.services.get(DealFigures)
        self.page = window.feature(InsightFeature).page
        self.targets: TargetService = window.services.get(TargetService)
        self.box: ChartBox | None = None
        self.figures: LostReasons | None = None
        self.target_box = QFrame()
        self.target_box.setObjectName("insight_month_target")
        self.target_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.strip = TargetStrip(self.target_box)
        title = QLabel("<b>{}</b>".format(translate("insight", "This month's target")), self.target_box)
        lay = QVBoxLayout(self.target_box)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(title)
        lay.addWidget(self.strip)
        lay.addStretch(1)
        self.strip.edit_requested.connect(lambda: window.feature(DealsFeature).edit_targets())
        self.strip.call_requested.connect(lambda ids, title: window.call_customers(ids, title))
        self._stale = True
        window.pages.currentChanged.connect(lambda _i: self._shown())
        window.whose_changed.connect(lambda _w: self.on_data_changed(Changes.of(Kind.DEAL, customers=None)))
        window.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, changes: Changes) -> None:
        if changes.touches(Kind.DEAL, Kind.ORDER, Kind.SETTING) or changes.customers is None:
            self._stale = True
            self._shown()

    def _shown(self) -> None:
        if self._stale and self.window.pages.currentWidget() is self.page:
            self.refresh()

    def refresh(self) -> None:
        """Read the figures on the worker and draw them; then the month's target of whoever the window shows
        (the team's for everyone's), as the Deals page has it."""
        self._stale = False
        service, targets, person = self.service, self.targets, self.window.whose or ""
        self.window.runner.run(service.lost_reasons, self.show, lambda _exc: None)
        self.window.runner.run(lambda: targets.progress(person), self.strip.show_progress,
                               lambda exc: self.strip.show_failure(error_text(exc)))

    def show(self, figures: LostReasons) -> None:
        self.figures = figures
        if self.box is None:
            from crm_desktop.ui.insight.charts import BOX_MIN_HEIGHT, ChartBox, _chart, _view

            charts = self.page.ensure_charts()
            self.box = ChartBox(NAME, _view(_chart()), charts)
            # as tall as the dashboard's other boxes: a chart view's own size hint made this last row twice that
            self.box.setMaximumHeight(BOX_MIN_HEIGHT + 60)
            grid = charts.layout()
            if isinstance(grid, QGridLayout):
                row = grid.rowCount()
                grid.addWidget(self.box, row, 0)
                grid.addWidget(self.target_box, row, 1, 1, 2)
        draw(self.box, figures)


def install(window: Any) -> LostReasonsFeature:
    """Add "Why deals were lost" to the dashboard of *window*."""
    return LostReasonsFeature(window)
