"""What the command line needs of the database: a book opened for one command, SQLite's failures as sentences.

A command opens an existing book only (a mistyped path makes nothing), holds
its lock (a window that has it open refuses the command) and refuses a book
another program is writing within a second or two.  Whatever SQLite or the
disk raises during a command becomes one sentence through
:func:`failure_sentence`, caught once for every command.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from crm_desktop.db.database import CorruptDatabaseError, Database, check_book_path, open_database, sqlite_error
from crm_desktop.db.errors import DiskFullError, translate_operational_error
from crm_desktop.db.lock import BookLock
from crm_desktop.domain.errors import UserError


def release(db: Database) -> None:
    """Let go of *db* without writing anything (``close()`` writes the clock: another program's lock, or a
    failure that happened before anything was done, must not hold that up)."""
    db.engine.dispose()


def ensure_not_busy(db: Database, timeout_ms: int) -> None:
    """Refuse (BookBusyError) a book another program holds the write lock of, within *timeout_ms*."""
    if db.is_sqlite:
        db.ensure_writable(timeout_ms=timeout_ms)


def open_for_command(path: str, *, busy_ms: int) -> tuple[Database, BookLock | None]:
    """Open the existing book at *path* (or database URL) for one command: ``(db, lock)``.

    A path with no book is refused before anything is written (no lock file, no folder); the lock refuses a
    file that is open in a window; a book another program is writing is refused within *busy_ms*.  Close both
    with :func:`close_for_command`.
    """
    lock = None
    if "://" not in path:
        lock = BookLock(check_book_path(path, create=False))
        lock.acquire()
    try:
        db = open_database(path, create=False)
    except BaseException:
        if lock:
            lock.release()
        raise
    try:
        ensure_not_busy(db, busy_ms)
    except BaseException:
        release(db)
        if lock:
            lock.release()
        raise
    return db, lock


def close_for_command(db: Database, lock: BookLock | None) -> None:
    """Close the book (its clock remembered) and release its lock."""
    try:
        db.close()
    finally:
        if lock:
            lock.release()


def failure_sentence(exc: BaseException, path: str | None) -> UserError | None:
    """The sentence for a failure of SQLite or of the disk during a command on the book at *path*, or None."""
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, sqlite3.Error):
        return sqlite_error(original, path)
    if isinstance(original, UnicodeDecodeError) and path and _in_sqlite(exc):
        return CorruptDatabaseError(path)  # SQLite's message about a damaged schema could not even be decoded
    if isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT):
        target = original.filename or path
        return DiskFullError(target) if target else translate_operational_error(original, path)
    return None


def _in_sqlite(exc: BaseException) -> bool:
    """True when *exc* was raised by a call into sqlite3 or SQLAlchemy (the innermost frame tells)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    if not last:
        return False
    where = Path(last).as_posix()
    return "/sqlalchemy/" in where or "/sqlite3/" in where or "/crm_desktop/db/" in where


# --------------------------------------------------------------------------- the self-test

DB_LIBRARIES = ("alembic.command", "sqlalchemy.dialects.sqlite", "sqlmodel", "psycopg",
                "sqlalchemy.dialects.postgresql.psycopg")
"""Libraries the database code imports lazily (the self-test checks a bundle has them): importing psycopg
fails without a libpq, so the team hub's driver is proven there."""


def sqlite_version() -> str:
    """The version of the SQLite library this Python uses."""
    return sqlite3.sqlite_version


def trigram_search_missing() -> str | None:
    """None when SQLite has FTS5 with the trigram tokenizer (what search needs), else SQLite's complaint."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def schema_version(path: Path) -> int:
    """``PRAGMA user_version`` of the book at *path* (read-only)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
