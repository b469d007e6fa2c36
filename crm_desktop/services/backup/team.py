"""Team backups (``.crmbak``): encrypted with the team passphrase, because they leave the laptop by e-mail."""

from __future__ import annotations

import mmap
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crm_desktop import __version__
from crm_desktop.db.database import HEAD_SCHEMA_VERSION
from crm_desktop.db.files import new_private_file, private_folder
from crm_desktop.db.snapshot import (
    SnapshotError,
    WriteLock,
    keep_only_customers,
    keep_only_customers_of,
    note_maker,
    snapshot_to_file,
)
from crm_desktop.db.types import ts_text
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.book import META_LAST_BACKUP, BookBackups
from crm_desktop.services.backup.errors import snapshot_failure
from crm_desktop.services.backup.incoming import Progress
from crm_desktop.services.backup.places import SNAPSHOT_MARK, book_size, unlink_quietly
from crm_desktop.services.owners import values_of


@dataclass(frozen=True)
class BackupResult:
    """A backup written: ``path``, its ``size`` and the ``database_size`` it holds (bytes).

    ``recorded``: whether the book also noted the time of this backup (a full
    disk can stop that small write; the backup file itself is complete).
    """

    path: Path
    size: int
    database_size: int
    created_at: datetime
    recorded: bool = True
    partial_of: str = ""
    """Whose customers only it holds ("": the whole book, or a selection); ``customers``: how many it holds
    when it holds only some (None: the whole book)."""
    customers: int | None = None


class TeamBackups(BookBackups):
    def backup(self, out: str | os.PathLike[str], passphrase: str, *,
               progress: Progress | None = None, only_of: str | None = None,
               only_ids: Sequence[str] | None = None) -> BackupResult:
        """Write an encrypted backup of the open database to *out* (atomically).

        The book's write lock is taken first: if another program is writing,
        this says so before anything is written.  *only_of*: a salesperson's name — the backup then holds
        only their customers (with everything about them) and the team's settings, for a teammate who must
        not get the whole book; the receiver can merge it but not restore it.  *only_ids*: just these
        customers (a selection), the same way; the file is then labelled with my name.
        """
        owners: tuple[str, ...] = ()
        if only_of is not None:
            with self.ctx.db.reading() as tx:
                owners = values_of(tx, only_of)
        kept: int | None = None
        folder = private_folder(self.backup_dir)
        snapshot = folder / f"{SNAPSHOT_MARK}{uuid.uuid4().hex}.sqlite"
        now = self.ctx.now()
        lock = WriteLock(self.db_path)
        try:
            try:
                # the snapshot goes to an owner-only file (removed at the next start if we are killed) and
                # is sealed from an mmap of it: holding a 670 MB image in memory as well doubled RSS
                new_private_file(snapshot)
                try:
                    snapshot_to_file(self.db_path, snapshot)
                    if only_of is not None:  # the others' customers leave no trace in the file
                        kept = keep_only_customers_of(snapshot, owners, only_of)
                    elif only_ids is not None:
                        kept = keep_only_customers(snapshot, self.ctx.user or "?", ids=list(only_ids))
                except SnapshotError as exc:  # a full disk is not an unreadable book
                    raise snapshot_failure(exc, snapshot, needed_bytes=book_size(self.db_path)) from exc
                if self.ctx.user:  # who made it, for the receiver's preview
                    note_maker(snapshot, self.ctx.user)
                with open(snapshot, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as image:
                    size = len(image)
                    data = bf.seal(image, passphrase, schema_version=HEAD_SCHEMA_VERSION,
                                   site_id=self.ctx.db.site_id, now=now, app_version=__version__, kdf=self.kdf,
                                   progress=progress)
            finally:
                unlink_quietly(snapshot)
                unlink_quietly(Path(str(snapshot) + "-journal"))
            bf.write_file_atomically(out, data)
            # the backup file is complete; a failure here only loses its time in the book
            recorded = lock.note(META_LAST_BACKUP, ts_text(now))
        finally:
            lock.close()
        return BackupResult(Path(out), len(data), size, now, recorded, only_of or "", kept)

    def last_backup_time(self) -> datetime | None:
        """When the last backup (team or automatic) was made, or None."""
        value = self._meta(META_LAST_BACKUP)
        if not value:
            return None
        try:
            return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
        except ValueError:
            return None
