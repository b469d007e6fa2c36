"""What every part of the backup service shares: the open book, its folders, its ``meta`` entries."""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path

from crm_desktop.db.bulk import set_meta
from crm_desktop.db.files import make_private
from crm_desktop.db.intake import IntakeReport
from crm_desktop.db.restore import meta_value
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.errors import NoFileDatabaseError
from crm_desktop.services.backup.incoming import Incoming, Progress, open_incoming, take_in_file
from crm_desktop.services.backup.places import BACKUP_DIR_NAME, TMP_MARK, remove_leftovers, unlink_quietly
from crm_desktop.services.context import ServiceContext

META_LAST_BACKUP = "last_backup_at"
META_AUTO_STATE = "auto_backup_state"
META_UNDO = "undo_restore_path"
META_SITE_NAME = "site_name:"


class BookBackups:
    """The backups of the open database ``ctx.db``.  ``kdf``: key-derivation parameters for new backups
    (None: the format's safe default)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.kdf: bf.KdfParams | None = None

    # --- places ----------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        if self.ctx.db.path is None:
            raise NoFileDatabaseError()
        return Path(self.ctx.db.path).absolute()

    @property
    def backup_dir(self) -> Path:
        """``backups/<book name>/`` beside the database: this book's automatic and before-restore snapshots.

        Each book has its own folder, so pruning and "backup due" never count another book's files (the
        demo book beside the real one included).
        """
        return self.db_path.parent / BACKUP_DIR_NAME / self.db_path.stem

    def _stamp_name(self, prefix: str) -> str:
        return f"{prefix}{self.ctx.now().astimezone(UTC).strftime('%Y%m%d-%H%M%S-%f')}.sqlite"

    def secure_files(self) -> None:
        """Owner-only permissions for the book, its WAL and lock files and everything in ``backups/``."""
        path = self.db_path
        for suffix in ("", "-wal", "-shm", ".lock"):
            make_private(Path(str(path) + suffix))
        for folder in (self.backup_dir.parent, self.backup_dir):
            if folder.is_dir():
                make_private(folder)
                for entry in folder.iterdir():
                    make_private(entry)

    def remove_leftovers(self, keep: tuple[Path | None, ...] = ()) -> int:
        """:func:`~crm_desktop.services.backup.places.remove_leftovers` for this database's folder (call at
        start, before any backup work)."""
        return remove_leftovers(self.db_path.parent, keep)

    # --- the book's meta -------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        with self.ctx.db.bulk() as conn:
            return meta_value(conn, key)

    def _set_meta(self, key: str, value: str) -> None:
        with self.ctx.db.bulk() as conn:
            set_meta(conn, key, value)

    # --- reading a backup ----------------------------------------------------------------
    def open_incoming(self, file: str | os.PathLike[str], passphrase: str, *,
                      progress: Progress | None = None) -> Incoming:
        """:func:`~crm_desktop.services.backup.incoming.open_incoming` into this database's folder (stale
        temporary files are removed first)."""
        for stale in self.db_path.parent.glob(f"{TMP_MARK}*"):
            unlink_quietly(stale)
        return open_incoming(file, passphrase, self.db_path.parent, now=self.ctx.now(), progress=progress)

    def take_in(self, incoming: Incoming, *, for_merge: bool, progress: Progress | None = None) -> IntakeReport:
        """Make the checked copy of *incoming* (see :func:`crm_desktop.db.intake.take_in`); the raw file goes."""
        return take_in_file(incoming, self.db_path, purpose="merge" if for_merge else "restore", progress=progress)
