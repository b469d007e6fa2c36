"""A business customer with three contacts: create, edit only the notes, reopen, delete and undo."""

from person import later, press
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTabWidget,
)

CONTACTS = [
    # name, role label, title, phone, second phone, WeChat, e-mail, birthday, notes
    ("陈静", "Decider", "总经理", "13911112222", "01065550001", "chenjing_bj", "cj@dingsheng.cn", (1978, 5, 20),
     "喜欢喝普洱"),
    ("刘洋", "Buyer", "采购经理", "13722223333", "", "liuyang88", "ly@dingsheng.cn", (1985, 11, 2), "每月底对账"),
    ("赵敏", "Gatekeeper", "前台", "13633334444", "", "", "", None, ""),
]


def _fill_customer(person, dialog) -> None:
    def type_into(name, text, parent=dialog):
        edit = parent.findChild(QLineEdit, name)
        edit.setFocus()
        person.type(text, edit)

    type_into("customerName", "鼎盛贸易")
    kind = dialog.findChild(QComboBox, "customerKind")
    kind.setCurrentIndex(kind.findText("Business"))
    type_into("customerPhone", "02155556666")
    tabs = dialog.findChild(QTabWidget, "customerDialogTabs")
    tabs.setCurrentIndex(1)
    for name, role, title, phone, phone2, wechat, email, birthday, notes in CONTACTS:
        person.click(dialog.findChild(QPushButton, "addContact"))
        type_into("contactName", name)
        roles = dialog.findChild(QComboBox, "contactRole")
        roles.setCurrentIndex(roles.findText(role))
        for field, text in (("contactTitle", title), ("contactPhone", phone), ("contactPhone2", phone2),
                            ("contactWechat", wechat), ("contactEmail", email)):
            if text:
                type_into(field, text)
        if birthday:
            dialog.findChild(QDateEdit, "contactBirthday").setDate(QDate(*birthday))
        if notes:
            box = dialog.findChild(QPlainTextEdit, "contactNotes")
            box.setFocus()
            person.type(notes, box)


def _card_contacts(person) -> list[tuple]:
    return person.rows(person.find(QTableWidget, "cardContacts"))


def test_business_with_three_contacts_keeps_every_contact_field(person):
    """New business with three contacts → edit only its notes → every contact field is still there; delete, undo."""
    def new_customer(dialog):
        assert dialog.objectName() == "customerDialog"
        screen = dialog.screen().availableGeometry()
        assert dialog.frameGeometry().height() <= screen.height(), "the dialog is taller than the screen"
        _fill_customer(person, dialog)
        person.wait(lambda: dialog.findChild(QLabel, "contactErrors").text() == "")
        press("save")(dialog)

    person.expect(new_customer)
    person.shortcut("Ctrl+N")
    person.wait_answered()
    person.idle()
    person.wait(lambda: "鼎盛贸易" in person.find(QLabel, "cardTitle").text())
    shown = _card_contacts(person)
    assert sorted(r[0] for r in shown) == sorted(c[0] for c in CONTACTS), "each contact shown once, none missing"
    assert {r[0]: r[1:] for r in shown} == {
        "陈静": ("Decider", "总经理", "139 1111 2222 / 010 6555 0001", "chenjing_bj", "cj@dingsheng.cn", "1978-05-20"),
        "刘洋": ("Buyer", "采购经理", "137 2222 3333", "liuyang88", "ly@dingsheng.cn", "1985-11-02"),
        "赵敏": ("Gatekeeper", "前台", "136 3333 4444", "", "", ""),
    }

    # edit only the customer's notes
    def edit_notes(dialog):
        notes = dialog.findChild(QPlainTextEdit, "customerNotes")
        notes.setFocus()
        person.type("年底前续约", notes)
        press("save")(dialog)

    person.expect(edit_notes)
    person.click(person.find(QPushButton, "cardEdit"))
    person.wait_answered()
    person.idle()
    person.wait(lambda: "年底前续约" in person.find(QLabel, "cardBody").text())
    assert _card_contacts(person) == shown

    # reopen: every contact field, notes and birthday included, is in the dialog
    seen = {}

    def look(dialog):
        dialog.findChild(QTabWidget, "customerDialogTabs").setCurrentIndex(1)
        contacts = dialog.findChild(QTableWidget, "contactList")
        for row in range(contacts.rowCount()):
            contacts.selectRow(row)
            seen[dialog.findChild(QLineEdit, "contactName").text()] = (
                dialog.findChild(QLineEdit, "contactPhone2").text(),
                dialog.findChild(QLineEdit, "contactWechat").text(),
                dialog.findChild(QDateEdit, "contactBirthday").date().toString("yyyy-MM-dd"),
                dialog.findChild(QPlainTextEdit, "contactNotes").toPlainText())
        later(dialog.reject, dialog)

    person.expect(look)
    person.choose("customer", "edit_customer")
    person.wait_answered()
    assert seen["陈静"] == ("010 6555 0001", "chenjing_bj", "1978-05-20", "喜欢喝普洱")
    assert seen["刘洋"][1:] == ("liuyang88", "1985-11-02", "每月底对账")

    # delete, then undo from the Edit menu
    table = person.find(QTableView, "customerTable")
    before = table.model().rowCount()
    row = next(r for r in range(before) if table.model().index(r, 0).data() == "鼎盛贸易")
    person.click_row(table, row)
    person.key(Qt.Key.Key_Delete)
    person.idle()
    person.wait(lambda: table.model().rowCount() == before - 1)
    assert "Deleted “鼎盛贸易”" in person.status()
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: table.model().rowCount() == before)
    person.wait(lambda: "鼎盛贸易" in person.find(QLabel, "cardTitle").text())
