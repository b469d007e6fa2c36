"""The dashboard's charts, drawn with QtCharts (PySide6-Addons); imported when the dashboard is first shown.

Why QtCharts and not pyqtgraph (measured on this project's machine): QtCharts imports in 6–7 ms and adds
libQt6Charts (2.3 MB) and its binding (1.0 MB) to the bundle; pyqtgraph imports in 209–275 ms and adds
5.0 MB plus numpy-heavy dependencies.  pyqtgraph draws a 100k-point line faster (38–55 ms against
215–234 ms), but these charts have tens of bars, not 100k points, so start cost and size decide.

Every chart sits in a :class:`ChartBox` (title, the chart, a note below); a click on a bar of the decile
table, the segments or the lifecycle stages emits :attr:`DashboardCharts.bar_clicked` with what was
clicked, and the feature shows those customers in the list.  :mod:`crm_desktop.ui.insight.tables` gives
each chart's data as rows for a spreadsheet, :meth:`ChartBox.save_png` the picture.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMargins,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.calllist import CURRENCY_SYMBOLS
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.insight import Figures
from crm_desktop.ui.insight import texts
from crm_desktop.ui.insight.tables import DecileModel, RowsModel, chart_table, week_html
from crm_desktop.ui.insight.texts import money, number, percent, segment_name, stage_name, t
from crm_desktop.ui.shell.labels import label

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

CHART_NAMES = ("pareto", "deciles", "segments", "lifecycle", "months", "owners", "sources", "complaints", "churn",
               "complaint_categories", "complaint_months", "relationship")
"""Every chart (and table) of the dashboard, in reading order; each can be saved as PNG and .xlsx."""
CHART_TITLES = {
    "pareto": QT_TRANSLATE_NOOP("insight", "Pareto curve: share of value by share of customers"),
    "deciles": QT_TRANSLATE_NOOP("insight", "Deciles (十分制)"),
    "segments": QT_TRANSLATE_NOOP("insight", "Segments: today and a month ago"),
    "lifecycle": QT_TRANSLATE_NOOP("insight", "Lifecycle"),
    "months": QT_TRANSLATE_NOOP("insight", "Sales by month: this year and last"),
    "owners": QT_TRANSLATE_NOOP("insight", "Sales by owner"),
    "sources": QT_TRANSLATE_NOOP("insight", "Lead-source yield"),
    "complaints": QT_TRANSLATE_NOOP("insight", "Open complaints by severity"),
    "churn": QT_TRANSLATE_NOOP("insight", "Why customers left"),
    "complaint_categories": QT_TRANSLATE_NOOP("insight", "Complaints by category"),
    "complaint_months": QT_TRANSLATE_NOOP("insight", "Complaints by month: opened and resolved"),
    "relationship": QT_TRANSLATE_NOOP("insight", "Relationship stage and what they buy"),
    "lost_deals": QT_TRANSLATE_NOOP("insight", "Why deals were lost"),  # drawn by ui/deals/lost_reasons.py
}
BLUE, GREY, ORANGE, RED, GREEN = "#1565c0", "#9e9e9e", "#ef6c00", "#c62828", "#2e7d32"
BOX_MIN_HEIGHT = 250
NO_PARENT = QModelIndex()
TOP_OWNERS = 8


def chart_title(name: str) -> str:
    return t(CHART_TITLES[name])


class ChartBox(QFrame):
    """A titled frame around one chart or table, with a note line under it."""

    def __init__(self, name: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"insight_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(BOX_MIN_HEIGHT)
        self.title = QLabel(f"<b>{chart_title(name)}</b>", self)
        self.title.setWordWrap(True)
        self.body = body
        self.note = QLabel(self)
        self.note.setObjectName(f"insight_{name}_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(body, 1)
        lay.addWidget(self.note)

    def save_png(self, path: str) -> bool:
        """The box as it is drawn now, as a PNG at *path*."""
        return self.grab().save(path, "PNG")


def _chart() -> QChart:
    c = QChart()
    c.setBackgroundRoundness(0)
    c.setMargins(QMargins(2, 2, 2, 2))
    c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return c


def _view(chart: QChart) -> QChartView:
    v = QChartView(chart)
    v.setRenderHint(QPainter.RenderHint.Antialiasing)
    v.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    v.setMinimumSize(260, 180)
    return v


def _small(axis: Any) -> None:
    f = QFont()
    f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
    axis.setLabelsFont(f)
    axis.setTruncateLabels(False)  # "…" instead of a stage's or a month's name says nothing


def _count_axis(axis: QValueAxis, largest: float) -> None:
    """Whole, round numbers on a count axis: 0 to four steps of 1, 2 or 5 × 10ⁿ."""
    step = 1
    while step * 4 < largest:
        for m in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20 …
            step = int(step * m)
            if step * 4 >= largest:
                break
    axis.setRange(0, step * 4)
    axis.setTickCount(5)
    axis.setLabelFormat("%d")


def _chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def _list_separator() -> str:
    """Between the items of a list in a sentence: full-width in Chinese."""
    return "；" if _chinese() else "; "


def _money_unit() -> float:
    """Money axes count thousands of the currency (ten thousands, 万, in Chinese): minor units per step."""
    return 1_000_000.0 if _chinese() else 100_000.0


def _money_axis(axis: QValueAxis, currency: str) -> None:
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    axis.setTitleText(
        translate("insight", "Ten thousands ({symbol})").format(symbol=symbol)
        if _money_unit() > 100_000
        else translate("insight", "Thousands ({symbol})").format(symbol=symbol)
    )
    axis.setLabelFormat("%.0f")


def _bar_set(name: str, color: str, values: list[float]) -> QBarSet:
    s = QBarSet(name)
    s.setColor(QColor(color))
    s.setBorderColor(QColor(color))
    s.append(values)
    return s


class DashboardCharts(QWidget):
    """Every chart of the dashboard in a grid; :meth:`set_figures` draws them from one :class:`Figures`."""

    bar_clicked = Signal(str, str, str)  # kind ("decile", "segment", "stage", "churn"), key, what it is called

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insight_charts")
        self.figures: Figures | None = None
        self.decile_model = DecileModel(self)
        self.decile_view = QTableView(self)
        self.decile_view.setObjectName("insight_decile_table")
        self.decile_view.setModel(self.decile_model)
        self.decile_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.decile_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.decile_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.decile_view.verticalHeader().setVisible(False)
        self.decile_view.verticalHeader().setDefaultSectionSize(22)
        self.decile_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.decile_view.horizontalHeader().setStretchLastSection(True)
        self.decile_view.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.decile_view.clicked.connect(self._decile_clicked)
        self.sources_view = QTableView(self)
        self.sources_view.setObjectName("insight_sources_table")
        self.sources_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources_view.verticalHeader().setVisible(False)
        self.sources_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sources_model = RowsModel(self)
        self.sources_view.setModel(self.sources_model)
        self.views: dict[str, QChartView] = {}
        self.boxes: dict[str, ChartBox] = {}
        for name in CHART_NAMES:
            if name == "deciles":
                body: QWidget = self.decile_view
            elif name == "sources":
                body = self.sources_view
            else:
                view = _view(_chart())
                self.views[name] = view
                body = view
            self.boxes[name] = ChartBox(name, body, self)
        self.week = QLabel(self)
        self.week.setObjectName("insight_week")
        self.week.setWordWrap(True)
        self.week.setTextFormat(Qt.TextFormat.RichText)
        self.week.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.week.setFrameShape(QFrame.Shape.StyledPanel)
        self.week.setMargin(6)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        grid.addWidget(self.boxes["pareto"], 0, 0)
        grid.addWidget(self.boxes["deciles"], 0, 1, 1, 2)
        grid.addWidget(self.boxes["segments"], 1, 0)
        grid.addWidget(self.boxes["lifecycle"], 1, 1)
        grid.addWidget(self.week, 1, 2)
        grid.addWidget(self.boxes["months"], 2, 0)
        grid.addWidget(self.boxes["owners"], 2, 1)
        grid.addWidget(self.boxes["complaints"], 2, 2)
        grid.addWidget(self.boxes["churn"], 3, 0)
        grid.addWidget(self.boxes["complaint_categories"], 3, 1)
        grid.addWidget(self.boxes["complaint_months"], 3, 2)
        grid.addWidget(self.boxes["relationship"], 4, 0)
        self.boxes["relationship"].setMinimumHeight(BOX_MIN_HEIGHT + 60)  # six stages and a legend
        grid.addWidget(self.boxes["sources"], 4, 1, 1, 2)
        for col in range(3):
            grid.setColumnStretch(col, 1)

    # --- drawing -------------------------------------------------------------------------
    def set_figures(self, f: Figures) -> None:
        """Draw every chart from *f*."""
        self.figures = f
        self.decile_model.set_figures(f)
        self.boxes["deciles"].note.setText(
            translate(
                "insight",
                "Customers with orders in ten groups of equal size by expected value over {months} months. "
                "Click a group to list its customers.",
            ).format(months=f.horizon_months)
        )
        self._pareto(f)
        self._segments(f)
        self._lifecycle(f)
        self._months(f)
        self._owners(f)
        from crm_desktop.ui.insight import charts_extra

        charts_extra.draw_complaints(self, f)
        charts_extra.draw_churn(self, f)
        charts_extra.draw_complaint_categories(self, f)
        charts_extra.draw_complaint_months(self, f)
        charts_extra.draw_relationship(self, f)
        self._sources(f)
        self.week.setText(week_html(f))

    def _replace(self, name: str) -> QChart:
        chart = _chart()
        old = self.views[name].chart()
        self.views[name].setChart(chart)
        old.deleteLater()
        return chart

    def _pareto(self, f: Figures) -> None:
        chart = self._replace("pareto")
        curve = QLineSeries()
        curve.setName(translate("insight", "Share of expected value"))
        curve.setPen(QPen(QColor(BLUE), 2))
        for x, y in zip(f.pareto_x, f.pareto_y):
            curve.append(x * 100.0, y * 100.0)
        mark = QLineSeries()
        mark.setName(translate("insight", "Top 20 % of customers"))
        mark.setPen(QPen(QColor(ORANGE), 1, Qt.PenStyle.DashLine))
        mark.append(20.0, 0.0)
        mark.append(20.0, 100.0)
        dot = QScatterSeries()
        dot.setName(translate("insight", "They hold {share}").format(share=percent(f.pareto_at_20)))
        dot.setColor(QColor(ORANGE))
        dot.setMarkerSize(9.0)
        dot.append(20.0, f.pareto_at_20 * 100.0)
        dot.setPointLabelsFormat(percent(f.pareto_at_20))
        dot.setPointLabelsVisible(True)
        dot.setPointLabelsClipping(False)
        chart.legend().setVisible(False)
        for s in (curve, mark, dot):
            chart.addSeries(s)
        ax, ay = QValueAxis(), QValueAxis()
        for axis, title in ((ax, translate("insight", "% of customers")), (ay, translate("insight", "% of value"))):
            axis.setRange(0, 100)
            axis.setTickCount(6)
            axis.setLabelFormat("%d")
            axis.setTitleText(title)
            _small(axis)
        ay.setTitleVisible(False)
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        for s in (curve, mark, dot):
            s.attachAxis(ax)
            s.attachAxis(ay)
        self.boxes["pareto"].note.setText(
            translate(
                "insight",
                "The top 20 % of buying customers hold {expected} of the expected value and {spent} of what was "
                "spent so far.",
            ).format(expected=percent(f.pareto_at_20), spent=percent(f.pareto_historical_at_20))
        )

    def _category_bars(
        self,
        name: str,
        series: Any,
        categories: list[str],
        horizontal: bool = False,
        largest: float | None = None,
        currency: str | None = None,
    ) -> QChart:
        """A bar chart of *series* over *categories*; the value axis counts up to *largest*, or is money."""
        chart = self._replace(name)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append(categories)
        _small(cats)
        values = QValueAxis()
        if currency is None:
            _count_axis(values, largest or 0)
        else:
            _money_axis(values, currency)
        _small(values)
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        series.attachAxis(values)
        if currency is not None and values.max() > values.min():
            values.applyNiceNumbers()
        return chart

    def _segments(self, f: Figures) -> None:
        series = QBarSeries()
        now = _bar_set(translate("insight", "Today"), BLUE, [g.customers for g in f.segments])
        before = _bar_set(translate("insight", "A month ago"), GREY, [g.customers_before for g in f.segments])
        series.append(now)
        series.append(before)
        keys = [g.group for g in f.segments]
        for s in (now, before):
            s.clicked.connect(lambda i, keys=keys: self._emit("segment", keys[i], segment_name(keys[i])))
            s.hovered.connect(lambda on, i, keys=keys: self._tip(on, self._segment_tip(f, keys[i])))
        self._category_bars(
            "segments",
            series,
            [segment_name(k, short=True) for k in keys],
            largest=max([g.customers for g in f.segments] + [g.customers_before for g in f.segments]),
        )
        moves = sorted(f.segment_moves, key=lambda m: -m.customers)[:3]
        text = _list_separator().join(
            translate("insight", "{n} from {a} to {b}").format(
                n=number(m.customers), a=segment_name(m.before, True), b=segment_name(m.after, True)
            )
            for m in moves
        )
        self.boxes["segments"].note.setText(
            (
                translate("insight", "Since a month ago: {moves}.").format(moves=text)
                if text
                else translate("insight", "No movement since a month ago.")
            )
            + ("" if _chinese() else " ")  # no space after a Chinese full stop
            + translate("insight", "Click a bar to list its customers.")
        )

    def _segment_tip(self, f: Figures, key: str) -> str:
        g = next(g for g in f.segments if g.group == key)
        return "\n".join(
            (
                segment_name(key),
                t(texts.SEGMENT_HELP[key]),
                translate("insight", "{n} customers, spent {spent}, expected {value}").format(
                    n=number(g.customers), spent=money(g.revenue, f.currency), value=money(g.expected_value, f.currency)
                ),
            )
        )

    def _lifecycle(self, f: Figures) -> None:
        rows = list(reversed(f.stages))  # a horizontal bar chart draws its first category at the bottom
        series = QHorizontalBarSeries()
        bars = _bar_set(translate("insight", "Customers"), BLUE, [g.customers for g in rows])
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideBase)
        keys = [g.group for g in rows]
        bars.clicked.connect(lambda i: self._emit("stage", keys[i], stage_name(keys[i])))
        bars.hovered.connect(lambda on, i: self._tip(on, self._stage_tip(f, keys[i])))
        chart = self._category_bars(
            "lifecycle", series, [stage_name(k) for k in keys], horizontal=True, largest=max(g.customers for g in rows)
        )
        chart.legend().setVisible(False)
        at_risk = sum(g.expected_value for g in f.stages if g.group in ("at_risk", "dormant"))
        self.boxes["lifecycle"].note.setText(
            translate(
                "insight",
                "At risk and dormant customers are expected to bring {value}. Click a bar to list its customers.",
            ).format(value=money(at_risk, f.currency))
        )

    def _stage_tip(self, f: Figures, key: str) -> str:
        g = next(g for g in f.stages if g.group == key)
        return "\n".join(
            (
                stage_name(key),
                t(texts.STAGE_HELP[key]),
                translate("insight", "{n} customers (a month ago: {before}), expected {value}").format(
                    n=number(g.customers), before=number(g.customers_before), value=money(g.expected_value, f.currency)
                ),
            )
        )

    def _months(self, f: Figures) -> None:
        series = QBarSeries()
        unit = _money_unit()
        this = _bar_set(translate("insight", "This year"), BLUE, [m.revenue / unit for m in f.months])
        last = _bar_set(translate("insight", "Same month last year"), GREY, [m.last_year / unit for m in f.months])
        series.append(this)
        series.append(last)
        loc = QLocale()
        # Chinese month names ("10月") overlap on a laptop's chart: the number, under a "month" axis title
        cats = [str(m.month) if _chinese() else loc.monthName(m.month, QLocale.FormatType.ShortFormat)
                for m in f.months]
        for s in (this, last):
            s.hovered.connect(lambda on, i, s=s: self._tip(on, f"{cats[i]}: {money(s.at(i) * unit, f.currency)}"))
        chart = self._category_bars("months", series, cats, currency=f.currency)
        if _chinese():
            months_axis = chart.axes(Qt.Orientation.Horizontal)[0]
            months_axis.setTitleText(translate("insight", "Month"))
        total = f.new_revenue + f.repeat_revenue
        self.boxes["months"].note.setText(
            translate("insight", "12 months: {total}, of which first orders {new} and repeat orders {repeat}.").format(
                total=money(total, f.currency),
                new=money(f.new_revenue, f.currency),
                repeat=money(f.repeat_revenue, f.currency),
            )
        )

    def _owners(self, f: Figures) -> None:
        top = sorted(f.owners, key=lambda r: -r.revenue)[:TOP_OWNERS]
        rows = list(reversed(top))
        series = QHorizontalBarSeries()
        unit = _money_unit()
        bars = _bar_set(translate("insight", "Revenue so far"), GREEN, [r.revenue / unit for r in rows])
        series.append(bars)
        names = [r.label or translate("insight", "(no owner)") for r in rows]
        bars.hovered.connect(
            lambda on, i: self._tip(
                on,
                translate("insight", "{owner}: {n} customers, {buying} buying, {value}").format(
                    owner=names[i],
                    n=number(rows[i].customers),
                    buying=number(rows[i].buying_customers),
                    value=money(rows[i].revenue, f.currency),
                ),
            )
        )
        chart = self._category_bars("owners", series, names, horizontal=True, currency=f.currency)
        chart.legend().setVisible(False)
        self.boxes["owners"].note.setText(
            translate("insight", "Revenue of each owner's customers so far.")
            if top
            else translate("insight", "No customers yet.")
        )

    def _sources(self, f: Figures) -> None:
        headers, _rows = chart_table("sources", f)
        self.sources_model.set_rows(
            headers[:4] + [translate("insight", "Revenue per buying customer")],
            [
                [
                    label(r.label) or translate("insight", "(no lead source)"),
                    number(r.customers),
                    number(r.buying_customers),
                    money(r.revenue, f.currency),
                    money(r.revenue / r.buying_customers, f.currency) if r.buying_customers else "—",
                ]
                for r in f.sources
            ],
        )
        best = max(f.sources, key=lambda r: r.revenue, default=None)
        self.boxes["sources"].note.setText(
            translate("insight", "Most revenue from: {source}.").format(
                source=label(best.label) or translate("insight", "(no lead source)")
            )
            if best is not None and best.revenue > 0
            else translate("insight", "No revenue yet.")
        )

    # --- clicks ----------------------------------------------------------------------------
    def _emit(self, kind: str, key: str, title: str) -> None:
        self.bar_clicked.emit(kind, key, title)

    def _decile_clicked(self, index: QModelIndex) -> None:
        f = self.figures
        if f is None or not 0 <= index.row() < len(f.deciles):
            return
        d = f.deciles[index.row()].decile
        self._emit("decile", str(d), translate("insight", "decile group {n} (十分制)").format(n=d))

    def click_decile(self, decile: int) -> None:
        """As a click on the decile table's row of *decile* (1 = the top tenth)."""
        self._decile_clicked(self.decile_model.index(decile - 1, 0))

    @staticmethod
    def _tip(on: bool, text: str) -> None:
        if on:
            QToolTip.showText(QCursor.pos(), text)
        else:
            QToolTip.hideText()


