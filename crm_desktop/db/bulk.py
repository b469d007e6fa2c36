"""Bulk inserts with ``executemany`` on the raw SQLite connection.

SQLModel's ``add_all`` is ~25× slower for a million rows, so the demo
generator, imports and merges write through here.  Values must already be in
storage form: datetimes as :func:`crm_desktop.db.types.ts_text`, dates as
ISO text, booleans as 0/1, money as integer minor units.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence


def insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert *rows* into *table*; returns the number of rows written."""
    cols = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    cur = conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    return cur.rowcount


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))
