"""The log-a-contact dialog (Ctrl+L): channel, direction, summary, outcome and the next step.

Made for speed: prefilled with now and the customer's preferred channel, the
cursor starts in the summary, Enter saves (Shift+Enter starts a new line),
and typing a next step proposes tomorrow as its due date.  The customer's
open next steps are listed with a tick box each: the one this contact
answers (by default the soonest due) is ticked and is marked done with it, so
a call that answered "send the quote" does not leave it overdue.  For a
business, "Spoke to" says which contact the person talked to.  Saving goes
through the ``save`` callable on the task runner; an error is shown in the
dialog and the typed text stays (see :mod:`crm_desktop.ui.shell.saving`).  The
same dialog edits a logged contact and completes a follow-up (then it can also
ask the complaint satisfaction score 1–5).  For a win-back customer whose churn
reason nobody has asked yet it asks "Why did they stop buying?" (optional: a call
may reach nobody).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import Channel, Direction, Outcome
from crm_desktop.services.timeline import ContactLogInput, InteractionRow, LogDefaults
from crm_desktop.ui.shell.dialogs import fit_and_remember
from crm_desktop.ui.shell.labels import label
from crm_desktop.ui.shell.saving import Job, SavingDialog
from crm_desktop.ui.winback.labels import CHURN_NAMES, churn_name


def to_qdatetime(dt: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(dt.timestamp() * 1000))


def from_qdatetime(q: QDateTime) -> datetime:
    return datetime.fromtimestamp(q.toMSecsSinceEpoch() / 1000, UTC)


def tomorrow_morning(now: datetime, days: int = 1) -> datetime:
    """9:00 local time *days* days after *now* (the default due time of a next step)."""
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=days), time(9, 0), local.tzinfo).astimezone(UTC)


class LogContactDialog(SavingDialog):
    """Log (or edit) one contact.  ``save(data) -> result`` writes it (``save(data, score)`` with
    ``with_score``: the satisfaction score given, or None); :attr:`saved` keeps what it returned.

    ``initial`` prefills an edit or a follow-up completion; ``ask_satisfaction`` shows the
    complaint satisfaction score, read back from :attr:`satisfaction_score`; ``ask_churn`` shows the
    churn-reason picker and saves with ``save(data, reason)`` (:attr:`churn_reason`, None: not said).
    """

    def __init__(self, defaults: LogDefaults, save: Callable[..., Any], *, now: datetime,
                 initial: InteractionRow | ContactLogInput | None = None, title: str | None = None,
                 ask_satisfaction: bool = False, answering: str | None = "", with_score: bool = False,
                 ask_churn: bool = False, runner: Any = None, parent: QWidget | None = None) -> None:
        """*answering*: the open step this contact answers ("" = the soonest due; None = none, e.g. an edit)."""
        super().__init__(parent, runner=runner, error_name="logError")
        self.setObjectName("logContactDialog")
        self.defaults = defaults
        self._save = save
        self._with_score = with_score
        self.now = now
        self._ask_satisfaction = ask_satisfaction
        self._ask_churn = ask_churn
        self._complaint_steps: dict[str, str] = {}
        self._satisfaction_label: QWidget | None = None
        self.setWindowTitle(title or self.tr("Log a contact"))
        self.who = QLabel(f"<b>{defaults.name}</b>", self)
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self._contact_fields()
        due_row = self._next_step_fields()
        self.satisfaction = QComboBox(self)
        self.satisfaction.addItem(self.tr("Not asked"), None)
        for n in range(5, 0, -1):
            self.satisfaction.addItem(self.tr("{n} of 5").format(n=n), n)
        self.churn = QComboBox(self)
        self.churn.setObjectName("churnReason")
        self.churn.addItem(self.tr("Not said"), None)
        for key in CHURN_NAMES:
            self.churn.addItem(churn_name(key), key)
        self.spoke_to = QComboBox(self)
        self.spoke_to.setObjectName("spokeTo")
        self.spoke_to.addItem("—", None)
        for cid, name, role in defaults.contacts:
            self.spoke_to.addItem(f"{name} · {label(role)}" if role else name, cid)
        if answering == "" and defaults.open_steps:
            answering = defaults.open_steps[0].id
        steps_box = self._step_boxes(answering)
        form = self._form(due_row, steps_box, answering)
        self.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        assert self.buttons is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill(initial)
        self.summary.setFocus()
        fit_and_remember(self, "log_contact", QSize(560, 420))

    # --- building ----------------------------------------------------------------
    def _contact_fields(self) -> None:
        self.channel = QComboBox(self)
        for c in Channel:
            self.channel.addItem(label(c), c.value)
        self.direction = QComboBox(self)
        for d in (Direction.OUTBOUND, Direction.INBOUND):
            self.direction.addItem(label(d), d.value)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(self.tr("What was said? (Enter saves, Shift+Enter for a new line)"))
        self.summary.setTabChangesFocus(True)
        self.summary.installEventFilter(self)
        self.summary.setFixedHeight(80)
        self.outcome = QComboBox(self)
        self.outcome.addItem("", None)
        for o in Outcome:
            self.outcome.addItem(label(o), o.value)

    def _next_step_fields(self) -> QHBoxLayout:
        """The next step, its due date and the quick picks (tomorrow, in 3 days, next week)."""
        self.next_step = QLineEdit(self)
        self.next_step.setPlaceholderText(self.tr("What happens next, e.g. send the quote"))
        self.has_due = QCheckBox(self.tr("Due"), self)
        self.due = QDateTimeEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due.setDateTime(to_qdatetime(tomorrow_morning(self.now)))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.next_step.textEdited.connect(self._propose_due)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        for text, days in ((self.tr("Tomorrow"), 1), (self.tr("In 3 days"), 3), (self.tr("Next week"), 7)):
            b = QPushButton(text, self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, days=days: self._set_due(days))
            due_row.addWidget(b)
        return due_row

    def _step_boxes(self, answering: str | None) -> QWidget:
        """A tick box per open next step; the one this contact answers is ticked."""
        self.step_boxes: list[tuple[QCheckBox, str]] = []
        steps_box = QWidget(self)
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        for step in self.defaults.open_steps:
            box = QCheckBox(self._step_text(step), steps_box)
            box.setObjectName(f"answers_{step.id}")
            box.setChecked(step.id == answering)
            steps_layout.addWidget(box)
            self.step_boxes.append((box, step.id))
        return steps_box

    def _form(self, due_row: QHBoxLayout, steps_box: QWidget, answering: str | None) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self.tr("Customer"), self.who)
        chan_row = QHBoxLayout()
        chan_row.addWidget(self.channel, 1)
        chan_row.addWidget(self.direction, 1)
        form.addRow(self.tr("Channel"), chan_row)
        if self.defaults.contacts:
            form.addRow(self.tr("Spoke to"), self.spoke_to)
        else:
            self.spoke_to.hide()
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Outcome"), self.outcome)
        if self.step_boxes and answering is not None:
            form.addRow(self.tr("Done with this contact"), steps_box)
        else:
            steps_box.hide()
        form.addRow(self.tr("Next step"), self.next_step)
        form.addRow("", due_row)
        # a ticked satisfaction call of a complaint asks the score too (the call is what it was for)
        self._complaint_steps = {s.id: s.complaint_id for s in self.defaults.open_steps if s.complaint_id}
        if self._ask_satisfaction or self._complaint_steps:
            form.addRow(self.tr("Satisfied with the resolution?"), self.satisfaction)
            self._satisfaction_label = form.labelForField(self.satisfaction)
            for box, step_id in self.step_boxes:
                if step_id in self._complaint_steps:
                    box.toggled.connect(self._show_satisfaction)
            self._show_satisfaction()
        else:
            self.satisfaction.hide()
        if self._ask_churn:
            form.addRow(self.tr("Why did they stop buying?"), self.churn)
        else:
            self.churn.hide()
        return form

    def _step_text(self, step: InteractionRow) -> str:
        due = step.next_due_at
        when = due.astimezone().strftime("%m-%d") if due else ""
        days = (self.now.astimezone().date() - due.astimezone().date()).days if due else 0
        if days > 0:
            return self.tr("%n day(s) overdue: {step} (due {when})", "", days).format(step=step.next_step, when=when)
        return self.tr("{step} (due {when})").format(step=step.next_step, when=when)

    def _fill(self, initial: InteractionRow | ContactLogInput | None) -> None:
        channel = getattr(initial, "channel", None) or self.defaults.channel
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        direction = getattr(initial, "direction", None) or Direction.OUTBOUND.value
        self.direction.setCurrentIndex(max(0, self.direction.findData(direction)))
        when = getattr(initial, "occurred_at", None) if isinstance(initial, InteractionRow) else None
        self.when.setDateTime(to_qdatetime(when or self.now))
        contact = getattr(initial, "contact_id", None)
        if contact:
            self.spoke_to.setCurrentIndex(max(0, self.spoke_to.findData(contact)))
        if initial is None:
            return
        self.summary.setPlainText(initial.summary or "")
        if initial.outcome:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(initial.outcome)))
        self.next_step.setText(initial.next_step or "")
        if initial.next_due_at is not None:
            self.has_due.setChecked(True)
            self.due.setDateTime(to_qdatetime(initial.next_due_at))

    def _propose_due(self, text: str) -> None:
        if text.strip() and not self.has_due.isChecked():
            self.has_due.setChecked(True)
        elif not text.strip():
            self.has_due.setChecked(False)

    def _set_due(self, days: int) -> None:
        self.has_due.setChecked(True)
        self.due.setDateTime(to_qdatetime(tomorrow_morning(self.now, days)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.summary and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.save()
            return True
        return super().eventFilter(obj, event)

    def data(self) -> ContactLogInput:
        """What the user typed, as a :class:`ContactLogInput` (not yet validated)."""
        has_next = self.has_due.isChecked()
        return ContactLogInput(
            customer_id=self.defaults.customer_id, channel=self.channel.currentData(),
            direction=self.direction.currentData(), occurred_at=from_qdatetime(self.when.dateTime()),
            summary=self.summary.toPlainText().strip(), outcome=self.outcome.currentData(),
            next_step=self.next_step.text().strip() if has_next or self.next_step.text().strip() else "",
            next_due_at=from_qdatetime(self.due.dateTime()) if has_next else None,
            contact_id=self.spoke_to.currentData(),
            answers=tuple(step_id for box, step_id in self.step_boxes if box.isChecked() and box.isVisibleTo(self)))

    @property
    def satisfaction_score(self) -> int | None:
        return self.satisfaction.currentData() if self._asks_score() else None

    def answered_complaint(self) -> str | None:
        """The complaint whose satisfaction call this contact answers (its score goes to it), if any."""
        for box, step_id in self.step_boxes:
            if step_id in self._complaint_steps and box.isChecked() and box.isVisibleTo(self):
                return self._complaint_steps[step_id]
        return None

    @property
    def churn_reason(self) -> str | None:
        """Why they stopped buying, when asked and answered (None otherwise)."""
        value = self.churn.currentData() if self._ask_churn else None
        return str(value) if value else None

    def _asks_score(self) -> bool:
        return self._ask_satisfaction or self.answered_complaint() is not None

    def _show_satisfaction(self, *_args: object) -> None:
        shown = self._asks_score()
        self.satisfaction.setVisible(shown)
        if self._satisfaction_label is not None:
            self._satisfaction_label.setVisible(shown)

    def save(self) -> None:
        """Write through ``save`` (on the task runner); stay open with the message on an error."""
        self.accept()

    def job(self) -> Job | None:
        data, score, save = self.data(), self.satisfaction_score, self._save
        if self._ask_churn:
            churn = self.churn_reason
            return lambda: save(data, churn)
        if self._with_score:
            return lambda: save(data, score)
        return lambda: save(data)
