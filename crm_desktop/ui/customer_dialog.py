"""The customer dialog: create or edit a customer and their contacts.

Every field is checked as the user types (pure validation, no database);
a problem shows in red under its field and Save stays disabled, so nothing
typed is ever lost to a refused save.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import BuyingRole, Channel, CompanySize, CustomerKind, LeadSource, RelationshipStage
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.ui.labels import error_text, label

_NO_DATE = QDate(1900, 1, 1)
_CONTACT_COLS = ("name", "role", "title", "phone", "email")
_ERROR_STYLE = "color: #c62828;"


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


class CustomerDialog(QDialog):
    """Edit *data* (a :class:`CustomerInput`); ``validate(data)`` returns (clean, errors)."""

    def __init__(self, validate, data: CustomerInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._validate = validate
        self.setWindowTitle(self.tr("Edit customer") if data and data.name else self.tr("New customer"))
        self.resize(640, 560)
        data = data or CustomerInput()
        self._contact_ids: list[str | None] = []

        self.name = QLineEdit(data.name, self)
        self.kind = _enum_combo(self, CustomerKind, allow_empty=False)
        self.company = QLineEdit(data.company, self)
        self.phone = QLineEdit(data.phone, self)
        self.phone.setPlaceholderText(self.tr("e.g. 138 0013 8000 or +852 …"))
        self.email = QLineEdit(data.email, self)
        self.address = QLineEdit(data.address, self)
        self.industry = QLineEdit(data.industry, self)
        self.size = _enum_combo(self, CompanySize)
        self.lead_source = _enum_combo(self, LeadSource)
        self.channel = _enum_combo(self, Channel)
        self.stage = _enum_combo(self, RelationshipStage)
        self.birthday = _date_edit(self)
        self.anniversary = _date_edit(self)
        self.consent = QCheckBox(self.tr("Agreed to receive marketing"), self)
        self.dnc = QCheckBox(self.tr("Do not contact (opted out of direct marketing)"), self)
        self.owner = QLineEdit(data.owner, self)
        self.owner.setPlaceholderText(self.tr("me"))
        self.tags = QLineEdit(", ".join(data.tags), self)
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. VIP, 老客户"))
        self.external_id = QLineEdit(data.external_id, self)
        self.needs = QPlainTextEdit(data.needs, self)
        self.notes = QPlainTextEdit(data.notes, self)
        for edit in (self.needs, self.notes):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(60)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Name *"), self._with_error("name", self.name))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Phone"), self._with_error("phone", self.phone))
        form.addRow(self.tr("E-mail"), self._with_error("email", self.email))
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Industry"), self.industry)
        form.addRow(self.tr("Company size"), self.size)
        form.addRow(self.tr("Lead source"), self.lead_source)
        form.addRow(self.tr("Preferred channel"), self.channel)
        form.addRow(self.tr("Relationship stage"), self.stage)
        form.addRow(self.tr("Birthday"), self.birthday)
        form.addRow(self.tr("Anniversary"), self.anniversary)
        form.addRow("", self.consent)
        form.addRow("", self.dnc)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("External id"), self.external_id)
        form.addRow(self.tr("Needs"), self.needs)
        form.addRow(self.tr("Notes"), self.notes)
        details = QWidget(self)
        details.setLayout(form)

        self.contacts = QTableWidget(0, len(_CONTACT_COLS), self)
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Buying role"), self.tr("Title"), self.tr("Phone"), self.tr("E-mail")])
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add = QPushButton(self.tr("Add contact"), self)
        remove = QPushButton(self.tr("Remove contact"), self)
        add.clicked.connect(lambda: self._add_contact(ContactInput()))
        remove.clicked.connect(self._remove_contact)
        self.contact_errors = QLabel(self)
        self.contact_errors.setStyleSheet(_ERROR_STYLE)
        self.contact_errors.setWordWrap(True)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        contacts_page = QWidget(self)
        cl = QVBoxLayout(contacts_page)
        cl.addWidget(self.contacts)
        cl.addLayout(buttons_row)
        cl.addWidget(self.contact_errors)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(details, self.tr("Details"))
        self.tabs.addTab(contacts_page, self.tr("Contacts"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.save_error = QLabel(self)
        self.save_error.setStyleSheet(_ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

        self._set_combo(self.kind, data.kind)
        for combo, value in ((self.size, data.size), (self.lead_source, data.lead_source),
                             (self.channel, data.preferred_channel), (self.stage, data.relationship_stage)):
            self._set_combo(combo, value)
        self._set_date(self.birthday, data.birthday)
        self._set_date(self.anniversary, data.anniversary)
        self.consent.setChecked(data.consent_marketing)
        self.dnc.setChecked(data.do_not_contact)
        for c in data.contacts:
            self._add_contact(c)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.revalidate)
        for edit in (self.name, self.phone, self.email):
            edit.textChanged.connect(lambda _t: self._timer.start())
        self.contacts.itemChanged.connect(lambda _i: self._timer.start())
        self.result_data: CustomerInput | None = None
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

    @staticmethod
    def _set_combo(combo: QComboBox, value) -> None:
        i = combo.findData(value)
        combo.setCurrentIndex(max(i, 0))

    @staticmethod
    def _set_date(edit: QDateEdit, value) -> None:
        edit.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)

    @staticmethod
    def _get_date(edit: QDateEdit):
        d = edit.date()
        return None if d == _NO_DATE else d.toPython()

    def _add_contact(self, c: ContactInput) -> None:
        self.contacts.blockSignals(True)
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        self._contact_ids.append(c.id)
        for col, key in enumerate(_CONTACT_COLS):
            if key == "role":
                combo = _enum_combo(self.contacts, BuyingRole)
                self._set_combo(combo, c.role)
                self.contacts.setCellWidget(row, col, combo)
            else:
                self.contacts.setItem(row, col, QTableWidgetItem(getattr(c, key) or ""))
        self.contacts.blockSignals(False)
        self._timer.start() if hasattr(self, "_timer") else None

    def _remove_contact(self) -> None:
        row = self.contacts.currentRow()
        if row >= 0:
            self.contacts.removeRow(row)
            del self._contact_ids[row]
            self.revalidate()

    # --- reading and checking ----------------------------------------------------
    def data(self) -> CustomerInput:
        """What the form holds now, as typed."""
        contacts = []
        for row in range(self.contacts.rowCount()):
            def cell(col: int) -> str:
                item = self.contacts.item(row, col)
                return item.text() if item else ""
            role_combo = self.contacts.cellWidget(row, 1)
            contacts.append(ContactInput(name=cell(0), role=role_combo.currentData() if role_combo else None,
                                         title=cell(2), phone=cell(3), email=cell(4), id=self._contact_ids[row]))
        return CustomerInput(
            name=self.name.text(), kind=self.kind.currentData(), company=self.company.text(),
            phone=self.phone.text(), email=self.email.text(), address=self.address.text(),
            industry=self.industry.text(), size=self.size.currentData(), lead_source=self.lead_source.currentData(),
            preferred_channel=self.channel.currentData(), birthday=self._get_date(self.birthday),
            anniversary=self._get_date(self.anniversary), consent_marketing=self.consent.isChecked(),
            do_not_contact=self.dnc.isChecked(), owner=self.owner.text(),
            relationship_stage=self.stage.currentData(), needs=self.needs.toPlainText(),
            notes=self.notes.toPlainText(), external_id=self.external_id.text(),
            tags=[t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
            contacts=contacts,
        )

    def revalidate(self) -> list:
        """Check the form; show each problem next to its field; enable Save only when clean."""
        self._timer.stop()
        _clean, errors = self._validate(self.data())
        by_field = {e.field: error_text(e) for e in errors}
        for field, lbl in self.errors.items():
            lbl.setText(by_field.get(field, ""))
            lbl.setVisible(field in by_field)
        contact_msgs = []
        for e in errors:
            if e.field.startswith("contacts."):
                _, n, _f = e.field.split(".")
                contact_msgs.append(self.tr("Contact {n}: {problem}").format(n=int(n) + 1, problem=error_text(e)))
        self.contact_errors.setText("\n".join(contact_msgs))
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
