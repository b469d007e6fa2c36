"""Team figures on complaints, as a table: all, by category, by month of opening.

Columns: complaints, open, overdue, median time to first answer, median time
to resolve, share resolved within the deadline, average satisfaction (1–5).
Computed by :meth:`ComplaintService.figures` on the worker thread.
(Charts come with the dashboard.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from crm_desktop.domain.complaints import FigureRow
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.ui.complaints.table import OVERDUE_COLOR, duration_text
from crm_desktop.ui.shell.labels import label

if TYPE_CHECKING:
    from crm_desktop.ui.shell.tasks import TaskRunner

_ROOT = QModelIndex()  # the invisible root, default parent of a flat model (one shared value, B008)

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _t(text: str) -> str:
    return QCoreApplication.translate("complaints", text)


class ComplaintFiguresModel(QAbstractTableModel):
    """One line per :class:`FigureRow`; numbers right-aligned, "—" where nothing can be measured."""

    HEADERS = (QT_TRANSLATE_NOOP("complaints", "Group"), QT_TRANSLATE_NOOP("complaints", "Complaints"),
               QT_TRANSLATE_NOOP("complaints", "Open"), QT_TRANSLATE_NOOP("complaints", "Overdue"),
               QT_TRANSLATE_NOOP("complaints", "Median time to first answer"),
               QT_TRANSLATE_NOOP("complaints", "Median time to resolve"),
               QT_TRANSLATE_NOOP("complaints", "Resolved within deadline"),
               QT_TRANSLATE_NOOP("complaints", "Average satisfaction"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FigureRow] = []

    def set_rows(self, rows: list[FigureRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return _t(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.HEADERS):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and r.group == "all":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and r.overdue:
            return QBrush(OVERDUE_COLOR)
        return None

    @staticmethod
    def _text(r: FigureRow, col: int) -> str:
        dash = "—"
        if col == 0:
            if r.group == "all":
                return translate("complaints", "All complaints")
            if r.group == "category":
                return translate("complaints", "Category: {name}").format(name=label(r.key))
            return translate("complaints", "Month: {month}").format(month=r.key)
        if col == 1:
            return str(r.total)
        if col == 2:
            return str(r.open)
        if col == 3:
            return str(r.overdue)
        if col == 4:
            return duration_text(r.median_answer_s) if r.median_answer_s is not None else dash
        if col == 5:
            return duration_text(r.median_resolve_s) if r.median_resolve_s is not None else dash
        if col == 6:
            return f"{r.resolved_in_time * 100:.0f} %" if r.resolved_in_time is not None else dash
        return f"{r.avg_satisfaction:.1f}" if r.avg_satisfaction is not None else dash


class ComplaintFiguresView(QWidget):
    """The figures table with a Refresh button; ``load()`` returns the rows (run on the worker)."""

    def __init__(self, load: Callable[[], list[FigureRow]], runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_figures")
        self._load = load
        self.runner = runner
        self.loading = False
        self.stale = True
        self.model = ComplaintFiguresModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.note = QLabel(self.tr("Times are from when the complaint came in. Months are by the day it came in."),
                           self)
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)

    def refresh(self, *_args: object) -> None:
        self.loading = True
        self.stale = False
        self.runner.run(self._load, self._show, lambda exc: self._show([]))

    def _show(self, rows: list[FigureRow]) -> None:
        self.loading = False
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()
