"""The Complaints page (the whole book, filtered) and the customer's Complaints tab.

The page asks the :class:`~crm_desktop.services.complaints.ComplaintService`
for the rows a filter lets through (on the worker thread); the service keeps
the book in memory sorted by due time, so a filter change on 50,000
complaints costs milliseconds.  Sorting by another column is done on the worker
too (see :mod:`crm_desktop.ui.complaints.table`).

Both widgets only *request* actions (signals); the feature module runs the
dialogs and writes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintFilter, ComplaintRow
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.domain.people import person_key
from crm_desktop.ui.complaints.table import (
    ACTION_TEXTS,
    ComplaintTableModel,
    make_table,
    outcome_text,
)
from crm_desktop.ui.shell.labels import label, severity_label

if TYPE_CHECKING:
    from crm_desktop.services.complaints import ComplaintService
    from crm_desktop.ui.shell.tasks import TaskRunner

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _t(text: str) -> str:
    return QCoreApplication.translate("complaints", text)


class ComplaintDetails(QLabel):
    """Below the table: the selected complaint in full: what the customer said, and how it ended."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDetails")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        self.show_row(None)

    def show_row(self, r: ComplaintRow | None) -> None:
        if r is None:
            self.setText(translate("complaints", "Select a complaint to see it in full."))
            return
        head = translate("complaints", "Complaint {number} · {status} · {customer}").format(
            number=r.number, status=label(r.status), customer=r.customer_name)
        lines = [head, r.description.strip()]
        outcome = outcome_text(r)
        if outcome:
            lines.append(outcome)
        self.setText("\n".join(line for line in lines if line))


class _ActionBar(QWidget):
    """Buttons for the selected complaint: its next statuses, Edit and (on the page) Open customer."""

    transition_requested = Signal(object, str)  # ComplaintRow, target status
    edit_requested = Signal(object)
    row_changed = Signal(object)  # the selected ComplaintRow, or None

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.row: ComplaintRow | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key in ("acknowledged", "in_progress", "resolved", "closed", "reopen"):
            b = QPushButton(_t(ACTION_TEXTS[key]), self)
            b.setObjectName(f"complaint_{key}")
            b.clicked.connect(lambda _c=False, key=key: self._clicked(key))
            lay.addWidget(b)
            self.buttons[key] = b
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("complaint_edit")
        self.edit_button.clicked.connect(self._edit_clicked)
        lay.addWidget(self.edit_button)
        self.extra = lay
        self.set_row(None)

    def _edit_clicked(self) -> None:
        if self.row is not None:
            self.edit_requested.emit(self.row)

    def _clicked(self, key: str) -> None:
        if self.row is not None:
            self.transition_requested.emit(self.row, d.IN_PROGRESS if key == "reopen" else key)

    def set_row(self, row: ComplaintRow | None) -> None:
        self.row = row
        allowed = d.next_statuses(row.status) if row else ()
        for key, b in self.buttons.items():
            if key == "reopen":
                b.setEnabled(row is not None and row.status in d.DONE_STATUSES)
            elif key == "in_progress":
                b.setEnabled(row is not None and row.status in d.OPEN_STATUSES and key in allowed)
            else:
                b.setEnabled(key in allowed)
        self.edit_button.setEnabled(row is not None)
        self.row_changed.emit(row)


class _SelectsComplaints:
    """Selecting a complaint by id in ``self.view`` over ``self.model``, now or after the next load."""

    model: ComplaintTableModel
    view: QTableView
    action_bar: _ActionBar
    _select_after: str | None

    def select_later(self, complaint_id: str) -> None:
        """Select *complaint_id* once the next refresh has loaded (if it is shown)."""
        self._select_after = complaint_id

    def select(self, complaint_id: str) -> bool:
        row = self.model.row_of(complaint_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))
        return True


class ComplaintsPanel(_SelectsComplaints, QWidget):
    """The Complaints page: filters, the table, actions on the selected complaint.

    ``service``: the ComplaintService; ``runner``: the TaskRunner; ``now``: the clock.
    """

    open_requested = Signal(object)  # ComplaintRow (double-click / Open customer)
    transition_requested = Signal(object, str)
    edit_requested = Signal(object)
    loaded = Signal(int)  # rows shown after a filter change

    PERIODS = ((None, QT_TRANSLATE_NOOP("complaints", "Any time")),
               (7, QT_TRANSLATE_NOOP("complaints", "Last 7 days")),
               (30, QT_TRANSLATE_NOOP("complaints", "Last 30 days")),
               (90, QT_TRANSLATE_NOOP("complaints", "Last 90 days")),
               (365, QT_TRANSLATE_NOOP("complaints", "Last 12 months")))

    def __init__(self, service: ComplaintService, runner: TaskRunner, now: Callable[[], datetime],
                 user: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaints_panel")
        self.service = service
        self.runner = runner
        self.now = now
        self.user = user
        self.loading = False
        self._generation = 0
        self._select_after: str | None = None

        self.status_box = QComboBox(self)
        self.status_box.setObjectName("complaintStatusFilter")
        self.status_box.addItem(self.tr("Open"), "open")
        self.status_box.addItem(self.tr("All statuses"), "all")
        for s in d.STATUSES:
            self.status_box.addItem(label(s), s)
        self.due_box = QComboBox(self)
        self.due_box.addItem(self.tr("Any deadline"), "any")
        self.due_box.addItem(self.tr("Overdue"), "overdue")
        self.due_box.addItem(self.tr("Overdue or due soon"), "attention")
        self._wanted_owner: list[str | None] = []  # an owner to pick once the choices hold them
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("complaintsOwner")
        self.category_box = QComboBox(self)
        self.severity_box = QComboBox(self)
        self.severity_box.addItem(self.tr("All severities"), None)
        for s in reversed(d.SEVERITIES):
            self.severity_box.addItem(severity_label(s), s)
        self.period_box = QComboBox(self)
        for days, text in self.PERIODS:
            self.period_box.addItem(_t(text), days)
        self.search = QLineEdit(self)
        self.search.setObjectName("complaintSearch")
        self.search.setPlaceholderText(self.tr("Customer, number or words…"))
        self.search.setClearButtonEnabled(True)
        self.set_choices([], list(d.DEFAULT_CATEGORIES))

        filters = QHBoxLayout()
        for w in (self.status_box, self.due_box, self.owner_box, self.category_box, self.severity_box,
                  self.period_box):
            filters.addWidget(w)
            w.currentIndexChanged.connect(self.refresh)
        filters.addWidget(self.search, 1)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)

        self.model = ComplaintTableModel(now, self)
        self.model.sort_requested.connect(self.refresh)
        self.view = make_table(self, self.model)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.action_bar.set_row(self.current_row()))

        self.action_bar = _ActionBar(self)
        self.action_bar.transition_requested.connect(self.transition_requested)
        self.action_bar.edit_requested.connect(self.edit_requested)
        self.open_button = QPushButton(self.tr("Open customer"), self)
        self.open_button.setObjectName("complaintOpenCustomer")
        self.open_button.clicked.connect(self._open_current)
        self.action_bar.extra.addWidget(self.open_button)
        self.action_bar.extra.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("complaintCount")
        self.action_bar.extra.addWidget(self.count_label)
        self.details = ComplaintDetails(self)
        self.action_bar.row_changed.connect(self._row_changed)
        self._row_changed(None)

        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.action_bar)

    # --- filters -----------------------------------------------------------------
    def show_whose(self, whose: str | None) -> None:
        """The window's switch moved: show *whose* complaints (a name: mine or a colleague's; None: all)."""
        self.prefer_owner(whose)
        self.refresh()

    def prefer_owner(self, whose: str | None) -> None:
        """Pick *whose* in the owner filter now, or as soon as the choices hold them (no reload)."""
        self._wanted_owner = [whose]
        self._pick_owner()

    def _pick_owner(self) -> None:
        if not self._wanted_owner:
            return
        whose = self._wanted_owner[0]
        key = person_key(whose)
        i = next((n for n in range(self.owner_box.count())
                  if (whose is None and self.owner_box.itemData(n) is None)
                  or (whose is not None and person_key(self.owner_box.itemData(n)) == key)), -1)
        self.owner_box.blockSignals(True)
        if i < 0 and whose is not None:  # nobody's complaints under that name yet: a choice for them all the same
            self.owner_box.addItem(whose, whose)
            i = self.owner_box.count() - 1
        if i >= 0:
            self.owner_box.setCurrentIndex(i)
            self._wanted_owner = []
        self.owner_box.blockSignals(False)

    def set_choices(self, owners: list[str], categories: list[str]) -> None:
        """Refill the owner and category choices, keeping the current picks."""
        for box, blocked in ((self.owner_box, True), (self.category_box, True)):
            box.blockSignals(blocked)
        owner, category = self.owner_box.currentData(), self.category_box.currentData()
        self.owner_box.clear()
        self.owner_box.addItem(self.tr("Everyone"), None)
        me = self.user()
        if me:
            self.owner_box.addItem(self.tr("Mine"), me)
        seen = {person_key(me)}
        for o in owners:
            if person_key(o) not in seen:  # one entry per person, not per spelling
                seen.add(person_key(o))
                self.owner_box.addItem(o, o)
        self.category_box.clear()
        self.category_box.addItem(self.tr("All categories"), None)
        for c in categories:
            self.category_box.addItem(label(c), c)
        for box, value in ((self.owner_box, owner), (self.category_box, category)):
            i = box.findData(value)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)
        self._pick_owner()

    def current_filter(self) -> ComplaintFilter:
        days = self.period_box.currentData()
        after = self.now() - timedelta(days=days) if days else None
        return ComplaintFilter(status=self.status_box.currentData(), due=self.due_box.currentData(),
                               owner=self.owner_box.currentData(), category=self.category_box.currentData(),
                               severity=self.severity_box.currentData(), opened_after=after,
                               text=self.search.text().strip())

    # --- loading -----------------------------------------------------------------
    def refresh(self, *_args: object, select: str | None = None) -> None:
        """Ask the service for the rows the filters let through (on the worker)."""
        if select:
            self._select_after = select
        elif self._select_after is None and (current := self.current_row()) is not None:
            self._select_after = current.id
        self._generation += 1
        gen = self._generation
        f, now, svc, order = self.current_filter(), self.now(), self.service, self.model.sorted_rows
        self.loading = True
        self.runner.run(lambda: order(svc.query(f, now)), lambda rows: self._show(gen, rows),
                        lambda exc: self._failed(gen))

    def _show(self, gen: int, rows: list[ComplaintRow]) -> None:
        if gen != self._generation:
            return
        self.loading = False
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n complaint(s)", "", len(rows)))
        want, self._select_after = self._select_after, None
        if want:
            self.select(want)
        self.loaded.emit(len(rows))

    def _failed(self, gen: int) -> None:
        if gen == self._generation:
            self.loading = False
            self.model.set_rows([])
            self.count_label.setText(self.tr("The complaints could not be read."))

    # --- selection ---------------------------------------------------------------
    def current_row(self) -> ComplaintRow | None:
        idx = self.view.currentIndex()
        return self.model.row_data(idx.row()) if idx.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.action_bar.set_row(self.model.row_data(current.row()) if current.isValid() else None)

    def _open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_requested.emit(row)

    def _double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_data(index.row())
        if row is not None:
            self.open_requested.emit(row)

    def _row_changed(self, row: ComplaintRow | None) -> None:
        self.open_button.setEnabled(row is not None)
        self.details.show_row(row)


class CustomerComplaintsTab(_SelectsComplaints, QWidget):
    """The selected customer's complaints (tab beside the card), newest first, with actions."""

    new_requested = Signal(str)  # customer id
    transition_requested = Signal(object, str)
    edit_requested = Signal(object)
    loaded = Signal(int)

    def __init__(self, service: ComplaintService, runner: TaskRunner, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_complaints")
        self.service = service
        self.runner = runner
        self.customer_id: str | None = None
        self.loading = False
        self._generation = 0
        self._select_after: str | None = None
        self.model = ComplaintTableModel(now, self, show_customer=False)
        self.model.sort_requested.connect(self.refresh)
        self.view = make_table(self, self.model)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.action_bar.set_row(self.model.row_data(cur.row()) if cur.isValid() else None))
        self.view.doubleClicked.connect(lambda idx: self.edit_requested.emit(self.model.row_data(idx.row())))
        self.model.modelReset.connect(lambda: self.action_bar.set_row(self.current_row()))
        self.new_button = QPushButton(self.tr("New complaint…"), self)
        self.new_button.setObjectName("customerNewComplaint")
        self.new_button.clicked.connect(self._new_clicked)
        self.action_bar = _ActionBar(self)
        self.action_bar.transition_requested.connect(self.transition_requested)
        self.action_bar.edit_requested.connect(self.edit_requested)
        self.action_bar.extra.addStretch(1)
        self.details = ComplaintDetails(self)
        self.action_bar.row_changed.connect(self.details.show_row)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.action_bar)
        self.set_customer(None)

    def _new_clicked(self) -> None:
        if self.customer_id:
            self.new_requested.emit(self.customer_id)

    def set_customer(self, customer_id: str | None, select: str | None = None) -> None:
        self.customer_id = customer_id
        self._select_after = select
        self.new_button.setEnabled(bool(customer_id))
        self.refresh()

    def refresh(self, *_args: object) -> None:
        self._generation += 1
        gen, cid, svc = self._generation, self.customer_id, self.service
        if self._select_after is None and (current := self.current_row()) is not None:
            self._select_after = current.id
        if not cid:
            self.model.set_rows([])
            return
        self.loading = True
        order = self.model.sorted_rows
        self.runner.run(lambda: order(svc.for_customer(cid)), lambda rows: self._show(gen, rows),
                        lambda exc: self._show(gen, []))

    def _show(self, gen: int, rows: list[ComplaintRow]) -> None:
        if gen != self._generation:
            return
        self.loading = False
        self.model.set_rows(rows)
        want, self._select_after = self._select_after, None
        if want:
            self.select(want)
        self.loaded.emit(len(rows))


    def current_row(self) -> ComplaintRow | None:
        idx = self.view.currentIndex()
        return self.model.row_data(idx.row()) if idx.isValid() else None
