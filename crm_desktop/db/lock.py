"""One writer per book: a lock file beside it.

A second window (or a command-line command that writes) on the same file is
refused with a sentence instead of two processes writing one book.  The lock is
an operating-system file lock (filelock: ``fcntl`` on Linux and macOS,
``msvcrt`` on Windows), so a crashed process never leaves a stale lock behind:
the system drops it with the process.
"""

from __future__ import annotations

import errno
from pathlib import Path

from filelock import FileLock, Timeout

from crm_desktop.db.errors import DiskFullError, UnwritableError, disk_is_nearly_full
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class AlreadyOpenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” is already open in another window of the app; use that window."),
            path=path,
        )


class BookLock:
    """Holds ``<book>.lock`` while the book is open in this process."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(db_path)
        self._lock = FileLock(str(self.path) + ".lock")

    def acquire(self) -> None:
        """Take the lock, or raise the sentence for why not.

        Only a lock held by another live process (or another window of this one) means "open
        in another window"; a lock file that cannot be written is a full disk or a folder the
        user may not write to, and is said so.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=0.1)
        except Timeout:
            raise AlreadyOpenError(str(self.path)) from None
        except OSError as exc:
            raise _write_failure(self.path, exc) from exc

    def release(self) -> None:
        self._lock.release()


def _write_failure(path: Path, exc: OSError) -> UserError:
    """Why a lock file beside *path* could not be written: a full disk, else no permission."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or disk_is_nearly_full(path):
        return DiskFullError(path)
    return UnwritableError(str(path))
