"""Reads and the one write of the win-back list: names, owners and churn reasons of customers.

``customer.churn_reason`` is an ordinary customer field (stamped, merged field by field); None means
nobody has asked yet.  Live customers only.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import chunks, named_marks
from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.sync import update_row


def customer_facts(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, str, str | None]]:
    """Name, owner's name ("" when none) and churn reason of each live customer of *ids*."""
    out: dict[str, tuple[str, str, str | None]] = {}
    for part in chunks(list(ids)):
        marks, params = named_marks(part)
        rows = conn.execute(text(f"SELECT id, name, {owner_name_sql('owner')}, churn_reason FROM customer "
                                 f"WHERE id IN ({marks}) AND deleted_stamp IS NULL"), params)
        out.update({str(r[0]): (str(r[1] or ""), str(r[2] or ""), r[3] or None) for r in rows})
    return out


def churn_reasons(conn: Connection) -> dict[str, str]:
    """Every live customer whose churn reason is known, with it."""
    rows = conn.execute(text("SELECT id, churn_reason FROM customer "
                             "WHERE churn_reason IS NOT NULL AND churn_reason != '' AND deleted_stamp IS NULL"))
    return {str(r[0]): str(r[1]) for r in rows}


def churn_reason_of(conn: Connection, customer_id: str) -> tuple[bool, str | None]:
    """(whether *customer_id* is a live customer, their churn reason)."""
    row = conn.execute(text("SELECT churn_reason FROM customer WHERE id = :id AND deleted_stamp IS NULL"),
                       {"id": customer_id}).first()
    return (False, None) if row is None else (True, row[0] or None)


def set_churn_reason(conn: Connection, customer_id: str, reason: str | None, stamp: str) -> bool:
    """Write *customer_id*'s churn reason with *stamp* (False: it was already that)."""
    from crm_desktop.db.models import Customer  # the ORM models on first use: the reads here need none

    return update_row(conn, Customer, customer_id, {"churn_reason": reason}, stamp)
