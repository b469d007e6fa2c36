"""The one way a dialog saves: the write runs on the task runner, a refusal stays in the dialog.

A dialog that writes (a customer, a logged contact, a complaint, an order, the
team's settings) derives from :class:`SavingDialog`.  OK (or Save) calls
:meth:`SavingDialog.job`, which reads the form on the UI thread and returns the
write as a function; the write runs on the task runner and

* when it succeeds, :attr:`SavingDialog.saved` holds what it returned and the
  dialog closes as accepted;
* when it is refused (bad input, a record gone meanwhile, a full disk), its one
  sentence shows in the dialog's error line, and the dialog stays open with
  everything typed, so nothing is lost.

While the write runs the buttons are disabled and the dialog cannot be closed, so
a second click cannot write twice and a cancel cannot hide a write that lands.
Without a runner (dialog tests) the write runs at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from crm_desktop.ui.shell.labels import error_text

ERROR_STYLE = "color: #c62828"
"""How an error line looks (the journeys find a dialog's errors by this colour)."""

Job = Callable[[], Any]


class SavingDialog(QDialog):
    """A dialog whose accepting writes (see the module docstring).

    Subclasses build their form, call :meth:`button_box` for the buttons, put :attr:`error` where
    the refusal should show, and implement :meth:`job`.
    """

    def __init__(self, parent: QWidget | None = None, *, runner: Any = None, error_name: str = "error") -> None:
        super().__init__(parent)
        self.runner = runner
        self.saved: Any = None
        self.saving = False
        self.error = QLabel(self)
        self.error.setObjectName(error_name)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons: QDialogButtonBox | None = None

    def button_box(self, buttons: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
        """The dialog's buttons: the accepting one saves, the rejecting one cancels."""
        box = QDialogButtonBox(buttons, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.buttons = box
        return box

    # --- what subclasses give ---------------------------------------------------------------------
    def job(self) -> Job | None:
        """The write of what the form holds now, as a function to run off the UI thread (None: nothing to
        save yet; the dialog stays open)."""
        raise NotImplementedError

    def set_saving(self, saving: bool) -> None:
        """Enable or disable the buttons while a write runs (subclasses may keep Save off for other reasons)."""
        if self.buttons is not None:
            for button in self.buttons.buttons():
                button.setEnabled(not saving)

    # --- saving -----------------------------------------------------------------------------------
    def accept(self) -> None:
        """OK / Save: write what the form holds; close when it is written."""
        if self.saving:
            return
        job = self.job()
        if job is None:
            return
        self.saving = True
        self.set_saving(True)
        if self.runner is None:
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - shown in the dialog; the typed data stays
                self._refused(exc)
            else:
                self._written(result)
        else:
            self.runner.run(job, self._written, self._refused, urgent=True)

    def _written(self, result: Any) -> None:
        self.saving = False
        self.set_saving(False)
        self.saved = result
        self.error.hide()
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.saving = False
        self.set_saving(False)
        self.show_error(error_text(exc))

    def show_error(self, text: str) -> None:
        """Say why the save was refused, in the dialog."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # --- no closing while a write runs ------------------------------------------------------------
    def reject(self) -> None:
        if not self.saving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saving:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.saving and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
