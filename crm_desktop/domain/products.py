"""Products, price lists and the products on a deal, as plain values and pure rules.

* A product's ``code`` identifies it among the live products (compared without case and surrounding
  spaces: ``a-01`` and ``A-01 `` are one code); prices are integer minor units with a currency; the tax
  rate is in basis points (13 % is 1300).
* **The price a customer gets** (:func:`price_for`): the price on a list naming the customer, else on the
  list of the customer's segment (MVC, MGC …), else the catalogue price.
* **A deal's line** (:func:`line_total`): quantity (thousandths) × unit price less the discount, rounded
  half up to a minor unit; the deal's amount is the sum of its lines (:func:`lines_total`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

SEGMENTS = ("MVC", "MGC", "BZ", "migrator")
"""The customer segments a price list may apply to (the scores' segments)."""
MAX_CODE, MAX_NAME, MAX_UNIT, MAX_LIST_NAME = 64, 200, 20, 100
MAX_QUANTITY_MILLI = 10**12
"""A billion units at most, in thousandths."""


def code_key(code: str) -> str:
    """What makes two codes the same code: NFKC, no surrounding spaces, case folded."""
    return unicodedata.normalize("NFKC", code or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class ProductRow:
    """A stored product (``tax_bp``: basis points; ``price_minor`` in ``currency``)."""

    id: str
    code: str
    name: str
    unit: str
    price_minor: int
    currency: str
    tax_bp: int
    active: bool


@dataclass(frozen=True)
class ProductInput:
    """A product as typed: ``price`` and ``tax_rate`` are text ("1,280.00", "13%")."""

    code: str
    name: str
    unit: str = ""
    price: str = ""
    currency: str = "CNY"
    tax_rate: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class ListPrice:
    """A price of a product on a price list."""

    price_minor: int
    currency: str


@dataclass(frozen=True)
class PriceListRow:
    """A price list: it applies to ``segment`` (None: only to ``customer_ids``), with a price per product id."""

    id: str
    name: str
    segment: str | None
    customer_ids: frozenset[str] = frozenset()
    prices: Mapping[str, ListPrice] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PriceSource:
    """Where a customer's price came from: ``kind`` "customer", "segment" or "catalogue", and the list's name."""

    price_minor: int
    currency: str
    kind: str
    list_name: str = ""


def price_for(product: ProductRow, customer_id: str | None, segment: str | None,
              lists: Iterable[PriceListRow]) -> PriceSource:
    """The price *customer_id* (of *segment*, None when not scored) gets for *product*: a list naming the
    customer first, then the list of their segment, else the catalogue price.  Among several lists of one
    kind with a price, the first by name wins (so every book picks the same)."""
    ordered = sorted(lists, key=lambda pl: (pl.name, pl.id))
    if customer_id:
        for pl in ordered:
            if customer_id in pl.customer_ids and product.id in pl.prices:
                p = pl.prices[product.id]
                return PriceSource(p.price_minor, p.currency, "customer", pl.name)
    if segment:
        for pl in ordered:
            if pl.segment == segment and product.id in pl.prices:
                p = pl.prices[product.id]
                return PriceSource(p.price_minor, p.currency, "segment", pl.name)
    return PriceSource(product.price_minor, product.currency, "catalogue")


# --------------------------------------------------------------------------- numbers as typed

class NumberError(ValueError):
    """A typed rate or quantity that is not one (``reason``: "not_a_number", "out_of_range", "too_precise")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _decimal(raw: str) -> Decimal:
    text = unicodedata.normalize("NFKC", raw or "").strip().replace(" ", "").replace(",", "")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        raise NumberError("not_a_number")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above is a decimal
        raise NumberError("not_a_number") from None


def parse_rate(raw: str) -> int:
    """A percentage as typed ("13", "13%", "13 %", "１３％", or a spreadsheet's fraction "0.13") in basis points
    (0 to 10,000; two decimals of a percent at most).  Empty is 0."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return 0
    percent = text.endswith("%")
    value = _decimal(text.rstrip("%"))
    if not percent and value < 1 and "." in text:
        value *= 100  # 0.13 from a percent-formatted cell
    bp = value * 100
    if bp != bp.to_integral_value():
        raise NumberError("too_precise")
    if not 0 <= bp <= 10_000:
        raise NumberError("out_of_range")
    return int(bp)


def parse_quantity(raw: str) -> int:
    """A quantity as typed ("2", "2.5", "１,000") in thousandths; above zero, three decimals at most."""
    value = _decimal(raw)
    milli = value * 1000
    if milli != milli.to_integral_value():
        raise NumberError("too_precise")
    if not 0 < milli <= MAX_QUANTITY_MILLI:
        raise NumberError("out_of_range")
    return int(milli)


def format_rate(bp: int) -> str:
    """Basis points as the percent a person types: 1300 → "13", 650 → "6.5"."""
    text = f"{Decimal(bp).scaleb(-2):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_quantity(milli: int) -> str:
    """Thousandths as typed: 2000 → "2", 2500 → "2.5"."""
    text = f"{Decimal(milli).scaleb(-3):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


RATE_MESSAGES = {
    "not_a_number": QT_TRANSLATE_NOOP("errors", "“{value}” is not a percentage."),
    "out_of_range": QT_TRANSLATE_NOOP("errors", "“{value}” is not between 0 % and 100 %."),
    "too_precise": QT_TRANSLATE_NOOP("errors", "“{value}” has more than two decimals of a percent."),
}
QUANTITY_MESSAGES = {
    "not_a_number": QT_TRANSLATE_NOOP("errors", "“{value}” is not a quantity."),
    "out_of_range": QT_TRANSLATE_NOOP("errors", "The quantity “{value}” must be above zero."),
    "too_precise": QT_TRANSLATE_NOOP("errors", "“{value}” has more than three decimals."),
}


# --------------------------------------------------------------------------- a deal's lines

@dataclass(frozen=True, slots=True)
class DealLineRow:
    """A product on a deal, with the product's code, name and unit read beside it."""

    id: str
    deal_id: str
    product_id: str
    code: str
    name: str
    unit: str
    quantity_milli: int
    unit_price_minor: int
    discount_bp: int
    position: int = 0

    @property
    def total_minor(self) -> int:
        return line_total(self.quantity_milli, self.unit_price_minor, self.discount_bp)


@dataclass(frozen=True, slots=True)
class LineInput:
    """A line as the deal dialog holds it: the product, the quantity and discount as typed, the unit price
    in minor units of the deal's currency (the customer's price unless changed)."""

    product_id: str
    quantity: str
    unit_price_minor: int
    discount: str = ""


def line_total(quantity_milli: int, unit_price_minor: int, discount_bp: int) -> int:
    """quantity × unit price × (1 − discount), in minor units, rounded half up (exact integers)."""
    numerator = quantity_milli * unit_price_minor * (10_000 - discount_bp)
    denominator = 1000 * 10_000
    return (numerator + denominator // 2) // denominator


def lines_total(lines: Iterable[tuple[int, int, int]]) -> int:
    """The sum of :func:`line_total` over (quantity_milli, unit_price_minor, discount_bp) triples."""
    return sum(line_total(q, p, dbp) for q, p, dbp in lines)
