"""``crm-desktop recover``: copy what can still be read from a damaged book into a new one.

The idea of SQLite's ``.recover``, done with what every Python has: a new
book is made from the app's own schema (the migrations), then each of our
tables is read from a private copy of the damaged file in rowid order, a
chunk at a time.  A chunk that hits a damaged page is read again row by row;
past the last readable row the scan probes ever further rowids (then narrows
back) until it lands on readable rows again, so one bad page costs the rows
on that page, not the rest of the table.  Rows go in parents first with
foreign keys on: a contact whose customer was lost is left out and counted.
Only columns the new schema knows are copied, by name; the damaged file's
triggers, views and indexes are never used.  The search index is rebuilt
from the recovered customers.

The damaged file itself is only read: the work is done on a copy (with its
write-ahead log, so the last edits are not lost) in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

CHUNK = 500
MAX_ROWID = 2**63 - 1

# Parents before children, so a child is kept exactly when its parent was recovered.
TABLES = ("tag", "customer", "contact", "complaint", "interaction", "sales_order", "complaint_event",
          "customer_tag", "setting", "conflict", "erasure", "change_batch")


class NothingRecoverableError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Nothing could be read from “{path}”: it is not a book of this app or its first page is "
                      "damaged."), path=path)


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


def _probe(src: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid above *after* that can be reached, or raise if the way there is damaged."""
    row = src.execute(f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1', (after,)).fetchone()
    return None if row is None else row[0]


def _next_readable(src: sqlite3.Connection, table: str, last: int) -> int | None:
    """A position to resume reading after a damaged stretch that follows rowid *last*; None at the end."""
    gap = 1
    while last + gap < MAX_ROWID:
        try:
            found = _probe(src, table, last + gap)
        except sqlite3.DatabaseError:
            gap *= 2
            continue
        if found is None:
            return None
        # narrow back: readable rows may start between the last failed probe and this one
        bad, good = last + gap // 2, last + gap
        while good - bad > 1:
            mid = (bad + good) // 2
            try:
                _probe(src, table, mid)
                good = mid
            except sqlite3.DatabaseError:
                bad = mid
        return good
    return None


def _read_rows(src: sqlite3.Connection, table: str, columns: list[str], report: RecoveryReport):
    """Yield chunks of readable rows of *table* (rowid first), skipping damaged stretches."""
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    last = -MAX_ROWID - 1
    while True:
        try:
            rows = src.execute(sql, (last, CHUNK)).fetchall()
        except sqlite3.DatabaseError:
            rows = []
            try:  # row by row up to the damage
                for _ in range(CHUNK):
                    row = src.execute(sql, (last if not rows else rows[-1][0], 1)).fetchone()
                    if row is None:
                        break
                    rows.append(row)
            except sqlite3.DatabaseError:
                if table not in report.unreadable:
                    report.unreadable.append(table)
                if rows:
                    yield rows
                    last = rows[-1][0]
                resume = _next_readable(src, table, last)
                if resume is None:
                    return
                last = max(resume - 1, last + 1)  # a row whose rowid reads but whose values do not is lost
                continue
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _insert(dst: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple]) -> tuple[int, int]:
    """Insert *rows* (without their rowid); returns (inserted, refused)."""
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT OR IGNORE INTO "{table}" ({", ".join(columns)}) VALUES ({marks})'
    values = [r[1:] for r in rows]
    dst.execute("SAVEPOINT chunk")
    try:
        before = dst.total_changes
        dst.executemany(sql, values)
        dst.execute("RELEASE chunk")
        n = dst.total_changes - before
        return n, len(values) - n
    except sqlite3.DatabaseError:
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
    return done, refused


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


def recover_book(source: str | os.PathLike, target: str | os.PathLike) -> RecoveryReport:
    """Copy every readable row of the damaged book *source* into the new book *target*.

    *target* must not exist; *source* is only read.  The search index of
    *target* is left empty: rebuild it (``services.search_index``) before use.
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
        try:
            src.execute("PRAGMA query_only=1")
            try:
                present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError:
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
                for suffix in ("", "-wal", "-shm"):
                    Path(str(target) + suffix).unlink(missing_ok=True)
                raise
        finally:
            src.close()
    return report


def _recover_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, report: RecoveryReport) -> None:
    try:
        theirs = set(_columns(src, table))
    except sqlite3.DatabaseError:
        report.unreadable.append(table)
        return
    columns = [c for c in _columns(dst, table) if c in theirs]
    got = left = 0
    try:
        for rows in _read_rows(src, table, columns, report):
            n, refused = _insert(dst, table, columns, rows)
            got += n
            left += refused
    except sqlite3.DatabaseError:
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
    except sqlite3.DatabaseError:
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
