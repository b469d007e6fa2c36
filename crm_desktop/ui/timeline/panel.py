"""The customer timeline tab: contacts, orders, complaint events and stage, newest first.

:class:`TimelineModel` pages with ``canFetchMore``/``fetchMore``: the view
asks for more as the user scrolls, each page is loaded on the task runner
(keyset paging in SQL, see :mod:`crm_desktop.db.timeline`) and appended, so a
customer with 10,000 entries opens as fast as one with ten.  Loads for a
customer who is no longer shown are dropped (generation counter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.deals import STAGE_NAMES
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.complaints import stored_text
from crm_desktop.services.orders import format_amount
from crm_desktop.services.timeline import ALL_KINDS, TimelineEntry, TimelinePage
from crm_desktop.ui.shell.labels import error_text, label

if TYPE_CHECKING:
    from crm_desktop.ui.shell.tasks import TaskRunner

_ROOT = QModelIndex()  # the invisible root, default parent of a flat model (one shared value, B008)

Cursor = tuple[str, str] | None
PageLoader = Callable[[str, frozenset[str], Cursor], TimelinePage]
"""``loader(customer_id, kinds, cursor)``: one page of a customer's timeline."""

KIND_LABELS = {
    "interaction": QT_TRANSLATE_NOOP("timeline", "Contact"),
    "order": QT_TRANSLATE_NOOP("timeline", "Order"),
    "complaint": QT_TRANSLATE_NOOP("timeline", "Complaint"),
    "deal": QT_TRANSLATE_NOOP("timeline", "Deal"),
    "quote": QT_TRANSLATE_NOOP("timeline", "Quote"),
    "stage": QT_TRANSLATE_NOOP("timeline", "Stage"),
}
FILTER_LABELS = {
    "interaction": QT_TRANSLATE_NOOP("timeline", "Contacts"),
    "order": QT_TRANSLATE_NOOP("timeline", "Orders"),
    "complaint": QT_TRANSLATE_NOOP("timeline", "Complaints"),
    "deal": QT_TRANSLATE_NOOP("timeline", "Deals"),
    "stage": QT_TRANSLATE_NOOP("timeline", "Stage"),
}
KIND_COLORS = {"interaction": "#1565c0", "order": "#2e7d32", "complaint": "#c62828", "deal": "#ef6c00",
               "quote": "#ef6c00", "stage": "#6a1b9a"}


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline", text)


def describe(e: TimelineEntry) -> tuple[str, str, str]:
    """(details, result, next step) texts of an entry, translated."""
    if e.kind == "interaction":
        head = " · ".join(x for x in (label(e.channel), label(e.direction)) if x)
        body, step = e.body, e.next_step
        if e.complaint_id:  # the satisfaction call: its texts were written by the app, perhaps in English
            body, step = stored_text(body, translate), stored_text(step, translate)
        details = translate("timeline", "{how}: {summary}").format(how=head, summary=body) if body else head
        nxt = ""
        if step:
            due = e.next_due_at.astimezone().strftime("%Y-%m-%d %H:%M") if e.next_due_at else ""
            nxt = translate("timeline", "{step} (due {due})").format(step=step, due=due)
            if e.next_done:
                nxt = translate("timeline", "{step} — done").format(step=step)
        return details, label(e.outcome), nxt
    if e.kind == "order":
        return e.body, format_amount(e.amount_minor or 0, e.currency or "CNY"), ""
    if e.kind == "complaint":
        change = label(e.outcome) if not e.from_status else f"{label(e.from_status)} → {label(e.outcome)}"
        if e.satisfaction is not None and e.status_now in ("resolved", "closed"):
            change = translate("timeline", "{change} ({score}/5)").format(change=change, score=e.satisfaction)
        return complaint_details(e), change, ""
    if e.kind == "deal":
        to = deal_stage_label(e.outcome)
        change = to if not e.from_status else f"{deal_stage_label(e.from_status)} → {to}"
        return translate("timeline", "Deal “{title}”: {change}").format(title=e.body, change=change), \
            format_amount(e.amount_minor or 0, e.currency or "CNY"), ""
    if e.kind == "quote":
        details = translate("timeline", "Quote v{version} · {amount} · “{title}”").format(
            version=e.outcome, amount=format_amount(e.amount_minor or 0, e.currency or "CNY"), title=e.body)
        return details, translate("timeline", "Sent") if e.from_status == "sent" else "", ""
    if e.derived:
        stage = translate("timeline", "Relationship stage: {stage} (current stage since this date)")
        return stage.format(stage=label(e.stage)), "", ""
    to = label(e.stage) if e.stage else translate("timeline", "none")
    change = to if not e.from_status else f"{label(e.from_status)} → {to}"
    return translate("timeline", "Relationship stage: {change}").format(change=change), "", ""


def deal_stage_label(key: str | None) -> str:
    """A deal stage as the timeline has it: a default stage's key in the reader's language, else its name."""
    if not key:
        return ""
    default = STAGE_NAMES.get(key)
    return translate("deals", default) if default else key


def complaint_outcome(status: str | None, resolution: str, satisfaction: int | None) -> str:
    """How a resolved or closed complaint ended, in words: its resolution and the customer's score."""
    if status not in ("resolved", "closed"):
        return ""
    parts = []
    if resolution:
        parts.append(translate("timeline", "Resolution: {text}").format(text=resolution))
    if satisfaction is not None:
        parts.append(translate("timeline", "Satisfaction: {score}/5").format(score=satisfaction))
    return translate("timeline", "; ").join(parts)


def complaint_details(e: TimelineEntry) -> str:
    """A complaint event's note (or the complaint's description); on its newest event, how it ended."""
    body = stored_text(e.body, translate)
    outcome = complaint_outcome(e.status_now, e.resolution, e.satisfaction)
    if not outcome:
        return body
    if e.status_now != e.outcome:  # a book where the closing left no event of its own (imports, the demo)
        outcome = translate("timeline", "{status}: {outcome}").format(status=label(e.status_now), outcome=outcome)
    # how it ended first: the column is narrow, and the description below it is on the complaint's first line
    return translate("timeline", "{outcome} — {note}").format(note=body, outcome=outcome) if body else outcome


class TimelineModel(QAbstractTableModel):
    """Timeline rows of one customer, loaded a page at a time.

    ``loader(customer_id, kinds, cursor) -> TimelinePage`` reads a page; with a
    ``runner`` it runs on the worker thread, without one it runs inline (tests).
    """

    loaded = Signal(int)  # rows now held
    failed = Signal(str)

    COLUMNS = (QT_TRANSLATE_NOOP("timeline", "When"), QT_TRANSLATE_NOOP("timeline", "Kind"),
               QT_TRANSLATE_NOOP("timeline", "Details"), QT_TRANSLATE_NOOP("timeline", "Result"),
               QT_TRANSLATE_NOOP("timeline", "Next step"))

    def __init__(self, loader: PageLoader, runner: TaskRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.runner = runner
        self.customer_id: str | None = None
        self.kinds: frozenset[str] = frozenset(ALL_KINDS)
        self.entries: list[TimelineEntry] = []
        self._cursor: Cursor = None
        self._has_more = False
        self._loading = False
        self._generation = 0

    # --- Qt model ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return e.at.astimezone().strftime("%Y-%m-%d %H:%M")
            if col == 1:
                return _tr(KIND_LABELS[e.kind])
            details, result, nxt = describe(e)
            text = (details, result, nxt)[col - 2]
            if role == Qt.ItemDataRole.DisplayRole:
                text = text.replace("\n", " ")
            return text
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor(KIND_COLORS[e.kind]))
        if role == Qt.ItemDataRole.UserRole:
            return e
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._load()

    # --- loading -----------------------------------------------------------------
    def set_customer(self, customer_id: str | None, kinds: Iterable[str] | None = None) -> None:
        """Show *customer_id* (None: nothing) with the given kinds; loads the first page."""
        self._generation += 1
        self.beginResetModel()
        self.customer_id = customer_id
        if kinds is not None:
            self.kinds = frozenset(kinds)
        self.entries = []
        self._cursor = None
        self._has_more = False
        self._loading = False
        self.endResetModel()
        if customer_id:
            self._load()

    def reload(self) -> None:
        self.set_customer(self.customer_id)

    def _load(self) -> None:
        gen = self._generation
        cid, kinds, cursor = self.customer_id, self.kinds, self._cursor
        assert cid is not None, "pages are loaded only for a shown customer"
        self._loading = True
        loader = self.loader

        def job() -> TimelinePage:
            return loader(cid, kinds, cursor)

        def done(page: TimelinePage) -> None:
            if gen != self._generation:
                return
            self._loading = False
            if page.entries:
                first = len(self.entries)
                self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
                self.entries.extend(page.entries)
                self.endInsertRows()
            self._cursor = page.cursor
            self._has_more = page.has_more
            self.loaded.emit(len(self.entries))

        def error(exc: BaseException) -> None:
            if gen == self._generation:
                self._loading = False
                self.failed.emit(error_text(exc))

        if self.runner is None:
            try:
                page = job()
            except Exception as exc:  # noqa: BLE001
                error(exc)
            else:
                done(page)
        else:
            self.runner.run(job, done, error)

    def entry(self, row: int) -> TimelineEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None


class TimelinePanel(QWidget):
    """The Timeline tab: kind filters, the paged table, and buttons that ask the feature to act."""

    log_requested = Signal(str)  # customer id
    order_requested = Signal(str)
    edit_requested = Signal(object)  # TimelineEntry
    delete_requested = Signal(object)

    def __init__(self, loader: PageLoader, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TimelineModel(loader, runner, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda idx: self._emit_edit(idx.row()))
        self.filters: dict[str, QCheckBox] = {}
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:"), self))
        for kind in ALL_KINDS:
            box = QCheckBox(_tr(FILTER_LABELS[kind]), self)
            box.setChecked(True)
            box.toggled.connect(self._filters_changed)
            self.filters[kind] = box
            filters.addWidget(box)
        filters.addStretch(1)
        self.log_button = QPushButton(self.tr("Log contact…"), self)
        self.order_button = QPushButton(self.tr("New order…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.log_button.clicked.connect(lambda: self._emit_for_customer(self.log_requested))
        self.order_button.clicked.connect(lambda: self._emit_for_customer(self.order_requested))
        self.edit_button.clicked.connect(lambda: self._emit_edit(self.view.currentIndex().row()))
        self.delete_button.clicked.connect(self._emit_delete)
        buttons = QHBoxLayout()
        for b in (self.log_button, self.order_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self.status.setText)
        self.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.set_customer(None)

    def kinds(self) -> set[str]:
        return {k for k, box in self.filters.items() if box.isChecked()}

    def set_customer(self, customer_id: str | None) -> None:
        self.model.set_customer(customer_id, self.kinds())
        if not customer_id:
            self.status.setText(self.tr("Pick a customer to see their timeline."))

    def _filters_changed(self) -> None:
        self.model.set_customer(self.model.customer_id, self.kinds())

    def _loaded(self, n: int) -> None:
        if n == 0:
            self.status.setText(self.tr("Nothing yet. Log a contact with Ctrl+L."))
        else:
            more = self.tr(" (scroll for more)") if self.model.canFetchMore() else ""
            self.status.setText(self.tr("%n entries", "", n) + more)
        self._update_buttons()

    def current_entry(self) -> TimelineEntry | None:
        return self.model.entry(self.view.currentIndex().row())

    def _update_buttons(self) -> None:
        has = bool(self.model.customer_id)
        self.log_button.setEnabled(has)
        self.order_button.setEnabled(has)
        e = self.current_entry()
        editable = e is not None and e.kind in ("interaction", "order")
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)

    def _emit_for_customer(self, signal: SignalInstance) -> None:
        if self.model.customer_id:
            signal.emit(self.model.customer_id)

    def _emit_edit(self, row: int) -> None:
        e = self.model.entry(row)
        if e is not None and e.kind in ("interaction", "order"):
            self.edit_requested.emit(e)

    def _emit_delete(self) -> None:
        e = self.current_entry()
        if e is not None and e.kind in ("interaction", "order"):
            self.delete_requested.emit(e)
