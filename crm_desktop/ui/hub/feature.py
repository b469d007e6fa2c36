"""File menu: Connect to team hub…, Sync now (Ctrl+Shift+Y); a background sync every few minutes; the
hub's state in the status bar ("Synced · 2 min ago" / "Offline, 14 changes waiting").

Every sync runs on the task runner, never on the window's thread.  A background sync that cannot reach
the hub only makes the status say "offline"; Sync now says why in the status bar when the hub is merely
unreachable, and in a message box for anything a person must act on (a refused login, TLS, a damaged
invitation).  After a sync that brought records every panel refreshes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout

from crm_desktop.domain.changes import Changes
from crm_desktop.services.hub import HubOfflineError, HubService, HubStatus, SyncResult
from crm_desktop.ui.shell.labels import error_text

BACKGROUND_MS = 3 * 60 * 1000
"""How often a connected book syncs in the background."""


class ConnectDialog(QDialog):
    """Paste the invitation the hub's administrator gave you."""

    def __init__(self, parent: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to team hub"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Paste the invitation your administrator gave you (one line starting with "
                               "crm-hub:). The password it holds is kept in this computer's keyring."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.invitation = QPlainTextEdit(self)
        self.invitation.setObjectName("hubInvitation")
        self.invitation.setPlaceholderText("crm-hub:…")
        layout.addWidget(self.invitation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 220)


class HubFeature(QObject):
    """The team hub actions and status of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service = HubService(window.services.ctx)
        self.syncing = False
        self.connected = False  # as the last status read said (the window never reads the book itself)
        self.first_pull = False  # the next sync may swap the file for the hub's book (as the status said)
        self.status_label = QLabel(window)
        self.status_label.setObjectName("hubStatus")
        self.status_label.hide()
        window.add_status_widget(self.status_label)
        self.connect_action = QAction(self.tr("Connect to team &hub…"), window)
        self.connect_action.setObjectName("action_hub_connect")
        self.connect_action.triggered.connect(lambda _checked=False: self.connect_hub())
        self.sync_action = QAction(self.tr("S&ync now"), window)
        self.sync_action.setObjectName("action_hub_sync")
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.triggered.connect(lambda _checked=False: self.sync_now())
        window.add_actions("file", [self.connect_action, self.sync_action])
        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_MS)
        self.timer.timeout.connect(self.background_sync)
        self.timer.start()
        self.minute = QTimer(self)  # "2 min ago" moves on
        self.minute.setInterval(60 * 1000)
        self.minute.timeout.connect(self.refresh_status)
        self.minute.start()
        self.refresh_status()
        QTimer.singleShot(2000, self.background_sync)

    # --- status ----------------------------------------------------------------------
    def refresh_status(self) -> None:
        svc = self.service
        self.window.runner.run(svc.status, self._show_status, lambda _exc: None)

    def _show_status(self, status: HubStatus) -> None:
        self.connected = status.connected
        self.first_pull = status.first_pull
        if not status.connected:
            self.status_label.hide()
            return
        self.status_label.show()
        if status.offline or status.last_sync is None:
            text = self.tr("Offline, %n change(s) waiting", "", status.waiting)
        elif status.waiting:
            text = self.tr("Synced · %1 · %n change(s) waiting", "", status.waiting).replace(
                "%1", self._ago(status.last_sync))
        else:
            text = self.tr("Synced · %1").replace("%1", self._ago(status.last_sync))
        self.status_label.setText(text)

    def _ago(self, when: datetime) -> str:
        minutes = max(0, int((self.window.services.ctx.now() - when).total_seconds() // 60))
        if minutes < 1:
            return self.tr("just now")
        if minutes < 120:
            return self.tr("%n min ago", "", minutes)
        return when.astimezone().strftime("%Y-%m-%d %H:%M")

    # --- actions ---------------------------------------------------------------------
    def connect_hub(self, invitation: str | None = None) -> None:
        if invitation is None:
            dialog = ConnectDialog(self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            invitation = dialog.invitation.toPlainText()
        svc = self.service
        text = invitation

        def job(progress: Any) -> SyncResult:
            svc.join(text)
            return svc.sync(progress=progress.report)

        self._run(job, manual=True, joined=True)

    def sync_now(self) -> None:
        if self.syncing:
            return
        if not self.connected:
            self.connect_hub()
            return
        svc = self.service
        self._run(lambda progress: svc.sync(progress=progress.report), manual=True)

    def background_sync(self) -> None:
        if self.syncing or not self.connected:
            return
        svc = self.service
        self._run(lambda progress: svc.sync(), manual=False)

    def _run(self, job: Any, *, manual: bool, joined: bool = False) -> None:
        self.syncing = True
        window = self.window
        # a book's first pull may swap its file for the hub's whole book: nothing reads it meanwhile
        replacing = joined or self.first_pull
        if replacing:
            window.data_replacing()

        def done(result: SyncResult) -> None:
            self.syncing = False
            self.connected = True
            if replacing:
                window.data_replaced(Changes.everything())
            elif result.pulled:
                window.notify_changed(Changes.everything())
            if manual:
                window.statusBar().showMessage(self.tr(
                    "Synced with the team hub: %1 sent, %2 received, %3 conflicts to review.")
                    .replace("%1", str(result.pushed)).replace("%2", str(result.pulled))
                    .replace("%3", str(result.conflicts)), 15000)
            self.refresh_status()

        def failed(exc: BaseException) -> None:
            self.syncing = False
            if replacing:
                window.data_replaced(Changes())
            self.refresh_status()
            if not manual:
                return
            if isinstance(exc, HubOfflineError):
                window.statusBar().showMessage(error_text(exc), 15000)
            else:
                QMessageBox.warning(window, "", error_text(exc))

        window.runner.run_long(self.tr("Syncing with the team hub…"), job, done, failed)


def install(window: Any) -> HubFeature:
    """Add the team hub actions to *window*'s File menu and the sync state to its status bar."""
    return HubFeature(window)
