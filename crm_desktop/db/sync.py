"""Stamped writes: every insert, edit and delete carries a clock stamp.

These are the only write paths for synchronised tables, so the merge
invariants of :mod:`crm_desktop.db.models` hold: ``field_stamps`` records the
stamp of each field edited after the insert, ``stamp`` the latest change, and
deletes are tombstones (``deleted_stamp``) that an undo clears with a newer
stamp.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

if TYPE_CHECKING:  # the models come with the caller: importing them here would load the ORM for every read
    from crm_desktop.db.models import Synced


def new_id() -> str:
    """A fresh row id (UUID4 as 32 hex characters)."""
    return uuid.uuid4().hex


def stable_id(*parts: str) -> str:
    """A row id derived from *parts*, the same on every laptop (UUID5)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "crm-desktop:" + "/".join(parts)).hex


def _table(model: type[Synced]) -> Table:
    return model.__table__


def insert_row(conn: Connection, model: type[Synced], values: dict[str, Any], stamp: str) -> str:
    """Insert a row stamped *stamp*; returns its id (made here unless given)."""
    row = dict(values)
    row.setdefault("id", new_id())
    row.update(created_stamp=stamp, stamp=stamp, field_stamps=None, deleted_stamp=None)
    conn.execute(_table(model).insert().values(**row))
    row_id: str = row["id"]
    return row_id


def update_row(conn: Connection, model: type[Synced], row_id: str, changes: dict[str, Any], stamp: str) -> bool:
    """Write *changes* (only fields that really differ) and stamp each of them.

    Returns False when nothing differed (no stamp is spent then).
    """
    table = _table(model)
    current = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if current is None:
        raise KeyError(row_id)
    real = {k: v for k, v in changes.items() if current[k] != v}
    if not real:
        return False
    stamps = json.loads(current["field_stamps"] or "{}")
    for key in real:
        stamps[key] = stamp
    conn.execute(
        table.update()
        .where(table.c.id == row_id)
        .values(**real, field_stamps=json.dumps(stamps, sort_keys=True), stamp=stamp)
    )
    return True


def set_deleted(conn: Connection, model: type[Synced], row_id: str, deleted: bool, stamp: str) -> None:
    """Tombstone (or bring back) a row; the change is itself a stamped edit."""
    update_row(conn, model, row_id, {"deleted_stamp": stamp if deleted else None}, stamp)
