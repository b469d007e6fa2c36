from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crm_desktop.domain.models import CustomerInput
from crm_desktop.ui.customers.dialog import CustomerDialog


def _seed(customers):
    a = customers.create(CustomerInput(name="张伟", company="华为", phone="13800138000")).id
    b = customers.create(CustomerInput(name="李娜", company="腾讯", phone="13900139000")).id
    c = customers.create(CustomerInput(name="Anna Smith", phone="13700137000")).id
    return a, b, c


def test_typing_in_search_narrows_the_list(qtbot, services, customers, runner, settings):
    """Typing zw shows only 张伟."""
    _seed(customers)
    from crm_desktop.ui.shell.main_window import MainWindow

    w = MainWindow(services, runner, settings)
    qtbot.addWidget(w)
    w.show()
    w.start()
    panel = w.list_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    qtbot.keyClicks(panel.search, "zw")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.row_data(0).name == "张伟"
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)


def test_selecting_shows_the_card(qtbot, window, customers):
    """Selecting a row shows that customer's card."""
    a, _b, _c = _seed(customers)
    window.list_panel.refresh(select=a)
    qtbot.waitUntil(lambda: window.card.detail is not None and window.card.detail.id == a)
    assert "张伟" in window.card.title.text()


def test_invalid_phone_blocks_save_and_keeps_text(qtbot, customers):
    """A malformed phone shows next to the field; Save stays disabled; nothing is lost."""
    dialog = CustomerDialog(customers.validate)
    qtbot.addWidget(dialog)
    dialog.name.setText("王芳")  # QtTest can only type ASCII keys
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.revalidate()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert not dialog.errors["phone"].isHidden() and "12345" in dialog.errors["phone"].text()
    assert dialog.phone.text() == "12345" and dialog.name.text() == "王芳"
    dialog.phone.setText("13800138000")
    dialog.revalidate()
    assert save.isEnabled() and dialog.errors["phone"].isHidden()


def test_empty_name_is_shown_next_to_the_field(qtbot, customers):
    """An empty name cannot be saved."""
    saved = []
    dialog = CustomerDialog(customers.validate, save=saved.append)
    qtbot.addWidget(dialog)
    dialog.revalidate()
    assert not dialog.errors["name"].isHidden()
    dialog.accept()  # OK with the name empty
    assert saved == [] and dialog.result() != dialog.DialogCode.Accepted and customers.count() == 0


def test_delete_then_undo_from_edit_menu(qtbot, window, customers):
    """Del removes the customer; Undo brings them back."""
    a, _b, _c = _seed(customers)
    panel = window.list_panel
    panel.refresh(select=a)
    qtbot.waitUntil(lambda: panel.current_id() == a)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and window.runner.pending == 0)
    assert panel.model.row_of(a) == -1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.row_of(a) >= 0)


def test_ctrl_f_focuses_search(qtbot, window):
    """Ctrl+F puts the cursor in the search box."""
    window.activateWindow()
    window.find_action.trigger()
    assert window.focusWidget() is window.list_panel.search
