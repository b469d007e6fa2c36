"""The File menu's backup, merge, restore and undo actions, driven without blocking dialogs."""

from __future__ import annotations

import pytest

from crm_desktop.domain.changes import Changes
from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.backup_file import KdfParams
from crm_desktop.services.backup import BackupService
from crm_desktop.ui.backup.feature import BackupFeature

PASS = "correct horse battery staple"


@pytest.fixture
def feature(window, monkeypatch):
    f = window.feature(BackupFeature)
    f.service.kdf = KdfParams.scrypt(n=16, r=8, p=1)
    monkeypatch.setattr("crm_desktop.ui.backup.feature.remembered_passphrase", lambda site: None)
    opened = []
    monkeypatch.setattr("crm_desktop.ui.backup.feature.QDesktopServices.openUrl", lambda url: opened.append(url))
    f.opened = opened
    return f


@pytest.fixture
def chinese_ui(qapp):
    """The app's translators for 简体中文, removed again afterwards."""
    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield qapp
    install_translators(qapp, "en")


def _answer(feature, seen, accept=True):
    def hook(dialog):
        seen.append(dialog)
        if hasattr(dialog, "edit"):
            dialog.edit.setText(PASS)
            dialog.confirm.setText(PASS)
            return dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return accept

    feature.dialog_hook = hook


def test_menu_has_the_backup_actions(window):
    """File offers Back up…, Restore…, Merge a teammate's backup… and Undo restore."""
    texts = [a.text() for a in window.menus["file"].actions()]
    for t in ("&Back up…", "&Restore…", "&Merge a teammate's backup…", "&Undo restore"):
        assert t in texts


def test_passphrase_dialog_needs_a_strong_confirmed_passphrase(qtbot):
    """OK stays disabled until the passphrase is strong enough and repeated exactly."""
    from crm_desktop.ui.backup.feature import PassphraseDialog

    d = PassphraseDialog(new=True)
    qtbot.addWidget(d)
    ok = d.buttons.button(d.buttons.StandardButton.Ok)
    d.edit.setText("123456")
    assert not ok.isEnabled()
    d.edit.setText(PASS)
    assert not ok.isEnabled()
    d.confirm.setText(PASS)
    assert ok.isEnabled() and d.strength.text()


def test_backup_then_send_and_merge_with_preview(window, feature, qtbot, tmp_path, customers):
    """Back up (then Send opens mailto and the folder), merge shows the preview and refreshes the list."""
    seen = []
    _answer(feature, seen)
    out = tmp_path / "team.crmbak"
    customers.create(CustomerInput(name="张伟"))
    feature.backup(str(out))
    qtbot.waitUntil(lambda: window.runner.pending == 0 and out.exists())
    qtbot.waitUntil(lambda: len(feature.opened) == 2)
    assert feature.opened[0].scheme() == "mailto"
    assert feature.opened[1].toLocalFile() == str(out.parent)  # the folder holding the file to attach
    backed_up_at = customers.ctx.now().astimezone().strftime("%Y-%m-%d %H:%M")
    qtbot.waitUntil(lambda: feature.last_backup_label.text() == f"Last backup: {backed_up_at}")
    # a teammate's backup with one more customer
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    other = open_database(tmp_path / "other.sqlite")
    try:
        ctx = ServiceContext(other, user="王磊", now=customers.ctx.now)  # the same "now" as this book
        CustomerService(ctx).create(CustomerInput(name="韩梅梅"))
        svc = BackupService(ctx)
        svc.kdf = feature.service.kdf
        svc.backup(tmp_path / "theirs.crmbak", PASS)
    finally:
        other.close()
    changed = []
    window.data_changed.connect(changed.append)
    feature.merge(str(tmp_path / "theirs.crmbak"))
    qtbot.waitUntil(lambda: Changes.everything() in changed, timeout=10000)
    preview = feature.last_preview_dialog
    assert preview.counts.rowCount() == 2  # the customer, and 王磊 as a member of the team
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.count() == 2


def test_restore_and_undo_restore_refresh_the_window(window, feature, qtbot, tmp_path, customers):
    """Restore replaces the data and Undo restore brings it back; both refresh the list."""
    seen = []
    _answer(feature, seen)
    customers.create(CustomerInput(name="张伟"))
    out = tmp_path / "b.crmbak"
    feature.service.backup(out, PASS)
    customers.create(CustomerInput(name="王芳"))
    changed = []
    window.data_changed.connect(changed.append)
    feature.restore(str(out))
    qtbot.waitUntil(lambda: changed == [Changes.everything()], timeout=10000)
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.count() == 1 and feature.undo_action.isEnabled()
    feature.undo_restore()
    qtbot.waitUntil(lambda: changed == [Changes.everything()] * 2, timeout=10000)
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.count() == 2


def _other_backup(tmp_path, customers, feature, *, made_by="王磊"):
    """A teammate's backup (made with this test's clock) holding one customer of their own."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    other = open_database(tmp_path / "teammate.sqlite")
    try:
        ctx = ServiceContext(other, user=made_by, now=customers.ctx.now)
        CustomerService(ctx).create(CustomerInput(name="韩梅梅"))
        svc = BackupService(ctx)
        svc.kdf = feature.service.kdf
        svc.backup(tmp_path / "theirs.crmbak", PASS)
    finally:
        other.close()
    return tmp_path / "theirs.crmbak"


def test_merge_preview_names_the_sender_and_the_kinds_of_records(window, feature, qtbot, tmp_path, customers):
    """The preview says who made the backup (a person, not a site id) and lists translated record kinds."""
    seen = []
    _answer(feature, seen, accept=False)
    feature.merge(str(_other_backup(tmp_path, customers, feature)))
    qtbot.waitUntil(lambda: hasattr(feature, "last_preview_dialog"), timeout=10000)
    dialog = feature.last_preview_dialog
    assert "王磊" in dialog.sender_label.text()
    kinds = {dialog.counts.item(r, 0).text() for r in range(dialog.counts.rowCount())}
    assert kinds == {"Customers", "Team members"}  # the customer and its owner, 王磊


def test_merge_preview_in_chinese(window, feature, qtbot, tmp_path, customers, chinese_ui):
    """In 简体中文 the record kinds and the sentence about the sender are Chinese."""
    seen = []
    _answer(feature, seen, accept=False)
    feature.merge(str(_other_backup(tmp_path, customers, feature)))
    qtbot.waitUntil(lambda: hasattr(feature, "last_preview_dialog"), timeout=10000)
    dialog = feature.last_preview_dialog
    kinds = {dialog.counts.item(r, 0).text() for r in range(dialog.counts.rowCount())}
    assert kinds == {"客户", "团队成员"}
    assert "王磊" in dialog.sender_label.text() and "备份" in dialog.sender_label.text()


def test_cancelling_a_merge_preview_leaves_restore_and_undo_working(window, feature, qtbot, tmp_path, customers):
    """Cancel the preview, then restore and undo restore: both work (no "There is no restore to undo")."""
    seen, failures = [], []
    _answer(feature, seen, accept=False)
    feature._fail = lambda exc: failures.append(exc)
    feature.merge(str(_other_backup(tmp_path, customers, feature)))
    qtbot.waitUntil(lambda: hasattr(feature, "last_preview_dialog") and window.runner.pending == 0, timeout=10000)
    assert "cancelled" in window.statusBar().currentMessage()
    assert customers.count() == 0
    customers.create(CustomerInput(name="张伟"))
    mine = tmp_path / "mine.crmbak"
    feature.service.backup(mine, PASS)
    customers.create(CustomerInput(name="王芳"))
    _answer(feature, seen, accept=True)
    feature.restore(str(mine))
    qtbot.waitUntil(lambda: window.runner.pending == 0 and feature.undo_action.isEnabled(), timeout=10000)
    assert customers.count() == 1
    feature.undo_restore()
    qtbot.waitUntil(lambda: window.runner.pending == 0 and customers.count() == 2, timeout=10000)
    assert failures == []


def test_applying_a_closed_preview_says_so(ctx, customers, tmp_path):
    """merge_apply on a discarded preview names the real problem, not a missing restore."""
    from crm_desktop.services.backup import PreviewClosedError

    svc = BackupService(ctx)
    svc.kdf = KdfParams.scrypt(n=16, r=8, p=1)
    customers.create(CustomerInput(name="张伟"))
    svc.backup(tmp_path / "b.crmbak", PASS)
    preview = svc.merge_preview(tmp_path / "b.crmbak", PASS)
    preview.discard()
    with pytest.raises(PreviewClosedError, match="closed"):
        svc.merge_apply(preview)


def test_the_quit_backup_waits_for_the_running_job_and_the_window_does_not(window, feature, qtbot, customers, runner,
                                                                           clock):
    """Closing the window writes no backup; the runner's shutdown makes one holding the last job's work."""
    import threading
    from datetime import timedelta

    before = len(feature.service.auto_backups())
    clock.value += timedelta(hours=2)
    release = threading.Event()

    def slow_job():
        release.wait(10)
        customers.create(CustomerInput(name="最后一位"))

    runner.run(slow_job)
    window.close()
    assert len(feature.service.auto_backups()) == before  # closing is instant: nothing written yet
    release.set()
    runner.shutdown()
    files = feature.service.auto_backups()
    assert len(files) == before + 1
    import sqlite3
    names = {r[0] for r in sqlite3.connect(files[-1]).execute("SELECT name FROM customer")}
    assert "最后一位" in names


def test_a_new_window_for_another_language_writes_no_backup(qtbot, services, runner, settings, customers):
    """Rebuilding the window (as a language switch does) and closing the old one makes no automatic backup."""
    from crm_desktop.ui.shell.main_window import MainWindow

    customers.create(CustomerInput(name="张伟"))
    first = MainWindow(services, runner, settings, db_label="x")
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: runner.pending == 0)
    made = len(first.feature(BackupFeature).service.auto_backups())
    second = MainWindow(services, runner, settings, db_label="x")
    qtbot.addWidget(second)
    first.close()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert len(second.feature(BackupFeature).service.auto_backups()) == made


def test_a_failed_quit_backup_is_said_at_the_next_start(window, feature, qtbot, customers, runner, monkeypatch,
                                                        services, settings):
    """The quit-time backup fails (disk full): the next window says so in the status bar, in one sentence."""
    from crm_desktop.db.errors import DiskFullError
    from crm_desktop.ui.shell.main_window import MainWindow

    customers.create(CustomerInput(name="张伟"))

    def full(*_a, **_k):
        raise DiskFullError(feature.service.db_path, 4096)

    monkeypatch.setattr(BackupService, "auto_backup", full)
    window.close()
    runner.shutdown()
    monkeypatch.undo()
    from crm_desktop.ui.shell.tasks import TaskRunner

    again = TaskRunner()
    try:
        later = MainWindow(services, again, settings, db_label="x")
        qtbot.addWidget(later)
        message = later.statusBar().currentMessage()
        assert "automatic backup" in message and "full" in message
    finally:
        again.shutdown()


def test_a_failed_daily_backup_is_said_in_the_status_bar(window, feature, qtbot, customers, monkeypatch):
    """An automatic backup error is not swallowed: the status bar gives its sentence."""
    from crm_desktop.exchange.backup_file import DatabaseReadError

    customers.create(CustomerInput(name="张伟"))

    def broken(*_a, **_k):
        raise DatabaseReadError()

    monkeypatch.setattr(BackupService, "auto_backup_due", lambda self, every=None: True)
    monkeypatch.setattr(BackupService, "auto_backup", broken)
    feature.auto_backup_if_due()
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert "could not be read" in window.statusBar().currentMessage()
    assert feature.last_backup_label.toolTip()


def test_the_list_reads_nothing_while_a_restore_swaps_the_file(window, feature, qtbot, tmp_path, customers,
                                                               monkeypatch):
    """During the restore the customer list is busy (no rows read, no search); afterwards it shows the
    restored book."""
    seen = []
    _answer(feature, seen)
    customers.create(CustomerInput(name="张伟"))
    out = tmp_path / "b.crmbak"
    feature.service.backup(out, PASS)
    customers.create(CustomerInput(name="王芳"))
    window.list_panel.refresh()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 2 and window.runner.pending == 0)
    model = window.list_panel.model
    during = []
    restore = BackupService.restore

    def watched(self, *args, **kwargs):
        during.append(model.busy)
        return restore(self, *args, **kwargs)

    monkeypatch.setattr(BackupService, "restore", watched)
    feature.restore(str(out))
    qtbot.waitUntil(lambda: bool(during))
    assert during == [True]
    qtbot.waitUntil(lambda: window.runner.pending == 0 and not model.busy)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.row_data(0).name == "张伟"
