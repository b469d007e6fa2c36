"""The SQL and file moves of a restore (the use case is crm_desktop.services.backup).

A restore swaps files, so the book is all-old or all-new even if the process
is killed: the checked copy gets this laptop's own data (:func:`read_local`,
:func:`carry_local`), is finished and fsynced (:func:`restored_copy`,
:func:`finish_copy`); then :func:`swap_in`, holding the book's write lock (so
no other program is in the middle of a write), checkpoints the WAL,
hard-links the old file to the undo snapshot, renames the new file over the
old one (``os.replace``, atomic on POSIX and Windows) and fsyncs the folder.
Nothing is written after the swap, so a restore never reports a failure after
having replaced the book.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.db.bulk import set_meta
from crm_desktop.db.database import Database
from crm_desktop.db.erasure import apply_erasures, purge_file
from crm_desktop.db.errors import BookBusyError, translate_operational_error
from crm_desktop.db.files import make_private, new_private_file
from crm_desktop.db.search import index_looks_current, reindex_customers
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.hlc import HybridClock


class RestoreBusyError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The database is still in use; close other windows using it and try again."))


# --------------------------------------------------------------------------- meta


def meta_value(conn: sqlite3.Connection, key: str) -> str | None:
    """``meta[key]`` of the book, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def meta_with_prefix(conn: sqlite3.Connection, prefix: str) -> dict[str, str]:
    """Every ``meta`` entry whose key starts with *prefix*, keyed by the rest of the key."""
    return {k[len(prefix):]: v for k, v in conn.execute(
        "SELECT key, value FROM meta WHERE key LIKE ?", (prefix.replace("%", "") + "%",))}


# --------------------------------------------------------------------------- the checked copy


@dataclass
class LocalData:
    """What never comes from another file: the book's ``meta`` (site id, clock, names learned), its
    ``change_batch`` and ``conflict`` rows, and its erasures (people erased here stay erased)."""

    meta: list[tuple[Any, ...]] = field(default_factory=list)
    batches: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)
    erasures: list[tuple[Any, ...]] = field(default_factory=list)


def read_local(conn: sqlite3.Connection) -> LocalData:
    """The book's :class:`LocalData`."""
    return LocalData(
        meta=conn.execute("SELECT key, value FROM meta").fetchall(),
        batches=conn.execute("SELECT * FROM change_batch").fetchall(),
        conflicts=conn.execute("SELECT * FROM conflict").fetchall(),
        erasures=conn.execute("SELECT id, table_name, stamp, erased_at FROM erasure").fetchall())


@contextmanager
def restored_copy(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection on the checked copy at *path* (ours: made by crm_desktop.db.intake); the file is fsynced
    after the block (call :func:`finish_copy` inside it)."""
    conn = sqlite3.connect(path)
    try:
        yield conn
    finally:
        conn.close()
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def carry_local(conn: sqlite3.Connection, local: LocalData, *, undo_key: str | None = None,
                undo_path: Path | None = None) -> None:
    """Give the checked copy the book's :class:`LocalData` (its own meta, batches and conflicts replaced) and
    note where the undo snapshot is kept (``meta[undo_key]``, when there is one)."""
    conn.execute("DELETE FROM meta")
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", local.meta)
    if undo_key is not None:
        set_meta(conn, undo_key, str(undo_path))
    for table, rows in (("change_batch", local.batches), ("conflict", local.conflicts)):
        conn.execute(f"DELETE FROM {table}")
        if rows:
            marks = ", ".join("?" for _ in rows[0])
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    conn.executemany(
        "INSERT INTO erasure(id, table_name, stamp, erased_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) "
        "DO UPDATE SET table_name = excluded.table_name, stamp = excluded.stamp, "
        "erased_at = excluded.erased_at WHERE excluded.stamp < erasure.stamp", local.erasures)


def settle_copy(conn: sqlite3.Connection, clock: HybridClock, now_ms: int, *, changed: set[str] | None,
                progress: Callable[[int, int], None] | None = None) -> None:
    """After :func:`carry_local`: erase again whom this book's erasures name (people erased here stay
    erased), bring the search index up to date (*changed*: the customers whose texts may differ from the
    copy's index, None: check it, rebuild it when it does not match), move the clock on and finish."""
    erased = apply_erasures(conn, clock.tick(now_ms))
    if changed is not None:  # built on this book's own index: only what differs is made again
        reindex_customers(conn, changed | erased.reindex, progress)
    elif not index_looks_current(conn):
        reindex_customers(conn, None, progress)
    else:
        reindex_customers(conn, erased.reindex, progress)
    set_meta(conn, "last_stamp", clock.tick(now_ms))
    # the file's own copies of erased people must not stay in its pages
    finish_copy(conn, purge=bool(erased.records or erased.mentions))


def finish_copy(conn: sqlite3.Connection, *, purge: bool) -> None:
    """Commit the copy; with *purge*, rewrite it so erased people's old values leave its pages too; leave it
    in rollback-journal mode (a file to be renamed into place has no WAL beside it)."""
    conn.commit()
    if purge:
        purge_file(conn, wal=False)
    conn.execute("PRAGMA journal_mode=DELETE")


def copy_for_undo(snapshot: Path, target: Path, *, drop_key: str, last_stamp: str) -> None:
    """Copy the undo *snapshot* (read-only) into the new private file *target*, without ``meta[drop_key]``
    and with the clock's ``last_stamp``: what undoing a restore swaps in."""
    new_private_file(target)
    src = sqlite3.connect(f"{snapshot.absolute().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("DELETE FROM meta WHERE key = ?", (drop_key,))
        set_meta(dst, "last_stamp", last_stamp)
        dst.commit()
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


# --------------------------------------------------------------------------- the swap


def unlink_quietly(path: Path) -> None:
    """Remove *path* if it is there (a file that is already gone is no error)."""
    try:
        path.unlink()
    except OSError:
        pass


def fsync_dir(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; elsewhere nothing to do)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _replace(src: Path, dst: Path) -> None:
    """``os.replace``; a separate function so tests can simulate a kill at the swap."""
    os.replace(src, dst)


def _hold_write_lock(guard: sqlite3.Connection, target: Path) -> None:
    """Make sure no other program is in the middle of a write (before anything touches the file, so a
    refusal leaves it byte-for-byte as it was), fold the WAL into the file and take the write lock."""
    try:
        guard.execute("BEGIN IMMEDIATE")
        guard.execute("ROLLBACK")
        busy, frames, done = guard.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy or frames != done:
            raise RestoreBusyError()
        guard.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        found = translate_operational_error(exc, target)
        raise (found if isinstance(found, BookBusyError) else RestoreBusyError()) from exc
    wal = Path(str(target) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RestoreBusyError()


class BookChangedError(Exception):
    """The book was written to since the copy to swap in was made from it (:func:`swap_in`'s *unchanged*)."""


def swap_in(database: Database, new_file: Path, *, keep_old_as: Path | None,
            unchanged: Callable[[sqlite3.Connection], bool] | None = None) -> None:
    """Atomically make *new_file* the file of *database*, holding the book's write lock (module docstring).

    Every pooled connection is closed first (none can write to the old file afterwards; the engine
    reconnects lazily to the new one).  *keep_old_as*: where the old file is kept (hard-linked, else copied).
    *unchanged*: asked, on the book under its write lock, whether the book is still as it was when
    *new_file* was made from it; when not, nothing is swapped (:class:`BookChangedError`).
    """
    assert database.path is not None
    target = Path(database.path).absolute()
    database.engine.dispose()
    guard = sqlite3.connect(target, timeout=5, isolation_level=None)
    try:
        _hold_write_lock(guard, target)
        if unchanged is not None and not unchanged(guard):
            raise BookChangedError()
        if keep_old_as is not None:
            keep_old_as.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(target, keep_old_as)
            except OSError:
                new_private_file(keep_old_as)
                shutil.copyfile(target, keep_old_as)
            make_private(keep_old_as)
        try:
            _replace(new_file, target)
        except BaseException:
            if keep_old_as is not None:
                unlink_quietly(keep_old_as)
            raise
        make_private(target)
        fsync_dir(target.parent)
    finally:
        guard.close()  # ends our transaction: nothing was written through it
    database.writes += 1
    for suffix in ("-wal", "-shm"):
        unlink_quietly(Path(str(target) + suffix))
