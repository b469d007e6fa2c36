"""The "2 versions" a merge kept: reading them for review, and writing a decision back.

A merge keeps the losing value of a field both sides edited in the local ``conflict`` table
(:mod:`crm_desktop.services.merge.join`), as the text of the value SQLite stored.  Writing that text back
into its column gives the stored value again (SQLite's column affinity turns ``"1"`` back into 1 in an
INTEGER column), so taking the other version restores exactly what the teammate wrote.

Table and column names come from the app's own models, never from the conflict row itself: a row naming
a table or column the models do not have is passed over.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text

from crm_desktop.db.database import Tx
from crm_desktop.db.ids import chunks, named_marks
from crm_desktop.db.ownership import customer_of_sql
from crm_desktop.db.types import bound, parse_ts


def _synced_tables() -> dict[str, frozenset[str]]:
    """Every table whose rows merge (the ones with per-field stamps)."""
    from sqlmodel import SQLModel

    from crm_desktop.db import models  # noqa: F401 - registers the tables on SQLModel.metadata

    return {name: frozenset(c.name for c in table.columns)
            for name, table in SQLModel.metadata.tables.items() if "field_stamps" in table.columns}


SYNCED_COLUMNS = _synced_tables()
"""Table name → its columns, for every table a merge joins."""

_ROW_LABEL = {
    "contact": "SELECT name FROM contact WHERE id = :r",
    "interaction": "SELECT summary FROM interaction WHERE id = :r",
    "sales_order": "SELECT description FROM sales_order WHERE id = :r",
    "complaint": "SELECT description FROM complaint WHERE id = :r",
    "deal": "SELECT title FROM deal WHERE id = :r",
    "tag": "SELECT name FROM tag WHERE id = :r",
    "product": "SELECT code || ' ' || name FROM product WHERE id = :r",
    "price_list": "SELECT name FROM price_list WHERE id = :r",
    "price_list_item": "SELECT l.name || ': ' || p.name FROM price_list_item i JOIN price_list l ON l.id = "
                       "i.price_list_id JOIN product p ON p.id = i.product_id WHERE i.id = :r",
    "deal_line": "SELECT p.name FROM deal_line x JOIN product p ON p.id = x.product_id WHERE x.id = :r",
    "quote": "SELECT d.title || ' v' || x.version FROM quote x JOIN deal d ON d.id = x.deal_id WHERE x.id = :r",
    "order_line": "SELECT name FROM order_line WHERE id = :r",
    "setting": "SELECT key FROM setting WHERE id = :r",
    "person": "SELECT name FROM person WHERE id = :r",
}
"""A few words naming the record itself (a contact's name, a logged contact's summary …)."""


@dataclass(frozen=True, slots=True)
class StoredConflict:
    """One row of the ``conflict`` table, with the customer it concerns (``customer_id`` None: nobody's,
    e.g. a team setting) and ``current`` the value the field holds now (stored text, None for NULL)."""

    id: str
    table_name: str
    row_id: str
    field: str
    kept_value: str | None
    kept_stamp: str
    lost_value: str | None
    lost_stamp: str
    detected_at: datetime
    customer_id: str | None
    customer_name: str
    record_text: str
    current: str | None


_COLUMNS = "id, table_name, row_id, field, kept_value, kept_stamp, lost_value, lost_stamp, detected_at"


def count_pending(tx: Tx) -> int:
    """How many kept versions wait for review."""
    return int(tx.execute(text("SELECT COUNT(*) FROM conflict WHERE reviewed_at IS NULL")).scalar_one())


def pending(tx: Tx, limit: int = 1000) -> list[StoredConflict]:
    """The versions waiting for review, newest first (at most *limit*; those of unknown tables skipped)."""
    rows = tx.execute(text(f"SELECT {_COLUMNS} FROM conflict WHERE reviewed_at IS NULL "
                           "ORDER BY detected_at DESC, id LIMIT :n"), {"n": limit}).all()
    return [c for c in (_complete(tx, r) for r in rows) if c is not None]


def get(tx: Tx, conflict_id: str) -> StoredConflict | None:
    """One kept version (reviewed or not), or None."""
    row = tx.execute(text(f"SELECT {_COLUMNS} FROM conflict WHERE id = :i"), {"i": conflict_id}).first()
    return None if row is None else _complete(tx, row)


def _complete(tx: Tx, row: Sequence[object]) -> StoredConflict | None:
    cid, table, row_id, field, kept, kept_stamp, lost, lost_stamp, detected = row
    if str(table) not in SYNCED_COLUMNS or str(field) not in SYNCED_COLUMNS[str(table)]:
        return None
    table, field, row_id = str(table), str(field), str(row_id)
    customer_id, customer_name = None, ""
    of_customer = customer_of_sql(table)
    if of_customer is not None:
        found = tx.execute(text(of_customer), {"r": row_id}).first()
        if found is not None:
            customer_id, customer_name = str(found[0]), str(found[1])
    record = ""
    if table in _ROW_LABEL:
        label = tx.execute(text(_ROW_LABEL[table]), {"r": row_id}).scalar()
        record = "" if label is None else str(label)
    current = stored_text(tx, table, row_id, field)
    when = parse_ts(detected) or datetime.min
    return StoredConflict(str(cid), table, row_id, field, _opt(kept), str(kept_stamp), _opt(lost),
                          str(lost_stamp), when, customer_id, customer_name, record, current)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def stored_text(tx: Tx, table: str, row_id: str, field: str) -> str | None:
    """The field's stored value as text (None: NULL, or no such row)."""
    _check(table, field)
    value = tx.execute(text(f'SELECT "{field}" FROM "{table}" WHERE id = :r'), {"r": row_id}).scalar()
    if isinstance(value, (datetime, date)):  # a typed column read back through SQLAlchemy
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return _opt(value)


def write_stored(tx: Tx, table: str, row_id: str, field: str, value: str | None, stamp: str) -> bool:
    """Write the stored text *value* into the field as an ordinary edit stamped *stamp* (the field's stamp
    and the row's move on, so it merges like any edit).  False when the row is gone."""
    _check(table, field)
    found = tx.execute(text(f'SELECT field_stamps FROM "{table}" WHERE id = :r'), {"r": row_id}).first()
    if found is None:
        return False
    stamps = json.loads(found[0] or "{}")
    stamps[field] = stamp
    tx.execute(text(f'UPDATE "{table}" SET "{field}" = :v, field_stamps = :s, stamp = :t WHERE id = :r'),
               {"v": value, "s": json.dumps(stamps, sort_keys=True), "t": stamp, "r": row_id})
    return True


def set_reviewed(tx: Tx, conflict_ids: Sequence[str], at: datetime | None) -> None:
    """Mark kept versions reviewed at *at* (None: waiting for review again)."""
    when = None if at is None else bound(tx, at)
    for part in chunks(list(conflict_ids)):
        marks, params = named_marks(part)
        tx.execute(text(f"UPDATE conflict SET reviewed_at = :at WHERE id IN ({marks})"), {**params, "at": when})


def _check(table: str, field: str) -> None:
    if table not in SYNCED_COLUMNS or field not in SYNCED_COLUMNS[table] or field in (
            "id", "created_stamp", "field_stamps", "stamp"):
        raise KeyError(f"{table}.{field}")


def meta_names(tx: Tx, prefix: str) -> dict[str, str]:
    """``meta`` entries whose key starts with *prefix*, keyed by the rest (teammates' names by site id)."""
    rows = tx.execute(text("SELECT key, value FROM meta WHERE key LIKE :p"), {"p": prefix.replace("%", "") + "%"})
    return {str(k)[len(prefix):]: str(v) for k, v in rows}
