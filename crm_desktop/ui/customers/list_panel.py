"""The customer list panel: search as you type, filters, sortable columns.

The search runs on the task runner (it grows with the data); only the newest
query's result is applied, so fast typing never shows stale rows.  A keystroke
is searched at once when no search is under way; while one is, only the newest
text is searched when it returns (no fixed delay: a person sees every
millisecond of one, and the worker never queues a search per keystroke).  The list
refreshes itself when a write changes customers, their contacts or tags
(:meth:`CustomerListPanel.data_changed`), and stops reading while the book's
file is swapped (:meth:`CustomerListPanel.set_busy`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.enums import CustomerKind
from crm_desktop.domain.models import CustomerQuery
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.customers.filters import FILTER_FIELDS, CustomerFiltersDialog, describe, only_filters
from crm_desktop.ui.customers.table_model import COLUMNS, MATCHED_COLUMN, SORT_KEYS, CustomerTableModel
from crm_desktop.ui.shell.labels import error_text, label

SETTLE_MS = 250
"""After a typed search, the first result becomes the window's current customer once typing pauses this long."""
SEARCH_DELAY_MS = 0
"""A keystroke's search starts once the events already queued are handled (an input method's commit and the
text change it causes are searched once), not after a pause (a fixed 120 ms was most of what a person waited
for on 100k customers): see the module docstring."""


class CustomerTableView(QTableView):
    """Table that opens the current customer on Enter and deletes on Del."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class CustomerListPanel(QWidget):
    """Search box, filters and the list.  Emits the selected customer's id."""

    current_changed = Signal(object)  # str | None
    open_requested = Signal(str)
    delete_requested = Signal(str)
    searched = Signal(int)  # number of customers shown, after each search
    call_requested = Signal()  # "Call these customers": a call session through the customers shown

    def __init__(self, service: Any, runner: Any, user_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.user_name = user_name
        self._generation = 0
        self._in_flight: int | None = None
        """The generation of the search on the worker, until it returns."""
        self._typed_meanwhile = False
        """The search text changed while a search was under way: search the newest text when it returns."""
        self._pending_select: str | None = None
        self._typed = False
        """The box's text changed since the last search started."""
        self._typed_search: int | None = None
        """The generation of the newest search started by typing in the box (not a filter, a sort or a write)."""
        self._typing = False
        """The current row is being moved to a typed search's first result (see _current_row_changed)."""
        self.keep_current: Callable[[], str | None] | None = None
        """The id to keep selected across searches (the window's current customer)."""
        self._open_after_search = False
        self._busy = False
        self._refresh_wanted = False
        """A refresh asked for while busy: run when the swap is over."""
        self._only: frozenset[str] | None = None
        """Only these customers (a dashboard bar's), or None."""
        self.subset_title = ""
        """What the subset is called (a dashboard bar's name), while there is one."""
        self._filters = CustomerQuery()
        """The filters set in Filters… (see :data:`~crm_desktop.ui.customers.filters.FILTER_FIELDS`)."""
        self.last_dialog: CustomerFiltersDialog | None = None
        self._build_filters()
        self._build_view(service)

        # the search box shares its row only with the two buttons: beside four filters it shrank to a few
        # letters on a laptop, and five widgets after the filters did not fit the list's half of the screen
        self.search_row = QHBoxLayout()
        self.search_row.addWidget(self.search, 1)
        self.search_row.addWidget(self.more_filters)
        self.filter_row = QHBoxLayout()
        for combo in (self.kind, self.owner, self.tag, self.dnc):
            self.filter_row.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.search_row)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.subset_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._connect()
        self._fill_owner_and_tags([], [])

    def _build_filters(self) -> None:
        """The search box and the kind, owner, tag and do-not-contact filters."""
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Search name, pinyin (zw), company, phone, e-mail…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), None)
        for k in CustomerKind:
            self.kind.addItem(label(k), k)
        self.owner = QComboBox(self)
        self.tag = QComboBox(self)
        self.dnc = QComboBox(self)
        self.dnc.addItem(self.tr("Contact: all"), None)  # short: the combo shows about 12 characters at 1366 px
        self.dnc.addItem(self.tr("May contact"), False)
        self.dnc.addItem(self.tr("Do not contact"), True)
        self.dnc.setToolTip(self.tr("Show everyone, only customers who may be contacted, or only those who opted "
                                    "out of direct marketing"))
        for combo, name in ((self.kind, "filterKind"), (self.owner, "filterOwner"), (self.tag, "filterTag"),
                            (self.dnc, "filterDoNotContact")):
            combo.setObjectName(name)
            # sized to a short text, not the longest entry: the search box keeps its room on a small screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        # tool buttons (narrower than push buttons): the filter row must fit a laptop's half screen
        self.more_filters = QToolButton(self)
        self.more_filters.setText(self.tr("Filters…"))
        self.more_filters.setObjectName("customerFiltersButton")
        self.more_filters.setToolTip(self.tr("Filter by segment, decile, lifecycle, relationship stage, industry "
                                             "or days since the last contact"))
        self.more_filters.clicked.connect(self.ask_filters)
        self.count = QLabel(self)
        self.count.setObjectName("customerCount")
        # the filters set in Filters…, in words, with the way to clear them
        self.filter_bar = QWidget(self)
        self.filter_label = QLabel(self.filter_bar)
        self.filter_label.setObjectName("customerFilters")
        self.filter_label.setWordWrap(True)
        self.filter_clear = QPushButton(self.tr("Clear filters"), self.filter_bar)
        self.filter_clear.setObjectName("customerFiltersClear")
        self.filter_clear.clicked.connect(lambda: self.set_filters(CustomerQuery()))
        fbar = QHBoxLayout(self.filter_bar)
        fbar.setContentsMargins(0, 0, 0, 0)
        fbar.addWidget(self.filter_label, 1)
        fbar.addWidget(self.filter_clear)
        self.filter_bar.setVisible(False)
        # "only the customers behind a dashboard bar", with the way back to everyone
        self.subset_bar = QWidget(self)
        self.subset_label = QLabel(self.subset_bar)
        self.subset_label.setObjectName("customerSubset")
        self.subset_label.setWordWrap(True)
        self.subset_clear = QPushButton(self.tr("Show everyone"), self.subset_bar)
        self.subset_clear.setObjectName("customerSubsetClear")
        self.subset_clear.clicked.connect(lambda: self.show_only(None))
        self.subset_call = QPushButton(self.tr("Call these customers"), self.subset_bar)
        self.subset_call.setObjectName("customerSubsetCall")
        self.subset_call.setToolTip(self.tr("A call session through the customers shown, in today's calls"))
        self.subset_call.clicked.connect(lambda: self.call_requested.emit())
        bar = QHBoxLayout(self.subset_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.subset_label, 1)
        bar.addWidget(self.subset_call)
        bar.addWidget(self.subset_clear)
        self.subset_bar.setVisible(False)

    def _build_view(self, service: Any) -> None:
        self.model = CustomerTableModel(service.rows, format_phone, self)
        self._sort = ("relevance", False)
        self.view = CustomerTableView(self)
        self.view.setObjectName("customerTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl-click and Ctrl+A select several customers (Customer ▸ Change selected…)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setAlternatingRowColors(True)
        for col, width in enumerate((190, 170, 80, 120, 180, 80, 130, 90)):
            self.view.setColumnWidth(col, width)

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._open_first)
        for combo in (self.kind, self.owner, self.tag, self.dnc):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model.sort_requested.connect(self._on_sort)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(lambda: self.current_changed.emit(self.current_id()))
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.doubleClicked.connect(lambda idx: self._emit_open(idx.row()))
        self.view.open_requested.connect(lambda: self._emit_open(self.view.currentIndex().row()))
        self.view.delete_requested.connect(self._emit_delete)

    # --- filters -----------------------------------------------------------------
    def _fill_owner_and_tags(self, owners: list[str], tags: list[str]) -> None:
        cur_owner, cur_tag = self.owner.currentData(), self.tag.currentData()
        for combo in (self.owner, self.tag):
            combo.blockSignals(True)
            combo.clear()
        self.owner.addItem(self.tr("All owners"), None)
        if self.user_name:
            self.owner.addItem(self.tr("Mine ({name})").format(name=self.user_name), self.user_name)
        for o in owners:
            if o != self.user_name:
                self.owner.addItem(o, o)
        self.tag.addItem(self.tr("All tags"), None)
        for t in tags:
            self.tag.addItem(t, t)
        for combo, cur in ((self.owner, cur_owner), (self.tag, cur_tag)):
            i = combo.findData(cur)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

    def show_only(self, ids: list[str] | None, title: str = "") -> None:
        """List only the customers *ids* (those behind a dashboard bar, named *title*), in the list's own
        order and with its other filters; None shows everyone again."""
        self._only = None if ids is None else frozenset(ids)
        self.subset_title = title if ids is not None else ""
        self.subset_label.setText(self.tr("Showing only: {what}").format(what=title))
        self.subset_bar.setVisible(ids is not None)
        self.refresh()

    def ask_filters(self) -> None:
        """Filters…: the dialog of the less common filters (the industries are read on the worker first)."""
        if self._busy:
            return
        svc = self.service

        def opened(industries: list[str]) -> None:
            dialog = CustomerFiltersDialog(self._filters, industries, self)
            self.last_dialog = dialog
            if dialog.exec():
                self.set_filters(dialog.query())

        self.runner.run(svc.industries, opened, self._failed, urgent=True)

    def set_filters(self, filters: CustomerQuery) -> None:
        """Apply the Filters… part of *filters* (the rest of it is ignored) and search again."""
        self._show_filters(filters)
        self.refresh()

    def _show_filters(self, filters: CustomerQuery) -> None:
        self._filters = only_filters(filters)
        text = describe(self._filters)
        self.filter_label.setText(self.tr("Filters: {what}").format(what=text))
        self.filter_bar.setVisible(bool(text))

    def set_query(self, query: CustomerQuery) -> None:
        """Show exactly *query* (a saved view): its search text, every filter and its order; then search."""
        self.clear_filters()
        for combo, value in ((self.kind, query.kind), (self.owner, query.owner), (self.tag, query.tag),
                             (self.dnc, query.do_not_contact)):
            combo.blockSignals(True)
            i = combo.findData(value)
            if i < 0 and isinstance(value, str):  # an owner or tag not loaded (yet): offered all the same
                combo.addItem(value, value)
                i = combo.count() - 1
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(query.text)
        self.search.blockSignals(False)
        self._show_filters(query)
        self._sort = (query.sort, query.descending)
        column = next((i for i, c in enumerate(COLUMNS) if SORT_KEYS.get(c) == query.sort), 0)
        header = self.view.horizontalHeader()
        header.blockSignals(True)  # the model would be asked to sort, and search again
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if query.descending and column
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        header.viewport().update()
        self.refresh()

    def clear_filters(self) -> None:
        """Show everyone: empty search, all kinds/owners/tags, no Filters…."""
        self._only = None
        self.subset_bar.setVisible(False)
        self._show_filters(CustomerQuery())
        for combo in (self.kind, self.owner, self.tag, self.dnc):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    def reload_filters(self) -> None:
        """Fetch owners and tags (off the UI thread) for the filter boxes."""
        if self._busy:
            return
        svc = self.service
        self.runner.run(lambda: (svc.owners(), svc.tags()), lambda r: self._fill_owner_and_tags(*r))

    def query(self) -> CustomerQuery:
        return CustomerQuery(
            text=self.search.text(), kind=self.kind.currentData(), owner=self.owner.currentData(),
            tag=self.tag.currentData(), do_not_contact=self.dnc.currentData(),
            sort=self._sort[0], descending=self._sort[1], ids=self._only,
            **{f: getattr(self._filters, f) for f in FILTER_FIELDS},
        )

    # --- searching ---------------------------------------------------------------
    def data_changed(self, changes: Changes) -> None:
        """A write: search again when it changed customers, contacts or tags, or logged contacts while the list
        is filtered or sorted by them (otherwise their rows are only repainted); refill the owner and tag
        filters when it changed customers, tags or who "mine" is."""
        if changes.touches(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG):
            for cid in changes.customers or ():
                self.model.refresh_row(cid)  # repainted as saved at once, before the new search is back
            self.refresh()
        elif changes.touches(Kind.INTERACTION):
            for cid in changes.customers or ():
                self.model.refresh_row(cid)  # its last contact and next step
            if changes.customers is None or not changes.customers:
                self.model.reload()  # many customers: every cached page read again
            query = self.query()
            if query.quiet_days is not None or query.sort in ("last_contact", "next_due"):
                self.refresh()  # who is listed, or their order, depends on the contacts
        if changes.touches(Kind.CUSTOMER, Kind.TAG, Kind.PERSON):
            self.reload_filters()

    def set_busy(self, busy: bool) -> None:
        """*busy*: the book's file is being swapped — no searches, rows show as loading; afterwards the search
        asked for meanwhile runs."""
        self._busy = busy
        self.model.set_busy(busy)
        if busy:
            self._timer.stop()
            self.count.setText(self.tr("Loading…"))
        elif self._refresh_wanted:
            self._refresh_wanted = False
            self.refresh(self._pending_select)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Say which customer is current: at once for a click or a key in the list; for the first row of a
        search typed in the box only once typing pauses (:data:`SETTLE_MS`), so the card's reads do not hold
        up the next keystroke's search on the worker."""
        if self._typing:
            self._settle.start()
            return
        self._settle.stop()
        self.current_changed.emit(self.model.id_at(current.row()))

    def _text_changed(self, _text: str) -> None:
        """A keystroke: search now, or — while a search is under way — once it returns (see the module)."""
        self._typed = True
        if self._in_flight is not None:
            self._timer.stop()
            self._typed_meanwhile = True
        else:
            self._timer.start()

    def refresh(self, select: str | None = None) -> None:
        """Re-run the search; keep (or move to) the selected customer."""
        self._timer.stop()
        self._typed_meanwhile = False
        if self._busy:
            self._refresh_wanted = True
            self._pending_select = select or self._pending_select
            return
        self._generation += 1
        if self._typed:
            self._typed_search, self._typed = self._generation, False
        generation = self._generation
        self._pending_select = select or (self.keep_current() if self.keep_current else None) or self.current_id()
        query = self.query()
        svc = self.service
        self._in_flight = generation
        self.runner.run(lambda: svc.search(query), lambda ids: self._apply(generation, ids),
                        lambda exc: self._failed(exc, generation), urgent=True)

    def _returned(self, generation: int) -> bool:
        """The search of *generation* is back: whether its result is the one to show (else a newer search is
        under way, or is started now for what was typed meanwhile)."""
        if generation == self._in_flight:
            self._in_flight = None
            if self._typed_meanwhile:
                self.refresh(self._pending_select)
                return False
        return generation == self._generation

    def _apply(self, generation: int, ids: list[str]) -> None:
        if not self._returned(generation):
            return  # a newer search is under way
        text = self.search.text().strip()
        self.model.set_ids(ids, text)
        self.view.setColumnHidden(MATCHED_COLUMN, not text)
        self.count.setText(self.tr("%n customer(s)", "", len(ids)))
        self._typing = generation == self._typed_search and not self._open_after_search
        try:
            if not (self._pending_select and self.select(self._pending_select)) and ids:
                self.view.selectRow(0)
        finally:
            self._typing = False
        self.searched.emit(len(ids))
        if self._open_after_search:
            self._open_after_search = False
            self._open_first()

    def _failed(self, exc: BaseException, generation: int | None = None) -> None:
        if generation is not None and not self._returned(generation):
            return  # a newer search is under way
        self.count.setText(error_text(exc))

    def _on_sort(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.refresh()

    # --- selection ---------------------------------------------------------------
    def current_id(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.id_at(idx.row()) if idx.isValid() else None

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows, in list order (read from the selection's ranges: Ctrl+A over 100k rows
        makes no index per row)."""
        ids = self.model.ids()
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        for k in range(selection.size()):
            r = selection.at(k)
            rows.update(range(r.top(), r.bottom() + 1))
        return [ids[i] for i in sorted(rows) if i < len(ids)]

    def select(self, customer_id: str) -> bool:
        row = self.model.row_of(customer_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        """No row selected (the current customer is not in this list)."""
        self.view.selectionModel().clearCurrentIndex()
        self.view.clearSelection()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open_first(self) -> None:
        """Enter in the search box: the first result's card (after the pending search, if any)."""
        if self._timer.isActive() or self._in_flight is not None:
            self._open_after_search = True
            if self._in_flight is None:
                self.refresh()
            return
        if self.model.rowCount():
            self.view.selectRow(0)
            self.view.setFocus()
            self._emit_open(0)

    def _emit_open(self, row: int) -> None:
        cid = self.model.id_at(row)
        if cid:
            self.open_requested.emit(cid)

    def _emit_delete(self) -> None:
        cid = self.current_id()
        if cid:
            self.delete_requested.emit(cid)
