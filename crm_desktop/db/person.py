"""Everything stored about one customer, for the right of access (:mod:`crm_desktop.services.privacy`).

Rows come back as ``{column: stored value}`` without the sync metadata (stamps) and the locally
derived columns: those are about our files, not about the person.  Deleted records are left out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

HIDDEN_COLUMNS = frozenset({"created_stamp", "field_stamps", "stamp", "deleted_stamp", "name_pinyin",
                            "name_initials"})
"""Columns never shown in a person's data."""

_SECTIONS = {
    "customer": "SELECT * FROM customer WHERE id = :c AND deleted_stamp IS NULL",
    "contact": "SELECT * FROM contact WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY name",
    "tags": "SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE ct.customer_id = :c AND ct.deleted_stamp IS NULL ORDER BY t.name",
    "interaction": "SELECT * FROM interaction WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY occurred_at",
    "sales_order": "SELECT * FROM sales_order WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY ordered_at",
    "complaint": "SELECT * FROM complaint WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY opened_at",
    "complaint_event": "SELECT e.* FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id "
                       "WHERE c.customer_id = :c AND e.deleted_stamp IS NULL AND c.deleted_stamp IS NULL "
                       "ORDER BY e.at",
    "deal": "SELECT * FROM deal WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY created_at",
    "customer_stage_change": "SELECT * FROM customer_stage_change WHERE customer_id = :c AND deleted_stamp IS NULL "
                             "ORDER BY at",
}


def person_data(conn: Connection, customer_id: str) -> dict[str, list[dict[str, Any]]] | None:
    """Section (customer, contact, tags, interaction, sales_order, complaint, complaint_event) → rows of
    everything about the live customer *customer_id*; None when there is no such customer."""
    out: dict[str, list[dict[str, Any]]] = {}
    for section, sql in _SECTIONS.items():
        result = conn.execute(text(sql), {"c": customer_id})
        columns = list(result.keys())
        out[section] = [{c: v for c, v in zip(columns, row) if c not in HIDDEN_COLUMNS} for row in result]
        if section == "customer" and not out[section]:
            return None
    return out
