"""The day's scores kept in the book (``score_cache``): derived, local, never merged.

One row per day: the scores as bytes (made and read by :mod:`crm_desktop.services.score_store`) and a
*fingerprint* of what they were computed from (:func:`fingerprint`, plus what the caller adds: the settings
the scores depend on, the code's version), so a row that no longer matches the book is computed again
instead of shown as current.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from crm_desktop.db.database import Database
from crm_desktop.db.types import bound

KEEP_DAYS = 2
"""Days kept: today's, and yesterday's until today's is written."""

_STATE_SQL = {
    # what the scores read: live orders with their customer, day and amount; live customers; the settings
    "sales_order": "SELECT count(*), max(stamp), total(deleted_stamp IS NULL), total(amount_minor), "
                   "total(julianday(ordered_at)), max(currency) FROM sales_order",
    "customer": "SELECT count(*), max(stamp), total(deleted_stamp IS NULL) FROM customer",
    "setting": "SELECT count(*), max(stamp) FROM setting",
}


def fingerprint(conn: Connection, extra: str = "") -> str:
    """What the scores were computed from, in one scan per table: counts, newest stamps and sums that change
    with any insert, delete, undelete or edit of an amount or a day (a merge can bring edits whose stamps are
    older than the newest one here), and *extra*."""
    parts = [extra]
    for sql in _STATE_SQL.values():
        parts.append(":".join("" if v is None else str(v) for v in conn.execute(text(sql)).one()))
    return "|".join(parts)[:400]


def load(conn: Connection, day: str, fp: str) -> bytes | None:
    """The stored scores of *day* when they were computed from the state *fp* describes; else None."""
    try:
        row = conn.execute(text("SELECT payload FROM score_cache WHERE day = :d AND fingerprint = :fp"),
                           {"d": day, "fp": fp}).first()
    except SQLAlchemyError:  # a table a damaged file lost: the scores are simply computed
        return None
    return bytes(row[0]) if row is not None and row[0] is not None else None


def store(conn: Connection, day: str, fp: str, built_at: datetime, payload: bytes) -> None:
    """Replace the row of *day*, keeping only the newest :data:`KEEP_DAYS` days."""
    conn.execute(text("DELETE FROM score_cache WHERE day = :d"), {"d": day})
    conn.execute(text("INSERT INTO score_cache (day, fingerprint, built_at, payload) VALUES (:d, :fp, :at, :p)"),
                 {"d": day, "fp": fp, "at": bound(conn, built_at), "p": payload})
    conn.execute(text("DELETE FROM score_cache WHERE day NOT IN "
                      "(SELECT day FROM score_cache ORDER BY day DESC LIMIT :keep)"), {"keep": KEEP_DAYS})


def store_quietly(db: Database, day: str, fp: str, built_at: datetime, payload: bytes) -> bool:
    """:func:`store` in its own transaction; False when the book could not take it (full disk, a lock, a
    read-only file): the scores are derived, so the caller goes on with them and computes them next time."""
    try:
        with db.writing() as tx:
            store(tx, day, fp, built_at, payload)
    except (SQLAlchemyError, OSError):
        return False
    return True
