"""The main window: pages (Customers first), per-customer tabs, docks, menus.

Talks to the services only (never the database); every query that can grow
with the data goes through the task runner.

Features plug in through :data:`FEATURES`: each listed module has an
``install(window)`` function that may add a page (:meth:`MainWindow.add_page`),
a tab beside the customer card (:meth:`add_customer_tab`), a dock
(:meth:`add_dock`), actions in :attr:`menus`, and listen to
:attr:`customer_changed` (the selected customer) and :attr:`data_changed`
(something was written: refresh what you show).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from crm_desktop import APP_DISPLAY_NAME
from crm_desktop.ui.customer_card import CustomerCard
from crm_desktop.ui.customer_dialog import CustomerDialog
from crm_desktop.ui.customer_list import CustomerListPanel
from crm_desktop.ui.labels import error_text


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
    "crm_desktop.ui.exchange_feature",
    "crm_desktop.ui.backup_feature",
    "crm_desktop.ui.erasure_feature",
    "crm_desktop.ui.calllist_feature",
    "crm_desktop.ui.timeline_feature",
    "crm_desktop.ui.complaints_feature",
)
"""Modules with an ``install(window)`` function, installed in this order."""


class MainWindow(QMainWindow):
    """``services``: a :class:`crm_desktop.services.Services`; ``runner``: the
    TaskRunner; ``settings``: AppSettings; ``db_label``: the open file, shown."""

    language_change_requested = Signal(str)
    customer_changed = Signal(object)  # the selected customer's id, or None
    data_changed = Signal(str)  # what kind of data was written ("customer", "interaction", …)

    def __init__(self, services, runner, settings, db_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.customers = services.customers
        self.runner = runner
        self.settings = settings
        self.setWindowTitle(f"{APP_DISPLAY_NAME} — {db_label}" if db_label else APP_DISPLAY_NAME)
        self.resize(1280, 800)
        self.undo_stack = QUndoStack(self)

        self.list_panel = CustomerListPanel(self.customers, runner, settings.user_name, self)
        self.card = CustomerCard(self)
        self.customer_tabs = QTabWidget(self)
        self.customer_tabs.addTab(self.card, self.tr("Card"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.customer_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 480])
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, self.tr("Customers"))
        self.setCentralWidget(self.pages)
        self.splitter = splitter

        self.file_label = QLabel(db_label, self)
        self.busy_label = QLabel(self)
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        runner.busy_changed.connect(lambda busy: self.busy_label.setText(self.tr("Working…") if busy else ""))
        runner.progressed.connect(lambda label, d, t: self.busy_label.setText(f"{label} {d}/{t}"))

        self._build_actions()
        self.list_panel.current_changed.connect(self.show_customer)
        self.list_panel.current_changed.connect(self.customer_changed)
        self.list_panel.open_requested.connect(self.edit_customer)
        self.list_panel.delete_requested.connect(self.delete_customer)
        self.card.edit_requested.connect(self.edit_customer)
        self.card.delete_requested.connect(self.delete_customer)
        self._card_generation = 0
        import importlib

        for module in FEATURES:
            importlib.import_module(module).install(self)

    # --- extension points ----------------------------------------------------------
    def add_page(self, widget: QWidget, title: str) -> int:
        """A top-level page beside Customers (e.g. Follow-ups, Complaints)."""
        return self.pages.addTab(widget, title)

    def add_customer_tab(self, widget: QWidget, title: str) -> int:
        """A tab beside the customer card, for the selected customer (e.g. Timeline)."""
        return self.customer_tabs.addTab(widget, title)

    def add_dock(self, widget: QWidget, title: str, area=Qt.DockWidgetArea.LeftDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def current_customer_id(self) -> str | None:
        return self.list_panel.current_id()

    def open_customer(self, customer_id: str, tab: QWidget | None = None) -> None:
        """Show *customer_id* (clearing search and filters if they hide them), optionally on *tab*."""
        self.pages.setCurrentIndex(0)
        if tab is not None:
            self.customer_tabs.setCurrentWidget(tab)
        if not self.list_panel.select(customer_id):
            self.list_panel.clear_filters()
            self.list_panel.refresh(select=customer_id)

    def notify_changed(self, kind: str) -> None:
        """Tell every panel that *kind* of data was written, so they refresh."""
        self.data_changed.emit(kind)

    # --- actions -----------------------------------------------------------------
    def _build_actions(self) -> None:
        m_file = self.menuBar().addMenu(self.tr("&File"))
        self.menus = {"file": m_file}
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        m_file.addAction(quit_action)

        m_edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.menus["edit"] = m_edit
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        m_edit.addAction(undo)
        m_edit.addAction(redo)
        m_edit.addSeparator()
        self.new_action = QAction(self.tr("&New customer…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_customer)
        self.edit_action = QAction(self.tr("&Open customer…"), self)
        self.edit_action.triggered.connect(lambda: self._with_current(self.edit_customer))
        self.delete_action = QAction(self.tr("&Delete customer"), self)
        self.delete_action.triggered.connect(lambda: self._with_current(self.delete_customer))
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.list_panel.focus_search)
        for a in (self.new_action, self.edit_action, self.delete_action, self.find_action):
            m_edit.addAction(a)
            self.addAction(a)

        m_customer = self.menuBar().addMenu(self.tr("&Customer"))
        self.menus["customer"] = m_customer
        m_view = self.menuBar().addMenu(self.tr("&View"))
        self.menus["view"] = m_view
        m_lang = m_view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("", self.tr("System default")), ("zh_CN", "简体中文"), ("en", "English")):
            a = QAction(name, self, checkable=True)
            a.setChecked(self.settings.language == code)
            a.triggered.connect(lambda _c=False, code=code: self.language_change_requested.emit(code))
            group.addAction(a)
            m_lang.addAction(a)

        self.menus["tools"] = self.menuBar().addMenu(self.tr("&Tools"))
        m_settings = self.menuBar().addMenu(self.tr("&Settings"))
        self.menus["settings"] = m_settings
        name_action = QAction(self.tr("Your &name…"), self)
        name_action.triggered.connect(self.ask_user_name)
        m_settings.addAction(name_action)

        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        self.toolbar = tb
        tb.addAction(self.find_action)
        tb.addAction(self.new_action)
        tb.addAction(undo)

    def _with_current(self, fn) -> None:
        cid = self.list_panel.current_id()
        if cid:
            fn(cid)

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
        name, ok = QInputDialog.getText(
            self, self.tr("Your name"),
            self.tr("Your name, as teammates should see it on the customers you own:"),
            text=self.settings.user_name)
        if ok and name.strip():
            self.settings.user_name = name.strip()
            self.customers.ctx.user = name.strip()
            self.list_panel.user_name = name.strip()
            self.list_panel.reload_filters()
            return True
        return False

    # --- customers ---------------------------------------------------------------
    def show_customer(self, customer_id: str | None) -> None:
        self._card_generation += 1
        gen = self._card_generation
        if not customer_id:
            self.card.show_detail(None)
            return
        svc = self.customers

        def done(detail) -> None:
            if gen == self._card_generation:
                self.card.show_detail(detail)

        self.runner.run(lambda: svc.get(customer_id), done, lambda exc: self.card.show_detail(None), urgent=True)

    def new_customer(self) -> None:
        dialog = CustomerDialog(self.customers.validate, parent=self)
        self._run_dialog(dialog, None)

    def edit_customer(self, customer_id: str) -> None:
        try:
            detail = self.customers.get(customer_id)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, APP_DISPLAY_NAME, error_text(exc))
            return
        dialog = CustomerDialog(self.customers.validate, detail.to_input(), parent=self)
        self._run_dialog(dialog, customer_id)

    def _run_dialog(self, dialog: CustomerDialog, customer_id: str | None) -> None:
        while dialog.exec():
            data = dialog.result_data
            try:
                if customer_id is None:
                    saved_id = self.customers.create(data)
                else:
                    self.customers.update(customer_id, data)
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
        self.show_customer(customer_id)
        self.notify_changed("customer")

    def delete_customer(self, customer_id: str) -> None:
        row = self.list_panel.model.row_data(self.list_panel.model.row_of(customer_id))
        name = row.name if row else ""
        try:
            self.undo_stack.push(DeleteCustomerCommand(self, customer_id, name))
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, APP_DISPLAY_NAME, error_text(exc))
            return
        self.statusBar().showMessage(self.tr("Deleted “{name}”. Undo with Ctrl+Z.").format(name=name), 8000)

    # --- closing -----------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        super().closeEvent(event)
