"""File menu: Back up…, Restore…, Merge a teammate's backup…, Undo restore.

Everything heavy runs through ``window.runner.run_long`` (progress in the
status bar, the window never freezes); while a restore, its undo or a merge
swaps or rewrites the book's file the customer list reads nothing
(``window.data_replacing`` / ``data_replaced``), and afterwards every panel
reloads.  The team passphrase is asked in
:class:`PassphraseDialog` (strength shown and confirmation when it is set);
it can be remembered in the OS keyring when the user ticks the box and the
``keyring`` package works.

Automatic local backups (plain SQLite, see :mod:`crm_desktop.services.backup`)
are made while the window is open once a day, and when the app quits — only
when the book changed since the last one.  At quit the window closes at
once and the backup is written after the last database job finished (the
task runner's shutdown), so a job still running is never skipped and nobody
waits for it; switching the language (a new window) writes none.  A failed
automatic backup says so in the status bar, or at the next start when it
happened at quit.  How many are kept is ``backup/keep_last`` in the settings
file (default 10); they also stay within a disk budget (a few times the
book's size).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, QUrl, QUrlQuery
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
)

from crm_desktop.domain.changes import Changes
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, format_message
from crm_desktop.services.backup import DEFAULT_KEEP, FILE_SUFFIX, BackupService, passphrase_strength
from crm_desktop.ui.backup.merge_preview import MergePreviewDialog
from crm_desktop.ui.shell.files import choose_open, choose_save
from crm_desktop.ui.shell.labels import error_text

_KEYRING_SERVICE = "crm-desktop team passphrase"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupFeature", text)


def _keyring() -> Any:
    try:
        import keyring

        return keyring
    except Exception:  # noqa: BLE001 - no keyring backend: the option is simply not offered
        return None


def remembered_passphrase(site: str) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        password = kr.get_password(_KEYRING_SERVICE, site)
    except Exception:  # noqa: BLE001
        return None
    return password if isinstance(password, str) else None


class PassphraseDialog(QDialog):
    """Asks for the team passphrase; with ``new=True`` shows its strength and asks to confirm it."""

    def __init__(self, parent: Any = None, *, new: bool) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("Team passphrase"))
        form = QFormLayout(self)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase:"), self.edit)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel(self)
        if new:
            form.addRow(self.tr("Repeat:"), self.confirm)
            form.addRow(self.tr("Strength:"), self.strength)
            form.addRow(QLabel(
                self.tr("Tell teammates the passphrase in person or by phone, never in the same e-mail."), self))
        self.remember = QCheckBox(self.tr("Remember on this computer (system keyring)"), self)
        self.remember.setVisible(_keyring() is not None)
        form.addRow(self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.edit.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        text = self.edit.text()
        ok = bool(text)
        if self.new:
            score, _reason = passphrase_strength(text)
            labels = {0: self.tr("very weak"), 1: self.tr("too short"), 2: self.tr("weak"), 3: self.tr("fair"),
                      4: self.tr("strong")}
            self.strength.setText(labels[score])
            ok = ok and score >= 3 and text == self.confirm.text()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def passphrase(self) -> str:
        return self.edit.text()


class NothingSelectedToBackUp(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Select the customers to back up in the list first (Ctrl+click, Shift+click or Ctrl+A)."))


class NoNameForPartialBackup(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Set your name first (Settings › Your name…): the backup holds the customers you own."))


class BackupFeature(QObject):
    """The backup actions of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: BackupService = window.services.get(BackupService)
        self.settings = QSettings(str(window.settings.path), QSettings.Format.IniFormat)
        self.last_backup_label = QLabel(window)
        self.last_backup_label.setObjectName("lastBackup")
        window.add_status_widget(self.last_backup_label)
        self.backup_action = QAction(self.tr("&Back up…"), window)
        self.backup_mine_action = QAction(self.tr("Back up &my customers only…"), window)
        self.backup_mine_action.setToolTip(self.tr("For a teammate who should get your customers, not the whole "
                                                   "book: the file holds no one else's."))
        self.backup_selected_action = QAction(self.tr("Back up &selected customers…"), window)
        self.backup_selected_action.setToolTip(self.tr("Only the customers selected in the list, with everything "
                                                       "about them: for a teammate who should get just those."))
        self.restore_action = QAction(self.tr("&Restore…"), window)
        self.merge_action = QAction(self.tr("&Merge a teammate's backup…"), window)
        self.undo_action = QAction(self.tr("&Undo restore"), window)
        for a, name, slot in ((self.backup_action, "backup", self.backup),
                              (self.backup_mine_action, "backup_mine", self.backup_mine),
                              (self.backup_selected_action, "backup_selected", self.backup_selected),
                              (self.restore_action, "restore", self.restore),
                              (self.merge_action, "merge", self.merge),
                              (self.undo_action, "undo_restore", self.undo_restore)):
            a.setObjectName(f"action_{name}")
            # triggered(bool) would arrive as the file argument: call the slot with none
            a.triggered.connect(lambda _checked=False, slot=slot: slot())
        window.add_actions("file", [self.backup_action, self.backup_mine_action, self.backup_selected_action,
                                    self.restore_action,
                                    self.merge_action, self.undo_action])
        self.dialog_hook: Callable[[Any], bool] | None = None  # tests: called with each dialog instead of exec()
        self.last_auto_error = ""
        self.daily = QTimer(self)
        self.daily.setInterval(3600 * 1000)
        self.daily.timeout.connect(self.auto_backup_if_due)
        self.daily.start()
        if self.service.ctx.db.path is not None:
            svc = self.service
            # the book's lock is held by this window: what a killed backup left behind can go now
            window.runner.run(lambda: (svc.remove_leftovers(), svc.secure_files(), svc.adopt_shared_backups()))
        self._show_exit_error()
        self._refresh_status()
        QTimer.singleShot(0, self.auto_backup_if_due)
        self._backup_at_exit()

    # --- helpers ---------------------------------------------------------------------
    @property
    def keep(self) -> int:
        try:
            return max(1, int(str(self.settings.value("backup/keep_last", DEFAULT_KEEP))))
        except (TypeError, ValueError):
            return DEFAULT_KEEP

    def _exec(self, dialog: QDialog) -> bool:
        if self.dialog_hook is not None:
            return bool(self.dialog_hook(dialog))
        result = dialog.exec()
        if isinstance(dialog, QMessageBox):
            # a message box's exec() returns the button pressed, not Accepted
            return dialog.standardButton(dialog.clickedButton()) in (QMessageBox.StandardButton.Yes,
                                                                     QMessageBox.StandardButton.Ok)
        return result == QDialog.DialogCode.Accepted

    def _fail(self, exc: BaseException) -> None:
        # no title: the platform shows the app's name once (a title of the app's name showed it twice)
        QMessageBox.warning(self.window, "", error_text(exc))

    def _refresh_status(self) -> None:
        svc = self.service

        def show(found: Any) -> None:
            when, can_undo = found
            text = (self.tr("Last backup: {when}").format(when=when.astimezone().strftime("%Y-%m-%d %H:%M"))
                    if when else self.tr("No backup yet"))
            if self.last_auto_error:
                text = self.tr("Automatic backup failed") + " · " + text
            self.last_backup_label.setText(text)
            self.last_backup_label.setToolTip(self.last_auto_error)
            self.undo_action.setEnabled(can_undo)

        def failed(exc: BaseException) -> None:
            self.last_backup_label.setText(self.tr("No backup yet"))
            self.last_backup_label.setToolTip(error_text(exc))

        self.window.runner.run(lambda: (svc.last_backup_time(), svc.can_undo_restore()), show, failed)

    def ask_passphrase(self, *, new: bool) -> str | None:
        site = self.window.services.ctx.db.site_id
        stored = remembered_passphrase(site)
        if stored:
            return stored
        dialog = PassphraseDialog(self.window, new=new)
        if not self._exec(dialog):
            return None
        text = dialog.passphrase()
        if dialog.remember.isChecked() and (kr := _keyring()) is not None:
            try:
                kr.set_password(_KEYRING_SERVICE, site, text)
            except Exception:  # noqa: BLE001 - remembering is optional
                pass
        return text

    def _replace_data(self, label: str, job: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        """Run *job* (a restore, its undo, a merge) that swaps or rewrites the book's file: the list reads
        nothing meanwhile; afterwards every panel reloads (nothing changed when it failed)."""
        window = self.window

        def replaced(result: Any) -> None:
            window.data_replaced(Changes.everything())
            self._refresh_status()
            done(result)

        def failed(exc: BaseException) -> None:
            window.data_replaced(Changes())
            self._fail(exc)

        window.data_replacing()
        window.runner.run_long(label, job, replaced, failed)

    # --- actions ---------------------------------------------------------------------
    def backup(self, out: str | None = None, only_of: str | None = None,
               only_ids: list[str] | None = None) -> None:
        if out is None:
            name = f"crm-backup{FILE_SUFFIX}" if only_of is None else f"crm-backup-{only_of}{FILE_SUFFIX}"
            chosen = choose_save(self.window, "backups", self.tr("Back up"), name,
                                 [self.tr("CRM backups (*{suffix})").format(suffix=FILE_SUFFIX)], FILE_SUFFIX)
            out = chosen[0] if chosen else None
        if not out:
            return
        passphrase = self.ask_passphrase(new=True)
        if not passphrase:
            return
        svc = self.service
        self.window.runner.run_long(self.tr("Backing up"),
                                    lambda p: svc.backup(out, passphrase, progress=p.report, only_of=only_of,
                                                         only_ids=only_ids),
                                    self._backed_up, self._fail)

    def backup_selected(self, out: str | None = None) -> None:
        """File › Back up selected customers…: a backup holding the customers selected in the list only."""
        ids = self.window.list_panel.selected_ids()
        if not ids:
            self.window.show_error(NothingSelectedToBackUp(), self.tr("Back up"))
            return
        self.backup(out, only_ids=ids)

    def backup_mine(self, out: str | None = None) -> None:
        """File › Back up my customers only…: a backup holding my customers and nobody else's."""
        me = (self.service.ctx.user or "").strip()
        if not me:
            self.window.show_error(NoNameForPartialBackup(), self.tr("Back up"))
            return
        self.backup(out, only_of=me)

    def _backed_up(self, result: Any) -> None:
        self._refresh_status()
        if result.partial_of:
            self.window.statusBar().showMessage(self.tr("Backup of %n customer(s) of {whose} saved to {path}.", "",
                                                        result.customers or 0).format(whose=result.partial_of,
                                                                                      path=result.path), 8000)
        elif result.customers is not None:
            self.window.statusBar().showMessage(self.tr("Backup of %n selected customer(s) saved to {path}.", "",
                                                        result.customers).format(path=result.path), 8000)
        else:
            self.window.statusBar().showMessage(self.tr("Backup saved to {path}.").format(path=result.path), 8000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Backup saved"),
                          self.tr("Backup saved. Send the passphrase by another channel (phone, in person), "
                                  "never in the same e-mail."), parent=self.window)
        send = box.addButton(self.tr("Send…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_result_box = box
        chosen = self._exec(box)
        if (self.dialog_hook is not None and chosen) or box.clickedButton() is send:
            self.send(result.path)

    def mail_url(self, path: Path) -> QUrl:
        url = QUrl("mailto:")
        query = QUrlQuery()
        query.addQueryItem("subject", self.tr("CRM backup {name}").format(name=Path(path).name))
        query.addQueryItem("body", self.tr("Attached is my CRM backup ({name}). Merge it with File › Merge a "
                                           "teammate's backup. I will give you the passphrase by phone.")
                           .format(name=Path(path).name))
        url.setQuery(query)
        return url

    def send(self, path: Path) -> None:
        """Open the mail client with a prepared message and show the file to attach."""
        QDesktopServices.openUrl(self.mail_url(path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def restore(self, file: str | None = None) -> None:
        if file is None:
            file = choose_open(self.window, "backups", self.tr("Restore"),
                               [self.tr("CRM backups (*{suffix})").format(suffix=FILE_SUFFIX)])
        if not file:
            return
        sure = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore"),
                           self.tr("Replace all data by this backup? You can undo it with File › Undo restore."),
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        if not self._exec(sure):
            return
        passphrase = self.ask_passphrase(new=False)
        if not passphrase:
            return
        svc = self.service
        self._replace_data(self.tr("Restoring"), lambda p: svc.restore(file, passphrase, progress=p.report),
                           lambda _undo: None)

    def undo_restore(self) -> None:
        svc = self.service
        self._replace_data(self.tr("Undoing restore"), lambda p: svc.undo_restore(progress=p.report),
                           lambda _r: None)

    def merge(self, file: str | None = None) -> None:
        if file is None:
            file = choose_open(self.window, "backups", self.tr("Merge a teammate's backup"),
                               [self.tr("CRM backups (*{suffix})").format(suffix=FILE_SUFFIX)])
        if not file:
            return
        passphrase = self.ask_passphrase(new=False)
        if not passphrase:
            return
        svc = self.service
        self.window.runner.run_long(self.tr("Reading backup"),
                                    lambda p: svc.merge_preview(file, passphrase, progress=p.report),
                                    self._show_preview, self._fail)

    def _show_preview(self, preview: Any) -> None:
        dialog = MergePreviewDialog(preview, self.window)
        self.last_preview_dialog = dialog
        accepted = self._exec(dialog)
        if dialog.replan is not None:  # again, with the sender's rule as the person set it
            svc, only = self.service, dialog.replan

            def again(p: Any) -> Any:
                svc.set_only_own(preview.sender, only)
                return svc.merge_preview(preview.source, "", progress=p.report, incoming=preview.incoming,
                                         only_own=only)

            self.window.runner.run_long(self.tr("Reading backup"), again, self._show_preview, self._fail)
            return
        if not accepted:
            svc = self.service
            # forget the decrypted copy on the worker (it may be large); restore and undo stay as they were
            self.window.runner.run(preview.discard, lambda _r: self._refresh_status(), self._fail)
            self.window.statusBar().showMessage(self.tr("Merge cancelled; nothing was changed."), 8000)
            return
        svc = self.service
        self._replace_data(self.tr("Merging"), lambda p: svc.merge_apply(preview, progress=p.report), self._merged)

    def _merged(self, result: Any) -> None:
        self.window.statusBar().showMessage(
            self.tr("Merged: {n} changes, {c} kept as 2 versions, {b} brought back.").format(
                n=sum(c.total for c in result.counts.values()), c=result.conflict_count, b=result.brought_back), 10000)

    def auto_backup_if_due(self) -> None:
        """Once a day while the window is open: an automatic backup, if the book changed since the last one."""
        svc, keep = self.service, self.keep
        if svc.ctx.db.path is None:
            return

        def job() -> Any:
            if svc.auto_backup_due(every=timedelta(days=1)) and svc.auto_backup_needed():
                return svc.auto_backup(keep)
            return None

        self.window.runner.run(job, self._auto_done, self._auto_failed)

    def _auto_done(self, path: Any) -> None:
        if path is not None:
            self.last_auto_error = ""
        self._refresh_status()

    def _auto_failed(self, exc: BaseException) -> None:
        self.last_auto_error = error_text(exc)
        self.window.statusBar().showMessage(
            self.tr("The automatic backup failed: {reason}").format(reason=self.last_auto_error), 30000)
        self._refresh_status()

    def at_exit(self) -> None:
        """The automatic backup when the app quits (see :func:`exit_backup`)."""
        exit_backup(self.service, self.settings, self.keep)

    def _backup_at_exit(self) -> None:
        """Make the automatic backup once the task runner has shut down, for the newest window's book.

        The runner's shutdown waits for the job on the worker, so the backup holds its result, and it
        happens after the window has closed.  A new window (language switch) only replaces what is backed
        up (the hook has one name); it writes nothing itself.
        """
        service, keep = self.service, self.keep
        settings = QSettings(str(self.window.settings.path), QSettings.Format.IniFormat)
        self.window.runner.at_shutdown("exit backup", lambda: exit_backup(service, settings, keep))

    def _show_exit_error(self) -> None:
        raw = self.settings.value("backup/exit_error", "")
        if not raw:
            return
        try:
            error = json.loads(str(raw))
            reason = format_message(error["message"], error.get("params", {}), QCoreApplication.translate)
        except (ValueError, KeyError, TypeError):
            reason = str(raw)
        self.last_auto_error = reason
        self.window.statusBar().showMessage(
            self.tr("The automatic backup when the app last quit failed: {reason}").format(reason=reason), 30000)
        self.settings.remove("backup/exit_error")


def exit_backup(service: BackupService, settings: QSettings, keep: int) -> None:
    """The automatic backup when the app quits: the window is closed already and the worker has finished.

    Not needed when nothing changed since the last one; a failure is kept in
    the settings and said at the next start (there is no window to say it in).
    """
    if service.ctx.db.path is None:
        return
    try:
        if service.auto_backup_needed():
            service.auto_backup(keep)
        settings.remove("backup/exit_error")
    except Exception as exc:  # noqa: BLE001 - said at the next start, the window is gone
        if isinstance(exc, UserError):
            error = {"message": exc.message, "params": {k: str(v) for k, v in exc.params.items()}}
        else:
            error = {"message": QT_TRANSLATE_NOOP("errors", "Something went wrong: {detail}"),
                     "params": {"detail": str(exc)}}
        settings.setValue("backup/exit_error", json.dumps(error, ensure_ascii=False))
    settings.sync()


def install(window: Any) -> BackupFeature:
    """Add the backup actions to *window*'s File menu and the last-backup time to its status bar."""
    return BackupFeature(window)
