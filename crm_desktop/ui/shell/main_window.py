"""The main window: pages (Customers first), per-customer tabs, docks, menus.

Talks to the services only (never the database); every query that can grow
with the data goes through the task runner.

**One current customer.**  The window holds the customer the person is working
on (:meth:`MainWindow.current_customer_id`): picked in the list, in the call
list, on the follow-ups or complaints page.  The card shows them, and Edit,
Delete, Log contact (Ctrl+L) and every Customer-menu action act on them.  A
search that no longer shows them moves the current customer to its first row.

Features plug in through :data:`FEATURES`: each listed module has an
``install(window)`` function that uses the extension points — a page
(:meth:`add_page`), a tab beside the card (:meth:`add_customer_tab`), a dock
(:meth:`add_dock`), menu actions (:meth:`add_actions`), a closing hook
(:meth:`add_closing_hook`) — and listens to :attr:`customer_changed` (the
current customer) and :attr:`data_changed` (something was written).
Every menu and action has an ``objectName`` (``menu_file``, ``action_backup`` …),
so tests reach them where a person does.
"""

from __future__ import annotations

import gc
from typing import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from crm_desktop.ui.shell.books import ask_user_name, choose_book_to_open, choose_new_book
from crm_desktop.ui.customers.card import CustomerCard
from crm_desktop.ui.customers.dialog import CustomerDialog
from crm_desktop.ui.customers.list_panel import CustomerListPanel
from crm_desktop.ui.shell.labels import error_text

class DeleteCustomerCommand(QUndoCommand):
    """Delete (tombstone) a customer; undo brings them back."""

    def __init__(self, window: "MainWindow", customer_id: str, name: str) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Delete “{name}”").format(name=name))
        self.window = window
        self.customer_id = customer_id

    def redo(self) -> None:
        self.window.customers.delete(self.customer_id)
        self.window.list_panel.model.remove_id(self.customer_id)
        self.window.list_panel.refresh()
        self.window.notify_changed("customer")

    def undo(self) -> None:
        self.window.customers.restore(self.customer_id)
        self.window.list_panel.refresh(select=self.customer_id)
        self.window.notify_changed("customer")


FEATURES: tuple[str, ...] = (
    "crm_desktop.ui.exchange.feature",
    "crm_desktop.ui.backup.feature",
    "crm_desktop.ui.privacy.feature",
    "crm_desktop.ui.calllist.feature",
    "crm_desktop.ui.timeline.feature",
    "crm_desktop.ui.complaints.feature",
)
"""Modules with an ``install(window)`` function, installed in this order."""

SMALL_SCREEN = (1440, 900)
"""On a screen no larger than this (a 1366×768 laptop) the window starts maximized."""


class MainWindow(QMainWindow):
    """``services``: a :class:`crm_desktop.services.Services`; ``runner``: the
    TaskRunner; ``settings``: AppSettings; ``db_label``: the open file, shown."""

    language_change_requested = Signal(str)
    open_book_requested = Signal(str, bool)  # path, create
    customer_changed = Signal(object)  # the current customer's id, or None
    customer_shown = Signal(object)  # the CustomerDetail the card now shows, or None
    data_changed = Signal(str)  # what kind of data was written ("customer", "interaction", …)

    def __init__(self, services, runner, settings, db_label: str = "", parent: QWidget | None = None) -> None:
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
        self._current: str | None = None
        self._closing_hooks: list[Callable[[], None]] = []
        self._rebuilding = False

        self.list_panel = CustomerListPanel(self.customers, runner, settings.user_name, self)
        self.card = CustomerCard(services.ctx.now, self)
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

        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        runner.busy_changed.connect(self._show_busy)
        runner.progressed.connect(self._show_progress)
        self._show_file()

        self._build_actions()
        self.list_panel.keep_current = self.current_customer_id
        self.list_panel.current_changed.connect(self._list_picked)
        self.list_panel.open_requested.connect(self.show_card)
        self.list_panel.delete_requested.connect(self.delete_customer)
        self.list_panel.searched.connect(self._after_search)
        self.data_changed.connect(self._reload_card)
        self.card.edit_requested.connect(self.edit_customer)
        self.card.delete_requested.connect(self.delete_customer)
        self._card_generation = 0
        import importlib

        for module in FEATURES:
            importlib.import_module(module).install(self)
        self._update_customer_actions()

    # --- extension points ----------------------------------------------------------
    def add_page(self, widget: QWidget, title: str) -> int:
        """A top-level page beside Customers (e.g. Follow-ups, Complaints)."""
        return self.pages.addTab(widget, title)

    def add_customer_tab(self, widget: QWidget, title: str) -> int:
        """A tab beside the customer card, for the current customer (e.g. Timeline)."""
        return self.customer_tabs.addTab(widget, title)

    def add_dock(self, widget: QWidget, title: str, area=Qt.DockWidgetArea.LeftDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def add_actions(self, menu: str, actions: list[QAction], *, separate: bool = True) -> None:
        """Put *actions* in the menu *menu* ("file", "edit", "customer", "view", "tools", "settings", "help").

        In the File menu they go above Quit, each call in its own section.
        """
        m = self.menus[menu]
        anchor = self._file_anchor if menu == "file" else None
        if separate and m.actions() and anchor is None:
            m.addSeparator()
        for a in actions:
            if anchor is not None:
                m.insertAction(anchor, a)
            else:
                m.addAction(a)
        if separate and anchor is not None:
            m.insertSeparator(anchor)

    def add_closing_hook(self, hook: Callable[[], None]) -> None:
        """Call *hook* when the person closes the window (not when it is rebuilt for a language switch)."""
        self._closing_hooks.append(hook)

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

    def show_card(self, customer_id: str) -> None:
        """Enter or a double click on a list row: that customer's card, in front."""
        self._set_current(customer_id)
        self.customer_tabs.setCurrentWidget(self.card)

    def _update_customer_actions(self) -> None:
        has = self._current is not None
        for a in self.customer_actions:
            a.setEnabled(has)

    def _reload_card(self, kind: str) -> None:
        """A write that may change what the card shows (the customer, their snooze, a merge) redraws it."""
        if kind in ("customer", "calllist", "all") and self._current:
            self.show_customer(self._current)

    def notify_changed(self, kind: str) -> None:
        """Tell every panel that *kind* of data was written, so they refresh."""
        self.data_changed.emit(kind)

    # --- actions -------------------------------------------------------------------
    def _menu(self, key: str, title: str) -> QMenu:
        m = self.menuBar().addMenu(title)
        m.setObjectName(f"menu_{key}")
        self.menus[key] = m
        return m

    def _action(self, name: str, text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        a.setObjectName(f"action_{name}")
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        self.menus: dict[str, QMenu] = {}
        m_file = self._menu("file", self.tr("&File"))
        self.new_book_action = self._action("new_book", self.tr("&New book…"), self.ask_new_book)
        self.open_book_action = self._action("open_book", self.tr("&Open book…"), self.ask_open_book,
                                             QKeySequence.StandardKey.Open)
        m_file.addAction(self.new_book_action)
        m_file.addAction(self.open_book_action)
        self.recent_menu = m_file.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        self._file_anchor = m_file.addSeparator()
        quit_action = self._action("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        m_file.addAction(quit_action)

        m_edit = self._menu("edit", self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("action_undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("action_redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        m_edit.addAction(undo)
        m_edit.addAction(redo)
        m_edit.addSeparator()
        self.find_action = self._action("find", self.tr("&Find…"), self.focus_search, "Ctrl+F")
        m_edit.addAction(self.find_action)
        self.addAction(self.find_action)

        m_customer = self._menu("customer", self.tr("&Customer"))
        self.new_action = self._action("new_customer", self.tr("&New customer…"), self.new_customer, "Ctrl+N")
        self.edit_action = self._action("edit_customer", self.tr("&Edit customer…"),
                                        lambda: self._with_current(self.edit_customer), "Ctrl+E")
        self.delete_action = self._action("delete_customer", self.tr("&Delete customer"),
                                          lambda: self._with_current(self.delete_customer))
        self.customer_actions = [self.edit_action, self.delete_action]
        for a in (self.new_action, self.edit_action, self.delete_action):
            m_customer.addAction(a)
            self.addAction(a)

        m_view = self._menu("view", self.tr("&View"))
        m_lang = m_view.addMenu(self.tr("&Language"))
        m_lang.setObjectName("menu_language")
        group = QActionGroup(self)
        for code, name in (("", self.tr("System default")), ("zh_CN", "简体中文"), ("en", "English")):
            a = QAction(name, self, checkable=True)
            a.setObjectName(f"action_language_{code or 'system'}")
            a.setChecked(self.settings.language == code)
            a.triggered.connect(lambda _c=False, code=code: self._ask_language(code))
            group.addAction(a)
            m_lang.addAction(a)
        m_view.addSeparator()

        self._menu("tools", self.tr("&Tools"))
        m_settings = self._menu("settings", self.tr("&Settings"))
        name_action = self._action("user_name", self.tr("Your &name…"), self.ask_user_name)
        m_settings.addAction(name_action)

        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        self.toolbar = tb
        tb.addAction(self.find_action)
        tb.addAction(self.new_action)
        tb.addAction(undo)

    def _with_current(self, fn) -> None:
        cid = self._current
        if cid:
            fn(cid)
        else:
            self.statusBar().showMessage(self.tr("Pick a customer first."), 5000)

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.list_panel.focus_search()

    def _ask_language(self, code: str) -> None:
        if code != self.settings.language:
            self.language_change_requested.emit(code)

    # --- books ---------------------------------------------------------------------
    def _show_file(self) -> None:
        self.file_label.setText(self.db_label)

    def _fill_recent(self) -> None:
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

    # --- window state --------------------------------------------------------------
    def window_state(self) -> dict:
        """What a rebuilt window needs to look the same: geometry, docks, splitter, page."""
        return {"geometry": self.saveGeometry(), "state": self.saveState(), "maximized": self.isMaximized(),
                "splitter": self.splitter.saveState(), "page": self.pages.currentIndex()}

    def restore_window_state(self, state: dict | None) -> None:
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

    # --- start -------------------------------------------------------------------
    def start(self) -> None:
        """Run the first search; call once the window is shown."""
        self.list_panel.refresh()
        self.list_panel.reload_filters()
        # build the list index now, so the first keystroke is answered in milliseconds; then take the
        # long-lived objects out of the cyclic GC's reach: a full collection over them paused the
        # event loop ~100 ms while scrolling 100k customers
        self.runner.run(self.customers.warm_up, lambda _r: gc.freeze(), urgent=True)

    def ask_user_name(self) -> bool:
        if not ask_user_name(self, self.settings):
            return False
        name = self.settings.user_name
        self.customers.ctx.user = name
        self.list_panel.user_name = name
        self.list_panel.reload_filters()
        self.notify_changed("setting")
        return True

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def _show_progress(self, label: str, done: int, total: int) -> None:
        self.busy_label.setText(f"{label} {done}/{total}")

    # --- customers ---------------------------------------------------------------
    def show_customer(self, customer_id: str | None) -> None:
        self._card_generation += 1
        gen = self._card_generation
        if not customer_id:
            self.card.show_detail(None)
            self.customer_shown.emit(None)
            return
        svc = self.customers

        def done(detail) -> None:
            if gen == self._card_generation:
                self.card.show_detail(detail)
                self.customer_shown.emit(detail)

        def failed(_exc) -> None:
            if gen == self._card_generation:
                self.card.show_detail(None)
                self.customer_shown.emit(None)

        self.runner.run(lambda: svc.get(customer_id), done, failed, urgent=True)

    def new_customer(self) -> None:
        dialog = CustomerDialog(self.customers.validate, parent=self)
        self._run_dialog(dialog, None, None)

    def edit_customer(self, customer_id: str) -> None:
        svc = self.customers

        def opened(detail) -> None:
            base = detail.to_input()
            dialog = CustomerDialog(svc.validate, base, parent=self)
            self._run_dialog(dialog, customer_id, base)

        self.runner.run(lambda: svc.get(customer_id), opened,
                        lambda exc: QMessageBox.warning(self, self.tr("Edit customer"), error_text(exc)),
                        urgent=True)

    def _run_dialog(self, dialog: CustomerDialog, customer_id: str | None, base) -> None:
        self.last_dialog = dialog
        while dialog.exec():
            data = dialog.result_data
            try:
                if customer_id is None:
                    saved_id = self.customers.create(data).id
                else:
                    self.customers.update(customer_id, data, base=base)
                    saved_id = customer_id
            except Exception as exc:  # noqa: BLE001 - shown in the dialog; the typed data stays
                dialog.show_save_error(error_text(exc))
                continue
            self.after_save(saved_id)
            return

    def after_save(self, customer_id: str) -> None:
        self.list_panel.model.refresh_row(customer_id)
        self.list_panel.refresh(select=customer_id)
        self.list_panel.reload_filters()
        self._current = None  # show the saved version even if it was current already
        self._set_current(customer_id)
        self.notify_changed("customer")

    def delete_customer(self, customer_id: str) -> None:
        row = self.list_panel.model.row_data(self.list_panel.model.row_of(customer_id))
        name = row.name if row else ""
        if customer_id == self._current:
            self._set_current(None)
        try:
            self.undo_stack.push(DeleteCustomerCommand(self, customer_id, name))
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, self.tr("Delete customer"), error_text(exc))
            return
        self.statusBar().showMessage(self.tr("Deleted “{name}”. Undo with Ctrl+Z.").format(name=name), 8000)

    # --- closing -----------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
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
