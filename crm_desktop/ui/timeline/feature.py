"""Wires the timeline, follow-ups, orders and reminders into the main window.

``install(window)`` adds:

* a **Timeline** tab beside the customer card and, in the card, a header line
  with the last contact and the open next step;
* a **Follow-ups** page (with a count badge in its tab title);
* actions in the Customer menu and toolbar: Log contact (Ctrl+L), New order,
  Import orders, Undo last order import, Export follow-ups (.ics);
* ``window.log_contact(customer_id)`` so other features (the call list) open
  the same dialog;
* reminders: at start and every minute, follow-ups that fell due are announced
  once through the system tray where the platform has one, in the status bar
  otherwise; the page's badge always shows how many are due.

Every write calls ``window.notify_changed("interaction")`` or ``("order")``;
deletes, edits, snoozes and mark-done go on the window's undo stack.
"""

from __future__ import annotations

import html
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QStyle, QSystemTrayIcon

from crm_desktop import APP_DISPLAY_NAME
from crm_desktop.exchange.ical import write_calendar
from crm_desktop.exchange.orders_import import OrdersImporter
from crm_desktop.services.complaints import stored_text
from crm_desktop.services.followups import FollowUp, FollowUpService, record_satisfaction
from crm_desktop.services.orders import OrderService
from crm_desktop.services.timeline import ContactLogInput, CustomerHeader, TimelineService
from crm_desktop.ui.shell.files import choose_save
from crm_desktop.ui.timeline.followups_panel import FollowupsPanel, what_text
from crm_desktop.ui.shell.labels import error_text, label
from crm_desktop.ui.timeline.log_contact import LogContactDialog
from crm_desktop.ui.timeline.order_dialog import OrderDialog
from crm_desktop.ui.timeline.orders_import_dialog import OrdersImportDialog
from crm_desktop.ui.timeline.panel import TimelinePanel

REMINDER_INTERVAL_MS = 60_000


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline", text)


class _Command(QUndoCommand):
    """An undoable change already applied when pushed: the first redo does nothing."""

    def __init__(self, text: str, do, undo, after) -> None:
        super().__init__(text)
        self._do, self._undo, self._after = do, undo, after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._do()
        self._after()

    def undo(self) -> None:
        self._undo()
        self._after()


class TimelineFeature:
    """Holds the panels and actions of this feature for one window (see module docstring)."""

    def __init__(self, window) -> None:
        self.window = window
        services = window.services
        self.ctx = services.ctx
        self.timeline: TimelineService = services.get(TimelineService)
        self.followups: FollowUpService = services.get(FollowUpService)
        self.orders: OrderService = services.get(OrderService)
        self.runner = window.runner
        self.notified: set[str] = set()
        self._last_check = self.ctx.now()
        self._reminder_day = None
        self._reminder_owner: str | None = None
        self.badge_count = 0
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

        self.header = QLabel(window.card)
        self.header.setObjectName("timelineHeader")
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.header.setStyleSheet("background:#fff8e1;border:1px solid #ffe082;border-radius:4px;padding:6px")
        self.header.hide()
        window.card.layout().insertWidget(1, self.header)

        self.followups_panel = FollowupsPanel(self._load_followups, window.runner, self.ctx.now, window)
        self.followups_panel.setObjectName("followupsPanel")
        self.page_index = window.add_page(self.followups_panel, translate("timeline", "Follow-ups"))
        self.followups_panel.done_requested.connect(self.complete)
        self.followups_panel.snooze_requested.connect(self.snooze_by)
        self.followups_panel.reschedule_requested.connect(self.reschedule)
        self.followups_panel.open_requested.connect(self.open_customer)
        self.followups_panel.export_requested.connect(self.export_ics)
        self.due_label = QLabel(window)
        self.due_label.setObjectName("followupCounts")
        self.due_label.hide()
        window.statusBar().addPermanentWidget(self.due_label)

        self._build_actions()
        window.customer_changed.connect(self.customer_changed)
        window.data_changed.connect(self.data_changed)
        window.log_contact = self.log_contact

        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
                                        window)
            self.tray.setToolTip(APP_DISPLAY_NAME)
            self.tray.messageClicked.connect(self.show_followups)
            self.tray.show()
        self.timer = QTimer(window)
        self.timer.setInterval(REMINDER_INTERVAL_MS)
        self.timer.timeout.connect(self.check_reminders)
        self.timer.start()
        QTimer.singleShot(0, self.followups_panel.refresh)
        QTimer.singleShot(0, self.check_reminders)

    # --- actions -----------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.log_action = QAction(translate("timeline", "&Log contact…"), w)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(lambda: self._with_current(self.log_contact))
        self.order_action = QAction(translate("timeline", "New &order…"), w)
        self.order_action.triggered.connect(lambda: self._with_current(self.new_order))
        self.import_action = QAction(translate("timeline", "&Import orders…"), w)
        self.import_action.triggered.connect(self.import_orders)
        self.undo_import_action = QAction(translate("timeline", "Undo last order import"), w)
        self.undo_import_action.setEnabled(False)
        self.undo_import_action.triggered.connect(self.undo_import)
        self.export_action = QAction(translate("timeline", "&Export follow-ups to calendar (.ics)…"), w)
        self.export_action.triggered.connect(self.export_ics)
        self.followups_action = QAction(translate("timeline", "Show &follow-ups"), w)
        self.followups_action.triggered.connect(self.show_followups)
        for a, name in ((self.log_action, "log_contact"), (self.order_action, "new_order"),
                        (self.import_action, "import_orders"), (self.undo_import_action, "undo_order_import"),
                        (self.export_action, "export_followups"), (self.followups_action, "show_followups")):
            a.setObjectName(f"action_{name}")
        w.add_actions("customer", [self.log_action, self.order_action])
        w.customer_actions += [self.log_action, self.order_action]
        w.add_actions("file", [self.import_action, self.undo_import_action, self.export_action])
        w.add_actions("view", [self.followups_action], separate=False)
        w.addAction(self.log_action)
        w.toolbar.addAction(self.log_action)

    def _with_current(self, fn) -> None:
        cid = self.window.current_customer_id()
        if cid:
            fn(cid)
        else:
            self.window.statusBar().showMessage(translate("timeline", "Pick a customer first."), 5000)

    def _warn(self, exc: BaseException, title: str = "") -> None:
        """One sentence in a box; *title* says what failed (none: the platform shows the app's name once)."""
        QMessageBox.warning(self.window, title, error_text(exc))

    def _push(self, text: str, do, undo, kind: str) -> None:
        self.window.undo_stack.push(_Command(text, do, undo, lambda: self.window.notify_changed(kind)))

    # --- logging contacts ----------------------------------------------------------
    def log_contact(self, customer_id: str) -> str | bool:
        """Open the log dialog for *customer_id*; returns the new interaction id, or False if nothing was logged."""
        try:
            defaults = self.timeline.defaults(customer_id)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc)
            return False
        dialog = LogContactDialog(defaults, self.timeline.log_contact, now=self.ctx.now(), parent=self.window)
        self.last_dialog = dialog
        if not dialog.exec():
            return False
        new_id = dialog.saved.id
        answered = dialog.data().answers
        svc = self.timeline
        complaint, score = dialog.answered_complaint(), dialog.satisfaction_score
        if complaint and score is not None:
            try:
                record_satisfaction(self.ctx, complaint, score)
            except Exception as exc:  # noqa: BLE001 - the contact is logged; the score gets its sentence
                self._warn(exc)
            self.window.notify_changed("complaint")

        def redo() -> None:
            svc.restore(new_id)
            svc.set_steps_done(customer_id, answered, True)

        def undo() -> None:
            svc.delete(new_id)
            svc.set_steps_done(customer_id, answered, False)

        self._push(translate("timeline", "Log contact with “{name}”").format(name=defaults.name), redo, undo,
                   "interaction")
        self.window.notify_changed("interaction")
        self.window.statusBar().showMessage(translate("timeline", "Contact with “{name}” logged.").format(name=defaults.name), 5000)
        return new_id

    def edit_entry(self, entry) -> None:
        if entry.kind == "interaction":
            self._edit_contact(entry.id)
        elif entry.kind == "order":
            self._edit_order(entry.id)

    def _edit_contact(self, interaction_id: str) -> None:
        try:
            row = self.timeline.get(interaction_id)
            defaults = self.timeline.defaults(row.customer_id)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Edit contact"))
            return
        old = ContactLogInput(row.customer_id, row.channel, row.direction, row.occurred_at, row.summary, row.outcome,
                              row.next_step, row.next_due_at, row.contact_id, row.complaint_id)
        dialog = LogContactDialog(defaults, lambda data: self.timeline.update(interaction_id, data),
                                  now=self.ctx.now(), initial=row, title=translate("timeline", "Edit contact"),
                                  answering=None, parent=self.window)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved:
            new = dialog.data()
            self._push(translate("timeline", "Edit contact"), lambda: self.timeline.update(interaction_id, new),
                       lambda: self.timeline.update(interaction_id, old), "interaction")
            self.window.notify_changed("interaction")

    def delete_entry(self, entry) -> None:
        try:
            if entry.kind == "interaction":
                self.timeline.delete(entry.id)
                self._push(translate("timeline", "Delete contact"), lambda: self.timeline.delete(entry.id),
                           lambda: self.timeline.restore(entry.id), "interaction")
                self.window.notify_changed("interaction")
            elif entry.kind == "order":
                self.orders.delete(entry.id)
                self._push(translate("timeline", "Delete order"), lambda: self.orders.delete(entry.id),
                           lambda: self.orders.restore(entry.id), "order")
                self.window.notify_changed("order")
            else:
                return
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Delete"))
            return
        self.window.statusBar().showMessage(translate("timeline", "Deleted. Undo with Ctrl+Z."), 8000)

    # --- orders --------------------------------------------------------------------
    def new_order(self, customer_id: str) -> None:
        try:
            defaults = self.timeline.defaults(customer_id)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "New order"))
            return
        dialog = OrderDialog(customer_id, defaults.name, self.orders.create, today=self.ctx.now(), parent=self.window)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved:
            oid = dialog.saved.id
            self._push(translate("timeline", "New order"), lambda: self.orders.restore(oid), lambda: self.orders.delete(oid), "order")
            self.window.notify_changed("order")

    def _edit_order(self, order_id: str) -> None:
        try:
            row = self.orders.get(order_id)
            defaults = self.timeline.defaults(row.customer_id)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Edit order"))
            return
        dialog = OrderDialog(row.customer_id, defaults.name, lambda data: self.orders.update(order_id, data),
                             today=self.ctx.now(), initial=row, parent=self.window)
        self.last_dialog = dialog
        if dialog.exec():
            self.window.notify_changed("order")

    def import_orders(self) -> None:
        importer = OrdersImporter(self.ctx)
        dialog = OrdersImportDialog(lambda path, create: importer.prepare_file(path, create_missing=create),
                                    importer.run, self.runner, self.window)
        dialog.imported.connect(self._imported)
        self.last_dialog = dialog
        dialog.open()

    def _imported(self, result) -> None:
        self.last_import = result.batch_id
        self.undo_import_action.setEnabled(True)
        if result.customers:
            self.window.customers.invalidate()
            self.window.list_panel.refresh()
            self.window.notify_changed("customer")
        self.window.notify_changed("order")
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
            self.window.customers.invalidate()
            self.window.list_panel.refresh()
            self.window.notify_changed("customer")
            self.window.notify_changed("order")
            self.window.statusBar().showMessage(translate("timeline", "Import undone: %n order(s) removed.", "", removed), 8000)

        self.runner.run(lambda: importer.undo(batch), done,
                        lambda exc: self._warn(exc, translate("timeline", "Undo last order import")))

    # --- follow-ups ----------------------------------------------------------------
    def _owner(self, only_mine: bool = True) -> str | None:
        return self.ctx.user if only_mine and self.ctx.user else None

    def _load_followups(self, only_mine: bool) -> tuple[list[FollowUp], int]:
        """The page's follow-ups, and (when "only mine" finds none) how many the whole team has."""
        owner = self._owner(only_mine)
        items = self.followups.upcoming(owner)
        team = len(self.followups.upcoming(None)) if owner is not None and not items else 0
        return items, team

    def recount(self) -> None:
        """Count the person's next steps due now again (after a write); badge, status bar and page follow."""
        svc, owner = self.followups, self._owner()
        self.runner.run(lambda: svc.count_due(owner), self.set_badge)

    def complete(self, f: FollowUp) -> None:
        """Mark done (asking the outcome, offering a new next step) or, for an occasion, log the greeting."""
        try:
            defaults = self.timeline.defaults(f.customer_id)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Follow-up"))
            return
        if f.kind == "next_step":
            initial = ContactLogInput(f.customer_id, channel=f.channel or defaults.channel, summary=f.what,
                                      complaint_id=f.complaint_id)
            holder: dict = {}

            def save(data: ContactLogInput):
                return self.followups.complete(f.id, data, holder["dialog"].satisfaction_score)

            dialog = LogContactDialog(defaults, save, now=self.ctx.now(), initial=initial,
                                      title=translate("timeline", "Done: {what}").format(what=f.what),
                                      ask_satisfaction=bool(f.complaint_id), answering=None, parent=self.window)
            holder["dialog"] = dialog
            self.last_dialog = dialog
            if not dialog.exec():
                return
            result = dialog.saved
            def redo() -> None:
                self.followups.complete(f.id)
                if result.new_id:
                    self.timeline.restore(result.new_id)

            self._push(translate("timeline", "Mark done: {what}").format(what=f.what), redo,
                       lambda: self.followups.reopen(f.id, result.new_id), "interaction")
            if result.satisfaction is False:
                self.window.statusBar().showMessage(
                    translate("timeline", "The satisfaction score was not recorded: complaint handling is not installed."), 10000)
        else:
            summary = translate("timeline", "Birthday greetings") if f.kind == "birthday" else translate("timeline", "Anniversary greetings")
            initial = ContactLogInput(f.customer_id, channel=f.channel or defaults.channel,
                                      summary=f"{summary}: {f.person_name}", outcome="reached")
            dialog = LogContactDialog(defaults, lambda data: self.followups.greet(f, data), now=self.ctx.now(),
                                      initial=initial, title=what_text(f), answering=None, parent=self.window)
            self.last_dialog = dialog
            if not dialog.exec():
                return
            gid = dialog.saved.id
            self._push(summary, lambda: self.timeline.restore(gid), lambda: self.timeline.delete(gid), "interaction")
        self.window.notify_changed("interaction")

    def snooze_by(self, f: FollowUp, delta: timedelta) -> None:
        try:
            old = f.due
            new = self.followups.snooze_by(f.id, delta).due
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Snooze"))
            return
        self._push(translate("timeline", "Snooze “{what}”").format(what=f.what), lambda: self.followups.snooze(f.id, new),
                   lambda: self.followups.reschedule_back(f.id, old), "interaction")
        self.window.notify_changed("interaction")

    def reschedule(self, f: FollowUp, when) -> None:
        try:
            old = self.followups.snooze(f.id, when).previous
        except Exception as exc:  # noqa: BLE001
            self._warn(exc, translate("timeline", "Reschedule"))
            return
        self._push(translate("timeline", "Reschedule “{what}”").format(what=f.what), lambda: self.followups.snooze(f.id, when),
                   lambda: self.followups.reschedule_back(f.id, old), "interaction")
        self.window.notify_changed("interaction")

    def open_customer(self, customer_id: str) -> None:
        self.window.open_customer(customer_id, self.panel)

    def show_followups(self) -> None:
        self.window.pages.setCurrentIndex(self.page_index)
        self.window.raise_()
        self.window.activateWindow()

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
        owner = self._owner(self.followups_panel.only_mine.isChecked())
        labels = {"birthday": translate("timeline", "Birthday: {name}"), "anniversary": translate("timeline", "Anniversary: {name}"),
                  "next_step": translate("timeline", "{what} — {customer}"), "phone": translate("timeline", "Phone"), "said": translate("timeline", "Last time")}
        svc, now = self.followups, self.ctx.now

        def job() -> int:  # a list for reaching people: do-not-contact customers are left out
            return write_calendar(path, svc.upcoming(owner, reachable_only=True), now(), labels)

        self.runner.run(job, lambda n: self.window.statusBar().showMessage(
            translate("timeline", "%n follow-up(s) written to {path}.", "", n).format(path=path), 8000),
            lambda exc: self._warn(exc, translate("timeline", "Export follow-ups")))

    # --- reminders -----------------------------------------------------------------
    def set_badge(self, n: int) -> None:
        """Show *n* = the person's next steps due now, the same figure in the tab, the status bar and the page."""
        self.badge_count = n
        title = translate("timeline", "Follow-ups")
        pages = self.window.pages
        pages.setTabText(self.page_index, translate("timeline", "{title} ({n})").format(title=title, n=n)
                         if n else title)
        text = translate("timeline", "Follow-ups due now: %n", "", n)
        pages.setTabToolTip(self.page_index, text)
        self.due_label.setText(text)
        self.due_label.setVisible(n > 0)
        self.followups_panel.set_due_count(n)

    def check_reminders(self) -> None:
        """Announce follow-ups that fell due since the last check (each once per session).

        The first check of a day reads everything due and today's occasions; later ones only what
        fell due since the previous check (a few index entries), so a minute timer costs nothing.
        """
        svc, owner = self.followups, self._owner()
        now = self.ctx.now()
        today = now.astimezone().date()
        first = self._reminder_day != today or self._reminder_owner != owner
        since = None if first else self._last_check - timedelta(minutes=1)
        self._last_check, self._reminder_day, self._reminder_owner = now, today, owner

        known = frozenset(self.notified)

        def job():
            # the exact count walks every open step due (≈0.2 s on a million interactions): only at the
            # first check of the day and when a step newly fell due; writes recount through recount()
            items = svc.due_now(owner, since=since, occasions=first)
            newly_due = any(f.kind == "next_step" and f.id not in known for f in items)
            return items, svc.count_due(owner) if first or newly_due else None

        self.runner.run(job, self._remind)

    def _remind(self, found) -> None:
        items, due_count = found
        fresh = [f for f in items if f.id not in self.notified]
        self.notified.update(f.id for f in items)
        if due_count is not None:
            self.set_badge(due_count)
        if not fresh:
            return
        lines = [translate("timeline", "{customer}: {what}").format(customer=f.customer_name, what=what_text(f))
                 for f in fresh[:5]]
        if len(fresh) > 5:
            lines.append(translate("timeline", "… and {n} more").format(n=len(fresh) - 5))
        title = translate("timeline", "%n follow-up(s) due", "", len(fresh))
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, "\n".join(lines), QSystemTrayIcon.MessageIcon.Information, 15000)
        else:
            # the status bar holds one short line (the rest was cut off on a laptop): the count, the first
            # one, and where the others are
            first = lines[0]
            more = (translate("timeline", "{first} … (View › Show follow-ups)").format(first=first)
                    if len(fresh) > 1 else first)
            self.window.statusBar().showMessage(translate("timeline", "{title}: {items}").format(
                title=title, items=more), 30000)
        self.last_reminder = (title, lines)

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
            text = translate("timeline", "<b>Next step:</b> {step} (due {due})").format(step=e(_shown(n, n.next_step)),
                                                                                       due=due)
            if overdue:
                text = f"<span style='color:#c62828'>{text}</span>"
            if h.open_count > 1:
                text += " " + e(translate("timeline", "+{n} more open").format(n=h.open_count - 1))
            parts.append(text)
        else:
            parts.append(translate("timeline", "<b>Next step:</b> none planned"))
        self.header.setText("<br>".join(parts))
        self.header.show()

    def data_changed(self, kind: str) -> None:
        self.followups.invalidate()  # a merge, an import or a restore may bring new spellings of a name
        if kind in ("interaction", "order", "complaint", "customer"):
            cid = self.window.current_customer_id()
            if cid != self.panel.model.customer_id:
                self.panel.set_customer(cid)
            else:
                self.panel.model.reload()
            self.refresh_header(cid)
        if kind in ("interaction", "customer", "complaint", "setting"):
            self.followups_panel.refresh()
            self.recount()
            self.check_reminders()


def _shown(row, text: str) -> str:
    """A contact's text for display: the satisfaction call's, written by the app, in the reader's language."""
    return stored_text(text, translate) if row.complaint_id else text


def install(window) -> None:
    window.timeline_feature = TimelineFeature(window)
