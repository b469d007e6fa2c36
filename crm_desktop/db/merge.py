"""The SQL of merging a teammate's checked copy into the book (the logic is crm_desktop.services.merge).

All functions take the DB-API connection of a unit of work (``Database.bulk()``)
on which the checked copy is attached (:func:`attached`, schema ``inc`` by
default) beside the book (``main``).  Table and schema names are always ours,
never input.  Candidate ids go through the temporary table ``temp.merge_ids``
(:func:`fill_ids`), so a merge of 100k changed records never builds a
statement with 100k parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Row = dict[str, Any]
ErasureRow = tuple[Any, ...]
"""``(table_name, stamp, erased_at)`` by erasure id."""

IDS = "merge_ids"
"""The temporary table holding the ids a read is about."""


# --------------------------------------------------------------------------- attaching, transactions


@contextmanager
def attached(conn: sqlite3.Connection, path: Path, name: str = "inc") -> Iterator[str]:
    """Attach the database at *path* as schema *name* for the block; any open transaction is rolled back
    before it is detached (a preview writes nothing)."""
    conn.execute("ATTACH DATABASE ? AS " + name, (str(path),))
    try:
        yield name
    finally:
        if conn.in_transaction:
            conn.rollback()
        conn.execute(f"DETACH DATABASE {name}")


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` transaction (the book's write lock held throughout): committed at the end of
    the block, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


class BookWatch:
    """Whether anything was committed to the book at *path* since this watch was made (``PRAGMA
    data_version`` on a connection of its own): a merge preview's plan may then be applied as computed."""

    def __init__(self, path: Path) -> None:
        self._conn: sqlite3.Connection | None = sqlite3.connect(str(path), check_same_thread=False)
        self._version = self._conn.execute("PRAGMA data_version").fetchone()[0]

    def unchanged(self) -> bool:
        if self._conn is None:
            return False
        try:
            return bool(self._conn.execute("PRAGMA data_version").fetchone()[0] == self._version)
        except sqlite3.Error:
            return False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# --------------------------------------------------------------------------- reading


def columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    """The columns of *table* in *schema*, in order."""
    return [r[1] for r in conn.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def erasures(conn: sqlite3.Connection, schema: str = "main") -> dict[str, ErasureRow]:
    """Every erasure of *schema*: id → (table_name, stamp, erased_at)."""
    return {r[0]: tuple(r[1:]) for r in conn.execute(
        f'SELECT id, table_name, stamp, erased_at FROM "{schema}".erasure')}


def known_conflicts(conn: sqlite3.Connection) -> set[str]:
    """Ids of the losses the book has kept already (detected by an earlier merge)."""
    return {r[0] for r in conn.execute("SELECT id FROM main.conflict")}


def differing_ids(conn: sqlite3.Connection, other: str, table: str) -> set[str]:
    """Ids of *other*'s records of *table* the book lacks or has with other stamps (the only ones decoded)."""
    return {r[0] for r in conn.execute(
        f'SELECT o.id FROM "{other}"."{table}" o LEFT JOIN main."{table}" m ON m.id = o.id '
        "WHERE m.id IS NULL OR m.stamp != o.stamp OR m.created_stamp != o.created_stamp "
        "OR m.field_stamps IS NOT o.field_stamps OR m.deleted_stamp IS NOT o.deleted_stamp")}


def fill_ids(conn: sqlite3.Connection, ids: Iterable[str], name: str = IDS) -> None:
    """Make the temporary table *name* hold exactly *ids*."""
    conn.execute(f'DROP TABLE IF EXISTS temp."{name}"')
    conn.execute(f'CREATE TEMP TABLE "{name}" (id TEXT PRIMARY KEY)')
    conn.executemany(f'INSERT OR IGNORE INTO temp."{name}"(id) VALUES (?)', ((i,) for i in ids))


def plain_new_rows(conn: sqlite3.Connection, other: str, table: str) -> list[tuple[str, str]]:
    """(id, stamp) of *other*'s records of *table* that the book lacks and that were never edited nor
    deleted (no field stamps, the row's stamp its creation's): a merge takes such a record as it is."""
    return conn.execute(
        f'SELECT o.id, o.stamp FROM "{other}"."{table}" o LEFT JOIN main."{table}" m ON m.id = o.id '
        "WHERE m.id IS NULL AND o.field_stamps IS NULL AND o.deleted_stamp IS NULL "
        "AND o.stamp = o.created_stamp").fetchall()


@contextmanager
def _id_table(conn: sqlite3.Connection, ids: Iterable[str], name: str) -> Iterator[str]:
    """The temporary table *name* holding exactly *ids* for the block (``temp."name"``), dropped after it."""
    fill_ids(conn, ids, name)
    try:
        yield f'temp."{name}"'
    finally:
        conn.execute(f'DROP TABLE IF EXISTS temp."{name}"')


def copy_rows(conn: sqlite3.Connection, other: str, table: str, cols: Sequence[str], ids: Iterable[str]) -> None:
    """Insert *other*'s records *ids* of *table* into the book as they are (the caller owns the transaction)."""
    names = ", ".join(f'"{c}"' for c in cols)
    with _id_table(conn, ids, "merge_copy") as picked:
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM "{other}"."{table}" '
                     f"WHERE id IN (SELECT id FROM {picked})")


def parents_of(conn: sqlite3.Connection, schema: str, table: str, column: str, ids: Iterable[str]) -> set[str]:
    """The distinct values of *column* (a parent's id) of the records *ids* of *table* in *schema*."""
    with _id_table(conn, ids, "merge_parents") as picked:
        return {r[0] for r in conn.execute(f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}" '
                                           f'WHERE id IN (SELECT id FROM {picked}) AND "{column}" IS NOT NULL')}


def customer_keys(conn: sqlite3.Connection, schema: str,
                  ids: Iterable[str]) -> list[tuple[str, str, str | None, str | None]]:
    """(id, name, phone, e-mail) of the customers *ids* in *schema* (what duplicates are looked for by)."""
    with _id_table(conn, ids, "merge_keys") as picked:
        return conn.execute(f'SELECT id, name, phone, email FROM "{schema}".customer '
                            f"WHERE id IN (SELECT id FROM {picked})").fetchall()


def deleted_parents(conn: sqlite3.Connection, schemas: Sequence[str], parent: str, child: str,
                    column: str) -> set[str]:
    """Deleted *parent* records (in any of *schemas*) of the *child* records whose ids are in ``temp.merge_ids``."""
    found: set[str] = set()
    for schema in schemas:
        found.update(r[0] for r in conn.execute(
            f'SELECT DISTINCT c."{column}" FROM "{schema}"."{child}" c JOIN "{schema}"."{parent}" p '
            f'ON p.id = c."{column}" WHERE c.id IN (SELECT id FROM temp.{IDS}) AND p.deleted_stamp IS NOT NULL'))
    return found


def rows_by_id(conn: sqlite3.Connection, schema: str, table: str, cols: Sequence[str]) -> dict[str, Row]:
    """The records of *table* in *schema* whose ids are in ``temp.merge_ids``, as dicts of *cols*."""
    sel = ", ".join(f'"{c}"' for c in cols)
    cur = conn.execute(f'SELECT {sel} FROM "{schema}"."{table}" WHERE id IN (SELECT id FROM temp."{IDS}")')
    return {r[0]: dict(zip(cols, r)) for r in cur}


def latest_child_created(conn: sqlite3.Connection, schemas: Sequence[str],
                         children: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Per parent id in ``temp.merge_ids``: the latest ``created_stamp`` of its *children* ((table, column)
    pairs) over *schemas*."""
    parts = []
    for child, column in children:
        for schema in schemas:
            parts.append(f'SELECT "{column}" AS p, MAX(created_stamp) AS s FROM "{schema}"."{child}" '
                         f'WHERE "{column}" IN (SELECT id FROM temp.{IDS}) GROUP BY "{column}"')
    sql = f"SELECT p, MAX(s) FROM ({' UNION ALL '.join(parts)}) GROUP BY p"
    return {r[0]: r[1] for r in conn.execute(sql)}


def not_in_book(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """Which of *ids* no customer of the book has (not even a deleted one)."""
    with _id_table(conn, ids, "merge_new") as picked:
        return {r[0] for r in conn.execute(f"SELECT id FROM {picked} WHERE id NOT IN (SELECT id FROM main.customer)")}


def live_customers(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str | None, str | None, str | None]]:
    """(id, name, phone, e-mail, owner) of every live customer of the book."""
    yield from conn.execute("SELECT id, name, phone, email, owner FROM main.customer WHERE deleted_stamp IS NULL")


def drop_ids(conn: sqlite3.Connection) -> None:
    conn.execute(f'DROP TABLE IF EXISTS temp."{IDS}"')


def read_rows(conn: sqlite3.Connection, schema: str, table: str) -> dict[str, Row]:
    """Every record of *table* in *schema* by id (small databases only: tests and tools)."""
    cols = columns(conn, schema, table)
    sel = ", ".join(f'"{c}"' for c in cols)
    return {r[0]: dict(zip(cols, r)) for r in conn.execute(f'SELECT {sel} FROM "{schema}"."{table}"')}


# --------------------------------------------------------------------------- writing


def upsert_rows(conn: sqlite3.Connection, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert or overwrite (by id) *rows* of *table* in the book (the caller owns the transaction)."""
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
    conn.executemany(f'INSERT INTO main."{table}" ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}',
                     rows)


def update_columns(conn: sqlite3.Connection, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set *cols* of existing records of *table*: each row holds their values, then the record's id."""
    sets = ", ".join(f'"{c}" = ?' for c in cols)
    conn.executemany(f'UPDATE main."{table}" SET {sets} WHERE id = ?', rows)


def upsert_erasures(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Insert or overwrite erasures ``(id, table_name, stamp, erased_at)``."""
    conn.executemany("INSERT INTO main.erasure(id, table_name, stamp, erased_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(id) DO UPDATE SET table_name = excluded.table_name, stamp = excluded.stamp, "
                     "erased_at = excluded.erased_at", rows)


def insert_conflicts(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Keep losses for review: ``(id, table_name, row_id, field, kept_value, kept_stamp, lost_value,
    lost_stamp, detected_at)``; one already kept is not stored twice."""
    conn.executemany(
        "INSERT OR IGNORE INTO main.conflict(id, table_name, row_id, field, kept_value, kept_stamp, lost_value, "
        "lost_stamp, detected_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)", rows)


def customer_owners_in(conn: sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """Each customer of *schema* → its stored owner (for a merge that takes from a teammate only what
    concerns their own customers)."""
    return {str(r[0]): str(r[1] or "") for r in conn.execute(f"SELECT id, owner FROM {schema}.customer")}


def parent_customers(conn: sqlite3.Connection, table: str, schemas: Sequence[str]) -> dict[str, str]:
    """Each record of *table* (one with a ``customer_id``, e.g. a complaint or a deal) in *schemas* → its
    customer (the first schema wins)."""
    out: dict[str, str] = {}
    for schema in reversed(schemas):
        out.update((str(r[0]), str(r[1])) for r in conn.execute(f'SELECT id, customer_id FROM {schema}."{table}"'))
    return out


def people_in(conn: sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """id → name of every person of *schema* (deleted ones too)."""
    return {str(r[0]): str(r[1] or "") for r in conn.execute(f"SELECT id, name FROM {schema}.person")}
