"""Complaint handling in the main window: ``install(window)`` adds

* a **Complaints** page: the whole book with filters, and a Figures tab;
* a **Complaints** tab beside the customer card (that customer's complaints);
* *Customer ▸ New complaint…* and *Settings ▸ Complaint deadlines and categories…*;
* a status-bar count of open and overdue complaints (red when any is overdue),
  refreshed on every write and every five minutes (deadlines pass without writes).

Writes are small single-row transactions and run on the UI thread, as the
customer dialog's do, so a dialog can show a refusal and stay open; every
read that grows with the data runs on the task runner.  After a write the
window's ``data_changed("complaint")`` tells every panel (the timeline too).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget

from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintInput, ComplaintRow
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.ui.complaints.dialog import ComplaintDialog, ComplaintSettingsDialog, TransitionDialog
from crm_desktop.ui.complaints.figures import ComplaintFiguresView
from crm_desktop.ui.complaints.panel import ComplaintsPanel, CustomerComplaintsTab, action_text
from crm_desktop.ui.shell.labels import error_text

COUNT_REFRESH_MS = 5 * 60 * 1000
translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class ComplaintsFeature(QObject):
    """The wiring between the window, the complaint widgets and the service (kept as ``window.complaints``).

    ``last_dialog`` is the dialog opened last (tests drive it).
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.service: ComplaintService = window.services.get(ComplaintService)
        self.service.translate = QCoreApplication.translate  # follow-up texts in the user's language
        ctx = self.service.ctx
        self.now = ctx.now
        self.last_dialog = None

        self.panel = ComplaintsPanel(self.service, window.runner, ctx.now, lambda: ctx.user)
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
        window.add_actions("customer", [self.new_action], separate=False)
        window.customer_actions.append(self.new_action)
        self.settings_action = QAction(translate("complaints", "&Complaint deadlines and categories…"), window)
        self.settings_action.setObjectName("action_complaint_settings")
        self.settings_action.triggered.connect(self.edit_settings)
        window.add_actions("settings", [self.settings_action], separate=False)

        self.count_label = QLabel(window)
        self.count_label.setObjectName("complaint_counts")
        window.statusBar().addPermanentWidget(self.count_label)
        self.timer = QTimer(self)
        self.timer.setInterval(COUNT_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.timeout.connect(lambda: self.panel.model.set_rows(self.panel.model.rows))  # re-judge deadlines
        self.timer.start()
        window.data_changed.connect(self.on_data_changed)
        self.reload_choices()
        self.panel.refresh()
        self.refresh_counts()

    # --- refreshing ----------------------------------------------------------------
    UNRELATED_KINDS = frozenset({"order", "calllist"})
    """Writes that cannot change a complaint or a customer's name: no reload (50k complaints take ~1 s to load)."""

    def on_data_changed(self, kind: str = "") -> None:
        """A write may change complaints (a follow-up recording satisfaction is an "interaction"), customers'
        names or settings: reload what is shown."""
        if kind in self.UNRELATED_KINDS:
            self.refresh_counts()
            return
        self.service.invalidate()
        self.reload_choices()
        self.panel.refresh()
        self.tab.refresh()
        self.refresh_counts()
        self.figures.stale = True
        if self.figures.isVisible():
            self.figures.refresh()

    def reload_choices(self) -> None:
        svc = self.service

        def read():
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

    def _written(self, select: str | None = None) -> None:
        if select:
            self.panel.select_later(select)
        self.window.notify_changed("complaint")

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

    def _customer_name(self, customer_id: str) -> str | None:
        try:
            return self.window.customers.get(customer_id).name
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self.window, translate("complaints", "Complaint"), error_text(exc))
            return None

    def new_complaint(self, customer_id: str) -> str | None:
        """Record a complaint of *customer_id*; returns its id (None when cancelled)."""
        name = self._customer_name(customer_id)
        if name is None:
            return None
        dialog = ComplaintDialog(lambda data: self.service.create(data).id, self.service.settings(), customer_id,
                                 name, self.now(), self.service.ctx.user, parent=self.window)
        self.last_dialog = dialog
        if not dialog.exec():
            return None
        if self.tab.customer_id == customer_id:
            self.tab.select_later(dialog.saved)
        self._written(dialog.saved)
        return dialog.saved

    def edit(self, row: ComplaintRow | None) -> None:
        if row is None:
            return

        def save(data: ComplaintInput):
            return self.service.update(row.id, data)

        dialog = ComplaintDialog(save, self.service.settings(), row.customer_id, row.customer_name, self.now(),
                                 self.service.ctx.user, initial=row, parent=self.window)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved:
            self._written(row.id)

    def change_status(self, row: ComplaintRow, to_status: str) -> None:
        """Ask for the note (and resolution), then move *row* to *to_status*."""
        message = d.transition_error(row.status, to_status)
        if message is not None:
            QMessageBox.warning(self.window, action_text(row.status, to_status).rstrip("…"),
                                error_text(d.IllegalTransition(message, status=to_status)))
            return

        def save(note: str, resolution: str | None, at, satisfaction: int | None):
            return self.service.change_status(row.id, to_status, note, resolution, at, satisfaction=satisfaction)

        dialog = TransitionDialog(row, to_status, self.now(), save, self.service.settings().followup_days,
                                  parent=self.window)
        self.last_dialog = dialog
        if not dialog.exec():
            return
        score = dialog.score()
        if to_status in d.DONE_STATUSES and score is not None:
            self.window.statusBar().showMessage(
                translate("complaints", "Complaint {number} closed; the customer's satisfaction: {score}/5.").format(
                    number=row.number, score=score), 8000)
        elif to_status == d.RESOLVED:
            self.window.statusBar().showMessage(
                translate("complaints",
                          "Complaint {number} resolved; a satisfaction call is on the follow-ups.").format(
                    number=row.number), 8000)
        self._written(row.id)

    def edit_settings(self) -> None:
        dialog = ComplaintSettingsDialog(self.service.settings(), self.service.save_settings, parent=self.window)
        self.last_dialog = dialog
        if dialog.exec():
            self._written()


def install(window) -> None:
    """Add complaint handling to *window* (see the module docstring)."""
    window.complaints = ComplaintsFeature(window)
