"""The SQL of the customer and order imports (the use cases are crm_desktop.services.imports).

Every function takes the unit of work of the import (a ``Tx`` from
``Database.writing()`` or ``reading()``): new rows go in with
:func:`crm_desktop.db.bulk.insert_many` on the same transaction's DB-API
connection, in the column orders below; existing rows are edited with
:func:`crm_desktop.db.sync.update_row` (stamped per field).  A
:class:`~crm_desktop.db.models.ChangeBatch` records what an import added and
changed, so it can be undone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from sqlalchemy.engine import Connection

from crm_desktop.db.bulk import insert_many, set_meta, tombstone_many
from crm_desktop.db.models import Contact, Customer, Synced
from crm_desktop.db.sync import update_row

Tx = Connection

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

TAG_COLUMNS = ("id", "created_stamp", "stamp", "name", "color")
TAG_LINK_COLUMNS = ("id", "created_stamp", "stamp", "customer_id", "tag_id")
ORDER_COLUMNS = ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor", "currency",
                 "description", "external_ref")
"""Column order of the order rows an orders import inserts."""

_BATCH_COLUMNS = ("id", "kind", "created_at", "actor", "description", "payload")
_MODELS: dict[str, type[Synced]] = {"customer": Customer, "contact": Contact}


def _raw(tx: Tx) -> sqlite3.Connection:
    """The DB-API connection of *tx* (same transaction), for ``executemany``."""
    return cast(sqlite3.Connection, tx.connection.driver_connection)  # typed Any | None by SQLAlchemy


@contextmanager
def big_cache(tx: Tx, kib: int = 200_000) -> Iterator[None]:
    """A page cache of *kib* KiB while bulk-writing (random ids scatter B-tree pages), set back afterwards."""
    raw = _raw(tx)
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size={int(before)}")


# --------------------------------------------------------------------------- finding


def customer_match_keys(tx: Tx) -> list[tuple[str, str, str, str, str, str]]:
    """(id, external_id, phone, email, kind, name) of every live customer."""
    return [tuple(r) for r in tx.exec_driver_sql(
        "SELECT id, external_id, phone, email, kind, name FROM customer WHERE deleted_stamp IS NULL")]


def contact_match_keys(tx: Tx) -> list[tuple[str, str, str, str, str]]:
    """(id, customer_id, name, phone, email) of every live contact of a live customer."""
    return [tuple(r) for r in tx.exec_driver_sql(
        "SELECT ct.id, ct.customer_id, ct.name, ct.phone, ct.email FROM contact ct "
        "JOIN customer c ON c.id = ct.customer_id "
        "WHERE ct.deleted_stamp IS NULL AND c.deleted_stamp IS NULL")]


def tag_ids(tx: Tx) -> set[str]:
    """Ids of every tag (deleted ones too: a tag's id is made from its name)."""
    return {r[0] for r in _raw(tx).execute("SELECT id FROM tag")}


def customer_values(tx: Tx, customer_id: str, fields: Sequence[str]) -> dict[str, Any] | None:
    """*fields* of one customer as stored (dates as ISO text), or None when there is none."""
    row = _raw(tx).execute(f"SELECT {', '.join(fields)} FROM customer WHERE id = ?", (customer_id,)).fetchone()
    return dict(zip(fields, row)) if row else None


def contact_values(tx: Tx, contact_id: str) -> dict[str, Any] | None:
    """The importable fields of one contact (birthday as ISO text), or None when it is gone."""
    row = _raw(tx).execute(f"SELECT {', '.join(CONTACT_FIELDS)} FROM contact WHERE id = ?",
                           (contact_id,)).fetchone()
    return dict(zip(CONTACT_FIELDS, row)) if row else None


def row_values(tx: Tx, table: str, row_id: str) -> dict[str, Any] | None:
    """Every column of one customer or contact as stored, or None."""
    cur = _raw(tx).execute(f"SELECT * FROM {_MODELS[table].__tablename__} WHERE id = ?", (row_id,))  # ours
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row)) if row else None


def has_row(tx: Tx, table: str, row_id: str) -> bool:
    """Whether *table* (customer_tag, customer …; ours, never input) has a row with this id."""
    return _raw(tx).execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


# --------------------------------------------------------------------------- writing


def insert(tx: Tx, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert new rows of *table* (ours) in storage form; returns how many."""
    return insert_many(_raw(tx), table, columns, rows)


def update(tx: Tx, table: str, row_id: str, changes: dict[str, Any], stamp: str) -> bool:
    """A stamped per-field edit of one customer or contact (dates as ISO text are converted)."""
    values = {f: (date.fromisoformat(v) if f == "birthday" and isinstance(v, str) and v else v)
              for f, v in changes.items()}
    return update_row(tx, _MODELS[table], row_id, values, stamp)


def touch_customer(tx: Tx, customer_id: str, at_text: str) -> None:
    """Mark a customer as edited (``updated_at``: not a merged field)."""
    _raw(tx).execute("UPDATE customer SET updated_at = ? WHERE id = ?", (at_text, customer_id))


def tombstone(tx: Tx, table: str, ids: Iterable[str], stamp: str) -> int:
    """Tombstone the live rows of *table* (ours) with these ids; returns how many."""
    return tombstone_many(_raw(tx), table, ids, stamp)


def note_last_stamp(tx: Tx, stamp: str) -> None:
    """Remember the newest stamp issued (``meta.last_stamp``), as after every bulk write."""
    set_meta(_raw(tx), "last_stamp", stamp)


# --------------------------------------------------------------------------- change batches


def record_batch(tx: Tx, batch_id: str, kind: str, created_at: str, actor: str, description: str,
                 payload: str) -> None:
    """Keep what an import did (``payload``: JSON) so it can be undone."""
    insert_many(_raw(tx), "change_batch", _BATCH_COLUMNS,
                [(batch_id, kind, created_at, actor, description, payload)])


def last_batch(tx: Tx, kind: str) -> tuple[str, str] | None:
    """(id, description) of the newest batch of *kind* not undone yet, or None."""
    row = _raw(tx).execute(
        "SELECT id, description FROM change_batch WHERE kind = ? AND undone_at IS NULL "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1", (kind,)).fetchone()
    return (row[0], row[1]) if row else None


def batch_payload(tx: Tx, batch_id: str, kind: str) -> str | None:
    """The payload of the batch *batch_id* of *kind* while it is not undone, else None."""
    row = _raw(tx).execute("SELECT payload FROM change_batch WHERE id = ? AND kind = ? AND undone_at IS NULL",
                           (batch_id, kind)).fetchone()
    return row[0] if row else None


def mark_undone(tx: Tx, batch_id: str, at_text: str) -> None:
    _raw(tx).execute("UPDATE change_batch SET undone_at = ? WHERE id = ?", (at_text, batch_id))


def reindex(tx: Tx, customer_ids: Iterable[str]) -> int:
    """Bring the search texts and name columns of these customers up to date
    (:func:`crm_desktop.db.search.reindex_customers`, on the transaction's DB-API connection: the fast path)."""
    from crm_desktop.db.search import reindex_customers

    return reindex_customers(_raw(tx), customer_ids)
