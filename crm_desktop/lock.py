"""One writer per database file: a lock file beside it (QLockFile).

A second window (or a CLI command that writes) on the same file is refused
with a message instead of two processes writing one file.  A lock left by a
crashed process is taken over once it is stale.
"""

from __future__ import annotations

from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class AlreadyOpenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” is already open in another window of the app; use that window."),
            path=path,
        )


class DatabaseLock:
    """Holds ``<db>.lock`` while the database is open in this process."""

    def __init__(self, db_path: Path) -> None:
        from PySide6.QtCore import QLockFile

        self.path = db_path
        self._lock = QLockFile(str(db_path) + ".lock")
        self._lock.setStaleLockTime(0)  # stale only if the owning process is gone

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(100):
            raise AlreadyOpenError(str(self.path))

    def release(self) -> None:
        self._lock.unlock()
