"""Product, price-list and deal-line queries (writes go through :mod:`crm_desktop.db.sync` in the services)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import named_marks
from crm_desktop.db.people import owner_name_sql
from crm_desktop.domain.products import DealLineRow, ListPrice, PriceListRow, ProductRow, code_key

_PRODUCT = "SELECT id, code, name, unit, price_minor, currency, tax_bp, active FROM product"


def _product(r: Sequence[Any]) -> ProductRow:
    return ProductRow(r[0], r[1] or "", r[2] or "", r[3] or "", int(r[4] or 0), r[5] or "CNY", int(r[6] or 0),
                      bool(r[7]))


def products(conn: Connection, include_inactive: bool = True) -> list[ProductRow]:
    """Live products, by code."""
    where = "" if include_inactive else " AND active = 1"
    rows = conn.execute(text(f"{_PRODUCT} WHERE deleted_stamp IS NULL{where} ORDER BY code, id"))
    return [_product(r) for r in rows]


def product(conn: Connection, product_id: str) -> ProductRow | None:
    r = conn.execute(text(f"{_PRODUCT} WHERE id = :id AND deleted_stamp IS NULL"), {"id": product_id}).first()
    return None if r is None else _product(r)


def by_code(conn: Connection) -> dict[str, ProductRow]:
    """Live products by :func:`~crm_desktop.domain.products.code_key` of their code (the first by id when a
    merge left two with one code)."""
    out: dict[str, ProductRow] = {}
    for p in products(conn):
        out.setdefault(code_key(p.code), p)
    return out


def row_exists(conn: Connection, table: str, row_id: str) -> bool:
    """Whether *table* has a row *row_id* (deleted ones too): a derived id may already be taken."""
    return conn.execute(text(f'SELECT 1 FROM "{table}" WHERE id = :id'), {"id": row_id}).first() is not None


def is_deleted(conn: Connection, table: str, row_id: str) -> bool | None:
    """True/False for a row of *table* deleted or live, None when there is none."""
    r = conn.execute(text(f'SELECT deleted_stamp FROM "{table}" WHERE id = :id'), {"id": row_id}).first()
    return None if r is None else r[0] is not None


# --------------------------------------------------------------------------- price lists

def price_lists(conn: Connection) -> list[PriceListRow]:
    """Live price lists with their live prices (of live products) and named live customers, by name."""
    lists = {r[0]: (r[1] or "", r[2] or None) for r in conn.execute(text(
        "SELECT id, name, segment FROM price_list WHERE deleted_stamp IS NULL"))}
    prices: dict[str, dict[str, ListPrice]] = {k: {} for k in lists}
    for r in conn.execute(text(
            "SELECT i.price_list_id, i.product_id, i.price_minor, i.currency FROM price_list_item i "
            "JOIN product p ON p.id = i.product_id WHERE i.deleted_stamp IS NULL AND p.deleted_stamp IS NULL")):
        if r[0] in prices:
            prices[r[0]][r[1]] = ListPrice(int(r[2] or 0), r[3] or "CNY")
    members: dict[str, set[str]] = {k: set() for k in lists}
    for r in conn.execute(text(
            "SELECT m.price_list_id, m.customer_id FROM price_list_customer m JOIN customer c ON c.id = m.customer_id "
            "WHERE m.deleted_stamp IS NULL AND c.deleted_stamp IS NULL")):
        if r[0] in members:
            members[r[0]].add(r[1])
    out = [PriceListRow(k, name, seg, frozenset(members[k]), prices[k]) for k, (name, seg) in lists.items()]
    return sorted(out, key=lambda pl: (pl.name, pl.id))


def list_item_ids(conn: Connection, price_list_id: str) -> dict[str, tuple[str, bool]]:
    """Product id → (row id, deleted) of every price row of the list, deleted ones too."""
    rows = conn.execute(text("SELECT product_id, id, deleted_stamp FROM price_list_item WHERE price_list_id = :l"),
                        {"l": price_list_id})
    return {r[0]: (r[1], r[2] is not None) for r in rows}


def list_member_ids(conn: Connection, price_list_id: str) -> dict[str, tuple[str, bool]]:
    """Customer id → (row id, deleted) of every customer row of the list, deleted ones too."""
    rows = conn.execute(text("SELECT customer_id, id, deleted_stamp FROM price_list_customer "
                             "WHERE price_list_id = :l"), {"l": price_list_id})
    return {r[0]: (r[1], r[2] is not None) for r in rows}


def customer_names(conn: Connection, customer_ids: Sequence[str]) -> dict[str, str]:
    """Live customers' names by id (of those asked)."""
    if not customer_ids:
        return {}
    marks, params = named_marks(list(customer_ids))
    rows = conn.execute(text(f"SELECT id, name FROM customer WHERE deleted_stamp IS NULL AND id IN ({marks})"),
                        params)
    return {r[0]: r[1] or "" for r in rows}


# --------------------------------------------------------------------------- deal lines

def deal_lines(conn: Connection, deal_id: str) -> list[DealLineRow]:
    """The live lines of a deal, in their order, with the product's code, name and unit."""
    rows = conn.execute(text(
        "SELECT x.id, x.deal_id, x.product_id, p.code, p.name, p.unit, x.quantity_milli, x.unit_price_minor, "
        "x.discount_bp, x.position FROM deal_line x JOIN product p ON p.id = x.product_id "
        "WHERE x.deal_id = :d AND x.deleted_stamp IS NULL ORDER BY x.position, x.created_stamp, x.id"),
        {"d": deal_id})
    return [DealLineRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "", int(r[6] or 0), int(r[7] or 0),
                        int(r[8] or 0), int(r[9] or 0)) for r in rows]


# --------------------------------------------------------------------------- exports

def export_products(conn: Connection) -> list[ProductRow]:
    """Every live product (for ``export products``)."""
    return products(conn)


def export_deals(conn: Connection) -> list[tuple[Any, ...]]:
    """Live deals of live customers, oldest first: (title, customer, stage key, amount_minor, currency,
    expected close, owner, source, created_at)."""
    rows = conn.execute(text(
        "SELECT d.title, cu.name, d.stage, d.amount_minor, d.currency, d.expected_close, "
        + owner_name_sql("d.owner") + ", d.source, "
        "d.created_at FROM deal d JOIN customer cu ON cu.id = d.customer_id WHERE d.deleted_stamp IS NULL "
        "AND cu.deleted_stamp IS NULL ORDER BY d.created_at, d.id"))
    return [tuple(r) for r in rows]
