"""The queries of exporting (the use case is crm_desktop.services.export): live rows in a stable order.

Each function takes a unit of work (``Database.reading()``) and yields rows as
stored; ``customer_id`` limits a table to one customer (right of access).
Lists for reaching people apply a consent rule of :mod:`crm_desktop.domain.consent`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import Connection

from crm_desktop.db.people import owner_name_sql
from crm_desktop.domain.consent import MARKETABLE_SQL, REACHABLE_SQL

Row = tuple[Any, ...]


def tags_by_customer(conn: Connection, customer_id: str | None = None) -> dict[str, list[str]]:
    """Live tag names per customer (or of *customer_id* only), in name order."""
    sql = ("SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
           "WHERE ct.deleted_stamp IS NULL AND t.deleted_stamp IS NULL")
    params: tuple[Any, ...] = ()
    if customer_id:
        sql += " AND ct.customer_id = ?"
        params = (customer_id,)
    out: dict[str, list[str]] = {}
    for cid, name in conn.exec_driver_sql(sql + " ORDER BY t.name", params):
        out.setdefault(cid, []).append(name)
    return out


def customers(conn: Connection, customer_id: str | None = None) -> Iterator[Row]:
    """(name, company, phone, email, address, industry, kind, owner, id, birthday, needs, notes, external_id,
    do_not_contact) of live customers in name order (or just *customer_id*)."""
    where = "deleted_stamp IS NULL" + (" AND id = ?" if customer_id else "")
    yield from conn.exec_driver_sql(
        "SELECT name, company, phone, email, address, industry, kind, " + owner_name_sql("owner")
        + ", id, birthday, needs, notes,"
        f" external_id, do_not_contact FROM customer WHERE {where} ORDER BY name_pinyin, name, id",
        (customer_id,) if customer_id else ())


def orders(conn: Connection, customer_id: str | None = None) -> Iterator[Row]:
    """(customer name, ordered_at, amount_minor, currency, description, external_ref, customer_id, id) of live
    orders by time."""
    where = "o.deleted_stamp IS NULL" + (" AND o.customer_id = ?" if customer_id else "")
    yield from conn.exec_driver_sql(
        "SELECT c.name, o.ordered_at, o.amount_minor, o.currency, o.description, o.external_ref, o.customer_id,"
        f" o.id FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE {where}"
        " ORDER BY o.ordered_at, o.id", (customer_id,) if customer_id else ())


def interactions(conn: Connection, customer_id: str | None = None) -> Iterator[Row]:
    """(customer name, occurred_at, channel, direction, owner, summary, outcome, next_step, next_due_at,
    next_done, customer_id, id) of live logged contacts by time."""
    where = "i.deleted_stamp IS NULL" + (" AND i.customer_id = ?" if customer_id else "")
    yield from conn.exec_driver_sql(
        "SELECT c.name, i.occurred_at, i.channel, i.direction, " + owner_name_sql("i.owner")
        + ", i.summary, i.outcome, i.next_step,"
        " i.next_due_at, i.next_done, i.customer_id, i.id FROM interaction i JOIN customer c"
        f" ON c.id = i.customer_id WHERE {where} ORDER BY i.occurred_at, i.id",
        (customer_id,) if customer_id else ())


def complaints(conn: Connection, customer_id: str | None = None) -> Iterator[Row]:
    """(customer name, opened_at, channel, category, severity, status, owner, description, response_due_at,
    resolve_due_at, resolved_at, resolution, satisfaction, customer_id, id) of live complaints by time."""
    where = "p.deleted_stamp IS NULL" + (" AND p.customer_id = ?" if customer_id else "")
    yield from conn.exec_driver_sql(
        "SELECT c.name, p.opened_at, p.channel, p.category, p.severity, p.status, " + owner_name_sql("p.owner")
        + ", p.description,"
        " p.response_due_at, p.resolve_due_at, p.resolved_at, p.resolution, p.satisfaction, p.customer_id, p.id"
        f" FROM complaint p JOIN customer c ON c.id = p.customer_id WHERE {where} ORDER BY p.opened_at, p.id",
        (customer_id,) if customer_id else ())


def mailing(conn: Connection) -> Iterator[Row]:
    """(name, company, email, phone, wechat, owner, id) of live customers who agreed to marketing and may be
    contacted, in name order."""
    yield from conn.exec_driver_sql(
        "SELECT name, company, email, phone, wechat, " + owner_name_sql("owner") + ", id FROM customer "
        f"WHERE deleted_stamp IS NULL AND {MARKETABLE_SQL} ORDER BY name_pinyin, name, id")


def cards(conn: Connection, *, marketing: bool) -> Iterator[Row]:
    """(id, name, company, phone, email, address, birthday, notes) of the live customers who may be reached
    (with *marketing*: who agreed to marketing too), in name order: an address book."""
    rule = MARKETABLE_SQL if marketing else REACHABLE_SQL
    yield from conn.exec_driver_sql(
        "SELECT id, name, company, phone, email, address, birthday, notes FROM customer "
        f"WHERE deleted_stamp IS NULL AND {rule} ORDER BY name_pinyin, name, id")
