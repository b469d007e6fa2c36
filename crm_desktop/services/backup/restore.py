"""Restoring a backup over the book, and undoing that.

The checked copy (:mod:`crm_desktop.services.backup.incoming`) gets this
laptop's own data (site id, clock, change batches, conflicts, erasures) and a
current search index, then :func:`crm_desktop.db.restore.swap_in` swaps it in
atomically, the old file kept as the undo snapshot.  **Callers must not hold
a connection of their own during restore** (the UI runs it on its single
worker thread; the CLI has nothing else open): the engine reconnects lazily
to the new file afterwards, and in-memory caches (the customer list index)
must be invalidated by the caller.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.files import private_folder
from crm_desktop.db.restore import (
    carry_local,
    copy_for_undo,
    read_local,
    restored_copy,
    settle_copy,
    swap_in,
)
from crm_desktop.services.backup.book import META_UNDO, BookBackups
from crm_desktop.services.backup.errors import NothingToUndoError, PartialRestoreError
from crm_desktop.services.backup.incoming import Incoming, Progress
from crm_desktop.services.backup.names import learn_names
from crm_desktop.services.backup.places import TMP_MARK, UNDO_PREFIX, ms, unlink_quietly


class Restoring(BookBackups):
    def restore(self, file: str | os.PathLike[str], passphrase: str, *, progress: Progress | None = None,
                incoming: Incoming | None = None) -> Path:
        """Replace the database by the backup *file*; returns the snapshot "Undo restore" brings back.

        The local ``site_id``, clock, ``change_batch`` and conflicts are kept
        (local-only data never comes from another file); the search index is
        checked and rebuilt when it does not match.
        """
        incoming = incoming or self.open_incoming(file, passphrase, progress=progress)
        try:
            with sqlite_errors_as_sentences(self.db_path):
                if incoming.clean is None:
                    self.take_in(incoming, for_merge=False, progress=progress)
                if incoming.report is not None and incoming.report.partial_of:
                    raise PartialRestoreError(incoming.report.partial_of)
                undo = private_folder(self.backup_dir) / self._stamp_name(UNDO_PREFIX)
                self._prepare_restored(incoming, undo, progress)
                assert incoming.clean is not None
                swap_in(self.ctx.db, incoming.clean, keep_old_as=undo)
        except BaseException:
            incoming.discard()
            raise
        incoming.clean = None
        incoming.discard()
        return undo

    def _prepare_restored(self, incoming: Incoming, undo: Path, progress: Progress | None) -> None:
        """Give the clean copy this laptop's own data and a current search index, before it is swapped in."""
        clean, report = incoming.clean, incoming.report
        assert clean is not None and report is not None
        with self.ctx.db.bulk() as live:
            local = read_local(live)
        clock = self.ctx.db.clock
        now_ms = ms(self.ctx.now())
        if report.max_stamp:
            clock.observe(report.max_stamp, now_ms)
        with restored_copy(clean) as conn:
            carry_local(conn, local, undo_key=META_UNDO, undo_path=undo)
            learn_names(conn, incoming, self.ctx.db.site_id)
            settle_copy(conn, clock, now_ms, changed=report.changed_customers, progress=progress)

    def can_undo_restore(self) -> bool:
        path = self._meta(META_UNDO)
        return bool(path and Path(path).is_file())

    def undo_restore(self, *, progress: Progress | None = None) -> None:
        """Bring back the database as it was before the last restore."""
        path = self._meta(META_UNDO)
        if not path or not Path(path).is_file():
            raise NothingToUndoError()
        tmp = self.db_path.parent / f"{TMP_MARK}{uuid.uuid4().hex}.sqlite"
        try:
            with sqlite_errors_as_sentences(self.db_path):
                copy_for_undo(Path(path), tmp, drop_key=META_UNDO,
                              last_stamp=self.ctx.db.clock.tick(ms(self.ctx.now())))
                swap_in(self.ctx.db, tmp, keep_old_as=None)
        except BaseException:
            unlink_quietly(tmp)
            raise
        finally:
            for suffix in ("-wal", "-shm"):  # left by reading the (WAL-mode) snapshot
                unlink_quietly(Path(path + suffix))
