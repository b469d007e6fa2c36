"""Queries for the duplicate finder and for merging two customer records.

The scan reads one narrow row per live customer; a merge re-points child
rows (contacts, interactions, orders, complaints, tag links) with stamped
``update_row`` calls so the move travels to teammates in merges, and keeps a
:class:`ChangeBatch` (kind ``dedupe``) to undo it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.models import (
    ChangeBatch,
    Complaint,
    Contact,
    Customer,
    CustomerTag,
    Deal,
    Interaction,
    Order,
    Synced,
)

CHILD_TABLES: dict[str, type[Synced]] = {"contact": Contact, "interaction": Interaction, "sales_order": Order,
                                         "complaint": Complaint, "deal": Deal}
"""Tables whose rows belong to one customer and move with a merge (tag links are handled apart)."""

SCAN_COLUMNS = ("id", "name", "name_pinyin", "company", "phone", "email", "kind")


def scan_rows(conn: Connection) -> Iterator[tuple[Any, ...]]:
    """:data:`SCAN_COLUMNS` of every live customer (a plain table scan: every row is needed)."""
    scan = " NOT INDEXED" if conn.dialect.name == "sqlite" else ""
    yield from conn.exec_driver_sql(
        f"SELECT {', '.join(SCAN_COLUMNS)} FROM customer{scan} WHERE deleted_stamp IS NULL")


def customer_values(conn: Connection, customer_id: str, *, include_deleted: bool = False) -> dict[str, Any] | None:
    """All columns of one customer, typed (dates as date, booleans as bool); None if absent."""
    t = Customer.__table__
    q = t.select().where(t.c.id == customer_id)
    if not include_deleted:
        q = q.where(t.c.deleted_stamp.is_(None))
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def child_ids(conn: Connection, table: str, customer_id: str) -> list[str]:
    """Ids of every row of *table* (tombstoned ones too) that belongs to *customer_id*."""
    if table not in CHILD_TABLES:
        raise ValueError(table)
    return [r[0] for r in conn.execute(text(f"SELECT id FROM {table} WHERE customer_id = :c ORDER BY id"),
                                       {"c": customer_id})]


def child_counts(conn: Connection, customer_id: str) -> dict[str, int]:
    """Live rows per child table of one customer (what a merge would move)."""
    out = {}
    for table in CHILD_TABLES:
        out[table] = conn.execute(text(
            f"SELECT COUNT(*) FROM {table} WHERE customer_id = :c AND deleted_stamp IS NULL"),
            {"c": customer_id}).scalar_one()
    return out


def insert_tag_link(conn: Connection, link_id: str, customer_id: str, tag_id: str, stamp: str) -> None:
    from crm_desktop.db.sync import insert_row

    insert_row(conn, CustomerTag, {"id": link_id, "customer_id": customer_id, "tag_id": tag_id}, stamp)


def add_batch(conn: Connection, batch_id: str, kind: str, created_at: datetime, actor: str, description: str,
              payload: dict[str, Any]) -> None:
    conn.execute(ChangeBatch.__table__.insert().values(
        id=batch_id, kind=kind, created_at=created_at, actor=actor, description=description,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True)))


def last_batch(conn: Connection, kind: str) -> tuple[str, str, dict[str, Any]] | None:
    """(id, description, payload) of the newest batch of *kind* not yet undone."""
    row = conn.execute(text(
        "SELECT id, description, payload FROM change_batch WHERE kind = :k AND undone_at IS NULL "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1"), {"k": kind}).first()
    return (row[0], row[1], json.loads(row[2] or "{}")) if row else None


def batch(conn: Connection, batch_id: str) -> tuple[str, str, dict[str, Any], datetime | None] | None:
    """(kind, description, payload, undone_at) of one batch."""
    t = ChangeBatch.__table__
    row = conn.execute(t.select().where(t.c.id == batch_id)).mappings().first()
    if row is None:
        return None
    return row["kind"], row["description"], json.loads(row["payload"] or "{}"), row["undone_at"]


def mark_undone(conn: Connection, batch_id: str, at: datetime) -> None:
    t = ChangeBatch.__table__
    conn.execute(t.update().where(t.c.id == batch_id).values(undone_at=at))


def current_customer_of(conn: Connection, table: str, row_id: str) -> str | None:
    if table not in CHILD_TABLES and table != "customer_tag":
        raise ValueError(table)
    return conn.execute(text(f"SELECT customer_id FROM {table} WHERE id = :i"), {"i": row_id}).scalar()
