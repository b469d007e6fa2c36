"""More of the dashboard's charts, drawn into :class:`~crm_desktop.ui.insight.charts.DashboardCharts` (kept
apart so that module stays small): open complaints by severity, complaints by category and by month, and
why customers left (a click on a reason lists those customers), and the relationship stage beside what the
customers buy.  Imported with the charts, on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QHorizontalStackedBarSeries
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from crm_desktop.services.insight import Figures
from crm_desktop.services.insight_extra import ChurnFigure, RelationshipFigure
from crm_desktop.ui.insight.charts import BLUE, GREEN, GREY, ORANGE, RED, _bar_set, _chinese
from crm_desktop.ui.insight.texts import money, number, percent
from crm_desktop.ui.shell.labels import label, severity_label
from crm_desktop.ui.winback.labels import churn_name

if TYPE_CHECKING:
    from crm_desktop.ui.insight.charts import DashboardCharts

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def draw_complaints(c: DashboardCharts, f: Figures) -> None:
    """Open complaints by severity, within their deadline and overdue, and the share resolved in time."""
    series = QHorizontalStackedBarSeries()
    on_time = _bar_set(translate("insight", "Open, within deadline"), BLUE, [x.open - x.overdue for x in f.complaints])
    late = _bar_set(translate("insight", "Overdue"), RED, [x.overdue for x in f.complaints])
    series.append(on_time)
    series.append(late)
    c._category_bars("complaints", series, [severity_label(x.severity) for x in f.complaints], horizontal=True,
                     largest=max([x.open for x in f.complaints] + [0]))
    kept = translate("insight", "no complaint resolved yet") if f.sla_kept is None else percent(f.sla_kept)
    c.boxes["complaints"].note.setText(
        translate("insight", "{open} open, {overdue} overdue. Resolved within the deadline: {kept}.").format(
            open=number(f.complaints_open), overdue=number(f.complaints_overdue), kept=kept))


def draw_churn(c: DashboardCharts, f: Figures) -> None:
    """Customers per churn reason (a click lists them), their spend in the tooltip and the note."""
    rows = list(reversed(f.churn))  # a horizontal bar chart draws its first category at the bottom
    series = QHorizontalBarSeries()
    bars = _bar_set(translate("insight", "Customers"), ORANGE, [r.customers for r in rows])
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideBase)
    keys = [r.reason for r in rows]
    bars.clicked.connect(lambda i: c._emit("churn", keys[i], translate("insight", "left for: {reason}").format(
        reason=churn_name(keys[i]))))
    bars.hovered.connect(lambda on, i: c._tip(on, _churn_tip(rows[i], f.currency)))
    chart = c._category_bars("churn", series, [churn_name(k) for k in keys], horizontal=True,
                             largest=max([r.customers for r in rows] + [0]))
    chart.legend().setVisible(False)
    told = sum(r.customers for r in f.churn)
    top = max(f.churn, key=lambda r: (r.customers, r.spent), default=None)
    if top is None or not told:
        text = translate("insight", "Nobody has said yet why they left: the first call to a win-back customer "
                                    "asks it.")
    else:
        text = translate("insight", "%n customer(s) said why they left; most often: {reason} ({spent} spent so "
                                    "far). Click a bar to list them.", "", told).format(
            reason=churn_name(top.reason), spent=money(top.spent, f.currency))
    c.boxes["churn"].note.setText(text)


def _churn_tip(r: ChurnFigure, currency: str) -> str:
    return translate("insight", "{reason}: %n customer(s) who had spent {spent}", "", r.customers).format(
        reason=churn_name(r.reason), spent=money(r.spent, currency))


def draw_complaint_categories(c: DashboardCharts, f: Figures) -> None:
    """All complaints and the open ones, per category."""
    rows = list(reversed(f.complaint_categories))
    series = QHorizontalBarSeries()
    series.append(_bar_set(translate("insight", "All"), BLUE, [r.total for r in rows]))
    series.append(_bar_set(translate("insight", "Open"), RED, [r.open for r in rows]))
    c._category_bars("complaint_categories", series, [label(r.category) for r in rows], horizontal=True,
                     largest=max([r.total for r in rows] + [0]))
    top = max(f.complaint_categories, key=lambda r: r.total, default=None)
    c.boxes["complaint_categories"].note.setText(
        translate("insight", "Most complaints about: {category} ({n}).").format(category=label(top.category),
                                                                             n=number(top.total))
        if top is not None else translate("insight", "No complaints yet."))


def draw_complaint_months(c: DashboardCharts, f: Figures) -> None:
    """Complaints opened and resolved in each of the last 12 months."""
    series = QBarSeries()
    series.append(_bar_set(translate("insight", "Opened"), RED, [m.opened for m in f.complaint_months]))
    series.append(_bar_set(translate("insight", "Resolved"), GREEN, [m.resolved for m in f.complaint_months]))
    loc = QLocale()
    cats = [str(m.month) if _chinese() else loc.monthName(m.month, QLocale.FormatType.ShortFormat)
            for m in f.complaint_months]
    chart = c._category_bars("complaint_months", series, cats,
                             largest=max([max(m.opened, m.resolved) for m in f.complaint_months] + [0]))
    if _chinese():
        chart.axes(Qt.Orientation.Horizontal)[0].setTitleText(translate("insight", "Month"))
    c.boxes["complaint_months"].note.setText(
        translate("insight", "12 months: {opened} opened, {resolved} resolved.").format(
            opened=number(sum(m.opened for m in f.complaint_months)),
            resolved=number(sum(m.resolved for m in f.complaint_months))))


def relationship_name(stage: str) -> str:
    """A relationship stage's label; "" is "no stage set"."""
    return label(stage) if stage else translate("insight", "No stage set")


def draw_relationship(c: DashboardCharts, f: Figures) -> None:
    """Customers per relationship stage, by what they buy (not yet, buying, slipping, stopped); a click on a
    stage lists its customers; the note counts committed or expanding customers who stopped buying."""
    rows = list(reversed(f.relationship))  # a horizontal bar chart draws its first category at the bottom
    series = QHorizontalStackedBarSeries()
    keys = [r.stage for r in rows]
    for name, color, field in ((translate("insight", "No order yet"), GREY, "prospect"),
                               (translate("insight", "Buying"), GREEN, "buying"),
                               (translate("insight", "Slipping"), ORANGE, "slipping"),
                               (translate("insight", "Stopped"), RED, "stopped")):
        bars = _bar_set(name, color, [getattr(r, field) for r in rows])
        bars.clicked.connect(lambda i: c._emit("relationship", keys[i], translate(
            "insight", "relationship stage: {stage}").format(stage=relationship_name(keys[i]))))
        bars.hovered.connect(lambda on, i: c._tip(on, _relationship_tip(rows[i])))
        series.append(bars)
    c._category_bars("relationship", series, [relationship_name(k) for k in keys], horizontal=True,
                     largest=max([r.customers for r in rows] + [0]))
    committed = sum(r.stopped for r in f.relationship if r.stage in ("commitment", "expansion"))
    c.boxes["relationship"].note.setText(translate(
        "insight", "%n customer(s) at Commitment or Expansion stopped buying: each is a reason on the call list.",
        "", committed))


def _relationship_tip(r: RelationshipFigure) -> str:
    return translate("insight", "{stage}: {buying} buying, {slipping} slipping, {stopped} stopped, {prospect} "
                                "without an order").format(stage=relationship_name(r.stage), buying=r.buying,
                                                           slipping=r.slipping, stopped=r.stopped,
                                                           prospect=r.prospect)
