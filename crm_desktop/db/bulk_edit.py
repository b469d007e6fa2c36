"""Edits of many customers at once (owner, do-not-contact, a tag), and their undo, in id chunks.

Each write is one ``executemany`` of primary-key UPDATEs in the caller's
transaction, stamped as :func:`crm_desktop.db.sync.update_row` stamps an edit:
the field's entry in ``field_stamps`` and the row's ``stamp`` get the new
stamp, so the edit merges field by field like any other.  An undo writes the
previous values back with a newer stamp, only where the field still carries
the edit's stamp (a later edit or a merged one is left alone).

Only scalar columns of our own tables are written, never a column named by
the user (:data:`FIELDS`).  SQLite only (``json_set``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy.engine import Connection

from crm_desktop.db.ids import chunks, marks
from crm_desktop.db.models import CustomerTag, Tag
from crm_desktop.db.sync import insert_row, stable_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain.complaints import OPEN_STATUSES

FIELDS = {("customer", "owner"), ("customer", "do_not_contact"), ("interaction", "owner"), ("complaint", "owner")}
"""The (table, column) pairs these functions write."""


def _raw(tx: Connection) -> sqlite3.Connection:
    """The DB-API connection of *tx* (same transaction), for ``executemany``."""
    return cast(sqlite3.Connection, tx.connection.driver_connection)  # typed Any | None by SQLAlchemy


def _check(table: str, field: str) -> None:
    if (table, field) not in FIELDS:
        raise ValueError(f"{table}.{field}")


def values_of(tx: Connection, table: str, field: str, ids: Sequence[str]) -> dict[str, object]:
    """``{id: value of field}`` for the live rows of *table* among *ids*."""
    _check(table, field)
    out: dict[str, object] = {}
    raw = _raw(tx)
    for part in chunks(ids):
        out.update(raw.execute(f"SELECT id, {field} FROM {table} WHERE deleted_stamp IS NULL "
                               f"AND id IN ({marks(part)})", part).fetchall())
    return out


def open_children(tx: Connection, table: str, customer_ids: Sequence[str], owners: dict[str, object]) -> dict[str, str]:
    """``{row id: owner}`` of the open follow-ups (*table* ``interaction``) or open complaints
    (``complaint``) of *customer_ids* whose owner is the customer's own owner (``owners``: id → owner)."""
    _check(table, "owner")
    if table == "interaction":
        open_sql = "next_done = 0 AND next_due_at IS NOT NULL"
        params: list[str] = []
    else:
        statuses = sorted(OPEN_STATUSES)
        open_sql = f"status IN ({marks(statuses)})"
        params = statuses
    out: dict[str, str] = {}
    raw = _raw(tx)
    for part in chunks(customer_ids):
        for rid, cid, owner in raw.execute(
                f"SELECT id, customer_id, owner FROM {table} WHERE deleted_stamp IS NULL AND {open_sql} "
                f"AND customer_id IN ({marks(part)})", [*params, *part]):
            if owners.get(cid) == owner:
                out[rid] = owner
    return out


def set_values(tx: Connection, table: str, field: str, values: Iterable[tuple[str, object]], stamp: str) -> int:
    """Write ``(id, value)`` pairs into *field* of *table*, stamped *stamp*; returns the rows written."""
    _check(table, field)
    cur = _raw(tx).executemany(
        f"UPDATE {table} SET {field} = ?, stamp = ?, "
        f"field_stamps = json_set(coalesce(field_stamps, '{{}}'), '$.{field}', ?) WHERE id = ?",
        [(value, stamp, stamp, rid) for rid, value in values])
    return int(cur.rowcount)


def put_back(tx: Connection, table: str, field: str, values: Iterable[tuple[str, object]], applied: str,
             stamp: str) -> int:
    """Write ``(id, previous value)`` pairs back where *field* still carries the stamp *applied*; returns the
    rows written."""
    _check(table, field)
    cur = _raw(tx).executemany(
        f"UPDATE {table} SET {field} = ?, stamp = ?, "
        f"field_stamps = json_set(coalesce(field_stamps, '{{}}'), '$.{field}', ?) "
        f"WHERE id = ? AND json_extract(field_stamps, '$.{field}') = ?",
        [(value, stamp, stamp, rid, applied) for rid, value in values])
    return int(cur.rowcount)


def touch(tx: Connection, customer_ids: Sequence[str], at: datetime) -> None:
    """Mark *customer_ids* as edited at *at* (the list's "updated" column; not a merged field)."""
    raw = _raw(tx)
    when = ts_text(at)
    for part in chunks(customer_ids):
        raw.execute(f"UPDATE customer SET updated_at = ? WHERE id IN ({marks(part)})", [when, *part])


def tag_id(name: str) -> str:
    """The id of the tag called *name* (the same on every laptop)."""
    return stable_id("tag", name)


def link_id(customer_id: str, tag: str) -> str:
    """The id of the link between a customer and the tag of id *tag*."""
    return stable_id("customer_tag", customer_id, tag)


def ensure_tag(tx: Connection, name: str, stamp: str) -> str:
    """The tag's id, inserting the tag when this book has never had it."""
    tid = tag_id(name)
    if _raw(tx).execute("SELECT 1 FROM tag WHERE id = ?", (tid,)).fetchone() is None:
        insert_row(tx, Tag, {"id": tid, "name": name}, stamp)
    return tid


def tag_links(tx: Connection, tid: str, customer_ids: Sequence[str]) -> dict[str, tuple[str, bool]]:
    """``{customer id: (link id, live)}`` of the links (tombstoned ones too) of *customer_ids* to the tag."""
    out: dict[str, tuple[str, bool]] = {}
    raw = _raw(tx)
    for part in chunks(customer_ids):
        for lid, cid, deleted in raw.execute(
                f"SELECT id, customer_id, deleted_stamp FROM customer_tag WHERE tag_id = ? "
                f"AND customer_id IN ({marks(part)}) ORDER BY id", [tid, *part]):
            if cid not in out or deleted is None:  # a live link wins over an old tombstoned one
                out[cid] = (lid, deleted is None)
    return out


def insert_links(tx: Connection, tid: str, customer_ids: Sequence[str], stamp: str) -> list[str]:
    """New links of *customer_ids* to the tag; returns their ids."""
    made = [link_id(cid, tid) for cid in customer_ids]
    rows = [{"id": lid, "customer_id": cid, "tag_id": tid, "created_stamp": stamp, "stamp": stamp,
             "field_stamps": None, "deleted_stamp": None} for lid, cid in zip(made, customer_ids, strict=True)]
    if rows:
        tx.execute(CustomerTag.__table__.insert(), rows)
    return made


def set_links_deleted(tx: Connection, link_ids: Sequence[str], deleted: bool, stamp: str,
                      applied: str | None = None) -> int:
    """Tombstone (or bring back) links, stamped like :func:`crm_desktop.db.sync.set_deleted`.

    With *applied*, only links whose deletion state still carries that stamp (the undo of a bulk edit):
    their tombstone's stamp, or for a link made by the edit, its insert.
    """
    where = ("WHERE id = ? AND coalesce(json_extract(field_stamps, '$.deleted_stamp'), created_stamp) = ?"
             if applied is not None else "WHERE id = ?")
    extra = (applied,) if applied is not None else ()
    rows: Iterator[tuple[object, ...]] = ((stamp if deleted else None, stamp, stamp, lid, *extra) for lid in link_ids)
    cur = _raw(tx).executemany(
        "UPDATE customer_tag SET deleted_stamp = ?, stamp = ?, "
        f"field_stamps = json_set(coalesce(field_stamps, '{{}}'), '$.deleted_stamp', ?) {where}", rows)
    return int(cur.rowcount)


def owned_by(tx: Connection, owners: Sequence[str]) -> list[str]:
    """Ids of the live customers whose owner is one of *owners* (stored values), in name order."""
    if not owners:
        return []
    marks = ", ".join("?" * len(owners))
    return [r[0] for r in _raw(tx).execute(
        f"SELECT id FROM customer WHERE deleted_stamp IS NULL AND owner IN ({marks}) "
        "ORDER BY name_pinyin, name, id", tuple(owners))]

