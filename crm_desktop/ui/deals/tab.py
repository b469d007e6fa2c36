"""The Deals tab beside the customer card: that customer's deals (open and closed) and "New deal…"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealRow, DealSettings
from crm_desktop.ui.deals.board import DealRole
from crm_desktop.ui.deals.dialog import amount_text, lost_reason_label, stage_label
from crm_desktop.ui.shell.labels import error_text

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
"""The invalid index: a default argument made once (its value is never changed)."""


class CustomerDealsModel(QAbstractTableModel):
    """One customer's deals: title, amount, stage (with the lost reason), since, expected close."""

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.now = now
        self.rows: list[DealRow] = []
        self.settings = DealSettings()

    def set_rows(self, rows: list[DealRow], settings: DealSettings) -> None:
        self.beginResetModel()
        self.rows, self.settings = rows, settings
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Title"), self.tr("Amount"), self.tr("Stage"), self.tr("In stage since"),
                    self.tr("Expected close")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, c = self.rows[index.row()], index.column()
        if role == DealRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return r.title
            if c == 1:
                return amount_text(r.amount_minor, r.currency)
            if c == 2:
                stage = self.settings.stage(r.stage)
                text = stage_label(stage)
                if stage.outcome == d.LOST and r.lost_reason:
                    text = self.tr("{stage} ({reason})").format(stage=text, reason=lost_reason_label(r.lost_reason))
                return text
            if c == 3:
                return r.stage_since.astimezone().strftime("%Y-%m-%d")
            return r.expected_close.isoformat() if r.expected_close else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and c == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CustomerDealsTab(QWidget):
    """``loader(customer_id) -> (settings, rows)`` runs on *runner*; emits :attr:`new_requested` (customer id)
    and :attr:`open_requested` (deal)."""

    new_requested = Signal(str)
    open_requested = Signal(object)

    def __init__(self, loader: Callable[[str], tuple[DealSettings, list[DealRow]]], runner: Any,
                 now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_deals_tab")
        self.loader, self.runner = loader, runner
        self.customer_id: str | None = None
        self._generation = 0
        self.model = CustomerDealsModel(now, self)
        self.table = QTableView(self)
        self.table.setObjectName("customerDealTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda i: self._open(i.data(DealRole)))  # Enter, or a double click
        self.new_button = QPushButton(self.tr("New deal…"), self)
        self.new_button.setObjectName("newDealButton")
        self.new_button.clicked.connect(lambda: self.customer_id and self.new_requested.emit(self.customer_id))
        self.status = QLabel(self)
        self.status.setObjectName("customerDealStatus")
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.new_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.new_button.setEnabled(False)

    def set_customer(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        self.new_button.setEnabled(customer_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, cid = self._generation, self.customer_id
        if cid is None:
            self.model.set_rows([], DealSettings())
            self.status.setText("")
            return

        def shown(result: tuple[DealSettings, list[DealRow]]) -> None:
            if generation != self._generation:
                return
            settings, rows = result
            self.model.set_rows(rows, settings)
            opened = sum(1 for r in rows if settings.outcome(r.stage) == d.OPEN)
            self.status.setText(self.tr("%n open deal(s)", "", opened) if rows else self.tr("No deals yet."))

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.status.setText(error_text(exc))

        self.runner.run(lambda: self.loader(cid), shown, failed)

    def _open(self, row: object) -> None:
        if isinstance(row, DealRow):
            self.open_requested.emit(row)
