"""Rebuilding the customer search index after a restore or a merge.

The index is derived data: ``customer_search`` holds per customer a short
``key`` and a ``doc`` (made by :func:`crm_desktop.services.text.search_texts`
from exactly the inputs the customer service's ``_reindex`` uses), and the
FTS5 table ``customer_fts`` follows ``customer_search`` through triggers.
Only rows whose text really changed are written, so the triggers (an FTS
delete + insert per row) run for the changed customers only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from crm_desktop.services.text import search_texts

_BATCH = 2000


def reindex_customers(conn: sqlite3.Connection, customer_ids: Iterable[str] | None = None,
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the search text of *customer_ids* (None: every customer) up to date on *conn*.

    Runs in the caller's transaction; returns how many search rows were written.
    """
    if customer_ids is None:
        ids = [r[0] for r in conn.execute("SELECT id FROM customer")]
    else:
        ids = sorted(set(customer_ids))
    written = 0
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        marks = ", ".join("?" for _ in batch)
        rows = conn.execute(
            f"SELECT id, name, company, phone, email, industry, address, notes, needs FROM customer "
            f"WHERE id IN ({marks})", batch).fetchall()
        contacts: dict[str, list[tuple[str, str, str]]] = {}
        for cid, name, phone, email in conn.execute(
                f"SELECT customer_id, name, phone, email FROM contact WHERE customer_id IN ({marks}) "
                "AND deleted_stamp IS NULL", batch):
            contacts.setdefault(cid, []).append((name, phone, email))
        current = {r[0]: (r[1], r[2]) for r in conn.execute(
            f"SELECT customer_id, key, doc FROM customer_search WHERE customer_id IN ({marks})", batch)}
        out = []
        for cid, name, company, phone, email, industry, address, notes, needs in rows:
            key, doc = search_texts(name, company, phone, email, [industry, address, notes, needs],
                                    contacts.get(cid, []))
            if current.get(cid) != (key, doc):
                out.append((cid, key, doc))
        if out:
            conn.executemany(
                "INSERT INTO customer_search(customer_id, key, doc) VALUES (?, ?, ?) "
                "ON CONFLICT(customer_id) DO UPDATE SET key = excluded.key, doc = excluded.doc", out)
            written += len(out)
        if progress:
            progress(min(start + _BATCH, len(ids)), len(ids))
    if customer_ids is None:
        conn.execute("DELETE FROM customer_search WHERE customer_id NOT IN (SELECT id FROM customer)")
    return written


def index_looks_current(conn: sqlite3.Connection, sample: int = 512) -> bool:
    """True when the stored search texts of a sample of customers are what we would compute now.

    A restored file was written by this app, so its index is normally current;
    recomputing 100k texts costs seconds.  Checking the first *sample*
    customers by id plus the count of search rows catches a file from another
    version (texts made differently) or a damaged index; a mismatch means a
    full rebuild.  The index only serves search, so trusting it cannot lose data.
    """
    total = conn.execute("SELECT COUNT(*) FROM customer").fetchone()[0]
    indexed = conn.execute("SELECT COUNT(*) FROM customer_search").fetchone()[0]
    if total != indexed:
        return False
    ids = [r[0] for r in conn.execute("SELECT id FROM customer ORDER BY id LIMIT ?", (sample,))]
    if not ids:
        return True
    marks = ", ".join("?" for _ in ids)
    before = dict(conn.execute(
        f"SELECT customer_id, key || char(0) || doc FROM customer_search WHERE customer_id IN ({marks})", ids))
    probe = {}
    for cid, name, company, phone, email, industry, address, notes, needs in conn.execute(
            f"SELECT id, name, company, phone, email, industry, address, notes, needs FROM customer "
            f"WHERE id IN ({marks})", ids):
        contacts = [tuple(r) for r in conn.execute(
            "SELECT name, phone, email FROM contact WHERE customer_id = ? AND deleted_stamp IS NULL", (cid,))]
        key, doc = search_texts(name, company, phone, email, [industry, address, notes, needs], contacts)
        probe[cid] = key + "\x00" + doc
    return probe == before


def rebuild_search_index(db, customer_ids: Iterable[str] | None = None,
                         progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the search index of the open database *db* (a ``Database``) in one transaction."""
    with db.raw_connection() as conn:
        return reindex_customers(conn, customer_ids, progress)
