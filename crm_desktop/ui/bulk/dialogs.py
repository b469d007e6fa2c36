"""The dialogs of bulk edits: Change selected… and Hand over customers…, each with a live preview.

Both ask the service for a preview on the task runner whenever a choice
changes (the newest request wins, as the list's search does) and show the
count, how many change, how many already have that value and, for the first
dialog, the first customers.  Apply is enabled once a preview says something
would change.  Neither writes: the feature applies what they return.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.bulk_edit import BulkEdit, BulkEditService, BulkPreview, EditKind
from crm_desktop.ui.shell.labels import error_text

PREVIEW_DELAY_MS = 150
"""Typing a name waits this long before asking for a new preview."""


def _owner_box(parent: QWidget, name: str, owners: list[str], editable: bool) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    box.setEditable(editable)
    box.addItems(owners)
    edit = box.lineEdit() if editable else None
    if edit is not None:
        edit.setObjectName(f"{name}Edit")
    return box


class _Previewing(QDialog):
    """A dialog whose Apply waits for the newest preview (see the module docstring)."""

    def __init__(self, service: BulkEditService, runner: Any, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.preview: BulkPreview | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def later(self) -> None:
        """A choice changed: preview again shortly (Apply waits for it)."""
        self.apply_button.setEnabled(False)
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        self.apply_button.setEnabled(False)
        self._generation += 1
        generation = self._generation
        job = self.preview_job()
        if job is None:
            return
        self.runner.run(job, lambda result: self._done(generation, result),
                        lambda exc: self._failed(generation, exc), urgent=True)

    def _done(self, generation: int, result: Any) -> None:
        if generation != self._generation:
            return  # a newer preview is under way
        self.show_preview(result)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.preview = None
            self.summary.setText(error_text(exc))

    def preview_job(self) -> Any:
        raise NotImplementedError

    def show_preview(self, result: Any) -> None:
        raise NotImplementedError


class ChangeSelectedDialog(_Previewing):
    """Customer ▸ Change selected…: which customers (the selection or the whole view), what to change."""

    def __init__(self, service: BulkEditService, runner: Any, selected: list[str], in_view: list[str],
                 owners: list[str], tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(service, runner, parent)
        self.setObjectName("changeSelectedDialog")
        self.setWindowTitle(self.tr("Change selected customers"))
        self.selected, self.in_view = selected, in_view
        self.owners, self.tags = owners, tags
        self.scope = QComboBox(self)
        self.scope.setObjectName("bulkScope")
        if selected:
            self.scope.addItem(self.tr("The %n selected customer(s)", "", len(selected)), "selected")
        self.scope.addItem(self.tr("Everything in this view (%n customer(s))", "", len(in_view)), "view")
        self.change = QComboBox(self)
        self.change.setObjectName("bulkChange")
        for text, kind, value in ((self.tr("Reassign owner"), EditKind.OWNER, None),
                                  (self.tr("Add a tag"), EditKind.ADD_TAG, None),
                                  (self.tr("Remove a tag"), EditKind.REMOVE_TAG, None),
                                  (self.tr("Set do-not-contact"), EditKind.DO_NOT_CONTACT, True),
                                  (self.tr("Clear do-not-contact"), EditKind.DO_NOT_CONTACT, False)):
            self.change.addItem(text, (kind, value))
        self.value = _owner_box(self, "bulkValue", owners, True)
        self.value_label = QLabel(self.tr("Owner"), self)
        self.followups = QCheckBox(self.tr("Their open follow-ups go to the new owner"), self)
        self.followups.setObjectName("bulkFollowups")
        self.complaints = QCheckBox(self.tr("Their open complaints go to the new owner"), self)
        self.complaints.setObjectName("bulkComplaints")
        self.summary.setObjectName("bulkSummary")
        self.sample = QTableWidget(0, 4, self)
        self.sample.setObjectName("bulkSample")
        self.sample.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Company"), self.tr("Owner"),
                                               self.tr("Tags")])
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)
        self.sample.horizontalHeader().setStretchLastSection(True)
        self.sample.setMinimumHeight(150)

        form = QFormLayout()
        form.addRow(self.tr("Customers"), self.scope)
        form.addRow(self.tr("Change"), self.change)
        form.addRow(self.value_label, self.value)
        form.addRow("", self.followups)
        form.addRow("", self.complaints)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(QLabel(self.tr("First customers:"), self))
        lay.addWidget(self.sample, 1)
        lay.addWidget(self.buttons)
        self.resize(620, 460)

        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.change.currentIndexChanged.connect(lambda _i: self._change_kind())
        self.value.currentTextChanged.connect(lambda _t: self.later())
        for box in (self.followups, self.complaints):
            box.toggled.connect(lambda _c: self.refresh())
        self._change_kind()

    def ids(self) -> list[str]:
        """The customers chosen."""
        return self.selected if self.scope.currentData() == "selected" else self.in_view

    def edit(self) -> BulkEdit:
        """The change chosen."""
        kind, flag = self.change.currentData()
        if kind == EditKind.DO_NOT_CONTACT:
            return BulkEdit(kind, bool(flag))
        if kind == EditKind.OWNER:
            return BulkEdit(kind, self.value.currentText(), self.followups.isChecked(), self.complaints.isChecked())
        return BulkEdit(kind, self.value.currentText())

    def _change_kind(self) -> None:
        kind, _flag = self.change.currentData()
        owner, named = kind == EditKind.OWNER, kind != EditKind.DO_NOT_CONTACT
        self.value.blockSignals(True)
        text = self.value.currentText()
        self.value.clear()
        self.value.addItems(self.owners if owner else self.tags)
        self.value.setEditText(text if named else "")
        self.value.blockSignals(False)
        self.value_label.setText(self.tr("Owner") if owner else self.tr("Tag"))
        self.value.setVisible(named)
        self.value_label.setVisible(named)
        self.followups.setVisible(owner)
        self.complaints.setVisible(owner)
        self.refresh()

    def preview_job(self) -> Any:
        ids, edit, svc = self.ids(), self.edit(), self.service
        return lambda: svc.preview(ids, edit)

    def show_preview(self, result: Any) -> None:
        p: BulkPreview = result
        self.preview = p
        text = self.tr("%n customer(s):", "", p.total) + " " + self.tr("%n will change", "", p.changing) + ", " + \
            self.tr("%n already have this", "", p.already) + "."
        if self.edit().kind == EditKind.OWNER and (self.followups.isChecked() or self.complaints.isChecked()):
            moving = []
            if self.followups.isChecked():
                moving.append(self.tr("%n open follow-up(s)", "", p.followups))
            if self.complaints.isChecked():
                moving.append(self.tr("%n open complaint(s)", "", p.complaints))
            text += " " + self.tr("With them: {items}.").format(items=", ".join(moving))
        self.summary.setText(text)
        self.sample.setRowCount(len(p.sample))
        for i, row in enumerate(p.sample):
            for col, value in enumerate((row.name, row.company, row.owner, ", ".join(row.tags))):
                self.sample.setItem(i, col, QTableWidgetItem(value))
        self.apply_button.setEnabled(p.changing > 0)


class HandoverDialog(_Previewing):
    """Customer ▸ Hand over customers…: every customer of one owner to another, their open work with them."""

    def __init__(self, service: BulkEditService, runner: Any, owners: list[str], current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(service, runner, parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Hand over customers"))
        self.source = _owner_box(self, "handoverFrom", owners, False)
        self.target = _owner_box(self, "handoverTo", owners, True)
        if current in owners:
            self.source.setCurrentIndex(owners.index(current))
        self.target.setEditText("")
        self.followups = QCheckBox(self.tr("Their open follow-ups go to the new owner"), self)
        self.followups.setObjectName("handoverFollowups")
        self.followups.setChecked(True)
        self.complaints = QCheckBox(self.tr("Their open complaints go to the new owner"), self)
        self.complaints.setObjectName("handoverComplaints")
        self.complaints.setChecked(True)
        self.summary.setObjectName("handoverSummary")
        note = QLabel(self.tr("Follow-ups and complaints someone else owns stay theirs."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.source)
        form.addRow(self.tr("To"), self.target)
        form.addRow("", self.followups)
        form.addRow("", self.complaints)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.summary)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(460, 260)
        self.source.currentIndexChanged.connect(lambda _i: self.refresh())
        self.target.currentTextChanged.connect(lambda _t: self.later())
        for box in (self.followups, self.complaints):
            box.toggled.connect(lambda _c: self.refresh())
        self.refresh()

    def from_owner(self) -> str:
        return self.source.currentText()

    def to_owner(self) -> str:
        return self.target.currentText().strip()

    def edit(self) -> BulkEdit:
        return BulkEdit(EditKind.OWNER, self.to_owner(), self.followups.isChecked(), self.complaints.isChecked())

    def preview_job(self) -> Any:
        source, edit, svc = self.from_owner(), self.edit(), self.service
        if not source:
            self.summary.setText(self.tr("Nobody owns a customer in this book yet."))
            return None
        return lambda: svc.preview(svc.owned_by(source), edit, sample=0)

    def show_preview(self, result: Any) -> None:
        p: BulkPreview = result
        self.preview = p
        source, target = self.from_owner(), self.to_owner()
        text = self.tr("{name} has %n customer(s).", "", p.total).format(name=source)
        moving = []
        if self.followups.isChecked():
            moving.append(self.tr("%n open follow-up(s)", "", p.followups))
        if self.complaints.isChecked():
            moving.append(self.tr("%n open complaint(s)", "", p.complaints))
        if moving:
            text += " " + self.tr("With them: {items}.").format(items=", ".join(moving))
        if not target:
            text += " " + self.tr("Choose or type who takes them over.")
        elif target == source:
            text += " " + self.tr("Choose someone else to take them over.")
        self.summary.setText(text)
        self.apply_button.setEnabled(p.total > 0 and bool(target) and target != source)
