"""Customer ▸ Erase this person's data…: asks twice, is not undoable, and the person leaves the window."""

from __future__ import annotations

from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.ui.privacy.feature import ErasureFeature


def _menu_action(window, name):
    for action in window.menus["customer"].actions():
        if action.objectName() == name:
            return action
    raise AssertionError(f"{name} not in the Customer menu")


def test_erase_asks_twice_and_the_person_is_gone(window, qtbot, customers):
    """First question, then the typed name; afterwards the customer is gone and undo cannot bring them back."""
    cid = customers.create(CustomerInput(name="欧阳震华", phone="13812345678")).id
    window.list_panel.refresh(select=cid)
    qtbot.waitUntil(lambda: window.current_customer_id() == cid)
    action = _menu_action(window, "action_erase_person")
    assert action.isEnabled()
    feature = window.feature(ErasureFeature)
    seen = []

    def answer(dialog):
        seen.append(type(dialog).__name__)
        if hasattr(dialog, "edit"):
            dialog.edit.setText("欧阳震华")
            return dialog.ok.isEnabled()
        return True

    feature.dialog_hook = answer
    action.trigger()
    qtbot.waitUntil(lambda: window.runner.pending == 0 and bool(feature.last_message), timeout=10000)
    assert seen == ["QMessageBox", "ConfirmErasureDialog"]
    assert "欧阳震华" in window.statusBar().currentMessage()
    customers.invalidate()
    assert customers.search(CustomerQuery(text="欧阳震华")) == []
    assert not window.undo_stack.canUndo()


def test_cancelling_either_question_erases_nothing(window, qtbot, customers):
    """No at the first question, or a name that does not match at the second: the customer stays."""
    cid = customers.create(CustomerInput(name="欧阳震华")).id
    feature = window.feature(ErasureFeature)
    feature.dialog_hook = lambda dialog: False
    feature.ask_erase(cid)

    def wrong(dialog):
        if hasattr(dialog, "edit"):
            dialog.edit.setText("欧阳")
            return True  # even if the dialog were accepted, the name does not match
        return True

    feature.dialog_hook = wrong
    feature.ask_erase(cid)
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.get(cid).name == "欧阳震华" and feature.last_message == ""


def test_delete_stays_undoable(window, qtbot, customers):
    """Deleting (not erasing) a customer can still be undone with Ctrl+Z."""
    cid = customers.create(CustomerInput(name="王芳")).id
    window.list_panel.refresh(select=cid)
    qtbot.waitUntil(lambda: window.current_customer_id() == cid)
    window.delete_customer(cid)
    qtbot.waitUntil(window.undo_stack.canUndo)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    customers.invalidate()
    assert customers.get(cid).name == "王芳"
