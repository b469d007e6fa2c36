"""``crm-desktop recover``: copy what can still be read from a damaged book into a new one.

The idea of SQLite's ``.recover``, done with what every Python has: a new
book is made from the app's own schema (the migrations), then each of our
tables is read from a private copy of the damaged file in rowid order, a
chunk at a time.  A chunk that hits a damaged page is read again row by row;
past the last readable row the scan probes ever further rowids (then narrows
back) until it lands on readable rows again, so one bad page costs the rows
on that page, not the rest of the table.  Rows go in parents first with
foreign keys on: a contact whose customer was lost is left out and counted,
and so is a row a damaged page garbled (an id that is not an id, a stamp that
is not a stamp, text that is not UTF-8).
Only columns the new schema knows are copied, by name; the damaged file's
triggers, views and indexes are never used.  The search index is rebuilt
from the recovered customers.

The damaged file itself is only read: the work is done on a copy (with its
write-ahead log, so the last edits are not lost) in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.db.files import remove_book
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

_READ_ERRORS = (sqlite3.DatabaseError, UnicodeDecodeError)  # a damaged schema can garble SQLite's own message
CHUNK = 500
STEADY = 64
"""Rows in a row that must read one by one before chunked reading resumes after damage."""
GIVE_UP = 100_000
"""Rowids in a row without a row that end a table whose largest rowid cannot be read."""

# Parents before children, so a child is kept exactly when its parent was recovered.
TABLES = ("person", "tag", "customer", "contact", "complaint", "interaction", "sales_order", "complaint_event",
          "customer_tag", "deal", "deal_stage_change", "customer_stage_change", "product", "price_list",
          "price_list_item", "price_list_customer", "deal_line", "quote", "order_line", "setting", "conflict",
          "erasure", "change_batch")


class NothingRecoverableError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Nothing could be read from “{path}”: too much of it is damaged, or it is not a book of "
                      "this app."), path=path)


@dataclass
class RecoveryReport:
    """What :func:`recover_book` did: rows copied and left out per table, tables with damaged parts."""

    copied: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.copied.values())


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _upper_rowid(src: sqlite3.Connection, table: str) -> int | None:
    """The table's largest rowid when the right edge of its B-tree can still be read, else None."""
    for sql in (f'SELECT max(rowid) FROM "{table}"', f'SELECT rowid FROM "{table}" ORDER BY rowid DESC LIMIT 1'):
        try:
            row = src.execute(sql).fetchone()
        except _READ_ERRORS:
            continue
        return row[0] if row and isinstance(row[0], int) else 0
    return None


def _read_rows(src: sqlite3.Connection, table: str, columns: list[str],
               report: RecoveryReport) -> Iterator[list[tuple[Any, ...]]]:
    """Yield chunks of readable rows of *table* (rowid first, strictly increasing), skipping damaged stretches.

    Rows are read in rowid order a chunk at a time.  Where that meets damage,
    rows are looked up one rowid at a time (each lookup walks the B-tree
    afresh, so a damaged page costs only the rows under it) until
    :data:`STEADY` rows in a row read again, then chunks resume.  Rowids past
    the table's largest (when that can be read) are damage, not rows; without
    it, :data:`GIVE_UP` misses in a row end the table.
    """
    cols = ", ".join(f'"{c}"' for c in columns)
    scan = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT {CHUNK}'
    one = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid = ?'
    upper = _upper_rowid(src, table)
    last = 0  # our tables' rowids start at 1
    while True:
        damaged = False
        try:
            rows = src.execute(scan, (last,)).fetchall()
        except _READ_ERRORS:
            damaged, rows = True, []
        good: list[tuple[Any, ...]] = []
        for row in rows:
            rid = row[0]
            if not isinstance(rid, int) or rid <= (good[-1][0] if good else last) or (upper and rid > upper):
                damaged = True
                break
            good.append(row)
        if good:
            yield good
            last = good[-1][0]
        if not damaged:
            if len(rows) < CHUNK:
                return
            continue
        if table not in report.unreadable:
            report.unreadable.append(table)
        found: list[tuple[Any, ...]] = []
        steady = misses = 0
        rid = last
        while steady < STEADY:
            rid += 1
            if (upper is not None and rid > upper) or misses >= GIVE_UP:
                if found:
                    yield found
                return
            try:
                row = src.execute(one, (rid,)).fetchone()
            except _READ_ERRORS:
                row = None
            if row is None:
                steady, misses = 0, misses + 1
                continue
            found.append(row)
            steady, misses = steady + 1, 0
            if len(found) >= CHUNK:
                yield found
                found = []
        if found:
            yield found
        last = rid


_ID = re.compile(r"[0-9A-Za-z_-]{1,40}")
_ID_COLUMNS = {"id", "customer_id", "contact_id", "complaint_id", "tag_id", "row_id"}


def _plausible(columns: list[str], values: tuple[Any, ...]) -> bool:
    """False for a row a damaged page garbled: ids that are not ids, stamps that are not stamps, broken text."""
    from crm_desktop.domain.hlc import Stamp

    for column, value in zip(columns, values):
        if isinstance(value, str) and "\ufffd" in value:
            return False  # bytes that were not UTF-8: garbage, not what anybody typed
        if value is None:
            continue
        if column in _ID_COLUMNS:
            if not isinstance(value, str) or not _ID.fullmatch(value):
                return False
        elif column.endswith("stamp"):
            try:
                Stamp.decode(value)
            except (ValueError, TypeError, AttributeError):
                return False
    return True


def _insert(dst: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> tuple[int, int]:
    """Insert the plausible ones of *rows* (without their rowid); returns (inserted, left out)."""
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT OR IGNORE INTO "{table}" ({", ".join(columns)}) VALUES ({marks})'
    values = [r[1:] for r in rows if _plausible(columns, r[1:])]
    garbled = len(rows) - len(values)
    dst.execute("SAVEPOINT chunk")
    try:
        before = dst.total_changes
        dst.executemany(sql, values)
        dst.execute("RELEASE chunk")
        n = dst.total_changes - before
        return n, len(values) - n + garbled
    except _READ_ERRORS:
        dst.execute("ROLLBACK TO chunk")
        dst.execute("RELEASE chunk")
    done = refused = 0
    for v in values:  # one bad row (a lost parent, a value the schema refuses) must not cost the chunk
        try:
            cur = dst.execute(sql, v)
            done += cur.rowcount
            refused += 1 - cur.rowcount
        except sqlite3.DatabaseError:
            refused += 1
    return done, refused + garbled


def _copy_file(source: Path, folder: Path, target: Path) -> Path:
    """A private copy of *source* (and its write-ahead log) in *folder*, if the disk of *target* has room."""
    from crm_desktop.db.errors import DiskFullError

    needed = sum(os.path.getsize(str(source) + s) for s in ("", "-wal") if os.path.exists(str(source) + s))
    needed = needed * 2 + 1024 * 1024  # the copy, and the new book that is at most as large
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise DiskFullError(target, free_bytes=free, needed_bytes=needed)
    copy = folder / source.name
    shutil.copyfile(source, copy)
    if os.path.exists(str(source) + "-wal"):
        shutil.copyfile(str(source) + "-wal", str(copy) + "-wal")
    return copy


def recover_book(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> RecoveryReport:
    """Copy every readable row of the damaged book *source* into the new book *target*.

    *target* must not exist; *source* is only read.  The search index of
    *target* is left empty: rebuild it (:func:`crm_desktop.db.search.reindex_customers`) before use.
    Raises :class:`NothingRecoverableError` when nothing at all could be read
    (then no *target* is left behind).
    """
    from crm_desktop.db.database import APPLICATION_ID, SQLITE_MAGIC, open_database

    source, target = Path(source), Path(target)
    with open(source, "rb") as f:
        head = f.read(100)
    if head[:16] != SQLITE_MAGIC or int.from_bytes(head[68:72], "big") != APPLICATION_ID:
        raise NothingRecoverableError(str(source))
    report = RecoveryReport()
    with tempfile.TemporaryDirectory(prefix="crm-recover-", dir=target.absolute().parent) as tmp:
        os.chmod(tmp, 0o700)  # the copy holds the whole book
        copy = _copy_file(source, Path(tmp), target)
        src = sqlite3.connect(str(copy))
        src.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a damaged text is kept, marked
        try:
            src.execute("PRAGMA query_only=1")
            try:
                present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except _READ_ERRORS:
                present = set(TABLES)  # the schema itself is damaged: try each table anyway
            try:
                db = open_database(target, create=True)
                try:
                    with db.raw_connection() as dst:
                        for table in TABLES:
                            if table in present:
                                _recover_table(src, dst, table, report)
                finally:
                    db.close()
                if report.total == 0 and report.unreadable:
                    raise NothingRecoverableError(str(source))
                _copy_meta(src, target)
            except BaseException:
                remove_book(target)
                raise
        finally:
            src.close()
    return report


def _recover_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, report: RecoveryReport) -> None:
    try:
        theirs = set(_columns(src, table))
    except _READ_ERRORS:
        report.unreadable.append(table)
        return
    columns = [c for c in _columns(dst, table) if c in theirs]
    got = left = 0
    try:
        for rows in _read_rows(src, table, columns, report):
            n, refused = _insert(dst, table, columns, rows)
            got += n
            left += refused
    except _READ_ERRORS:
        if table not in report.unreadable:
            report.unreadable.append(table)
    report.copied[table] = got
    if left:
        report.skipped[table] = left


def _copy_meta(src: sqlite3.Connection, target: Path) -> None:
    """Keep the book's identity (site id) and clock, so teammates' merges see the same book.

    Written after the new book was closed: closing records its own clock.
    """
    try:
        rows = src.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'last_stamp')").fetchall()
    except _READ_ERRORS:
        return
    dst = sqlite3.connect(str(target))
    try:
        with dst:
            for key, value in rows:
                if isinstance(value, str) and value:
                    dst.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
    finally:
        dst.close()
