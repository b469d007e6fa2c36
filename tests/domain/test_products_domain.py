"""Pure product rules: rates and quantities as typed, line totals, and which price a customer gets."""

from __future__ import annotations

import pytest

from crm_desktop.domain.products import (
    ListPrice,
    NumberError,
    PriceListRow,
    ProductRow,
    code_key,
    format_quantity,
    format_rate,
    line_total,
    lines_total,
    parse_quantity,
    parse_rate,
    price_for,
)

PEN = ProductRow("p1", "A-01", "签字笔", "支", 250, "CNY", 1300, True)
BOOK = ProductRow("p2", "B-02", "笔记本", "本", 1200, "CNY", 1300, True)


def _list(lid: str, name: str, segment: str | None = None, customers=(), **prices: int) -> PriceListRow:
    return PriceListRow(lid, name, segment, frozenset(customers), {k: ListPrice(v, "CNY") for k, v in prices.items()})


@pytest.mark.parametrize(("raw", "bp"), [("13", 1300), ("13%", 1300), ("13 %", 1300), ("１３％", 1300),
                                         ("0.13", 1300), ("6.5", 650), ("", 0), ("0", 0), ("100", 10000)])
def test_rates_as_people_type_them(raw, bp):
    """Percent with or without the sign, full-width, or a spreadsheet's fraction, in basis points."""
    assert parse_rate(raw) == bp


@pytest.mark.parametrize(("raw", "reason"), [("abc", "not_a_number"), ("101", "out_of_range"),
                                             ("13.125", "too_precise"), ("-5", "not_a_number")])
def test_bad_rates_say_why(raw, reason):
    """A rate that is no percentage, above 100 % or too precise is refused with its reason."""
    with pytest.raises(NumberError) as caught:
        parse_rate(raw)
    assert caught.value.reason == reason


def test_quantities_and_their_text_round_trip():
    """Quantities in thousandths; zero refused; the text drops needless decimals."""
    assert parse_quantity("2") == 2000 and parse_quantity("2.5") == 2500 and parse_quantity("1,000") == 1_000_000
    assert format_quantity(2500) == "2.5" and format_quantity(2000) == "2" and format_rate(650) == "6.5"
    with pytest.raises(NumberError):
        parse_quantity("0")
    with pytest.raises(NumberError):
        parse_quantity("1.0001")


def test_a_line_total_is_exact_and_rounds_half_up():
    """3 × 2.50 less 10 % is 6.75; 1 × 0.05 less 50 % rounds 2.5 fen up to 3; lines add up."""
    assert line_total(3000, 250, 1000) == 675
    assert line_total(1000, 5, 5000) == 3
    assert lines_total([(3000, 250, 1000), (1000, 1200, 0)]) == 1875


def test_codes_compare_without_case_or_spaces():
    """" a-01 " and "A-01" are one code."""
    assert code_key(" a-01 ") == code_key("A-01")


def test_a_customer_gets_their_own_list_then_their_segment_then_the_catalogue():
    """Own list beats the segment's; the segment's beats the catalogue; a product on no list costs its price."""
    own = _list("l1", "Zhang's prices", customers={"c1"}, p1=200)
    mvc = _list("l2", "MVC", segment="MVC", p1=220, p2=1000)
    lists = [mvc, own]
    assert price_for(PEN, "c1", "MVC", lists).price_minor == 200
    assert price_for(PEN, "c1", "MVC", lists).kind == "customer"
    assert price_for(BOOK, "c1", "MVC", lists).price_minor == 1000
    assert price_for(PEN, "c2", "MVC", lists).kind == "segment"
    assert price_for(PEN, "c2", "MGC", lists).price_minor == 250
    assert price_for(PEN, "c2", None, lists).kind == "catalogue"
    assert price_for(PEN, None, None, []).price_minor == 250


def test_among_two_lists_of_a_segment_the_first_by_name_wins():
    """Every book picks the same list when two apply."""
    a, b = _list("x", "A list", segment="MVC", p1=100), _list("y", "B list", segment="MVC", p1=90)
    assert price_for(PEN, "c", "MVC", [b, a]).list_name == "A list"
