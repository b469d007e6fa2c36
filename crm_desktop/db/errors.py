"""SQLite's own failures turned into one sentence for the person.

A full disk, a file someone else is writing, a damaged page: each needs a
different sentence and different advice ("free some space" is safe advice;
"restore a backup" over a good book is not).  Code that runs a transaction on
behalf of a command catches ``sqlite3.OperationalError`` /
``sqlalchemy.exc.OperationalError`` at its boundary and re-raises
:func:`translate_operational_error`'s answer when there is one.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class DiskFullError(UserError):
    """The disk (or the folder's quota) is full; nothing was changed."""

    def __init__(self, path: str | Path | None, free_bytes: int | None = None) -> None:
        folder = str(Path(path).parent) if path else ""
        if free_bytes is None and folder:
            try:
                free_bytes = shutil.disk_usage(folder).free
            except OSError:
                free_bytes = None
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The disk holding “{folder}” is full ({free} free); nothing was changed. "
                                        "Free some space and try again."),
            folder=folder, free=_human(free_bytes) if free_bytes is not None else "?")


class BookBusyError(UserError):
    """Another program holds a write lock on the book."""

    def __init__(self, path: str | Path | None) -> None:
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


def translate_operational_error(exc: BaseException, path: str | Path | None) -> UserError | None:
    """The sentence for an SQLite OperationalError (raw or wrapped by SQLAlchemy), or None if it has none."""
    original = getattr(exc, "orig", None) or exc
    message = str(original).lower()
    if "database or disk is full" in message or "disk i/o error" in message and _disk_is_full(path):
        return DiskFullError(path)
    if "database is locked" in message or "database table is locked" in message:
        return BookBusyError(path)
    return None


def _disk_is_full(path: str | Path | None) -> bool:
    if not path:
        return False
    try:
        return shutil.disk_usage(Path(path).parent).free < 1024 * 1024
    except OSError:
        return False


@contextmanager
def sqlite_errors_as_sentences(path: str | Path | None) -> Iterator[None]:
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
