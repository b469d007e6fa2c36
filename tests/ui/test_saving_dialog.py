"""The one save-or-show-the-error of every dialog that writes (crm_desktop/ui/shell/saving.py)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.ui.shell.saving import SavingDialog


class _NameDialog(SavingDialog):
    """A dialog with one field; its write is *save(name)*."""

    def __init__(self, save, runner=None) -> None:
        super().__init__(runner=runner)
        self.name = QLineEdit(self)
        self._save = save
        self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)

    def job(self):
        name, save = self.name.text(), self._save
        return None if not name else (lambda: save(name))


def test_a_refused_write_stays_in_the_dialog_with_what_was_typed(qtbot, runner):
    """The write runs on the worker; its refusal is one sentence in the dialog, which stays open; a second
    try that is accepted closes it with the result."""
    threads, written = [], []

    def save(name):
        threads.append(threading.current_thread() is threading.main_thread())
        if name == "bad":
            raise UserError(QT_TRANSLATE_NOOP("errors", "Something went wrong: {detail}"), detail="full disk")
        written.append(name)
        return f"id-{name}"

    dialog = _NameDialog(save, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("bad")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "full disk" in dialog.error.text() and dialog.isVisible() and dialog.name.text() == "bad"
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved is None
    dialog.name.setText("good")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert dialog.saved == "id-good" and written == ["good"] and threads == [False, False]
    assert dialog.error.isHidden()


def test_while_a_write_runs_the_dialog_neither_saves_twice_nor_closes(qtbot, runner):
    """A second OK and a Cancel while the write runs do nothing: it cannot write twice, nor hide a write."""
    gate, calls = threading.Event(), []

    def save(name):
        calls.append(name)
        gate.wait(5)
        return name

    dialog = _NameDialog(save, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("once")
    dialog.accept()
    assert dialog.saving and not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()
    dialog.reject()
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert calls == ["once"] and dialog.result() == QDialog.DialogCode.Accepted


def test_nothing_to_save_keeps_the_dialog_open(qtbot):
    """When the form holds nothing to write yet (job is None), OK does nothing."""
    dialog = _NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.saved is None
