"""The customer dialog's building blocks: enum boxes, optional dates, phones shown as people read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QWidget

from crm_desktop.services.validation import format_phone
from crm_desktop.ui.shell.labels import label

NO_DATE = QDate(1900, 1, 1)
"""The date edits' minimum, shown as "—": no date."""
ERROR_STYLE = "color: #c62828;"
CONTACT_TEXT_FIELDS = ("name", "title", "phone", "phone2", "wechat", "email")


def enum_combo(parent: QWidget, values: Iterable[Enum], allow_empty: bool = True) -> QComboBox:
    combo = QComboBox(parent)
    if allow_empty:
        combo.addItem("—", None)
    for v in values:
        combo.addItem(label(v), v)
    return combo


def date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")  # the minimum date means "not set"
    edit.setDate(NO_DATE)
    return edit


def set_combo(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def set_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def get_date(edit: QDateEdit) -> dt.date | None:
    d = edit.date()
    value = d.toPython()
    return None if d == NO_DATE or not isinstance(value, dt.date) else value


def readable_phone(value: str) -> str:
    """A stored (E.164) phone the way people type and read it; anything else as it is."""
    return format_phone(value) if value.startswith("+") else value


def notes_edit(parent: QWidget, text: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(54)
    return edit
