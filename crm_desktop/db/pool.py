"""The shared pool (公海池): customers nobody owns, or nobody has contacted for a while.

A claim writes the customer's ``owner`` as an ordinary stamped edit, so two salespeople who claim the same
customer offline are settled by the merge like any two edits of one field: the later claim keeps the
customer, and the other is kept as a "2 versions" record that names both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from crm_desktop.db.database import Tx
from crm_desktop.db.ids import chunks, named_marks
from crm_desktop.db.models import Customer
from crm_desktop.db.people import people_names
from crm_desktop.db.sync import update_row
from crm_desktop.db.types import parse_ts
from crm_desktop.domain.hlc import Stamp, is_stamp
from crm_desktop.domain.people import owner_label


@dataclass(frozen=True, slots=True)
class PoolRow:
    """A customer in the pool: ``owner`` the owner's name, "" when nobody's; ``last_contact`` None when never
    contacted."""

    id: str
    name: str
    company: str
    phone: str
    owner: str
    last_contact: datetime | None


def pool_rows(tx: Tx, quiet_since: datetime | None, limit: int = 5000) -> list[PoolRow]:
    """Live customers (not do-not-contact) with no owner, or — with *quiet_since* — with no logged contact
    (anyone's) since then, nor a new owner since then (a claim or a handover starts the clock again: the
    owner field's stamp says when it was last changed); a customer never contacted counts from when they
    were added.  Longest quiet first, at most *limit*.
    """
    rows = tx.execute(text(
        "SELECT c.id, c.name, c.company, c.phone, c.owner, c.field_stamps, c.created_at, "
        "(SELECT MAX(i.occurred_at) FROM interaction i WHERE i.customer_id = c.id AND i.deleted_stamp IS NULL) "
        "AS last FROM customer c WHERE c.deleted_stamp IS NULL AND c.do_not_contact = 0")).all()
    out = []
    known = people_names(tx)
    for cid, name, company, phone, owner, field_stamps, created_at, last in rows:
        last_at = parse_ts(last)
        if (owner or "").strip():
            if quiet_since is None:
                continue
            since = _owner_changed(field_stamps)
            added = parse_ts(created_at)
            if (last_at or added or quiet_since) >= quiet_since or (since is not None and since >= quiet_since):
                continue
        out.append(PoolRow(cid, name, company or "", phone or "", owner_label(owner, known), last_at))
    out.sort(key=lambda r: (r.last_contact is not None, r.last_contact or datetime.min.replace(tzinfo=UTC),
                            r.name))
    return out[:limit]


def _owner_changed(field_stamps: object) -> datetime | None:
    """When the owner was last changed after the customer was added (None: never, or unreadable)."""
    try:
        stamp = json.loads(str(field_stamps)).get("owner") if field_stamps else None
    except (ValueError, AttributeError):
        stamp = None
    if not is_stamp(stamp):
        return None
    return datetime.fromtimestamp(Stamp.decode(str(stamp)).wall_ms / 1000, UTC)


def owners_of(tx: Tx, customer_ids: Sequence[str]) -> dict[str, str]:
    """The stored owner of each live customer of *customer_ids*."""
    out: dict[str, str] = {}
    for part in chunks(list(customer_ids)):
        marks, params = named_marks(part)
        out.update((str(r[0]), str(r[1] or "")) for r in tx.execute(text(
            f"SELECT id, owner FROM customer WHERE id IN ({marks}) AND deleted_stamp IS NULL"), params))
    return out


def set_owners(tx: Tx, owners: dict[str, str], stamp: str) -> list[str]:
    """Write each customer's owner (stamped edits); returns the ids that changed."""
    return [cid for cid, owner in owners.items() if update_row(tx, Customer, cid, {"owner": owner}, stamp)]
