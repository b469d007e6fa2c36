"""Complaint queries: rows for the panels, counts for the status bar (team settings: db/settings.py).

Reads use plain SQL (one scan of the ``complaint`` table joined to the
customer's name: ≈50k rows load in a few hundred milliseconds on the worker);
writes go through :mod:`crm_desktop.db.sync` in the service.  Timestamps come
back as SQLite text and are parsed here into aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.types import bound, parse_ts, parse_ts_required
from crm_desktop.domain.complaints import ComplaintRow, OpenComplaint, open_complaint

_COLUMNS = ("c.id, c.customer_id, cu.name, c.opened_at, c.channel, c.category, c.severity, c.status, "
            + owner_name_sql("c.owner") + ", "
            "c.description, c.response_due_at, c.resolve_due_at, c.first_response_at, c.resolved_at, c.closed_at, "
            "c.resolution, c.satisfaction")
_FROM = ("FROM complaint c JOIN customer cu ON cu.id = c.customer_id "
         "WHERE c.deleted_stamp IS NULL AND cu.deleted_stamp IS NULL")
_OPEN_SQL = "c.status IN ('new', 'acknowledged', 'in_progress')"


def _row(r: Sequence[Any], p: Callable[[object], datetime | None] = parse_ts) -> ComplaintRow:
    return ComplaintRow(r[0], r[1], r[2] or "", parse_ts_required(r[3]), r[4] or "", r[5] or "", r[6] or "",
                        r[7] or "", r[8] or "", r[9] or "", p(r[10]), p(r[11]), p(r[12]), p(r[13]), p(r[14]),
                        r[15] or "", None if r[16] is None else int(r[16]))


def load_all(conn: Connection) -> list[ComplaintRow]:
    """Every live complaint of a live customer (the whole book, unordered)."""
    return [_row(r) for r in conn.execute(text(f"SELECT {_COLUMNS} {_FROM}")).fetchall()]


def load_for_customer(conn: Connection, customer_id: str) -> list[ComplaintRow]:
    """One customer's live complaints, newest first."""
    rows = conn.execute(text(f"SELECT {_COLUMNS} {_FROM} AND c.customer_id = :cid ORDER BY c.opened_at DESC, c.id"),
                        {"cid": customer_id})
    return [_row(r) for r in rows]


def load_open(conn: Connection, customer_id: str | None = None) -> list[ComplaintRow]:
    """Live complaints still open (new, acknowledged, in progress), of everyone or of *customer_id*;
    uses the status index."""
    if customer_id is None:
        return [_row(r) for r in conn.execute(text(f"SELECT {_COLUMNS} {_FROM} AND {_OPEN_SQL}"))]
    return [_row(r) for r in conn.execute(text(f"SELECT {_COLUMNS} {_FROM} AND {_OPEN_SQL} AND c.customer_id = :cid"),
                                          {"cid": customer_id})]


def open_complaints(conn: Connection, now: datetime, customer_id: str | None = None) -> list[OpenComplaint]:
    """The open complaints (of *customer_id*, or everyone's) evaluated at *now*: what the call list and the
    complaints service hand out (:func:`crm_desktop.domain.complaints.open_complaint`), unordered."""
    return [open_complaint(r, now) for r in load_open(conn, customer_id)]


def load_one(conn: Connection, complaint_id: str) -> ComplaintRow | None:
    """A live complaint by id (None when missing or deleted)."""
    r = conn.execute(text(f"SELECT {_COLUMNS} FROM complaint c JOIN customer cu ON cu.id = c.customer_id "
                          "WHERE c.id = :id AND c.deleted_stamp IS NULL"), {"id": complaint_id}).first()
    return None if r is None else _row(r)


def customer_exists(conn: Connection, customer_id: str) -> bool:
    return conn.execute(text("SELECT 1 FROM customer WHERE id = :id AND deleted_stamp IS NULL"),
                        {"id": customer_id}).first() is not None


def count_open_overdue(conn: Connection, now: datetime) -> tuple[int, int]:
    """(open, overdue) complaints at *now*: overdue = unanswered past the answer deadline,
    or past the resolve deadline (the same rule as :func:`crm_desktop.domain.complaints.due_state`)."""
    r = conn.execute(text(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (c.first_response_at IS NULL AND c.response_due_at IS NOT NULL "
        "AND c.response_due_at < :now) OR (c.resolve_due_at IS NOT NULL AND c.resolve_due_at < :now) "
        f"THEN 1 ELSE 0 END), 0) {_FROM} AND {_OPEN_SQL}"), {"now": bound(conn, now)}).one()
    return int(r[0]), int(r[1])


def owners(conn: Connection) -> list[str]:
    """The names of the distinct owners of live complaints, sorted."""
    rows = conn.execute(text(f"SELECT DISTINCT {owner_name_sql('owner')} FROM complaint "
                             "WHERE deleted_stamp IS NULL AND owner <> ''"))
    return sorted(r[0] for r in rows)


def last_reopened_at(conn: Connection, complaint_id: str) -> datetime | None:
    """When the complaint was last reopened (resolved/closed → in progress), from its history."""
    r = conn.execute(text(
        "SELECT MAX(at) FROM complaint_event WHERE complaint_id = :id AND deleted_stamp IS NULL "
        "AND from_status IN ('resolved', 'closed') AND to_status = 'in_progress'"), {"id": complaint_id}).scalar()
    return parse_ts(r)


def open_followup_ids(conn: Connection, complaint_id: str) -> list[str]:
    """Interactions of the complaint whose next step is still open (the satisfaction call)."""
    rows = conn.execute(text(
        "SELECT id FROM interaction WHERE complaint_id = :id AND deleted_stamp IS NULL AND next_done = 0 "
        "AND next_due_at IS NOT NULL"), {"id": complaint_id})
    return [r[0] for r in rows]


def events(conn: Connection, complaint_id: str) -> list[tuple[datetime, str, str | None, str, str]]:
    """The complaint's history, oldest first: (at, actor, from_status, to_status, note)."""
    rows = conn.execute(text(
        "SELECT at, actor, from_status, to_status, note FROM complaint_event "
        "WHERE complaint_id = :id AND deleted_stamp IS NULL ORDER BY at, created_stamp, id"), {"id": complaint_id})
    return [(parse_ts_required(r[0]), r[1] or "", r[2], r[3], r[4] or "") for r in rows]
