"""Customer ▸ Erase this person's data…: the right to erasure, asked twice and not undoable.

Delete (Edit ▸ Delete customer) stays the undoable way to remove someone.
Erasing removes the person for good (see
:class:`crm_desktop.services.privacy.ErasureService`): it first says what will
go and that it cannot be undone, then asks to type the person's name.  The
work (the book and its automatic backups rewritten) runs on the task runner
with progress, while the customer list reads nothing (the file is rewritten);
afterwards the undo history is cleared, since no step in it can bring the
person back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from crm_desktop.domain.changes import ALL_KINDS, Changes
from crm_desktop.services.privacy import ErasureService
from crm_desktop.ui.shell.labels import error_text


class ConfirmErasureDialog(QDialog):
    """The second question: type the person's name to erase them for good."""

    def __init__(self, name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("confirmErasureDialog")
        self.setWindowTitle(self.tr("Erase for good"))
        lay = QVBoxLayout(self)
        label = QLabel(self.tr("Type “{name}” to erase this person's data for good. This cannot be undone.")
                       .format(name=name), self)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("erasureName")
        lay.addWidget(self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Erase for good"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.edit.textChanged.connect(lambda text: self.ok.setEnabled(text.strip() == name.strip()))


class ErasureFeature(QObject):
    """The erase action of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.services.get(ErasureService)
        self.dialog_hook = None  # tests: called with each dialog instead of exec()
        self.erase_action = QAction(self.tr("&Erase this person's data…"), window)
        self.erase_action.setObjectName("action_erase_person")
        self.erase_action.triggered.connect(lambda _checked=False: self.ask_erase())
        window.add_actions("customer", [self.erase_action], for_customer=True)
        self.last_message = ""
        self.last_dialog: Any = None

    def _exec(self, dialog: QDialog) -> bool:
        if self.dialog_hook is not None:
            return bool(self.dialog_hook(dialog))
        result = dialog.exec()
        if isinstance(dialog, QMessageBox):  # exec() returns the button pressed, not Accepted
            return dialog.standardButton(dialog.clickedButton()) == QMessageBox.StandardButton.Yes
        return result == QDialog.DialogCode.Accepted

    def ask_erase(self, customer_id: str | None = None) -> None:
        """Ask twice, then erase the current (or given) customer (their name is read first)."""
        cid = customer_id or self.window.current_customer_id()
        if not cid:
            return
        customers = self.window.customers
        self.window.runner.run(lambda: customers.get(cid).name, lambda name: self._ask(cid, name),
                               lambda exc: self._refused(exc), urgent=True)

    def _refused(self, exc: BaseException) -> None:  # gone meanwhile, the disk is full …: say so
        self.last_message = error_text(exc)
        QMessageBox.warning(self.window, self.tr("Erase this person's data"), self.last_message)

    def _ask(self, cid: str, name: str) -> None:
        first = QMessageBox(QMessageBox.Icon.Warning, self.tr("Erase this person's data"),
                            self.tr("Erase everything stored about “{name}”?").format(name=name),
                            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window)
        first.setInformativeText(self.tr(
            "The record, contacts, logged contacts, orders, complaints and tags are erased for good, also from "
            "the automatic backups on this computer; teammates' copies go at their next merge. This cannot be "
            "undone. To remove someone you may want back, use Delete instead."))
        first.button(QMessageBox.StandardButton.Yes).setText(self.tr("Continue…"))
        first.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.last_dialog = first
        if not self._exec(first):
            return
        second = ConfirmErasureDialog(name, self.window)
        self.last_dialog = second
        if not self._exec(second) or second.edit.text().strip() != name.strip():
            return
        self.erase(cid, name)

    def erase(self, customer_id: str, name: str) -> None:
        """Erase on the task runner; the list reads nothing while the book's file is rewritten."""
        svc = self.service
        window = self.window

        def done(result: Any) -> None:
            window.undo_stack.clear()  # no step of it can bring the person back
            window.data_replaced(Changes(ALL_KINDS, frozenset({customer_id})))
            self.last_message = self.tr(
                "Erased “{name}”: %n record(s); automatic backups rewritten: {copies}.", "", result.total).format(
                    name=name, copies=result.copies)
            window.statusBar().showMessage(self.last_message, 15000)

        def failed(exc: BaseException) -> None:
            window.data_replaced(Changes())
            self._refused(exc)

        window.data_replacing()
        window.runner.run_long(self.tr("Erasing"), lambda p: svc.erase(customer_id, progress=p.report),
                               done, failed)


def install(window: Any) -> ErasureFeature:
    """Add Customer ▸ Erase this person's data… to *window*."""
    return ErasureFeature(window)
