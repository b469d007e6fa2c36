"""Sales targets on the Deals page: this month's target, achieved, forecast and the gap, with whom to call to
close it; and the dialog that sets the targets (Settings ▸ Sales targets…).

The figures are :meth:`crm_desktop.services.targets.TargetService.progress` of the person the window's
"whose" switch shows (the team's when it shows everyone's), read on the task runner.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import targets as d
from crm_desktop.domain.calllist import format_money
from crm_desktop.services.targets import TargetService
from crm_desktop.ui.shell.saving import Job, SavingDialog

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def progress_lines(p: d.TargetProgress) -> tuple[str, str]:
    """The strip's two lines: where the month stands, and what closes the gap (or "" when nothing to say)."""
    def money(value: int) -> str:
        return format_money(value, p.currency)

    forecast = translate("targets", "forecast {forecast} (achieved {achieved} + weighted deals {pipeline} + "
                                    "expected repeat orders {repeat})").format(
        forecast=money(p.forecast), achieved=money(p.achieved), pipeline=money(p.pipeline), repeat=money(p.repeat))
    if p.target:
        share = round(100 * (p.share_achieved or 0))
        head = translate("targets", "{month} target {target}: {share} % achieved, {forecast}").format(
            month=p.month, target=money(p.target), share=share, forecast=forecast)
    else:
        head = translate("targets", "{month}, no target set: {forecast}").format(month=p.month, forecast=forecast)
    names = translate("targets", ", ").join(r.name for r in p.repeaters)
    if p.target and p.gap:
        tail = translate("targets", "%n customer(s) likely to reorder soon ({names}, about {value}): call them to "
                                    "close the gap of {gap}.", "", len(p.repeaters)).format(
            names=names, value=money(p.repeaters_value), gap=money(p.gap))
        return head, tail if p.repeaters else translate("targets", "{gap} short of the target.").format(
            gap=money(p.gap))
    if p.repeaters:
        return head, translate("targets", "%n customer(s) likely to reorder soon: {names} (about {value}).", "",
                               len(p.repeaters)).format(names=names, value=money(p.repeaters_value))
    return head, ""


class TargetStrip(QWidget):
    """This month's target line above the board, with "Call them" and "Set targets…"."""

    call_requested = Signal(list, str)  # customer ids, the session's title
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetStrip")
        self.progress: d.TargetProgress | None = None
        self.head = QLabel(self)
        self.head.setObjectName("targetHead")
        self.head.setWordWrap(True)
        self.tail = QLabel(self)
        self.tail.setObjectName("targetTail")
        self.tail.setWordWrap(True)
        self.call = QPushButton(self.tr("Call them"), self)
        self.call.setObjectName("targetCall")
        self.call.clicked.connect(self._call)
        self.edit = QPushButton(self.tr("Set targets…"), self)
        self.edit.setObjectName("targetEdit")
        self.edit.clicked.connect(self.edit_requested.emit)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.head)
        text.addWidget(self.tail)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.addLayout(text, 1)
        row.addWidget(self.call)
        row.addWidget(self.edit)
        self.head.setText(self.tr("Reading this month's figures…"))
        self.tail.hide()
        self.call.hide()

    def show_progress(self, p: d.TargetProgress) -> None:
        self.progress = p
        head, tail = progress_lines(p)
        self.head.setText(head)
        self.tail.setText(tail)
        self.tail.setVisible(bool(tail))
        self.call.setVisible(bool(p.repeaters))

    def show_failure(self, text: str) -> None:
        self.head.setText(text)
        self.tail.hide()
        self.call.hide()

    def _call(self) -> None:
        p = self.progress
        if p is not None and p.repeaters:
            self.call_requested.emit([r.customer_id for r in p.repeaters],
                                     self.tr("Likely to reorder in {month}").format(month=p.month))


class TargetsDialog(SavingDialog):
    """Set the month's targets of the team and of each salesperson (amounts in the book's currency)."""

    def __init__(self, service: TargetService, people: list[str], targets: d.Targets, month: str, *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="targetsError")
        self.setObjectName("targetsDialog")
        self.setWindowTitle(self.tr("Sales targets"))
        self.service = service
        self.targets = targets
        self.people = ["", *[p for p in people if p]]
        self.month = QDateEdit(self)
        self.month.setObjectName("targetMonth")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(QDate(int(month[:4]), int(month[5:]), 1))
        self.month.dateChanged.connect(lambda _d: self._fill())
        self.table = QTableWidget(len(self.people), 2, self)
        self.table.setObjectName("targetTable")
        self.table.setHorizontalHeaderLabels([self.tr("Who"), self.tr("Target (0: none)")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        for row, person in enumerate(self.people):
            item = QTableWidgetItem(person or self.tr("The whole team"))
            self.table.setItem(row, 0, item)
            spin = QDoubleSpinBox(self.table)
            spin.setRange(0, d.MAX_TARGET_MINOR / 100)
            spin.setDecimals(0)
            spin.setSingleStep(10_000)
            spin.setGroupSeparatorShown(True)
            self.table.setCellWidget(row, 1, spin)
        self._fill()
        form = QFormLayout()
        form.addRow(self.tr("Month"), self.month)
        note = QLabel(self.tr("The forecast adds to what is achieved the open deals expected to close this month, "
                              "weighted by their stage's chance of winning, and the repeat orders the scores "
                              "expect from existing customers."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        self.resize(480, 420)

    def month_key(self) -> str:
        day = self.month.date()
        return d.month_key(date(day.year(), day.month(), 1))

    def spin(self, row: int) -> QDoubleSpinBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QDoubleSpinBox)  # every row has its amount
        return widget

    def _fill(self) -> None:
        stored = self.targets.get(self.month_key(), {})
        for row, person in enumerate(self.people):
            self.spin(row).setValue(stored.get(person, 0) / 100)

    def amounts(self) -> dict[str, int]:
        return {person: int(round(self.spin(row).value() * 100)) for row, person in enumerate(self.people)}

    def job(self) -> Job | None:
        service, month, amounts = self.service, self.month_key(), self.amounts()
        return lambda: service.set_targets(month, amounts)
