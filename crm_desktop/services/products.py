"""The product catalogue and the price lists (the rules: :mod:`crm_desktop.domain.products`).

* A product's code is unique among the live products (:func:`~crm_desktop.domain.products.code_key`); its id
  derives from the code when first made, so two books adding the same code offline make one row that merges
  field by field.  A product is never deleted here: it is deactivated (old deals keep pointing at it).
* A price list applies to a segment (MVC, MGC …) or to the customers it names, with a price per product.
  :meth:`ProductService.prices_for` gives what one customer pays for each active product: their own list's
  price, else their segment's, else the catalogue's (the customer's segment comes from today's scores).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crm_desktop.db import products as q
from crm_desktop.db.database import Tx
from crm_desktop.db.models import PriceList, PriceListCustomer, PriceListItem, Product
from crm_desktop.db.sync import insert_row, new_id, set_deleted, stable_id, update_row
from crm_desktop.domain import products as p
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.domain.products import PriceListRow, PriceSource, ProductInput, ProductRow
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.orders import AmountError, amount_error, checked_currency, parse_amount

if TYPE_CHECKING:
    from crm_desktop.services import Services

SegmentOf = Callable[[str], "str | None"]
"""``segment_of(customer_id)``: the customer's segment today (None: not scored)."""


class InvalidProduct(InvalidFields):
    """A product that cannot be saved (nothing was saved); ``errors`` names the fields."""


class InvalidPriceList(InvalidFields):
    """A price list that cannot be saved (nothing was saved)."""


class ProductNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This product no longer exists."))


class PriceListNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This price list no longer exists."))


@dataclass(frozen=True)
class PriceListInput:
    """A price list as edited: its name, the segment it applies to (None: only the named customers), the
    customers it names, and its prices as typed (product id → text; an empty text removes the price)."""

    name: str
    segment: str | None = None
    customer_ids: tuple[str, ...] = ()
    prices: Mapping[str, str] | None = None
    currency: str = "CNY"


_WRITTEN = Changes.of(Kind.PRODUCT, customers=None)


def product_values(data: ProductInput) -> tuple[dict[str, Any], list[ValidationError]]:
    """(storage values, one problem per bad field) of a product as typed."""
    errors: list[ValidationError] = []
    code, name, unit = data.code.strip(), data.name.strip(), data.unit.strip()
    if not code:
        errors.append(ValidationError("code", QT_TRANSLATE_NOOP("errors", "Give the product a code.")))
    elif len(code) > p.MAX_CODE:
        errors.append(ValidationError("code", QT_TRANSLATE_NOOP(
            "errors", "The code is too long ({max} characters at most)."), max=p.MAX_CODE))
    if not name:
        errors.append(ValidationError("name", QT_TRANSLATE_NOOP("errors", "Give the product a name.")))
    elif len(name) > p.MAX_NAME:
        errors.append(ValidationError("name", QT_TRANSLATE_NOOP(
            "errors", "The name is too long ({max} characters at most)."), max=p.MAX_NAME))
    if len(unit) > p.MAX_UNIT:
        errors.append(ValidationError("unit", QT_TRANSLATE_NOOP(
            "errors", "The unit is too long ({max} characters at most)."), max=p.MAX_UNIT))
    currency = checked_currency(data.currency, errors)
    price = 0
    if data.price.strip():
        try:
            price = parse_amount(data.price, currency)
        except AmountError as exc:
            errors.append(amount_error(exc, data.price, currency, field="price"))
    tax = 0
    try:
        tax = p.parse_rate(data.tax_rate)
    except p.NumberError as exc:
        errors.append(ValidationError("tax_rate", p.RATE_MESSAGES[exc.reason], value=data.tax_rate))
    return {"code": code, "name": name, "unit": unit, "price_minor": price, "currency": currency, "tax_bp": tax,
            "active": bool(data.active)}, errors


def code_taken(code: str) -> ValidationError:
    return ValidationError("code", QT_TRANSLATE_NOOP("errors", "Another product already has the code “{code}”."),
                           code=code)


def insert_product(tx: Tx, values: dict[str, Any], stamp: str) -> str:
    """Insert a product whose code is free, its id derived from the code unless that id is taken."""
    derived = stable_id("product", p.code_key(values["code"]))
    return insert_row(tx, Product, {**values, "id": new_id() if q.row_exists(tx, "product", derived) else derived},
                      stamp)


class ProductService:
    """The catalogue and price lists of the open database.  ``segment_of`` tells a customer's segment."""

    def __init__(self, ctx: ServiceContext, segment_of: SegmentOf | None = None) -> None:
        self.ctx = ctx
        self.segment_of: SegmentOf = segment_of or (lambda _cid: None)

    @classmethod
    def from_services(cls, services: Services) -> ProductService:
        """The one instance reading segments from today's scores (the dashboard's service)."""
        from crm_desktop.services.insight import InsightService

        insight = services.get(InsightService)

        def segment_of(customer_id: str) -> str | None:
            scores = insight.customer_scores(customer_id)
            return scores.segment if scores is not None and scores.segment in p.SEGMENTS else None

        return cls(services.ctx, segment_of)

    # --- the catalogue -------------------------------------------------------------------------------------
    def products(self, include_inactive: bool = True) -> list[ProductRow]:
        """Live products by code (deactivated ones too unless told)."""
        with self.ctx.db.reading() as tx:
            return q.products(tx, include_inactive)

    def get(self, product_id: str) -> ProductRow:
        with self.ctx.db.reading() as tx:
            row = q.product(tx, product_id)
        if row is None:
            raise ProductNotFound()
        return row

    def create(self, data: ProductInput) -> Created:
        """Add a product; raises InvalidProduct (one sentence per bad field, nothing saved)."""
        values, errors = product_values(data)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if values["code"] and p.code_key(values["code"]) in q.by_code(tx):
                errors.insert(0, code_taken(values["code"]))
            if errors:
                raise InvalidProduct(errors)
            product_id = insert_product(tx, values, stamp)
        return Created(product_id, _WRITTEN)

    def update(self, product_id: str, data: ProductInput) -> Changes:
        """Save edits of a product (its code stays unique among the live ones)."""
        values, errors = product_values(data)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if q.product(tx, product_id) is None:
                raise ProductNotFound()
            other = q.by_code(tx).get(p.code_key(values["code"]))
            if values["code"] and other is not None and other.id != product_id:
                errors.insert(0, code_taken(values["code"]))
            if errors:
                raise InvalidProduct(errors)
            changed = update_row(tx, Product, product_id, values, stamp)
        return _WRITTEN if changed else Changes()

    def set_active(self, product_id: str, active: bool) -> Changes:
        """Deactivate a product (no longer offered on new lines) or make it active again."""
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if q.product(tx, product_id) is None:
                raise ProductNotFound()
            changed = update_row(tx, Product, product_id, {"active": bool(active)}, stamp)
        return _WRITTEN if changed else Changes()

    # --- price lists ---------------------------------------------------------------------------------------
    def price_lists(self) -> list[PriceListRow]:
        """Live price lists by name, with their prices and named customers."""
        with self.ctx.db.reading() as tx:
            return q.price_lists(tx)

    def customer_names(self, customer_ids: Iterable[str]) -> dict[str, str]:
        with self.ctx.db.reading() as tx:
            return q.customer_names(tx, sorted(set(customer_ids)))

    def _list_values(self, tx: Tx, data: PriceListInput) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
        errors: list[ValidationError] = []
        name = data.name.strip()
        if not name:
            errors.append(ValidationError("name", QT_TRANSLATE_NOOP("errors", "Give the price list a name.")))
        elif len(name) > p.MAX_LIST_NAME:
            errors.append(ValidationError("name", QT_TRANSLATE_NOOP(
                "errors", "The name is too long ({max} characters at most)."), max=p.MAX_LIST_NAME))
        if data.segment is not None and data.segment not in p.SEGMENTS:
            errors.append(ValidationError("segment", QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a customer segment."), value=data.segment))
        known = {r.id: r for r in q.products(tx)}
        prices: dict[str, tuple[int, str]] = {}
        for product_id, raw in (data.prices or {}).items():
            product = known.get(product_id)
            if product is None or not raw.strip():
                continue
            currency = product.currency
            try:
                prices[product_id] = (parse_amount(raw, currency), currency)
            except AmountError as exc:
                errors.append(amount_error(exc, raw, currency, field=f"price:{product_id}"))
        if errors:
            raise InvalidPriceList(errors)
        return {"name": name, "segment": data.segment}, prices

    def save_price_list(self, price_list_id: str | None, data: PriceListInput) -> Created:
        """Create (*price_list_id* None) or update a price list with its prices and named customers."""
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            values, prices = self._list_values(tx, data)
            if price_list_id is None:
                price_list_id = insert_row(tx, PriceList, values, stamp)
            elif q.is_deleted(tx, "price_list", price_list_id) is not False:
                raise PriceListNotFound()
            else:
                update_row(tx, PriceList, price_list_id, values, stamp)
            self._write_prices(tx, price_list_id, prices, stamp)
            self._write_members(tx, price_list_id, set(data.customer_ids), stamp)
        return Created(price_list_id, _WRITTEN)

    @staticmethod
    def _write_prices(tx: Tx, list_id: str, prices: dict[str, tuple[int, str]], stamp: str) -> None:
        stored = q.list_item_ids(tx, list_id)
        for product_id, (row_id, deleted) in stored.items():
            if product_id not in prices and not deleted:
                set_deleted(tx, PriceListItem, row_id, True, stamp)
        for product_id, (minor, currency) in prices.items():
            values = {"price_minor": minor, "currency": currency}
            if product_id in stored:
                row_id, deleted = stored[product_id]
                update_row(tx, PriceListItem, row_id, {**values, "deleted_stamp": None} if deleted else values,
                           stamp)
            else:
                insert_row(tx, PriceListItem, {"id": stable_id("price_list_item", list_id, product_id),
                                               "price_list_id": list_id, "product_id": product_id, **values}, stamp)

    @staticmethod
    def _write_members(tx: Tx, list_id: str, customers: set[str], stamp: str) -> None:
        stored = q.list_member_ids(tx, list_id)
        for customer_id, (row_id, deleted) in stored.items():
            if deleted == (customer_id in customers):
                set_deleted(tx, PriceListCustomer, row_id, not deleted, stamp)
        live = q.customer_names(tx, sorted(customers - set(stored)))
        for customer_id in sorted(live):
            insert_row(tx, PriceListCustomer, {"id": stable_id("price_list_customer", list_id, customer_id),
                                               "price_list_id": list_id, "customer_id": customer_id}, stamp)

    def delete_price_list(self, price_list_id: str) -> Changes:
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if q.is_deleted(tx, "price_list", price_list_id) is not False:
                raise PriceListNotFound()
            set_deleted(tx, PriceList, price_list_id, True, stamp)
        return _WRITTEN

    # --- what a customer pays ------------------------------------------------------------------------------
    def prices_for(self, customer_id: str) -> dict[str, PriceSource]:
        """Active product id → the price *customer_id* gets (:func:`~crm_desktop.domain.products.price_for`)."""
        segment = self.segment_of(customer_id)
        with self.ctx.db.reading() as tx:
            lists = q.price_lists(tx)
            catalogue = q.products(tx, include_inactive=False)
        return {prod.id: p.price_for(prod, customer_id, segment, lists) for prod in catalogue}


__all__ = ["InvalidPriceList", "InvalidProduct", "PriceListInput", "PriceListNotFound", "ProductNotFound",
           "ProductService", "code_taken", "insert_product", "product_values"]
