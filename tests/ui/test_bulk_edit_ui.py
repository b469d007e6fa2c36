"""Bulk edits in the window: Ctrl+A selects the whole list; the dialog previews before Apply is possible."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.bulk_edit import BulkEditService
from crm_desktop.ui.bulk.dialogs import ChangeSelectedDialog, HandoverDialog


def _seed(customers):
    return [customers.create(CustomerInput(name=n, owner=o)).id
            for n, o in (("张伟", "李娜"), ("王芳", "李娜"), ("Anna Smith", "王磊"))]


def test_ctrl_a_selects_every_customer_of_the_view(qtbot, window, customers):
    """Ctrl+A in the list: selected_ids gives every id of the view, in list order."""
    _seed(customers)
    panel = window.list_panel
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert panel.selected_ids() == panel.model.ids()


def test_change_dialog_enables_apply_only_once_a_preview_says_something_changes(qtbot, services, runner):
    """Reassigning to the owner they already have changes nobody: Apply stays off; another owner: on."""
    ids = _seed(services.customers)[:2]
    dialog = ChangeSelectedDialog(services.get(BulkEditService), runner, ids, ids, ["李娜", "王磊"], [])
    qtbot.addWidget(dialog)
    apply = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.value.setEditText("李娜")
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.already == 2)
    assert not apply.isEnabled()
    assert "0 will change, 2 already have this" in dialog.summary.text()
    dialog.value.setEditText("王磊")
    qtbot.waitUntil(lambda: apply.isEnabled())
    assert dialog.summary.text().startswith("2 customers: 2 will change")


def test_handover_dialog_counts_the_owners_customers(qtbot, services, runner):
    """From 李娜: "李娜 has 2 customers."; no one to hand over to yet: Apply is off."""
    _seed(services.customers)
    dialog = HandoverDialog(services.get(BulkEditService), runner, ["李娜", "王磊"], "李娜")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.summary.text().startswith("李娜 has 2 customers.")
    assert not dialog.apply_button.isEnabled()
    dialog.target.setEditText("王磊")
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled())
