"""Tools ▸ Review two versions…: the fields a merge found edited on both sides, decided one by one.

After a merge the status bar says how many fields wait ("2 versions to review: 3"; a click opens the
review).  The review lists each field with what this book holds and the other version, who wrote each
and when; the person keeps this book's value, takes the other version, or types a third (text fields).
Each decision is one step on the undo stack and an ordinary edit that travels with the next backup
(:class:`crm_desktop.services.conflicts.ConflictService`).  Every read and write runs on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.domain.records import record_label
from crm_desktop.services.conflicts import ConflictItem, ConflictService, Decision, Version
from crm_desktop.ui.exchange.duplicates_dialog import FIELD_LABELS as CUSTOMER_FIELD_LABELS
from crm_desktop.ui.shell.labels import label
from crm_desktop.ui.shell.undo import WriteCommand

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("conflicts", "Title"), "phone2": QT_TRANSLATE_NOOP("conflicts", "Second phone"),
    "wechat": QT_TRANSLATE_NOOP("conflicts", "WeChat"), "role": QT_TRANSLATE_NOOP("conflicts", "Buying role"),
    "summary": QT_TRANSLATE_NOOP("conflicts", "What was said"),
    "next_step": QT_TRANSLATE_NOOP("conflicts", "Next step"),
    "next_due_at": QT_TRANSLATE_NOOP("conflicts", "Next step due"),
    "next_done": QT_TRANSLATE_NOOP("conflicts", "Next step done"),
    "outcome": QT_TRANSLATE_NOOP("conflicts", "Outcome"), "channel": QT_TRANSLATE_NOOP("conflicts", "Channel"),
    "occurred_at": QT_TRANSLATE_NOOP("conflicts", "When"),
    "description": QT_TRANSLATE_NOOP("conflicts", "Description"),
    "resolution": QT_TRANSLATE_NOOP("conflicts", "Resolution"), "status": QT_TRANSLATE_NOOP("conflicts", "Status"),
    "severity": QT_TRANSLATE_NOOP("conflicts", "Severity"), "category": QT_TRANSLATE_NOOP("conflicts", "Category"),
    "satisfaction": QT_TRANSLATE_NOOP("conflicts", "Satisfaction"),
    "amount_minor": QT_TRANSLATE_NOOP("conflicts", "Amount"),
    "ordered_at": QT_TRANSLATE_NOOP("conflicts", "Order date"), "value": QT_TRANSLATE_NOOP("conflicts", "Value"),
    "deleted_stamp": QT_TRANSLATE_NOOP("conflicts", "Deleted"),
}
"""Labels of the fields beyond the customer's own (those come from the duplicate finder's list)."""

_FLAGS = frozenset({"consent_marketing", "do_not_contact", "next_done"})
_CHOICES = frozenset({"kind", "size", "lead_source", "preferred_channel", "relationship_stage", "role", "channel",
                      "direction", "outcome", "category", "severity", "status"})
_TIMES = frozenset({"next_due_at", "occurred_at", "ordered_at", "opened_at", "response_due_at", "resolve_due_at",
                    "first_response_at", "resolved_at", "closed_at", "snoozed_until", "at"})


def field_label(field: str) -> str:
    if field in CUSTOMER_FIELD_LABELS:
        return translate("duplicates", CUSTOMER_FIELD_LABELS[field])
    if field in FIELD_LABELS:
        return translate("conflicts", FIELD_LABELS[field])
    return field


def value_text(field: str, value: str | None) -> str:
    """A stored value as a person reads it: 是/否 for flags, local time for times, labels for choices."""
    if value is None or value == "":
        return translate("conflicts", "(empty)")
    if field == "deleted_stamp":
        return translate("conflicts", "deleted")
    if field in _FLAGS:
        return translate("conflicts", "Yes") if value not in ("0", "False", "false") else translate("conflicts",
                                                                                                     "No")
    if field in _TIMES:
        try:
            when = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            return value
        when = when if when.tzinfo else when.replace(tzinfo=UTC)  # stored as UTC
        return when.astimezone().strftime("%Y-%m-%d %H:%M")
    return label(value) if field in _CHOICES else value


def who_text(v: Version) -> str:
    """"王磊, 2026-11-30 10:02" (this laptop: "you"; a teammate the book never learned: "a teammate")."""
    who = (translate("conflicts", "you") if v.mine
           else v.by or translate("conflicts", "a teammate"))
    if v.at is None:
        return who
    return translate("conflicts", "{who}, {when}").format(
        who=who, when=v.at.astimezone().strftime("%Y-%m-%d %H:%M"))


class ConflictsDialog(QDialog):
    """The review: one row per field waiting, the chosen one's two versions, and the three decisions."""

    def __init__(self, feature: ConflictsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature = feature
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Two versions to review"))
        self.resize(1000, 560)
        self.items: list[ConflictItem] = []
        intro = QLabel(self.tr(
            "You and a teammate changed these fields at the same time. The book keeps the later change; "
            "decide for each: keep it, take the other version, or type what is right. Your decision is an "
            "ordinary change: teammates get it with your next backup."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Record"), self.tr("Field"),
                                              self.tr("This book has"), self.tr("Other version")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((150, 170, 110, 250)):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show(row))
        self.detail = QLabel(self)
        self.detail.setObjectName("conflictDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setObjectName("conflictStatus")
        self.keep_button = self._button("conflictKeep", self.tr("Keep this book's"), "keep")
        self.other_button = self._button("conflictTakeOther", self.tr("Use the other version"), "other")
        self.type_button = self._button("conflictType", self.tr("Type another value…"), "type")
        self.open_button = QPushButton(self.tr("Open customer"), self)
        self.open_button.setObjectName("conflictOpen")
        self.open_button.clicked.connect(self._open_customer)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("conflictClose")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.other_button, self.type_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self._enable(None)

    def _button(self, name: str, text: str, how: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: self._decide(how))
        return b

    # --- showing ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.status.setText(self.tr("Reading…"))
        self.feature.read(lambda svc: svc.pending(), self._fill)

    def _fill(self, items: list[ConflictItem]) -> None:
        chosen = self.current()
        keep = chosen.id if chosen else None
        self.items = items
        self.table.setRowCount(len(items))
        for r, it in enumerate(items):
            cells = (it.customer_name or self.tr("(no customer)"),
                     record_label(it.table_name, translate) + (f": {it.record_text[:40]}" if it.record_text else ""),
                     field_label(it.field), value_text(it.field, it.kept.value), value_text(it.field, it.other.value))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.status.setText(self.tr("%n field(s) to decide.", "", len(items)) if items
                            else self.tr("Nothing left to decide."))
        row = next((i for i, it in enumerate(items) if it.id == keep), 0 if items else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show(row)

    def current(self) -> ConflictItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, row: int) -> None:
        it = self.items[row] if 0 <= row < len(self.items) else None
        self._enable(it)
        if it is None:
            self.detail.setText("")
            return
        lines = [self.tr("This book has: {value} ({who})").format(value=value_text(it.field, it.kept.value),
                                                                   who=who_text(it.kept)),
                 self.tr("Other version: {value} ({who})").format(value=value_text(it.field, it.other.value),
                                                                   who=who_text(it.other))]
        if it.current != it.kept.value:
            lines.append(self.tr("Changed since the merge; now: {value}").format(
                value=value_text(it.field, it.current)))
        self.detail.setText("\n".join(lines))

    def _enable(self, it: ConflictItem | None) -> None:
        for b in (self.keep_button, self.other_button):
            b.setEnabled(it is not None)
        self.type_button.setEnabled(it is not None and it.typable)
        self.open_button.setEnabled(it is not None and it.customer_id is not None)

    # --- deciding ---------------------------------------------------------------------------------
    def _decide(self, how: str) -> None:
        it = self.current()
        if it is None:
            return
        typed = ""
        if how == "type":
            ask = QInputDialog(self)
            ask.setObjectName("conflictTypeValue")
            ask.setWindowTitle(self.tr("Type another value"))
            ask.setLabelText(self.tr("{field} of “{name}”:").format(field=field_label(it.field),
                                                                    name=it.customer_name))
            ask.setTextValue(it.kept.value or "")
            if not ask.exec():
                return
            typed = ask.textValue()
        self.feature.decide(it, how, typed)

    def _open_customer(self) -> None:
        it = self.current()
        if it is not None and it.customer_id:
            self.feature.window.set_current_customer(it.customer_id)


class ConflictsFeature(QObject):
    """The review action, the status-bar count, and the decisions on the undo stack of one window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.runner = window.runner
        self.service: ConflictService = window.services.get(ConflictService)
        self.dialog: ConflictsDialog | None = None
        self.review_action = QAction(self.tr("Review two &versions…"), window)
        self.review_action.setObjectName("action_review_conflicts")
        self.review_action.triggered.connect(lambda _c=False: self.open_review())
        window.add_actions("tools", [self.review_action])
        self.waiting = QPushButton(window)
        self.waiting.setObjectName("conflictsWaiting")
        self.waiting.setFlat(True)
        self.waiting.setStyleSheet("QPushButton { color: #b35c00; padding: 0 6px; }")
        self.waiting.setCursor(Qt.CursorShape.PointingHandCursor)
        self.waiting.clicked.connect(self.open_review)
        self.waiting.hide()
        window.add_status_widget(self.waiting)
        window.data_changed.connect(self._changed)
        self.refresh_count()

    def read(self, fn: Callable[[ConflictService], Any], done: Callable[[Any], None]) -> None:
        svc = self.service
        self.runner.run(lambda: fn(svc), done, lambda exc: self.window.show_error(exc, self.tr("Two versions")))

    def refresh_count(self) -> None:
        self.read(lambda svc: svc.count(), self._show_count)

    def _show_count(self, n: int) -> None:
        self.waiting.setText(self.tr("2 versions to review: %n", "", n))
        self.waiting.setToolTip(self.tr("Fields you and a teammate both changed; click to decide."))
        self.waiting.setVisible(n > 0)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(Kind.CONFLICT):
            self.refresh_count()
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.load()

    def open_review(self) -> ConflictsDialog:
        if self.dialog is None:
            self.dialog = ConflictsDialog(self, self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.load()
        return self.dialog

    def decide(self, item: ConflictItem, how: str, typed: str = "") -> None:
        """Keep, take the other version, or write *typed*; then push the decision as one undo step."""
        svc = self.service
        made: dict[str, Decision] = {}

        def write() -> Changes:
            if how == "keep":
                made["d"] = svc.keep(item.id)
            elif how == "other":
                made["d"] = svc.take_other(item.id)
            else:
                made["d"] = svc.type_value(item.id, typed)
            return made["d"].changes

        text = {"keep": self.tr("Keep this book's {field} of “{name}”"),
                "other": self.tr("Use the other {field} of “{name}”"),
                "type": self.tr("Type the {field} of “{name}”")}[how].format(field=field_label(item.field),
                                                                          name=item.customer_name)

        def done(changes: Changes) -> None:
            self.window.undo_stack.push(WriteCommand(self.window, text, write, lambda: svc.undo(made["d"]), changes))
            self.window.notify_changed(changes)

        self.runner.run(write, done, lambda exc: self.window.show_error(exc, text), urgent=True)


def install(window: Any) -> ConflictsFeature:
    """Add Tools ▸ Review two versions… and the count of fields waiting to *window*'s status bar."""
    return ConflictsFeature(window)
