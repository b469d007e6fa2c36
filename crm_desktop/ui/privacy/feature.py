"""Customer ▸ Erase this person's data…: the right to erasure, asked twice and not undoable.

Delete (Edit ▸ Delete customer) stays the undoable way to remove someone.
Erasing removes the person for good (see
:class:`crm_desktop.services.privacy.ErasureService`): it first says what will
go and that it cannot be undone, then asks to type the person's name.  The
work (the book and its automatic backups rewritten) runs on the task runner
with progress; afterwards the undo history is cleared, since no step in it
can bring the person back.
"""

from __future__ import annotations

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

from crm_desktop.services.privacy import ErasureService
from crm_desktop.ui.shell.labels import error_text


class ConfirmErasureDialog(QDialog):
    """The second question: type the person's name to erase them for good."""

    def __init__(self, name: str, parent=None) -> None:
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

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.services.get(ErasureService)
        self.dialog_hook = None  # tests: called with each dialog instead of exec()
        self.erase_action = QAction(self.tr("&Erase this person's data…"), window)
        self.erase_action.setObjectName("action_erase_person")
        self.erase_action.triggered.connect(lambda _checked=False: self.ask_erase())
        window.add_actions("customer", [self.erase_action])
        self.erase_action.setEnabled(False)
        window.customer_changed.connect(lambda cid: self.erase_action.setEnabled(bool(cid)))
        self.last_message = ""

    def _exec(self, dialog) -> bool:
        if self.dialog_hook is not None:
            return bool(self.dialog_hook(dialog))
        result = dialog.exec()
        if isinstance(dialog, QMessageBox):  # exec() returns the button pressed, not Accepted
            return dialog.standardButton(dialog.clickedButton()) == QMessageBox.StandardButton.Yes
        return result == QDialog.DialogCode.Accepted

    def ask_erase(self, customer_id: str | None = None) -> None:
        """Ask twice, then erase the current (or given) customer."""
        cid = customer_id or self.window.current_customer_id()
        if not cid:
            return
        try:
            name = self.window.customers.get(cid).name
        except Exception as exc:  # noqa: BLE001 - gone meanwhile: say so
            QMessageBox.warning(self.window, self.tr("Erase this person's data"), error_text(exc))
            return
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
        svc = self.service

        def done(result) -> None:
            self.window.undo_stack.clear()  # no step of it can bring the person back
            self.window.customers.invalidate()
            self.window.list_panel.model.remove_id(customer_id)
            self.window.list_panel.refresh()
            self.window.notify_changed("all")
            self.last_message = self.tr(
                "Erased “{name}”: %n record(s); automatic backups rewritten: {copies}.", "", result.total).format(
                    name=name, copies=result.copies)
            self.window.statusBar().showMessage(self.last_message, 15000)

        def failed(exc) -> None:
            self.last_message = error_text(exc)
            QMessageBox.warning(self.window, self.tr("Erase this person's data"), self.last_message)

        self.window.runner.run_long(self.tr("Erasing"), lambda p: svc.erase(customer_id, progress=p.report),
                                    done, failed)


def install(window) -> None:
    """Add Customer ▸ Erase this person's data… to *window*."""
    window.erasure_feature = ErasureFeature(window)
