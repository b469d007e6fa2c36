"""The customer card: who the customer is, how to reach them, who decides."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.models import CustomerDetail
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.shell.labels import label


class CustomerCard(QWidget):
    """Shows one :class:`CustomerDetail`; Edit and Delete ask the main window."""

    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now or (lambda: datetime.now(UTC))
        self.detail: CustomerDetail | None = None
        self.setObjectName("customerCard")
        self.title = QLabel(self)
        self.title.setObjectName("cardTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setObjectName("cardBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts = QTableWidget(0, 7, self)
        self.contacts.setObjectName("cardContacts")
        self.contacts.setHorizontalHeaderLabels([self.tr("Contact"), self.tr("Buying role"), self.tr("Title"),
                                                 self.tr("Phone"), self.tr("WeChat"), self.tr("E-mail"),
                                                 self.tr("Birthday")])
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.contacts.horizontalHeader().setStretchLastSection(True)
        self.contacts.verticalHeader().setVisible(False)
        self.contacts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("cardEdit")
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("cardDelete")
        self.edit_button.clicked.connect(lambda: self.detail and self.edit_requested.emit(self.detail.id))
        self.delete_button.clicked.connect(lambda: self.detail and self.delete_requested.emit(self.detail.id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        # the texts keep their height; spare room goes to the contacts table, or below everything
        for lbl in (self.title, self.body):
            lbl.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.body)
        self.contacts_label = QLabel(self.tr("<b>Decision unit</b>"), self)
        layout.addWidget(self.contacts_label)
        layout.addWidget(self.contacts, 1)
        layout.addStretch(0)
        self.show_detail(None)

    def add_header(self, widget: QWidget) -> None:
        """A line under the customer's name (another feature's: the last contact and the next step)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, widget)

    def show_detail(self, d: CustomerDetail | None) -> None:
        self.detail = d
        has = d is not None
        for w in (self.edit_button, self.delete_button, self.contacts, self.contacts_label):
            w.setVisible(has)
        if d is None:
            self.title.setText(self.tr("<h3>No customer selected</h3>"))
            self.body.setText(self.tr("Pick a customer in the list, or press Ctrl+N to add one."))
            return
        e = html.escape
        sub = " · ".join(x for x in (label(d.kind), e(d.company), e(d.industry)) if x)
        warn = ""
        if d.do_not_contact:
            warn = "<p style='color:#c62828'><b>{}</b></p>".format(
                e(self.tr("Do not contact: opted out of direct marketing.")))
        if d.snoozed_until is not None and d.snoozed_until > self.now():
            warn += "<p style='color:#555'>{}</p>".format(e(self.tr(
                "Off today's calls until {when} (Customer › Back on today's calls)").format(
                when=d.snoozed_until.astimezone().strftime("%Y-%m-%d %H:%M"))))
        self.title.setText(f"<h2 style='margin:0'>{e(d.name)}</h2><div>{sub}</div>{warn}")
        rows = [
            (self.tr("Phone"), format_phone(d.phone)),
            (self.tr("E-mail"), d.email),
            (self.tr("WeChat"), d.wechat),
            (self.tr("Preferred channel"), label(d.preferred_channel)),
            (self.tr("Address"), d.address),
            (self.tr("Owner"), d.owner),
            (self.tr("Tags"), ", ".join(d.tags)),
            (self.tr("Lead source"), label(d.lead_source)),
            (self.tr("Relationship stage"), self.tr("{stage} (set by a salesperson: how far the relationship has "
                                                    "come; the lifecycle above is computed from orders)").format(
                stage=label(d.relationship_stage)) if d.relationship_stage else ""),
            (self.tr("Company size"), label(d.size)),
            (self.tr("Birthday"), d.birthday.isoformat() if d.birthday else ""),
            (self.tr("Anniversary"), d.anniversary.isoformat() if d.anniversary else ""),
            (self.tr("Marketing consent"), self.tr("yes") if d.consent_marketing else self.tr("no")),
            (self.tr("Needs"), d.needs),
            (self.tr("Notes"), d.notes),
            (self.tr("External id"), d.external_id),
        ]
        table = "".join(
            f"<tr><td style='color:#666;padding-right:12px'>{e(k)}</td><td>{e(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows if v)
        self.body.setText(f"<table>{table}</table>")
        self.contacts.setRowCount(len(d.contacts))
        for r, c in enumerate(d.contacts):
            phones = " / ".join(format_phone(p) or p for p in (c.phone, c.phone2) if p)
            cells = (c.name, label(c.role), c.title, phones, c.wechat, c.email,
                     c.birthday.isoformat() if c.birthday else "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c.notes:
                    item.setToolTip(c.notes)
                self.contacts.setItem(r, col, item)
        for col in range(self.contacts.columnCount()):
            empty = all(not ((cell := self.contacts.item(r, col)) and cell.text())
                        for r in range(len(d.contacts)))
            self.contacts.setColumnHidden(col, empty and col > 0)
        self.contacts_label.setVisible(bool(d.contacts))
        self.contacts.setVisible(bool(d.contacts))
