"""The File menu's backup, merge, restore and undo actions, driven without blocking dialogs."""

from __future__ import annotations

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.backup_file import KdfParams
from crm_desktop.services.backup import BackupService

PASS = "correct horse battery staple"


@pytest.fixture
def feature(window, monkeypatch):
    f = window.backup_feature
    f.service.kdf = KdfParams.scrypt(n=16, r=8, p=1)
    monkeypatch.setattr("crm_desktop.ui.backup_feature.remembered_passphrase", lambda site: None)
    opened = []
    monkeypatch.setattr("crm_desktop.ui.backup_feature.QDesktopServices.openUrl", lambda url: opened.append(url))
    f.opened = opened
    return f


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
    from crm_desktop.ui.backup_feature import PassphraseDialog

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
    assert "Last backup" in feature.last_backup_label.text() or feature.last_backup_label.text()
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
    qtbot.waitUntil(lambda: "all" in changed, timeout=10000)
    preview = feature.last_preview_dialog
    assert preview.counts.rowCount() == 1
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
    qtbot.waitUntil(lambda: changed == ["all"], timeout=10000)
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.count() == 1 and feature.undo_action.isEnabled()
    feature.undo_restore()
    qtbot.waitUntil(lambda: changed == ["all", "all"], timeout=10000)
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert customers.count() == 2
