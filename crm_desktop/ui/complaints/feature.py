"""Complaint handling in the main window: ``install(window)`` adds

* a **Complaints** page: the whole book with filters, and a Figures tab;
* a **Complaints** tab beside the customer card (that customer's complaints);
* *Customer ▸ New complaint…* and *Settings ▸ Complaint deadlines and categories…*;
* a status-bar count of open and overdue complaints (red when any is overdue),
  refreshed on every write and every five minutes (deadlines pass without writes).

Every read and write runs on the task runner; a dialog shows a refused write in
itself and stays open (see :mod:`crm_desktop.ui.shell.saving`).  After a write
the window's ``notify_changed`` tells every panel (the timeline too) which
customer's complaints changed; the page and the tab reload only for changes to
complaints, customers' names, the team's settings or who "mine" is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget

from crm_desktop.domain import complaints as d
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.complaints import ComplaintRow, ComplaintSettings
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.ui.complaints.dialog import ComplaintDialog, ComplaintSettingsDialog, TransitionDialog
from crm_desktop.ui.complaints.figures import ComplaintFiguresView
from crm_desktop.ui.complaints.panel import ComplaintsPanel, CustomerComplaintsTab
from crm_desktop.ui.complaints.table import action_text
from crm_desktop.ui.shell.labels import error_text

COUNT_REFRESH_MS = 5 * 60 * 1000
SHOWN_KINDS = (Kind.COMPLAINT, Kind.CUSTOMER, Kind.SETTING, Kind.PERSON)
"""What the page and the tab show: complaints, customers' names, the team's categories, who "mine" is."""
translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class ComplaintsFeature(QObject):
    """The wiring between the window, the complaint widgets and the service (``window.feature(ComplaintsFeature)``).

    ``last_dialog`` is the dialog opened last (tests drive it).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: ComplaintService = window.services.get(ComplaintService)
        self.service.translate = QCoreApplication.translate  # follow-up texts in the user's language
        ctx = self.service.ctx
        self.now = ctx.now
        self.last_dialog: Any = None

        self.panel = ComplaintsPanel(self.service, window.runner, ctx.now, lambda: ctx.user)
        window.whose_changed.connect(self.panel.show_whose)
        self.panel.prefer_owner(window.whose)  # mine by default, like today's calls
        self.figures = ComplaintFiguresView(lambda: self.service.figures(ctx.now()), window.runner)
        self.page = QTabWidget()
        self.page.setObjectName("complaints_page")
        self.page.addTab(self.panel, translate("complaints", "Complaints"))
        self.page.addTab(self.figures, translate("complaints", "Figures"))
        window.add_page(self.page, translate("complaints", "Complaints"))

        self.tab = CustomerComplaintsTab(self.service, window.runner, ctx.now)
        window.add_customer_tab(self.tab, translate("complaints", "Complaints"))
        window.customer_changed.connect(self.tab.set_customer)

        for source in (self.panel, self.tab):
            source.transition_requested.connect(self.change_status)
            source.edit_requested.connect(self.edit)
        self.panel.open_requested.connect(self.open_customer)
        self.tab.new_requested.connect(self.new_complaint)

        self.new_action = QAction(translate("complaints", "New &complaint…"), window)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.new_action.setObjectName("action_new_complaint")
        self.new_action.triggered.connect(self._new_for_current)
        window.add_actions("customer", [self.new_action], separate=False, for_customer=True)
        self.settings_action = QAction(translate("complaints", "&Complaint deadlines and categories…"), window)
        self.settings_action.setObjectName("action_complaint_settings")
        self.settings_action.triggered.connect(self.edit_settings)
        window.add_actions("settings", [self.settings_action], separate=False)

        self.count_label = QLabel(window)
        self.count_label.setObjectName("complaint_counts")
        window.add_status_widget(self.count_label)
        self.timer = QTimer(self)
        self.timer.setInterval(COUNT_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.timeout.connect(self.panel.model.rejudge)
        self.timer.start()
        window.data_changed.connect(self.on_data_changed)
        self.reload_choices()
        self.panel.refresh()
        self.refresh_counts()

    # --- refreshing ----------------------------------------------------------------
    def on_data_changed(self, changes: Changes) -> None:
        """Reload what is shown when *changes* touch complaints, customers' names, settings or who "mine" is;
        the counts follow every write that touches complaints."""
        if not changes.touches(*SHOWN_KINDS):
            return
        if changes.touches(Kind.COMPLAINT, Kind.CUSTOMER):
            self.service.invalidate()  # the in-memory book
        if changes.touches(Kind.SETTING, Kind.PERSON, Kind.COMPLAINT):
            self.reload_choices()
        self.panel.refresh()
        if changes.touches_customer(self.tab.customer_id):
            self.tab.refresh()
        self.refresh_counts()
        self.figures.stale = True
        if self.figures.isVisible():
            self.figures.refresh()

    def reload_choices(self) -> None:
        svc = self.service

        def read() -> tuple[list[str], list[str]]:
            return svc.owners(), list(svc.settings().categories)

        self.window.runner.run(read, lambda res: self.panel.set_choices(*res), lambda exc: None)

    def refresh_counts(self) -> None:
        svc = self.service
        self.window.runner.run(lambda: svc.counts(), self._show_counts, lambda exc: self.count_label.setText(""))

    def _show_counts(self, counts: tuple[int, int]) -> None:
        open_, overdue = counts
        if overdue:
            self.count_label.setText(translate("complaints", "Complaints: {open} open, {overdue} overdue").format(
                open=open_, overdue=overdue))
            self.count_label.setStyleSheet("color: #c62828; font-weight: bold")
        else:
            text = translate("complaints", "Complaints: {open} open").format(open=open_)
            self.count_label.setText(text if open_ else "")
            self.count_label.setStyleSheet("")

    def _written(self, customer_id: str | None, select: str | None = None) -> None:
        """A write of *customer_id*'s complaints (None: the team's settings): every panel hears of it."""
        if select:
            self.panel.select_later(select)
        if customer_id is None:
            self.window.notify_changed(Changes.of(Kind.SETTING, customers=None))
        else:
            self.window.notify_changed(Changes.of(Kind.COMPLAINT, customers=[customer_id]))

    def _read(self, job: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self.window.runner.run(job, then, lambda exc: QMessageBox.warning(
            self.window, translate("complaints", "Complaint"), error_text(exc)), urgent=True)

    # --- actions -------------------------------------------------------------------
    def open_customer(self, row: ComplaintRow) -> None:
        """Show the complaint's customer on the Complaints tab with the complaint selected."""
        self.window.open_customer(row.customer_id, self.tab)
        self.tab.set_customer(row.customer_id, select=row.id)

    def _new_for_current(self) -> None:
        cid = self.window.current_customer_id()
        if not cid:
            QMessageBox.information(self.window, translate("complaints", "New complaint"),
                                    translate("complaints", "Select the customer who complained first."))
            return
        self.new_complaint(cid)

    def new_complaint(self, customer_id: str) -> None:
        """Record a complaint of *customer_id* (their name and the team's settings are read first)."""
        svc, customers = self.service, self.window.customers

        def opened(found: tuple[str, ComplaintSettings]) -> None:
            name, settings = found
            dialog = ComplaintDialog(lambda data: svc.create(data).id, settings, customer_id, name, self.now(),
                                     svc.ctx.user, runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if not dialog.exec():
                return
            if self.tab.customer_id == customer_id:
                self.tab.select_later(dialog.saved)
            self._written(customer_id, dialog.saved)

        self._read(lambda: (customers.get(customer_id).name, svc.settings()), opened)

    def edit(self, row: ComplaintRow | None) -> None:
        if row is None:
            return
        svc = self.service

        def opened(settings: ComplaintSettings) -> None:
            dialog = ComplaintDialog(lambda data: svc.update(row.id, data), settings, row.customer_id,
                                     row.customer_name, self.now(), svc.ctx.user, initial=row,
                                     runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec() and dialog.saved:
                self._written(row.customer_id, row.id)

        self._read(svc.settings, opened)

    def change_status(self, row: ComplaintRow, to_status: str) -> None:
        """Ask for the note (and resolution), then move *row* to *to_status*."""
        message = d.transition_error(row.status, to_status)
        if message is not None:
            QMessageBox.warning(self.window, action_text(row.status, to_status).rstrip("…"),
                                error_text(d.IllegalTransition(message, status=to_status)))
            return
        svc = self.service

        def save(note: str, resolution: str | None, at: datetime, satisfaction: int | None) -> Any:
            return svc.change_status(row.id, to_status, note, resolution, at, satisfaction=satisfaction)

        def opened(settings: ComplaintSettings) -> None:
            dialog = TransitionDialog(row, to_status, self.now(), save, settings.followup_days,
                                      runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec():
                self._say_changed(row, to_status, dialog.score())
                self._written(row.customer_id, row.id)

        self._read(svc.settings, opened)

    def _say_changed(self, row: ComplaintRow, to_status: str, score: int | None) -> None:
        if to_status in d.DONE_STATUSES and score is not None:
            self.window.statusBar().showMessage(
                translate("complaints", "Complaint {number} closed; the customer's satisfaction: {score}/5.").format(
                    number=row.number, score=score), 8000)
        elif to_status == d.RESOLVED:
            self.window.statusBar().showMessage(
                translate("complaints",
                          "Complaint {number} resolved; a satisfaction call is on the follow-ups.").format(
                    number=row.number), 8000)

    def edit_settings(self) -> None:
        svc = self.service

        def opened(settings: ComplaintSettings) -> None:
            dialog = ComplaintSettingsDialog(settings, svc.save_settings, runner=self.window.runner,
                                             parent=self.window)
            self.last_dialog = dialog
            if dialog.exec():
                self._written(None)

        self._read(svc.settings, opened)


def install(window: Any) -> ComplaintsFeature:
    """Add complaint handling to *window* (see the module docstring)."""
    return ComplaintsFeature(window)
