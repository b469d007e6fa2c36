"""The products on a deal: checking and writing a deal's lines, in the deal's own transaction.

A line is a product, a quantity (thousandths), a unit price in minor units of the deal's currency (the
customer's price unless changed: :meth:`crm_desktop.services.products.ProductService.prices_for`) and a
discount.  Saving a deal with lines replaces its lines (lines gone are tombstoned, kept ones updated in
place, so a teammate's edit of another line merges) and sets the deal's amount to their total
(:func:`crm_desktop.domain.products.lines_total`); a deal without lines keeps its typed amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from crm_desktop.db import products as q
from crm_desktop.db.database import Tx
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.domain import products as p
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.domain.products import DealLineRow, LineInput
from crm_desktop.lazy import LazyModule
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.orders import MAX_AMOUNT_MINOR

if TYPE_CHECKING:
    from crm_desktop.db import models
else:
    models = LazyModule("crm_desktop.db.models")  # the ORM models on first use (a write): reads need none


Checked = tuple[str, int, int, int]
"""(product id, quantity in thousandths, unit price minor, discount basis points)."""


def check_lines(tx: Tx, lines: Sequence[LineInput]) -> tuple[list[Checked], list[ValidationError]]:
    """The lines as stored values, and one problem per bad line (its field names the line: ``line:N``)."""
    out: list[Checked] = []
    errors: list[ValidationError] = []
    for n, line in enumerate(lines, start=1):
        product = q.product(tx, line.product_id)
        if product is None:
            errors.append(ValidationError(f"line:{n}", QT_TRANSLATE_NOOP(
                "errors", "Line {line}: this product no longer exists."), line=n))
            continue
        try:
            quantity = p.parse_quantity(line.quantity)
        except p.NumberError as exc:
            errors.append(ValidationError(f"line:{n}", p.QUANTITY_MESSAGES[exc.reason], value=line.quantity))
            continue
        try:
            discount = p.parse_rate(line.discount)
        except p.NumberError as exc:
            errors.append(ValidationError(f"line:{n}", p.RATE_MESSAGES[exc.reason], value=line.discount))
            continue
        if not 0 <= line.unit_price_minor <= MAX_AMOUNT_MINOR:
            errors.append(ValidationError(f"line:{n}", QT_TRANSLATE_NOOP(
                "errors", "Line {line}: the unit price is not an amount of money."), line=n))
            continue
        out.append((product.id, quantity, line.unit_price_minor, discount))
    if out and p.lines_total((q_, pr, dbp) for _p, q_, pr, dbp in out) > MAX_AMOUNT_MINOR:
        errors.append(ValidationError("lines", QT_TRANSLATE_NOOP(
            "errors", "The lines add up to more than an amount can be.")))
    return out, errors


def write_lines(tx: Tx, deal_id: str, lines: Sequence[Checked], stamp: str) -> bool:
    """Make *lines* the deal's live lines, in their order (the stored lines are reused in place, in their
    order); returns whether anything was written."""
    stored = [r.id for r in q.deal_lines(tx, deal_id)]
    changed = False
    for position, (product_id, quantity, price, discount) in enumerate(lines):
        values = {"product_id": product_id, "position": position, "quantity_milli": quantity,
                  "unit_price_minor": price, "discount_bp": discount}
        if position < len(stored):
            changed = update_row(tx, models.DealLine, stored[position], values, stamp) or changed
        else:
            insert_row(tx, models.DealLine, {"deal_id": deal_id, **values}, stamp)
            changed = True
    for row_id in stored[len(lines):]:
        set_deleted(tx, models.DealLine, row_id, True, stamp)
        changed = True
    return changed


def checked_total(lines: Sequence[Checked]) -> int:
    """The total of checked lines in minor units."""
    return p.lines_total((qty, price, dbp) for _p, qty, price, dbp in lines)


def stored_total(tx: Tx, deal_id: str) -> int | None:
    """The total of the deal's live lines, None when it has none."""
    rows = q.deal_lines(tx, deal_id)
    return p.lines_total((r.quantity_milli, r.unit_price_minor, r.discount_bp) for r in rows) if rows else None


class DealLineService:
    """Reading the products on a deal (writing them goes with the deal: :class:`~crm_desktop.services.deals.
    DealService` ``create``/``update`` with ``DealInput.lines``)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def lines(self, deal_id: str) -> list[DealLineRow]:
        """The deal's live lines in their order, with each product's code, name and unit."""
        with self.ctx.db.reading() as tx:
            return q.deal_lines(tx, deal_id)
