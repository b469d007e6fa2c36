"""Reads and writes of the customer import that are not plain stamped row edits.

The importer writes new rows with :func:`crm_desktop.db.bulk.insert_many` in
the column orders below and edits existing ones with
:func:`crm_desktop.db.sync.update_row`; what it needs to *find* (keys of live
customers and contacts for matching, the text a search row is made from) is
read here, on the raw SQLite connection of its transaction where one is open.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import Connection

CUSTOMER_COLUMNS = (
    "id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials", "company", "phone", "email",
    "wechat", "address", "industry", "lead_source", "birthday", "consent_marketing", "do_not_contact", "owner",
    "needs", "notes", "external_id", "created_at", "updated_at")
"""Column order of the customer rows an import inserts."""

CONTACT_COLUMNS = ("id", "created_stamp", "stamp", "customer_id", "name", "role", "title", "phone", "phone2",
                   "email", "wechat", "birthday", "notes")
"""Column order of the contact rows an import inserts."""

CONTACT_FIELDS = ("name", "role", "title", "phone", "phone2", "email", "wechat", "birthday", "notes")
"""Contact fields an import may fill."""


def customer_match_keys(conn: Connection) -> list[tuple[str, str, str, str, str, str]]:
    """(id, external_id, phone, email, kind, name) of every live customer."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT id, external_id, phone, email, kind, name FROM customer WHERE deleted_stamp IS NULL")]


def contact_match_keys(conn: Connection) -> list[tuple[str, str, str, str, str]]:
    """(id, customer_id, name, phone, email) of every live contact of a live customer."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT ct.id, ct.customer_id, ct.name, ct.phone, ct.email FROM contact ct "
        "JOIN customer c ON c.id = ct.customer_id "
        "WHERE ct.deleted_stamp IS NULL AND c.deleted_stamp IS NULL")]


def contact_values(raw: sqlite3.Connection, contact_id: str) -> dict | None:
    """The importable fields of one contact (birthday as ISO text), or None when it is gone."""
    row = raw.execute(f"SELECT {', '.join(CONTACT_FIELDS)} FROM contact WHERE id = ?", (contact_id,)).fetchone()
    return dict(zip(CONTACT_FIELDS, row)) if row else None
