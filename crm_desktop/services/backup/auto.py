"""Automatic local backups: plain SQLite snapshots (``VACUUM INTO``) in the book's own ``backups/`` folder.

Taken on close and daily, the newest kept (at most N files and about
:data:`BUDGET_BOOKS` times the book's size).  They are not encrypted on
purpose: they never leave this laptop, sit next to the (equally
unencrypted) book itself, and must work without anyone typing a passphrase.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crm_desktop.db.bulk import set_meta
from crm_desktop.db.files import new_private_file, private_folder
from crm_desktop.db.restore import fsync_dir
from crm_desktop.db.snapshot import SnapshotError, site_id_of, vacuum_into
from crm_desktop.db.stamps import content_state
from crm_desktop.db.types import ts_text
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.book import META_AUTO_STATE, META_LAST_BACKUP, BookBackups
from crm_desktop.services.backup.errors import snapshot_failure
from crm_desktop.services.backup.places import AUTO_PREFIX, UNDO_PREFIX, unlink_quietly

DEFAULT_KEEP = 10
"""Automatic local backups kept at most (the UI keeps N in its settings)."""
BUDGET_BOOKS = 3
"""Automatic backups of a book use at most about this many times the book's size on disk."""
MIN_BUDGET = 256 * 1024 * 1024
"""…but small books always get room for :data:`DEFAULT_KEEP` of them (up to this many bytes)."""


class AutoBackups(BookBackups):
    def auto_backups(self) -> list[Path]:
        """This book's automatic local backups, oldest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob(f"{AUTO_PREFIX}*.sqlite"))

    def adopt_shared_backups(self) -> int:
        """Move automatic backups of this book from the old shared ``backups/`` folder into its own.

        Earlier versions kept every book's automatic backups in one folder (and
        pruned them together); a file is this book's when its ``site_id`` is.
        """
        shared = self.backup_dir.parent
        moved = 0
        if not shared.is_dir():
            return 0
        for old in sorted(shared.glob(f"{AUTO_PREFIX}*.sqlite")) + sorted(shared.glob(f"{UNDO_PREFIX}*.sqlite")):
            if site_id_of(old) == self.ctx.db.site_id:
                private_folder(self.backup_dir)
                os.replace(old, self.backup_dir / old.name)
                moved += 1
        return moved

    def auto_backup_due(self, *, every: timedelta = timedelta(days=1)) -> bool:
        """True when the newest automatic backup is older than *every* (or there is none)."""
        files = self.auto_backups()
        if not files:
            return True
        newest = datetime.strptime(files[-1].name[len(AUTO_PREFIX):-len(".sqlite")], "%Y%m%d-%H%M%S-%f")
        return self.ctx.now() - newest.replace(tzinfo=UTC) >= every

    def auto_backup_needed(self) -> bool:
        """True when the book's records changed since its newest automatic backup (or it has none)."""
        if not self.auto_backups():
            return True
        return self._meta(META_AUTO_STATE) != self._content_state()

    def _content_state(self) -> str:
        with self.ctx.db.bulk() as conn:
            return content_state(conn)

    def budget(self) -> int:
        """Bytes the automatic backups of this book may use together (see :data:`BUDGET_BOOKS`)."""
        try:
            size = self.db_path.stat().st_size
        except OSError:
            size = 0
        return max(BUDGET_BOOKS * size, MIN_BUDGET)

    def auto_backup(self, keep: int = DEFAULT_KEEP, *, budget: int | None = None) -> Path:
        """A plain SQLite snapshot in this book's ``backups/`` folder (not encrypted: it stays here).

        Keeps the newest ones, at most *keep* of them and together at most
        *budget* bytes (default :meth:`budget`), the newest always.
        """
        try:
            folder = private_folder(self.backup_dir)
            target = folder / self._stamp_name(AUTO_PREFIX)
            tmp = folder / f".{target.name}.tmp"
            unlink_quietly(tmp)
            new_private_file(tmp)
        except OSError as exc:  # a full disk or a folder that is not ours to write
            raise bf.write_error(exc) from exc
        state = self._content_state()
        try:
            vacuum_into(self.db_path, tmp)
        except SnapshotError as exc:
            unlink_quietly(tmp)
            raise snapshot_failure(exc, tmp) from exc
        try:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            unlink_quietly(tmp)
            raise bf.write_error(exc) from exc
        fsync_dir(folder)
        self.prune(keep, budget if budget is not None else self.budget())
        with self.ctx.db.bulk() as conn:
            set_meta(conn, META_LAST_BACKUP, ts_text(self.ctx.now()))
            set_meta(conn, META_AUTO_STATE, state)
        return target

    def prune(self, keep: int, budget: int) -> list[Path]:
        """Remove the oldest automatic backups beyond *keep* files or *budget* bytes; returns those removed."""
        files = list(reversed(self.auto_backups()))  # newest first
        kept_bytes, removed = 0, []
        for i, path in enumerate(files):
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if i == 0 or (i < max(1, keep) and kept_bytes + size <= budget):
                kept_bytes += size
                continue
            unlink_quietly(path)
            removed.append(path)
        return removed
