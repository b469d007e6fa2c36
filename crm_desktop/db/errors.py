"""Why a book cannot be opened or written, in one sentence for the person.

The refusals of :func:`crm_desktop.db.database.open_database` (not a book,
another application's file, a newer version's, a folder, a damaged file …) are
the :class:`DatabaseError` family here.

A full disk, a file someone else is writing, a damaged page: each needs a
different sentence and different advice ("free some space" is safe advice;
"restore a backup" over a good book is not).  Code that runs a transaction on
behalf of a command catches ``sqlite3.OperationalError`` /
``sqlalchemy.exc.OperationalError`` at its boundary and re-raises
:func:`translate_operational_error`'s answer when there is one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class DatabaseError(UserError):
    """A database file that cannot be opened; the message says why in one sentence."""


class NotADatabaseError(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "“{path}” is not a CRM database file."), path=path)


class ForeignDatabaseError(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” belongs to another application; it was left untouched."),
            path=path,
        )


class NewerSchemaError(DatabaseError):
    def __init__(self, path: str, version: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "“{path}” was written by a newer version of the app (schema {version}); update the app to open it.",
            ),
            path=path, version=version,
        )


class UnwritableError(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Cannot write to “{path}”; choose a folder you are allowed to write to."),
            path=path,
        )


class CorruptDatabaseError(DatabaseError):
    """Pages of the file cannot be read; ``crm-desktop recover`` saves what can still be read."""

    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” is damaged; “crm-desktop recover --db {path} NEW.sqlite” "
                                        "copies what can still be read into a new book."),
            path=path,
        )


class MissingDatabaseError(DatabaseError):
    """``open_database(..., create=False)`` on a path where there is no file; nothing was made."""

    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "“{path}” does not exist."), path=path)


class FolderNotBookError(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "“{path}” is a folder, not a book."), path=path)


class IncompleteBookError(DatabaseError):
    """A file with our application id whose tables are missing or replaced (by views, say)."""

    def __init__(self, path: str, names: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” is not a whole book (missing or not a table: {names}); "
                                        "it is damaged or was not made by this app, and was left untouched."),
            path=path, names=names,
        )


class MigrationFailedError(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "Could not update “{path}” to this version of the app; it was left as it was. "
                "Please report this problem.",
            ),
            path=path,
        )


class DiskFullError(UserError):
    """The disk (or the folder's quota) is full; nothing was changed.

    ``path`` is the file being written (its folder is named); ``needed_bytes``,
    when the caller can estimate it (a copy of the book for a migration, the
    backup's size…), is said too, so the person knows how much to free.
    """

    def __init__(self, path: str | os.PathLike[str] | None, free_bytes: int | None = None,
                 needed_bytes: int | None = None) -> None:
        folder = str(Path(path).absolute().parent) if path else ""
        if free_bytes is None and folder:
            try:
                free_bytes = shutil.disk_usage(folder).free
            except OSError:
                free_bytes = None
        free = _human(free_bytes) if free_bytes is not None else "?"
        self.free_bytes = free_bytes
        self.needed_bytes = needed_bytes
        if needed_bytes:
            super().__init__(
                QT_TRANSLATE_NOOP("errors", "The disk holding “{folder}” is full ({free} free, about {needed} "
                                            "needed); nothing was changed. Free some space and try again."),
                folder=folder, free=free, needed=_human(needed_bytes))
        else:
            super().__init__(
                QT_TRANSLATE_NOOP("errors", "The disk holding “{folder}” is full ({free} free); nothing was "
                                            "changed. Free some space and try again."),
                folder=folder, free=free)


class BookBusyError(UserError):
    """Another program holds a write lock on the book."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "“{path}” is being written by another program; close it and try again."),
            path=str(path or ""))


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_INDEX", "SQLITE_CORRUPT_SEQUENCE",
                  "SQLITE_CORRUPT_VTAB", "SQLITE_IOERR_SHORT_READ"}


def translate_operational_error(exc: BaseException, path: str | os.PathLike[str] | None, *,
                                needed_bytes: int | None = None) -> UserError | None:
    """The sentence for an SQLite error (raw or wrapped by SQLAlchemy) on *path*, or None if it has none.

    A full disk (SQLITE_FULL, an I/O error or a file that cannot be made while
    the disk is nearly full, an OSError ENOSPC) → :class:`DiskFullError`, with
    *needed_bytes* when given; a lock held by someone else → :class:`BookBusyError`;
    a damaged page → :class:`crm_desktop.db.database.CorruptDatabaseError` (which
    names the command that recovers what can be read).  Disk full is checked
    first: SQLite may call a page it could not write "malformed".
    """
    import errno
    import sqlite3

    original = getattr(exc, "orig", None) or exc
    if isinstance(original, OSError) and not isinstance(original, sqlite3.Error):
        if original.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(path, needed_bytes=needed_bytes)
        return None
    if not isinstance(original, sqlite3.Error):
        return None
    message = str(original).lower()
    code = getattr(original, "sqlite_errorname", "") or ""
    if code == "SQLITE_FULL" or "database or disk is full" in message:
        return DiskFullError(path, needed_bytes=needed_bytes)
    if (code.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk i/o error" in message
            or "unable to open database file" in message) and disk_is_nearly_full(path):
        return DiskFullError(path, needed_bytes=needed_bytes)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in message \
            or "database table is locked" in message:
        return BookBusyError(path)
    if code in _CORRUPT_CODES or "malformed" in message or "file is not a database" in message:
        return CorruptDatabaseError(str(path or ""))
    return None


NEARLY_FULL = 1024 * 1024
"""Below this much free space an I/O error is taken for a full disk."""


def disk_is_nearly_full(path: str | os.PathLike[str] | None) -> bool:
    """True when the folder of *path* has less than :data:`NEARLY_FULL` bytes free."""
    if not path:
        return False
    try:
        return shutil.disk_usage(Path(path).absolute().parent).free < NEARLY_FULL
    except OSError:
        return False


@contextmanager
def sqlite_errors_as_sentences(path: str | os.PathLike[str] | None) -> Iterator[None]:
    """Around a transaction's boundary: a full disk or a foreign lock leaves as its one-sentence UserError.

    Put it *outside* the ``with engine.begin()`` (or raw connection) block, so the rollback has
    happened and a failing COMMIT is caught too.  Other OperationalErrors pass unchanged.
    """
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except (sqlite3.OperationalError, OperationalError) as exc:
        sentence = translate_operational_error(exc, path)
        if sentence is None:
            raise
        raise sentence from exc


def sqlite_error(exc: BaseException, path: str | os.PathLike[str] | None, *,
                 needed_bytes: int | None = None) -> UserError:
    """The one sentence for an SQLite failure on *path*: disk full, busy, damaged, or unreadable.

    Accepts sqlite3 errors and SQLAlchemy's wrappers of them.  What
    :func:`~crm_desktop.db.errors.translate_operational_error` does not
    recognise is a file that cannot be opened for writing (an OperationalError)
    or cannot be read as a database at all (damaged).
    """
    known = translate_operational_error(exc, path, needed_bytes=needed_bytes)
    if known is not None:
        return known
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, sqlite3.OperationalError):
        return UnwritableError(str(path))
    return CorruptDatabaseError(str(path))
