"""The complaints table: its model (rows already filtered and sorted), its texts and colours.

The rows come from the :class:`~crm_desktop.services.complaints.ComplaintService`
on the worker thread.  Sorting by a column never happens here on the UI thread
(a Python sort of 50,000 rows with translated keys takes a noticeable moment,
and a ``QSortFilterProxyModel`` calls ``data()`` millions of times): a click on a
header emits :attr:`ComplaintTableModel.sort_requested`, the panel loads again,
and :func:`sort_rows` orders the rows on the worker before they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintRow, DueState
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.ui.shell.labels import label, severity_label

_ROOT = QModelIndex()  # the invisible root, default parent of a flat model (one shared value, B008)

ACTION_TEXTS = {
    "acknowledged": QT_TRANSLATE_NOOP("complaints", "Acknowledge"),
    "in_progress": QT_TRANSLATE_NOOP("complaints", "Start work"),
    "resolved": QT_TRANSLATE_NOOP("complaints", "Resolve…"),
    "closed": QT_TRANSLATE_NOOP("complaints", "Close"),
    "reopen": QT_TRANSLATE_NOOP("complaints", "Reopen"),
}
"""Button texts per target status (reopen = resolved/closed → in progress)."""

OVERDUE_COLOR = QColor("#c62828")
SOON_COLOR = QColor("#ef6c00")
OVERDUE_BACKGROUND = QColor("#ffebee")

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

_SEVERITY_RANK = {s: i for i, s in enumerate(d.SEVERITIES)}
_STATUS_RANK = {s: i for i, s in enumerate(d.STATUSES)}
SORT_KEYS: dict[str, Callable[[ComplaintRow], Any]] = {
    "number": lambda r: r.number,
    "customer": lambda r: r.customer_name.casefold(),
    "opened": lambda r: r.opened_at,
    "category": lambda r: label(r.category),
    "severity": lambda r: _SEVERITY_RANK.get(r.severity, -1),
    "status": lambda r: _STATUS_RANK.get(r.status, -1),
    "satisfaction": lambda r: -1 if r.satisfaction is None else r.satisfaction,
    "owner": lambda r: r.owner.casefold(),
    "due": d.due_sort_key,
    "description": lambda r: r.description.casefold(),
}
"""How each column sorts (the category by its label in the reader's language)."""


def sort_rows(rows: list[ComplaintRow], column: str, descending: bool = False) -> list[ComplaintRow]:
    """*rows* sorted by *column* (one of ``ComplaintTableModel.COLUMNS``); run on the worker thread."""
    return sorted(rows, key=SORT_KEYS[column], reverse=descending)


def _t(text: str) -> str:
    return QCoreApplication.translate("complaints", text)


def action_text(from_status: str, to_status: str) -> str:
    key = "reopen" if d.is_reopen(from_status, to_status) else to_status
    return _t(ACTION_TEXTS[key])


def duration_text(seconds: float) -> str:
    """A short duration: minutes under an hour, hours under two days, else days."""
    seconds = abs(seconds)
    if seconds < 3600:
        return translate("complaints", "{n} min").format(n=max(1, round(seconds / 60)))
    if seconds < 48 * 3600:
        return translate("complaints", "{n} h").format(n=round(seconds / 3600))
    return translate("complaints", "{n} d").format(n=round(seconds / 86400))


def due_text(state: DueState) -> str:
    """The deadline in words: "answer overdue by 3 h", "resolve due in 2 d", "resolved late by 1 d"…"""
    n = duration_text(state.seconds)
    overdue = state.state == "overdue"
    if state.kind == "answer":
        text = translate("complaints", "answer overdue by {t}") if overdue else translate("complaints",
                                                                                           "answer due in {t}")
        return text.format(t=n)
    if state.kind == "resolve":
        text = translate("complaints", "resolve overdue by {t}") if overdue else translate("complaints",
                                                                                            "resolve due in {t}")
        return text.format(t=n)
    if state.kind == "done":
        if state.state == "late":
            return translate("complaints", "resolved late by {t}").format(t=n)
        return translate("complaints", "resolved in time")
    return ""


def local_text(dt: datetime | None) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M") if dt else ""


def score_short(score: int | None) -> str:
    """A satisfaction score as a column shows it ("4/5"), empty when not given."""
    return translate("complaints", "{score}/5").format(score=score) if score is not None else ""


def outcome_text(r: ComplaintRow) -> str:
    """How a resolved or closed complaint ended: its resolution and the customer's score, in words."""
    if r.status not in d.DONE_STATUSES:
        return ""
    parts = []
    if r.resolution:
        parts.append(translate("complaints", "Resolution: {text}").format(text=r.resolution))
    parts.append(translate("complaints", "Satisfaction: {score}/5").format(score=r.satisfaction)
                 if r.satisfaction is not None else translate("complaints", "Satisfaction: not asked yet"))
    return "\n".join(parts)


class ComplaintTableModel(QAbstractTableModel):
    """Complaint rows as shown (already filtered and sorted); ``now()`` gives the time deadlines are judged at.

    Colours: the due column is red when overdue (the row gets a pale red
    background), orange when due soon.  :meth:`sort` (a click on a header) only
    records the column and emits :attr:`sort_requested`; :attr:`sorting` is what
    the next load sorts by.
    """

    sort_requested = Signal()

    COLUMNS = ("number", "customer", "opened", "category", "severity", "status", "satisfaction", "owner", "due",
               "description")
    HEADERS = (QT_TRANSLATE_NOOP("complaints", "No."), QT_TRANSLATE_NOOP("complaints", "Customer"),
               QT_TRANSLATE_NOOP("complaints", "Came in"), QT_TRANSLATE_NOOP("complaints", "Category"),
               QT_TRANSLATE_NOOP("complaints", "Severity"), QT_TRANSLATE_NOOP("complaints", "Status"),
               QT_TRANSLATE_NOOP("complaints", "Satisfaction"),
               QT_TRANSLATE_NOOP("complaints", "Owner"), QT_TRANSLATE_NOOP("complaints", "Deadline"),
               QT_TRANSLATE_NOOP("complaints", "Description"))

    def __init__(self, now: Callable[[], datetime], parent: Any = None, show_customer: bool = True) -> None:
        super().__init__(parent)
        self.now = now
        self.rows: list[ComplaintRow] = []
        self._columns = self.COLUMNS if show_customer else tuple(c for c in self.COLUMNS if c != "customer")
        self._row_of: dict[str, int] | None = None
        self.sorting: tuple[str, bool] | None = None
        """(column, descending) the person sorted by; None: the service's due order."""
        self._at = now()

    # --- contents ----------------------------------------------------------------
    def set_rows(self, rows: list[ComplaintRow]) -> None:
        """Show *rows*, in their order (the service's due order, or sorted by :func:`sort_rows`)."""
        self.beginResetModel()
        self._at = self.now()
        self.rows = list(rows)
        self._row_of = None
        self.endResetModel()

    def sorted_rows(self, rows: list[ComplaintRow]) -> list[ComplaintRow]:
        """*rows* in the order the person chose (call on the worker thread)."""
        return rows if self.sorting is None else sort_rows(rows, *self.sorting)

    def rejudge(self) -> None:
        """Judge the deadlines again at the time now (they pass without writes): colours and texts."""
        self._at = self.now()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self._columns) - 1))

    def row_of(self, complaint_id: str) -> int:
        if self._row_of is None:
            self._row_of = {r.id: i for i, r in enumerate(self.rows)}
        return self._row_of.get(complaint_id, -1)

    def row_data(self, row: int) -> ComplaintRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def column_of(self, name: str) -> int:
        return self._columns.index(name)

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return _t(self.HEADERS[self.COLUMNS.index(self._columns[section])])
        return None

    _ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole})

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._ROLES or not index.isValid():  # the view asks ~10 roles per cell: answer fast
            return None
        if not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self._columns):
            return None
        r = self.rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in ("description", "due", "status", "satisfaction"):
            if col == "description":
                return r.description
            if col == "due":
                return local_text(r.next_deadline())
            return outcome_text(r) or None
        if role == Qt.ItemDataRole.ForegroundRole and col in ("due", "severity"):
            if col == "severity":
                return QBrush(OVERDUE_COLOR) if r.severity == "critical" else None
            state = r.due(self._at).state
            if state in ("overdue", "late"):
                return QBrush(OVERDUE_COLOR)
            return QBrush(SOON_COLOR) if state == "soon" else None
        if role == Qt.ItemDataRole.BackgroundRole and r.is_open and r.due(self._at).state == "overdue":
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _display(self, r: ComplaintRow, col: str) -> str:
        if col == "number":
            return r.number
        if col == "customer":
            return r.customer_name
        if col == "opened":
            return local_text(r.opened_at)
        if col == "category":
            return label(r.category)
        if col == "severity":
            return severity_label(r.severity)
        if col == "status":
            return label(r.status)
        if col == "satisfaction":
            return score_short(r.satisfaction)
        if col == "owner":
            return r.owner
        if col == "due":
            return due_text(r.due(self._at))
        text = r.description.replace("\n", " ")
        return text if len(text) <= 80 else text[:79] + "…"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: remember the column; the panel loads the rows sorted (off the UI thread)."""
        if not 0 <= column < len(self._columns):
            return
        self.sorting = (self._columns[column], order == Qt.SortOrder.DescendingOrder)
        self.sort_requested.emit()


def make_table(parent: QWidget, model: ComplaintTableModel) -> QTableView:
    """The view over *model*: whole rows selected, headers sort, no editing."""
    view = QTableView(parent)
    view.setObjectName("complaintTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # no sort indicator at first, so enabling sorting does not sort: rows keep the service's due order
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    return view

