"""The dashboard's tables and words: the decile table, a plain rows table, "what changed since last week",
and each chart's data as rows for a spreadsheet (:func:`chart_table`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.insight import Figures
from crm_desktop.ui.insight.texts import money, number, percent, segment_name, stage_name, t
from crm_desktop.ui.shell.labels import label, severity_label

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

NO_PARENT = QModelIndex()


class DecileModel(QAbstractTableModel):
    """十分制: group, customers, revenue, expected value, share, cumulative share, average order, P(active)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("insight", "Group"),
        QT_TRANSLATE_NOOP("insight", "Customers"),
        QT_TRANSLATE_NOOP("insight", "Revenue so far"),
        QT_TRANSLATE_NOOP("insight", "Expected value"),
        QT_TRANSLATE_NOOP("insight", "Share"),
        QT_TRANSLATE_NOOP("insight", "Cumulative"),
        QT_TRANSLATE_NOOP("insight", "Average order"),
        QT_TRANSLATE_NOOP("insight", "P(active)"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: Figures | None = None

    def set_figures(self, f: Figures) -> None:
        self.beginResetModel()
        self.figures = f
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() or self.figures is None else len(self.figures.deciles)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return t(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.figures
        if f is None or not index.isValid() or not 0 <= index.row() < len(f.deciles):
            return None
        r, col = f.deciles[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                (
                    translate("insight", "Group {n}").format(n=r.decile),
                    number(r.customers),
                    money(r.revenue, f.currency),
                    money(r.expected_value, f.currency),
                    percent(r.share),
                    percent(r.cumulative_share),
                    money(r.average_order, f.currency),
                    percent(r.p_alive),
                )[col]
                if 0 <= col < 8
                else None
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("insight", "Click to list the {n} customers of group {d}.").format(
                n=number(r.customers), d=r.decile
            )
        return None


class RowsModel(QAbstractTableModel):
    """A read-only table of already formatted texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []

    def set_rows(self, headers: list[str], rows: list[list[Any]]) -> None:
        self.beginResetModel()
        self.headers, self.rows = headers, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.headers):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                value
                if isinstance(value, str)
                else number(value)
                if isinstance(value, int)
                else QLocale().toString(float(value), "f", 2)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# --- words and tables ----------------------------------------------------------------------
def week_sentence(kind: str, n: int) -> str:
    """One note on the last week (a kind of :data:`~crm_desktop.services.insight_extra.WEEK_NOTES`) in words."""
    say = {
        "mvc_at_risk": lambda: translate("insight", "%n MVC(s) became at risk.", None, n),
        "came_back": lambda: translate("insight", "%n dormant or lost customer(s) ordered again.", None, n),
        "new_buyers": lambda: translate("insight", "%n customer(s) placed their first order.", None, n),
        "joined_mvc": lambda: translate("insight", "%n customer(s) became MVC.", None, n),
        "left_mvc": lambda: translate("insight", "%n customer(s) are no longer MVC.", None, n),
        "lost": lambda: translate("insight", "%n customer(s) are now counted as lost.", None, n),
    }.get(kind)
    return say() if say is not None else ""


def week_sentences(f: Figures) -> list[str]:
    """What changed since last week, as sentences in the user's language (plural forms by count)."""
    return [text for text in (week_sentence(n.kind, n.customers) for n in f.week) if text]


def week_html(f: Figures) -> str:
    import html

    lines = week_sentences(f) or [translate("insight", "Nothing worth telling changed in the last week.")]
    items = "".join(f"<li>{html.escape(s)}</li>" for s in lines)
    head = html.escape(translate("insight", "What changed since last week"))
    return f"<b>{head}</b><ul style='margin-left:12px'>{items}</ul>"


Table = tuple[list[str], list[list[Any]]]


def chart_table(name: str, f: Figures) -> Table:
    """The data of chart *name* as (column titles, rows) for a spreadsheet; money in whole units of the
    book's currency (with cents), shares as fractions."""
    make = _TABLES.get(name)
    if make is None:
        raise ValueError(name)
    return make(f)


def _pareto_rows(f: Figures) -> Table:
    return (
        [translate("insight", "% of customers"), translate("insight", "% of value")],
        [[round(x * 100, 2), round(y * 100, 2)] for x, y in zip(f.pareto_x, f.pareto_y)],
    )


def _deciles_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [t(h) for h in DecileModel.HEADERS] + [translate("insight", "Currency")],
        [
            [
                r.decile,
                r.customers,
                r.revenue / 100.0,
                r.expected_value / 100.0,
                r.share,
                r.cumulative_share,
                r.average_order / 100.0,
                r.p_alive,
                cur,
            ]
            for r in f.deciles
        ],
    )


def _segments_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [
            translate("insight", "Segment"),
            translate("insight", "Customers"),
            translate("insight", "A month ago"),
            translate("insight", "Revenue so far"),
            translate("insight", "Expected value"),
            translate("insight", "Currency"),
        ],
        [
            [
                segment_name(g.group),
                g.customers,
                g.customers_before,
                g.revenue / 100.0,
                g.expected_value / 100.0,
                cur,
            ]
            for g in f.segments
        ],
    )


def _lifecycle_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [
            translate("insight", "Stage"),
            translate("insight", "Customers"),
            translate("insight", "A month ago"),
            translate("insight", "Revenue so far"),
            translate("insight", "Expected value"),
            translate("insight", "Currency"),
        ],
        [
            [stage_name(g.group), g.customers, g.customers_before, g.revenue / 100.0, g.expected_value / 100.0, cur]
            for g in f.stages
        ],
    )


def _months_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [
            translate("insight", "Month"),
            translate("insight", "Revenue"),
            translate("insight", "First orders"),
            translate("insight", "Repeat orders"),
            translate("insight", "Same month last year"),
            translate("insight", "Currency"),
        ],
        [
            [
                f"{m.year:04d}-{m.month:02d}",
                m.revenue / 100.0,
                m.new_revenue / 100.0,
                m.repeat_revenue / 100.0,
                m.last_year / 100.0,
                cur,
            ]
            for m in f.months
        ],
    )


def _owners_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [
            translate("insight", "Owner"),
            translate("insight", "Customers"),
            translate("insight", "Buying customers"),
            translate("insight", "Revenue so far"),
            translate("insight", "Currency"),
        ],
        [
            [r.label or translate("insight", "(no owner)"), r.customers, r.buying_customers, r.revenue / 100.0, cur]
            for r in f.owners
        ],
    )


def _sources_rows(f: Figures) -> Table:
    cur = f.currency
    return (
        [
            translate("insight", "Lead source"),
            translate("insight", "Customers"),
            translate("insight", "Buying customers"),
            translate("insight", "Revenue so far"),
            translate("insight", "Currency"),
        ],
        [
            [
                label(r.label) or translate("insight", "(no lead source)"),
                r.customers,
                r.buying_customers,
                r.revenue / 100.0,
                cur,
            ]
            for r in f.sources
        ],
    )


def _complaints_rows(f: Figures) -> Table:
    return (
        [translate("insight", "Severity"), translate("insight", "Open"), translate("insight", "Overdue")],
        [[severity_label(c.severity), c.open, c.overdue] for c in f.complaints],
    )


def _churn_rows(f: Figures) -> Table:
    from crm_desktop.ui.winback.labels import churn_name

    return (
        [translate("insight", "Why they left"), translate("insight", "Customers"),
         translate("insight", "Revenue so far"), translate("insight", "Currency")],
        [[churn_name(r.reason), r.customers, r.spent / 100.0, f.currency] for r in f.churn],
    )


def _complaint_categories_rows(f: Figures) -> Table:
    return (
        [translate("insight", "Category"), translate("insight", "All"), translate("insight", "Open")],
        [[label(r.category), r.total, r.open] for r in f.complaint_categories],
    )


def _complaint_months_rows(f: Figures) -> Table:
    return (
        [translate("insight", "Month"), translate("insight", "Opened"), translate("insight", "Resolved")],
        [[f"{m.year:04d}-{m.month:02d}", m.opened, m.resolved] for m in f.complaint_months],
    )


def _relationship_rows(f: Figures) -> Table:
    from crm_desktop.ui.insight.charts_extra import relationship_name

    return (
        [translate("insight", "Relationship stage"), translate("insight", "No order yet"),
         translate("insight", "Buying"), translate("insight", "Slipping"), translate("insight", "Stopped")],
        [[relationship_name(r.stage), r.prospect, r.buying, r.slipping, r.stopped] for r in f.relationship],
    )


_TABLES: dict[str, Callable[[Figures], Table]] = {
    "pareto": _pareto_rows, "deciles": _deciles_rows, "segments": _segments_rows, "lifecycle": _lifecycle_rows,
    "months": _months_rows, "owners": _owners_rows, "sources": _sources_rows, "complaints": _complaints_rows,
    "churn": _churn_rows, "complaint_categories": _complaint_categories_rows,
    "complaint_months": _complaint_months_rows, "relationship": _relationship_rows,
}
