"""What the customer list reads of contacts made and follow-ups due: its filters, columns and sort orders.

The list's "last contact" is the newest live interaction; its "next step" is the
open follow-up due first (``next_done`` false, ``next_due_at`` set).  A page of
rows reads both for its ids by index (:func:`page_activity`); the sorts and the
"not contacted for N days" filter read every customer's in one grouped query
(:func:`last_contacts`, :func:`next_dues`), which the customer service keeps and
brings up to date for the customers a logged contact touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import chunks
from crm_desktop.db.types import parse_ts

_OPEN = "next_done = 0 AND next_due_at IS NOT NULL"


class Activity(NamedTuple):
    """One customer's last contact and open next step (empty when none)."""

    last_contact: datetime | None
    next_step: str
    next_due_at: datetime | None


_FIRST_OPEN = ("FROM interaction i WHERE i.customer_id = c.id AND i.deleted_stamp IS NULL AND i.next_done = 0 "
               "AND i.next_due_at IS NOT NULL ORDER BY i.next_due_at, i.id LIMIT 1")


def page_activity(conn: Connection, ids: Sequence[str]) -> dict[str, Activity]:
    """Last contact and first open next step of a page of customers; only those with either.

    One statement with a subquery per value: the last contact walks the (customer, time) index backwards
    and stops at the first live contact, so a page costs a few hundred row reads, not every interaction
    of its customers (half the time of reading them all, measured on the 100k demo).
    """
    if not ids:
        return {}
    rows = conn.execute(text(
        "SELECT c.id, (SELECT i.occurred_at FROM interaction i WHERE i.customer_id = c.id "
        "AND i.deleted_stamp IS NULL ORDER BY i.occurred_at DESC LIMIT 1), "
        f"(SELECT i.next_step {_FIRST_OPEN}), (SELECT i.next_due_at {_FIRST_OPEN}) "
        "FROM customer c WHERE c.id IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": list(ids)})
    return {cid: Activity(parse_ts(last), step or "", parse_ts(due))
            for cid, last, step, due in rows if last is not None or due is not None}


def last_contacts(conn: Connection, ids: Sequence[str] | None = None) -> dict[str, datetime]:
    """Last contact of every contacted customer (or of *ids* only): for the list's sort and its "not
    contacted for N days" filter."""
    sql = "SELECT customer_id, MAX(occurred_at) FROM interaction WHERE deleted_stamp IS NULL"
    return _grouped(conn, sql, ids)


def next_dues(conn: Connection, ids: Sequence[str] | None = None) -> dict[str, datetime]:
    """First due time of an open follow-up, per customer with one (or of *ids* only): for the list's sort."""
    sql = f"SELECT customer_id, MIN(next_due_at) FROM interaction WHERE deleted_stamp IS NULL AND {_OPEN}"
    return _grouped(conn, sql, ids)


def _grouped(conn: Connection, sql: str, ids: Sequence[str] | None) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    rows: list[Any] = []
    if ids is None:
        rows.extend(conn.execute(text(sql + " GROUP BY customer_id")).fetchall())
    else:
        stmt = text(sql + " AND customer_id IN :ids GROUP BY customer_id").bindparams(
            bindparam("ids", expanding=True))
        for chunk in chunks(ids):
            rows.extend(conn.execute(stmt, {"ids": chunk}).fetchall())
    for cid, at in rows:
        when = parse_ts(at)
        if when is not None:
            out[cid] = when
    return out


def ids_in_relationship_stage(conn: Connection, stage: str) -> set[str]:
    """Ids of live customers the salesperson put in relationship *stage*."""
    return {r[0] for r in conn.execute(text(
        "SELECT id FROM customer WHERE deleted_stamp IS NULL AND relationship_stage = :s"), {"s": stage})}


def all_industries(conn: Connection) -> list[str]:
    """The industries live customers are in, sorted."""
    return [r[0] for r in conn.execute(text(
        "SELECT DISTINCT industry FROM customer WHERE deleted_stamp IS NULL AND industry != '' ORDER BY industry"))]
