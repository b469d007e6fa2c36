"""The Win back page: the list of formerly valuable customers who stopped buying (see
:mod:`crm_desktop.services.winback`), read on the task runner and kept in step with writes.

Enter (or a double click) opens the customer's card, Ctrl+L logs a contact, and "Set churn reason…"
(a button and the context menu) records why they stopped buying.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.winback import WinBackRow
from crm_desktop.ui.insight.texts import money, percent, segment_name, stage_name
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.winback.labels import CHURN_NAMES, churn_name

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class WinBackModel(QAbstractTableModel):
    """The rows of the win-back list (``rows``: :class:`WinBackRow`, best first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[WinBackRow] = []

    def headers(self) -> list[str]:
        return [self.tr("Customer"), self.tr("Owner"), self.tr("Segment"), self.tr("Stage"), self.tr("Spent so far"),
                self.tr("Last order"), self.tr("P(active)"), self.tr("Why they stopped")]

    def set_rows(self, rows: list[WinBackRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def cell(self, r: WinBackRow, column: int) -> str:
        if column == 0:
            return r.name
        if column == 1:
            return r.owner or self.tr("(nobody)")
        if column == 2:
            return segment_name(r.segment, short=True) if r.segment else ""
        if column == 3:
            return stage_name(r.stage)
        if column == 4:
            return money(r.spent, r.currency)
        if column == 5:
            return QLocale().toString(QDate(r.last_order), QLocale.FormatType.ShortFormat) if r.last_order else "—"
        if column == 6:
            return percent(r.p_alive)
        return churn_name(r.churn_reason)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(r, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Ranked by spent so far × P(active): {spent} × {p}").format(
                spent=money(r.spent, r.currency), p=percent(r.p_alive))
        if role == Qt.ItemDataRole.UserRole:
            return r.customer_id
        return None


class WinBackView(QTableView):
    """The table; Enter opens the card, and Ctrl+L logs a contact (before the window's shortcut takes it)."""

    key_action = Signal(str)  # "open" or "log"

    def _action(self, event: QKeyEvent) -> str | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            return "open"
        if event.key() == Qt.Key.Key_L and mods == Qt.KeyboardModifier.ControlModifier:
            return "log"
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._action(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action(event)
        if action:
            self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class ChurnReasonDialog(QDialog):
    """Pick why *name* stopped buying (or "not asked yet"); :meth:`reason` is the choice."""

    def __init__(self, name: str, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("churnReasonDialog")
        self.setWindowTitle(self.tr("Why did they stop buying?"))
        self.choice = QComboBox(self)
        self.choice.setObjectName("churnReasonChoice")
        self.choice.addItem(churn_name(None), None)
        for key in CHURN_NAMES:
            self.choice.addItem(churn_name(key), key)
        self.choice.setCurrentIndex(max(0, self.choice.findData(current)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Customer"), QLabel(f"<b>{html.escape(name)}</b>", self))
        form.addRow(self.tr("Why they stopped"), self.choice)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def reason(self) -> str | None:
        value = self.choice.currentData()
        return str(value) if value else None


class WinBackPage(QWidget):
    """The page; ``load(job)`` reads the rows on the runner (see the feature for the job)."""

    open_requested = Signal(str)
    log_requested = Signal(str)
    churn_requested = Signal(str)  # a customer id: ask and set their churn reason
    loaded = Signal(int)

    def __init__(self, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("winback_page")
        self.runner = runner
        self.loading = False
        self._again: Any = None
        self.model = WinBackModel(self)
        self.view = WinBackView(self)
        self.view.setObjectName("winbackTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.key_action.connect(self._key)
        self.view.doubleClicked.connect(lambda _i: self._key("open"))
        self.explain = QLabel(self.tr(
            "Customers who spent a lot and stopped buying (lost or dormant; MVC, MGC or the top three deciles by "
            "money spent so far), ranked by spent so far × P(active): big spenders with a chance of coming back "
            "first. Enter opens the card; Ctrl+L logs a call."), self)
        self.explain.setObjectName("winbackExplain")
        self.explain.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("winbackStatus")
        self.churn_button = QPushButton(self.tr("Set churn reason…"), self)
        self.churn_button.setObjectName("winbackSetReason")
        self.churn_button.clicked.connect(lambda: self._key("churn"))
        self.log_button = QPushButton(self.tr("Log contact…"), self)
        self.log_button.setObjectName("winbackLog")
        self.log_button.clicked.connect(lambda: self._key("log"))
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.log_button)
        top.addWidget(self.churn_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.explain)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self._enable()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()].customer_id if index.isValid() else None

    def _enable(self) -> None:
        has = bool(self.model.rows)
        self.churn_button.setEnabled(has)
        self.log_button.setEnabled(has)

    def _key(self, action: str) -> None:
        cid = self.current_id()
        if cid is None:
            return
        {"open": self.open_requested, "log": self.log_requested, "churn": self.churn_requested}[action].emit(cid)

    def _menu(self, pos: Any) -> None:
        if self.current_id() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open the card"), lambda: self._key("open"))
        menu.addAction(self.tr("Log contact…"), lambda: self._key("log"))
        menu.addAction(self.tr("Set churn reason…"), lambda: self._key("churn"))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def load(self, job: Any) -> None:
        """Read the rows with *job* on the runner (one at a time; a request meanwhile runs after)."""
        if self.loading:
            self._again = job
            return
        self.loading = True
        self.runner.run(job, self._shown, self._failed)

    def _shown(self, rows: list[WinBackRow]) -> None:
        keep = self.current_id()
        self.loading = False
        self.model.set_rows(rows)
        total = sum(r.spent for r in rows)
        currency = rows[0].currency if rows else "CNY"
        self.status.setText(self.tr("%n customer(s) to win back, who spent {total} so far.", "", len(rows))
                            .format(total=money(total, currency)) if rows else self.tr("Nobody to win back."))
        row = next((i for i, r in enumerate(rows) if r.customer_id == keep), 0 if rows else -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._enable()
        self._next()
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.status.setText(error_text(exc))
        self._next()

    def _next(self) -> None:
        job, self._again = self._again, None
        if job is not None:
            self.load(job)
