"""Quote and order-line queries (writes go through :mod:`crm_desktop.db.sync` in the services)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.types import parse_date, parse_ts, parse_ts_required
from crm_desktop.domain.quotes import QuoteRow, lines_from_json

_QUOTE = ("SELECT id, deal_id, version, valid_until, currency, language, lines, net_minor, tax_minor, gross_minor, "
          "created_by, created_at, sent_at, order_id FROM quote")


def _row(r: Sequence[Any]) -> QuoteRow:
    return QuoteRow(r[0], r[1], int(r[2] or 0), parse_date(r[3]), r[4] or "CNY", r[5] if r[5] in ("zh", "en") else "zh",
                    lines_from_json(r[6]), int(r[7] or 0), int(r[8] or 0), int(r[9] or 0), r[10] or "",
                    parse_ts_required(r[11]), parse_ts(r[12]), r[13] or None)


def quotes_of_deal(conn: Connection, deal_id: str) -> list[QuoteRow]:
    """The deal's live quotes, newest version first."""
    rows = conn.execute(text(_QUOTE + " WHERE deal_id = :d AND deleted_stamp IS NULL "
                             "ORDER BY version DESC, created_at DESC, id DESC"), {"d": deal_id})
    return [_row(r) for r in rows]


def versions(conn: Connection, deal_id: str) -> list[int]:
    """Every version number the deal's quotes used (deleted ones too, so a number is never given twice)."""
    return [int(r[0]) for r in conn.execute(text("SELECT version FROM quote WHERE deal_id = :d"), {"d": deal_id})]


def quote(conn: Connection, quote_id: str) -> QuoteRow | None:
    """A live quote."""
    r = conn.execute(text(_QUOTE + " WHERE id = :q AND deleted_stamp IS NULL"), {"q": quote_id}).first()
    return _row(r) if r is not None else None


def customer_details(conn: Connection, customer_id: str) -> tuple[str, str, str, str] | None:
    """(name, company, address, phone) of a live customer: what the quote's "To" says."""
    r = conn.execute(text("SELECT name, company, address, phone FROM customer WHERE id = :c AND deleted_stamp IS "
                          "NULL"), {"c": customer_id}).first()
    return None if r is None else (r[0] or "", r[1] or "", r[2] or "", r[3] or "")


def order_lines(conn: Connection, order_id: str) -> list[tuple[Any, ...]]:
    """(id, product id, name, unit, quantity milli, unit price, discount bp, tax bp) of an order's live lines."""
    rows = conn.execute(text(
        "SELECT id, product_id, name, unit, quantity_milli, unit_price_minor, discount_bp, tax_bp FROM order_line "
        "WHERE order_id = :o AND deleted_stamp IS NULL ORDER BY position, created_stamp, id"), {"o": order_id})
    return [tuple(r) for r in rows]


def order_live(conn: Connection, order_id: str) -> bool:
    """Whether the order *order_id* exists and is not deleted."""
    return conn.execute(text("SELECT 1 FROM sales_order WHERE id = :o AND deleted_stamp IS NULL"),
                        {"o": order_id}).first() is not None


def deals_with_prefix(conn: Connection, prefix: str, limit: int = 2) -> list[str]:
    """Ids of live deals whose id begins with *prefix* (at most *limit*; compared exactly, no patterns)."""
    rows = conn.execute(text("SELECT id FROM deal WHERE deleted_stamp IS NULL AND substr(id, 1, :n) = :p "
                             "ORDER BY id LIMIT :lim"), {"n": len(prefix), "p": prefix, "lim": limit})
    return [r[0] for r in rows]


def deals_titled(conn: Connection, title: str, limit: int = 2) -> list[str]:
    """Ids of live deals of live customers whose title is exactly *title* (at most *limit*)."""
    rows = conn.execute(text("SELECT d.id FROM deal d JOIN customer cu ON cu.id = d.customer_id "
                             "WHERE d.deleted_stamp IS NULL AND cu.deleted_stamp IS NULL AND d.title = :t "
                             "ORDER BY d.id LIMIT :lim"), {"t": title, "lim": limit})
    return [r[0] for r in rows]
