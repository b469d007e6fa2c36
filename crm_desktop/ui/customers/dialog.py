"""The customer dialog: create or edit a customer and their contacts.

Every field is checked as the user types (pure validation, no database);
a problem shows in red under its field and Save stays disabled, so nothing
typed is ever lost to a refused save.  Save writes through ``save`` on the task
runner (see :mod:`crm_desktop.ui.shell.saving`): a refusal (the customer was
deleted meanwhile, the disk is full) shows in the dialog, which stays open.
The dialog fits a 1366×768 screen: the details are two columns in a scroll
area, and the contacts a list beside a form holding every field of the
selected contact (name, buying role, title, two phones, WeChat, e-mail,
birthday, notes).  The dialog gives back the whole customer; the customer
service writes only what differs from what it loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import Channel, CompanySize, CustomerKind, LeadSource, RelationshipStage
from crm_desktop.domain.models import CustomerInput
from crm_desktop.ui.customers.contacts_editor import ContactsEditor
from crm_desktop.ui.customers.fields import (
    ERROR_STYLE,
    date_edit,
    enum_combo,
    get_date,
    notes_edit,
    readable_phone,
    set_combo,
    set_date,
)
from crm_desktop.ui.customers.hints import DuplicateHintsPanel, Lookup
from crm_desktop.ui.shell.dialogs import fit_and_remember
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.saving import Job, SavingDialog

Validate = Callable[[CustomerInput], tuple[CustomerInput, list[Any]]]


class CustomerDialog(SavingDialog):
    """Edit *data* (a :class:`CustomerInput`); ``validate(data)`` returns (clean, errors); ``save(data)``
    writes it (on *runner*) and :attr:`saved` holds what it returned (a new customer's id).  With *hints*
    (a new customer), likely existing matches show live below the form; clicking one closes the dialog
    with :attr:`open_instead` set."""

    def __init__(self, validate: Validate, data: CustomerInput | None = None, *,
                 save: Callable[[CustomerInput], Any] | None = None, runner: Any = None,
                 hints: Lookup | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="saveError")
        self.setObjectName("customerDialog")
        self._validate = validate
        self._save = save
        self.setWindowTitle(self.tr("Edit customer") if data and data.name else self.tr("New customer"))
        data = data or CustomerInput()
        self.errors: dict[str, QLabel] = {}
        self._fields(data)
        self.contacts_editor = ContactsEditor(data.contacts, lambda: self.revalidate(), self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerDialogTabs")
        self.tabs.addTab(self._details_page(), self.tr("Details"))
        self.tabs.addTab(self.contacts_editor, self.tr("Contacts ({n})").format(n=len(data.contacts)))
        buttons = self.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self.open_instead: str | None = None
        """The existing customer the person chose to open instead (a duplicate hint), once closed."""
        self.hints: DuplicateHintsPanel | None = None
        if hints is not None:
            self.hints = DuplicateHintsPanel(hints, runner, self)
            self.hints.chosen.connect(self._open_instead)
            layout.addWidget(self.hints)
            for edit in (self.name, self.phone, self.company, self.email):
                edit.textChanged.connect(lambda _t: self._typed())
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(data)

        # checking is pure and takes well under a millisecond: check on every change, so Save is never
        # disabled a moment after a mistake was corrected
        for edit in (self.name, self.phone, self.email):
            edit.textChanged.connect(lambda _t: self.revalidate())
        self.result_data: CustomerInput | None = None
        fit_and_remember(self, "customer", QSize(900, 640))
        self.revalidate()

    # --- building ----------------------------------------------------------------
    def _line(self, text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        return edit

    def _fields(self, data: CustomerInput) -> None:
        self.name = self._line(data.name, "customerName")
        self.kind = enum_combo(self, CustomerKind, allow_empty=False)
        self.kind.setObjectName("customerKind")
        self.company = self._line(data.company, "customerCompany")
        self._stored_phone = data.phone
        self.phone = self._line(readable_phone(data.phone), "customerPhone")
        self.phone.setPlaceholderText(self.tr("e.g. 138 0013 8000 or +852 …"))
        self.wechat = self._line(data.wechat, "customerWechat")
        self.email = self._line(data.email, "customerEmail")
        self.address = self._line(data.address, "customerAddress")
        self.industry = self._line(data.industry, "customerIndustry")
        self.company_size = enum_combo(self, CompanySize)
        self.lead_source = enum_combo(self, LeadSource)
        self.channel = enum_combo(self, Channel)
        self.stage = enum_combo(self, RelationshipStage)
        self.birthday = date_edit(self)
        self.anniversary = date_edit(self)
        self.consent = QCheckBox(self.tr("Agreed to receive marketing"), self)
        self.dnc = QCheckBox(self.tr("Do not contact (opted out of direct marketing)"), self)
        self.owner = self._line(data.owner, "customerOwner")
        self.owner.setPlaceholderText(self.tr("me"))
        self.tags = self._line(", ".join(data.tags), "customerTags")
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. VIP, 老客户"))
        self.external_id = self._line(data.external_id, "customerExternalId")
        self.needs = notes_edit(self, data.needs, "customerNeeds")
        self.notes = notes_edit(self, data.notes, "customerNotes")

    def _details_page(self) -> QScrollArea:
        """Who the customer is (left) and how they are handled (right), the long texts below."""
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
        return scroll

    def _fill(self, data: CustomerInput) -> None:
        set_combo(self.kind, data.kind)
        for combo, value in ((self.company_size, data.size), (self.lead_source, data.lead_source),
                             (self.channel, data.preferred_channel), (self.stage, data.relationship_stage)):
            set_combo(combo, value)
        set_date(self.birthday, data.birthday)
        set_date(self.anniversary, data.anniversary)
        self.consent.setChecked(data.consent_marketing)
        self.dnc.setChecked(data.do_not_contact)

    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        v.addWidget(widget)
        err = QLabel(box)
        err.setObjectName(f"error_{field}")
        err.setStyleSheet(ERROR_STYLE)
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
            industry=self.industry.text(), size=self.company_size.currentData(),
            lead_source=self.lead_source.currentData(),
            preferred_channel=self.channel.currentData(), birthday=get_date(self.birthday),
            anniversary=get_date(self.anniversary), consent_marketing=self.consent.isChecked(),
            do_not_contact=self.dnc.isChecked(), owner=self.owner.text(),
            relationship_stage=self.stage.currentData(), needs=self.needs.toPlainText(),
            notes=self.notes.toPlainText(), external_id=self.external_id.text(),
            tags=[t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
            contacts=self.contacts_editor.contacts(), wechat=self.wechat.text(),
        )

    def _typed_phone(self) -> str:
        text = self.phone.text()
        return self._stored_phone if self._stored_phone and text == readable_phone(self._stored_phone) else text

    def revalidate(self) -> list[Any]:
        """Check the form; show each problem next to its field; enable Save only when clean."""
        if self.buttons is None:
            return []  # still being built
        data = self.data()
        _clean, errors = self._validate(data)
        by_field = {e.field: error_text(e) for e in errors}
        for field, lbl in self.errors.items():
            lbl.setText(by_field.get(field, ""))
            lbl.setVisible(field in by_field)
        self.contacts_editor.show_errors({f: m for f, m in by_field.items() if f.startswith("contacts.")})
        self.tabs.setTabText(1, self.tr("Contacts ({n})").format(n=len(data.contacts)))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not errors and not self.saving)
        return errors

    def _typed(self) -> None:
        if self.hints is not None:
            self.hints.typed(self.name.text(), self.phone.text(), self.company.text(), self.email.text())

    def _open_instead(self, customer_id: str) -> None:
        """A duplicate hint was clicked: close without saving; the caller opens that customer."""
        self.open_instead = customer_id
        self.reject()

    # --- saving ------------------------------------------------------------------
    def job(self) -> Job | None:
        if self.revalidate():
            return None
        data = self.result_data = self.data()
        save = self._save
        if save is None:  # only checking (tests): the dialog closes with the data
            return lambda: data
        return lambda: save(data)

    def set_saving(self, saving: bool) -> None:
        super().set_saving(saving)
        if not saving:
            self.revalidate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(self.focusWidget(), QPlainTextEdit):
            return
        super().keyPressEvent(event)
