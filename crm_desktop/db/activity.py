"""What the customer list reads of contacts made and follow-ups due: its filters, columns and sort orders.

The list's "last contact" is the newest live interaction; its "next step" is the
open follow-up due first (``next_done`` false, ``next_due_at`` set).  A page of
rows reads both for its ids by index (:func:`page_activity`); the sorts and the
"not contacted for N days" filter read every customer's in one grouped query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from crm_desktop.db.types import bound, parse_ts

_OPEN = "next_done = 0 AND next_due_at IS NOT NULL"


class Activity(NamedTuple):
    """One customer's last contact and open next step (empty when none)."""

    last_contact: datetime | None
    next_step: str
    next_due_at: datetime | None


def page_activity(conn: Connection, ids: Sequence[str]) -> dict[str, Activity]:
    """Last contact and first open next step of a page of customers (two index reads); only those with one."""
    if not ids:
        return {}
    last: dict[str, datetime | None] = {}
    for cid, at in conn.execute(text(
            "SELECT customer_id, MAX(occurred_at) FROM interaction WHERE customer_id IN :ids "
            "AND deleted_stamp IS NULL GROUP BY customer_id").bindparams(bindparam("ids", expanding=True)),
            {"ids": list(ids)}):
        last[cid] = parse_ts(at)
    nxt: dict[str, tuple[str, datetime | None]] = {}
    for cid, step, due in conn.execute(text(
            f"SELECT customer_id, next_step, next_due_at FROM interaction WHERE customer_id IN :ids "
            f"AND deleted_stamp IS NULL AND {_OPEN} ORDER BY next_due_at, id").bindparams(
            bindparam("ids", expanding=True)), {"ids": list(ids)}):
        nxt.setdefault(cid, (step or "", parse_ts(due)))
    return {cid: Activity(last.get(cid), *nxt.get(cid, ("", None))) for cid in set(last) | set(nxt)}


def contacted_since(conn: Connection, since: datetime) -> set[str]:
    """Ids of customers with a live interaction at or after *since*."""
    return {r[0] for r in conn.execute(text(
        "SELECT DISTINCT customer_id FROM interaction WHERE deleted_stamp IS NULL AND occurred_at >= :since"),
        {"since": bound(conn, since)})}


def last_contact_keys(conn: Connection) -> dict[str, str]:
    """Every contacted customer's last contact, as sortable text (for the list's sort)."""
    return {r[0]: str(r[1]) for r in conn.execute(text(
        "SELECT customer_id, MAX(occurred_at) FROM interaction WHERE deleted_stamp IS NULL GROUP BY customer_id"))
        if r[1] is not None}


def next_due_keys(conn: Connection) -> dict[str, str]:
    """Every customer with an open follow-up: its first due time, as sortable text (for the list's sort)."""
    return {r[0]: str(r[1]) for r in conn.execute(text(
        f"SELECT customer_id, MIN(next_due_at) FROM interaction WHERE deleted_stamp IS NULL AND {_OPEN} "
        "GROUP BY customer_id")) if r[1] is not None}


def ids_in_relationship_stage(conn: Connection, stage: str) -> set[str]:
    """Ids of live customers the salesperson put in relationship *stage*."""
    return {r[0] for r in conn.execute(text(
        "SELECT id FROM customer WHERE deleted_stamp IS NULL AND relationship_stage = :s"), {"s": stage})}


def all_industries(conn: Connection) -> list[str]:
    """The industries live customers are in, sorted."""
    return [r[0] for r in conn.execute(text(
        "SELECT DISTINCT industry FROM customer WHERE deleted_stamp IS NULL AND industry != '' ORDER BY industry"))]
