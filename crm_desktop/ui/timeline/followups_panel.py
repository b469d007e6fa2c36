"""The Follow-ups page: overdue, today, this week, later; mark done, snooze, open the customer.

The list is loaded on the task runner (``loader(only_mine) -> list[FollowUp]``)
and grouped by the bucket the service computed from ``now``.  The panel asks
the feature to act through signals; picking a date happens here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.domain.followups import BUCKETS, FollowUp
from crm_desktop.services.complaints import stored_text
from crm_desktop.ui.shell.labels import error_text, label
from crm_desktop.ui.timeline.log_contact import from_qdatetime, to_qdatetime, tomorrow_morning

if TYPE_CHECKING:
    from crm_desktop.ui.shell.tasks import TaskRunner

BUCKET_LABELS = {
    "overdue": QT_TRANSLATE_NOOP("followups", "Overdue"),
    "today": QT_TRANSLATE_NOOP("followups", "Today"),
    "week": QT_TRANSLATE_NOOP("followups", "This week"),
    "later": QT_TRANSLATE_NOOP("followups", "Later"),
}
BUCKET_COLORS = {"overdue": "#c62828", "today": "#ef6c00", "week": "#1565c0", "later": "#555555"}


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("followups", text)


def what_text(f: FollowUp) -> str:
    """The line describing a follow-up (translated)."""
    if f.kind == "birthday":
        if f.years:
            return translate("followups", "Birthday of {name} ({years})").format(name=f.person_name, years=f.years)
        return translate("followups", "Birthday of {name}").format(name=f.person_name)
    if f.kind == "anniversary":
        if f.years:
            return translate("followups", "Anniversary of {name} (%n year(s))", "", f.years).format(name=f.person_name)
        return translate("followups", "Anniversary of {name}").format(name=f.person_name)
    return stored_text(f.what, translate) if f.complaint_id else f.what


def said_text(f: FollowUp) -> str:
    """What was said when the follow-up was promised (translated when the app wrote it)."""
    return stored_text(f.last_summary, translate) if f.complaint_id else f.last_summary


class PickDateDialog(QDialog):
    """Choose when a follow-up is due instead."""

    def __init__(self, start: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reschedule"))
        self.when = QDateTimeEdit(to_qdatetime(start), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("New due date:"), self))
        layout.addWidget(self.when)
        layout.addWidget(buttons)

    def value(self) -> datetime:
        return from_qdatetime(self.when.dateTime())


class FollowupsPanel(QWidget):
    """The page; ``loader(only_mine)`` returns ``(follow-ups, the team's count)`` — the team's count only
    matters when "only mine" finds nothing — run on ``runner`` (inline when None).

    The "due now" figure in the status line is not counted here: the feature sets it
    (:meth:`set_due_count`) from the same count as the tab badge and the status bar.
    """

    done_requested = Signal(object)  # FollowUp
    snooze_requested = Signal(object, object)  # FollowUp, timedelta
    reschedule_requested = Signal(object, object)  # FollowUp, datetime
    open_requested = Signal(str)  # customer id
    export_requested = Signal()

    def __init__(self, loader: Callable[[bool], tuple[list[FollowUp], int]], runner: TaskRunner | None = None,
                 now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.runner = runner
        self.now = now or (lambda: datetime.now().astimezone())
        self.items: list[FollowUp] = []
        self.team_count = 0
        self.due_count: int | None = None
        self._generation = 0
        self.only_mine = QCheckBox(self.tr("Only mine"), self)
        self.only_mine.setObjectName("followupsOnlyMine")
        self.only_mine.setToolTip(self.tr("Next steps on customers you own and next steps you logged"))
        self.only_mine.setChecked(True)
        self.only_mine.toggled.connect(lambda _c: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("followupsTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("Customer"), self.tr("What"), self.tr("Last time"),
                                   self.tr("Channel")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._emit_open(item))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.done_button = QPushButton(self.tr("Done…"), self)
        self.day_button = QPushButton(self.tr("Snooze 1 day"), self)
        self.week_button = QPushButton(self.tr("Snooze 1 week"), self)
        self.pick_button = QPushButton(self.tr("Pick a date…"), self)
        self.open_button = QPushButton(self.tr("Open customer"), self)
        self.export_button = QPushButton(self.tr("Export to calendar (.ics)…"), self)
        for button, name in ((self.done_button, "followupDone"), (self.day_button, "followupSnoozeDay"),
                             (self.week_button, "followupSnoozeWeek"), (self.pick_button, "followupPickDate"),
                             (self.open_button, "followupOpenCustomer"), (self.export_button, "followupExport")):
            button.setObjectName(name)
        self.done_button.clicked.connect(lambda: self._with_current(self.done_requested.emit))
        self.day_button.clicked.connect(
            lambda: self._with_current(lambda f: self.snooze_requested.emit(f, timedelta(days=1))))
        self.week_button.clicked.connect(
            lambda: self._with_current(lambda f: self.snooze_requested.emit(f, timedelta(days=7))))
        self.pick_button.clicked.connect(self._pick)
        self.open_button.clicked.connect(lambda: self._with_current(lambda f: self.open_requested.emit(f.customer_id)))
        self.export_button.clicked.connect(self.export_requested)
        top = QHBoxLayout()
        top.addWidget(self.only_mine)
        top.addStretch(1)
        top.addWidget(self.export_button)
        buttons = QHBoxLayout()
        for b in (self.done_button, self.day_button, self.week_button, self.pick_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("followupsStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._update_buttons()

    # --- loading -----------------------------------------------------------------
    def refresh(self) -> None:
        self._generation += 1
        gen = self._generation
        mine = self.only_mine.isChecked()
        loader = self.loader

        def done(found: tuple[list[FollowUp], int]) -> None:
            if gen == self._generation:
                self.show_items(*found)

        def failed(exc: BaseException) -> None:
            if gen == self._generation:
                self.status.setText(error_text(exc))

        if self.runner is None:
            try:
                done(loader(mine))
            except Exception as exc:  # noqa: BLE001
                failed(exc)
        else:
            self.runner.run(lambda: loader(mine), done, failed)

    def show_items(self, items: list[FollowUp], team_count: int = 0) -> None:
        """Fill the tree grouped by bucket, keeping the selected follow-up selected.

        *team_count*: how many the whole team has (said when "only mine" finds nothing).
        """
        current = self.current()
        self.items = items
        self.team_count = team_count
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        select = None
        for bucket in BUCKETS:
            members = [f for f in items if f.bucket == bucket]
            if not members:
                continue
            top = QTreeWidgetItem([translate("followups", "{bucket} ({n})").format(
                bucket=_tr(BUCKET_LABELS[bucket]), n=len(members))])
            top.setFont(0, bold)
            top.setForeground(0, QBrush(QColor(BUCKET_COLORS[bucket])))
            top.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(top)
            groups[bucket] = top
            for f in members:
                due = f.occasion_date.isoformat() if f.occasion_date else f.due.astimezone().strftime("%Y-%m-%d %H:%M")
                said = said_text(f)
                child = QTreeWidgetItem([due, f.customer_name, what_text(f), said.replace("\n", " "),
                                         label(f.channel)])
                child.setData(0, Qt.ItemDataRole.UserRole, f)
                child.setToolTip(3, said)
                top.addChild(child)
                if current is not None and f.id == current.id:
                    select = child
            top.setExpanded(True)
        for c in range(5):
            self.tree.resizeColumnToContents(c)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show_status()
        self._update_buttons()

    def set_due_count(self, n: int) -> None:
        """How many of the person's next steps are due now (the badge's figure, shown in the status line too)."""
        self.due_count = n
        self._show_status()

    def _show_status(self) -> None:
        mine = self.only_mine.isChecked()
        if not self.items:
            if mine and self.team_count:
                text = self.tr("Nothing of yours to follow up; the team has %n: clear “Only mine” to see them.", "",
                               self.team_count)
            else:
                text = self.tr("Nothing to follow up. Well done.")
            self.status.setText(text)
            return
        listed = self.tr("%n follow-up(s) listed", "", len(self.items))
        if self.due_count is None:
            self.status.setText(listed)
            return
        due = (self.tr("%n due now", "", self.due_count) if mine
               else self.tr("%n of yours due now", "", self.due_count))
        self.status.setText(self.tr("{listed}; {due}.").format(listed=listed, due=due))

    # --- selection ---------------------------------------------------------------
    @staticmethod
    def _followup_of(item: QTreeWidgetItem | None) -> FollowUp | None:
        """The follow-up a row of the tree shows (None for a bucket's heading)."""
        f: Any = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return f if isinstance(f, FollowUp) else None

    def current(self) -> FollowUp | None:
        return self._followup_of(self.tree.currentItem())

    def select_id(self, followup_id: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                f = self._followup_of(child)
                if child is not None and f is not None and f.id == followup_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _with_current(self, fn: Callable[[FollowUp], object]) -> None:
        f = self.current()
        if f is not None:
            fn(f)

    def _emit_open(self, item: QTreeWidgetItem | None) -> None:
        f = self._followup_of(item)
        if f is not None:
            self.open_requested.emit(f.customer_id)

    def _pick(self) -> None:
        f = self.current()
        if f is None or f.kind != "next_step":
            return
        dialog = PickDateDialog(max(f.due, tomorrow_morning(self.now())), self)
        if dialog.exec():
            self.reschedule_requested.emit(f, dialog.value())

    def _update_buttons(self) -> None:
        f = self.current()
        self.done_button.setEnabled(f is not None)
        self.open_button.setEnabled(f is not None)
        snoozable = f is not None and f.kind == "next_step"  # occasions are tied to their day
        for b in (self.day_button, self.week_button, self.pick_button):
            b.setEnabled(snoozable)
        self.done_button.setText(self.tr("Send greetings…") if f is not None and f.kind != "next_step"
                                 else self.tr("Done…"))
