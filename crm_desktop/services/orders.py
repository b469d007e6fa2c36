"""Orders: entering, editing and deleting a customer's purchases, and exact money parsing.

Money is integer minor units plus an ISO 4217 currency code (fen for CNY,
cents for USD, whole yen for JPY).  Amounts typed by users or read from files
are parsed with :mod:`decimal`, never float, so "19.99" is exactly 1999 fen;
an amount with more decimals than the currency has is refused rather than
rounded, because orders feed the value scores.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crm_desktop.db import timeline as q
from crm_desktop.db.database import Tx
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.db.types import parse_ts_required
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.lazy import LazyModule
from crm_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from crm_desktop.db import models
else:
    models = LazyModule("crm_desktop.db.models")  # the ORM models on first use (a write): reads need none


MINOR_DIGITS = {"JPY": 0, "KRW": 0, "VND": 0, "ISK": 0, "CLP": 0, "TWD": 2, "BHD": 3, "KWD": 3, "OMR": 3,
                "JOD": 3, "TND": 3}
"""Decimals of currencies that do not have two (ISO 4217); every other code has 2."""

COMMON_CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "TWD", "SGD", "KRW", "AUD")

CURRENCY_ALIASES = {"RMB": "CNY", "人民币": "CNY", "元": "CNY", "¥": "CNY", "￥": "CNY", "美元": "USD", "$": "USD",
                    "US$": "USD", "欧元": "EUR", "€": "EUR", "港币": "HKD", "港元": "HKD", "HK$": "HKD", "日元": "JPY",
                    "英镑": "GBP", "£": "GBP", "新台币": "TWD", "NT$": "TWD"}
"""What people write in a currency column, mapped to ISO codes."""

_PLAIN = re.compile(r"\d{1,18}(?:\.\d{1,9})?")
_SYMBOLS = re.compile(r"^(?:US\$|HK\$|NT\$|RMB|CNY|USD|EUR|HKD|[¥￥$€£])|(?:元|RMB|CNY|USD|EUR|HKD)$")


def minor_digits(currency: str) -> int:
    return MINOR_DIGITS.get(currency, 2)


@lru_cache(maxsize=1024)
def normalize_currency(raw: str, default: str = "CNY") -> str | None:
    """The ISO code for *raw* ("" gives *default*), or None when it is not a currency code."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return default
    alias = CURRENCY_ALIASES.get(text) or CURRENCY_ALIASES.get(text.upper())
    if alias:
        return alias
    return text.upper() if re.fullmatch(r"[A-Za-z]{3}", text) else None


class AmountError(ValueError):
    """Why an amount was refused: ``reason`` is "empty", "not_a_number", "negative", "too_precise" or
    "too_large"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


AMOUNT_MESSAGES = {
    "empty": QT_TRANSLATE_NOOP("errors", "The amount is missing."),
    "not_a_number": QT_TRANSLATE_NOOP("errors", "“{value}” is not an amount of money."),
    "negative": QT_TRANSLATE_NOOP("errors", "The amount “{value}” is negative; orders cannot be negative."),
    "too_precise": QT_TRANSLATE_NOOP("errors", "“{value}” has more decimals than {currency} allows."),
    "too_large": QT_TRANSLATE_NOOP("errors", "“{value}” is too large for an amount of money."),
}

MAX_AMOUNT_MINOR = 10 ** 18
"""Largest amount accepted, in minor units (10^16 yuan): beyond any order, below the SQLite INTEGER
limit (2**63 - 1 ≈ 9.2 × 10^18) that a 26-digit amount overflowed."""


def parse_amount(raw: str, currency: str = "CNY") -> int:
    """*raw* ("1,234.50", "¥99", "１２３") as exact integer minor units of *currency*; AmountError otherwise."""
    if raw and _PLAIN.fullmatch(raw):  # the common case in files: skip normalising
        scaled = Decimal(raw).scaleb(minor_digits(currency))
        if scaled != scaled.to_integral_value():
            raise AmountError("too_precise")
        return _bounded(int(scaled))
    text = unicodedata.normalize("NFKC", raw or "").strip().replace(" ", "")
    if not text:
        raise AmountError("empty")
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0], text[1:]
    text = sign + _SYMBOLS.sub("", text).strip()
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):
        text = text.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise AmountError("not_a_number")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AmountError("not_a_number") from None
    if value < 0:
        raise AmountError("negative")
    if value.adjusted() > 30:
        raise AmountError("too_large")  # before scaling: a 10,000-digit amount must not cost a big integer
    scaled = value.scaleb(minor_digits(currency))
    if scaled != scaled.to_integral_value():
        raise AmountError("too_precise")
    return _bounded(int(scaled))


def _bounded(minor: int) -> int:
    if minor > MAX_AMOUNT_MINOR:
        raise AmountError("too_large")
    return minor


def format_amount(minor: int, currency: str) -> str:
    """Integer minor units as "1,234.50 CNY" (exact: no float on the way)."""
    digits = minor_digits(currency)
    value = Decimal(minor).scaleb(-digits)
    return f"{value:,.{digits}f} {currency}"


def amount_error(exc: AmountError, raw: str, currency: str, field: str = "amount") -> ValidationError:
    return ValidationError(field, AMOUNT_MESSAGES[exc.reason], value=raw, currency=currency)


@dataclass
class OrderInput:
    """An order as typed: ``amount`` the text the user typed (parsed exactly), ``ordered_at`` aware."""

    customer_id: str
    ordered_at: datetime
    amount: str
    currency: str = "CNY"
    description: str = ""
    external_ref: str = ""


@dataclass(frozen=True, slots=True)
class OrderRow:
    """A stored order: money as ``amount_minor`` + ``currency``."""

    id: str
    customer_id: str
    ordered_at: datetime
    amount_minor: int
    currency: str
    description: str
    external_ref: str


class InvalidOrder(InvalidFields):
    """Raised when an order cannot be saved (nothing was saved); ``errors`` names the fields."""


class OrderNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This order no longer exists."))


def checked_currency(code: str, errors: list[ValidationError]) -> str:
    """*code* as a currency code (CNY, USD …); when it is none, CNY and one problem more in *errors*."""
    currency = normalize_currency(code)
    if currency is None:
        errors.append(ValidationError("currency", QT_TRANSLATE_NOOP(
            "errors", "“{value}” is not a currency code such as CNY or USD."), value=code))
        return "CNY"
    return currency


def validate_order(data: OrderInput) -> tuple[dict[str, Any], list[ValidationError]]:
    """(storage values, problems by field)."""
    errors: list[ValidationError] = []
    currency = checked_currency(data.currency, errors)
    amount = 0
    try:
        amount = parse_amount(data.amount, currency)
    except AmountError as exc:
        errors.append(amount_error(exc, data.amount, currency))
    if data.ordered_at is None or data.ordered_at.tzinfo is None:
        errors.append(ValidationError("ordered_at", QT_TRANSLATE_NOOP("errors", "Give the order a date.")))
    values = {"customer_id": data.customer_id, "amount_minor": amount, "currency": currency,
              "description": (data.description or "").strip(), "external_ref": (data.external_ref or "").strip()}
    if data.ordered_at is not None and data.ordered_at.tzinfo is not None:
        values["ordered_at"] = data.ordered_at.astimezone(UTC)
    return values, errors


class OrderService:
    """Orders of the open database."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, data: OrderInput) -> Created:
        """Save a new order; raises InvalidOrder (nothing saved) when a field is wrong."""
        values, errors = validate_order(data)
        if errors:
            raise InvalidOrder(errors)
        with self.ctx.db.writing() as tx:
            if q.customer_brief(tx, data.customer_id) is None:
                from crm_desktop.services.timeline import CustomerGone

                raise CustomerGone()
            order_id = insert_row(tx, models.Order, values, self.ctx.stamp())
        return Created(order_id, _written(data.customer_id))

    def get(self, order_id: str) -> OrderRow:
        with self.ctx.db.reading() as tx:
            d = q.order(tx, order_id)
        if d is None or d["deleted_stamp"] is not None:
            raise OrderNotFound()
        return OrderRow(d["id"], d["customer_id"], parse_ts_required(d["ordered_at"]), int(d["amount_minor"]),
                        d["currency"], d["description"] or "", d["external_ref"] or "")

    def update(self, order_id: str, data: OrderInput) -> Changes:
        """Save edits of an order (only changed fields get a stamp); returns what changed (empty: nothing)."""
        values, errors = validate_order(data)
        if errors:
            raise InvalidOrder(errors)
        values.pop("customer_id")
        with self.ctx.db.writing() as tx:
            d = self._live(tx, order_id)
            changed = update_row(tx, models.Order, order_id, values, self.ctx.stamp())
        return _written(d["customer_id"]) if changed else Changes()

    def delete(self, order_id: str) -> Changes:
        """Tombstone an order (undo with :meth:`restore`)."""
        with self.ctx.db.writing() as tx:
            d = self._live(tx, order_id)
            set_deleted(tx, models.Order, order_id, True, self.ctx.stamp())
        return _written(d["customer_id"])

    def restore(self, order_id: str) -> Changes:
        """Bring a deleted order back (the undo of delete)."""
        with self.ctx.db.writing() as tx:
            d = q.order(tx, order_id)
            if d is None:
                raise OrderNotFound()
            set_deleted(tx, models.Order, order_id, False, self.ctx.stamp())
        return _written(d["customer_id"])

    @staticmethod
    def _live(tx: Tx, order_id: str) -> dict[str, Any]:
        d = q.order(tx, order_id)
        if d is None or d["deleted_stamp"] is not None:
            raise OrderNotFound()
        return d


def _written(customer_id: str) -> Changes:
    """An order of *customer_id* was written: the value scores may change."""
    return Changes.of(Kind.ORDER, customers=[customer_id])
