"""Rows between the book and the hub: the book's stored form (what the e-mail merge joins) and the hub's
typed columns, and the hub's queries of a push and a pull (psycopg; table names are always ours).

A row travels as a dict in the book's stored form: timestamps as SQLite's text, dates as ISO text, flags
0/1.  The hub converts its typed columns to that form as it reads them (:func:`_read_cols`) and the
book's text back as it writes them (:func:`to_hub`, sent by ``COPY``), so both merges join exactly the
same values and no row is converted in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Boolean, Date
from sqlmodel import SQLModel

from crm_desktop.db.hub.schema import HUB_LOCK
from crm_desktop.db.types import UTCDateTime

Row = dict[str, Any]
PG = psycopg.Connection[Any]


@cache
def columns(table: str) -> tuple[str, ...]:
    """The book's columns of *table* (the models' order)."""
    return tuple(c.name for c in SQLModel.metadata.tables[table].columns)


@cache
def _kinds(table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in SQLModel.metadata.tables[table].columns:
        if isinstance(c.type, UTCDateTime):
            out[c.name] = "ts"
        elif isinstance(c.type, Boolean):
            out[c.name] = "bool"
        elif isinstance(c.type, Date):
            out[c.name] = "date"
    return out


@cache
def foreign_keys(table: str) -> tuple[tuple[str, str], ...]:
    """(column, parent table) of the declared foreign keys of *table*."""
    return tuple((fk.parent.name, fk.column.table.name) for fk in SQLModel.metadata.tables[table].foreign_keys)


def from_hub(table: str, values: Sequence[Any]) -> Row:
    """A hub row read with :func:`_read_cols` (so already in the book's stored form) as a dict."""
    return dict(zip(columns(table), values))


def to_hub(table: str, row: Mapping[str, Any]) -> list[Any]:
    """A row in the book's stored form as the values :func:`_write_rows` sends (in :func:`columns` order).

    The book's text goes as it is: the hub connection's time zone is UTC (:func:`~.connect.open_hub`), so
    PostgreSQL reads a stored timestamp as the UTC time it is, a flag 0/1 as a boolean and a date's first
    ten characters as the date."""
    out = [row.get(c) for c in columns(table)]
    for i, kind in _slots(table):
        v = out[i]
        if v == "":
            out[i] = None  # as parse_ts reads it
        elif v is not None and kind == "date":
            out[i] = str(v)[:10]
    return out


@cache
def _slots(table: str) -> tuple[tuple[int, str], ...]:
    """(position, kind) of the timestamp and date columns of *table*."""
    kinds = _kinds(table)
    return tuple((i, kinds[c]) for i, c in enumerate(columns(table)) if kinds.get(c) in ("ts", "date"))


@cache
def _read_cols(table: str) -> sql.Composable:
    """The columns of *table* as the book stores them, converted by the hub itself: timestamps as SQLite's
    UTC text, flags 0/1, dates ISO."""
    kinds = _kinds(table)
    parts: list[sql.Composable] = []
    for name in columns(table):
        col = sql.Identifier(name)
        kind = kinds.get(name)
        if kind == "ts":
            parts.append(sql.SQL("to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')").format(col))
        elif kind == "bool":
            parts.append(sql.SQL("{}::int").format(col))
        elif kind == "date":
            parts.append(sql.SQL("to_char({}, 'YYYY-MM-DD')").format(col))
        else:
            parts.append(col)
    return sql.SQL(", ").join(parts)


def _cols(table: str) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(c) for c in columns(table))


def _write_rows(conn: PG, table: str, rows: Sequence[Row]) -> sql.Identifier:
    """COPY *rows* into this transaction's scratch copy of *table* (a temporary table, emptied first and at
    commit) and return its name: one round trip for a whole batch, however many rows."""
    scratch = sql.Identifier(f"hub_in_{table}")
    conn.execute(sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {s} (LIKE {t} INCLUDING DEFAULTS) "
                         "ON COMMIT DELETE ROWS").format(s=scratch, t=sql.Identifier(table)))
    conn.execute(sql.SQL("TRUNCATE {s}").format(s=scratch))
    with conn.cursor().copy(sql.SQL("COPY {s} ({c}) FROM STDIN").format(s=scratch, c=_cols(table))) as copy:
        for r in rows:
            copy.write_row(to_hub(table, r))
    return scratch


# --------------------------------------------------------------------------- push


def lock_rows(conn: PG, table: str, ids: Iterable[str]) -> dict[str, Row]:
    """The hub's versions of the rows *ids* of *table*, locked until the transaction ends."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    cur = conn.execute(sql.SQL("SELECT {c} FROM {t} WHERE id = ANY(%s) ORDER BY id FOR UPDATE").format(
        c=_read_cols(table), t=sql.Identifier(table)), (wanted,))
    return {r[0]: from_hub(table, r) for r in cur}


def deleted_ids(conn: PG, table: str, ids: Iterable[str]) -> set[str]:
    """Which of *ids* are tombstoned rows of *table* on the hub."""
    cur = conn.execute(sql.SQL("SELECT id FROM {t} WHERE id = ANY(%s) AND deleted_stamp IS NOT NULL").format(
        t=sql.Identifier(table)), (sorted(set(ids)),))
    return {r[0] for r in cur}


def existing_ids(conn: PG, table: str, ids: Iterable[str]) -> set[str]:
    """Which of *ids* the hub has (as this member may see them)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    cur = conn.execute(sql.SQL("SELECT id FROM {t} WHERE id = ANY(%s)").format(t=sql.Identifier(table)), (wanted,))
    return {r[0] for r in cur}


def latest_children(conn: PG, children: Sequence[tuple[str, str]], parents: Iterable[str],
                    leave_out: Mapping[str, set[str]]) -> dict[str, str]:
    """Per parent id: the latest ``created_stamp`` of its children on the hub, leaving out the child rows
    *leave_out* (by table: the ones this push joins itself)."""
    wanted = sorted(set(parents))
    out: dict[str, str] = {}
    if not wanted:
        return out
    for child, column in children:
        cur = conn.execute(sql.SQL("SELECT {col}, max(created_stamp) FROM {t} WHERE {col} = ANY(%s) "
                                   "AND NOT (id = ANY(%s)) GROUP BY {col}").format(
            col=sql.Identifier(column), t=sql.Identifier(child)), (wanted, sorted(leave_out.get(child, set()))))
        for parent, stamp in cur:
            if stamp is not None and (parent not in out or stamp > out[parent]):
                out[parent] = stamp
    return out


def lock_numbering(conn: PG) -> None:
    """Take the hub's advisory lock until the transaction ends: the rows written from now on are numbered
    as they are written (see :mod:`crm_desktop.db.hub.schema`: numbers are committed in order)."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (HUB_LOCK,))


def insert_rows(conn: PG, table: str, rows: Sequence[Row]) -> set[str]:
    """Insert *rows* new to the hub, each with a new sequence number (under :func:`lock_numbering`);
    returns the ids written (one another member wrote meanwhile, or that this member may not see, is
    left alone: its number is a gap)."""
    if not rows:
        return set()
    scratch = _write_rows(conn, table, rows)
    cur = conn.execute(sql.SQL("INSERT INTO {t} ({c}, hub_seq) SELECT {c}, nextval('hub_seq') FROM {s} "
                               "ON CONFLICT (id) DO NOTHING RETURNING id").format(
        t=sql.Identifier(table), c=_cols(table), s=scratch))
    return {r[0] for r in cur}


def update_rows(conn: PG, table: str, rows: Sequence[Row]) -> int:
    """Overwrite the hub's versions of *rows* (locked by :func:`lock_rows`), as written by this member, each
    with a new sequence number (under :func:`lock_numbering`); returns how many were written."""
    if not rows:
        return 0
    scratch = _write_rows(conn, table, rows)
    sets = sql.SQL(", ").join(sql.SQL("{c} = s.{c}").format(c=sql.Identifier(c)) for c in columns(table) if c != "id")
    cur = conn.execute(sql.SQL("UPDATE {t} AS h SET {sets}, pushed_by = session_user, hub_seq = nextval('hub_seq') "
                               "FROM {s} AS s WHERE h.id = s.id").format(t=sql.Identifier(table), sets=sets, s=scratch))
    return cur.rowcount


def finish_numbering(conn: PG, numbered: int) -> None:
    """After the rows of a push were numbered: ``hub_head`` becomes the last number handed out (still under
    the lock, in the same transaction)."""
    if numbered:
        conn.execute("UPDATE hub_head SET seq = currval('hub_seq')")


# --------------------------------------------------------------------------- pull


@contextmanager
def snapshot(conn: PG) -> Iterator[None]:
    """One read-only REPEATABLE READ transaction: every read of the block sees the same committed rows."""
    conn.rollback()
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    try:
        yield
    finally:
        conn.rollback()
        conn.isolation_level = None
        conn.read_only = None


def head(conn: PG) -> int:
    """The last sequence number handed out by a push this transaction's snapshot sees committed (``hub_head``
    is written under the hub's lock by the numbering transaction itself): every row numbered up to it is
    visible, none numbered after it."""
    row = conn.execute("SELECT seq FROM hub_head").fetchone()
    return 0 if row is None else int(row[0])


def rows_in_range(conn: PG, table: str, after: int, upto: int) -> list[Row]:
    """Rows of *table* whose sequence number is in (after, upto]."""
    cur = conn.execute(sql.SQL("SELECT {c} FROM {t} WHERE hub_seq > %s AND hub_seq <= %s").format(
        c=_read_cols(table), t=sql.Identifier(table)), (after, upto))
    return [from_hub(table, r) for r in cur]


def stream_rows(conn: PG, table: str, after: int, upto: int, size: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of *table* numbered in (after, upto] in the book's stored form, as tuples in :func:`columns`
    order, *size* at a time from a server-side cursor (in the caller's transaction): the whole table
    never needs to fit in memory."""
    with conn.cursor(name=f"hub_stream_{table}") as cur:
        cur.itersize = size
        cur.execute(sql.SQL("SELECT {c} FROM {t} WHERE hub_seq > %s AND hub_seq <= %s").format(
            c=_read_cols(table), t=sql.Identifier(table)), (after, upto))
        while rows := cur.fetchmany(size):
            yield rows


def rows_by_id(conn: PG, table: str, ids: Iterable[str]) -> list[Row]:
    """The hub's rows *ids* of *table* (as this member may see them)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    cur = conn.execute(sql.SQL("SELECT {c} FROM {t} WHERE id = ANY(%s)").format(
        c=_read_cols(table), t=sql.Identifier(table)), (wanted,))
    return [from_hub(table, r) for r in cur]


# --------------------------------------------------------------------------- members


def other_sites(conn: PG) -> set[str]:
    """The site ids registered to every member but the one connected (revoked ones included)."""
    cur = conn.execute("SELECT unnest(sites) FROM hub_member WHERE role_name <> current_user")
    found = {r[0] for r in cur}
    conn.rollback()
    return found


def register_site(conn: PG, site: str, person_id: str) -> str | None:
    """Register this laptop's *site* as the connected member's; returns the member's person id (None when
    the member is revoked or the site belongs to another member)."""
    row = conn.execute("SELECT hub_register_site(%s, %s)", (site, person_id)).fetchone()
    conn.commit()
    return None if row is None or row[0] is None else str(row[0])


RETRYABLE = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
"""Failures after which a push batch is simply run again (it is idempotent)."""
