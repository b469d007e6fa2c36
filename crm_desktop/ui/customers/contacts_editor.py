"""The contacts of a business in the customer dialog: a list, and the selected contact's every field beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import BuyingRole
from crm_desktop.domain.models import ContactInput
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.customers.fields import (
    CONTACT_TEXT_FIELDS,
    ERROR_STYLE,
    date_edit,
    enum_combo,
    get_date,
    notes_edit,
    readable_phone,
    set_combo,
    set_date,
)
from crm_desktop.ui.shell.labels import label


class ContactsEditor(QWidget):
    """The contacts of a business: a list, and the selected contact's every field beside it."""

    def __init__(self, contacts: list[ContactInput], on_change: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = [dataclasses.replace(c) for c in contacts]
        self._on_change = on_change
        self._current = -1
        self._loading = False
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        left = self._list_side()
        self.form_box = QWidget(self)
        self.form_box.setLayout(self._form())
        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addWidget(self.form_box, 3)
        for i in range(len(self._contacts)):
            self._append_row(i)
        self._select(0 if self._contacts else -1)
        if self._contacts:
            self.list.selectRow(0)

    def _list_side(self) -> QVBoxLayout:
        """The list of contacts, Add and Remove, and every contact's problems."""
        self.list = QTableWidget(0, 3, self)
        self.list.setObjectName("contactList")
        self.list.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Buying role"), self.tr("Phone")])
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.list.verticalHeader().setVisible(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._select(row))
        self.add_button = QPushButton(self.tr("&Add contact"), self)
        self.add_button.setObjectName("addContact")
        self.remove_button = QPushButton(self.tr("Remove contact"), self)
        self.remove_button.setObjectName("removeContact")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.summary_errors = QLabel(self)
        self.summary_errors.setObjectName("contactErrors")
        self.summary_errors.setStyleSheet(ERROR_STYLE)
        self.summary_errors.setWordWrap(True)
        left.addWidget(self.summary_errors)
        return left

    def _form(self) -> QFormLayout:
        """The selected contact's fields, each text field with its error line under it."""
        self.role = enum_combo(self, BuyingRole)
        self.role.setObjectName("contactRole")
        self.birthday = date_edit(self)
        self.birthday.setObjectName("contactBirthday")
        self.notes = notes_edit(self, "", "contactNotes")
        form = QFormLayout()
        captions = {"name": self.tr("Name *"), "title": self.tr("Title"), "phone": self.tr("Phone"),
                    "phone2": self.tr("Second phone"), "wechat": self.tr("WeChat"), "email": self.tr("E-mail")}
        for key in CONTACT_TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"contact{key.capitalize()}")
            edit.textEdited.connect(self._edited)
            self.fields[key] = edit
            box = QWidget(self)
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(1)
            v.addWidget(edit)
            err = QLabel(box)
            err.setObjectName(f"error_contact_{key}")
            err.setStyleSheet(ERROR_STYLE)
            err.setVisible(False)
            v.addWidget(err)
            self.errors[key] = err
            form.addRow(captions[key], box)
            if key == "name":
                form.addRow(self.tr("Buying role"), self.role)
        form.addRow(self.tr("Birthday"), self.birthday)
        form.addRow(self.tr("Notes"), self.notes)
        self.role.currentIndexChanged.connect(lambda _i: self._edited())
        self.birthday.dateChanged.connect(lambda _d: self._edited())
        self.notes.textChanged.connect(self._edited)
        return form

    # --- list ----------------------------------------------------------------------
    def contacts(self) -> list[ContactInput]:
        self._store()
        return [dataclasses.replace(c) for c in self._contacts]

    def _append_row(self, i: int) -> None:
        self.list.insertRow(i)
        self._paint_row(i)

    def _paint_row(self, i: int) -> None:
        c = self._contacts[i]
        for col, text in enumerate((c.name, label(c.role) if c.role else "", format_phone(c.phone) or c.phone)):
            item = self.list.item(i, col)
            if item is None:
                self.list.setItem(i, col, QTableWidgetItem(text))
            else:
                item.setText(text)

    def add(self) -> None:
        self._store()
        self._contacts.append(ContactInput())
        i = len(self._contacts) - 1
        self._append_row(i)
        self.list.selectRow(i)
        self._select(i)
        self.fields["name"].setFocus()
        self._on_change()

    def remove(self) -> None:
        i = self._current
        if not 0 <= i < len(self._contacts):
            return
        del self._contacts[i]
        self.list.removeRow(i)
        self._current = -1
        nxt = min(i, len(self._contacts) - 1)
        if nxt >= 0:
            self.list.selectRow(nxt)
        self._select(nxt)
        self._on_change()

    # --- the selected contact ------------------------------------------------------
    def _select(self, i: int) -> None:
        if i == self._current:
            return
        self._store()
        self._current = i
        has = 0 <= i < len(self._contacts)
        self.form_box.setEnabled(has)
        self.remove_button.setEnabled(has)
        c = self._contacts[i] if has else ContactInput()
        self._loading = True
        for key, edit in self.fields.items():
            value = getattr(c, key) or ""
            edit.setText(readable_phone(value) if key in ("phone", "phone2") else value)
        set_combo(self.role, c.role)
        set_date(self.birthday, c.birthday)
        self.notes.setPlainText(c.notes or "")
        self._loading = False

    def _store(self) -> None:
        """Copy the form into the selected contact."""
        i = self._current
        if not 0 <= i < len(self._contacts):
            return
        c = self._contacts[i]
        for key, edit in self.fields.items():
            old = getattr(c, key) or ""
            text = edit.text()
            # a stored phone shown in its readable form keeps its stored form unless it was edited
            if key in ("phone", "phone2") and old and text == readable_phone(old):
                text = old
            setattr(c, key, text)
        c.role = self.role.currentData()
        c.birthday = get_date(self.birthday)
        c.notes = self.notes.toPlainText()

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._store()
        if 0 <= self._current < len(self._contacts):
            self._paint_row(self._current)
        self._on_change()

    def show_errors(self, errors: dict[str, str]) -> None:
        """*errors*: ``contacts.N.field`` → message; the selected contact's show beside its fields."""
        for key, lbl in self.errors.items():
            msg = errors.get(f"contacts.{self._current}.{key}", "")
            lbl.setText(msg)
            lbl.setVisible(bool(msg))
        lines = []
        for field, msg in errors.items():
            _, n, _f = field.split(".")
            name = self._contacts[int(n)].name if int(n) < len(self._contacts) else ""
            lines.append(self.tr("Contact {n} ({name}): {problem}").format(n=int(n) + 1, name=name, problem=msg))
        self.summary_errors.setText("\n".join(lines))
