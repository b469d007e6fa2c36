"""Bulk inserts with ``executemany`` on the raw SQLite connection.

SQLModel's ``add_all`` is ~25× slower for a million rows, so the demo
generator, imports and merges write through here.  Values must already be in
storage form: datetimes as :func:`crm_desktop.db.types.ts_text`, dates as
ISO text, booleans as 0/1, money as integer minor units.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert *rows* into *table*; returns the number of rows written."""
    cols = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    cur = conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    return cur.rowcount


def tombstone_many(conn: sqlite3.Connection, table: str, ids: Iterable[str], stamp: str) -> int:
    """Tombstone the live rows of *table* with these ids, stamped like :func:`crm_desktop.db.sync.set_deleted`.

    *table* is one of ours, never user input.  Plain ``?`` placeholders: numbered ones (``?1``) bound
    from a sequence are deprecated and refused from Python 3.14 on.
    """
    cur = conn.executemany(
        f"UPDATE {table} SET deleted_stamp = ?, stamp = ?, "
        f"field_stamps = json_set(coalesce(field_stamps, '{{}}'), '$.deleted_stamp', ?) "
        f"WHERE id = ? AND deleted_stamp IS NULL", [(stamp, stamp, stamp, i) for i in ids])
    return cur.rowcount


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))


@contextmanager
def large_cache(conn: sqlite3.Connection, megabytes: int) -> Iterator[None]:
    """A page cache of *megabytes* on *conn* while bulk-writing (random ids scatter B-tree inserts over the
    file, so a small cache rereads pages), the previous size after."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size=-{int(megabytes) * 1000}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size={int(before)}")
