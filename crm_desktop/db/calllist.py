"""Bulk reads for scoring and the daily call list, plus its one write (snoozes; settings: db/settings.py).

Everything that grows with the book is read in one query each and returned as
numpy arrays or plain tuples, never ORM objects.  Times that are only compared
come back as *epoch days* (float days since 1970-01-01 UTC, what
:mod:`crm_desktop.scoring` takes), computed by the database itself
(``julianday`` on SQLite), because parsing a million timestamps in Python costs
seconds.  Live rows only (``deleted_stamp IS NULL``) unless said otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import chunks, named_marks
from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.sync import update_row
from crm_desktop.db.types import bound, fetch_rows, parse_ts
from crm_desktop.db.types import parse_date as _date
from crm_desktop.lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyModule("numpy")  # imported on first use: the window shows without numpy




_ALL_NAMES_FROM = 2000
"""From this many customers on, :func:`customer_names` reads every name at once instead of seeking each."""


def _days(conn: Connection, column: str) -> str:
    """SQL for *column* (a stored UTC timestamp) as epoch days."""
    if conn.dialect.name == "sqlite":
        return f"(julianday({column}) - 2440587.5)"
    return f"(EXTRACT(EPOCH FROM {column}) / 86400.0)"


# --- orders for scoring -------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrderArrays:
    """The book's orders as flat arrays, ready for :func:`crm_desktop.scoring.score_book`.

    customer_ids: live customer ids (sorted), the scoring order of customers;
    customer_index: per order, index into customer_ids (orders of deleted
    customers are dropped); ordered_days: epoch days; amount_minor: int64;
    currency: the most common currency of the orders ("CNY" when there are none)
    — amounts are summed as they are, the book is assumed to be in one currency.
    """

    customer_ids: np.ndarray
    customer_index: np.ndarray
    ordered_days: np.ndarray
    amount_minor: np.ndarray
    currency: str


def live_customer_ids(conn: Connection) -> list[str]:
    """Ids of all live customers, sorted."""
    rows = conn.exec_driver_sql("SELECT id FROM customer WHERE deleted_stamp IS NULL").fetchall()
    ids = [r[0] for r in rows]
    ids.sort()
    return ids


def order_arrays(conn: Connection, before: datetime | None = None) -> OrderArrays:
    """Every live order of a live customer placed before *before* (exclusive; None = all).

    ``before`` lets ``scores --as-of`` ignore later orders: pass the start of
    the day after as_of.
    """
    ids = live_customer_ids(conn)
    where = "deleted_stamp IS NULL"
    params: dict[str, Any] = {}
    if before is not None:
        where += " AND ordered_at < :before"
        params["before"] = bound(conn, before)
    sql = f"SELECT customer_id, {_days(conn, 'ordered_at')}, amount_minor FROM sales_order WHERE {where}"
    rows = fetch_rows(conn, sql, params)  # a third of a million rows: tuples, without a Row each
    index = {cid: i for i, cid in enumerate(ids)}
    n = len(rows)
    order_customers, order_days, order_amounts = zip(*rows) if n else ((), (), ())
    cidx = np.fromiter(map(index.get, order_customers, itertools.repeat(-1, n)), dtype=np.int64, count=n)
    days = np.array(order_days, dtype=np.float64)
    amounts = np.array([a or 0 for a in order_amounts], dtype=np.int64)
    keep = cidx >= 0
    cur = conn.exec_driver_sql(
        "SELECT currency, COUNT(*) AS n FROM sales_order WHERE deleted_stamp IS NULL "
        "GROUP BY currency ORDER BY n DESC LIMIT 1").first()
    return OrderArrays(np.array(ids, dtype=object), cidx[keep], days[keep], amounts[keep], cur[0] if cur else "CNY")


# --- contacts -------------------------------------------------------------------------------------------
def last_contacts(conn: Connection, customer_ids: Sequence[str] | None = None,
                  until: datetime | None = None, since: datetime | None = None) -> dict[str, float]:
    """Last contact per customer: max occurred_at of their live interactions, as epoch days.

    *customer_ids* limits the read (an index seek each); None reads the whole
    table (slow on a million interactions: used for reports, not for the list).
    *until* ignores interactions after it; *since* those before it (customers not contacted since are
    left out: with *customer_ids*, the index reads only the recent rows).
    """
    base = (f"SELECT customer_id, MAX({_days(conn, 'occurred_at')}) FROM interaction "
            "WHERE deleted_stamp IS NULL")
    params: dict[str, Any] = {}
    if until is not None:
        base += " AND occurred_at <= :until"
        params["until"] = bound(conn, until)
    if since is not None:
        base += " AND occurred_at >= :since"
        params["since"] = bound(conn, since)
    out: dict[str, float] = {}
    if customer_ids is None:
        rows = conn.execute(text(base + " GROUP BY customer_id"), params).fetchall()
    else:
        rows = []
        stmt = text(base + " AND customer_id IN :ids GROUP BY customer_id").bindparams(
            bindparam("ids", expanding=True))
        for chunk in chunks(customer_ids):
            rows.extend(conn.execute(stmt, {**params, "ids": chunk}).fetchall())
    for cid, last in rows:
        if last is not None:
            out[cid] = float(last)
    return out


def customers_contacted_between(conn: Connection, since: datetime, until: datetime) -> set[str]:
    """Customers with a live interaction in [since, until] (a full scan: for rare bulk questions)."""
    rows = conn.execute(text("SELECT DISTINCT customer_id FROM interaction WHERE deleted_stamp IS NULL "
                             "AND occurred_at >= :s AND occurred_at <= :u"),
                        {"s": bound(conn, since), "u": bound(conn, until)}).fetchall()
    return {r[0] for r in rows}


def unavailable_customers(conn: Connection, now: datetime) -> set[str]:
    """Live customers the list must leave out at *now*: do-not-contact or snoozed past *now*."""
    rows = conn.execute(text("SELECT id FROM customer WHERE deleted_stamp IS NULL AND "
                             "(do_not_contact = 1 OR (snoozed_until IS NOT NULL AND snoozed_until > :now))"),
                        {"now": bound(conn, now)}).fetchall()
    return {r[0] for r in rows}


def max_interaction_rowid(conn: Connection) -> int | None:
    """Highest interaction rowid (SQLite only, else None): later inserts get higher ones."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("SELECT COALESCE(MAX(rowid), 0) FROM interaction").scalar() or 0)


def customers_with_interactions_after(conn: Connection, rowid: int) -> set[str]:
    """Customers of interactions inserted after *rowid* (see :func:`max_interaction_rowid`)."""
    # no DISTINCT: with it SQLite scans a whole index instead of seeking the rowid range
    rows = conn.exec_driver_sql("SELECT customer_id FROM interaction WHERE rowid > ?", (rowid,)).fetchall()
    return {r[0] for r in rows}


# --- customer facts -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CustomerFacts:
    """What the call list needs to know about one customer.

    snoozed_until: aware UTC datetime or None; deleted: tombstoned.
    contact_birthdays: (contact name, birthday) of live contacts with one.
    """

    id: str
    name: str
    phone: str
    preferred_channel: str | None
    do_not_contact: bool
    snoozed_until: datetime | None
    birthday: date | None
    anniversary: date | None
    deleted: bool
    contact_birthdays: tuple[tuple[str, date], ...] = ()
    owner: str = ""


def customer_facts(
    conn: Connection, customer_ids: Sequence[str], *, with_contacts: bool = False
) -> dict[str, CustomerFacts]:
    """Facts of *customer_ids* (deleted ones included, flagged), keyed by id."""
    stmt = text(
        "SELECT id, name, phone, preferred_channel, do_not_contact, snoozed_until, birthday, anniversary, "
        "deleted_stamp, " + owner_name_sql("owner") + " FROM customer WHERE id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    cbs: dict[str, list[tuple[str, date]]] = {}
    if with_contacts:
        cstmt = text("SELECT customer_id, name, birthday FROM contact WHERE deleted_stamp IS NULL "
                     "AND birthday IS NOT NULL AND customer_id IN :ids").bindparams(bindparam("ids", expanding=True))
        for chunk in chunks(customer_ids):
            for cid, name, bday in conn.execute(cstmt, {"ids": chunk}):
                d = _date(bday)
                if d:
                    cbs.setdefault(cid, []).append((name, d))
    out: dict[str, CustomerFacts] = {}
    for chunk in chunks(customer_ids):
        for r in conn.execute(stmt, {"ids": chunk}).fetchall():  # one fetch per chunk, not a call per row
            out[r[0]] = CustomerFacts(
                id=r[0], name=r[1], phone=r[2] or "", preferred_channel=r[3] or None, do_not_contact=bool(r[4]),
                snoozed_until=parse_ts(r[5]), birthday=_date(r[6]), anniversary=_date(r[7]),
                deleted=r[8] is not None, contact_birthdays=tuple(cbs.get(r[0], ())), owner=r[9] or "")
    return out


def dated_events(conn: Connection, month_days: Sequence[str] | None = None) -> list[tuple[str, str, date, str]]:
    """Every yearly date the list reminds of: (customer_id, kind, date, contact name).

    kind is "birthday" or "anniversary" (the customer's) or "contact_birthday"
    (a live contact's, with the contact's name).  Live customers only.  *month_days* ("MM-DD"): only dates
    falling on one of those days of the year (SQLite stores dates as text, so the rows are picked in SQL there;
    other engines read every date and the days are picked here).
    """
    out: list[tuple[str, str, date, str]] = []
    wanted = None if month_days is None else set(month_days)

    def add(cid: str, kind: str, raw: object, name: str = "") -> None:
        if (d := _date(raw)) is not None and (wanted is None or d.strftime("%m-%d") in wanted):
            out.append((cid, kind, d, name))

    on, days = "", tuple(month_days or ())
    if month_days is not None and conn.dialect.name == "sqlite":
        on = f" IN ({', '.join('?' * len(days))})" if days else " IN ('')"  # SQLite's qmark parameters
    for cid, bday, anniv in conn.exec_driver_sql(
            "SELECT id, birthday, anniversary FROM customer WHERE deleted_stamp IS NULL "
            + (f"AND (substr(birthday, 6, 5){on} OR substr(anniversary, 6, 5){on})" if on else
               "AND (birthday IS NOT NULL OR anniversary IS NOT NULL)"), days * 2 if on else ()):
        add(cid, "birthday", bday)
        add(cid, "anniversary", anniv)
    for cid, name, bday in conn.exec_driver_sql(
            "SELECT ct.customer_id, ct.name, ct.birthday FROM contact ct JOIN customer c ON c.id = ct.customer_id "
            "WHERE ct.deleted_stamp IS NULL AND c.deleted_stamp IS NULL AND ct.birthday IS NOT NULL"
            + (f" AND substr(ct.birthday, 6, 5){on}" if on else ""), days if on else ()):
        add(cid, "contact_birthday", bday, name)
    return out


def customer_names(conn: Connection, customer_ids: Sequence[str]) -> dict[str, str]:
    """Names of *customer_ids* (for reports); many of them (a whole book's scores) in one read of every name."""
    if len(customer_ids) > _ALL_NAMES_FROM:
        wanted = set(customer_ids)
        return {cid: name for cid, name in fetch_rows(conn, "SELECT id, name FROM customer") if cid in wanted}
    out: dict[str, str] = {}
    stmt = text("SELECT id, name FROM customer WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
    for chunk in chunks(customer_ids):
        out.update({r[0]: r[1] for r in conn.execute(stmt, {"ids": chunk})})
    return out


# --- snoozes -------------------------------------------------------------------------------------------------
def snoozed_until(conn: Connection, customer_id: str) -> datetime | None:
    """The customer's snooze (None: not snoozed, or no such customer)."""
    from crm_desktop.db.models import Customer  # the ORM models on first use: reads here need none

    t = Customer.__table__
    return conn.execute(t.select().with_only_columns(t.c.snoozed_until).where(t.c.id == customer_id)).scalar()


def set_snoozed_until(conn: Connection, customer_id: str, until: datetime | None, stamp: str) -> bool:
    """Keep *customer_id* off the call list until *until* (None clears); a stamped edit."""
    from crm_desktop.db.models import Customer

    return update_row(conn, Customer, customer_id, {"snoozed_until": until}, stamp)


def customers_owned_by(conn: Connection, owners: Sequence[str]) -> set[str]:
    """Live customers whose owner is one of *owners* (stored values: person ids) or nobody (an empty owner)."""
    out: set[str] = set()
    for part in chunks([*owners, ""]):
        marks, params = named_marks(part)
        out.update(r[0] for r in conn.execute(text(
            f"SELECT id FROM customer WHERE owner IN ({marks}) AND deleted_stamp IS NULL"), params))
    return out


def committed_stages(conn: Connection, stages: Sequence[str]) -> dict[str, str]:
    """Live customers whose relationship stage is one of *stages* → that stage (the call list's mismatches,
    the dashboard's customers of one stage)."""
    if not stages:
        return {}
    marks = ", ".join(f":s{i}" for i in range(len(stages)))
    return dict(fetch_rows(conn, f"SELECT id, relationship_stage FROM customer WHERE relationship_stage IN ({marks}) "
                                 "AND deleted_stamp IS NULL", {f"s{i}": s for i, s in enumerate(stages)}))
