"""Reads and writes of the value dashboard: the labels figures are summed by, and the cached figures.

The cache (``insight_figures``) is derived data, local to this file: one row per day holding the
figures as JSON and a *fingerprint* of the records they were computed from (row counts and the
newest stamps of customers, orders and complaints), so a row that no longer matches the book is
recomputed instead of shown as current.  Never merged, never taken in from a backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.types import bound, parse_ts

KEEP_DAYS = 3
"""Cached days kept (the newest ones): today's, and the last ones shown before it."""

_FINGERPRINT_TABLES = ("customer", "sales_order", "complaint", "complaint_event", "setting")


@dataclass(frozen=True)
class CachedFigures:
    """One cached row: the ``day`` (YYYY-MM-DD) it is for, what it was computed from, when, and the JSON."""

    day: str
    fingerprint: str
    built_at: datetime
    payload: str


def fingerprint(conn: Connection) -> str:
    """Counts and newest stamps of the records the figures are computed from (one scan per table)."""
    parts = []
    for table in _FINGERPRINT_TABLES:
        n, newest = conn.execute(text(f"SELECT count(*), max(stamp) FROM {table}")).one()
        parts.append(f"{n}:{newest or ''}")
    return "|".join(parts)[:200]


def latest_figures(conn: Connection) -> CachedFigures | None:
    """The newest cached row, or None."""
    row = conn.execute(text("SELECT day, fingerprint, built_at, payload FROM insight_figures "
                            "ORDER BY day DESC LIMIT 1")).first()
    if row is None:
        return None
    built = parse_ts(row[2])
    if built is None:
        return None
    return CachedFigures(str(row[0]), str(row[1]), built, str(row[3]))


def store_figures(conn: Connection, day: str, fp: str, built_at: datetime, payload: str) -> None:
    """Replace the row of *day* and drop all but the newest :data:`KEEP_DAYS` days."""
    conn.execute(text("DELETE FROM insight_figures WHERE day = :day"), {"day": day})
    conn.execute(text("INSERT INTO insight_figures (day, fingerprint, built_at, payload) "
                      "VALUES (:day, :fp, :at, :payload)"),
                 {"day": day, "fp": fp, "at": bound(conn, built_at), "payload": payload})
    conn.execute(text("DELETE FROM insight_figures WHERE day NOT IN "
                      "(SELECT day FROM insight_figures ORDER BY day DESC LIMIT :keep)"), {"keep": KEEP_DAYS})


def clear_figures(conn: Connection) -> None:
    """Forget every cached day (they are rebuilt on the next refresh)."""
    conn.execute(text("DELETE FROM insight_figures"))


def customer_labels(conn: Connection) -> dict[str, tuple[str, str, str]]:
    """Owner (by name), lead source and relationship stage ("" when none) of every live customer (one scan)."""
    rows = conn.execute(text(f"SELECT id, {owner_name_sql('owner')}, lead_source, relationship_stage FROM customer "
                             "WHERE deleted_stamp IS NULL")).fetchall()
    return {str(r[0]): (str(r[1] or ""), str(r[2] or ""), str(r[3] or "")) for r in rows}
