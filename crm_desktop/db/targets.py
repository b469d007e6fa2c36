"""What sales targets are measured against: the orders of a month, whole or of one salesperson's customers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import named_marks
from crm_desktop.db.types import bound


def order_total(conn: Connection, start: datetime, end: datetime, currency: str,
                owners: Sequence[str] | None = None) -> int:
    """The sum (minor units) of live orders in *currency* dated in [*start*, *end*) of live customers — owned
    by one of *owners* (stored spellings), or anyone's when None."""
    params: dict[str, object] = {"a": bound(conn, start), "b": bound(conn, end), "cur": currency}
    sql = ("SELECT COALESCE(SUM(o.amount_minor), 0) FROM sales_order o JOIN customer c ON c.id = o.customer_id "
           "WHERE o.deleted_stamp IS NULL AND c.deleted_stamp IS NULL AND o.ordered_at >= :a AND o.ordered_at < :b "
           "AND o.currency = :cur")
    if owners is not None:
        if not owners:
            return 0
        marks, more = named_marks(list(owners))
        sql += f" AND c.owner IN ({marks})"
        params.update(more)
    return int(conn.execute(text(sql), params).scalar() or 0)


def owned_customers(conn: Connection, owners: Sequence[str]) -> set[str]:
    """Live customers owned by one of *owners* (stored spellings; nobody's customers are not theirs here)."""
    if not owners:
        return set()
    marks, params = named_marks(list(owners))
    return {r[0] for r in conn.execute(text(
        f"SELECT id FROM customer WHERE owner IN ({marks}) AND deleted_stamp IS NULL"), params)}
