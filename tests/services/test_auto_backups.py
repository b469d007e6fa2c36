"""Automatic local backups: one folder per book, a disk budget, only when the book changed, owner-only files."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hostile import PASS, service

from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.backup import BackupService, remove_leftovers
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def two_books(tmp_path, clock):
    """The real book and the demo book in one data folder, each with a customer."""
    opened = []
    for name in ("crm.sqlite", "demo.sqlite"):
        db = open_database(tmp_path / "data" / name)
        ctx = ServiceContext(db, user="李娜", now=clock)
        CustomerService(ctx).create(CustomerInput(name=f"张伟 {name}"))
        opened.append(ctx)
    yield opened
    for ctx in opened:
        ctx.db.close()


def _site_of(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()[0]
    finally:
        conn.close()


def test_each_book_keeps_and_prunes_its_own_automatic_backups(two_books, clock):
    """Backing up the demo never prunes the real book's files, and "due" counts only the book's own."""
    real, demo = (BackupService(c) for c in two_books)
    real.auto_backup(keep=2)
    assert not real.auto_backup_due() and demo.auto_backup_due()
    for _ in range(4):
        clock.value += timedelta(hours=1)
        demo.auto_backup(keep=2)
    assert len(real.auto_backups()) == 1 and len(demo.auto_backups()) == 2
    assert real.backup_dir != demo.backup_dir and real.backup_dir.parent == demo.backup_dir.parent
    assert {_site_of(p) for p in demo.auto_backups()} == {two_books[1].db.site_id}


def test_backups_in_the_old_shared_folder_go_to_their_own_book(two_books):
    """Files an earlier version left in backups/ move to the folder of the book whose site id they carry."""
    real, demo = (BackupService(c) for c in two_books)
    made = real.auto_backup()
    shared = real.backup_dir.parent / made.name
    os.replace(made, shared)
    assert demo.adopt_shared_backups() == 0 and shared.exists()
    assert real.adopt_shared_backups() == 1 and real.auto_backups() == [real.backup_dir / made.name]


def test_automatic_backups_stay_within_a_disk_budget(ctx, customers, clock):
    """Beyond the budget the oldest go, the newest always stays."""
    customers.create(CustomerInput(name="张伟", notes="x" * 50_000))
    svc = BackupService(ctx)
    sizes = []
    for _ in range(5):
        clock.value += timedelta(hours=1)
        sizes.append(svc.auto_backup(keep=10, budget=0).stat().st_size)
    assert len(svc.auto_backups()) == 1
    for _ in range(4):
        clock.value += timedelta(hours=1)
        svc.auto_backup(keep=10, budget=int(sizes[0] * 2.5))
    assert len(svc.auto_backups()) == 2
    assert svc.budget() >= 3 * Path(ctx.db.path).stat().st_size


def test_a_backup_is_needed_only_after_the_book_changed(ctx, customers, clock):
    """After an automatic backup nothing is needed until a record is written; reopening the book is no change."""
    cid = customers.create(CustomerInput(name="张伟")).id
    svc = BackupService(ctx)
    assert svc.auto_backup_needed()
    svc.auto_backup()
    assert not svc.auto_backup_needed()
    ctx.db.close()  # writes the clock to meta, which is not a change of the records
    ctx.db = open_database(ctx.db.path)
    svc = BackupService(ctx)
    assert not svc.auto_backup_needed()
    clock.value += timedelta(minutes=1)
    CustomerService(ctx).delete(cid)
    assert svc.auto_backup_needed()


@posix_only
def test_book_backups_and_restore_copies_are_owner_only(ctx, customers, tmp_path):
    """The book, its WAL, the backups folder, automatic backups and before-restore copies are 0600/0700."""
    customers.create(CustomerInput(name="张伟"))
    svc = service(ctx)
    auto = svc.auto_backup()
    svc.backup(tmp_path / "team.crmbak", PASS)
    undo = svc.restore(tmp_path / "team.crmbak", PASS)
    book = Path(ctx.db.path)
    modes = {p: oct(p.stat().st_mode & 0o777) for p in (book, Path(str(book) + "-wal"), auto, undo,
                                                         tmp_path / "team.crmbak") if p.exists()}
    assert set(modes.values()) == {"0o600"}, modes
    assert oct(svc.backup_dir.stat().st_mode & 0o777) == "0o700"
    assert oct(svc.backup_dir.parent.stat().st_mode & 0o777) == "0o700"


@posix_only
def test_an_old_world_readable_book_is_tightened_when_opened(tmp_path):
    """A book left 0644 by an earlier version is 0600 after the next open; the app's data folder 0700."""
    folder = tmp_path / "data"  # the data folder of these tests (CRM_DATA_DIR)
    db = open_database(folder / "crm.sqlite")
    db.close()
    os.chmod(folder / "crm.sqlite", 0o644)
    os.chmod(folder, 0o755)
    open_database(folder / "crm.sqlite").close()
    assert oct((folder / "crm.sqlite").stat().st_mode & 0o777) == "0o600"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_plaintext_left_by_a_killed_backup_is_removed(ctx, customers):
    """Snapshots, half-written automatic backups and decrypted backups a kill left behind go at the next start."""
    customers.create(CustomerInput(name="张伟"))
    svc = BackupService(ctx)
    folder = Path(ctx.db.path).parent
    svc.backup_dir.mkdir(parents=True, exist_ok=True)
    left = [svc.backup_dir / ".snapshot-0123.sqlite", svc.backup_dir / ".auto-x.sqlite.tmp",
            folder / ".crm-incoming-abc.sqlite", folder / "backups" / ".snapshot-old.sqlite"]
    for p in left:
        p.write_bytes(b"SQLite format 3\x00 plaintext")
    keep = svc.auto_backup()
    assert svc.remove_leftovers() == len(left)
    assert not any(p.exists() for p in left) and keep.exists() and Path(ctx.db.path).exists()
    assert remove_leftovers(folder) == 0
