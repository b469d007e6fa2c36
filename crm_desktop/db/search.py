"""The customer search index and the derived name columns: computed and stored in one place.

Per customer, ``customer_search`` holds a short ``key`` (queries shorter than
five characters are matched against it in memory) and a ``doc`` (the FTS5
trigram table ``customer_fts`` follows it through triggers); the customer row
holds ``name_pinyin`` / ``name_initials`` (the list sorts by them).  All of it
is derived data, never merged or carried in backups, made by
:func:`crm_desktop.domain.text.search_texts` and
:func:`crm_desktop.domain.text.name_columns` from the inputs read here.

:func:`reindex_customers` is the one code that writes it: after an edit (the
customer service, a duplicate merge), after bulk writes (the demo, imports,
a merge of a teammate's backup, a restore, an erasure).  It takes either kind
of unit of work (:class:`~crm_desktop.db.database.Tx` or
:class:`~crm_desktop.db.database.BulkTx`) and runs in its transaction.  Only
rows whose text really changed are written, so the triggers (an FTS delete +
insert per row) run for changed customers only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import id_array, named_marks
from crm_desktop.domain.text import ContactKeys, name_columns, search_texts

Handle = Connection | sqlite3.Connection
"""A unit of work of either kind (``Tx`` or ``BulkTx``)."""

BATCH = 2000
"""Customers read, computed and written per round."""

TEXTS_VERSION = "2"
"""What the derived texts are made of, as a number stored in ``meta.search_texts`` by a full reindex.
Raise it whenever :func:`~crm_desktop.domain.text.search_texts` or
:func:`~crm_desktop.domain.text.name_columns` change what they make: a book indexed by an earlier
version (version 2 added WeChat ids and contacts' second phones) is then reindexed once
(:func:`index_is_outdated`)."""

_CUSTOMER_INPUTS = ("id", "name", "company", "phone", "email", "wechat", "industry", "address", "notes", "needs",
                    "name_pinyin", "name_initials")
_CONTACT_INPUTS = ("customer_id", "name", "phone", "phone2", "email", "wechat")


def _rows(handle: Handle, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Run the query *sql* (named ``:params``, understood by both kinds of handle) and return its rows."""
    if isinstance(handle, sqlite3.Connection):
        return handle.execute(sql, params or {}).fetchall()
    return [tuple(r) for r in handle.execute(text(sql), params or {})]


def _in_list(handle: Handle, ids: Sequence[str]) -> tuple[str, dict[str, str]]:
    """What goes in ``IN (…)`` for *ids*, and its parameters: one JSON array on SQLite (a batch's 2,000
    named placeholders are slow to prepare there), the placeholders elsewhere (a server database)."""
    if isinstance(handle, sqlite3.Connection) or handle.dialect.name == "sqlite":
        return id_array(ids)
    return named_marks(ids)


def _run(handle: Handle, sql: str) -> None:
    """Run the statement *sql* (no parameters, no rows back) once."""
    if isinstance(handle, sqlite3.Connection):
        handle.execute(sql)
    else:
        handle.execute(text(sql))


def _write(handle: Handle, sql: str, rows: list[dict[str, Any]]) -> None:
    """Run the statement *sql* once per parameter set of *rows* (nothing for none)."""
    if not rows:
        return
    if isinstance(handle, sqlite3.Connection):
        handle.executemany(sql, rows)
    else:
        handle.execute(text(sql), rows)


def _derive(handle: Handle, ids: Sequence[str]) -> list[tuple[str, str, str, tuple[str, str], tuple[str, str]]]:
    """Per customer of *ids* (deleted ones too): (id, key, doc, name columns as they should be, as stored).
    Contacts count while not deleted."""
    marks, params = _in_list(handle, ids)
    contacts: dict[str, list[ContactKeys]] = {}
    for cid, name, phone, phone2, email, wechat in _rows(
            handle, f"SELECT {', '.join(_CONTACT_INPUTS)} FROM contact "
                    f"WHERE customer_id IN ({marks}) AND deleted_stamp IS NULL", params):
        contacts.setdefault(cid, []).append((name or "", phone or "", phone2 or "", email or "", wechat or ""))
    out = []
    for cid, name, company, phone, email, wechat, industry, address, notes, needs, pinyin, initials in _rows(
            handle, f"SELECT {', '.join(_CUSTOMER_INPUTS)} FROM customer WHERE id IN ({marks})", params):
        key, doc = search_texts(name or "", company or "", phone or "", email or "", wechat or "",
                                [industry or "", address or "", notes or "", needs or ""],
                                contacts.get(cid, ()))
        out.append((cid, key, doc, name_columns(name or ""), (pinyin, initials)))
    return out


def reindex_customers(handle: Handle, customer_ids: Iterable[str] | None = None,
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the search text and name columns of *customer_ids* (None: every customer) up to date.

    Runs in *handle*'s transaction; returns how many search rows were written.  With None, search rows
    of customers that no longer exist are dropped too.
    """
    if customer_ids is None:
        ids = [r[0] for r in _rows(handle, "SELECT id FROM customer")]
    else:
        ids = sorted(set(customer_ids))
    written = 0
    out = _Texts(handle)
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        derived = _derive(handle, batch)
        marks, params = _in_list(handle, batch)
        stored = {r[0]: (r[1], r[2]) for r in _rows(
            handle, f"SELECT customer_id, key, doc FROM customer_search WHERE customer_id IN ({marks})", params)}
        texts = [{"c": cid, "k": key, "d": doc} for cid, key, doc, _n, _s in derived if stored.get(cid) != (key, doc)]
        out.add(texts)
        _write(handle, "UPDATE customer SET name_pinyin = :p, name_initials = :i WHERE id = :c",
               [{"c": cid, "p": names[0], "i": names[1]} for cid, _k, _d, names, was in derived if names != was])
        written += len(texts)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    out.finish()
    if customer_ids is None:
        _write(handle, "DELETE FROM customer_search WHERE customer_id NOT IN (SELECT id FROM customer)", [{}])
        mark_index_current(handle)
    return written


FEW = 8
"""Up to this many changed texts are written one statement each; more go through a temporary table."""

_UPSERT = ("INSERT INTO customer_search(customer_id, key, doc) {rows} "
           "ON CONFLICT(customer_id) DO UPDATE SET key = excluded.key, doc = excluded.doc")


class _Texts:
    """The changed search rows of one reindex (``c``, ``k``, ``d``), written at :meth:`finish`; the
    triggers feed each one to the FTS5 table.

    FTS5 writes out what it has gathered at the start of every statement, so one statement per row
    leaves one tiny segment per row to be merged later (11.8 s for 100,000 new customers).  More than
    :data:`FEW` rows are therefore staged in a temporary table and written by one statement, in the
    order of the index's own row numbers (those already indexed first, then the new ones): 4.8 s."""

    def __init__(self, handle: Handle) -> None:
        self.handle = handle
        self.few: list[dict[str, Any]] = []
        self.staged = False

    def add(self, texts: list[dict[str, Any]]) -> None:
        if not self.staged and len(self.few) + len(texts) <= FEW:
            self.few.extend(texts)
            return
        if not self.staged:
            for sql in ("CREATE TEMP TABLE IF NOT EXISTS reindex_texts (c TEXT PRIMARY KEY, k TEXT, d TEXT)",
                        "DELETE FROM temp.reindex_texts"):
                _run(self.handle, sql)
            self.staged = True
        _write(self.handle, "INSERT INTO temp.reindex_texts(c, k, d) VALUES (:c, :k, :d)", self.few + texts)
        self.few = []

    def finish(self) -> None:
        if not self.staged:
            _write(self.handle, _UPSERT.format(rows="VALUES (:c, :k, :d)"), self.few)
            return
        _run(self.handle, _UPSERT.format(
            rows="SELECT t.c, t.k, t.d FROM temp.reindex_texts t LEFT JOIN customer_search s ON s.customer_id = t.c "
                 "WHERE true ORDER BY s.sid IS NULL, s.sid"))
        _run(self.handle, "DELETE FROM temp.reindex_texts")


def mark_index_current(handle: Handle) -> None:
    """Record that every customer's derived texts are of :data:`TEXTS_VERSION` (after indexing them all)."""
    _write(handle, "INSERT INTO meta(key, value) VALUES ('search_texts', :v) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [{"v": TEXTS_VERSION}])


def index_is_outdated(handle: Handle) -> bool:
    """Whether the book's derived texts were made by an earlier version (or never marked): then a full
    :func:`reindex_customers` is due."""
    row = _rows(handle, "SELECT value FROM meta WHERE key = 'search_texts'")
    return not row or row[0][0] != TEXTS_VERSION


def index_looks_current(handle: Handle, sample: int = 512) -> bool:
    """True when the stored search texts of a sample of customers are what :func:`reindex_customers` writes.

    A restored file was written by this app, so its index is normally current;
    recomputing 100k texts costs seconds.  Checking the first *sample*
    customers by id plus the count of search rows catches a file from another
    version (texts made differently) or a damaged index; a mismatch means a
    full rebuild.  The index only serves search, so trusting it cannot lose data.
    """
    total = _rows(handle, "SELECT COUNT(*) FROM customer")[0][0]
    indexed = _rows(handle, "SELECT COUNT(*) FROM customer_search")[0][0]
    if total != indexed:
        return False
    ids = [r[0] for r in _rows(handle, "SELECT id FROM customer ORDER BY id LIMIT :n", {"n": sample})]
    if not ids:
        return True
    marks, params = _in_list(handle, ids)
    stored = {r[0]: (r[1], r[2]) for r in _rows(
        handle, f"SELECT customer_id, key, doc FROM customer_search WHERE customer_id IN ({marks})", params)}
    return stored == {cid: (key, doc) for cid, key, doc, _n, _s in _derive(handle, ids)}
