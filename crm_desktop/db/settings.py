"""Team settings: ``Setting`` rows, one value per key, stored as JSON and merged like any other row.

One codec for every group of settings (the call list's ``calllist.*``, the complaints'
``complaints.*``): a value is written as JSON (UTF-8, sorted keys, so equal values give equal
text and an unchanged value spends no stamp), in a row whose id derives from the key so two
laptops writing the same setting write the same row.  Reading a group takes the keys that begin
with its prefix, exactly (no pattern characters); a value that is not JSON (a damaged or foreign
row) is left out, so its default applies.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.sync import insert_row, stable_id, update_row
from crm_desktop.lazy import LazyModule

if TYPE_CHECKING:
    from crm_desktop.db import models
else:
    models = LazyModule("crm_desktop.db.models")  # the ORM models on first use (a write): reads need none



def encode(value: Any) -> str:
    """*value* as the text a setting row stores."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def read_settings(conn: Connection, prefix: str) -> dict[str, Any]:
    """Live team settings whose key starts with *prefix*: {key without prefix: decoded value}."""
    rows = conn.execute(text("SELECT key, value FROM setting WHERE deleted_stamp IS NULL AND substr(key, 1, :n) = :p"),
                        {"p": prefix, "n": len(prefix)}).fetchall()
    out: dict[str, Any] = {}
    for key, value in rows:
        try:
            out[key[len(prefix):]] = json.loads(value)
        except (TypeError, ValueError):
            continue
    return out


def write_setting(conn: Connection, key: str, value: Any, stamp: str) -> bool:
    """Store *value* under *key* (a stamped edit; a deleted row comes back).  Returns whether anything changed."""
    encoded = encode(value)
    row = conn.execute(text("SELECT id FROM setting WHERE key = :k"), {"k": key}).first()
    if row is None:
        insert_row(conn, models.Setting, {"id": stable_id("setting", key), "key": key, "value": encoded}, stamp)
        return True
    return update_row(conn, models.Setting, row[0], {"value": encoded, "deleted_stamp": None}, stamp)
