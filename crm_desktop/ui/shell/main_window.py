"""The main window: pages (Customers first), per-customer tabs, docks, menus — and what features may use.

Talks to the services only, and only through the task runner (``runner``): no
query or write runs on the UI thread (the one exception is the customer list's
model, which reads the page of rows being painted; see
:mod:`crm_desktop.ui.customers.table_model`).

**One current customer.**  The window holds the customer the person is working
on (:meth:`MainWindow.current_customer_id`): picked in the list, in the call
list, on the follow-ups or complaints page.  The card shows them, and Edit,
Delete, Log contact (Ctrl+L) and every Customer-menu action act on them.  A
search that no longer shows them moves the current customer to its first row.

**Features** plug in through :data:`FEATURES`: each listed module has an
``install(window)`` function that returns the feature's object (reached with
:meth:`MainWindow.feature`) and uses only the extension points declared here:

* places: a page (:meth:`add_page`, :meth:`show_page`, :meth:`set_page_title`),
  a tab beside the card (:meth:`add_customer_tab`), a line on the card
  (:meth:`add_card_header`), a dock (:meth:`add_dock`), the status bar
  (:meth:`add_status_widget`);
* actions by menu (:meth:`add_actions`: ``for_customer`` ones are enabled only
  with a current customer, ``toolbar`` ones show in the toolbar too);
* a closing hook (:meth:`add_closing_hook`);
* calls between features: :meth:`log_contact` (the timeline provides it with
  :meth:`provide_log_contact`; the call list uses it), :meth:`call_customers` (a call
  session: the call list provides it with :meth:`provide_call_session`), :meth:`open_customer`,
  :meth:`show_customers` (the list limited to some customers: a dashboard bar's);
* signals: :attr:`customer_changed` (the current customer),
  :attr:`customer_shown` (the card's detail), :attr:`data_changed` (a
  :class:`~crm_desktop.domain.changes.Changes`: what a write changed; every
  panel refreshes only when it touches what it shows).  A feature that writes
  calls :meth:`notify_changed`; a restore or a merge that swaps the book's file
  brackets its work with :meth:`data_replacing` / :meth:`data_replaced`.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.people import same_person
from crm_desktop.ui.customers.card import CustomerCard
from crm_desktop.ui.customers.list_panel import CustomerListPanel
from crm_desktop.ui.shell.books import ask_user_name, choose_book_to_open, choose_new_book
from crm_desktop.ui.shell.customer_editing import CustomerEditing
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.menus import MENUS, build_menus

FEATURES: tuple[str, ...] = (
    "crm_desktop.ui.exchange.feature",
    "crm_desktop.ui.backup.feature",
    "crm_desktop.ui.backup.conflicts",
    "crm_desktop.ui.hub.feature",
    "crm_desktop.ui.customers.pool",
    "crm_desktop.ui.privacy.feature",
    "crm_desktop.ui.calllist.feature",
    "crm_desktop.ui.timeline.feature",
    "crm_desktop.ui.complaints.feature",
    "crm_desktop.ui.bulk.feature",
    "crm_desktop.ui.insight.feature",
    "crm_desktop.ui.winback.feature",
    "crm_desktop.ui.customers.views",
    "crm_desktop.ui.deals.feature",
    "crm_desktop.ui.products.feature",
    "crm_desktop.ui.quotes.feature",
    "crm_desktop.ui.deals.lost_reasons",
)
"""Modules with an ``install(window)`` function returning the feature's object, installed in this order."""

SMALL_SCREEN = (1440, 900)
"""On a screen no larger than this (a 1366×768 laptop) the window starts maximized."""

CARD_KINDS = (Kind.CUSTOMER, Kind.CONTACT, Kind.TAG, Kind.SNOOZE)
"""What the card shows of the current customer."""

F = TypeVar("F")
LogContact = Callable[[str, Callable[[bool], None]], None]
"""``log(customer_id, then)``: open the log-a-contact dialog; ``then(logged)`` when it closes."""
CallSession = Callable[[list[str], str], None]
"""``call(ids, title)``: a call session through the customers *ids*, a set named *title*."""

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class MainWindow(CustomerEditing, QMainWindow):
    """``services``: a :class:`crm_desktop.services.Services`; ``runner``: the
    TaskRunner; ``settings``: AppSettings; ``db_label``: the open file, shown."""

    # made by crm_desktop.ui.shell.menus.build_menus
    menus: dict[str, QMenu]
    toolbar: QToolBar
    customer_actions: list[QAction]
    """Actions that need a current customer (enabled only while there is one)."""
    find_action: QAction
    new_action: QAction
    recent_menu: QMenu
    file_anchor: QAction

    language_change_requested = Signal(str)
    open_book_requested = Signal(str, bool)  # path, create
    customer_changed = Signal(object)  # the current customer's id, or None
    customer_shown = Signal(object)  # the CustomerDetail the card now shows, or None
    data_changed = Signal(object)  # a Changes: what a write changed
    whose_changed = Signal(object)  # whose customers the lists show: a salesperson's name, or None (the team's)
    user_renamed = Signal(str, str)  # my name changed: (old, new), both not empty and not one person

    def __init__(self, services: Any, runner: Any, settings: Any, db_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self.customers = services.customers
        self.runner = runner
        self.settings = settings
        self.db_label = db_label
        # the file name in the title; Qt adds the application's name after it
        self.setWindowFilePath(db_label)
        self.undo_stack = QUndoStack(self)
        self.last_dialog: Any = None
        self._current: str | None = None
        self.whose: str | None = self.settings.user_name or None
        """Whose customers today's calls, the follow-ups and the complaints show (None: the team's)."""
        self._closing_hooks: list[Callable[[], None]] = []
        self._rebuilding = False
        self._features: list[object] = []
        self._log_contact: LogContact | None = None
        self._call_session: CallSession | None = None
        self._card_generation = 0

        self._build_customers_page()
        self._build_status_bar()
        build_menus(self)
        self._connect()
        for module in FEATURES:
            self._features.append(importlib.import_module(module).install(self))
        self._update_customer_actions()

    def _build_customers_page(self) -> None:
        self.list_panel = CustomerListPanel(self.customers, self.runner, self.settings.user_name, self)
        self.card = CustomerCard(self.services.ctx.now, self)
        self.customer_tabs = QTabWidget(self)
        self.customer_tabs.setObjectName("customerTabs")
        self.customer_tabs.addTab(self.card, self.tr("Card"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("customersSplitter")
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.customer_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 420])
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, self.tr("Customers"))
        self.setCentralWidget(self.pages)
        self.splitter = splitter

    def _build_status_bar(self) -> None:
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.file_label.setText(self.db_label)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.runner.busy_changed.connect(self._show_busy)
        self.runner.progressed.connect(self._show_progress)

    def _connect(self) -> None:
        self.list_panel.keep_current = self.current_customer_id
        self.list_panel.current_changed.connect(self._list_picked)
        self.list_panel.open_requested.connect(self.show_card)
        self.list_panel.delete_requested.connect(self.delete_customer)
        self.list_panel.searched.connect(self._after_search)
        self.data_changed.connect(self.list_panel.data_changed)
        self.data_changed.connect(self._reload_card)
        self.card.edit_requested.connect(self.edit_customer)
        self.card.delete_requested.connect(self.delete_customer)

    # --- extension points ----------------------------------------------------------
    def feature(self, cls: type[F]) -> F:
        """The installed feature of class *cls* (its object, as its ``install`` returned it)."""
        for f in self._features:
            if isinstance(f, cls):
                return f
        raise LookupError(f"no {cls.__name__} is installed")

    def add_page(self, widget: QWidget, title: str) -> int:
        """A top-level page beside Customers (e.g. Follow-ups, Complaints)."""
        return self.pages.addTab(widget, title)

    def show_page(self, widget: QWidget) -> None:
        """Bring the page *widget* (added with :meth:`add_page`) to the front."""
        self.pages.setCurrentWidget(widget)

    def set_page_title(self, widget: QWidget, title: str, tooltip: str = "") -> None:
        """The tab title (e.g. with a count) and tooltip of the page *widget*."""
        i = self.pages.indexOf(widget)
        self.pages.setTabText(i, title)
        self.pages.setTabToolTip(i, tooltip)

    def add_customer_tab(self, widget: QWidget, title: str) -> int:
        """A tab beside the customer card, for the current customer (e.g. Timeline)."""
        return self.customer_tabs.addTab(widget, title)

    def add_card_header(self, widget: QWidget) -> None:
        """A line on the card, under the customer's name (e.g. the last contact and the next step)."""
        self.card.add_header(widget)

    def add_dock(self, widget: QWidget, title: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent part of the status bar (a count, the last backup)."""
        self.statusBar().addPermanentWidget(widget)

    def add_actions(self, menu: str, actions: list[QAction], *, separate: bool = True, for_customer: bool = False,
                    toolbar: bool = False) -> None:
        """Put *actions* in the menu *menu* (one of :data:`~crm_desktop.ui.shell.menus.MENUS`).

        In the File menu they go above Quit, each call in its own section.  ``for_customer``: enabled only
        while there is a current customer; ``toolbar``: in the toolbar too.  An action with a shortcut
        works anywhere in the window.
        """
        if menu not in MENUS:
            raise ValueError(f"no menu {menu!r}")
        m = self.menus[menu]
        anchor = self.file_anchor if menu == "file" else None
        if separate and m.actions() and anchor is None:
            m.addSeparator()
        for a in actions:
            if anchor is not None:
                m.insertAction(anchor, a)
            else:
                m.addAction(a)
            if not a.shortcut().isEmpty():
                self.addAction(a)
            if toolbar:
                self.toolbar.addAction(a)
        if separate and anchor is not None:
            m.insertSeparator(anchor)
        if for_customer:
            self.customer_actions += actions
            for a in actions:
                a.setEnabled(self._current is not None)

    def add_closing_hook(self, hook: Callable[[], None]) -> None:
        """Call *hook* when the person closes the window (not when it is rebuilt for a language switch)."""
        self._closing_hooks.append(hook)

    # --- calls between features ----------------------------------------------------
    def provide_log_contact(self, log: LogContact | None) -> None:
        """The feature that logs contacts (the timeline) offers its dialog to the others (None: withdrawn)."""
        self._log_contact = log

    def log_contact(self, customer_id: str, then: Callable[[bool], None] = lambda _logged: None) -> bool:
        """Open the log-a-contact dialog for *customer_id*; *then(logged)* runs when it closes.

        Returns False (and calls nothing) when no installed feature logs contacts.
        """
        if self._log_contact is None:
            return False
        self._log_contact(customer_id, then)
        return True

    def provide_call_session(self, call: CallSession | None) -> None:
        """The feature that runs call sessions (the call list) offers them to the others (None: withdrawn)."""
        self._call_session = call

    def call_customers(self, ids: list[str], title: str) -> bool:
        """Call through *ids* (a set named *title*: a dashboard bar, a list) in a call session.

        Returns False when no installed feature runs call sessions."""
        if self._call_session is None:
            return False
        self._call_session(ids, title)
        return True

    def show_error(self, exc: BaseException, title: str = "") -> None:
        """A refused write or read, as one sentence in a box (*title*: what failed; none: the app's name)."""
        QMessageBox.warning(self, title, error_text(exc))

    def set_whose(self, whose: str | None) -> None:
        """Show *whose* customers (a salesperson's name; None: the team's) on every page that lists them."""
        if whose != self.whose:
            self.whose = whose
            self.whose_changed.emit(whose)

    # --- the current customer ------------------------------------------------------
    def current_customer_id(self) -> str | None:
        return self._current

    def set_current_customer(self, customer_id: str | None) -> None:
        """Make *customer_id* the customer everything acts on; the list follows when it shows them."""
        if customer_id and self.list_panel.current_id() != customer_id:
            if not self.list_panel.select(customer_id):
                self.list_panel.clear_selection()
        self._set_current(customer_id)

    def _set_current(self, customer_id: str | None) -> None:
        if customer_id == self._current:
            return
        self._current = customer_id
        self.show_customer(customer_id)
        self._update_customer_actions()
        self.customer_changed.emit(customer_id)

    def _list_picked(self, customer_id: str | None) -> None:
        if customer_id:
            self._set_current(customer_id)

    def _after_search(self, _n: int) -> None:
        """A new search result: the current customer stays if shown, else the first row becomes current."""
        if self._current and self.list_panel.model.row_of(self._current) >= 0:
            return
        self._set_current(self.list_panel.current_id())

    def open_customer(self, customer_id: str, tab: QWidget | None = None) -> None:
        """Show *customer_id* on the Customers page (clearing search and filters if they hide them)."""
        self.pages.setCurrentIndex(0)
        self.customer_tabs.setCurrentWidget(tab if tab is not None else self.card)
        self._set_current(customer_id)
        if not self.list_panel.select(customer_id):
            self.list_panel.clear_filters()
            self.list_panel.refresh(select=customer_id)

    def show_customers(self, ids: list[str], title: str) -> None:
        """The Customers page listing only *ids* (the customers behind a chart's bar, named *title*)."""
        self.pages.setCurrentIndex(0)
        self.list_panel.show_only(ids, title)

    def show_card(self, customer_id: str) -> None:
        """Enter or a double click on a list row: that customer's card, in front."""
        self._set_current(customer_id)
        self.customer_tabs.setCurrentWidget(self.card)

    def with_current(self, fn: Callable[[str], object]) -> None:
        """Call *fn* with the current customer, or say to pick one first."""
        cid = self._current
        if cid:
            fn(cid)
        else:
            self.statusBar().showMessage(self.tr("Pick a customer first."), 5000)

    def _update_customer_actions(self) -> None:
        has = self._current is not None
        for a in self.customer_actions:
            a.setEnabled(has)

    def show_customer(self, customer_id: str | None) -> None:
        """Load *customer_id* for the card (on the task runner); None: no customer."""
        self._card_generation += 1
        gen = self._card_generation
        if not customer_id:
            self.card.show_detail(None)
            self.customer_shown.emit(None)
            return
        svc = self.customers

        def done(detail: Any) -> None:
            if gen == self._card_generation:
                self.card.show_detail(detail)
                self.customer_shown.emit(detail)

        def failed(_exc: BaseException) -> None:
            if gen == self._card_generation:
                self.card.show_detail(None)
                self.customer_shown.emit(None)

        self.runner.run(lambda: svc.get(customer_id), done, failed, urgent=True)

    # --- what changed --------------------------------------------------------------
    def notify_changed(self, changes: Changes) -> None:
        """Tell every panel what a write changed (*changes*), so those showing any of it refresh."""
        if not isinstance(changes, Changes):
            raise TypeError(f"notify_changed takes a Changes, not {type(changes).__name__}")
        if not changes:
            return
        listed, contacted = changes.touches(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG), changes.touches(Kind.INTERACTION)
        if listed or contacted:  # the in-memory list index; the last contacts and next steps it sorts by
            self.customers.invalidate(index=listed, contacts=contacted, contacts_of=changes.customers or None)
        self.data_changed.emit(changes)

    def _reload_card(self, changes: Changes) -> None:
        """A write that changes what the card shows of the current customer redraws it."""
        if changes.touches(*CARD_KINDS) and changes.touches_customer(self._current):
            self.show_customer(self._current)

    def data_replacing(self) -> None:
        """A restore or a merge is about to swap the book's file: the list reads nothing until
        :meth:`data_replaced` (its rows show as loading)."""
        self.list_panel.set_busy(True)

    def data_replaced(self, changes: Changes) -> None:
        """The swap is over (*changes*: what it changed; empty when it failed): reading resumes."""
        self.list_panel.set_busy(False)
        self.notify_changed(changes)

    # --- books, language, the user's name ------------------------------------------
    def fill_recent(self) -> None:
        self.recent_menu.clear()
        books = [b for b in self.settings.recent_books() if b != self.db_label]
        for i, path in enumerate(books):
            a = QAction(f"&{i + 1} {path}", self.recent_menu)
            a.setObjectName(f"action_recent_{i}")
            a.triggered.connect(lambda _c=False, path=path: self.open_book_requested.emit(path, False))
            self.recent_menu.addAction(a)
        if not books:
            none = QAction(self.tr("No other books yet"), self.recent_menu)
            none.setObjectName("action_recent_none")
            none.setEnabled(False)
            self.recent_menu.addAction(none)

    def ask_open_book(self) -> None:
        path = choose_book_to_open(self)
        if path:
            self.open_book_requested.emit(path, False)

    def ask_new_book(self) -> None:
        path = choose_new_book(self)
        if path:
            self.open_book_requested.emit(path, True)

    def ask_language(self, code: str) -> None:
        if code != self.settings.language:
            self.language_change_requested.emit(code)

    def ask_user_name(self) -> None:
        """Settings › Your name…: the team's people are read first (on the worker), to pick from."""
        from crm_desktop.services.people import PeopleService

        self.runner.run(self.services.get(PeopleService).team_names, self._ask_name_from,
                        lambda _exc: self._ask_name_from([]), urgent=True)

    def _ask_name_from(self, team: list[str]) -> None:
        from crm_desktop.services.people import PeopleService

        old = self.settings.user_name
        if not ask_user_name(self, self.settings, sorted({n.strip() for n in team if n.strip()})):
            return
        name = self.settings.user_name
        self.runner.run(lambda: self.services.get(PeopleService).choose_me(name),
                        lambda me: self._became(old, me), self.show_error, urgent=True)

    def _became(self, old: str, me: Any) -> None:
        """The name prompt's choice is written: I am *me* (a :class:`crm_desktop.services.people.Me`)."""
        self.settings.person_id = me.person_id
        name = me.name
        self.list_panel.user_name = name
        if self.whose is not None:
            self.set_whose(name)
        self.notify_changed(Changes.of(Kind.PERSON, customers=None))
        if old and not same_person(old, name):
            self.user_renamed.emit(old, name)

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.list_panel.focus_search()

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def _show_progress(self, label: str, done: int, total: int) -> None:
        self.busy_label.setText(f"{label} {done}/{total}")

    # --- window state --------------------------------------------------------------
    def window_state(self) -> dict[str, Any]:
        """What a rebuilt window needs to look the same: geometry, docks, splitter, page."""
        return {"geometry": self.saveGeometry(), "state": self.saveState(), "maximized": self.isMaximized(),
                "splitter": self.splitter.saveState(), "page": self.pages.currentIndex()}

    def restore_window_state(self, state: dict[str, Any] | None) -> None:
        """Show the window as it was (*state*, else the saved settings); a first start fits the screen."""
        if state is None:
            s = self.settings
            state = {"geometry": s.geometry, "state": s.window_state, "splitter": s.splitter,
                     "maximized": s.maximized, "page": 0}
        restored = bool(state.get("geometry")) and self.restoreGeometry(state["geometry"])
        if state.get("state"):
            self.restoreState(state["state"])
        if state.get("splitter"):
            self.splitter.restoreState(state["splitter"])
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        if not restored:
            width, height = min(1280, screen.width()), min(800, screen.height())
            self.resize(width, height)
            self.move(screen.center() - QPoint(width // 2, height // 2))
        small = screen.width() <= SMALL_SCREEN[0] or screen.height() <= SMALL_SCREEN[1]
        if state.get("maximized") or (not restored and small):
            self.showMaximized()
        else:
            self.show()
        self.pages.setCurrentIndex(int(state.get("page") or 0))

    def close_for_rebuild(self) -> None:
        """Close without the closing hooks (the same book reopens in a new window at once)."""
        self._rebuilding = True
        self.close()

    # --- start and close -----------------------------------------------------------
    def start(self) -> None:
        """Run the first search; call once the window is shown."""
        self.list_panel.refresh()
        self.list_panel.reload_filters()
        # build the list index after the first page and today's calls (the morning's first look; a search
        # typed before would build it itself), so later keystrokes are answered in milliseconds; then take
        # the long-lived objects out of the cyclic GC's reach: a full collection over them paused the
        # event loop ~100 ms while scrolling 100k customers
        self.runner.run(self.customers.warm_up, lambda _r: gc.freeze())

    def closeEvent(self, event: QCloseEvent) -> None:
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.maximized = self.isMaximized()
        s.splitter = self.splitter.saveState()
        if not self._rebuilding:
            for hook in self._closing_hooks:
                try:
                    hook()
                except Exception as exc:  # noqa: BLE001 - closing must go on; say what failed
                    QMessageBox.warning(self, self.tr("Closing"), error_text(exc))
        super().closeEvent(event)
