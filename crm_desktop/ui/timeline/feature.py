"""Wires the timeline, follow-ups, orders and reminders into the main window.

``install(window)`` adds:

* a **Timeline** tab beside the customer card and, on the card, a header line
  with the last contact and the open next step;
* a **Follow-ups** page (with a count badge in its tab title; see
  :mod:`crm_desktop.ui.timeline.followups_feature`);
* actions in the Customer menu and toolbar: Log contact (Ctrl+L), New order,
  Import orders, Undo last order import, Export follow-ups (.ics);
* the window's ``log_contact`` (:meth:`MainWindow.provide_log_contact`), so
  other features (the call list, the win-back page) open the same dialog; for a
  win-back customer whose churn reason nobody has asked yet it asks it, and the
  answer is saved with the contact (one undo step);
* reminders (:mod:`crm_desktop.ui.timeline.reminders`).

Every read and write runs on the task runner; every write tells the window what
it changed (a :class:`~crm_desktop.domain.changes.Changes`); deletes, edits,
snoozes and mark-done go on the window's undo stack.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.complaints import stored_text
from crm_desktop.services.export import write_calendar
from crm_desktop.services.followups import FollowUpService, record_satisfaction
from crm_desktop.services.imports import OrdersImporter
from crm_desktop.services.orders import OrderService
from crm_desktop.services.timeline import ContactLogInput, CustomerHeader, LogDefaults, TimelineService
from crm_desktop.services.winback import WinBackService
from crm_desktop.ui.shell.files import choose_save
from crm_desktop.ui.shell.labels import error_text, label
from crm_desktop.ui.shell.undo import Write, WriteCommand
from crm_desktop.ui.timeline.followups_feature import FollowupsFeature
from crm_desktop.ui.timeline.log_contact import LogContactDialog
from crm_desktop.ui.timeline.order_dialog import OrderDialog
from crm_desktop.ui.timeline.orders_import_dialog import OrdersImportDialog
from crm_desktop.ui.timeline.panel import TimelinePanel
from crm_desktop.ui.timeline.reminders import Reminders

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

TIMELINE_KINDS = (Kind.INTERACTION, Kind.ORDER, Kind.COMPLAINT, Kind.DEAL, Kind.CUSTOMER)
"""What the Timeline tab and the card's header show of the current customer."""
FOLLOWUP_KINDS = (Kind.INTERACTION, Kind.CUSTOMER, Kind.CONTACT, Kind.COMPLAINT, Kind.PERSON)
"""What the Follow-ups page and the reminders read: next steps, names, birthdays, satisfaction calls, "mine"."""


def _ignore(_logged: bool) -> None:
    return None


class TimelineFeature(QObject):
    """Holds the panels and actions of this feature for one window (see module docstring).

    ``last_dialog`` is the dialog opened last (tests drive it).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        services = window.services
        self.ctx = services.ctx
        self.timeline: TimelineService = services.get(TimelineService)
        self.followups_service: FollowUpService = services.get(FollowUpService)
        self.orders: OrderService = services.get(OrderService)
        self.winback: WinBackService = services.get(WinBackService)
        self.runner = window.runner
        self.last_dialog: Any = None
        self.last_import: str | None = None
        self._header_generation = 0

        self.panel = TimelinePanel(lambda cid, kinds, cursor: self.timeline.page(cid, kinds, cursor),
                                   window.runner, window)
        self.panel.setObjectName("timelinePanel")
        window.add_customer_tab(self.panel, translate("timeline", "Timeline"))
        self.panel.log_requested.connect(self.log_contact)
        self.panel.order_requested.connect(self.new_order)
        self.panel.edit_requested.connect(self.edit_entry)
        self.panel.delete_requested.connect(self.delete_entry)

        self.header = QLabel(window)
        self.header.setObjectName("timelineHeader")
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.header.setStyleSheet("background:#fff8e1;border:1px solid #ffe082;border-radius:4px;padding:6px")
        self.header.hide()
        window.add_card_header(self.header)

        self.followups = FollowupsFeature(self)
        self.reminders = Reminders(self)
        self._build_actions()
        window.customer_changed.connect(self.customer_changed)
        window.data_changed.connect(self.data_changed)
        window.provide_log_contact(self.log_contact)
        self.reminders.start()

    # --- actions -----------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.log_action = QAction(translate("timeline", "&Log contact…"), w)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(lambda: w.with_current(self.log_contact))
        self.order_action = QAction(translate("timeline", "New &order…"), w)
        self.order_action.triggered.connect(lambda: w.with_current(self.new_order))
        self.import_action = QAction(translate("timeline", "&Import orders…"), w)
        self.import_action.triggered.connect(self.import_orders)
        self.undo_import_action = QAction(translate("timeline", "Undo last order import"), w)
        self.undo_import_action.setEnabled(False)
        self.undo_import_action.triggered.connect(self.undo_import)
        self.export_action = QAction(translate("timeline", "&Export follow-ups to calendar (.ics)…"), w)
        self.export_action.triggered.connect(self.export_ics)
        self.followups.panel.export_requested.connect(self.export_ics)
        for a, name in ((self.log_action, "log_contact"), (self.order_action, "new_order"),
                        (self.import_action, "import_orders"), (self.undo_import_action, "undo_order_import"),
                        (self.export_action, "export_followups")):
            a.setObjectName(f"action_{name}")
        w.add_actions("customer", [self.log_action], for_customer=True, toolbar=True)
        w.add_actions("customer", [self.order_action], for_customer=True, separate=False)
        w.add_actions("file", [self.import_action, self.undo_import_action, self.export_action])
        w.add_actions("view", [self.followups.show_action], separate=False)

    def warn(self, exc: BaseException, title: str = "") -> None:
        """One sentence in a box; *title* says what failed (none: the platform shows the app's name once)."""
        QMessageBox.warning(self.window, title, error_text(exc))

    def read(self, job: Callable[[], Any], then: Callable[[Any], None], title: str = "") -> None:
        """Read on the task runner, then *then(result)*; a failure is one sentence titled *title*."""
        self.runner.run(job, then, lambda exc: self.warn(exc, title), urgent=True)

    def push(self, text: str, redo: Write, undo: Write, changes: Changes) -> None:
        """Put a write already done on the undo stack, and tell the window what it changed."""
        self.window.undo_stack.push(WriteCommand(self.window, text, redo, undo, changes))
        self.window.notify_changed(changes)

    def log_dialog(self, defaults: LogDefaults, save: Callable[..., Any], **options: Any) -> LogContactDialog:
        """The log-a-contact dialog over the window, saving on the task runner (see LogContactDialog)."""
        dialog = LogContactDialog(defaults, save, now=self.ctx.now(), runner=self.runner, parent=self.window,
                                  **options)
        self.last_dialog = dialog
        return dialog

    # --- logging contacts ----------------------------------------------------------
    def log_contact(self, customer_id: str, then: Callable[[bool], None] = _ignore) -> None:
        """Open the log dialog for *customer_id*; *then(logged)* when it closes.  A win-back customer whose
        churn reason nobody has asked yet is asked it too (saved with the contact, one undo)."""
        svc, winback = self.timeline, self.winback

        def log(data: ContactLogInput, churn: str | None = None) -> Any:
            created = svc.log_contact(data)
            if churn is not None:
                winback.set_churn_reason(data.customer_id, churn)
            return created

        def opened(found: tuple[LogDefaults, bool]) -> None:
            defaults, ask = found
            dialog = self.log_dialog(defaults, log, ask_churn=ask)
            if not dialog.exec():
                then(False)
                return
            self._logged(customer_id, defaults, dialog)
            then(True)

        def failed(exc: BaseException) -> None:
            self.warn(exc)
            then(False)

        self.runner.run(lambda: (svc.defaults(customer_id), winback.asks_churn(customer_id)), opened, failed,
                        urgent=True)

    def _logged(self, customer_id: str, defaults: LogDefaults, dialog: LogContactDialog) -> None:
        new_id, answered = dialog.saved.id, dialog.data().answers
        complaint, score = dialog.answered_complaint(), dialog.satisfaction_score
        if complaint and score is not None:
            self._record_satisfaction(customer_id, complaint, score)
        svc, winback, churn = self.timeline, self.winback, dialog.churn_reason

        def redo() -> None:
            svc.restore(new_id)
            svc.set_steps_done(customer_id, answered, True)
            if churn is not None:
                winback.set_churn_reason(customer_id, churn)

        def undo() -> None:
            svc.delete(new_id)
            svc.set_steps_done(customer_id, answered, False)
            if churn is not None:
                winback.set_churn_reason(customer_id, None)  # it was asked because it was not set

        kinds = (Kind.INTERACTION, Kind.CUSTOMER) if churn is not None else (Kind.INTERACTION,)
        self.push(translate("timeline", "Log contact with “{name}”").format(name=defaults.name), redo, undo,
                  Changes.of(*kinds, customers=[customer_id]))
        self.window.statusBar().showMessage(
            translate("timeline", "Contact with “{name}” logged.").format(name=defaults.name), 5000)

    def _record_satisfaction(self, customer_id: str, complaint_id: str, score: int) -> None:
        """The score the customer gave on the satisfaction call goes to the complaint (its own sentence if not)."""
        ctx = self.ctx
        self.runner.run(lambda: record_satisfaction(ctx, complaint_id, score),
                        lambda _r: self.window.notify_changed(Changes.of(Kind.COMPLAINT, customers=[customer_id])),
                        self.warn, urgent=True)

    def edit_entry(self, entry: Any) -> None:
        if entry.kind == "interaction":
            self._edit_contact(entry.id)
        elif entry.kind == "order":
            self._edit_order(entry.id)

    def _edit_contact(self, interaction_id: str) -> None:
        svc = self.timeline
        title = translate("timeline", "Edit contact")

        def job() -> tuple[Any, LogDefaults]:
            row = svc.get(interaction_id)
            return row, svc.defaults(row.customer_id)

        def opened(found: tuple[Any, LogDefaults]) -> None:
            row, defaults = found
            old = ContactLogInput(row.customer_id, row.channel, row.direction, row.occurred_at, row.summary,
                                  row.outcome, row.next_step, row.next_due_at, row.contact_id, row.complaint_id)
            dialog = self.log_dialog(defaults, lambda data: svc.update(interaction_id, data), initial=row,
                                     title=title, answering=None)
            if dialog.exec() and dialog.saved:
                new = dialog.data()
                self.push(title, lambda: svc.update(interaction_id, new), lambda: svc.update(interaction_id, old),
                          Changes.of(Kind.INTERACTION, customers=[row.customer_id]))

        self.read(job, opened, title)

    def delete_entry(self, entry: Any) -> None:
        cid = self.panel.model.customer_id
        if entry.kind == "interaction":
            svc: Any = self.timeline
            text, kind = translate("timeline", "Delete contact"), Kind.INTERACTION
        elif entry.kind == "order":
            svc, text, kind = self.orders, translate("timeline", "Delete order"), Kind.ORDER
        else:
            return
        changes = Changes.of(kind, customers=[cid] if cid else None)

        def deleted(_r: object) -> None:
            self.push(text, lambda: svc.delete(entry.id), lambda: svc.restore(entry.id), changes)
            self.window.statusBar().showMessage(translate("timeline", "Deleted. Undo with Ctrl+Z."), 8000)

        self.read(lambda: svc.delete(entry.id), deleted, translate("timeline", "Delete"))

    # --- orders --------------------------------------------------------------------
    def new_order(self, customer_id: str) -> None:
        orders, title = self.orders, translate("timeline", "New order")

        def opened(defaults: LogDefaults) -> None:
            dialog = OrderDialog(customer_id, defaults.name, orders.create, today=self.ctx.now(), runner=self.runner,
                                 parent=self.window)
            self.last_dialog = dialog
            if dialog.exec() and dialog.saved:
                oid = dialog.saved.id
                self.push(title, lambda: orders.restore(oid), lambda: orders.delete(oid),
                          Changes.of(Kind.ORDER, customers=[customer_id]))

        self.read(lambda: self.timeline.defaults(customer_id), opened, title)

    def _edit_order(self, order_id: str) -> None:
        orders, timeline = self.orders, self.timeline

        def job() -> tuple[Any, LogDefaults]:
            row = orders.get(order_id)
            return row, timeline.defaults(row.customer_id)

        def opened(found: tuple[Any, LogDefaults]) -> None:
            row, defaults = found
            dialog = OrderDialog(row.customer_id, defaults.name, lambda data: orders.update(order_id, data),
                                 today=self.ctx.now(), initial=row, runner=self.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec():
                self.window.notify_changed(Changes.of(Kind.ORDER, customers=[row.customer_id]))

        self.read(job, opened, translate("timeline", "Edit order"))

    def import_orders(self) -> None:
        importer = OrdersImporter(self.ctx)
        dialog = OrdersImportDialog(lambda path, create: importer.prepare_file(path, create_missing=create),
                                    importer.run, self.runner, self.window)
        dialog.imported.connect(self._imported)
        self.last_dialog = dialog
        dialog.open()

    def _imported(self, result: Any) -> None:
        self.last_import = result.batch_id
        self.undo_import_action.setEnabled(True)
        kinds = (Kind.ORDER, Kind.CUSTOMER) if result.customers else (Kind.ORDER,)
        self.window.notify_changed(Changes.of(*kinds, customers=None))
        self.window.statusBar().showMessage(translate("timeline", "Imported {orders} and {customers}.").format(
            orders=translate("timeline", "%n order(s)", "", result.orders),
            customers=translate("timeline", "%n new customer(s)", "", result.customers)), 10000)

    def undo_import(self) -> None:
        if not self.last_import:
            return
        batch = self.last_import
        importer = OrdersImporter(self.ctx)

        def done(removed: int) -> None:
            self.last_import = None
            self.undo_import_action.setEnabled(False)
            self.window.notify_changed(Changes.of(Kind.ORDER, Kind.CUSTOMER, customers=None))
            self.window.statusBar().showMessage(
                translate("timeline", "Import undone: %n order(s) removed.", "", removed), 8000)

        self.runner.run(lambda: importer.undo(batch), done,
                        lambda exc: self.warn(exc, translate("timeline", "Undo last order import")))

    # --- the follow-ups in a calendar ------------------------------------------------------------------
    def export_ics(self) -> None:
        chosen = choose_save(self.window, "calendar", translate("timeline", "Export follow-ups"), "followups.ics",
                             [translate("timeline", "Calendar (*.ics)")], ".ics")
        if chosen is None:
            return
        path = chosen[0]
        if not path.lower().endswith(".ics"):
            path += ".ics"
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the follow-ups shown (mine or everyone's) to *path* on the worker."""
        owner = self.followups.owner(self.followups.panel.only_mine.isChecked())
        labels = {"birthday": translate("timeline", "Birthday: {name}"),
                  "anniversary": translate("timeline", "Anniversary: {name}"),
                  "next_step": translate("timeline", "{what} — {customer}"), "phone": translate("timeline", "Phone"),
                  "said": translate("timeline", "Last time")}
        svc, now = self.followups_service, self.ctx.now

        def job() -> int:  # a list for reaching people: do-not-contact customers are left out
            return write_calendar(path, svc.upcoming(owner, reachable_only=True), now(), labels)

        def written(n: int) -> None:
            self.window.statusBar().showMessage(
                translate("timeline", "%n follow-up(s) written to {path}.", "", n).format(path=path), 8000)

        self.runner.run(job, written, lambda exc: self.warn(exc, translate("timeline", "Export follow-ups")))

    # --- refreshing ----------------------------------------------------------------
    def customer_changed(self, customer_id: str | None) -> None:
        self.panel.set_customer(customer_id)
        self.refresh_header(customer_id)

    def refresh_header(self, customer_id: str | None) -> None:
        self._header_generation += 1
        gen = self._header_generation
        if not customer_id:
            self.header.hide()
            return
        svc = self.timeline

        def done(h: CustomerHeader) -> None:
            if gen == self._header_generation:
                self.show_header(h)

        self.runner.run(lambda: svc.header(customer_id), done, lambda _e: self.header.hide())

    def show_header(self, h: CustomerHeader) -> None:
        """Render the last contact and the open next step (what whoever picks up the customer continues)."""
        e = html.escape
        parts = []
        if h.last_contact:
            c = h.last_contact
            what = " · ".join(x for x in (label(c.channel), label(c.outcome)) if x)
            parts.append(translate("timeline", "<b>Last contact:</b> {when} {what} — {summary}").format(
                when=e(c.occurred_at.astimezone().strftime("%Y-%m-%d")), what=e(what),
                summary=e(_shown(c, c.summary).splitlines()[0] if c.summary else "")))
        else:
            parts.append(translate("timeline", "<b>Last contact:</b> none yet"))
        if h.next_step:
            n = h.next_step
            overdue = n.next_due_at is not None and n.next_due_at < self.ctx.now()
            due = e(n.next_due_at.astimezone().strftime("%Y-%m-%d %H:%M")) if n.next_due_at else ""
            text = translate("timeline", "<b>Next step:</b> {step} (due {due})").format(
                step=e(_shown(n, n.next_step)), due=due)
            if overdue:
                text = f"<span style='color:#c62828'>{text}</span>"
            if h.open_count > 1:
                text += " " + e(translate("timeline", "+{n} more open").format(n=h.open_count - 1))
            parts.append(text)
        else:
            parts.append(translate("timeline", "<b>Next step:</b> none planned"))
        self.header.setText("<br>".join(parts))
        self.header.show()

    def data_changed(self, changes: Changes) -> None:
        """Reload the tab and the header when the current customer's timeline changed; the follow-ups page and
        the reminders when next steps, names, birthdays or who "mine" is changed."""
        if changes.customers is None or changes.touches(Kind.CUSTOMER, Kind.PERSON):
            self.followups_service.invalidate()  # a merge, an import or a restore may bring new spellings of a name
        cid = self.window.current_customer_id()
        if changes.touches(*TIMELINE_KINDS) and changes.touches_customer(cid):
            if cid != self.panel.model.customer_id:
                self.panel.set_customer(cid)
            else:
                self.panel.model.reload()
            self.refresh_header(cid)
        if changes.touches(*FOLLOWUP_KINDS):
            self.followups.panel.refresh()
            self.reminders.recount()
            self.reminders.check()


def _shown(row: Any, text: str) -> str:
    """A contact's text for display: the satisfaction call's, written by the app, in the reader's language."""
    return stored_text(text, translate) if row.complaint_id else text


def install(window: Any) -> TimelineFeature:
    """Add the timeline, follow-ups, orders and reminders to *window* (see the module docstring)."""
    return TimelineFeature(window)
