"""The backup service's own refusals (the backup file's are in crm_desktop.exchange.backup_file.errors)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from crm_desktop.db.errors import translate_operational_error
from crm_desktop.db.restore import RestoreBusyError
from crm_desktop.db.snapshot import SnapshotError
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.exchange import backup_file as bf

__all__ = ["RestoreBusyError", "NothingToUndoError", "PreviewClosedError", "NoFileDatabaseError",
           "FutureBackupError", "snapshot_failure"]


class NothingToUndoError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "There is no restore to undo."))


class PreviewClosedError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This merge preview was closed; open the teammate's backup again to merge it."))


class NoFileDatabaseError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Backups work only with a database file on this computer."))


class PartialRestoreError(UserError):
    """A backup of some customers only cannot replace a whole book."""

    def __init__(self, whose: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds only {whose}'s customers, so restoring it would replace your whole book "
                      "with them; merge it instead (File › Merge a teammate's backup…)."), whose=whose)


class FutureBackupError(UserError):
    """The backup says it was made more than a day after this computer's "now"."""

    def __init__(self, when: datetime) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup is dated {when}, more than a day ahead of this computer's clock; check the "
                      "date and time on both computers."),
            when=when.astimezone().strftime("%Y-%m-%d %H:%M"))


def snapshot_failure(exc: SnapshotError, target: Path, *, needed_bytes: int | None = None) -> UserError:
    """The sentence for a copy of the book that failed: no such file, a full disk, or an unreadable book."""
    if exc.missing:
        return bf.DatabaseReadError(QT_TRANSLATE_NOOP("errors", "The database file could not be found."))
    cause = exc.__cause__
    known = translate_operational_error(cause, target, needed_bytes=needed_bytes) if cause is not None else None
    return known or bf.DatabaseReadError()
