"""Back up, restore, and merge a teammate's backup; automatic local backups.

Two kinds of backup, on purpose:

* **Team backups** (``.crmbak``, :mod:`.team`) are encrypted with the team
  passphrase (:mod:`crm_desktop.exchange.backup_file`) because they leave the
  laptop by e-mail.
* **Automatic local backups** (:mod:`.auto`, on close and
  daily, the last N kept) are plain SQLite snapshots (``VACUUM INTO``) in the
  ``backups/`` folder beside the database.  They never leave this laptop, sit
  next to the (equally unencrypted) database itself, and must work without
  anyone typing a passphrase.  The snapshot taken before a restore (what
  "Undo restore" brings back) is kept there too.  Everything there, and the
  book itself, is owner-only (folders 0700, files 0600).

**A backup is authenticated, not trusted** (:mod:`.incoming`): only the
checked copy :func:`crm_desktop.db.intake.take_in` makes of it is ever
restored (:mod:`.restore`) or merged (:mod:`.merging`), and stamps in it are
no later than the time the backup says it was made.  Any failure leaves the
book byte-for-byte as it was and removes the temporary files.  Nothing this
service returns holds a connection: a merge preview is plain data and a token.
"""

from __future__ import annotations

from crm_desktop.exchange.backup_file import FILE_SUFFIX, passphrase_strength
from crm_desktop.services.backup.auto import BUDGET_BOOKS, DEFAULT_KEEP, MIN_BUDGET
from crm_desktop.services.backup.errors import (
    FutureBackupError,
    NoFileDatabaseError,
    NothingToUndoError,
    PreviewClosedError,
    RestoreBusyError,
    snapshot_failure,
)
from crm_desktop.services.backup.incoming import (
    Incoming,
    Progress,
    check_database_file,
    check_image,
    open_incoming,
    take_in_file,
)
from crm_desktop.services.backup.merging import MergePreview, MergeResult
from crm_desktop.services.backup.places import AUTO_PREFIX, BACKUP_DIR_NAME, UNDO_PREFIX, remove_leftovers
from crm_desktop.services.backup.selfcheck import FormatCheck, check_format
from crm_desktop.services.backup.service import BackupService
from crm_desktop.services.backup.team import BackupResult

__all__ = [
    "FILE_SUFFIX", "passphrase_strength", "BUDGET_BOOKS", "DEFAULT_KEEP", "MIN_BUDGET",
    "AUTO_PREFIX", "BACKUP_DIR_NAME", "UNDO_PREFIX",
    "FutureBackupError", "NoFileDatabaseError", "NothingToUndoError", "PreviewClosedError", "RestoreBusyError",
    "snapshot_failure", "Incoming", "Progress", "check_database_file", "check_image", "open_incoming",
    "take_in_file", "remove_leftovers", "MergePreview", "MergeResult", "FormatCheck", "check_format",
    "BackupService", "BackupResult",
]
