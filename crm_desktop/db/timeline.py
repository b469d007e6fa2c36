"""Queries behind the customer timeline, the card header, follow-ups and orders.

The timeline merges three tables (interactions, orders, complaint events) with
one ``UNION ALL`` ordered newest first and paged by *keyset* (``at``, ``id``)
rather than OFFSET: page 50 of a 10,000-entry timeline costs what page 1 costs.
Each branch is limited on its own before the merge, so SQLite walks at most
``limit`` rows of each covering index (``ix_interaction_customer_time``,
``ix_order_customer_time_amount``) instead of sorting everything.

Rows come back as plain tuples in :data:`TIMELINE_COLUMNS` order; the service
turns them into frozen dataclasses.  Times are compared as SQLite stores them
(``YYYY-MM-DD HH:MM:SS.ffffff`` UTC text, see :func:`crm_desktop.db.types.ts_text`),
so cursors are passed in that form.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import chunks, named_marks
from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.types import bound, fetch_rows, parse_ts_required
from crm_desktop.domain.followups import FollowUp

TIMELINE_KINDS = ("interaction", "order", "complaint", "deal", "quote", "stage")
"""Kinds stored in tables (a customer whose stage has no history yet gets one derived entry from the service)."""

TIMELINE_COLUMNS = ("kind", "id", "at", "actor", "channel", "direction", "body", "outcome", "next_step",
                    "next_due_at", "next_done", "amount_minor", "currency", "complaint_id", "from_status",
                    "status_now", "resolution", "satisfaction", "latest")
"""Column meaning per kind: ``body`` is the interaction summary, the order description, the
complaint-event note or the deal's title (a deal's stage change, or a change of the relationship stage:
``outcome`` the new stage, ``from_status`` the one before); ``outcome`` is the interaction outcome or the
complaint's new status; ``from_status`` the complaint's previous status; ``actor`` the interaction owner or event actor.
For complaint events ``status_now``, ``resolution`` and ``satisfaction`` are the complaint's current
status, resolution and score, and ``latest`` says whether this is the complaint's newest event (the
line that ends its story, which shows how it ended); other kinds have NULL and 0 there."""

_NO_OUTCOME = "NULL AS status_now, NULL AS resolution, NULL AS satisfaction, 0 AS latest"

_BRANCH = {
    "interaction": (
        "SELECT 'interaction' AS kind, i.id, i.occurred_at AS at, " + owner_name_sql("i.owner") + " AS actor, "
        "i.channel, i.direction, "
        "i.summary AS body, i.outcome, i.next_step, i.next_due_at, i.next_done, NULL AS amount_minor, "
        "NULL AS currency, i.complaint_id, NULL AS from_status, " + _NO_OUTCOME + " "
        "FROM interaction i WHERE i.customer_id = :cid AND i.deleted_stamp IS NULL {cursor_i} "
        "ORDER BY i.occurred_at DESC, i.id DESC LIMIT :lim"),
    "order": (
        "SELECT 'order' AS kind, o.id, o.ordered_at AS at, '' AS actor, NULL AS channel, NULL AS direction, "
        "o.description AS body, NULL AS outcome, NULL AS next_step, NULL AS next_due_at, NULL AS next_done, "
        "o.amount_minor, o.currency, NULL AS complaint_id, NULL AS from_status, " + _NO_OUTCOME + " "
        "FROM sales_order o WHERE o.customer_id = :cid AND o.deleted_stamp IS NULL {cursor_o} "
        "ORDER BY o.ordered_at DESC, o.id DESC LIMIT :lim"),
    "complaint": (
        "SELECT 'complaint' AS kind, e.id, e.at AS at, e.actor AS actor, c.channel, NULL AS direction, "
        "CASE WHEN e.note <> '' THEN e.note ELSE c.description END AS body, e.to_status AS outcome, "
        "NULL AS next_step, NULL AS next_due_at, NULL AS next_done, NULL AS amount_minor, NULL AS currency, "
        "c.id AS complaint_id, e.from_status AS from_status, c.status AS status_now, c.resolution, c.satisfaction, "
        "e.id = (SELECT e2.id FROM complaint_event e2 WHERE e2.complaint_id = e.complaint_id "
        "AND e2.deleted_stamp IS NULL ORDER BY e2.at DESC, e2.created_stamp DESC, e2.id DESC LIMIT 1) AS latest "
        "FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id "
        "WHERE c.customer_id = :cid AND c.deleted_stamp IS NULL AND e.deleted_stamp IS NULL {cursor_e} "
        "ORDER BY e.at DESC, e.id DESC LIMIT :lim"),
    "deal": (
        "SELECT 'deal' AS kind, e.id, e.at AS at, e.actor AS actor, NULL AS channel, NULL AS direction, "
        "dl.title AS body, e.to_stage AS outcome, NULL AS next_step, NULL AS next_due_at, NULL AS next_done, "
        "dl.amount_minor, dl.currency, NULL AS complaint_id, e.from_stage AS from_status, " + _NO_OUTCOME + " "
        "FROM deal_stage_change e JOIN deal dl ON dl.id = e.deal_id "
        "WHERE dl.customer_id = :cid AND dl.deleted_stamp IS NULL AND e.deleted_stamp IS NULL {cursor_d} "
        "ORDER BY e.at DESC, e.id DESC LIMIT :lim"),
    "quote": (
        "SELECT 'quote' AS kind, x.id, x.created_at AS at, x.created_by AS actor, NULL AS channel, "
        "NULL AS direction, dl.title AS body, CAST(x.version AS TEXT) AS outcome, NULL AS next_step, "
        "NULL AS next_due_at, NULL AS next_done, x.gross_minor AS amount_minor, x.currency, NULL AS complaint_id, "
        "CASE WHEN x.sent_at IS NULL THEN NULL ELSE 'sent' END AS from_status, " + _NO_OUTCOME + " "
        "FROM quote x JOIN deal dl ON dl.id = x.deal_id "
        "WHERE dl.customer_id = :cid AND dl.deleted_stamp IS NULL AND x.deleted_stamp IS NULL {cursor_q} "
        "ORDER BY x.created_at DESC, x.id DESC LIMIT :lim"),
    "stage": (
        "SELECT 'stage' AS kind, s.id, s.at AS at, s.actor AS actor, NULL AS channel, NULL AS direction, "
        "'' AS body, s.to_stage AS outcome, NULL AS next_step, NULL AS next_due_at, NULL AS next_done, "
        "NULL AS amount_minor, NULL AS currency, NULL AS complaint_id, s.from_stage AS from_status, "
        + _NO_OUTCOME + " FROM customer_stage_change s "
        "WHERE s.customer_id = :cid AND s.deleted_stamp IS NULL {cursor_s} "
        "ORDER BY s.at DESC, s.id DESC LIMIT :lim"),
}
_CURSOR = {
    "interaction": "AND (i.occurred_at < :at OR (i.occurred_at = :at AND i.id < :id))",
    "order": "AND (o.ordered_at < :at OR (o.ordered_at = :at AND o.id < :id))",
    "complaint": "AND (e.at < :at OR (e.at = :at AND e.id < :id))",
    "deal": "AND (e.at < :at OR (e.at = :at AND e.id < :id))",
    "quote": "AND (x.created_at < :at OR (x.created_at = :at AND x.id < :id))",
    "stage": "AND (s.at < :at OR (s.at = :at AND s.id < :id))",
}


def timeline_page(conn: Connection, customer_id: str, kinds: Iterable[str], before: tuple[str, str] | None,
                  limit: int) -> list[tuple[Any, ...]]:
    """Up to *limit* entries of *kinds* older than the cursor *before* = (at text, id), newest first."""
    parts = []
    for kind in TIMELINE_KINDS:
        if kind not in kinds:
            continue
        cursor = _CURSOR[kind] if before else ""
        sql = _BRANCH[kind].format(cursor_i=cursor, cursor_o=cursor, cursor_e=cursor, cursor_d=cursor,
                                    cursor_q=cursor, cursor_s=cursor)
        parts.append(f"SELECT * FROM ({sql})")
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + " ORDER BY at DESC, id DESC LIMIT :lim"
    params = {"cid": customer_id, "lim": limit}
    if before:
        params.update(at=before[0], id=before[1])
    return [tuple(r) for r in conn.execute(text(sql), params)]


def customer_stage(conn: Connection, customer_id: str) -> tuple[str | None, str | None, str, object] | None:
    """(relationship_stage, its field stamp or None, created_stamp, created_at) of a live customer whose stage
    has no history rows (set before the history was kept, or by an import); None for the others."""
    row = conn.execute(text(
        "SELECT relationship_stage, json_extract(field_stamps, '$.relationship_stage'), created_stamp, created_at "
        "FROM customer WHERE id = :c AND deleted_stamp IS NULL AND NOT EXISTS (SELECT 1 FROM customer_stage_change "
        "s WHERE s.customer_id = :c AND s.deleted_stamp IS NULL)"), {"c": customer_id}).first()
    return tuple(row) if row else None


def customer_brief(conn: Connection, customer_id: str) -> tuple[Any, ...] | None:
    """(name, preferred_channel, phone, email, owner) of a customer, or None when missing/deleted."""
    row = conn.execute(text(
        "SELECT name, preferred_channel, phone, email, " + owner_name_sql("owner") + " FROM customer "
        "WHERE id = :c AND deleted_stamp IS NULL"), {"c": customer_id}).first()
    return tuple(row) if row else None


def customer_contacts(conn: Connection, customer_id: str) -> list[tuple[str, str, str | None]]:
    """(id, name, buying role) of the customer's live contacts, by name."""
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name, role FROM contact WHERE customer_id = :c AND deleted_stamp IS NULL ORDER BY name"),
        {"c": customer_id})]


_INTERACTION_COLS = ("id", "customer_id", "contact_id", "owner", "channel", "direction", "occurred_at", "summary",
                     "outcome", "next_step", "next_due_at", "next_done", "complaint_id", "deleted_stamp")
_INTERACTION_SELECT = ", ".join(_INTERACTION_COLS) + ", " + owner_name_sql("owner")
_INTERACTION_KEYS = (*_INTERACTION_COLS, "owner_name")
"""The columns read for an interaction, and its keys: the stored ones and ``owner_name`` (who logged it)."""


def interaction(conn: Connection, interaction_id: str) -> dict[str, Any] | None:
    """One interaction (deleted ones too) as a dict of :data:`_INTERACTION_COLS`."""
    row = conn.execute(text(f"SELECT {_INTERACTION_SELECT} FROM interaction WHERE id = :i"),
                       {"i": interaction_id}).first()
    return dict(zip(_INTERACTION_KEYS, row)) if row else None


def last_contact(conn: Connection, customer_id: str) -> dict[str, Any] | None:
    """The newest live interaction of the customer (index-only walk of ix_interaction_customer_time)."""
    row = conn.execute(text(
        f"SELECT {_INTERACTION_SELECT} FROM interaction WHERE customer_id = :c AND deleted_stamp IS NULL "
        "ORDER BY occurred_at DESC, id DESC LIMIT 1"), {"c": customer_id}).first()
    return dict(zip(_INTERACTION_KEYS, row)) if row else None


def open_next_steps(conn: Connection, customer_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Open follow-ups of one customer, soonest due first."""
    rows = conn.execute(text(
        f"SELECT {_INTERACTION_SELECT} FROM interaction WHERE customer_id = :c AND deleted_stamp IS NULL "
        "AND next_done = 0 AND next_due_at IS NOT NULL ORDER BY next_due_at, id LIMIT :lim"),
        {"c": customer_id, "lim": limit})
    return [dict(zip(_INTERACTION_KEYS, r)) for r in rows]


def customer_owners(conn: Connection) -> list[str]:
    """Every distinct owner stored on a customer (person ids; a name as typed in an older file).

    A skip-scan of ``ix_customer_owner`` (one index seek per distinct name: microseconds on 100k
    customers); the service picks the values that are one person (:mod:`crm_desktop.services.owners`).
    """
    rows = conn.execute(text(
        "WITH RECURSIVE o(v) AS (SELECT MIN(owner) FROM customer UNION ALL "
        "SELECT (SELECT MIN(owner) FROM customer WHERE owner > o.v) FROM o WHERE o.v IS NOT NULL) "
        "SELECT v FROM o WHERE v IS NOT NULL"))
    return [r[0] for r in rows]


def step_owners(conn: Connection) -> list[str]:
    """Every distinct owner (person id) that logged an open follow-up (a walk of the partial
    ``ix_interaction_open_next`` with a row lookup each: ≈45 ms for 26,000 open steps, so the service keeps the
    answer until data changes)."""
    rows = conn.execute(text(
        "SELECT DISTINCT owner FROM interaction INDEXED BY ix_interaction_open_next "
        "WHERE next_done = 0 AND next_due_at IS NOT NULL AND owner IS NOT NULL"))
    return [r[0] for r in rows]


def _mine(where: list[str], params: dict[str, Any], owners: Sequence[str] | None, step: bool = True) -> None:
    """Add "the step was logged by, or its customer is owned by, one of *owners*" (None: anyone's)."""
    if not owners:  # None: anyone's (callers return early for an empty list: nobody's)
        return
    names = {f"o{i}": o for i, o in enumerate(owners)}
    params.update(names)
    marks = ", ".join(f":{k}" for k in names)
    where.append(f"(i.owner IN ({marks}) OR c.owner IN ({marks}))" if step else f"c.owner IN ({marks})")


def open_followups(conn: Connection, *, owners: Sequence[str] | None = None,
                   customer_ids: Sequence[str] | None = None, due_from: datetime | None = None,
                   due_before: datetime | None = None, limit: int | None = None, reachable_only: bool = False,
                   bucket: Callable[[datetime], str] | None = None) -> list[FollowUp]:
    """Open next steps due in [*due_from*, *due_before*), soonest first, at most *limit*: those logged by
    one of *owners* or on a customer one of them owns (everyone's when None), of *customer_ids* (any when
    None).  *bucket* names each one's bucket from its due time (none: "").

    Everyone's walk the partial index ``ix_interaction_open_next``; a few customers' are looked up by
    customer.  Customers deleted since are left out, and with *reachable_only* those marked do-not-contact
    (a list handed out for calling them, :mod:`crm_desktop.domain.consent`).
    """
    if (owners is not None and not owners) or (customer_ids is not None and not customer_ids):
        return []
    where = ["i.next_done = 0", "i.next_due_at IS NOT NULL", "i.deleted_stamp IS NULL", "c.deleted_stamp IS NULL"]
    if reachable_only:
        where.append("c.do_not_contact = 0")
    params: dict[str, Any] = {"lim": -1 if limit is None else limit}
    _mine(where, params, owners)
    if due_before is not None:
        where.append("i.next_due_at < :before")
        params["before"] = bound(conn, due_before)
    if due_from is not None:
        where.append("i.next_due_at >= :after")
        params["after"] = bound(conn, due_from)
    index = "INDEXED BY ix_interaction_open_next " if customer_ids is None else ""
    select = ("SELECT i.id, i.customer_id, c.name, c.phone, c.email, " + owner_name_sql("i.owner") + ", i.channel, "
              "i.summary, i.next_step, "
              "i.next_due_at, i.complaint_id, c.preferred_channel "
              f"FROM interaction i {index}JOIN customer c ON c.id = i.customer_id WHERE {' AND '.join(where)}")
    if customer_ids is None:
        rows = fetch_rows(conn, select + " ORDER BY i.next_due_at, i.id LIMIT :lim", params)
    else:
        rows = []
        for chunk in chunks(customer_ids):
            marks, ids = named_marks(chunk)
            rows += conn.execute(text(f"{select} AND i.customer_id IN ({marks})"), {**params, **ids}).fetchall()
    name = bucket or (lambda _due: "")
    out = []
    for iid, cid, cname, phone, email, owner, channel, summary, step, due_at, complaint_id, preferred in rows:
        due = parse_ts_required(due_at)  # the query takes only steps with a due time
        out.append(FollowUp("next_step", iid, cid, cname, due, name(due), what=step or "", last_summary=summary or "",
                            owner=owner or "", channel=channel or preferred, phone=phone or "", email=email or "",
                            complaint_id=complaint_id))
    if customer_ids is not None:
        out.sort(key=lambda f: (f.due, f.id))
    return out if limit is None else out[:limit]


def count_due(conn: Connection, *, owners: Sequence[str] | None, due_before: datetime) -> int:
    """How many open follow-ups of *owners* (as in :func:`open_followups`) are due before *due_before*."""
    if owners is not None and not owners:
        return 0
    params: dict[str, Any] = {"before": bound(conn, due_before)}
    where = ["i.next_done = 0", "i.next_due_at IS NOT NULL", "i.next_due_at < :before", "i.deleted_stamp IS NULL",
             "c.deleted_stamp IS NULL"]
    _mine(where, params, owners)
    return conn.execute(text(
        "SELECT count(*) FROM interaction i INDEXED BY ix_interaction_open_next "
        "JOIN customer c ON c.id = i.customer_id "
        f"WHERE {' AND '.join(where)}"), params).scalar() or 0


def occasions(conn: Connection, month_days: Sequence[str], owners: Sequence[str] | None, *,
              reachable_only: bool = False) -> list[tuple[Any, ...]]:
    """Birthdays and anniversaries falling on *month_days* ("MM-DD") of customers *owners* own (all when None);
    with *reachable_only* not of customers marked do-not-contact.

    Rows: (kind, customer_id, contact_id or None, person name, customer name, date ISO text,
    phone, preferred_channel).  Dates are stored as ISO text, so ``substr(…, 6, 5)`` is MM-DD;
    one pass over the customer table (≈20 ms for 100k) beats keeping a derived index.
    """
    if not month_days or (owners is not None and not owners):
        return []
    marks = ", ".join(f":d{i}" for i in range(len(month_days)))
    params: dict[str, Any] = {f"d{i}": md for i, md in enumerate(month_days)}
    mine: list[str] = []
    _mine(mine, params, owners, step=False)
    own = f" AND {mine[0]}" if mine else ""
    if reachable_only:
        own += " AND c.do_not_contact = 0"
    sql = (
        "SELECT 'birthday', c.id, NULL, c.name, c.name, c.birthday, c.phone, c.preferred_channel FROM customer c "
        f"WHERE c.deleted_stamp IS NULL AND c.birthday IS NOT NULL AND substr(c.birthday, 6, 5) IN ({marks}){own} "
        "UNION ALL "
        "SELECT 'anniversary', c.id, NULL, c.name, c.name, c.anniversary, c.phone, c.preferred_channel FROM customer c "
        "WHERE c.deleted_stamp IS NULL AND c.anniversary IS NOT NULL "
        f"AND substr(c.anniversary, 6, 5) IN ({marks}){own} "
        "UNION ALL "
        "SELECT 'birthday', c.id, k.id, k.name, c.name, k.birthday, k.phone, c.preferred_channel "
        "FROM contact k JOIN customer c ON c.id = k.customer_id "
        f"WHERE k.deleted_stamp IS NULL AND c.deleted_stamp IS NULL AND k.birthday IS NOT NULL "
        f"AND substr(k.birthday, 6, 5) IN ({marks}){own}")
    return [tuple(r) for r in conn.execute(text(sql), params)]


def live_ids(conn: Connection, table: str, ids: Sequence[str]) -> set[str]:
    """Which of *ids* exist in *table* and are not tombstoned (*table* is one of ours, never user input)."""
    found: set[str] = set()
    for chunk in chunks(ids):
        marks, params = named_marks(chunk)
        rows = conn.execute(text(f"SELECT id FROM {table} WHERE deleted_stamp IS NULL AND id IN ({marks})"), params)
        found.update(r[0] for r in rows)
    return found


_ORDER_COLS = ("id", "customer_id", "ordered_at", "amount_minor", "currency", "description", "external_ref",
               "deleted_stamp")


def order(conn: Connection, order_id: str) -> dict[str, Any] | None:
    row = conn.execute(text(f"SELECT {', '.join(_ORDER_COLS)} FROM sales_order WHERE id = :i"),
                       {"i": order_id}).first()
    return dict(zip(_ORDER_COLS, row)) if row else None


def customer_reference_keys(raw: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(id, external_id, phone, email, name) of every live customer, on a raw sqlite3 connection.

    The orders import resolves 100k references against this in memory instead of 100k lookups.
    """
    return raw.execute(
        "SELECT id, external_id, phone, email, name FROM customer WHERE deleted_stamp IS NULL"
    ).fetchall()
