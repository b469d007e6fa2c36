"""The tables a team hub syncs (apart from :mod:`crm_desktop.db.hub.schema`, which loads the PostgreSQL
driver: the book's side of the hub reads this at start-up)."""

from __future__ import annotations

from crm_desktop.db.models import SYNCED_TABLES

HUB_TABLES: tuple[str, ...] = (*(str(m.__tablename__) for m in SYNCED_TABLES), "erasure")
"""Tables the hub syncs, parents before children."""
