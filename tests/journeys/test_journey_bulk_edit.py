"""Bulk edits: tag three selected customers and undo it; hand over all of one owner's customers and undo it."""

from person import press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLabel, QLineEdit, QTableView

from crm_desktop.domain.models import CustomerInput, CustomerQuery

TAGS = 6
"""The customer list's tags column."""


def _apply_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_tag_three_selected_customers_then_undo(launch_app, book):
    """Select three customers (Ctrl-click) → Customer › Change selected… → add a tag → the list shows it on
    exactly those three → Ctrl+Z → gone."""
    person = launch_app(book)
    table = person.find(QTableView, "customerTable")
    person.click_row(table, 0)
    person.click_row(table, 1, modifiers=Qt.KeyboardModifier.ControlModifier)
    person.click_row(table, 3, modifiers=Qt.KeyboardModifier.ControlModifier)
    names = person.rows(table, 0)
    chosen = [names[0], names[1], names[3]]
    seen = {}

    def add_tag(dialog):
        assert dialog.objectName() == "changeSelectedDialog"
        seen["scope"] = dialog.findChild(QComboBox, "bulkScope").currentText()
        change = dialog.findChild(QComboBox, "bulkChange")
        change.setCurrentIndex(change.findText("Add a tag"))
        edit = dialog.findChild(QLineEdit, "bulkValueEdit")
        edit.setFocus()
        person.type("展会客户", edit)
        person.wait(lambda: _apply_button(dialog).isEnabled())
        seen["summary"] = person.text(dialog.findChild(QLabel, "bulkSummary"))
        seen["sample"] = person.rows(dialog.findChild(QTableView, "bulkSample"), 0)
        press("Apply")(dialog)

    person.expect(add_tag)
    person.choose("customer", "change_selected")
    person.wait_answered()
    person.idle()
    assert seen["scope"] == "The 3 selected customers"
    assert seen["summary"].startswith("3 customers: 3 will change, 0 already have this")
    assert seen["sample"] == chosen
    person.wait(lambda: [n for n, t in zip(person.rows(table, 0), person.rows(table, TAGS), strict=True)
                         if "展会客户" in t] == chosen)
    assert "Changed 3 customers" in person.status()

    person.activate()
    person.shortcut("Ctrl+Z")
    person.idle()
    person.wait(lambda: not any("展会客户" in t for t in person.rows(table, TAGS)))


def test_hand_over_all_of_one_owners_customers_then_undo(launch_app, book, book_services):
    """Customer › Hand over customers… from 李娜 to 孙悦: the owner filter shows them all under 孙悦, none
    left under 李娜; Edit › Undo gives them back to 李娜."""
    services = book_services()
    for name in ("林小雨", "高建国", "何美玲"):
        services.customers.create(CustomerInput(name=name, owner="李娜"))
    hers = len(services.customers.search(CustomerQuery(owner="李娜")))
    services.ctx.db.close()
    person = launch_app(book)
    seen = {}

    def hand_over(dialog):
        assert dialog.objectName() == "handoverDialog"
        source = dialog.findChild(QComboBox, "handoverFrom")
        source.setCurrentIndex(source.findText("李娜"))
        edit = dialog.findChild(QLineEdit, "handoverToEdit")
        edit.setFocus()
        person.type("孙悦", edit)
        assert dialog.findChild(QCheckBox, "handoverFollowups").isChecked()
        person.wait(lambda: _apply_button(dialog).isEnabled())
        seen["summary"] = person.text(dialog.findChild(QLabel, "handoverSummary"))
        press("Apply")(dialog)

    person.expect(hand_over)
    person.choose("customer", "hand_over")
    person.wait_answered()
    person.idle()
    assert seen["summary"].startswith(f"李娜 has {hers} customers.")
    owner = person.find(QComboBox, "filterOwner")
    count = person.find(QLabel, "customerCount")
    person.wait(lambda: owner.findText("孙悦") >= 0)
    owner.setCurrentIndex(owner.findText("孙悦"))
    person.idle()
    person.wait(lambda: count.text() == f"{hers} customers")
    table = person.find(QTableView, "customerTable")
    assert set(person.rows(table, 5)) == {"孙悦"}
    assert owner.findText("李娜") < 0, "李娜 still owns customers"

    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: owner.findText("李娜") >= 0)
    owner.setCurrentIndex(owner.findText("李娜"))
    person.idle()
    person.wait(lambda: count.text() == f"{hers} customers")
    assert owner.findText("孙悦") < 0
