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
        """Take the lock, or raise the sentence for why not.

        Only a lock held by a live process means "open in another window"; a
        lock file that cannot be written is a full disk or a folder the user
        may not write to, and is said so.
        """
        from PySide6.QtCore import QLockFile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_failure(self.path, exc) from exc
        if self._lock.tryLock(100):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            raise AlreadyOpenError(str(self.path))
        raise _write_failure(self.path, None)

    def release(self) -> None:
        self._lock.unlock()


def _write_failure(path: Path, exc: OSError | None) -> UserError:
    """Why a lock file beside *path* could not be written: a full disk, else no permission."""
    import errno

    from crm_desktop.db.database import UnwritableError
    from crm_desktop.db.errors import DiskFullError, disk_is_nearly_full

    if (exc is not None and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or disk_is_nearly_full(path):
        return DiskFullError(path)
    return UnwritableError(str(path))
