"""The book's side of hub sync (SQLite): what waits to be pushed, and the connection settings.

``hub_shadow`` (local to the book, made when it joins a hub; backups and merges never take it) holds per
row the *signature* of the version the hub is known to have — its stamps, which change whenever a merge or
an edit changes the row.  A row whose signature differs (edited here, merged in from an e-mailed backup,
or never sent) waits to be pushed; after a push is acknowledged, or a pull brings the hub's version, the
shadow takes that version's signature.  The table is made on joining, not by a migration, because only a
book connected to a hub needs it.

The hub's address, the pull cursor and the last sync's time are ``meta`` entries (``hub.*``: local, never
sent); the password is in the OS keyring.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from crm_desktop.db.bulk import delete_meta, set_meta
from crm_desktop.db.hub.tables import HUB_TABLES
from crm_desktop.db.intake.schema import ro_uri
from crm_desktop.db.restore import meta_with_prefix

Row = dict[str, Any]
SHADOW = "hub_shadow"
META_PREFIX = "hub."
_SIG_ROW = ("t.stamp || '|' || t.created_stamp || '|' || coalesce(t.deleted_stamp, '') || '|' || "
            "coalesce(t.field_stamps, '')")
_SIG_ERASURE = "t.stamp || '|' || t.table_name"


def signature(table: str, row: Mapping[str, Any]) -> str:
    """The signature :data:`SHADOW` keeps of *row* (the same text as the SQL of :func:`pending_rows`)."""
    if table == "erasure":
        return f"{row['stamp']}|{row['table_name']}"
    return (f"{row['stamp']}|{row['created_stamp']}|{row.get('deleted_stamp') or ''}|"
            f"{row.get('field_stamps') or ''}")


def ensure_shadow(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE TABLE IF NOT EXISTS {SHADOW} (tbl TEXT NOT NULL, id TEXT NOT NULL, sig TEXT NOT NULL, "
                 "PRIMARY KEY (tbl, id)) WITHOUT ROWID")


def has_shadow(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SHADOW,)).fetchone() \
        is not None


def _pending_sql(table: str, what: str) -> str:
    sig = _SIG_ERASURE if table == "erasure" else _SIG_ROW
    return (f'SELECT {what} FROM main."{table}" t LEFT JOIN {SHADOW} s ON s.tbl = ? AND s.id = t.id '
            f"WHERE (s.sig IS NULL OR s.sig != {sig})")


def pending_rows(conn: sqlite3.Connection, table: str, limit: int, after_id: str = "") -> list[Row]:
    """Up to *limit* rows of *table* the hub does not have in this version (by id, after *after_id*)."""
    cols = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
    sel = ", ".join(f't."{c}"' for c in cols)
    cur = conn.execute(_pending_sql(table, sel) + " AND t.id > ? ORDER BY t.id LIMIT ?", (table, after_id, limit))
    return [dict(zip(cols, r)) for r in cur]


def has_pending(conn: sqlite3.Connection, table: str, rowids: tuple[int, int] | None = None) -> bool:
    """Whether any row of *table* (of those whose rowid lies in *rowids*, both ends included) waits to be
    pushed."""
    if rowids is None:
        return conn.execute(_pending_sql(table, "1") + " LIMIT 1", (table,)).fetchone() is not None
    return conn.execute(_pending_sql(table, "1") + " AND t.rowid BETWEEN ? AND ? LIMIT 1",
                        (table, *rowids)).fetchone() is not None


def probe_parts(conn: sqlite3.Connection, table: str, parts: int, least: int) -> list[tuple[int, int] | None]:
    """*table*'s rows cut into *parts* spans of rowids for :func:`has_pending` when it has at least *least*
    rows' worth of rowids, else one part (None: every row)."""
    top = conn.execute(f'SELECT max(rowid) FROM main."{table}"').fetchone()[0] or 0
    if parts < 2 or top < least:
        return [None]
    step = -(-top // parts)
    starts = [-(2**63), *range(1 + step, top + 1, step)]  # every rowid is in one span
    return [(start, end - 1) for start, end in zip(starts, [*starts[1:], 2**63])]


def count_pending(conn: sqlite3.Connection, tables: Sequence[str]) -> int:
    """How many rows wait to be pushed (0 for a book that never joined a hub)."""
    if not has_shadow(conn):
        return 0
    return sum(conn.execute(_pending_sql(t, "count(*)"), (t,)).fetchone()[0] for t in tables)


def count_pending_among(conn: sqlite3.Connection, table: str, ids: Iterable[str]) -> int:
    """How many of the rows *ids* of *table* wait to be pushed (:func:`count_pending`, for these only)."""
    wanted = sorted(set(ids))
    found = 0
    for i in range(0, len(wanted), 900):
        part = wanted[i:i + 900]
        marks = ", ".join("?" for _ in part)
        found += conn.execute(_pending_sql(table, "count(*)") + f" AND t.id IN ({marks})", (table, *part)).fetchone()[0]
    return found


def remember(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]], *,
             keep_current: bool = False) -> None:
    """The hub has these versions of *rows* now.

    *keep_current*: leave alone a row whose shadow holds the book's present version already (a pull
    merged the hub's version into the book after these rows were read to be pushed: the hub has that
    version, and these are older)."""
    keep = ""
    if keep_current:
        sig = _SIG_ERASURE if table == "erasure" else _SIG_ROW
        keep = f' WHERE {SHADOW}.sig IS NOT (SELECT {sig} FROM main."{table}" t WHERE t.id = excluded.id)'
    conn.executemany(f"INSERT INTO {SHADOW}(tbl, id, sig) VALUES (?, ?, ?) "
                     "ON CONFLICT(tbl, id) DO UPDATE SET sig = excluded.sig" + keep,
                     ((table, r["id"], signature(table, r)) for r in rows))


def known(conn: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """The ids of *rows* whose version (signature) the shadow already holds: the book has that version
    (or a later one), so taking it in again would change nothing — e.g. the rows this laptop just pushed,
    coming back with their new sequence numbers."""
    if not rows or not has_shadow(conn):
        return set()
    sigs = {r["id"]: signature(table, r) for r in rows}
    ids = list(sigs)
    found: set[str] = set()
    for i in range(0, len(ids), 900):
        part = ids[i:i + 900]
        marks = ", ".join("?" for _ in part)
        found.update(rid for rid, sig in conn.execute(
            f"SELECT id, sig FROM {SHADOW} WHERE tbl = ? AND id IN ({marks})", (table, *part)) if sigs[rid] == sig)
    return found


def forget_all(conn: sqlite3.Connection) -> None:
    """Drop every signature (joining another hub: everything is sent again)."""
    if has_shadow(conn):
        conn.execute(f"DELETE FROM {SHADOW}")


def existing(conn: sqlite3.Connection, table: str, ids: Iterable[str]) -> set[str]:
    """Which of *ids* the book has in *table* (even deleted)."""
    wanted = list(set(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        part = wanted[i:i + 500]
        marks = ", ".join("?" for _ in part)
        found.update(r[0] for r in conn.execute(f'SELECT id FROM main."{table}" WHERE id IN ({marks})', part))
    return found


def hub_settings(conn: sqlite3.Connection) -> dict[str, str]:
    """The ``hub.*`` meta entries, without the prefix."""
    return meta_with_prefix(conn, META_PREFIX)


def save_settings(conn: sqlite3.Connection, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        set_meta(conn, META_PREFIX + key, value)


def clear_settings(conn: sqlite3.Connection) -> None:
    for key in hub_settings(conn):
        delete_meta(conn, META_PREFIX + key)


def write_source(path: Path, image: bytes, rows: Mapping[str, Sequence[Row]]) -> None:
    """A new database at *path* from the app's schema *image* holding *rows* (by table): what the hub sent,
    to be taken in like a backup's database."""
    parts = []
    for table, table_rows in rows.items():
        if table_rows:
            cols = list(table_rows[0])
            values = itemgetter(*cols) if len(cols) > 1 else (lambda r, c=cols[0]: (r[c],))
            parts.append((table, cols, [map(values, table_rows)]))
    write_source_parts(path, image, parts)


def write_source_parts(path: Path, image: bytes,
                       parts: Iterable[tuple[str, Sequence[str], Iterable[Iterable[Sequence[Any]]]]]) -> int:
    """As :func:`write_source`, from (table, columns, chunks of value tuples) as they arrive (a chunk
    is written before the next is read); returns how many rows were written."""
    path.write_bytes(image)
    conn = sqlite3.connect(path, isolation_level=None)
    written = 0
    try:
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):  # 256 MB: the id
            conn.execute(f"PRAGMA {pragma}")  # indexes of a whole book are written in random order
        conn.execute("BEGIN")
        for table, cols, chunks in parts:
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            statement = f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})'
            for chunk in chunks:
                before = conn.total_changes
                conn.executemany(statement, chunk)
                written += conn.total_changes - before
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    return written


def remember_source(conn: sqlite3.Connection, source: Path, tables: Sequence[str]) -> None:
    """The hub has every row of the database *source* (written by :func:`write_source_parts` from what it
    sent) in that version: its signatures replace the shadow's, in one statement per table.  Commits."""
    conn.execute("ATTACH DATABASE ? AS hubsrc", (ro_uri(source),))
    try:
        for table in tables:
            sig = _SIG_ERASURE if table == "erasure" else _SIG_ROW
            conn.execute(f"INSERT INTO main.{SHADOW}(tbl, id, sig) SELECT ?, t.id, {sig} FROM hubsrc.\"{table}\" t "
                         f"WHERE typeof(t.id) = 'text' AND {sig} IS NOT NULL "
                         "ON CONFLICT(tbl, id) DO UPDATE SET sig = excluded.sig", (table,))
        conn.commit()
    finally:
        conn.execute("DETACH DATABASE hubsrc")


def replaceable(conn: sqlite3.Connection) -> bool:
    """Whether the hub's whole book may replace this one: it holds no customer at all (not even a deleted
    one: a new install's), and the hub has every row it holds (nothing waits to be pushed)."""
    return conn.execute("SELECT 1 FROM customer LIMIT 1").fetchone() is None and \
        count_pending(conn, HUB_TABLES) == 0
