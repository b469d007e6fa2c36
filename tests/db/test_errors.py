"""SQLite failures become the right sentence."""

import sqlite3

import pytest

from crm_desktop.db.errors import BookBusyError, DiskFullError, translate_operational_error


def _full_database(tmp_path):
    conn = sqlite3.connect(tmp_path / "tiny.sqlite")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages + 1}")
    return conn


def test_full_disk_says_disk_full_not_damaged(tmp_path):
    """SQLITE_FULL is reported as a full disk with the free space, never as a damaged book."""
    conn = _full_database(tmp_path)
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 50)
    err = translate_operational_error(raised.value, tmp_path / "tiny.sqlite")
    assert isinstance(err, DiskFullError)
    assert "full" in err.text() and "damaged" not in err.text()
    conn.close()


def test_locked_book_says_another_program_writes_it(tmp_path):
    """A write lock held elsewhere is named as such."""
    path = tmp_path / "book.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as raised:
        other.execute("INSERT INTO t VALUES (1)")
    assert isinstance(translate_operational_error(raised.value, path), BookBusyError)
    holder.execute("ROLLBACK")
    holder.close()
    other.close()


def test_other_errors_have_no_sentence():
    """An error this module does not know is left to the caller."""
    assert translate_operational_error(sqlite3.OperationalError("no such table: x"), None) is None


def test_a_damaged_page_is_named_damaged_with_the_recover_command(tmp_path):
    """SQLITE_CORRUPT becomes CorruptDatabaseError (which names `crm-desktop recover`), never disk full."""
    from crm_desktop.db.database import CorruptDatabaseError

    exc = sqlite3.DatabaseError("database disk image is malformed")
    err = translate_operational_error(exc, tmp_path / "b.sqlite")
    assert isinstance(err, CorruptDatabaseError) and "crm-desktop recover" in err.text()


def test_no_space_from_the_os_is_disk_full(tmp_path):
    """An OSError ENOSPC (writing a lock file, a copy) is a full disk, with the size needed when known."""
    import errno

    err = translate_operational_error(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "b.sqlite",
                                      needed_bytes=5 * 1024 * 1024)
    assert isinstance(err, DiskFullError)
    assert "about 5.0 MB needed" in err.text()


def test_an_io_error_on_a_nearly_full_disk_is_disk_full(tmp_path, monkeypatch):
    """SQLite's "disk I/O error" while almost nothing is free is reported as a full disk."""
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 8192, 8192))
    err = translate_operational_error(sqlite3.OperationalError("disk I/O error"), tmp_path / "b.sqlite")
    assert isinstance(err, DiskFullError) and "8.0 KB free" in err.text()
