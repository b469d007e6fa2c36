"""Enter or edit one order: date, amount (parsed exactly), currency, what was bought.

Save writes through ``save`` on the task runner; a refusal (an amount that is
not one) shows in the dialog, which stays open with what was typed (see
:mod:`crm_desktop.ui.shell.saving`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.orders import COMMON_CURRENCIES, OrderInput, OrderRow, format_amount
from crm_desktop.ui.shell.saving import Job, SavingDialog


class OrderDialog(SavingDialog):
    """``save(OrderInput) -> result`` writes the order; errors stay in the dialog with the typed text.

    The date is a day (local); it is stored as local noon so it stays on that day in any nearby time zone.
    """

    def __init__(self, customer_id: str, customer_name: str, save: Callable[[OrderInput], Any], *,
                 today: datetime, initial: OrderRow | None = None, runner: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="orderError")
        self.customer_id = customer_id
        self._save = save
        self.setWindowTitle(self.tr("Edit order") if initial else self.tr("New order"))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        local = (initial.ordered_at if initial else today).astimezone()
        self.date.setDate(QDate(local.year, local.month, local.day))
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("e.g. 1280.50"))
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("What was bought"))
        self.external_ref = QLineEdit(self)
        if initial:
            amount = format_amount(initial.amount_minor, initial.currency).split(" ")[0].replace(",", "")
            self.amount.setText(amount)
            self.currency.setCurrentText(initial.currency)
            self.description.setText(initial.description)
            self.external_ref.setText(initial.external_ref)
        form = QFormLayout()
        form.addRow(self.tr("Customer"), QLabel(customer_name, self))
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("What"), self.description)
        form.addRow(self.tr("Order number"), self.external_ref)
        buttons = self.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.amount.setFocus()

    def data(self) -> OrderInput:
        d = self.date.date()
        local_tz = datetime.now().astimezone().tzinfo
        at = datetime.combine(datetime(d.year(), d.month(), d.day()).date(), time(12, 0), local_tz)
        return OrderInput(customer_id=self.customer_id, ordered_at=at.astimezone(UTC),
                          amount=self.amount.text(), currency=self.currency.currentText(),
                          description=self.description.text(), external_ref=self.external_ref.text())

    def save(self) -> None:
        """Save: write the order (on the task runner); a refusal stays in the dialog."""
        self.accept()

    def job(self) -> Job | None:
        data, save = self.data(), self._save
        return lambda: save(data)
