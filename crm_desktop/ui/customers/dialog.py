"""The customer dialog: create or edit a customer and their contacts.

Every field is checked as the user types (pure validation, no database);
a problem shows in red under its field and Save stays disabled, so nothing
typed is ever lost to a refused save.  The dialog fits a 1366×768 screen: the
details are two columns in a scroll area, and the contacts a list beside a
form holding every field of the selected contact (name, buying role, title,
two phones, WeChat, e-mail, birthday, notes).  The dialog gives back the whole
customer; the customer service writes only what differs from what it loaded.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import BuyingRole, Channel, CompanySize, CustomerKind, LeadSource, RelationshipStage
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.shell.dialogs import fit_and_remember
from crm_desktop.ui.shell.labels import error_text, label

_NO_DATE = QDate(1900, 1, 1)
_ERROR_STYLE = "color: #c62828;"
_CONTACT_TEXT_FIELDS = ("name", "title", "phone", "phone2", "wechat", "email")


def _enum_combo(parent: QWidget, values, allow_empty: bool = True) -> QComboBox:
    combo = QComboBox(parent)
    if allow_empty:
        combo.addItem("—", None)
    for v in values:
        combo.addItem(label(v), v)
    return combo


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("—")  # the minimum date means "not set"
    edit.setDate(_NO_DATE)
    return edit


def _set_combo(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _set_date(edit: QDateEdit, value) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)


def _get_date(edit: QDateEdit):
    d = edit.date()
    return None if d == _NO_DATE else d.toPython()


def _readable_phone(value: str) -> str:
    """A stored (E.164) phone the way people type and read it; anything else as it is."""
    return format_phone(value) if value.startswith("+") else value


def _notes_edit(parent: QWidget, text: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(54)
    return edit


class ContactsEditor(QWidget):
    """The contacts of a business: a list, and the selected contact's every field beside it."""

    def __init__(self, contacts: list[ContactInput], on_change, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = [dataclasses.replace(c) for c in contacts]
        self._on_change = on_change
        self._current = -1
        self._loading = False

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

        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.role = _enum_combo(self, BuyingRole)
        self.role.setObjectName("contactRole")
        self.birthday = _date_edit(self)
        self.birthday.setObjectName("contactBirthday")
        self.notes = _notes_edit(self, "", "contactNotes")
        form = QFormLayout()
        captions = {"name": self.tr("Name *"), "title": self.tr("Title"), "phone": self.tr("Phone"),
                    "phone2": self.tr("Second phone"), "wechat": self.tr("WeChat"), "email": self.tr("E-mail")}
        for key in _CONTACT_TEXT_FIELDS:
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
            err.setStyleSheet(_ERROR_STYLE)
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
        self.form_box = QWidget(self)
        self.form_box.setLayout(form)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.summary_errors = QLabel(self)
        self.summary_errors.setObjectName("contactErrors")
        self.summary_errors.setStyleSheet(_ERROR_STYLE)
        self.summary_errors.setWordWrap(True)
        left.addWidget(self.summary_errors)
        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addWidget(self.form_box, 3)
        for i in range(len(self._contacts)):
            self._append_row(i)
        self._select(0 if self._contacts else -1)
        if self._contacts:
            self.list.selectRow(0)

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
            edit.setText(_readable_phone(value) if key in ("phone", "phone2") else value)
        _set_combo(self.role, c.role)
        _set_date(self.birthday, c.birthday)
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
            if key in ("phone", "phone2") and old and text == _readable_phone(old):
                text = old
            setattr(c, key, text)
        c.role = self.role.currentData()
        c.birthday = _get_date(self.birthday)
        c.notes = self.notes.toPlainText()

    def _edited(self, *_args) -> None:
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


class CustomerDialog(QDialog):
    """Edit *data* (a :class:`CustomerInput`); ``validate(data)`` returns (clean, errors)."""

    def __init__(self, validate, data: CustomerInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDialog")
        self._validate = validate
        self.setWindowTitle(self.tr("Edit customer") if data and data.name else self.tr("New customer"))
        data = data or CustomerInput()

        def line(text: str, name: str) -> QLineEdit:
            edit = QLineEdit(text, self)
            edit.setObjectName(name)
            return edit

        self.name = line(data.name, "customerName")
        self.kind = _enum_combo(self, CustomerKind, allow_empty=False)
        self.kind.setObjectName("customerKind")
        self.company = line(data.company, "customerCompany")
        self._stored_phone = data.phone
        self.phone = line(_readable_phone(data.phone), "customerPhone")
        self.phone.setPlaceholderText(self.tr("e.g. 138 0013 8000 or +852 …"))
        self.wechat = line(data.wechat, "customerWechat")
        self.email = line(data.email, "customerEmail")
        self.address = line(data.address, "customerAddress")
        self.industry = line(data.industry, "customerIndustry")
        self.company_size = _enum_combo(self, CompanySize)
        self.lead_source = _enum_combo(self, LeadSource)
        self.channel = _enum_combo(self, Channel)
        self.stage = _enum_combo(self, RelationshipStage)
        self.birthday = _date_edit(self)
        self.anniversary = _date_edit(self)
        self.consent = QCheckBox(self.tr("Agreed to receive marketing"), self)
        self.dnc = QCheckBox(self.tr("Do not contact (opted out of direct marketing)"), self)
        self.owner = line(data.owner, "customerOwner")
        self.owner.setPlaceholderText(self.tr("me"))
        self.tags = line(", ".join(data.tags), "customerTags")
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. VIP, 老客户"))
        self.external_id = line(data.external_id, "customerExternalId")
        self.needs = _notes_edit(self, data.needs, "customerNeeds")
        self.notes = _notes_edit(self, data.notes, "customerNotes")

        self.errors: dict[str, QLabel] = {}
        who = QFormLayout()
        who.addRow(self.tr("Name *"), self._with_error("name", self.name))
        who.addRow(self.tr("Kind"), self.kind)
        who.addRow(self.tr("Company"), self.company)
        who.addRow(self.tr("Phone"), self._with_error("phone", self.phone))
        who.addRow(self.tr("WeChat"), self.wechat)
        who.addRow(self.tr("E-mail"), self._with_error("email", self.email))
        who.addRow(self.tr("Address"), self.address)
        who.addRow(self.tr("Industry"), self.industry)
        who.addRow(self.tr("Company size"), self.company_size)
        how = QFormLayout()
        how.addRow(self.tr("Owner"), self.owner)
        how.addRow(self.tr("Lead source"), self.lead_source)
        how.addRow(self.tr("Preferred channel"), self.channel)
        how.addRow(self.tr("Relationship stage"), self.stage)
        how.addRow(self.tr("Tags"), self.tags)
        how.addRow(self.tr("Birthday"), self.birthday)
        how.addRow(self.tr("Anniversary"), self.anniversary)
        how.addRow(self.tr("External id"), self.external_id)
        how.addRow("", self.consent)
        how.addRow("", self.dnc)
        grid = QGridLayout()
        grid.addLayout(who, 0, 0)
        grid.addLayout(how, 0, 1)
        texts = QFormLayout()
        texts.addRow(self.tr("Needs"), self.needs)
        texts.addRow(self.tr("Notes"), self.notes)
        grid.addLayout(texts, 1, 0, 1, 2)
        details = QWidget(self)
        details.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setObjectName("customerDetails")
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)

        self.contacts_editor = ContactsEditor(data.contacts, lambda: self.revalidate(), self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerDialogTabs")
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.contacts_editor, self.tr("Contacts ({n})").format(n=len(data.contacts)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.save_error = QLabel(self)
        self.save_error.setObjectName("saveError")
        self.save_error.setStyleSheet(_ERROR_STYLE)
        self.save_error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

        _set_combo(self.kind, data.kind)
        for combo, value in ((self.company_size, data.size), (self.lead_source, data.lead_source),
                             (self.channel, data.preferred_channel), (self.stage, data.relationship_stage)):
            _set_combo(combo, value)
        _set_date(self.birthday, data.birthday)
        _set_date(self.anniversary, data.anniversary)
        self.consent.setChecked(data.consent_marketing)
        self.dnc.setChecked(data.do_not_contact)

        # checking is pure and takes well under a millisecond: check on every change, so Save is never
        # disabled a moment after a mistake was corrected
        for edit in (self.name, self.phone, self.email):
            edit.textChanged.connect(lambda _t: self.revalidate())
        self.result_data: CustomerInput | None = None
        fit_and_remember(self, "customer", QSize(900, 640))
        self.revalidate()

    # --- building ----------------------------------------------------------------
    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        v.addWidget(widget)
        err = QLabel(box)
        err.setObjectName(f"error_{field}")
        err.setStyleSheet(_ERROR_STYLE)
        err.setVisible(False)
        v.addWidget(err)
        self.errors[field] = err
        return box

    # --- reading and checking ----------------------------------------------------
    def data(self) -> CustomerInput:
        """What the form holds now, as typed."""
        return CustomerInput(
            name=self.name.text(), kind=self.kind.currentData(), company=self.company.text(),
            phone=self._typed_phone(), email=self.email.text(), address=self.address.text(),
            industry=self.industry.text(), size=self.company_size.currentData(), lead_source=self.lead_source.currentData(),
            preferred_channel=self.channel.currentData(), birthday=_get_date(self.birthday),
            anniversary=_get_date(self.anniversary), consent_marketing=self.consent.isChecked(),
            do_not_contact=self.dnc.isChecked(), owner=self.owner.text(),
            relationship_stage=self.stage.currentData(), needs=self.needs.toPlainText(),
            notes=self.notes.toPlainText(), external_id=self.external_id.text(),
            tags=[t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
            contacts=self.contacts_editor.contacts(), wechat=self.wechat.text(),
        )

    def _typed_phone(self) -> str:
        text = self.phone.text()
        return self._stored_phone if self._stored_phone and text == _readable_phone(self._stored_phone) else text

    def revalidate(self) -> list:
        """Check the form; show each problem next to its field; enable Save only when clean."""
        if not hasattr(self, "buttons"):
            return []  # still being built
        data = self.data()
        _clean, errors = self._validate(data)
        by_field = {e.field: error_text(e) for e in errors}
        for field, lbl in self.errors.items():
            lbl.setText(by_field.get(field, ""))
            lbl.setVisible(field in by_field)
        self.contacts_editor.show_errors({f: m for f, m in by_field.items() if f.startswith("contacts.")})
        self.tabs.setTabText(1, self.tr("Contacts ({n})").format(n=len(data.contacts)))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not errors)
        return errors

    def _accept(self) -> None:
        if self.revalidate():
            return
        self.result_data = self.data()
        self.accept()

    def show_save_error(self, message: str) -> None:
        self.save_error.setText(message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - keep Enter in multi-line fields from closing
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(self.focusWidget(), QPlainTextEdit):
            return
        super().keyPressEvent(event)
