"""Orders: exact money parsing into minor units, entering, editing and deleting orders."""

from datetime import timedelta

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.orders import (
    AmountError,
    InvalidOrder,
    OrderInput,
    OrderService,
    format_amount,
    normalize_currency,
    parse_amount,
)


@pytest.mark.parametrize("raw, currency, minor", [
    ("19.99", "CNY", 1999), ("1,234.50", "CNY", 123450), ("¥99", "CNY", 9900), ("１２３", "CNY", 12300),
    ("0.1", "USD", 10), ("1500", "JPY", 1500), ("1.234", "KWD", 1234), ("100元", "CNY", 10000), (".5", "EUR", 50),
    ("99999999999999.99", "CNY", 9999999999999999),
])
def test_amounts_parse_exactly(raw, currency, minor):
    """Amounts become exact integer minor units (no float rounding)."""
    assert parse_amount(raw, currency) == minor


@pytest.mark.parametrize("raw, reason", [
    ("", "empty"), ("abc", "not_a_number"), ("-5", "negative"), ("-¥5", "negative"), ("1.005", "too_precise"),
    ("1e3", "not_a_number"), ("NaN", "not_a_number"), ("1,23", "not_a_number"),
    ("12345678901234567890123456", "too_large"), ("9" * 5000, "too_large"), ("10000000000000000.01", "too_large"),
])
def test_bad_amounts_are_refused(raw, reason):
    """Empty, non-numeric, negative, over-precise or overflowing amounts are refused with the reason."""
    with pytest.raises(AmountError) as info:
        parse_amount(raw, "CNY")
    assert info.value.reason == reason


def test_format_and_currency_aliases():
    """Minor units print with the currency's decimals; 人民币/RMB mean CNY."""
    assert format_amount(123450, "CNY") == "1,234.50 CNY"
    assert format_amount(1500, "JPY") == "1,500 JPY"
    assert normalize_currency("人民币") == "CNY" and normalize_currency("rmb") == "CNY"
    assert normalize_currency("") == "CNY" and normalize_currency("dollars") is None


def test_order_create_edit_delete(services, customers, clock):
    """An order is saved exactly, edited, deleted and restored."""
    svc = services.get(OrderService)
    cid = customers.create(CustomerInput(name="张伟")).id
    oid = svc.create(OrderInput(cid, clock() - timedelta(days=1), "1,280.50", "人民币", "打印纸")).id
    row = svc.get(oid)
    assert (row.amount_minor, row.currency, row.description) == (128050, "CNY", "打印纸")
    assert svc.update(oid, OrderInput(cid, clock(), "99", "USD", "paper"))
    assert svc.get(oid).amount_minor == 9900
    svc.delete(oid)
    svc.restore(oid)
    assert svc.get(oid).currency == "USD"


def test_invalid_order_saves_nothing(services, customers, clock):
    """A negative amount or unknown currency is refused by field."""
    svc = services.get(OrderService)
    cid = customers.create(CustomerInput(name="张伟")).id
    with pytest.raises(InvalidOrder) as info:
        svc.create(OrderInput(cid, clock(), "-3", "dollars"))
    assert {e.field for e in info.value.errors} == {"amount", "currency"}
