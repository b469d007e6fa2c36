"""Dialogs: record/edit a complaint, change its status (with note and resolution), team settings.

Each dialog takes a ``save`` callable and calls it on OK, on the task runner;
an error (one sentence) is shown in the dialog, which stays open with
everything typed, so nothing is lost.  ``saved`` holds what ``save`` returned
(see :mod:`crm_desktop.ui.shell.saving`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintInput, ComplaintRow, ComplaintSettings
from crm_desktop.domain.enums import Channel
from crm_desktop.ui.complaints.table import action_text, local_text
from crm_desktop.ui.shell.labels import label, severity_label
from crm_desktop.ui.shell.saving import Job, SavingDialog

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def to_qdatetime(dt: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(dt.timestamp() * 1000))


def from_qdatetime(q: QDateTime) -> datetime:
    return datetime.fromtimestamp(q.toMSecsSinceEpoch() / 1000, UTC)


def _ok_cancel(dialog: SavingDialog) -> QDialogButtonBox:
    return dialog.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)


class ComplaintDialog(SavingDialog):
    """Record (``initial`` None) or edit a complaint of one customer.

    ``save(ComplaintInput)`` writes it; ``settings`` gives the categories and
    the deadlines previewed for the chosen severity.
    """

    def __init__(self, save: Callable[[ComplaintInput], Any], settings: ComplaintSettings, customer_id: str,
                 customer_name: str, now: datetime, user: str, initial: ComplaintRow | None = None, *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner)
        buttons = _ok_cancel(self)
        self.setObjectName("complaintDialog")
        self.save = save
        self.settings = settings
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Complaint of {name}").format(name=customer_name) if initial is None
                            else self.tr("Complaint {number} of {name}").format(number=initial.number,
                                                                                  name=customer_name))
        self.opened = QDateTimeEdit(to_qdatetime(initial.opened_at if initial else now), self)
        self.opened.setCalendarPopup(True)
        self.opened.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.channel = QComboBox(self)
        self.channel.setObjectName("complaintChannel")
        for c in Channel:
            self.channel.addItem(label(c.value), c.value)
        self.category = QComboBox(self)
        self.category.setObjectName("complaintCategory")
        cats = list(settings.categories)
        if initial and initial.category not in cats:
            cats.append(initial.category)
        for cat in cats:
            self.category.addItem(label(cat), cat)
        self.severity = QComboBox(self)
        self.severity.setObjectName("complaintSeverity")
        for s in d.SEVERITIES:
            self.severity.addItem(severity_label(s), s)
        self.owner = QLineEdit(initial.owner if initial else user, self)
        self.description = QPlainTextEdit(initial.description if initial else "", self)
        self.description.setObjectName("complaintDescription")
        self.description.setPlaceholderText(self.tr("What the customer said, in their words"))
        self.description.setTabChangesFocus(True)
        self.deadlines = QLabel(self)
        self.deadlines.setWordWrap(True)
        self.channel.setCurrentIndex(max(0, self.channel.findData(initial.channel if initial else "phone")))
        self.category.setCurrentIndex(max(0, self.category.findData(initial.category if initial else "other")))
        self.severity.setCurrentIndex(max(0, self.severity.findData(initial.severity if initial else "medium")))
        self.severity.currentIndexChanged.connect(self._preview)
        self.opened.dateTimeChanged.connect(self._preview)

        form = QFormLayout()
        form.addRow(self.tr("Came in"), self.opened)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Description"), self.description)
        form.addRow("", self.deadlines)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._preview()
        self.description.setFocus()

    def data(self) -> ComplaintInput:
        return ComplaintInput(customer_id=self.customer_id, opened_at=from_qdatetime(self.opened.dateTime()),
                              description=self.description.toPlainText(), channel=self.channel.currentData(),
                              category=self.category.currentData(), severity=self.severity.currentData(),
                              owner=self.owner.text().strip())

    def _preview(self, *_args: object) -> None:
        opened, sev = from_qdatetime(self.opened.dateTime()), self.severity.currentData()
        self.deadlines.setText(self.tr("Answer by {answer}; resolve by {resolve}.").format(
            answer=local_text(d.response_due(opened, sev, self.settings)),
            resolve=local_text(d.resolve_due(opened, sev, self.settings))))

    def job(self) -> Job | None:
        data, save = self.data(), self.save
        return lambda: save(data)


def satisfaction_box(parent: QWidget, unknown: str) -> QComboBox:
    """The 1–5 score as a person gives it: *unknown* first (not asked yet), then 5 (very satisfied) down to 1."""
    box = QComboBox(parent)
    box.setObjectName("satisfaction")
    box.addItem(unknown, None)
    for n in range(5, 0, -1):
        box.addItem(score_text(n), n)
    return box


def score_text(n: int) -> str:
    """A score in words: "5 – very satisfied" … "1 – very unhappy"."""
    words = {5: translate("complaints", "very satisfied"), 4: translate("complaints", "satisfied"),
             3: translate("complaints", "so-so"), 2: translate("complaints", "unhappy"),
             1: translate("complaints", "very unhappy")}
    return translate("complaints", "{score} – {words}").format(score=n, words=words[n])


class TransitionDialog(SavingDialog):
    """Change a complaint's status: when, a note, (to resolve) the resolution and, when resolving or
    closing, the customer's satisfaction score if they gave it.

    ``save(note, resolution_or_None, at, satisfaction_or_None)`` writes the change.
    """

    def __init__(self, row: ComplaintRow, to_status: str, now: datetime,
                 save: Callable[[str, str | None, datetime, int | None], Any], followup_days: int, *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner)
        buttons = _ok_cancel(self)
        self.setObjectName("transitionDialog")
        self.save = save
        self.to_status = to_status
        self.followup_days = followup_days
        self.setWindowTitle(self.tr("{action}: complaint {number} of {name}").format(
            action=action_text(row.status, to_status).rstrip("…"), number=row.number, name=row.customer_name))
        self.at = QDateTimeEdit(to_qdatetime(now), self)
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setMaximumDateTime(to_qdatetime(now))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("What was said or done (kept in the history)"))
        self.note.setTabChangesFocus(True)
        self.note.setObjectName("note")
        self.resolution = QPlainTextEdit(row.resolution, self)
        self.resolution.setObjectName("resolution")
        self.resolution.setPlaceholderText(self.tr("What was done for the customer"))
        self.resolution.setTabChangesFocus(True)
        self.satisfaction = satisfaction_box(self, self.tr("Not asked yet"))
        self.satisfaction.setToolTip(self.tr("How satisfied the customer said they are with the resolution, "
                                             "if they said so already"))
        if row.satisfaction is not None:
            self.satisfaction.setCurrentIndex(max(0, self.satisfaction.findData(row.satisfaction)))
        self.info = QLabel(self)
        self.info.setObjectName("info")
        self.info.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Complaint"), QLabel(
            f"{row.number} · {label(row.status)} · {row.description[:120]}", self))
        form.addRow(self.tr("When"), self.at)
        if to_status == d.RESOLVED:
            form.addRow(self.tr("Resolution"), self.resolution)
        else:
            self.resolution.hide()
        if to_status in d.DONE_STATUSES:
            form.addRow(self.tr("Customer's satisfaction"), self.satisfaction)
            self.satisfaction.currentIndexChanged.connect(self._explain)
        else:
            self.satisfaction.hide()
        form.addRow(self.tr("Note"), self.note)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.info)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._reopen = d.is_reopen(row.status, to_status)
        self._explain()
        (self.resolution if to_status == d.RESOLVED else self.note).setFocus()

    def _explain(self, *_args: object) -> None:
        """Say what will happen next: a satisfaction call, or (with a score) nothing more to do."""
        text = ""
        scored = self.score() is not None
        if self._reopen:
            text = self.tr("The resolve deadline restarts from the reopening time.")
        elif self.to_status == d.RESOLVED:
            text = (self.tr("With the customer's score the complaint is closed at once; no satisfaction call is "
                            "needed.") if scored else
                    self.tr("A call to ask whether the customer is satisfied will be scheduled in %n day(s).", "",
                            self.followup_days))
        elif self.to_status == d.CLOSED and not scored:
            text = self.tr("Without a score the complaint is closed; a satisfaction call already planned stays "
                           "on the follow-ups.")
        self.info.setText(text)
        self.info.setVisible(bool(text))

    def score(self) -> int | None:
        """The score picked (1–5), or None when not asked yet (or not asked in this step)."""
        return self.satisfaction.currentData() if self.to_status in d.DONE_STATUSES else None

    def job(self) -> Job | None:
        resolution = self.resolution.toPlainText() if self.to_status == d.RESOLVED else None
        note, at, score, save = self.note.toPlainText(), from_qdatetime(self.at.dateTime()), self.score(), self.save
        return lambda: save(note, resolution, at, score)


class ComplaintSettingsDialog(SavingDialog):
    """Edit the team's deadlines per severity, the satisfaction-call delay and the custom categories.

    ``save(ComplaintSettings)`` stores them (as team settings that travel with merges).
    """

    def __init__(self, settings: ComplaintSettings, save: Callable[[ComplaintSettings], Any], *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner)
        buttons = _ok_cancel(self)
        self.setObjectName("complaintSettingsDialog")
        self.save = save
        self.setWindowTitle(self.tr("Complaint settings"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Severity"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("Answer within (hours)"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Resolve within (hours)"), self), 0, 2)
        self.response: dict[str, QSpinBox] = {}
        self.resolve: dict[str, QSpinBox] = {}
        for i, sev in enumerate(reversed(d.SEVERITIES), start=1):
            grid.addWidget(QLabel(severity_label(sev), self), i, 0)
            for col, table, store in ((1, settings.response_hours, self.response),
                                      (2, settings.resolve_hours, self.resolve)):
                spin = QSpinBox(self)
                spin.setRange(1, d.MAX_HOURS)
                spin.setValue(table[sev])
                spin.setObjectName(f"{'response' if col == 1 else 'resolve'}_{sev}")
                grid.addWidget(spin, i, col)
                store[sev] = spin
        self.followup = QSpinBox(self)
        self.followup.setRange(0, d.MAX_FOLLOWUP_DAYS)
        self.followup.setValue(settings.followup_days)
        self.categories = QPlainTextEdit("\n".join(settings.custom_categories), self)
        self.categories.setPlaceholderText(self.tr("One category per line"))
        defaults = ", ".join(label(c) for c in d.DEFAULT_CATEGORIES)
        form = QFormLayout()
        form.addRow(self.tr("Satisfaction call after (days)"), self.followup)
        form.addRow(self.tr("Built-in categories"), QLabel(defaults, self))
        form.addRow(self.tr("More categories"), self.categories)
        note = QLabel(self.tr("New deadlines apply to complaints recorded or reopened from now on."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def data(self) -> ComplaintSettings:
        cats = tuple(line.strip() for line in self.categories.toPlainText().splitlines() if line.strip())
        return ComplaintSettings(response_hours={s: b.value() for s, b in self.response.items()},
                                 resolve_hours={s: b.value() for s, b in self.resolve.items()},
                                 followup_days=self.followup.value(), custom_categories=cats)

    def job(self) -> Job | None:
        data, save = self.data(), self.save
        return lambda: save(data)

