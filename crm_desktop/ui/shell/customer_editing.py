"""New, Edit and Delete customer: the dialogs, the writes on the task runner, undo.

Mixed into :class:`~crm_desktop.ui.shell.main_window.MainWindow` (it uses the
window's ``customers``, ``runner``, ``undo_stack``, ``list_panel`` and the
current customer).  Every write runs on the task runner; the customer dialog
shows a refused save in itself and stays open (see
:mod:`crm_desktop.ui.shell.saving`); a delete is undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import CustomerDetail, CustomerInput
from crm_desktop.services.duplicate_hints import DuplicateHintService
from crm_desktop.ui.customers.dialog import CustomerDialog
from crm_desktop.ui.shell.undo import WriteCommand

if TYPE_CHECKING:
    from crm_desktop.services.customers import CustomerService

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

CUSTOMER_KINDS = (Kind.CUSTOMER, Kind.CONTACT, Kind.TAG)
"""What saving the customer dialog writes: the customer's fields, contacts and tags."""


def customer_changes(customer_id: str) -> Changes:
    """What a save, delete or restore of one customer changes."""
    return Changes.of(*CUSTOMER_KINDS, customers=[customer_id])


class CustomerEditing:
    """The customer actions of the main window (a mixin: see the module docstring; ``self`` is the
    MainWindow)."""

    customers: CustomerService
    services: Any
    open_customer: Any
    runner: Any
    undo_stack: Any
    list_panel: Any
    last_dialog: Any
    current_customer_id: Any
    _set_current: Any
    notify_changed: Any
    show_error: Any
    statusBar: Any

    def new_customer(self) -> None:
        svc = self.customers
        hints = self.services.get(DuplicateHintService)
        dialog = CustomerDialog(svc.validate, save=svc.create, runner=self.runner, parent=cast(QWidget, self),
                                hints=lambda name, phone, company, email: hints.hints(name, phone, company, email))
        self.last_dialog = dialog
        if dialog.exec():
            self.after_save(dialog.saved.id, dialog.saved.changes)
        elif dialog.open_instead:
            self.open_customer(dialog.open_instead)  # a duplicate hint: that customer, nothing created

    def edit_customer(self, customer_id: str) -> None:
        svc = self.customers

        def opened(detail: CustomerDetail) -> None:
            base = detail.to_input()

            def save(data: CustomerInput) -> Changes:
                return svc.update(customer_id, data, base=base)

            dialog = CustomerDialog(svc.validate, base, save=save, runner=self.runner, parent=cast(QWidget, self))
            self.last_dialog = dialog
            if dialog.exec():
                self.after_save(customer_id)

        self.runner.run(lambda: svc.get(customer_id), opened,
                        lambda exc: self.show_error(exc, translate("MainWindow", "Edit customer")), urgent=True)

    def after_save(self, customer_id: str, changes: Changes | None = None) -> None:
        """*customer_id* was saved: they become the current customer, and every panel hears of it."""
        if customer_id != self.current_customer_id():
            self._set_current(customer_id)
        self.notify_changed(changes or customer_changes(customer_id))

    def delete_customer(self, customer_id: str) -> None:
        """Delete (tombstone) *customer_id* on the task runner; Ctrl+Z brings them back."""
        row = self.list_panel.model.row_data(self.list_panel.model.row_of(customer_id))
        name = row.name if row else ""
        if customer_id == self.current_customer_id():
            self._set_current(None)
        svc = self.customers
        changes = customer_changes(customer_id)
        text = translate("MainWindow", "Delete “{name}”").format(name=name)

        def gone() -> None:
            self.list_panel.model.remove_id(customer_id)
            if customer_id == self.current_customer_id():
                self._set_current(None)

        def deleted(result: object) -> None:
            gone()
            self.undo_stack.push(WriteCommand(self, text, lambda: svc.delete(customer_id),
                                              lambda: svc.restore(customer_id), changes, after_redo=gone,
                                              after_undo=lambda: self._set_current(customer_id)))
            self.notify_changed(result if isinstance(result, Changes) else changes)
            self.statusBar().showMessage(
                translate("MainWindow", "Deleted “{name}”. Undo with Ctrl+Z.").format(name=name), 8000)

        self.runner.run(lambda: svc.delete(customer_id), deleted,
                        lambda exc: self.show_error(exc, translate("MainWindow", "Delete customer")), urgent=True)
