"""Installs the call list: the "Today's calls" dock on the left, its View toggle, "Why not on
today's list?", "Back on today's calls" and "Call the customers in this list" (Ctrl+Shift+L) in the
Customer menu, and "Today's calls…" in Settings.  It runs call sessions for the other features
(``window.call_customers``: the customer list's "Call these customers", the dashboard's bars).

Every read and write runs on the task runner; the settings dialog shows a refused
save in itself and stays open.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from crm_desktop.domain.calllist import CallListSettings, render_reason
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.calllist import CallListService
from crm_desktop.ui.calllist.panel import CallListPanel, SnoozeCommand
from crm_desktop.ui.calllist.session import list_title
from crm_desktop.ui.calllist.settings_dialog import CallListSettingsDialog
from crm_desktop.ui.shell.labels import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def why_not_text(result: Any) -> str:
    """The why-not answer as lines in the UI's language."""
    lines = [render_reason(r, QCoreApplication.translate) for r in result.explanations]
    if result.candidate_reasons and not result.on_list:
        lines.append(translate("CallListFeature", "Reasons to call them:"))
        lines += ["• " + render_reason(r, QCoreApplication.translate) for r in result.candidate_reasons[:3]]
    return "\n".join(lines)


class CallListFeature(QObject):
    """The call list of one main window: the dock's panel, and the actions around it."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: CallListService = window.services.get(CallListService)
        self.last_dialog: CallListSettingsDialog | None = None
        self.panel = CallListPanel(window, self.service, window)
        self.dock = window.add_dock(self.panel, translate("CallListFeature", "Today's calls"),
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        toggle = self.dock.toggleViewAction()
        toggle.setText(translate("CallListFeature", "&Today's calls"))
        toggle.setObjectName("action_toggle_calllist")
        window.add_actions("view", [toggle], separate=False)

        self.why_action = QAction(translate("CallListFeature", "Why not on today's &list?"), window)
        self.why_action.setObjectName("action_why_not_on_list")
        self.why_action.triggered.connect(lambda _c=False: self.show_why_not())
        window.add_actions("customer", [self.why_action], for_customer=True)

        self.unsnooze_action = QAction(translate("CallListFeature", "&Back on today's calls"), window)
        self.unsnooze_action.setObjectName("action_unsnooze")
        self.unsnooze_action.setEnabled(False)
        self.unsnooze_action.triggered.connect(lambda _c=False: self.put_back())
        window.customer_shown.connect(self._shown)
        window.add_actions("customer", [self.unsnooze_action], separate=False)

        self.call_list_action = QAction(translate("CallListFeature", "&Call the customers in this list"), window)
        self.call_list_action.setObjectName("action_call_this_list")
        self.call_list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.call_list_action.setToolTip(translate("CallListFeature", "A call session through the customers the "
                                                   "customer list shows now, in place of today's calls"))
        self.call_list_action.triggered.connect(lambda _c=False: self.call_this_list())
        window.add_actions("customer", [self.call_list_action], separate=False)
        window.list_panel.call_requested.connect(self.call_this_list)
        window.provide_call_session(self.start_session)

        self.settings_action = QAction(translate("CallListFeature", "&Today's calls…"), window)
        self.settings_action.setObjectName("action_calllist_settings")
        self.settings_action.triggered.connect(lambda _c=False: self.edit_settings())
        window.add_actions("settings", [self.settings_action], separate=False)
        self.panel.refresh()

    def start_session(self, ids: list[str], title: str) -> None:
        """A call session through *ids* (a set named *title*) in the dock, shown and focused."""
        if not ids:
            self.window.statusBar().showMessage(translate("CallListFeature", "Nobody to call: the list is empty."),
                                                5000)
            return
        self.dock.show()
        self.dock.raise_()
        self.panel.start_session(ids, title)
        self.panel.focus_list()

    def call_this_list(self) -> None:
        """Customer › Call the customers in this list (and the list's "Call these customers"): the customers
        the list shows now, in its order, named after its subset or its filters."""
        panel = self.window.list_panel
        self.start_session(panel.model.ids(), list_title(panel))

    def show_why_not(self) -> None:
        cid = self.window.current_customer_id()
        if not cid:
            self.window.statusBar().showMessage(translate("CallListFeature", "Select a customer first."), 5000)
            return
        title = translate("CallListFeature", "Why not on today's list?")
        service = self.service
        whose = self.panel.whose()
        self.window.runner.run(lambda: service.why_not(cid, whose=whose),
                               lambda res: QMessageBox.information(self.window, title, why_not_text(res)),
                               lambda exc: QMessageBox.warning(self.window, title, error_text(exc)), urgent=True)

    def _shown(self, detail: Any) -> None:
        until = detail.snoozed_until if detail is not None else None
        self.unsnooze_action.setEnabled(until is not None and until > self.service.ctx.now())

    def put_back(self) -> None:
        """Customer › Back on today's calls: undoable (undo snoozes them again as before)."""
        cid = self.window.current_customer_id()
        if not cid:
            return
        service = self.service

        def job() -> datetime | None:
            before = service.snoozed_until(cid)
            service.snooze(cid, None)
            return before

        def done(before: datetime | None) -> None:
            self.window.undo_stack.push(SnoozeCommand(self.panel, cid, None, before,
                                                      translate("CallListFeature", "Back on today's calls")))
            self.unsnooze_action.setEnabled(False)
            self.panel.written(Changes.of(Kind.SNOOZE, customers=[cid]), select=cid)
            self.window.statusBar().showMessage(translate(
                "CallListFeature", "Back on today's calls. Undo with Ctrl+Z."), 5000)

        self.window.runner.run(job, done, lambda exc: self.panel.status.setText(error_text(exc)), urgent=True)

    def edit_settings(self) -> None:
        """Settings › Today's calls…: read the team's settings, then edit them in the dialog."""
        service = self.service

        def opened(current: CallListSettings) -> None:
            dialog = CallListSettingsDialog(current, service.save_settings, runner=self.window.runner,
                                            parent=self.window)
            self.last_dialog = dialog
            if dialog.exec():
                self.window.notify_changed(Changes.of(Kind.SETTING, customers=None))

        self.window.runner.run(service.settings, opened,
                               lambda exc: self.window.show_error(
                                   exc, translate("CallListFeature", "Call list settings")), urgent=True)


def install(window: Any) -> CallListFeature:
    """Add the call list to *window* (see the module docstring)."""
    return CallListFeature(window)
